"""Team self-assessments (课堂自评): scoring of the course's self-assessment tools.

Six original instruments live in ``isq/data/assessments.yaml`` (read by
:func:`isq.data.loaders.load_assessment`; Chinese and English, written
for isq): the internal service balance wheel (内部服务八维度, rated for past, present and
future), the five satisfaction standards (最快响应, 专业支持, 要事优先, 换位思考, 兑现承诺), the
levels of service awareness and experience (基本/满意/愉悦/意料之外), knowledge management
(获取, 整理, 共享, 应用, 更新改进) with maturity levels, the management-thinking reflection
(系统思维, 开放思维, 感性与理性思维, 换位思维) and the service-patrol checklist (服务巡视).

All answers come in long form, one row per team (or member) × item: ``team, item, score``
(plus ``period`` for the wheel, ``visit`` for the patrol). Every function is pure:
DataFrame in, DataFrame out. Several members of a team may answer: their scores are averaged
and ``n`` counts the answers behind each figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_columns, check_frame, check_numeric_range
from ..data.loaders import ASSESSMENTS, ASSESSMENTS_PATH, assessment_spec, load_assessment
from ..errors import IsqError

__all__ = [
    "ASSESSMENTS", "ASSESSMENTS_PATH", "LEVEL_MET", "WHEEL_PERIODS",
    "load_assessment", "assessment_names",
    "score_balance_wheel", "score_standards", "place_service_level", "score_knowledge",
    "score_thinking", "score_patrol", "patrol_weakest",
]

#: The three periods of the balance wheel, in drawing order.
WHEEL_PERIODS = ("past", "present", "future")
#: A level statement counts as reached when the team's mean agreement is at least this
#: (on the 1–5 scale: 4 = "agree").
LEVEL_MET = 4.0


def assessment_names(name, *, lang="zh", key="groups"):
    """Display names ``{code: text}`` of an instrument's groups (or ``level_names``, ``maturity``,
    ``anchors``) in ``lang``.

    Examples
    --------
    >>> isq.assessment_names("thinking")["emotion_reason"]
    '感性与理性思维'
    """
    from ..labels import check_lang

    lang = check_lang(lang)
    spec = assessment_spec(name)
    if key not in spec:
        raise IsqError(f"The self-assessment {name!r} has no {key!r}.")
    return {k: v[lang] for k, v in spec[key].items()}


def _prepare(data, name, *, team, item, score, extra=()):
    """Check columns, item codes and the scale; add the item's group (and level)."""
    check_frame(data)
    check_columns(data, team=team, item=item, score=score, **{e: e_col for e, e_col in extra})
    spec = assessment_spec(name)
    items = load_assessment(name)
    known = set(items["item"])
    codes = data[item].astype("string")
    unknown = sorted(set(codes.dropna()) - known)
    if unknown:
        raise IsqError(
            f"`{item}` has code(s) {', '.join(map(repr, unknown[:5]))} that are not items of the "
            f"{name!r} self-assessment; expected {', '.join(items['item'])}. "
            f"(题目代码 {unknown[0]!r} 不属于该自评表。)")
    lo, hi = spec["scale"]
    values = check_numeric_range(data[score], low=lo, high=hi, name=score)
    cols = {"team": data[team].astype("string"), "item": codes, "score": values.astype(float)}
    for _, col in extra:
        cols[col] = data[col]
    f = pd.DataFrame(cols, index=data.index).dropna(subset=["item", "score"])
    meta = items.set_index("item")
    f["group"] = f["item"].map(meta["group"])
    if "level" in meta:
        f["level"] = f["item"].map(meta["level"])
    return f, spec


def _group_order(spec):
    return list(spec["groups"])


def _by_group(f, spec, keys):
    """Mean of item means per key × group: each item weighs the same whoever answered."""
    item_means = f.groupby([*keys, "group", "item"], sort=False)["score"].agg(["mean", "count"])
    g = item_means.groupby(level=[*range(len(keys) + 1)], sort=False).agg(
        score=("mean", "mean"), n=("count", "max"))
    g = g.reset_index()
    g["group"] = pd.Categorical(g["group"], _group_order(spec), ordered=True)
    return g.sort_values([*keys, "group"], ignore_index=True).assign(group=lambda d: d["group"].astype(str))


