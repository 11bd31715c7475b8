"""From stored room answers to the tables the models take, the workshop folder and live summaries.

:func:`room_responses` gives exactly the columns of the matching demo table
(``isq.load_demo("kano")`` ...) plus ``team``, so ``isq.kano_summary(isq.room_responses(w,
"kano"))`` works as on the demo. :func:`room_export` writes the room's results into the
workshop folder in its usual layout (``kano/<team>.csv``, ``votes/<team>.csv``,
``worksheets/<ws>/<team>.yaml``, ``scoreboard.csv`` ...) so ``isq outcomes`` builds the
booklet from a real room. :func:`room_summary` is what the trainer page and the phones show:
aggregates only, none from fewer than ``min_group_size`` respondents.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ...errors import IsqError
from .activities import ACTIVITIES, ASSESSMENT_ACTIVITIES, journey_touchpoints
from .store import RoomStore, open_store, room_context

__all__ = ["COLUMNS", "room_responses", "responses_frame", "room_export", "export_activity",
           "room_summary", "room_progress"]

#: Columns of :func:`room_responses` per activity (the demo table's columns, then ``team``).
COLUMNS = {
    "kano": ["respondent", "department", "feature", "functional", "dysfunctional", "importance", "team"],
    "servqual": ["respondent", "department", "provider", "wave", "item", "dimension", "expectation",
                 "perception", "adequate", "team"],
    "ipa": ["respondent", "department", "provider", "attribute", "dimension", "importance", "performance", "team"],
    "satisfaction": ["respondent", "department", "provider", "wave", "nps", "csat", "ces", "team"],
    "peer_ratings": ["respondent", "rater_department", "provider", "wave", "item", "score", "team"],
    "self_ratings": ["respondent", "department", "item", "score", "team"],
    "conflict": ["respondent", "item", "score", "team"],
    "phrases": ["kind", "text", "better", "team", "respondent"],
    "ideas": ["idea", "title", "dimension", "team", "respondent"],
    "votes": ["idea", "title", "dimension", "votes", "team"],
    "journey": ["participant", "journey", "version", "stage", "stage_order", "touchpoint", "order", "score",
                "mot", "team"],
    "quiz": ["respondent", "team", "member", "question", "answer", "correct", "points"],
    "worksheet": ["worksheet", "team", "field", "value", "time"],
    **{a: ["respondent", "team", "item", "score"] + (["period"] if a == "wheel" else [])
          + (["visit"] if a == "patrol" else []) for a in ASSESSMENT_ACTIVITIES},
}
_NUMERIC = {"functional", "dysfunctional", "importance", "expectation", "perception", "adequate",
            "performance", "nps", "csat", "ces", "score", "votes", "stage_order", "order", "points"}


def _frame(activity, records):
    cols = COLUMNS[activity]
    out = pd.DataFrame.from_records(records, columns=cols)
    for c in cols:
        if c in _NUMERIC:
            out[c] = pd.to_numeric(out[c], errors="coerce")
    return out


def responses_frame(activity, answers, ctx, options=None, *, quiz=None):
    """The tidy table of one activity from stored ``answers`` (see :meth:`RoomStore.answers`)."""
    if activity not in ACTIVITIES:
        raise IsqError(f"Unknown activity {activity!r}; choose one of {', '.join(ACTIVITIES)}. "
                       f"(没有名为 {activity!r} 的课堂活动。)")
    options = options or {}
    dep = {t: d for t, d in ctx.teams.items()}
    recs = []
    if activity == "kano":
        for a in answers:
            v = a["value"]
            recs.append([a["participant"], dep.get(a["team"]), a["question"], v.get("functional"),
                         v.get("dysfunctional"), v.get("importance"), a["team"]])
    elif activity == "servqual":
        from ...data.instruments import load_instrument

        dim = load_instrument("servqual").dimension_of
        for a in answers:
            v = a["value"]
            prov = options.get("provider") or dep.get(a["team"])
            recs.append([a["participant"], dep.get(a["team"]), prov, options.get("wave", "room"), a["question"],
                         dim.get(a["question"]), v.get("expectation"), v.get("perception"), None, a["team"]])
    elif activity == "ipa":
        from ...data.instruments import load_instrument

        dim = load_instrument("importance").dimension_of
        for a in answers:
            v = a["value"]
            prov = options.get("provider") or dep.get(a["team"])
            recs.append([a["participant"], dep.get(a["team"]), prov, a["question"], dim.get(a["question"]),
                         v.get("importance"), v.get("performance"), a["team"]])
    elif activity == "satisfaction":
        for a in answers:
            v = a["value"]
            recs.append([a["participant"], dep.get(a["team"]), v.get("provider") or options.get("provider"),
                         options.get("wave", "room"), v.get("nps"), v.get("csat"), v.get("ces"), a["team"]])
    elif activity in ("peer_ratings", "self_ratings"):
        for a in answers:
            v = a["value"]
            items = sorted(k for k in v if k.startswith("PR"))
            for it in items:
                if activity == "peer_ratings":
                    recs.append([a["participant"], dep.get(a["team"]), v.get("provider") or options.get("provider"),
                                 options.get("wave", "room"), it, v[it], a["team"]])
                else:
                    recs.append([a["participant"], dep.get(a["team"]), it, v[it], a["team"]])
    elif activity == "conflict":
        recs = [[a["participant"], a["question"], a["value"].get("score"), a["team"]] for a in answers]
    elif activity == "phrases":
        recs = [[a["value"].get("kind"), a["value"].get("text"), a["value"].get("better"), a["team"],
                 a["participant"]] for a in answers]
    elif activity == "ideas":
        recs = [[f"{a['participant']}-{a['question']}", a["value"].get("title"), a["value"].get("dimension"),
                 a["team"], a["participant"]] for a in answers]
    elif activity == "votes":
        counts = {}
        for a in answers:
            for i in a["value"].get("ideas", []):
                counts[i] = counts.get(i, 0) + 1
        recs = [[i["idea"], i["title"], i["dimension"], counts.get(i["idea"], 0), i["team"]] for i in ctx.ideas]
    elif activity == "journey":
        j, ver = options.get("journey", "expense"), options.get("version", "before")
        tp = journey_touchpoints(j, ver).set_index("order")
        for a in answers:
            o = int(a["question"])
            if o not in tp.index:
                continue
            r = tp.loc[o]
            recs.append([a["participant"], j, ver, r["stage"], int(r["stage_order"]), r["touchpoint"], o,
                         a["value"].get("score"), bool(a["value"].get("mot", False)), a["team"]])
    elif activity == "quiz":
        quiz = quiz or {}
        for a in answers:
            q = quiz.get(a["question"], {})
            ok = str(a["value"].get("answer")) == str(q.get("answer"))
            recs.append([a["participant"], a["team"], a["name"], a["question"], a["value"].get("answer"), ok,
                         float(q.get("points", 10)) if ok else 0.0])
    elif activity == "worksheet":
        ws = options.get("worksheet")
        latest = {}
        for a in sorted(answers, key=lambda a: a["time"]):
            for fld, val in a["value"].items():
                latest[(a["question"], a["team"], fld)] = (val, a["time"])
        recs = [[w, t, f, v, tm] for (w, t, f), (v, tm) in latest.items() if ws is None or w == ws]
    else:  # self-assessments
        for a in answers:
            v = a["value"]
            if activity == "wheel":
                for p in ("past", "present", "future"):
                    if p in v:
                        recs.append([a["participant"], a["team"], a["question"], v[p], p])
            elif activity == "patrol":
                recs.append([a["participant"], a["team"], a["question"], v.get("score"), options.get("visit", 1)])
            else:
                recs.append([a["participant"], a["team"], a["question"], v.get("score")])
    out = _frame(activity, recs)
    if activity == "conflict":
        out["score"] = out["score"].astype("Int64")
    return out


def _store(workshop_dir):
    return workshop_dir if isinstance(workshop_dir, RoomStore) else open_store(workshop_dir)


def room_responses(workshop_dir, activity):
    """The answers a room gave to one activity, in the shape the models take.

    Parameters
    ----------
    workshop_dir : str or Path
        The workshop folder the room runs on (``isq room start --workshop DIR``).
    activity : str
        ``kano``, ``servqual``, ``ipa``, ``satisfaction``, ``peer_ratings``, ``self_ratings``,
        ``conflict``, ``phrases``, ``ideas``, ``votes``, ``journey``, ``quiz``, ``worksheet``
        or a self-assessment (``wheel``, ``standards`` ...).

    Returns
    -------
    DataFrame
        The columns of the demo table of the same name (``isq.load_demo(activity)``) and
        ``team`` (see :data:`COLUMNS`); ``respondent`` is the room's participant id (P001 …),
        never the display name. Empty (with those columns) before the first answer.

    Examples
    --------
    >>> import tempfile
    >>> from isq.delivery.room.store import RoomStore
    >>> w = tempfile.mkdtemp()
    >>> store = RoomStore(w)
    >>> for i in range(6):
    ...     pid, _ = store.join("第1组", f"学员{i}")
    ...     _ = store.submit(pid, "kano", [("K01", {"functional": 1, "dysfunctional": 5})])
    >>> isq.kano_summary(isq.room_responses(w, "kano"))[["feature", "n", "category"]]
      feature  n category
    0     K01  6        O
    """
    store = _store(workshop_dir)
    ctx = room_context(store.folder, store)
    quiz = store.quiz_questions() if activity == "quiz" else None
    return responses_frame(activity, store.answers(activity), ctx, store.options(activity), quiz=quiz)


def room_progress(workshop_dir, activity=None):
    """``{"activity", "answered", "joined", "answers", "changes"}`` for the open (or named) activity."""
    store = _store(workshop_dir)
    activity = activity or store.current()[0]
    out = store.progress(activity) if activity else {"activity": None, "answered": 0,
                                                      "joined": len(store.participants()), "answers": 0}
    out["changes"] = store.changes()
    return out


# ----------------------------------------------------------------------------- workshop folder
_FOLDER = {"kano": "kano", "servqual": "servqual", "ipa": "priority", "phrases": "phrases", "votes": "votes",
           "journey": "journey", **{a: f"assessments/{a}" for a in ASSESSMENT_ACTIVITIES}}


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse_formulas(frame):
    """A copy of ``frame`` whose text cells starting like a formula get a leading ``'``.

    >>> defuse_formulas(pd.DataFrame({"text": ["=cmd|' /C calc'!A0", "好"], "score": [-1, 2]}))["text"].tolist()
    ["'=cmd|' /C calc'!A0", '好']
    """
    out = frame.copy()
    for c in out.columns:
        if not pd.api.types.is_numeric_dtype(out[c].dtype) and not pd.api.types.is_bool_dtype(out[c].dtype):
            out[c] = out[c].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v)
    return out


def _team_files(frame, kind, folder, columns, problems=None):
    """One ``<kind>/<team>.csv`` per team; a team whose name cannot be a file name is skipped
    and reported (in ``problems`` and as a warning), never written elsewhere."""
    import warnings

    from ..workshop import save_table

    written = []
    for team, sub in frame.groupby("team", sort=False):
        try:
            written.append(save_table(folder, kind, team, defuse_formulas(sub[columns])))
        except IsqError as e:
            warnings.warn(f"room export: {kind} of team {team!r} not written: {e}", stacklevel=2)
            if problems is not None:
                problems.append({"team": team, "kind": kind, "message": str(e)})
    return written


def export_activity(workshop_dir, activity, *, store=None):
    """Write one activity's room results into the workshop folder; return the files written."""
    store = store or _store(workshop_dir)
    folder = store.folder
    frame = room_responses(store, activity)
    if frame.empty:
        return []
    if activity == "kano":
        from ...data.instruments import load_instrument

        names = {it.code: it.zh for it in load_instrument("kano").items}
        frame = frame.assign(feature_name=frame["feature"].map(names))
        return _team_files(frame, "kano", folder, ["respondent", "feature", "feature_name", "functional",
                                                   "dysfunctional"])
    if activity == "servqual":
        return _team_files(frame, "servqual", folder, ["respondent", "item", "dimension", "expectation", "perception"])
    if activity == "ipa":
        return _team_files(frame, "priority", folder, ["respondent", "attribute", "dimension", "importance",
                                                       "performance"])
    if activity == "phrases":
        return _team_files(frame, "phrases", folder, ["kind", "text", "better"])
    if activity == "votes":
        return _team_files(frame, "votes", folder, ["idea", "title", "dimension", "votes"])
    if activity == "journey":
        return _team_files(frame, "journey", folder, ["participant", "journey", "stage", "stage_order", "touchpoint",
                                                      "order", "score", "mot"])
    if activity in ASSESSMENT_ACTIVITIES:
        keys = ["team", "item"] + [c for c in ("period", "visit") if c in frame.columns]
        means = frame.groupby(keys, sort=False, as_index=False)["score"].mean()
        means["score"] = means["score"].round(1)
        cols = [c for c in ("period", "visit") if c in frame.columns] + ["item", "score"]
        return _team_files(means, f"assessments/{activity}", folder, cols)
    if activity == "worksheet":
        return _export_worksheets(folder, frame)
    if activity == "quiz":
        return _credit_quiz(folder, store, frame)
    return []


