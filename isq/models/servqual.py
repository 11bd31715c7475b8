"""SERVQUAL: expectation–perception gaps, the weighted score, the zone of tolerance,
SERVPERF and the shortboard (短板).

The method (PZB 1988, 1991; binding conventions in METHODS.md), step by step as the code
below runs it:

1. per answer, gap = perception − expectation (negative = shortfall), only for pairs with
   both answers;
2. per respondent (and group), the item or dimension score = the mean of their answered
   item gaps, i.e. their mean perception − mean expectation over those pairs
   (:func:`_respondent_scores`);
3. the sample figure = the mean over respondents, with the t-interval over respondents
   mean ± t(n − 1) · sd / √n (:func:`_over_respondents`);
4. overall: the mean of the dimension scores, or Σ w_d · gap_d with the 100-point
   allocation renormalised to shares (:func:`_overall`).

Step 2 adds up 2.2 M answers for 100,000 respondents; it runs on the key columns' codes
(:func:`isq.models._grouped.group_sums`), every other step is plain pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._docstrings import share_docs
from .._validate import check_argument, check_columns, check_frame, check_numeric_range
from ..errors import IsqError
from ..labels import DIMENSIONS
from ._grouped import group_sums

__all__ = [
    "servqual_gaps",
    "servqual_zone",
    "servperf",
    "servqual_shortboard",
    "SCALE",
    "SERVQUAL_LEVELS",
]

#: Answer scale of the SERVQUAL items (PZB 1988: 7-point, 1 = strongly disagree).
SCALE = (1, 7)
#: Levels at which ``servqual_gaps`` and ``servperf`` report.
SERVQUAL_LEVELS = ("item", "dimension", "overall")
#: Default minimum number of respondents behind a group figure (privacy).
MIN_GROUP_SIZE = 5

_ALL = "__isq_all__"  # constant grouping key: "no by" is one group


# --------------------------------------------------------------------------- the method
def _respondent_scores(data, *, respondent, item, dimension, values, by, scale, level):
    """Steps 1–2: one row per respondent × by-group × dimension (× item) with the mean of
    their answered pairs for each column of ``values`` (role -> column; "gap", "msa",
    "mss" are derived per answer). Returns (scores, by)."""
    check_frame(data)
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    roles = {"respondent": respondent, "item": item, "dimension": dimension}
    check_columns(data, **roles, **values, by=by or None)
    reserved = set(roles) | set(values)
    for b in by:
        if b in reserved or b in roles.values():
            raise IsqError(
                f"`by` may not contain {b!r}: it is one of the SERVQUAL roles "
                f"({', '.join(sorted(reserved))}). Group by department, provider or wave instead."
            )
    answers = {role: _answers(data[col], *scale, role) for role, col in values.items()}
    answered = np.logical_and.reduce([~np.isnan(v) for v in answers.values()])
    keys = {"respondent": data[respondent], **{b: data[b] for b in by},
            "dimension": data[dimension], **({"item": data[item]} if level == "item" else {})}
    scores, _ = group_sums(keys, answers, keep=answered)
    for name in answers:  # each respondent's mean over their answered pairs
        scores[name] /= scores["size"]
    # the mean of the respondent's item gaps P − E over those pairs is mean P − mean E
    if "expectation" in answers:
        scores["gap"] = scores["perception"] - scores["expectation"]
    if "adequate" in answers:
        scores["msa"] = scores["perception"] - scores["adequate"]
        scores["mss"] = scores["perception"] - scores["desired"]
    return scores.drop(columns="size"), by


def _answers(col, low, high, name):
    """Answers as float (NaN = missing); raise unless numeric in [low, high]."""
    if col.dtype.kind in "fiu":  # plain numbers: one range check, no conversion
        arr = col.to_numpy(dtype=float)
        if arr.size == 0 or (np.fmin.reduce(arr) >= low and np.fmax.reduce(arr) <= high):
            return arr  # (fmin/fmax skip NaN; all-NaN gives NaN and takes the checked path)
    return check_numeric_range(col, low=low, high=high, name=name).to_numpy(dtype=float)


def _tcrit(n, ci):
    """Two-sided t quantile for n respondents (NaN where n < 2)."""
    from scipy import stats

    n = np.asarray(n, dtype=float)
    return stats.t.ppf((1 + ci) / 2, np.where(n >= 2, n - 1, np.nan))


def _t_interval(mean, sd, n, ci):
    """mean ± t(n − 1) · sd / √n."""
    half = _tcrit(n, ci) * sd / np.sqrt(n)
    return mean - half, mean + half


def _over_respondents(scores, keys, columns, intervals, ci):
    """Step 3: the mean over respondents per group, with a t-interval for ``intervals``."""
    groups = scores.groupby(keys, observed=True, sort=True)
    means, n = groups[columns].mean(), groups.size().astype("int64")
    out = {}
    for name in columns:
        out[name] = means[name]
        if name in intervals:
            out[f"{name}_ci_low"], out[f"{name}_ci_high"] = _t_interval(
                means[name], groups[name].std(), n, ci)
    out["n"] = n
    return pd.DataFrame(out).reset_index()


def _overall(scores, by, score, weights, ci):
    """Step 4: unweighted (and weighted) overall score per group, with intervals.

    The point is the (weighted) mean of the sample dimension scores; its interval comes from
    each respondent's (weighted) mean of their own dimension scores.
    """
    group = by or [_ALL]
    scores = scores.assign(**{_ALL: 0})
    dims = scores.groupby([*group, "dimension"], observed=True)[score].mean().reset_index()
    out = dims.groupby(group, observed=True).size().rename("dimensions").to_frame()
    specs = [("unweighted", None)] + ([("weighted", weights)] if weights is not None else [])
    for name, table in specs:
        w_dim = _weights_of(dims, table)
        w_resp = _weights_of(scores, table)
        point = ((w_dim * dims[score]).groupby([dims[g] for g in group], observed=True).sum()
                 / w_dim.groupby([dims[g] for g in group], observed=True).sum())
        rkeys = [scores[g] for g in [*group, "respondent"]]
        per_resp = ((w_resp * scores[score]).groupby(rkeys, observed=True).sum()
                    / w_resp.groupby(rkeys, observed=True).sum())
        spread = per_resp.groupby(level=group, observed=True).agg(["std", "size"])
        out[name] = point
        out[f"{name}_ci_low"], out[f"{name}_ci_high"] = _t_interval(
            point, spread["std"], spread["size"], ci)
        out["n"] = spread["size"].astype("int64")
    out = out[[c for c in out.columns if c != "dimensions"] + ["dimensions"]]
    return out.reset_index()


def _weights_of(rows, table):
    """Each row's weight from a [*wby, dimension, w] table (1 for the unweighted score)."""
    if table is None:
        return pd.Series(1.0, index=rows.index)
    keys = [c for c in table.columns if c != "w"]
    looked_up = rows[keys].astype(object).merge(table.astype({k: object for k in keys}),
                                                on=keys, how="left")["w"]
    return pd.Series(looked_up.to_numpy(), index=rows.index)


