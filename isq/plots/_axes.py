"""Where a chart draws: the one shared answer to ``ax=None``."""

from __future__ import annotations

from ..errors import IsqError

__all__ = ["get_axes"]


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
