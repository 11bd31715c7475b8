"""Exercises for participants who are not programmers (issue 11, item 4).

- the answer parser (:mod:`isq.delivery.checks.parse`): full-width and half-width input read
  the same (Unicode NFKC, the Unicode Standard Annex #15 compatibility mapping), Chinese
  punctuation and minus signs understood;
- :func:`isq.check_text` and the answer box: feedback says what was understood;
- every data-dependent check follows the data it is given: the right answer under other
  data or parameters passes and the demo company's answer is rejected (the right answers
  are recomputed here with the isq function the notebook uses, the reference for each).
"""

import html

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import isq
from isq.delivery.checks import Typed, answer_spec, registered_exercises
from isq.delivery.checks.parse import AnswerFormatError, Choice, Items, Number, Numbers, Parts, Text, normalize

FULL = {c: chr(ord(c) + 0xFEE0) for c in "0123456789.-+%,"}


def _full_width(text):
    return "".join(FULL.get(c, c) for c in text)


# --- the parser --------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False))
def test_full_width_and_half_width_numbers_read_the_same(x):
    text = f"{x:.6f}"
    assert Number().parse(_full_width(text)) == Number().parse(text) == pytest.approx(float(text))


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0, max_value=1e4, allow_nan=False, allow_infinity=False),
       st.sampled_from(["\u2212", "\uff0d", "\u2013", "-", "负"]),
       st.sampled_from(["", " ", "\u3000"]), st.sampled_from(["", "。", "．"]))
def test_any_minus_sign_spaces_and_full_stop(x, minus, space, stop):
    text = f"{x:.3f}"
    assert Number().parse(f"{space}{minus}{space}{text}{stop}{space}") == pytest.approx(-float(text))


@pytest.mark.parametrize("typed, value", [
    ("１２．５", 12.5), ("12。5", 12.5), ("−1.01", -1.01), ("－１．０１", -1.01), ("65%", 0.65),
    ("６５％", 0.65), ("1,234.5", 1234.5), (" 0.5 ", 0.5), ("“0.5”", 0.5), ("+2", 2.0), (".5", 0.5),
])
def test_number_examples(typed, value):
    assert Number().parse(typed) == pytest.approx(value)


def test_number_percent_points_and_integers():
    assert Number(percent="points").parse("16%") == 16
    assert Number(integer=True).parse("６") == 6 and isinstance(Number(integer=True).parse("6.0"), int)
    with pytest.raises(AnswerFormatError, match="不是整数"):
        Number(integer=True).parse("6.5")
    with pytest.raises(AnswerFormatError, match="「一半」不是一个数字"):
        Number().parse("一半")
    with pytest.raises(AnswerFormatError, match="答案是空的"):
        Number().parse("  ")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["响应慢", "流程繁琐", "推诿扯皮", "IT", "HR"]), min_size=1, max_size=4, unique=True),
       st.sampled_from(["，", "、", ",", "；", ", ", " 、 "]), st.sampled_from(["", "[]", "【】", "（）"]))
def test_items_any_chinese_or_ascii_separator_and_brackets(items, sep, brackets):
    text = sep.join(items)
    if brackets:
        text = brackets[0] + text + brackets[1]
    assert Items().parse(text) == items


def test_choice_reads_codes_labels_quotes_and_case():
    c = Choice({"M": "必备型", "O": "期望型"})
    for typed in ("M", "m", "必备型", "“必备型”", "「必备型」。", " 必备型（M） ", "'M'"):
        assert c.parse(typed) == "M", typed
    assert c.parse("魅力型") == "魅力型"  # not an option: passed on for the check to explain


def test_text_keeps_chinese_punctuation_but_folds_full_width_letters():
    assert Text().parse("“内部客户意识：下道工序就是客户”。") == "内部客户意识：下道工序就是客户"
    assert Text().parse("ＩＴ") == "IT"
    assert Text(sentence=True).parse("您好，我来处理。") == "您好，我来处理。"
    assert normalize("（１２．５％）") == "(12.5%)"


def test_parts_named_or_in_order():
    p = Parts({"a": Number(), "b": Number()})
    assert p.parse("a：1，b：２") == {"a": 1.0, "b": 2.0}
    assert p.parse("b=2, a=1") == {"a": 1.0, "b": 2.0}
    assert p.parse("1，2") == {"a": 1.0, "b": 2.0}
    assert p.parse("{“a”：１， “b”：２}") == {"a": 1.0, "b": 2.0}  # a dict typed with Chinese quotes
    assert p.parse("a 1，b 2") == {"a": 1.0, "b": 2.0}
    action = Parts({"what": Text(sentence=True), "owner": Text(), "due": Text()})
    assert action.parse("{“what”: “首问负责，2 小时内回复”, “owner”: “IT”, “due”: “2026-04-30”}") == {
        "what": "首问负责,2 小时内回复", "owner": "IT", "due": "2026-04-30"}
    with pytest.raises(AnswerFormatError, match="2 项"):
        p.parse("1，2，3")
    assert Numbers(2).parse("（８，１６０）") == (8, 160)