def score_balance_wheel(data, *, team="team", period="period", item="item", score="score"):
    """Score the internal service balance wheel (内部服务八维度) for past, present and future.

    Parameters
    ----------
    data : DataFrame
        Long form: ``team, period, item, score`` with ``period`` in "past", "present",
        "future" and scores 1–10 on items W1–W8 (one item per dimension).
    team, period, item, score : str
        Column names.

    Returns
    -------
    DataFrame
        One row per team × dimension: ``team, dimension, past, present, future, change,
        stretch, n`` with ``change = present − past`` (progress so far) and
        ``stretch = future − present`` (the ambition); ``n`` = answers behind "present".
        ``attrs["balance"]`` per team: the standard deviation of the present scores (0 = a
        perfectly round wheel) and the lowest dimension.

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "period": ["past", "present", "future"] * 2,
    ...                   "item": ["W1"] * 3 + ["W2"] * 3, "score": [4, 6, 9, 7, 7, 8]})
    >>> isq.score_balance_wheel(d)[["dimension", "past", "present", "future", "change", "stretch"]]
            dimension  past  present  future  change  stretch
    0  responsiveness   4.0      6.0     9.0     2.0      3.0
    1       expertise   7.0      7.0     8.0     0.0      1.0
    """
    f, spec = _prepare(data, "wheel", team=team, item=item, score=score, extra=[("period", period)])
    bad = sorted(set(f[period].dropna().astype(str)) - set(WHEEL_PERIODS))
    if bad:
        raise IsqError(f"`{period}` must be one of {', '.join(WHEEL_PERIODS)}; found {bad[0]!r}. "
                       f"(时期应为 past 过去 / present 现在 / future 未来。)")
    f = f.assign(period=f[period].astype(str))
    g = _by_group(f, spec, ["team", "period"])
    wide = g.pivot_table(index=["team", "group"], columns="period", values="score", sort=False)
    n = g[g["period"] == "present"].set_index(["team", "group"])["n"]
    wide = wide.reindex(columns=list(WHEEL_PERIODS))
    out = wide.reset_index().rename(columns={"group": "dimension"})
    out.columns.name = None
    out["change"] = out["present"] - out["past"]
    out["stretch"] = out["future"] - out["present"]
    out["n"] = [int(n.get((t, d), 0)) for t, d in zip(out["team"], out["dimension"])]
    order = {d: i for i, d in enumerate(_group_order(spec))}
    out = out.sort_values(["team", "dimension"], key=lambda s: s.map(order) if s.name == "dimension" else s,
                          ignore_index=True)
    balance = {}
    for t, sub in out.groupby("team", sort=False):
        pres = sub["present"].dropna()
        balance[t] = {"sd": float(pres.std(ddof=0)) if len(pres) else np.nan,
                      "lowest": sub.loc[pres.idxmin(), "dimension"] if len(pres) else None}
    out.attrs["balance"] = balance
    return out


def _flag_extremes(out, keys="team"):
    out["rank"] = out.groupby(keys)["score"].rank(ascending=False, method="min").astype(int)
    low = out.groupby(keys)["score"].transform("min")
    high = out.groupby(keys)["score"].transform("max")
    out["weakest"] = out["score"] == low
    out["strongest"] = out["score"] == high
    return out


def score_standards(data, *, team="team", item="item", score="score"):
    """Score the five satisfaction standards (五项满意标准) a team rated itself on (1–5 rubric).

    Returns
    -------
    DataFrame
        One row per team × standard: ``team, standard, score, anchor, n, rank, weakest,
        strongest``; ``anchor`` is the rubric level (1–5) the rounded score reaches
        (half-up), ``rank`` 1 = best within the team (ties share the best rank).

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "item": ["S1", "S2", "S3", "S4", "S5"] * 2,
    ...                   "score": [2, 4, 3, 5, 4, 3, 4, 3, 4, 4]})
    >>> r = isq.score_standards(d)
    >>> r[["standard", "score", "anchor", "rank", "weakest"]]
                   standard  score  anchor  rank  weakest
    0      fastest_response    2.5       3     5     True
    1  professional_support    4.0       4     2    False
    2      priorities_first    3.0       3     4    False
    3           perspective    4.5       5     1    False
    4         keep_promises    4.0       4     2    False
    """
    f, spec = _prepare(data, "standards", team=team, item=item, score=score)
    out = _by_group(f, spec, ["team"]).rename(columns={"group": "standard"})
    out["anchor"] = np.floor(out["score"] + 0.5).astype(int)
    out = _flag_extremes(out)
    return out[["team", "standard", "score", "anchor", "n", "rank", "weakest", "strongest"]]


