"""Classroom widgets: ipywidgets controls driving pure isq plotting functions.

Every widget is a thin layer: controls -> a pure function of their values -> an ``Output``
that is redrawn. They work in JupyterLab, in Voilà and headless (tests set ``.value`` and
read what was drawn). Topic widgets live in ``isq/delivery/widgets/<topic>.py``.
"""

from __future__ import annotations

__all__ = ["live_plot", "clear_output", "show_and_close"]


def live_plot(draw, controls: dict, *, figsize=(8, 5), title=None):
    """A box of ``controls`` above a figure redrawn by ``draw(ax, **values)`` on every change.

    Parameters
    ----------
    draw : callable
        ``draw(ax, **values)``: draws on the given Axes (a pure isq plot call).
    controls : dict
        name -> ipywidgets control (its ``.value`` is passed to ``draw`` as ``name``).

    Returns
    -------
    ipywidgets.VBox
        With attributes ``controls``, ``output`` and ``redraw()``; ``last_values`` records
        the values of the last drawing (for tests and for saving a classroom result).

    Examples
    --------
    >>> import ipywidgets as w
    >>> box = live_plot(lambda ax, k: ax.plot(range(k)), {"k": w.IntSlider(value=3, min=1, max=9)})
    >>> box.controls["k"].value = 5
    >>> box.last_values
    {'k': 5}
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from ...plots.theme import theme

    out = w.Output()
    header = [w.HTML(f"<b>{title}</b>")] if title else []
    box = w.VBox(header + list(controls.values()) + [out])
    box.controls, box.output, box.last_values = controls, out, {}

    def redraw(*_):
        values = {k: c.value for k, c in controls.items()}
        clear_output(out)
        with out, theme():
            fig, ax = plt.subplots(figsize=figsize)
            draw(ax, **values)
            show_and_close(fig)
        box.last_values = values

    for c in controls.values():
        c.observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return box


def clear_output(out):
    """Empty an ``Output`` widget before a redraw (headless, e.g. in tests: no terminal escapes)."""
    if _in_kernel():
        out.clear_output(wait=True)
    else:
        out.outputs = ()


def show_and_close(fig):
    """Show ``fig`` in the current ``Output`` context when a kernel is there, then close it."""
    import matplotlib.pyplot as plt

    if _in_kernel():
        plt.show()
    plt.close(fig)


def _in_kernel():
    try:
        from IPython import get_ipython

        return get_ipython() is not None and hasattr(get_ipython(), "kernel")
    except ImportError:  # pragma: no cover
        return False