def _weights_table(weights, scores, by, dimension, respondent):
    if weights is None:
        return None
    present = list(pd.unique(scores["dimension"]))
    table, wby = _normalise_weights(weights, dimensions=present, by=by,
                                    dimension=dimension, respondent=respondent)
    return table[[*wby, "dimension", "w"]]


def _normalise_weights(weights, *, dimensions, by, dimension, respondent):
    """Return a frame [*wby, dimension, w] of shares summing to 1 within each group."""
    if isinstance(weights, dict):
        weights = pd.Series(weights, dtype=float)
    if isinstance(weights, pd.Series):
        w = pd.to_numeric(weights, errors="coerce")
        if w.isna().any() or (w < 0).any():
            raise IsqError(
                "`weights` must give a non-negative number of points per dimension, "
                f"e.g. {{'reliability': 30, ...}}; got {weights.to_dict()!r}."
            )
        table = pd.DataFrame({"dimension": w.index, "w": w.to_numpy(dtype=float)})
        wby = []
    elif isinstance(weights, pd.DataFrame):
        check_columns(weights, dimension=dimension, points="points")
        wby = [b for b in by if b in weights.columns]
        points = check_numeric_range(weights["points"], low=0, high=100, name="weights points")
        long = pd.DataFrame({"dimension": weights[dimension], "points": points})
        for b in wby:
            long[b] = weights[b]
        if respondent in weights.columns:
            # each respondent's allocation renormalised to shares, then averaged over
            # respondents (a dimension a respondent left out counts as 0 points)
            long["respondent"] = weights[respondent]
            long = long.dropna()
            wide = long.pivot_table(
                index=[*wby, "respondent"], columns="dimension", values="points",
                aggfunc="sum", fill_value=0.0, observed=True,
            )
            total = wide.sum(axis=1)
            wide = wide[total > 0].div(total[total > 0], axis=0)
            shares = wide.groupby(level=wby).mean() if wby else wide.mean().to_frame().T
            table = shares.stack().rename("w").reset_index()
            table = table.drop(columns=[c for c in table.columns if c not in [*wby, "dimension", "w"]])
        else:
            table = long.groupby([*wby, "dimension"], observed=True)["points"].mean()
            table = table.rename("w").reset_index()
    else:
        raise IsqError(
            "`weights` must be a dict or Series (dimension -> points of a 100-point allocation) "
            f"or a long DataFrame with columns {dimension!r} and 'points'; "
            f"got {type(weights).__name__}."
        )
    missing = sorted(set(dimensions) - set(table["dimension"]))
    if missing:
        raise IsqError(
            f"`weights` give no points to the dimension(s) {missing}, which are in the data. "
            f"Give every dimension its points (0 is allowed). Weights cover: "
            f"{sorted(map(str, table['dimension'].unique()))}."
        )
    table = table[table["dimension"].isin(dimensions)]
    key = [_ALL, *wby]
    table = table.assign(**{_ALL: 0})
    total = table.groupby(key, observed=True)["w"].transform("sum")
    if (total <= 0).any():
        raise IsqError("`weights` allocate 0 points in total: nothing to renormalise.")
    table["w"] = table["w"] / total
    return table, wby



