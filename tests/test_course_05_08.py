"""Course modules 05–08: exercise checks (solution passes, typical wrong answers get the
intended feedback), classroom widgets exercised headless, notebook parameters documented.

The notebooks themselves are executed end to end by nbval (``notebooks/`` is a testpath).
"""

from pathlib import Path

import pytest

import isq

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
STANDARD_PARAMETERS = {"data_dir", "client", "department", "wave", "lang", "audience", "seed"}


def _notebook(prefix):
    found = sorted(NOTEBOOKS.glob(f"{prefix}_*.ipynb"))
    if not found:
        pytest.skip(f"notebook {prefix} not written yet")
    return found[0]


# --- module 05: strategy house ------------------------------------------------------------

def test_5_1_solution_is_the_pillar_on_the_shortboard():
    """The demo shortboard is responsiveness (data/README.md truth 2); its pillar is 提速 IT 响应."""
    assert isq.check("5.1", "提速 IT 响应").passed
    assert isq.check("5.1", "提速IT响应").passed  # spacing does not matter


@pytest.mark.parametrize("answer, expected", [
    ("响应性", "短板维度本身"),
    ("responsiveness", "短板维度本身"),
    ("简化流程", "强化的是「可靠性」"),
    ("首问负责制", "是项目"),
    ("内部客户意识：下道工序就是客户", "地基"),
    ("全面提升", "没有叫"),
])
def test_5_1_typical_wrong_answers(answer, expected):
    fb = isq.check("5.1", answer)
    assert not fb.passed and expected in fb.message


def test_5_1_uses_the_context_house():
    house = isq.load_strategy("demo")
    assert isq.check("5.1", "简化流程", house=house, shortboard="reliability").passed


def test_5_2_complete_action_passes():
    fb = isq.check("5.2", {"what": "IT 服务台首问负责，2 小时内回复每一张工单", "owner": "IT", "due": "2026-04-30"})
    assert fb.passed, fb.message


@pytest.mark.parametrize("answer, expected", [
    ({"what": "上线工单系统并公示处理进度", "owner": "IT"}, "何时完成"),
    ({"what": "加强服务意识", "owner": "IT", "due": "2026-06-30"}, "口号"),
    ({"what": "上线工单系统并公示处理进度", "owner": "大家", "due": "2026-06-30"}, "没人负责"),
    ({"what": "上线工单系统并公示处理进度", "owner": ["IT", "HR"], "due": "2026-06-30"}, "只能是一个部门"),
    ({"what": "上线工单系统并公示处理进度", "owner": "IT", "due": "尽快"}, "不是一个具体日期"),
    ({"what": "上线工单系统并公示处理进度", "owner": "IT", "due": "2027-03-31"}, "不在策略年度"),
    ({"what": "上线工单系统并公示处理进度", "owner": "XYZ", "due": "2026-03-31"}, "不是公司里的部门"),
    ("上线工单系统", "请写一个字典"),
])
def test_5_2_typical_wrong_answers(answer, expected):
    fb = isq.check("5.2", answer, departments=["IT", "HR", "FIN"], year=2026)
    assert not fb.passed and expected in fb.message


# --- module 06: journey map and peak-end --------------------------------------------------

def test_6_1_solution_is_the_worst_touchpoint():
    """Demo truth 10 (data/README.md): the worst expense touchpoint before is 等待审批 (−2.50)."""
    fb = isq.check("6.1", "等待审批")
    assert fb.passed and "-2.50" in fb.message


@pytest.mark.parametrize("answer, expected", [
    ("审批", "阶段名"),
    ("被退回修改", "不是最深的一个"),
    ("到账通知", "是终点"),
    ("填写报销单", "是痒点"),
    ("领取电脑与账号", "没有叫"),
])
def test_6_1_typical_wrong_answers(answer, expected):
    fb = isq.check("6.1", answer)
    assert not fb.passed and expected in fb.message


