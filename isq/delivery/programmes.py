"""Course programmes (课程安排): one machine-readable timetable per course outline.

Each programme is a YAML file in ``isq/data/programmes/<name>.yaml``::

    title_zh / title_en, seed, audience, days, hours_per_day, tools, outcomes
    schedule:
      - day: 1
        start: "09:00"
        items:
          - {minutes: 25, part: 第一讲 ..., notebook: 01_内部客户与服务价值链,
             section: 谁是我的内部客户？, activity: room_activity, outcome: ..., tools: [...]}
          - {break: 茶歇, minutes: 15}
          - {lunch: 午餐, minutes: 75}

A teaching item names the module notebook (file stem) and the section (the notebook's own
heading, without its "N. " number), or, for a tool taught through a bundled self-assessment
without a notebook section yet, ``assessment: <name>`` (see ``isq.load_assessment``).
Breaks and lunch are separate items; the teaching minutes add up to
``days × hours_per_day × 60`` exactly (checked when the file is loaded).

Command line: ``isq course programmes`` (names, one a line) and
``isq course programme NAME [--json] [--out FILE.html]``.
"""

from __future__ import annotations

import functools
import html as _html
import json
from pathlib import Path

from ..errors import IsqError
from .._io import atomic_write_text

__all__ = [
    "ACTIVITIES",
    "programme_names",
    "load_programme",
    "programme_timetable",
    "programme_sessions",
    "show_programme",
    "programme_overview",
    "programme_json",
    "programme_html",
    "check_programme",
    "cli_programmes",
    "cli_programme",
]

#: Activity types of a teaching session and their labels.
ACTIVITIES = {
    "lecture": {"zh": "讲授", "en": "Lecture"},
    "exercise": {"zh": "练习", "en": "Exercise"},
    "room_activity": {"zh": "课堂活动", "en": "Room activity"},
    "team_work": {"zh": "小组研讨", "en": "Team work"},
    "competition": {"zh": "团队竞赛", "en": "Competition"},
}

_BREAKS = ("break", "lunch")
_DIR = Path(__file__).resolve().parents[1] / "data" / "programmes"

_TEXT = {
    "zh": {"day": "第 {d} 天", "time": "时间", "min": "分钟", "part": "单元", "nb": "笔记本",
           "section": "章节", "activity": "活动", "outcome": "产出", "teaching": "教学时间合计",
           "hours": "{m} 分钟（{h:g} 小时）", "assessment": "自评工具 {a}", "audience": "对象",
           "tools": "课程工具", "outcomes": "课程成果"},
    "en": {"day": "Day {d}", "time": "Time", "min": "Minutes", "part": "Part", "nb": "Notebook",
           "section": "Section", "activity": "Activity", "outcome": "Outcome", "teaching": "Teaching time",
           "hours": "{m} minutes ({h:g} hours)", "assessment": "self-assessment {a}",
           "audience": "Audience", "tools": "Tools", "outcomes": "Outcomes"},
}


def programme_names() -> list[str]:
    """Names of the bundled programmes, sorted.

    Examples
    --------
    >>> "internal_customer_service_1day" in programme_names()
    True
    """
    return sorted(p.stem for p in _DIR.glob("*.yaml"))


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_clock(text, where):
    try:
        h, m = str(text).split(":")
        value = int(h) * 60 + int(m)
    except ValueError:
        raise IsqError(f"{where}: start must be a clock time such as \"09:00\"; got {text!r}.") from None
    return value


@functools.lru_cache(maxsize=None)
def _load(name: str) -> dict:
    import yaml

    path = _DIR / f"{name}.yaml"
    prog = yaml.safe_load(path.read_text(encoding="utf-8"))
    prog["name"] = name
    _validate(prog, path.name)
    return prog