# --------------------------------------------------------------------------- presentation
def _check_ci(ci):
    if not isinstance(ci, (int, float)) or not 0 < ci < 1:
        raise IsqError(f"`ci` must be a confidence level between 0 and 1, e.g. 0.95; got {ci!r}.")
    return float(ci)


def _sort(frame, keys):
    """Sort by ``keys`` with dimensions in instrument order (tangibles … empathy)."""
    if frame.empty:
        return frame.reset_index(drop=True)
    order = {d: i for i, d in enumerate(DIMENSIONS)}

    def key(col):
        if col.name != "dimension":
            return col
        return pd.Series([(order.get(d, len(order)), str(d)) for d in col], index=col.index)

    return frame.sort_values(list(keys), key=key, kind="stable").reset_index(drop=True)


def _finish(out, by, first, metrics, min_group_size, *, series=False):
    """Mask small groups (privacy), sort, order the columns; a Series without ``by``."""
    if min_group_size:  # the whole table is one group when by is None
        out.loc[out["n"] < min_group_size, metrics] = np.nan
    out = _sort(out, [*by, *first])
    out = out[[*by, *first, *[c for c in out.columns if c not in (*by, *first, _ALL)]]]
    if series and not by:
        return out.iloc[0].rename(None)
    return out


def _overall_result(scores, by, score, weights, dimension, respondent, ci, min_group_size):
    table = _weights_table(weights, scores, by, dimension, respondent)
    out = _overall(scores, by, score, table, ci)
    metrics = [c for c in out.columns if c not in (_ALL, *by, "n", "dimensions")]
    return _finish(out, by, [], metrics, min_group_size, series=True)


def _level_result(scores, by, level, columns, intervals, ci, min_group_size, means=()):
    first = ["item", "dimension"] if level == "item" else ["dimension"]
    out = _over_respondents(scores, [*by, *first], columns, intervals, ci)
    out = out.rename(columns={c: f"{c}_mean" for c in means})
    metrics = [c for c in out.columns if c not in (*by, *first, "n")]
    return _finish(out, by, first, metrics, min_group_size)


