"""Effect sizes with their intervals, for the group and wave comparisons.

Hedges' g (Hedges & Olkin 1985; normal-approximation interval, Borenstein et al. 2009),
Cohen's d_z of paired differences (noncentral-t interval), and the rank-biserial correlation
of two samples or of matched pairs (Kerby 2014; interval on Fisher's z scale).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import IsqError

__all__ = ["hedges_g", "rank_biserial"]


def _z(ci):
    from scipy import stats

    return float(stats.norm.ppf(0.5 + ci / 2))


def _check_ci(ci):
    if not isinstance(ci, (int, float)) or isinstance(ci, bool) or not 0 < ci < 1:
        raise IsqError(f"`ci` must be a confidence level between 0 and 1, e.g. 0.95; got {ci!r}.")
    return float(ci)


def hedges_g(a, b, *, ci=0.95):
    """Hedges' g of ``a`` minus ``b`` with its normal-approximation interval.

    Parameters
    ----------
    a, b : array-like of numbers
        The two independent samples (missing values are dropped).
    ci : float, default 0.95

    Returns
    -------
    tuple of float
        ``(g, ci_low, ci_high)``; NaN when a group has fewer than 2 values or both have
        no spread.

    Notes
    -----
    ``d = (mean_a - mean_b) / s_p`` with the pooled SD
    ``s_p = sqrt(((n_a - 1) s_a^2 + (n_b - 1) s_b^2) / (n_a + n_b - 2))``;
    ``g = J d`` with ``J = 1 - 3 / (4 (n_a + n_b - 2) - 1)``;
    ``V_d = (n_a + n_b) / (n_a n_b) + d^2 / (2 (n_a + n_b))``, ``V_g = J^2 V_d`` and the
    interval ``g +/- z sqrt(V_g)`` (Hedges & Olkin 1985; Borenstein et al. 2009, eqs.
    4.18-4.24).

    References
    ----------
    Hedges, L. V. & Olkin, I. (1985). *Statistical Methods for Meta-Analysis*. Academic Press.
    Borenstein, M., Hedges, L. V., Higgins, J. P. T. & Rothstein, H. R. (2009).
    *Introduction to Meta-Analysis*, ch. 4. Wiley.

    Examples
    --------
    >>> g, low, high = isq.hedges_g([1, 2, 3, 4], [3, 4, 5, 6, 7])
    >>> round(g, 4), round(low, 2), round(high, 2)
    (-1.5181, -2.88, -0.16)
    """
    ci = _check_ci(ci)
    a = pd.to_numeric(pd.Series(np.asarray(a, dtype=object)), errors="coerce").dropna().to_numpy(float)
    b = pd.to_numeric(pd.Series(np.asarray(b, dtype=object)), errors="coerce").dropna().to_numpy(float)
    na, nb = a.size, b.size
    if na < 2 or nb < 2:
        return (np.nan, np.nan, np.nan)
    df = na + nb - 2
    sp = np.sqrt(((na - 1) * a.var(ddof=1) + (nb - 1) * b.var(ddof=1)) / df)
    if sp == 0:
        return (np.nan, np.nan, np.nan)
    d = (a.mean() - b.mean()) / sp
    j = 1 - 3 / (4 * df - 1)
    se = j * np.sqrt((na + nb) / (na * nb) + d**2 / (2 * (na + nb)))
    g = j * d
    z = _z(ci)
    return (float(g), float(g - z * se), float(g + z * se))


def rank_biserial(a, b, *, ci=0.95):
    """Rank-biserial correlation of ``a`` versus ``b`` with a Fisher-z interval.

    Positive when values in ``a`` tend to be larger than those in ``b``.

    Parameters
    ----------
    a, b : array-like of numbers
    ci : float, default 0.95

    Returns
    -------
    tuple of float
        ``(r, ci_low, ci_high)``.

    Notes
    -----
    ``r = 2 U_a / (n_a n_b) - 1``, with ``U_a`` the Mann-Whitney U of ``a`` (pairs with
    a > b, ties counting 1/2): the share of favourable minus unfavourable pairs
    (Kerby 2014). Interval: ``tanh(atanh(r) +/- z se)``, ``se = sqrt((n_a + n_b + 1) /
    (3 n_a n_b))`` as in R ``effectsize::rank_biserial`` (Ben-Shachar et al. 2020).

    References
    ----------
    Kerby, D. S. (2014). The simple difference formula: an approach to teaching
    nonparametric correlation. *Comprehensive Psychology*, 3, 11.IT.3.1.

    Examples
    --------
    >>> r, low, high = isq.rank_biserial([6, 7, 8, 9], [1, 2, 7])
    >>> round(r, 2)
    0.75
    """
    from scipy import stats

    ci = _check_ci(ci)
    a = pd.to_numeric(pd.Series(np.asarray(a, dtype=object)), errors="coerce").dropna().to_numpy(float)
    b = pd.to_numeric(pd.Series(np.asarray(b, dtype=object)), errors="coerce").dropna().to_numpy(float)
    na, nb = a.size, b.size
    if na == 0 or nb == 0:
        return (np.nan, np.nan, np.nan)
    u = stats.mannwhitneyu(a, b, alternative="two-sided").statistic
    r = 2 * u / (na * nb) - 1
    se = np.sqrt((na + nb + 1) / (3 * na * nb))
    return _r_interval(r, se, ci)


def _cohens_dz(diff, *, ci):
    """Cohen's d_z = mean(diff) / sd(diff) with the noncentral-t interval."""
    from scipy import optimize, stats

    n = diff.size
    sd = diff.std(ddof=1) if n > 1 else np.nan
    if n < 2 or not sd > 0:
        return (np.nan, np.nan, np.nan)
    dz = diff.mean() / sd
    t, df = abs(dz) * np.sqrt(n), n - 1  # solve for |t|; the interval is mirrored back

    def ncp_for(prob):
        f = lambda ncp: stats.nct.cdf(t, df, ncp) - prob  # noqa: E731
        step = 5.0 + t
        lo, hi = t - step, t + step
        while f(lo) < 0:  # cdf decreases in ncp: f(lo) > 0 > f(hi) is the bracket
            lo -= step
        while f(hi) > 0:
            hi += step
        return optimize.brentq(f, lo, hi, xtol=1e-10)

    alpha = 1 - ci
    low = ncp_for(1 - alpha / 2) / np.sqrt(n)
    high = ncp_for(alpha / 2) / np.sqrt(n)
    if dz < 0:
        low, high = -high, -low
    return (float(dz), float(low), float(high))


def _r_interval(r, se, ci):
    """(r, low, high): the interval tanh(atanh(r) ± z · se), always containing r (r = ±1)."""
    zr = np.arctanh(np.clip(r, -1 + 1e-12, 1 - 1e-12))
    z = _z(ci)
    low, high = min(np.tanh(zr - z * se), r), max(np.tanh(zr + z * se), r)
    return (float(r), float(low), float(high))


def _matched_rank_biserial(d, *, ci):
    """Matched-pairs rank-biserial r = (T+ - T-) / (T+ + T-), zeros dropped (Kerby 2014)."""
    from scipy import stats

    d = d[d != 0]
    n = d.size
    if n == 0:
        return (np.nan, np.nan, np.nan)
    ranks = stats.rankdata(np.abs(d))
    tp, tm = ranks[d > 0].sum(), ranks[d < 0].sum()
    r = (tp - tm) / (tp + tm)
    se = np.sqrt((2 * n**3 + 3 * n**2 + n) / 6) / (n * (n + 1) / 2)
    return _r_interval(r, se, ci)
