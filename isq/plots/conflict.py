"""The conflict-mode map: assertiveness × cooperativeness with the five modes' regions.

Axes-level: takes ``ax=None`` and returns the Axes; no global state.
"""

from __future__ import annotations

import numpy as np

from .._docstrings import share_docs
from .._validate import check_columns
from ..labels import label
from ..models.conflict import AXIS_MIDPOINT, COMPROMISE_RADIUS, CONFLICT_MODES
from .theme import PALETTES
from ._setup import check_input, get_axes

__all__ = ["plot_conflict_map", "MODE_COLOURS"]

#: One colour per mode (from the isq sequence palette).
MODE_COLOURS = dict(zip(CONFLICT_MODES, PALETTES["sequence"][1:6]))
#: Where each mode's name is written (cooperativeness, assertiveness).
_MODE_XY = {"competing": (12, 92), "collaborating": (88, 92), "avoiding": (12, 8),
            "accommodating": (88, 8), "compromising": (50, 50)}


@share_docs
def plot_conflict_map(profiles, *, ax=None, lang="zh", name=None, radius=COMPROMISE_RADIUS,
                      title=None, annotate=True):
    """Place people or teams on the five-mode map (冲突处理模式图).

    Parameters
    ----------
    profiles : DataFrame
        Output of :func:`isq.conflict_profile` (people or teams).
    {{ax_lang}}
    name : str, optional
        Column naming each point (default: ``respondent``, or the first column for teams).
    radius : float, default 15
        The compromise zone drawn (use the value given to ``conflict_profile``).
    title : str, optional
        Default: the label "conflict_map_title"; "" for none.
    annotate : bool, default True
        Write each point's name next to it.

    {{returns_axes}}

    Notes
    -----
    x = cooperativeness, y = assertiveness (0–100), as in Thomas (1976): competing top
    left, collaborating top right, avoiding bottom left, accommodating bottom right,
    compromising in the central circle. Masked (suppressed) teams are not drawn.

    Examples
    --------
    >>> prof = pd.DataFrame({"respondent": ["张三", "李四"], "assertiveness": [80.0, 30.0],
    ...                      "cooperativeness": [75.0, 20.0], "mode": ["collaborating", "avoiding"]})
    >>> with isq.theme():
    ...     ax = isq.plot_conflict_map(prof)
    >>> ax.get_ylabel()
    '自我主张（坚持己见）'
    """
    from matplotlib.patches import Circle, Rectangle

    lang = check_input(profiles, "profiles", lang, assertiveness="assertiveness",
                       cooperativeness="cooperativeness")
    if name is None:
        name = "respondent" if "respondent" in profiles.columns else profiles.columns[0]
    check_columns(profiles, name=name)
    ax = get_axes(ax)
    m = AXIS_MIDPOINT
    quads = {"competing": (0, m), "collaborating": (m, m), "avoiding": (0, 0),
             "accommodating": (m, 0)}
    for mode, (x0, y0) in quads.items():
        ax.add_patch(Rectangle((x0, y0), 100 - m if x0 else m, 100 - m if y0 else m,
                               facecolor=MODE_COLOURS[mode], alpha=0.10, edgecolor="none",
                               zorder=0))
    ax.add_patch(Circle((m, m), radius, facecolor="white", edgecolor="none", zorder=0.5))
    ax.add_patch(Circle((m, m), radius, facecolor=MODE_COLOURS["compromising"], alpha=0.15,
                        edgecolor=MODE_COLOURS["compromising"], linewidth=1.5, zorder=0.6))
    ax.axhline(m, color="#999999", linewidth=0.8, zorder=0.4)
    ax.axvline(m, color="#999999", linewidth=0.8, zorder=0.4)
    for mode, (x, y) in _MODE_XY.items():
        ax.text(x, y if mode != "compromising" else m + radius * 0.55, label(mode, lang),
                ha="center", va="center", fontsize="large",
                color=MODE_COLOURS[mode], alpha=0.9, zorder=1)
    pts = profiles.dropna(subset=["assertiveness", "cooperativeness"])
    modes = pts["mode"] if "mode" in pts.columns else [None] * len(pts)
    colours = [MODE_COLOURS.get(md, "#333333") for md in modes]
    ax.scatter(pts["cooperativeness"], pts["assertiveness"], s=70, c=colours,
               edgecolors="#222222", linewidths=0.8, zorder=3)
    if annotate:
        for x, y, t in zip(pts["cooperativeness"], pts["assertiveness"], pts[name]):
            ax.annotate(str(t), (x, y), xytext=(5, 5), textcoords="offset points",
                        fontsize="small", zorder=4)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_aspect("equal")
    ax.set_xticks(np.arange(0, 101, 25))
    ax.set_yticks(np.arange(0, 101, 25))
    ax.grid(False)
    ax.set_xlabel(label("cooperativeness", lang))
    ax.set_ylabel(label("assertiveness", lang))
    ax.set_title(label("conflict_map_title", lang) if title is None else title)
    return ax

