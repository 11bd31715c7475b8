"""The room's storage: one SQLite database in the workshop folder (``<workshop>/room.sqlite``).

WAL mode with ``synchronous=FULL``: a transaction is on disk when ``COMMIT`` returns, and
the server answers "已提交" only after that, so an acknowledged answer survives a killed
server. One row per (activity, participant, question): re-submitting replaces the earlier
answer (no double votes). A change counter (``meta.changes``) grows with every write, so a
notebook can poll it cheaply and redraw when something new arrived.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

from ...errors import IsqDataError, IsqError
from .activities import ACTIVITIES, RoomContext

__all__ = ["DB_NAME", "MAX_NAME", "RoomStore", "room_context", "open_store"]

#: File name of the room database inside the workshop folder.
DB_NAME = "room.sqlite"
#: Longest display name / team name, in characters.
MAX_NAME = 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS participants (
    id TEXT PRIMARY KEY, secret TEXT NOT NULL UNIQUE, team TEXT NOT NULL, name TEXT NOT NULL,
    joined TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS activities (
    name TEXT PRIMARY KEY, state TEXT NOT NULL, options TEXT NOT NULL, opened TEXT, closed TEXT);
CREATE TABLE IF NOT EXISTS answers (
    activity TEXT NOT NULL, participant TEXT NOT NULL, question TEXT NOT NULL, value TEXT NOT NULL,
    time TEXT NOT NULL, PRIMARY KEY (activity, participant, question));
CREATE TABLE IF NOT EXISTS credited (activity TEXT NOT NULL, question TEXT NOT NULL,
    PRIMARY KEY (activity, question));
INSERT OR IGNORE INTO meta VALUES ('changes', '0');
"""


def _now():
    return datetime.now().isoformat(timespec="seconds")


