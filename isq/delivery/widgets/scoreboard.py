"""Classroom widget: the team scoreboard a trainer keeps open all day (also in Voilà).

Team dropdown, points, member, reason; buttons to add points, add a bonus, undo the last
entry and start the next round. Every change redraws :func:`isq.plot_scoreboard` and the
standings; with a board file every change is saved at once (:class:`isq.Scoreboard` writes
its CSV log atomically), so a kernel restart loses nothing: :func:`open_scoreboard` reloads it.
"""

from __future__ import annotations

import html
from pathlib import Path

__all__ = ["open_scoreboard", "scoreboard_widget", "standings_html", "DEFAULT_TEAMS"]

#: Column headers of the standings table under the chart.
_STANDINGS_HEADERS = {
    "zh": {"rank": "名次", "team": "团队", "total": "总分", "points": "得分", "bonus": "奖励分"},
    "en": {"rank": "Rank", "team": "Team", "total": "Total", "points": "Points", "bonus": "Bonus"},
}

from ..workshop import DEFAULT_TEAMS  # noqa: E402  (the course's one team vocabulary: 第1组 …)

_DEMO_EVENTS = (  # (team, points, reason, member): an invented morning, for the demo board
    ("第1组", 10, "抢答正确", "张三"), ("第2组", 8, "案例分析", "李四"), ("第3组", 6, "抢答正确", "王五"),
    ("第2组", 5, "最佳提问", "李四"), ("第4组", 7, "角色扮演", "赵六"), ("第1组", 3, "练习全对", "孙七"),
)


def _team_list(teams):
    if teams is None:
        return list(DEFAULT_TEAMS)
    if isinstance(teams, str):
        teams = [t.strip() for t in teams.replace("，", ",").split(",")]
    return [t for t in teams if t]


def open_scoreboard(board_file="", teams=None, *, demo=True, folder=None):
    """The board of the day: reloaded from ``board_file`` if it exists, else a new one.

    Parameters
    ----------
    board_file : str or Path
        CSV log of the board (e.g. "workshop/scoreboard.csv"). Existing: loaded and kept
        saving after every change. Missing: a new board saved there (parent folders are
        created). Empty: ``<folder>/scoreboard.csv`` when ``folder`` is given, else an
        in-memory board (nothing is written).
    teams : list of str or str, optional
        Team names for a new board (a comma-separated string is split); default: the
        teams of ``folder``'s workshop.yaml (:func:`isq.workshop_teams`), else
        :data:`DEFAULT_TEAMS`.
    demo : bool, default True
        For an in-memory board, fill it with a few invented events so the chart is not
        empty when demonstrating.
    folder : str or Path, optional
        The workshop folder (:func:`isq.workshop_folder`): where the board is kept and
        where the team list comes from; a team added to its workshop.yaml after the board
        was started joins the existing board (teams are never removed: their points stay).

    Returns
    -------
    Scoreboard

    Examples
    --------
    >>> open_scoreboard("").standings()[["rank", "team", "total"]].values.tolist()
    [[1, '第1组', 13.0], [1, '第2组', 13.0], [3, '第4组', 7.0], [4, '第3组', 6.0]]
    """
    from ...models.scoreboard import Scoreboard
    from ..scoreboard_store import autosave_scoreboard, load_scoreboard
    from ..workshop import workshop_teams

    if folder is not None:
        board_file = board_file or Path(folder) / "scoreboard.csv"
        teams = teams or workshop_teams(folder)

    if board_file and Path(board_file).exists():
        board = load_scoreboard(board_file)
        if folder is not None:  # a team added to workshop.yaml later joins the board (none is removed)
            for team in _team_list(teams):
                if team not in board.teams:
                    board.add_team(team)
        return board
    if board_file:  # saved right away (parent folders created) and after every change
        return autosave_scoreboard(Scoreboard(_team_list(teams)), board_file)
    board = Scoreboard(_team_list(teams))
    if demo:
        for team, points, reason, member in _DEMO_EVENTS:
            if team in board.teams:
                board.add_points(team, points, reason=reason, member=member)
    return board


def standings_html(board, *, lang="zh"):
    """The standings as an HTML table with headers in ``lang`` (team names escaped), and the
    MVP so far (个人累计得分最高者) underneath when points were credited to members.

    Examples
    --------
    >>> import isq
    >>> b = isq.Scoreboard(["第1组", "<b>x</b>"]); b.add_points("第1组", 3)
    >>> t = standings_html(b); "<th>名次</th>" in t, "&lt;b&gt;x&lt;/b&gt;" in t
    (True, True)
    """
    from ...labels import check_lang

    table = board.standings().rename(columns=_STANDINGS_HEADERS[check_lang(lang)])
    out = table.to_html(index=False, escape=True, float_format=lambda v: f"{v:g}", border=0)
    best = board.mvp()
    if best is not None:
        who, team = html.escape(str(best["member"])), html.escape(str(best["team"]))
        out += (f"<p>★ 当前 MVP：<b>{who}</b>（{team}，{best['points']:g} 分）</p>" if lang == "zh"
                else f"<p>★ MVP so far: <b>{who}</b> ({team}, {best['points']:g} points)</p>")
    return out


