"""Readings of the SERVQUAL gaps: the zone of tolerance (MSA, MSS; PZB 1994) and the
shortboard (短板), the dimension with the most negative gap.

The zone runs the method of :mod:`isq.models.servqual` on the adequate and desired levels:
per answer MSA = P − adequate and MSS = P − desired, per respondent the mean of their
answered pairs, over respondents the mean with its t-interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._docstrings import share_docs
from .._validate import check_argument, check_frame
from ..errors import IsqError
from .servqual import MIN_GROUP_SIZE, SCALE, _ALL, _check_ci, _finish, _level_result, _respondent_scores

__all__ = ["servqual_zone", "servqual_shortboard"]


@share_docs
def servqual_zone(data, *, adequate="adequate", desired="expectation", perception="perception",
                  item="item", dimension="dimension", respondent="respondent", by=None,
                  level="dimension", ci=0.95, scale=SCALE, min_group_size=MIN_GROUP_SIZE):
    """Zone of tolerance: measures of service adequacy (MSA) and superiority (MSS).

    Parameters
    ----------
    {{servqual_data}}
    adequate, desired, perception : str
        Columns of the adequate (minimum acceptable) and desired service levels and the
        perception; the desired level defaults to the ``expectation`` column of the demo.
    {{servqual_roles}}
    {{servqual_by}}
    level : {"item", "dimension"}, default "dimension"
    {{servqual_tail}}

    Returns
    -------
    DataFrame
        ``*by, [item,] dimension, adequate_mean, desired_mean, perception_mean, msa,
        msa_ci_low, msa_ci_high, mss, mss_ci_low, mss_ci_high, position, n`` with
        ``position`` "below" (P < adequate), "within" or "above" (P > desired).

    Notes
    -----
    MSA = P − adequate, MSS = P − desired, per answer, aggregated as in
    :func:`servqual_gaps` (respondent's dimension score = mean of their item scores).

    References
    ----------
    Parasuraman, A., Zeithaml, V. A., & Berry, L. L. (1994). Alternating scales for measuring
    service quality: a comparative assessment based on psychometric and diagnostic criteria.
    Journal of Retailing, 70(3), 201–230.

    Examples
    --------
    >>> df = pd.DataFrame({"respondent": ["a", "b"], "item": ["SQ10"] * 2,
    ...     "dimension": ["responsiveness"] * 2, "adequate": [5, 5], "expectation": [7, 6],
    ...     "perception": [4, 4]})
    >>> z = isq.servqual_zone(df, min_group_size=None)
    >>> z[["dimension", "msa", "mss", "position"]]
            dimension  msa  mss position
    0  responsiveness -1.0 -2.5    below
    """
    check_argument("level", level, ("item", "dimension"))
    ci = _check_ci(ci)
    scores, by = _respondent_scores(
        data, respondent=respondent, item=item, dimension=dimension, by=by, scale=scale,
        values={"adequate": adequate, "desired": desired, "perception": perception}, level=level)
    out = _level_result(scores, by, level, ["adequate", "desired", "perception", "msa", "mss"],
                        ["msa", "mss"], ci, None, means=("adequate", "desired", "perception"))
    position = np.where(out["msa"] < 0, "below", np.where(out["mss"] > 0, "above", "within"))
    out["position"] = pd.array(position, dtype="string")
    out = out[[c for c in out.columns if c != "n"] + ["n"]]
    first = ["item", "dimension"] if level == "item" else ["dimension"]
    metrics = [c for c in out.columns if c not in (*by, *first, "n")]
    return _finish(out, by, first, metrics, min_group_size)


def servqual_shortboard(gaps):
    """The shortboard (短板): the dimension with the most negative gap, with its interval.

    Parameters
    ----------
    gaps : DataFrame
        The result of ``servqual_gaps(..., level="dimension")``, with or without ``by``.

    Returns
    -------
    Series or DataFrame
        ``dimension, gap, gap_ci_low, gap_ci_high, n, excludes_zero, runner_up, margin``;
        one row per group when ``gaps`` has by-columns (a Series otherwise).
        ``excludes_zero`` is True when the whole interval lies below (or above) 0;
        ``margin`` = runner-up gap − shortboard gap (≥ 0), how clearly it is the shortest.

    Examples
    --------
    >>> g = pd.DataFrame({"dimension": ["reliability", "responsiveness"], "gap": [-0.4, -1.2],
    ...     "gap_ci_low": [-0.8, -1.6], "gap_ci_high": [0.0, -0.8], "n": [30, 30]})
    >>> sb = isq.servqual_shortboard(g)
    >>> sb["dimension"], bool(sb["excludes_zero"]), round(float(sb["margin"]), 2)
    ('responsiveness', True, 0.8)
    """
    check_frame(gaps, name="gaps")
    needed = {"dimension", "gap", "gap_ci_low", "gap_ci_high", "n"}
    if not needed <= set(gaps.columns):
        raise IsqError(
            "`gaps` must be the result of servqual_gaps(..., level='dimension') with columns "
            f"{sorted(needed)}; missing {sorted(needed - set(gaps.columns))}."
        )
    if "item" in gaps.columns:
        raise IsqError(
            "`gaps` is item-level: the shortboard compares dimensions. "
            "Pass servqual_gaps(..., level='dimension')."
        )
    known = needed | {"expectation_mean", "perception_mean"}
    by = [c for c in gaps.columns if c not in known]
    work = gaps.dropna(subset=["gap"]).assign(**{_ALL: 0})
    work = work.sort_values([_ALL, *by, "gap"], kind="stable")
    g = work.groupby([_ALL, *by], sort=True, observed=True)
    first = g.nth(0).set_index([_ALL, *by])
    second = g.nth(1).set_index([_ALL, *by])
    out = first[["dimension", "gap", "gap_ci_low", "gap_ci_high", "n"]].copy()
    out["excludes_zero"] = (out["gap_ci_high"] < 0) | (out["gap_ci_low"] > 0)
    out["runner_up"] = second["dimension"].reindex(out.index)
    out["margin"] = second["gap"].reindex(out.index) - out["gap"]
    out = out.reset_index().drop(columns=_ALL)
    if not by:
        if out.empty:
            raise IsqError("`gaps` holds no dimension with a gap (all masked or missing).")
        return out.iloc[0].rename(None)
    return out
