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


def test_value_loop_majority_sign_and_polarity():
    """服务价值链的正负反馈循环 (1-day outline, 第一讲 二.1): the loop's polarity is the product
    of its link signs (system dynamics: an even number of negative links = reinforcing)."""
    links = isq.load_demo("value_loop")
    v = isq.value_loop(links)
    assert v["source"].tolist()[0] == "内部服务质量" and v["target"].tolist()[-1] == "内部服务质量"
    assert v.set_index("source").loc["员工满意", "agree"] == 0.75 and (v["sign"] == 1).all()
    assert v.attrs["polarity"] == "reinforcing"
    flipped = links.assign(sign=lambda d: d["sign"].where(d["source"] != "客户满意", -1))
    assert isq.value_loop(flipped).attrs["polarity"] == "balancing"
    with pytest.raises(isq.IsqError, match="闭环"):
        isq.value_loop(links[links["source"] != "客户满意"])
    with pytest.raises(isq.IsqError, match="\\+1 or −1"):
        isq.value_loop(links.assign(sign=0))
    with isq.theme():
        isq.plot_value_loop(v).figure.canvas.draw()


@pytest.mark.parametrize("exercise, right, wrong, says", [
    ("13.1", "2025-03", "2025-04", "不对"),
    ("13.2", 0.72, 72, "不是百分数"),
    ("13.3", {"询价比价", "发票校验"}, {"询价比价"}, "缺少 1 项"),
    ("13.4", "R", "B", "偶数个"),
    ("14.1", "身份", "信念价值观", "并列时取更高的一层"),
    ("14.2", "理解情绪", "语言包装", "不对"),
    ("14.3", "responsiveness", "empathy", "不对"),
    ("14.4", "第2组", "第4组", "不对"),
    ("17.1", {"关怀", "合作", "沟通"}, {"关怀", "合作"}, "缺少 1 项"),
    ("17.5", {"a", "c", "d", "f"}, {"a", "b", "c", "d"}, "对人不对事"),
    ("17.6", "h", "a", "七要素之一"),
    ("17.10", {"a", "b", "d", "e"}, {"a", "b", "c", "d"}, "保密"),
    ("17.12", {"产品经济": "有形", "服务经济": "无形", "体验经济": "难忘"},
     {"产品经济": "有形", "服务经济": "无形", "体验经济": "无形"}, "难忘"),
    ("15.1", "一号厅", "二号厅", "不对"),
    ("15.2", 0.40, 0.35, "不对"),
    ("15.3", 4, 3, "不对"),
    ("15.4", {"习惯", "制度", "文化"}, {"习惯", "制度"}, "还不对"),
    ("15.5", {"Customer", "Competition", "Change"}, {"Care", "Concert", "Connect"}, "3C 要素"),
    ("16.1", "结果质量", "服务态度", "不对"),
    ("16.2", "起步级", "初始级", "不对"),
])
def test_checks_of_modules_13_to_17(exercise, right, wrong, says):
    assert isq.check(exercise, right).passed
    fb = isq.check(exercise, wrong)
    assert not fb.passed and says in str(fb)
