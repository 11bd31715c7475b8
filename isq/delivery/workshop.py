"""The workshop folder (课堂成果文件夹): everything the teams produce during a course day.

Layout (one file per team, so teams on different laptops never write the same file)::

    workshop/
      workshop.yaml                      client, course, date, teams (and their departments)
      worksheets/<worksheet>/<team>.yaml one filled-in worksheet (see isq/data/worksheets.yaml)
      assessments/<name>/<team>.csv      self-assessments: item, score (+ period / visit)
      votes/<team>.csv                   improvement ideas and votes: idea, title, dimension, votes
      kano/<team>.csv                    Kano exercise on the team's own department
      servqual/<team>.csv                SERVQUAL exercise on the team's own department
      priority/<team>.csv                importance / performance ratings for the priority decision
      journey/<team>.csv                 journey map of a core scenario
      phrases/<team>.csv                 collected service phrases: kind (avoid/use), text, better
      strategy.yaml                      strategy house and execution breakdown (isq.load_strategy)
      scoreboard.csv                     the team scoreboard (isq.Scoreboard's CSV)

Files are YAML or UTF-8 CSV (with BOM, so Excel opens them), written atomically. A file that
cannot be read is reported with its name and is **never overwritten**: saving over it is
refused until it is repaired or the data is saved under a new name.
"""

from __future__ import annotations

import functools
import os
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..errors import IsqDataError, IsqError
from .._io import atomic_write_text, parse_user_yaml

__all__ = [
    "workshop_folder", "default_workshop_dir", "workshop_teams", "current_team", "DEFAULT_TEAMS",
    "workshop_input", "COURSE_INPUTS", "workshop_phrases", "cli_workshop",
    "WORKSHEETS_PATH", "TABLE_KINDS", "FIELD_TYPES",
    "worksheet_schemas", "worksheet_schema", "worksheet_path", "read_worksheet", "save_worksheet",
    "empty_values", "load_worksheets", "save_table", "read_table_file", "Workshop", "load_workshop",
    "write_demo_workshop",
]

_DATA = Path(__file__).resolve().parents[1] / "data"
#: Worksheet schemas (the generic form engine's input).
WORKSHEETS_PATH = _DATA / "worksheets.yaml"
#: Field types a worksheet may use.
FIELD_TYPES = ("text", "long_text", "choice", "date", "number", "table")
#: Tabular exercises: folder name -> required columns.
TABLE_KINDS = {
    "votes": ("idea", "title", "dimension", "votes"),
    "kano": ("respondent", "feature", "feature_name", "functional", "dysfunctional"),
    "servqual": ("respondent", "item", "dimension", "expectation", "perception"),
    "priority": ("respondent", "attribute", "importance", "performance"),
    "journey": ("journey", "stage", "stage_order", "touchpoint", "order", "score"),
    "phrases": ("kind", "text"),
}
#: Self-assessment files: name -> extra required columns besides item, score.
ASSESSMENT_COLUMNS = {"wheel": ("period",), "standards": (), "levels": (), "knowledge": (),
                      "thinking": (), "patrol": ("visit",)}


#: Team names of a new workshop folder; the trainer renames them in its workshop.yaml.
DEFAULT_TEAMS = ("第1组", "第2组", "第3组", "第4组")
#: Environment variable naming the workshop folder (tests and CI point it at a temporary
#: folder; the value "temp" gives one throwaway folder per Python process).
WORKSHOP_ENV = "ISQ_WORKSHOP_DIR"
#: The folder in the user's home directory holding one workshop folder per client.
HOME_FOLDER = "isq课堂成果"
#: Sub-folder used when no client is named.
DEFAULT_CLIENT_FOLDER = "课堂"

_ANNOUNCED = set()
_TEMP_WORKSHOP = None


def _safe_folder_name(name):
    """``name`` usable as one folder name: path separators and reserved characters replaced."""
    clean = "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in str(name)).strip().lstrip(".")
    return clean or DEFAULT_CLIENT_FOLDER