def test_6_1_follows_the_journey_parameter():
    s = isq.journey_summary(isq.load_demo("journey"))
    onboarding = s[s["journey"] == "onboarding"]
    assert isq.check("6.1", "领取电脑与账号", summary=onboarding).passed


def test_6_2_solution_by_hand():
    """Peak-end rule of Kahneman et al. (1993): (worst + end) / 2 = (−3 + 1) / 2 = −1."""
    assert isq.check("6.2", (-3 + 1) / 2).passed
    assert isq.peak_end([0, 2, -3, -1, 1]) == -1.0


@pytest.mark.parametrize("answer, expected", [
    (1.0, "符号反了"),
    (-0.2, "平均值"),
    (-2, "忘了除以 2"),
    (1.5, "最高点"),
    (-1.5, "第一个触点"),
    (-0.5, "最高点当成了终点"),
    ("-1", "请填写一个数字"),
])
def test_6_2_typical_wrong_answers(answer, expected):
    fb = isq.check("6.2", answer)
    assert not fb.passed and expected in fb.message


def test_journey_sliders_redraw_headless():
    from isq.delivery.widgets.journey import journey_sliders

    s = isq.journey_summary(isq.load_demo("journey"))
    box = journey_sliders(s, journey="expense", version="before")
    assert round(box.state["peak_end"]["peak_end"], 2) == -0.88
    assert box.controls["t4"].description == "等待审批"
    box.controls["t7"].value = 3.0  # a delightful end
    assert box.last_values["t7"] == 3.0
    assert box.state["peak_end"]["peak_end"] == pytest.approx((-2.5 + 3.0) / 2)
    assert box.state["summary"].set_index("touchpoint").loc["到账通知", "point"] == "delight"


def test_journey_sliders_reject_unknown_journey():
    from isq.delivery.widgets.journey import journey_sliders

    s = isq.journey_summary(isq.load_demo("journey"))
    with pytest.raises(isq.IsqError, match="`journey`='travel' is not in the summary"):
        journey_sliders(s, journey="travel")


# --- module 07: service phrases -------------------------------------------------------------

def test_7_1_clean_rewrite_passes():
    fb = isq.check("7.1", "您好，报销审核由财务部小李负责，我已经把您的单据转给他，今天下班前给您回复进度。")
    assert fb.passed, fb.message


@pytest.mark.parametrize("answer, expected", [
    ("这不归我管，你自己去查吧！", "还有 2 处服务禁语"),
    ("不好意思，这不是我负责的，你自己去查", "「你自己去查」"),
    ("   ", "回复是空的"),
    (3, "写成一段文字"),
])
def test_7_1_typical_wrong_answers(answer, expected):
    fb = isq.check("7.1", answer)
    assert not fb.passed and expected in fb.message


def test_7_1_uses_the_room_library():
    room = isq.add_phrases(None, ["这个我不清楚"])
    assert isq.check("7.1", "这个我不清楚，稍后回复您。").passed
    fb = isq.check("7.1", "这个我不清楚，稍后回复您。", library=room)
    assert not fb.passed and "这个我不清楚" in fb.message


def test_7_2_hits_counted_with_repeats():
    """The message repeats 你怎么又来了: 6 hits of 5 distinct phrases."""
    from isq.delivery.checks.m07 import MESSAGE_7_2

    assert len(isq.check_phrases(MESSAGE_7_2)) == 6
    assert isq.check("7.2", 6).passed
    assert isq.check("7.2", 6.0).passed


@pytest.mark.parametrize("answer, expected", [
    (5, "不同禁语的种类数"),
    (1, "消息的条数"),
    (3, "少了"),
    (9, "多了"),
    ("6", "整数"),
])
def test_7_2_typical_wrong_answers(answer, expected):
    fb = isq.check("7.2", answer)
    assert not fb.passed and expected in fb.message


