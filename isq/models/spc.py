"""Complaint control: attribute control charts (p, np, c, u) with their run rules; the
Pareto analysis and the complaints log are in :mod:`isq.models.pareto`.

The control charts follow Montgomery (*Introduction to Statistical Quality Control*,
ch. 7) and the run rules of the Western Electric handbook (1956) and Nelson (1984).
Rule detection is vectorised over rolling windows of the standardised values
``z = (value - center) / sigma``, so charts with variable limits (p and u charts with
varying subgroup sizes) use the same zones at 1, 2 and 3 sigma per point.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_argument
from ..errors import IsqError

__all__ = [
    "control_chart",
    "control_chart_phase1",
    "pareto",
    "complaint_rates",
    "CHART_KINDS",
    "RULES",
    "SIGMA_LIMIT",
    "PARETO_CUTOFF",
    "OTHER_LABELS",
]

#: Attribute chart kinds.
CHART_KINDS = ("p", "np", "c", "u")
#: Width of the control limits in standard errors (Shewhart's 3-sigma limits).
SIGMA_LIMIT = 3.0
# Tolerance so that a point exactly on a limit counts as beyond it despite rounding.
_EPS = 1e-9

#: Run rules: name -> description. Western Electric rules 1-4 (WECO 1956) and
#: Nelson's eight tests (Nelson 1984). The flagged point is the one completing the pattern.
RULES = {
    "we1": "1 point on or beyond a 3-sigma limit",
    "we2": "2 of 3 consecutive points on or beyond 2 sigma, same side",
    "we3": "4 of 5 consecutive points on or beyond 1 sigma, same side",
    "we4": "8 consecutive points on the same side of the centre line",
    "nelson1": "1 point on or beyond a 3-sigma limit",
    "nelson2": "9 consecutive points on the same side of the centre line",
    "nelson3": "6 consecutive points steadily increasing or decreasing",
    "nelson4": "14 consecutive points alternating up and down",
    "nelson5": "2 of 3 consecutive points on or beyond 2 sigma, same side",
    "nelson6": "4 of 5 consecutive points on or beyond 1 sigma, same side",
    "nelson7": "15 consecutive points within 1 sigma, either side",
    "nelson8": "8 consecutive points beyond 1 sigma, either side (none within 1 sigma)",
}


# ----------------------------------------------------------------------------- helpers
def _window_count(mask, window):
    """Number of True values in the window of ``window`` points ending at each point."""
    c = np.concatenate([[0], np.cumsum(mask.astype(int))])
    idx = np.arange(1, len(mask) + 1)
    start = np.maximum(idx - window, 0)
    out = c[idx] - c[start]
    out[idx < window] = 0  # incomplete windows never trigger
    return out


def _run_length(mask):
    """Length of the run of consecutive True values ending at each point."""
    mask = np.asarray(mask, dtype=bool)
    n = len(mask)
    if n == 0:
        return np.zeros(0, dtype=int)
    idx = np.arange(n)
    last_false = np.where(~mask, idx, -1)
    last_false = np.maximum.accumulate(last_false)
    return idx - last_false


def _rule_masks(z, rules):
    """Boolean mask per requested rule over standardised values ``z``."""
    z = np.asarray(z, dtype=float)
    n = len(z)
    ok = ~np.isnan(z)
    zz = np.where(ok, z, 0.0)
    above = ok & (zz > 0)
    below = ok & (zz < 0)
    d = np.diff(zz)
    d_ok = ok[1:] & ok[:-1]
    up = np.concatenate([[False], d_ok & (d > 0)])
    down = np.concatenate([[False], d_ok & (d < 0)])
    # alternation: the step ending here has the opposite sign of the previous step
    alt = np.concatenate([[False, False], (up[2:] & down[1:-1]) | (down[2:] & up[1:-1])])

    def beyond(k, side):
        return (zz >= k - _EPS) & ok if side > 0 else (zz <= -k + _EPS) & ok

    def k_of_m(k, m, sigma):
        return (_window_count(beyond(sigma, 1), m) >= k) | (_window_count(beyond(sigma, -1), m) >= k)

    same_side = lambda length: (_run_length(above) >= length) | (_run_length(below) >= length)  # noqa: E731
    makers = {
        "we1": lambda: beyond(SIGMA_LIMIT, 1) | beyond(SIGMA_LIMIT, -1),
        "we2": lambda: k_of_m(2, 3, 2.0),
        "we3": lambda: k_of_m(4, 5, 1.0),
        "we4": lambda: same_side(8),
        "nelson2": lambda: same_side(9),
        "nelson3": lambda: (_run_length(up) >= 5) | (_run_length(down) >= 5),
        "nelson4": lambda: _run_length(alt) >= 12,
        "nelson7": lambda: _run_length(ok & (np.abs(zz) < 1.0 - _EPS)) >= 15,
        "nelson8": lambda: _run_length(ok & (np.abs(zz) >= 1.0 - _EPS)) >= 8,
    }
    makers["nelson1"], makers["nelson5"], makers["nelson6"] = makers["we1"], makers["we2"], makers["we3"]
    return {r: np.asarray(makers[r](), dtype=bool) & (np.arange(n) >= 0) for r in rules}


def _as_1d(values, name):
    if isinstance(values, pd.DataFrame):
        raise IsqError(f"`{name}` must be one column of numbers (a Series or array), not a DataFrame.")
    arr = pd.to_numeric(pd.Series(np.asarray(values).ravel()), errors="coerce").to_numpy(float)
    return arr


def _check_rules(rules):
    if isinstance(rules, str):
        rules = (rules,)
    rules = tuple(rules)
    for r in rules:
        check_argument("rules", r, RULES)
    return rules


# ----------------------------------------------------------------------------- control charts
def control_chart(counts, sizes=None, *, kind="p", rules=("we1", "we2", "we3", "we4"), center=None):
    """Attribute control chart with Western Electric / Nelson run rules.

    Parameters
    ----------
    counts : Series or array-like
        Per subgroup: the number of nonconforming units (p, np charts) or of
        nonconformities (c, u charts). A Series' index labels the subgroups.
    sizes : array-like or number, optional
        Subgroup sizes: required for p, np and u charts (for np they must be constant);
        not used by the c chart.
    kind : {"p", "np", "c", "u"}
        p: proportion nonconforming; np: number nonconforming; c: nonconformities per
        subgroup; u: nonconformities per unit.
    rules : sequence of str
        Rules to test, any of ``we1``..``we4`` and ``nelson1``..``nelson8`` (see ``RULES``).
    center : float, optional
        A known centre line in the units of the plotted value (p, np, c or u), e.g. from a
        phase-I study (:func:`control_chart_phase1`); by default estimated from the data.

    Returns
    -------
    DataFrame
        One row per subgroup (index from ``counts``): ``value, center, lcl, ucl,
        out_of_control, rules`` plus ``count, size, sigma, z, beyond_limits``.
        ``rules`` is a tuple of the rule names the point violates; ``out_of_control`` is
        True when it violates any requested rule; ``beyond_limits`` is the 3-sigma test
        on its own. ``attrs["center"]`` holds the centre line, ``attrs["kind"]`` the kind.

    Notes
    -----
    p: p̄ = Σ dᵢ / Σ nᵢ, limits p̄ ± 3 √(p̄(1 − p̄)/nᵢ); np: n p̄ ± 3 √(n p̄(1 − p̄));
    c: c̄ ± 3 √c̄; u: ū = Σ cᵢ / Σ nᵢ, ū ± 3 √(ū/nᵢ). The LCL is floored at 0.
    A point on a limit counts as out of control; a point at 0 on a floored LCL of 0 is
    not (its standardised value lies inside −3). Zones are taken on the standardised
    values z = (value − centre)/σᵢ, so variable limits need no special case. A rule
    flags the point that completes its pattern.

    References
    ----------
    Montgomery, D. C. (2009). *Introduction to Statistical Quality Control*, 6th ed., ch. 7.
    Nelson, L. S. (1984). The Shewhart control chart—tests for special causes.
    *Journal of Quality Technology*, 16(4), 237–239.

    Examples
    --------
    Montgomery's orange-juice cans (Example 7.1), the first ten samples of n = 50:

    >>> d = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10]
    >>> cc = isq.control_chart(d, 50, kind="p", rules=["we1"])
    >>> print(round(cc["center"].iloc[0], 3), round(cc["ucl"].iloc[0], 3))
    0.21 0.383

    The demo company's IT complaint rate per month (complaints / requests handled):

    >>> r = isq.complaint_rates(isq.load_demo("complaints"), isq.load_demo("requests"))
    >>> it = r[r["department"] == "IT"].set_index("month")
    >>> cc = isq.control_chart(it["count"], it["size"], kind="p")
    >>> cc.index[cc["out_of_control"]].tolist(), cc.loc["2025-03", "rules"]
    (['2025-03'], ('we1',))
    """
    check_argument("kind", kind, CHART_KINDS)
    rules = _check_rules(rules)
    index = counts.index if isinstance(counts, pd.Series) else None
    x = _as_1d(counts, "counts")
    m = len(x)
    if m == 0:
        raise IsqError("`counts` is empty: a control chart needs at least one subgroup.")
    if np.isnan(x).any() or (x < 0).any():
        bad = int(np.flatnonzero(np.isnan(x) | (x < 0))[0])
        raise IsqError(
            f"`counts` must hold non-negative numbers; subgroup {bad + 1} has {np.asarray(counts).ravel()[bad]!r}."
        )
    if kind == "c":
        if sizes is not None:
            raise IsqError("The c chart takes no `sizes`; use kind='u' for subgroups of varying size.")
        n = np.ones(m)
    else:
        if sizes is None:
            raise IsqError(f"The {kind} chart needs `sizes` (the subgroup sizes, e.g. requests handled).")
        n = np.broadcast_to(_as_1d(sizes, "sizes"), (m,)).astype(float) if np.ndim(sizes) == 0 else _as_1d(sizes, "sizes")
        if len(n) != m:
            raise IsqError(f"`sizes` has {len(n)} values but `counts` has {m}: give one size per subgroup.")
        if np.isnan(n).any() or (n <= 0).any():
            bad = int(np.flatnonzero(np.isnan(n) | (n <= 0))[0])
            raise IsqError(f"`sizes` must be positive; subgroup {bad + 1} has {n[bad]!r}.")
        if kind in ("p", "np") and (x > n).any():
            bad = int(np.flatnonzero(x > n)[0])
            raise IsqError(
                f"Subgroup {bad + 1} has {x[bad]:g} nonconforming out of {n[bad]:g}: counts cannot exceed sizes."
            )
        if kind == "np" and np.ptp(n) > 0:
            raise IsqError("The np chart needs a constant subgroup size; use kind='p' for varying sizes.")

    if kind == "p":
        value = x / n
        cl = x.sum() / n.sum() if center is None else float(center)
        if not 0 <= cl <= 1:
            raise IsqError(f"`center` of a p chart is a proportion from 0 to 1; got {center!r}.")
        sigma = np.sqrt(cl * (1 - cl) / n)
    elif kind == "np":
        value = x
        cl = x.sum() / m if center is None else float(center)
        p = cl / n[0]
        if not 0 <= p <= 1:
            raise IsqError(f"`center` of an np chart must lie from 0 to n = {n[0]:g}; got {center!r}.")
        sigma = np.full(m, np.sqrt(cl * (1 - p)))
    elif kind == "c":
        value = x
        cl = x.mean() if center is None else float(center)
        sigma = np.full(m, np.sqrt(max(cl, 0.0)))
    else:  # u
        value = x / n
        cl = x.sum() / n.sum() if center is None else float(center)
        sigma = np.sqrt(max(cl, 0.0) / n)
    if cl < 0:
        raise IsqError(f"`center` must be non-negative; got {center!r}.")

    ucl = cl + SIGMA_LIMIT * sigma
    lcl = np.maximum(cl - SIGMA_LIMIT * sigma, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(sigma > 0, (value - cl) / np.where(sigma > 0, sigma, 1.0),
                     np.sign(value - cl) * np.inf)
    z = np.where(np.isinf(z) & (value == cl), 0.0, z)
    masks = _rule_masks(z, rules)
    flagged = [tuple(r for r in rules if masks[r][i]) for i in range(m)]
    beyond = _rule_masks(z, ("we1",))["we1"]
    out = pd.DataFrame(
        {
            "value": value,
            "center": np.full(m, cl),
            "lcl": lcl,
            "ucl": ucl,
            "out_of_control": np.array([len(f) > 0 for f in flagged], dtype=bool),
            "rules": pd.Series(flagged, dtype=object).to_numpy(),
            "count": x,
            "size": n,
            "sigma": sigma,
            "z": z,
            "beyond_limits": beyond,
        },
        index=index if index is not None else pd.RangeIndex(1, m + 1, name="subgroup"),
    )
    out.attrs.update(kind=kind, center=float(cl), rules=rules)
    return out


def control_chart_phase1(counts, sizes=None, *, kind="p", rules=("we1",), max_iter=50):
    """Phase-I limits: drop flagged subgroups and recompute until none is flagged.

    Each pass estimates the centre line from the subgroups still retained, charts
    them, and removes every retained subgroup that the ``rules`` flag. It stops when a
    pass flags nothing (or after ``max_iter`` passes). The returned chart shows all
    subgroups against the final centre and limits. Removing a point is a statistical
    convenience: Montgomery removes a point only when an assignable cause is found, so
    read the ``excluded`` column with the process owner before trusting the limits.

    Parameters
    ----------
    counts, sizes, kind
        As in :func:`control_chart`.
    rules : sequence of str
        Rules that exclude a point; by default only the 3-sigma test ("we1").
    max_iter : int
        Maximum number of passes.

    Returns
    -------
    DataFrame
        The columns of :func:`control_chart` plus ``excluded`` (bool) and
        ``excluded_in`` (the pass that removed the point, 0 if retained).
        ``attrs["center"]`` is the phase-I centre line to pass as ``center=`` in phase II;
        ``attrs["iterations"]`` the number of passes.

    Examples
    --------
    >>> d = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22]
    >>> ph = isq.control_chart_phase1(d, 50, kind="p")
    >>> print(ph["excluded"].sum(), round(ph.attrs["center"], 4))
    1 0.2071
    """
    rules = _check_rules(rules)
    index = counts.index if isinstance(counts, pd.Series) else None
    x = _as_1d(counts, "counts")
    m = len(x)
    if sizes is None:
        n = None
    else:
        n = np.broadcast_to(_as_1d(sizes, "sizes"), (m,)).copy() if np.ndim(sizes) == 0 else _as_1d(sizes, "sizes")
    keep = np.ones(m, dtype=bool)
    excluded_in = np.zeros(m, dtype=int)
    it = 0
    for it in range(1, max_iter + 1):
        sub = control_chart(x[keep], None if n is None else n[keep], kind=kind, rules=rules)
        flag = sub["out_of_control"].to_numpy()
        if not flag.any() or flag.all():
            break
        pos = np.flatnonzero(keep)[flag]
        keep[pos] = False
        excluded_in[pos] = it
    center = float(sub.attrs["center"])
    full = control_chart(x, n, kind=kind, rules=rules, center=center)
    full["excluded"] = ~keep
    full["excluded_in"] = excluded_in
    if index is not None:
        full.index = index
    full.attrs.update(iterations=it, center=center)
    return full


# Pareto analysis and the complaints log live next door
from .pareto import OTHER_LABELS, PARETO_CUTOFF, complaint_rates, pareto  # noqa: E402
