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
    "RATED_ITEMS", "HIGH_IS_BAD", "TEAM_GANG", "COMMUNICATION_PLAN", "rating_profile", "rating_summary",
    "team_gang_sort", "communication_readiness",
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


# ------------------------------------------------------------------ awareness and culture (module 17)
#: The rated items of the awareness and culture worksheets (module 17, and the pre-communication
#: checklist of module 14): worksheet -> {field: Chinese name}. ``isq/data/worksheets.yaml``
#: defines the same fields (a test keeps them equal); each is rated 1–5 by the team.
RATED_ITEMS = {
    # 内部客户服务的 3C 要素 (企业内部客户服务意识): how well the team lives each today
    "three_c": {"care": "关怀", "concert": "合作", "connect": "沟通"},
    # 成功执行内部客户服务的 7 个要素: how strong each is in the team's unit
    "seven_elements": {"goal": "共同的目标", "trust": "相互信任", "leadership": "强有力的领导",
                       "roles": "合理的角色分配", "communication": "有效的沟通技巧",
                       "process": "持续改进的工作流程", "motivation": "相互激励"},
    # 内部客户压力来源 (1-day course, 七、内部客户情绪压力管理): how much pressure each source puts on the team
    "stress": {"workload": "工作量与时限", "shifting": "跨部门推诿与等待", "blame": "内部客户的指责与投诉",
               "roles": "职责不清", "change": "变化与不确定", "assessment": "考核与排名",
               "relations": "人际关系"},
    # 全员服务文化建立的要点 (1-day course, 一、全员服务文化): how far each is built in the company
    "culture": {"leaders": "领导示范", "values": "理念共识", "standards": "标准与制度",
                "process": "流程支撑", "recognition": "激励与认可", "training": "培训赋能",
                "stories": "服务故事传播", "everyone": "全员参与"},
}
#: Worksheets of :data:`RATED_ITEMS` where a high rating is bad (pressure), not good.
HIGH_IS_BAD = ("stress",)
#: 团队与团伙: ten statements (worksheet "team_gang", fields s01 … s10) and where each belongs.
TEAM_GANG = {
    "s01": ("志同道合的目标意识", "团队"), "s02": ("鼠目寸光的既得利益", "团伙"),
    "s03": ("同舟共济的协作精神", "团队"), "s04": ("四分五裂的帮族派系", "团伙"),
    "s05": ("各怀鬼胎的如意算盘", "团伙"), "s06": ("坦诚和谐的沟通氛围", "团队"),
    "s07": ("荣辱与共的战友情结", "团队"), "s08": ("勾心斗角的人际关系", "团伙"),
    "s09": ("沉闷死板的工作氛围", "团伙"), "s10": ("精诚团结的共赢趋向", "团队"),
}
#: The plan fields of the pre-communication worksheet "communication" (沟通前计划), in order.
COMMUNICATION_PLAN = {"counterpart": "沟通对象", "goal": "沟通目的", "meeting_date": "计划日期",
                      "channel": "沟通方式", "concerns": "对方的关切", "key_messages": "关键信息",
                      "fallback": "备选方案"}


def _sheet(worksheets, name):
    """The rows of worksheet ``name`` in a workshop's long worksheet table (``Workshop.worksheets``)."""
    if worksheets is None or not len(worksheets):
        return pd.DataFrame(columns=["worksheet", "team", "field", "value", "row", "column"])
    check_columns(worksheets, worksheet="worksheet", team="team", field="field", value="value")
    return worksheets[worksheets["worksheet"] == name]


def _blank(v):
    return v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()) \
        or v is pd.NA


