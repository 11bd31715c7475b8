"""Importance–performance analysis (IPA, 重要性—表现分析; Martilla & James 1977).

Each attribute (a SERVQUAL item, a service feature) gets the mean importance and the mean
performance its internal customers report. The grid splits at a crosshair:

=================  ====================  ============================
importance         performance low       performance high
=================  ====================  ============================
high               concentrate 重点改进   keep_up 继续保持
low                low_priority 低优先    overkill 供给过度
=================  ====================  ============================

A point exactly on a crosshair counts as high. ``priority`` = importance × (scale_max −
performance) ranks what to fix first (higher = more urgent).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_argument, check_columns, check_frame, check_numeric_range
from ..errors import IsqError

__all__ = ["ipa", "CROSSHAIRS", "IPA_SCALE", "QUADRANTS"]

#: Named crosshair rules: "mean" = mean of the attribute means (data-centred, default),
#: "median" = median of the attribute means, "midpoint" = middle of the answer scale.
CROSSHAIRS = ("mean", "median", "midpoint")
#: Default answer scale of importance and performance (1–7, as SERVQUAL).
IPA_SCALE = (1, 7)
#: Quadrant codes, Martilla & James (1977) order A–D.
QUADRANTS = ("concentrate", "keep_up", "low_priority", "overkill")
# attribute means within this distance of a crosshair count as on it (floating-point noise)
_ON_LINE = 1e-9


def _crosshair_values(means, crosshair, scale_min, scale_max):
    """(importance, performance) crosshair for one table of attribute means."""
    if isinstance(crosshair, str):
        check_argument("crosshair", crosshair, CROSSHAIRS)
        if crosshair == "mean":
            return means["importance_mean"].mean(), means["performance_mean"].mean()
        if crosshair == "median":
            return means["importance_mean"].median(), means["performance_mean"].median()
        mid = (scale_min + scale_max) / 2
        return mid, mid
    if isinstance(crosshair, dict):
        try:
            return float(crosshair["importance"]), float(crosshair["performance"])
        except (KeyError, TypeError, ValueError):
            pass
    else:
        try:
            perf, imp = crosshair
            return float(imp), float(perf)
        except (TypeError, ValueError):
            pass
    raise IsqError(
        f"`crosshair` must be one of {', '.join(map(repr, CROSSHAIRS))}, a pair "
        "(performance, importance) as on the chart's (x, y) axes, or a dict "
        f"{{'importance': ..., 'performance': ...}}; got {crosshair!r}."
    )


def ipa(data, *, attribute="attribute", importance="importance", performance="performance",
        crosshair="mean", by=None, scale_max=IPA_SCALE[1], scale_min=IPA_SCALE[0],
        min_group_size=5):
    """Importance–performance analysis: attribute means, quadrant and priority index.

    Parameters
    ----------
    data : DataFrame
        Long data, one row per respondent × attribute.
    attribute, importance, performance : str
        Columns holding the attribute code and the two ratings.
    crosshair : {"mean", "median", "midpoint"} or pair or dict, default "mean"
        Where the grid splits. "mean": the mean of the attribute means (data-centred);
        "median": their median; "midpoint": the middle of the scale,
        ``(scale_min + scale_max) / 2``; a pair ``(performance, importance)`` in the
        chart's (x, y) order, or ``{"importance": ..., "performance": ...}``.
        With ``by``, data-centred crosshairs are computed within each group.
    by : str or list of str, optional
        Separate grids per group (e.g. ``"provider"``, the department rated).
    scale_max, scale_min : int, default 7 and 1
        The answer scale; ratings outside it raise :class:`isq.IsqError`.
    min_group_size : int, default 5
        Rows (attribute within group) rated by fewer respondents keep their ``n`` but
        their figures and quadrant are masked (``suppressed`` is True) and they do not
        move the crosshair: internal surveys rate colleagues.

    Returns
    -------
    DataFrame
        One row per (group and) attribute: the ``by`` columns, ``attribute``, ``n`` (rows
        with both ratings), ``importance_mean, performance_mean, gap, quadrant, priority``
        , the crosshair used, ``crosshair_importance, crosshair_performance``, and
        ``suppressed``.
        ``gap`` = performance_mean − importance_mean (negative = performance short of
        importance); ``quadrant`` in "concentrate", "keep_up", "low_priority", "overkill".

    Notes
    -----
    Quadrants (Martilla & James 1977): importance ≥ crosshair and performance <
    crosshair → concentrate (A, "concentrate here"); both ≥ → keep_up (B, "keep up the good
    work"); both below → low_priority (C); importance below and performance ≥ → overkill
    (D, "possible overkill"). On a crosshair counts as high (≥, with 1e-9 tolerance).
    ``priority = importance_mean × (scale_max − performance_mean)``.
    Means use the rows where both ratings are present.

    References
    ----------
    Martilla, J. A., & James, J. C. (1977). Importance-performance analysis.
    *Journal of Marketing*, 41(1), 77–79.

    Examples
    --------
    The IT department as its internal customers see it (demo company):

    >>> res = isq.ipa(isq.load_demo("ipa").query("provider == 'IT'"))
    >>> top = res.sort_values("priority", ascending=False).head(3)
    >>> top[["attribute", "importance_mean", "performance_mean", "quadrant"]].round(2)
       attribute  importance_mean  performance_mean     quadrant
    9       SQ10             6.36              4.31  concentrate
    10      SQ11             6.41              4.54  concentrate
    11      SQ12             6.42              4.64  concentrate
    """
    check_frame(data)
    by_cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
    check_columns(data, attribute=attribute, importance=importance, performance=performance,
                  by=by_cols or None)
    if attribute in by_cols:
        raise IsqError(f"`by` must not contain the attribute column {attribute!r}.")
    if not scale_max > scale_min:
        raise IsqError(f"`scale_max` ({scale_max!r}) must be above `scale_min` ({scale_min!r}).")
    imp = check_numeric_range(data[importance], low=scale_min, high=scale_max, name=importance)
    perf = check_numeric_range(data[performance], low=scale_min, high=scale_max,
                               name=performance)
    both = imp.notna() & perf.notna()
    work = data.loc[both, by_cols + [attribute]].copy()
    work["_imp"] = imp[both].to_numpy(dtype=float)
    work["_perf"] = perf[both].to_numpy(dtype=float)
    if work.empty:
        raise IsqError(
            f"No row has both `{importance}` and `{performance}` answered: nothing to analyse."
        )
    g = work.groupby(by_cols + [attribute], sort=True, observed=True)
    out = pd.DataFrame({
        "n": g.size(),
        "importance_mean": g["_imp"].mean(),
        "performance_mean": g["_perf"].mean(),
    }).reset_index()
    suppressed = out["n"].to_numpy() < (min_group_size or 0)
    out.loc[suppressed, ["importance_mean", "performance_mean"]] = np.nan
    # crosshair per group (or once)
    if by_cols:
        parts = []
        for _, sub in out.groupby(by_cols, sort=False):
            ci, cp = _crosshair_values(sub, crosshair, scale_min, scale_max)
            parts.append(pd.DataFrame({"ci": ci, "cp": cp}, index=sub.index))
        cross = pd.concat(parts).loc[out.index]
        c_imp, c_perf = cross["ci"].to_numpy(), cross["cp"].to_numpy()
    else:
        ci, cp = _crosshair_values(out, crosshair, scale_min, scale_max)
        c_imp, c_perf = np.full(len(out), ci), np.full(len(out), cp)
    high_imp = out["importance_mean"].to_numpy() >= c_imp - _ON_LINE
    high_perf = out["performance_mean"].to_numpy() >= c_perf - _ON_LINE
    out["gap"] = out["performance_mean"] - out["importance_mean"]
    out["quadrant"] = np.select(
        [high_imp & ~high_perf, high_imp & high_perf, ~high_imp & ~high_perf],
        ["concentrate", "keep_up", "low_priority"],
        default="overkill",
    )
    out["quadrant"] = out["quadrant"].where(~suppressed)
    out["priority"] = out["importance_mean"] * (scale_max - out["performance_mean"])
    out["crosshair_importance"] = c_imp
    out["crosshair_performance"] = c_perf
    out["suppressed"] = suppressed
    out = out.rename(columns={attribute: "attribute"}) if attribute != "attribute" else out
    return out
