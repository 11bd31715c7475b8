"""Strategy house (策略屋) and execution-breakdown tree (执行分解) diagrams.

Axes-level: each function takes ``ax=None`` and returns the Axes; no global state.
"""

from __future__ import annotations

import textwrap

from matplotlib.patches import Polygon, Rectangle

from .._docstrings import share_docs
from ..labels import check_lang, label
from .theme import PALETTES
from ._setup import get_axes

__all__ = ["plot_strategy_house", "plot_breakdown_tree"]

_ROOF = "#1f4e79"
_PILLAR = "#2e75b6"
_BASE = "#7f7f7f"



def _house(house):
    from ..models.strategy import load_strategy

    if isinstance(house, dict) and "pillars" in house and "source" in house:
        return house
    return load_strategy(house)


#: Characters after which a Chinese line may break (the text keeps them at the line end).
_BREAK_AFTER = "、，,；;：:/／。）)"


def _wrap(text, width):
    """Wrap to ``width`` characters; Chinese breaks after punctuation or between phrases.

    Latin text wraps between words. Chinese text is cut into phrases after 、，/ etc., and lines are filled with whole phrases; a phrase longer than a line is cut at
    even offsets, so a 2-character word is not split when the line is long enough
    ("不推诿" used to come out as "不推\n诿").
    """
    text, width = str(text), max(int(width), 2)
    if text.isascii():
        return "\n".join(textwrap.wrap(text, width, break_long_words=True))
    phrases, cur = [], ""
    for ch in text:
        cur += ch
        if ch in _BREAK_AFTER:
            phrases.append(cur)
            cur = ""
    if cur:
        phrases.append(cur)
    even = width - (width % 2)
    lines, line = [], ""
    for ph in phrases:
        if len(line) + len(ph) <= width:
            line += ph
            continue
        if line:
            lines.append(line)
            line = ""
        while len(ph) > width:
            cut = even if len(ph) - even != 1 or even < 2 else even - 1
            cut = max(cut, 1)
            lines.append(ph[:cut])
            ph = ph[cut:]
        line = ph
    if line:
        lines.append(line)
    return "\n".join(lines)


def _fit_above(text, floor, smallest=6.0):
    """Shrink ``text`` (va="top") until its lowest line clears ``floor``: a data y or a
    Text below it (its top, plus a small gap)."""
    ax = text.axes
    renderer = ax.figure.canvas.get_renderer()
    if hasattr(floor, "get_window_extent"):
        limit = floor.get_window_extent(renderer).y1 + 3
    else:
        limit = ax.transData.transform((0, floor))[1]
    while text.get_fontsize() > smallest and text.get_window_extent(renderer).y0 < limit:
        text.set_fontsize(text.get_fontsize() - 0.5)