def default_workshop_dir(client=""):
    """Where a notebook saves the room's work when no folder is given.

    ``$ISQ_WORKSHOP_DIR`` when set ("temp": a temporary folder per process), otherwise
    ``~/isq课堂成果/<client>`` (``~/isq课堂成果/课堂`` without a client): a persistent folder
    outside the course, so worksheets, votes and the scoreboard survive kernel restarts.
    The test suite sets ``ISQ_WORKSHOP_DIR`` (tests/conftest.py), so headless notebook runs
    never write into the course or the home folder.
    """
    global _TEMP_WORKSHOP
    env = os.environ.get(WORKSHOP_ENV, "").strip()
    if env == "temp":
        if _TEMP_WORKSHOP is None:
            import tempfile

            _TEMP_WORKSHOP = Path(tempfile.mkdtemp(prefix="isq-workshop-"))
        return _TEMP_WORKSHOP
    if env:
        return Path(env).expanduser()
    return Path.home() / HOME_FOLDER / _safe_folder_name(client or DEFAULT_CLIENT_FOLDER)


def workshop_folder(path="", *, client="", announce=True):
    """The workshop folder (课堂成果文件夹) the notebooks save the room's work to.

    ``path`` as given; empty: :func:`default_workshop_dir` (``~/isq课堂成果/<client>``, or
    ``$ISQ_WORKSHOP_DIR``). The folder is created on first use together with a
    ``workshop.yaml`` listing the teams (:data:`DEFAULT_TEAMS`) for the trainer to edit,
    and its path is printed once per kernel (``announce=False``: silent, e.g. on the
    projected scoreboard) so the trainer knows where the work is.

    Examples
    --------
    >>> import tempfile
    >>> folder = workshop_folder(tempfile.mkdtemp() + "/课堂")  # doctest: +ELLIPSIS
    课堂成果文件夹：.../课堂 ...
    >>> workshop_teams(folder)
    ['第1组', '第2组', '第3组', '第4组']
    """
    folder = Path(path).expanduser() if str(path or "").strip() else default_workshop_dir(client)
    folder.mkdir(parents=True, exist_ok=True)
    meta = folder / "workshop.yaml"
    if not meta.exists():
        doc = {"client": str(client or ""), "course": "", "date": date.today(), "trainer": "",
               "teams": [{"name": t} for t in DEFAULT_TEAMS], "current_team": DEFAULT_TEAMS[0]}
        atomic_write_text(meta, _WORKSHOP_YAML_HEAD + _yaml_dump(doc))
    key = str(folder.resolve())
    if announce and key not in _ANNOUNCED:
        _ANNOUNCED.add(key)
        print(f"课堂成果文件夹：{folder} （工作表、投票和积分榜都保存在这里，重启内核也不会丢失；"
              f"团队名单和本机小组在 {meta.name} 里修改）")
    return folder


_WORKSHOP_YAML_HEAD = (
    "# 课堂信息（isq workshop metadata）。培训师只需改这一个文件：\n"
    "#   teams        团队名单：所有笔记本的工作表、积分榜和冲突练习都用这些名字\n"
    "#   current_team 这台电脑默认的小组（学员电脑各填自己的组；笔记本参数 team 留空时使用）\n"
)


def _read_meta(folder):
    import yaml

    path = Path(folder) / "workshop.yaml"
    if not path.exists():
        return {}
    try:
        meta = parse_user_yaml(path) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as e:
        raise IsqDataError(f"cannot read workshop.yaml ({str(e).splitlines()[0]}); repair it in a text "
                           f"editor. (workshop.yaml 无法读取，请用文本编辑器修正。)", file=str(path)) from None
    if not isinstance(meta, dict):
        raise IsqDataError("workshop.yaml must be a mapping with keys such as teams, current_team. "
                           "(workshop.yaml 格式不对：应包含 teams、current_team 等字段。)", file=str(path))
    return meta


