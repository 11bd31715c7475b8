"""Room tools of the five course outlines: process map, hall checklist, execution ladder,
five-star check, logical levels, team co-creation, value rings.

These are counting tools without a published statistic: each test recomputes the figure by
hand from the demo table (the reference is the course outline's own definition, cited per test).
"""

import pandas as pd
import pytest

import isq


def test_process_handoffs_by_hand():
    """内部服务流程培训 第三讲 四: each step's internal customer rates the hand-off; pain < 0."""
    steps = isq.load_demo("process_steps")
    h = isq.process_handoffs(steps)
    assert h["step"].tolist() == ["提出采购需求", "询价比价", "合同审核", "下单与跟单", "收货验收", "发票校验", "付款"]
    inv = steps[steps["step"] == "发票校验"]["score"]
    row = h.set_index("step").loc["发票校验"]
    assert row["score"] == pytest.approx(inv.mean()) and row["n"] == 5 and row["point"] == "pain"
    assert row["internal_customer"] == "PUR"
    assert h.set_index("step").loc["付款", "point"] == "delight"
    assert h.loc[h["weakest"], "step"].tolist() == ["询价比价", "发票校验"]
    with pytest.raises(isq.IsqError, match="score"):
        isq.process_handoffs(steps.assign(score=9))


def test_hall_diagnosis_by_hand():
    """服务价值管理 第一部分: the seven oddities plus process and execution causes, 0/1/2."""
    c = isq.load_demo("hall_checks")
    d = isq.hall_diagnosis(c).set_index(["hall", "group"])
    one = c[(c["hall"] == "二号厅") & (c["group"] == "oddity")]["mark"]
    assert d.loc[("二号厅", "oddity"), "score"] == one.sum() == 7
    assert d.loc[("二号厅", "oddity"), "share"] == pytest.approx(7 / 14)
    assert d.loc[("三号厅", "oddity"), "present"] == 2
    assert isq.hall_diagnosis(c).attrs["worst"]["一号厅"] == ["H01", "H05", "H10", "H11"]
    with pytest.raises(isq.IsqError, match="group"):
        isq.hall_diagnosis(c.assign(group="other"))


def test_execution_tracker_counts_and_groups():
    """服务价值管理 第三部分: 说了不听 → 听了不做 → 做了又错 → 错了不认 → 认了不改 → 改了又错."""
    a = isq.load_demo("execution_followup")
    t = isq.execution_tracker(a)
    assert t["name"].tolist() == list(isq.EXECUTION_STAGES.values())
    assert t["count"].sum() == len(a) == 16 and t.attrs["done_share"] == pytest.approx(6 / 16)
    by = isq.execution_tracker(a, by="hall")
    assert by.query("hall == '二号厅' and stage == 'heard_not_done'")["count"].item() == 2
    assert by.groupby("hall")["share"].sum().round(6).eq(1).all()
    with pytest.raises(isq.IsqError, match="不在允许的范围内"):
        isq.execution_tracker(pd.DataFrame({"stage": ["maybe"]}))


def test_five_star_check():
    """内部服务流程培训 第四讲: 主题明确、逻辑清晰、语言包装、理解情绪、关注利益."""
    f = isq.five_star_check(isq.load_demo("five_star")).set_index("message")
    assert f.loc["M2 申请 IT 加急", "stars"] == 4 and f.loc["M2 申请 IT 加急", "fix"] == "理解情绪"
    assert f.loc["M1 催报销审批", ["topic", "wording"]].tolist() == [5, 2]


def test_logical_levels_lowest_prefers_the_higher_level():
    p = isq.logical_levels_profile(isq.load_demo("logical_levels"))
    t1 = p[p["team"] == "第1组"]
    assert t1["name"].tolist() == ["环境", "行为", "能力", "信念价值观", "身份", "愿景"]
    assert t1.loc[t1["lowest"], "level"].tolist() == ["identity"]  # beliefs and identity tie at 2
    assert p.groupby("team")["lowest"].sum().eq(1).all()


def test_cocreation_plan_sums_votes_per_cluster():
    """团队共创: ideas → clusters → votes → action plan."""
    ideas = isq.load_demo("ideas")
    p = isq.cocreation_plan(ideas).set_index("cluster")
    resp = ideas[ideas["dimension"] == "responsiveness"]
    assert p.loc["responsiveness", "votes"] == resp["votes"].sum() and p.loc["responsiveness", "ideas"] == len(resp)
    assert p.loc["responsiveness", "lead_idea"] == "I01" and p["share"].sum() == pytest.approx(1)
    assert p["in_plan"].sum() == 3 and not p.loc["tangibles", "in_plan"]


def test_plots_draw_with_hostile_text():
    hostile = "=cmd|' /C calc'!A0 $x$ <script>"
    steps = isq.load_demo("process_steps").assign(step=lambda d: d["step"].where(d["step_order"] != 2, hostile))
    with isq.theme():
        ax = isq.plot_process_map(isq.process_handoffs(steps))
        assert any("\\$x\\$" in t.get_text() for t in ax.texts)
        ax.figure.canvas.draw()
        for ax in (isq.plot_hall_diagnosis(isq.hall_diagnosis(isq.load_demo("hall_checks"))),
                   isq.plot_execution_tracker(isq.execution_tracker(isq.load_demo("execution_followup"))),
                   isq.plot_five_star(isq.five_star_check(isq.load_demo("five_star"))),
                   isq.plot_logical_levels(isq.logical_levels_profile(isq.load_demo("logical_levels")), team="第2组"),
                   isq.plot_cocreation(isq.cocreation_plan(isq.load_demo("ideas"))),
                   isq.plot_on_time(isq.on_time_share(isq.load_demo("commitment_tracking"))),
                   isq.plot_value_rings(hostile, "让业务安心", "公司信誉")):
            ax.figure.canvas.draw()
    with pytest.raises(isq.IsqError, match="pass team="):
        isq.plot_logical_levels(isq.logical_levels_profile(isq.load_demo("logical_levels")))
