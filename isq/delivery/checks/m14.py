"""Checks of module 14 跨部门沟通与协作 (logical levels, five-star, co-creation, the
pre-communication checklist).

The checks take what the notebook computed (``levels`` = ``logical_levels_profile(...)``,
``stars`` = ``five_star_check(...)``, ``plan`` = ``cocreation_plan(...)``, ``readiness`` =
``communication_readiness(...)``); without them they recompute on the demo data. The
awareness quizzes (3C, team or gang, 4 skills, 7 elements, economies) are in module 17.
"""

from ...labels import DIMENSIONS, label
from ...models.tools import FIVE_STAR_POINTS, LOGICAL_LEVELS
from . import exercise, fail, ok
from ._tools_common import TEAM, labelled_choice, lowest_answer, room_worksheets, text_answer
from .parse import Choice

_LEVEL = Choice({v: v for v in LOGICAL_LEVELS.values()},
                aliases={v: (k,) for k, v in LOGICAL_LEVELS.items()} | {"信念价值观": ("信念", "价值观", "信念和价值观", "信念与价值观", "beliefs")})
_POINT = Choice({v: v for v in FIVE_STAR_POINTS.values()}, aliases={v: (k,) for k, v in FIVE_STAR_POINTS.items()})
_DIMENSION = labelled_choice(DIMENSIONS)


@exercise("14.1", answer=_LEVEL)
def _lowest_level(answer, levels=None, team="第1组"):
    """``team``'s lowest logical level in ``levels`` (``logical_levels_profile``; demo 第1组: 身份)."""
    if levels is None:
        from ...data.demo import load_demo
        from ...models.tools import logical_levels_profile

        levels = logical_levels_profile(load_demo("logical_levels"))
    p = levels
    rows = p[(p["team"] == team) & p["lowest"]]
    if rows.empty:
        return fail(f"数据里没有{team}，这道题无法作答。", "换一个小组。")
    right = rows["name"].iloc[0]
    if isinstance(answer, str):
        answer = LOGICAL_LEVELS.get(answer.strip().lower(), answer)
    t = p[p["team"] == team].set_index("name")
    wrong = {}
    score = "score" if "score" in t.columns else None
    for name in t.index:
        if name != right and score and t.loc[name, score] == t.loc[right, score]:
            wrong[name] = (f"{name}和{right}同为 {t.loc[right, score]:g} 分；并列时取更高的一层，"
                           "因为高层的缺口会卡住下面各层。")
    bad = text_answer(answer, right, wrong=wrong, hint=f"看{team} lowest 为 True 的那一层，用中文名。")
    return bad if bad is not None else ok(f"正确！{right}：先回答“我们部门是谁、为谁服务”，行为和能力的改进才有方向。")


@exercise("14.2", answer=_POINT)
def _missing_star(answer, stars=None, message="M2 申请 IT 加急"):
    """The point ``message`` should fix in ``stars`` (``five_star_check``; demo M2: 理解情绪)."""
    if stars is None:
        from ...data.demo import load_demo
        from ...models.tools import five_star_check

        stars = five_star_check(load_demo("five_star"))
    f = stars.set_index("message")
    right = f.loc[message, "fix"]
    if isinstance(answer, str):
        answer = FIVE_STAR_POINTS.get(answer.strip().lower(), answer)
    bad = text_answer(answer, right, hint="看 M2 那一行的 fix 列（五个要点中分数最低的一项）。")
    return bad if bad is not None else ok(f"正确！M2 已拿到四颗星，补上“{right}”：先承认对方的忙，再提加急。")


@exercise("14.3", answer=_DIMENSION)
def _top_cluster(answer, plan=None):
    """The co-creation cluster with the most votes in ``plan`` (``cocreation_plan``; demo: responsiveness / 响应性)."""
    if plan is None:
        from ...data.demo import load_demo
        from ...models.tools import cocreation_plan

        plan = cocreation_plan(load_demo("ideas"))
    right = str(plan["cluster"].iloc[0])
    name = label(right, "zh")
    if isinstance(answer, str) and answer.strip().lower() == name.lower():
        answer = right
    bad = text_answer(answer, [right], hint="看 cocreation_plan 结果的第一行 cluster（得票最多的主题）。")
    if bad is not None and isinstance(answer, str) and answer.strip() in DIMENSIONS:
        bad = fail(f"“{label(answer.strip(), 'zh')}”不对：它不是得票最多的主题。", bad.hint)
    lead = plan["lead_title"].iloc[0] if "lead_title" in plan.columns else ""
    return bad if bad is not None else ok(f"正确！{name}主题得票最多" + (f"，它的领头点子“{lead}”进入行动计划。" if lead else "。"))


@exercise("14.4", answer=TEAM)
def _least_ready(answer, readiness=None):
    """The team least ready for its conversation (``communication_readiness``, lowest ``share``; demo 第2组)."""
    if readiness is None:
        from ...models.awareness import communication_readiness

        readiness = room_worksheets(communication_readiness)
    bad, _ = lowest_answer(answer, readiness, "share", "team",
                           none="还没有任何小组保存沟通准备清单，这道题无法作答。",
                           ask="先让各组填写工作表“沟通准备清单与计划”。",
                           hint="看 share 最低的那一组（清单事项和计划字段完成的比例）。")
    if bad is not None:
        return bad
    left = readiness.loc[readiness["team"] == answer.strip(), "open_items"].iloc[0]
    return ok(f"正确！{answer.strip()}还差：{left or '计划中的几项'}。沟通前把它补齐，再约对方。")
