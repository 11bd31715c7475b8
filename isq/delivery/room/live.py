"""Notebook side of the live room: open/close activities and charts that redraw as answers arrive.

:func:`room_control` is a small widget to open and close activities and watch the progress
("已收到 23/30"); :func:`room_live` redraws a chart from :func:`isq.room_responses` within
about a second of a new answer. Both talk to the workshop folder's database directly (the
notebook runs on the same laptop as ``isq room start``): a background timer polls the
database's change counter, which costs one tiny query, and redraws only when it moved. The
chart is rendered to PNG and put into an ``ipywidgets.Image``, which a timer thread may update
safely; nothing in it depends on the kernel's current cell.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

from ...errors import IsqError

__all__ = ["room_control", "room_live", "room_panel", "LIVE_CHARTS", "POLL_SECONDS", "SOURCES", "live_chart"]

#: How often a live widget looks for new answers, in seconds.
POLL_SECONDS = 0.5


def _kano(ax, data, lang):
    from ...models.kano import kano_summary
    from ...plots.kano import plot_kano_better_worse

    return plot_kano_better_worse(kano_summary(data), ax=ax, lang=lang)


def _servqual(ax, data, lang):
    from ...models.servqual import servqual_gaps
    from ...plots.servqual import plot_servqual_radar

    return plot_servqual_radar(servqual_gaps(data, level="dimension"), ax=ax, lang=lang)


def _conflict(ax, data, lang):
    from ...models.conflict import conflict_profile
    from ...plots.conflict import plot_conflict_map

    return plot_conflict_map(conflict_profile(data, by="team"), ax=ax, lang=lang)


def _quiz(ax, data, lang, folder=None):
    from ...models.scoreboard import Scoreboard
    from ...plots.scoreboard import plot_scoreboard
    from ..scoreboard_store import load_scoreboard

    path = Path(folder) / "scoreboard.csv" if folder else None
    if path is not None and path.exists():
        board = load_scoreboard(path, autosave=False)
    else:
        board = Scoreboard(sorted(set(data["team"])) or ["—"])
    credited = {e["reason"] for e in board.to_frame().to_dict("records")}
    for r in data[data["correct"]].itertuples():  # points not yet on the board (question still open)
        if f"抢答 {r.question}" not in credited:
            if r.team not in board.teams:
                board.add_team(r.team)
            board.add_points(r.team, r.points, reason=f"抢答 {r.question}（进行中）", member=r.member)
    return plot_scoreboard(board, ax=ax, lang=lang)


#: activity -> (draw(ax, data, lang), polar axes?) used by :func:`room_live` by default.
LIVE_CHARTS = {"kano": (_kano, False), "servqual": (_servqual, True), "conflict": (_conflict, False),
               "quiz": (_quiz, False)}


def _in_kernel():
    from ..widgets import _in_kernel as check

    return check()


def live_chart(workshop_dir, activity, *, lang="zh", figsize=(8, 5.5), draw=None):
    """PNG bytes of the activity's chart drawn from the room's answers now (``workshop_dir``: a
    folder or an open :class:`RoomStore`) (``None`` if it cannot
    be drawn yet, e.g. before five respondents). ``draw(ax, data)`` overrides the default."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ...plots.theme import theme
    from .frames import room_responses

    if draw is None and activity not in LIVE_CHARTS:
        raise IsqError(f"No live chart for {activity!r}; pass draw=... or choose one of "
                       f"{', '.join(LIVE_CHARTS)}. (该活动没有默认的实时图表。)")
    data = room_responses(workshop_dir, activity)
    if data.empty:
        return None
    if draw is None:
        fn, polar = LIVE_CHARTS[activity]
        folder = getattr(workshop_dir, "folder", workshop_dir)
        kwargs = {"folder": folder} if activity == "quiz" else {}
        draw_fn = lambda ax, d: fn(ax, d, lang, **kwargs)  # noqa: E731
    else:
        polar, draw_fn = False, draw
    with theme():
        fig = Figure(figsize=figsize)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(projection="polar" if polar else None)
        draw_fn(ax, data)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=80, bbox_inches="tight")
    return buf.getvalue()


