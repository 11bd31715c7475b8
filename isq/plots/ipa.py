"""The importance–performance grid (IPA chart, 重要性—表现矩阵)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._docstrings import share_docs
from ..errors import IsqError
from ..labels import IPA_QUADRANTS, KANO_CATEGORIES, label
from .kano import _annotate  # the shared deterministic label placer
from .theme import PALETTES
from ._setup import check_input, get_axes

__all__ = ["plot_ipa"]

#: Marker shape per Kano category when ``kano`` is given.
KANO_MARKERS = {"M": "s", "O": "o", "A": "^", "I": "D", "R": "v", "Q": "X"}
#: Marker of attributes with no Kano category: its own shape (it shared the circle with "O").
NO_KANO_MARKER = "P"
_MARKER_SIZE = 60
#: Shown instead of the grid when every attribute is suppressed (privacy) or missing.
_NOTHING_TO_SHOW = {"zh": "样本不足（评价人数少于最小人数），不予显示", "en": "Too few respondents: not shown"}


@share_docs
def plot_ipa(result, *, ax=None, lang="zh", diagonal=False, kano=None, names=None,
             annotate=True, title=None):
    """Draw the importance–performance grid.

    Parameters
    ----------
    result : DataFrame
        Output of :func:`isq.ipa` for one grid (filter one group first when it was
        computed with ``by``). Suppressed rows are not drawn.
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.
    lang : {"zh", "en"}, default "zh"
        Language of the quadrant names and axis labels.
    diagonal : bool, default False
        Also draw the iso-rating line importance = performance (points above it: the
        performance falls short of the importance).
    kano : dict or Series, optional
        Kano category per attribute ("M", "O", "A", "I", "R", "Q"); shown as the marker
        shape, with a legend.
    names : dict, optional
        Display names (attribute code → name) for the point labels.
    annotate : bool, default True
        Label the points (placed so that labels do not collide).
    title : str, optional
        Axes title.

    {{returns_axes}}

    Examples
    --------
    >>> res = isq.ipa(isq.load_demo("ipa").query("provider == 'IT'"))
    >>> with isq.theme():
    ...     ax = isq.plot_ipa(res, diagonal=True)
    >>> ax.get_xlabel()
    '表现'
    """
    lang = check_input(result, "result", lang, attribute="attribute",
                       importance_mean="importance_mean", performance_mean="performance_mean",
                       quadrant="quadrant", crosshair_importance="crosshair_importance",
                       crosshair_performance="crosshair_performance")
    cross = result[["crosshair_importance", "crosshair_performance"]].drop_duplicates()
    if len(cross) > 1:
        raise IsqError(
            "`result` holds several grids (it was computed with `by`); draw one at a time, "
            "e.g. plot_ipa(res[res['provider'] == 'IT'])."
        )
    ax = get_axes(ax)
    res = result
    if "suppressed" in res.columns:
        res = res[~res["suppressed"].astype(bool)]
    res = res[res["importance_mean"].notna() & res["performance_mean"].notna()]
    if res.empty:  # e.g. a department rated by fewer than min_group_size people: a note, no grid
        ax.text(0.5, 0.5, _NOTHING_TO_SHOW[lang], ha="center", va="center", transform=ax.transAxes, wrap=True)
        ax.set_xticks([])
        ax.set_yticks([])
        if title:
            ax.set_title(title)
        return ax
    x = res["performance_mean"].to_numpy(dtype=float)
    y = res["importance_mean"].to_numpy(dtype=float)
    cx = float(cross["crosshair_performance"].iloc[0])
    cy = float(cross["crosshair_importance"].iloc[0])

    # limits first: labels are placed in pixel space
    span = np.concatenate([x, y, [cx, cy]]) if len(x) else np.array([cx, cy])
    lo, hi = np.nanmin(span), np.nanmax(span)
    pad = max(0.3, 0.12 * (hi - lo))
    xlo, xhi = min(np.nanmin(x, initial=cx), cx) - pad, max(np.nanmax(x, initial=cx), cx) + pad
    ylo, yhi = min(np.nanmin(y, initial=cy), cy) - pad, max(np.nanmax(y, initial=cy), cy) + pad
    room = 0.08 * (yhi - ylo)  # head- and foot-room for the quadrant names
    ylo, yhi = ylo - room, yhi + room
    ax.set_xlim(xlo, xhi)
    ax.set_ylim(ylo, yhi)
    ax.axvline(cx, color="#555555", lw=1, zorder=1)
    ax.axhline(cy, color="#555555", lw=1, zorder=1)
    if diagonal:
        lo_d, hi_d = max(xlo, ylo), min(xhi, yhi)
        ax.plot([lo_d, hi_d], [lo_d, hi_d], ls="--", color="#888888", lw=1, zorder=1,
                label=label("iso_line", lang))

    # quadrant names in the corners: x = performance, y = importance (Martilla & James)
    corners = {
        "concentrate": (0.02, 0.98, "left", "top"),
        "keep_up": (0.98, 0.98, "right", "top"),
        "low_priority": (0.02, 0.02, "left", "bottom"),
        "overkill": (0.98, 0.02, "right", "bottom"),
    }
    for q in IPA_QUADRANTS:
        fx, fy, ha, va = corners[q]
        ax.text(fx, fy, label(q, lang), transform=ax.transAxes, ha=ha, va=va,
                color=PALETTES["quadrant"][q], alpha=0.9, zorder=0)

    colours = [PALETTES["quadrant"].get(q, "#7f7f7f") for q in res["quadrant"]]
    if kano is None:
        ax.scatter(x, y, c=colours, s=_MARKER_SIZE, edgecolors="white", linewidths=0.8,
                   zorder=3)
    else:
        kmap = pd.Series(kano) if isinstance(kano, dict) else kano
        cats = kmap.reindex(res["attribute"]).to_numpy(dtype=object)
        bad = [c for c in cats if isinstance(c, str) and c not in KANO_MARKERS]
        if bad:
            raise IsqError(f"Kano categories must be one of {', '.join(KANO_CATEGORIES)}; "
                           f"got {bad[0]!r}.")
        from matplotlib.lines import Line2D

        for cat in [*KANO_CATEGORIES, None]:
            sel = np.array([(c == cat) if cat else not isinstance(c, str) for c in cats])
            if not sel.any():
                continue
            marker = KANO_MARKERS[cat] if cat else NO_KANO_MARKER
            ax.scatter(x[sel], y[sel], c=[colours[i] for i in np.flatnonzero(sel)],
                       marker=marker, s=_MARKER_SIZE, edgecolors="#333333", linewidths=0.6,
                       zorder=3)
            # legend proxy in neutral grey: colour encodes the quadrant, shape the category
            name = label(cat if cat else "no_kano", lang)
            ax.add_line(Line2D([], [], ls="", marker=marker, markersize=7, color="#9e9e9e",
                               markeredgecolor="#333333", label=name))
    if kano is not None or diagonal:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=4, frameon=False,
                  fontsize="small")
    ax.set_xlabel(label("performance", lang))
    ax.set_ylabel(label("importance", lang))
    if title is not None:
        ax.set_title(title)
    if annotate and len(res):
        names = names or {}
        shown = [str(names.get(a, a)) for a in res["attribute"]]
        _annotate(ax, x, y, shown, _MARKER_SIZE)
    return ax
