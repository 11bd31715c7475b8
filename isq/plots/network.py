"""Who serves whom: the internal service network drawn from department-to-department ratings."""

from __future__ import annotations

import math

import pandas as pd

from .._docstrings import share_docs
from .._validate import check_columns
from ..labels import check_lang, label
from .theme import PALETTES
from ._setup import get_axes

__all__ = ["plot_service_network"]

#: Widest arrow (points) for the busiest provider -> customer link.
MAX_LINE_WIDTH = 6.0


@share_docs
def plot_service_network(matrix, *, ax=None, lang="zh", names=None, title=None,
                         provider="provider", rater="rater", n="n", suppressed="suppressed"):
    """Network of internal service: an arrow from each serving department to its customers.

    Parameters
    ----------
    matrix : DataFrame
        Output of :func:`isq.peer_matrix` (one group): rows ``provider, rater, n`` and
        ``suppressed``. An arrow provider → rater means "provider serves rater".
    {{ax_lang}}
    names : dict, optional
        Display names of the department codes, e.g. ``{"IT": "信息技术部"}``.
    title : str, optional
        Default: the label "network_title"; "" for none.
    provider, rater, n, suppressed : str
        Column names.

    {{returns_axes}}

    Notes
    -----
    Departments sit on a circle. Arrow width is proportional to ``n`` (respondents of the
    customer department who rated the provider); links from fewer than the minimum group
    size (``suppressed``) are drawn thin, grey and dashed, without a number. Each node's
    size grows with the number of customer departments it serves.

    Examples
    --------
    >>> m = isq.peer_matrix(isq.load_demo("peer_ratings"))
    >>> with isq.theme():
    ...     ax = isq.plot_service_network(m)
    >>> len(ax.texts) >= 8
    True
    """
    from matplotlib.patches import FancyArrowPatch

    check_lang(lang)
    check_columns(matrix, provider=provider, rater=rater, n=n)
    m = matrix.copy()
    if suppressed not in m:
        m[suppressed] = False
    m[suppressed] = m[suppressed].fillna(True).astype(bool)
    names = names or {}
    ax = get_axes(ax)

    nodes = sorted(set(m[provider].astype(str)) | set(m[rater].astype(str)))
    k = len(nodes)
    angle = {d: math.pi / 2 - 2 * math.pi * i / max(k, 1) for i, d in enumerate(nodes)}
    pos = {d: (math.cos(a), math.sin(a)) for d, a in angle.items()}
    served = m.loc[~m[suppressed]].groupby(provider)[rater].nunique()
    n_max = float(pd.to_numeric(m[n], errors="coerce").max() or 1)
    colour = PALETTES["sequence"][0]

    for row in m.itertuples(index=False):
        p, r = str(getattr(row, provider)), str(getattr(row, rater))
        if p == r:
            continue
        small = bool(getattr(row, suppressed))
        size = float(getattr(row, n)) if pd.notna(getattr(row, n)) else 0.0
        width = 0.6 if small else 0.8 + MAX_LINE_WIDTH * size / n_max
        arrow = FancyArrowPatch(
            pos[p], pos[r], arrowstyle="-|>", mutation_scale=8 + width,
            connectionstyle="arc3,rad=0.12", shrinkA=20, shrinkB=20, lw=width,
            color="#b0b0b0" if small else colour, alpha=0.5 if small else 0.55,
            linestyle="--" if small else "-", zorder=1)
        ax.add_patch(arrow)

    for d in nodes:
        x, y = pos[d]
        s = 500 + 150 * float(served.get(d, 0))
        ax.scatter([x], [y], s=s, color=PALETTES["sequence"][1] if served.get(d, 0) else "#d0d0d0",
                   zorder=3, edgecolor="white", linewidth=1.5)
        ax.text(x, y, d, ha="center", va="center", color="white", fontsize=9, zorder=4)
        if d in names:
            ax.text(1.34 * x, 1.3 * y, names[d], ha="center", va="center", fontsize=9, zorder=4)

    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    ax.axis("off")
    note = label("network_note", lang)
    ax.text(0, -1.42, note, ha="center", va="bottom", fontsize=8, color="#555555")
    ax.set_title(label("network_title", lang) if title is None else title)
    return ax
