"""The five gaps side by side for every serving department (5-GAP diagnosis). Axes-level."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import IsqError
from ..labels import check_lang, label
from ._setup import literal
from .theme import PALETTES

__all__ = ["plot_five_gaps"]

_SUPPRESSED = {"zh": "样本不足", "en": "too few"}
_TITLE = {"zh": "五差距诊断：各部门差距 1–5（负值 = 不足）",
          "en": "5-GAP diagnosis: gaps 1–5 per department (negative = shortfall)"}


def plot_five_gaps(gaps, *, dimension=None, names=None, ax=None, lang="zh", title=True):
    """Grouped bars: for each serving department its five gaps, side by side.

    Parameters
    ----------
    gaps : DataFrame
        The result of :func:`isq.gap_model` (columns ``provider, dimension, gap, value``).
    dimension : str, optional
        Draw one SERVQUAL dimension; by default the mean over the dimensions.
    names : dict, optional
        Display names of the departments, e.g. ``isq.open_data().department_labels()``.
    ax : matplotlib Axes, optional
    lang : {"zh", "en"}
    title : bool or str

    Returns
    -------
    matplotlib.axes.Axes
        A department whose figures are all suppressed (privacy) keeps its place on the
        axis, labelled "样本不足 / too few", with no bars.

    Examples
    --------
    >>> d = isq.open_data()
    >>> sq = d["servqual"]
    >>> gm = isq.gap_model(sq[sq["wave"] == "pre"], **isq.gap_inputs(d))  # every gap the folder has
    >>> ax = isq.plot_five_gaps(gm, lang="en")
    >>> len(ax.patches), [t.get_text().split()[0] for t in ax.get_xticklabels() if "too few" in t.get_text()]
    (40, ['LEG'])
    """
    import matplotlib.pyplot as plt

    check_lang(lang)
    if not isinstance(gaps, pd.DataFrame) or not {"provider", "dimension", "gap", "value"} <= set(gaps.columns):
        raise IsqError("plot_five_gaps needs the result of isq.gap_model (columns provider, dimension, "
                       "gap, value).")
    if dimension is not None:
        if dimension not in set(gaps["dimension"]):
            raise IsqError(f"dimension {dimension!r} is not in `gaps`; available: "
                           f"{sorted(set(gaps['dimension']))}.")
        gaps = gaps[gaps["dimension"] == dimension]
    wide = gaps.pivot_table(index="provider", columns="gap", values="value", aggfunc="mean",
                            dropna=False, sort=False).reindex(pd.unique(gaps["provider"]))
    numbers = [g for g in range(1, 6) if g in wide.columns]
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 1.4 * len(wide)), 4.2))
    x = np.arange(len(wide))
    width = 0.8 / max(len(numbers), 1)
    colours = PALETTES["sequence"]
    for i, g in enumerate(numbers):
        v = wide[g].to_numpy(dtype=float)
        ax.bar(x - 0.4 + width * (i + 0.5), np.nan_to_num(v), width=width * 0.92,
               color=colours[i % len(colours)], label=label(f"gap_{g}", lang))
    ax.axhline(0, color="black", linewidth=1)
    names = names or {}
    ticks = []
    for prov, row in wide.iterrows():
        shown = literal(names.get(prov, prov))  # client text is never mathtext
        ticks.append(f"{shown}\n({_SUPPRESSED[lang]})" if row.isna().all() else shown)
    ax.set_xticks(x)
    ax.set_xticklabels(ticks)
    ax.set_ylabel(label("gap", lang))
    ax.legend(ncol=len(numbers), fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.14))
    if title:
        text = title if isinstance(title, str) else _TITLE[lang]
        ax.set_title(f"{text} — {label(dimension, lang)}" if dimension and title is True else text)
    return ax
