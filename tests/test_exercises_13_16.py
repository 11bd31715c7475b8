"""Modules 13–16: typed answers (full-width digits, Chinese punctuation, no quotes) go through
the answer spec of each exercise and the answer box; the checks follow the notebook's results."""

import re
from pathlib import Path

import nbformat
import pytest

import isq
from isq.delivery.checks import answer_spec, registered_exercises
from isq.delivery.checks.parse import AnswerFormatError, Choice, Letters, Text

NOTEBOOKS = Path(isq.__file__).resolve().parents[1] / "notebooks"
IDS = ["13.1", "13.2", "13.3", "13.4", "14.1", "14.2", "14.3", "14.4",
       "15.1", "15.2", "15.3", "15.4", "15.5", "16.1", "16.2"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_exercise_of_13_to_16_has_an_answer_spec():
    ids = {e for e in registered_exercises() if e.split(".")[0] in {"13", "14", "15", "16"}}
    assert ids == set(IDS)
    text_ok = {"15.1"}  # a hall: its names come from the data
    assert all(not isinstance(answer_spec(e), Text) or e in text_ok for e in IDS)
    assert isinstance(answer_spec("13.4"), Choice) and isinstance(answer_spec("16.2"), Choice)


# exercise, right answer as typed, what it is understood as
RIGHT = [
    ("13.1", "２０２５－０３", "2025-03"),
    ("13.1", "2025年3月", "2025-03"),
    ("13.2", "０．７２", "0.72"),
    ("13.2", "７２％", "0.72"),
    ("13.3", "询价比价、发票校验", "询价比价、发票校验"),
    ("13.3", "【发票校验，询价比价】。", "发票校验、询价比价"),
    ("13.4", "Ｒ", "增强回路（R）"),
    ("13.4", "增强回路", "增强回路（R）"),
    ("14.1", "“身份”。", "身份"),
    ("14.2", "理解情绪", "理解情绪"),
    ("14.3", "响应性", "响应性（responsiveness）"),
    ("14.4", "第二组", "第2组"),
    ("14.4", "２组", "第2组"),
    ("15.1", "一号厅", "一号厅"),
    ("15.1", "１号厅", "1号厅"),
    ("15.2", "＋０．４０", "0.4"),
    ("15.2", "40%", "0.4"),
    ("15.3", "４", "4"),
    ("15.4", "习惯、制度、文化", "习惯、制度、文化"),
    ("15.4", "习惯的力量，制度的力量，文化的力量", "习惯的力量、制度的力量、文化的力量"),
    ("15.5", "客户、竞争、变化", "客户、竞争、变化"),
    ("15.5", "Ｃｕｓｔｏｍｅｒ，Competition，Change", "Customer、Competition、Change"),
    ("16.1", "结果质量", "结果质量"),
    ("16.1", "Quality of results", "结果质量"),
    ("16.2", "起步级", "起步级"),
    ("16.2", "２级", "起步级"),
]


@pytest.mark.parametrize("exercise, typed, understood", RIGHT)
def test_typed_right_answer_passes(exercise, typed, understood):
    fb = isq.check_text(exercise, typed)
    assert fb.passed, fb
    assert fb.understood == understood
    assert str(fb).startswith(f"你的答案理解为：{understood}\n✓")


def test_every_exercise_has_a_typed_right_and_a_typed_wrong_case():
    assert {e for e, _, _ in RIGHT} == set(IDS) == {e for e, _, _ in WRONG}


# exercise, wrong answer as typed, what the Chinese feedback says
WRONG = [
    ("13.1", "２０２５－０４", "不对"),
    ("13.1", "三月", "不是一个月份"),
    ("13.2", "７２", "不是百分数"),
    ("13.2", "０．８", "不对"),
    ("13.3", "询价比价", "缺少 1 项"),
    ("13.4", "B", "偶数个"),
    ("13.4", "不知道", "没有认出"),
    ("14.1", "信念价值观", "并列时取更高的一层"),
    ("14.2", "语言包装", "不对"),
    ("14.3", "移情性", "不是得票最多的主题"),
    ("14.4", "第4组", "不对"),
    ("15.1", "二号厅", "不对"),
    ("15.2", "－０．４", "符号反了"),
    ("15.3", "３", "不对"),
    ("15.3", "4.5", "不是整数"),
    ("15.4", "习惯，制度", "还不对"),
    ("15.5", "Care、Concert、Connect", "3C 要素"),
    ("16.1", "服务态度", "不对"),
    ("16.2", "初始级", "不对"),
]


@pytest.mark.parametrize("exercise, typed, says", WRONG)
def test_typed_wrong_answer_fails_with_chinese_feedback(exercise, typed, says):
    fb = isq.check_text(exercise, typed)
    assert not fb.passed
    assert says in str(fb)
    assert CJK.search(fb.message) and (not fb.hint or CJK.search(fb.hint))


@pytest.mark.parametrize("exercise", IDS)
def test_empty_box_says_not_answered(exercise):
    assert "还没有作答" in isq.check_text(exercise, "  ").message


def test_letters_and_month_specs():
    L = Letters()
    assert L.parse("Ａ、ｃ，D f") == ["a", "c", "d", "f"] == L.parse("(a,c,d,f)") == L.parse("ACDF")
    with pytest.raises(AnswerFormatError, match="选项字母"):
        L.parse("a、乙")
    month = answer_spec("13.1")
    assert month.parse("２０２５／３") == month.parse("2025.03") == month.parse("2025年03月份") == "2025-03"
    with pytest.raises(AnswerFormatError, match="月份"):
        month.parse("2025-13")


def test_python_values_still_pass():
    for ex, value in [("13.1", "2025-03"), ("13.2", 0.72), ("13.3", {"询价比价", "发票校验"}), ("13.4", "R"),
                      ("13.4", "reinforcing"), ("14.3", "responsiveness"), ("14.3", "响应性"), ("14.4", "第2组"),
                      ("15.1", "一号厅"), ("15.2", 0.4), ("15.3", 4), ("16.1", "结果质量"), ("16.2", "起步级")]:
        assert isq.check(ex, value).passed, (ex, value)


# --- the answer box ------------------------------------------------------------------------

def test_answer_box_dropdowns_and_text_of_13_to_16():
    import ipywidgets as w

    ready = isq.answer_box("14.4")
    assert isinstance(ready.controls["answer"], w.Dropdown)
    ready.controls["answer"].value = "第2组"
    assert ready.submit().passed
    loop = isq.answer_box("13.4")
    assert isinstance(loop.controls["answer"], w.Dropdown)
    loop.controls["answer"].value = "R"
    assert loop.submit().passed
    steps = isq.answer_box("13.3")
    steps.controls["answer"].value = "询价比价，发票校验"  # Enter submits
    assert steps.feedback.passed and "你的答案理解为：询价比价、发票校验" in steps.result.value
    share = isq.answer_box("13.2")
    share.controls["answer"].value = "０．８５"
    assert not share.feedback.passed


# --- the checks follow the notebook's results ------------------------------------------------

def test_checks_take_the_notebook_context():
    data = isq.load_demo("commitment_tracking")
    shares = isq.on_time_share(data)
    shares.loc[shares["provider"] == "ADM", "share"] = 0.5
    assert isq.check_text("13.2", "0.5", shares=shares).passed
    assert not isq.check_text("13.2", "0.72", shares=shares).passed
    chart = isq.on_time_chart(data, "IT").assign(out_of_control=False)
    chart.loc[chart["month"].astype(str) == "2025-06", "out_of_control"] = True
    assert isq.check_text("13.1", "2025年6月", chart=chart).passed
    assert not isq.check_text("13.1", "2025-03", chart=chart).passed
    plan = isq.cocreation_plan(isq.load_demo("ideas")).iloc[[1, 0, 2, 3, 4]]
    assert isq.check_text("14.3", isq.labels.label(plan["cluster"].iloc[0], "zh"), plan=plan).passed
    assert not isq.check_text("14.3", "响应性", plan=plan).passed
    ready = isq.communication_readiness(isq.open_workshop().worksheets)
    ready.loc[ready["team"] == "第4组", "share"] = 0.5
    assert isq.check_text("14.4", "第4组", readiness=ready).passed
    assert not isq.check_text("14.4", "第2组", readiness=ready).passed
    follow = isq.execution_tracker(isq.load_demo("execution_followup"))
    follow.loc[follow["stage"] == "heard_not_done", "count"] = 7
    assert isq.check_text("15.3", "７", follow=follow).passed
    loop = isq.value_loop(isq.load_demo("value_loop"))
    loop.attrs["polarity"] = "balancing"
    assert isq.check_text("13.4", "调节回路", loop=loop).passed
    assert "奇数个" in isq.check_text("13.4", "R", loop=loop).hint


# --- the notebooks use the answer box ---------------------------------------------------------

@pytest.mark.parametrize("prefix", ["13_", "14_", "15_", "16_"])
def test_notebook_exercise_cells_use_the_answer_box(prefix):
    nb = nbformat.read(next(NOTEBOOKS.glob(f"{prefix}*.ipynb")), as_version=4)
    exercises = {}
    solutions = {}
    for c in nb.cells:
        tags = set(c.metadata.get("tags", []))
        if "exercise" in tags:
            m = re.fullmatch(r'(answer_(\d+)_(\d+)) = \.\.\.  # 在此作答；或直接用下面的答题框\n'
                             r'isq\.answer_box\("(\d+\.\d+)", \1(.*)\)', c.source)
            assert m, c.source
            assert m.group(4) == f"{m.group(2)}.{m.group(3)}"
            exercises[m.group(4)] = m.group(5)
            assert not c.outputs
        elif "solution" in tags and "isq.check(" in c.source:
            m = re.search(r'isq\.check\("(\d+\.\d+)", answer_\d+_\d+(.*)\)', c.source)
            solutions[m.group(1)] = m.group(2)
    assert exercises and exercises == solutions  # the same context in the box and the solution
    assert set(exercises) == {e for e in IDS if e.startswith(prefix[:2])}


@pytest.mark.parametrize("prefix", ["13_", "14_", "15_", "16_"])
def test_no_reading_gives_the_answer_away_before_its_exercise(prefix):
    """A 解读 that names the answer comes after the solution, not in the exercise's prompt."""
    nb = nbformat.read(next(NOTEBOOKS.glob(f"{prefix}*.ipynb")), as_version=4)
    for c in nb.cells:
        if c.cell_type == "markdown" and "**练习 " in c.source:
            assert "**解读**" not in c.source, c.id
