"""Checks of module 15 服务厅管理 (hall checklist, patrol, execution follow-up)."""

from . import exercise, ok
from ._tools_common import number_answer, text_answer


@exercise("15.1")
def _hall_execution(answer):
    """The hall whose execution causes are most marked (demo: 一号厅)."""
    from ...data.demo import load_demo
    from ...models.tools import hall_diagnosis

    d = hall_diagnosis(load_demo("hall_checks"))
    e = d[d["group"] == "execution"].sort_values("share", ascending=False, kind="stable")
    right = e["hall"].iloc[0]
    bad = text_answer(answer, right, hint="看 group 为 execution 的三行，share 最大的那个厅。")
    return bad if bad is not None else ok(f"正确！{right}执行面问题最明显：做了≠做好、技术语言、心态——要从“监工”变“教练”。")


@exercise("15.2")
def _patrol_gain(answer):
    """第3组's gain in patrol score share from visit 1 to visit 3 (demo 0.40)."""
    from ...delivery.outcomes import open_workshop
    from ...models.assessments import score_patrol

    p = score_patrol(open_workshop().tables["assessments/patrol"]).query("team == '第3组'")
    right = float(p["percent"].iloc[-1] - p["percent"].iloc[0])
    bad = number_answer(answer, right, tol=0.006, hint="第3组最后一次的 percent 减去第一次的 percent。")
    return bad if bad is not None else ok(f"正确！+{right:.2f}：持续巡视、当场教练，三次之间得分率明显上升。")


@exercise("15.3")
def _stuck(answer):
    """How many rectification actions are stuck at 听了不做 (demo 4)."""
    from ...data.demo import load_demo
    from ...models.tools import execution_tracker

    t = execution_tracker(load_demo("execution_followup")).set_index("stage")
    right = int(t.loc["heard_not_done", "count"])
    bad = number_answer(answer, right, tol=0, hint="看 name 为“听了不做”那一行的 count。")
    return bad if bad is not None else ok(f"正确！{right} 项：听了不做是最常见的卡点——靠制度的力量和跟进闭环推动。")
