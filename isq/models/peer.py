"""Department-to-department ratings (部门互评) and the assessment score (考核得分).

Each respondent of a *rater department* (the internal customer) rates *provider*
departments that serve it on a few items (demo: PR1 响应及时, PR2 专业能力, PR3 服务态度,
PR4 协作配合, 1–5). The functions here turn those ratings into the provider × rater
matrix, reciprocity pairs, self-versus-others gaps, rater-leniency estimates and
adjusted scores, a ranking with intervals and a 0–100 assessment score.

Conventions shared by every function (METHODS.md style):

- a respondent's score for a provider is the mean of the items he or she answered for it
  (in the selected ``items``); group figures are means over respondents, and ``n`` counts
  distinct respondents;
- every group figure from fewer than ``min_group_size`` respondents (default 5) is masked
  (set to missing) and flagged in a ``suppressed`` column; ``n`` stays visible.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_columns, check_numeric, check_numeric_range
from ..errors import IsqError

__all__ = [
    "peer_matrix",
    "peer_reciprocity",
    "peer_self_vs_others",
    "peer_leniency",
    "peer_adjusted",
    "peer_ranking",
    "assessment_score",
    "MIN_GROUP_SIZE",
    "SCORE_SCALE",
    "RECIPROCITY_MIN_PAIRS",
]

#: Column written by :func:`peer_adjusted` (score minus the rater department's leniency).
ADJUSTED_SCORE = "adjusted_score"

#: Default minimum number of respondents behind any group figure (privacy rule).
MIN_GROUP_SIZE = 5
#: Default answer scale of the peer-rating items (PR1–PR4: 1–5).
SCORE_SCALE = (1, 5)
#: Fewest dyads for which the reciprocity correlation is reported (else missing).
RECIPROCITY_MIN_PAIRS = 3


# --------------------------------------------------------------------------- helpers
def _as_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _check_min_group_size(min_group_size):
    if not isinstance(min_group_size, (int, np.integer)) or min_group_size < 1:
        raise IsqError(f"`min_group_size` must be a whole number ≥ 1; got {min_group_size!r}.")


def _select_items(data, item, items):
    """Rows of ``data`` whose item is in ``items`` (all rows when ``items`` is None)."""
    if items is None:
        return data
    items = _as_list(items)
    check_columns(data, item=item)
    known = pd.unique(data[item].dropna())
    unknown = [i for i in items if i not in set(known)]
    if unknown:
        raise IsqError(
            f"Unknown item {unknown[0]!r} in `items`. Items in `data`: "
            f"{', '.join(map(str, sorted(map(str, known))))}. (未知的题目 {unknown[0]!r}。)"
        )
    return data[data[item].isin(items)]


def _respondent_scores(data, *, rater, provider, score, respondent, item, items, by,
                       scale=None):
    """One row per (by, respondent, rater, provider): the mean over the selected items."""
    by = _as_list(by)
    check_columns(data, rater=rater, provider=provider, score=score, respondent=respondent,
                  by=by or None)
    data = _select_items(data, item, items)
    if scale is not None:
        values = check_numeric_range(data[score], low=scale[0], high=scale[1], name=score)
    else:
        values = check_numeric(data[score], name=score)
    frame = data[[*by, respondent, rater, provider]].copy()
    frame["_score"] = values.astype(float)
    frame = frame.dropna(subset=["_score", rater, provider])
    keys = [*by, respondent, rater, provider]
    return frame.groupby(keys, sort=True, observed=True, dropna=False)["_score"].mean().reset_index()


def _mask(frame, cols, min_group_size, n="n"):
    frame = frame.copy()
    frame["suppressed"] = frame[n] < min_group_size
    for col in cols:
        frame[col] = frame[col].astype(float).where(~frame["suppressed"])
    return frame


# --------------------------------------------------------------------------- matrix
def peer_matrix(data, *, rater="rater_department", provider="provider", score="score",
                respondent="respondent", item="item", items=None, by=None,
                min_group_size=MIN_GROUP_SIZE):
    """Provider × rater matrix of mean scores, in long form with ``n`` per cell.

    Parameters
    ----------
    data : DataFrame
        Peer ratings in long form (demo table ``"peer_ratings"``).
    rater, provider, score, respondent, item : str
        Columns: the rating (customer) department, the rated (serving) department, the
        score, the respondent id and the item code.
    items : list of str, optional
        Item codes to include (default: all).
    by : str or list of str, optional
        Further grouping columns, e.g. ``"wave"``. Without it all waves are pooled.
    min_group_size : int, default 5
        Cells from fewer respondents are masked.

    Returns
    -------
    DataFrame
        One row per observed cell: ``[by...,] provider, rater, mean, sd, n, suppressed``.
        ``mean``/``sd`` are missing where ``suppressed``. For a grid use
        ``m.pivot(index="provider", columns="rater", values="mean")``.

    Notes
    -----
    A respondent's score for a provider is the mean of the items answered; the cell mean
    is the mean of those respondent scores, ``n`` the number of respondents.

    Examples
    --------
    >>> m = isq.peer_matrix(isq.load_demo("peer_ratings"), by="wave")
    >>> list(m.columns)
    ['wave', 'provider', 'rater', 'mean', 'sd', 'n', 'suppressed']
    >>> bool(m.loc[m["rater"] == "LEG", "suppressed"].all())   # LEG has 4 staff
    True
    """
    _check_min_group_size(min_group_size)
    by = _as_list(by)
    resp = _respondent_scores(data, rater=rater, provider=provider, score=score,
                              respondent=respondent, item=item, items=items, by=by)
    g = resp.groupby([*by, provider, rater], sort=True, observed=True)["_score"]
    out = g.agg(mean="mean", sd="std", n="size").reset_index()
    out = out.rename(columns={provider: "provider", rater: "rater"})
    out["n"] = out["n"].astype(int)
    return _mask(out, ["mean", "sd"], min_group_size)


# --------------------------------------------------------------------------- reciprocity
def _double_entry_r(x, y):
    """Pairwise (double-entry) intraclass correlation of Griffin & Gonzalez (1995)."""
    a = np.concatenate([x, y])
    b = np.concatenate([y, x])
    if len(x) < RECIPROCITY_MIN_PAIRS or np.std(a) == 0:
        return np.nan
    return float(np.corrcoef(a, b)[0, 1])


def peer_reciprocity(data, *, rater="rater_department", provider="provider", score="score",
                     respondent="respondent", item="item", items=None, by=None,
                     min_group_size=MIN_GROUP_SIZE, summary=False):
    """Reciprocity of department ratings: A→B against B→A.

    Parameters
    ----------
    data, rater, provider, score, respondent, item, items, by, min_group_size
        As in :func:`peer_matrix`.
    summary : bool, default False
        False: one row per pair of departments. True: the reciprocity correlation.

    Returns
    -------
    DataFrame or Series
        Pairs (``summary=False``): ``[by...,] department_a, department_b, a_rates_b,
        b_rates_a, difference, n_ab, n_ba`` with ``department_a < department_b``,
        ``a_rates_b`` the mean score A's respondents give B, ``difference = a_rates_b −
        b_rates_a``; figures masked where either cell is suppressed.
        Summary (``summary=True``; a DataFrame with one row per group when ``by`` is given):
        ``n_pairs, r, mean_difference, mean_abs_difference`` over the unmasked pairs.

    Notes
    -----
    ``r`` is the double-entry (pairwise) intraclass correlation for exchangeable dyads
    (Griffin & Gonzalez 1995): every pair is entered twice, (x, y) and (y, x), and the
    Pearson correlation of the two columns is taken, so the arbitrary order of the two
    departments does not matter. It equals
    ``2 Σ (xᵢ − m)(yᵢ − m) / Σ [(xᵢ − m)² + (yᵢ − m)²]`` with m the mean of all 2N values.
    Positive r: departments that rate a partner well are rated well by it. Missing with
    fewer than ``RECIPROCITY_MIN_PAIRS`` (3) pairs.

    References
    ----------
    Griffin, D., & Gonzalez, R. (1995). Correlational analysis of dyad-level data in the
    exchangeable case. *Psychological Bulletin*, 118(3), 430–439.

    Examples
    --------
    >>> pr = isq.load_demo("peer_ratings")
    >>> pairs = isq.peer_reciprocity(pr)
    >>> list(pairs.columns)[:4]
    ['department_a', 'department_b', 'a_rates_b', 'b_rates_a']
    >>> s = isq.peer_reciprocity(pr, summary=True)
    >>> list(s.index)
    ['n_pairs', 'r', 'mean_difference', 'mean_abs_difference']
    """
    by = _as_list(by)
    m = peer_matrix(data, rater=rater, provider=provider, score=score, respondent=respondent,
                    item=item, items=items, by=by or None, min_group_size=min_group_size)
    ab = m.rename(columns={"rater": "department_a", "provider": "department_b",
                           "mean": "a_rates_b", "n": "n_ab", "suppressed": "s_ab"})
    ba = m.rename(columns={"rater": "department_b", "provider": "department_a",
                           "mean": "b_rates_a", "n": "n_ba", "suppressed": "s_ba"})
    pairs = ab.drop(columns="sd").merge(ba.drop(columns="sd"),
                                        on=[*by, "department_a", "department_b"], how="inner")
    pairs = pairs[pairs["department_a"].astype(str) < pairs["department_b"].astype(str)]
    masked = pairs["s_ab"] | pairs["s_ba"]
    pairs["a_rates_b"] = pairs["a_rates_b"].where(~masked)
    pairs["b_rates_a"] = pairs["b_rates_a"].where(~masked)
    pairs["difference"] = pairs["a_rates_b"] - pairs["b_rates_a"]
    pairs = pairs[[*by, "department_a", "department_b", "a_rates_b", "b_rates_a",
                   "difference", "n_ab", "n_ba"]]
    pairs = pairs.sort_values([*by, "department_a", "department_b"]).reset_index(drop=True)
    if not summary:
        return pairs

    def _summ(p):
        p = p.dropna(subset=["difference"])
        return pd.Series({
            "n_pairs": len(p),
            "r": _double_entry_r(p["a_rates_b"].to_numpy(), p["b_rates_a"].to_numpy()),
            "mean_difference": p["difference"].mean() if len(p) else np.nan,
            "mean_abs_difference": p["difference"].abs().mean() if len(p) else np.nan,
        })

    if not by:
        return _summ(pairs)
    return pairs.groupby(by, sort=True).apply(_summ).reset_index()


# --------------------------------------------------------------------------- self vs others
def peer_self_vs_others(data, self_ratings, *, department="department",
                        rater="rater_department", provider="provider", score="score",
                        respondent="respondent", item="item", items=None,
                        min_group_size=MIN_GROUP_SIZE, ci=0.95):
    """Self rating minus others' rating, per department (自评 vs 他评).

    Parameters
    ----------
    data : DataFrame
        Peer ratings (demo ``"peer_ratings"``), as in :func:`peer_matrix`.
    self_ratings : DataFrame
        A department's staff rating their own department (demo ``"self_ratings"``):
        columns ``respondent``, ``department``, ``item``, ``score``.
    department : str
        Column of ``self_ratings`` naming the department rated (its own).
    ci : float, default 0.95
        Confidence level of the Welch interval of the difference.

    Returns
    -------
    DataFrame
        Per department: ``department, self_mean, n_self, others_mean, n_others,
        difference, ci_low, ci_high, suppressed`` (difference = self − others; positive =
        the department sees itself better than its customers do). Figures are masked when
        either side has fewer than ``min_group_size`` respondents.

    Notes
    -----
    Respondent scores (item means) on both sides; the interval is Welch's t interval for
    the difference of two independent means (``scipy.stats.ttest_ind(equal_var=False)``).

    Examples
    --------
    >>> sv = isq.peer_self_vs_others(isq.load_demo("peer_ratings"), isq.load_demo("self_ratings"))
    >>> sv.set_index("department").loc["IT", "difference"] > 0.3
    np.True_
    """
    from scipy import stats

    _check_min_group_size(min_group_size)
    check_columns(self_ratings, department=department, score=score, respondent=respondent)
    others = _respondent_scores(data, rater=rater, provider=provider, score=score,
                                respondent=respondent, item=item, items=items, by=None)
    own = self_ratings.assign(_rater=self_ratings[department])
    selfs = _respondent_scores(own, rater="_rater", provider=department, score=score,
                               respondent=respondent, item=item, items=items, by=None)
    rows = []
    depts = sorted(set(others[provider]) | set(selfs[department]), key=str)
    for d in depts:
        s = selfs.loc[selfs[department] == d, "_score"].to_numpy()
        o = others.loc[others[provider] == d, "_score"].to_numpy()
        row = {"department": d, "self_mean": s.mean() if len(s) else np.nan,
               "n_self": len(s), "others_mean": o.mean() if len(o) else np.nan,
               "n_others": len(o)}
        row["difference"] = row["self_mean"] - row["others_mean"]
        if len(s) >= 2 and len(o) >= 2:
            res = stats.ttest_ind(s, o, equal_var=False)
            lo, hi = res.confidence_interval(ci)
        else:
            lo = hi = np.nan
        row["ci_low"], row["ci_high"] = float(lo), float(hi)
        rows.append(row)
    out = pd.DataFrame(rows)
    out["suppressed"] = (out["n_self"] < min_group_size) | (out["n_others"] < min_group_size)
    for col in ["self_mean", "others_mean", "difference", "ci_low", "ci_high"]:
        out[col] = out[col].astype(float).where(~out["suppressed"])
    return out


def __getattr__(name):
    # the rater-adjusted scores live in peer_scores.py, which imports from
    # here: served on first use, so that the two modules do not import each other at load
    if name in ("peer_leniency", "peer_adjusted", "peer_ranking", "assessment_score"):
        from . import peer_scores
        return getattr(peer_scores, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
