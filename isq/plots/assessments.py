"""Charts of the team self-assessments (balance wheel, standards, levels, knowledge, thinking, patrol).

Axes-level: each function takes ``ax=None`` and returns the Axes; no global state. Inputs are
the outputs of the scoring functions in :mod:`isq.models.assessments`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._docstrings import share_docs
from ..errors import IsqError
from ..labels import label
from ..models.assessments import WHEEL_PERIODS, assessment_names
from .theme import PALETTES
from ._setup import check_input, get_axes

__all__ = [
    "plot_balance_wheel", "plot_standards", "plot_service_levels", "plot_knowledge_maturity",
    "plot_thinking", "plot_patrol_trend", "plot_patrol_weakest",
]

#: Colours of the three wheel periods (past grey, present blue, future orange).
PERIOD_COLORS = {"past": "#9e9e9e", "present": "#1f77b4", "future": "#e69f00"}


def _one_team(result, team, what):
    teams = list(pd.unique(result["team"]))
    if team is None:
        if len(teams) > 1:
            raise IsqError(f"{what}: the result holds teams {', '.join(map(str, teams))}; "
                           f"pick one with `team=`.")
        return result
    if team not in teams:
        raise IsqError(f"{what}: no team {team!r}; teams: {', '.join(map(str, teams))}.")
    return result[result["team"] == team]


@share_docs
def plot_balance_wheel(result, *, team=None, ax=None, lang="zh", periods=WHEEL_PERIODS, title=None,
                       scale=(0, 10)):
    """Balance wheel: past, present and future as three overlaid radars on the eight dimensions.

    Parameters
    ----------
    result : DataFrame
        Output of :func:`isq.score_balance_wheel`.
    team : str, optional
        Which team (required when ``result`` holds several).
    ax : matplotlib polar Axes, optional
        A polar Axes; a new figure with one is made when None.
    {{lang}}
    periods : sequence of str
        Which of past, present, future to draw.

    {{returns_axes}}

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "period": ["past", "present", "future"] * 8,
    ...                   "item": [f"W{i}" for i in range(1, 9) for _ in range(3)],
    ...                   "score": [4, 6, 8] * 8})
    >>> with isq.theme():
    ...     ax = isq.plot_balance_wheel(isq.score_balance_wheel(d))
    >>> len(ax.get_lines())
    3
    """
    lang = check_input(result, "result", lang, dimension="dimension", team="team")
    sub = _one_team(result, team, "plot_balance_wheel")
    ax = get_axes(ax, polar=True, chart="plot_balance_wheel")
    names = assessment_names("wheel", lang=lang)
    dims = list(sub["dimension"])
    angles = np.linspace(0, 2 * np.pi, len(dims), endpoint=False)
    closed = np.r_[angles, angles[:1]]
    for p in periods:
        if p not in sub:
            continue
        vals = sub[p].to_numpy(float)
        if np.isnan(vals).all():
            continue
        v = np.r_[vals, vals[:1]]
        style = "--" if p == "past" else "-"
        ax.plot(closed, v, style, color=PERIOD_COLORS[p], lw=2, label=label(p, lang))
        ax.fill(closed, np.nan_to_num(v), color=PERIOD_COLORS[p], alpha=0.08 if p != "present" else 0.18)
    ax.set_xticks(angles)
    ax.set_xticklabels([names.get(d, d) for d in dims])
    ax.set_ylim(*scale)
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    t = title or label("wheel_title", lang)
    if team is not None:
        t = f"{t}：{team}" if lang == "zh" else f"{t}: {team}"
    ax.set_title(t, pad=24)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=3, frameon=False)
    return ax


def _score_bars(ax, result, group_col, instrument, lang, *, title, title_key, xlim=(0, 5.3)):
    """Grouped horizontal bars of the self-scores (1–5) per ``group_col`` of ``instrument``,
    one colour per team, with the score axis and the title."""
    names = assessment_names(instrument, lang=lang)
    value = "score"
    teams = list(pd.unique(result["team"]))
    groups = list(pd.unique(result[group_col]))
    h = 0.8 / max(len(teams), 1)
    colors = PALETTES["sequence"]
    y = np.arange(len(groups))
    for i, t in enumerate(teams):
        sub = result[result["team"] == t].set_index(group_col).reindex(groups)
        ax.barh(y - 0.4 + h * (i + 0.5), sub[value].to_numpy(float), height=h * 0.9,
                color=colors[i % len(colors)], label=str(t))
    ax.set_yticks(y)
    ax.set_yticklabels([names.get(g, g) for g in groups])
    ax.invert_yaxis()
    if xlim:
        ax.set_xlim(*xlim)
    if len(teams) > 1:
        ax.legend(loc="lower right", frameon=False, fontsize="small")
    ax.set_xlabel(label("self_score", lang) + " (1–5)")
    ax.set_title(title or label(title_key, lang))
    return ax


def plot_standards(result, *, ax=None, lang="zh", title=None):
    """Bars of the five satisfaction standards per team (1–5), the weakest marked.

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "item": ["S1", "S2", "S3", "S4", "S5"], "score": [2, 4, 3, 5, 4]})
    >>> with isq.theme():
    ...     ax = isq.plot_standards(isq.score_standards(d))
    >>> len(ax.patches)
    5
    """
    lang = check_input(result, "result", lang, team="team", standard="standard", score="score")
    ax = get_axes(ax)
    _score_bars(ax, result, "standard", "standards", lang, title=title, title_key="standards_title")
    if result["team"].nunique() == 1 and "weakest" in result:
        for i, w in enumerate(result["weakest"]):
            if w:
                ax.patches[i].set_color(PALETTES["sentiment"]["pain"])
    return ax


def plot_service_levels(result, *, ax=None, lang="zh", title=None):
    """The level ladder (基本 → 满意 → 愉悦 → 意料之外) with each team placed on it, per aspect.

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "item": ["LA1", "LA2", "LA3", "LA4", "LE1", "LE2", "LE3", "LE4"],
    ...                   "score": [5, 4, 3, 5, 4, 4, 4, 2]})
    >>> with isq.theme():
    ...     ax = isq.plot_service_levels(isq.place_service_level(d))
    >>> [t.get_text() for t in ax.get_xticklabels()][1:]
    ['基本', '满意', '愉悦', '意料之外']
    """
    lang = check_input(result, "result", lang, team="team", aspect="aspect",
                       level_no="level_no")
    ax = get_axes(ax)
    levels = assessment_names("levels", lang=lang, key="level_names")
    aspects = assessment_names("levels", lang=lang)
    ladder = ["#f2f2f2", "#dbe9f6", "#bcd7ee", "#9ac3e6", "#6fa8dc"]
    for i in range(len(levels) + 1):
        ax.axvspan(i - 0.5, i + 0.5, color=ladder[i], zorder=0)
    asp = [a for a in aspects if a in set(result["aspect"])]
    teams = list(pd.unique(result["team"]))
    colors = PALETTES["sequence"]
    for j, t in enumerate(teams):
        sub = result[result["team"] == t].set_index("aspect")
        ys = [asp.index(a) + (j - (len(teams) - 1) / 2) * 0.12 for a in sub.index if a in asp]
        xs = [sub.loc[a, "level_no"] for a in sub.index if a in asp]
        ax.scatter(xs, ys, s=160, color=colors[j % len(colors)], zorder=3, label=str(t),
                   edgecolor="white")
    ax.set_xticks(range(len(levels) + 1))
    ax.set_xticklabels([label("level_none", lang), *levels.values()])
    ax.set_yticks(range(len(asp)))
    ax.set_yticklabels([aspects[a] for a in asp])
    ax.set_ylim(-0.6, len(asp) - 0.4)
    ax.set_xlim(-0.5, len(levels) + 0.5)
    ax.grid(False)
    if len(teams) > 1:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(len(teams), 6), frameon=False)
    ax.set_title(title or label("levels_title", lang))
    return ax


def plot_knowledge_maturity(result, *, ax=None, lang="zh", title=None):
    """Knowledge-management scores per process with the maturity levels as reference lines.

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "item": [f"KM{i}" for i in range(1, 11)],
    ...                   "score": [4, 3, 3, 3, 2, 3, 4, 4, 2, 1]})
    >>> with isq.theme():
    ...     ax = isq.plot_knowledge_maturity(isq.score_knowledge(d))
    >>> len(ax.patches)
    5
    """
    lang = check_input(result, "result", lang, team="team", process="process", score="score")
    ax = get_axes(ax)
    _score_bars(ax, result, "process", "knowledge", lang, title=title, title_key="knowledge_title",
                xlim=(0, 5.6))
    maturity = assessment_names("knowledge", lang=lang, key="maturity")
    for k, name in maturity.items():
        ax.axvline(int(k), color="#999999", lw=0.8, ls=":")
    ax.set_xticks([int(k) for k in maturity])
    ax.set_xticklabels([f"{k}\n{v}" for k, v in maturity.items()], fontsize="small")
    ax.set_xlabel(label("maturity_level", lang))
    return ax


def plot_thinking(result, *, ax=None, lang="zh", title=None):
    """Bars of the four management-thinking styles per team (1–5).

    Examples
    --------
    >>> d = pd.DataFrame({"team": "A", "item": [f"T{i}" for i in range(1, 13)], "score": [4] * 12})
    >>> with isq.theme():
    ...     ax = isq.plot_thinking(isq.score_thinking(d))
    >>> len(ax.patches)
    4
    """
    lang = check_input(result, "result", lang, team="team", thinking="thinking", score="score")
    ax = get_axes(ax)
    return _score_bars(ax, result, "thinking", "thinking", lang, title=title,
                       title_key="thinking_title")


def plot_patrol_trend(result, *, ax=None, lang="zh", title=None):
    """Patrol score (share of the maximum) over visits, one line per team.

    Examples
    --------
    >>> d = pd.DataFrame({"team": "IT", "visit": [1] * 3 + [2] * 3,
    ...                   "item": ["P01", "P05", "P07"] * 2, "score": [1, 0, 2, 2, 1, 2]})
    >>> with isq.theme():
    ...     ax = isq.plot_patrol_trend(isq.score_patrol(d))
    >>> ax.get_lines()[0].get_ydata().round(3).tolist()
    [0.5, 0.833]
    """
    lang = check_input(result, "result", lang, team="team", visit="visit", percent="percent")
    ax = get_axes(ax)
    colors = PALETTES["sequence"]
    visits = list(pd.unique(result["visit"]))
    for i, (t, sub) in enumerate(result.groupby("team", sort=False)):
        x = [visits.index(v) for v in sub["visit"]]
        ax.plot(x, sub["percent"].to_numpy(float), "o-", color=colors[i % len(colors)], lw=2, label=str(t))
    ax.set_xticks(range(len(visits)))
    ax.set_xticklabels([str(v) for v in visits])
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(__import__("matplotlib.ticker", fromlist=["x"]).PercentFormatter(1.0))
    ax.set_xlabel(label("visit", lang))
    ax.set_ylabel(label("patrol_percent", lang))
    ax.legend(frameon=False, loc="lower right")
    ax.set_title(title or label("patrol_title", lang))
    return ax


def plot_patrol_weakest(weakest, *, ax=None, lang="zh", title=None, wrap=16):
    """Horizontal bars of the weakest patrol items (mean share of the maximum).

    Examples
    --------
    >>> d = pd.DataFrame({"team": "IT", "visit": [1] * 3 + [2] * 3,
    ...                   "item": ["P01", "P05", "P07"] * 2, "score": [1, 0, 2, 2, 1, 2]})
    >>> with isq.theme():
    ...     ax = isq.plot_patrol_weakest(isq.patrol_weakest(d, k=2))
    >>> len(ax.patches)
    2
    """
    import textwrap

    lang = check_input(weakest, "weakest", lang, item="item", text="text",
                       mean_percent="mean_percent")
    ax = get_axes(ax)
    labels_ = [f"{i} " + "\n".join(textwrap.wrap(str(t), wrap)) for i, t in zip(weakest["item"], weakest["text"])]
    if weakest["team"].nunique() > 1:
        labels_ = [f"[{t}] {s}" for t, s in zip(weakest["team"], labels_)]
    y = np.arange(len(weakest))
    ax.barh(y, weakest["mean_percent"].to_numpy(float), color=PALETTES["sentiment"]["pain"], height=0.6)
    ax.set_yticks(y)
    ax.set_yticklabels(labels_, fontsize="small")
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(__import__("matplotlib.ticker", fromlist=["x"]).PercentFormatter(1.0))
    ax.set_xlabel(label("patrol_percent", lang))
    ax.set_title(title or label("patrol_weakest_title", lang))
    return ax
