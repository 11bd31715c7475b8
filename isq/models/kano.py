"""Kano needs analysis (KANO 需求分析): classification, summary, continuous scores, bootstrap.

Every respondent answers two questions per feature: the functional one ("if the service had
this feature, how would you feel?") and the dysfunctional one ("... if it did not have it?"),
each coded 1 like (我很喜欢), 2 must-be (理应如此), 3 neutral (无所谓), 4 live-with (能忍受),
5 dislike (我很不喜欢). The pair maps through the evaluation table to one of
A attractive (魅力型), O one-dimensional (期望型), M must-be (必备型), I indifferent (无差异型),
R reverse (反向型) and Q questionable (可疑结果).

The method as the code runs it: each answer pair is looked up in the 5 × 5 evaluation table
(:func:`_codes`), the categories are counted per feature (and group) (:func:`_count_table`),
and every figure of the summary is arithmetic on those counts (:func:`_figures`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_argument, check_columns, check_frame
from ..errors import IsqError
from ._grouped import group_sums

__all__ = [
    "KANO_TABLE",
    "KANO_CODES",
    "KANO_RULE_ORDER",
    "TIE_BAND",
    "FONG_Z",
    "DUMOUCHEL_FUNCTIONAL",
    "DUMOUCHEL_DYSFUNCTIONAL",
    "kano_classify",
    "kano_summary",
    "kano_continuous",
    "kano_bootstrap",
    "kano_compare",
]

#: Category codes in the order of the count columns of :func:`kano_summary`.
KANO_CODES = ("A", "O", "M", "I", "R", "Q")

#: The Kano evaluation table (Berger et al. 1993): rows = functional answer 1..5,
#: columns = dysfunctional answer 1..5.
KANO_TABLE = (
    ("Q", "A", "A", "A", "O"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "R", "R", "R", "Q"),
)

#: Priority of the M > O > A > I evaluation rule (then R, then Q). Also breaks exact ties
#: of the plain mode, so ``category`` is deterministic.
KANO_RULE_ORDER = ("M", "O", "A", "I", "R", "Q")

#: Default tie band of the M > O > A > I rule: a category strength up to this share
#: (6 percentage points) counts as a close call.
TIE_BAND = 0.06

#: One-sided 95 % normal quantile used by Fong's (1996) test.
FONG_Z = 1.65

#: DuMouchel's scores for the functional answers 1..5 (Berger et al. 1993, section IVa).
DUMOUCHEL_FUNCTIONAL = (4.0, 2.0, 0.0, -1.0, -2.0)
#: DuMouchel's scores for the dysfunctional answers 1..5.
DUMOUCHEL_DYSFUNCTIONAL = (-2.0, -1.0, 0.0, 2.0, 4.0)

_CODE_INDEX = {c: i for i, c in enumerate(KANO_CODES)}
# 5x5 table of integer codes (index into KANO_CODES)
_TABLE_CODES = np.array([[_CODE_INDEX[c] for c in row] for row in KANO_TABLE], dtype=np.int8)
# rank of each code (column order A,O,M,I,R,Q) in the M > O > A > I > R > Q priority
_RANK = np.array([KANO_RULE_ORDER.index(c) for c in KANO_CODES], dtype=np.int64)
_CODES_ARR = np.array(KANO_CODES, dtype=object)

_COUNT_COLS = list(KANO_CODES)
_SUMMARY_COLS = [
    "feature", "n", *KANO_CODES, "category", "category_rule", "better", "worse",
    "total_strength", "category_strength", "fong_significant",
]


# --------------------------------------------------------------------------- helpers
def _answers(values, name):
    """Answers as a float array (NaN = missing); raise on anything but 1..5."""
    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object).ravel())
    numeric = s.dtype.kind in "iuf"
    arr = (s if numeric else pd.to_numeric(s, errors="coerce")).to_numpy(dtype=float, na_value=np.nan)
    if s.dtype.kind in "iu":  # whole numbers, none missing: only the range to check
        bad = (arr < 1) | (arr > 5)
    else:
        with np.errstate(invalid="ignore"):
            bad = ~(np.isnan(arr) | ((arr >= 1) & (arr <= 5) & (arr == np.floor(arr))))
    if not numeric:  # text that is not a number
        bad |= s.notna().to_numpy() & np.isnan(arr)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        first = s.iloc[pos]
        first = first.item() if isinstance(first, np.generic) else first
        raise IsqError(
            f"`{name}` answers must be the codes 1 like, 2 must-be, 3 neutral, 4 live-with, "
            f"5 dislike (or missing); found {int(bad.sum())} other value(s), the first "
            f"{first!r} at index {s.index[pos]!r}. Map answer labels to codes with the "
            f"instrument first. ({name} 的答案应为 1–5 的代码。)"
        )
    return arr


def _codes(functional, dysfunctional, *, fname="functional", dname="dysfunctional"):
    """The evaluation table at (functional, dysfunctional): an index into KANO_CODES per
    pair, -1 where an answer is missing."""
    f = _answers(functional, fname)
    d = _answers(dysfunctional, dname)
    if f.shape != d.shape:
        raise IsqError(
            f"`{fname}` and `{dname}` must have the same length; got {f.size} and {d.size}."
        )
    missing = np.isnan(f) | np.isnan(d)
    # row f, column d of the table (a missing answer looks up cell 1, 1 and is then set to -1)
    row = np.where(missing, 1, f).astype(np.intp) - 1
    col = np.where(missing, 1, d).astype(np.intp) - 1
    return np.where(missing, -1, _TABLE_CODES[row, col]).astype(np.int8)


def _by_list(by):
    if by is None:
        return []
    if isinstance(by, (str, int)):
        return [by]
    return list(by)


def _count_table(data, keys, codes):
    """Counts of each category per feature (and group), a crosstab: (counts n_groups × 6,
    key table, rows per group). Groups whose answers are all missing stay (n = 0), as in
    groupby; rows with a missing key are left out."""
    category = pd.Series(pd.Categorical.from_codes(codes, categories=list(KANO_CODES)))
    cells, _ = group_sums({**{k: data[k] for k in keys}, "category": category}, dropna=False)
    cells = cells[cells[keys].notna().all(axis=1)]
    rows = cells.groupby(keys, observed=True, sort=True)["size"].sum()
    counts = (cells.pivot_table(index=keys, columns="category", values="size", aggfunc="sum",
                                observed=True, fill_value=0)
              .reindex(index=rows.index, columns=list(KANO_CODES), fill_value=0))
    return counts.to_numpy(dtype=np.int64), rows.index.to_frame(index=False), rows.to_numpy()


def _figures(counts, tie_band):
    """All summary figures from a counts array (..., 6) in KANO_CODES order."""
    counts = np.asarray(counts, dtype=np.int64)
    n = counts.sum(axis=-1)
    a, o, m, i = (counts[..., k] for k in range(4))
    # order categories by count (desc) then by rule priority: top and second
    key = counts * 8 + (7 - _RANK)  # ranks < 8, so counts dominate
    order = np.argsort(-key, axis=-1, kind="stable")
    top, second = order[..., 0], order[..., 1]
    c_top = np.take_along_axis(counts, top[..., None], axis=-1)[..., 0]
    c_sec = np.take_along_axis(counts, second[..., None], axis=-1)[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        strength = np.where(n > 0, (c_top - c_sec) / n, np.nan)
        total_strength = np.where(n > 0, (a + o + m) / n, np.nan)
        denom = a + o + m + i
        better = np.where(denom > 0, (a + o) / denom, np.nan)
        worse = np.where(denom > 0, -(o + m) / denom, np.nan)
    preferred = np.where(_RANK[second] < _RANK[top], second, top)
    close = strength <= tie_band + 1e-12
    rule = np.where(close, preferred, top)
    crit = FONG_Z * np.sqrt(np.where(n > 0, (c_top + c_sec) * (2 * n - c_top - c_sec) / np.maximum(2 * n, 1), 0.0))
    fong = (n > 0) & ((c_top - c_sec) >= crit)
    empty = n == 0
    return {
        "n": n,
        "category": np.where(empty, None, _CODES_ARR[top]),
        "category_rule": np.where(empty, None, _CODES_ARR[rule]),
        "better": better,
        "worse": worse,
        "total_strength": total_strength,
        "category_strength": strength,
        "fong_significant": fong,
        "_rule_code": np.where(empty, -1, rule),
    }


def _check_tie_band(tie_band):
    if not isinstance(tie_band, (int, float)) or not 0 <= tie_band < 1:
        raise IsqError(f"`tie_band` must be a share from 0 to 1 (default {TIE_BAND}); got {tie_band!r}.")


def _mask_small(out, by_cols, min_group_size, value_cols):
    """Mask every figure of groups with fewer than ``min_group_size`` respondents.

    Without ``by`` the whole table is one group (a table filtered to 3 people is masked too).
    """
    if min_group_size is None:
        return out
    small = out["n"] < min_group_size
    if not small.any():
        return out
    out = out.copy()
    for col in value_cols:
        if col in _COUNT_COLS:
            out[col] = out[col].astype("Int64").mask(small)
        elif out[col].dtype == bool:
            out[col] = out[col].astype("boolean").mask(small)
        else:
            out[col] = out[col].mask(small)
    return out


# --------------------------------------------------------------------------- public API
def kano_classify(functional, dysfunctional):
    """Classify functional/dysfunctional answer pairs with the Kano evaluation table.

    Parameters
    ----------
    functional, dysfunctional : scalar, array-like or pandas.Series
        Answer codes 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike; missing allowed.

    Returns
    -------
    str, numpy.ndarray or pandas.Series
        One of "A", "O", "M", "I", "R", "Q" per pair, missing (None / NaN) where either
        answer is missing. A Series input gives a string Series with the same index; other
        array-likes give an object array; two scalars give a str (or None).

    Raises
    ------
    IsqError
        If an answer is not one of the codes 1–5, or the lengths differ.

    Notes
    -----
    Evaluation table (rows functional, columns dysfunctional, 1..5)::

        F1: Q A A A O
        F2: R I I I M
        F3: R I I I M
        F4: R I I I M
        F5: R R R R Q

    References
    ----------
    Berger, C. et al. (1993). Kano's methods for understanding customer-defined quality.
    Center for Quality of Management Journal, 2(4), 3–36.

    Examples
    --------
    >>> isq.kano_classify(1, 5)
    'O'
    >>> isq.kano_classify(pd.Series([1, 2, 3, None]), pd.Series([3, 5, 3, 5])).tolist()
    ['A', 'M', 'I', nan]
    """
    if np.ndim(functional) == 0 and np.ndim(dysfunctional) == 0:
        code = _codes([functional], [dysfunctional])[0]
        return None if code < 0 else KANO_CODES[code]
    codes = _codes(functional, dysfunctional)
    labels = np.where(codes >= 0, _CODES_ARR[np.maximum(codes, 0)], None)
    for x in (functional, dysfunctional):
        if isinstance(x, pd.Series):
            return pd.Series(labels, index=x.index, dtype="str", name="kano")
    return labels


def kano_summary(
    data,
    *,
    feature="feature",
    functional="functional",
    dysfunctional="dysfunctional",
    by=None,
    tie_band=TIE_BAND,
    min_group_size=5,
):
    """Kano categories, better/worse coefficients and strengths per feature (and group).

    Parameters
    ----------
    data : pandas.DataFrame
        Long form: one row per respondent and feature.
    feature, functional, dysfunctional : str
        Column names: the feature code and the two answer codes (1–5).
    by : str or list of str, optional
        Group columns (segment, department, wave); one row per group and feature.
    tie_band : float, default 0.06
        Largest category strength that counts as a close call for ``category_rule``.
    min_group_size : int or None, default 5
        With ``by``, every figure of a group with fewer respondents is masked (privacy);
        ``n`` stays visible. None switches masking off.

    Returns
    -------
    pandas.DataFrame
        ``by`` columns first, then ``feature, n, A, O, M, I, R, Q, category, category_rule,
        better, worse, total_strength, category_strength, fong_significant``. Counts are
        integers (nullable ``Int64`` only when some group is masked).

    Notes
    -----
    ``n`` counts the answer pairs classified (Q included; pairs with a missing answer are
    left out). ``category`` is the most frequent category; an exact tie is broken
    deterministically by the order M, O, A, I, R, Q. ``category_strength`` = (top − second)
    / n; ``total_strength`` = (A + O + M) / n. ``category_rule`` (M > O > A > I): when
    ``category_strength`` ≤ ``tie_band``, the one of the two most frequent categories that
    comes first in M, O, A, I, R, Q; otherwise the mode. ``better`` = (A + O) / (A + O + M + I),
    ``worse`` = −(O + M) / (A + O + M + I), NaN when the denominator is 0. Fong (1996): with
    a ≥ b the two largest counts, significant when
    |a − b| ≥ 1.65 · sqrt((a + b)(2n − a − b) / (2n)).

    References
    ----------
    Berger, C. et al. (1993). Kano's methods for understanding customer-defined quality.
    Center for Quality of Management Journal, 2(4), 3–36.
    Fong, D. (1996). Using the self-stated importance questionnaire to interpret Kano
    questionnaire results. Center for Quality of Management Journal, 5(3), 21–24.
    Matzler, K., Hinterhuber, H. H., Bailom, F. & Sauerwein, E. (1996). How to delight your
    customers. Journal of Product & Brand Management, 5(2), 6–18.

    Examples
    --------
    On the demo company (K04 is the planted M/O close call, settled by the M > O > A > I rule):

    >>> s = isq.kano_summary(isq.load_demo("kano"))
    >>> cols = ["feature", "n", "M", "O", "category", "category_rule", "better", "worse"]
    >>> s.loc[s["feature"].isin(["K01", "K03", "K04"]), cols].round(2)
      feature    n   M   O category category_rule  better  worse
    0     K01  160  84  35        M             M    0.31  -0.76
    2     K03  160  11  22        A             A    0.65  -0.22
    3     K04  160  57  53        M             M    0.47  -0.71
    >>> k04 = s.set_index("feature").loc["K04"]
    >>> round(float(k04["category_strength"]), 3), bool(k04["fong_significant"])
    (0.025, False)
    """
    check_frame(data)
    by_cols = _by_list(by)
    check_columns(data, feature=feature, functional=functional, dysfunctional=dysfunctional,
                  by=by_cols or None)
    _check_tie_band(tie_band)
    keys = [*by_cols, feature]
    codes = _codes(data[functional], data[dysfunctional], fname=functional, dname=dysfunctional)
    counts, key_table, _ = _count_table(data, keys, codes)
    figs = _figures(counts, tie_band)
    out = key_table.copy()
    if feature != "feature":
        out = out.rename(columns={feature: "feature"})
    out["n"] = figs["n"]
    for k, c in enumerate(KANO_CODES):
        out[c] = counts[:, k]
    for col in ("category", "category_rule"):
        out[col] = pd.Series(figs[col], dtype="str")
    for col in ("better", "worse", "total_strength", "category_strength"):
        out[col] = figs[col]
    out["fong_significant"] = figs["fong_significant"]
    out = out[[*by_cols, *_SUMMARY_COLS]]
    return _mask_small(out, by_cols, min_group_size, _SUMMARY_COLS[2:])


def kano_continuous(
    data,
    *,
    feature="feature",
    functional="functional",
    dysfunctional="dysfunctional",
    importance=None,
    by=None,
    min_group_size=5,
):
    """DuMouchel's continuous Kano scores per feature, optionally with self-stated importance.

    Parameters
    ----------
    data : pandas.DataFrame
        Long form: one row per respondent and feature.
    feature, functional, dysfunctional : str
        Column names of the feature code and the two answer codes (1–5).
    importance : str, optional
        Column of self-stated importance (e.g. 1–9); adds ``importance_mean`` and
        ``importance_n``.
    by : str or list of str, optional
        Group columns; one row per group and feature.
    min_group_size : int or None, default 5
        With ``by``, figures of groups with fewer respondents are masked.

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
        imp = pd.to_numeric(data[importance], errors="coerce")
        bad = data[importance].notna() & imp.isna()
        if bad.any():
            raise IsqError(
                f"`importance` column {importance!r} must be numeric; found "
                f"{data[importance][bad].iloc[0]!r} at index {data.index[bad.to_numpy()][0]!r}."
            )
        work["_imp"] = imp.to_numpy()
        agg["importance_mean"] = ("_imp", "mean")
        agg["importance_n"] = ("_imp", "count")
    out = work.groupby(keys, sort=True, observed=True).agg(**agg).reset_index()
    if feature != "feature":
        out = out.rename(columns={feature: "feature"})
    out["n"] = out["n"].astype(np.int64)
    value_cols = [c for c in out.columns if c not in (*by_cols, "feature", "n")]
    if by_cols and min_group_size is not None:
        small = out["n"] < min_group_size
        if small.any():
            out = out.copy()
            for col in value_cols:
                out[col] = (out[col].astype("Int64") if col == "importance_n" else out[col]).mask(small)
    return out


def kano_bootstrap(
    data,
    *,
    feature="feature",
    functional="functional",
    dysfunctional="dysfunctional",
    respondent="respondent",
    by=None,
    n_boot=2000,
    ci=0.95,
    seed=20261122,
    tie_band=TIE_BAND,
    min_group_size=5,
):
    """Percentile bootstrap intervals for better/worse, resampling respondents.

    Parameters
    ----------
    data : pandas.DataFrame
        Long form: one row per respondent and feature.
    feature, functional, dysfunctional : str
        Column names of the feature code and the two answer codes (1–5).
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
    tie_band : float, default 0.06
        Tie band of the M > O > A > I rule, for ``category_stability``.
    min_group_size : int or None, default 5
        With ``by``, figures of groups with fewer respondents are masked.

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
    if by_cols and min_group_size is not None:
        small = out["n"] < min_group_size
        if small.any():
            out = out.copy()
            for col in cols:
                out[col] = out[col].mask(small)
    return out


def kano_compare(
    data,
    *,
    by,
    groups=None,
    feature="feature",
    functional="functional",
    dysfunctional="dysfunctional",
    tie_band=TIE_BAND,
    min_group_size=5,
):
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
