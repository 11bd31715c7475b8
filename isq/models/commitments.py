"""Service standards and internal service commitments (服务标准 / 内部服务承诺) and their tracking.

The course's pressure-transfer mechanism (压力传递机制): each department writes standards
(checked against SMART), publishes commitments (a response time, a promise), the on-time
share of its requests is tracked month by month on a p chart, and the share feeds the
department's assessment (考核) next to the peer-rating score (:func:`isq.assessment_score`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_columns, check_frame, check_numeric_range
from ..errors import IsqError
from .satisfaction import wilson_ci
from .spc import control_chart

__all__ = ["SMART_CRITERIA", "ON_TIME_TARGET", "smart_check", "smart_summary", "on_time_share",
           "on_time_chart", "on_time_kpi"]

#: The five SMART criteria (Doran 1981), as 0/1 columns of a standards register.
SMART_CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")
#: Default target share of requests answered within the published time.
ON_TIME_TARGET = 0.90
_SMART_ZH = {"specific": "具体", "measurable": "可衡量", "achievable": "可实现", "relevant": "相关",
             "time_bound": "有时限"}


def smart_check(standards, *, criteria=SMART_CRITERIA, lang="zh"):
    """Check each written standard against SMART: score 0–5 and the criteria it fails.

    Parameters
    ----------
    standards : DataFrame
        A standards register with one 0/1 column per criterion (the demo table
        "standards": ``specific, measurable, achievable, relevant, time_bound``).
    criteria : sequence of str
        The criterion columns.
    lang : {"zh", "en"}
        Language of the ``fails`` text.

    Returns
    -------
    DataFrame
        The register with ``smart_score`` (criteria met, 0–5), ``smart`` (all met) and
        ``fails`` (the criteria not met, e.g. "具体、可衡量、有时限"; empty when SMART).

    Examples
    --------
    >>> s = isq.smart_check(isq.load_demo("standards"))
    >>> s.loc[s["provider"] == "HR", ["standard_id", "smart_score", "fails"]].head(2)
      standard_id  smart_score         fails
    20         S51            2  具体、可衡量、有时限
    21         S52            5
    """
    check_frame(standards, name="standards")
    check_columns(standards, **{c: c for c in criteria})
    out = standards.copy()
    flags = pd.DataFrame({c: check_numeric_range(out[c], low=0, high=1, name=f"standards.{c}")
                          for c in criteria})
    if flags.isna().any().any():
        row = int(np.flatnonzero(flags.isna().any(axis=1).to_numpy())[0])
        raise IsqError(f"standards row {row + 1}: every SMART column needs 0 or 1 "
                       f"(SMART 各列应填 0 或 1)。")
    met = flags.astype(bool)
    names = _SMART_ZH if lang == "zh" else {c: c.replace("_", "-") for c in criteria}
    sep = "、" if lang == "zh" else ", "
    out["smart_score"] = met.sum(axis=1).astype("int64")
    out["smart"] = met.all(axis=1)
    out["fails"] = [sep.join(names.get(c, c) for c in criteria if not row[c]) for _, row in met.iterrows()]
    return out


def smart_summary(standards, *, provider="provider", criteria=SMART_CRITERIA):
    """Per department: how many standards, the share fully SMART, the most failed criterion.

    Returns
    -------
    DataFrame
        ``provider, n_standards, smart_share, mean_score, most_failed`` sorted by
        ``smart_share`` (weakest register first).

    Examples
    --------
    >>> isq.smart_summary(isq.load_demo("standards"))[["provider", "smart_share", "most_failed"]].head(2)
      provider  smart_share most_failed
    0       HR          0.2    specific
    1      ADM          0.8    specific
    """
    check_columns(standards, provider=provider)
    s = smart_check(standards, criteria=criteria)
    fails = (1 - s[list(criteria)].astype(float)).groupby(s[provider]).sum()
    out = s.groupby(provider, sort=False).agg(n_standards=("smart", "size"), smart_share=("smart", "mean"),
                                              mean_score=("smart_score", "mean"))
    out["most_failed"] = [fails.loc[p].idxmax() if fails.loc[p].max() > 0 else "" for p in out.index]
    return out.reset_index().sort_values(["smart_share", provider], kind="stable", ignore_index=True)


def _tracking(data, provider, month, requests, on_time):
    check_frame(data, name="tracking")
    check_columns(data, provider=provider, month=month, requests=requests, on_time=on_time)
    n = check_numeric_range(data[requests], low=0, high=np.inf, name=requests)
    k = check_numeric_range(data[on_time], low=0, high=np.inf, name=on_time)
    over = np.flatnonzero((k > n).to_numpy())
    if len(over):
        i = int(over[0])
        raise IsqError(f"tracking row {i + 1}: {on_time}={k.iloc[i]:g} is more than "
                       f"{requests}={n.iloc[i]:g} (按时数不能多于受理数)。")
    return pd.DataFrame({"provider": data[provider].to_numpy(), "month": data[month].astype(str).to_numpy(),
                         "n": n.to_numpy(), "k": k.to_numpy()})


def on_time_share(data, *, provider="provider", month="month", requests="requests",
                  on_time="on_time", target=ON_TIME_TARGET, ci=0.95):
    """Share of requests answered within the published commitment, per department.

    Parameters
    ----------
    data : DataFrame
        Monthly tracking: ``provider, month, requests, on_time`` (the demo table
        "commitment_tracking").
    target : float
        Share the commitment must reach (default :data:`ON_TIME_TARGET`).

    Returns
    -------
    DataFrame
        ``provider, months, requests, on_time, share, ci_low, ci_high, target, met``,
        lowest share first; the interval is Wilson's (METHODS.md).

    Examples
    --------
    >>> s = isq.on_time_share(isq.load_demo("commitment_tracking"))
    >>> s[["provider", "share", "met"]].head(2).round(3)
      provider  share    met
    0      ADM  0.724  False
    1      PRD  0.839  False
    """
    t = _tracking(data, provider, month, requests, on_time)
    g = t.groupby("provider", sort=False).agg(months=("month", "nunique"), requests=("n", "sum"),
                                              on_time=("k", "sum"))
    g["share"] = g["on_time"] / g["requests"]
    lo, hi = wilson_ci(g["on_time"].to_numpy(), g["requests"].to_numpy(), ci=ci)
    g["ci_low"], g["ci_high"] = lo, hi
    g["target"] = float(target)
    g["met"] = g["share"] >= target
    g = g.reset_index().sort_values(["share", "provider"], kind="stable", ignore_index=True)
    return g.rename(columns={"provider": provider}) if provider != "provider" else g


def on_time_chart(data, provider_code, *, provider="provider", month="month", requests="requests",
                  on_time="on_time", rules=("we1",)):
    """p chart of one department's monthly on-time share (pooled p̄, limits per month).

    Returns
    -------
    DataFrame
        :func:`isq.control_chart` columns with ``month`` first: ``month, value, center,
        lcl, ucl, out_of_control, rules``.

    Examples
    --------
    >>> c = isq.on_time_chart(isq.load_demo("commitment_tracking"), "IT")
    >>> c.loc[c["out_of_control"], "month"].tolist()
    ['2025-03']
    """
    t = _tracking(data, provider, month, requests, on_time)
    if provider_code not in set(t["provider"]):
        raise IsqError(f"department {provider_code!r} is not in the tracking table; available: "
                       f"{sorted(set(t['provider']))}.")
    sub = t[t["provider"] == provider_code].sort_values("month", kind="stable")
    chart = control_chart(sub["k"].to_numpy(), sub["n"].to_numpy(), kind="p", rules=rules)
    chart = chart.reset_index(drop=True)
    chart.insert(0, "month", sub["month"].to_numpy())
    return chart


def on_time_kpi(data, *, provider="provider", **kwargs):
    """The on-time share as a 0–100 KPI table for :func:`isq.assessment_score` (``kpis=``).

    Examples
    --------
    >>> kpi = isq.on_time_kpi(isq.load_demo("commitment_tracking"))
    >>> a = isq.assessment_score(isq.load_demo("peer_ratings"), kpis=kpi,
    ...                          weights={"peer": 0.6, "on_time": 0.4})
    >>> a.loc[a["provider"] == "ADM", ["peer_score", "on_time"]].round(1).values.tolist()
    [[68.6, 72.4]]
    """
    s = on_time_share(data, provider=provider, **kwargs)
    return pd.DataFrame({provider: s[provider], "on_time": 100 * s["share"]})
