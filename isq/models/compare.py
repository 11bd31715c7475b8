"""Comparisons between groups (departments, segments) and between waves (pre/post training).

Tests come from scipy.stats and statsmodels (imported inside the functions); the effect
sizes and their intervals are in :mod:`isq.models.effect_sizes`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_argument, check_columns, check_frame, check_numeric
from ..errors import IsqError
from .effect_sizes import _check_ci, _cohens_dz, _matched_rank_biserial, hedges_g, rank_biserial

__all__ = [
    "compare_groups",
    "compare_waves",
    "hedges_g",
    "rank_biserial",
    "MIN_GROUP_SIZE",
    "ALPHA",
]

#: Groups with fewer respondents are excluded from tests (and reported as excluded).
MIN_GROUP_SIZE = 5
#: Significance level for the ``significant`` column (on the adjusted p value).
ALPHA = 0.05

_METHODS = ("welch", "mannwhitney", "anova", "kruskal")
_P_ADJUST = ("holm", "bonferroni", "fdr_bh", "none")

_GROUP_COLUMNS = [
    "comparison", "test", "group_a", "group_b", "n_a", "n_b", "mean_a", "mean_b", "diff",
    "statistic", "df", "p_val", "p_adj", "effect", "effect_type", "effect_ci_low",
    "effect_ci_high", "significant",
]


def _adjust(p, method):
    """Adjusted p values (statsmodels.stats.multitest.multipletests), NaN kept."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if method == "none" or not ok.any():
        out[ok] = p[ok]
        return out
    from statsmodels.stats.multitest import multipletests

    out[ok] = multipletests(p[ok], method=method)[1]
    return out


def _numeric(data, value):
    return check_numeric(data[value], name=value, role="value")


