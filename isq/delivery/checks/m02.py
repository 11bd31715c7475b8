"""Checks of module 02 内部客户需求分析 (Kano)."""

from . import close, exercise, fail, ok

_NAMES = {"A": "魅力型", "O": "期望型", "M": "必备型", "I": "无差异型", "R": "反向型", "Q": "可疑结果"}
_CODES = {v: k for k, v in _NAMES.items()}


def _category(answer):
    a = str(answer).strip()
    return _CODES.get(a, a.upper())


@exercise("2.1")
def _classify(answer):
    """Functional 2 (理应如此), dysfunctional 5 (我很不喜欢): M."""
    a = _category(answer)
    if a == "M":
        return ok("正确！有了觉得理所当然，没有就很不满意：必备型（M）。")
    if a == "O":
        return fail("期望型（O）要求“具备时我很喜欢”（正向答 1）；这里正向答的是 2 理应如此。",
                    "查 Kano 评价表：正向 2、反向 5 那一格。")
    if a == "A":
        return fail("魅力型（A）是“没有也能接受，有了很惊喜”；这里没有时会很不喜欢。",
                    "反向问题答 5（我很不喜欢）说明缺了会不满。")
    if a in _NAMES:
        return fail(f"{_NAMES[a]}（{a}）不对。", "查 Kano 评价表：行是正向答案 2，列是反向答案 5。")
    return fail(f"没有认出 {answer!r}。", "请填写类别代码 A、O、M、I、R、Q 之一（或中文名称）。")


@exercise("2.2")
def _k04(answer):
    """K04's category under the M > O > A > I rule: M."""
    a = _category(answer)
    if a == "M":
        return ok("正确！K04 的 M 与 O 只差 2.5 个百分点（在 0.06 的接近带内），按 M > O > A > I 规则取必备型。")
    if a == "O":
        return fail("K04 的 M 和 O 几乎一样多，属于接近情形；这时不能只看众数的偶然领先。",
                    "看 category_rule 列：接近带内按 M > O > A > I 的顺序取前者。")
    return fail(f"{answer!r} 不对。", "K04 在 M 和 O 之间难分高下；看 kano_summary 的 category_rule 列。")


@exercise("2.3")
def _better(answer):
    """Better coefficient of K03 as a fraction 0–1 (demo: 0.647)."""
    from ...data.demo import load_demo
    from ...models.kano import kano_summary

    s = kano_summary(load_demo("kano")).set_index("feature")
    better, worse = float(s.loc["K03", "better"]), float(s.loc["K03", "worse"])
    if not isinstance(answer, (int, float)):
        return fail("请填写一个数字。", "Better = (A + O) / (A + O + M + I)。")
    if close(answer, better):
        return ok(f"正确！K03 的 Better 系数为 {better:.2f}：提供它，满意度会明显提升。")
    if close(answer, better * 100, tol=1):
        return fail("你写的是百分数；isq 的系数都用 0–1 的小数表示。", f"把 {answer} 除以 100。")
    if close(answer, worse) or close(answer, -worse):
        return fail("那是 Worse 系数（不提供时的不满意影响力）。", "Better = (A + O) / (A + O + M + I)。")
    return fail(f"{answer} 不对。", "Better = (A + O) / (A + O + M + I)，分母不含 R 和 Q。")