def place_service_level(data, *, team="team", item="item", score="score", met=LEVEL_MET):
    """Place a team on the levels of service awareness and service experience.

    Each aspect (服务意识, 服务体验) has one statement per level — 基本, 满意, 愉悦, 意料之外 —
    rated 1–5 for agreement. A level is reached when its mean is at least ``met``; the team
    stands on the highest level reached **without a gap below it** (levels build on each
    other: delight without the basics is not a level).

    Returns
    -------
    DataFrame
        One row per team × aspect: ``team, aspect, level, level_no, next_level, n`` plus one
        column per level with its mean agreement. ``level`` is "none" (level_no 0) when even
        the basic level is not reached; ``next_level`` is the level to work on (None at the top).

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "item": ["LA1", "LA2", "LA3", "LA4", "LE1", "LE2", "LE3", "LE4"],
    ...                   "score": [5, 4, 3, 5, 4, 4, 4, 2]})
    >>> isq.place_service_level(d)[["aspect", "level", "level_no", "next_level"]]
           aspect       level  level_no  next_level
    0   awareness  satisfying         2  delighting
    1  experience  delighting         3  unexpected
    """
    f, spec = _prepare(data, "levels", team=team, item=item, score=score)
    levels = list(spec["level_order"])
    means = f.groupby(["team", "group", "level"], sort=False)["score"].agg(["mean", "count"])
    rows = []
    for (t, aspect), sub in means.groupby(level=[0, 1], sort=False):
        sub = sub.droplevel([0, 1])
        no = 0
        for i, lv in enumerate(levels):
            if lv in sub.index and sub.loc[lv, "mean"] >= met:
                no = i + 1
            else:
                break
        row = {"team": t, "aspect": aspect, "level": levels[no - 1] if no else "none",
               "level_no": no, "next_level": levels[no] if no < len(levels) else None,
               "n": int(sub["count"].max())}
        row.update({lv: float(sub.loc[lv, "mean"]) if lv in sub.index else np.nan for lv in levels})
        rows.append(row)
    out = pd.DataFrame(rows)
    order = {a: i for i, a in enumerate(_group_order(spec))}
    return out.sort_values(["team", "aspect"], key=lambda s: s.map(order) if s.name == "aspect" else s,
                           ignore_index=True)


def score_knowledge(data, *, team="team", item="item", score="score"):
    """Score the knowledge-management self-assessment with maturity levels.

    Five processes (获取 capture, 整理 organise, 共享 share, 应用 apply, 更新改进 improve),
    two statements each, 1–5. The maturity level of a process is the whole part of its mean
    (1 初始级 … 5 优化级); the team's overall maturity is its **lowest** process level
    (knowledge flows through all five steps, so the weakest step limits the whole).

    Returns
    -------
    DataFrame
        One row per team × process: ``team, process, score, level_no, level, n,
        team_level_no, team_level, weakest``.

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "item": [f"KM{i}" for i in range(1, 11)],
    ...                   "score": [4, 3, 3, 3, 2, 3, 4, 4, 2, 1]})
    >>> r = isq.score_knowledge(d)
    >>> r[["process", "score", "level", "team_level"]]
        process  score level team_level
    0   capture    3.5   规范级        初始级
    1  organise    3.0   规范级        初始级
    2     share    2.5   起步级        初始级
    3     apply    4.0   管理级        初始级
    4   improve    1.5   初始级        初始级
    """
    f, spec = _prepare(data, "knowledge", team=team, item=item, score=score)
    out = _by_group(f, spec, ["team"]).rename(columns={"group": "process"})
    names = {int(k): v["zh"] for k, v in spec["maturity"].items()}
    out["level_no"] = np.clip(np.floor(out["score"] + 1e-9), 1, 5).astype(int)
    out["level"] = out["level_no"].map(names)
    out["team_level_no"] = out.groupby("team")["level_no"].transform("min").astype(int)
    out["team_level"] = out["team_level_no"].map(names)
    out["weakest"] = out["score"] == out.groupby("team")["score"].transform("min")
    return out[["team", "process", "score", "level_no", "level", "n", "team_level_no", "team_level",
                "weakest"]]


def score_thinking(data, *, team="team", item="item", score="score"):
    """Score the management-thinking reflection (系统/开放/感性与理性/换位思维), three items each.

    Returns
    -------
    DataFrame
        One row per team × thinking style: ``team, thinking, score, n, rank, weakest, strongest``.

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "item": [f"T{i}" for i in range(1, 13)],
    ...                   "score": [4, 4, 5, 3, 3, 3, 4, 2, 3, 5, 4, 4]})
    >>> isq.score_thinking(d)[["thinking", "score", "rank"]].round(2)
             thinking  score  rank
    0         systems   4.33     1
    1            open   3.00     3
    2  emotion_reason   3.00     3
    3     perspective   4.33     1
    """
    f, spec = _prepare(data, "thinking", team=team, item=item, score=score)
    out = _by_group(f, spec, ["team"]).rename(columns={"group": "thinking"})
    out = _flag_extremes(out)
    return out[["team", "thinking", "score", "n", "rank", "weakest", "strongest"]]