class RoomStore:
    """The room database of one workshop folder.

    Parameters
    ----------
    folder : str or Path
        The workshop folder; the database is ``<folder>/room.sqlite`` (created if needed).

    Examples
    --------
    >>> import tempfile
    >>> store = RoomStore(tempfile.mkdtemp())
    >>> pid, secret = store.join("第1组", "小王")
    >>> store.open_activity("kano")
    >>> store.submit(pid, "kano", [("K01", {"functional": 1, "dysfunctional": 5})])
    1
    >>> store.submit(pid, "kano", [("K01", {"functional": 2, "dysfunctional": 5})])  # replaces
    1
    >>> len(store.answers("kano")), store.answers("kano")[0]["value"]
    (1, {'functional': 2, 'dysfunctional': 5})
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / DB_NAME
        self._lock = threading.Lock()  # the writer connection
        self._rlock = threading.Lock()  # the reader connection (WAL: reads never wait for a commit)
        self._queue = None
        try:
            self.con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            self.con.execute("PRAGMA journal_mode=WAL")
            self.con.execute("PRAGMA synchronous=FULL")
            self.con.execute("PRAGMA busy_timeout=10000")
            self.con.executescript(_SCHEMA)
            self.rcon = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            self.rcon.execute("PRAGMA busy_timeout=10000")
        except sqlite3.DatabaseError as e:
            raise IsqDataError(f"cannot open the room database ({e}). (课堂数据库无法打开。)",
                               file=str(self.path)) from None

    def close(self):
        if self._queue is not None:
            self._queue.put(None)
            self._writer.join(timeout=10)
            self._queue = None
        self.con.close()
        self.rcon.close()

    # ------------------------------------------------------------------ group commit
    def submit_later(self, participant, activity, answers):
        """Like :meth:`submit`, from a server: returns a ``concurrent.futures.Future`` that
        resolves (to the number written) once the answers are committed.

        One writer thread commits everything that arrived meanwhile in one transaction
        (group commit): one fsync for many phones, the same guarantee for each.
        """
        import concurrent.futures
        import queue

        if self._queue is None:
            self._queue = queue.Queue()
            self._writer = threading.Thread(target=self._write_loop, name="isq-room-writer", daemon=True)
            self._writer.start()
        fut = concurrent.futures.Future()
        self._queue.put((self._rows(participant, activity, answers), fut))
        return fut

    def _write_loop(self):
        import queue

        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            while len(batch) < 500:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.put(None)
                    break
                batch.append(nxt)
            try:
                self._write(lambda cur: [self._upsert(cur, rows) for rows, _ in batch])
            except BaseException as e:  # noqa: BLE001 - every waiting request learns of it
                for _, fut in batch:
                    fut.set_exception(e)
                continue
            for rows, fut in batch:
                fut.set_result(len(rows))

    @staticmethod
    def _rows(participant, activity, answers):
        now = _now()
        return [(activity, participant, str(k), json.dumps(v, ensure_ascii=False), now) for k, v in answers]

    @staticmethod
    def _upsert(cur, rows):
        cur.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?) ON CONFLICT(activity, participant, question) "
                        "DO UPDATE SET value = excluded.value, time = excluded.time", rows)

    # ------------------------------------------------------------------ writes
    def _write(self, fn):
        """Run ``fn(cursor)`` in one immediate transaction, bump the change counter, commit."""
        with self._lock:
            cur = self.con.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                out = fn(cur)
                cur.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'changes'")
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            return out

    def join(self, team, name):
        """Register a participant; return ``(participant_id, secret)``."""
        secret = secrets.token_urlsafe(18)

        def do(cur):
            n = cur.execute("SELECT COUNT(*) FROM participants").fetchone()[0]
            pid = f"P{n + 1:03d}"
            while cur.execute("SELECT 1 FROM participants WHERE id = ?", (pid,)).fetchone():
                n += 1
                pid = f"P{n + 1:03d}"
            cur.execute("INSERT INTO participants VALUES (?, ?, ?, ?, ?)", (pid, secret, team, name, _now()))
            return pid

        return self._write(do), secret

    def open_activity(self, name, options=None):
        """Open ``name`` (closing any other open activity); ``options`` as for the activity."""
        if name not in ACTIVITIES:
            raise IsqError(f"Unknown activity {name!r}; choose one of {', '.join(ACTIVITIES)}. "
                           f"(没有名为 {name!r} 的课堂活动。)")
        opts = json.dumps(options or {}, ensure_ascii=False)

        def do(cur):
            cur.execute("UPDATE activities SET state = 'closed', closed = ? WHERE state = 'open'", (_now(),))
            cur.execute("INSERT INTO activities VALUES (?, 'open', ?, ?, NULL) ON CONFLICT(name) DO UPDATE "
                        "SET state = 'open', options = excluded.options, opened = excluded.opened, closed = NULL",
                        (name, opts, _now()))
            if name == "quiz":  # keep each question's key: points are credited after it closes
                qid = str((options or {}).get("id", "q1"))
                cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"quiz:{qid}", opts))

        self._write(do)

    def close_activity(self, name=None):
        """Close ``name`` (default: whichever is open). Returns the closed name or None."""
        cur_name = self.current()[0] if name is None else name
        if cur_name is None:
            return None
        self._write(lambda cur: cur.execute(
            "UPDATE activities SET state = 'closed', closed = ? WHERE name = ?", (_now(), cur_name)))
        return cur_name

    def submit(self, participant, activity, answers):
        """Store ``answers`` (a list of ``(question_key, clean_value)``) in one transaction;
        return how many were written. Committed (fsynced) before this returns."""
        rows = self._rows(participant, activity, answers)

        def do(cur):
            self._upsert(cur, rows)
            return len(rows)

        return self._write(do)

    def mark_credited(self, activity, questions):
        """Record quiz questions whose points went to the scoreboard; return the new ones."""
        def do(cur):
            new = []
            for q in questions:
                if cur.execute("INSERT OR IGNORE INTO credited VALUES (?, ?)", (activity, q)).rowcount:
                    new.append(q)
            return new

        return self._write(do)

    # ------------------------------------------------------------------ reads
    def _read(self, sql, args=()):
        with self._rlock:
            return self.rcon.execute(sql, args).fetchall()

    def changes(self) -> int:
        """The change counter (grows with every write)."""
        return int(self._read("SELECT value FROM meta WHERE key = 'changes'")[0][0])

    def participant(self, secret):
        """``{"id", "team", "name"}`` of the participant with this secret, else None."""
        if not isinstance(secret, str) or not secret:
            return None
        rows = self._read("SELECT id, team, name FROM participants WHERE secret = ?", (secret,))
        return dict(zip(("id", "team", "name"), rows[0])) if rows else None

    def participants(self):
        """Every participant: ``[{"id", "team", "name", "joined"}]``."""
        rows = self._read("SELECT id, team, name, joined FROM participants ORDER BY id")
        return [dict(zip(("id", "team", "name", "joined"), r)) for r in rows]

    def current(self):
        """``(name, options)`` of the open activity, or ``(None, {})``."""
        name, opts, _ = self.current_opened()
        return name, opts

    def current_opened(self):
        """``(name, options, opened)`` of the open activity, or ``(None, {}, None)``."""
        rows = self._read("SELECT name, options, opened FROM activities WHERE state = 'open' "
                          "ORDER BY opened DESC LIMIT 1")
        return (rows[0][0], json.loads(rows[0][1]), rows[0][2]) if rows else (None, {}, None)

    def answered(self, activity, participant):
        """Question keys one participant has answered in ``activity``."""
        rows = self._read("SELECT question FROM answers WHERE activity = ? AND participant = ? ORDER BY question",
                          (activity, participant))
        return [r[0] for r in rows]

    def activities(self):
        """Every activity opened so far: ``{name: {"state", "options", "opened", "closed"}}``."""
        rows = self._read("SELECT name, state, options, opened, closed FROM activities ORDER BY opened")
        return {r[0]: {"state": r[1], "options": json.loads(r[2]), "opened": r[3], "closed": r[4]} for r in rows}

    def options(self, activity):
        rows = self._read("SELECT options FROM activities WHERE name = ?", (activity,))
        return json.loads(rows[0][0]) if rows else {}

    def answers(self, activity):
        """Stored answers of one activity: ``[{"participant", "team", "name", "question", "value", "time"}]``."""
        rows = self._read(
            "SELECT a.participant, p.team, p.name, a.question, a.value, a.time FROM answers a "
            "JOIN participants p ON p.id = a.participant WHERE a.activity = ? ORDER BY a.participant, a.question",
            (activity,))
        return [{"participant": r[0], "team": r[1], "name": r[2], "question": r[3],
                 "value": json.loads(r[4]), "time": r[5]} for r in rows]

    def count_answers(self, activity=None):
        if activity is None:
            return self._read("SELECT COUNT(*) FROM answers")[0][0]
        return self._read("SELECT COUNT(*) FROM answers WHERE activity = ?", (activity,))[0][0]

    def progress(self, activity):
        """``{"answered": participants with at least one answer, "joined": participants}``."""
        answered = self._read("SELECT COUNT(DISTINCT participant) FROM answers WHERE activity = ?", (activity,))[0][0]
        joined = self._read("SELECT COUNT(*) FROM participants")[0][0]
        return {"activity": activity, "answered": answered, "joined": joined,
                "answers": self.count_answers(activity)}

    def quiz_questions(self):
        """``{question_id: options}`` of every quiz question opened so far."""
        rows = self._read("SELECT key, value FROM meta WHERE key LIKE 'quiz:%'")
        return {k.split(":", 1)[1]: json.loads(v) for k, v in rows}

    def credited(self, activity):
        return {r[0] for r in self._read("SELECT question FROM credited WHERE activity = ?", (activity,))}


def open_store(folder) -> RoomStore:
    """The :class:`RoomStore` of a workshop folder (which must exist)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IsqDataError("the workshop folder does not exist. (课堂成果文件夹不存在。)", file=str(folder))
    return RoomStore(folder)