def test_phrase_checker_redraws_headless():
    from isq.delivery.widgets.phrases import phrase_checker

    box = phrase_checker(value="收到，今天下班前给您答复。")
    assert box.hits.empty and "没有发现" in box.result.value
    box.text.value = "这不归我管，你自己去查吧！"
    assert box.hits["match"].tolist() == ["这不归我管", "你自己去查吧"]
    assert box.result.value.count("<mark") == 2 and "发现 2 处" in box.result.value
    assert "我帮您联系对接人" in box.result.value  # the library's suggestion is shown
    box.text.value = "<b>这不归我管</b>"
    assert "&lt;b&gt;" in box.result.value  # pasted text is escaped


# --- module 08: satisfaction and peer ratings ------------------------------------------------

def test_8_1_nps_from_counts():
    """Reichheld (2003): NPS = %promoters − %detractors; 12/5/8 of 25 gives +16, as isq.nps does."""
    scores = [10] * 12 + [7] * 5 + [3] * 8
    assert isq.nps(scores)["nps"] == pytest.approx(16.0)
    assert isq.check("8.1", 16).passed
    assert isq.check("8.1", (12 - 8) / 25 * 100).passed


@pytest.mark.parametrize("answer, expected", [
    (0.16, "比例"),
    (-16, "符号反了"),
    (20, "分母漏了被动者"),
    (36, "被动者（7–8 分）算成了推荐者"),
    (48, "推荐者的比例"),
    (4, "人数之差"),
    ("16", "请填写一个数字"),
])
def test_8_1_typical_wrong_answers(answer, expected):
    fb = isq.check("8.1", answer)
    assert not fb.passed and expected in fb.message


def test_8_2_lenient_rater_is_sales():
    """Demo truth 9 (data/README.md): Sales raters score every provider about +0.5 higher."""
    for answer in ("SAL", "销售部", "Sales"):
        assert isq.check("8.2", answer).passed, answer


@pytest.mark.parametrize("answer, expected", [
    ("FIN", "被评得最高的部门"),
    ("PUR", "偏严"),
    ("LEG", "人数不足"),
    ("市场部", "不是评价部门"),
])
def test_8_2_typical_wrong_answers(answer, expected):
    fb = isq.check("8.2", answer)
    assert not fb.passed and expected in fb.message


def test_8_2_self_image_is_not_leniency():
    pr, sr = isq.load_demo("peer_ratings"), isq.load_demo("self_ratings")
    fb = isq.check("8.2", "IT", leniency=isq.peer_leniency(pr), self_vs_others=isq.peer_self_vs_others(pr, sr))
    assert not fb.passed and "自评比他评高得最多" in fb.message


def test_ranking_toggle_redraws_headless():
    """The module 08 classroom toggle: live_plot switching raw and leniency-adjusted rankings."""
    import ipywidgets as widgets

    pr = isq.load_demo("peer_ratings")
    rankings = {"raw": isq.peer_ranking(pr),
                "adjusted": isq.peer_ranking(isq.peer_adjusted(pr), score="adjusted_score")}
    titles = []
    box = isq.live_plot(lambda ax, version: titles.append(
        isq.plot_peer_ranking(rankings[version], ax=ax, title=version).get_title()),
        {"version": widgets.ToggleButtons(options=list(rankings))})
    box.controls["version"].value = "adjusted"
    assert box.last_values == {"version": "adjusted"} and titles == ["raw", "adjusted"]


def _parameters(prefix):
    papermill = pytest.importorskip("papermill")
    return papermill.inspect_notebook(str(_notebook(prefix)))


@pytest.mark.parametrize("prefix, extra", [("05", {"strategy"}), ("06", {"journey"}), ("07", set()), ("08", set())])
def test_notebook_parameters_documented(prefix, extra):
    params = _parameters(prefix)
    assert STANDARD_PARAMETERS | extra <= set(params)
    assert all(p["help"] for p in params.values()), "every parameter has a comment"
