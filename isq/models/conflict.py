"""Conflict-handling modes (Thomas-Kilmann model) from an ORIGINAL self-reflection exercise.

The two-axis model (Thomas 1976; Kilmann & Thomas 1977): **assertiveness** (自我主张,
pursuing one's own concerns) and **cooperativeness** (合作性, attending to the other
party's concerns) place five modes — competing 竞争, collaborating 合作, compromising 妥协,
avoiding 回避, accommodating 迁就. The TKI questionnaire and its norms are copyrighted, so
isq ships its own 14-item exercise (``isq/data/conflict_items.yaml``): each item raises or
lowers one or both axis scores. Scores are for reflection and discussion; there are no norms.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from .._validate import check_columns, check_numeric_range
from ..data.loaders import CONFLICT_AXES, CONFLICT_ITEMS_PATH, ConflictExercise, load_conflict_items
from ..errors import IsqError

__all__ = [
    "ConflictExercise",
    "load_conflict_items",
    "conflict_profile",
    "conflict_mode",
    "CONFLICT_MODES",
    "CONFLICT_AXES",
    "COMPROMISE_RADIUS",
    "AXIS_MIDPOINT",
    "CONFLICT_ITEMS_PATH",
]

#: The five modes (codes; zh labels 竞争, 合作, 妥协, 回避, 迁就 via ``isq.labels``).
CONFLICT_MODES = ("competing", "collaborating", "compromising", "avoiding", "accommodating")
#: Radius of the central compromise zone on the 0–100 map (Euclidean distance to the centre).
COMPROMISE_RADIUS = 15.0
#: Where "high" begins on each 0–100 axis (a point on the line counts as high).
AXIS_MIDPOINT = 50.0


def conflict_mode(assertiveness, cooperativeness, *, radius=COMPROMISE_RADIUS,
                  midpoint=AXIS_MIDPOINT):
    """The mode of points on the 0–100 assertiveness × cooperativeness map.

    Parameters
    ----------
    assertiveness, cooperativeness : float or array-like
        Axis scores, 0–100.
    radius : float, default 15
        Radius of the central compromise zone.
    midpoint : float, default 50
        Where each axis turns "high" (a point on the line counts as high).

    Returns
    -------
    str or ndarray of str
        "compromising" within ``radius`` of (midpoint, midpoint); otherwise by quadrant:
        high A & high C "collaborating", high A & low C "competing", low A & high C
        "accommodating", low A & low C "avoiding". Missing scores give None.

    Examples
    --------
    >>> isq.conflict_mode([90, 55, 20, 10, 80], [90, 45, 80, 10, 20]).tolist()
    ['collaborating', 'compromising', 'accommodating', 'avoiding', 'competing']
    """
    a = np.asarray(assertiveness, dtype=float)
    c = np.asarray(cooperativeness, dtype=float)
    high_a, high_c = a >= midpoint, c >= midpoint
    quad = np.where(high_a, np.where(high_c, "collaborating", "competing"),
                    np.where(high_c, "accommodating", "avoiding")).astype(object)
    centre = np.hypot(a - midpoint, c - midpoint) <= radius
    out = np.where(centre, "compromising", quad).astype(object)
    out[np.isnan(a) | np.isnan(c)] = None
    return out if out.ndim else out.item()


def _long_responses(responses, exercise, respondent, item, score):
    if item in responses.columns:
        check_columns(responses, respondent=respondent, item=item, score=score)
        return responses
    codes = exercise.items["code"].tolist()
    present = [c for c in codes if c in responses.columns]
    if not present:
        raise IsqError(
            f"`responses` has neither an `{item}` column (long form) nor item columns "
            f"{', '.join(codes[:3])}, … (wide form). Columns: {', '.join(map(str, responses.columns))}."
        )
    frame = responses if respondent in responses.columns else \
        responses.rename_axis(respondent).reset_index()
    extra = [c for c in frame.columns if c not in codes]
    return frame.melt(id_vars=extra, value_vars=present, var_name=item, value_name=score)


def conflict_profile(responses, *, respondent="respondent", item="item", score="score",
                     by=None, exercise=None, radius=COMPROMISE_RADIUS,
                     min_group_size=5):
    """Assertiveness and cooperativeness scores (0–100) and the conflict mode.

    Parameters
    ----------
    responses : DataFrame
        Answers, long (``respondent, item, score``) or wide (one column per item code
        ``CM01``…, a ``respondent`` column or the index as id).
    respondent, item, score : str
        Column names (long form).
    by : str, optional
        A team (or department) column: aggregate people to one point per team.
    exercise : ConflictExercise, optional
        Default: the bundled exercise (:func:`load_conflict_items`).
    radius : float, default 15
        Compromise-zone radius (see :func:`conflict_mode`).
    min_group_size : int, default 5
        With ``by``: teams with fewer people are masked (in class, set it to 1 when the
        participants agree to see small teams).

    Returns
    -------
    DataFrame
        Per person: ``[by,] respondent, assertiveness, cooperativeness, mode, n_items``.
        With ``by``: ``by, n, assertiveness, cooperativeness, mode, suppressed`` (team
        scores are the means of its members' scores).

    Notes
    -----
    An answer x on the scale low–high is keyed as x for a +1 item and low + high − x for a
    −1 item; an axis score is the mean of the keyed answers of the items on that axis,
    rescaled as 100 · (mean − low) / (high − low). The mode follows the geometric rule of
    :func:`conflict_mode`: a central compromise circle, then the four quadrants.

    References
    ----------
    Thomas, K. W. (1976). Conflict and conflict management. In M. D. Dunnette (Ed.),
    *Handbook of industrial and organizational psychology* (pp. 889–935). Rand McNally.

    Examples
    --------
    >>> answers = pd.DataFrame({"respondent": ["张三"] * 3, "item": ["CM01", "CM06", "CM12"],
    ...                         "score": [5, 4, 2]})
    >>> isq.conflict_profile(answers)
      respondent  assertiveness  cooperativeness           mode  n_items
    0         张三           87.5             75.0  collaborating        3
    """
    exercise = exercise if exercise is not None else load_conflict_items()
    if not isinstance(responses, pd.DataFrame):
        raise IsqError(f"`responses` must be a DataFrame; got {type(responses).__name__}.")
    long = _long_responses(responses, exercise, respondent, item, score)
    if by is not None:
        check_columns(long, by=by)
    codes = set(exercise.items["code"])
    unknown = sorted(set(long[item].dropna().astype(str)) - codes)
    if unknown:
        raise IsqError(
            f"Unknown item {unknown[0]!r} in `{item}`. Items of the exercise: "
            f"{', '.join(exercise.items['code'])}. (未知的题目 {unknown[0]!r}。)"
        )
    values = check_numeric_range(long[score], low=exercise.low, high=exercise.high, name=score)
    keys = exercise.items.set_index("code")
    frame = pd.DataFrame({"respondent": long[respondent].to_numpy(),
                          "item": long[item].astype(str).to_numpy(), "x": values.to_numpy()})
    frame = frame.dropna(subset=["x"])
    span = exercise.high - exercise.low
    out = {}
    for ax in CONFLICT_AXES:
        sign = frame["item"].map(keys[ax]).to_numpy()
        keyed = np.where(sign > 0, frame["x"], exercise.low + exercise.high - frame["x"])
        keyed = pd.Series(np.where(sign != 0, keyed, np.nan), index=frame.index)
        m = keyed.groupby(frame["respondent"], sort=False).mean()
        out[ax] = 100 * (m - exercise.low) / span
    people = pd.DataFrame(out)
    people.index.name = "respondent"
    people["mode"] = conflict_mode(people["assertiveness"], people["cooperativeness"],
                                   radius=radius)
    people["n_items"] = frame.groupby("respondent", sort=False).size().reindex(people.index)
    people = people.reset_index()
    if by is None:
        return people
    teams = long[[respondent, by]].drop_duplicates(respondent).rename(
        columns={respondent: "respondent"})
    people = people.merge(teams, on="respondent", how="left")
    g = people.groupby(by, sort=True)
    agg = pd.DataFrame({"n": g.size(), "assertiveness": g["assertiveness"].mean(),
                        "cooperativeness": g["cooperativeness"].mean()}).reset_index()
    agg["suppressed"] = agg["n"] < min_group_size
    for ax in CONFLICT_AXES:
        agg[ax] = agg[ax].where(~agg["suppressed"])
    agg["mode"] = conflict_mode(agg["assertiveness"], agg["cooperativeness"], radius=radius)
    return agg[[by, "n", "assertiveness", "cooperativeness", "mode", "suppressed"]]