def _validate(prog, where):
    for key in ("title_zh", "days", "hours_per_day", "schedule"):
        if key not in prog:
            raise IsqError(f"{where}: the key '{key}' is missing.")
    teaching = 0
    for d, day in enumerate(prog["schedule"], 1):
        _parse_clock(day.get("start", "09:00"), f"{where}, day {d}")
        for i, item in enumerate(day["items"], 1):
            at = f"{where}, day {day.get('day', d)}, item {i}"
            if not isinstance(item.get("minutes"), int) or item["minutes"] <= 0:
                raise IsqError(f"{at}: 'minutes' must be a positive whole number; got {item.get('minutes')!r}.")
            if any(k in item for k in _BREAKS):
                continue
            if item.get("activity") not in ACTIVITIES:
                raise IsqError(f"{at}: 'activity' must be one of {', '.join(ACTIVITIES)}; "
                               f"got {item.get('activity')!r}.")
            if not (("notebook" in item and "section" in item) or "assessment" in item):
                raise IsqError(f"{at}: a teaching item needs 'notebook' and 'section' (or 'assessment').")
            if not item.get("outcome"):
                raise IsqError(f"{at}: 'outcome' (the result the session produces) is missing.")
            teaching += item["minutes"]
    target = prog["days"] * prog["hours_per_day"] * 60
    if teaching != target:
        raise IsqError(f"{where}: the teaching minutes add up to {teaching}, not days × hours_per_day × 60 "
                       f"= {target:g}. (教学时间合计 {teaching} 分钟，应为 {target:g} 分钟。)")


def load_programme(name) -> dict:
    """The programme ``name`` as a dict (a copy); a clear error for an unknown name.

    Examples
    --------
    >>> p = load_programme("internal_customer_service_1day")
    >>> p["days"], p["hours_per_day"]
    (1, 6)
    """
    import copy

    names = programme_names()
    if name not in names:
        raise IsqError(f"unknown programme {name!r}. Available programmes: {', '.join(names)}. "
                       "(没有这个课程安排；可用名称见 `isq course programmes`。)")
    return copy.deepcopy(_load(name))


def programme_timetable(name, *, lang="zh"):
    """The timetable of a programme: one row per item, breaks and lunch included.

    Returns
    -------
    DataFrame
        ``day, start, end, minutes, kind, part, notebook, section, assessment, activity,
        activity_label, outcome, tools``; ``kind`` is "session", "break" or "lunch"; clock
        times follow from each day's start and the minutes.

    Examples
    --------
    >>> t = programme_timetable("internal_customer_service_1day")
    >>> int(t.loc[t["kind"] == "session", "minutes"].sum())
    360
    >>> t["start"].iloc[0], t["end"].iloc[-1]
    ('09:00', '16:45')
    """
    import pandas as pd

    from ..labels import check_lang

    check_lang(lang)
    prog = load_programme(name)
    rows = []
    for d, day in enumerate(prog["schedule"], 1):
        clock = _parse_clock(day.get("start", "09:00"), name)
        for item in day["items"]:
            kind = next((k for k in _BREAKS if k in item), "session")
            row = {"day": int(day.get("day", d)), "start": _clock(clock),
                   "end": _clock(clock + item["minutes"]), "minutes": item["minutes"], "kind": kind,
                   "part": item.get("part", item.get(kind, "") if kind != "session" else ""),
                   "notebook": item.get("notebook", ""), "section": item.get("section", ""),
                   "assessment": item.get("assessment", ""), "activity": item.get("activity", ""),
                   "activity_label": ACTIVITIES.get(item.get("activity"), {}).get(lang, ""),
                   "outcome": item.get("outcome", ""), "tools": list(item.get("tools", []))}
            rows.append(row)
            clock += item["minutes"]
    return pd.DataFrame(rows)


def programme_sessions(name, *, lang="zh"):
    """The teaching sessions only (no breaks, no lunch) as a table for the notebook.

    Examples
    --------
    >>> len(programme_sessions("internal_customer_service_1day")) > 10
    True
    """
    t = programme_timetable(name, lang=lang)
    t = t[t["kind"] == "session"].reset_index(drop=True)
    return t[["day", "start", "end", "minutes", "part", "notebook", "section", "assessment",
              "activity_label", "outcome"]]


def show_programme(name, *, lang="zh"):
    """The timetable as a table to show in class: clock times, breaks and lunch, labelled columns.

    Examples
    --------
    >>> show_programme("internal_customer_service_1day").columns[:3].tolist()
    ['天', '时间', '分钟']
    """
    t_ = _TEXT[lang]
    table = programme_timetable(name, lang=lang)
    rows = []
    for r in table.to_dict("records"):
        nb, section = _where(r, t_) if r["kind"] == "session" else ("", "")
        rows.append({"day": r["day"], "time": f"{r['start']}–{r['end']}", "min": r["minutes"],
                     "part": r["part"], "nb": nb, "section": section,
                     "activity": r["activity_label"], "outcome": r["outcome"]})
    import pandas as pd

    out = pd.DataFrame(rows)
    out.columns = ["天" if lang == "zh" else "Day"] + [t_[k] for k in out.columns[1:]]
    return out


