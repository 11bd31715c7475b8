"""Checks of module 16 团队自评 (balance wheel, five standards, levels, knowledge, thinking)."""

from . import exercise, ok
from ._tools_common import text_answer


def _room():
    from ...delivery.outcomes import open_workshop

    return open_workshop()


@exercise("16.1")
def _wheel_lowest(answer):
    """第1组's lowest dimension of the balance wheel today (demo: 结果质量)."""
    from ...models.assessments import assessment_names, score_balance_wheel

    w = score_balance_wheel(_room().tables["assessments/wheel"])
    code = w.attrs["balance"]["第1组"]["lowest"]
    right = assessment_names("wheel")[code]
    bad = text_answer(answer, [right, code], hint="看第1组平衡轮“现在”最低的那一维（中文名）。")
    return bad if bad is not None else ok(f"正确！{right}：轮子最短的一根辐条决定它能滚多远。")


@exercise("16.2")
def _knowledge_level(answer):
    """第4组's knowledge-management maturity level (the team level, demo: 起步级)."""
    from ...models.assessments import score_knowledge

    k = score_knowledge(_room().tables["assessments/knowledge"])
    right = k.loc[k["team"] == "第4组", "team_level"].iloc[0]
    bad = text_answer(answer, right, hint="团队的成熟度取决于最弱的一个过程：看 team_level 列。")
    return bad if bad is not None else ok(f"正确！{right}：知识管理的成熟度由最弱的一环决定。")