def workshop_teams(folder=None):
    """Team names of the course, from ``<folder>/workshop.yaml`` (``teams:``).

    Entries are names or mappings with a ``name`` (and optionally ``department``).
    Without the file: :data:`DEFAULT_TEAMS`. ``folder`` None: :func:`workshop_folder`.

    Raises
    ------
    IsqDataError
        Naming workshop.yaml and the entry, for a name that cannot be a file name or a
        name listed twice.
    """
    folder = workshop_folder() if folder is None else Path(folder)
    meta = _read_meta(folder)
    raw = meta.get("teams") or list(DEFAULT_TEAMS)
    where = str(folder / "workshop.yaml")
    if not isinstance(raw, list):
        raise IsqDataError("`teams` must be a list of team names. (teams 应为团队名称列表。)", file=where)
    names = []
    for i, t in enumerate(raw, start=1):
        name = t.get("name") if isinstance(t, dict) else t
        try:
            name = _check_team(name if name is not None else "")
        except IsqError as e:
            raise IsqDataError(f"teams, entry {i}: {e}", file=where) from None
        if name in names:
            raise IsqDataError(f"teams, entry {i}: {name!r} is listed twice. (团队 {name} 重复。)", file=where)
        names.append(name)
    return names


def current_team(folder=None, team=""):
    """The team this notebook works for: ``team`` when given, else ``current_team`` of
    ``<folder>/workshop.yaml``, else the first team of :func:`workshop_teams`."""
    if str(team or "").strip():
        return _check_team(team)
    folder = workshop_folder() if folder is None else Path(folder)
    chosen = _read_meta(folder).get("current_team")
    teams = workshop_teams(folder)
    if chosen in (None, ""):
        return teams[0]
    chosen = str(chosen).strip()
    if chosen not in teams:
        raise IsqDataError(f"current_team {chosen!r} is not one of the teams ({', '.join(teams)}). "
                           f"(current_team 不在团队名单中。)", file=str(folder / "workshop.yaml"))
    return chosen


#: Trainer-edited course inputs: file name in the workshop folder -> the bundled template it
#: starts from (the trainer edits the copy in the workshop folder, never the package).
COURSE_INPUTS = {"strategy.yaml": _DATA / "strategy_house_demo.yaml"}


def workshop_input(name, folder=None):
    """Path of a trainer-edited course input (e.g. ``"strategy.yaml"``) in the workshop folder.

    The file is read from ``<folder>/<name>``; on first use it is created there from the
    bundled template (:data:`COURSE_INPUTS`), so the trainer edits that copy and a rerun
    shows the edit. The path is printed for the trainer.

    Examples
    --------
    >>> import tempfile
    >>> path = workshop_input("strategy.yaml", tempfile.mkdtemp())  # doctest: +ELLIPSIS
    策略屋等课程输入文件：.../strategy.yaml ...
    >>> isq.load_strategy(path)["roof"] == isq.load_strategy("demo")["roof"]
    True
    """
    if name not in COURSE_INPUTS:
        raise IsqError(f"Unknown course input {name!r}; expected one of {', '.join(COURSE_INPUTS)}. "
                       f"(没有这个课程输入文件。)")
    folder = workshop_folder() if folder is None else Path(folder)
    path = folder / name
    if not path.exists():
        atomic_write_text(path, COURSE_INPUTS[name].read_text(encoding="utf-8"))
    print(f"策略屋等课程输入文件：{path} （用文本编辑器修改后保存，再重新运行本节即可看到修改）")
    return path


def workshop_phrases(folder=None, *, kind="avoid"):
    """The phrases the teams collected in ``<folder>/phrases/<team>.csv`` (``kind``, ``text``).

    Returns the distinct texts of the given ``kind`` ("avoid": 服务禁语, "use": 规范用语) in
    file order, ready for :func:`isq.add_phrases`; an empty list when no team saved any.
    A file that cannot be read is reported with its name (a warning) and skipped.

    Examples
    --------
    >>> workshop_phrases("data/workshop")[:2]
    ['这不归我们管，你找别人吧。', '你重启一下不就好了。']
    """
    folder = workshop_folder() if folder is None else Path(folder)
    problems = []
    table = _read_kind(folder, "phrases", problems)
    for p in problems:
        warnings.warn(f"{p['file']}: {p['message']}", stacklevel=2)
    if table is None:
        return []
    texts = table.loc[table["kind"].astype(str).str.strip() == kind, "text"].dropna().astype(str).str.strip()
    return list(dict.fromkeys(t for t in texts if t))


