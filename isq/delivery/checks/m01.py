"""Checks of module 01 内部客户与服务价值链."""

from . import exercise, fail, ok

#: Scenario -> internal customer type (module 01, 练习 1.1).
CUSTOMER_TYPES = {"a": "职级客户", "b": "职能客户", "c": "工序客户", "d": "流程客户"}
_HINTS = {
    "职级客户": "职级客户：上下级之间互为客户（上级要下级的汇报，下级要上级的支持）。",
    "职能客户": "职能客户：职能部门为业务部门提供专业服务（财务、人事、IT）。",
    "工序客户": "工序客户：下一道工序是上一道工序的客户（生产线上的交接）。",
    "流程客户": "流程客户：跨部门流程中，下一个环节是上一个环节的客户（审批、报销流程）。",
}


@exercise("1.1")
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


@exercise("1.2")
def _lowest_provider(answer):
    """Which serving department gets the lowest mean peer rating from its customers? IT."""
    a = str(answer).strip().upper()
    if a in {"IT", "信息技术部"}:
        return ok("正确！信息技术部（IT）得到的平均分最低：它服务的部门最多，压力也传得最远。")
    if a in {"FIN", "HR", "财务部", "人力资源部"}:
        return fail(f"{answer} 是“评分最严”的评价部门（列），不是被评得最低的服务部门（行）。",
                    "热力图的行是被评部门（服务方），看哪一行整体最红。")
    if a in {"LEG", "法务部"}:
        return fail("法务部的评价人数少于 5 人，结果被遮蔽，不能参与比较。", "只比较显示了分数的部门。")
    if a in {"SAL", "销售部"}:
        return fail("销售部是打分最宽松的评价部门（列）；题目问的是被评最低的服务部门（行）。",
                    "热力图的行是被评部门，看哪一行整体最红。")
    return fail(f"{answer} 不是平均分最低的服务部门。", "看热力图每一行（被评部门）的颜色，找整体最红的一行。")
