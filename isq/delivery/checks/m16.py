"""Checks of module 16 团队自评 (balance wheel, five standards, levels, knowledge, thinking).

Each check takes what the notebook scored (``wheel`` = ``score_balance_wheel(...)``,
``knowledge`` = ``score_knowledge(...)``); without it, it scores the demo room.
"""

from ...models.assessments import assessment_names
from . import exercise, fail, ok
from ._tools_common import text_answer
from .parse import Choice

#: Knowledge-management maturity levels (1 初始级 … 5 优化级).
_KM_LEVELS = tuple(assessment_names("knowledge", key="maturity").values())
_WHEEL_ZH, _WHEEL_EN = assessment_names("wheel"), assessment_names("wheel", lang="en")
_WHEEL = Choice({v: v for v in _WHEEL_ZH.values()}, aliases={v: (k, _WHEEL_EN[k]) for k, v in _WHEEL_ZH.items()})
_KM_LEVEL = Choice({v: v for v in _KM_LEVELS}, aliases={v: (v[:-1], f"{i}级", f"第{i}级", str(i))
                                                     for i, v in enumerate(_KM_LEVELS, 1)})


def _room():
    from ...delivery.outcomes import open_workshop

    return open_workshop()


@exercise("16.1", answer=_WHEEL)
def _wheel_lowest(answer, wheel=None, team="第1组"):
    """``team``'s lowest dimension of the balance wheel today in ``wheel`` (demo 第1组: 结果质量)."""
    from ...models.assessments import assessment_names, score_balance_wheel

    w = score_balance_wheel(_room().tables["assessments/wheel"]) if wheel is None else wheel
    if team not in w.attrs.get("balance", {}):
        return fail(f"平衡轮数据里没有{team}，这道题无法作答。", "换一个小组。")
    code = w.attrs["balance"][team]["lowest"]
    right = assessment_names("wheel")[code]
    bad = text_answer(answer, [right, code], hint=f"看{team}平衡轮“现在”最低的那一维（中文名）。")
    return bad if bad is not None else ok(f"正确！{right}：轮子最短的一根辐条决定它能滚多远。")


@exercise("16.2", answer=_KM_LEVEL)
def _knowledge_level(answer, knowledge=None, team="第4组"):
    """``team``'s knowledge-management maturity level in ``knowledge`` (the team level, demo 第4组: 起步级)."""
    from ...models.assessments import score_knowledge

    k = score_knowledge(_room().tables["assessments/knowledge"]) if knowledge is None else knowledge
    rows = k.loc[k["team"] == team, "team_level"]
    if rows.empty:
        return fail(f"知识管理数据里没有{team}，这道题无法作答。", "换一个小组。")
    right = rows.iloc[0]
    bad = text_answer(answer, right, hint="团队的成熟度取决于最弱的一个过程：看 team_level 列。")
    if bad is not None and isinstance(answer, str) and answer in set(k.loc[k["team"] == team, "level"].astype(str)) - {right}:
        bad = fail(f"“{answer}”是{team}某一个过程的等级；团队的成熟度取最弱的那个过程。", bad.hint)
    return bad if bad is not None else ok(f"正确！{right}：知识管理的成熟度由最弱的一环决定。")
