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

from .._docstrings import share_docs
from .._validate import check_columns, check_frame
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
    """Answers as a numpy array (float with NaN = missing, or the integers as they are when
    the column has no missing value); raise on anything but 1..5."""
    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object).ravel())
    if s.dtype.kind in "iu":  # whole numbers, none missing: only the range to check
        arr = s.to_numpy()
        if len(arr) == 0 or (arr.min() >= 1 and arr.max() <= 5):
            return arr
        bad = (arr < 1) | (arr > 5)
    else:
        numeric = s.dtype.kind == "f"
        arr = (s if numeric else pd.to_numeric(s, errors="coerce")).to_numpy(dtype=float, na_value=np.nan)
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
    if f.dtype.kind == "i" and d.dtype.kind == "i":  # nothing missing: row f, column d
        return _TABLE_CODES.ravel()[5 * f + d - 6]  # (flat index of cell f, d: one gather)
    missing = np.isnan(f) | np.isnan(d)
    # a missing answer looks up cell 1, 1 and is then set to -1
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
    """Counts of each category per feature (and group), a crosstab of the key groups against
    the six categories: (counts n_groups × 6, key table, rows per group). Groups whose
    answers are all missing stay (n = 0), as in groupby; rows with a missing key are left out."""
    groups, group = group_sums({k: data[k] for k in keys})
    cell = group * len(KANO_CODES) + codes  # the (group, category) cell of each answer pair
    if group.min(initial=0) < 0 or codes.min(initial=0) < 0:  # leave out the unclassified
        cell = cell[(group >= 0) & (codes >= 0)]
    counts = np.bincount(cell, minlength=len(groups) * len(KANO_CODES))
    return counts.reshape(-1, len(KANO_CODES)), groups[keys], groups["size"].to_numpy()


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


def _mask_small(out, min_group_size, value_cols):
    """Mask every figure of groups with fewer than ``min_group_size`` respondents (``n``
    stays); counts become nullable ``Int64``, flags nullable ``boolean``.

    Without ``by`` the whole table is one group (a table filtered to 3 people is masked too).
    """
    if min_group_size is None:
        return out
    small = out["n"] < min_group_size
    if not small.any():
        return out
    out = out.copy()
    for col in value_cols:
        kind = out[col].dtype.kind
        nullable = "Int64" if kind in "iu" else "boolean" if kind == "b" else out[col].dtype
        out[col] = out[col].astype(nullable).mask(small)
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


@share_docs
def kano_summary(data, *, feature="feature", functional="functional",
                 dysfunctional="dysfunctional", by=None, tie_band=TIE_BAND, min_group_size=5):
    """Kano categories, better/worse coefficients and strengths per feature (and group).

    Parameters
    ----------
    {{kano_data}}
    {{kano_by}}
    {{tie_band}}
    {{min_group_size_by}}

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
    out = pd.DataFrame({
        **{c: key_table[c].array for c in by_cols},
        "feature": key_table[feature].array,
        "n": figs["n"],
        **{c: counts[:, k] for k, c in enumerate(KANO_CODES)},
        "category": pd.Series(figs["category"], dtype="str"),
        "category_rule": pd.Series(figs["category_rule"], dtype="str"),
        **{c: figs[c] for c in ("better", "worse", "total_strength", "category_strength",
                                "fong_significant")},
    })
    return _mask_small(out, min_group_size, _SUMMARY_COLS[2:])


def __getattr__(name):
    # the optional analyses (DuMouchel scores, bootstrap, segment comparison) live in
    # kano_extensions.py, which imports from here: served on first use, so that the two
    # modules do not import each other at load
    if name in ("kano_continuous", "kano_bootstrap", "kano_compare"):
        from . import kano_extensions
        return getattr(kano_extensions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
