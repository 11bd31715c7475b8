"""Questionnaires as data: the bundled instrument YAML files and their loader.

An instrument file (``isq/data/instruments/<name>.yaml``) lists the respondent-level
``fields`` (respondent, department, provider, ...), the answer ``scales`` with their
zh/en labels, the ``dimensions``, the ``parts`` in which every item is asked
(SERVQUAL: expectation, perception, adequate; Kano: functional, dysfunctional) and the
``items`` with their codes and zh/en wording. :func:`load_instrument` validates a file
and returns an :class:`Instrument`; any mistake raises :class:`isq.IsqInstrumentError`
naming the file and the key.

Bundled instruments: ``servqual`` (22 items SQ01–SQ22, 7-point), ``kano`` (features
K01–K12), ``satisfaction`` (NPS, CSAT, CES 2.0), ``importance`` (importance of the
SERVQUAL attributes), ``weights`` (the 100-point allocation) and ``peer_ratings``
(PR1–PR4).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .._io import MAX_YAML_BYTES, limited_yaml_loader
from ..errors import IsqInstrumentError

__all__ = ["Instrument", "Item", "Part", "Scale", "Field", "load_instrument", "BUNDLED_INSTRUMENTS"]

INSTRUMENT_DIR = Path(__file__).parent / "instruments"
BUNDLED_INSTRUMENTS = ("servqual", "kano", "satisfaction", "importance", "weights", "peer_ratings")

_TOP_KEYS = {
    "name", "title", "source", "layout", "item_column", "fields", "key", "own_department",
    "scales", "dimensions", "parts", "items", "items_from", "total",
}
_LAYOUTS = ("long", "wide")


def normalize_text(text) -> str:
    """Fold width, case and whitespace/punctuation so wordings compare reliably.

    >>> normalize_text(" 非常 同意。") == normalize_text("非常同意")
    True
    """
    s = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s\u3000.,;:!?'\"`“”‘’()\[\]{}<>《》【】、。，；：！？（）「」『』\-—_/\\|·…~]+", "", s)


@dataclass(frozen=True)
class Scale:
    """An answer scale: whole numbers ``min``..``max`` with optional zh/en labels per code."""

    name: str
    min: int
    max: int
    labels: dict = field(default_factory=dict)  # code -> {"zh": ..., "en": ...}

    @property
    def codes(self) -> list:
        return list(range(self.min, self.max + 1))

    @property
    def label_to_code(self) -> dict:
        """Normalised label (zh or en) -> code; codes written as text map to themselves."""
        out = {normalize_text(c): c for c in self.codes}
        for code, lab in self.labels.items():
            for text in lab.values():
                out[normalize_text(text)] = code
                out[normalize_text(f"{code}{text}")] = code
                out[normalize_text(f"{text}{code}")] = code
        return out

    def describe(self) -> str:
        """'a whole number 1–7 or one of: 1 非常不同意 (Strongly disagree), ...'."""
        labs = ", ".join(f"{c} {v.get('zh', '')} ({v.get('en', '')})" for c, v in self.labels.items())
        return f"a whole number {self.min}–{self.max}" + (f" or a label: {labs}" if labs else "")


@dataclass(frozen=True)
class Part:
    """One way every item is asked (e.g. expectation, perception)."""

    name: str
    scale: str | None
    required: bool
    zh: str
    en: str
    match: tuple = ()
    stem: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Field:
    """A respondent-level field such as respondent, department, provider or wave."""

    name: str
    required: bool
    zh: str
    en: str
    match: tuple = ()


@dataclass(frozen=True)
class Item:
    """A question: code, dimension, zh/en wording, optional own scale and per-part wording."""

    code: str
    zh: str
    en: str
    dimension: str | None = None
    scale: str | None = None
    column: str | None = None
    wording: dict = field(default_factory=dict)  # part -> {"zh", "en"}


@dataclass(frozen=True)
class Instrument:
    """A validated questionnaire. Build it with :func:`load_instrument`.

    Examples
    --------
    >>> sq = isq.load_instrument("servqual")
    >>> len(sq.items), sq.parts_required
    (22, ['expectation', 'perception'])
    >>> sq.dimension_of["SQ10"], sq.scale_for("SQ01").label_to_code["非常同意"]
    ('responsiveness', 7)
    """

    name: str
    file: str
    title: dict
    layout: str
    item_column: str
    fields: dict  # name -> Field
    scales: dict  # name -> Scale
    dimensions: dict  # name -> {"zh", "en"}
    parts: dict  # name -> Part
    items: tuple  # of Item
    key: tuple = ()
    own_department: tuple | None = None
    total: dict | None = None
    source: str = ""

    @property
    def item_codes(self) -> list:
        return [it.code for it in self.items]

    @property
    def parts_required(self) -> list:
        return [p for p, part in self.parts.items() if part.required]

    @property
    def dimension_of(self) -> dict:
        return {it.code: it.dimension for it in self.items}

    def item(self, code) -> Item:
        for it in self.items:
            if it.code == code:
                return it
        raise IsqInstrumentError(f"no item {code!r}; items: {', '.join(self.item_codes)}", file=self.file, key="items")

    def scale_for(self, code, part=None) -> Scale:
        """The scale an item is answered on (the item's own, else its part's)."""
        it = self.item(code)
        name = it.scale or (self.parts[part].scale if part else next(iter(self.parts.values())).scale)
        return self.scales[name]

    def label_map(self, code, part=None) -> dict:
        """Normalised answer label (zh/en) -> code for one item."""
        return self.scale_for(code, part).label_to_code

    def items_frame(self):
        """One row per item: item, dimension, zh, en (a DataFrame)."""
        import pandas as pd

        return pd.DataFrame(
            {"item": self.item_codes, "dimension": [it.dimension for it in self.items],
             "zh": [it.zh for it in self.items], "en": [it.en for it in self.items]}
        )

    def wording(self, code, part, lang="zh") -> str:
        it = self.item(code)
        return it.wording.get(part, {}).get(lang) or getattr(it, lang)


def _err(msg, file, key):
    return IsqInstrumentError(msg, file=str(file), key=key)


def _need(mapping, key, file, where, kind=None):
    if not isinstance(mapping, dict) or key not in mapping:
        raise _err(f"the required key is missing (缺少必填项 '{key}').", file, f"{where}{key}" if where else key)
    value = mapping[key]
    if kind is not None and not isinstance(value, kind):
        raise _err(
            f"must be a {kind.__name__ if isinstance(kind, type) else ' or '.join(k.__name__ for k in kind)}, "
            f"got {value!r} (类型不对).", file, f"{where}{key}",
        )
    return value


def _text(d, file, where):
    if not isinstance(d, dict):
        raise _err(f"must be a mapping with zh and en, got {d!r}.", file, where)
    for lang in ("zh", "en"):
        if not isinstance(d.get(lang), str) or not d[lang].strip():
            raise _err(f"needs non-empty '{lang}' text (缺少{'中文' if lang == 'zh' else '英文'}措辞).", file, f"{where}.{lang}")
    return {"zh": d["zh"], "en": d["en"]}


def _parse(raw, file) -> Instrument:
    if not isinstance(raw, dict):
        raise _err("the file must hold a YAML mapping at the top level.", file, "<top>")
    unknown = sorted(set(raw) - _TOP_KEYS)
    if unknown:
        raise _err(f"unknown key (未知的键); allowed keys: {', '.join(sorted(_TOP_KEYS))}.", file, unknown[0])
    name = _need(raw, "name", file, "", str)
    title = _text(_need(raw, "title", file, ""), file, "title")
    layout = raw.get("layout", "long")
    if layout not in _LAYOUTS:
        raise _err(f"must be one of {_LAYOUTS}, got {layout!r}.", file, "layout")

    scales = {}
    for sname, s in (_need(raw, "scales", file, "", dict) or {}).items():
        where = f"scales.{sname}."
        lo, hi = _need(s, "min", file, where, int), _need(s, "max", file, where, int)
        if lo >= hi:
            raise _err(f"min ({lo}) must be below max ({hi}).", file, f"scales.{sname}.max")
        labels = {}
        for code, lab in (s.get("labels") or {}).items():
            if not isinstance(code, int) or not lo <= code <= hi:
                raise _err(f"label code {code!r} is outside the scale {lo}–{hi}.", file, f"scales.{sname}.labels.{code}")
            labels[code] = _text(lab, file, f"scales.{sname}.labels.{code}")
        scales[sname] = Scale(sname, lo, hi, labels)

    dimensions = {d: _text(v, file, f"dimensions.{d}") for d, v in (raw.get("dimensions") or {}).items()}

    parts = {}
    for pname, p in _need(raw, "parts", file, "", dict).items():
        if not isinstance(p, dict):
            raise _err("must be a mapping.", file, f"parts.{pname}")
        sc = p.get("scale")
        if sc is not None and sc not in scales:
            raise _err(f"scale {sc!r} is not defined under scales ({', '.join(scales)}).", file, f"parts.{pname}.scale")
        _text(p, file, f"parts.{pname}")
        parts[pname] = Part(pname, sc, bool(p.get("required", True)), p["zh"], p["en"],
                            tuple(p.get("match") or ()), dict(p.get("stem") or {}))

    fields = {}
    for fname, f in _need(raw, "fields", file, "", dict).items():
        if not isinstance(f, dict):
            raise _err("must be a mapping.", file, f"fields.{fname}")
        _text(f, file, f"fields.{fname}")
        fields[fname] = Field(fname, bool(f.get("required", False)), f["zh"], f["en"], tuple(f.get("match") or ()))
    if "respondent" not in fields:
        raise _err("every instrument needs a 'respondent' field.", file, "fields.respondent")

    if "items_from" in raw:
        src = load_instrument(raw["items_from"]) if raw["items_from"] in BUNDLED_INSTRUMENTS else None
        if src is None:
            raise _err(f"must name a bundled instrument ({', '.join(BUNDLED_INSTRUMENTS)}).", file, "items_from")
        raw_items = [dict(code=i.code, zh=i.zh, en=i.en, dimension=i.dimension) for i in src.items]
    else:
        raw_items = _need(raw, "items", file, "", list)
    if not raw_items:
        raise _err("needs at least one item.", file, "items")
    items, seen = [], set()
    for k, it in enumerate(raw_items):
        where = f"items[{k}]."
        code = str(_need(it, "code", file, where))
        if code in seen:
            raise _err(f"duplicate item code {code!r} (题目代码重复).", file, f"items[{k}].code")
        seen.add(code)
        _text(it, file, f"items[{k}]")
        dim = it.get("dimension")
        if dim is not None and dimensions and dim not in dimensions:
            raise _err(f"dimension {dim!r} is not defined under dimensions ({', '.join(dimensions)}).",
                       file, f"items[{k}].dimension")
        sc = it.get("scale")
        if sc is not None and sc not in scales:
            raise _err(f"scale {sc!r} is not defined under scales ({', '.join(scales)}).", file, f"items[{k}].scale")
        if sc is None and any(p.scale is None for p in parts.values()):
            raise _err("has no scale and its part names none either.", file, f"items[{k}].scale")
        wording = {}
        for pname, w in (it.get("wording") or {}).items():
            if pname not in parts:
                raise _err(f"part {pname!r} is not defined under parts ({', '.join(parts)}).", file,
                           f"items[{k}].wording.{pname}")
            wording[pname] = _text(w, file, f"items[{k}].wording.{pname}")
        items.append(Item(code, it["zh"], it["en"], dim, sc, it.get("column"), wording))

    key = tuple(raw.get("key") or ("respondent",))
    for k in key:
        if k not in fields:
            raise _err(f"names field {k!r}, which is not under fields ({', '.join(fields)}).", file, "key")
    own = raw.get("own_department")
    if own is not None:
        if not (isinstance(own, list) and len(own) == 2 and all(o in fields for o in own)):
            raise _err("must list two fields, e.g. [department, provider].", file, "own_department")
        own = tuple(own)
    total = raw.get("total")
    if total is not None and (not isinstance(total, dict) or total.get("part") not in parts
                              or not isinstance(total.get("value"), (int, float))):
        raise _err("must be {part: <a part>, value: <number>}.", file, "total")
    return Instrument(
        name=name, file=str(file), title=title, layout=layout, item_column=raw.get("item_column", "item"),
        fields=fields, scales=scales, dimensions=dimensions, parts=parts, items=tuple(items), key=key,
        own_department=own, total=total, source=str(raw.get("source", "")),
    )


@lru_cache(maxsize=32)
def _load_path(path: str, mtime: float) -> Instrument:
    bundled = Path(path).parent == INSTRUMENT_DIR
    try:
        size = Path(path).stat().st_size
        if not bundled and size > MAX_YAML_BYTES:
            raise _err(f"is too large ({size:,} bytes; the limit is {MAX_YAML_BYTES:,}) (问卷定义文件过大).", path, "<file>")
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _err(f"cannot be read as UTF-8 text: {exc}.", path, "<file>") from None
    # the bundled files are trusted (fast C loader); a user's file is read with the node limit
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if bundled else limited_yaml_loader(file=str(path))
    try:
        raw = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "<yaml>"
        raise _err(f"is not valid YAML ({getattr(exc, 'problem', exc)}) (YAML 格式错误).", path, where) from None
    return _parse(raw, path)


def load_instrument(name_or_path) -> Instrument:
    """Load and validate a questionnaire definition.

    Parameters
    ----------
    name_or_path : str, Path or Instrument
        A bundled name (``"servqual"``, ``"kano"``, ``"satisfaction"``, ``"importance"``,
        ``"weights"``, ``"peer_ratings"``) or the path of a YAML file of the same form.

    Returns
    -------
    Instrument
        With ``items``, ``dimensions``, ``scales``, ``parts``, ``fields`` and label→code
        maps (``instrument.label_map(item, part)``).

    Raises
    ------
    IsqInstrumentError
        Naming the file and the key when the file has a mistake.

    Examples
    --------
    >>> kano = isq.load_instrument("kano")
    >>> kano.item_codes[:3], kano.label_map("K01", "functional")["理应如此"]
    (['K01', 'K02', 'K03'], 2)
    """
    if isinstance(name_or_path, Instrument):
        return name_or_path
    path = Path(name_or_path)
    if str(name_or_path) in BUNDLED_INSTRUMENTS:
        path = INSTRUMENT_DIR / f"{name_or_path}.yaml"
    elif not path.exists():
        raise IsqInstrumentError(
            f"no such instrument. Use a bundled name ({', '.join(BUNDLED_INSTRUMENTS)}) "
            f"or the path of a YAML file (找不到问卷定义文件).", file=str(name_or_path), key=None)
    return _load_path(str(path), path.stat().st_mtime)
