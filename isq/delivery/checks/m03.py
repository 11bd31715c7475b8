"""Checks of module 03 服务质量五度 (SERVQUAL)."""

from . import close, exercise, fail, ok

_DIMS = {"有形性": "tangibles", "可靠性": "reliability", "响应性": "responsiveness",
         "保证性": "assurance", "移情性": "empathy"}


def _it_responsiveness():
    from ...data.demo import load_demo
    from ...models.servqual import servqual_gaps

    sq = load_demo("servqual")
    g = servqual_gaps(sq[(sq["wave"] == "pre") & (sq["provider"] == "IT")], level="dimension")
    return g.set_index("dimension").loc["responsiveness"]


@exercise("3.1")
def _gap(answer):
    """IT's responsiveness gap by hand from its means: perception − expectation (demo −1.87)."""
    row = _it_responsiveness()
    gap = float(row["gap"])
    if not isinstance(answer, (int, float)):
        return fail("请填写一个数字。", "差距 = 感知均值 − 期望均值。")
    if close(answer, gap, tol=0.02):
        return ok(f"正确！{row['perception_mean']:.2f} − {row['expectation_mean']:.2f} = {gap:.2f}："
                  "负数表示服务没有达到期望。")
    if close(answer, -gap, tol=0.02):
        return fail("符号反了：差距 = 感知 − 期望，感知低于期望时差距为负。",
                    "用感知均值减去期望均值，而不是反过来。")
    if close(answer, row["perception_mean"], tol=0.02) or close(answer, row["expectation_mean"], tol=0.02):
        return fail("这是一个均值，不是差距。", "差距 = 感知均值 − 期望均值。")
    return fail(f"{answer} 不对。", "从表中取 IT 响应性那一行：perception_mean − expectation_mean。")


@exercise("3.2")
def _shortboard(answer):
    """The company-wide shortboard (pre wave): responsiveness."""
    a = _DIMS.get(str(answer).strip(), str(answer).strip().lower())
    if a == "responsiveness":
        return ok("正确！响应性的差距最负，是全公司的短板：木桶能装多少水由最短的板决定。")
    if a == "reliability":
        return fail("可靠性的期望最高，但短板看的是差距（感知 − 期望）最负的维度，不是期望最高的维度。",
                    "看 gap 列，找最小（最负）的那个。")
    if a == "tangibles":
        return fail("有形性的差距最接近 0，反而是做得最好的一块板。",
                    "短板 = 差距最负的维度；看 gap 列的最小值。")
    if a in _DIMS.values():
        return fail(f"{answer} 不是差距最负的维度。", "看 gap 列，找最小（最负）的那个。")
    return fail(f"没有认出 {answer!r} 这个维度。", "填写维度名，例如 \"reliability\" 或 \"可靠性\"。")


@exercise("3.3")
def _zone(answer):
    """Position of IT's responsiveness against the zone of tolerance: below."""
    a = str(answer).strip().lower()
    a = {"低于容忍区": "below", "容忍区内": "within", "高于容忍区": "above"}.get(str(answer).strip(), a)
    if a == "below":
        return ok("正确！IT 的响应性连“合格水平”都没有达到（MSA < 0）：客户已经不再容忍。")
    if a == "within":
        return fail("MSS 为负只说明没达到理想水平；要看 MSA（感知 − 合格水平）是否也为负。",
                    "MSA < 0 表示低于容忍区。")
    if a == "above":
        return fail("高于容忍区要求感知超过理想水平（MSS > 0），这里 MSS 明显为负。", "先看 MSA 的符号。")
    return fail(f"没有认出 {answer!r}。", "填写 \"below\"、\"within\" 或 \"above\"。")
