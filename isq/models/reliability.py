"""Reliability of multi-item scales: Cronbach's alpha, item analysis, alpha per dimension.

Before reading a SERVQUAL dimension score as one number, check that its items hang
together (内部一致性信度). Alpha is computed from the item covariance matrix, so missing
answers can be handled pairwise (each covariance on the rows that answered both items) or
listwise (only complete rows).

McDonald's omega is not offered: none of the field libraries (pingouin, factor_analyzer,
semopy) is an isq dependency, and a hand-rolled factor model would not meet the
"validated against a reference implementation" bar.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._docstrings import share_docs
from .._validate import check_argument, check_columns, check_frame
from ..errors import IsqError
from ._grouped import group_sums

__all__ = ["cronbach_alpha", "item_analysis", "alpha_by_dimension"]

NAN_POLICIES = ("pairwise", "listwise")


def _wide_items(data, items):
    check_frame(data)
    if items is None:
        items = list(data.columns)
    else:
        items = [items] if isinstance(items, str) else list(items)
        check_columns(data, items=items)
    if len(items) < 2:
        raise IsqError(
            f"Reliability needs at least two items (columns); got {len(items)}: {items!r}. "
            "Pass wide data with one column per item, or `items=[...]`."
        )
    wide = data[items]
    bad = [c for c in items if not (pd.api.types.is_numeric_dtype(wide[c])
                                     or pd.api.types.is_bool_dtype(wide[c]))]
    if bad:
        raise IsqError(
            f"Item columns must be numeric; {bad[0]!r} has dtype {wide[bad[0]].dtype}. "
            "Map answer labels to codes first (e.g. with the instrument's answer map)."
        )
    return wide.astype(float), items


def _cov(wide, nan_policy):
    check_argument("nan_policy", nan_policy, NAN_POLICIES)
    if nan_policy == "listwise":
        wide = wide.dropna(axis=0, how="any")
    else:
        wide = wide.dropna(axis=0, how="all")
    return wide.cov(ddof=1).to_numpy(), len(wide)


def _alpha_from_cov(c):
    k = c.shape[0]
    total = c.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        return k / (k - 1) * (1 - np.trace(c) / total)


def _feldt(alpha, n, k, ci):
    from scipy.stats import f

    if not (isinstance(ci, (int, float)) and 0 < ci < 1):
        raise IsqError(f"`ci` must be a confidence level between 0 and 1, e.g. 0.95; got {ci!r}.")
    if n < 2 or not np.isfinite(alpha):
        return np.nan, np.nan
    df1 = n - 1
    df2 = df1 * (k - 1)
    tail = (1 - ci) / 2
    low = 1 - (1 - alpha) * f.isf(tail, df1, df2)
    high = 1 - (1 - alpha) * f.isf(1 - tail, df1, df2)
    return float(low), float(high)


@share_docs
def cronbach_alpha(data, *, items=None, nan_policy="pairwise", ci=0.95):
    """Cronbach's alpha with the Feldt confidence interval.

    Parameters
    ----------
    {{wide_items}}
    {{nan_policy}}
    ci : float, default 0.95
        Confidence level of the Feldt interval.

    Returns
    -------
    pandas.Series
        ``alpha, ci_low, ci_high, n, k``: ``n`` is the number of rows actually analysed
        (listwise: complete rows; pairwise: rows with at least one answer), ``k`` the items.

    Notes
    -----
    :math:`\\alpha = \\frac{k}{k-1}\\left(1 - \\frac{\\sum_i s_i^2}{s_T^2}\\right)` with
    :math:`s_T^2 = \\sum_{ij} C_{ij}` the variance of the total from the item covariance
    matrix :math:`C` (n − 1 denominators). Feldt interval:
    :math:`1 - (1-\\alpha) F_{1-q}`, :math:`1 - (1-\\alpha) F_{q}`, F with
    (n − 1, (n − 1)(k − 1)) degrees of freedom, n = rows analysed. Alpha can be negative
    (items that do not measure one thing); it is reported, never clipped.

    Validated against pingouin's ``cronbach_alpha`` examples (and R ``psych::alpha``, which
    pingouin reproduces). Pingouin's listwise interval uses all rows, including the dropped
    ones; isq uses the rows analysed, so its listwise interval is wider.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    *Psychometrika*, 16, 297–334.
    Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical inference for
    coefficient alpha. *Applied Psychological Measurement*, 11(1), 93–103.

    Examples
    --------
    >>> wide = pd.DataFrame({"q1": [3, 5, 7, 2, 6, 1], "q2": [2, 4, 3, 4, 5, 2],
    ...                      "q3": [4, 6, 5, 3, 6, 3]})
    >>> isq.cronbach_alpha(wide).round(3)
    alpha      0.806
    ci_low     0.176
    ci_high    0.971
    n          6.000
    k          3.000
    dtype: float64
    """
    wide, items = _wide_items(data, items)
    c, n = _cov(wide, nan_policy)
    k = len(items)
    alpha = float(_alpha_from_cov(c)) if n >= 2 else np.nan
    low, high = _feldt(alpha, n, k, ci)
    return pd.Series(
        {"alpha": alpha, "ci_low": low, "ci_high": high, "n": float(n), "k": float(k)},
        dtype=float,
    )


@share_docs
def item_analysis(data, *, items=None, nan_policy="pairwise"):
    """Item statistics: mean, sd, corrected item-total correlation, alpha if deleted.

    Parameters
    ----------
    {{wide_items}}
    {{nan_policy}}

    Returns
    -------
    DataFrame
        One row per item: ``item, mean, sd, item_total_r, alpha_if_deleted``.

    Notes
    -----
    ``item_total_r`` is the corrected item-total correlation (R psych ``r.drop``): the
    correlation of the item with the sum of the *other* items, computed from the covariance
    matrix: :math:`\\sum_{j\\ne i} C_{ij} / \\sqrt{C_{ii}\\,(S - 2\\sum_j C_{ij} + C_{ii})}`
    with :math:`S = \\sum_{ij} C_{ij}`. ``alpha_if_deleted`` is alpha of the other k − 1
    items (R psych ``raw_alpha`` under "Reliability if an item is dropped").

    Examples
    --------
    >>> wide = pd.DataFrame({"q1": [3, 5, 7, 2, 6, 1], "q2": [2, 4, 3, 4, 5, 2],
    ...                      "q3": [4, 6, 5, 3, 6, 3]})
    >>> isq.item_analysis(wide).round(3)
      item   mean     sd  item_total_r  alpha_if_deleted
    0   q1  4.000  2.366         0.766             0.745
    1   q2  3.333  1.211         0.548             0.855
    2   q3  4.500  1.378         0.878             0.568
    """
    wide, items = _wide_items(data, items)
    check_argument("nan_policy", nan_policy, NAN_POLICIES)
    if nan_policy == "listwise":
        wide = wide.dropna(axis=0, how="any")
    c = wide.cov(ddof=1).to_numpy()
    k = len(items)
    total = c.sum()
    rows = c.sum(axis=1)
    diag = np.diag(c)
    rest_cov = rows - diag
    rest_var = total - 2 * rows + diag
    with np.errstate(invalid="ignore", divide="ignore"):
        r = rest_cov / np.sqrt(diag * rest_var)
        if k > 2:
            a_del = (k - 1) / (k - 2) * (1 - (np.trace(c) - diag) / rest_var)
        else:  # one item left: alpha is undefined
            a_del = np.full(k, np.nan)
    return pd.DataFrame(
        {
            "item": items,
            "mean": wide.mean().to_numpy(),
            "sd": np.sqrt(diag),
            "item_total_r": r,
            "alpha_if_deleted": a_del,
        }
    )


def alpha_by_dimension(data, *, respondent="respondent", item="item", dimension="dimension",
                       score="perception", by=None, nan_policy="pairwise", ci=0.95):
    """Cronbach's alpha per dimension of long (tidy) questionnaire data, e.g. SERVQUAL.

    Parameters
    ----------
    data : DataFrame
        Long data, one row per answer.
    respondent : str or list of str, default "respondent"
        Column(s) identifying one answer sheet (one row of the wide table). When a
        respondent rates several departments or waves, pass e.g.
        ``["respondent", "provider", "wave"]``.
    item, dimension, score : str
        Columns holding the item code, its dimension and the answer (for SERVQUAL:
        "perception", "expectation" or a per-item gap column).
    by : str or list of str, optional
        Compute alpha separately per group (e.g. per ``provider``).
    nan_policy, ci
        As in :func:`cronbach_alpha`.

    Returns
    -------
    DataFrame
        One row per (group and) dimension: ``dimension, alpha, ci_low, ci_high, n, k``.

    Examples
    --------
    >>> long = pd.DataFrame({
    ...     "respondent": np.repeat(["r1", "r2", "r3", "r4"], 4),
    ...     "item": ["a1", "a2", "b1", "b2"] * 4,
    ...     "dimension": ["A", "A", "B", "B"] * 4,
    ...     "perception": [5, 6, 2, 3, 3, 3, 4, 4, 6, 7, 5, 6, 2, 2, 6, 7]})
    >>> isq.alpha_by_dimension(long).round(3)
      dimension  alpha  ci_low  ci_high    n    k
    0         A  0.981   0.709    0.999  4.0  2.0
    1         B  0.980   0.685    0.999  4.0  2.0
    """
    check_frame(data)
    ids = [respondent] if isinstance(respondent, str) else list(respondent)
    by_cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
    check_columns(data, respondent=ids, item=item, dimension=dimension, score=score,
                  by=by_cols or None)
    keys = by_cols + [c for c in ids if c not in by_cols]
    wide, sheets, dims = _wide_sheets(data, keys, item, dimension, score)
    groups = sheets.groupby(by_cols, observed=True, sort=True).indices if by_cols else {(): None}
    rows = []
    for gkey, where in groups.items():
        gwide = wide if where is None else wide.iloc[where]
        gkey = gkey if isinstance(gkey, tuple) else (gkey,)
        for dim, its in dims.items():
            res = cronbach_alpha(gwide, items=its, nan_policy=nan_policy, ci=ci)
            rows.append((*gkey, dim, *res.to_numpy()))
    return pd.DataFrame(rows, columns=[*by_cols, "dimension", "alpha", "ci_low", "ci_high",
                                       "n", "k"])


def _wide_sheets(data, keys, item, dimension, score):
    """The wide table of long answers: one row per answer sheet (``keys``), one column per
    item, as ``data.pivot(index=keys, columns=item, values=score)``; also the sheets' keys
    and each dimension's items (dimensions and items in order of first appearance).

    Raises unless every item belongs to one dimension and every sheet answers an item once.
    """
    col = data[score]
    if not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)):
        raise IsqError(
            f"Item columns must be numeric; {score!r} has dtype {col.dtype}. "
            "Map answer labels to codes first (e.g. with the instrument's answer map)."
        )
    sheets, sheet = group_sums({k: data[k] for k in keys})
    items, column = group_sums({item: data[item], dimension: data[dimension]})
    twice = items[item].duplicated()
    if twice.any():
        raise IsqError(f"Item {items.loc[twice, item].iloc[0]!r} is listed under more than one "
                       f"{dimension!r}.")
    ok = (sheet >= 0) & (column >= 0)  # (rows with a missing key, item or dimension: out)
    if not ok.all():
        sheet, column = sheet[ok], column[ok]
    cell = sheet * len(items) + column
    answers = np.bincount(cell, minlength=len(sheets) * len(items))
    if (answers > 1).any():
        row = data.loc[ok].iloc[int(np.flatnonzero(answers[cell] > 1)[0])]
        raise IsqError(
            f"Item {row[item]!r} appears more than once for {dict(row[keys])!r}: one answer "
            "sheet must have one answer per item. Add the columns that tell the sheets apart "
            "to `respondent` (e.g. respondent=['respondent', 'provider', 'wave'])."
        )
    wide = np.full((len(sheets), len(items)), np.nan)
    values = col.to_numpy(dtype=float, na_value=np.nan)
    wide[sheet, column] = values if ok.all() else values[ok]
    dims = {}
    for c in pd.unique(column):  # items in order of first appearance
        dims.setdefault(items[dimension].iloc[c], []).append(c)
    wide = pd.DataFrame(wide)
    return wide, sheets, dims
