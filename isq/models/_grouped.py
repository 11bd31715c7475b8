"""The one fast path the models keep: group sums over the key columns' integer codes.

``group_sums(keys, values)`` returns what ``pandas.DataFrame(values).groupby(keys,
observed=True, sort=True).sum()`` returns (plus each group's ``size`` and every row's group),
about 2.5 times faster on survey-sized data. Measured in CPU time on 2.2 M SERVQUAL rows
(100,000 respondents, the sums of expectation and perception per respondent × provider ×
wave × dimension): pandas (filter, ``groupby``, ``sum``) 0.21 s, this 0.08 s; without it
``servqual_gaps``, ``kano_summary`` and ``alpha_by_dimension`` would be two to three times as
slow (the plain pandas versions in benchmarks/bench_models.py). The speed comes from the key
columns being categorical (what ``read_survey`` hands over for large exports): their codes
combine into one integer per row, and ``np.bincount`` adds the values per integer. Nothing
else in the models is special: the statistics on the (small) grouped tables are plain pandas.
tests/test_grouped.py checks it against ``DataFrame.groupby``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["group_sums"]


def _codes(series):
    """(codes, levels) of a key column; -1 = missing. Categoricals keep their categories."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), series.cat.categories
    return pd.factorize(series, sort=True)


def _number(key, space):
    """Number the distinct values of ``key`` 0, 1, ... in ascending order: (ids, values).

    A key space up to a few times the number of rows is addressed directly (a bit per
    possible key and a running count: no hashing, no sorting); otherwise pandas hashes.
    """
    if space is None or space > 4 * len(key) + (1 << 20):
        return pd.factorize(key, sort=True)
    present = np.zeros(space, dtype=bool)
    present[key] = True
    if present.all():  # every possible key occurs: the keys are their own numbers
        return key, np.arange(space)
    number = np.cumsum(present, dtype=np.int32 if space < 2**31 else np.int64)
    number -= 1
    return number[key], np.flatnonzero(present)


def group_sums(keys, values=None, *, keep=None, dropna=True):
    """Sums of ``values`` per combination of ``keys``, as ``groupby(keys, observed=True).sum()``.

    Parameters
    ----------
    keys : dict of str -> Series
        The grouping columns (all of one length).
    values : dict of str -> array, optional
        Numbers (or booleans, counted) to add up per group; NaN only in rows left out.
    keep : bool array, optional
        The rows to use. Rows with a missing key are left out as well, as pandas does.
    dropna : bool, default True
        False keeps a missing key as a group of its own (sorted last), as
        ``groupby(..., dropna=False)`` does.

    Returns
    -------
    groups : DataFrame
        One row per observed group, in sorted order of the keys (categories in their order):
        the key columns (categoricals stay categorical), the sums and ``size``.
    ids : ndarray
        The group (row of ``groups``) of every input row; -1 for rows left out.
    """
    values = values or {}
    coded = [_codes(s) for s in keys.values()]
    n_rows = len(coded[0][0])
    use = None if keep is None else np.array(keep, dtype=bool)  # None: every row
    if dropna:
        for codes, _ in coded:
            if codes.min(initial=0) < 0:
                use = (codes >= 0) if use is None else use & (codes >= 0)
    else:  # missing = one more code past the levels
        coded = [(np.where(c < 0, len(lv), c), lv) for c, lv in coded]
    sizes = [len(levels) + (not dropna) or 1 for _, levels in coded]
    space = int(np.prod(np.array(sizes, dtype=float)))
    if space >= 2**62:  # pragma: no cover (astronomic key spaces): let pandas number them
        frame = pd.DataFrame({i: c for i, (c, _) in enumerate(coded)})
        key = frame.groupby(list(frame.columns), sort=True).ngroup().to_numpy()
        space = int(key.max(initial=0)) + 1
        sizes = None
    else:
        # the mixed-radix number of each row's key combination (order = sorted key order)
        key = coded[0][0].astype(np.int64)
        for (codes, _), size in zip(coded[1:], sizes[1:]):
            key *= size
            key += codes
    # rows left out go to one extra group past the end (dropped below): no copies of columns
    if use is not None:
        key[~use] = space
    ids, combos = _number(key, space + (use is not None))
    n_groups = len(combos) - int(len(combos) > 0 and combos[-1] == space)
    out = {}
    if sizes is None:  # pragma: no cover
        firsts = np.unique(ids, return_index=True)[1][:n_groups]
        parts = [c[firsts] for c, _ in coded]
    else:
        rest, parts = np.asarray(combos[:n_groups], dtype=np.int64), []
        for s in reversed(sizes):  # undo the mixed radix: each key's code per group
            rest, code = np.divmod(rest, s)
            parts.append(code)
        parts = parts[::-1]
    for (name, series), (_, levels), code in zip(keys.items(), coded, parts):
        code = np.where(code >= len(levels), -1, code)  # (the missing key, with dropna=False)
        if isinstance(series.dtype, pd.CategoricalDtype):
            out[name] = pd.Categorical.from_codes(code, dtype=series.dtype)
        else:
            out[name] = levels.take(code, allow_fill=True)
    for name, v in values.items():
        out[name] = np.bincount(ids, weights=v, minlength=n_groups)[:n_groups]
    out["size"] = np.bincount(ids, minlength=n_groups)[:n_groups]
    if n_groups < len(combos):  # (some rows were left out)
        ids = np.where(use, ids, -1)
    return pd.DataFrame(out), ids
