"""The start every chart shares: the checks of its input, and where it draws (``ax=None``)."""

from __future__ import annotations

from .._validate import check_columns, check_frame
from ..errors import IsqError
from ..labels import check_lang

__all__ = ["check_input", "get_axes", "literal"]

#: Control characters (C0 and C1, DEL) have no glyph: a chart would draw them as boxes.
_CONTROL = dict.fromkeys([*range(0, 9), *range(11, 32), *range(127, 160)])


def literal(text) -> str:
    r"""Client text as a chart shows it literally: control characters removed and, while
    matplotlib parses mathtext (``rcParams["text.parse_math"]``), ``$`` escaped, so a name like
    ``$x^2$ 人力`` is never typeset and an invalid one (``$\frac$``) never stops the chart.

    >>> literal("报销\x01$x$")
    '报销\\$x\\$'
    """
    import matplotlib

    out = str(text).translate(_CONTROL)
    return out.replace("$", r"\$") if matplotlib.rcParams["text.parse_math"] else out


def check_input(frame, name, lang, **columns):
    """The checks a chart makes first: ``frame`` (the argument ``name``) is a table holding
    the model's ``columns`` (role=column, as ``check_columns``), and ``lang`` is "zh" or
    "en" (returned)."""
    check_frame(frame, name=name)
    check_columns(frame, **columns)
    return check_lang(lang)


def get_axes(ax, *, polar=False, figsize=None, chart="The radar"):
    """``ax`` when given (a polar ``chart`` checks that it is polar), else where to draw:
    the current Axes, or a new figure of ``figsize`` (and polar axes) when asked for."""
    if ax is not None:
        if polar and getattr(ax, "name", "") != "polar":
            raise IsqError(f"{chart} needs polar axes: create them with "
                           "fig.add_subplot(projection='polar') or pass ax=None. (需要极坐标轴。)")
        return ax
    import matplotlib.pyplot as plt

    if polar or figsize is not None:
        return plt.figure(figsize=figsize).add_subplot(projection="polar" if polar else None)
    return plt.gca()