def _progress_text(p, expected, lang):
    total = expected or p["joined"]
    if lang == "zh":
        return f"已收到 {p['answered']}/{total}"
    return f"Received {p['answered']}/{total}"


class _Poller:
    """Calls ``fn()`` every ``interval`` seconds in a daemon thread until ``stop()``."""

    def __init__(self, fn, interval):
        self.fn, self.interval = fn, interval
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="isq-room-live")
        self.thread.start()

    def _run(self):
        while not self._stop.wait(self.interval):
            try:
                self.fn()
            except Exception:  # noqa: BLE001 - a broken redraw must not kill the timer
                pass

    def stop(self):
        self._stop.set()


def room_live(workshop_dir, activity, *, draw=None, lang="zh", expected=None, interval=POLL_SECONDS,
              live=None, figsize=(8, 5.5)):
    """A chart of the room's answers that redraws within about a second of each new answer.

    Parameters
    ----------
    workshop_dir : str or Path
        The workshop folder the room runs on.
    activity : str
        ``kano``, ``servqual``, ``conflict`` or ``quiz`` have a default chart
        (:data:`LIVE_CHARTS`); any activity with ``draw``.
    draw : callable, optional
        ``draw(ax, data)`` with ``data = isq.room_responses(workshop_dir, activity)``.
    expected : int, optional
        Participants expected (the "30" of "已收到 23/30"); default: those who joined.
    interval : float
        Seconds between looks at the database's change counter.
    live : bool, optional
        Start the timer (default: when running in a Jupyter kernel; ``box.refresh()`` redraws by hand).

    Returns
    -------
    ipywidgets.VBox
        With ``progress`` (HTML), ``image`` (PNG), ``refresh()``, ``stop()`` and ``redraws``.
    """
    import html

    import ipywidgets as w

    from .frames import room_progress
    from .store import open_store

    store = open_store(workshop_dir)
    progress = w.HTML()
    image = w.Image(format="png")
    note = w.HTML()
    box = w.VBox([progress, image, note])
    box.progress, box.image, box.note, box.redraws = progress, image, note, 0
    state = {"changes": None}
    lock = threading.Lock()

    def refresh(force=False):
        with lock:
            p = room_progress(store, activity)
            progress.value = f"<b>{html.escape(_progress_text(p, expected, lang))}</b>"
            if not force and p["changes"] == state["changes"]:
                return False
            state["changes"] = p["changes"]
            try:
                png = live_chart(store, activity, lang=lang, figsize=figsize, draw=draw)
                note.value = "" if png else html.escape("等待第一份回答……" if lang == "zh" else "Waiting for answers…")
            except Exception as e:  # noqa: BLE001 - e.g. fewer than five respondents: say so, keep polling
                png = None
                note.value = html.escape(("暂时无法作图：" if lang == "zh" else "Cannot draw yet: ") + str(e)[:200])
            if png:
                image.value = png
                box.redraws += 1
            return True

    box.refresh = lambda: refresh(force=True)
    refresh(force=True)
    poller = _Poller(refresh, interval) if (live if live is not None else _in_kernel()) else None
    box.stop = poller.stop if poller else (lambda: None)
    return box