def _workshop_teams(folder):
    """Raw ``teams:`` entries of ``workshop.yaml`` (for their departments), or [].

    Reads only that file: :func:`isq.load_workshop` reads every worksheet and table of the
    folder, too slow for a request handler.
    """
    import warnings

    import yaml

    path = Path(folder) / "workshop.yaml"
    if not path.exists():
        return []
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as e:
        warnings.warn(f"{path}: cannot read workshop.yaml ({e}); the room offers default teams.", stacklevel=3)
        return []
    teams = meta.get("teams") if isinstance(meta, dict) else None
    return teams if isinstance(teams, list) else []


def room_context(folder, store=None) -> RoomContext:
    """Teams (:func:`isq.workshop_teams`), their departments and the ideas to vote on.

    Raises IsqDataError naming ``workshop.yaml`` for a team name that cannot be used.
    """
    from ...data.demo import load_demo

    from ..workshop import workshop_teams

    # the one team list of the course (isq.workshop_teams: workshop.yaml, else the default teams)
    teams = {t: None for t in workshop_teams(folder)}
    names = {}
    for t in _workshop_teams(folder):  # the teams' departments, where workshop.yaml gives them
        if isinstance(t, dict) and str(t.get("name")).strip() in teams and t.get("department"):
            teams[str(t.get("name")).strip()] = t["department"]
            names[t["department"]] = {"zh": t.get("department_name") or t["department"],
                                      "en": t.get("department_name_en") or t["department"]}
    deps = load_demo("departments")
    for r in deps.itertuples():
        names.setdefault(r.department, {"zh": r.name_zh, "en": r.name_en})
    # the teams' own departments first, then the rest of the demo company
    ordered = {c: names[c] for c in teams.values() if c in names}
    ordered.update({c: v for c, v in names.items() if c not in ordered})
    ctx = RoomContext(teams=teams, departments=ordered)
    ctx.ideas = _ideas(folder, store)
    return ctx


def _ideas(folder, store):
    """Ideas to vote on: those sent in the room's ``ideas`` activity, else the workshop's votes files."""
    from ..workshop import read_table_file

    out = []
    if store is not None:
        for a in store.answers("ideas"):
            out.append({"idea": f"{a['participant']}-{a['question']}", "title": a["value"]["title"],
                        "dimension": a["value"]["dimension"], "team": a["team"]})
    if not out:
        seen = set()
        for path in sorted((Path(folder) / "votes").glob("*.csv")):
            try:
                frame = read_table_file(path, "votes")
            except IsqDataError:
                continue
            for r in frame.itertuples():
                if str(r.idea) not in seen:
                    seen.add(str(r.idea))
                    out.append({"idea": str(r.idea), "title": str(r.title), "dimension": str(r.dimension),
                                "team": path.stem})
    return out
