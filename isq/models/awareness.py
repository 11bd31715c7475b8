"""Awareness and culture worksheets made computable (module 17, and the pre-communication
checklist of module 14): the teams' 1–5 ratings of the 3C elements, the seven elements of
successful internal service, the sources of pressure and the service-culture building points;
the team-vs-gang sort; the readiness of a pre-communication plan. Pure functions on a workshop's
long worksheet table, DataFrame in and out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_columns, check_frame
from ..errors import IsqError

__all__ = [
    "RATED_ITEMS", "HIGH_IS_BAD", "TEAM_GANG", "COMMUNICATION_PLAN", "rating_profile", "rating_summary",
    "team_gang_sort", "communication_readiness",
]

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
