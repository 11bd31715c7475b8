"""Kano charts: the better–worse coefficient scatter and stacked category-share bars.

Axes-level: each function takes ``ax=None`` and returns the Axes; no global state.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._docstrings import share_docs
from ..errors import IsqError
from ..labels import KANO_CATEGORIES, check_lang, label
from .._validate import check_columns, check_frame
from .theme import PALETTES
from ._setup import check_input, get_axes

__all__ = ["plot_kano_better_worse", "plot_kano_categories"]

#: Where the quadrant lines of the better–worse chart sit (Berger et al. 1993 read 0.5).
QUADRANT_THRESHOLD = 0.5
#: Quadrant of the better–worse chart for each category: (|worse| high?, better high?).
_QUADRANTS = {"A": (False, True), "O": (True, True), "M": (True, False), "I": (False, False)}
#: Label placement: padding between labels and gap to the marker (pixels), and how many
#: half-label-heights a label may move up or down to find a free place.
_LABEL_PAD = 2.0
_LABEL_GAP = 2.0
_MAX_STEPS = 24



def _display_names(summary, labels):
    feats = summary["feature"].astype(str)
    if labels is None:
        return feats.tolist()
    if isinstance(labels, str):
        check_columns(summary, labels=labels)
        return summary[labels].astype(str).tolist()
    if isinstance(labels, dict):
        return [str(labels.get(f, f)) for f in feats]
    raise IsqError("`labels` must be None, a column name of `summary` or a dict feature -> name; "
                   f"got {type(labels).__name__}.")


def _overlap_area(cands, boxes, pad):
    """Overlap area of each candidate box (c, 4) with each fixed box (k, 4), padded."""
    if len(boxes) == 0:
        return np.zeros((len(cands), 0))
    ox = (np.minimum(cands[:, None, 2], boxes[None, :, 2]) + pad
          - np.maximum(cands[:, None, 0], boxes[None, :, 0]))
    oy = (np.minimum(cands[:, None, 3], boxes[None, :, 3]) + pad
          - np.maximum(cands[:, None, 1], boxes[None, :, 1]))
    return np.clip(ox, 0, None) * np.clip(oy, 0, None)


def _place_labels(points, sizes, radius, bounds, obstacles=None):
    """Deterministic label placement ("repel" without randomness or extra dependencies).

    points : (n, 2) marker centres in pixels; sizes : (n, 2) label width/height in pixels;
    radius : marker radius in pixels; bounds : x0, y0, x1, y1 of the axes in pixels;
    obstacles : optional (k, 4) boxes that labels must avoid too (e.g. quadrant names).
    Labels are placed one after another (input order). Each label tries candidate boxes
    right of, left of, above and below its marker, then ever further up or down, nearest
    first, and takes the first that stays inside the axes and overlaps no placed label and
    no marker. When none is free it takes the candidate with the least overlap.
    Returns (n, 4) boxes x0, y0, x1, y1.
    """
    points = np.asarray(points, dtype=float)
    n = len(points)
    markers = np.column_stack([points - radius, points + radius])
    if obstacles is not None and len(obstacles):
        markers = np.vstack([markers, np.asarray(obstacles, dtype=float)])
    placed = np.empty((0, 4))
    out = np.zeros((n, 4))
    bx0, by0, bx1, by1 = bounds
    for i in range(n):
        (px, py), (w, h) = points[i], sizes[i]
        gap = radius + _LABEL_GAP
        steps = np.arange(0, _MAX_STEPS + 1) * h * 0.55
        dys = np.concatenate([[0.0], np.ravel(np.column_stack([steps[1:], -steps[1:]]))])
        cands = []
        for dy in dys:
            ymid = py + dy
            cands.append((px + gap, ymid - h / 2))                  # right
            cands.append((px - gap - w, ymid - h / 2))              # left
            if abs(dy) >= gap + h / 2 - 1e-9:                       # above / below, centred
                cands.append((px - w / 2, ymid - h / 2))
        c = np.array(cands)
        boxes = np.column_stack([c, c + [w, h]])
        inside = ((boxes[:, 0] >= bx0) & (boxes[:, 2] <= bx1)
                  & (boxes[:, 1] >= by0) & (boxes[:, 3] <= by1))
        clash = (_overlap_area(boxes, placed, _LABEL_PAD).sum(axis=1)
                 + _overlap_area(boxes, markers, 0.0).sum(axis=1))
        near = np.clip(points[i], boxes[:, :2], boxes[:, 2:])
        dist = np.hypot(*(near - points[i]).T)
        ok = inside & (clash == 0)
        if ok.any():
            pick = np.flatnonzero(ok)[np.argmin(dist[ok])]
        else:  # crowded: least overlap (inside the axes if possible), then nearest
            penalty = clash + np.where(inside, 0.0, 1e9)
            pick = np.lexsort((dist, penalty))[0]
        out[i] = boxes[pick]
        placed = np.vstack([placed, boxes[pick]])
    return out


@share_docs
def plot_kano_better_worse(summary, *, ax=None, lang="zh", category="category_rule",
                           labels=None, threshold=QUADRANT_THRESHOLD, annotate=True,
                           marker_size=60, legend=True):
    """The better–worse coefficient scatter (Better–Worse 系数图) of a Kano summary.

    Parameters
    ----------
    summary : pandas.DataFrame
        The result of :func:`isq.kano_summary` (one row per feature; filter a ``by`` result
        to one group first).
    ax : matplotlib.axes.Axes, optional
        Where to draw; the current Axes by default.
    lang : {"zh", "en"}
        Language of axis titles, quadrant names and legend.
    category : str, default "category_rule"
        Column whose category colours the points ("category" for the plain mode).
    labels : None, str or dict
        Point labels: the feature codes (None), a column of ``summary`` such as "name_zh",
        or a mapping feature -> display name.
    threshold : float, default 0.5
        Position of the quadrant lines on both axes.
    annotate : bool, default True
        Write the labels, moved apart so that they do not overlap each other or the points.
    marker_size : float
        Marker area in points².
    legend : bool, default True
        Show the category legend.

    {{returns_axes}}

    Notes
    -----
    x = |worse| = (O + M) / (A + O + M + I), y = better = (A + O) / (A + O + M + I).
    Quadrants: top left attractive (魅力型), top right one-dimensional (期望型), bottom right
    must-be (必备型), bottom left indifferent (无差异型).

    Examples
    --------
    >>> summary = isq.kano_summary(isq.load_demo("kano"))
    >>> names = isq.load_demo("kano_features").set_index("feature")["name_zh"].to_dict()
    >>> with isq.theme():
    ...     ax = isq.plot_kano_better_worse(summary, labels=names)
    >>> ax.get_ylabel()
    'Better 系数（满意影响力）'
    """
    lang = check_input(summary, "summary", lang, feature="feature", better="better",
                       worse="worse", category=category)
    if summary["feature"].duplicated().any():
        raise IsqError("`summary` has several rows per feature (a `by` result?): select one group "
                       "first, e.g. summary[summary['wave'] == 'post'].")
    ax = get_axes(ax)
    data = summary.reset_index(drop=True)
    x = (-pd.to_numeric(data["worse"], errors="coerce")).to_numpy(dtype=float, na_value=np.nan)
    y = pd.to_numeric(data["better"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    cats = data[category].astype(object).where(data[category].notna(), None).tolist()
    names = _display_names(data, labels)
    colours = PALETTES["kano"]

    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.axvline(threshold, color="#555555", lw=1, ls="--", zorder=1)
    ax.axhline(threshold, color="#555555", lw=1, ls="--", zorder=1)
    quadrant_texts = []
    for code, (right, top) in _QUADRANTS.items():
        quadrant_texts.append(ax.text(
            0.98 if right else 0.02, 0.98 if top else 0.02, label(code, lang),
            transform=ax.transAxes, ha="right" if right else "left", va="top" if top else "bottom",
            color=colours[code], alpha=0.85, zorder=1))
    ok = np.isfinite(x) & np.isfinite(y)
    present = [c for c in KANO_CATEGORIES if c in set(cats)]
    for code in present:
        sel = ok & np.array([c == code for c in cats])
        ax.scatter(x[sel], y[sel], s=marker_size, color=colours[code], edgecolor="white",
                   linewidth=0.8, zorder=3, label=label(code, lang))
    other = ok & np.array([c is None for c in cats])
    if other.any():
        ax.scatter(x[other], y[other], s=marker_size, color="#cccccc", zorder=3)
    ax.set_xlabel(label("kano_worse_abs", lang))
    ax.set_ylabel(label("kano_better", lang))
    if legend and present:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(present), frameon=False)
    if annotate and ok.any():
        _annotate(ax, x[ok], y[ok], [n for n, k in zip(names, ok) if k], marker_size, quadrant_texts)
    return ax


def _annotate(ax, x, y, names, marker_size, avoid=()):
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    pts = ax.transData.transform(np.column_stack([x, y]))
    r = np.sqrt(marker_size) * fig.dpi / 72 / 2  # marker radius in pixels
    texts = [ax.text(xx, yy, name, fontsize="small", ha="left", va="bottom", zorder=4)
             for xx, yy, name in zip(x, y, names)]
    sizes = np.array([[e.width, e.height] for e in (t.get_window_extent(renderer) for t in texts)])
    bbox = ax.get_window_extent(renderer)
    obstacles = [[e.x0, e.y0, e.x1, e.y1] for e in (t.get_window_extent(renderer) for t in avoid)]
    boxes = _place_labels(pts, sizes, r, (bbox.x0, bbox.y0, bbox.x1, bbox.y1), obstacles)
    inv = ax.transData.inverted()
    for t, box, p in zip(texts, boxes, pts):
        t.set_position(inv.transform((box[0], box[1])))
        near = np.clip(p, box[:2], box[2:])
        if np.hypot(*(near - p)) > 2.5 * r:
            # moved away from its marker: a thin leader line to the nearest box edge
            a, b = inv.transform(p), inv.transform(near)
            ax.plot([a[0], b[0]], [a[1], b[1]], color="#888888", lw=0.6, zorder=2)


@share_docs
def plot_kano_categories(summary, *, ax=None, lang="zh", labels=None,
                         categories=KANO_CATEGORIES, min_share_label=0.08, legend=True):
    """Stacked bars of the category shares per feature (Kano 分类占比).

    Parameters
    ----------
    summary : pandas.DataFrame
        The result of :func:`isq.kano_summary` (one row per feature).
    ax : matplotlib.axes.Axes, optional
        Where to draw; the current Axes by default.
    lang : {"zh", "en"}
        Language of the axis title and legend.
    labels : None, str or dict
        Bar labels: feature codes, a column of ``summary`` or a mapping feature -> name.
    categories : sequence of str
        Categories to stack, in order (default M, O, A, I, R, Q).
    min_share_label : float, default 0.08
        Segments at least this wide carry their percentage.
    legend : bool, default True
        Show the category legend.

    {{returns_axes}}

    Notes
    -----
    Share of category c = count of c / n (n includes Q), so each bar sums to 1.

    Examples
    --------
    >>> summary = isq.kano_summary(isq.load_demo("kano"))
    >>> with isq.theme():
    ...     ax = isq.plot_kano_categories(summary, lang="en")
    >>> len(ax.patches)  # 6 categories x 12 features
    72
    """
    check_lang(lang)
    check_frame(summary, name="summary")
    bad = [c for c in categories if c not in KANO_CATEGORIES]
    if bad:
        raise IsqError(f"`categories` must be among {', '.join(KANO_CATEGORIES)}; got {bad!r}.")
    check_columns(summary, feature="feature", n="n", categories=list(categories))
    if summary["feature"].duplicated().any():
        raise IsqError("`summary` has several rows per feature (a `by` result?): select one group first.")
    ax = get_axes(ax)
    data = summary.reset_index(drop=True)
    n = pd.to_numeric(data["n"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    names = _display_names(data, labels)
    pos = np.arange(len(data))[::-1]  # first feature on top
    left = np.zeros(len(data))
    colours = PALETTES["kano"]
    for code in categories:
        with np.errstate(divide="ignore", invalid="ignore"):
            share = pd.to_numeric(data[code], errors="coerce").to_numpy(dtype=float, na_value=np.nan) / n
        share = np.nan_to_num(share)
        ax.barh(pos, share, left=left, color=colours[code], edgecolor="white", linewidth=0.5,
                label=label(code, lang), height=0.7)
        for p, l, s in zip(pos, left, share):
            if s >= min_share_label:
                ax.text(l + s / 2, p, f"{s:.0%}", ha="center", va="center", fontsize="x-small",
                        color="white" if code in ("M", "O", "R", "Q") else "black")
        left += share
    ax.set_yticks(pos, names)
    ax.set_xlim(0, 1)
    from matplotlib.ticker import PercentFormatter

    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(label("kano_share", lang))
    ax.grid(axis="y", visible=False)
    if legend:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(categories), frameon=False)
    return ax
