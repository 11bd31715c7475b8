"""Checks of module 00 课程导览 (the demo company 示例集团).

Both checks take the notebook's tables (``departments``, ``respondents``); without them they
use the demo company.
"""

from . import department_code, exercise, fail, ok
from .parse import Numbers, Text

#: Fewest respondents a group needs to be reported (the kit's privacy default).
MIN_GROUP_SIZE = 5


def _departments(departments):
    if departments is None:
        from ...data.demo import load_demo

        departments = load_demo("departments")
    return departments


@exercise("0.1", answer=Numbers(2, names=["部门数", "受访者人数"]))
def _sizes(answer, departments=None, respondents=None):
    """(number of departments, number of respondents): demo company (8, 160)."""
    if respondents is None:
        from ...data.demo import load_demo

        respondents = load_demo("respondents")
    d = _departments(departments)
    n_depts, n_people = len(d), len(respondents)
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return fail("请填写两个数字组成的元组：(部门数, 受访者人数)。", "例如 answer_0_1 = (5, 100)。")
    depts, people = answer
    small = d[d["headcount"] < MIN_GROUP_SIZE] if "headcount" in d else d.iloc[:0]
    if depts == n_depts - 1 and len(small):
        s = small.iloc[0]
        return fail(f"部门数少了一个：{s.get('name_zh', s['department'])}（{s['department']}）只有 {s['headcount']} 人，"
                    "但它也是一个部门。",
                    "用 len(data[\"departments\"]) 数部门表的行数。")
    if depts != n_depts:
        return fail(f"部门数 {depts} 不对。", "部门表 data[\"departments\"] 每行是一个部门。")
    if people == 13464 or (people != n_people and people > 10 * n_people):
        return fail(f"{people} 是答卷的行数（每人、每个被评部门、每道题一行），不是人数。",
                    "受访者名单在 data[\"respondents\"]，每人一行。")
    if people != n_people:
        return fail(f"受访者人数 {people} 不对。", "用 len(data[\"respondents\"]) 数受访者表的行数。")
    return ok(f"正确！{n_depts} 个部门，{n_people} 名受访者。")


@exercise("0.2", answer=Text())
def _too_small(answer, departments=None, min_group_size=MIN_GROUP_SIZE):
    """The department too small to report (headcount < ``min_group_size``): demo LEG (4 people)."""
    d = _departments(departments)
    sizes = dict(zip(d["department"].astype(str), d["headcount"]))
    small = [c for c, n in sizes.items() if n < min_group_size]
    code = department_code(answer, d)
    if code in small:
        return ok(f"正确！{code} 只有 {sizes[code]} 人，少于最小人数 min_group_size = {min_group_size}，"
                  "它的结果会被遮蔽，否则同事能猜出是谁打的分。")
    if code in sizes:
        return fail(f"{code} 有 {sizes[code]} 人，不少于 {min_group_size} 人，可以报告。",
                    f"找编制人数少于 min_group_size = {min_group_size} 的部门（看部门表的 headcount 列）。")
    return fail(f"没有认出 {answer!r} 这个部门。", "请填写部门代码，例如 \"IT\"。")
