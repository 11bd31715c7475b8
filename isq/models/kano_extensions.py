"""Kano beyond the evaluation table (METHODS.md, "optional"): DuMouchel's continuous
scores, percentile bootstrap intervals for better/worse, and the comparison of two segments
or waves. All build on the counts and figures of :mod:`isq.models.kano`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._docstrings import share_docs
from .._validate import check_argument, check_columns, check_frame, check_numeric
from ..errors import IsqError
from .kano import (
    DUMOUCHEL_DYSFUNCTIONAL,
    DUMOUCHEL_FUNCTIONAL,
    TIE_BAND,
    _answers,
    _by_list,
    _check_tie_band,
    _codes,
    _count_table,
    _figures,
    _mask_small,
    kano_summary,
)

__all__ = ["kano_continuous", "kano_bootstrap", "kano_compare"]


@share_docs
def kano_continuous(data, *, feature="feature", functional="functional",
                    dysfunctional="dysfunctional", importance=None, by=None, min_group_size=5):
    """DuMouchel's continuous Kano scores per feature, optionally with self-stated importance.

    Parameters
    ----------
    {{kano_data}}
    importance : str, optional
        Column of self-stated importance (e.g. 1–9); adds ``importance_mean`` and
        ``importance_n``.
    {{kano_by}}
    {{min_group_size_by}}

    Returns
    -------
    pandas.DataFrame
        ``by`` columns, then ``feature, n, functional_mean, dysfunctional_mean,
        functional_sd, dysfunctional_sd`` (and ``importance_mean, importance_n``).

    Notes
    -----
    Functional answers 1..5 score 4, 2, 0, −1, −2; dysfunctional answers 1..5 score
    −2, −1, 0, 2, 4 (positive answers weigh more than negative ones). A feature with a high
    functional and a low dysfunctional mean behaves as attractive, high on both as
    one-dimensional, low functional and high dysfunctional as must-be, low on both as
    indifferent. ``n`` counts the pairs with both answers present; sd uses n − 1.

    References
    ----------
    Berger, C. et al. (1993), section IVa "The desire for continuous and graphical analysis"
    (DuMouchel). Center for Quality of Management Journal, 2(4).

    Examples
    --------
    >>> c = isq.kano_continuous(isq.load_demo("kano"), importance="importance")
    >>> c[["feature", "functional_mean", "dysfunctional_mean", "importance_mean"]].head(3).round(2)
      feature  functional_mean  dysfunctional_mean  importance_mean
    0     K01             1.26                3.06             7.78
    1     K02             2.59                2.72             7.01
    2     K03             2.42                1.12             5.96
    """
    check_frame(data)
    by_cols = _by_list(by)
    check_columns(data, feature=feature, functional=functional, dysfunctional=dysfunctional,
                  importance=importance, by=by_cols or None)
    keys = [*by_cols, feature]
    f = _answers(data[functional], functional)
    d = _answers(data[dysfunctional], dysfunctional)
    both = ~(np.isnan(f) | np.isnan(d))
    fs = np.where(both, np.asarray(DUMOUCHEL_FUNCTIONAL)[np.nan_to_num(f, nan=1).astype(int) - 1], np.nan)
    ds = np.where(both, np.asarray(DUMOUCHEL_DYSFUNCTIONAL)[np.nan_to_num(d, nan=1).astype(int) - 1], np.nan)
    work = data[keys].copy()
    work["_f"], work["_d"] = fs, ds
    agg = {"n": ("_f", "count"), "functional_mean": ("_f", "mean"),
           "dysfunctional_mean": ("_d", "mean"), "functional_sd": ("_f", "std"),
           "dysfunctional_sd": ("_d", "std")}
    if importance is not None:
        work["_imp"] = check_numeric(data[importance], name=importance, role="importance").to_numpy()
        agg["importance_mean"] = ("_imp", "mean")
        agg["importance_n"] = ("_imp", "count")
    out = work.groupby(keys, sort=True, observed=True).agg(**agg).reset_index()
    if feature != "feature":
        out = out.rename(columns={feature: "feature"})
    out["n"] = out["n"].astype(np.int64)
    value_cols = [c for c in out.columns if c not in (*by_cols, "feature", "n")]
    return _mask_small(out, min_group_size if by_cols else None, value_cols)


@share_docs
def kano_bootstrap(data, *, feature="feature", functional="functional",
                   dysfunctional="dysfunctional", respondent="respondent", by=None, n_boot=2000,
                   ci=0.95, seed=20261122, tie_band=TIE_BAND, min_group_size=5):
    """Percentile bootstrap intervals for better/worse, resampling respondents.

    Parameters
    ----------
    {{kano_data}}
    respondent : str or None, default "respondent"
        Respondent id column. Respondents are resampled with replacement (within each ``by``
        group); a respondent who skipped a feature stays in the resample as "missing" for it.
        None treats every row as its own respondent.
    by : str or list of str, optional
        Group columns (segments, waves); respondents are resampled within each group.
    n_boot : int, default 2000
        Number of bootstrap resamples.
    ci : float, default 0.95
        Coverage of the percentile interval.
    seed : int or numpy.random.Generator, default 20261122
        Seed, so that reports are reproducible.
    {{tie_band}}
    {{min_group_size_by}}

    Returns
    -------
    pandas.DataFrame
        ``by`` columns, then ``feature, n, better, better_ci_low, better_ci_high, worse,
        worse_ci_low, worse_ci_high, category_rule, category_stability`` (the share of
        resamples whose ``category_rule`` equals the one of the full sample).

    Notes
    -----
    For one feature, resampling N respondents with replacement gives counts of
    (A, O, M, I, R, Q, missing) that follow a multinomial distribution with N trials and the
    observed shares. The function draws those counts directly (``n_boot`` draws per feature),
    which is exactly the respondent bootstrap for each feature's figures and needs no loop
    over respondents. Intervals are percentile intervals; a replicate whose
    A + O + M + I is 0 is left out of the percentiles.

    References
    ----------
    Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
    Berger, C. et al. (1993), Center for Quality of Management Journal, 2(4).

    Examples
    --------
    >>> b = isq.kano_bootstrap(isq.load_demo("kano"), n_boot=500).set_index("feature")
    >>> round(float(b.loc["K01", "better"]), 2)
    0.31
    >>> bool(0.2 < b.loc["K01", "better_ci_low"] < 0.31 < b.loc["K01", "better_ci_high"] < 0.45)
    True
    """
    check_frame(data)
    by_cols = _by_list(by)
    check_columns(data, feature=feature, functional=functional, dysfunctional=dysfunctional,
                  respondent=respondent, by=by_cols or None)
    _check_tie_band(tie_band)
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 10:
        raise IsqError(f"`n_boot` must be a whole number of at least 10 (default 2000); got {n_boot!r}.")
    if not isinstance(ci, (int, float)) or not 0 < ci < 1:
        raise IsqError(f"`ci` must be a coverage between 0 and 1, e.g. 0.95; got {ci!r}.")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)

    keys = [*by_cols, feature]
    codes = _codes(data[functional], data[dysfunctional], fname=functional, dname=dysfunctional)
    counts, key_table, rows = _count_table(data, keys, codes)
    figs = _figures(counts, tie_band)
    # respondents per resampling unit (the by group, or the feature's rows)
    if respondent is None:
        n_units = rows
    elif by_cols:
        resp = data[[*by_cols, respondent]].dropna().drop_duplicates()
        per_group = resp.groupby(by_cols, sort=True, observed=True).size()
        n_units = (key_table[by_cols].merge(per_group.rename("_n").reset_index(), on=by_cols, how="left")
                   ["_n"].fillna(0).to_numpy(dtype=np.int64))
    else:
        n_units = np.full(len(key_table), data[respondent].dropna().nunique(), dtype=np.int64)
    n_units = np.maximum(n_units, counts.sum(axis=1))
    missing = n_units - counts.sum(axis=1)
    probs = np.column_stack([counts, missing]).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        probs = probs / probs.sum(axis=1, keepdims=True)
    lo_q, hi_q = (1 - ci) / 2, 1 - (1 - ci) / 2
    res = {k: np.full(len(key_table), np.nan) for k in
           ("better_ci_low", "better_ci_high", "worse_ci_low", "worse_ci_high", "category_stability")}
    for g in range(len(key_table)):  # loop over features/groups only (e.g. 12), never respondents
        if n_units[g] == 0 or counts[g].sum() == 0:
            continue
        draws = rng.multinomial(n_units[g], probs[g], size=n_boot)[:, :6]
        bf = _figures(draws, tie_band)
        b, w = bf["better"], bf["worse"]
        if np.isfinite(b).any():
            res["better_ci_low"][g], res["better_ci_high"][g] = np.nanquantile(b, [lo_q, hi_q])
            res["worse_ci_low"][g], res["worse_ci_high"][g] = np.nanquantile(w, [lo_q, hi_q])
        res["category_stability"][g] = float(np.mean(bf["_rule_code"] == figs["_rule_code"][g]))
    out = key_table.copy()
    if feature != "feature":
        out = out.rename(columns={feature: "feature"})
    out["n"] = figs["n"]
    out["better"] = figs["better"]
    out["better_ci_low"], out["better_ci_high"] = res["better_ci_low"], res["better_ci_high"]
    out["worse"] = figs["worse"]
    out["worse_ci_low"], out["worse_ci_high"] = res["worse_ci_low"], res["worse_ci_high"]
    out["category_rule"] = pd.Series(figs["category_rule"], dtype="str")
    out["category_stability"] = res["category_stability"]
    cols = [c for c in out.columns if c not in (*by_cols, "feature", "n")]
    return _mask_small(out, min_group_size if by_cols else None, cols)


def kano_compare(data, *, by, groups=None, feature="feature", functional="functional",
                 dysfunctional="dysfunctional", tie_band=TIE_BAND, min_group_size=5):
    """Compare the Kano result of two groups (segments, or waves such as pre/post).

    Parameters
    ----------
    data : pandas.DataFrame
        Long form: one row per respondent and feature.
    by : str
        The column that holds the groups.
    groups : tuple of two values, optional
        The two groups to compare, first the reference; by default the first two values of
        ``by`` in sorted order.
    feature, functional, dysfunctional, tie_band, min_group_size
        As in :func:`kano_summary`.

    Returns
    -------
    pandas.DataFrame
        Per feature: ``feature, group_a, group_b, n_a, n_b, category_a, category_b, changed,
        better_a, better_b, better_change, worse_a, worse_b, worse_change``; categories are the
        ``category_rule`` of each group, ``changed`` is True where they differ, changes are b − a.

    Examples
    --------
    Production (PRD) against Sales (SAL) in the demo company:

    >>> cmp = isq.kano_compare(isq.load_demo("kano"), by="department", groups=("PRD", "SAL"))
    >>> cmp[["feature", "n_a", "n_b", "category_a", "category_b", "changed"]].head(3)
      feature  n_a  n_b category_a category_b  changed
    0     K01   48   36          M          M    False
    1     K02   48   36          O          O    False
    2     K03   48   36          A          A    False
    """
    if not isinstance(by, (str, int)):
        raise IsqError(f"`by` must be one column name (the groups to compare); got {by!r}.")
    check_columns(data, by=by)
    present = sorted(data[by].dropna().unique().tolist())
    if groups is None:
        if len(present) < 2:
            raise IsqError(f"`{by}` must hold at least two groups to compare; found {present!r}.")
        groups = tuple(present[:2])
    if len(groups) != 2:
        raise IsqError(f"`groups` must name exactly two groups of `{by}`; got {groups!r}.")
    for g in groups:
        check_argument(f"groups (values of {by!r})", g, present)
    summ = kano_summary(data, feature=feature, functional=functional, dysfunctional=dysfunctional,
                        by=by, tie_band=tie_band, min_group_size=min_group_size)
    cols = ["feature", "n", "category_rule", "better", "worse"]
    a = summ.loc[summ[by] == groups[0], cols]
    b = summ.loc[summ[by] == groups[1], cols]
    out = a.merge(b, on="feature", how="outer", suffixes=("_a", "_b"))
    out = out.rename(columns={"category_rule_a": "category_a", "category_rule_b": "category_b"})
    out.insert(1, "group_a", groups[0])
    out.insert(2, "group_b", groups[1])
    out["changed"] = (out["category_a"] != out["category_b"]) & out["category_a"].notna() & out["category_b"].notna()
    out["better_change"] = out["better_b"] - out["better_a"]
    out["worse_change"] = out["worse_b"] - out["worse_a"]
    return out[["feature", "group_a", "group_b", "n_a", "n_b", "category_a", "category_b", "changed",
                "better_a", "better_b", "better_change", "worse_a", "worse_b", "worse_change"]].reset_index(drop=True)