def worksheet_schemas():
    """All worksheet schemas ``{key: schema}`` from ``isq/data/worksheets.yaml``."""
    import copy

    return copy.deepcopy(_worksheet_schemas())


@functools.lru_cache(maxsize=1)
def _worksheet_schemas():
    # Parsed and checked once per process: reading a workshop folder asks for the schemas of
    # every file it opens (~80 times for the demo), and the bundled YAML does not change.
    import yaml

    with open(WORKSHEETS_PATH, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    for key, spec in raw.items():
        for f in spec["fields"]:
            if f["type"] not in FIELD_TYPES:
                raise IsqError(f"{WORKSHEETS_PATH}: {key}.{f['name']}: unknown type {f['type']!r}; "
                               f"expected one of {', '.join(FIELD_TYPES)}.")
    return raw


def worksheet_schema(name):
    """The schema of one worksheet; a clear error for an unknown name."""
    schemas = worksheet_schemas()
    if name not in schemas:
        raise IsqError(f"Unknown worksheet {name!r}; choose one of {', '.join(schemas)}. "
                       f"(没有名为 {name!r} 的工作表。)")
    return schemas[name]


def _check_team(team):
    team = str(team).strip()
    if not team or any(c in team for c in '/\\:*?"<>|') or team.startswith("."):
        raise IsqError(f"Team name {team!r} cannot be used as a file name; avoid / \\ : * ? \" < > |. "
                       f"(团队名称不能包含这些字符。)")
    return team


def worksheet_path(folder, worksheet, team) -> Path:
    """``<folder>/worksheets/<worksheet>/<team>.yaml``."""
    worksheet_schema(worksheet)
    return Path(folder) / "worksheets" / worksheet / f"{_check_team(team)}.yaml"


def empty_values(worksheet):
    """A values dict with every field empty ("" / None / [])."""
    out = {}
    for f in worksheet_schema(worksheet)["fields"]:
        out[f["name"]] = [] if f["type"] == "table" else (None if f["type"] in ("date", "number") else "")
    return out


def _coerce(value, spec, where):
    """One field value to its stored form; raise IsqError naming ``where`` when impossible."""
    kind = spec["type"]
    if value is None or (isinstance(value, str) and not value.strip() and kind not in ("text", "long_text")):
        return None if kind != "table" else []
    if kind in ("text", "long_text"):
        return str(value)
    if kind == "choice":
        value = str(value)
        if value and value not in spec["options"]:
            raise IsqError(f"{where}: {value!r} is not one of {', '.join(spec['options'])}.")
        return value or None
    if kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise IsqError(f"{where}: {value!r} is not a date YYYY-MM-DD. (日期格式应为 2026-05-31。)") from None
    if kind == "number":
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise IsqError(f"{where}: {value!r} is not a number. (请填写数字。)") from None
        lo, hi = spec.get("min"), spec.get("max")
        if (lo is not None and x < lo) or (hi is not None and x > hi):
            raise IsqError(f"{where}: {x:g} is outside {lo}–{hi}.")
        return int(x) if x.is_integer() else x
    if kind == "table":
        if not isinstance(value, (list, tuple)):
            raise IsqError(f"{where}: expected a list of rows, got {type(value).__name__}.")
        rows = []
        for i, row in enumerate(value):
            if not isinstance(row, dict):
                raise IsqError(f"{where}[{i + 1}]: expected a row of named cells, got {row!r}.")
            cells = {c["name"]: _coerce(row.get(c["name"]), c, f"{where}[{i + 1}].{c['name']}")
                     for c in spec["columns"]}
            unknown = set(row) - set(cells)
            if unknown:
                raise IsqError(f"{where}[{i + 1}]: unknown column(s) {', '.join(sorted(unknown))}; "
                               f"expected {', '.join(cells)}.")
            if any(v not in (None, "") for v in cells.values()):
                rows.append(cells)
        return rows
    raise IsqError(f"{where}: unknown field type {kind!r}.")  # pragma: no cover


def _validate_values(worksheet, values, where):
    spec = worksheet_schema(worksheet)
    if not isinstance(values, dict):
        raise IsqError(f"{where}: the worksheet values must be a mapping of field names.")
    names = [f["name"] for f in spec["fields"]]
    unknown = set(values) - set(names)
    if unknown:
        raise IsqError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; "
                       f"the worksheet {worksheet!r} has {', '.join(names)}.")
    return {f["name"]: _coerce(values.get(f["name"]), f, f"{where}: {f['name']}") for f in spec["fields"]}


