"""The bull's-eye chart (牛眼图) of improvement items.

Axes-level: each function takes ``ax=None`` and returns the Axes; no global state.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.patches import Circle

from .._docstrings import share_docs
from ..labels import label
from .theme import PALETTES
from ._setup import check_input, get_axes

__all__ = ["plot_bullseye"]

#: Ring fill colours from the centre outwards (red = urgent).
_RING_COLORS = ("#f4b6b6", "#fbe3c4", "#e8f1e4", "#eeeeee", "#f7f7f7")
#: Radius of the centre ring (the others are 1 wide).
_CENTRE = 1.6
#: Characters per line of an item label.
_WRAP = 7
#: Characters per line of a Latin-script label (wrapped between words, never inside one).
_WRAP_LATIN = 14
#: Horizontal room (data units) beside the outer ring for the sector names.
_SIDE_ROOM = 2.1
#: Gap between the outer ring and the sector names (outer-ring item labels reach past the ring).
_NAME_GAP = 0.7



@share_docs
def plot_bullseye(result, *, ax=None, lang="zh", title=None, show_score=True):
    """Bull's-eye chart: concentric rings (must / should / could), sectors by category.

    Items of a ring × sector cell are spread evenly over the cell's angle and staggered
    in radius, so labels do not overlap; long labels are wrapped.

    Parameters
    ----------
    result : DataFrame
        Output of :func:`isq.bullseye`.
    {{ax_lang}}
    {{title}}
    show_score : bool
        Append the score (votes) to each label.

    {{returns_axes}}

    Examples
    --------
    >>> b = isq.bullseye(isq.load_demo("ideas"), label="title_zh")
    >>> with isq.theme():
    ...     ax = isq.plot_bullseye(b)
    >>> ax.get_title()
    '改善项目牛眼图'
    """
    lang = check_input(result, "result", lang, item="item", sector="sector", ring_no="ring_no",
                       score="score", label="label")
    ax = get_axes(ax)
    if getattr(ax, "name", "rectilinear") != "rectilinear":
        from ..errors import IsqError

        raise IsqError(
            f"plot_bullseye draws its own rings on ordinary axes; got {ax.name!r} axes. "
            "Pass a normal Axes (plt.subplots() or fig.add_subplot() without projection='polar'), "
            "or ax=None. / 牛眼图请传入普通坐标轴（不要 projection='polar'）。"
        )
    rings = list(result.attrs.get("rings", ("must", "should", "could")))
    nr = max(len(rings), int(result["ring_no"].max()))
    sectors = list(pd.unique(result["sector"]))
    ns = len(sectors)
    # ring boundaries: the centre ring is thicker so that its items have room
    bounds = [_CENTRE + k for k in range(nr)]
    for r in range(nr, 0, -1):
        ax.add_patch(Circle((0, 0), bounds[r - 1], facecolor=_RING_COLORS[(r - 1) % len(_RING_COLORS)],
                            edgecolor="#666666", linewidth=1.2, zorder=0))
    width = 2 * np.pi / ns
    if ns > 1:
        for k in range(ns):
            a = np.pi / 2 - k * width
            ax.plot([0, bounds[-1] * np.cos(a)], [0, bounds[-1] * np.sin(a)], color="#666666", linewidth=0.8, zorder=1)
    for k, sec in enumerate(sectors):
        a = np.pi / 2 - (k + 0.5) * width
        ha = "left" if np.cos(a) > 0.2 else "right" if np.cos(a) < -0.2 else "center"
        ax.text((bounds[-1] + _NAME_GAP) * np.cos(a), (bounds[-1] + _NAME_GAP) * np.sin(a), label(str(sec), lang), ha=ha,
                va="center", fontweight="bold", color=PALETTES["dimension"].get(sec, "#333333"))
    # Ring names go in a key beside the target: written inside the rings they sat under
    # the item labels ("必须立即做" was unreadable).
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(facecolor=_RING_COLORS[(r - 1) % len(_RING_COLORS)], edgecolor="#666666",
                             label=f"{r}. {label(f'ring_{name}', lang)}")
                       for r, name in enumerate(rings[:nr], 1)],
              loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)
    for (sec, rno), cell in result.groupby(["sector", "ring_no"], sort=False):
        k = sectors.index(sec)
        m = len(cell)
        a0 = np.pi / 2 - k * width
        for j, (_, row) in enumerate(cell.iterrows()):
            a = a0 - width * (j + 1) / (m + 1)
            inner = bounds[rno - 2] if rno > 1 else 0.0
            thick = bounds[rno - 1] - inner
            rad = inner + thick * ((0.35 if j % 2 else 0.68) if m > 1 else 0.55)
            if rno == 1:
                rad = thick * (0.45 if j % 2 else 0.78) if m > 1 else thick * 0.6
            x, y = rad * np.cos(a), rad * np.sin(a)
            ax.scatter([x], [y], s=36, color="#8b0000" if rno == 1 else "#333333", zorder=3)
            text = str(row["label"])
            latin = text.isascii()
            txt = "\n".join(textwrap.wrap(text, _WRAP_LATIN if latin else _WRAP, break_long_words=not latin))
            if show_score:
                score = f"({row['score']:g})"
                last = txt.rsplit("\n", 1)[-1]
                wide = _WRAP_LATIN if latin else _WRAP
                txt += f" {score}" if len(last) + len(score) <= wide else f"\n{score}"
            ax.annotate(txt, (x, y), xytext=(0, -4), textcoords="offset points", ha="center", va="top",
                        fontsize="x-small", zorder=4, linespacing=1.0,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "linewidth": 0})
    # Room for the sector names left and right (可靠性 was cut off at the right edge).
    ax.set_xlim(-bounds[-1] - _SIDE_ROOM, bounds[-1] + _SIDE_ROOM)
    ax.set_ylim(-bounds[-1] - 0.8, bounds[-1] + 0.8)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(label("bullseye_title", lang) if title is None else title)
    return ax