def programme_overview(*, lang="zh"):
    """One row per programme: name, title, days, hours per day, teaching minutes, outline.

    Examples
    --------
    >>> int(programme_overview().set_index("名称").loc["internal_customer_service_1day", "教学分钟"])
    360
    """
    import pandas as pd

    rows = []
    for name in programme_names():
        p = load_programme(name)
        minutes = sum(s["minutes"] for s in programme_json(name)["sessions"])
        rows.append([name, p["title_zh"] if lang == "zh" else p.get("title_en") or p["title_zh"],
                     p["days"], p["hours_per_day"], minutes, str(p.get("seed", "")).zfill(3)])
    cols = (["名称", "课程", "天数", "每天小时", "教学分钟", "大纲"] if lang == "zh" else
            ["name", "course", "days", "hours_per_day", "teaching_minutes", "outline"])
    return pd.DataFrame(rows, columns=cols)


def programme_json(name) -> dict:
    """``{"name", "title", "days", "hours_per_day", "sessions": [...]}`` with teaching sessions only.

    Examples
    --------
    >>> j = programme_json("internal_customer_service_1day")
    >>> sum(s["minutes"] for s in j["sessions"]) == j["days"] * j["hours_per_day"] * 60
    True
    """
    prog = load_programme(name)
    t = programme_timetable(name)
    sessions = [
        {k: r[k] for k in ("day", "start", "end", "minutes", "part", "notebook", "section",
                           "assessment", "activity", "outcome", "tools")}
        for r in t[t["kind"] == "session"].to_dict("records")
    ]
    for s in sessions:
        s["day"], s["minutes"] = int(s["day"]), int(s["minutes"])
    return {"name": name, "title": prog["title_zh"], "title_en": prog.get("title_en", ""),
            "days": prog["days"], "hours_per_day": prog["hours_per_day"], "sessions": sessions}


def _where(r, t):
    if r["notebook"]:
        return r["notebook"], r["section"]
    return "", t["assessment"].format(a=f"isq.load_assessment({r['assessment']!r})")


def programme_html(name, *, lang="zh") -> str:
    """A printable, self-contained HTML page of the timetable (no external reference)."""
    from .render import _CSS

    t_ = _TEXT[lang]
    prog = load_programme(name)
    table = programme_timetable(name, lang=lang)
    esc = _html.escape
    title = prog["title_zh"] if lang == "zh" else prog.get("title_en") or prog["title_zh"]
    parts = [f"<h1>{esc(title)}</h1>"]
    if prog.get("audience"):
        parts.append(f"<p>{esc(t_['audience'])}：{esc(prog['audience'])}</p>")
    minutes = int(table.loc[table["kind"] == "session", "minutes"].sum())
    parts.append(f"<p>{esc(t_['teaching'])}：{esc(t_['hours'].format(m=minutes, h=minutes / 60))}</p>")
    for day, rows in table.groupby("day", sort=True):
        parts.append(f"<h2>{esc(t_['day'].format(d=day))}</h2>")
        parts.append("<table><thead><tr>" + "".join(
            f"<th>{esc(t_[k])}</th>" for k in ("time", "min", "part", "nb", "section", "activity", "outcome"))
            + "</tr></thead><tbody>")
        for r in rows.to_dict("records"):
            when = f"{r['start']}–{r['end']}"
            if r["kind"] != "session":
                parts.append(f'<tr class="break"><td>{esc(when)}</td><td>{r["minutes"]}</td>'
                             f'<td colspan="5">{esc(r["part"])}</td></tr>')
                continue
            nb, section = _where(r, t_)
            parts.append("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in (
                when, r["minutes"], r["part"], nb, section, r["activity_label"], r["outcome"])) + "</tr>")
        parts.append("</tbody></table>")
    for key in ("tools", "outcomes"):
        if prog.get(key):
            parts.append(f"<h2>{esc(t_[key])}</h2><ol>"
                         + "".join(f"<li>{esc(x)}</li>" for x in prog[key]) + "</ol>")
    css = _CSS + ("h2 { page-break-before: auto; } tr.break td { background: #f4f4f4; color: #666; }"
                  " table { page-break-inside: auto; } tr { page-break-inside: avoid; break-inside: avoid; }"
                  " table { width: 100%; font-size: .82em; } td, th { text-align: left; }"
                  " td:nth-child(1), td:nth-child(2), td:nth-child(6), th { white-space: nowrap; }"
                  " td:nth-child(3) { min-width: 9em; } td:nth-child(7) { min-width: 10em; }")
    return ("<!DOCTYPE html>\n"
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>{css}</style></head><body><main>"
            + "".join(parts) + "</main></body></html>\n")