def compare_groups(data, *, value, group, method="welch", pairwise=True, p_adjust="holm",
                   min_group_size=MIN_GROUP_SIZE, ci=0.95, alpha=ALPHA):
    """Compare a score between departments or segments: omnibus test, pairwise tests.

    Parameters
    ----------
    data : DataFrame
        One row per respondent (or observation), long form.
    value : str
        The numeric score to compare.
    group : str
        The column naming the groups (department, provider, level, ...).
    method : {"welch", "mannwhitney", "anova", "kruskal"}, default "welch"
        Parametric ("welch": Welch's ANOVA and Welch t tests; "anova": classic one-way
        ANOVA and Welch t tests) or rank-based ("mannwhitney", "kruskal": Kruskal-Wallis
        and Mann-Whitney U tests).
    pairwise : bool, default True
        Add one row per pair of groups (with more than two groups). With two groups the
        pair is always reported.
    p_adjust : {"holm", "bonferroni", "fdr_bh", "none"}, default "holm"
        Correction across the pairwise tests.
    min_group_size : int, default 5
        Groups with fewer respondents are excluded from every test and listed in
        ``result.attrs["excluded_groups"]`` (a DataFrame with ``group, n``).
    ci : float, default 0.95
        Level of the effect-size interval.
    alpha : float, default 0.05
        ``significant`` is ``p_adj < alpha``.

    Returns
    -------
    DataFrame
        One row per comparison: ``comparison`` ("omnibus" or "pairwise"), ``test``,
        ``group_a, group_b, n_a, n_b, mean_a, mean_b, diff`` (mean_a - mean_b),
        ``statistic, df, p_val, p_adj, effect, effect_type, effect_ci_low,
        effect_ci_high, significant``. Pairwise effect: Hedges' g (parametric) or the
        rank-biserial correlation (rank-based), positive when group_a scores higher;
        omnibus effect: eta squared (parametric) or epsilon squared (Kruskal-Wallis),
        without interval. The omnibus row has ``group_a = "all"``, ``n_a`` the total
        and ``df`` the numerator degrees of freedom (groups - 1); pairwise ``df`` is
        Welch's (Welch-Satterthwaite), NaN for rank tests.

    Notes
    -----
    Tests: ``scipy.stats.ttest_ind(equal_var=False)`` (Welch), ``mannwhitneyu``
    (two-sided, exact for small samples without ties), ``f_oneway``, ``kruskal``;
    Welch's ANOVA by ``statsmodels.stats.oneway.anova_oneway(use_var="unequal")``.
    Holm's step-down adjustment by ``statsmodels.stats.multitest.multipletests``.
    eta^2 = SS_between / SS_total; epsilon^2 = H / (n - 1) (Tomczak & Tomczak 2014).
    Effect sizes: see :func:`hedges_g` and :func:`rank_biserial`.

    References
    ----------
    Welch, B. L. (1947). *Biometrika*, 34, 28-35. Holm, S. (1979). *Scandinavian
    Journal of Statistics*, 6, 65-70.

    Examples
    --------
    >>> df = pd.DataFrame({"department": ["A"] * 6 + ["B"] * 6 + ["C"] * 3,
    ...                    "score": [5, 6, 6, 7, 6, 5, 3, 4, 4, 5, 3, 4, 6, 6, 7]})
    >>> res = isq.compare_groups(df, value="score", group="department")
    >>> res[["group_a", "group_b", "diff", "p_val", "effect"]].round(3)
      group_a group_b  diff  p_val  effect
    0       A       B   2.0  0.001   2.452
    >>> res.attrs["excluded_groups"]
      group  n
    0     C  3
    """
    from scipy import stats

    check_frame(data)
    check_columns(data, value=value, group=group)
    check_argument("method", method, _METHODS)
    check_argument("p_adjust", p_adjust, _P_ADJUST)
    check_argument("pairwise", pairwise, (True, False))
    ci = _check_ci(ci)
    values = _numeric(data, value)
    frame = pd.DataFrame({"g": data[group], "v": values}).dropna()
    sizes = frame.groupby("g", sort=True, observed=True)["v"].size()
    excluded = sizes[sizes < min_group_size]
    kept = sizes[sizes >= min_group_size]
    samples = {g: frame.loc[frame["g"] == g, "v"].to_numpy(float) for g in kept.index}
    parametric = method in ("welch", "anova")
    rows = []

    if len(samples) > 2 or (len(samples) == 2 and method in ("anova", "kruskal")):
        arrays = list(samples.values())
        allv = np.concatenate(arrays)
        if method == "kruskal" or method == "mannwhitney":
            res = stats.kruskal(*arrays)
            stat, dof, p = res.statistic, len(arrays) - 1, res.pvalue
            effect, etype, test = stat / (allv.size - 1), "epsilon_squared", "kruskal_h"
        else:
            ss_b = sum(x.size * (x.mean() - allv.mean()) ** 2 for x in arrays)
            ss_t = ((allv - allv.mean()) ** 2).sum()
            effect = ss_b / ss_t if ss_t > 0 else np.nan
            etype = "eta_squared"
            if method == "anova":
                res = stats.f_oneway(*arrays)
                stat, p = res.statistic, res.pvalue
                dof, test = len(arrays) - 1, "anova_f"
            else:
                from statsmodels.stats.oneway import anova_oneway

                res = anova_oneway(arrays, use_var="unequal")
                stat, p, dof, test = res.statistic, res.pvalue, res.df[0], "welch_anova_f"
        rows.append({
            "comparison": "omnibus", "test": test, "group_a": "all", "group_b": None,
            "n_a": int(allv.size), "n_b": pd.NA, "mean_a": allv.mean(), "mean_b": np.nan,
            "diff": np.nan, "statistic": float(stat), "df": float(dof), "p_val": float(p),
            "p_adj": float(p), "effect": effect, "effect_type": etype,
            "effect_ci_low": np.nan, "effect_ci_high": np.nan,
        })

    pair_rows = []
    if len(samples) == 2 or (pairwise and len(samples) > 2):
        names = list(samples)
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                a, b = samples[names[i]], samples[names[j]]
                if parametric:
                    res = stats.ttest_ind(a, b, equal_var=False)
                    stat, p, dof, test = res.statistic, res.pvalue, res.df, "welch_t"
                    eff, lo, hi = hedges_g(a, b, ci=ci)
                    etype = "hedges_g"
                else:
                    res = stats.mannwhitneyu(a, b, alternative="two-sided")
                    stat, p, dof, test = res.statistic, res.pvalue, np.nan, "mann_whitney_u"
                    eff, lo, hi = rank_biserial(a, b, ci=ci)
                    etype = "rank_biserial"
                pair_rows.append({
                    "comparison": "pairwise", "test": test, "group_a": names[i],
                    "group_b": names[j], "n_a": a.size, "n_b": b.size, "mean_a": a.mean(),
                    "mean_b": b.mean(), "diff": a.mean() - b.mean(), "statistic": float(stat),
                    "df": float(dof), "p_val": float(p), "effect": eff, "effect_type": etype,
                    "effect_ci_low": lo, "effect_ci_high": hi,
                })
        padj = _adjust([r["p_val"] for r in pair_rows], p_adjust)
        for r, q in zip(pair_rows, padj):
            r["p_adj"] = q
    out = pd.DataFrame(rows + pair_rows, columns=_GROUP_COLUMNS)
    out["n_a"] = out["n_a"].astype("Int64")
    out["n_b"] = out["n_b"].astype("Int64")
    out["significant"] = (out["p_adj"] < alpha).astype(bool)
    out.attrs["excluded_groups"] = pd.DataFrame(
        {"group": excluded.index.astype(str) if len(excluded) else [], "n": excluded.to_numpy(int)}
    )
    out.attrs["min_group_size"] = min_group_size
    return out


