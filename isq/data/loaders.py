"""Readers of the bundled (or a client's) YAML content files: the phrase library, the
conflict self-reflection exercise, the strategy house and the self-assessments.

Each reader opens the file, parses it and checks it, naming the file and the key of the
first problem (``forbidden[3].severity``, ``pillars[2].projects[0].actions[1].due``). The
models (``isq.models.phrases``, ``conflict``, ``strategy``, ``assessments``) compute with what they return
and open no file themselves.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .._io import parse_user_yaml
from ..errors import IsqError, IsqInstrumentError

__all__ = [
    "PhraseLibrary",
    "load_phrases",
    "normalize_phrase_text",
    "ConflictExercise",
    "load_conflict_items",
    "load_strategy",
    "PHRASES_PATH",
    "PHRASE_CATEGORIES",
    "SEVERITY_RANGE",
    "CONFLICT_ITEMS_PATH",
    "CONFLICT_AXES",
    "DEMO_STRATEGY_PATH",
    "ASSESSMENTS",
    "ASSESSMENTS_PATH",
    "assessment_spec",
    "load_assessment",
    "parse_date",
]

_HERE = Path(__file__).resolve().parent
_WS = re.compile(r"\s")

#: The bundled library.
PHRASES_PATH = _HERE / "phrases.yaml"
#: Allowed categories: explicit 显性 (rude on its face), implicit 隐性 (polite-sounding).
PHRASE_CATEGORIES = ("explicit", "implicit")
#: Severity runs from 1 (mild) to 3 (severe).
SEVERITY_RANGE = (1, 3)

#: The bundled exercise.
CONFLICT_ITEMS_PATH = _HERE / "conflict_items.yaml"
#: The two axes.
CONFLICT_AXES = ("assertiveness", "cooperativeness")
#: The bundled demo strategy house of 示例集团 (``load_strategy("demo")`` reads it).
DEMO_STRATEGY_PATH = _HERE / "strategy_house_demo.yaml"
_TOP_KEYS = {"client", "year", "roof", "pillars", "foundation"}
_PILLAR_KEYS = {"name", "dimension", "projects", "description"}
_PROJECT_KEYS = {"name", "dimension", "owner", "actions", "description"}
_ACTION_KEYS = {"what", "owner", "due", "status"}


# --------------------------------------------------------------------------- phrases
def _normalise_map(text):
    """Normalised text and, for each of its characters, the index in ``text``."""
    if (not _WS.search(text) and unicodedata.is_normalized("NFKC", text)
            and text.casefold() == text):
        return text, None            # identity map: the common fast path
    out, idx = [], []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).casefold():
            if not c.isspace():
                out.append(c)
                idx.append(i)
    return "".join(out), idx


def normalize_phrase_text(text):
    """Text as the checker sees it: NFKC, case-folded, without whitespace.

    Examples
    --------
    >>> isq.normalize_phrase_text("你 听懂了没有？ＯＫ")
    '你听懂了没有?ok'
    """
    return _normalise_map(str(text))[0]


# --------------------------------------------------------------------------- library
@dataclass(frozen=True)
class PhraseLibrary:
    """Phrases to avoid and recommended phrases (load with :func:`load_phrases`).

    Attributes
    ----------
    forbidden : DataFrame
        ``id, phrase, pattern, category, theme, severity, alternatives`` (alternatives is
        a tuple of strings; the first is the suggestion).
    recommended : DataFrame
        ``phrase, theme``.
    source : str
        Where the library came from (a file path, or a note of additions).
    """

    forbidden: pd.DataFrame
    recommended: pd.DataFrame
    source: str = "<memory>"
    _regex: list = field(default_factory=list, repr=False, compare=False)

    def __len__(self):
        return len(self.forbidden)

    def __repr__(self):
        return (f"PhraseLibrary({len(self.forbidden)} phrases to avoid, "
                f"{len(self.recommended)} recommended; source={self.source!r})")

    def regex(self):
        """The single compiled alternation (cached)."""
        if not self._regex:
            f = self.forbidden.reset_index(drop=True)
            order = sorted(range(len(f)),
                           key=lambda i: (-len(normalize_phrase_text(f.at[i, "phrase"])), i))
            parts = [f"(?P<p{i}>{f.at[i, 'pattern']})" for i in order]
            self._regex.append(re.compile("|".join(parts)) if parts else None)
        return self._regex[0]


def _entry_error(msg, file, key):
    return IsqInstrumentError(msg, file=file, key=key)


def _validate_entries(entries, file, *, start_key="forbidden"):
    """Check a list of forbidden-phrase dicts; return them normalised (a list of dicts)."""
    out, seen = [], set()
    if not isinstance(entries, list):
        raise _entry_error("must be a list of phrase entries.", file, start_key)
    for k, e in enumerate(entries):
        key = f"{start_key}[{k}]"
        if not isinstance(e, dict):
            raise _entry_error(f"each entry must be a mapping with phrase, category, theme, "
                               f"severity, alternatives; got {e!r}.", file, key)
        for need in ("id", "phrase", "category", "theme", "severity", "alternatives"):
            if need not in e or e[need] in (None, ""):
                raise _entry_error(f"missing `{need}`.", file, f"{key}.{need}")
        pid = str(e["id"])
        if pid in seen:
            raise _entry_error(f"duplicate id {pid!r}; ids must be unique.", file, f"{key}.id")
        seen.add(pid)
        if e["category"] not in PHRASE_CATEGORIES:
            raise _entry_error(f"`category` must be one of {', '.join(PHRASE_CATEGORIES)} "
                               f"(显性/隐性); got {e['category']!r}.", file, f"{key}.category")
        sev = e["severity"]
        if not isinstance(sev, (int, np.integer)) or not SEVERITY_RANGE[0] <= sev <= SEVERITY_RANGE[1]:
            raise _entry_error(f"`severity` must be a whole number from {SEVERITY_RANGE[0]} to "
                               f"{SEVERITY_RANGE[1]}; got {sev!r}.", file, f"{key}.severity")
        alts = e["alternatives"]
        alts = [alts] if isinstance(alts, str) else alts
        if not isinstance(alts, (list, tuple)) or not alts or not all(
                isinstance(a, str) and a.strip() for a in alts):
            raise _entry_error("`alternatives` must be a non-empty list of phrases (规范用语).",
                               file, f"{key}.alternatives")
        phrase = str(e["phrase"])
        pattern = e.get("pattern") or re.escape(normalize_phrase_text(phrase))
        if "(?P<" in str(pattern):
            raise _entry_error("named groups (?P<...>) are not allowed in `pattern`.",
                               file, f"{key}.pattern")
        try:
            rx = re.compile(str(pattern))
        except re.error as exc:
            raise _entry_error(f"`pattern` {pattern!r} is not a valid regular expression: "
                               f"{exc}.", file, f"{key}.pattern") from None
        if rx.search("") is not None and rx.search("").end() == 0:
            raise _entry_error(f"`pattern` {pattern!r} matches the empty string.",
                               file, f"{key}.pattern")
        if not rx.search(normalize_phrase_text(phrase)):
            raise _entry_error(f"`pattern` {pattern!r} does not match its own phrase "
                               f"{phrase!r} (after normalisation: "
                               f"{normalize_phrase_text(phrase)!r}).", file, f"{key}.pattern")
        out.append({"id": pid, "phrase": phrase, "pattern": str(pattern),
                    "category": e["category"], "theme": str(e["theme"]),
                    "severity": int(sev), "alternatives": tuple(alts)})
    return out


def _library_from_raw(raw, file):
    if not isinstance(raw, dict) or "forbidden" not in raw:
        raise _entry_error("the file must be a mapping with a `forbidden` list "
                           "(and optionally `recommended`).", file, "forbidden")
    forbidden = _validate_entries(raw["forbidden"], file)
    rec = raw.get("recommended") or []
    if not isinstance(rec, list):
        raise _entry_error("must be a list of {phrase, theme}.", file, "recommended")
    rec_rows = []
    for k, r in enumerate(rec):
        if not isinstance(r, dict) or not r.get("phrase"):
            raise _entry_error("each entry needs a `phrase`.", file, f"recommended[{k}].phrase")
        rec_rows.append({"phrase": str(r["phrase"]), "theme": str(r.get("theme", ""))})
    return PhraseLibrary(
        forbidden=pd.DataFrame(forbidden, columns=["id", "phrase", "pattern", "category",
                                                   "theme", "severity", "alternatives"]),
        recommended=pd.DataFrame(rec_rows, columns=["phrase", "theme"]),
        source=str(file),
    )


_CACHE = {}


def load_phrases(path=None):
    """Load and validate a phrase library (default: the bundled ``phrases.yaml``).

    Parameters
    ----------
    path : str or Path, optional
        A YAML file with the schema described at the top of ``isq/data/phrases.yaml``.

    Returns
    -------
    PhraseLibrary

    Raises
    ------
    IsqInstrumentError
        Naming the file and the key (e.g. ``forbidden[3].severity``) of the first problem.

    Examples
    --------
    >>> lib = isq.load_phrases()
    >>> len(lib) >= 40, sorted(lib.forbidden["category"].unique())
    (True, ['explicit', 'implicit'])
    """
    import yaml  # (inside: `import isq` stays light)

    path = Path(path) if path is not None else PHRASES_PATH
    if not path.exists():
        raise IsqError(f"Phrase library file '{path}' does not exist.")
    key = (str(path.resolve()), path.stat().st_mtime)
    if key in _CACHE:
        return _CACHE[key]
    try:
        raw = parse_user_yaml(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "<yaml>"
        raise IsqInstrumentError(f"not valid YAML ({exc.__class__.__name__}).", file=str(path),
                                 key=where) from None
    lib = _library_from_raw(raw, str(path))
    _CACHE[key] = lib
    return lib


# --------------------------------------------------------------------------- conflict exercise
@dataclass(frozen=True)
class ConflictExercise:
    """The exercise: ``items`` (``code, zh, en, assertiveness, cooperativeness`` with
    signs −1/0/+1), the answer scale ``low``–``high`` and its zh/en ``labels``."""

    items: pd.DataFrame
    low: int
    high: int
    labels: dict
    source: str = "<memory>"


def load_conflict_items(path=None):
    """Load and check the conflict self-reflection exercise (default: the bundled one).

    Returns
    -------
    ConflictExercise

    Raises
    ------
    IsqInstrumentError
        Naming the file and the key of the first problem.

    Examples
    --------
    >>> ex = isq.load_conflict_items()
    >>> len(ex.items), ex.low, ex.high
    (14, 1, 5)
    >>> ex.items[["assertiveness", "cooperativeness"]].abs().sum().tolist()
    [9, 9]
    """
    import yaml  # (inside: `import isq` stays light)

    path = Path(path) if path is not None else CONFLICT_ITEMS_PATH
    file = str(path)
    if not path.exists():
        raise IsqError(f"Conflict exercise file '{file}' does not exist.")
    raw = parse_user_yaml(path)
    if not isinstance(raw, dict):
        raise IsqInstrumentError("the file must be a mapping with `scale` and `items`.",
                                 file=file, key="<root>")
    scale = raw.get("scale")
    if not isinstance(scale, dict) or not {"low", "high"} <= set(scale):
        raise IsqInstrumentError("needs `low` and `high`.", file=file, key="scale")
    low, high = scale["low"], scale["high"]
    if not (isinstance(low, int) and isinstance(high, int) and low < high):
        raise IsqInstrumentError(f"`low` < `high` must be whole numbers; got {low!r}, {high!r}.",
                                 file=file, key="scale")
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        raise IsqInstrumentError("must be a non-empty list.", file=file, key="items")
    rows, seen = [], set()
    for k, it in enumerate(items):
        key = f"items[{k}]"
        if not isinstance(it, dict):
            raise IsqInstrumentError("each item must be a mapping.", file=file, key=key)
        for need in ("code", "zh", "en", "axes"):
            if not it.get(need):
                raise IsqInstrumentError(f"missing `{need}`.", file=file, key=f"{key}.{need}")
        if it["code"] in seen:
            raise IsqInstrumentError(f"duplicate code {it['code']!r}.", file=file,
                                     key=f"{key}.code")
        seen.add(it["code"])
        axes = it["axes"]
        if not isinstance(axes, dict):
            raise IsqInstrumentError("`axes` maps an axis to +1 or -1.", file=file,
                                     key=f"{key}.axes")
        for ax, sign in axes.items():
            if ax not in CONFLICT_AXES:
                raise IsqInstrumentError(f"unknown axis {ax!r}; use {', '.join(CONFLICT_AXES)}.",
                                         file=file, key=f"{key}.axes.{ax}")
            if sign not in (1, -1):
                raise IsqInstrumentError(f"the sign must be 1 or -1; got {sign!r}.",
                                         file=file, key=f"{key}.axes.{ax}")
        rows.append({"code": str(it["code"]), "zh": it["zh"], "en": it["en"],
                     **{ax: int(axes.get(ax, 0)) for ax in CONFLICT_AXES}})
    frame = pd.DataFrame(rows)
    for ax in CONFLICT_AXES:
        if not (frame[ax] != 0).any():
            raise IsqInstrumentError(f"no item measures {ax}.", file=file, key="items")
    return ConflictExercise(items=frame, low=low, high=high,
                            labels=scale.get("labels", {}), source=file)


# --------------------------------------------------------------------------- strategy house
class _Checker:
    def __init__(self, source):
        self.source = source

    def fail(self, path, msg):
        where = f"strategy file '{self.source}'" if self.source else "strategy"
        raise IsqError(f"{where}: {path}: {msg}")

    def text(self, obj, path):
        if obj is None or (isinstance(obj, str) and not obj.strip()):
            self.fail(path, "expected a non-empty text, got nothing")
        if isinstance(obj, (dict, list)):
            self.fail(path, f"expected a text, got a {type(obj).__name__}")
        return str(obj).strip()

    def mapping(self, obj, path, allowed, required):
        if not isinstance(obj, dict):
            self.fail(path, f"expected a mapping with keys {sorted(required)}, got {type(obj).__name__}")
        unknown = set(obj) - allowed
        if unknown:
            self.fail(f"{path}.{sorted(map(str, unknown))[0]}" if path else sorted(map(str, unknown))[0],
                      f"unknown key; allowed keys are {sorted(allowed)}")
        for k in required:
            if k not in obj:
                self.fail(f"{path}.{k}" if path else k, "required key is missing")
        return obj

    def seq(self, obj, path, *, min_len=1):
        if not isinstance(obj, list):
            self.fail(path, f"expected a list, got {type(obj).__name__}")
        if len(obj) < min_len:
            self.fail(path, f"expected at least {min_len} entr{'y' if min_len == 1 else 'ies'}, got {len(obj)}")
        return obj

    def date(self, obj, path):
        day = parse_date(obj)
        if day is None:
            self.fail(path, f"expected a date YYYY-MM-DD, got {obj!r}")
        return day


def parse_date(obj):
    """A date from a YAML value or a typed answer: a date (or datetime) as it is, text as
    ISO ``YYYY-MM-DD``; None when it is no date."""
    if isinstance(obj, _dt.datetime):
        return obj.date()
    if isinstance(obj, _dt.date):
        return obj
    try:
        return _dt.date.fromisoformat(str(obj).strip())
    except ValueError:
        return None


def load_strategy(path_or_dict, *, departments=None):
    """Read and validate a strategy house with its execution breakdown.

    Parameters
    ----------
    path_or_dict : str, Path or dict
        A YAML file, an already parsed dict, or ``"demo"`` for the bundled 示例集团 house.
    departments : iterable of str, optional
        Allowed owners (e.g. department codes); by default any text is accepted.

    Returns
    -------
    dict
        ``client, year, roof, pillars, foundation, source``; each pillar has ``name,
        dimension, projects``; each project ``name, dimension, owner, actions``; each
        action ``what, owner, due`` (a ``datetime.date``) and ``status``.

    Raises
    ------
    IsqError
        Naming the file and the key path, e.g.
        ``pillars[2].projects[0].actions[1].due: expected a date YYYY-MM-DD``.

    Examples
    --------
    >>> house = isq.load_strategy("demo")
    >>> house["roof"]
    '打造"用心服务、高效协同"的内部服务体系'
    >>> [p["name"] for p in house["pillars"]]
    ['提速 IT 响应', '简化流程', '主动沟通、不推诿']
    """
    import yaml

    source = None
    if isinstance(path_or_dict, dict):
        raw = path_or_dict
    else:
        path = DEMO_STRATEGY_PATH if str(path_or_dict) == "demo" else Path(path_or_dict)
        source = str(path)
        if not path.is_file():
            raise IsqError(f"strategy file '{path}' does not exist (give a YAML file, a dict or \"demo\").")
        try:
            raw = parse_user_yaml(path)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise IsqError(f"strategy file '{path}' is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    ck = _Checker(source)
    ck.mapping(raw, "", _TOP_KEYS, ("roof", "pillars"))
    allowed_owner = None if departments is None else {str(d) for d in departments}

    def owner(obj, path, required):
        if obj is None and not required:
            return None
        o = ck.text(obj, path)
        if allowed_owner is not None and o not in allowed_owner:
            ck.fail(path, f"unknown owner {o!r}; expected one of {sorted(allowed_owner)}")
        return o

    house = {
        "client": None if raw.get("client") is None else ck.text(raw["client"], "client"),
        "year": raw.get("year"),
        "roof": ck.text(raw["roof"], "roof"),
        "pillars": [],
        "foundation": [ck.text(f, f"foundation[{i}]")
                       for i, f in enumerate(ck.seq(raw.get("foundation", []), "foundation", min_len=0))],
        "source": source,
    }
    for i, p in enumerate(ck.seq(raw["pillars"], "pillars")):
        pp = f"pillars[{i}]"
        ck.mapping(p, pp, _PILLAR_KEYS, ("name",))
        pillar = {"name": ck.text(p["name"], f"{pp}.name"),
                  "dimension": None if p.get("dimension") is None else ck.text(p["dimension"], f"{pp}.dimension"),
                  "projects": []}
        for j, pr in enumerate(ck.seq(p.get("projects", []), f"{pp}.projects", min_len=0)):
            jp = f"{pp}.projects[{j}]"
            ck.mapping(pr, jp, _PROJECT_KEYS, ("name",))
            project = {"name": ck.text(pr["name"], f"{jp}.name"),
                       "dimension": (pillar["dimension"] if pr.get("dimension") is None
                                     else ck.text(pr["dimension"], f"{jp}.dimension")),
                       "owner": owner(pr.get("owner"), f"{jp}.owner", False), "actions": []}
            for k, a in enumerate(ck.seq(pr.get("actions", []), f"{jp}.actions", min_len=0)):
                kp = f"{jp}.actions[{k}]"
                ck.mapping(a, kp, _ACTION_KEYS, ("what", "owner", "due"))
                project["actions"].append({
                    "what": ck.text(a["what"], f"{kp}.what"),
                    "owner": owner(a["owner"], f"{kp}.owner", True),
                    "due": ck.date(a["due"], f"{kp}.due"),
                    "status": None if a.get("status") is None else ck.text(a["status"], f"{kp}.status"),
                })
            pillar["projects"].append(project)
        house["pillars"].append(pillar)
    return house


# --------------------------------------------------------------------------- self-assessments
#: The bundled self-assessment instruments (``isq.load_assessment``).
ASSESSMENTS_PATH = _HERE / "assessments.yaml"
#: Names of the bundled self-assessments.
ASSESSMENTS = ("wheel", "standards", "levels", "knowledge", "thinking", "patrol")


@functools.lru_cache(maxsize=1)
def _assessment_file():
    import yaml

    return yaml.safe_load(ASSESSMENTS_PATH.read_text(encoding="utf-8"))


def assessment_spec(name):
    """The instrument ``name`` of the bundled file as parsed (items, scale, names)."""
    if name not in ASSESSMENTS:
        raise IsqError(f"Unknown self-assessment {name!r}; choose one of {', '.join(ASSESSMENTS)}. "
                       f"(没有名为 {name!r} 的自评工具。)")
    return _assessment_file()[name]


def load_assessment(name):
    """The items of a bundled self-assessment as a table.

    Parameters
    ----------
    name : {"wheel", "standards", "levels", "knowledge", "thinking", "patrol"}

    Returns
    -------
    DataFrame
        ``item, group, text_zh, text_en`` (and ``level`` for "levels"), in display order;
        ``attrs`` holds ``scale`` (min, max) and the instrument's names.

    Examples
    --------
    >>> items = isq.load_assessment("standards")
    >>> items["group"].tolist()
    ['fastest_response', 'professional_support', 'priorities_first', 'perspective', 'keep_promises']
    >>> items.attrs["scale"]
    (1, 5)
    """
    spec = assessment_spec(name)
    rows = [{"item": it["item"], "group": it["group"], "text_zh": it["zh"], "text_en": it["en"],
             **({"level": it["level"]} if "level" in it else {})} for it in spec["items"]]
    out = pd.DataFrame(rows)
    out.attrs.update(scale=tuple(spec["scale"]), name_zh=spec["name_zh"], name_en=spec["name_en"])
    return out
