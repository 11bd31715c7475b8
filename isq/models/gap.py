"""The 5-GAP model of service quality (Parasuraman, Zeithaml & Berry 1985).

For internal service: the "company" is the serving department (``provider``) and its
"management" is that department's own staff. Every gap is signed so that a negative value
is a shortfall, as for the SERVQUAL gap:

=====  ===============  =====================================================  ==============
gap    name             value                                                  needs
=====  ===============  =====================================================  ==============
1      knowledge        staff estimate of expectations − customers' expectation  ``estimates``
2      standards        service standard − staff estimate of expectations      ``standards``, ``estimates``
3      delivery         service delivered − service standard                   ``delivery``, ``standards``
4      communication    service delivered − service promised                   ``delivery``, ``promises``
5      service          customers' perception − customers' expectation         the survey
=====  ===============  =====================================================  ==============

Gaps whose inputs are not given are left out of the result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_columns, check_frame, check_numeric_range
from ..errors import IsqError
from .servqual import MIN_GROUP_SIZE, SCALE, _check_ci, _sort, servqual_gaps

__all__ = ["gap_model", "gap_inputs", "gap_diagnosis", "GAP_NAMES", "GAP_REMEDIES"]

#: Names of the five gaps (PZB 1985), keyed by gap number.
GAP_NAMES = {1: "knowledge", 2: "standards", 3: "delivery", 4: "communication", 5: "service"}

#: What to do about each gap: the remedies of the service-value course (服务价值管理, 2 days).
GAP_REMEDIES = {
    1: {"zh": "深入了解顾客所需：倾听五种声音，管理者“穿墙而过”到一线，流程穿越，减少层级对信息的失真",
        "en": "Learn what customers need: listen to the five voices, managers go to the front line, "
              "walk the process, fewer layers distorting what customers say"},
    2: {"zh": "合理设定服务规范：按 SMART 原则确立标准，画服务圈，分析影响客户感知的要素，按步骤制定标准",
        "en": "Set sound standards: SMART standards, the service circle, the factors that shape "
              "perception, a step-by-step standard-setting process"},
    3: {"zh": "提升服务执行：从“监工”到“教练”，完善内部支撑体系，定期服务巡视，建立积极的执行文化",
        "en": "Deliver to standard: from supervisor to coach, support systems behind the front line, "
              "regular service patrols, a culture of execution"},
    4: {"zh": "坦诚进行服务沟通：承诺准确且符合实际，言出必行，公示承诺并按月跟踪按时率",
        "en": "Promise honestly: accurate, realistic commitments, keep every promise, publish them "
              "and track the on-time share monthly"},
    5: {"zh": "有效控制投诉，提升满意度管理：避免投诉、有效处理投诉、监控投诉的发生与处理（帕累托、控制图）",
        "en": "Control complaints and manage satisfaction: prevent, handle and monitor complaints "
              "(Pareto, control charts)"},
}


def _welch(m1, s1, n1, m2, s2, n2, ci):
    """Interval of m1 − m2 for two independent samples (Welch–Satterthwaite df).

    A side with a single value (e.g. one written standard) is treated as a fixed number.
    """
    from scipy import stats

    with np.errstate(invalid="ignore", divide="ignore"):
        v1 = np.where(n1 >= 2, s1**2 / n1, 0.0)
        v2 = np.where(n2 >= 2, s2**2 / n2, 0.0)
        se = np.sqrt(v1 + v2)
        df = (v1 + v2) ** 2 / (
            np.where(n1 >= 2, v1**2 / np.maximum(n1 - 1, 1), 0.0)
            + np.where(n2 >= 2, v2**2 / np.maximum(n2 - 1, 1), 0.0)
        )
        df = np.where(se > 0, df, np.nan)
        half = stats.t.ppf((1 + ci) / 2, df) * se
    diff = m1 - m2
    return diff, diff - half, diff + half


def _unit_scores(table, value, *, provider, dimension, unit):
    """Mean per (provider, dimension, unit) then summary per (provider, dimension)."""
    per = table.groupby(["provider", "dimension", unit], sort=False)[value].mean()
    g = per.groupby(level=["provider", "dimension"], sort=False)
    return pd.DataFrame({"mean": g.mean(), "sd": g.std(ddof=1), "n": g.count()})


def _side_table(table, *, name, value, provider, dimension, item_to_dim, scale):
    """Validate an optional standards/delivery/promises table -> summary per provider × dim."""
    check_frame(table, name=name)
    has_dim = dimension in table.columns
    check_columns(table, provider=provider, **{value: value})
    if not has_dim:
        if "item" not in table.columns:
            raise IsqError(
                f"`{name}` needs a {dimension!r} column (or an 'item' column whose codes are "
                f"in the survey). Columns present: {list(table.columns)}."
            )
        dims = table["item"].map(item_to_dim)
    else:
        dims = table[dimension]
    vals = check_numeric_range(table[value], low=scale[0], high=scale[1], name=f"{name}.{value}")
    work = pd.DataFrame({"provider": table[provider], "dimension": dims, "v": vals}).dropna()
    work["row"] = np.arange(len(work))
    return _unit_scores(work, "v", provider=provider, dimension=dimension, unit="row")


def gap_model(data, *, estimates=None, standards=None, delivery=None, promises=None,
              provider="provider", item="item", dimension="dimension",
              expectation="expectation", perception="perception", respondent="respondent",
              estimated_expectation="estimated_expectation", standard="standard",
              delivered="delivered", promised="promised", ci=0.95, scale=SCALE,
              min_group_size=MIN_GROUP_SIZE):
    """The 5-GAP model per serving department × SERVQUAL dimension, in tidy form.

    Parameters
    ----------
    data : DataFrame
        The customers' SERVQUAL answers (long), with a ``provider`` column naming the
        department rated. Filter to one wave first when the data hold several.
    estimates : DataFrame, optional
        Gap-1 data: the serving department's staff estimate their customers' expectation of
        each item (columns ``respondent``, ``provider``, ``item``, ``dimension``,
        ``estimated_expectation``; the demo table "servqual_estimates").
    standards : DataFrame, optional
        The level the department's service standards are designed for, on the answer
        scale: columns ``provider``, ``dimension`` (or ``item``), ``standard``.
    delivery : DataFrame, optional
        Observed delivery against those standards (e.g. audits or mystery shopping), on
        the same scale: ``provider``, ``dimension`` (or ``item``), ``delivered``.
    promises : DataFrame, optional
        The level promised to customers (service commitments, SLAs published):
        ``provider``, ``dimension`` (or ``item``), ``promised``.
    ci : float
        Confidence level; gap 5 uses a t-interval over respondents, gaps 1–4 Welch's
        interval for two independent groups (a side with one value is taken as fixed).
    min_group_size : int or None
        Figures resting on fewer respondents are masked (NaN). Gaps 2–4 are also masked
        for a department × dimension with fewer customers in the survey (or fewer staff in
        ``estimates``) than this, whatever the number of standards or checks.

    Returns
    -------
    DataFrame
        One row per provider × dimension × gap: ``provider, dimension, gap, name, value,
        ci_low, ci_high, n`` (``gap`` 1–5, ``name`` as in :data:`GAP_NAMES`). ``n`` is the
        number behind the figure: respondents for gaps 1 (the smaller group) and 5, the
        staff who estimated for gap 2 (a written standard is a fixed value), and the
        delivery records (checks) for gaps 3 and 4. Negative = shortfall.

    Notes
    -----
    Gap 1 compares means of independent groups: each staff member's dimension estimate
    (mean of their item estimates) against each customer's dimension expectation.

    References
    ----------
    Parasuraman, A., Zeithaml, V. A., & Berry, L. L. (1985). A conceptual model of service
    quality and its implications for future research. Journal of Marketing, 49(4), 41–50.
    Frost, F. A., & Kumar, M. (2000). INTSERVQUAL – an internal adaptation of the GAP model
    in a large service organisation. Journal of Services Marketing, 14(5), 358–377.

    Examples
    --------
    >>> sq = isq.load_demo("servqual")
    >>> est = isq.load_demo("servqual_estimates")
    >>> gm = isq.gap_model(sq[sq["wave"] == "pre"], estimates=est)
    >>> it = gm[(gm["provider"] == "IT") & (gm["dimension"] == "responsiveness")]
    >>> it[["gap", "name", "value"]].round(2)
        gap       name  value
    34    1  knowledge  -1.39
    35    5    service  -1.87
    """
    ci = _check_ci(ci)
    check_frame(data)
    check_columns(data, provider=provider, dimension=dimension, item=item)
    five = servqual_gaps(
        data, item=item, dimension=dimension, expectation=expectation, perception=perception,
        respondent=respondent, by=provider, level="dimension", ci=ci, scale=scale,
        min_group_size=None,
    )
    item_to_dim = data.drop_duplicates(item).set_index(item)[dimension]
    rows = [
        pd.DataFrame({
            "provider": five[provider], "dimension": five["dimension"], "gap": 5,
            "value": five["gap"], "ci_low": five["gap_ci_low"], "ci_high": five["gap_ci_high"],
            "n": five["n"],
        })
    ]
    est = None
    if estimates is not None:
        check_frame(estimates, name="estimates")
        check_columns(
            estimates, respondent=respondent, provider=provider, dimension=dimension,
            estimated_expectation=estimated_expectation,
        )
        ev = check_numeric_range(
            estimates[estimated_expectation], low=scale[0], high=scale[1],
            name="estimated_expectation",
        )
        work = pd.DataFrame({
            "provider": estimates[provider], "dimension": estimates[dimension],
            "respondent": estimates[respondent], "v": ev,
        }).dropna()
        est = _unit_scores(work, "v", provider=provider, dimension=dimension, unit="respondent")
        cust = pd.DataFrame({
            "provider": data[provider], "dimension": data[dimension],
            "respondent": data[respondent],
            "v": pd.to_numeric(data[expectation], errors="coerce"),
        }).dropna()
        cust = _unit_scores(cust, "v", provider=provider, dimension=dimension, unit="respondent")
        rows.append(_pair(est, cust, 1, ci))
    side = dict(provider=provider, dimension=dimension, item_to_dim=item_to_dim, scale=scale)
    std, dlv, prm = (None if table is None else _side_table(table, name=name, value=value, **side)
                     for table, name, value in ((standards, "standards", standard),
                                                (delivery, "delivery", delivered),
                                                (promises, "promises", promised)))
    if std is not None and est is None:
        raise IsqError("Gap 2 (standards) compares the standards with the department's estimate "
                       "of its customers' expectations: pass `estimates` too.")
    if prm is not None and dlv is None:
        raise IsqError("Gap 4 (communication) compares what is delivered with what is promised: "
                       "pass `delivery` too.")
    if dlv is not None and std is None and prm is None:
        raise IsqError(
            "`delivery` alone gives no gap: gap 3 needs `standards`, gap 4 needs `promises`."
        )
    # gaps 2-4: the gap, its two sides (a - b) and the side whose n is reported
    for gap, a, b, n_from in ((2, std, est, "b"), (3, dlv, std, "a"), (4, dlv, prm, "a")):
        if a is not None and b is not None:
            rows.append(_pair(a, b, gap, ci, n_from=n_from))
    out = pd.concat([r for r in rows if len(r)], ignore_index=True)
    out["gap"] = out["gap"].astype("int64")
    out["name"] = pd.array(out["gap"].map(GAP_NAMES), dtype="string")
    out["n"] = out["n"].astype("int64")
    if min_group_size:
        people = _people(out, five, provider, est)
        small = (out["n"] < min_group_size) | (people < min_group_size)
        out.loc[small, ["value", "ci_low", "ci_high"]] = np.nan
    out = _sort(out, ["provider", "dimension", "gap"])
    out = out[["provider", "dimension", "gap", "name", "value", "ci_low", "ci_high", "n"]]
    if provider != "provider":
        out = out.rename(columns={"provider": provider})
    return out


def _people(out, five, provider, est):
    """Respondents behind each row's department × dimension: customers, and staff if known.

    Gaps 3 and 4 rest on checks and commitments rather than on respondents, but they describe
    the department's own people: they are shown only where the department is large enough
    in the survey (and among its staff estimates, when given).
    """
    keys = pd.MultiIndex.from_arrays([out["provider"], out["dimension"]])
    cust = five.set_index([provider, "dimension"])["n"]
    cust.index.names = ["provider", "dimension"]
    n = cust.reindex(keys).to_numpy(dtype=float)
    if est is not None:
        n = np.fmin(n, est["n"].reindex(keys).to_numpy(dtype=float))
    return np.nan_to_num(n, nan=0.0)


def _pair(a, b, gap, ci, n_from=None):
    """Gap a − b per provider × dimension present in both summaries.

    ``n`` is the smaller side's count, or the count of side ``n_from`` when the other side
    holds written levels (standards, promises) rather than a sample.
    """
    j = a.add_suffix("_a").join(b.add_suffix("_b"), how="inner")
    diff, lo, hi = _welch(
        j["mean_a"].to_numpy(), j["sd_a"].to_numpy(), j["n_a"].to_numpy(),
        j["mean_b"].to_numpy(), j["sd_b"].to_numpy(), j["n_b"].to_numpy(), ci,
    )
    idx = j.index.to_frame(index=False)
    return pd.DataFrame({
        "provider": idx["provider"], "dimension": idx["dimension"], "gap": gap,
        "value": diff, "ci_low": lo, "ci_high": hi,
        "n": j[f"n_{n_from}"].to_numpy() if n_from else np.minimum(j["n_a"], j["n_b"]).to_numpy(),
    })


def gap_diagnosis(gaps, *, lang="zh"):
    """Per serving department: which of gaps 1–4 to close first, and the course's remedy.

    Parameters
    ----------
    gaps : DataFrame
        The result of :func:`gap_model` (with a ``provider`` column).
    lang : {"zh", "en"}
        Language of ``remedy``.

    Returns
    -------
    DataFrame
        One row per provider: ``provider, gap_1 … gap_5`` (mean over dimensions, NaN where
        not computed or suppressed), ``worst_gap`` (the most negative of gaps 1–4),
        ``worst_dimension`` (its most negative dimension), ``worst_value``, ``remedy``
        (:data:`GAP_REMEDIES`) and ``suppressed`` (every figure masked for privacy).

    Examples
    --------
    >>> d = isq.open_data()
    >>> sq = d["servqual"]
    >>> gm = isq.gap_model(sq[sq["wave"] == "pre"], estimates=d["servqual_estimates"],
    ...                    standards=d["standards"], delivery=d["delivery"], promises=d["promises"])
    >>> isq.gap_diagnosis(gm).set_index("provider")[["worst_gap", "worst_dimension"]].loc[["IT", "HR", "PRD", "ADM"]]
              worst_gap worst_dimension
    provider
    IT                1  responsiveness
    HR                2         empathy
    PRD               3     reliability
    ADM               4  responsiveness
    """
    from ..labels import check_lang

    check_lang(lang)
    check_frame(gaps, name="gaps")
    check_columns(gaps, provider="provider", dimension="dimension", gap="gap", value="value")
    wide = gaps.pivot_table(index="provider", columns="gap", values="value", aggfunc="mean",
                            dropna=False, sort=False)
    wide = wide.reindex(columns=range(1, 6))
    wide.columns = [f"gap_{g}" for g in wide.columns]
    rows = []
    for prov in pd.unique(gaps["provider"]):
        r = {"provider": prov, **wide.loc[prov].to_dict()}
        early = pd.Series({g: r[f"gap_{g}"] for g in range(1, 5)}).dropna()
        if len(early):
            worst = int(early.idxmin())
            cell = gaps[(gaps["provider"] == prov) & (gaps["gap"] == worst)].dropna(subset=["value"])
            cell = cell.sort_values("value", kind="stable").iloc[0]
            r.update(worst_gap=worst, worst_dimension=cell["dimension"], worst_value=float(cell["value"]),
                     remedy=GAP_REMEDIES[worst][lang])
        else:
            r.update(worst_gap=pd.NA, worst_dimension=None, worst_value=np.nan, remedy="")
        r["suppressed"] = bool(pd.isna(pd.Series([r[f"gap_{g}"] for g in range(1, 6)])).all())
        rows.append(r)
    out = pd.DataFrame(rows)
    out["worst_gap"] = out["worst_gap"].astype("Int64")
    return out


#: gap_model parameter -> table name in a data folder (isq.open_data).
GAP_TABLES = {"estimates": "servqual_estimates", "standards": "standards", "delivery": "delivery",
              "promises": "promises"}


def gap_inputs(data):
    """The gap-1–4 tables a data folder holds, as keyword arguments for :func:`gap_model`.

    ``isq.gap_model(sq, **isq.gap_inputs(data))`` gives every gap the client has data for:
    a missing table simply leaves its gaps out (standards need ``servqual_estimates``;
    delivery needs standards or promises), so one notebook runs on any client folder.

    Parameters
    ----------
    data : mapping
        Tables by name, e.g. :func:`isq.open_data`'s result.

    Examples
    --------
    >>> sorted(isq.gap_inputs(isq.open_data()))
    ['delivery', 'estimates', 'promises', 'standards']
    >>> isq.gap_inputs({"servqual": None})
    {}
    """
    got = {k: data[name] for k, name in GAP_TABLES.items() if name in data}
    if "estimates" not in got:
        got.pop("standards", None)
    if "standards" not in got and "promises" not in got:
        got.pop("delivery", None)
    if "delivery" not in got:
        got.pop("promises", None)
    return got
