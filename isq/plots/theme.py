"""The isq visual theme and the bundled CJK font.

Chinese text renders on machines without system CJK fonts by registering the Noto Sans SC
file that the ``zhplot`` package ships (SIL OFL) with matplotlib, once per process.
Nothing here runs on import: call :func:`use_theme` (notebooks) or use the
:func:`theme` context manager (library code, tests).
"""

from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path

__all__ = ["use_theme", "theme", "register_cjk_font", "cjk_font_path", "PALETTES", "theme_rc"]

#: Colours, one visual language across charts (colour-blind-aware, strong enough to project).
PALETTES = {
    "dimension": {
        "tangibles": "#7f7f7f",
        "reliability": "#1f77b4",
        "responsiveness": "#d62728",
        "assurance": "#2ca02c",
        "empathy": "#9467bd",
    },
    "kano": {
        "M": "#1f4e79", "O": "#2e8b57", "A": "#e69f00", "I": "#a0a0a0", "R": "#c0392b", "Q": "#6c3483",
    },
    "quadrant": {
        "concentrate": "#d62728", "keep_up": "#2ca02c", "low_priority": "#a0a0a0", "overkill": "#e69f00",
    },
    "wave": {"pre": "#9ecae1", "post": "#08519c"},
    "nps": {"promoters": "#2ca02c", "passives": "#bdbdbd", "detractors": "#d62728"},
    "sentiment": {"pain": "#d62728", "delight": "#2ca02c", "itch": "#e69f00", "neutral": "#7f7f7f"},
    "sequence": ["#1f77b4", "#d62728", "#2ca02c", "#e69f00", "#9467bd", "#17becf", "#8c564b", "#e377c2"],
}

_FONT_FAMILY = None


def cjk_font_path() -> Path:
    """Path of the bundled Noto Sans SC font (from the ``zhplot`` package)."""
    spec = importlib.util.find_spec("zhplot")
    if spec is None or not spec.submodule_search_locations:
        from ..errors import IsqError

        raise IsqError(
            "The 'zhplot' package (bundled Chinese font) is not installed: "
            "run `pip install zhplot` or `make test`, which installs isq's dependencies."
        )
    return Path(list(spec.submodule_search_locations)[0]) / "fonts" / "NotoSansSC-Regular.ttf"


def register_cjk_font() -> str:
    """Register the bundled CJK font with matplotlib (once per process); return its family."""
    global _FONT_FAMILY
    if _FONT_FAMILY is None:
        import logging

        from matplotlib import font_manager

        # The bundled font has one weight; matplotlib then logs "Failed to find font weight
        # bold" for every bold title and uses the regular face. Keep that out of notebooks.
        logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
        path = cjk_font_path()
        font_manager.fontManager.addfont(str(path))
        _FONT_FAMILY = font_manager.FontProperties(fname=str(path)).get_name()
    return _FONT_FAMILY


def theme_rc(*, context="projector") -> dict:
    """The matplotlib rc settings of the isq theme.

    ``context`` is "projector" (large type for a training room) or "report" (print size).
    """
    family = register_cjk_font()
    scale = {"projector": 1.25, "report": 1.0}[context]
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "font.size": 11 * scale,
        "axes.titlesize": 13 * scale,
        "axes.labelsize": 11 * scale,
        "xtick.labelsize": 10 * scale,
        "ytick.labelsize": 10 * scale,
        "legend.fontsize": 10 * scale,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.prop_cycle": __import__("cycler").cycler(color=PALETTES["sequence"]),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "figure.figsize": (8, 5),
        "figure.autolayout": False,
    }


def use_theme(*, context="projector"):
    """Apply the isq theme for the rest of the process (call it in a notebook's first cell)."""
    import matplotlib as mpl

    mpl.rcParams.update(theme_rc(context=context))


@contextlib.contextmanager
def theme(*, context="projector"):
    """Context manager applying the isq theme temporarily::

        with isq.theme():
            isq.plot_radar(...)
    """
    import matplotlib as mpl

    # Like matplotlib.rc_context, but "interactive" survives the restore: IPython's inline
    # backend switches it on when the first figure is made, and if that happens inside this
    # block, restoring it would stop every later figure of the notebook from showing.
    original = dict(mpl.rcParams.copy())
    original.pop("backend", None)
    try:
        mpl.rcParams.update(theme_rc(context=context))
        yield
    finally:
        interactive = mpl.rcParams["interactive"]
        dict.update(mpl.rcParams, original)
        dict.update(mpl.rcParams, {"interactive": interactive})
