"""Classroom scoreboard: standings, ties, MVP tie rule, undo, atomic CSV round trip.

Ranking uses standard competition ranking ("1, 2, 2, 4"), as pandas ``rank(method="min")``;
checked on hand-made games and by property tests (total = sum of events, rank order)."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isq.errors import IsqDataError, IsqError
from isq.delivery.scoreboard_store import autosave_scoreboard, load_scoreboard
from isq.models.scoreboard import Scoreboard


def _game():
    b = Scoreboard(["红队", "蓝队", "绿队", "黄队"], members={"红队": ["张三", "王五"]})
    b.add_points("红队", 10, member="张三", reason="抢答")
    b.add_points("蓝队", 6, member="李四")
    b.add_points("绿队", 10)
    b.next_round()
    b.add_points("蓝队", 4, member="李四")
    b.bonus("黄队", 2, reason="准时")
    return b


def test_standings_by_hand_with_shared_ranks():
    st_ = _game().standings()
    assert st_["team"].tolist() == ["红队", "蓝队", "绿队", "黄队"]
    assert st_["rank"].tolist() == [1, 1, 1, 4]
    assert st_["total"].tolist() == [10, 10, 10, 2]
    assert st_["round_1"].tolist() == [10, 6, 10, 0] and st_["round_2"].tolist() == [0, 4, 0, 2]
    assert st_["bonus"].tolist() == [0, 0, 0, 2]


def test_mvp_tie_goes_to_who_reached_the_total_first():
    """张三 reached 10 with the first event; 李四 reached 10 later: 张三 is MVP."""
    m = _game().mvp()
    assert (m["member"], m["team"], m["points"], m["tied"]) == ("张三", "红队", 10.0, ["李四"])
    assert Scoreboard(["A"]).mvp() is None


def test_undo_and_current_round():
    b = _game()
    ev = b.undo()
    assert ev["team"] == "黄队" and ev["kind"] == "bonus" and ev["round"] == 2
    assert b.standings().set_index("team").loc["黄队", "total"] == 0
    b.undo(); b.undo(); b.undo(); b.undo()
    with pytest.raises(IsqError, match="Nothing to undo"):
        b.undo()


def test_save_load_round_trip_atomic(tmp_path):
    path = tmp_path / "board.csv"
    b = autosave_scoreboard(Scoreboard(["红队", "蓝队"]), path)
    b.add_points("红队", 3.5, member="张三", reason="抢答, 第一题")
    b.round = "决赛"
    b.bonus("蓝队", 2)
    again = load_scoreboard(path)             # as after a kernel restart
    pd.testing.assert_frame_equal(again.standings(), b.standings())
    assert again.round == "决赛" and again.mvp()["member"] == "张三"
    again.add_points("蓝队", 1)                 # keeps autosaving to the same file
    assert load_scoreboard(path).standings().set_index("team").loc["蓝队", "total"] == 3
    assert [p.name for p in tmp_path.iterdir()] == ["board.csv"]   # no temp files left
    f = Scoreboard.from_frame(b.to_frame())
    assert f.teams == ["红队", "蓝队"] and f.events["points"].sum() == 5.5


def test_errors():
    b = _game()
    with pytest.raises(IsqError, match=r"Unknown team '紫队'. Teams on this board: 红队, 蓝队"):
        b.add_points("紫队", 1)
    with pytest.raises(IsqError, match=r"Unknown member '赵六' of team '红队'. Members: 张三, 王五"):
        b.add_points("红队", 1, member="赵六")
    with pytest.raises(IsqError, match=r"`points` must be a number; got 'ten'"):
        b.add_points("红队", "ten")
    with pytest.raises(IsqError, match=r"Team names must be unique"):
        Scoreboard(["A", "A"])
    bad = b.to_frame()
    bad.loc[4, "kind"] = "penalty"
    with pytest.raises(IsqDataError, match=r"row 6, column 'kind', value 'penalty'"):
        Scoreboard.from_frame(bad)
    with pytest.raises(IsqDataError, match=r"lacks column\(s\) kind"):
        Scoreboard.from_frame(bad.drop(columns="kind"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABCD"), st.integers(-5, 20), st.integers(1, 3),
                          st.booleans()), max_size=30))
def test_properties_total_is_sum_of_events_and_ranks_ordered(events):
    b = Scoreboard(list("ABCD"))
    for team, pts, rnd, is_bonus in events:
        (b.bonus if is_bonus else b.add_points)(team, pts, round=rnd)
    s = b.standings()
    sums = {t: sum(p for tt, p, _, _ in events if tt == t) for t in "ABCD"}
    assert dict(zip(s["team"], s["total"])) == pytest.approx(sums)
    assert s["total"].is_monotonic_decreasing and s["rank"].is_monotonic_increasing
    assert (s["points"] + s["bonus"]).tolist() == pytest.approx(s["total"].tolist())
    round_cols = [c for c in s.columns if c.startswith("round_")]
    assert s[round_cols].sum(axis=1).tolist() == pytest.approx(s["total"].tolist())
    for r, t in zip(s["rank"], s["total"]):
        assert r == 1 + (s["total"] > t).sum()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scoreboard_plot(lang):
    """Bars sorted with the leader on top, rank labels, MVP in the title, no missing glyph."""
    import isq

    b = _game()
    with isq.theme():
        ax = isq.plot_scoreboard(b, lang=lang)
        ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[0] == ("第1名  红队" if lang == "zh" else "#1  红队")     # top bar
    assert ticks[-1].endswith("黄队")
    assert "张三" in ax.get_title()
    ax2 = isq.plot_scoreboard(b.standings(), lang=lang)
    assert "MVP" not in ax2.get_title()


def test_scoreboard_colours_follow_team_identity():
    """Trainer report: teams were coloured by position, so 红队 was drawn blue and 蓝队 red.
    Colour words win; other teams keep one colour whatever their rank or redraw."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    import isq
    from isq.plots.scoreboard import team_colours

    board = isq.Scoreboard(["蓝队", "红队", "绿队", "Alpha", "Beta"])
    board.add_points("红队", 9, member="张三")
    board.add_points("Beta", 4, member="李四")

    def colours():
        with isq.theme():
            fig, ax = plt.subplots(figsize=(10, 6))
            isq.plot_scoreboard(board, ax=ax)
            teams = [t.get_text().split()[-1] for t in ax.get_yticklabels()]
            out = dict(zip(teams[::-1], [to_hex(p.get_facecolor()) for p in ax.patches][::-1]))
            plt.close(fig)
        return out

    first = colours()
    assert first["红队"] == "#d62728" and first["蓝队"] == "#1f77b4" and first["绿队"] == "#2ca02c"
    board.add_points("Alpha", 20, member="王五")  # rank order changes
    assert colours() == first
    assert team_colours(["Beta", "Alpha"]) == team_colours(["Alpha", "Beta"])
    assert len(set(first.values())) == 5
