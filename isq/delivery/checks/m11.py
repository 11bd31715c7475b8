"""Checks of module 11 改善项目决策 (IPA quadrants and the priority index)."""

from __future__ import annotations

from ...labels import IPA_QUADRANTS, label
from . import exercise, fail, ok
from ._tools_common import labelled_choice, labelled_code
from .parse import Items

#: Exercise 11.2: two candidates (importance, performance) on a 1–7 scale.
CANDIDATES = {"A": (6.5, 4.5), "B": (5.5, 3.5)}
SCALE_MAX = 7


@exercise("11.1", answer=labelled_choice(IPA_QUADRANTS))
def _quadrant(answer, result=None, attribute="SQ19"):
    """The quadrant of ``attribute`` in an IPA result (default: IT in the demo company)."""
    if result is None:
        from ...data.demo import load_demo
        from ...models.ipa import ipa

        result = ipa(load_demo("ipa").query("provider == 'IT'"))
    row = result.set_index("attribute").loc[attribute]
    right = row["quadrant"]
    given = labelled_code(answer, IPA_QUADRANTS)
    names = "、".join(f"{label(q, 'zh')}（{q}）" for q in IPA_QUADRANTS)
    if given is None:
        return fail(f"“{answer}”不是象限名称。", f"可选：{names}。")
    imp_high = row["importance_mean"] >= row["crosshair_importance"] - 1e-9
    perf_high = row["performance_mean"] >= row["crosshair_performance"] - 1e-9
    where = (f"重要性 {row['importance_mean']:.2f} {'≥' if imp_high else '<'} 十字线 "
             f"{row['crosshair_importance']:.2f}，表现 {row['performance_mean']:.2f} "
             f"{'≥' if perf_high else '<'} 十字线 {row['crosshair_performance']:.2f}")
    if given == right:
        return ok(f"正确！{attribute}：{where}，所以是“{label(right, 'zh')}”。")
    want_imp = given in ("concentrate", "keep_up")
    want_perf = given in ("keep_up", "overkill")
    if want_imp != imp_high and want_perf == perf_high:
        return fail(f"重要性的高低判断反了：{where}。",
                    "象限由两条十字线决定：先比重要性（纵轴），再比表现（横轴）；和十字线比，不和量表中点 4 比。")
    if want_perf != perf_high and want_imp == imp_high:
        return fail(f"表现的高低判断反了：{where}。", "表现低于十字线在左边，高于（或等于）在右边。")
    return fail(f"象限不对：{where}。", "高重要性 + 低表现 = 重点改进；高 + 高 = 继续保持；低 + 低 = 低优先；低重要性 + 高表现 = 供给过度。")


def _priority(name):
    imp, perf = CANDIDATES[name]
    return imp * (SCALE_MAX - perf)


@exercise("11.2", answer=Items(upper=True))
def _rank(answer):
    """Order the candidates A and B by priority = importance × (7 − performance)."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1 and isinstance(answer[0], str):
        answer = answer[0]  # "BA" typed in one piece
    given = [str(a).strip().upper() for a in (list(answer) if not isinstance(answer, str) else list(answer.replace(",", "").replace(" ", "")))]
    right = sorted(CANDIDATES, key=_priority, reverse=True)
    pa, pb = _priority("A"), _priority("B")
    if sorted(given) != sorted(CANDIDATES):
        return fail("请按优先顺序写出两个候选项，例如 [\"A\", \"B\"]。", "先算每个候选项的优先指数。")
    if given == right:
        return ok(f"正确！A：6.5 × (7 − 4.5) = {pa:.2f}；B：5.5 × (7 − 3.5) = {pb:.2f}。"
                  "B 虽然重要性低一些，但表现差得多，改进的空间更大。")
    return fail(f"顺序反了：A 的优先指数 = {pa:.2f}，B = {pb:.2f}。只看重要性会选 A；"
                "只看差距（重要性 − 表现）两者都是 2.0，分不出先后。",
                "优先指数 = 重要性 × (7 − 表现)：同时考虑“多重要”和“离满分还差多远”。")