def test_every_exercise_has_an_answer_spec():
    """The 29 exercises of modules 00–12 each say how a typed answer is read (not just the text default)."""
    ids = [e for e in registered_exercises() if e != "demo.1" and int(e.split(".")[0]) <= 12]
    assert len(ids) >= 29
    course = {"0.1", "0.2", "1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "5.1", "5.2",
              "6.1", "6.2", "7.1", "7.2", "8.1", "8.2", "9.1", "9.2", "9.3", "10.1", "10.2", "11.1", "11.2",
              "12.1", "12.2"}
    assert course <= set(ids)
    text_ok = {"0.2", "1.2", "5.1", "6.1", "7.1", "8.2"}  # the answer is a name or a sentence
    assert all(not isinstance(answer_spec(e), Text) or e in text_ok for e in course)


# --- typed answers: what was understood ------------------------------------------------------

@pytest.mark.parametrize("exercise, typed, understood", [
    ("0.1", "８，１６０", "8，160"),
    ("1.1", "a：职级客户，b：职能客户，c：工序客户，d：流程客户", "情景 a：职级客户，情景 b：职能客户，情景 c：工序客户，情景 d：流程客户"),
    ("2.1", "必备型", "必备型（M）"),
    ("2.3", "０．６５", "0.65"),
    ("3.1", "－１．８７", "−1.87"),
    ("3.2", "响应性", "响应性（responsiveness）"),
    ("3.3", "低于容忍区", "低于容忍区（below）"),
    ("4.1", "1，2，3，4", "情景 a：差距 1（认知），情景 b：差距 2（标准），情景 c：差距 3（交付），情景 d：差距 4（沟通）"),
    ("4.2", "−1.39", "−1.39"),
    ("6.2", "-1", "−1"),
    ("7.2", "６", "6"),
    ("8.1", "16%", "16"),
    ("8.2", "销售部", "销售部"),
    ("9.1", "响应慢，流程繁琐、推诿扯皮", "响应慢、流程繁琐、推诿扯皮"),
    ("9.2", "2%", "0.02"),
    ("10.1", "竞争", "竞争（competing）"),
    ("11.1", "低优先", "低优先（low_priority）"),
    ("11.2", "B，A", "B、A"),
    ("12.1", "b", "B"),
    ("12.2", "ADM、FIN、HR、IT", "ADM、FIN、HR、IT"),
])
def test_typed_answers_are_understood_and_accepted(exercise, typed, understood):
    fb = isq.check_text(exercise, typed)
    assert fb.passed, fb
    assert fb.understood == understood
    assert str(fb).startswith(f"你的答案理解为：{understood}\n✓")


def test_typed_wrong_answer_names_the_typical_mistake():
    fb = isq.check_text("3.1", "１．８７")
    assert not fb.passed and fb.understood == "1.87" and "符号反了" in fb.message
    fb = isq.check_text("3.2", "“可靠性”")
    assert not fb.passed and "期望最高" in fb.message
    fb = isq.check_text("2.3", "65%")  # % means a share: 0.65, right
    assert fb.passed


def test_unreadable_or_empty_typed_answer_says_what_was_expected():
    fb = isq.check_text("3.1", "大概负两分")
    assert not fb.passed and "不是一个数字" in fb.message and fb.understood == ""
    assert "还没有作答" in isq.check_text("3.1", "  ").message
    assert "还没有作答" in isq.check_text("1.1", {"a": "", "b": "", "c": "", "d": ""}).message


def test_code_route_is_unchanged_for_python_values():
    assert isq.check("3.1", -1.87).passed and isq.check("3.1", -1.87).understood == ""
    assert "请填写一个数字" in isq.check("8.1", "16").message  # a Python string stays a string
    assert isq.check("3.2", Typed("可靠性")).understood == "可靠性（reliability）"  # unreadable code, read as typed


def test_hostile_text_is_escaped_in_feedback_html():
    evil = "<script>alert(1)</script>"
    for ex in ("1.2", "6.1", "9.1", "12.2", "5.1"):
        fb = isq.check_text(ex, evil)
        assert not fb.passed
        page = fb._repr_html_().lower()
        assert "<script" not in page and html.escape("<script>") in page


