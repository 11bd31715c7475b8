"""Charts of department-to-department ratings (部门互评): the heatmap and the ranking.

Axes-level: each function takes ``ax=None`` and returns the Axes; no global state.
"""

from __future__ import annotations

import numpy as np

from .._docstrings import share_docs
from ..errors import IsqError
from ..labels import label
from .theme import PALETTES
from ._setup import check_input, get_axes

__all__ = ["plot_peer_heatmap", "plot_peer_ranking"]

_LOW, _MID, _HIGH = PALETTES["sentiment"]["pain"], "#f7f7f7", PALETTES["sentiment"]["delight"]
_MASKED = "#d9d9d9"



def _single_group(frame, known, name):
    extra = [c for c in frame.columns if c not in known]
    for c in extra:
        if frame[c].nunique(dropna=False) > 1:
            raise IsqError(f"`{name}` holds several groups in column {c!r} "
                           f"({', '.join(map(str, frame[c].unique()[:5]))}); "
                           f"draw one at a time, e.g. {name}[{name}[{c!r}] == ...].")


@share_docs
def plot_peer_heatmap(matrix, *, ax=None, lang="zh", names=None, title=None, decimals=2):
    """Heatmap of the provider × rater matrix; masked cells shown as "样本不足".

    Parameters
    ----------
    matrix : DataFrame
        Output of :func:`isq.peer_matrix` (one group: filter ``by`` groups first).
    {{ax_lang}}
    names : dict, optional
        Display names of the department codes, e.g. ``{"IT": "信息技术部"}``.
    title : str, optional
        Default: the label "peer_matrix_title"; "" for none.
    decimals : int, default 2
        Decimals of the cell values.

    {{returns_axes}}

    Notes
    -----
    Colours diverge around the mean of the shown cells: red below it, green above it.
    Rows are the rated departments, columns the rating departments; empty cells (a
    department does not rate itself) show "—".

    Examples
    --------
    >>> m = isq.peer_matrix(isq.load_demo("peer_ratings"))
    >>> with isq.theme():
    ...     ax = isq.plot_peer_heatmap(m)
    >>> ax.get_xlabel()
    '评价部门（内部客户）'
    """
    from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm
    from matplotlib.patches import Rectangle

    lang = check_input(matrix, "matrix", lang, provider="provider", rater="rater", mean="mean",
                       n="n", suppressed="suppressed")
    _single_group(matrix, {"provider", "rater", "mean", "sd", "n", "suppressed"}, "matrix")
    names = names or {}
    depts = sorted(set(matrix["provider"]) | set(matrix["rater"]), key=str)
    mean = matrix.pivot(index="provider", columns="rater", values="mean").reindex(
        index=depts, columns=depts)
    supp = matrix.pivot(index="provider", columns="rater", values="suppressed").reindex(
        index=depts, columns=depts)
    n = matrix.pivot(index="provider", columns="rater", values="n").reindex(
        index=depts, columns=depts)
    ax = get_axes(ax)
    values = mean.to_numpy(dtype=float)
    shown = values[~np.isnan(values)]
    cmap = LinearSegmentedColormap.from_list("isq_peer", [_LOW, _MID, _HIGH]).with_extremes(
        bad="white")
    if shown.size:
        centre = float(shown.mean())
        spread = max(float(np.abs(shown - centre).max()), 0.05)
        norm = TwoSlopeNorm(vcenter=centre, vmin=centre - spread, vmax=centre + spread)
    else:
        norm = None
    ax.imshow(np.ma.masked_invalid(values), cmap=cmap, norm=norm, aspect="auto")
    for i in range(len(depts)):
        for j in range(len(depts)):
            s = supp.iat[i, j]
            if s is True or s == 1:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=_MASKED,
                                       edgecolor="white"))
                ax.text(j, i, f"{label('insufficient', lang)}\nn={int(n.iat[i, j])}",
                        ha="center", va="center", fontsize="x-small", color="#555555")
            elif np.isnan(values[i, j]):
                ax.text(j, i, "—", ha="center", va="center", color="#999999")
            else:
                ax.text(j, i, f"{values[i, j]:.{decimals}f}", ha="center", va="center",
                        fontsize="small", color="#222222")
    ticks = [names.get(d, d) for d in depts]
    ax.set_xticks(range(len(depts)), ticks, rotation=30 if len(depts) > 6 else 0, ha="right"
                  if len(depts) > 6 else "center")
    ax.set_yticks(range(len(depts)), ticks)
    ax.set_xlabel(label("peer_rater", lang))
    ax.set_ylabel(label("peer_provider", lang))
    ax.grid(False)
    ax.set_title(label("peer_matrix_title", lang) if title is None else title)
    return ax


@share_docs
def plot_peer_ranking(ranking, *, ax=None, lang="zh", names=None, title=None, ci=0.95):
    """Ranking of providers: mean with its interval, best on top.

    Parameters
    ----------
    ranking : DataFrame
        Output of :func:`isq.peer_ranking` (one group).
    ax, lang, names, title
        As in :func:`plot_peer_heatmap`.
    ci : float, default 0.95
        The level used in ``peer_ranking`` (for the legend text).

    {{returns_axes}}

    Examples
    --------
    >>> rk = isq.peer_ranking(isq.load_demo("peer_ratings"))
    >>> with isq.theme():
    ...     ax = isq.plot_peer_ranking(rk)
    >>> ax.get_yticklabels()[0].get_text().startswith("1.")
    True
    """
    lang = check_input(ranking, "ranking", lang, provider="provider", mean="mean",
                       ci_low="ci_low", ci_high="ci_high", rank="rank", n="n")
    _single_group(ranking, {"provider", "mean", "sd", "n", "ci_low", "ci_high", "rank",
                            "suppressed"}, "ranking")
    names = names or {}
    shown = ranking[ranking["mean"].notna()].sort_values(["rank", "provider"])
    hidden = ranking[ranking["mean"].isna()]
    ax = get_axes(ax)
    k = len(shown)
    y = np.arange(len(hidden) + k)[::-1]          # best on top
    ys = y[:k]
    colour = PALETTES["sequence"][0]
    err = np.vstack([shown["mean"] - shown["ci_low"], shown["ci_high"] - shown["mean"]])
    ax.errorbar(shown["mean"], ys, xerr=np.nan_to_num(err.astype(float)), fmt="o",
                color=colour, ecolor=colour, elinewidth=2, capsize=4,
                label=label("interval", lang).format(p=ci))
    for yy, m in zip(ys, shown["mean"]):
        ax.annotate(f"{m:.2f}", (m, yy), xytext=(0, 7), textcoords="offset points",
                    ha="center", fontsize="small")
    tick = [f"{int(r)}. {names.get(p, p)}" for r, p in zip(shown["rank"], shown["provider"])]
    mid = float(shown["mean"].mean()) if k else 3.0
    for yy, p, nn in zip(y[k:], hidden["provider"], hidden["n"]):
        tick.append(str(names.get(p, p)))
        ax.text(mid, yy, f"{label('insufficient', lang)} (n={int(nn)})", va="center",
                ha="center", color="#777777", fontsize="small")
    ax.set_yticks(y, tick)
    ax.set_xlabel(label("mean_score", lang))
    ax.legend(loc="lower right")
    ax.set_title(label("peer_ranking_title", lang) if title is None else title)
    return ax
