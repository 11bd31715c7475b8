"""Satisfaction metrics: NPS, CSAT, CES 2.0 and the Wilson interval for shares.

Internal satisfaction surveys (满意度、费力度、推荐度) ask one question each:

- **NPS** (净推荐值), 0–10 "how likely are you to recommend ...": promoters 9–10,
  passives 7–8, detractors 0–6; ``nps = 100 (p - d)``.
- **CSAT** (满意度), 1–5: the share answering 4 or 5 (top-2-box), with the mean as a
  second figure.
- **CES 2.0** (费力度), 1–7 agreement with "the department made it easy for me": the mean and
  the share agreeing (5–7). Higher is better. The older CES 1.0 (1–5, lower is better) is a
  different scale and must not be mixed with it.

Every share gets a Wilson interval. Missing answers are dropped and counted
(``result.attrs["n_missing"]``); an answer outside the scale raises :class:`isq.IsqError`
naming the value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._docstrings import share_docs
from .._validate import check_columns, check_frame, check_numeric_range
from ..errors import IsqError
from ._grouped import group_sums

__all__ = [
    "wilson_ci",
    "nps",
    "csat",
    "ces",
    "satisfaction_by",
    "NPS_SCALE",
    "NPS_PROMOTER_MIN",
    "NPS_DETRACTOR_MAX",
    "CSAT_SCALE",
    "CSAT_TOP_BOX",
    "CES_SCALE",
    "CES_AGREE_MIN",
    "SMALL_N",
]

#: NPS answer scale (0–10).
NPS_SCALE = (0, 10)
#: Lowest NPS answer counted as a promoter (9–10).
NPS_PROMOTER_MIN = 9
#: Highest NPS answer counted as a detractor (0–6); 7–8 are passives.
NPS_DETRACTOR_MAX = 6
#: CSAT answer scale (1–5).
CSAT_SCALE = (1, 5)
#: CSAT answers counted as satisfied (top-2-box).
CSAT_TOP_BOX = (4, 5)
#: CES 2.0 answer scale (1–7 agreement, higher = easier).
CES_SCALE = (1, 7)
#: Lowest CES 2.0 answer counted as agreeing (5–7).
CES_AGREE_MIN = 5
_SCALES = {"nps": NPS_SCALE, "csat": CSAT_SCALE, "ces": CES_SCALE}
#: Groups with fewer respondents than this are flagged ``small_n``: the normal-approximation
#: NPS interval is unreliable there and a bootstrap or adjusted interval is more honest.
SMALL_N = 30


def _z(ci):
    if not (isinstance(ci, (int, float)) and 0 < ci < 1):
        raise IsqError(f"`ci` must be a confidence level between 0 and 1, e.g. 0.95; got {ci!r}.")
    from scipy.stats import norm

    return float(norm.ppf(0.5 + ci / 2))


def _wilson(k, n, ci):
    """Wilson interval of k / n, vectorised (statsmodels); NaN where n == 0."""
    from statsmodels.stats.proportion import proportion_confint

    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        low, high = proportion_confint(k, n, alpha=1 - ci, method="wilson")
        p = k / n
        # the interval always contains p: clamp only the rounding error (at p = 1 the upper
        # bound can come out as 1 − 1e-16)
        return np.fmin(low, p), np.fmax(high, p)


def wilson_ci(k, n, *, ci=0.95):
    """Wilson score interval for a share ``k / n``.

    Parameters
    ----------
    k : int or array-like
        Number of "successes" (e.g. promoters, satisfied answers).
    n : int or array-like
        Number of answers; the interval is NaN where ``n`` is 0.
    ci : float, default 0.95
        Confidence level.

    Returns
    -------
    (low, high) : tuple of float, or of numpy arrays when ``k``/``n`` are arrays.

    Notes
    -----
    With :math:`\\hat p = k/n` and :math:`z` the normal quantile,
    centre :math:`(\\hat p + z^2/2n)/(1 + z^2/n)`, half-width
    :math:`z/(1 + z^2/n)\\,\\sqrt{\\hat p(1-\\hat p)/n + z^2/4n^2}`, computed by
    ``statsmodels.stats.proportion.proportion_confint(method="wilson")``.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *JASA*, 22(158), 209–212.

    Examples
    --------
    >>> low, high = isq.wilson_ci(42, 60)
    >>> round(low, 4), round(high, 4)
    (0.5749, 0.801)
    """
    k_arr = np.asarray(k, dtype=float)
    n_arr = np.asarray(n, dtype=float)
    if np.any(k_arr < 0) or np.any(n_arr < 0) or np.any(k_arr > n_arr):
        raise IsqError(
            f"`wilson_ci` needs 0 <= k <= n; got k={k!r}, n={n!r}. "
            "k counts the answers in the share, n all valid answers."
        )
    _z(ci)  # (checks ci)
    low, high = _wilson(k_arr, n_arr, ci)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def _clean(scores, scale, name):
    """Scores as a float Series without missing values; raise on out-of-scale answers."""
    if isinstance(scores, pd.DataFrame):
        raise IsqError(
            f"`{name}` takes one column of answers (a Series or list), got a DataFrame; "
            f"pass e.g. data[{name!r}]."
        )
    s = scores if isinstance(scores, pd.Series) else pd.Series(scores)
    values = check_numeric_range(s, low=scale[0], high=scale[1], name=name, integer=True)
    n_missing = int(values.isna().sum())
    return values.dropna().to_numpy(dtype=float), n_missing


def _share_and_mean(v, k, ci):
    """The share k / n of the answers ``v`` with its Wilson interval, and their mean."""
    _z(ci)  # (checks ci)
    n = len(v)
    low, high = _wilson(k, n, ci)
    return {"n": n, "share": k / n if n else np.nan, "ci_low": low, "ci_high": high,
            "mean": v.mean() if n else np.nan}


def _summary(values, index, n_missing):
    out = pd.Series(values, index=index, dtype=float)
    out.attrs["n_missing"] = n_missing
    out.attrs["small_n"] = bool(out["n"] < SMALL_N)
    return out


@share_docs
def nps(scores, *, ci=0.95):
    """Net Promoter Score with its shares and a normal-approximation interval.

    Parameters
    ----------
    scores : array-like or Series
        Answers 0–10 (whole numbers).
        {{missing_answers}}
    ci : float, default 0.95
        Confidence level of the interval.

    Returns
    -------
    pandas.Series
        ``n, promoters, passives, detractors, nps, se, ci_low, ci_high``: shares 0–1,
        ``nps`` from −100 to 100, ``se`` and the interval on the same −100…100 scale.
        ``attrs["small_n"]`` is True when n < :data:`SMALL_N`.

    Notes
    -----
    Promoters 9–10, passives 7–8, detractors 0–6. With shares p and d,
    ``nps = 100 (p - d)``, ``se = 100 sqrt((p + d - (p - d)^2) / n)`` (the variance of a
    +1/0/−1 score), interval ``nps ± z·se``. The interval is the normal approximation: with
    small n (flagged) a bootstrap or an adjusted interval is more honest.

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review*.

    Examples
    --------
    >>> r = isq.nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5])
    >>> r.round(2)
    n             10.00
    promoters      0.50
    passives       0.20
    detractors     0.30
    nps           20.00
    se            27.57
    ci_low       -34.03
    ci_high       74.03
    dtype: float64
    """
    v, n_missing = _clean(scores, NPS_SCALE, "nps")
    return _nps_from_counts(
        len(v), (v >= NPS_PROMOTER_MIN).sum(), (v <= NPS_DETRACTOR_MAX).sum(), _z(ci), n_missing
    )


def _nps_frame(n, k_pro, k_det, z):
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.asarray(k_pro, dtype=float) / n
        d = np.asarray(k_det, dtype=float) / n
        passives = (n - np.asarray(k_pro, dtype=float) - np.asarray(k_det, dtype=float)) / n  # from counts: never < 0
        score = 100 * (p - d)
        se = 100 * np.sqrt(np.maximum(p + d - (p - d) ** 2, 0.0) / n)
    return {
        "n": n,
        "promoters": p,
        "passives": passives,
        "detractors": d,
        "nps": score,
        "se": se,
        "ci_low": score - z * se,
        "ci_high": score + z * se,
    }


def _nps_from_counts(n, k_pro, k_det, z, n_missing):
    f = _nps_frame(n, k_pro, k_det, z)
    return _summary([float(v) for v in f.values()], list(f), n_missing)


@share_docs
def csat(scores, *, top_box=CSAT_TOP_BOX, ci=0.95):
    """Customer satisfaction (CSAT): share of top-box answers with a Wilson interval.

    Parameters
    ----------
    scores : array-like or Series
        Answers 1–5 (whole numbers).
        {{missing_answers}}
    top_box : tuple of int, default (4, 5)
        Answers counted as satisfied.
    {{ci_wilson}}

    Returns
    -------
    pandas.Series
        ``n, csat, ci_low, ci_high, mean`` (``csat`` and its interval are shares 0–1).

    Examples
    --------
    >>> r = isq.csat([5, 4, 4, 3, 2, 5, 4, 1, 4, 5])
    >>> r.round(3)
    n          10.000
    csat        0.700
    ci_low      0.397
    ci_high     0.892
    mean        3.700
    dtype: float64
    """
    v, n_missing = _clean(scores, CSAT_SCALE, "csat")
    k = np.isin(v, np.asarray(top_box, dtype=float)).sum()
    f = _share_and_mean(v, k, ci)
    return _summary([f["n"], f["share"], f["ci_low"], f["ci_high"], f["mean"]],
                    ["n", "csat", "ci_low", "ci_high", "mean"], n_missing)


@share_docs
def ces(scores, *, ci=0.95):
    """Customer effort score, CES 2.0 (1–7 agreement with "made it easy"; higher is better).

    Parameters
    ----------
    scores : array-like or Series
        Answers 1–7 (whole numbers).
        {{missing_answers}}
    {{ci_wilson}}

    Returns
    -------
    pandas.Series
        ``n, mean, agree, ci_low, ci_high``: ``agree`` is the share answering 5–7 and
        ``ci_low``/``ci_high`` its Wilson interval (shares 0–1).

    Notes
    -----
    CES 1.0 (1–5, "how much effort", lower is better) is a different instrument: do not
    feed it here.

    Examples
    --------
    >>> r = isq.ces([7, 6, 5, 5, 4, 3, 6, 7, 2, 5])
    >>> r.round(3)
    n          10.000
    mean        5.000
    agree       0.700
    ci_low      0.397
    ci_high     0.892
    dtype: float64
    """
    v, n_missing = _clean(scores, CES_SCALE, "ces")
    k = (v >= CES_AGREE_MIN).sum()
    f = _share_and_mean(v, k, ci)
    return _summary([f["n"], f["mean"], f["share"], f["ci_low"], f["ci_high"]],
                    ["n", "mean", "agree", "ci_low", "ci_high"], n_missing)


def satisfaction_by(data, *, by, nps="nps", csat="csat", ces="ces", min_group_size=5, ci=0.95,
                    top_box=CSAT_TOP_BOX):
    """NPS, CSAT and CES 2.0 per group, in one vectorised pass.

    Parameters
    ----------
    data : DataFrame
        One row per answer sheet (respondent × rated department × wave ...).
    by : str or list of str
        Grouping column(s), e.g. ``"provider"`` (the department rated).
    nps, csat, ces : str or None
        Columns holding the three answers; None leaves a metric out.
    min_group_size : int, default 5
        Groups with fewer respondents keep their ``n`` but every figure is set to NaN
        (``suppressed`` is True): internal surveys rate colleagues.
    ci : float, default 0.95
        Confidence level of all intervals.
    top_box : tuple of int, default (4, 5)
        CSAT answers counted as satisfied.

    Returns
    -------
    DataFrame
        One row per group: the ``by`` columns, ``n`` (rows with at least one answer), then
        ``nps_n, promoters, passives, detractors, nps, nps_se, nps_ci_low, nps_ci_high``,
        ``csat_n, csat, csat_ci_low, csat_ci_high, csat_mean``,
        ``ces_n, ces_mean, ces_agree, ces_ci_low, ces_ci_high``,
        ``small_n`` (n < :data:`SMALL_N`: treat the intervals with care) and ``suppressed``.

    Examples
    --------
    >>> df = pd.DataFrame({"provider": ["IT"] * 6 + ["HR"] * 6,
    ...                    "nps": [9, 10, 6, 7, 3, 9, 10, 9, 9, 8, 10, 7],
    ...                    "csat": [4, 5, 2, 3, 2, 4, 5, 5, 4, 4, 5, 3],
    ...                    "ces": [5, 6, 3, 4, 2, 5, 7, 6, 6, 5, 7, 4]})
    >>> t = isq.satisfaction_by(df, by="provider")
    >>> t[["provider", "n", "nps", "csat", "ces_mean", "small_n"]]
      provider  n   nps      csat  ces_mean  small_n
    0       HR  6  66.666667  0.833333  5.833333     True
    1       IT  6  16.666667  0.500000  4.166667     True
    """
    check_frame(data)
    by_cols = [by] if isinstance(by, str) else list(by)
    if not by_cols:
        raise IsqError("`by` must name at least one grouping column, e.g. by='provider'.")
    metrics = {"nps": nps, "csat": csat, "ces": ces}
    used = {m: c for m, c in metrics.items() if c is not None}
    if not used:
        raise IsqError("Give at least one of `nps`, `csat`, `ces` (a column name).")
    check_columns(data, by=by_cols, **used)
    z = _z(ci)
    # every row's group (a missing key is a group of its own), then per group and metric the
    # answer distribution, a crosstab group × answer; every figure is arithmetic on it
    groups, group = group_sums({c: data[c] for c in by_cols}, dropna=False)
    answered = np.zeros(len(data), dtype=bool)
    dist = {}
    for m, col in used.items():
        low, high = _SCALES[m]
        v = check_numeric_range(data[col], low=low, high=high, name=col,
                                integer=True).to_numpy(dtype=float)
        answered |= ~np.isnan(v)
        dist[m] = _answer_counts(group, v, low, high, len(groups))
    out = {c: groups[c] for c in by_cols}
    out["n"] = np.bincount(group[answered], minlength=len(groups))
    with np.errstate(invalid="ignore", divide="ignore"):
        if "nps" in used:  # answers 0..10: detractors 0-6, promoters 9-10
            c = dist["nps"]
            f = _nps_frame(c.sum(axis=1), c[:, NPS_PROMOTER_MIN:].sum(axis=1),
                           c[:, :NPS_DETRACTOR_MAX + 1].sum(axis=1), z)
            out["nps_n"] = c.sum(axis=1)
            out.update({k: f[k] for k in ("promoters", "passives", "detractors", "nps")})
            out.update(nps_se=f["se"], nps_ci_low=f["ci_low"], nps_ci_high=f["ci_high"])
        if "csat" in used:  # answers 1..5: the top box (4-5) and the mean
            c = dist["csat"]
            boxes = [a - CSAT_SCALE[0] for a in top_box if CSAT_SCALE[0] <= a <= CSAT_SCALE[1]]
            n, top = c.sum(axis=1), c[:, boxes].sum(axis=1)
            low, high = _wilson(top, n, ci)
            out.update(csat_n=n, csat=top / n, csat_ci_low=low, csat_ci_high=high,
                       csat_mean=c @ np.arange(CSAT_SCALE[0], CSAT_SCALE[1] + 1) / n)
        if "ces" in used:  # answers 1..7: the mean and the share agreeing (5-7)
            c = dist["ces"]
            n, agree = c.sum(axis=1), c[:, CES_AGREE_MIN - CES_SCALE[0]:].sum(axis=1)
            low, high = _wilson(agree, n, ci)
            out.update(ces_n=n, ces_mean=c @ np.arange(CES_SCALE[0], CES_SCALE[1] + 1) / n,
                       ces_agree=agree / n, ces_ci_low=low, ces_ci_high=high)
    out["small_n"] = out["n"] < SMALL_N
    out["suppressed"] = out["n"] < (min_group_size or 0)
    for col in out:  # the figures of groups too small to show
        if col not in (*by_cols, "n", "small_n", "suppressed") and not col.endswith("_n"):
            out[col] = np.where(out["suppressed"], np.nan, out[col])
    return pd.DataFrame(out)


def _answer_counts(group, v, low, high, n_groups):
    """How many answered each value ``low..high`` per group: counts (n_groups × values).

    ``v`` holds whole numbers in the scale (checked) or NaN, which is counted in one more
    column past the scale and dropped."""
    width = high - low + 1
    cell = np.where(np.isnan(v), width, v - low).astype(np.intp)
    cell += group * (width + 1)
    counts = np.bincount(cell, minlength=n_groups * (width + 1))
    return counts.reshape(n_groups, width + 1)[:, :width]
