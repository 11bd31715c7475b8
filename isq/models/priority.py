"""The priority improvement decision (优先改善决策).

Ranks improvement candidates from an importance–performance result by one documented
score that combines four inputs, each scaled to 0–1 (higher = fix sooner):

- **priority**: the IPA priority index, importance × (scale_max − performance), divided
  by the largest index among the candidates (so the most urgent candidate scores 1);
- **kano**: the Kano category of the need, :data:`KANO_SCORES` (must-be M and
  one-dimensional O first: an unmet M need causes dissatisfaction whatever else is done);
- **cost**: the cost of the fix on a 1–5 rating, cheap = 1 → score 1, costly = 5 → score 0;
- **feasibility**: how feasible the fix is, 1–5, easy = 5 → score 1.

``score = Σ w_c · s_c / Σ w_c`` over the inputs available for that candidate, with the
named weights :data:`PRIORITY_WEIGHTS` (renormalised when an input is not given). Each rank
comes with one sentence in Chinese or English saying why.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_columns, check_frame
from ..errors import IsqError
from ..labels import check_lang, label

__all__ = ["priority_decision", "PRIORITY_WEIGHTS", "KANO_SCORES", "FIX_RATING_SCALE"]

#: Default weights of the decision score: urgency from IPA counts most, then the Kano
#: category, then the cost and feasibility of the fix.
PRIORITY_WEIGHTS = {"priority": 0.5, "kano": 0.3, "cost": 0.1, "feasibility": 0.1}
#: Kano category → score (M > O > A > I; reverse and questionable answers give no reason
#: to improve).
KANO_SCORES = {"M": 1.0, "O": 0.8, "A": 0.5, "I": 0.1, "R": 0.0, "Q": 0.0}
#: Rating scale of ``cost`` and ``feasibility`` (1 = low, 5 = high).
FIX_RATING_SCALE = (1, 5)

_LEVEL = {
    "zh": {"low": "低", "mid": "中等", "high": "高"},
    "en": {"low": "low", "mid": "moderate", "high": "high"},
}


def _as_mapping(values, name, value_col):
    """dict/Series/DataFrame → Series indexed by attribute code."""
    if values is None:
        return None
    if isinstance(values, pd.DataFrame):
        key = next((c for c in ("attribute", "feature", "item") if c in values.columns), None)
        if key is None or value_col not in values.columns:
            raise IsqError(
                f"`{name}` as a table needs an 'attribute' (or 'feature') column and a "
                f"{value_col!r} column; got columns {list(values.columns)!r}."
            )
        values = values.set_index(key)[value_col]
    elif isinstance(values, dict):
        values = pd.Series(values, dtype=object)
    elif not isinstance(values, pd.Series):
        raise IsqError(
            f"`{name}` must be a dict or Series mapping attribute codes to values, or a "
            f"table; got {type(values).__name__}."
        )
    if values.index.duplicated().any():
        raise IsqError(f"`{name}` lists {values.index[values.index.duplicated()][0]!r} twice.")
    return values


def _rating(values, name, attrs):
    s = _as_mapping(values, name, name)
    if s is None:
        return None
    s = pd.to_numeric(s, errors="coerce").reindex(attrs)
    lo, hi = FIX_RATING_SCALE
    bad = s.notna() & ((s < lo) | (s > hi))
    if bad.any():
        raise IsqError(
            f"`{name}` ratings must run from {lo} to {hi}; {s[bad].index[0]!r} has "
            f"{s[bad].iloc[0]!r}."
        )
    return s.to_numpy(dtype=float)


def _level(value):
    if np.isnan(value):
        return None
    lo, hi = FIX_RATING_SCALE
    third = (hi - lo) / 3
    key = "low" if value < lo + third else ("high" if value > hi - third else "mid")
    return key


def _sentence(row, lang, name):
    q = row["quadrant"]
    if lang == "zh":
        parts = [f"第{row['rank']}位 {name}：{label(q, 'zh') if isinstance(q, str) else '未分类'}"
                 f"象限，重要性 {row['importance_mean']:.1f}、表现 {row['performance_mean']:.1f}，"
                 f"优先指数 {row['priority']:.1f}"]
        if isinstance(row["kano"], str):
            parts.append(f"卡诺属性为{label(row['kano'], 'zh')}")
        if not np.isnan(row["cost"]):
            parts.append(f"改进成本{_LEVEL['zh'][_level(row['cost'])]}（{row['cost']:g}/5）")
        if not np.isnan(row["feasibility"]):
            parts.append(
                f"可行性{_LEVEL['zh'][_level(row['feasibility'])]}（{row['feasibility']:g}/5）")
        return "，".join(parts) + f"；综合得分 {row['score']:.2f}。"
    quad = label(q, "en").lower() if isinstance(q, str) else "unclassified"
    text = (f"Rank {row['rank']}, {name}: {quad} (importance {row['importance_mean']:.1f}, "
            f"performance {row['performance_mean']:.1f}, priority index {row['priority']:.1f})")
    if isinstance(row["kano"], str):
        text += f", a {label(row['kano'], 'en').lower()} need"
    if not np.isnan(row["cost"]):
        text += f", {_LEVEL['en'][_level(row['cost'])]} cost ({row['cost']:g}/5)"
    if not np.isnan(row["feasibility"]):
        text += (f", {_LEVEL['en'][_level(row['feasibility'])]} feasibility "
                 f"({row['feasibility']:g}/5)")
    return text + f"; score {row['score']:.2f}."


def priority_decision(ipa_result, *, kano=None, cost=None, feasibility=None, weights=None,
                      quadrants=None, by=None, names=None, lang="zh"):
    """Rank improvement candidates by IPA priority, Kano category and the cost of the fix.

    Parameters
    ----------
    ipa_result : DataFrame
        The output of :func:`isq.ipa` (columns ``attribute, importance_mean,
        performance_mean, quadrant, priority``; suppressed rows are left out).
    kano : dict, Series or DataFrame, optional
        Kano category per attribute ("M", "O", "A", "I", "R", "Q"), e.g. the output of
        :func:`isq.kano_summary` (its ``feature`` and ``category`` columns).
    cost, feasibility : dict, Series or DataFrame, optional
        Ratings 1–5 per attribute of the cost of the fix (1 = cheap) and of its
        feasibility (5 = easy).
    weights : dict, optional
        Weights of the four parts; defaults to :data:`PRIORITY_WEIGHTS`
        ``{"priority": 0.5, "kano": 0.3, "cost": 0.1, "feasibility": 0.1}``. Parts with no
        data for a candidate are left out and the remaining weights renormalised.
    quadrants : list of str, optional
        Keep only candidates in these quadrants, e.g. ``["concentrate"]``; all by default.
    by : str or list of str, optional
        Rank within each group (the ``by`` columns of the IPA result).
    names : dict, optional
        Display names of the attributes for the sentences (attribute code → name).
    lang : {"zh", "en"}, default "zh"
        Language of the ``explanation`` sentences.

    Returns
    -------
    DataFrame
        Sorted by rank: the ``by`` columns, ``rank, attribute, quadrant, importance_mean,
        performance_mean, priority, kano, cost, feasibility, priority_score, kano_score,
        cost_score, feasibility_score, score, explanation``.

    Notes
    -----
    ``priority_score = priority / max(priority)`` among the candidates (of the group);
    ``kano_score`` from :data:`KANO_SCORES`; ``cost_score = (5 − cost) / 4``;
    ``feasibility_score = (feasibility − 1) / 4``;
    ``score = Σ w·s / Σ w`` over the available parts. Ties: higher priority first, then the
    attribute code.

    Examples
    --------
    >>> res = isq.ipa(isq.load_demo("ipa").query("provider == 'IT'"))
    >>> dec = isq.priority_decision(res, quadrants=["concentrate"],
    ...                             kano={"SQ10": "M", "SQ11": "O", "SQ12": "A", "SQ13": "I"},
    ...                             cost={"SQ10": 2, "SQ11": 4, "SQ12": 1, "SQ13": 3})
    >>> dec[["rank", "attribute", "kano", "score"]].round(2)
       rank attribute kano  score
    0     1      SQ10    M   0.97
    1     2      SQ11    O   0.81
    2     3      SQ12    A   0.77
    3     4      SQ13    I   0.58
    >>> print(dec.loc[0, "explanation"])
    第1位 SQ10：重点改进象限，重要性 6.4、表现 4.3，优先指数 17.1，卡诺属性为必备型，改进成本低（2/5）；综合得分 0.97。
    """
    check_frame(ipa_result, name="ipa_result")
    check_lang(lang)
    by_cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
    check_columns(ipa_result, attribute="attribute", importance_mean="importance_mean",
                  performance_mean="performance_mean", quadrant="quadrant",
                  priority="priority", by=by_cols or None)
    w = dict(PRIORITY_WEIGHTS if weights is None else weights)
    unknown = set(w) - set(PRIORITY_WEIGHTS)
    if unknown or any((not isinstance(v, (int, float))) or v < 0 for v in w.values()):
        raise IsqError(
            f"`weights` takes non-negative numbers for {', '.join(PRIORITY_WEIGHTS)}; "
            f"got {weights!r}."
        )
    res = ipa_result
    if "suppressed" in res.columns:
        res = res[~res["suppressed"].astype(bool)]
    res = res[res["priority"].notna()]
    if quadrants is not None:
        quadrants = [quadrants] if isinstance(quadrants, str) else list(quadrants)
        res = res[res["quadrant"].isin(quadrants)]
    out = res[by_cols + ["attribute", "quadrant", "importance_mean", "performance_mean",
                         "priority"]].reset_index(drop=True)
    attrs = out["attribute"]
    kmap = _as_mapping(kano, "kano", "category")
    out["kano"] = (kmap.reindex(attrs).to_numpy(dtype=object) if kmap is not None
                   else np.full(len(out), None, dtype=object))
    bad = [k for k in out["kano"] if isinstance(k, str) and k not in KANO_SCORES]
    if bad:
        raise IsqError(f"Kano categories must be one of {', '.join(KANO_SCORES)}; got {bad[0]!r}.")
    out["kano"] = out["kano"].where(out["kano"].map(lambda v: isinstance(v, str)))
    nan = np.full(len(out), np.nan)
    cost_v = _rating(cost, "cost", attrs)
    feas_v = _rating(feasibility, "feasibility", attrs)
    out["cost"] = nan if cost_v is None else cost_v
    out["feasibility"] = nan if feas_v is None else feas_v
    lo, hi = FIX_RATING_SCALE
    if by_cols:
        top = out.groupby(by_cols)["priority"].transform("max")
    else:
        top = out["priority"].max()
    out["priority_score"] = out["priority"] / top
    out["kano_score"] = out["kano"].map(KANO_SCORES).astype(float)
    out["cost_score"] = (hi - out["cost"]) / (hi - lo)
    out["feasibility_score"] = (out["feasibility"] - lo) / (hi - lo)
    parts = ["priority", "kano", "cost", "feasibility"]
    s = out[[f"{p}_score" for p in parts]].to_numpy(dtype=float)
    wv = np.array([w.get(p, 0.0) for p in parts], dtype=float)
    avail = ~np.isnan(s)
    wsum = (avail * wv).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["score"] = np.where(avail, s, 0.0) @ wv / wsum
    out = out.sort_values(by_cols + ["score", "priority", "attribute"],
                          ascending=[True] * len(by_cols) + [False, False, True])
    out.insert(len(by_cols), "rank",
               out.groupby(by_cols).cumcount() + 1 if by_cols else np.arange(1, len(out) + 1))
    out = out.reset_index(drop=True)
    names = names or {}
    out["explanation"] = [
        _sentence(row, lang, names.get(row["attribute"], row["attribute"]))
        for _, row in out.iterrows()
    ]
    return out