def read_worksheet(path, *, worksheet=None):
    """Read one worksheet file; return ``(meta, values)``.

    Raises
    ------
    IsqDataError
        Naming the file, when it is not valid YAML, belongs to another worksheet, or lacks
        fields (a file cut off half-way lists only its first fields).
    """
    import yaml

    path = Path(path)
    try:
        raw = parse_user_yaml(path)
    except (UnicodeDecodeError, yaml.YAMLError) as e:
        raise IsqDataError(f"cannot read the worksheet file (damaged YAML: {str(e).splitlines()[0]}). "
                           f"Repair it or save under a new name; it will not be overwritten. "
                           f"(文件已损坏，无法读取，不会被覆盖。)", file=str(path)) from None
    if not isinstance(raw, dict) or "fields" not in raw or not isinstance(raw.get("fields"), dict):
        raise IsqDataError("not an isq worksheet file: expected keys worksheet, team, fields. "
                           "It will not be overwritten. (不是工作表文件，不会被覆盖。)", file=str(path))
    ws = worksheet or raw.get("worksheet") or path.parent.name
    if raw.get("worksheet") not in (None, ws):
        raise IsqDataError(f"the file is a {raw.get('worksheet')!r} worksheet, expected {ws!r}.",
                           file=str(path))
    spec = worksheet_schema(ws)
    missing = [f["name"] for f in spec["fields"] if f["name"] not in raw["fields"]]
    if missing:
        raise IsqDataError(f"the file lacks field(s) {', '.join(missing)}: it looks cut off half-way "
                           f"(half-written or hand-edited). Repair it or save under a new name; "
                           f"it will not be overwritten. (文件不完整，缺少字段 {'、'.join(missing)}。)",
                           file=str(path))
    try:
        values = _validate_values(ws, raw["fields"], "fields")
    except IsqDataError:
        raise
    except IsqError as e:
        raise IsqDataError(str(e), file=str(path)) from None
    meta = {k: raw.get(k) for k in ("worksheet", "team", "saved")}
    meta["worksheet"] = ws
    meta["team"] = str(raw.get("team") or path.stem)
    return meta, values


def _check_writable(path):
    """Refuse to replace a file we could not read."""
    if path.exists():
        try:
            read_worksheet(path)
        except IsqDataError as e:
            raise IsqDataError(
                "refusing to save over a file that cannot be read (its content would be lost). "
                "Repair or rename the file, or save under a new team name. "
                f"(无法读取的文件不会被覆盖。) Reason: {e}", file=str(path)) from None


