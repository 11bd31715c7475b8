"""Complaint control, part two: the Pareto analysis of complaint categories (sorted by count,
"其他/Other" always last, the vital few up to the cutoff) and the complaints log turned into
counts, sizes and rates per group and period for the control charts of :mod:`isq.models.spc`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_columns, check_frame
from ..errors import IsqError

__all__ = ["pareto", "complaint_rates", "PARETO_CUTOFF", "OTHER_LABELS"]

#: Default cumulative share that closes the "vital few" of a Pareto analysis.
PARETO_CUTOFF = 0.8
#: Category labels that always go last in a Pareto table.
OTHER_LABELS = ("其他", "其它", "Other", "other", "Others", "others", "OTHER")


def pareto(counts, *, cutoff=PARETO_CUTOFF, category="category"):
    """Pareto table: categories sorted by count with cumulative shares and the vital few.

    Parameters
    ----------
    counts : Series, dict, DataFrame or array-like
        Either counts per category (a numeric Series indexed by category, or a dict), or
        raw category labels to be counted (a Series/array of labels, or a DataFrame whose
        ``category`` column holds them). Missing labels are ignored.
    cutoff : float
        Cumulative share (0–1) that closes the vital few; default 0.8.
    category : str
        Column of raw labels when ``counts`` is a DataFrame.

    Returns
    -------
    DataFrame
        ``category, count, share, cum_share, vital_few``, sorted by count (descending,
        ties by name), with "其他"/"Other" always last.

    Notes
    -----
    The vital few are the categories up to and including the first whose cumulative
    share reaches the cutoff (≥).

    References
    ----------
    Juran, J. M. (1951). *Quality Control Handbook*. Montgomery, D. C. (2009),
    *Introduction to Statistical Quality Control*, 6th ed., §5.4 (tank defect data).

    Examples
    --------
    >>> t = isq.pareto({"响应慢": 50, "流程繁琐": 30, "其他": 12, "态度生硬": 8})
    >>> t["category"].tolist(), t["vital_few"].tolist()
    (['响应慢', '流程繁琐', '态度生硬', '其他'], [True, True, False, False])

    Raw labels from the demo complaints log (column "category"):

    >>> t = isq.pareto(isq.load_demo("complaints"))
    >>> t.loc[t["vital_few"], "category"].tolist()
    ['响应慢', '流程繁琐', '推诿扯皮']
    """
    if not 0 < cutoff <= 1:
        raise IsqError(f"`cutoff` must be a share in (0, 1]; got {cutoff!r}.")
    if isinstance(counts, dict):
        s = pd.Series(counts, dtype=float)
    elif isinstance(counts, pd.DataFrame):
        check_columns(counts, category=category)
        s = counts[category].dropna().astype(str).value_counts()
    elif isinstance(counts, pd.Series) and pd.api.types.is_numeric_dtype(counts) and not pd.api.types.is_bool_dtype(counts):
        s = counts.astype(float)
        if s.index.has_duplicates:
            s = s.groupby(level=0).sum()
    else:
        s = pd.Series(np.asarray(counts, dtype=object).ravel()).dropna().astype(str).value_counts()
    if s.isna().any() or (s < 0).any():
        bad = s[s.isna() | (s < 0)].index[0]
        raise IsqError(f"Pareto counts must be non-negative numbers; category {bad!r} has {s[bad]!r}.")
    total = s.sum()
    if len(s) == 0 or total <= 0:
        raise IsqError("Pareto analysis needs at least one category with a positive count.")
    names = [str(k) for k in s.index]
    is_other = [k in OTHER_LABELS for k in names]
    order = sorted(range(len(s)), key=lambda i: (is_other[i], -s.iloc[i], names[i]))
    cnt = s.to_numpy()[order]
    share = cnt / total
    cum = np.cumsum(share)
    cum[-1] = 1.0
    first = int(np.argmax(cum >= cutoff - 1e-12))
    out = pd.DataFrame(
        {
            "category": [names[i] for i in order],
            "count": cnt if not np.all(cnt == np.round(cnt)) else cnt.astype(int),
            "share": share,
            "cum_share": cum,
            "vital_few": np.arange(len(cnt)) <= first,
        }
    )
    out.attrs["cutoff"] = cutoff
    return out


# ----------------------------------------------------------------------------- complaints log
def complaint_rates(complaints, requests, *, by="department", period="month", size="requests",
                    date="date", categories=None):
    """Turn a complaints log into counts, sizes and rates per group and period.

    Parameters
    ----------
    complaints : DataFrame
        One row per complaint with a ``by`` column and a ``period`` column (or a ``date``
        column from which the month "YYYY-MM" is derived).
    requests : DataFrame
        Service requests handled per ``by`` and ``period``: the subgroup sizes.
    by : str or None
        Grouping column (default "department"); None pools all groups.
    period : str
        Period column present in both tables (default "month").
    size : str
        Column of ``requests`` holding the subgroup sizes.
    date : str
        Date column used when ``complaints`` has no ``period`` column.
    categories : list of str, optional
        Count only these complaint categories (column "category").

    Returns
    -------
    DataFrame
        ``<by>, <period>, count, size, rate`` sorted by group and period, one row per
        (group, period) in ``requests`` (periods without complaints count 0); ``rate`` =
        count / size, ready for ``control_chart(count, size, kind="p")`` (or "u").

    Examples
    --------
    >>> c = pd.DataFrame({"department": ["IT", "IT", "HR"], "month": ["2025-01", "2025-02", "2025-01"]})
    >>> r = pd.DataFrame({"department": ["IT", "IT", "HR", "HR"],
    ...                   "month": ["2025-01", "2025-02"] * 2, "requests": [40, 50, 20, 25]})
    >>> isq.complaint_rates(c, r)["count"].tolist()
    [1, 0, 1, 1]
    """
    check_frame(complaints, name="complaints")
    check_frame(requests, name="requests")
    keys = [k for k in (by, period) if k is not None]
    check_columns(requests, by=by, period=period, size=size)
    c = complaints
    if period not in c.columns:
        check_columns(c, date=date)
        c = c.assign(**{period: pd.to_datetime(c[date]).dt.strftime("%Y-%m")})
    check_columns(c, by=by)
    if categories is not None:
        check_columns(c, category="category")
        c = c[c["category"].isin(list(categories))]
    req = requests.groupby(keys, as_index=False)[size].sum().rename(columns={size: "size"})
    cnt = c.groupby(keys).size().rename("count").reset_index()
    req[keys] = req[keys].astype(str)
    cnt[keys] = cnt[keys].astype(str)
    out = req.merge(cnt, on=keys, how="left")
    missing = cnt.merge(req[keys], on=keys, how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"]
    if len(missing):
        row = missing.iloc[0]
        where = ", ".join(f"{k}={row[k]!r}" for k in keys)
        raise IsqError(
            f"Complaints for {where} have no matching row in `requests`: every (group, period) "
            f"with complaints needs the number of requests handled as its subgroup size."
        )
    out["count"] = out["count"].fillna(0).astype(int)
    out["rate"] = out["count"] / out["size"]
    out = out[[*keys, "count", "size", "rate"]].sort_values(keys, ignore_index=True)
    return out