# --------------------------------------------------------------------------- public
@share_docs
def servqual_gaps(data, *, item="item", dimension="dimension", expectation="expectation",
                  perception="perception", respondent="respondent", by=None, level="item",
                  weights=None, ci=0.95, scale=SCALE, min_group_size=MIN_GROUP_SIZE):
    """SERVQUAL gap scores (perception − expectation) per item, dimension or overall.

    Parameters
    ----------
    {{servqual_data}}
    expectation, perception : str
        Columns of the two answers.
    {{servqual_roles}}
    {{servqual_by}}
    level : {"item", "dimension", "overall"}
        What one row of the result describes.
    {{servqual_weights}}
    {{servqual_tail}}

    Returns
    -------
    DataFrame
        level "item": ``*by, item, dimension, expectation_mean, perception_mean, gap,
        gap_ci_low, gap_ci_high, n``; level "dimension": the same without ``item``.
        {{servqual_overall_returns}}

    Notes
    -----
    Per answer, gap = P − E (only pairs with both answers). A respondent's item score is the
    mean of their answers to that item within the group, their dimension score the mean of
    their answered item scores; the sample figure is the mean over respondents, with
    mean ± t(n−1) · sd / √n. ``expectation_mean`` and ``perception_mean`` use the same pairs,
    so ``gap = perception_mean − expectation_mean`` exactly. The unweighted overall score is
    the mean of the dimension scores (not of the 22 item gaps); the weighted score is
    Σ w_d · gap_d with the points renormalised to sum to 1 (PZB 1991). A long weights table
    is turned into each respondent's shares and averaged over respondents. The intervals of
    the overall scores come from each respondent's (weighted) mean of their dimension scores.

    References
    ----------
    Parasuraman, A., Zeithaml, V. A., & Berry, L. L. (1988). SERVQUAL: a multiple-item scale
    for measuring consumer perceptions of service quality. Journal of Retailing, 64(1), 12–40.
    Parasuraman, A., Berry, L. L., & Zeithaml, V. A. (1991). Refinement and reassessment of
    the SERVQUAL scale. Journal of Retailing, 67(4), 420–450.

    Examples
    --------
    >>> df = pd.DataFrame({
    ...     "respondent": ["a", "a", "b", "b"], "item": ["SQ05", "SQ10"] * 2,
    ...     "dimension": ["reliability", "responsiveness"] * 2,
    ...     "expectation": [7, 6, 6, 7], "perception": [5, 4, 6, 4]})
    >>> g = isq.servqual_gaps(df, level="dimension", min_group_size=None)
    >>> g[["dimension", "gap", "n"]]
            dimension  gap  n
    0     reliability -1.0  2
    1  responsiveness -2.5  2
    >>> float(isq.servqual_gaps(df, level="overall", min_group_size=None)["unweighted"])
    -1.75
    """
    check_argument("level", level, SERVQUAL_LEVELS)
    ci = _check_ci(ci)
    scores, by = _respondent_scores(
        data, respondent=respondent, item=item, dimension=dimension, by=by, scale=scale,
        values={"expectation": expectation, "perception": perception}, level=level)
    if level == "overall":
        return _overall_result(scores, by, "gap", weights, dimension, respondent, ci,
                               min_group_size)
    return _level_result(scores, by, level, ["expectation", "perception", "gap"], ["gap"], ci,
                         min_group_size, means=("expectation", "perception"))


@share_docs
def servperf(data, *, item="item", dimension="dimension", perception="perception",
             respondent="respondent", by=None, level="dimension", weights=None, ci=0.95,
             scale=SCALE, min_group_size=MIN_GROUP_SIZE):
    """SERVPERF: service quality from perceptions only (Cronin & Taylor 1992).

    Same aggregation as :func:`servqual_gaps` (item -> respondent's dimension score ->
    mean over respondents), applied to the perception answers.

    Parameters
    ----------
    {{servqual_data}}
    perception : str
        Column of the perception answers.
    {{servqual_roles}}
    {{servqual_by}}
    level : {"item", "dimension", "overall"}, default "dimension"
        What one row of the result describes (a dimension unless asked otherwise).
    {{servqual_weights}}
    {{servqual_tail}}

    Returns
    -------
    DataFrame
        level "item"/"dimension": ``*by, [item,] dimension, perception_mean,
        perception_ci_low, perception_ci_high, n``;
        {{servqual_overall_returns}}

    References
    ----------
    Cronin, J. J., & Taylor, S. A. (1992). Measuring service quality: a reexamination and
    extension. Journal of Marketing, 56(3), 55–68.

    Examples
    --------
    >>> df = pd.DataFrame({"respondent": ["a", "a", "b", "b"], "item": ["SQ05", "SQ10"] * 2,
    ...     "dimension": ["reliability", "responsiveness"] * 2, "perception": [5, 4, 6, 4]})
    >>> isq.servperf(df, min_group_size=None)[["dimension", "perception_mean"]]
            dimension  perception_mean
    0     reliability              5.5
    1  responsiveness              4.0
    """
    check_argument("level", level, SERVQUAL_LEVELS)
    ci = _check_ci(ci)
    scores, by = _respondent_scores(
        data, respondent=respondent, item=item, dimension=dimension, by=by, scale=scale,
        values={"perception": perception}, level=level)
    if level == "overall":
        return _overall_result(scores, by, "perception", weights, dimension, respondent, ci,
                               min_group_size)
    return _level_result(scores, by, level, ["perception"], ["perception"], ci, min_group_size,
                         means=("perception",))


def __getattr__(name):
    # the zone of tolerance and the short board live in servqual_zone.py, which imports from
    # here: served on first use, so that the two modules do not import each other at load
    if name in ("servqual_zone", "servqual_shortboard"):
        from . import servqual_zone
        return getattr(servqual_zone, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
