"""Classroom widget: sliders for touchpoint scores redraw the journey map and its peak-end value.

The room moves the score of a touchpoint ("what if approval took one day?") and sees the
emotion curve, the pain/itch/delight classes and the peak-end value change. Everything is
computed by :func:`isq.journey_summary`, :func:`isq.journey_peak_end` and drawn by
:func:`isq.plot_journey_map`; the widget only wires sliders to them.
"""

from __future__ import annotations

from ...errors import IsqError
from ...labels import check_lang, label

__all__ = ["journey_sliders"]


def journey_sliders(summary, *, journey=None, version=None, lang="zh", scale=(-3, 3), step=0.25,
                    figsize=(9, 4.8)):
    """One slider per touchpoint of a journey; the map and the peak-end value redraw.

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`isq.journey_summary`; the sliders start at the touchpoint means.
    journey, version : str, optional
        Which journey and version to use when ``summary`` holds several (default: the
        first of each, in order of appearance).
    lang : {"zh", "en"}
    scale : (float, float)
        Slider range, the score scale (default −3 … +3).
    step : float
        Slider step.

    Returns
    -------
    ipywidgets.VBox
        From :func:`isq.live_plot` (``controls``, ``output``, ``redraw()``, ``last_values``),
        plus ``state``: a dict with the current ``summary`` (re-classified) and
        ``peak_end`` (the :func:`isq.journey_peak_end` row as a dict).

    Examples
    --------
    >>> s = isq.journey_summary(isq.load_demo("journey"))
    >>> box = journey_sliders(s, journey="expense", version="before")
    >>> round(box.state["peak_end"]["peak_end"], 2)
    -0.88
    >>> box.controls["t4"].value = 0.0          # 等待审批 no longer painful
    >>> round(box.state["peak_end"]["peak_end"], 2), box.state["peak_end"]["peak_touchpoint"]
    (-0.5, '被退回修改')
    """
    import ipywidgets as w

    from ...models.journey import journey_peak_end, journey_summary
    from ...plots.journey import plot_journey_map
    from . import live_plot

    check_lang(lang)
    s = summary
    for col, chosen in (("journey", journey), ("version", version)):
        if col in s.columns:
            values = list(s[col].drop_duplicates())
            chosen = values[0] if chosen is None else chosen
            if chosen not in values:
                raise IsqError(f"`{col}`={chosen!r} is not in the summary; found {values!r}.")
            s = s[s[col] == chosen]
    if s.empty:
        raise IsqError("`summary` has no touchpoints to put on sliders.")
    base = s.sort_values("order")[["stage", "stage_order", "touchpoint", "order", "mot", "mean"]]
    lo, hi = scale
    controls = {}
    for o, tp, m in zip(base["order"], base["touchpoint"], base["mean"]):
        v = min(max(round(float(m) / step) * step, lo), hi)
        controls[f"t{int(o)}"] = w.FloatSlider(
            value=v, min=lo, max=hi, step=step, description=str(tp), continuous_update=False,
            readout_format="+.2f", style={"description_width": "7em"})
    state = {}

    def draw(ax, **values):
        frame = base.drop(columns="mean").assign(score=[values[f"t{int(o)}"] for o in base["order"]])
        cur = journey_summary(frame)
        pe = journey_peak_end(cur).iloc[0].to_dict()
        state.update(summary=cur, peak_end=pe)
        title = f"{label('peak_end', lang)} {pe['peak_end']:+.2f}"
        plot_journey_map(cur, ax=ax, lang=lang, title=title, scale=scale)

    box = live_plot(draw, controls, figsize=figsize)
    box.state = state
    return box
