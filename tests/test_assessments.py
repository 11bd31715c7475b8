"""Self-assessment scoring (isq/models/assessments.py) and charts.

The instruments are original to isq, so there is no published table to reproduce; the
scoring rules are documented in the docstrings and every test below checks them on a
hand-computed example (the arithmetic is written out in each docstring).
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import isq


def test_wheel_hand_example():
    """Two members, W1: present (6 + 8)/2 = 7, past 4, future 9 -> change 3, stretch 2."""
    d = pd.DataFrame({"team": "A", "period": ["past", "present", "present", "future"],
                      "item": "W1", "score": [4, 6, 8, 9]})
    r = isq.score_balance_wheel(d)
    row = r.iloc[0]
    assert (row["past"], row["present"], row["future"], row["change"], row["stretch"], row["n"]) == \
        (4.0, 7.0, 9.0, 3.0, 2.0, 2)
    assert list(r.columns) == ["team", "dimension", "past", "present", "future", "change", "stretch", "n"]
    assert r.attrs["balance"]["A"]["lowest"] == "responsiveness"


def test_wheel_bad_period_and_item():
    d = pd.DataFrame({"team": "A", "period": ["now"], "item": ["W1"], "score": [5]})
    with pytest.raises(isq.IsqError, match="must be one of past, present, future"):
        isq.score_balance_wheel(d)
    d = pd.DataFrame({"team": "A", "period": ["past"], "item": ["W9"], "score": [5]})
    with pytest.raises(isq.IsqError, match="'W9'.*not items of the 'wheel'"):
        isq.score_balance_wheel(d)
    d = pd.DataFrame({"team": "A", "period": ["past"], "item": ["W1"], "score": [11]})
    with pytest.raises(isq.IsqError, match="from 1 to 10"):
        isq.score_balance_wheel(d)


def test_standards_anchor_rank_and_weakest():
    """S1 (2 + 3)/2 = 2.5 -> anchor 3 (half-up), the weakest, rank 5; S4 4.5 -> rank 1."""
    d = pd.DataFrame({"team": "A", "item": ["S1", "S2", "S3", "S4", "S5"] * 2,
                      "score": [2, 4, 3, 5, 4, 3, 4, 3, 4, 4]})
    r = isq.score_standards(d).set_index("standard")
    assert r.loc["fastest_response", "score"] == 2.5 and r.loc["fastest_response", "anchor"] == 3
    assert r.loc["fastest_response", "rank"] == 5 and bool(r.loc["fastest_response", "weakest"])
    assert r.loc["perspective", "rank"] == 1 and r.loc["keep_promises", "rank"] == 2


def test_levels_need_the_levels_below():
    """Awareness: basic 5, satisfying 4, delighting 3, unexpected 5 -> stands on 'satisfying'
    (the unexpected level does not count with delighting missing)."""
    d = pd.DataFrame({"team": "A", "item": ["LA1", "LA2", "LA3", "LA4", "LE1", "LE2", "LE3", "LE4"],
                      "score": [5, 4, 3, 5, 3, 5, 5, 5]})
    r = isq.place_service_level(d).set_index("aspect")
    assert r.loc["awareness", "level"] == "satisfying" and r.loc["awareness", "level_no"] == 2
    assert r.loc["experience", "level"] == "none" and r.loc["experience", "level_no"] == 0
    assert r.loc["experience", "next_level"] == "basic"


def test_knowledge_maturity_weakest_step():
    """Means 3.5, 3, 2.5, 4, 1.5 -> levels 3, 3, 2, 4, 1; team level = min = 1 初始级."""
    d = pd.DataFrame({"team": "A", "item": [f"KM{i}" for i in range(1, 11)],
                      "score": [4, 3, 3, 3, 2, 3, 4, 4, 2, 1]})
    r = isq.score_knowledge(d)
    assert r["level_no"].tolist() == [3, 3, 2, 4, 1]
    assert set(r["team_level"]) == {"初始级"}
    assert r.loc[r["weakest"], "process"].tolist() == ["improve"]


def test_thinking_scores():
    """systems (4+4+5)/3 = 4.333, open 3, emotion_reason 3, perspective 4.333."""
    d = pd.DataFrame({"team": "A", "item": [f"T{i}" for i in range(1, 13)],
                      "score": [4, 4, 5, 3, 3, 3, 4, 2, 3, 5, 4, 4]})
    r = isq.score_thinking(d)
    np.testing.assert_allclose(r["score"], [13 / 3, 3, 3, 13 / 3])
    assert r["rank"].tolist() == [1, 3, 3, 1]


def test_patrol_trend_partial_visit_and_weakest():
    """Visit 1: 1 + 0 + 2 = 3 of 6 = 50 %; visit 2 checks only two items: 2 + 1 = 3 of 4 = 75 %."""
    d = pd.DataFrame({"team": "IT", "visit": [1, 1, 1, 2, 2],
                      "item": ["P01", "P05", "P07", "P01", "P05"], "score": [1, 0, 2, 2, 1]})
    r = isq.score_patrol(d)
    assert r["percent"].tolist() == [0.5, 0.75] and r["max_points"].tolist() == [6, 4]
    assert r["change"].iloc[1] == pytest.approx(0.25)
    w = isq.patrol_weakest(d, k=1)
    assert w["item"].tolist() == ["P05"] and w["mean_percent"].iloc[0] == 0.25
    assert w["trend"].iloc[0] == 0.5 and w["area"].iloc[0] == "响应与办理"


def test_patrol_visits_ordered_as_dates():
    d = pd.DataFrame({"team": "IT", "visit": ["2026-10-05", "2026-9-01"], "item": "P01", "score": [2, 0]})
    assert isq.score_patrol(d)["visit"].tolist() == ["2026-9-01", "2026-10-05"]


def test_does_not_mutate_input():
    d = pd.DataFrame({"team": "A", "item": ["S1"], "score": [3]})
    before = d.copy()
    isq.score_standards(d)
    pd.testing.assert_frame_equal(d, before)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plots_render_without_missing_glyphs(lang):
    import matplotlib.pyplot as plt

    ws = isq.load_workshop("data/workshop")
    t = ws.tables
    with isq.theme(), warnings.catch_warnings():
        warnings.simplefilter("error")
        wheel = isq.score_balance_wheel(t["assessments/wheel"])
        _, ax = plt.subplots(subplot_kw={"projection": "polar"})
        assert isq.plot_balance_wheel(wheel, team="第1组", ax=ax, lang=lang) is ax
        assert len(ax.get_lines()) == 3
        for fn, plot in [(isq.score_standards, isq.plot_standards),
                         (isq.place_service_level, isq.plot_service_levels),
                         (isq.score_knowledge, isq.plot_knowledge_maturity),
                         (isq.score_thinking, isq.plot_thinking), (isq.score_patrol, isq.plot_patrol_trend)]:
            name = {"score_standards": "standards", "place_service_level": "levels",
                    "score_knowledge": "knowledge", "score_thinking": "thinking",
                    "score_patrol": "patrol"}[fn.__name__]
            fig, ax = plt.subplots()
            assert plot(fn(t[f"assessments/{name}"]), ax=ax, lang=lang) is ax
            fig.canvas.draw()
        fig, ax = plt.subplots()
        isq.plot_patrol_weakest(isq.patrol_weakest(t["assessments/patrol"], lang=lang), ax=ax, lang=lang)
        fig.canvas.draw()


def test_wheel_plot_needs_team_when_several():
    ws = isq.load_workshop("data/workshop")
    wheel = isq.score_balance_wheel(ws.tables["assessments/wheel"])
    with pytest.raises(isq.IsqError, match="pick one with `team=`"):
        isq.plot_balance_wheel(wheel)
