"""Classroom widget: move the IPA crosshair and watch the quadrants change."""

from __future__ import annotations

from ...labels import IPA_QUADRANTS, label

__all__ = ["ipa_crosshair_widget", "CROSSHAIRS"]

#: The crosshair options offered in class (see :func:`isq.ipa`).
CROSSHAIRS = ("mean", "median", "midpoint")

_CROSSHAIR_NAMES = {
    "zh": {"mean": "均值（以数据为中心）", "median": "中位数", "midpoint": "量表中点"},
    "en": {"mean": "mean (data-centred)", "median": "median", "midpoint": "scale midpoint"},
}


def ipa_crosshair_widget(data, *, group="provider", value=None, crosshair="mean", lang="zh",
                         names=None, kano=None, min_group_size=5, figsize=(8, 6)):
    """IPA grid with a crosshair dropdown (mean / median / midpoint) and a group dropdown.

    Every change recomputes :func:`isq.ipa` and redraws :func:`isq.plot_ipa`; a line under
    the controls counts the attributes per quadrant.

    Parameters
    ----------
    data : DataFrame
        Long IPA data (``attribute, importance, performance``) as for :func:`isq.ipa`.
    group : str or None, default "provider"
        Column offering one grid per group in a dropdown (with an "all" entry); None: one grid.
    value : str, optional
        The group shown first (default: all).
    crosshair : {"mean", "median", "midpoint"}
    lang : {"zh", "en"}
    names, kano : dict, optional
        Passed to :func:`isq.plot_ipa`.
    min_group_size : int, default 5
        A group rated by fewer respondents shows the privacy note 样本不足 instead of a grid.

    Returns
    -------
    ipywidgets.VBox
        As :func:`isq.live_plot`, plus ``result`` (the last :func:`isq.ipa` table) and
        ``counts`` (attributes per quadrant, a dict; all zero when the group is suppressed).

    Examples
    --------
    >>> box = ipa_crosshair_widget(isq.load_demo("ipa"), value="IT")
    >>> box.counts["concentrate"]
    4
    >>> box.controls["crosshair"].value = "midpoint"
    >>> box.counts["keep_up"], box.counts["concentrate"]
    (22, 0)
    >>> box.controls["group_value"].value = "LEG"   # 3 respondents: a note, no grid
    >>> box.last_note
    '样本不足（少于 5 人），不予显示'
    """
    import ipywidgets as w

    from ...models.ipa import ipa
    from ...plots.ipa import plot_ipa
    from . import WidgetNote, live_plot

    all_key = "全部" if lang == "zh" else "all"
    groups = [all_key] + (sorted(map(str, data[group].dropna().unique())) if group else [])
    summary = w.HTML()
    state = {}

    def draw(ax, crosshair, group_value):
        sub = data if group_value == all_key else data[data[group].astype(str) == group_value]
        res = ipa(sub, crosshair=crosshair, min_group_size=min_group_size)
        counts = {q: int((res["quadrant"] == q).sum()) for q in IPA_QUADRANTS}
        state.update(result=res, counts=counts)
        summary.value = "　".join(f"{label(q, lang)}：<b>{n}</b>" for q, n in counts.items())
        if res.empty or res["importance_mean"].isna().all():
            raise WidgetNote(label("suppressed", lang).format(k=min_group_size))
        plot_ipa(res, ax=ax, lang=lang, names=names, kano=kano)

    controls = {
        "crosshair": w.Dropdown(options=[(_CROSSHAIR_NAMES[lang][c], c) for c in CROSSHAIRS],
                                value=crosshair, description="十字线" if lang == "zh" else "Crosshair"),
        "group_value": w.Dropdown(options=groups, value=value if value in groups else all_key,
                                  description="部门" if lang == "zh" else "Group",
                                  disabled=group is None),
    }
    box = live_plot(draw, controls, figsize=figsize)
    box.children = box.children[:-1] + (summary, box.children[-1])

    def _sync(*_):
        box.result, box.counts = state["result"], state["counts"]

    _sync()
    for c in controls.values():
        c.observe(_sync, names="value")
    return box