def _headings(path):
    import re

    import nbformat

    nb = nbformat.read(path, as_version=4)
    found = set()
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            m = re.match(r"#+\s+(?:\d+[.、]\s*)?(.+?)\s*$", line.strip())
            if m:
                found.add(m.group(1))
    return found


def check_programme(name, *, notebooks=None) -> list[str]:
    """Problems of a programme against the course notebooks (empty list: all good).

    Every referenced notebook exists and has the section as a heading (its "N. " number
    ignored); every assessment is bundled; every tool of the outline is taught in a session.
    """
    from ..models.assessments import load_assessment
    from .course import find_notebooks

    folder = find_notebooks(notebooks)
    prog = load_programme(name)
    problems, cache = [], {}
    taught = set()
    for r in programme_timetable(name).to_dict("records"):
        if r["kind"] != "session":
            continue
        taught.update(r["tools"])
        if r["notebook"]:
            path = folder / f"{r['notebook']}.ipynb"
            if not path.exists():
                problems.append(f"{name}: notebook {r['notebook']}.ipynb does not exist")
                continue
            if path not in cache:
                cache[path] = _headings(path)
            if r["section"] not in cache[path]:
                problems.append(f"{name}: {r['notebook']} has no heading {r['section']!r}")
        if r["assessment"]:
            try:
                load_assessment(r["assessment"])
            except IsqError as e:
                problems.append(f"{name}: {e}")
    for tool in prog.get("tools", []):
        if tool not in taught:
            problems.append(f"{name}: the tool {tool!r} is not taught in any session")
    return problems


def _print_timetable(name, lang="zh"):
    t_ = _TEXT[lang]
    prog = load_programme(name)
    table = programme_timetable(name, lang=lang)
    print(prog["title_zh"] if lang == "zh" else prog.get("title_en") or prog["title_zh"])
    for day, rows in table.groupby("day", sort=True):
        print()
        print(t_["day"].format(d=day))
        for r in rows.to_dict("records"):
            when = f"{r['start']}–{r['end']}"
            if r["kind"] != "session":
                print(f"  {when}  {r['minutes']:>3}  {r['part']}")
                continue
            nb, section = _where(r, t_)
            where = f"{nb} · {section}" if nb else section
            print(f"  {when}  {r['minutes']:>3}  [{r['activity_label']}] {where} -> {r['outcome']}")
    minutes = int(table.loc[table["kind"] == "session", "minutes"].sum())
    print()
    print(f"{t_['teaching']}：{t_['hours'].format(m=minutes, h=minutes / 60)}")


def cli_programmes(args) -> int:
    """``isq course programmes``: the programme names, one a line."""
    for name in programme_names():
        print(name)
    return 0


def cli_programme(args) -> int:
    """``isq course programme NAME [--json] [--out FILE.html]``."""
    name = args.name
    lang = getattr(args, "lang", "zh") or "zh"
    load_programme(name)  # unknown names fail before anything is written
    if getattr(args, "json", False):
        print(json.dumps(programme_json(name), ensure_ascii=False, indent=1))
    else:
        _print_timetable(name, lang)
    out = getattr(args, "out", None)
    if out:
        out = Path(out)
        if out.suffix.lower() not in (".html", ".htm"):
            out = out / f"{name}.html"
        atomic_write_text(out, programme_html(name, lang=lang))
        if not getattr(args, "json", False):
            print(f"-> {out}")
    return 0
