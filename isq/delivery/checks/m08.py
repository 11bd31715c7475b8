"""Checks of module 08 内部服务满意度与部门互评 (notebooks/08_内部服务满意度与部门互评.ipynb)."""

from __future__ import annotations

from . import close, department_code, exercise, fail, ok
from .parse import Number, Text

#: Exercise 8.1: answers of 25 colleagues about one department.
COUNTS_8_1 = {"promoters": 12, "passives": 5, "detractors": 8}


@exercise("8.1", answer=Number(percent="points"))
def _nps_from_counts(answer, promoters=None, passives=None, detractors=None):
    """NPS from counts of promoters (9–10), passives (7–8) and detractors (0–6)."""
    p = COUNTS_8_1["promoters"] if promoters is None else promoters
    m = COUNTS_8_1["passives"] if passives is None else passives
    d = COUNTS_8_1["detractors"] if detractors is None else detractors
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fail("请填写一个数字（−100 到 100）。", "NPS = (推荐者 − 贬损者) / 全部回答人数 × 100。")
    n = p + m + d
    right = 100 * (p - d) / n
    if close(answer, right, tol=0.51):
        return ok(f"正确！({p} − {d}) / {n} × 100 = {right:+.0f}。被动者不加也不减，但算在分母里。")
    if close(answer, right / 100, tol=0.006):
        return fail("你给的是比例（0–1），NPS 习惯写成 −100 到 100 之间的数。", "再乘以 100。")
    if close(answer, -right, tol=0.51):
        return fail("符号反了：推荐者减贬损者。", f"推荐者 {p} 人多于贬损者 {d} 人，NPS 应为正。")
    if close(answer, 100 * (p - d) / (p + d), tol=0.51):
        return fail("分母漏了被动者：被动者（7–8 分）不计入分子，但要算在全部回答人数里。",
                    f"分母是 {p} + {m} + {d} = {n}。")
    if close(answer, 100 * (p + m - d) / n, tol=0.51):
        return fail("把被动者（7–8 分）算成了推荐者。只有 9–10 分是推荐者。",
                    "NPS = (推荐者 − 贬损者) / 全部人数 × 100。")
    if close(answer, 100 * p / n, tol=0.51):
        return fail("这是推荐者的比例，还没有减去贬损者。", "NPS = 推荐者% − 贬损者%。")
    if close(answer, p - d):
        return fail("这是人数之差，还要除以全部回答人数、再乘以 100。", f"({p} − {d}) / {n} × 100。")
    return fail(f"{answer} 不对。", f"推荐者 {p}、被动者 {m}、贬损者 {d}：NPS = (推荐者 − 贬损者) / 全部人数 × 100。")


@exercise("8.2", answer=Text())
def _lenient_rater(answer, leniency=None, self_vs_others=None, ranking=None, peer=None, self_ratings=None,
                   departments=None):
    """Which rater department is lenient (rates every provider higher than other raters do)?

    ``peer`` (and ``self_ratings``): the notebook's peer ratings of its wave; the leniency, the
    self-vs-others table and the ranking are computed from them with isq. Without any of
    them: the demo company.
    """
    from ...models.peer import peer_leniency, peer_ranking, peer_self_vs_others

    if peer is not None:
        leniency = peer_leniency(peer) if leniency is None else leniency
        ranking = peer_ranking(peer) if ranking is None else ranking
        if self_ratings is not None and self_vs_others is None:
            self_vs_others = peer_self_vs_others(peer, self_ratings)
    if leniency is None:  # the demo company
        from ...data.demo import load_demo

        leniency = peer_leniency(load_demo("peer_ratings"))
        ranking = peer_ranking(load_demo("peer_ratings")) if ranking is None else ranking
    if not isinstance(answer, str) or not answer.strip():
        return fail("请填写一个部门（代码或名称，例如 \"PRD\" 或 \"生产部\"）。", "看热力图的列（评价部门）：哪一列整体最绿？")
    code = department_code(answer, departments)
    shown = leniency[~leniency["suppressed"]].set_index("rater")["leniency"]
    target = shown.idxmax()
    if code == target:
        return ok(f"正确！{target} 的宽严度 {shown[target]:+.2f}：它给每个部门打分都比其他评价部门高约"
                  f" {shown[target]:.2f} 分。它的评分要先校正，再用于考核。")
    if code not in shown.index and code in set(leniency["rater"]):
        return fail(f"{code} 的评价人数不足，宽严度不予显示，无法判断。", "在显示了分数的评价部门（列）里找整体最绿的一列。")
    if code not in set(leniency["rater"]):
        return fail(f"「{answer.strip()}」不是评价部门。", "评价部门有：" + "、".join(shown.index) + "。")
    if self_vs_others is not None:
        sv = self_vs_others[~self_vs_others["suppressed"]].set_index("department")["difference"]
        if code in sv.index and code == sv.idxmax():
            return fail(f"{code} 是自评比他评高得最多的部门——那是它看自己偏高，不是给别人打分偏松。",
                        "宽严度看的是一个部门作为评价者，给所有被评部门打分的整体高低。")
    if ranking is not None and code == ranking.loc[ranking["rank"] == 1, "provider"].iloc[0]:
        return fail(f"{code} 是被评得最高的部门（服务好），这和它给别人打分松不松是两回事。",
                    "看热力图的列（评价部门 rater），而不是行（被评部门 provider）。")
    if shown[code] < 0:
        return fail(f"{code} 的宽严度是 {shown[code]:+.2f}：它打分比平均偏严，不是偏松。",
                    "宽严度为正且最大的评价部门最宽松。")
    return fail(f"{code} 的宽严度 {shown[code]:+.2f}，不是最大的。",
                "被评得高（服务好）和给别人打分高（宽松）是两回事：看热力图的列，而不是行。")
