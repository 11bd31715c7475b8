"""Checks of module 04 服务质量差距模型 (5-GAP)."""

from ...labels import label
from . import close, exercise, fail, ok
from .parse import Choice, Number, Parts

#: What each of gaps 1–4 means (the hint when a scenario is matched wrongly).
_WHY = ("", "差距 1（认知）：服务部门不知道内部客户真正期望什么。", "差距 2（标准）：知道期望，却没有把它写成服务标准。",
        "差距 3（交付）：有标准，但执行时没有做到。", "差距 4（沟通）：对外承诺的和实际提供的不一致。")
#: Scenario -> gap number (module 04, 练习 4.1).
SCENARIO_GAPS = dict(zip("abcd", range(1, 5)))
_GAP = Choice({1: "差距 1（认知）", 2: "差距 2（标准）", 3: "差距 3（交付）", 4: "差距 4（沟通）", 5: "差距 5（服务）"},
              aliases={1: ("认知", "差距1"), 2: ("标准", "差距2"), 3: ("交付", "差距3"), 4: ("沟通", "差距4"),
                       5: ("服务", "差距5")})


@exercise("4.1", answer=Parts({k: _GAP for k in SCENARIO_GAPS}, labels={k: f"情景 {k}" for k in SCENARIO_GAPS}))
def _which_gap(answer):
    """Match four scenarios a–d to gaps 1–4."""
    if not isinstance(answer, dict):
        return fail("请填写一个字典，例如 {\"a\": 1, ...}。", "四个情景各对应差距 1–4 中的一个。")
    try:
        got = {str(k).strip().lower(): int(v) for k, v in answer.items()}
    except (TypeError, ValueError):
        return fail("差距请写成数字 1–4。", "例如 {\"a\": 1, \"b\": 2, ...}。")
    if any(v == 5 for v in got.values()):
        return fail("差距 5 是客户期望与感知之间的总差距，是前四个差距的结果，不对应单个情景。",
                    "四个情景分别是差距 1、2、3、4。")
    return _matched(got, SCENARIO_GAPS, _WHY, "正确！认知、标准、交付、沟通四个差距都认出来了。", prefix="情景 ")


def _matched(got, right, why, praise, *, prefix=""):
    """A dict of gap numbers against ``right``; the hint explains the first wrong one (``why``
    by gap number, or by key when ``why`` is a dict)."""
    wrong = [k for k in right if got.get(k) != right[k]]
    if not wrong:
        return ok(praise)
    hint = why[wrong[0]] if isinstance(why, dict) else why[right[wrong[0]]]
    return fail(f"{prefix}{', '.join(wrong)} 不对（共 {len(wrong)} 处）。", hint)


@exercise("4.2", answer=Number())
def _gap1(answer, model=None, provider="IT", dimension="responsiveness"):
    """``provider``'s gap 1 on ``dimension`` in ``model`` (``isq.gap_model``; demo IT, pre wave: −1.39)."""
    if model is None:
        from ...data.demo import load_demo
        from ...models.gap import gap_model

        sq = load_demo("servqual")
        model = gap_model(sq[sq["wave"] == "pre"], estimates=load_demo("servqual_estimates"))
    rows = model[(model["provider"] == provider) & (model["dimension"] == dimension)].set_index("gap")["value"]
    value = float(rows.get(1, float("nan")))
    service = float(rows.get(5, float("nan")))
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fail("请填写一个数字。", "差距 1 = 员工估计的期望均值 − 客户的期望均值。")
    if value != value:
        return fail(f"{provider} 的样本不足 5 人（或没有员工估计），差距 1 不予显示，这道题无法作答。", "换一个服务部门。")
    dim = label(dimension, "zh")
    if close(answer, value, tol=0.02):
        return ok(f"正确！{value:.2f}：{provider} 员工" + ("低估" if value < 0 else "高估")
                  + f"了内部客户对{dim}的期望。")
    if close(answer, -value, tol=0.02):
        return fail("符号反了：差距 1 = 服务部门估计的期望 − 客户实际的期望；低估时为负。",
                    "用员工估计的期望减去客户的期望，不要取绝对值。")
    if service == service and close(answer, service, tol=0.03):
        return fail("这是差距 5（服务差距：感知 − 期望），题目问的是差距 1（认知差距）。",
                    "差距 1 比较的是员工估计的期望和客户的期望，不用感知。")
    return fail(f"{answer} 不对。", "差距 1 = 员工估计的期望均值 − 客户的期望均值。")


#: Module 04, 练习 4.3: the gap each department should close first (demo planted truths).
FIRST_GAP = dict(zip(("IT", "HR", "PRD", "ADM"), range(1, 5)))
#: Why, per department (the hint when its gap is wrong).
_FIRST_WHY = dict(zip(FIRST_GAP, (
    "IT 的员工把客户对响应速度的期望估低了（差距 1 认知）。",
    "HR 的标准含糊（不符合 SMART）且定得比员工自己估计的期望还低（差距 2 标准）。",
    "PRD 的巡视与神秘访客得分远低于它自己的标准（差距 3 交付）。",
    "ADM 承诺“当日办结”，实际交付达不到承诺（差距 4 沟通）；它的交付其实符合自己的标准。")))


@exercise("4.3")
def _first_gap(answer):
    """For IT, HR, PRD and ADM: which of gaps 1–4 is the most negative (read gap_diagnosis)."""
    if not isinstance(answer, dict):
        return fail("请填写一个字典，例如 {\"IT\": 1, \"HR\": ..., \"PRD\": ..., \"ADM\": ...}。",
                    "看 gap_diagnosis 结果中的 worst_gap 列。")
    try:
        got = {str(k).strip().upper(): int(v) for k, v in answer.items()}
    except (TypeError, ValueError):
        return fail("差距请写成数字 1–4。", "例如 {\"IT\": 1, ...}。")
    if any(v == 5 for v in got.values()):
        return fail("差距 5 是结果；题目问的是要先弥合的原因差距 1–4。", "看 worst_gap 列。")
    return _matched(got, FIRST_GAP, _FIRST_WHY, "正确！四个部门卡在四个不同的差距上，对症的措施也各不相同。")
