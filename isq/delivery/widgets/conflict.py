"""Classroom widget: answer the conflict self-reflection items and see your point on the map.

The items are isq's original exercise (:func:`isq.load_conflict_items`), not the copyrighted
TKI instrument. Scoring and the mode rule are :func:`isq.conflict_profile`; the chart is
:func:`isq.plot_conflict_map`. A "join the team" button collects the answers of the room so
the trainer can show a team aggregate.
"""

from __future__ import annotations

import html

__all__ = ["conflict_questionnaire", "conflict_example_room", "ROOM_TEAMS"]

from ..workshop import DEFAULT_TEAMS

#: Team names used by the classroom example: the course's team names (第1组 …).
ROOM_TEAMS = DEFAULT_TEAMS

# Each example team leans towards a mode: the answer it gives to items keyed +1 on
# (assertiveness, cooperativeness); items keyed -1 get the mirrored answer.
_TEAM_LEANING = dict(zip(ROOM_TEAMS, ((4.4, 1.8), (4.2, 4.3), (2.0, 4.2), (2.4, 2.0))))


def conflict_example_room(*, seed=20261122, size=5, exercise=None):
    """Answers of an invented classroom: four teams of ``size`` people, one leaning each.

    A reproducible illustration for the team map when no room has answered yet: 第1组 leans
    competing, 第2组 collaborating, 第3组 accommodating, 第4组 avoiding; every person varies
    around the team's leaning (answers rounded to the 1–5 scale).

    Returns
    -------
    DataFrame
        Long answers ``team, respondent, item, score``, ready for
        ``isq.conflict_profile(answers, by="team")``.

    Examples
    --------
    >>> room = conflict_example_room()
    >>> room.shape, sorted(room["team"].unique())
    ((280, 4), ['第1组', '第2组', '第3组', '第4组'])
    """
    import numpy as np
    import pandas as pd

    from ...models.conflict import load_conflict_items

    ex = exercise or load_conflict_items()
    rng = np.random.default_rng(seed)
    rows = []
    for t, team in enumerate(ROOM_TEAMS):
        a_lean, c_lean = _TEAM_LEANING[team]
        for p in range(size):
            person = f"{team}{p + 1}"
            a_p, c_p = a_lean + rng.normal(0, 0.4), c_lean + rng.normal(0, 0.4)
            for it in ex.items.itertuples():
                target = []
                for sign, lean in ((it.assertiveness, a_p), (it.cooperativeness, c_p)):
                    if sign:
                        target.append(lean if sign > 0 else ex.low + ex.high - lean)
                x = float(np.mean(target)) + rng.normal(0, 0.5)
                rows.append((team, person, it.code, int(np.clip(np.rint(x), ex.low, ex.high))))
    return pd.DataFrame(rows, columns=["team", "respondent", "item", "score"])


def conflict_questionnaire(*, name="我", lang="zh", exercise=None, teams=None, figsize=(7, 6), folder=None):
    """Sliders for the reflection items; the map redraws with the participant's point.

    Parameters
    ----------
    name : str
        The label of the participant's point.
    lang : {"zh", "en"}
        Item wording and chart language.
    exercise : ConflictExercise, optional
        Default: the bundled items.
    teams : sequence of str, optional
        Offered in the "join a team" dropdown; default :data:`ROOM_TEAMS` (pass
        ``isq.workshop_teams(folder)`` for the course's own list).
    folder : str or Path, optional
        The workshop folder: the room's answers (``room``) are saved after every join to
        ``<folder>/room/conflict.csv`` and reloaded when the widget is opened again.

    Returns
    -------
    ipywidgets.VBox
        As :func:`isq.live_plot`, plus ``answers()`` (long DataFrame of the current
        answers), ``profile`` (the last :func:`isq.conflict_profile` row), ``join()`` /
        the button (adds the current answers under the chosen team to ``room``) and
        ``room`` (a DataFrame ``team, respondent, item, score`` of everyone who joined).

    Examples
    --------
    >>> box = conflict_questionnaire()
    >>> box.profile["mode"].iloc[0]
    'compromising'
    >>> for code in ["CM01", "CM02", "CM03", "CM14"]:
    ...     box.controls[code].value = 5
    >>> box.controls["CM07"].value = 1
    >>> box.profile["mode"].iloc[0]
    'competing'
    >>> box.join(); len(box.room)
    14
    """
    import ipywidgets as w
    import pandas as pd

    from ...models.conflict import conflict_profile, load_conflict_items
    from ...plots.conflict import plot_conflict_map
    from ...errors import IsqDataError
    from . import live_plot, load_room_table, room_file, save_room_table

    ex = exercise or load_conflict_items()
    mid = (ex.low + ex.high) // 2
    codes = list(ex.items["code"])
    labels = ex.labels.get(lang, ex.labels.get("zh", {}))
    scale = "　".join(f"{k} {v}" for k, v in labels.items())
    state = {}

    def answers(values=None):
        values = values or {c: box.controls[c].value for c in codes}
        return pd.DataFrame({"respondent": name, "item": list(values), "score": list(values.values())})

    def draw(ax, **values):
        prof = conflict_profile(answers(values), exercise=ex)
        state["profile"] = prof
        plot_conflict_map(prof, ax=ax, lang=lang)

    controls = {c: w.IntSlider(value=mid, min=ex.low, max=ex.high, continuous_update=False,
                               layout=w.Layout(width="220px")) for c in codes}
    box = live_plot(draw, controls, figsize=figsize)
    text = dict(zip(ex.items["code"], ex.items[lang if lang in ex.items else "zh"]))
    rows = [w.HBox([w.HTML(f"<b>{c}</b> {text[c]}", layout=w.Layout(width="520px")), controls[c]])
            for c in codes]
    team = w.Dropdown(options=list(teams or ROOM_TEAMS), description="团队" if lang == "zh" else "Team")
    who = w.Text(value=name, description="姓名" if lang == "zh" else "Name")
    button = w.Button(description="加入团队汇总" if lang == "zh" else "Join team summary",
                      button_style="success")
    box.children = (w.HTML(f"<i>{scale}</i>"), *rows, box.output, w.HBox([team, who, button]))
    box.room = pd.DataFrame(columns=["team", "respondent", "item", "score"])
    box.path = None if folder is None else room_file(folder, "conflict")
    if box.path is not None:
        try:
            saved = load_room_table(box.path, list(box.room.columns), integer=("score",))
        except IsqDataError as e:
            box.path = None  # never overwrite a file we could not read
            box.children = (w.HTML(f"<span style='color:#c0392b'>⚠ {html.escape(str(e))}</span>"), *box.children)
        else:
            if saved is not None:
                box.room = saved
    box.answers = answers
    box.team, box.who, box.button = team, who, button

    def _sync(*_):
        box.profile = state["profile"]

    def join(*_):
        new = answers().assign(respondent=who.value, team=team.value)[box.room.columns]
        keep = box.room[box.room["respondent"] != who.value]  # answering again replaces
        box.room = pd.concat([keep, new], ignore_index=True) if len(keep) else new
        if box.path is not None:
            save_room_table(box.path, box.room)

    _sync()
    for c in controls.values():
        c.observe(_sync, names="value")
    button.on_click(join)
    box.join = join
    return box