# --- the answer box --------------------------------------------------------------------------

def test_answer_box_text_control_submit_and_feedback():
    box = isq.answer_box("3.1")
    assert box.feedback is None and "答题框" in box.plain_text()
    box.controls["answer"].value = "－１．８７"  # Enter in the text box submits
    assert box.feedback.passed
    fb = box.submit()
    assert fb.passed and box.feedback is fb
    assert "你的答案理解为：−1.87" in box.result.value and "✓ 正确" in box.result.value
    box.button.click()  # the button does the same
    assert box.feedback.passed


def test_answer_box_dropdowns_per_part():
    import ipywidgets as w

    box = isq.answer_box("4.1")
    assert list(box.controls) == ["a", "b", "c", "d"]
    assert all(isinstance(c, w.Dropdown) for c in box.controls.values())
    assert box.controls["a"].options[0][0] == "（请选择）"
    for k, v in zip("abcd", "1234"):
        box.controls[k].value = v
    assert box.submit().passed
    box.controls["d"].value = "5"
    assert "差距 5" in box.submit().message
    one = isq.answer_box("3.2")
    assert isinstance(one.controls["answer"], w.Dropdown)
    one.controls["answer"].value = "responsiveness"
    assert one.submit().passed


def test_answer_box_code_route_checked_at_once_with_the_notebook_context():
    sq = isq.load_demo("servqual")
    post = sq[sq["wave"] == "post"]
    assert isq.answer_box("3.1", -1.02, servqual=post).feedback.passed
    assert not isq.answer_box("3.1", -1.87, servqual=post).feedback.passed
    box = isq.answer_box("3.1", ..., servqual=post)
    box.controls["answer"].value = "−1.01"  # 5.39 − 6.40 from the rounded means
    assert box.submit().passed


def test_unreadable_answer_lines_become_typed_text():
    from IPython.core.interactiveshell import InteractiveShell

    from isq.delivery.widgets.answer import install_code_route_help, read_answer_line

    assert read_answer_line("answer_3_1 = -1.01  # 在此作答") == "answer_3_1 = -1.01  # 在此作答"
    assert read_answer_line("x = 可靠性") == "x = 可靠性"  # only answer lines
    shell = InteractiveShell.instance()
    try:
        import isq.delivery.widgets.answer as a

        monkey_get = a.__dict__.get("get_ipython")
        assert monkey_get is None
        from unittest import mock

        with mock.patch("IPython.get_ipython", return_value=shell):
            assert install_code_route_help()
        shell.run_cell("answer_3_2 = 可靠性\nanswer_1_1 = a：职级客户，b：职能客户\nanswer_3_1 = －１．０１\nanswer_0 = (8, 160)")
        ns = shell.user_ns
        assert isinstance(ns["answer_3_2"], Typed) and ns["answer_3_2"] == "可靠性"
        assert ns["answer_1_1"] == "a：职级客户，b：职能客户" and ns["answer_3_1"] == "－１．０１"
        assert ns["answer_0"] == (8, 160)  # valid Python untouched
        assert isq.check("3.1", ns["answer_3_1"]).understood == "−1.01"
    finally:
        from isq.delivery.widgets.answer import _transform

        if _transform in shell.input_transformers_cleanup:
            shell.input_transformers_cleanup.remove(_transform)


# --- checks follow the notebook's data -------------------------------------------------------

@pytest.fixture(scope="module")
def post():
    sq = isq.load_demo("servqual")
    return sq[sq["wave"] == "post"]


def test_3_1_follows_the_wave(post):
    """Module 03 with wave="post": IT's responsiveness gap is −1.02 (isq.servqual_gaps), not the demo −1.87."""
    g = isq.servqual_gaps(post[post["provider"] == "IT"], level="dimension").set_index("dimension")
    right = round(g.loc["responsiveness", "gap"], 2)
    assert right == -1.02
    assert isq.check("3.1", right, servqual=post).passed
    assert isq.check("3.1", -1.01, servqual=post).passed  # from the rounded means shown
    assert not isq.check("3.1", -1.87, servqual=post).passed
    assert isq.check("3.1", round(-g.loc["responsiveness", "gap"], 2), servqual=post).message.startswith("符号反了")


