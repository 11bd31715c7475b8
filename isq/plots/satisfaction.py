"""Charts of satisfaction metrics: NPS composition bars and score distributions."""

from __future__ import annotations

import numpy as np

from .._docstrings import share_docs
from .._validate import check_argument, check_columns, check_frame
from ..labels import check_lang, label
from .theme import PALETTES
from ._setup import get_axes

__all__ = ["plot_nps_bars", "plot_score_distribution"]


@share_docs
def plot_nps_bars(result, *, by=None, ax=None, lang="zh", sort=True, min_group_size=5):
    """Stacked bars of promoters, passives and detractors per group, with the NPS value.

    Parameters
    ----------
    result : DataFrame
        Output of :func:`isq.satisfaction_by` (columns ``promoters, passives, detractors,
        nps, n`` and the group columns).
    by : str, optional
        The group column to label the bars with; the first column of ``result`` by default.
    {{ax_lang}}
    sort : bool, default True
        Order the groups by NPS (highest at the top).
    min_group_size : int, default 5
        Groups below it (or flagged ``suppressed``) are shown as "not shown", without figures.

    {{returns_axes}}

    Examples
    --------
    >>> t = isq.satisfaction_by(isq.load_demo("satisfaction"), by="provider")
    >>> with isq.theme():
    ...     ax = isq.plot_nps_bars(t, by="provider")
    >>> len(ax.get_yticklabels())
    8
    """
    check_frame(result, name="result")
    check_lang(lang)
    by = by or result.columns[0]
    check_columns(result, by=by, promoters="promoters", passives="passives",
                  detractors="detractors", nps="nps", n="n")
    ax = get_axes(ax)
    t = result.copy()
    hidden = t["n"] < (min_group_size or 0)
    if "suppressed" in t.columns:
        hidden |= t["suppressed"].astype(bool)
    t["_hidden"] = hidden | t["nps"].isna()
    if sort:
        t = t.sort_values(["_hidden", "nps"], ascending=[False, True], na_position="first")
    ypos = np.arange(len(t))
    left = np.zeros(len(t))
    # detractors left, passives middle, promoters right
    for key in ("detractors", "passives", "promoters"):
        vals = np.where(t["_hidden"], 0.0, t[key].to_numpy(dtype=float))
        ax.barh(ypos, vals, left=left, color=PALETTES["nps"][key], label=label(key, lang),
                edgecolor="white", height=0.7)
        left += vals
    for y, (_, row) in zip(ypos, t.iterrows()):
        if row["_hidden"]:
            ax.text(0.02, y, label("suppressed", lang).format(k=min_group_size), va="center",
                    fontsize="small", color="#555555")
        else:
            flag = f"  ({label('small_n', lang)})" if bool(row.get("small_n", False)) else ""
            ax.text(1.01, y, f"{row['nps']:+.0f}{flag}", va="center", fontsize="small")
    ax.set_yticks(ypos)
    ax.set_yticklabels([str(v) for v in t[by]])
    ax.set_xlim(0, 1.18)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xticklabels(["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(label("answer_share", lang))
    ax.grid(False, axis="y")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False,
              fontsize="small")
    ax.set_title(label("nps_title", lang))
    return ax


_SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


@share_docs
def plot_score_distribution(scores, *, metric="nps", ax=None, lang="zh"):
    """Bar chart of the share of answers at each point of the scale.

    Parameters
    ----------
    scores : array-like or Series
        Answers of one metric; missing values are left out.
    metric : {"nps", "csat", "ces"}, default "nps"
        The scale: NPS 0–10 (bars coloured detractor/passive/promoter), CSAT 1–5 (top box
        highlighted), CES 2.0 1–7 (agreement 5–7 highlighted).
    {{ax_lang}}

    {{returns_axes}}

    Examples
    --------
    >>> s = isq.load_demo("satisfaction")
    >>> with isq.theme():
    ...     ax = isq.plot_score_distribution(s["nps"], metric="nps")
    >>> len(ax.patches)
    11
    """
    check_argument("metric", metric, tuple(_SCALES))
    check_lang(lang)
    lo, hi = _SCALES[metric]
    from ..models.satisfaction import _clean

    v, _ = _clean(scores, (lo, hi), metric)
    ax = get_axes(ax)
    points = np.arange(lo, hi + 1)
    counts = np.array([(v == p).sum() for p in points], dtype=float)
    share = counts / counts.sum() if counts.sum() else counts
    pal = PALETTES["nps"]
    if metric == "nps":
        colours = [pal["promoters"] if p >= 9 else pal["passives"] if p >= 7
                   else pal["detractors"] for p in points]
    elif metric == "csat":
        colours = [pal["promoters"] if p >= 4 else pal["passives"] for p in points]
    else:
        colours = [pal["promoters"] if p >= 5 else pal["passives"] for p in points]
    ax.bar(points, share, color=colours, edgecolor="white")
    ax.set_xticks(points)
    ax.set_xlabel(label(f"{metric}_axis", lang))
    ax.set_ylabel(label("answer_share", lang))
    ax.yaxis.set_major_formatter(__import__("matplotlib.ticker", fromlist=["x"])
                                 .PercentFormatter(1.0, decimals=0))
    ax.set_title(f"n = {len(v)}")
    return ax
