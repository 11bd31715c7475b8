"""Classroom widget: choose a serving department and a wave, the SERVQUAL radar redraws.

Dropdowns drive :func:`isq.servqual_gaps` (dimension level, by provider and wave, with the
minimum group size applied) and the pure plots :func:`isq.plot_servqual_radar` and
:func:`isq.plot_gap_bars`. A department rated by too few respondents shows a privacy note
instead of a chart.
"""

from __future__ import annotations

from ...labels import check_lang, label

__all__ = ["servqual_explorer"]


def servqual_explorer(data, *, provider="IT", wave="pre", names=None, lang="zh",
                      min_group_size=5, figsize=(12, 5)):
    """Radar and gap bars of one serving department, chosen live from dropdowns.

    Parameters
    ----------
    data : DataFrame
        SERVQUAL answers in long form with ``provider`` and ``wave`` columns (demo table
        "servqual").
    provider, wave : str
        Initial choices ("" for provider = the whole company).
    names : dict, optional
        Display names of the department codes for the dropdown.
    lang : {"zh", "en"}
    min_group_size : int
        Departments rated by fewer respondents are not drawn (privacy).

    Returns
    -------
    ipywidgets.VBox
        With ``controls`` (``provider``, ``wave``), ``output``, ``redraw()``,
        ``last_values`` (the choices last drawn), ``draws`` (charts drawn so far) and ``last_result`` (the gap table drawn,
        None when suppressed).

    Examples
    --------
    >>> box = servqual_explorer(isq.load_demo("servqual"))
    >>> box.controls["provider"].value = "FIN"
    >>> box.last_values
    {'provider': 'FIN', 'wave': 'pre'}
    >>> box.controls["provider"].value = "LEG"
    >>> box.last_result is None, isq.delivery.widgets.output_kind(box.output)
    (True, 'note')
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from ...models.servqual import servqual_gaps
    from ...plots.servqual import plot_gap_bars, plot_servqual_radar
    from ...plots.theme import theme
    from . import show_figure, show_note

    check_lang(lang)
    names = names or {}
    company = "全公司" if lang == "zh" else "Company"
    providers = sorted(data["provider"].dropna().astype(str).unique())
    waves = sorted(data["wave"].dropna().astype(str).unique(), key=lambda v: (v != "pre", v))
    p_options = [(company, "")] + [(f"{p} {names.get(p, '')}".strip(), p) for p in providers]
    p_ctrl = w.Dropdown(options=p_options, value=provider if provider in dict(p_options).values() else "",
                        description=label("provider", lang))
    w_ctrl = w.Dropdown(options=[(label(v, lang), v) for v in waves],
                        value=wave if wave in waves else (waves[0] if waves else None),
                        description=label("wave", lang))
    out = w.Output()
    note = w.HTML()
    controls = {"provider": p_ctrl, "wave": w_ctrl}
    box = w.VBox([w.HBox([p_ctrl, w_ctrl]), note, out])
    box.controls, box.output, box.last_values, box.last_result = controls, out, {}, None
    box.draws = 0

    def redraw(*_):
        values = {k: c.value for k, c in controls.items()}
        box.last_values = values
        rows = data[data["wave"].astype(str) == str(values["wave"])]
        if values["provider"]:
            rows = rows[rows["provider"].astype(str) == values["provider"]]
        g = servqual_gaps(rows, by="wave", level="dimension", min_group_size=min_group_size) if len(rows) else None
        if g is None or g.empty or g["gap"].isna().all():
            note.value = f"n &lt; {min_group_size}"
            show_note(out, label("suppressed", lang).format(k=min_group_size))
            box.last_result = None
            return
        note.value = f"n = {int(g['n'].max())}"
        with theme():
            fig = plt.figure(figsize=figsize)
            plot_servqual_radar(g, ax=fig.add_subplot(1, 2, 1, projection="polar"), lang=lang)
            plot_gap_bars(g, ax=fig.add_subplot(1, 2, 2), lang=lang)
            fig.tight_layout()
            show_figure(out, fig)
        box.draws += 1
        box.last_result = g

    for c in controls.values():
        c.observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return box
