"""Classroom widgets: ipywidgets controls driving pure isq plotting functions.

Every widget is a thin layer: controls -> a pure function of their values -> an ``Output``
that is redrawn. They work in JupyterLab, in Voilà and headless (tests set ``.value`` and
read what was drawn). Topic widgets live in ``isq/delivery/widgets/<topic>.py``.

The ``Output`` of a widget always holds exactly one thing: the current chart (a PNG
rendered by isq itself, so it shows whatever matplotlib backend the kernel uses) or one
Chinese note (样本不足…, 还没有投票…). It is replaced in one step, never appended to, so a
note can never sit under a stale chart.
"""

from __future__ import annotations

import html

from ...errors import IsqError

__all__ = ["live_plot", "clear_output", "show_and_close", "show_figure", "show_note", "WidgetNote",
           "output_kind", "NOTE_CLASS", "room_file", "load_room_table", "save_room_table"]

#: Resolution of widget charts: sharp on a projector, quick to redraw while the room votes.
WIDGET_DPI = 100
#: CSS class of the note an ``Output`` shows instead of a chart (tests look for it).
NOTE_CLASS = "isq-note"


class WidgetNote(IsqError):
    """Raised by a widget's draw function: show this message instead of a chart."""


def live_plot(draw, controls: dict, *, figsize=(8, 5), title=None):
    """A box of ``controls`` above a figure redrawn by ``draw(ax, **values)`` on every change.

    Parameters
    ----------
    draw : callable
        ``draw(ax, **values)``: draws on the given Axes (a pure isq plot call). Raising
        :class:`WidgetNote` or any :class:`isq.IsqError` shows its message instead of a chart.
    controls : dict
        name -> ipywidgets control (its ``.value`` is passed to ``draw`` as ``name``).

    Returns
    -------
    ipywidgets.VBox
        With attributes ``controls``, ``output`` and ``redraw()``; ``last_values`` records
        the values of the last drawing (for tests and for saving a classroom result);
        ``last_note`` the note shown instead of a chart (None when a chart is shown) and
        ``last_error`` an unexpected error turned into a note (None when there was none).

    Examples
    --------
    >>> import ipywidgets as w
    >>> box = live_plot(lambda ax, k: ax.plot(range(k)), {"k": w.IntSlider(value=3, min=1, max=9)})
    >>> box.controls["k"].value = 5
    >>> box.last_values, output_kind(box.output)
    ({'k': 5}, 'chart')
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from ...plots.theme import theme

    out = w.Output()
    header = [w.HTML(f"<b>{html.escape(str(title))}</b>")] if title else []
    box = w.VBox(header + list(controls.values()) + [out])
    box.controls, box.output, box.last_values = controls, out, {}
    box.last_note = box.last_error = None

    def redraw(*_):
        values = {k: c.value for k, c in controls.items()}
        box.last_values = values
        with theme():
            fig, ax = plt.subplots(figsize=figsize)
            try:
                draw(ax, **values)
            except IsqError as e:
                plt.close(fig)
                box.last_note, box.last_error = str(e), None
                show_note(out, str(e))
                return
            except Exception as e:  # a classroom widget never shows a traceback on the projector
                plt.close(fig)
                box.last_note, box.last_error = str(e), e
                show_note(out, f"这张图暂时画不出来（{type(e).__name__}: {e}）。请换一个选项。", error=True)
                return
            box.last_note = box.last_error = None
            show_figure(out, fig)

    for c in controls.values():
        c.observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return box


def show_figure(out, fig):
    """Replace the content of ``out`` by ``fig`` (a PNG) and close the figure.

    The PNG is rendered here, so the chart appears with any matplotlib backend (inline,
    Agg, ...) in JupyterLab, Voilà and exported notebooks alike.
    """
    import base64
    import io

    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png", dpi=WIDGET_DPI, bbox_inches="tight")
    finally:
        plt.close(fig)
    out.outputs = ({"output_type": "display_data", "metadata": {},
                    "data": {"image/png": base64.b64encode(buf.getvalue()).decode("ascii"),
                             "text/plain": "<isq chart>"}},)


def show_note(out, text, *, error=False):
    """Replace the content of ``out`` by one note (HTML-escaped ``text``)."""
    colour = "#c0392b" if error else "#8a6d3b"
    body = (f"<div class='{NOTE_CLASS}' style='padding:8px 12px;border-left:4px solid {colour};"
            f"background:#fcf8e3;color:#333'>{html.escape(str(text))}</div>")
    out.outputs = ({"output_type": "display_data", "metadata": {},
                    "data": {"text/html": body, "text/plain": str(text)}},)


def clear_output(out):
    """Empty an ``Output`` widget at once (works in a kernel and headless)."""
    out.outputs = ()


def output_kind(out):
    """What ``out`` shows: "chart", "note", "empty" or "mixed" (more than one thing)."""
    items = list(out.outputs)
    if not items:
        return "empty"
    if len(items) > 1:
        return "mixed"
    data = items[0].get("data", {})
    if "image/png" in data:
        return "chart"
    if NOTE_CLASS in str(data.get("text/html", "")):
        return "note"
    return "mixed"


def room_file(folder, name):
    """``<folder>/room/<name>.csv``: where a widget keeps what the room entered (votes, answers)."""
    from pathlib import Path

    from ..workshop import _safe_folder_name

    return Path(folder) / "room" / f"{_safe_folder_name(name)}.csv"


def load_room_table(path, columns, *, integer=()):
    """The rows saved at ``path`` (None when there is no file yet).

    Raises IsqDataError naming the file when it cannot be read or lacks ``columns``; the
    widget then shows the message and does not overwrite the file.
    """
    from pathlib import Path

    import pandas as pd

    from ...errors import IsqDataError

    path = Path(path)
    if not path.exists():
        return None
    try:
        frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise IsqDataError(f"cannot read the saved room table ({str(e).splitlines()[0]}); it is not "
                           f"overwritten. (课堂记录文件无法读取，不会被覆盖。)", file=str(path)) from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise IsqDataError(f"missing column(s) {', '.join(missing)}; it is not overwritten. "
                           f"(缺少列 {'、'.join(missing)}，文件不会被覆盖。)", file=str(path))
    frame = frame[list(columns)]
    for c in integer:
        values = pd.to_numeric(frame[c], errors="coerce")
        bad = values.isna() | (values != values.round())
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0]) + 2  # header is line 1
            raise IsqDataError(f"row {row}, column {c}: {frame[c].iloc[row - 2]!r} is not a whole number; "
                               f"it is not overwritten. (第 {row} 行 {c} 列应为整数。)", file=str(path))
        frame[c] = values.astype("int64")
    return frame


def save_room_table(path, frame):
    """Write ``frame`` to ``path`` atomically (UTF-8 with BOM, so Excel opens it)."""
    from ..._io import atomic_write_text

    return atomic_write_text(path, frame.to_csv(index=False), encoding="utf-8-sig")


def show_and_close(fig):
    """Show ``fig`` in the current ``Output`` context when a kernel is there, then close it.

    Kept for callers outside isq; isq's widgets use :func:`show_figure`.
    """
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