@share_docs
def plot_strategy_house(house, *, ax=None, lang="zh", title=None, show_projects=True):
    """The strategy house: roof = goal, pillars = strategies, foundation = culture and mechanisms.

    Parameters
    ----------
    house : dict, str or Path
        Output of :func:`isq.load_strategy` (or anything it accepts, e.g. "demo").
    {{ax_lang}}
    {{title}}
    show_projects : bool
        List each pillar's projects inside it.

    {{returns_axes}}

    Examples
    --------
    >>> with isq.theme():
    ...     ax = isq.plot_strategy_house("demo")
    >>> ax.get_title()
    '服务策略屋'
    """
    check_lang(lang)
    h = _house(house)
    ax = get_axes(ax)
    W, n = 10.0, len(h["pillars"])
    ax.set_xlim(-0.6, W + 0.6)  # limits first: the project lists are fitted in display space
    ax.set_ylim(-0.2, 9.8)
    # roof
    ax.add_patch(Polygon([(-0.4, 7.0), (W + 0.4, 7.0), (W / 2, 9.6)], closed=True, facecolor=_ROOF,
                         edgecolor="white", zorder=1))
    ax.text(W / 2, 7.85, _wrap(h["roof"], 16), ha="center", va="center", color="white",
            fontweight="bold", fontsize="large", zorder=2)
    ax.text(W / 2, 8.95, label("roof", lang), ha="center", va="center", color="#cfe2f3",
            fontsize="small", zorder=2)
    # pillars
    gap = 0.25
    pw = (W - gap * (n + 1)) / n
    chars = max(int(pw * 2.6), 3)
    for i, p in enumerate(h["pillars"]):
        x0 = gap + i * (pw + gap)
        ax.add_patch(Rectangle((x0, 2.6), pw, 4.2, facecolor=_PILLAR, edgecolor="white", zorder=1))
        ax.text(x0 + pw / 2, 6.45, _wrap(p["name"], chars), ha="center", va="top", color="white",
                fontweight="bold", zorder=2)
        floor = None
        if p.get("dimension"):
            floor = ax.text(x0 + pw / 2, 2.75, label(p["dimension"], lang), ha="center", va="bottom",
                    color="#dbe8f5", fontsize="small", zorder=2)
        if show_projects and p["projects"]:
            txt = "\n".join("· " + _wrap(pr["name"], chars - 1).replace("\n", "\n  ") for pr in p["projects"])
            # shrink the list until it ends above the dimension label (it ran into it)
            t = ax.text(x0 + 0.12, 5.3, txt, ha="left", va="top", color="white", fontsize="small",
                        linespacing=1.25, zorder=2)
            _fit_above(t, floor if floor is not None else 2.75)
    # foundation
    ax.add_patch(Rectangle((-0.4, 0.0), W + 0.8, 2.4, facecolor=_BASE, edgecolor="white", zorder=1))
    ax.text(W / 2, 2.2, label("foundation", lang), ha="center", va="top", color="white",
            fontweight="bold", zorder=2)
    items = h["foundation"]
    if items:
        cols = 2 if len(items) > 2 else 1
        per = -(-len(items) // cols)
        for j, it in enumerate(items):
            c, r = divmod(j, per)
            x = 0.1 + c * (W + 0.4) / cols
            ax.text(x, 1.6 - r * 0.5, "■ " + _wrap(it, 40 // cols), ha="left", va="top", color="white",
                    fontsize="small", zorder=2)
    ax.set_xlim(-0.6, W + 0.6)
    ax.set_ylim(-0.2, 9.8)
    ax.axis("off")
    ax.set_title(label("strategy_house_title", lang) if title is None else title)
    return ax


@share_docs
def plot_breakdown_tree(house, *, ax=None, lang="zh", title=None):
    """Execution breakdown as a tree: strategy → project → actions (owner, due date).

    Parameters
    ----------
    house : dict, str or Path
        Output of :func:`isq.load_strategy` (or anything it accepts, e.g. "demo").
    ax : matplotlib Axes, optional
        Give it a tall figure (about 0.45 inch per action) for many actions.
    {{lang}}
    {{title}}

    {{returns_axes}}

    Examples
    --------
    >>> with isq.theme():
    ...     ax = isq.plot_breakdown_tree("demo")
    >>> ax.get_title()
    '策略执行分解'
    """
    check_lang(lang)
    h = _house(house)
    ax = get_axes(ax)
    xs = (0.0, 3.3, 6.6)
    colors = PALETTES["sequence"]
    row = 0
    box = {"boxstyle": "round,pad=0.3", "linewidth": 0}
    for i, p in enumerate(h["pillars"]):
        col = colors[i % len(colors)]
        proj_ys = []
        for pr in p["projects"]:
            acts = pr["actions"] or [None]
            ys = []
            for a in acts:
                y = -row
                ys.append(y)
                row += 1
                if a is None:
                    continue
                who = a["owner"] + "，" if lang == "zh" else a["owner"] + ", "
                ax.text(xs[2] + 0.1, y, f"{_wrap(a['what'], 22)}（{who}{a['due']:%Y-%m-%d}）" if lang == "zh"
                        else f"{_wrap(a['what'], 22)} ({who}{a['due']:%Y-%m-%d})",
                        ha="left", va="center", fontsize="small", zorder=2)
            py = sum(ys) / len(ys)
            for y in ys:
                ax.plot([xs[1] + 2.7, xs[2] - 0.2, xs[2] - 0.2, xs[2] + 0.05], [py, py, y, y],
                        color=col, linewidth=1, zorder=1)
            owner = f"\n{label('owner', lang)}: {pr['owner']}" if pr["owner"] else ""
            ax.text(xs[1], py, _wrap(pr["name"], 10) + owner, ha="left", va="center", fontsize="small",
                    bbox={**box, "facecolor": col, "alpha": 0.18}, zorder=2)
            proj_ys.append(py)
        row += 0.4
        if not proj_ys:
            proj_ys = [-row]
            row += 1
        sy = sum(proj_ys) / len(proj_ys)
        for y in proj_ys:
            ax.plot([xs[0] + 2.6, xs[1] - 0.2, xs[1] - 0.2, xs[1] - 0.05], [sy, sy, y, y],
                    color=col, linewidth=1.4, zorder=1)
        ax.text(xs[0], sy, _wrap(p["name"], 8), ha="left", va="center", fontweight="bold", color="white",
                bbox={**box, "facecolor": col}, zorder=2)
    for x, key in zip(xs, ("strategy", "project", "action")):
        ax.text(x, 1.0, label(key, lang), ha="left", va="bottom", fontweight="bold", color="#555555")
    ax.set_xlim(-0.2, 12.5)
    ax.set_ylim(-row + 0.2, 1.8)
    ax.axis("off")
    ax.set_title(label("breakdown_title", lang) if title is None else title)
    return ax
