"""Experience journey maps (体验旅程图) and the peak-end rule (峰终定律).

A journey is a sequence of touchpoints grouped in stages; each participant scores each
touchpoint (the demo uses −3 … +3, negative = unpleasant). The summary gives the
emotion curve (mean per touchpoint), classifies pain, itch and delight points
(痛点/痒点/爽点), carries the moments of truth (MOT) and computes the peak-end score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_argument, check_columns, check_frame
from ..errors import IsqError

__all__ = [
    "peak_end",
    "journey_summary",
    "journey_peak_end",
    "compare_journeys",
    "PAIN_THRESHOLD",
    "DELIGHT_THRESHOLD",
    "ITCH_UPPER",
    "POINT_TYPES",
]

#: Default pain threshold on the −3 … +3 emotion scale: a touchpoint mean ≤ −1 is a pain point.
PAIN_THRESHOLD = -1.0
#: Default delight threshold: a touchpoint mean ≥ +1 is a delight point.
DELIGHT_THRESHOLD = 1.0
#: Upper bound of the itch zone: pain < mean ≤ 0 (mildly negative or neutral) is an itch point.
ITCH_UPPER = 0.0
#: Touchpoint classes, in the order used by tables and legends.
POINT_TYPES = ("pain", "itch", "neutral", "delight")
_PEAKS = ("worst", "best", "extreme")


def peak_end(scores, *, higher_is_better=True, peak="worst", neutral=0.0):
    """Peak-end score of one experience: (peak + end) / 2.

    Parameters
    ----------
    scores : array-like
        Moment-by-moment scores in time order (touchpoints of one journey).
        Missing values are ignored for the peak; the last value is the end.
    higher_is_better : bool
        True for satisfaction/emotion scales, False for discomfort or effort scales.
    peak : {"worst", "best", "extreme"}
        Which moment is the peak: the worst (default, Kahneman's pain studies), the best,
        or the most intense one (largest distance from ``neutral``; a tie goes to the worse).
    neutral : float
        Neutral point of the scale, used by ``peak="extreme"``.

    Returns
    -------
    float

    Raises
    ------
    IsqError
        When the last touchpoint has no score: the end is never silently replaced by an
        earlier moment, because the end is exactly what the rule says is remembered.

    References
    ----------
    Kahneman, D., Fredrickson, B. L., Schreiber, C. A., & Redelmeier, D. A. (1993).
    When more pain is preferred to less: adding a better end. *Psychological Science*,
    4(6), 401–405.

    Examples
    --------
    >>> isq.peak_end([1, -2, 0, 2])
    0.0
    >>> isq.peak_end([8, 8, 8, 5], higher_is_better=False)  # discomfort ratings
    6.5
    """
    check_argument("peak", peak, _PEAKS)
    s = pd.to_numeric(pd.Series(np.asarray(scores, dtype=object).ravel()), errors="coerce").to_numpy(float)
    if len(s) == 0:
        raise IsqError("`scores` is empty: peak-end needs at least one scored moment.")
    if np.isnan(s[-1]):
        raise IsqError(
            f"The end (last touchpoint, position {len(s)}) has no score: peak-end needs the final "
            "moment. Score it, or drop the unscored touchpoint on purpose if it is not part of "
            "the experience. (最后一个触点没有评分，峰终值需要终点的评分。)"
        )
    v = s[~np.isnan(s)]
    sign = 1.0 if higher_is_better else -1.0
    if peak == "worst":
        pk = v.min() if higher_is_better else v.max()
    elif peak == "best":
        pk = v.max() if higher_is_better else v.min()
    else:
        dist = np.abs(v - neutral)
        cand = v[dist == dist.max()]
        pk = cand.min() if sign > 0 else cand.max()
    return float((pk + s[-1]) / 2)


def _present(data, name, default):
    """Column name if in use: None skips; a default name absent from data is skipped too."""
    if name is None:
        return None
    if name not in data.columns and name == default:
        return None
    check_columns(data, **{"column": name})
    return name


def journey_summary(data, *, journey="journey", version="version", stage="stage",
                    touchpoint="touchpoint", order="order", score="score",
                    pain=PAIN_THRESHOLD, delight=DELIGHT_THRESHOLD, itch=ITCH_UPPER,
                    mot="mot", label=None, stage_order="stage_order"):
    """Emotion curve of a journey: touchpoint means with pain/itch/delight points and MOT.

    Parameters
    ----------
    data : DataFrame
        Long form: one row per participant × touchpoint (or one row per touchpoint for a
        workshop map). Columns named by the keyword arguments below; ``journey``,
        ``version``, ``stage_order``, ``mot`` and ``label`` are optional (a default name
        missing from ``data`` is skipped).
    journey, version : str or None
        Columns separating journeys (e.g. expense/onboarding) and versions (before/after
        or two customer types).
    stage, touchpoint, order, score : str
        Stage name, touchpoint name, touchpoint position in the journey, and the score.
    pain, delight, itch : float
        Thresholds on the touchpoint mean: mean ≤ ``pain`` is a pain point (痛点),
        mean ≥ ``delight`` a delight point (爽点), ``pain`` < mean ≤ ``itch`` an itch point
        (痒点: tolerated but wanted better, mildly negative or neutral), otherwise neutral.
        The defaults suit the −3 … +3 scale.
    mot : str or None
        Boolean column marking moments of truth; a touchpoint is a MOT if any row says so.
    label : str or None
        Column with an explicit class per row ("pain"/"itch"/"delight"/"neutral" or
        痛点/痒点/爽点): when given, the most frequent label replaces the thresholds.
    stage_order : str or None
        Column ordering the stages; otherwise stages follow their first touchpoint.

    Returns
    -------
    DataFrame
        One row per (journey, version, touchpoint) in journey order: [journey, version,]
        ``stage, stage_order, touchpoint, order, n, mean, sd, point, mot, is_worst, is_best,
        is_end``.

    Examples
    --------
    >>> d = pd.DataFrame({"stage": ["提交", "提交", "审批", "付款"],
    ...                   "touchpoint": ["填写单据", "上传发票", "等待审批", "到账通知"],
    ...                   "order": [1, 2, 3, 4], "score": [0.5, -0.5, -2.0, 1.5]})
    >>> s = isq.journey_summary(d)
    >>> s[["touchpoint", "point"]].values.tolist()
    [['填写单据', 'neutral'], ['上传发票', 'itch'], ['等待审批', 'pain'], ['到账通知', 'delight']]

    The demo company's expense journey before the improvement:

    >>> s = isq.journey_summary(isq.load_demo("journey"))
    >>> ex = s[(s["journey"] == "expense") & (s["version"] == "before")]
    >>> ex.loc[ex["is_worst"], ["touchpoint", "mean", "point"]].values.tolist()
    [['等待审批', -2.5, 'pain']]
    """
    check_frame(data)
    check_columns(data, stage=stage, touchpoint=touchpoint, order=order, score=score)
    if not pain < delight:
        raise IsqError(f"`pain` ({pain}) must be below `delight` ({delight}).")
    if not pain <= itch < delight:
        raise IsqError(f"`itch` ({itch}) must lie from `pain` ({pain}) up to below `delight` ({delight}).")
    jcol = _present(data, journey, "journey")
    vcol = _present(data, version, "version")
    mcol = _present(data, mot, "mot")
    socol = _present(data, stage_order, "stage_order")
    lcol = None if label is None else (check_columns(data, label=label) or label)
    df = data.copy()
    df["_score"] = pd.to_numeric(df[score], errors="coerce")
    bad = df[score].notna() & df["_score"].isna()
    if bad.any():
        raise IsqError(
            f"`{score}` must be numeric; row {df.index[bad][0]!r} has {df.loc[bad, score].iloc[0]!r}."
        )
    groups = [c for c in (jcol, vcol) if c]
    keys = groups + [touchpoint]
    agg = df.groupby(keys, sort=False, dropna=False).agg(
        stage=(stage, "first"), order=(order, "min"), n=("_score", "count"),
        mean=("_score", "mean"), sd=("_score", "std"),
    ).reset_index()
    if agg.empty:
        raise IsqError("`data` has no rows: a journey needs at least one scored touchpoint.")
    agg["mot"] = (df.groupby(keys, sort=False, dropna=False)[mcol].any().to_numpy().astype(bool)
                  if mcol else False)
    if socol:
        agg["stage_order"] = df.groupby(keys, sort=False, dropna=False)[socol].min().to_numpy()
    else:
        first = agg.groupby(groups + ["stage"] if groups else ["stage"], sort=False)["order"].transform("min")
        agg["stage_order"] = first.rank(method="dense").astype(int)
    m = agg["mean"]
    point = np.select([m <= pain, m >= delight, m <= itch], ["pain", "delight", "itch"], "neutral")
    agg["point"] = np.where(m.isna(), None, point)
    if lcol:
        mapping = {"痛点": "pain", "痒点": "itch", "爽点": "delight", "中性": "neutral"}
        lab = df[lcol].map(lambda v: mapping.get(v, v))
        badl = lab.notna() & ~lab.isin(POINT_TYPES)
        if badl.any():
            raise IsqError(
                f"Column `{label}` holds {df.loc[badl, lcol].iloc[0]!r}; expected one of "
                f"pain/itch/neutral/delight or 痛点/痒点/爽点."
            )
        mode = lab.groupby([df[k] for k in keys], sort=False, dropna=False).agg(
            lambda s: s.mode().iloc[0] if s.notna().any() else None)
        agg["point"] = [mode.get(tuple(r) if len(keys) > 1 else r[0], p)
                        for r, p in zip(agg[keys].itertuples(index=False), agg["point"])]
    # journeys and versions keep their order of appearance; touchpoints follow `order`
    rank = {g: {v: i for i, v in enumerate(pd.unique(df[g]))} for g in groups}
    agg = agg.sort_values(groups + ["order"], kind="stable", ignore_index=True,
                          key=lambda col: col.map(rank[col.name]) if col.name in rank else col)
    gb = agg.groupby(groups, sort=False) if groups else None
    if gb is not None:
        agg["is_worst"] = agg["mean"] == gb["mean"].transform("min")
        agg["is_best"] = agg["mean"] == gb["mean"].transform("max")
        agg["is_end"] = agg["order"] == gb["order"].transform("max")
    else:
        agg["is_worst"] = agg["mean"] == agg["mean"].min()
        agg["is_best"] = agg["mean"] == agg["mean"].max()
        agg["is_end"] = agg["order"] == agg["order"].max()
    cols = groups + ["stage", "stage_order", "touchpoint", "order", "n", "mean", "sd",
                     "point", "mot", "is_worst", "is_best", "is_end"]
    out = agg[cols].rename(columns={touchpoint: "touchpoint"})
    return out.rename(columns={c: n for c, n in ((jcol, "journey"), (vcol, "version")) if c})


def journey_peak_end(summary, *, higher_is_better=True, peak="worst"):
    """Peak-end score per journey and version from a :func:`journey_summary` table.

    Returns
    -------
    DataFrame
        One row per journey/version: ``peak_touchpoint, peak, end_touchpoint, end,
        peak_end, mean`` (``mean`` = the plain average of the curve, for contrast).

    Examples
    --------
    >>> d = pd.DataFrame({"stage": ["a"] * 3, "touchpoint": ["x", "y", "z"],
    ...                   "order": [1, 2, 3], "score": [1.0, -2.0, 1.0]})
    >>> isq.journey_peak_end(isq.journey_summary(d))["peak_end"].tolist()
    [-0.5]
    """
    check_frame(summary, name="summary")
    check_columns(summary, touchpoint="touchpoint", order="order", mean="mean")
    groups = [c for c in ("journey", "version") if c in summary.columns]
    rows = []
    parts = summary.groupby(groups, sort=False) if groups else [((), summary)]
    for key, g in parts:
        g = g.sort_values("order")
        pe = peak_end(g["mean"].to_numpy(), higher_is_better=higher_is_better, peak=peak)
        end = g["mean"].iloc[-1]
        pk = 2 * pe - end
        key = key if isinstance(key, tuple) else (key,)
        rows.append({
            **dict(zip(groups, key)),
            "peak_touchpoint": g.loc[np.isclose(g["mean"], pk), "touchpoint"].iloc[0],
            "peak": pk, "end_touchpoint": g["touchpoint"].iloc[-1], "end": end,
            "peak_end": pe, "mean": g["mean"].mean(),
        })
    return pd.DataFrame(rows)


def compare_journeys(data, *, compare="version", base=None, other=None, journey="journey",
                     **kwargs):
    """Compare two versions of a journey (before/after, or two customer types).

    Parameters
    ----------
    data : DataFrame
        As for :func:`journey_summary`.
    compare : str
        Column holding the two versions (default "version").
    base, other : optional
        The two values to compare; by default the first two in order of appearance.
    journey : str or None
        Journey column; comparisons are made within each journey.
    **kwargs
        Passed to :func:`journey_summary` (column names, thresholds).

    Returns
    -------
    DataFrame
        One row per [journey ×] touchpoint: ``stage, touchpoint, order, mean_base,
        mean_other, diff`` (other − base), ``point_base, point_other, n_base, n_other``;
        ``attrs`` holds ``base`` and ``other``.

    Examples
    --------
    >>> d = pd.DataFrame({"version": ["before"] * 2 + ["after"] * 2, "stage": ["s"] * 4,
    ...                   "touchpoint": ["x", "y"] * 2, "order": [1, 2] * 2,
    ...                   "score": [-2.0, 0.0, 0.0, 1.0]})
    >>> isq.compare_journeys(d)["diff"].tolist()
    [2.0, 1.0]
    """
    check_frame(data)
    check_columns(data, compare=compare)
    values = list(pd.unique(data[compare].dropna()))
    base = values[0] if base is None and values else base
    other = next((v for v in values if v != base), None) if other is None else other
    for role, v in (("base", base), ("other", other)):
        if v is None or v not in values:
            raise IsqError(
                f"`{role}`={v!r} is not a value of column {compare!r}; found {values!r}. "
                "Two versions are needed to compare."
            )
    s = journey_summary(data, journey=journey, version=compare, **kwargs)
    jcol = "journey" if "journey" in s.columns else None
    keys = ([jcol] if jcol else []) + ["touchpoint"]
    a = s[s["version"] == base].set_index(keys)
    b = s[s["version"] == other].set_index(keys)
    out = a[["stage", "order"]].join(
        pd.DataFrame({"mean_base": a["mean"]}), how="outer"
    ).join(pd.DataFrame({"mean_other": b["mean"]}), how="outer")
    out["stage"] = out["stage"].fillna(b["stage"]) if len(b) else out["stage"]
    out["order"] = out["order"].fillna(b["order"])
    out["diff"] = out["mean_other"] - out["mean_base"]
    out["point_base"], out["point_other"] = a["point"], b["point"]
    out["n_base"], out["n_other"] = a["n"], b["n"]
    out = out.reset_index().sort_values(([jcol] if jcol else []) + ["order"], ignore_index=True)
    out.attrs.update(base=base, other=other)
    return out
