"""SERVQUAL: expectation–perception gaps, the weighted score, the zone of tolerance,
SERVPERF and the shortboard (短板).

Conventions (binding, see METHODS.md): gap = perception − expectation, negative = shortfall.
The unit of analysis is the respondent: an item gap is computed per answer, a respondent's
dimension score is the mean of their answered item gaps, and every sample figure is the mean
over respondents with a t-interval over respondents. Everything is vectorised (groupby), so
100,000 respondents take well under a second.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_argument, check_columns, check_frame, check_numeric_range
from ..errors import IsqError
from ..labels import DIMENSIONS
from ._keys import _compress, dense_ids, group_codes, key_codes, nested_ids, split_keys

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

_ALL = "__isq_all__"  # constant grouping key, so "no by" and "by" share one code path


# --------------------------------------------------------------------------- helpers
def _as_list(by):
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _check_ci(ci):
    if not isinstance(ci, (int, float)) or not 0 < ci < 1:
        raise IsqError(f"`ci` must be a confidence level between 0 and 1, e.g. 0.95; got {ci!r}.")
    return float(ci)


def _tcrit(n, ci):
    """Two-sided t quantile for n respondents (NaN where n < 2)."""
    from scipy import stats

    n = np.asarray(n, dtype=float)
    df = np.where(n >= 2, n - 1, np.nan)
    return stats.t.ppf((1 + ci) / 2, df)


def _dimension_key(values):
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    return pd.Index(values).map(lambda d: (order.get(d, len(order)), str(d)))


def _sort(frame, keys):
    """Sort by ``keys`` with dimensions in instrument order (tangibles … empathy)."""
    if frame.empty:
        return frame.reset_index(drop=True)
    sort_cols = []
    tmp = frame.copy()
    for k in keys:
        if k == "dimension":
            tmp["__dim_key"] = list(_dimension_key(tmp["dimension"]))
            sort_cols.append("__dim_key")
        else:
            sort_cols.append(k)
    tmp = tmp.sort_values(sort_cols, kind="stable")
    return tmp.drop(columns=[c for c in tmp.columns if c == "__dim_key"]).reset_index(drop=True)


class _Frame:
    """Validated answers as integer codes (keys) and float arrays (values).

    Key columns are factorised once; all grouping then runs on a single int64 key with
    ``np.bincount``, which keeps 100,000 respondents × 22 items well under a second.
    """

    def __init__(self, codes, levels, values, by, drop=None):
        self.codes, self.levels, self.values, self.by = codes, levels, values, by
        # rows not to use (None = use all): rows missing an answer are not copied out of
        # every array but sent to a discarded group when grouping (see _per_respondent)
        self.drop = drop

    def size(self, role):
        return max(len(self.levels[role]), 1)


def _prepare(data, *, roles, values, by, scale, level="item"):
    """Validate ``data`` and return a :class:`_Frame`.

    ``roles`` maps role -> user column (respondent, item, dimension); ``values`` maps
    role -> user column for the numeric answers. Rows missing any value or key are dropped
    (a gap needs both answers of the pair).
    """
    check_frame(data)
    by = _as_list(by)
    check_columns(data, **roles, **values, by=by or None)
    reserved = set(roles) | set(values)
    for b in by:
        if b in reserved or b in roles.values():
            raise IsqError(
                f"`by` may not contain {b!r}: it is one of the SERVQUAL roles "
                f"({', '.join(sorted(reserved))}). Group by department, provider or wave instead."
            )
    low, high = scale
    vals = {role: _answers(data[col], low, high, role) for role, col in values.items()}
    codes, levels = {}, {}
    for role, col in [*((b, b) for b in by), *roles.items()]:
        if role == "item" and level != "item":
            continue  # not needed: dimension scores pool the answers of the dimension
        # categorical columns: their codes as they are (categories order = sorted order)
        codes[role], levels[role] = key_codes(data[col])
    drop = None
    for arr in vals.values():  # bool masks only: no float temporaries to allocate
        if drop is None:
            drop = np.isnan(arr)
        else:
            drop |= np.isnan(arr)
    missing_key = False
    for arr in codes.values():
        if arr.min(initial=0) < 0:
            drop = drop | (arr < 0)
            missing_key = True
    if drop is not None and not drop.any():
        drop = None
    if drop is not None and missing_key:  # rare: copy out the complete rows
        keep = ~drop
        vals = {k: v[keep] for k, v in vals.items()}
        codes = {k: v[keep] for k, v in codes.items()}
        drop = None
    return _Frame(codes, levels, vals, by, drop), by


def _answers(col, low, high, name):
    """Answers as float (NaN = missing); raise unless numeric in [low, high]."""
    if col.dtype.kind in "fiu":  # plain numpy numbers: one range check, no conversion
        arr = col.to_numpy(dtype=float)
        if arr.size == 0 or (np.fmin.reduce(arr) >= low and np.fmax.reduce(arr) <= high):
            return arr  # (fmin/fmax skip NaN; all-NaN gives NaN and takes the slow path)
    return check_numeric_range(col, low=low, high=high, name=name).to_numpy(dtype=float)


def _group(codes, sizes):
    """Group rows by several code arrays: (group index per row, k, codes per group)."""
    if float(np.prod([float(s) for s in sizes])) < 2.0**62:
        key = np.zeros(len(codes[0]) if codes else 0, dtype=np.int64)
        for c, s in zip(codes, sizes):
            key *= s
            key += c
        space = int(np.prod([int(s) for s in sizes]))
        if space <= max(4 * len(key), 1 << 22):
            # dense key space: address groups directly (no hashing, no sorting)
            present = np.zeros(space, dtype=bool)
            present[key] = True
            remap = np.cumsum(present, dtype=np.int32 if space < 2**31 else np.int64)
            remap -= 1
            inv, uniq = remap[key], np.flatnonzero(present)
        else:
            uniq, inv = np.unique(key, return_inverse=True)
        comps, rest = [], uniq
        for s in reversed(sizes):
            rest, r = np.divmod(rest, s)
            comps.append(r)
        return inv, len(uniq), comps[::-1]
    frame = pd.DataFrame({i: c for i, c in enumerate(codes)})  # pragma: no cover (huge keys)
    g = frame.groupby(list(frame.columns), sort=False)
    first = frame.groupby(list(frame.columns), sort=False).head(1)
    return g.ngroup().to_numpy(), g.ngroups, [first[i].to_numpy() for i in frame.columns]


def _bin_mean(inv, k, v):
    counts = np.bincount(inv, minlength=k)
    return np.bincount(inv, weights=v, minlength=k) / counts, counts


def _per_respondent(f, level, values):
    """Per-respondent mean scores at item or dimension level.

    Item level: the mean of a respondent's answers to the item within the group (one
    answer normally; several when, e.g., they rated several providers and provider is not
    in ``by``). Dimension level: the mean of the respondent's answered item scores in the
    dimension (each answer counts once). Returns (codes dict, values dict).
    """
    # two small dense steps instead of one huge key space: answer sheets (respondent ×
    # by-groups; just the respondent when each has one sheet), then sheet × dimension
    # (× item). Groups come out ordered by (respondent, by, dimension[, item]): within
    # every later group the respondents stay in ascending order, so all sums run in the
    # same order as a (by, dimension, respondent) numbering would give.
    outer = ["respondent", *f.by]
    inner = ["dimension", *(["item"] if level == "item" else [])]
    roles = [*outer, *inner]
    osizes = [f.size(r) for r in outer]
    nested = nested_ids([f.codes[r] for r in outer], osizes)
    if nested is not None:  # one sheet per respondent: the respondent is the sheet
        sheet, n_sheets, scomps = nested
    else:
        sheet, n_sheets, skeys = dense_ids([f.codes[r] for r in outer], osizes, return_keys=True)
        scomps = None if skeys is None else split_keys(skeys, osizes)
    isizes = [n_sheets, *(f.size(r) for r in inner)]
    space = float(np.prod([float(x) for x in isizes]))
    if scomps is None or space >= 2.0**62:  # pragma: no cover (astronomic key spaces)
        keep = ~f.drop if f.drop is not None else slice(None)
        inv, k = dense_ids([sheet[keep], *(f.codes[r][keep] for r in inner)], isizes)
        comps = group_codes([f.codes[r][keep] for r in roles], inv, k)
        counts = np.bincount(inv, minlength=k)
        vals = {name: np.bincount(inv, weights=f.values[name][keep], minlength=k) / counts
                for name in values}
        return dict(zip(roles, comps)), vals
    key = sheet
    for r in inner:
        key *= f.size(r)
        key += f.codes[r]
    space = int(np.prod([int(x) for x in isizes]))
    if f.drop is not None:
        key[f.drop] = space  # one extra group for the unusable rows, dropped below
    if space + 1 <= 2 * len(key) + (1 << 16):
        # dense: the key is the bin; keep the bins that received rows
        counts = np.bincount(key, minlength=space + 1)[:space]
        present = counts > 0
        # the codes of the occupied bins without integer division
        gsheet, *icomps = np.nonzero(present.reshape(isizes))
        counts = counts[present]

        def sums(v):
            return np.bincount(key, weights=v, minlength=space + 1)[:space][present]
    else:
        inv, k, gkeys = _compress(key, space + 1)
        if k and gkeys[-1] == space:
            k, gkeys = k - 1, gkeys[:-1]
        counts = np.bincount(inv, minlength=k + 1)[:k]

        def sums(v):
            return np.bincount(inv, weights=v, minlength=k + 1)[:k]
        gsheet, *icomps = split_keys(gkeys, isizes)
    comps = [c[gsheet] for c in scomps] + icomps
    vals = {name: sums(f.values[name]) / counts for name in values}
    return dict(zip(roles, comps)), vals


def _summarise(f, codes, vals, keys, intervals, ci):
    """Sample means over respondents plus a t-interval for each column in ``intervals``."""
    inv, k, comps = _group([codes[r] for r in keys], [f.size(r) for r in keys])
    out = {r: f.levels[r].take(c) for r, c in zip(keys, comps)}
    n = np.bincount(inv, minlength=k)
    tq = _tcrit(n, ci)
    for name, v in vals.items():
        mean = np.bincount(inv, weights=v, minlength=k) / n
        out[name] = mean
        if name in intervals:
            with np.errstate(invalid="ignore", divide="ignore"):
                ss = np.bincount(inv, weights=(v - mean[inv]) ** 2, minlength=k)
                half = tq * np.sqrt(ss / (n - 1)) / np.sqrt(n)
            out[f"{name}_ci_low"] = mean - half
            out[f"{name}_ci_high"] = mean + half
    out["n"] = n.astype("int64")
    frame = pd.DataFrame(out)
    frame[_ALL] = 0
    return frame


def _mask_small(out, by, min_group_size, cols):
    if min_group_size:  # the whole table is one group when by is None
        small = out["n"] < min_group_size
        if small.any():
            out.loc[small, cols] = np.nan
    return out


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


def _weight_lookup(f, table, wby):
    """Per-row weight function from a [*wby, dimension, w] table, via a dense code array."""
    roles = [*wby, "dimension"]
    shape = tuple(f.size(r) for r in roles)
    dense = np.full(shape, np.nan)
    idx = [f.levels[r].get_indexer(pd.Index(table[r])) for r in roles]
    ok = np.logical_and.reduce([i >= 0 for i in idx])
    dense[tuple(i[ok] for i in idx)] = table["w"].to_numpy(dtype=float)[ok]
    return lambda codes: dense[tuple(codes[r] for r in roles)]


def _overall(f, codes, vals, score, weights_table, wby, ci):
    """Unweighted (and weighted) overall scores with intervals over respondents.

    ``codes``/``vals`` are the per-respondent dimension scores.
    """
    by = f.by
    g = vals[score]
    # sample dimension scores
    dkeys = [*by, "dimension"]
    dinv, dk, dcomps = _group([codes[r] for r in dkeys], [f.size(r) for r in dkeys])
    dmean = _bin_mean(dinv, dk, g)[0]
    dcodes = dict(zip(dkeys, dcomps))
    # by-groups (one constant group without by)
    bsizes = [f.size(r) for r in by]
    if by:
        ginv_d, gk, gcomps = _group([dcodes[r] for r in by], bsizes)
    else:
        ginv_d, gk, gcomps = np.zeros(dk, dtype=np.int64), 1, []
    # map each respondent row to its by-group through the same combined key
    rkeys = [*by, "respondent"]
    rinv, rk, rcomps = _group([codes[r] for r in rkeys], [f.size(r) for r in rkeys])
    rcodes = dict(zip(rkeys, rcomps))
    if by:
        key_of_group = dict(zip(_combined(gcomps, bsizes).tolist(), range(gk)))
        resp_group = pd.Series(_combined([rcodes[r] for r in by], bsizes)).map(key_of_group)
        resp_group = resp_group.to_numpy(dtype=np.int64)
    else:
        resp_group = np.zeros(rk, dtype=np.int64)
    out = {r: f.levels[r].take(c) for r, c in zip(by, gcomps)}
    specs = [("unweighted", None)]
    if weights_table is not None:
        specs.append(("weighted", _weight_lookup(f, weights_table, wby)))
    for name, lookup in specs:
        wd = np.ones(dk) if lookup is None else lookup(dcodes)
        point = np.bincount(ginv_d, weights=wd * dmean, minlength=gk) / np.bincount(
            ginv_d, weights=wd, minlength=gk
        )
        w = np.ones(len(g)) if lookup is None else lookup(codes)
        r = np.bincount(rinv, weights=w * g, minlength=rk) / np.bincount(rinv, weights=w, minlength=rk)
        n = np.bincount(resp_group, minlength=gk)
        rmean = np.bincount(resp_group, weights=r, minlength=gk) / n
        with np.errstate(invalid="ignore", divide="ignore"):
            ss = np.bincount(resp_group, weights=(r - rmean[resp_group]) ** 2, minlength=gk)
            half = _tcrit(n, ci) * np.sqrt(ss / (n - 1)) / np.sqrt(n)
        out[name] = point
        out[f"{name}_ci_low"] = point - half
        out[f"{name}_ci_high"] = point + half
    out["n"] = np.bincount(resp_group, minlength=gk).astype("int64")
    out["dimensions"] = np.bincount(ginv_d, minlength=gk).astype("int64")
    frame = pd.DataFrame(out)
    frame[_ALL] = 0
    return frame


def _combined(codes, sizes):
    key = np.zeros(len(codes[0]), dtype=np.int64)
    for c, s in zip(codes, sizes):
        key = key * s + np.asarray(c, dtype=np.int64)
    return key


def _overall_result(f, score, weights, dimension, respondent, ci, min_group_size):
    codes, vals = _per_respondent(f, "dimension", [score])
    wt, wby = None, []
    if weights is not None:
        present = f.levels["dimension"].take(np.unique(codes["dimension"]))
        wt, wby = _normalise_weights(
            weights, dimensions=list(present), by=f.by, dimension=dimension, respondent=respondent,
        )
    out = _overall(f, codes, vals, score, wt, wby, ci)
    metrics = [c for c in out.columns if c not in (_ALL, *f.by, "n", "dimensions")]
    return _finish(out, f.by, [], metrics, min_group_size, series=True)


def _finish(out, by, first, metric_cols, min_group_size, *, series):
    out = _mask_small(out, by, min_group_size, metric_cols)
    out = _sort(out, [*by, *first])
    out = out[[*by, *first, *[c for c in out.columns if c not in (*by, *first, _ALL)]]]
    if series and not by:
        return out.iloc[0].rename(None)
    return out


# --------------------------------------------------------------------------- public
def servqual_gaps(
    data,
    *,
    item="item",
    dimension="dimension",
    expectation="expectation",
    perception="perception",
    respondent="respondent",
    by=None,
    level="item",
    weights=None,
    ci=0.95,
    scale=SCALE,
    min_group_size=MIN_GROUP_SIZE,
):
    """SERVQUAL gap scores (perception − expectation) per item, dimension or overall.

    Parameters
    ----------
    data : DataFrame
        Long answers, one row per respondent × item (× provider × wave ...).
    item, dimension, expectation, perception, respondent : str
        Column names of the roles; the defaults match the bundled instrument and demo.
    by : str or list of str, optional
        Grouping columns, e.g. ``"provider"``, ``["provider", "wave"]``, ``"department"``.
    level : {"item", "dimension", "overall"}
        What one row of the result describes.
    weights : dict, Series or DataFrame, optional
        Importance weights for the weighted overall score: dimension -> points of the
        100-point allocation, or a long table of per-respondent allocations with columns
        ``dimension``, ``points`` (and ``respondent``; optionally by-columns such as
        ``department``, used to average within groups). Renormalised to sum to 1.
    ci : float
        Confidence level of the t-intervals over respondents.
    scale : tuple
        Lowest and highest answer (default 1–7).
    min_group_size : int or None
        Figures of groups with fewer respondents are masked (NaN); ``n`` stays. Without ``by`` the
        whole table is one group: a filtered table of 3 respondents is masked too. None turns
        masking off (worked examples, classroom data).

    Returns
    -------
    DataFrame
        level "item": ``*by, item, dimension, expectation_mean, perception_mean, gap,
        gap_ci_low, gap_ci_high, n``; level "dimension": the same without ``item``.
        level "overall": ``*by, unweighted, unweighted_ci_low, unweighted_ci_high,
        [weighted, weighted_ci_low, weighted_ci_high,] n, dimensions`` — a Series when
        ``by`` is None. ``n`` counts respondents.

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
    roles = {"respondent": respondent, "item": item, "dimension": dimension}
    frame, by = _prepare(
        data, roles=roles, values={"expectation": expectation, "perception": perception},
        by=by, scale=scale, level=level,
    )
    frame.values["gap"] = frame.values["perception"] - frame.values["expectation"]
    if level == "overall":
        return _overall_result(frame, "gap", weights, dimension, respondent, ci, min_group_size)
    values = ["expectation", "perception", "gap"]
    codes, vals = _per_respondent(frame, level, values)
    first = ["item", "dimension"] if level == "item" else ["dimension"]
    out = _summarise(frame, codes, vals, [*by, *first], ["gap"], ci)
    out = out.rename(columns={"expectation": "expectation_mean", "perception": "perception_mean"})
    metrics = ["expectation_mean", "perception_mean", "gap", "gap_ci_low", "gap_ci_high"]
    out = out[[_ALL, *by, *first, *metrics, "n"]]
    return _finish(out, by, first, metrics, min_group_size, series=False)