def _export_worksheets(folder, frame):
    from ..workshop import empty_values, read_worksheet, save_worksheet, worksheet_path

    import warnings

    written = []
    for (ws, team), sub in frame.groupby(["worksheet", "team"], sort=False):
        try:
            path = worksheet_path(folder, ws, team)
            values = read_worksheet(path, worksheet=ws)[1] if path.exists() else empty_values(ws)
            for r in sub.itertuples():
                values[r.field] = r.value
            written.append(save_worksheet(folder, ws, team, values))
        except IsqError as e:
            warnings.warn(f"room export: worksheet {ws!r} of team {team!r} not written: {e}", stacklevel=2)
    return written


def _credit_quiz(folder, store, frame):
    """Points of closed quiz questions go to the team scoreboard, once per question."""
    from ...models.scoreboard import Scoreboard
    from ..scoreboard_store import load_scoreboard, save_scoreboard

    open_name, open_opts = store.current()
    open_q = str(open_opts.get("id", "q1")) if open_name == "quiz" else None
    todo = [q for q in pd.unique(frame["question"]) if q != open_q]
    new = set(store.mark_credited("quiz", todo))
    if not new:
        return []
    path = Path(folder) / "scoreboard.csv"
    board = load_scoreboard(path, autosave=False) if path.exists() else Scoreboard(list(room_context(folder).teams))
    for r in frame[frame["question"].isin(new) & frame["correct"]].itertuples():
        if r.team not in board.teams:
            board.add_team(r.team)
        board.add_points(r.team, r.points, reason=f"抢答 {r.question}", member=r.member)
    save_scoreboard(board, path)
    return [path]


