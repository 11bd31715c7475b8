"""Complaint-control charts: Pareto bars with the cumulative line, and control charts.

Axes-level: each function takes ``ax=None`` and returns the Axes; no global state.
"""

from __future__ import annotations

import numpy as np

from .._docstrings import share_docs
from ..labels import label
from .theme import PALETTES
from ._setup import check_input, get_axes

__all__ = ["plot_pareto", "plot_control_chart"]

_VITAL = PALETTES["sentiment"]["pain"]
_TRIVIAL = "#b0b0b0"
_LINE = PALETTES["sequence"][0]
#: Shading of the 1-, 2- and 3-sigma zones (C, B, A), from the centre outwards.
_ZONE_ALPHA = (0.10, 0.06, 0.03)
#: Points the cumulative-share labels sit left of the bar centre (clear of the bar counts).
_CUM_LABEL_SHIFT = 14
#: Bars at least this share of the tallest carry their count inside, near the top.
_INSIDE_COUNT = 0.15
#: Headroom above the highest point or limit, as a share of the plotted range, kept free for
#: the legend so it never covers a point or its rule label.
_LEGEND_HEADROOM = 0.22



@share_docs
def plot_pareto(result, *, ax=None, lang="zh", title=None, show_cutoff=True):
    """Pareto chart: bars sorted by count (vital few highlighted) and the cumulative share.

    Parameters
    ----------
    result : DataFrame
        Output of :func:`isq.pareto`.
    {{ax_lang}}
    title : str, optional
        Defaults to the label "pareto_title"; pass "" for none.
    show_cutoff : bool
        Draw the cutoff line (``result.attrs["cutoff"]``, default 0.8).

    Returns
    -------
    matplotlib Axes
        The bar axes; the cumulative line lives on its twin (``ax.right_ax``).

    Examples
    --------
    >>> with isq.theme():
    ...     ax = isq.plot_pareto(isq.pareto(isq.load_demo("complaints")))
    >>> ax.get_ylabel()
    '数量'
    """
    lang = check_input(result, "result", lang, category="category", count="count",
                       cum_share="cum_share", vital_few="vital_few")
    ax = get_axes(ax)
    x = np.arange(len(result))
    colors = [_VITAL if v else _TRIVIAL for v in result["vital_few"]]
    bars = ax.bar(x, result["count"], color=colors, width=0.7, zorder=2)
    # Counts sit in the middle of tall bars and above short ones: the cumulative line runs
    # across bar tops, so a count written on top of a tall bar ended under its point or label.
    top = result["count"].max()
    for b, c, vital in zip(bars, result["count"], result["vital_few"]):
        inside = b.get_height() >= _INSIDE_COUNT * top
        ax.annotate(f"{c:g}", (b.get_x() + b.get_width() / 2, b.get_height() / 2 if inside else b.get_height()),
                    ha="center", va="center" if inside else "bottom", xytext=(0, 0 if inside else 2),
                    textcoords="offset points", fontsize="small",
                    color="white" if inside and vital else "black")
    ax.set_xticks(x, [label(str(c), lang) for c in result["category"]], rotation=30 if len(x) > 6 else 0,
                  ha="right" if len(x) > 6 else "center")
    ax.set_ylabel(label("count", lang))
    ax.set_xlabel(label("category", lang))
    ax.set_ylim(0, result["count"].max() * 1.12)
    ax.grid(axis="x", visible=False)
    ax2 = ax.twinx()
    ax2.plot(x, result["cum_share"] * 100, color=_LINE, marker="o", zorder=3)
    # The cumulative line rises from the lower left, so the upper left of each point is free
    # of the line; shifted left of the bar centre, the share never lands on the bar's count
    # ("66%" sat on "265" when both were centred).
    for xi, cs in zip(x, result["cum_share"]):
        ax2.annotate(f"{cs:.0%}", (xi, cs * 100), xytext=(-_CUM_LABEL_SHIFT, 3), textcoords="offset points",
                     ha="right", va="bottom", fontsize="x-small", color=_LINE,
                     bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.8))
    ax2.set_ylim(0, 110)
    ax2.set_ylabel(label("cum_share", lang) + " (%)")
    ax2.grid(False)
    ax2.spines["right"].set_visible(True)
    cutoff = result.attrs.get("cutoff", 0.8)
    if show_cutoff:
        ax2.axhline(cutoff * 100, color="#555555", linestyle="--", linewidth=1)
        ax2.annotate(f"{cutoff:.0%}", (x[-1] + 0.4, cutoff * 100), va="bottom", ha="right",
                     fontsize="x-small", color="#555555")
    ax.set_title(label("pareto_title", lang) if title is None else title)
    ax.right_ax = ax2
    return ax


