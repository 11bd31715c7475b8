"""Tests for isq.models.strategy (strategy house, execution breakdown) and its plots."""

import datetime as dt

import pytest

import isq


def test_demo_house_loads_and_breaks_down():
    h = isq.load_strategy("demo")
    assert h["client"] == "示例集团"
    assert len(h["pillars"]) == 3 and len(h["foundation"]) == 4
    a = h["pillars"][0]["projects"][0]["actions"][0]
    assert a["due"] == dt.date(2026, 3, 31) and a["owner"] == "IT"
    t = isq.strategy_breakdown_table(h)
    assert list(t.columns) == ["strategy_no", "strategy", "dimension", "project_no", "project",
                               "project_owner", "action_no", "action", "owner", "due", "status"]
    assert len(t) == 14
    assert (t["due"].dt.year == 2026).all()
    assert set(t["owner"]) <= {"PRD", "SAL", "IT", "FIN", "HR", "PUR", "ADM", "LEG"}
    zh = isq.strategy_breakdown_table(h, lang="zh")
    assert {"策略", "项目", "行动", "负责人", "完成日期"} <= set(zh.columns)
    assert zh["维度"].iloc[0] == "响应性"


def _house():
    return {"roof": "目标", "pillars": [
        {"name": "A", "projects": [{"name": "p", "actions": [{"what": "x", "owner": "IT", "due": "2026-01-31"}]}]},
        {"name": "B"},
        {"name": "C", "projects": [{"name": "q", "actions": [
            {"what": "y", "owner": "HR", "due": "2026-02-01"},
            {"what": "z", "owner": "HR", "due": "2026-13-01"}]}]},
    ]}


def test_errors_name_the_key_path(tmp_path):
    with pytest.raises(isq.IsqError, match=r"pillars\[2\]\.projects\[0\]\.actions\[1\]\.due: expected a date YYYY-MM-DD"):
        isq.load_strategy(_house())
    f = tmp_path / "house.yaml"
    f.write_text("roof: 目标\npillars:\n  - name: A\n    projects:\n      - name: p\n        actions:\n"
                 "          - what: x\n            due: 2026-01-31\n", encoding="utf-8")
    with pytest.raises(isq.IsqError, match=r"strategy file '.*house\.yaml': pillars\[0\]\.projects\[0\]\.actions\[0\]\.owner: required key is missing"):
        isq.load_strategy(f)
    with pytest.raises(isq.IsqError, match=r"^strategy: pillars: expected at least 1 entry"):
        isq.load_strategy({"roof": "x", "pillars": []})
    with pytest.raises(isq.IsqError, match=r"pillars\[0\]\.colour: unknown key"):
        isq.load_strategy({"roof": "x", "pillars": [{"name": "a", "colour": "red"}]})
    with pytest.raises(isq.IsqError, match="unknown owner 'XX'"):
        h = _house()
        h["pillars"][0]["projects"][0]["actions"][0]["owner"] = "XX"
        isq.load_strategy(h, departments=["IT", "HR"])
    with pytest.raises(isq.IsqError, match="does not exist"):
        isq.load_strategy(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("roof: [unclosed\n", encoding="utf-8")
    with pytest.raises(isq.IsqError, match="not valid YAML at line"):
        isq.load_strategy(bad)


def test_pillar_without_projects_gives_a_row():
    h = _house()
    h["pillars"][2]["projects"][0]["actions"][1]["due"] = "2026-12-01"
    t = isq.strategy_breakdown_table(h)
    assert t.loc[t["strategy"] == "B", "project"].isna().all()
    assert len(t) == 4


def test_plots_render():
    import matplotlib.pyplot as plt

    with isq.theme():
        for lang in ("zh", "en"):
            fig, (a1, a2) = plt.subplots(1, 2, figsize=(20, 8))
            assert isq.plot_strategy_house("demo", ax=a1, lang=lang) is a1
            assert isq.plot_breakdown_tree("demo", ax=a2, lang=lang) is a2
            fig.canvas.draw()


def test_wrap_breaks_chinese_between_phrases():
    """Trainer report: pillar names wrapped mid-word ("不推\\n诿")."""
    from isq.plots.strategy import _wrap

    assert _wrap("主动沟通、不推诿", 5) == "主动沟通、\n不推诿"
    assert _wrap("不推诿", 3) == "不推诿"
    assert _wrap("不推诿", 2) == "不\n推诿"  # too narrow: the two-character word stays whole
    assert _wrap("首问负责/限时办结", 5) == "首问负责/\n限时办结"
    assert _wrap("Fast and fair", 8) == "Fast and\nfair"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pillar_projects_end_above_the_dimension_label(lang):
    """Trainer report: in the middle pillar the last project ran into the dimension label."""
    import matplotlib.pyplot as plt

    with isq.theme():
        fig, ax = plt.subplots(figsize=(10, 6))
        isq.plot_strategy_house("demo", ax=ax, lang=lang)
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        bullets = [t for t in ax.texts if t.get_text().startswith("· ")]
        dims = [t for t in ax.texts if t.get_position()[1] == 2.75]
        assert bullets and dims
        for b in bullets:
            e = b.get_window_extent(r)
            for d in dims:
                f = d.get_window_extent(r)
                assert not (e.x0 < f.x1 and f.x0 < e.x1 and e.y0 < f.y1 and f.y0 < e.y1), b.get_text()
        plt.close(fig)
