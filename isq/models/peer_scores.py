"""Department-to-department ratings, part two: rater leniency (how much more kindly a rater
department scores than the others, from a two-way effects model), the adjusted scores, the
ranking of providers with intervals and the 0–100 assessment score (考核得分). The shared
conventions (respondent scores, privacy masking) are those of :mod:`isq.models.peer`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_argument, check_columns
from ..errors import IsqError
from .peer import (
    ADJUSTED_SCORE,
    MIN_GROUP_SIZE,
    SCORE_SCALE,
    _as_list,
    _check_min_group_size,
    _mask,
    _respondent_scores,
    _select_items,
)

__all__ = ["peer_leniency", "peer_adjusted", "peer_ranking", "assessment_score"]


def _effects_design(levels, values):
    """Deviation (sum-to-zero) coding of ``values`` on ``levels`` (last level = −1 row)."""
    k = len(levels)
    idx = pd.Categorical(values, categories=levels).codes
    X = np.zeros((len(values), k - 1))
    for j in range(k - 1):
        X[idx == j, j] = 1.0
    X[idx == k - 1, :] = -1.0
    return X


def _fit_leniency(resp, rater, provider, method, ci):
    """Leniency table (rater, leniency, se, ci_low, ci_high, n) from respondent scores."""
    from scipy import stats

    raters = sorted(pd.unique(resp[rater]), key=str)
    n = resp.groupby(rater, observed=True)["respondent_"].nunique().reindex(raters).to_numpy()
    if method == "offset":
        grand = resp["_score"].mean()
        g = resp.groupby(rater, observed=True)["_score"]
        mean = g.mean().reindex(raters).to_numpy()
        se = (g.std() / np.sqrt(g.size())).reindex(raters).to_numpy()
        lenient = mean - grand
        t = stats.t.ppf(0.5 + ci / 2, np.maximum(n - 1, 1))
        lo, hi = lenient - t * se, lenient + t * se
        return pd.DataFrame({"rater": raters, "leniency": lenient, "se": se,
                             "ci_low": lo, "ci_high": hi, "n": n})
    import statsmodels.api as sm

    providers = sorted(pd.unique(resp[provider]), key=str)
    if len(raters) < 2 or len(providers) < 2:
        raise IsqError("The fixed-effects leniency model needs at least two rater and two "
                       "provider departments; use method='offset' otherwise.")
    Xp = _effects_design(providers, resp[provider].to_numpy())
    Xr = _effects_design(raters, resp[rater].to_numpy())
    X = np.column_stack([np.ones(len(resp)), Xp, Xr])
    fit = sm.OLS(resp["_score"].to_numpy(), X).fit()
    kr = len(raters)
    off = 1 + (len(providers) - 1)
    rows = []
    for j in range(kr):
        L = np.zeros(X.shape[1])
        if j < kr - 1:
            L[off + j] = 1.0
        else:
            L[off:off + kr - 1] = -1.0
        tt = fit.t_test(L)
        lo, hi = np.asarray(tt.conf_int(alpha=1 - ci)).ravel()
        rows.append({"rater": raters[j], "leniency": float(np.ravel(tt.effect)[0]),
                     "se": float(np.ravel(tt.sd)[0]), "ci_low": float(lo),
                     "ci_high": float(hi), "n": int(n[j])})
    return pd.DataFrame(rows)


_LENIENCY_METHODS = ("fixed_effects", "offset")


def peer_leniency(data, *, rater="rater_department", provider="provider", score="score",
                  respondent="respondent", item="item", items=None,
                  method="fixed_effects", ci=0.95, min_group_size=MIN_GROUP_SIZE):
    """Leniency (宽严度) of each rater department: how much higher it rates than average.

    Parameters
    ----------
    data, rater, provider, score, respondent, item, items
        As in :func:`peer_matrix`.
    method : {"fixed_effects", "offset"}
        ``"fixed_effects"`` (default): the additive two-way model
        ``score = μ + α_provider + β_rater + ε`` fitted by OLS (statsmodels) on respondent
        scores with sum-to-zero (deviation) coding; leniency = β. ``"offset"``: the rater
        department's mean minus the grand mean (simple, but biased when departments rate
        different sets of providers — every department skips itself).
    ci : float, default 0.95
        Confidence level of the intervals.
    min_group_size : int, default 5
        Leniencies of rater departments with fewer respondents are masked (they still
        enter the model fit).

    Returns
    -------
    DataFrame
        Per rater department: ``rater, leniency, se, ci_low, ci_high, n, suppressed``.
        Leniency sums to zero over rater departments (fixed effects); +0.5 means half a
        scale point more generous than the average rater department.

    Notes
    -----
    The additive rater × ratee decomposition goes back to Hoyt's (1941) analysis of
    variance and is the p × r design of generalizability theory (Cronbach et al. 1972;
    Brennan 2001). With every rater rating every provider (balanced, complete) the fixed
    effects equal the rater means minus the grand mean, i.e. the ``"offset"`` method; with
    the peer design's empty diagonal only the model separates leniency from the quality
    of the providers a department happens to rate.

    References
    ----------
    Hoyt, C. (1941). Test reliability estimated by analysis of variance. *Psychometrika*,
    6(3), 153–160. Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in
    assessing rater reliability. *Psychological Bulletin*, 86(2), 420–428.

    Examples
    --------
    >>> len_ = isq.peer_leniency(isq.load_demo("peer_ratings"))
    >>> len_.set_index("rater").loc["SAL", "leniency"] > 0.3     # planted: SAL is lenient
    np.True_
    """
    _check_min_group_size(min_group_size)
    check_argument("method", method, _LENIENCY_METHODS)
    resp = _respondent_scores(data, rater=rater, provider=provider, score=score,
                              respondent=respondent, item=item, items=items, by=None)
    out = _fit_leniency(resp.assign(respondent_=resp[respondent]), rater, provider, method, ci)
    return _mask(out, ["leniency", "se", "ci_low", "ci_high"], min_group_size)


def peer_adjusted(data, *, rater="rater_department", provider="provider", score="score",
                  respondent="respondent", item="item", items=None,
                  method="fixed_effects"):
    """Ratings with each rater department's leniency removed (宽严度校正).

    Parameters
    ----------
    data, rater, provider, score, respondent, item, items, method
        As in :func:`peer_leniency`.

    Returns
    -------
    DataFrame
        A copy of ``data`` (rows of the selected items) with two more columns:
        ``leniency`` (of the row's rater department, unmasked: it is applied to every
        row) and ``adjusted_score = score − leniency``. Pass ``score="adjusted_score"``
        to :func:`peer_matrix`, :func:`peer_ranking` or :func:`assessment_score`.

    Notes
    -----
    Additive leniency correction: under ``score = μ + α_provider + β_rater + ε`` the
    adjusted score ``score − β̂_rater`` estimates ``μ + α_provider + ε``, so comparisons of
    providers no longer depend on who happened to rate them. Adjusted scores may leave
    the 1–5 range slightly. See :func:`peer_leniency` for the model and references.

    Examples
    --------
    >>> adj = isq.peer_adjusted(isq.load_demo("peer_ratings"))
    >>> sal = adj[adj["rater_department"] == "SAL"]
    >>> bool((sal["score"] - sal["adjusted_score"]).round(6).nunique() == 1)
    True
    """
    check_argument("method", method, _LENIENCY_METHODS)
    resp = _respondent_scores(data, rater=rater, provider=provider, score=score,
                              respondent=respondent, item=item, items=items, by=None)
    table = _fit_leniency(resp.assign(respondent_=resp[respondent]), rater, provider, method,
                          0.95)
    out = _select_items(data, item, items).copy()
    lenient = dict(zip(table["rater"], table["leniency"]))
    out["leniency"] = out[rater].map(lenient).astype(float)
    out[ADJUSTED_SCORE] = pd.to_numeric(out[score], errors="coerce") - out["leniency"]
    return out


# --------------------------------------------------------------------------- ranking
def peer_ranking(data, *, rater="rater_department", provider="provider", score="score",
                 respondent="respondent", item="item", items=None, by=None,
                 interval="t", ci=0.95, n_boot=2000, seed=20261122,
                 min_group_size=MIN_GROUP_SIZE):
    """Ranking of provider departments by their mean rating, with intervals.

    Parameters
    ----------
    data, rater, provider, score, respondent, item, items, by
        As in :func:`peer_matrix` (``score="adjusted_score"`` ranks leniency-adjusted
        ratings from :func:`peer_adjusted`).
    interval : {"t", "bootstrap"}
        Student's t interval of the mean (default) or a percentile bootstrap
        (``scipy.stats.bootstrap``, ``n_boot`` resamples, seeded by ``seed``).
    ci : float, default 0.95
        Confidence level.
    min_group_size : int, default 5
        Providers rated by fewer respondents are masked and not ranked.

    Returns
    -------
    DataFrame
        Per provider, best first: ``[by...,] provider, mean, sd, n, ci_low, ci_high,
        rank, suppressed``; ``rank`` 1 = highest mean, ties share the lower rank
        ("1, 2, 2, 4"), missing when suppressed.

    Notes
    -----
    t interval: mean ± t₍₁₋α/₂, n−1₎ · sd / √n over respondent scores. Respondents who
    rate several providers are treated as independent within a provider.

    Examples
    --------
    >>> rk = isq.peer_ranking(isq.load_demo("peer_ratings"))
    >>> list(rk.columns)
    ['provider', 'mean', 'sd', 'n', 'ci_low', 'ci_high', 'rank', 'suppressed']
    """
    from scipy import stats

    _check_min_group_size(min_group_size)
    check_argument("interval", interval, ("t", "bootstrap"))
    by = _as_list(by)
    resp = _respondent_scores(data, rater=rater, provider=provider, score=score,
                              respondent=respondent, item=item, items=items, by=by)
    rows = []
    for key, grp in resp.groupby([*by, provider], sort=True, observed=True):
        key = key if isinstance(key, tuple) else (key,)
        x = grp["_score"].to_numpy(dtype=float)
        n = len(x)
        mean, sd = x.mean(), (x.std(ddof=1) if n > 1 else np.nan)
        lo = hi = np.nan
        if n > 1 and not sd > 0:
            lo = hi = mean
        elif n > 1 and interval == "t":
            lo, hi = stats.t.interval(ci, n - 1, loc=mean, scale=sd / np.sqrt(n))
        elif n > 1:
            res = stats.bootstrap((x,), np.mean, n_resamples=n_boot, confidence_level=ci,
                                  method="percentile", rng=np.random.default_rng(seed))
            lo, hi = res.confidence_interval
        rows.append({**dict(zip([*by, "provider"], key)), "mean": mean, "sd": sd, "n": n,
                     "ci_low": float(lo), "ci_high": float(hi)})
    out = _mask(pd.DataFrame(rows), ["mean", "sd", "ci_low", "ci_high"], min_group_size)
    if by:
        out["rank"] = out.groupby(by)["mean"].rank(method="min", ascending=False)
    else:
        out["rank"] = out["mean"].rank(method="min", ascending=False)
    out["rank"] = out["rank"].astype("Int64")
    out = out[[*by, "provider", "mean", "sd", "n", "ci_low", "ci_high", "rank", "suppressed"]]
    return out.sort_values([*by, "rank", "provider"], na_position="last").reset_index(drop=True)


# --------------------------------------------------------------------------- assessment
def assessment_score(data, *, rater="rater_department", provider="provider", score="score",
                     respondent="respondent", item="item", item_weights=None, kpis=None,
                     weights=None, scale=SCORE_SCALE, min_group_size=MIN_GROUP_SIZE):
    """Assessment score (考核得分, 0–100) of each provider from peer ratings and KPIs.

    Parameters
    ----------
    data, rater, provider, score, respondent, item
        As in :func:`peer_matrix`.
    item_weights : dict, optional
        Weight per item code, e.g. ``{"PR1": 3, "PR2": 3, "PR3": 2, "PR4": 2}``; every item
        used needs a weight and only these items are used. Default: all items, equal.
        Weights are renormalised to sum to 1.
    kpis : DataFrame, optional
        Other KPIs already on a 0–100 scale: a ``provider`` column (named as the
        ``provider`` argument) and one column per KPI.
    weights : dict, optional
        Blend of the peer score and the KPIs, e.g. ``{"peer": 0.6, "on_time": 0.4}``
        (renormalised). Required with ``kpis``.
    scale : (low, high), default (1, 5)
        Answer scale of the items.
    min_group_size : int, default 5
        Providers rated by fewer respondents get no score.

    Returns
    -------
    DataFrame
        Per provider, best first: ``provider, n, peer_score, [kpi columns...,]
        assessment_score, rank, suppressed``.

    Notes
    -----
    ``item_mean_i`` = mean over respondents of their (wave-pooled) answer to item i;
    ``peer = Σ wᵢ · item_mean_i`` (Σ wᵢ = 1); ``peer_score = 100 · (peer − low) / (high − low)``;
    ``assessment_score = Σ v_k · component_k`` over "peer" and the KPI columns (Σ v = 1).
    Use ``score="adjusted_score"`` with :func:`peer_adjusted` to assess on
    leniency-corrected ratings (clip nothing: adjusted scores can leave 0–100 slightly).

    Examples
    --------
    >>> a = isq.assessment_score(isq.load_demo("peer_ratings"),
    ...                          item_weights={"PR1": 3, "PR2": 3, "PR3": 2, "PR4": 2})
    >>> list(a.columns)
    ['provider', 'n', 'peer_score', 'assessment_score', 'rank', 'suppressed']
    """
    _check_min_group_size(min_group_size)
    check_columns(data, item=item)
    lo, hi = scale
    if item_weights is None:
        items = sorted(pd.unique(data[item].dropna()), key=str)
        item_weights = {i: 1.0 for i in items}
    item_weights = dict(item_weights)
    w = pd.Series(item_weights, dtype=float)
    if (w < 0).any() or w.sum() <= 0:
        raise IsqError(f"`item_weights` must be ≥ 0 and not all zero; got {item_weights!r}.")
    sel = _select_items(data, item, list(item_weights))
    present = set(pd.unique(sel[item]))
    w = w / w.sum()
    # raw answers must lie on the scale; leniency-adjusted scores may leave it slightly
    resp = _respondent_scores(sel, rater=rater, provider=provider, score=score,
                              respondent=respondent, item=item, items=None, by=[item],
                              scale=None if score == ADJUSTED_SCORE else scale)
    n = resp.groupby(provider, observed=True)[respondent].nunique()
    item_means = resp.groupby([provider, item], observed=True)["_score"].mean().unstack(item)
    item_means = item_means.reindex(columns=[i for i in w.index if i in present])
    weighted = item_means.mul(w.reindex(item_means.columns), axis=1)
    # renormalise per provider over the items it was rated on
    wsum = item_means.notna().mul(w.reindex(item_means.columns), axis=1).sum(axis=1)
    peer = weighted.sum(axis=1, min_count=1) / wsum
    out = pd.DataFrame({"provider": item_means.index, "n": n.reindex(item_means.index).to_numpy(),
                        "peer_score": (100 * (peer - lo) / (hi - lo)).to_numpy()})
    components = ["peer_score"]
    blend = {"peer_score": 1.0}
    if kpis is not None:
        if weights is None:
            raise IsqError("With `kpis`, give `weights`, e.g. {'peer': 0.6, '<kpi column>': 0.4}.")
        check_columns(kpis, provider=provider)
        kcols = [k for k in weights if k != "peer"]
        check_columns(kpis, weights=kcols)
        out = out.merge(kpis[[provider, *kcols]].rename(columns={provider: "provider"}),
                        on="provider", how="left")
        blend = {("peer_score" if k == "peer" else k): float(v) for k, v in weights.items()}
        components = list(blend)
    elif weights is not None:
        raise IsqError("`weights` blends the peer score with `kpis`; pass `kpis` too.")
    total = sum(blend.values())
    if total <= 0:
        raise IsqError(f"`weights` must sum to more than 0; got {weights!r}.")
    out["assessment_score"] = sum(out[c].astype(float) * (v / total) for c, v in blend.items())
    out = _mask(out, ["peer_score", "assessment_score"], min_group_size)
    out["rank"] = out["assessment_score"].rank(method="min", ascending=False).astype("Int64")
    cols = ["provider", "n", "peer_score", *[c for c in components if c != "peer_score"],
            "assessment_score", "rank", "suppressed"]
    return out[cols].sort_values(["rank", "provider"], na_position="last").reset_index(drop=True)