def rating_profile(worksheets, worksheet):
    """The teams' 1–5 ratings on one awareness / culture worksheet, one row per team × item.

    Parameters
    ----------
    worksheets : DataFrame
        A workshop's worksheets in long form (``isq.open_workshop(...).worksheets``: columns
        ``worksheet, team, field, value``).
    worksheet : str
        One of :data:`RATED_ITEMS`: ``three_c``, ``seven_elements``, ``stress``, ``culture``.

    Returns
    -------
    DataFrame
        ``team, item, name, score, lowest, highest`` in the worksheet's item order; ``lowest``
        / ``highest`` mark each team's lowest / highest rated item(s) (ties all marked); with a
        ``priority`` field on the worksheet (culture), ``priority`` marks the item the team
        chose to build first. Unrated items are left out. Empty when no team saved the sheet.

    Examples
    --------
    >>> p = isq.rating_profile(isq.open_workshop().worksheets, "three_c")
    >>> p.loc[p["lowest"], ["team", "name"]].values.tolist()
    [['第1组', '沟通'], ['第2组', '关怀'], ['第3组', '合作'], ['第4组', '沟通']]
    """
    if worksheet not in RATED_ITEMS:
        raise IsqError(f"`worksheet` must be one of {', '.join(RATED_ITEMS)}, not {worksheet!r}. "
                       f"(没有名为 {worksheet!r} 的评分工作表。)")
    items = RATED_ITEMS[worksheet]
    sub = _sheet(worksheets, worksheet)
    cols = ["team", "item", "name", "score", "lowest", "highest"]
    rows = []
    for team, t in sub.groupby("team", sort=False):
        vals = dict(zip(t["field"], t["value"]))
        prio = vals.get("priority")
        for code, name in items.items():
            v = vals.get(code)
            if _blank(v):
                continue
            score = pd.to_numeric(pd.Series([str(v).strip()]), errors="coerce").iloc[0]
            if pd.isna(score) or not 1 <= score <= 5:
                raise IsqError(f"{team}: {worksheet}.{code} is {v!r}; a rating is 1–5. "
                               f"（{team}的“{name}”评分应为 1–5。）")
            row = {"team": str(team), "item": code, "name": name, "score": float(score)}
            if "priority" in vals:
                row["priority"] = not _blank(prio) and str(prio).strip() in (code, name)
            rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(columns=cols)
    if "priority" in out:
        out["priority"] = out["priority"].fillna(False).astype(bool)
        cols = cols + ["priority"]
    g = out.groupby("team", sort=False)["score"]
    out["lowest"] = out["score"] == g.transform("min")
    out["highest"] = out["score"] == g.transform("max")
    return out[cols].reset_index(drop=True)


def rating_summary(profile, *, worksheet=None):
    """The room's view of one rated worksheet: per item, the mean over teams and how many teams
    rate it their worst (lowest, or highest for :data:`HIGH_IS_BAD` sheets such as ``stress``).

    Returns
    -------
    DataFrame
        Per item in worksheet order: ``item, name, mean, low, high, teams, worst_for`` (teams
        for which it is the worst item), ``votes`` (teams choosing it as their priority, when
        the sheet has one) and ``worst``: true for the room's worst item — the most
        ``worst_for`` teams, ties broken by the mean (lowest, or highest for pressure).

    Examples
    --------
    >>> s = isq.rating_summary(isq.rating_profile(isq.open_workshop().worksheets, "seven_elements"))
    >>> s.loc[s["worst"], ["name", "worst_for"]].values.tolist()
    [['相互信任', 3]]
    """
    check_frame(profile, name="profile")
    check_columns(profile, team="team", item="item", name="name", score="score")
    if worksheet is None:
        worksheet = next((k for k, v in RATED_ITEMS.items() if set(profile["item"]) <= set(v)), None)
    bad_high = worksheet in HIGH_IS_BAD
    worst_col = "highest" if bad_high else "lowest"
    g = profile.groupby("item", sort=False)
    out = pd.DataFrame({"name": g["name"].first(), "mean": g["score"].mean(), "low": g["score"].min(),
                        "high": g["score"].max(), "teams": g["team"].nunique(),
                        "worst_for": g[worst_col].sum().astype(int)})
    if "priority" in profile:
        out["votes"] = g["priority"].sum().astype(int)
    order = list(RATED_ITEMS.get(worksheet, {})) or list(out.index)
    out = out.reindex([i for i in order if i in out.index])
    out.index.name = "item"
    out = out.reset_index()
    if out.empty:
        return out.assign(worst=pd.Series(dtype=bool))
    most = out["worst_for"] == out["worst_for"].max()
    badness = out["mean"] if bad_high else -out["mean"]  # the tie-break among those teams' choices
    out["worst"] = most & (badness == badness[most].max())
    return out


