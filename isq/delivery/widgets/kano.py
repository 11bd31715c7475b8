"""Classroom widget: the room votes a Kano answer pair and sees its category.

Two dropdowns (the functional and the dysfunctional question, answers as worded in the
bundled Kano instrument), the category of the chosen pair from :func:`isq.kano_classify`,
a button that records the pair as one vote, and a stacked bar of the room's votes drawn by
:func:`isq.plot_kano_categories` on :func:`isq.kano_summary` of the votes.
"""

from __future__ import annotations

import pandas as pd

from ...labels import check_lang, label

__all__ = ["kano_vote"]


def kano_vote(*, feature="K03", lang="zh", figsize=(8, 2.6), folder=None):
    """A Kano voting widget for the training room.

    Parameters
    ----------
    feature : str
        The feature being voted on (a code of the Kano feature bank, or any name).
    lang : {"zh", "en"}
        Language of the answer labels and the chart.
    folder : str or Path, optional
        The workshop folder (:func:`isq.workshop_folder`). Given, the votes are saved after
        every vote to ``<folder>/room/kano_<feature>.csv`` and reloaded when the widget is
        opened again (a kernel restart loses no vote); 清空 empties the file.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``functional`` and ``dysfunctional`` (the dropdowns, values 1–5),
        ``button``, ``category`` (the category of the current pair), ``votes`` (a
        DataFrame of the recorded pairs), ``vote()`` (record the current pair, as the
        button does), ``reset()``, ``output`` (the chart of the votes), ``draws`` (charts drawn
        so far) and ``path`` (the file the votes are saved to, or None).

    Examples
    --------
    >>> box = kano_vote()
    >>> box.functional.value, box.dysfunctional.value = 1, 3
    >>> box.category
    'A'
    >>> box.vote(); box.vote()
    >>> len(box.votes)
    2
    >>> box.reset(); len(box.votes), isq.delivery.widgets.output_kind(box.output)
    (0, 'note')
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from ...data.instruments import load_instrument
    from ...models.kano import kano_classify, kano_summary
    from ...plots.kano import plot_kano_categories
    from ...plots.theme import theme
    from ...errors import IsqDataError
    from . import load_room_table, room_file, save_room_table, show_figure, show_note

    check_lang(lang)
    labels = load_instrument("kano").scales["kano5"].labels
    options = [(f"{code} {labels[code][lang]}", code) for code in sorted(labels)]
    func = w.Dropdown(options=options, value=1, description="具备时" if lang == "zh" else "If present")
    dysf = w.Dropdown(options=options, value=5, description="不具备时" if lang == "zh" else "If absent")
    shown = w.HTML()
    button = w.Button(description="记录这一票" if lang == "zh" else "Record this vote", button_style="primary")
    clear = w.Button(description="清空" if lang == "zh" else "Clear")
    out = w.Output()
    box = w.VBox([w.HBox([func, dysf]), shown, w.HBox([button, clear]), out])
    box.functional, box.dysfunctional, box.button, box.output = func, dysf, button, out
    box.draws = 0
    box.votes = pd.DataFrame({"feature": pd.Series(dtype="str"), "functional": pd.Series(dtype="int64"),
                              "dysfunctional": pd.Series(dtype="int64")})
    box.path = None if folder is None else room_file(folder, f"kano_{feature}")
    problem = None
    if box.path is not None:
        try:
            saved = load_room_table(box.path, list(box.votes.columns), integer=("functional", "dysfunctional"))
        except IsqDataError as e:
            problem, box.path = str(e), None  # never overwrite a file we could not read
        else:
            if saved is not None and not saved[["functional", "dysfunctional"]].isin(list(labels)).all().all():
                problem = (f"{box.path}: answers must be codes {', '.join(map(str, sorted(labels)))}; the file is "
                           f"not overwritten. (答案应为 1–5 的代码，文件不会被覆盖。)")
                box.path = None
            elif saved is not None:
                box.votes = saved.assign(feature=saved["feature"].astype(str))

    def show_category(*_):
        box.category = str(kano_classify([func.value], [dysf.value])[0])
        shown.value = (f"<b>{label(box.category, lang)}（{box.category}）</b>" if lang == "zh"
                       else f"<b>{label(box.category, lang)} ({box.category})</b>")

    def draw():
        if box.votes.empty:
            show_note(out, "还没有投票：选好两个答案后点“记录这一票”。" if lang == "zh"
                      else "No votes yet: choose both answers, then record the vote.")
            return
        summary = kano_summary(box.votes, min_group_size=None)
        summary["feature"] = f"{label('room_votes', lang)} (n = {len(box.votes)})"
        with theme():
            fig, ax = plt.subplots(figsize=figsize)
            plot_kano_categories(summary, ax=ax, lang=lang)
            show_figure(out, fig)
        box.draws += 1

    def save():
        if box.path is not None:
            save_room_table(box.path, box.votes)

    def vote(*_):
        row = pd.DataFrame({"feature": [feature], "functional": [func.value], "dysfunctional": [dysf.value]})
        box.votes = pd.concat([box.votes, row], ignore_index=True) if len(box.votes) else row
        save()
        draw()

    def reset(*_):
        box.votes = box.votes.iloc[0:0]
        save()
        draw()

    func.observe(show_category, names="value")
    dysf.observe(show_category, names="value")
    button.on_click(vote)
    clear.on_click(reset)
    box.vote, box.reset = vote, reset
    show_category()
    draw()
    if problem:
        show_note(out, f"⚠ {problem}")
    return box