def _yaml_dump(obj):
    import yaml

    return yaml.safe_dump(obj, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def save_worksheet(folder, worksheet, team, values, *, saved=None) -> Path:
    """Validate ``values`` and write ``<folder>/worksheets/<worksheet>/<team>.yaml`` atomically.

    ``saved`` (a timestamp string) defaults to now. Raises IsqDataError, naming the file,
    instead of replacing a file that exists but cannot be read.
    """
    path = worksheet_path(folder, worksheet, team)
    clean = _validate_values(worksheet, values, f"worksheet {worksheet!r} of {team!r}")
    _check_writable(path)
    doc = {"worksheet": worksheet, "team": str(team),
           "saved": saved or datetime.now().isoformat(timespec="seconds"), "fields": clean}
    head = (f"# isq 工作表：{worksheet_schema(worksheet)['title_zh']}（{team}）\n"
            "# 可以用文本编辑器修改；请保留所有字段名。Edit freely but keep every field name.\n")
    return atomic_write_text(path, head + _yaml_dump(doc))


def _flatten(meta, values, path):
    spec = worksheet_schema(meta["worksheet"])
    rows = []
    for f in spec["fields"]:
        v = values[f["name"]]
        base = {"worksheet": meta["worksheet"], "team": meta["team"], "field": f["name"], "label": f["zh"]}
        if f["type"] == "table":
            for i, r in enumerate(v, start=1):
                for c in f["columns"]:
                    cell = r.get(c["name"])
                    rows.append({**base, "row": i, "column": c["name"],
                                 "value": None if cell is None else str(cell), "file": str(path)})
        else:
            rows.append({**base, "row": None, "column": None,
                         "value": None if v in (None, "") else str(v), "file": str(path)})
    return rows


def load_worksheets(folder, *, errors="warn"):
    """Every worksheet in a workshop folder as one tidy table.

    Returns
    -------
    DataFrame
        ``worksheet, team, field, label, row, column, value, file``: one row per scalar field
        and per table cell (``row`` 1-based, ``column`` the table column; empty for scalars).
        Files that cannot be read are skipped and listed in ``attrs["problems"]`` (file,
        message); ``errors="warn"`` also warns, "raise" raises the first, "ignore" is silent.
    """
    import pandas as pd

    rows, problems = [], []
    root = Path(folder) / "worksheets"
    for path in sorted(root.glob("*/*.yaml")) if root.is_dir() else []:
        if path.parent.name not in worksheet_schemas():
            problems.append({"file": str(path), "message": f"unknown worksheet folder {path.parent.name!r}"})
            continue
        try:
            meta, values = read_worksheet(path, worksheet=path.parent.name)
        except IsqDataError as e:
            if errors == "raise":
                raise
            problems.append({"file": str(path), "message": str(e)})
            continue
        rows.extend(_flatten(meta, values, path))
    cols = ["worksheet", "team", "field", "label", "row", "column", "value", "file"]
    out = pd.DataFrame(rows, columns=cols)
    out["row"] = out["row"].astype("Int64")
    out.attrs["problems"] = problems
    if errors == "warn":
        for p in problems:
            warnings.warn(p["message"], stacklevel=2)
    return out


# ----------------------------------------------------------------------------- tables
def save_table(folder, kind, team, frame) -> Path:
    """Write a tabular exercise (``kind`` in TABLE_KINDS or ``assessments/<name>``) as
    ``<folder>/<kind>/<team>.csv`` (UTF-8 with BOM), atomically; refuses to replace an
    unreadable file."""
    path = Path(folder) / kind / f"{_check_team(team)}.csv"
    if path.exists():
        read_table_file(path, kind)
    return atomic_write_text(path, frame.to_csv(index=False), encoding="utf-8-sig")


def _required(kind):
    if kind.startswith("assessments/"):
        name = kind.split("/", 1)[1]
        if name not in ASSESSMENT_COLUMNS:
            raise IsqError(f"Unknown self-assessment folder {kind!r}; expected one of "
                           f"{', '.join('assessments/' + n for n in ASSESSMENT_COLUMNS)}.")
        return ("item", "score", *ASSESSMENT_COLUMNS[name])
    if kind not in TABLE_KINDS:
        raise IsqError(f"Unknown exercise folder {kind!r}; expected one of {', '.join(TABLE_KINDS)}.")
    return TABLE_KINDS[kind]


def read_table_file(path, kind):
    """Read one exercise CSV, checking its columns; IsqDataError names the file otherwise."""
    import pandas as pd

    path = Path(path)
    frame = None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            frame = pd.read_csv(path, encoding=enc, dtype={"team": str, "respondent": str})
            break
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
            raise IsqDataError(f"cannot read the CSV file ({str(e).splitlines()[0]}). It will not be "
                               f"overwritten. (文件无法读取，不会被覆盖。)", file=str(path)) from None
    if frame is None:
        raise IsqDataError("the file is neither UTF-8 nor GB18030 text. (文件编码无法识别。)", file=str(path))
    missing = [c for c in _required(kind) if c not in frame.columns]
    if missing:
        raise IsqDataError(f"missing column(s) {', '.join(missing)}; expected {', '.join(_required(kind))}. "
                           f"(缺少列 {'、'.join(missing)}。)", file=str(path))
    return frame


def _read_kind(folder, kind, problems):
    import pandas as pd

    frames = []
    for path in sorted((Path(folder) / kind).glob("*.csv")):
        try:
            f = read_table_file(path, kind)
        except IsqDataError as e:
            problems.append({"file": str(path), "message": str(e)})
            continue
        frames.append(f.assign(team=path.stem, file=str(path)))
    return pd.concat(frames, ignore_index=True) if frames else None


@dataclass
class Workshop:
    """Everything read from a workshop folder (:func:`load_workshop`).

    ``tables`` maps "votes", "kano", ... and "assessments/<name>" to a DataFrame with ``team``
    and ``file`` columns; ``problems`` lists unreadable files as ``{"file", "message"}``.
    """

    folder: Path
    meta: dict = field(default_factory=dict)
    worksheets: object = None
    tables: dict = field(default_factory=dict)
    strategy: dict | None = None
    scoreboard: object = None
    problems: list = field(default_factory=list)

    @property
    def teams(self):
        """Teams named in workshop.yaml, then any other team that left a file."""
        seen = list(self.meta.get("teams") or [])
        seen = [t if isinstance(t, str) else str(t.get("name")) for t in seen]
        found = set(self.worksheets["team"]) if self.worksheets is not None else set()
        for t in self.tables.values():
            found |= set(t["team"])
        return seen + sorted(found - set(seen))


def load_workshop(folder) -> Workshop:
    """Read a workshop folder; unreadable files are listed in ``problems``, never modified."""
    import yaml

    folder = Path(folder)
    if not folder.is_dir():
        raise IsqDataError("the workshop folder does not exist. (课堂成果文件夹不存在。)", file=str(folder))
    ws = Workshop(folder=folder)
    meta_path = folder / "workshop.yaml"
    if meta_path.exists():
        try:
            ws.meta = parse_user_yaml(meta_path) or {}
            if not isinstance(ws.meta, dict):
                raise yaml.YAMLError("expected a mapping")
        except (UnicodeDecodeError, yaml.YAMLError, IsqDataError) as e:
            ws.meta = {}
            ws.problems.append({"file": str(meta_path), "message": f"cannot read workshop.yaml: {e}"})
    ws.worksheets = load_worksheets(folder, errors="ignore")
    ws.problems.extend(ws.worksheets.attrs["problems"])
    for kind in TABLE_KINDS:
        t = _read_kind(folder, kind, ws.problems)
        if t is not None:
            ws.tables[kind] = t
    for name in ASSESSMENT_COLUMNS:
        t = _read_kind(folder, f"assessments/{name}", ws.problems)
        if t is not None:
            ws.tables[f"assessments/{name}"] = t
    spath = folder / "strategy.yaml"
    if spath.exists():
        from ..models.strategy import load_strategy

        try:
            ws.strategy = load_strategy(spath)
        except IsqError as e:
            ws.problems.append({"file": str(spath), "message": str(e)})
    bpath = folder / "scoreboard.csv"
    if bpath.exists():
        from .scoreboard_store import load_scoreboard

        try:
            ws.scoreboard = load_scoreboard(bpath, autosave=False)
        except Exception as e:  # pandas parser errors too: report, never crash the booklet
            ws.problems.append({"file": str(bpath), "message": str(e)})
    return ws


def cli_workshop(args) -> int:
    """``isq workshop [--client NAME] [--dir DIR]``: the classroom folder, its teams and saved work."""
    folder = workshop_folder(args.dir, client=args.client, announce=False)
    teams, current = workshop_teams(folder), current_team(folder)
    print(f"课堂成果文件夹 workshop folder: {folder}")
    print(f"团队 teams ({folder / 'workshop.yaml'}): "
          + "、".join(f"{t}（本机）" if t == current else t for t in teams))
    saved = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and p.name != "workshop.yaml")
    print(f"已保存 saved: {len(saved)} 个文件 files")
    for p in saved:
        print(f"  {p.as_posix()}")
    return 0
