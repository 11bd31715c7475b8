"""Integer codes for key columns and dense group ids (shared by the vectorised models).

Categorical columns use their codes directly (no hashing); other columns are factorised.
Group ids are built from mixed-radix codes, compressed to the observed combinations in
lexicographic order of the codes (the order ``groupby(..., sort=True)`` gives).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def key_codes(series, sort=True):
    """``(codes, levels)`` of a key column: codes index ``levels``; -1 = missing.

    A categorical column keeps its categories (all of them, in their order) as levels, so
    ``levels.take(codes)`` has the column's dtype, as ``pd.factorize(..., sort=True)`` does.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        n = len(series.cat.categories)
        levels = pd.CategoricalIndex(pd.Categorical.from_codes(np.arange(n), dtype=series.dtype))
        return codes, levels
    return pd.factorize(series, sort=sort)


def dense_ids(codes, sizes, *, return_keys=False):
    """Group rows by several non-negative code arrays.

    Returns ``(inv, k)``: the group id of every row (0..k-1, groups in lexicographic order
    of the codes) and the number of groups. Large key spaces are renumbered stepwise, so
    the combined key never overflows; :func:`group_codes` gives each group's codes. With
    ``return_keys``, also the mixed-radix key of each group (None if renumbered stepwise),
    which :func:`split_keys` turns back into codes.
    """
    n = len(codes[0]) if codes else 0
    if not codes:
        inv, k = np.zeros(0, dtype=np.int64), 0
        return (inv, k, np.zeros(0, dtype=np.int64)) if return_keys else (inv, k)
    total = float(np.prod([max(float(x), 1.0) for x in sizes]))
    # the narrowest integer type that holds the key: int32 arithmetic moves half the bytes
    dtype = np.int32 if total < 2**31 else np.int64
    key = np.asarray(codes[0]).astype(dtype)
    space = max(int(sizes[0]), 1)
    stepwise = False
    for c, s in zip(codes[1:], sizes[1:]):
        s = max(int(s), 1)
        if space * s > max(8 * n, 1 << 24):  # compress what we have so far
            key, space = _compress(key, space)[:2]
            stepwise = True
        key *= s
        key += c
        space *= s
    inv, k, uniq = _compress(key, space)
    if return_keys:
        return inv, k, (None if stepwise else uniq)
    return inv, k


def nested_ids(codes, sizes):
    """Group ids when every value of the first code determines all the others.

    Typical: one answer sheet per respondent, so provider and wave follow from the
    respondent. Then the first code itself is the group id (``size[0]`` ids, some possibly
    unused) and no renumbering is needed. Returns ``(ids, n_ids, codes_of_ids)`` in the
    order of the first code (= lexicographic order of all codes), or None when the first
    code does not determine the others. An unused value of the first code has -1 as its
    first code in ``codes_of_ids``.
    """
    major, n_major = np.asarray(codes[0]), max(int(sizes[0]), 1)
    if len(codes) == 1:
        return major.astype(np.intp), n_major, [np.arange(n_major)]
    total = float(np.prod([max(float(x), 1.0) for x in sizes[1:]]))
    if total >= 2**31:
        return None
    # the narrowest type for the combined minor key (less memory traffic)
    dtype = np.int8 if total <= 127 else np.int16 if total <= 32767 else np.int32
    minor = np.asarray(codes[1]).astype(dtype)
    for c, s in zip(codes[2:], sizes[2:]):
        minor *= max(int(s), 1)
        minor += c
    major = major.astype(np.intp)
    of_major = np.full(n_major, -1, dtype=dtype)
    of_major[major] = minor
    if not np.array_equal(of_major[major], minor):
        return None
    # unused majors: first code -1, the others meaningless (never looked up)
    used = of_major >= 0
    return major, n_major, [np.where(used, np.arange(n_major), -1),
                            *split_keys(of_major.astype(np.int64), [1, *sizes[1:]])[1:]]


def split_keys(keys, sizes):
    """The codes of mixed-radix ``keys`` (inverse of ``key = (c0 * s1 + c1) * s2 + c2 ...``)."""
    comps, rest = [], keys
    for s in reversed(sizes[1:]):
        rest, r = np.divmod(rest, max(int(s), 1))
        comps.append(r)
    comps.append(rest)
    return comps[::-1]


def _compress(key, space):
    """Renumber ``key`` (values < space) to 0..k-1 keeping their order: (ids, k, keys)."""
    if space <= max(8 * len(key), 1 << 24):
        key = key.astype(np.intp, copy=False)  # fancy indexing wants intp (no hidden casts)
        present = np.zeros(space, dtype=bool)
        present[key] = True
        remap = np.cumsum(present, dtype=np.intp)
        inv = remap[key]
        inv -= 1
        k = int(remap[-1]) if space else 0
        return inv, k, np.flatnonzero(present)
    uniq, inv = np.unique(key, return_inverse=True)
    return inv.astype(np.int64, copy=False), len(uniq), uniq


def first_rows(ids, k, present=None):
    """Row of the first occurrence of each id 0..k-1 (-1 for ids that do not occur).

    ``present`` (which ids occur) saves a pass when the caller knows it.
    """
    if present is None:
        present = np.zeros(k, dtype=bool)
        present[ids] = True
    first = np.full(k, -1, dtype=np.int64)
    start, size, left = 0, 4096, int(present.sum())
    while left and start < len(ids):
        chunk = ids[start:start + size]
        u, idx = np.unique(chunk, return_index=True)
        new = first[u] < 0
        first[u[new]] = idx[new] + start
        left -= int(new.sum())
        start += size
        size *= 4
    return first


def group_codes(codes, inv, k):
    """The codes of each group (``codes`` as passed to :func:`dense_ids`)."""
    rep = np.empty(k, dtype=np.int64)
    rep[inv] = np.arange(len(inv))  # any row of a group will do: they share the codes
    return [np.asarray(c)[rep] for c in codes]