@share_docs
def plot_control_chart(chart, *, ax=None, lang="zh", title=None, zones=True, ylabel=None,
                       annotate=True, percent=None):
    """Control chart with centre line, (variable) limits, sigma zones and flagged points.

    Parameters
    ----------
    chart : DataFrame
        Output of :func:`isq.control_chart` (or ``control_chart_phase1``).
    {{ax_lang}}
    {{title}}
    zones : bool
        Shade the 1-, 2- and 3-sigma zones.
    ylabel : str, optional
    annotate : bool
        Write the violated rule names next to flagged points.
    percent : bool, optional
        Show values as percentages (default: True for p charts).

    {{returns_axes}}

    Examples
    --------
    >>> cr = isq.complaint_rates(isq.load_demo("complaints"), isq.load_demo("requests"))
    >>> it = cr[cr["department"] == "IT"].set_index("month")
    >>> with isq.theme():
    ...     ax = isq.plot_control_chart(isq.control_chart(it["count"], it["size"]))
    >>> len(ax.get_xticklabels()) > 0
    True
    """
    lang = check_input(chart, "chart", lang, value="value", center="center", lcl="lcl",
                       ucl="ucl", out_of_control="out_of_control")
    ax = get_axes(ax)
    kind = chart.attrs.get("kind", "p")
    pct = (kind == "p") if percent is None else percent
    k = 100.0 if pct else 1.0
    m = len(chart)
    x = np.arange(m)
    v, c = chart["value"].to_numpy(float) * k, chart["center"].to_numpy(float) * k
    lcl, ucl = chart["lcl"].to_numpy(float) * k, chart["ucl"].to_numpy(float) * k
    sigma = (ucl - c) / 3.0
    if zones:
        for i, alpha in zip((1, 2, 3), _ZONE_ALPHA):
            lo_in, hi_in = np.maximum(c - (i - 1) * sigma, 0), c + (i - 1) * sigma
            lo, hi = np.maximum(c - i * sigma, 0), c + i * sigma
            ax.fill_between(x, hi_in, hi, step="mid", color=_LINE, alpha=alpha, linewidth=0, zorder=0)
            ax.fill_between(x, lo, lo_in, step="mid", color=_LINE, alpha=alpha, linewidth=0, zorder=0)
    ax.step(x, ucl, where="mid", color=_VITAL, linestyle="--", linewidth=1.2, label=label("ucl", lang))
    ax.step(x, lcl, where="mid", color=_VITAL, linestyle="--", linewidth=1.2, label=label("lcl", lang))
    ax.step(x, c, where="mid", color="#333333", linewidth=1.2, label=label("center", lang))
    excluded = chart["excluded"].to_numpy(bool) if "excluded" in chart.columns else np.zeros(m, bool)
    ax.plot(x, v, color=_LINE, linewidth=1.5, zorder=3)
    ax.plot(x[~excluded], v[~excluded], linestyle="none", color=_LINE, marker="o", markersize=5, zorder=3)
    flag = chart["out_of_control"].to_numpy(bool)
    if flag.any():
        if (flag & ~excluded).any():
            ax.scatter(x[flag & ~excluded], v[flag & ~excluded], s=90, color=_VITAL, zorder=4,
                       edgecolor="white", label=label("out_of_control", lang))
        if annotate and "rules" in chart.columns:
            for xi, vi, r in zip(x[flag], v[flag], chart["rules"].to_numpy()[flag]):
                ax.annotate(",".join(r), (xi, vi), xytext=(7, 4), textcoords="offset points",
                            fontsize="x-small", color=_VITAL, va="bottom")
    if excluded.any():
        # Phase I: points dropped while estimating the limits, hollow so they read differently.
        ax.scatter(x[excluded], v[excluded], s=110, facecolor="white", edgecolor=_VITAL, linewidth=2,
                   zorder=5, label=label("excluded", lang))
    # Limit values sit just outside the right edge, level with their line, never on it.
    for y, name, colour in ((ucl[-1], "ucl", _VITAL), (c[-1], "center", "#333333"), (lcl[-1], "lcl", _VITAL)):
        if np.isfinite(y) and (name != "lcl" or y > 0):
            ax.annotate(f"{label(name, lang)} {y:.3g}", (1, y), xycoords=("axes fraction", "data"),
                        xytext=(4, 0), textcoords="offset points", fontsize="x-small", va="center",
                        ha="left", color=colour, annotation_clip=False)
    step = max(1, int(np.ceil(m / 12)))
    ax.set_xticks(x[::step], [str(i) for i in chart.index[::step]], rotation=45 if m > 8 else 0,
                  ha="right" if m > 8 else "center")
    ax.set_xlim(-0.6, m - 0.4)
    finite = np.concatenate([v, ucl, c, lcl])
    finite = finite[np.isfinite(finite)]
    bottom = 0.0 if np.nanmin(lcl) >= 0 else float(finite.min())
    top = float(finite.max())
    ax.set_ylim(bottom, top + (top - bottom) * _LEGEND_HEADROOM)
    ax.set_xlabel(label(str(chart.index.name), lang) if chart.index.name else label("subgroup", lang))
    ax.set_ylabel(ylabel if ylabel is not None else label("value", lang) + (" (%)" if pct else ""))
    ax.set_title(label("control_chart_title", lang) if title is None else title)
    ax.legend(loc="upper left", fontsize="x-small", ncol=5, borderaxespad=0.3)
    return ax
