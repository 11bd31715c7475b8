"""Privacy: minimum group size with primary and complementary suppression.

Internal surveys rate colleagues. Every group-level figure (department, segment,
wave) computed from fewer than ``min_group_size`` respondents is masked, and so is
whatever would let a reader work it out by subtraction from a total.

Public names: :func:`suppress_small_groups` (the rule), :func:`mask_small_groups`
(the same rule for long group-by tables of any model function),
:func:`check_min_group_size` and :func:`is_suppressed` (helpers for plots and reports).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_argument, check_columns, check_frame
from ..errors import IsqError

__all__ = [
    "MIN_GROUP_SIZE",
    "SUPPRESSED",
    "SUPPRESSED_REASON",
    "suppress_small_groups",
    "mask_small_groups",
    "check_min_group_size",
    "is_suppressed",
    "plan_run_suppression",
]

#: Default minimum number of respondents behind a published group figure.
MIN_GROUP_SIZE = 5
#: Name of the boolean column added by :func:`suppress_small_groups`.
SUPPRESSED = "suppressed"
#: Name of the reason column: "small_group", "n_missing", "complementary" or missing.
SUPPRESSED_REASON = "suppressed_reason"

_REASONS = ("small_group", "n_missing", "complementary")
_NAN_KEY = object()  # stands for a missing key value (an ordinary group of its own)
_TOTAL_SENTINEL = "\0total"  # stands for the `total` label in a key column
_TOL = 1e-9


def _check_k(min_group_size):
    if (
        isinstance(min_group_size, bool)
        or not isinstance(min_group_size, (int, np.integer))
        or min_group_size < 1
    ):
        raise IsqError(
            f"`min_group_size` must be a whole number of respondents, at least 1 "
            f"(default {MIN_GROUP_SIZE}); got {min_group_size!r}. "
            f"(最小样本量应为不小于 1 的整数。)"
        )
    return int(min_group_size)


def check_min_group_size(n, *, min_group_size=MIN_GROUP_SIZE):
    """Whether a group of ``n`` respondents may be shown (``n >= min_group_size``).

    Parameters
    ----------
    n : int, float, array-like or Series
        Respondent counts; a missing count is never allowed.
    min_group_size : int, default 5
        Smallest group shown. "Fewer than 5" is masked, so exactly 5 is allowed.

    Returns
    -------
    bool, numpy array of bool or Series of bool (the shape of ``n``).

    Examples
    --------
    >>> isq.check_min_group_size(5), isq.check_min_group_size(4)
    (True, False)
    >>> isq.check_min_group_size(pd.Series([3, 5, None])).tolist()
    [False, True, False]
    """
    k = _check_k(min_group_size)
    if isinstance(n, pd.Series):
        values = pd.to_numeric(n, errors="coerce")
        return values.ge(k).fillna(False).astype(bool)
    if np.ndim(n) == 0:
        try:
            value = float(n)
        except (TypeError, ValueError):
            return False
        return bool(value >= k) if not np.isnan(value) else False
    values = pd.to_numeric(pd.Series(np.asarray(n, dtype=object).ravel()), errors="coerce")
    return values.ge(k).fillna(False).to_numpy(dtype=bool).reshape(np.shape(n))


def is_suppressed(table, *, n="n", min_group_size=MIN_GROUP_SIZE):
    """Boolean Series: which rows of a group-level table must not be shown.

    Uses the ``suppressed`` column written by :func:`suppress_small_groups` when there
    is one, and in any case flags rows whose ``n`` is below ``min_group_size`` or
    missing. Plots grey out or drop these rows; findings never mention them.

    Parameters
    ----------
    table : DataFrame
        A group-level table, suppressed or not.
    n : str, default "n"
        Column with the number of respondents behind each row.
    min_group_size : int, default 5

    Returns
    -------
    Series of bool, aligned with ``table``.

    Examples
    --------
    >>> t = pd.DataFrame({"department": ["A", "B", "C"], "n": [3, 20, 30]})
    >>> isq.is_suppressed(t).tolist()
    [True, False, False]
    >>> isq.is_suppressed(isq.suppress_small_groups(t)).tolist()
    [True, True, False]
    """
    check_frame(table, name="table")
    k = _check_k(min_group_size)
    flags = pd.Series(False, index=table.index)
    if SUPPRESSED in table.columns:
        flags |= table[SUPPRESSED].fillna(True).astype(bool)
    if n in table.columns:
        flags |= ~check_min_group_size(table[n], min_group_size=k)
    elif SUPPRESSED not in table.columns:
        check_columns(table, n=n)
    return flags


def _default_keys(table, n, exclude=()):
    """The leading run of non-numeric columns: the group labels of a tidy table."""
    keys = []
    for col in table.columns:
        if col == n:
            break
        if col in (SUPPRESSED, SUPPRESSED_REASON) or col in exclude:
            continue
        s = table[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
            break
        keys.append(col)
    return keys


def _constraints(labels, is_total, n0, k, *, complementary, crossed):
    """Additive relations the table supports: (parent row or None, child rows).

    ``parent None`` is an aggregate not in the table but assumed published elsewhere
    (the company-wide figure, a wave's figure): a known constant.
    """
    nrows, nkeys = labels.shape if labels.size else (len(n0), 0)
    index = {tuple(labels[i]): i for i in range(nrows)}
    out = []
    if nkeys == 0:
        if complementary and nrows > 1 and np.nansum(n0) >= k:
            out.append((None, list(range(nrows))))
        return out
    for j in range(nkeys):
        groups = {}
        for i in range(nrows):
            if is_total[i, j]:
                continue
            context = tuple(labels[i, :j]) + (_TOTAL_SENTINEL,) + tuple(labels[i, j + 1 :])
            groups.setdefault(context, []).append(i)
        for context, children in groups.items():
            parent = index.get(context)  # the same labels with `total` in column j
            if parent is not None:
                out.append((parent, children))
                continue
            if not complementary or len(children) < 2:
                # a lone child equals its implicit parent: both share one n and so
                # the same fate wherever they are published.
                continue
            deeper_total = bool(is_total[children[0], j + 1 :].all())
            if not (crossed or deeper_total):
                continue
            child_n = n0[children]
            if not np.isnan(child_n).any() and child_n.sum() < k:
                continue  # the aggregate itself is too small to be published anywhere
            out.append((None, children))
    return out


def _determined(constraints, masked, nrows):
    """Masked rows whose value is uniquely determined by the constraints.

    A masked cell x is exactly recoverable when the unit vector e_x lies in the row
    space of the constraint matrix restricted to the masked cells, i.e. when every
    vector of its null space is zero at x (visible cells and public aggregates are
    known constants).
    """
    mpos = np.flatnonzero(masked)
    if mpos.size == 0 or not constraints:
        return []
    col = {r: c for c, r in enumerate(mpos)}
    rows = []
    for parent, children in constraints:
        row = np.zeros(mpos.size)
        for c in children:
            if c in col:
                row[col[c]] += 1.0
        if parent is not None and parent in col:
            row[col[parent]] -= 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.array(rows)
    _, s, vt = np.linalg.svd(a, full_matrices=True)
    rank = int((s > _TOL * max(a.shape) * (s[0] if s.size else 1)).sum())
    null = vt[rank:]
    if null.shape[0] == 0:
        return [int(r) for r in mpos]
    norms = np.sqrt((null**2).sum(axis=0))
    return [int(mpos[c]) for c in np.flatnonzero(norms < 1e-8)]


def _complementary(constraints, masked, n0, labels, reason, *, is_agg):
    """Add complementary suppressions until no masked row is recoverable."""
    masked = masked.copy()
    nrows = len(masked)
    cells_of = [([] if p is None else [p]) + list(ch) for p, ch in constraints]
    by_row = {}
    for c, cells in enumerate(cells_of):
        for r in cells:
            by_row.setdefault(r, []).append(c)

    def masked_labels(j):
        if labels.shape[1] == 0:
            return set()
        return {labels[r, j] for r in np.flatnonzero(masked)}

    def choose(cands, cons_index):
        parent, children = constraints[cons_index]
        j = _varying_key(labels, children)
        seen = masked_labels(j) if j is not None else set()
        def score(r):
            same = j is not None and labels[r, j] in seen
            nn = n0[r] if not np.isnan(n0[r]) else -1.0
            return (r == parent, is_agg[r], not same, nn, r)
        return min(cands, key=score)

    def mask(r):
        masked[r] = True
        reason[r] = "complementary"

    guard = 0
    while True:
        guard += 1
        if guard > 4 * nrows + 10:  # pragma: no cover - each pass masks one more row
            break
        changed = False
        # cheap pass: a relation with exactly one masked cell reveals it
        for c, cells in enumerate(cells_of):
            hidden = [r for r in cells if masked[r]]
            if len(hidden) == 1:
                cands = [r for r in cells if not masked[r]]
                if cands:
                    mask(choose(cands, c))
                    changed = True
        if changed:
            continue
        # exact audit: combinations of relations
        det = _determined(constraints, masked, nrows)
        if not det:
            break
        target = det[0]
        # search the relations linked to target through masked cells for a visible cell
        todo, seen_c, seen_r, best = [target], set(), {target}, None
        while todo and best is None:
            r = todo.pop(0)
            for c in by_row.get(r, []):
                if c in seen_c:
                    continue
                seen_c.add(c)
                cands = [x for x in cells_of[c] if not masked[x]]
                if cands:
                    best = choose(cands, c)
                    break
                for x in cells_of[c]:
                    if x not in seen_r:
                        seen_r.add(x)
                        todo.append(x)
        if best is None:  # pragma: no cover - every linked cell is already masked
            break
        mask(best)
    return masked


def _varying_key(labels, children):
    """Index of the key column that varies among ``children`` (None for a flat table)."""
    if labels.shape[1] == 0 or len(children) < 2:
        return None
    sub = labels[children]
    for j in range(labels.shape[1]):
        if len({v for v in sub[:, j]}) > 1:
            return j
    return None


def suppress_small_groups(table, *, n="n", min_group_size=MIN_GROUP_SIZE, by=None, total=None,
                          columns=None, complementary=True, crossed=False):
    """Mask every figure from fewer than ``min_group_size`` respondents, and what reveals it.

    Parameters
    ----------
    table : DataFrame
        A group-level table: one row per group (and optionally aggregate rows), with
        the number of respondents behind each row in column ``n``.
    n : str, default "n"
        Column with the respondent count of each row. A missing count is masked.
    min_group_size : int, default 5
        Groups with *fewer* respondents are masked (a group of exactly 5 is shown).
    by : str or list of str, optional
        Columns that label the groups, outermost first, e.g. ``["wave", "department"]``
        for departments within waves. Default: the leading run of non-numeric columns
        (a tidy group-by output puts its keys first); none means the rows are groups
        of one flat partition.
    total : str, optional
        The label that marks aggregate rows in the ``by`` columns (e.g. ``"total"``,
        ``"合计"``, pandas' ``"All"``). A row ``("pre", "total")`` is the sum of the
        ``("pre", department)`` rows.
    columns : list of str, optional
        Figure columns to mask. Default: every column except ``by`` (``n`` is always
        masked with them: a count is a figure too).
    complementary : bool, default True
        Also protect against subtraction from aggregates *not* in the table (the
        company figure, a wave's figure) that the report publishes elsewhere. Set to
        False only when no such aggregate is published anywhere.
    crossed : bool, default False
        Treat the ``by`` columns as crossed rather than nested: also assume the
        margins along outer columns (e.g. each department over all waves) are public.

    Returns
    -------
    DataFrame
        A copy of ``table`` with masked figures set to NaN (``n`` to ``<NA>``), and
        two columns: ``suppressed`` (bool) and ``suppressed_reason``:
        ``"small_group"`` (primary: n < min_group_size), ``"n_missing"`` (primary: n
        unknown), ``"complementary"`` (masked to protect another row) or missing.

    Notes
    -----
    Rule (threshold rule with primary and secondary suppression; Hundepool et al.
    2012, ch. 4-5; Cox 1980):

    1. *Primary suppression*: a row is masked when its ``n`` is below
       ``min_group_size`` or missing. Rows already marked ``suppressed`` stay masked.
    2. *Relations the table supports*: for every key column ``j`` and every set of
       sibling rows that differ only in column ``j``, the aggregate (the row with
       ``total`` in column ``j``, or, when absent and ``complementary`` is true, the
       aggregate published elsewhere) equals the sum of the siblings. This holds for
       counts and sums, and for means and shares after multiplying by ``n``
       (``mean_T n_T = sum_i mean_i n_i``), so masking whole rows (every figure and
       ``n`` together) protects them all. In nested mode implicit aggregates exist for
       the innermost varying column within each outer group (departments within a
       wave) and for each outer level of aggregate rows; ``crossed=True`` adds every
       margin. An implicit aggregate of fewer than ``min_group_size`` respondents is
       not assumed published.
    3. *Complementary (secondary) suppression*: while some masked row is exactly
       determined by these linear relations - a relation with a single masked cell
       (``A = total - B - C``), or any linear combination of relations, checked by the
       null space of the relation matrix restricted to the masked cells - one more row
       of the relation is masked: a sibling before the aggregate, preferably a group
       already masked elsewhere in the table (so the same department is hidden across
       items and waves), then the smallest ``n``.

    The result guarantees that no masked figure can be computed exactly from the
    visible ones and the aggregates; it narrows but does not control the interval in
    which a masked figure must lie (interval disclosure; Hundepool et al. 2012, 4.3).
    Non-additive figures (medians, standard deviations) are masked with their row.

    References
    ----------
    Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Schulte Nordholt, E.,
    Spicer, K. & de Wolf, P.-P. (2012). *Statistical Disclosure Control*. Wiley.
    Chapters 4 (magnitude tables: primary and secondary suppression) and 5 (frequency
    tables).

    Cox, L. H. (1980). Suppression methodology and statistical disclosure control.
    *Journal of the American Statistical Association*, 75(370), 377-385.

    Examples
    --------
    A single small group next to a total: A alone would be total - B - C, so the
    next-smallest group B is masked too.

    >>> t = pd.DataFrame({"department": ["A", "B", "C", "total"],
    ...                   "n": [3, 20, 30, 53], "mean": [4.0, 5.5, 6.0, 5.7]})
    >>> out = isq.suppress_small_groups(t, total="total")
    >>> out[["department", "n", "mean", "suppressed_reason"]]
      department     n  mean suppressed_reason
    0          A  <NA>   NaN       small_group
    1          B  <NA>   NaN     complementary
    2          C    30   6.0               NaN
    3      total    53   5.7               NaN

    On the demo company, respondents per department: Legal (4 people) is masked, and
    Administration (10, the next smallest) with it, since the company-wide figure is
    published too.

    >>> r = isq.load_demo("respondents")
    >>> t = r.groupby("department", as_index=False).agg(
    ...     n=("respondent", "size"), tenure=("tenure_years", "mean"))
    >>> out = isq.suppress_small_groups(t)
    >>> out.loc[out["suppressed"], ["department", "suppressed_reason"]]
      department suppressed_reason
    0        ADM     complementary
    4        LEG       small_group
    """
    check_frame(table, name="table")
    k = _check_k(min_group_size)
    check_columns(table, n=n)
    if by is None:
        keys = _default_keys(table, n)
    else:
        keys = [by] if isinstance(by, str) else list(by)
        check_columns(table, by=keys)
    if n in keys:
        raise IsqError(f"The count column {n!r} cannot also be a `by` column.")
    check_argument("complementary", complementary, (True, False))
    check_argument("crossed", crossed, (True, False))
    if total is not None and not keys:
        raise IsqError(
            f"`total={total!r}` marks aggregate rows in the `by` columns, but no `by` "
            f"columns were given or found; pass e.g. by='department'."
        )
    if columns is None:
        figures = [
            c for c in table.columns if c not in keys and c not in (n, SUPPRESSED, SUPPRESSED_REASON)
        ]
    else:
        figures = [columns] if isinstance(columns, str) else list(columns)
        check_columns(table, columns=figures)
        if set(figures) & set(keys):
            raise IsqError(
                f"`columns` {sorted(set(figures) & set(keys))} are also `by` columns; "
                f"group labels are never masked."
            )

    raw_n = table[n]
    n0 = pd.to_numeric(raw_n, errors="coerce")
    bad = raw_n.notna() & n0.isna()
    if bad.any() or (n0 < 0).any():
        where = raw_n[bad | (n0 < 0)]
        raise IsqError(
            f"Column {n!r} (`n`) must hold respondent counts (numbers >= 0); found "
            f"{where.tolist()[0]!r} at index {where.index[0]!r}. (样本量列应为非负数。)"
        )
    n0 = n0.to_numpy(dtype=float)
    nrows = len(table)

    if keys:
        labels = np.empty((nrows, len(keys)), dtype=object)
        for j, col in enumerate(keys):
            vals = table[col].to_numpy(dtype=object)
            miss = pd.isna(table[col]).to_numpy()
            vals[miss] = _NAN_KEY
            labels[:, j] = vals
        is_total = (
            np.zeros_like(labels, dtype=bool)
            if total is None
            else np.vectorize(lambda v: v is not _NAN_KEY and v == total, otypes=[bool])(labels)
        )
        labels[is_total] = _TOTAL_SENTINEL
        dup = pd.Series([tuple(r) for r in labels]).duplicated()
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            raise IsqError(
                f"Two rows have the same group labels {dict(zip(keys, table[keys].iloc[i]))} "
                f"in the `by` columns {keys}; each group must appear once. Pass the "
                f"columns that tell them apart as `by`."
            )
    else:
        labels = np.empty((nrows, 0), dtype=object)
        is_total = np.zeros((nrows, 0), dtype=bool)
    is_agg = is_total.any(axis=1) if keys else np.zeros(nrows, dtype=bool)

    reason = np.array([None] * nrows, dtype=object)
    already = np.zeros(nrows, dtype=bool)
    if SUPPRESSED in table.columns:
        already = table[SUPPRESSED].fillna(True).astype(bool).to_numpy()
        if SUPPRESSED_REASON in table.columns:
            prev = table[SUPPRESSED_REASON].to_numpy(dtype=object)
            reason[already] = [r if isinstance(r, str) else "complementary" for r in prev[already]]
        else:
            reason[already] = "complementary"
    small = ~already & (n0 < k)
    missing = ~already & np.isnan(n0)
    reason[small] = "small_group"
    reason[missing] = "n_missing"
    masked = already | small | missing

    cons = _constraints(labels, is_total, n0, k, complementary=complementary, crossed=crossed)
    masked = _complementary(cons, masked, n0, labels, reason, is_agg=is_agg)

    out = table.copy()
    idx = out.index[masked]
    for col in figures:
        s = out[col]
        if not masked.any():
            continue
        if pd.api.types.is_bool_dtype(s):
            out[col] = s.astype("boolean")
        elif pd.api.types.is_integer_dtype(s):
            out[col] = s.astype(float)
        elif not (pd.api.types.is_float_dtype(s) or pd.api.types.is_string_dtype(s)):
            out[col] = s.astype(object)
        out.loc[idx, col] = np.nan if pd.api.types.is_float_dtype(out[col]) else pd.NA
    if pd.api.types.is_numeric_dtype(out[n]):
        as_int = np.isnan(n0) | (n0 == np.round(n0))
        out[n] = out[n].astype("Int64" if as_int.all() else "Float64")
    out.loc[idx, n] = pd.NA
    out[SUPPRESSED] = masked
    out[SUPPRESSED_REASON] = pd.Series(reason, index=out.index, dtype="str")
    return out


def mask_small_groups(
    table, *, group, n="n", min_group_size=MIN_GROUP_SIZE, strata=None, columns=None
):
    """Mask the small groups of a long group-by table, consistently across its rows.

    Any model function's group-level output (e.g. one row per item x department, or
    per wave x provider) has one ``n`` per row. This masks, in every figure column at
    once, the rows with ``n < min_group_size``, and then in each stratum (each item,
    each wave, ...) complementary rows so that the stratum's overall figure does not
    reveal them, choosing the same group across strata wherever possible.

    Parameters
    ----------
    table : DataFrame
        Long table with one row per stratum x group.
    group : str
        The column naming the groups to protect (e.g. "department", "provider").
    n : str, default "n"
        Respondent count per row.
    min_group_size : int, default 5
    strata : str or list of str, optional
        Columns that split the table into separate breakdowns (item, wave, ...).
        Default: the other leading non-numeric columns.
    columns : list of str, optional
        Figure columns to mask; default every column except ``strata`` and ``group``.

    Returns
    -------
    DataFrame
        As :func:`suppress_small_groups`.

    Examples
    --------
    >>> t = pd.DataFrame({"item": ["SQ01"] * 3 + ["SQ02"] * 3,
    ...                   "department": ["A", "B", "C"] * 2,
    ...                   "n": [3, 9, 9, 3, 9, 8], "gap": [-1.0, -0.5, 0.2, -0.8, 0.1, 0.3]})
    >>> out = isq.mask_small_groups(t, group="department")
    >>> out.loc[out["suppressed"], ["item", "department"]].to_numpy().tolist()
    [['SQ01', 'A'], ['SQ01', 'B'], ['SQ02', 'A'], ['SQ02', 'B']]
    """
    check_frame(table, name="table")
    check_columns(table, group=group, n=n)
    if strata is None:
        strata = _default_keys(table, n, exclude=(group,))
    else:
        strata = [strata] if isinstance(strata, str) else list(strata)
        check_columns(table, strata=strata)
    keys = [s for s in strata if s != group] + [group]
    return suppress_small_groups(
        table, n=n, min_group_size=min_group_size, by=keys, columns=columns
    )


def plan_run_suppression(sizes, *, min_group_size=MIN_GROUP_SIZE):
    """Decide once, for a whole report run, which groups publish no figure anywhere.

    A run publishes the company figures and, per department, that department's own
    figures (its report, its workbook). Masking a small department only inside the
    company tables is not enough: its figures come back as the company total minus the
    departments published elsewhere. So the decision is taken once for every deliverable
    of the run: in each *basis* (a way of counting respondents per department, e.g. raters
    of a serving department, or a department's own staff) the departments with
    ``0 < n < min_group_size`` are hidden (primary), and while the hidden ones are fewer
    than two or together have fewer than ``min_group_size`` respondents, the next smallest
    department is hidden as well (complementary). The union over the bases is hidden
    everywhere: masked in every company table and chart, left out of the findings, and
    given no department report, so that "company − everything published" is a sum of at
    least two departments and at least ``min_group_size`` respondents.

    Parameters
    ----------
    sizes : dict
        ``{basis: {department: respondents}}``; a department absent from a basis (or with
        0 respondents in it) has nothing to protect there.
    min_group_size : int, default 5

    Returns
    -------
    dict
        ``{department: "small_group" | "complementary"}``, in a stable order (primary first).

    Examples
    --------
    >>> plan_run_suppression({"provider": {"LEG": 3, "ADM": 10, "HR": 14, "PRD": 40}})
    {'LEG': 'small_group', 'ADM': 'complementary'}
    >>> plan_run_suppression({"provider": {"A": 3, "B": 4, "C": 40}})
    {'A': 'small_group', 'B': 'small_group'}
    >>> plan_run_suppression({"provider": {"A": 6, "B": 0}})
    {}
    """
    k = _check_k(min_group_size)
    primary, complement = {}, {}
    for basis, counts in sizes.items():
        counts = {str(d): int(v) for d, v in counts.items() if v is not None and int(v) > 0}
        hidden = {d for d, v in counts.items() if v < k}
        if not hidden:
            continue
        for d in hidden:
            primary[d] = "small_group"
        hidden |= {d for d in counts if d in primary or d in complement}

        def enough():
            return len(hidden) >= 2 and sum(counts[d] for d in hidden) >= k

        while not enough():
            rest = sorted((v, d) for d, v in counts.items() if d not in hidden)
            if not rest:
                break
            hidden.add(rest[0][1])
            complement.setdefault(rest[0][1], "complementary")
    out = dict(sorted(primary.items()))
    out.update({d: r for d, r in sorted(complement.items()) if d not in out})
    return out
