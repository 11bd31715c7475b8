"""Checks of module 01 内部客户与服务价值链."""

from . import department_code, exercise, fail, ok
from .parse import Choice, Parts, Text

#: Scenario -> internal customer type (module 01, 练习 1.1).
CUSTOMER_TYPES = {"a": "职级客户", "b": "职能客户", "c": "工序客户", "d": "流程客户"}
_HINTS = {
    "职级客户": "职级客户：上下级之间互为客户（上级要下级的汇报，下级要上级的支持）。",
    "职能客户": "职能客户：职能部门为业务部门提供专业服务（财务、人事、IT）。",
    "工序客户": "工序客户：下一道工序是上一道工序的客户（生产线上的交接）。",
    "流程客户": "流程客户：跨部门流程中，下一个环节是上一个环节的客户（审批、报销流程）。",
}
_TYPE = Choice({t: t for t in _HINTS}, aliases={t: (t[:2],) for t in _HINTS})


@exercise("1.1", answer=Parts({k: _TYPE for k in CUSTOMER_TYPES}, labels={k: f"情景 {k}" for k in CUSTOMER_TYPES}))
def _types(answer):
    """Match four scenarios a–d to 职级/职能/工序/流程客户."""
    if not isinstance(answer, dict):
        return fail("请填写一个字典，例如 {\"a\": \"职级客户\", ...}。", "四个情景 a、b、c、d 各选一种客户类型。")
    got = {str(k).strip().lower(): str(v).strip() for k, v in answer.items()}
    missing = [k for k in CUSTOMER_TYPES if k not in got]
    if missing:
        return fail(f"还缺情景 {', '.join(missing)} 的答案。", "四个情景都要选一种客户类型。")
    wrong = [k for k in CUSTOMER_TYPES if got[k] != CUSTOMER_TYPES[k]]
    if not wrong:
        return ok("正确！四类内部客户都认出来了。")
    k = wrong[0]
    if got[k] not in _HINTS:
        return fail(f"情景 {k} 的“{got[k]}”不是四种类型之一。", "可选：职级客户、职能客户、工序客户、流程客户。")
    return fail(f"情景 {', '.join(wrong)} 不对（共 {len(wrong)} 处）。", _HINTS[CUSTOMER_TYPES[k]])


def _demo_matrix():
    from ...data.demo import load_demo
    from ...models.peer import peer_matrix

    pr = load_demo("peer_ratings")
    return peer_matrix(pr[pr["wave"] == "pre"])


@exercise("1.2", answer=Text())
def _lowest_provider(answer, matrix=None, departments=None):
    """Which serving department gets the lowest mean rating from its customers (rows of ``matrix``)?

    ``matrix``: the notebook's ``isq.peer_matrix`` (default: the demo company, pre wave).
    Only cells shown (not suppressed) count, as on the heatmap.
    """
    m = _demo_matrix() if matrix is None else matrix
    shown = m[~m["suppressed"].astype(bool)].dropna(subset=["mean"])
    rows = shown.groupby("provider")["mean"].mean()
    cols = shown.groupby("rater")["mean"].mean()
    if rows.empty:
        return fail("这份数据里每一格的评价人数都不足 5 人，热力图没有可比较的分数。", "换一批或更大的数据再做这道题。")
    code = department_code(answer, departments)
    target = rows.idxmin()
    if code == target:
        return ok(f"正确！{target} 从内部客户那里得到的平均分最低（{rows[target]:.2f}）：它这一行整体最红。")
    if code in set(m["provider"]) and code not in rows.index:
        return fail(f"{code} 的评价人数少于 5 人，结果被遮蔽，不能参与比较。", "只比较显示了分数的部门。")
    if code in cols.index and code == cols.idxmax():
        return fail(f"{code} 是打分最宽松的评价部门（列）；题目问的是被评最低的服务部门（行）。",
                    "热力图的行是被评部门，看哪一行整体最红。")
    if code in cols.index and cols[code] < cols.median():
        return fail(f"{code} 是“评分偏严”的评价部门（列），平均给分 {cols[code]:.2f}；它不是被评得最低的服务部门（行）。",
                    "热力图的行是被评部门（服务方），看哪一行整体最红。")
    if code in rows.index:
        return fail(f"{code} 这一行的平均分是 {rows[code]:.2f}，不是最低的。",
                    "看热力图每一行（被评部门）的颜色，找整体最红的一行。")
    return fail(f"「{answer}」不是被评的服务部门。", "填写部门代码，例如：" + "、".join(rows.index) + "。")
