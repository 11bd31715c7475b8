"""Checks of module 06 体验旅程图与关键时刻 (notebooks/06_体验旅程图与关键时刻.ipynb)."""

from __future__ import annotations

from . import close, exercise, fail, ok
from .parse import Number, Text

#: Exercise 6.2: an IT repair journey scored −3 … +3 (报修, 快速接单, 等待上门, 反复重启, 解决回访).
REPAIR_SCORES = (0, 2, -3, -1, 1)


def _norm(text):
    return "".join(str(text).split())


def _default_summary():
    from ...data.demo import load_demo
    from ...models.journey import journey_summary

    s = journey_summary(load_demo("journey"))
    return s[(s["journey"] == "expense") & (s["version"] == "before")]


@exercise("6.1", answer=Text())
def _deepest_pain(answer, summary=None):
    """Which touchpoint is the deepest pain point of the journey?"""
    from ...labels import label

    s = _default_summary() if summary is None else summary
    if not isinstance(answer, str) or not answer.strip():
        return fail("请填写一个触点的名称（一段文字）。", "触点名称是旅程图横轴上的文字。")
    a = _norm(answer)
    rows = {_norm(t): r for t, r in zip(s["touchpoint"], s.to_dict("records"))}
    worst = s.loc[s["mean"].idxmin()]
    if a == _norm(worst["touchpoint"]):
        return ok(f"正确！「{worst['touchpoint']}」均值 {worst['mean']:+.2f}，是整条旅程的最低点"
                  + ("，而且是关键时刻。" if bool(worst["mot"]) else "。"))
    if a in {_norm(x) for x in s["stage"]}:
        return fail(f"「{answer.strip()}」是阶段名，一个阶段里有好几个触点。",
                    "写出这个阶段里得分最低的那个触点。")
    if a not in rows:
        return fail(f"旅程里没有叫「{answer.strip()}」的触点。",
                    "触点有：" + "、".join(s["touchpoint"]) + "。")
    r = rows[a]
    if r["point"] == "pain":
        return fail(f"「{r['touchpoint']}」确实是痛点（均值 {r['mean']:+.2f}），但不是最深的一个。",
                    "比较所有痛点的均值，找最低的那个。")
    if bool(r["is_end"]):
        return fail(f"「{r['touchpoint']}」是终点（均值 {r['mean']:+.2f}），不是痛点。",
                    "峰终定律里终点很重要，但这里问的是得分最低的触点。")
    if bool(r["mot"]):
        return fail(f"「{r['touchpoint']}」是关键时刻（MOT），但它是{label(r['point'], 'zh')}"
                    f"（均值 {r['mean']:+.2f}），不是最深的痛点。",
                    "关键时刻 ≠ 痛点：关键时刻说的是重要，痛点说的是体验差。")
    return fail(f"「{r['touchpoint']}」是{label(r['point'], 'zh')}（均值 {r['mean']:+.2f}），不是最深的痛点。",
                "痛点是均值 ≤ −1 的触点；找其中最低的。")


@exercise("6.2", answer=Number())
def _peak_end_by_hand(answer, scores=REPAIR_SCORES):
    """Peak-end value of a short journey, by hand: (worst + last) / 2."""
    from ...models.journey import peak_end

    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fail("请填写一个数字。", "峰终值 = (最低点 + 终点) / 2。")
    s = [float(x) for x in scores]
    right = peak_end(s)
    worst, best, first, end = min(s), max(s), s[0], s[-1]
    if close(answer, right):
        return ok(f"正确！最低点 {worst:+g}，终点 {end:+g}，峰终值 ({worst:g} + {end:g}) / 2 = {right:+.2f}。")
    if close(answer, -right) and right != 0:
        return fail("符号反了。", f"最低点是 {worst:+g}（负数），终点是 {end:+g}：把两个带符号的数相加再除以 2。")
    if close(answer, sum(s) / len(s)):
        return fail("这是所有触点的平均值，不是峰终值。",
                    "峰终定律说记忆只看两个时刻：最强烈的那一刻（这里是最低点）和最后一刻。")
    if close(answer, worst + end):
        return fail("忘了除以 2：峰终值是两个时刻的平均。", "(最低点 + 终点) / 2。")
    if close(answer, (best + end) / 2):
        return fail("你用的是最高点。在服务体验里，峰值取最难受的那一刻（最低点）。",
                    "(最低点 + 终点) / 2。")
    if close(answer, (worst + first) / 2):
        return fail("你用的是第一个触点。峰终定律看的是最后一个触点。", "(最低点 + 终点) / 2。")
    if close(answer, (worst + best) / 2):
        return fail("你把最高点当成了终点。终点是时间上的最后一个触点。", "(最低点 + 终点) / 2。")
    return fail(f"{answer} 不对。", f"分数依次是 {', '.join(f'{x:+g}' for x in s)}：先找最低点，再看最后一个。")