def team_gang_sort(worksheets):
    """How the teams sorted the ten statements of 团队与团伙 (worksheet ``team_gang``).

    Returns
    -------
    DataFrame
        Per statement, the most confused first: ``item, statement, truth`` (团队 / 团伙),
        ``teams`` (teams that sorted it), ``as_team`` (teams that put it under 团队),
        ``right`` and ``share`` (the share of teams that sorted it right). Empty when no
        team saved the sheet.

    Examples
    --------
    >>> s = isq.team_gang_sort(isq.open_workshop().worksheets)
    >>> s[["statement", "right", "teams"]].head(1).values.tolist()
    [['沉闷死板的工作氛围', 2, 4]]
    """
    sub = _sheet(worksheets, "team_gang")
    rows = []
    for code, (text, truth) in TEAM_GANG.items():
        vals = [str(v).strip() for v in sub.loc[sub["field"] == code, "value"] if not _blank(v)]
        bad = sorted(set(vals) - {"团队", "团伙"})
        if bad:
            raise IsqError(f"team_gang.{code} is {bad[0]!r}; expected 团队 or 团伙. (应填“团队”或“团伙”。)")
        right = sum(v == truth for v in vals)
        rows.append({"item": code, "statement": text, "truth": truth, "teams": len(vals),
                     "as_team": sum(v == "团队" for v in vals), "right": right,
                     "share": right / len(vals) if vals else np.nan})
    out = pd.DataFrame(rows)
    if not sub["team"].nunique():
        return out.iloc[0:0]
    return out.sort_values(["share", "item"], kind="stable", ignore_index=True)


def communication_readiness(worksheets):
    """The pre-communication checklist and plan (worksheet ``communication``) of each team, counted.

    Returns
    -------
    DataFrame
        Per team: ``team, counterpart, ready, open`` (checklist items 已准备 / 未准备),
        ``plan_filled`` (of the :data:`COMMUNICATION_PLAN` fields), ``plan_fields``,
        ``open_items`` (the items not ready, joined with 、) and ``share``: the share of
        checklist items and plan fields done. Teams that saved no sheet are absent.

    Examples
    --------
    >>> r = isq.communication_readiness(isq.open_workshop().worksheets)
    >>> r[["team", "ready", "open", "plan_filled"]].values.tolist()
    [['第2组', 2, 1, 7], ['第4组', 1, 0, 7]]
    """
    sub = _sheet(worksheets, "communication")
    rows = []
    for team, t in sub.groupby("team", sort=False):
        plain = t[t["column"].isna()] if "column" in t else t
        vals = dict(zip(plain["field"], plain["value"]))
        filled = sum(not _blank(vals.get(f)) for f in COMMUNICATION_PLAN)
        items = t[(t["field"] == "checklist")] if "column" in t else t.iloc[0:0]
        wide = items.pivot(index="row", columns="column", values="value") if len(items) else pd.DataFrame()
        status = wide["status"].astype(str).str.strip() if "status" in wide else pd.Series(dtype=str)
        names = wide["item"].astype(str) if "item" in wide else pd.Series([""] * len(status), index=status.index)
        ready, open_ = int((status == "已准备").sum()), int((status == "未准备").sum())
        total = ready + open_ + filled
        rows.append({"team": str(team), "counterpart": "" if _blank(vals.get("counterpart")) else str(vals["counterpart"]),
                     "ready": ready, "open": open_, "plan_filled": filled, "plan_fields": len(COMMUNICATION_PLAN),
                     "open_items": "、".join(names[status == "未准备"]),
                     "share": (ready + filled) / (len(COMMUNICATION_PLAN) + ready + open_) if total else np.nan})
    return pd.DataFrame(rows, columns=["team", "counterpart", "ready", "open", "plan_filled", "plan_fields",
                                       "open_items", "share"])
