"""The experience journey map (体验旅程图): stages across, the emotion curve, annotated points.

Axes-level: each function takes ``ax=None`` and returns the Axes; no global state.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from .._docstrings import share_docs
from ..errors import IsqError
from ..labels import label
from .theme import PALETTES
from ._setup import check_input, get_axes

__all__ = ["plot_journey_map"]

_POINT_COLORS = PALETTES["sentiment"]
_BAND_COLORS = ("#eef3f8", "#f7f7f7")
_VERSION_STYLES = ({"color": "#9e9e9e", "linestyle": "--"}, {"color": PALETTES["sequence"][0], "linestyle": "-"})
#: Characters per line of a touchpoint tick label (CJK characters are wide).
_WRAP = 6
#: How far below the scale's floor the moment-of-truth stars sit (share of the scale).
_STAR_DROP = 0.07



def _wrap(text, width=_WRAP):
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=True)) or str(text)


@share_docs
def plot_journey_map(summary, *, ax=None, lang="zh", journey=None, title=None, annotate=True,
                     scale=(-3, 3)):
    """Journey map: stage bands across the top, touchpoints along x, the emotion curve.

    Pain, itch and delight points are coloured and the pain/delight points named; moments
    of truth get a star. With two versions (before/after) both curves are drawn, the
    first dashed and grey; the annotations belong to the last version.

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`isq.journey_summary`.
    {{ax_lang}}
    journey : str, optional
        Which journey to draw when ``summary`` holds several (default: the first).
    title : str, optional
    annotate : bool
        Name the pain and delight points on the curve.
    scale : (float, float)
        The score scale, for the y limits (default −3 … +3).

    {{returns_axes}}

    Examples
    --------
    >>> s = isq.journey_summary(isq.load_demo("journey"))
    >>> with isq.theme():
    ...     ax = isq.plot_journey_map(s, journey="expense")
    >>> ax.get_title()
    '费用报销'
    """
    lang = check_input(summary, "summary", lang, stage="stage", touchpoint="touchpoint",
                       order="order", mean="mean", point="point")
    s = summary
    if "journey" in s.columns:
        names = list(pd.unique(s["journey"]))
        journey = names[0] if journey is None else journey
        if journey not in names:
            raise IsqError(f"`journey`={journey!r} is not in the summary; found {names!r}.")
        s = s[s["journey"] == journey]
    versions = list(pd.unique(s["version"])) if "version" in s.columns else [None]
    ax = get_axes(ax)
    # touchpoint positions from the union of versions, in journey order
    tps = s.sort_values("order").drop_duplicates("touchpoint")
    pos = {t: i for i, t in enumerate(tps["touchpoint"])}
    lo, hi = scale
    top = hi + (hi - lo) * 0.22
    # stage bands
    st = tps.groupby("stage", sort=False)["touchpoint"].agg(lambda t: [pos[x] for x in t])
    for k, (stage, xs) in enumerate(st.items()):
        x0, x1 = min(xs) - 0.5, max(xs) + 0.5
        ax.axvspan(x0, x1, color=_BAND_COLORS[k % 2], zorder=0)
        ax.add_patch(Rectangle(
            (x0 + 0.03, hi + (hi - lo) * 0.06), x1 - x0 - 0.06, (hi - lo) * 0.14,
            color=PALETTES["sequence"][0], alpha=0.85, zorder=1, linewidth=0))
        ax.text((x0 + x1) / 2, hi + (hi - lo) * 0.13, str(stage), ha="center", va="center",
                color="white", fontweight="bold", zorder=2)
    ax.axhline(0, color="#777777", linewidth=0.8, zorder=1)
    for vi, ver in enumerate(versions):
        d = s if ver is None else s[s["version"] == ver]
        d = d.sort_values("order")
        xs = d["touchpoint"].map(pos).to_numpy()
        style = _VERSION_STYLES[-1] if vi == len(versions) - 1 else _VERSION_STYLES[0]
        name = None if ver is None else label(str(ver), lang)
        ax.plot(xs, d["mean"], marker=None, linewidth=2.2, zorder=3, label=name, **style)
        last = vi == len(versions) - 1
        cols = [_POINT_COLORS.get(p, _POINT_COLORS["neutral"]) if last else style["color"] for p in d["point"]]
        ax.scatter(xs, d["mean"], s=80 if last else 30, c=cols, zorder=4, edgecolor="white")
        if not last:
            continue
        if "mot" in d.columns:
            mot = d["mot"].to_numpy(bool)
            # MOT stars in their own strip below the scale, clear of the pain labels
            ax.scatter(xs[mot], np.full(mot.sum(), lo - (hi - lo) * _STAR_DROP), marker="*", s=160,
                       color="#e69f00", zorder=4, label=label("mot", lang))
        if annotate:
            for x, m, p, t in zip(xs, d["mean"], d["point"], d["touchpoint"]):
                if p in ("pain", "delight"):
                    # at the first/last touchpoint the label grows inwards (English
                    # "Delight point" was clipped at both edges)
                    ha = "left" if x == 0 else "right" if x == len(pos) - 1 else "center"
                    dx = {"left": -6, "right": 6, "center": 0}[ha]
                    off = -12 if p == "pain" else 10
                    ax.annotate(f"{label(p, lang)} {m:+.1f}", (x, m), xytext=(dx, off), textcoords="offset points",
                                ha=ha, va="top" if p == "pain" else "bottom", fontsize="small",
                                color=_POINT_COLORS[p], fontweight="bold", zorder=5)
    # legend entries for the point classes
    for p in ("pain", "itch", "delight", "neutral"):
        ax.scatter([], [], color=_POINT_COLORS[p], s=60, label=label(p, lang))
    ax.set_xticks(list(pos.values()), [_wrap(t) for t in pos])
    ax.set_xlim(-0.5, len(pos) - 0.5)
    ax.set_ylim(lo - (hi - lo) * (_STAR_DROP + 0.06), top)
    ax.set_yticks(np.arange(np.ceil(lo), np.floor(hi) + 1))
    ax.set_ylabel(label("emotion", lang))
    ax.grid(axis="x", visible=False)
    # Legend just under the tick labels: offset by their line count in points, not a fixed
    # axes fraction (which left a wide gap at (10, 6)).
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import ScaledTranslation

    lines = max((_wrap(t).count("\n") + 1 for t in pos), default=1)
    size = FontProperties(size=ax.xaxis.get_ticklabels()[0].get_fontsize() if pos else 10).get_size_in_points()
    drop = (lines * size * 1.25 + 10) / 72
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), ncol=7 if lang == "zh" else 4,
              fontsize="small", frameon=False,
              bbox_transform=ax.transAxes + ScaledTranslation(0, -drop, ax.figure.dpi_scale_trans))
    if title is None:
        title = label(str(journey), lang) if journey is not None else ""
    ax.set_title(title)
    return ax
