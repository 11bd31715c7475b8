"""Checks of module 12 培训效果评估 (pre/post comparison, p values and effect sizes)."""

from __future__ import annotations

from . import exercise, fail, ok
from .parse import Choice, Items

#: Exercise 12.1: statements about "IT: diff +0.68, p_adj = 0.003" (choose one letter).
P_CHOICES = {
    "A": "培训让 IT 的服务感知提高的概率是 99.7%。",
    "B": "如果培训其实没有效果，仍看到这么大（或更大）提高的概率约为 0.3%。",
    "C": "p 值很小，所以提高的幅度很大。",
    "D": "99.7% 的内部客户觉得 IT 的服务变好了。",
}


#: A mean change (scale points) below which a significant change is called small in the feedback.
SMALL_DIFF = 0.2


#: Exercise 12.1: what each wrong choice misreads (message, hint).
_P_MISREADINGS = {
    "A": ("这是最常见的误读：p 值不是“培训有效”的概率。", "p 值的前提是“培训没有效果”：在这个前提下，数据这么极端有多罕见？"),
    "C": ("p 值小不等于效果大：样本大时，很小的差异也会“显著”。", "幅度看 diff（分数差）和效应量（d_z 及其区间），不看 p 值。"),
    "D": ("p 值不是人数比例。", "p 值是在“没有效果”的假设下计算的概率，与多少人觉得变好无关。"),
}


@exercise("12.1", answer=Choice({k: k for k in P_CHOICES}))
def _p_value(answer):
    """What does a p value say? (one letter)"""
    letter = str(answer).strip().upper()[:1]
    if letter not in P_CHOICES:
        return fail("请填写一个字母：A、B、C 或 D。", "p 值是在“没有效果”的假设下计算的。")
    if letter == "B":
        return ok("正确！p 值是假设“没有效果”时，看到至少这么极端的结果的概率；它不是“效果为真”的概率。")
    return fail(*_P_MISREADINGS[letter])


def _improved(result):
    if result is None:
        from ...data.demo import load_demo
        from ...models.compare import compare_waves

        result = compare_waves(load_demo("servqual"), value="perception", by="provider")
    ok_rows = result[(result["significant"].astype(bool)) & (result["diff"] > 0) & ~result["excluded"].astype(bool)]
    return set(map(str, ok_rows["provider"])), result


@exercise("12.2", answer=Items(upper=True))
def _significant(answer, result=None):
    """Which serving departments improved significantly (Holm-adjusted, p_adj < 0.05)?"""
    right, result = _improved(result)
    given = {str(a).strip().upper() for a in ([answer] if isinstance(answer, str) else answer)}
    known = set(map(str, result["provider"]))
    unknown = given - known
    if unknown:
        return fail(f"这些不是部门代码：{'、'.join(sorted(unknown))}。", f"部门代码：{'、'.join(sorted(known))}。")
    diffs = result.set_index(result["provider"].astype(str))["diff"]
    small = {g for g in right if diffs[g] < SMALL_DIFF}
    if given == right:
        note = "".join(f"注意 {g} 虽然显著，只提高了 {diffs[g]:.2f} 分：显著不等于重要。" for g in sorted(small))
        return ok(f"正确！{'、'.join(sorted(right))} 经 Holm 校正后仍显著提高。" + note)
    excluded = set(map(str, result.loc[result["excluded"].astype(bool), "provider"]))
    if given & excluded:
        return fail(f"{'、'.join(sorted(given & excluded))} 的样本太少（不足 5 人），没有检验，不能说显著。",
                    "看 excluded 列：为 True 的部门没有结论。")
    extra, missing = given - right, right - given
    if extra:
        return fail(f"{'、'.join(sorted(extra))} 的校正后 p 值（p_adj）不小于 0.05，不算显著提高。",
                    "看 significant 列（p_adj < 0.05），不要只看 diff 是否为正。")
    if missing and missing <= small:
        return fail(f"漏了 {'、'.join(sorted(missing))}：提高很小（不到 {SMALL_DIFF} 分），但 p_adj < 0.05，统计上是显著的。",
                    "题目问的是“显著”：按 significant 列回答；“小而显著”正是下一步要讨论的。")
    return fail(f"还漏了：{'、'.join(sorted(missing))}。", "把 significant 为 True 且 diff > 0 的部门都列出来。")