def scoreboard_widget(board, *, lang="zh", figsize=(8, 4.5), step_options=(1, 2, 3, 5, 10)):
    """Controls and a live chart for a :class:`isq.Scoreboard`.

    Returns
    -------
    ipywidgets.VBox
        With ``board``, ``controls`` (team, points, member, reason), the buttons
        ``add_button, bonus_button, undo_button, round_button``, ``output`` (the chart),
        ``table`` (the standings, headers in ``lang``), ``redraw()``,
        ``message`` (an HTML line confirming the last action), ``last_action`` and
        ``last_labels`` (the team labels of the last drawing, best first).

    Examples
    --------
    >>> import isq
    >>> box = scoreboard_widget(isq.Scoreboard(["红队", "蓝队"]))
    >>> box.controls["team"].value = "蓝队"; box.controls["points"].value = 5
    >>> box.add_button.click()
    >>> box.board.standings()[["team", "total"]].values.tolist()
    [['蓝队', 5.0], ['红队', 0.0]]
    >>> box.undo_button.click(); box.last_action
    'undo'
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from ...plots.scoreboard import plot_scoreboard
    from ...plots.theme import theme
    from . import show_figure

    zh = lang == "zh"
    controls = {
        "team": w.Dropdown(options=list(board.teams), description="团队" if zh else "Team"),
        "points": w.Dropdown(options=list(step_options), value=step_options[0],
                             description="分数" if zh else "Points"),
        "member": w.Text(value="", placeholder="可不填" if zh else "optional",
                         description="成员" if zh else "Member"),
        "reason": w.Text(value="", placeholder="抢答、展示……" if zh else "quiz, pitch ...",
                         description="原因" if zh else "Reason"),
    }
    add = w.Button(description="加分" if zh else "Add", button_style="success", icon="plus")
    bonus = w.Button(description="奖励分" if zh else "Bonus", button_style="info", icon="star")
    undo = w.Button(description="撤销上一步" if zh else "Undo", button_style="warning", icon="undo")
    nxt = w.Button(description="下一轮" if zh else "Next round", icon="forward")
    message, out, table = w.HTML(), w.Output(), w.HTML()
    box = w.VBox([w.HBox([controls["team"], controls["points"]]),
                  w.HBox([controls["member"], controls["reason"]]),
                  w.HBox([add, bonus, undo, nxt]), message, out, table])
    box.table = table
    box.board, box.controls, box.output, box.message, box.last_action = board, controls, out, message, None
    box.add_button, box.bonus_button, box.undo_button, box.round_button = add, bonus, undo, nxt

    def redraw():
        with theme():
            fig, ax = plt.subplots(figsize=figsize)
            plot_scoreboard(board, ax=ax, lang=lang)
            box.last_labels = [t.get_text() for t in ax.get_yticklabels()]
            show_figure(out, fig)
        box.table.value = standings_html(board, lang=lang)

    def act(kind):
        def handler(*_):
            from ...errors import IsqError

            team, pts = controls["team"].value, controls["points"].value
            member = controls["member"].value.strip() or None
            reason = controls["reason"].value.strip()
            try:
                if kind == "add":
                    board.add_points(team, pts, reason=reason, member=member)
                    text = f"{team} +{pts}" + (f"（{reason}）" if reason else "")
                elif kind == "bonus":
                    board.bonus(team, pts, reason=reason or ("奖励" if zh else "bonus"), member=member)
                    text = f"{team} ★ +{pts}"
                elif kind == "undo":
                    ev = board.undo()
                    text = (f"已撤销：{ev['team']} {ev['points']:+g}" if zh
                            else f"Undone: {ev['team']} {ev['points']:+g}")
                else:
                    board.next_round()
                    text = f"第 {board.round} 轮开始" if zh else f"Round {board.round} starts"
            except IsqError as e:
                message.value = f"<span style='color:#c0392b'>{html.escape(str(e))}</span>"
                return
            box.last_action = kind
            message.value = f"<b>{html.escape(text)}</b>"
            controls["reason"].value = ""
            redraw()

        return handler

    add.on_click(act("add"))
    bonus.on_click(act("bonus"))
    undo.on_click(act("undo"))
    nxt.on_click(act("next"))
    box.redraw = redraw
    redraw()
    return box
