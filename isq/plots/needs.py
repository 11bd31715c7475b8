"""Schematic charts of needs: the iceberg (explicit vs latent) and Maslow's hierarchy."""

from __future__ import annotations

from .._docstrings import share_docs
from ..labels import check_lang
from .theme import PALETTES
from ._setup import get_axes

__all__ = ["plot_iceberg", "plot_maslow", "ICEBERG_DEFAULT", "MASLOW_LEVELS"]

#: Default iceberg contents: what internal customers say (above) and what they do not (below).
ICEBERG_DEFAULT = {
    "zh": {"title": "需求冰山：显性需求与隐性需求", "above": "显性需求（说出来的）", "below": "隐性需求（没说出来的）",
           "explicit": ["按时交付", "数据准确", "流程清楚"],
           "latent": ["被尊重、被当回事", "少跑腿、少返工", "出问题有人兜底", "被提前告知进展", "自己的工作被看见"]},
    "en": {"title": "The needs iceberg: explicit and latent needs", "above": "Explicit (stated)",
           "below": "Latent (unstated)",
           "explicit": ["On-time delivery", "Accurate data", "A clear process"],
           "latent": ["Being respected", "Fewer trips and rework", "Someone owns the problem",
                      "Told about progress early", "My work is seen"]},
}

#: Maslow's five levels, bottom to top, with what each means for an internal service provider.
MASLOW_LEVELS = {
    "zh": [("生理需求", "合理的工作量与工具"), ("安全需求", "规则清楚、不被甩锅"), ("社交需求", "团队协作、被接纳"),
           ("尊重需求", "专业被认可、被感谢"), ("自我实现", "成长、主导改进项目")],
    "en": [("Physiological", "A fair workload and tools"), ("Safety", "Clear rules, no blame-shifting"),
           ("Belonging", "Teamwork, being accepted"), ("Esteem", "Recognised expertise, thanks"),
           ("Self-actualisation", "Growth, leading improvements")],
}
_MASLOW_TITLE = {"zh": "马斯洛需求层次与内部服务动力", "en": "Maslow's hierarchy and the motivation to serve"}


@share_docs
def plot_iceberg(*, explicit=None, latent=None, ax=None, lang="zh", title=None):
    """An iceberg: explicit needs above the waterline, latent needs below it.

    Parameters
    ----------
    explicit, latent : list of str, optional
        The needs to write above and below the waterline (defaults: typical internal needs).
    {{ax_lang}}
    {{title}}

    {{returns_axes}}

    Examples
    --------
    >>> with isq.theme():
    ...     ax = isq.plot_iceberg(explicit=["按时交付"], latent=["被尊重"])
    >>> sum(t.get_text() == "被尊重" for t in ax.texts)
    1
    """
    from matplotlib.patches import Polygon, Rectangle

    check_lang(lang)
    text = ICEBERG_DEFAULT[lang]
    explicit = text["explicit"] if explicit is None else list(explicit)
    latent = text["latent"] if latent is None else list(latent)
    ax = get_axes(ax)
    ax.add_patch(Rectangle((-2.0, -2.2), 3.6, 2.2, color="#deebf7", zorder=0))
    ax.add_patch(Polygon([(-0.45, 0.0), (-0.15, 0.85), (0.2, 1.0), (0.5, 0.0)], color="#ffffff",
                         ec=PALETTES["sequence"][0], lw=1.5, zorder=1))
    ax.add_patch(Polygon([(-0.45, 0.0), (-1.25, -1.1), (-0.9, -2.05), (0.95, -2.05), (1.3, -0.9), (0.5, 0.0)],
                         color="#c6dbef", ec=PALETTES["sequence"][0], lw=1.5, zorder=1))
    ax.axhline(0, color=PALETTES["sequence"][0], lw=1, ls="--", zorder=2)
    ax.text(-1.95, 0.08, text["above"], fontsize=10, va="bottom", color="#333333")
    ax.text(-1.95, -0.08, text["below"], fontsize=10, va="top", color="#333333")
    for i, need in enumerate(explicit):
        ax.text(0.02, 0.72 - 0.6 * i / max(len(explicit), 1), need, ha="center", va="center", fontsize=9, zorder=3)
    for i, need in enumerate(latent):
        ax.text(0.02, -0.35 - 1.55 * i / max(len(latent), 1), need, ha="center", va="center", fontsize=9, zorder=3)
    ax.set_xlim(-2.0, 1.6)
    ax.set_ylim(-2.2, 1.15)
    ax.axis("off")
    ax.set_title(text["title"] if title is None else title)
    return ax


@share_docs
def plot_maslow(*, highlight=None, ax=None, lang="zh", title=None):
    """Maslow's five levels as a pyramid, each with its meaning for internal service.

    Parameters
    ----------
    highlight : int, optional
        Level to emphasise, 1 (bottom) … 5 (top).
    {{ax_lang}}
    {{title}}

    {{returns_axes}}

    Examples
    --------
    >>> with isq.theme():
    ...     ax = isq.plot_maslow(highlight=4)
    >>> len(ax.patches)
    5
    """
    from matplotlib.patches import Polygon

    check_lang(lang)
    levels = MASLOW_LEVELS[lang]
    ax = get_axes(ax)
    k = len(levels)
    for i, (name, meaning) in enumerate(levels):
        y0, y1 = i / k, (i + 1) / k
        half0, half1 = 0.3 + (1 - y0), 0.3 + (1 - y1)
        strong = highlight == i + 1
        colour = PALETTES["sequence"][1] if strong else PALETTES["sequence"][0]
        ax.add_patch(Polygon([(-half0, y0), (half0, y0), (half1, y1), (-half1, y1)], color=colour,
                             alpha=0.9 if strong else 0.25 + 0.1 * i, ec="white", lw=2))
        ax.text(0, (y0 + y1) / 2, name, ha="center", va="center", fontsize=10,
                color="white" if strong or i >= 3 else "#222222")
        ax.text(1.4, (y0 + y1) / 2, meaning, ha="left", va="center", fontsize=9, color="#333333")
    ax.set_xlim(-1.35, 2.7)
    ax.set_ylim(0, 1.02)
    ax.axis("off")
    ax.set_title(_MASLOW_TITLE[lang] if title is None else title)
    return ax
