"""Demo tables for gaps 2–4 of the 5-GAP model and the tracking of service commitments.

Four tables, generated from the demo survey so that every planted truth is measured on the
same company:

- ``standards``: the standards register (服务标准台账), one written standard per serving
  department × SERVQUAL dimension, checked against SMART (five 0/1 columns) and rated on
  the survey's 1–7 answer scale (``standard``: the level of service the standard asks for).
- ``delivery``: service patrol and mystery checks (服务巡视 / 神秘访客) against those
  standards, one whole-number score 1–7 per check (``delivered``), two checks per
  department × dimension × month, July–December 2025.
- ``promises``: the published internal service commitments (内部服务承诺), one per
  department × dimension, with the level promised (``promised``, 1–7) and, for the
  responsiveness commitment, the published response time (``response_hours``).
- ``commitment_tracking``: the responsiveness commitment tracked monthly in 2025: requests
  handled (from ``requests``) and how many were answered within the published time.

Planted truths (checked in ``tests/test_demo.py``, measured in ``data/README.md``):
HR's standards are vague (the lowest SMART share) and set below what HR's staff know their
customers expect (gap 2); Production's patrol results fall well short of its standards on
reliability and responsiveness (gap 3); Administration promises same-day service it does
not deliver (gap 4, and the lowest on-time share); IT's on-time share drops out of control
in 2025-03 (the system migration, as in the complaints).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["gap_tables", "STANDARD_TEXT", "PATROL_MONTHS", "TRACKING_MONTHS"]

DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")

#: dimension -> (SMART wording zh, en), (vague wording zh, en)
STANDARD_TEXT = {
    "tangibles": (("服务窗口每日 9:00 前整理完毕，标识清晰（每周抽查）",
                   "Service desk tidy and signed by 9:00 daily (checked weekly)"),
                  ("保持良好形象", "Keep a good image")),
    "reliability": (("单据一次处理准确率不低于 98%（按月统计）",
                     "At least 98 % of documents right first time (monthly)"),
                    ("认真细致，减少差错", "Be careful and make fewer mistakes")),
    "responsiveness": (("工作日受理后 4 小时内首次回复",
                        "First reply within 4 working hours of a request"),
                       ("及时响应内部客户需求", "Respond to internal customers promptly")),
    "assurance": (("服务人员每季度通过业务知识考核（80 分合格）",
                   "Staff pass a quarterly knowledge test (pass mark 80)"),
                  ("提升专业能力", "Improve professional skills")),
    "empathy": (("每月主动回访 3 个内部客户部门并记录需求",
                 "Visit 3 customer departments a month and record their needs"),
                ("换位思考，热情服务", "Put yourself in their shoes and serve warmly")),
}
SMART_FLAGS = ("specific", "measurable", "achievable", "relevant", "time_bound")
#: SMART flags of a vague standard: relevant and achievable, but not specific, measurable or timed.
VAGUE_FLAGS = (0, 0, 1, 1, 0)
#: (department, dimension) whose written standard is vague; HR has four of five.
VAGUE = {("HR", "tangibles"), ("HR", "responsiveness"), ("HR", "assurance"), ("HR", "empathy"),
         ("PUR", "assurance"), ("ADM", "empathy")}
#: Standard level − staff's mean estimate of the customers' expectation, where not 0.
STANDARD_OFFSET = {("HR", "responsiveness"): -1.5, ("HR", "empathy"): -1.3,
                   ("HR", "assurance"): -1.0, ("HR", "tangibles"): -0.8}
STANDARD_OFFSET_DEFAULT = 0.0
#: Mean patrol score − the standard's level, where not the default.
DELIVERY_SHIFT = {("PRD", "reliability"): -1.4, ("PRD", "responsiveness"): -1.5}
DELIVERY_SHIFT_DEFAULT = -0.25
SD_DELIVERY = 0.6
PATROL_MONTHS = pd.period_range("2025-07", "2025-12", freq="M")
CHECKS_PER_MONTH = 2  # one patrol (巡视) and one mystery check (神秘访客) per cell and month
#: Promised level − the standard's level, where not 0 (Administration over-promises).
PROMISE_OFFSET = {("ADM", "responsiveness"): 1.5, ("ADM", "reliability"): 0.8}
PROMISE_OFFSET_DEFAULT = 0.0
#: Published response time of each department's responsiveness commitment, in hours.
RESPONSE_HOURS = {"PRD": 8, "SAL": 8, "IT": 4, "FIN": 24, "HR": 24, "PUR": 24, "ADM": 4, "LEG": 48}
PROMISE_TEXT = {
    "ADM": ("行政服务需求当日办结", "Administrative requests completed the same day"),
}
TRACKING_MONTHS = pd.period_range("2025-01", "2025-12", freq="M")
#: Share of requests answered within the published time (in control around these).
ON_TIME_RATE = {"PRD": 0.84, "SAL": 0.91, "IT": 0.88, "FIN": 0.96,
                "HR": 0.90, "PUR": 0.89, "ADM": 0.72, "LEG": 0.93}
ON_TIME_SPECIAL = ("IT", "2025-03", 0.78)  # the system migration


def _half(x):
    """Round to the nearest half point and keep it on the 1–7 scale."""
    return np.clip(np.round(np.asarray(x, dtype=float) * 2) / 2, 1, 7)


def _standards(estimates, depts):
    est = estimates.groupby(["provider", "dimension"])["estimated_expectation"].mean()
    rows = []
    for i, p in enumerate(depts):
        for j, d in enumerate(DIMENSIONS):
            vague = (p, d) in VAGUE
            (zh, en) = STANDARD_TEXT[d][1 if vague else 0]
            level = _half(est.get((p, d), np.nan) + STANDARD_OFFSET.get((p, d), STANDARD_OFFSET_DEFAULT))
            flags = VAGUE_FLAGS if vague else (1, 1, 1, 1, 1)
            rows.append({"standard_id": f"S{i + 1}{j + 1}", "provider": p, "dimension": d,
                         "title_zh": zh, "title_en": en, **dict(zip(SMART_FLAGS, flags)),
                         "standard": float(level)})
    out = pd.DataFrame(rows)
    out[list(SMART_FLAGS)] = out[list(SMART_FLAGS)].astype("int64")
    return out


def _delivery(rng, standards):
    months = PATROL_MONTHS.strftime("%Y-%m").to_numpy()
    s = standards.set_index("standard_id")
    k = len(months) * CHECKS_PER_MONTH
    sid = np.repeat(s.index.to_numpy(), k)
    prov = s["provider"].to_numpy()[np.repeat(np.arange(len(s)), k)]
    dim = s["dimension"].to_numpy()[np.repeat(np.arange(len(s)), k)]
    shift = np.array([DELIVERY_SHIFT.get(key, DELIVERY_SHIFT_DEFAULT) for key in zip(prov, dim)])
    latent = s["standard"].to_numpy()[np.repeat(np.arange(len(s)), k)] + shift
    score = np.clip(np.rint(latent + rng.normal(0, SD_DELIVERY, len(sid))), 1, 7).astype(np.int64)
    month = np.tile(np.repeat(months, CHECKS_PER_MONTH), len(s))
    method = np.tile(["巡视", "神秘访客"], len(sid) // 2)
    out = pd.DataFrame({"month": month, "provider": prov, "dimension": dim, "standard_id": sid,
                        "method": method, "delivered": score})
    out = out.sort_values(["month", "provider", "standard_id", "method"], kind="stable",
                          ignore_index=True)
    out.insert(0, "check_id", [f"V{i:04d}" for i in range(1, len(out) + 1)])
    return out


def _promises(standards):
    rows = []
    for r in standards.itertuples(index=False):
        key = (r.provider, r.dimension)
        hours = RESPONSE_HOURS[r.provider] if r.dimension == "responsiveness" else np.nan
        if r.dimension == "responsiveness" and r.provider in PROMISE_TEXT:
            zh, en = PROMISE_TEXT[r.provider]
        elif r.dimension == "responsiveness":
            zh, en = (f"服务需求 {hours} 小时内响应", f"Requests answered within {hours} hours")
        else:
            zh, en = STANDARD_TEXT[r.dimension][0]
        rows.append({"commitment_id": "P" + r.standard_id[1:], "provider": r.provider,
                     "dimension": r.dimension, "title_zh": zh, "title_en": en,
                     "response_hours": hours,
                     "promised": float(_half(r.standard + PROMISE_OFFSET.get(key, PROMISE_OFFSET_DEFAULT)))})
    return pd.DataFrame(rows)


def _tracking(rng, requests, promises):
    months = TRACKING_MONTHS.strftime("%Y-%m")
    req = requests[requests["month"].isin(months)].reset_index(drop=True)
    rate = req["department"].map(ON_TIME_RATE).to_numpy(dtype=float)
    n = req["requests"].to_numpy()
    sigma = np.sqrt(n * rate * (1 - rate))
    on_time = np.clip(rng.binomial(n, rate), np.ceil(n * rate - 1.5 * sigma), np.floor(n * rate + 1.5 * sigma))
    dept, month, special = ON_TIME_SPECIAL
    hit = ((req["department"] == dept) & (req["month"] == month)).to_numpy()
    on_time[hit] = np.rint(n[hit] * special)
    cid = promises[promises["dimension"] == "responsiveness"].set_index("provider")["commitment_id"]
    return pd.DataFrame({"month": req["month"], "provider": req["department"],
                         "commitment_id": req["department"].map(cid), "requests": n,
                         "on_time": on_time.astype(np.int64)})


def gap_tables(rng_delivery, rng_tracking, *, estimates, requests, depts):
    """The four tables (dict name -> DataFrame) from the demo's estimates and requests."""
    standards = _standards(estimates, depts)
    promises = _promises(standards)
    return {
        "standards": standards,
        "delivery": _delivery(rng_delivery, standards),
        "promises": promises,
        "commitment_tracking": _tracking(rng_tracking, requests, promises),
    }