def test_3_2_follows_the_gaps():
    gaps = pd.DataFrame({"dimension": ["tangibles", "reliability", "responsiveness", "assurance", "empathy"],
                         "expectation_mean": [5.0, 6.5, 6.0, 6.0, 5.5], "perception_mean": [5.2, 4.9, 5.5, 5.6, 5.3],
                         "gap": [0.2, -1.6, -0.5, -0.4, -0.2]})
    assert isq.check("3.2", "可靠性", gaps=gaps).passed
    assert not isq.check("3.2", "responsiveness", gaps=gaps).passed
    assert "最接近 0" in isq.check("3.2", "tangibles", gaps=gaps).message


def test_3_3_follows_the_wave(post):
    z = isq.servqual_zone(post[post["provider"] == "IT"], by="provider")
    assert isq.check("3.3", "within", zone=z).passed
    fb = isq.check("3.3", "below", zone=z)  # the demo's pre-wave answer
    assert not fb.passed and "MSA = +0.07" in fb.message


def test_4_2_follows_the_department(post):
    gm = isq.gap_model(post, estimates=isq.load_demo("servqual_estimates"))
    v = gm.query("provider == 'HR' and dimension == 'responsiveness' and gap == 1")["value"].iloc[0]
    assert round(v, 2) == -0.45
    assert isq.check("4.2", -0.45, model=gm, provider="HR").passed
    assert not isq.check("4.2", -1.39, model=gm, provider="HR").passed
    g5 = gm.query("provider == 'HR' and dimension == 'responsiveness' and gap == 5")["value"].iloc[0]
    assert "差距 5" in isq.check("4.2", round(g5, 2), model=gm, provider="HR").message


def test_1_2_follows_the_wave():
    pr = isq.load_demo("peer_ratings")
    m = isq.peer_matrix(pr[pr["wave"] == "post"])
    assert isq.check("1.2", "PUR", matrix=m).passed
    assert not isq.check("1.2", "IT", matrix=m).passed
    assert isq.check("1.2", "采购部", matrix=m).passed


def test_2_2_and_2_3_follow_the_summary():
    s = isq.kano_summary(isq.load_demo("kano")).set_index("feature")
    s.loc["K04", ["category", "category_rule"]] = ["O", "O"]
    s.loc["K03", "better"] = 0.41
    s = s.reset_index()
    assert isq.check("2.2", "O", summary=s).passed and not isq.check("2.2", "M", summary=s).passed
    assert isq.check("2.3", 0.41, summary=s).passed and not isq.check("2.3", 0.65, summary=s).passed


def test_6_1_follows_the_journey():
    s = isq.journey_summary(isq.load_demo("journey"))
    onboarding = s[(s["journey"] == "onboarding") & (s["version"] == "before")]
    assert isq.check("6.1", "领取电脑与账号", summary=onboarding).passed
    assert not isq.check("6.1", "等待审批", summary=onboarding).passed


def test_8_2_follows_the_peer_ratings():
    pr = isq.load_demo("peer_ratings")
    pre = pr[pr["wave"] == "pre"].copy()
    assert isq.check("8.2", "SAL", peer=pre).passed
    pre.loc[pre["rater_department"] == "PRD", "score"] = 5  # PRD now rates everyone 5
    lenient = isq.peer_leniency(pre)
    assert lenient.loc[lenient["leniency"].idxmax(), "rater"] == "PRD"
    assert isq.check("8.2", "生产部", peer=pre).passed
    assert not isq.check("8.2", "SAL", peer=pre).passed


def test_11_1_and_12_2_follow_the_results():
    grid = isq.ipa(isq.load_demo("ipa").query("provider == 'HR'"))
    right = grid.set_index("attribute").loc["SQ19", "quadrant"]
    assert isq.check("11.1", right, result=grid).passed
    waves = isq.compare_waves(isq.load_demo("servqual"), value="perception", by="provider")
    waves.loc[waves["provider"] == "FIN", "significant"] = False
    assert isq.check("12.2", ["ADM", "HR", "IT"], result=waves).passed
    assert not isq.check("12.2", ["ADM", "FIN", "HR", "IT"], result=waves).passed


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["2.3", "3.1", "4.2", "6.2", "8.1", "9.2", "9.3"]),
       st.floats(min_value=-100, max_value=100, allow_nan=False).map(lambda x: round(x, 3)))
def test_typed_full_width_answer_gets_the_same_feedback_as_half_width(exercise, x):
    text = f"{x:.3f}"
    half, full = isq.check_text(exercise, text), isq.check_text(exercise, _full_width(text).replace("-", "－"))
    assert (half.passed, half.message, half.understood) == (full.passed, full.message, full.understood)
    assert half.passed == isq.check(exercise, float(text)).passed
