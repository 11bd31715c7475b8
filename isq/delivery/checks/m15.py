"""Checks of module 15 服务厅管理 (hall checklist, patrol, execution follow-up).

15.1–15.3 take what the notebook computed (``hall`` = ``hall_diagnosis(...)``, ``patrol`` =
``score_patrol(...)``, ``follow`` = ``execution_tracker(...)``); without them they recompute
on the demo data.
"""

import re

from . import exercise, ok
from ._tools_common import number_answer, text_answer
from .parse import Items, Number, Text

_ZH_DIGITS = "〇一二三四五六七八九"


def _hall_name(answer):
    """``1号厅`` / ``1 号厅`` / ``一号`` -> ``一号厅`` (the demo's names); other text unchanged."""
    if not isinstance(answer, str):
        return answer
    s = "".join(answer.split())
    m = re.fullmatch(r"([0-9]|[一二三四五六七八九])号?厅?", s)
    if m and (s.endswith("厅") or s.endswith("号")):
        d = m.group(1)
        return (_ZH_DIGITS[int(d)] if d.isdigit() else d) + "号厅"
    return s


@exercise("15.1", answer=Text())
def _hall_execution(answer, hall=None):
    """The hall whose execution causes are most marked in ``hall`` (``hall_diagnosis``; demo: 一号厅)."""
    if hall is None:
        from ...data.demo import load_demo
        from ...models.tools import hall_diagnosis

        hall = hall_diagnosis(load_demo("hall_checks"))
    e = hall[hall["group"] == "execution"].sort_values("share", ascending=False, kind="stable")
    right = str(e["hall"].iloc[0])
    names = set(e["hall"].astype(str))
    if isinstance(answer, str) and answer.strip() not in names:
        answer = _hall_name(answer)
    bad = text_answer(answer, right, hint="看 group 为 execution 的几行，share 最大的那个厅。")
    return bad if bad is not None else ok(f"正确！{right}执行面问题最明显：做了≠做好、技术语言、心态——要从“监工”变“教练”。")


@exercise("15.2", answer=Number())
def _patrol_gain(answer, patrol=None, team="第3组"):
    """``team``'s gain in patrol score share from the first visit to the last in ``patrol`` (demo 第3组: 0.40)."""
    if patrol is None:
        from ...delivery.outcomes import open_workshop
        from ...models.assessments import score_patrol

        patrol = score_patrol(open_workshop().tables["assessments/patrol"])
    p = patrol[patrol["team"] == team]
    if p.empty:
        from . import fail

        return fail(f"巡视数据里没有{team}，这道题无法作答。", "换一个小组。")
    right = float(p["percent"].iloc[-1] - p["percent"].iloc[0])
    bad = number_answer(answer, right, tol=0.006, hint=f"{team}最后一次的 percent 减去第一次的 percent。")
    if bad is not None and number_answer(answer, -right, tol=0.006) is None and abs(right) > 0.006:
        from . import fail

        return fail("符号反了：提升 = 最后一次 − 第一次。", bad.hint)
    return bad if bad is not None else ok(f"正确！{right:+.2f}：持续巡视、当场教练，几次之间得分率"
                                          + ("明显上升。" if right > 0 else "没有上升——要查一查教练是否跟上。"))


@exercise("15.3", answer=Number(integer=True))
def _stuck(answer, follow=None):
    """How many rectification actions in ``follow`` (``execution_tracker``) are stuck at 听了不做 (demo 4)."""
    if follow is None:
        from ...data.demo import load_demo
        from ...models.tools import execution_tracker

        follow = execution_tracker(load_demo("execution_followup"))
    t = follow.set_index("stage")
    right = int(t.loc["heard_not_done", "count"])
    bad = number_answer(answer, right, tol=0, hint="看 name 为“听了不做”那一行的 count。")
    return bad if bad is not None else ok(f"正确！{right} 项：听了不做是最常见的卡点——靠制度的力量和跟进闭环推动。")


def _words(answer):
    if isinstance(answer, (set, list, tuple)):
        return {str(a).strip().lower() for a in answer}
    return None


@exercise("15.4", answer=Items())
def _three_forces(answer):
    """提升执行力源自三种力量: 习惯、制度、文化."""
    from . import fail

    got = _words(answer)
    if got is None:
        return fail("请填写一个集合，例如 {\"…\", \"…\", \"…\"}。", "三种力量各用两个字。")
    got = {g.replace("的力量", "") for g in got}
    if got == {"习惯", "制度", "文化"}:
        return ok("正确！习惯的力量、制度的力量、文化的力量：制度管住底线，习惯让它自然，文化让大家在关键时刻做出一致的选择。")
    return fail("还不对。", "一种靠重复（习惯），一种靠规则（制度），一种靠共同的价值观（文化）。")


@exercise("15.5", answer=Items())
def _three_c_era(answer):
    """The 3C era of the 2-day course: Customer, Competition, Change."""
    from . import fail

    got = _words(answer)
    zh = {"客户": "customer", "竞争": "competition", "变化": "change"}
    if got is None:
        return fail("请填写一个集合。", "三个以 C 开头的英文词。")
    got = {zh.get(g, g) for g in got}
    if got == {"customer", "competition", "change"}:
        return ok("正确！Customer 客户、Competition 竞争、Change 变化：更好满足需求、适应竞争、快速响应变化。")
    if "care" in got or "concert" in got or "connect" in got:
        return fail("那是内部客户服务的 3C 要素（模块 17）；这里问的是“3C 时代”。", "客户、竞争、变化。")
    return fail("还不对。", "客户、竞争、变化的英文。")
