"""The team scoreboard chart: horizontal bars, leader on top, ranks and the MVP.

Axes-level: takes ``ax=None`` and returns the Axes; no global state.
"""

from __future__ import annotations

import numpy as np

from .._docstrings import share_docs
from .._validate import check_columns
from ..errors import IsqError
from ..labels import check_lang, label
from ..models.scoreboard import Scoreboard
from .theme import PALETTES
from ._setup import get_axes

__all__ = ["plot_scoreboard", "team_colours"]

#: Colour words in team names and the colour each one gets (红队 is red, whatever its rank).
COLOUR_WORDS = {
    "红": "#d62728", "蓝": "#1f77b4", "绿": "#2ca02c", "黄": "#e6b800", "紫": "#9467bd", "橙": "#ff7f0e",
    "red": "#d62728", "blue": "#1f77b4", "green": "#2ca02c", "yellow": "#e6b800",
    "purple": "#9467bd", "orange": "#ff7f0e",
}


def team_colours(teams):
    """One colour per team, by identity: stable across redraws and rank changes.

    A team whose name contains a colour word (红/蓝/绿/黄/紫/橙 or red/blue/...) gets that
    colour; the others take the palette in order of their sorted names, skipping colours
    already taken.

    Examples
    --------
    >>> c = team_colours(["蓝队", "红队", "Alpha"])
    >>> c["红队"], c["蓝队"], c["Alpha"]
    ('#d62728', '#1f77b4', '#2ca02c')
    """
    teams = [str(t) for t in dict.fromkeys(teams)]
    out = {}
    for t in teams:
        low = t.lower()
        hit = next((c for w, c in COLOUR_WORDS.items() if w in low), None)
        if hit is not None:
            out[t] = hit
    free = [c for c in PALETTES["sequence"] if c not in out.values()] or list(PALETTES["sequence"])
    for i, t in enumerate(sorted(t for t in teams if t not in out)):
        out[t] = free[i % len(free)]
    return out


@share_docs
def plot_scoreboard(board, *, ax=None, lang="zh", title=None, show_mvp=True):
    """Draw the standings: one bar per team, sorted, with rank labels and the MVP.

    Parameters
    ----------
    board : Scoreboard or DataFrame
        A :class:`isq.Scoreboard` or its ``standings()`` table.
    {{ax_lang}}
    title : str, optional
        Default: the label "scoreboard_title"; "" for none.
    show_mvp : bool, default True
        Note the MVP under the title (needs a Scoreboard).

    {{returns_axes}}

    Examples
    --------
    >>> board = isq.Scoreboard(["红队", "蓝队"])
    >>> board.add_points("蓝队", 5, member="李四")
    >>> with isq.theme():
    ...     ax = isq.plot_scoreboard(board)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['第1名  蓝队', '第2名  红队']
    """
    check_lang(lang)
    if isinstance(board, Scoreboard):
        table, mvp, teams = board.standings(), board.mvp(), board.teams
    elif hasattr(board, "columns"):
        check_columns(board, rank="rank", team="team", total="total")
        table, mvp, teams = board, None, list(board["team"])
    else:
        raise IsqError(f"`board` must be an isq.Scoreboard or its standings(); "
                       f"got {type(board).__name__}.")
    ax = get_axes(ax)
    table = table.sort_values(["rank"], kind="stable")
    y = np.arange(len(table))[::-1]
    colours = [team_colours(teams)[t] for t in table["team"]]
    ax.barh(y, table["total"], color=colours, height=0.6)
    span = max(float(table["total"].abs().max()), 1.0)
    for yy, v in zip(y, table["total"]):
        ax.text(max(v, 0) + 0.01 * span, yy, f"{v:g}", va="center", ha="left")
    ticks = [f"{label('rank_fmt', lang).format(rank=int(r))}  {t}"
             for r, t in zip(table["rank"], table["team"])]
    ax.set_yticks(y, ticks)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_xlim(min(0.0, float(table["total"].min()) * 1.15), span * 1.15)
    ax.set_xlabel(label("total_points", lang))
    ax.grid(axis="y", visible=False)
    heading = label("scoreboard_title", lang) if title is None else title
    if show_mvp and mvp is not None:
        note = label("mvp_fmt", lang).format(member=mvp["member"], team=mvp["team"],
                                             points=mvp["points"])
        heading = f"{heading}\n{note}" if heading else note
    ax.set_title(heading)
    return ax