_WAVE_COLUMNS = [
    "n", "n_before", "n_after", "n_pairs", "unmatched_before", "unmatched_after",
    "mean_before", "mean_after", "diff", "test", "statistic", "df", "p_val", "p_adj",
    "effect", "effect_type", "effect_ci_low", "effect_ci_high", "significant", "excluded",
]


def compare_waves(data, *, value, wave="wave", respondent="respondent", before="pre",
                  after="post", by=None, paired="auto", method="t", p_adjust="holm",
                  min_group_size=MIN_GROUP_SIZE, ci=0.95, alpha=ALPHA):
    """Pre/post (before/after training) comparison of a score, overall or per group.

    Parameters
    ----------
    data : DataFrame
        Long form: one or more rows per respondent and wave (several rows, e.g. one per
        item, are averaged into one score per respondent, wave and group first).
    value : str
        The numeric score (e.g. "perception", "score").
    wave, respondent : str, default "wave", "respondent"
        Columns naming the wave and the respondent (matching across waves).
    before, after : default "pre", "post"
        The two wave labels compared; ``diff`` is after - before.
    by : str or list of str, optional
        Compare separately within each group (e.g. "provider"); Holm across groups.
    paired : {"auto", True, False}, default "auto"
        "auto": a paired test on the matched respondents when at least
        ``min_group_size`` respondents answered both waves, else an independent test.
    method : {"t", "wilcoxon"}, default "t"
        Paired t / Welch t, or Wilcoxon signed-rank / Mann-Whitney U.
    p_adjust : {"holm", "bonferroni", "fdr_bh", "none"}, default "holm"
    min_group_size : int, default 5
        A group with fewer than this many respondents (pairs when paired, else the
        smaller wave) is not tested: its row is kept with ``excluded=True``, its counts,
        and no means or test. Pass the result through :func:`isq.suppress_small_groups`
        (it has an ``n`` column) before showing it next to overall figures.
    ci : float, default 0.95
    alpha : float, default 0.05

    Returns
    -------
    DataFrame
        One row per group (``by`` columns first): ``n`` (respondents behind the
        figures: pairs, or the smaller wave), ``n_before, n_after, n_pairs,
        unmatched_before, unmatched_after, mean_before, mean_after, diff, test,
        statistic, df, p_val, p_adj, effect, effect_type, effect_ci_low,
        effect_ci_high, significant, excluded``. Means are over the respondents
        tested (the pairs when paired). Effects: Cohen's d_z (paired t), matched-pairs
        rank-biserial (Wilcoxon), Hedges' g (Welch), rank-biserial (Mann-Whitney); all
        positive when scores rose.

    Notes
    -----
    Paired: ``scipy.stats.ttest_rel(after, before)``; ``d_z = mean(d) / sd(d)`` with
    ``d = after - before``, interval by inverting the noncentral t distribution
    (Steiger & Fouladi 1997; Cumming 2012): the ncp bounds divided by sqrt(n).
    ``scipy.stats.wilcoxon`` (zeros dropped as in R's ``wilcox.test``); matched-pairs
    rank-biserial ``r = (T+ - T-) / (T+ + T-)`` (Kerby 2014), Fisher-z interval with
    ``se = sqrt((2 n^3 + 3 n^2 + n) / 6) / (n (n + 1) / 2)`` as in R ``effectsize``.
    Independent: Welch's t and Hedges' g (:func:`hedges_g`). Holm across the groups
    by ``statsmodels.stats.multitest.multipletests``.

    Examples
    --------
    Student's (1908) sleep data: extra hours of sleep of 10 patients under two drugs.

    >>> sleep = pd.DataFrame({
    ...     "respondent": list(range(10)) * 2, "wave": ["pre"] * 10 + ["post"] * 10,
    ...     "extra": [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0,
    ...               1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]})
    >>> res = isq.compare_waves(sleep, value="extra")
    >>> res[["n_pairs", "diff", "statistic", "p_val", "effect"]].round(4)
       n_pairs  diff  statistic   p_val  effect
    0       10  1.58     4.0621  0.0028  1.2845

    The demo company's SERVQUAL perceptions before and after the training, per serving
    department (LEG has too few respondents and is excluded):

    >>> sq = isq.load_demo("servqual")
    >>> res = isq.compare_waves(sq, value="perception", by="provider")
    >>> res[["provider", "n_pairs", "diff", "significant", "excluded"]].round(2)
      provider  n_pairs  diff  significant  excluded
    0      ADM       47  0.60         True     False
    1      FIN       52  0.12         True     False
    2       HR       49  0.62         True     False
    3       IT       66  0.68         True     False
    4      LEG        2   NaN        False      True
    5      PRD       22  0.04        False     False
    6      PUR       37  0.06        False     False
    7      SAL       17  0.01        False     False
    """
    from scipy import stats

    check_frame(data)
    by_cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
    check_columns(data, value=value, wave=wave, respondent=respondent, by=by_cols)
    check_argument("paired", paired, ("auto", True, False))
    check_argument("method", method, ("t", "wilcoxon"))
    check_argument("p_adjust", p_adjust, _P_ADJUST)
    ci = _check_ci(ci)
    waves = set(data[wave].dropna().unique())
    for role, label in (("before", before), ("after", after)):
        if label not in waves:
            raise IsqError(
                f"The wave {label!r} given for `{role}` is not in column {wave!r}. "
                f"Waves found: {', '.join(map(repr, sorted(map(str, waves))))}. "
                f"(批次 {label!r} 不在数据中。)"
            )
    values = _numeric(data, value)
    frame = data[by_cols + [respondent, wave]].assign(_v=values)
    frame = frame[frame[wave].isin([before, after])].dropna(subset=["_v"])
    scores = (
        frame.groupby(by_cols + [respondent, wave], sort=True, observed=True, dropna=True)["_v"]
        .mean()
        .unstack(wave)
    )
    for label in (before, after):
        if label not in scores.columns:
            scores[label] = np.nan

    groups = [((), scores)] if not by_cols else [
        ((key if isinstance(key, tuple) else (key,)), part.droplevel(by_cols))
        for key, part in scores.groupby(level=by_cols, sort=True, observed=True)
    ]
    rows = []
    for key, part in groups:
        pre, post = part[before], part[after]
        both = pre.notna() & post.notna()
        n_pairs = int(both.sum())
        n_b, n_a = int(pre.notna().sum()), int(post.notna().sum())
        use_paired = paired is True or (paired == "auto" and n_pairs >= min_group_size)
        row = dict(zip(by_cols, key))
        row.update(
            n_before=n_b, n_after=n_a, n_pairs=n_pairs,
            unmatched_before=n_b - n_pairs, unmatched_after=n_a - n_pairs,
        )
        if use_paired:
            x, y = pre[both].to_numpy(float), post[both].to_numpy(float)
            row["n"] = n_pairs
        else:
            x, y = pre.dropna().to_numpy(float), post.dropna().to_numpy(float)
            row["n"] = min(n_b, n_a)
        row.update(mean_before=x.mean() if x.size else np.nan,
                   mean_after=y.mean() if y.size else np.nan)
        row["diff"] = row["mean_after"] - row["mean_before"]
        excluded = row["n"] < min_group_size or row["n"] < 2
        row["excluded"] = excluded
        if excluded:  # figures from too few respondents are not shown either
            row.update(mean_before=np.nan, mean_after=np.nan, diff=np.nan)
            rows.append(row)
            continue
        if use_paired and method == "t":
            res = stats.ttest_rel(y, x)
            eff, lo, hi = _cohens_dz(y - x, ci=ci)
            row.update(test="paired_t", statistic=res.statistic, df=float(res.df),
                       p_val=res.pvalue, effect_type="cohens_dz")
        elif use_paired:
            d = y - x
            ties = (d == 0).any() or np.unique(np.abs(d)).size < d.size
            res = stats.wilcoxon(y, x, zero_method="wilcox", correction=True,
                                 method="approx" if ties else "auto")
            eff, lo, hi = _matched_rank_biserial(d, ci=ci)
            row.update(test="wilcoxon", statistic=res.statistic, df=np.nan,
                       p_val=res.pvalue, effect_type="rank_biserial")
        elif method == "t":
            res = stats.ttest_ind(y, x, equal_var=False)
            eff, lo, hi = hedges_g(y, x, ci=ci)
            row.update(test="welch_t", statistic=res.statistic, df=float(res.df),
                       p_val=res.pvalue, effect_type="hedges_g")
        else:
            res = stats.mannwhitneyu(y, x, alternative="two-sided")
            eff, lo, hi = rank_biserial(y, x, ci=ci)
            row.update(test="mann_whitney_u", statistic=res.statistic, df=np.nan,
                       p_val=res.pvalue, effect_type="rank_biserial")
        row.update(effect=eff, effect_ci_low=lo, effect_ci_high=hi)
        rows.append(row)

    out = pd.DataFrame(rows, columns=by_cols + _WAVE_COLUMNS)
    out["p_adj"] = _adjust(out["p_val"].astype(float), p_adjust)
    out["significant"] = (out["p_adj"] < alpha).astype(bool)
    out["excluded"] = out["excluded"].astype(bool)
    for col in ("statistic", "df", "p_val", "effect", "effect_ci_low", "effect_ci_high"):
        out[col] = out[col].astype(float)
    out.attrs["min_group_size"] = min_group_size
    return out