def _visit_order(values):
    """Visits sort as dates when they all parse, else numerically, else as text."""
    s = pd.Series(pd.unique(values.dropna()))
    num = pd.to_numeric(s, errors="coerce")
    if num.notna().all():
        return list(s.iloc[np.argsort(num.to_numpy(), kind="stable")])
    dates = pd.to_datetime(s.astype(str), errors="coerce", format="mixed")
    if dates.notna().all():
        return list(s.iloc[np.argsort(dates.to_numpy(), kind="stable")])
    return sorted(s, key=str)


def score_patrol(data, *, visit="visit", item="item", score="score", team="team"):
    """Score a service-patrol checklist (服务巡视) per visit: points, share of the maximum, trend.

    Items P01–P10 are scored 0 (不符合), 1 (部分符合) or 2 (完全符合). Items not checked on a
    visit are left out of that visit's maximum, so a partial patrol is not penalised.

    Returns
    -------
    DataFrame
        One row per team × visit in visit order: ``team, visit, points, max_points, percent,
        n_items, change`` with ``percent = points / max_points`` (0–1) and ``change`` the
        difference in percent from the previous visit (NaN for the first).

    Examples
    --------
    >>> d = pd.DataFrame({"team": "IT", "visit": [1] * 3 + [2] * 3,
    ...                   "item": ["P01", "P05", "P07"] * 2, "score": [1, 0, 2, 2, 1, 2]})
    >>> isq.score_patrol(d)[["visit", "points", "max_points", "percent", "change"]].round(3)
       visit  points  max_points  percent  change
    0      1     3.0           6    0.500     NaN
    1      2     5.0           6    0.833   0.333
    """
    f, spec = _prepare(data, "patrol", team=team, item=item, score=score, extra=[("visit", visit)])
    f = f.rename(columns={visit: "visit"}) if visit != "visit" else f
    top = spec["scale"][1]
    item_means = f.groupby(["team", "visit", "item"], sort=False)["score"].mean()
    g = item_means.groupby(level=[0, 1], sort=False).agg(points="sum", n_items="count").reset_index()
    g["max_points"] = g["n_items"] * top
    g["percent"] = g["points"] / g["max_points"]
    order = {v: i for i, v in enumerate(_visit_order(f["visit"]))}
    g = g.sort_values(["team", "visit"], key=lambda s: s.map(order) if s.name == "visit" else s,
                      ignore_index=True)
    g["change"] = g.groupby("team")["percent"].diff()
    return g[["team", "visit", "points", "max_points", "percent", "n_items", "change"]]


def patrol_weakest(data, *, k=3, visit="visit", item="item", score="score", team="team", lang="zh"):
    """The weakest checklist items over all visits (the ones to fix first).

    Returns
    -------
    DataFrame
        The ``k`` items with the lowest mean share of the maximum, per team: ``team, item,
        area, text, mean_percent, first, last, trend, visits`` where ``first``/``last`` are the
        item's share at its first and last visit and ``trend = last − first``. Ties by item code.

    Examples
    --------
    >>> d = pd.DataFrame({"team": "IT", "visit": [1] * 3 + [2] * 3,
    ...                   "item": ["P01", "P05", "P07"] * 2, "score": [1, 0, 2, 2, 1, 2]})
    >>> isq.patrol_weakest(d, k=2)[["item", "mean_percent", "trend"]]
      item  mean_percent  trend
    0  P05          0.25    0.5
    1  P01          0.75    0.5
    """
    from ..labels import check_lang

    lang = check_lang(lang)
    f, spec = _prepare(data, "patrol", team=team, item=item, score=score, extra=[("visit", visit)])
    top = spec["scale"][1]
    order = {v: i for i, v in enumerate(_visit_order(f[visit]))}
    per = f.groupby(["team", "item", visit], sort=False)["score"].mean().reset_index()
    per["pct"] = per["score"] / top
    per["_o"] = per[visit].map(order)
    per = per.sort_values(["team", "item", "_o"])
    g = per.groupby(["team", "item"], sort=False).agg(
        mean_percent=("pct", "mean"), first=("pct", "first"), last=("pct", "last"),
        visits=("pct", "size")).reset_index()
    g["trend"] = g["last"] - g["first"]
    meta = load_assessment("patrol").set_index("item")
    areas = assessment_names("patrol", lang=lang)
    g["area"] = g["item"].map(meta["group"]).map(areas)
    g["text"] = g["item"].map(meta[f"text_{lang}"])
    g = g.sort_values(["team", "mean_percent", "item"], ignore_index=True)
    g = g.groupby("team", sort=False).head(int(k)).reset_index(drop=True)
    return g[["team", "item", "area", "text", "mean_percent", "first", "last", "trend", "visits"]]