def room_control(workshop_dir, *, activities=None, lang="zh", live=None, interval=1.0):
    """Open and close room activities from the notebook, with the progress and the join QR code.

    Parameters
    ----------
    workshop_dir : str or Path
        The workshop folder (``isq room start --workshop`` on the same folder).
    activities : list of str, optional
        The activities offered (default: all).

    Returns
    -------
    ipywidgets.VBox
        With ``activity`` (Dropdown), ``options`` (Textarea, JSON), ``open_button``,
        ``close_button``, ``status`` (HTML) and ``refresh()``. Closing an activity writes its
        results into the workshop folder (and quiz points into the scoreboard).
    """
    import html
    import json

    import ipywidgets as w

    from .activities import ACTIVITIES, build_spec
    from .frames import export_activity, room_progress
    from .store import open_store, room_context

    zh = lang == "zh"
    store = open_store(workshop_dir)
    choose = w.Dropdown(options=list(activities or ACTIVITIES), description="活动" if zh else "Activity")
    options = w.Textarea(value="{}", placeholder='{"provider": "HR"}', description="选项" if zh else "Options")
    open_b = w.Button(description="开放" if zh else "Open", button_style="primary")
    close_b = w.Button(description="结束并保存" if zh else "Close and save")
    status = w.HTML()
    info = w.HTML()
    children = [info]
    qr = Path(workshop_dir) / "room_join_qr.png"
    state_file = Path(workshop_dir) / ".room.json"
    if state_file.exists():
        try:
            st = json.loads(state_file.read_text(encoding="utf-8"))
            info.value = (f"{'房间码' if zh else 'Room code'} <b>{html.escape(str(st.get('code', '')))}</b> · "
                          f"{html.escape(str(st.get('join_url', '')))}")
        except ValueError:
            pass
    if qr.exists():
        children.append(w.Image(value=qr.read_bytes(), format="png", width=180))
    box = w.VBox(children + [w.HBox([choose, open_b, close_b]), options, status])
    box.activity, box.options, box.open_button, box.close_button, box.status = choose, options, open_b, close_b, status

    def refresh():
        p = room_progress(store)
        if p["activity"]:
            status.value = (f"<b>{html.escape(p['activity'])}</b> · "
                            f"{html.escape(_progress_text(p, None, lang))}")
        else:
            status.value = html.escape(f"尚未开放活动 · 已加入 {p['joined']} 人" if zh else
                                       f"No activity open · {p['joined']} joined")

    def on_open(_):
        try:
            opts = json.loads(options.value or "{}")
            build_spec(choose.value, room_context(store.folder, store), opts, lang)
            store.open_activity(choose.value, opts)
        except (ValueError, IsqError) as e:
            status.value = html.escape(str(e))
            return
        refresh()

    def on_close(_):
        name = store.close_activity()
        files = export_activity(store.folder, name, store=store) if name else []
        refresh()
        if name:
            status.value += html.escape(f" · 已保存 {len(files)} 个文件" if zh else f" · {len(files)} file(s) saved")

    open_b.on_click(on_open)
    close_b.on_click(on_close)
    box.refresh = refresh
    refresh()
    poller = _Poller(refresh, interval) if (live if live is not None else _in_kernel()) else None
    box.stop = poller.stop if poller else (lambda: None)
    return box


#: Values of the course notebooks' ``source`` parameter.
SOURCES = ("demo", "room")


def room_panel(source, workshop_dir, activity, *, lang="zh", expected=None):
    """The room's live panel for a course notebook: ``None`` when ``source`` is "demo" (the
    notebook shows the demo data as before), else :func:`room_control` for ``activity`` above
    :func:`room_live` (the chart redrawn from the room's answers).

    Examples
    --------
    >>> room_panel("demo", "", "kano") is None
    True
    """
    from ..._validate import check_argument

    check_argument("source", source, SOURCES)
    if source == "demo":
        return None
    import ipywidgets as w

    from ..workshop import workshop_folder

    # empty: the course's default classroom folder, the same one `isq room start` uses without --workshop
    folder = workshop_folder(str(workshop_dir or ""), announce=False)
    control = room_control(folder, activities=[activity], lang=lang)
    live = room_live(folder, activity, lang=lang, expected=expected)
    box = w.VBox([control, live])
    box.control, box.live = control, live
    return box
