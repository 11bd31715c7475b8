"""Checks of module 02 内部客户需求分析 (Kano)."""

from . import close, exercise, fail, ok
from .parse import Choice, Number

_NAMES = {"A": "魅力型", "O": "期望型", "M": "必备型", "I": "无差异型", "R": "反向型", "Q": "可疑结果"}
_CODES = {v: k for k, v in _NAMES.items()}
_CATEGORY = Choice(_NAMES, aliases={k: (v[:2],) for k, v in _NAMES.items()})


def _category(answer):
    a = str(answer).strip()
    return _CODES.get(a, a.upper())


#: Exercise 2.1: the categories mistaken for M, and why (message, hint).
_CLASSIFY_TRAPS = {
    "O": ("期望型（O）要求“具备时我很喜欢”（正向答 1）；这里正向答的是 2 理应如此。", "查 Kano 评价表：正向 2、反向 5 那一格。"),
    "A": ("魅力型（A）是“没有也能接受，有了很惊喜”；这里没有时会很不喜欢。", "反向问题答 5（我很不喜欢）说明缺了会不满。"),
}


@exercise("2.1", answer=_CATEGORY)
def _classify(answer):
    """Functional 2 (理应如此), dysfunctional 5 (我很不喜欢): M."""
    a = _category(answer)
    if a == "M":
        return ok("正确！有了觉得理所当然，没有就很不满意：必备型（M）。")
    if a in _CLASSIFY_TRAPS:
        return fail(*_CLASSIFY_TRAPS[a])
    if a in _NAMES:
        return fail(f"{_NAMES[a]}（{a}）不对。", "查 Kano 评价表：行是正向答案 2，列是反向答案 5。")
    return fail(f"没有认出 {answer!r}。", "请填写类别代码 A、O、M、I、R、Q 之一（或中文名称）。")


def _summary(summary):
    if summary is None:
        from ...data.demo import load_demo
        from ...models.kano import kano_summary

        summary = kano_summary(load_demo("kano"))
    return summary.set_index("feature") if "feature" in summary.columns else summary


@exercise("2.2", answer=_CATEGORY)
def _k04(answer, summary=None, feature="K04"):
    """The category of ``feature`` under the M > O > A > I rule (``category_rule`` of the notebook's summary)."""
    row = _summary(summary).loc[feature]
    right, modal = str(row["category_rule"]), str(row["category"])
    a = _category(answer)
    shares = {c: row[c] / row["n"] for c in ("M", "O", "A", "I")}
    top2 = sorted(shares, key=shares.get, reverse=True)[:2]
    gap = abs(shares[top2[0]] - shares[top2[1]])
    if a == right:
        if modal != right or gap < 0.06:
            return ok(f"正确！{feature} 的 {top2[0]} 与 {top2[1]} 只差 {gap * 100:.1f} 个百分点（在 0.06 的接近带内），"
                      f"按 M > O > A > I 规则取{_NAMES[right]}（{right}）。")
        return ok(f"正确！{feature} 是{_NAMES[right]}（{right}）：它的人数最多，领先第二名 {gap * 100:.1f} 个百分点。")
    if (a == modal and modal != right) or (a in top2 and gap < 0.06):
        return fail(f"{feature} 的 {top2[0]} 和 {top2[1]} 几乎一样多，属于接近情形；这时不能只看众数的偶然领先。",
                    "看 category_rule 的规则：接近带（0.06）内按 M > O > A > I 的顺序取前者。")
    if a not in _NAMES:
        return fail(f"没有认出 {answer!r}。", "请填写类别代码 A、O、M、I、R、Q 之一（或中文名称）。")
    return fail(f"{_NAMES[a]}（{a}）不对。",
                f"数一数 {feature} 各类别的人数；最多的两类很接近时，按 M > O > A > I 的顺序取前者。")


@exercise("2.3", answer=Number())
def _better(answer, summary=None, feature="K03"):
    """Better coefficient of ``feature`` as a fraction 0–1 (demo K03: 0.647)."""
    row = _summary(summary).loc[feature]
    better, worse = float(row["better"]), float(row["worse"])
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fail("请填写一个数字。", "Better = (A + O) / (A + O + M + I)。")
    counts = "、".join(f"{c} {int(row[c])}" for c in ("A", "O", "M", "I"))
    if close(answer, better):
        return ok(f"正确！{feature} 的 Better 系数为 {better:.2f}（{counts}）：数值越大，提供它越能提升满意度。")
    if close(answer, better * 100, tol=1):
        return fail("你写的是百分数；isq 的系数都用 0–1 的小数表示。", f"把 {answer} 除以 100。")
    if close(answer, worse) or close(answer, -worse):
        return fail("那是 Worse 系数（不提供时的不满意影响力）。", "Better = (A + O) / (A + O + M + I)。")
    total = sum(row[c] for c in ("A", "O", "M", "I", "R", "Q"))
    if total and close(answer, (row["A"] + row["O"]) / total):
        return fail("分母多算了 R 和 Q。", "Better = (A + O) / (A + O + M + I)，分母不含反向型和可疑结果。")
    return fail(f"{answer} 不对。", f"{feature}：{counts}；Better = (A + O) / (A + O + M + I)，分母不含 R 和 Q。")