def room_export(workshop_dir):
    """Write every activity's room results into the workshop folder (see the module docstring).

    Returns
    -------
    dict
        activity -> list of files written.
    """
    store = _store(workshop_dir)
    return {a: export_activity(store.folder, a, store=store) for a in store.activities()}


# ----------------------------------------------------------------------------- live summaries
def _num(x, digits=2):
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return None
    try:
        return round(float(x), digits)
    except (TypeError, ValueError):
        return None


def room_summary(workshop_dir, activity, *, min_group_size=5, lang="zh", store=None):
    """What the trainer page (and, for some activities, the phones) show: aggregates only.

    Returns a JSON-ready dict ``{"activity", "n", "shown", "note", "bars": [{"label",
    "value", "text"}], "table": {"columns", "rows"}}``; with fewer than ``min_group_size``
    respondents ``shown`` is False and no figure is given.
    """
    from ...labels import label

    store = store or _store(workshop_dir)
    frame = room_responses(store, activity)
    who = "respondent" if "respondent" in frame.columns else ("participant" if "participant" in frame.columns
                                                              else "team")
    n = int(frame[who].nunique()) if len(frame) else 0
    out = {"activity": activity, "n": n, "shown": False, "bars": [], "table": {"columns": [], "rows": []}}
    zh = lang == "zh"
    if n < min_group_size and activity not in ("quiz",):
        out["note"] = (f"已收到 {n} 人的回答；满 {min_group_size} 人后显示汇总（隐私保护）。" if zh else
                       f"{n} respondent(s) so far; results appear from {min_group_size} (privacy).")
        return out
    out["shown"] = True
    out["note"] = f"已收到 {n} 人的回答。" if zh else f"{n} respondents."
    if activity == "kano":
        from ...data.instruments import load_instrument
        from ...models.kano import kano_summary

        names = {it.code: getattr(it, lang) for it in load_instrument("kano").items}
        s = kano_summary(frame)
        for r in s.itertuples():
            cat = r.category if isinstance(r.category, str) else "—"
            out["bars"].append({"label": names.get(r.feature, r.feature), "value": _num(r.better),
                                "text": f"{cat} · better {_num(r.better) if _num(r.better) is not None else '—'}"})
        out["table"] = {"columns": ["feature", "n", "category", "better", "worse"],
                        "rows": [[names.get(r.feature, r.feature), int(r.n),
                                  r.category if isinstance(r.category, str) else None, _num(r.better), _num(r.worse)]
                                 for r in s.itertuples()]}
    elif activity == "servqual":
        from ...models.servqual import servqual_gaps

        col = "gap" if frame["expectation"].notna().any() else "perception_mean"
        g = servqual_gaps(frame, level="dimension") if col == "gap" else (
            frame.groupby("dimension", as_index=False, sort=False)["perception"].mean()
            .rename(columns={"perception": "perception_mean"}))
        out["bars"] = [{"label": label(r["dimension"], lang), "value": _num(r[col]),
                        "text": f"{_num(r[col])}"} for _, r in g.iterrows()]
        out["table"] = {"columns": ["dimension", col], "rows": [[label(r["dimension"], lang), _num(r[col])]
                                                                  for _, r in g.iterrows()]}
    elif activity == "conflict":
        from ...models.conflict import conflict_profile

        p = conflict_profile(frame, by="team", min_group_size=min_group_size)
        out["table"] = {"columns": ["team", "n", "assertiveness", "cooperativeness", "mode"],
                        "rows": [[r["team"], int(r["n"]), _num(r["assertiveness"], 1), _num(r["cooperativeness"], 1),
                                  label(r["mode"], lang) if isinstance(r["mode"], str) else None]
                                 for _, r in p.iterrows()]}
    elif activity == "quiz":
        pts = frame.groupby("team", sort=False).agg(n=("respondent", "nunique"), correct=("correct", "sum"),
                                                      points=("points", "sum")).reset_index()
        out["bars"] = [{"label": r.team, "value": float(r.points), "text": f"{r.points:g}"} for r in pts.itertuples()]
        out["table"] = {"columns": ["team", "correct", "points"],
                        "rows": [[r.team, int(r.correct), float(r.points)] for r in pts.itertuples()]}
    elif activity == "votes":
        v = frame.sort_values("votes", ascending=False)
        out["bars"] = [{"label": r.title, "value": float(r.votes), "text": f"{int(r.votes)}"} for r in v.itertuples()]
    elif activity in ("satisfaction",):
        from ...models.satisfaction import ces, csat, nps

        out["table"] = {"columns": ["NPS", "CSAT", "CES"],
                        "rows": [[_num(nps(frame["nps"])["nps"], 1), _num(csat(frame["csat"])["csat"]),
                                  _num(ces(frame["ces"])["mean"])]]}
    elif activity in ("ipa", "journey", "peer_ratings", "self_ratings") or activity in ASSESSMENT_ACTIVITIES:
        key = {"ipa": "attribute", "journey": "touchpoint"}.get(activity, "item")
        val = "performance" if activity == "ipa" else "score"
        m = frame.groupby(key, sort=False)[val].mean()
        out["bars"] = [{"label": str(k), "value": _num(v), "text": f"{_num(v)}"} for k, v in m.items()]
    else:  # phrases, ideas, worksheet: counts only (texts go to the workshop folder)
        out["table"] = {"columns": ["team", "entries"],
                        "rows": [[t, int(c)] for t, c in frame.groupby("team", sort=False).size().items()]}
    return out