def servperf(
    data,
    *,
    item="item",
    dimension="dimension",
    perception="perception",
    respondent="respondent",
    by=None,
    level="dimension",
    weights=None,
    ci=0.95,
    scale=SCALE,
    min_group_size=MIN_GROUP_SIZE,
):
    """SERVPERF: service quality from perceptions only (Cronin & Taylor 1992).

    Same aggregation as :func:`servqual_gaps` (item -> respondent's dimension score ->
    mean over respondents), applied to the perception answers.

    Returns
    -------
    DataFrame
        level "item"/"dimension": ``*by, [item,] dimension, perception_mean,
        perception_ci_low, perception_ci_high, n``; level "overall": ``*by, unweighted,
        unweighted_ci_low, unweighted_ci_high, [weighted, ...,] n, dimensions``
        (a Series without ``by``).

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
    roles = {"respondent": respondent, "item": item, "dimension": dimension}
    frame, by = _prepare(
        data, roles=roles, values={"perception": perception}, by=by, scale=scale, level=level
    )
    if level == "overall":
        return _overall_result(frame, "perception", weights, dimension, respondent, ci, min_group_size)
    codes, vals = _per_respondent(frame, level, ["perception"])
    first = ["item", "dimension"] if level == "item" else ["dimension"]
    out = _summarise(frame, codes, vals, [*by, *first], ["perception"], ci)
    out = out.rename(columns={"perception": "perception_mean"})
    metrics = ["perception_mean", "perception_ci_low", "perception_ci_high"]
    out = out[[_ALL, *by, *first, *metrics, "n"]]
    return _finish(out, by, first, metrics, min_group_size, series=False)


def servqual_zone(
    data,
    *,
    adequate="adequate",
    desired="expectation",
    perception="perception",
    item="item",
    dimension="dimension",
    respondent="respondent",
    by=None,
    level="dimension",
    ci=0.95,
    scale=SCALE,
    min_group_size=MIN_GROUP_SIZE,
):
    """Zone of tolerance: measures of service adequacy (MSA) and superiority (MSS).

    Parameters
    ----------
    adequate, desired : str
        Columns of the adequate (minimum acceptable) and desired service levels; the
        desired level defaults to the ``expectation`` column of the demo data.
    level : {"item", "dimension"}

    Returns
    -------
    DataFrame
        ``*by, [item,] dimension, adequate_mean, desired_mean, perception_mean, msa,
        msa_ci_low, msa_ci_high, mss, mss_ci_low, mss_ci_high, position, n`` with
        ``position`` "below" (P < adequate), "within" or "above" (P > desired).

    Notes
    -----
    MSA = P − adequate, MSS = P − desired, per answer, aggregated as in
    :func:`servqual_gaps` (respondent's dimension score = mean of their item scores).

    References
    ----------
    Parasuraman, A., Zeithaml, V. A., & Berry, L. L. (1994). Alternating scales for measuring
    service quality: a comparative assessment based on psychometric and diagnostic criteria.
    Journal of Retailing, 70(3), 201–230.

    Examples
    --------
    >>> df = pd.DataFrame({"respondent": ["a", "b"], "item": ["SQ10"] * 2,
    ...     "dimension": ["responsiveness"] * 2, "adequate": [5, 5], "expectation": [7, 6],
    ...     "perception": [4, 4]})
    >>> z = isq.servqual_zone(df, min_group_size=None)
    >>> z[["dimension", "msa", "mss", "position"]]
            dimension  msa  mss position
    0  responsiveness -1.0 -2.5    below
    """
    check_argument("level", level, ("item", "dimension"))
    ci = _check_ci(ci)
    roles = {"respondent": respondent, "item": item, "dimension": dimension}
    frame, by = _prepare(
        data, roles=roles,
        values={"adequate": adequate, "desired": desired, "perception": perception},
        by=by, scale=scale, level=level,
    )
    frame.values["msa"] = frame.values["perception"] - frame.values["adequate"]
    frame.values["mss"] = frame.values["perception"] - frame.values["desired"]
    values = ["adequate", "desired", "perception", "msa", "mss"]
    codes, vals = _per_respondent(frame, level, values)
    first = ["item", "dimension"] if level == "item" else ["dimension"]
    out = _summarise(frame, codes, vals, [*by, *first], ["msa", "mss"], ci)
    out = out.rename(columns={c: f"{c}_mean" for c in ("adequate", "desired", "perception")})
    position = np.where(out["msa"] < 0, "below", np.where(out["mss"] > 0, "above", "within"))
    out["position"] = pd.array(position, dtype="string")
    metrics = [
        "adequate_mean", "desired_mean", "perception_mean", "msa", "msa_ci_low", "msa_ci_high",
        "mss", "mss_ci_low", "mss_ci_high", "position",
    ]
    out = out[[_ALL, *by, *first, *metrics, "n"]]
    return _finish(out, by, first, metrics, min_group_size, series=False)


def servqual_shortboard(gaps):
    """The shortboard (短板): the dimension with the most negative gap, with its interval.

    Parameters
    ----------
    gaps : DataFrame
        The result of ``servqual_gaps(..., level="dimension")``, with or without ``by``.

    Returns
    -------
    Series or DataFrame
        ``dimension, gap, gap_ci_low, gap_ci_high, n, excludes_zero, runner_up, margin``;
        one row per group when ``gaps`` has by-columns (a Series otherwise).
        ``excludes_zero`` is True when the whole interval lies below (or above) 0;
        ``margin`` = runner-up gap − shortboard gap (≥ 0), how clearly it is the shortest.

    Examples
    --------
    >>> g = pd.DataFrame({"dimension": ["reliability", "responsiveness"], "gap": [-0.4, -1.2],
    ...     "gap_ci_low": [-0.8, -1.6], "gap_ci_high": [0.0, -0.8], "n": [30, 30]})
    >>> sb = isq.servqual_shortboard(g)
    >>> sb["dimension"], bool(sb["excludes_zero"]), round(float(sb["margin"]), 2)
    ('responsiveness', True, 0.8)
    """
    check_frame(gaps, name="gaps")
    needed = {"dimension", "gap", "gap_ci_low", "gap_ci_high", "n"}
    if not needed <= set(gaps.columns):
        raise IsqError(
            "`gaps` must be the result of servqual_gaps(..., level='dimension') with columns "
            f"{sorted(needed)}; missing {sorted(needed - set(gaps.columns))}."
        )
    if "item" in gaps.columns:
        raise IsqError(
            "`gaps` is item-level: the shortboard compares dimensions. "
            "Pass servqual_gaps(..., level='dimension')."
        )
    known = needed | {"expectation_mean", "perception_mean"}
    by = [c for c in gaps.columns if c not in known]
    work = gaps.dropna(subset=["gap"]).assign(**{_ALL: 0})
    work = work.sort_values([_ALL, *by, "gap"], kind="stable")
    g = work.groupby([_ALL, *by], sort=True, observed=True)
    first = g.nth(0).set_index([_ALL, *by])
    second = g.nth(1).set_index([_ALL, *by])
    out = first[["dimension", "gap", "gap_ci_low", "gap_ci_high", "n"]].copy()
    out["excludes_zero"] = (out["gap_ci_high"] < 0) | (out["gap_ci_low"] > 0)
    out["runner_up"] = second["dimension"].reindex(out.index)
    out["margin"] = second["gap"].reindex(out.index) - out["gap"]
    out = out.reset_index().drop(columns=_ALL)
    if not by:
        if out.empty:
            raise IsqError("`gaps` holds no dimension with a gap (all masked or missing).")
        return out.iloc[0].rename(None)
    return out
