"""SERVQUAL charts: the five-dimension radar, gap bars with the shortboard, the zone of
tolerance and the 5-GAP model. Axes-level: each takes ``ax=None`` and returns the Axes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._docstrings import share_docs
from ..errors import IsqError
from ..labels import DIMENSIONS, check_lang, label
from .theme import PALETTES
from ._setup import get_axes

__all__ = ["plot_servqual_radar", "plot_gap_bars", "plot_zone_of_tolerance", "plot_gap_model"]

_METRICS = {
    "item", "dimension", "expectation_mean", "perception_mean", "gap", "gap_ci_low",
    "gap_ci_high", "n", "adequate_mean", "desired_mean", "msa", "msa_ci_low", "msa_ci_high",
    "mss", "mss_ci_low", "mss_ci_high", "position",
}


#: Gap (points) between the radar's outer circle and the dimension names.
_RADAR_LABEL_PAD = 14


def _need(result, cols, what):
    if not isinstance(result, pd.DataFrame):
        raise IsqError(f"{what} needs a DataFrame, got {type(result).__name__}.")
    missing = [c for c in cols if c not in result.columns]
    if missing:
        raise IsqError(
            f"{what} needs the columns {cols}; missing {missing}. "
            f"Columns present: {list(result.columns)}."
        )


def _group_column(result, group, what):
    """The single grouping column to overlay (None when the result has no groups)."""
    by = [c for c in result.columns if c not in _METRICS]
    if group is not None:
        if group not in result.columns:
            raise IsqError(f"`group` {group!r} is not a column of the result; by-columns: {by}.")
        others = [c for c in by if c != group and result[c].nunique() > 1]
    else:
        others = by[1:] if len(by) > 1 else []
        group = by[0] if by else None
    if others:
        raise IsqError(
            f"{what} overlays one grouping at a time; the result also varies by {others}. "
            f"Filter it first, e.g. result[result[{others[0]!r}] == ...]."
        )
    return group


def _colours(values):
    values = list(values)
    if set(values) <= set(PALETTES["wave"]):
        return [PALETTES["wave"][v] for v in values]
    seq = PALETTES["sequence"]
    return [seq[i % len(seq)] for i in range(len(values))]


def _dims(frame):
    present = list(pd.unique(frame["dimension"]))
    order = [d for d in DIMENSIONS if d in present]
    return order + [d for d in present if d not in order]


@share_docs
def plot_servqual_radar(result, *, group=None, ax=None, lang="zh", scale=(1, 7), title=True):
    """Radar of expectation versus perception per SERVQUAL dimension.

    Parameters
    ----------
    result : DataFrame
        ``servqual_gaps(..., level="dimension")``, optionally with one by-column (e.g.
        ``wave`` or ``provider``) whose groups are overlaid.
    group : str, optional
        The by-column to overlay when the result has several.
    ax : polar Axes, optional
        Created with ``projection="polar"``; a new one when None.
    {{lang}}
    scale : tuple
        Radial range (the answer scale).

    {{returns_axes}}

    Examples
    --------
    >>> sq = isq.load_demo("servqual")
    >>> g = isq.servqual_gaps(sq[sq["provider"] == "IT"], by="wave", level="dimension")
    >>> ax = isq.plot_servqual_radar(g, lang="en")
    >>> len(ax.get_lines())
    4
    """
    check_lang(lang)
    _need(result, ["dimension", "expectation_mean", "perception_mean"], "plot_servqual_radar")
    if "item" in result.columns:
        raise IsqError("The radar shows dimensions: pass servqual_gaps(..., level='dimension').")
    group = _group_column(result, group, "plot_servqual_radar")
    ax = get_axes(ax, polar=True, figsize=(6.5, 6.5))
    dims = _dims(result)
    angles = np.linspace(0, 2 * np.pi, len(dims), endpoint=False)
    closed = np.append(angles, angles[0])

    def ring(frame, col):
        v = frame.set_index("dimension")[col].reindex(dims).to_numpy(dtype=float)
        return np.append(v, v[0])

    if group is None:
        e, p = ring(result, "expectation_mean"), ring(result, "perception_mean")
        ax.plot(closed, e, color="#7f7f7f", linestyle="--", linewidth=2, label=label("expectation", lang))
        ax.plot(closed, p, color=PALETTES["dimension"]["reliability"], linewidth=2.5,
                label=label("perception", lang))
        ax.fill(closed, p, color=PALETTES["dimension"]["reliability"], alpha=0.15)
    else:
        values = [v for v in pd.unique(result[group]) if result.loc[result[group] == v, "perception_mean"].notna().any()]
        for v, colour in zip(values, _colours(values)):
            sub = result[result[group] == v]
            name = label(str(v), lang)
            ax.plot(closed, ring(sub, "expectation_mean"), color=colour, linestyle="--", linewidth=1.5,
                    label=f"{name} {label('expectation', lang)}")
            ax.plot(closed, ring(sub, "perception_mean"), color=colour, linewidth=2.5,
                    label=f"{name} {label('perception', lang)}")
    ax.set_xticks(angles)
    ax.set_xticklabels([label(d, lang) for d in dims])
    # Keep the dimension names clear of the outer circle (有形性 at 0°, 响应性 at 144°).
    ax.tick_params(axis="x", pad=_RADAR_LABEL_PAD)
    ax.set_ylim(*scale)
    ax.set_rlabel_position(90 / len(dims))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, fontsize="small")
    if title:
        ax.set_title(label("servqual_radar_title", lang), pad=20)
    return ax


@share_docs
def plot_gap_bars(result, *, group=None, ax=None, lang="zh", highlight_shortboard=True, title=True):
    """Horizontal bars of the SERVQUAL gaps with their intervals; the shortboard stands out.

    Parameters
    ----------
    result : DataFrame
        ``servqual_gaps`` at level "dimension" or "item", optionally with one by-column
        whose groups are drawn side by side.
    highlight_shortboard : bool
        Outline (and, without groups, label) the most negative gap of each group.

    {{returns_axes}}

    Examples
    --------
    >>> sq = isq.load_demo("servqual")
    >>> g = isq.servqual_gaps(sq[sq["wave"] == "pre"], level="dimension")
    >>> ax = isq.plot_gap_bars(g, lang="en")
    >>> len(ax.patches)
    5
    """
    check_lang(lang)
    _need(result, ["dimension", "gap", "gap_ci_low", "gap_ci_high"], "plot_gap_bars")
    group = _group_column(result, group, "plot_gap_bars")
    ax = get_axes(ax, figsize=(8, 5))
    by_item = "item" in result.columns
    cats = list(pd.unique(result["item"])) if by_item else _dims(result)
    key = "item" if by_item else "dimension"
    groups = [None] if group is None else list(pd.unique(result[group]))
    height = 0.8 / len(groups)
    colours = _colours(groups) if group is not None else None
    y0 = np.arange(len(cats))
    for gi, gv in enumerate(groups):
        sub = result if gv is None else result[result[group] == gv]
        sub = sub.set_index(key).reindex(cats)
        gap = sub["gap"].to_numpy(dtype=float)
        y = y0 - 0.4 + height * (gi + 0.5)
        if gv is None:
            dims = sub["dimension"].to_numpy() if by_item else np.array(cats)
            colour = [PALETTES["dimension"].get(d, "#7f7f7f") for d in dims]
            lab = None
        else:
            colour, lab = colours[gi], label(str(gv), lang)
        err = np.vstack([gap - sub["gap_ci_low"].to_numpy(dtype=float),
                         sub["gap_ci_high"].to_numpy(dtype=float) - gap])
        bars = ax.barh(y, np.nan_to_num(gap), height=height * 0.9, color=colour, label=lab,
                       xerr=np.nan_to_num(err), capsize=3, ecolor="#333333")
        if highlight_shortboard and np.isfinite(gap).any():
            worst = int(np.nanargmin(gap))
            if gap[worst] < 0:
                bars[worst].set_edgecolor("black")
                bars[worst].set_linewidth(2.5)
                if gv is None:
                    ax.annotate(label("shortboard", lang), (sub["gap_ci_low"].iloc[worst], y[worst]),
                                xytext=(-6, 0), textcoords="offset points", ha="right", va="center",
                                color="black")
    ax.axvline(0, color="black", linewidth=1)
    ax.set_yticks(y0)
    ax.set_yticklabels(cats if by_item else [label(d, lang) for d in cats])
    ax.invert_yaxis()
    ax.set_xlabel(label("gap", lang))
    shown = result["gap"].notna().any()
    lo = np.nanmin(result["gap_ci_low"].to_numpy(dtype=float)) if shown else -1
    hi = np.nanmax(result["gap_ci_high"].to_numpy(dtype=float)) if shown else 0
    ax.set_xlim(min(lo, 0) * 1.25 - 0.2, max(hi, 0) + 0.3)
    if not shown:  # every figure suppressed (fewer than min_group_size respondents): say so
        ax.text(0.5, 0.5, "样本不足（评价人数少于最小人数），不予显示" if lang == "zh" else "Too few respondents: not shown",
                ha="center", va="center", transform=ax.transAxes)
    if group is not None:
        ax.legend(title=label(group, lang))
    if title:
        ax.set_title(label("gap_bars_title", lang))
    return ax


@share_docs
def plot_zone_of_tolerance(zone, *, ax=None, lang="zh", title=True):
    """The zone of tolerance per dimension: adequate-to-desired band and the perception.

    Parameters
    ----------
    zone : DataFrame
        ``servqual_zone(..., level="dimension")`` for one group (filter by-columns first).

    {{returns_axes}}

    Examples
    --------
    >>> sq = isq.load_demo("servqual")
    >>> z = isq.servqual_zone(sq[(sq["wave"] == "pre") & (sq["provider"] == "IT")])
    >>> ax = isq.plot_zone_of_tolerance(z, lang="en")
    >>> len(ax.patches)
    5
    """
    check_lang(lang)
    _need(zone, ["dimension", "adequate_mean", "desired_mean", "perception_mean", "position"],
          "plot_zone_of_tolerance")
    by = [c for c in zone.columns if c not in _METRICS]
    varying = [c for c in by if zone[c].nunique() > 1]
    if varying or zone["dimension"].duplicated().any():
        raise IsqError(
            f"plot_zone_of_tolerance draws one group; the result varies by {varying or by}. "
            "Filter it first (e.g. one provider) or use servqual_zone without `by`."
        )
    ax = get_axes(ax, figsize=(8, 5))
    dims = _dims(zone)
    z = zone.set_index("dimension").reindex(dims)
    x = np.arange(len(dims))
    low = z["adequate_mean"].to_numpy(dtype=float)
    high = z["desired_mean"].to_numpy(dtype=float)
    perception = z["perception_mean"].to_numpy(dtype=float)
    # Rows masked by small-group suppression (fewer than min_group_size raters) carry NaN
    # means and a missing position: they get no band or point, only a "样本不足" note.
    masked = ~(np.isfinite(low) & np.isfinite(high) & np.isfinite(perception))
    ax.bar(x[~masked], (high - low)[~masked], bottom=low[~masked], width=0.5, color="#c6dbef",
           edgecolor="#6baed6", label=label("zone_of_tolerance", lang))
    colours = {"below": PALETTES["quadrant"]["concentrate"], "within": "#08519c",
               "above": PALETTES["quadrant"]["keep_up"]}
    position = z["position"]
    for pos in ("below", "within", "above"):
        m = position.eq(pos).fillna(False).to_numpy(dtype=bool) & ~masked
        if m.any():
            ax.scatter(x[m], perception[m], s=90, zorder=3,
                       color=colours[pos], label=f"{label('perception', lang)}：{label(pos, lang)}"
                       if lang == "zh" else f"{label('perception', lang)}: {label(pos, lang)}")
    ax.set_xticks(x)
    ax.set_xticklabels([label(d, lang) for d in dims])
    ax.set_ylabel(label("score", lang))
    values = np.concatenate([low, high, perception])
    if np.isfinite(values).any():
        ax.set_ylim(np.nanmin(values) - 0.4, np.nanmax(values) + 0.3)
    else:
        ax.set_ylim(0, 1)
        ax.set_yticks([])
    ax.set_xlim(-0.5, len(dims) - 0.5)
    for xi in x[masked]:
        ax.text(xi, 0.5, label("insufficient", lang), transform=ax.get_xaxis_transform(),
                ha="center", va="center", color="#7f7f7f", fontsize="small")
    if not masked.all():
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize="small")
    if title:
        ax.set_title(label("zone_title", lang))
    return ax


@share_docs
def plot_gap_model(gaps, *, provider=None, ax=None, lang="zh", title=True):
    """Bars per gap of the 5-GAP model, one bar per dimension, for one serving department.

    Parameters
    ----------
    gaps : DataFrame
        The result of :func:`isq.gap_model`.
    provider : str, optional
        Which department to draw (needed when ``gaps`` holds several).

    {{returns_axes}}

    Examples
    --------
    >>> sq = isq.load_demo("servqual")
    >>> gm = isq.gap_model(sq[sq["wave"] == "pre"], estimates=isq.load_demo("servqual_estimates"))
    >>> ax = isq.plot_gap_model(gm, provider="IT", lang="en")
    >>> len(ax.patches)
    10
    """
    check_lang(lang)
    _need(gaps, ["dimension", "gap", "value", "ci_low", "ci_high"], "plot_gap_model")
    pcol = next((c for c in gaps.columns if c not in
                 {"dimension", "gap", "name", "value", "ci_low", "ci_high", "n"}), None)
    if pcol is not None:
        providers = list(pd.unique(gaps[pcol]))
        if provider is None and len(providers) > 1:
            raise IsqError(f"`gaps` holds several providers {providers}: pass provider=... to draw one.")
        if provider is not None:
            if provider not in providers:
                raise IsqError(f"provider {provider!r} is not in `gaps`; available: {providers}.")
            gaps = gaps[gaps[pcol] == provider]
    ax = get_axes(ax, figsize=(8, 5))
    numbers = sorted(pd.unique(gaps["gap"]))
    dims = _dims(gaps)
    width = 0.8 / len(dims)
    x0 = np.arange(len(numbers))
    for di, d in enumerate(dims):
        sub = gaps[gaps["dimension"] == d].set_index("gap").reindex(numbers)
        v = sub["value"].to_numpy(dtype=float)
        err = np.vstack([v - sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float) - v])
        ax.bar(x0 - 0.4 + width * (di + 0.5), np.nan_to_num(v), width=width * 0.9,
               color=PALETTES["dimension"].get(d, "#7f7f7f"), label=label(d, lang),
               yerr=np.nan_to_num(err), capsize=2, ecolor="#333333")
    ax.axhline(0, color="black", linewidth=1)
    ax.set_xticks(x0)
    ax.set_xticklabels([label(f"gap_{int(g)}", lang) for g in numbers])
    ax.set_ylabel(label("gap", lang))
    ax.legend(ncol=min(len(dims), 5), fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.1))
    if title:
        name = label("gap_model_title", lang)
        ax.set_title(f"{name} — {provider}" if provider else name)
    return ax
