"""The course's room tools made computable: process map hand-offs, the service-hall checklist,
the execution follow-up tracker, the five-star message check, logical levels and team
co-creation (ideas → clusters → votes → action plan). Pure functions, DataFrame in and out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_columns, check_frame, check_numeric_range
from ..errors import IsqError

__all__ = [
    "PAIN_BELOW", "DELIGHT_FROM", "EXECUTION_STAGES", "FIVE_STAR_POINTS", "STAR_FROM",
    "LOGICAL_LEVELS", "process_handoffs", "hall_diagnosis", "execution_tracker",
    "five_star_check", "logical_levels_profile", "cocreation_plan", "value_loop",
]

#: A hand-off rated below this (mean, −3 … +3) is a pain point 痛点.
PAIN_BELOW = 0.0
#: A hand-off rated at or above this is a delight point 爽点.
DELIGHT_FROM = 1.0
#: Stages of the execution follow-up (2-day course), in order; "done" = 已落实.
EXECUTION_STAGES = {
    "told_not_heard": "说了不听", "heard_not_done": "听了不做", "done_wrong": "做了又错",
    "not_admitted": "错了不认", "admitted_not_changed": "认了不改", "changed_wrong_again": "改了又错",
    "done": "已落实",
}
#: The five-star points of cross-department communication (跨部门"五星"沟通).
FIVE_STAR_POINTS = {"topic": "主题明确", "logic": "逻辑清晰", "wording": "语言包装",
                    "emotion": "理解情绪", "interest": "关注利益"}
#: A point scored at or above this (1–5) earns its star.
STAR_FROM = 4
#: Logical levels (Dilts), bottom to top.
LOGICAL_LEVELS = {"environment": "环境", "behaviour": "行为", "capability": "能力",
                  "beliefs": "信念价值观", "identity": "身份", "vision": "愿景"}


def _codes(series, allowed, name):
    bad = sorted(set(series.dropna().astype(str)) - set(allowed))
    if bad:
        raise IsqError(f"`{name}` has unknown value {bad[0]!r}; expected one of {', '.join(allowed)}. "
                       f"(“{name}”列的取值 {bad[0]!r} 不在允许的范围内。)")


def process_handoffs(steps, *, process="process", order="step_order", step="step", provider="provider",
                     customer="internal_customer", score="score", k=2):
    """Each step of an internal process with its internal customer and the hand-off rating.

    Parameters
    ----------
    steps : DataFrame
        One row per (step, rater): ``process, step_order, step, provider, internal_customer,
        score`` with ``score`` the internal customer's rating of the hand-off, −3 … +3
        (the demo table "process_steps").
    k : int
        How many of the lowest-rated hand-offs to flag as the weakest.

    Returns
    -------
    DataFrame
        Per step in process order: ``process, step_order, step, provider, internal_customer,
        score, n, point`` ("pain" 痛点 below :data:`PAIN_BELOW`, "delight" 爽点 from
        :data:`DELIGHT_FROM`, else "neutral") and ``weakest`` (the ``k`` lowest per process).

    Examples
    --------
    >>> h = isq.process_handoffs(isq.load_demo("process_steps"))
    >>> h.loc[h["weakest"], ["step", "provider", "internal_customer", "score"]]
       step provider internal_customer  score
    1  询价比价      PUR               PRD   -1.4
    5  发票校验      FIN               PUR   -2.0
    """
    check_frame(steps, name="steps")
    check_columns(steps, process=process, order=order, step=step, provider=provider,
                  customer=customer, score=score)
    v = check_numeric_range(steps[score], low=-3, high=3, name=score)
    work = steps.assign(_v=v)
    keys = [process, order, step, provider, customer]
    out = work.groupby(keys, sort=False).agg(score=("_v", "mean"), n=("_v", "count")).reset_index()
    out = out.sort_values([process, order], kind="stable", ignore_index=True)
    out["point"] = np.select([out["score"] < PAIN_BELOW, out["score"] >= DELIGHT_FROM],
                             ["pain", "delight"], "neutral")
    rank = out.groupby(process)["score"].rank(method="first")
    out["weakest"] = rank <= k
    return out.rename(columns={process: "process", order: "step_order", step: "step", provider: "provider",
                               customer: "internal_customer"})


def hall_diagnosis(checks, *, hall="hall", item="item", group="group", mark="mark"):
    """The service-hall checklist per hall: how marked each symptom group is, the worst items.

    Parameters
    ----------
    checks : DataFrame
        ``hall, item, group, mark`` with mark 0 (absent), 1 (some), 2 (marked); group in
        "oddity" (七大怪), "process" (流程面), "execution" (执行面).

    Returns
    -------
    DataFrame
        Per hall × group: ``hall, group, items, present, score, share`` (``present`` = items
        marked 1 or 2, ``score`` = sum of marks, ``share`` = score / (2 × items)), and
        ``attrs["worst"]``: per hall the items marked 2.

    Examples
    --------
    >>> d = isq.hall_diagnosis(isq.load_demo("hall_checks"))
    >>> d.query("hall == '一号厅'")[["group", "present", "share"]].round(2)
           group  present  share
    0     oddity        5   0.50
    1    process        3   0.67
    2  execution        3   0.67
    """
    check_frame(checks, name="checks")
    check_columns(checks, hall=hall, item=item, group=group, mark=mark)
    m = check_numeric_range(checks[mark], low=0, high=2, name=mark)
    _codes(checks[group], ("oddity", "process", "execution"), group)
    work = checks.assign(_m=m)
    order = {"oddity": 0, "process": 1, "execution": 2}
    out = work.groupby([hall, group], sort=False).agg(
        items=("_m", "size"), present=("_m", lambda s: int((s > 0).sum())), score=("_m", "sum"))
    out = out.reset_index()
    out["share"] = out["score"] / (2 * out["items"])
    out = out.sort_values([hall, group], key=lambda s: s.map(order) if s.name == group else s,
                          kind="stable", ignore_index=True)
    out.attrs["worst"] = {h: sub.loc[sub["_m"] == 2, item].tolist() for h, sub in work.groupby(hall, sort=False)}
    return out.rename(columns={hall: "hall", group: "group"})


def execution_tracker(actions, *, stage="stage", by=None):
    """Where rectification actions are stuck on the execution ladder (说了不听 … 改了又错).

    Returns
    -------
    DataFrame
        One row per stage of :data:`EXECUTION_STAGES` (and ``by`` group): ``stage, name,
        count, share`` (share of the group's actions); ``attrs["done_share"]``.

    Examples
    --------
    >>> t = isq.execution_tracker(isq.load_demo("execution_followup"))
    >>> t[["name", "count"]].T.values.tolist()[1]
    [1, 4, 2, 1, 1, 1, 6]
    """
    check_frame(actions, name="actions")
    check_columns(actions, stage=stage, by=by)
    _codes(actions[stage], tuple(EXECUTION_STAGES), stage)
    keys = [by] if by else []
    rows = []
    for g, sub in (actions.groupby(by, sort=False) if by else [(None, actions)]):
        counts = sub[stage].astype(str).value_counts()
        for code, name in EXECUTION_STAGES.items():
            rows.append({**({by: g} if by else {}), "stage": code, "name": name,
                         "count": int(counts.get(code, 0)), "share": counts.get(code, 0) / len(sub)})
    out = pd.DataFrame(rows, columns=[*keys, "stage", "name", "count", "share"])
    out.attrs["done_share"] = float((actions[stage] == "done").mean())
    return out


def five_star_check(data, *, message="message", point="point", score="score", star_from=STAR_FROM):
    """Self-check of written messages on the five-star points: stars earned, what to fix.

    Returns
    -------
    DataFrame
        Per message: ``message, topic, logic, wording, emotion, interest, stars, fix``
        (``stars`` = points scored ≥ ``star_from``; ``fix`` = the lowest point's Chinese name).

    Examples
    --------
    >>> isq.five_star_check(isq.load_demo("five_star"))[["message", "stars", "fix"]]
            message  stars   fix
    0   M1 催报销审批      2  语言包装
    1  M2 申请 IT 加急      4  理解情绪
    2  M3 请采购改交期      2  逻辑清晰
    """
    check_frame(data)
    check_columns(data, message=message, point=point, score=score)
    _codes(data[point], tuple(FIVE_STAR_POINTS), point)
    v = check_numeric_range(data[score], low=1, high=5, name=score)
    wide = data.assign(_v=v).pivot_table(index=message, columns=point, values="_v", aggfunc="mean", sort=False)
    wide = wide.reindex(columns=list(FIVE_STAR_POINTS))
    out = wide.reset_index()
    out.columns.name = None
    out["stars"] = (wide >= star_from).sum(axis=1).to_numpy().astype("int64")
    out["fix"] = [FIVE_STAR_POINTS[c] for c in wide.idxmin(axis=1)]
    return out.rename(columns={message: "message"})


def logical_levels_profile(data, *, team="team", level="level", score="score"):
    """Logical levels per team: the score of each level and the lowest level to work on.

    Returns
    -------
    DataFrame
        Per team × level (bottom to top): ``team, level, name, score, lowest`` with
        ``lowest`` true for the team's lowest level (the higher one on ties: a belief gap
        blocks every level under it).

    Examples
    --------
    >>> p = isq.logical_levels_profile(isq.load_demo("logical_levels"))
    >>> p.loc[p["lowest"], ["team", "name"]].values.tolist()
    [['第1组', '身份'], ['第2组', '愿景'], ['第3组', '能力'], ['第4组', '愿景']]
    """
    check_frame(data)
    check_columns(data, team=team, level=level, score=score)
    _codes(data[level], tuple(LOGICAL_LEVELS), level)
    v = check_numeric_range(data[score], low=1, high=5, name=score)
    g = data.assign(_v=v).groupby([team, level], sort=False)["_v"].mean().reset_index()
    order = {k: i for i, k in enumerate(LOGICAL_LEVELS)}
    g["_o"] = g[level].map(order)
    g = g.sort_values([team, "_o"], kind="stable", ignore_index=True)
    low = g.groupby(team)["_v"].transform("min")
    top = g[g["_v"] == low].groupby(team)["_o"].transform("max")
    g["lowest"] = False
    g.loc[top.index[g.loc[top.index, "_o"] == top], "lowest"] = True
    out = pd.DataFrame({"team": g[team], "level": g[level], "name": g[level].map(LOGICAL_LEVELS),
                        "score": g["_v"], "lowest": g["lowest"]})
    return out


def cocreation_plan(ideas, *, idea="idea", title="title_zh", cluster="dimension", votes="votes",
                    team="team", top=3):
    """Team co-creation 团队共创: ideas grouped into clusters, votes summed, an action plan.

    Parameters
    ----------
    ideas : DataFrame
        One row per idea with its ``cluster`` (the heading the room grouped it under) and
        the dot ``votes`` it received (the demo table "ideas": clusters are dimensions).
    top : int
        How many clusters go into the action plan.

    Returns
    -------
    DataFrame
        Per cluster, most votes first: ``cluster, ideas, votes, share, teams, lead_idea,
        lead_title, lead_votes, in_plan`` (the ``top`` clusters; the lead idea = the
        cluster's most-voted idea, ties by idea code).

    Examples
    --------
    >>> p = isq.cocreation_plan(isq.load_demo("ideas"))
    >>> p.loc[p["in_plan"], ["cluster", "votes", "lead_idea"]]
              cluster  votes lead_idea
    0  responsiveness     46       I01
    1         empathy     26       I07
    2     reliability     24       I11
    """
    check_frame(ideas, name="ideas")
    check_columns(ideas, idea=idea, title=title, cluster=cluster, votes=votes, team=team)
    v = check_numeric_range(ideas[votes], low=0, high=np.inf, name=votes)
    work = ideas.assign(_v=v).sort_values([idea], kind="stable")
    lead = work.sort_values("_v", ascending=False, kind="stable").drop_duplicates(cluster).set_index(cluster)
    g = work.groupby(cluster, sort=False).agg(ideas=(idea, "size"), votes=("_v", "sum"), teams=(team, "nunique"))
    g = g.sort_values("votes", ascending=False, kind="stable")
    out = g.reset_index().rename(columns={cluster: "cluster"})
    out["share"] = out["votes"] / out["votes"].sum()
    out["lead_idea"] = out["cluster"].map(lead[idea])
    out["lead_title"] = out["cluster"].map(lead[title])
    out["lead_votes"] = out["cluster"].map(lead["_v"])
    out["in_plan"] = np.arange(len(out)) < top
    return out[["cluster", "ideas", "votes", "share", "teams", "lead_idea", "lead_title", "lead_votes", "in_plan"]]


def value_loop(links, *, source="source", target="target", sign="sign", team="team"):
    """The service value chain as a feedback loop from the room's answers (正负反馈循环).

    Parameters
    ----------
    links : DataFrame
        One row per team × link: ``team, source, target, sign`` with sign +1 ("more leads to
        more") or −1 ("more leads to less"); the links must close one loop.

    Returns
    -------
    DataFrame
        Per link in loop order: ``source, target, sign`` (the room's majority; ties count
        as +1), ``agree`` (share of teams with the majority) and ``teams``.
        ``attrs["polarity"]`` is "reinforcing" (product of signs > 0: the chain spins up as
        a virtuous circle or down as a vicious one) or "balancing".

    Examples
    --------
    >>> v = isq.value_loop(isq.load_demo("value_loop"))
    >>> v.attrs["polarity"], float(v["agree"].min())
    ('reinforcing', 0.75)
    """
    check_frame(links, name="links")
    check_columns(links, source=source, target=target, sign=sign, team=team)
    s = check_numeric_range(links[sign], low=-1, high=1, name=sign)
    if not s.isin([-1, 1]).all():
        raise IsqError(f"`{sign}` must be +1 or −1 for every link. (每条连线的方向应为 +1 或 −1。)")
    work = links.assign(_s=s)
    g = work.groupby([source, target], sort=False)["_s"].agg(["sum", "count"]).reset_index()
    g["sign"] = np.where(g["sum"] >= 0, 1, -1)
    g["agree"] = [float((work.loc[(work[source] == a) & (work[target] == b), "_s"] == m).mean())
                  for a, b, m in zip(g[source], g[target], g["sign"])]
    nxt = dict(zip(g[source], g[target]))
    start = g[source].iloc[0]
    order, node = [], start
    for _ in range(len(g)):
        order.append(node)
        node = nxt.get(node)
        if node is None:
            raise IsqError("the links do not close one loop: every source needs exactly one link out, "
                           "back to the start. (连线没有形成一个闭环。)")
    if node != start or len(set(order)) != len(g):
        raise IsqError("the links do not close one loop. (连线没有形成一个闭环。)")
    out = g.set_index(source).loc[order].reset_index()
    out = pd.DataFrame({"source": out[source], "target": out[target], "sign": out["sign"].astype("int64"),
                        "agree": out["agree"], "teams": out["count"].astype("int64")})
    out.attrs["polarity"] = "reinforcing" if np.prod(out["sign"]) > 0 else "balancing"
    return out
