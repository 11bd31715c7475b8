"""Checks of module 00 课程导览 (the demo company 示例集团)."""

from . import exercise, fail, ok
from .parse import Numbers, Text


def _norm(answer):
    return str(answer).strip().upper()


@exercise("0.1", answer=Numbers(2, names=["部门数", "受访者人数"]))
def _sizes(answer):
    """(number of departments, number of respondents) of the demo company: (8, 160)."""
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return fail("请填写两个数字组成的元组：(部门数, 受访者人数)。", "例如 answer_0_1 = (5, 100)。")
    depts, people = answer
    if depts == 7:
        return fail("部门数少了一个：法务部（LEG）只有 4 人，但它也是一个部门。",
                    "用 len(data[\"departments\"]) 数部门表的行数。")
    if depts != 8:
        return fail(f"部门数 {depts} 不对。", "部门表 data[\"departments\"] 每行是一个部门。")
    if people == 13464:
        return fail("13464 是 SERVQUAL 答卷的行数（每人、每个被评部门、每道题一行），不是人数。",
                    "受访者名单在 data[\"respondents\"]，每人一行。")
    if people != 160:
        return fail(f"受访者人数 {people} 不对。", "用 len(data[\"respondents\"]) 数受访者表的行数。")
    return ok("正确！8 个部门，160 名受访者（与各部门编制人数之和相同）。")


@exercise("0.2", answer=Text())
def _too_small(answer):
    """The department too small to report: LEG (4 people < min_group_size 5)."""
    a = _norm(answer)
    if a in {"LEG", "法务部", "LEGAL"}:
        return ok("正确！法务部只有 4 人，少于最小人数 min_group_size = 5，"
                  "它的结果会被遮蔽，否则同事能猜出是谁打的分。")
    if a in {"ADM", "行政部", "ADMINISTRATION"}:
        return fail("行政部有 10 人，不少于 5 人，可以报告。",
                    "找编制人数少于 min_group_size = 5 的部门。")
    if a in {"PUR", "HR", "FIN", "IT", "SAL", "PRD"}:
        return fail(f"{a} 的人数不少于 5 人，可以报告。", "看部门表的 headcount 列，找少于 5 人的部门。")
    return fail(f"没有认出 {answer!r} 这个部门。", "请填写部门代码，例如 \"IT\"。")
