"""``read_survey``: read a survey export into tidy responses and an import report.

What happens to a problem (the rule, documented once)
-----------------------------------------------------
- **A bad answer excludes only that answer (cell)**: an out-of-range number, a
  non-number, an unknown answer label. The answer becomes missing, the rest of the
  respondent's answers are kept, and the cell is listed in ``report.excluded`` with
  ``scope == "cell"``.
- **A problem with the respondent excludes the whole row**: an empty row, a row with too
  many fields, an incomplete response (LimeSurvey: empty ``submitdate``; Qualtrics:
  ``Finished`` false), a missing respondent ID or other required field, a duplicate
  respondent (same key as an earlier row: the first is kept), a respondent rating their
  own department, a row with no valid answer at all, a 100-point allocation that does not
  add up to 100. Each such row is listed once with ``scope == "row"``.
- **A problem with the file raises** :class:`isq.IsqDataError` naming the file (empty,
  corrupt or truncated, undecodable, a required column missing, no column matching the
  instrument): there is nothing to keep.

So ``report.rows_kept + report.rows_excluded == report.rows_read`` always, where
``rows_excluded`` counts the ``scope == "row"`` entries (one per excluded row; a row is
excluded for its first problem in the order above). The bad answers of an excluded row
are still listed as ``scope == "cell"`` entries, so the report says everything wrong.
Skipped answers (问卷星 ``-3``/``-2`` in the code flavour, ``(跳过)``/``(空)``, empty
cells) are not errors: they are counted in ``report.skipped`` and left out of
``responses`` (an item row is dropped only when all its parts are missing).

``row`` in the report is the row number a person sees in the file: for CSV and Excel
the header is row 1 and the first answer row 2 (Qualtrics: row 4 after its three header
rows; a 问卷星 xlsx with a merged two-row header: row 3; a CSV record whose quoted field
spans lines: the line where it starts); for SPSS the case number. ``strict=True`` raises on the first problem instead
(incomplete responses, a normal part of LimeSurvey/Qualtrics exports, are still only
excluded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .._io import load_yaml
from ..errors import IsqDataError
from .instruments import BUNDLED_INSTRUMENTS, Instrument, load_instrument, normalize_text
from .platforms import ID_COLUMNS, METADATA_COLUMNS, PLATFORMS, detect_platform, qualtrics_header, read_raw
from .platforms import as_text as _as_text

__all__ = ["read_survey", "SurveyImport", "ImportReport", "SKIP_MARKERS", "MULTI_SEPARATOR"]

#: Cell texts meaning "not asked / skipped" (问卷星 text flavour); -3 and -2 in its code flavour.
SKIP_MARKERS = ("(跳过)", "（跳过）", "(空)", "（空）")
WJX_SKIP_CODES = (-3, -2)
#: 问卷星 joins the options of a multi-select answer with this character.
MULTI_SEPARATOR = "┋"

_EXCLUDED_COLUMNS = ["row", "column", "value", "problem", "reason", "scope"]

_REASONS = {
    "not_a_number": ("答案既不是数字也不是已知的选项文字，应为{exp_zh}", "not a number nor a known answer label; expected {exp_en}"),
    "out_of_range": ("答案超出量表范围，应为{exp_zh}", "answer outside the scale; expected {exp_en}"),
    "not_whole": ("答案不是整数，应为{exp_zh}", "not a whole number; expected {exp_en}"),
    "multi_answer": ("单选题出现多个答案（┋），应为{exp_zh}", "several answers (┋) to a single-answer question; expected {exp_en}"),
    "empty_row": ("空行", "empty row"),
    "incomplete": ("未完成的答卷（{why_zh}）", "incomplete response ({why_en})"),
    "missing_field": ("缺少{what_zh}", "missing {what_en}"),
    "own_department": ("受访者评价了自己所在的部门", "the respondent rated their own department"),
    "duplicate": ("重复的答卷：与第 {first} 行的{key_zh}相同，保留第一份", "duplicate response: same {key_en} as row {first}; the first is kept"),
    "no_answers": ("此行没有任何有效答案", "no valid answer in the row"),
    "total": ("分数合计为 {sum:g}，应为 {value:g}", "the points add up to {sum:g}; expected {value:g}"),
}


def _reason(problem, **kw):
    zh, en = _REASONS[problem]
    return f"{zh.format(**kw)} ({en.format(**kw)})"


def _no_exclusions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "row" else object) for c in _EXCLUDED_COLUMNS})


@dataclass
class ImportReport:
    """What happened while importing one file: a survey export (:func:`read_survey`) or a
    tidy table of a data folder (:func:`isq.read_data_folder`). One class for both.

    Attributes
    ----------
    file : str
    platform : str
        The export layout ("wjx", "tencent", ...) or ``"table"`` for a tidy table.
    instrument : str
        The questionnaire the export was read with ('' for a tidy table).
    table : str
        The table the file feeds (``"servqual"``, ``"kano"``, ...; '' when not read).
    rows_read : int
        Answer rows in the file (header rows not counted).
    rows_kept : int
        ``rows_read - rows_excluded``.
    excluded : DataFrame
        ``row, column, value, problem, reason, scope``: one entry per excluded cell
        (``scope == "cell"``: only that answer left out) or excluded row
        (``scope == "row"``); ``row`` is the line/row a person sees in the file;
        ``reason`` in Chinese with the English in parentheses.
    skipped : int
        Answers left blank or marked skipped (not errors).
    encoding : str or None
    columns : DataFrame
        ``column, target, how``: what each column of the file was read as.
    problem : str or None
        Why the file as a whole was not (fully) used, e.g. a required column missing.
    notes : list of str
        What the reader repaired (an empty header named ``列N``, a repeated header
        renamed, a merged two-row header combined, the delimiter found).
    """

    file: str
    platform: str = "table"
    instrument: str = ""
    rows_read: int = 0
    rows_kept: int = 0
    excluded: pd.DataFrame = field(default_factory=_no_exclusions)
    skipped: int = 0
    encoding: str | None = None
    columns: pd.DataFrame = field(default_factory=pd.DataFrame)
    table: str = ""
    problem: str | None = None
    notes: list = field(default_factory=list)

    @property
    def rows_excluded(self) -> int:
        """Rows left out (each has at least one ``scope == "row"`` entry in ``excluded``)."""
        ex = self.excluded
        return int(ex.loc[ex["scope"] == "row", "row"].nunique()) if len(ex) else 0

    @property
    def cells_excluded(self) -> int:
        return int((self.excluded["scope"] == "cell").sum())

    def summary(self, lang="zh") -> str:
        kind = self.platform if self.platform != "table" else (self.table or "table")
        if lang == "zh":
            return (f"{Path(self.file).name}（{kind}）：读取 {self.rows_read} 行，保留 {self.rows_kept} 行，"
                    f"排除 {self.rows_excluded} 行、{self.cells_excluded} 个答案，跳过 {self.skipped} 个答案。")
        return (f"{Path(self.file).name} ({kind}): read {self.rows_read} rows, kept {self.rows_kept}, "
                f"excluded {self.rows_excluded} rows and {self.cells_excluded} answers, {self.skipped} answers skipped.")

    def __repr__(self):
        return f"ImportReport({self.summary('en')})"


@dataclass
class SurveyImport:
    """The result of :func:`read_survey`: ``responses``, ``platform``, ``report``, plus
    ``extra`` (answers to questions outside the instrument, one row per kept file row,
    multi-select answers split into lists), ``value_labels`` (SPSS), ``instrument`` and
    ``keys`` (per kept file row: ``row`` and the instrument's key fields, e.g. respondent,
    provider, wave: what makes a response unique, used to find the same response in two files)."""

    responses: pd.DataFrame
    platform: str
    report: ImportReport
    instrument: Instrument
    extra: pd.DataFrame = field(default_factory=pd.DataFrame)
    value_labels: dict = field(default_factory=dict)
    keys: pd.DataFrame = field(default_factory=pd.DataFrame)

    def __repr__(self):
        return f"SurveyImport(platform={self.platform!r}, responses={len(self.responses)} rows; {self.report.summary('en')})"


# --------------------------------------------------------------------------- mapping


def _load_mapping(mapping, file):
    """dict or YAML/CSV path -> (columns: raw -> target, values: field -> {raw: value}, instrument)."""
    if mapping is None:
        return {}, {}, None
    if isinstance(mapping, dict):
        raw = mapping
    else:
        p = Path(mapping)
        try:
            if p.suffix.lower() == ".csv":
                tab = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
                if list(tab.columns[:2]) != ["column", "target"]:
                    raise IsqDataError("a mapping CSV needs the columns 'column' and 'target' (映射表需要 column 与 target 两列)",
                                       file=str(p))
                raw = {"columns": dict(zip(tab["column"], tab["target"]))}
            else:
                raw = load_yaml(p, default={})
        except IsqDataError:
            raise
        except Exception as exc:
            raise IsqDataError(f"cannot read the mapping file: {type(exc).__name__}: {exc} (无法读取映射文件)", file=str(p)) from None
    if not isinstance(raw, dict):
        raise IsqDataError("a mapping must be a dict with 'columns' (and optional 'values', 'instrument')", file=str(mapping))
    cols = raw.get("columns", {k: v for k, v in raw.items() if k not in ("values", "instrument")})
    return {str(k): str(v) for k, v in cols.items()}, raw.get("values") or {}, raw.get("instrument")


_QNUM = re.compile(r"^\s*(?:第\s*)?(\d+)\s*(?:题)?")
_QUALTRICS_SUB = re.compile(r"^Q?(\w*?\d+)_(\d+)$", re.I)
_LIME_SUB = re.compile(r"^([A-Za-z]\w*)\[(?:[A-Za-z]*?)(\d+)\]$")


class _Matcher:
    """Maps raw columns to instrument fields and (item, part) pairs."""

    def __init__(self, inst: Instrument):
        self.inst = inst
        codes = sorted(inst.item_codes, key=len, reverse=True)
        self.code_re = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, codes)) + r")(?![0-9])", re.I)
        self.code_by_fold = {c.casefold(): c for c in inst.item_codes}
        words = []
        for it in inst.items:
            for lang in ("zh", "en"):
                words.append((normalize_text(getattr(it, lang)), it.code, None))
                for part, w in it.wording.items():
                    words.append((normalize_text(w[lang]), it.code, part))
        self.words = sorted((w for w in words if len(w[0]) >= 4), key=lambda w: len(w[0]), reverse=True)
        parts = list(inst.parts)
        initials = [p[0] for p in parts]
        self.part_tokens = {}
        for p, part in inst.parts.items():
            toks = {normalize_text(p), normalize_text(part.zh), normalize_text(part.en)}
            if initials.count(p[0]) == 1:
                toks.add(p[0])
            self.part_tokens[p] = toks
        self.part_keywords = [(p, [normalize_text(k) for k in (part.match or ()) + (part.zh, part.en)])
                              for p, part in reversed(list(inst.parts.items()))]
        self.field_tokens = [(f, {normalize_text(f), normalize_text(fd.zh), normalize_text(fd.en)},
                              [normalize_text(k) for k in fd.match]) for f, fd in inst.fields.items()]

    def part_from_text(self, norm):
        if len(self.inst.parts) == 1:
            return next(iter(self.inst.parts))
        for p, kws in self.part_keywords:
            if any(k and k in norm for k in kws):
                return p
        return None

    def item(self, texts):
        """-> (code, part or None, how) or None."""
        for t in texts:
            m = self.code_re.search(t)
            if m:
                code = self.code_by_fold[m.group(1).casefold()]
                rest = normalize_text(t[: m.start()] + " " + t[m.end():])
                if len(self.inst.parts) == 1:
                    return code, next(iter(self.inst.parts)), "code"
                for p, toks in self.part_tokens.items():
                    if rest in toks:
                        return code, p, "code"
                return code, self.part_from_text(rest) if rest else None, "code"
        for t in texts:
            norm = normalize_text(t)
            for w, code, part in self.words:
                if w in norm:
                    if part is None:
                        part = self.part_from_text(norm.replace(w, " "))
                    return code, part, "text"
        return None

    def field(self, texts, taken):
        for t in texts:
            norm = normalize_text(t)
            norm_q = normalize_text(_QNUM.sub("", t))
            for f, exact, kws in self.field_tokens:
                if f in taken:
                    continue
                if norm in exact or norm_q in exact or any(k and k in norm for k in kws):
                    return f
        return None


def _group_of(col):
    m = _QUALTRICS_SUB.match(col) or _LIME_SUB.match(col)
    if m:
        return m.group(1), int(m.group(2))
    m = _QNUM.match(col)
    return (m.group(1), None) if m else (None, None)


def _map_columns(raw_cols, texts, inst, platform, mapping_cols, file=None):
    """-> dict col -> (kind, target...) and a DataFrame describing every column."""
    matcher = _Matcher(inst)
    meta = METADATA_COLUMNS.get(platform, set())
    out, how, pending = {}, {}, []
    claimed = {}
    for col in raw_cols:
        if col in mapping_cols:
            tgt = mapping_cols[col]
            if tgt in inst.fields:
                out[col] = ("field", tgt)
            elif tgt.lower() in ("ignore", "-", ""):
                out[col] = ("ignore",)
            else:
                code, _, part = tgt.replace(":", ".").partition(".")
                if code not in inst.item_codes or (part and part not in inst.parts) or (not part and len(inst.parts) > 1):
                    raise IsqDataError(
                        f"the mapping sends column {col!r} to {tgt!r}, which is not a field ({', '.join(inst.fields)}) "
                        f"nor 'ITEM.part' of instrument {inst.name!r} (映射目标不存在)", file=file, column=col)
                out[col] = ("item", code, part or next(iter(inst.parts)))
            how[col] = "mapping"
    for col in raw_cols:
        if col in out or col in meta:
            continue
        cands = [col] + [t for t in (texts.get(col),) if t]
        hit = matcher.item(cands)
        group, index = _group_of(col)
        if hit is None and index is not None and 1 <= index <= len(inst.items):
            hit = (inst.items[index - 1].code, None, "number")
        if hit is None:
            continue
        code, part, h = hit
        if part is None:
            pending.append((col, code, group if group is not None else col, h))
        else:
            out[col], how[col] = ("item", code, part), h
    used_parts = {v[2] for v in out.values() if v[0] == "item"}
    free = [p for p in inst.parts if p not in used_parts]
    groups = list(dict.fromkeys(g for _, _, g, _ in pending))
    for col, code, g, h in pending:
        k = groups.index(g)
        if k < len(free):
            out[col], how[col] = ("item", code, free[k]), f"{h}, part by question order"
    # one column per (item, part): later duplicates are reported, not used
    for col in raw_cols:
        v = out.get(col)
        if v and v[0] == "item":
            if (v[1], v[2]) in claimed:
                out[col], how[col] = ("ignore",), f"duplicate of column {claimed[(v[1], v[2])]!r}"
            else:
                claimed[(v[1], v[2])] = col
    taken = {v[1] for v in out.values() if v[0] == "field"}
    for col in raw_cols:
        if col in out or col in meta:
            continue
        f = matcher.field([col] + [t for t in (texts.get(col),) if t], taken)
        if f is not None:
            out[col], how[col] = ("field", f), "field"
            taken.add(f)
    rows = []
    for col in raw_cols:
        v = out.get(col)
        if v is None:
            rows.append((col, "metadata" if col in meta else "extra", "not an instrument question" if col not in meta else "platform metadata"))
        elif v[0] == "ignore":
            rows.append((col, "ignored", how.get(col, "")))
        elif v[0] == "field":
            rows.append((col, v[1], how.get(col, "field")))
        else:
            rows.append((col, f"{v[1]}.{v[2]}", how.get(col, "")))
    return out, pd.DataFrame(rows, columns=["column", "target", "how"])


# --------------------------------------------------------------------------- values


def _convert_answers(values, scale, wjx):
    """Vectorised over unique values -> (float values, status). status: '' ok, 'skip', or a problem."""
    ser = pd.Series(values, dtype=object)
    codes, uniq = pd.factorize(ser, use_na_sentinel=True)
    lab = scale.label_to_code
    vals, stat = [], []
    for v in uniq:
        num = None
        if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            num = float(v)
            if np.isnan(num):
                vals.append(np.nan), stat.append("skip")
                continue
        else:
            s = str(v).strip()
            if s == "" or s in SKIP_MARKERS or s.lower() in ("nan", "na", "n/a"):
                vals.append(np.nan), stat.append("skip")
                continue
            try:
                num = float(s)
            except ValueError:
                code = lab.get(normalize_text(s))
                if code is not None:
                    vals.append(float(code)), stat.append("")
                elif MULTI_SEPARATOR in s:
                    vals.append(np.nan), stat.append("multi_answer")
                else:
                    vals.append(np.nan), stat.append("not_a_number")
                continue
        if wjx and num in WJX_SKIP_CODES:
            vals.append(np.nan), stat.append("skip")
        elif not np.isfinite(num) or num != int(num):
            vals.append(np.nan), stat.append("not_whole")
        elif not scale.min <= num <= scale.max:
            vals.append(np.nan), stat.append("out_of_range")
        else:
            vals.append(num), stat.append("")
    vals.append(np.nan), stat.append("skip")
    return np.asarray(vals, dtype=float)[codes], np.asarray(stat, dtype=object)[codes]


def _empty_rows(arr, colmap, n):
    """Rows with no value in any cell (vectorised per column over unique values)."""
    empty = np.ones(n, dtype=bool)
    for c, v in arr.items():
        codes, uniq = pd.factorize(pd.Series(v, dtype=object), use_na_sentinel=True)
        blank = np.asarray([isinstance(u, str) and not u.strip() for u in uniq] + [True], dtype=bool)
        empty &= blank[codes]
        if not empty.any():
            break
    return empty


def _entries(rows, column, values, problem, reasons, scope):
    n = len(rows)
    return pd.DataFrame({
        "row": np.asarray(rows, dtype=np.int64), "column": np.full(n, column, dtype=object),
        "value": np.asarray(values, dtype=object), "problem": np.full(n, problem, dtype=object),
        "reason": np.asarray(reasons, dtype=object) if not isinstance(reasons, str) else np.full(n, reasons, dtype=object),
        "scope": np.full(n, scope, dtype=object),
    })


def _pick_instrument(instrument, raw_cols, texts, platform, mapping_cols, mapping_inst, file):
    if instrument is not None or mapping_inst is not None:
        try:
            return load_instrument(instrument if instrument is not None else mapping_inst)
        except IsqDataError:
            raise
    best, best_n = None, 0
    for name in BUNDLED_INSTRUMENTS:
        inst = load_instrument(name)
        try:
            cols, _ = _map_columns(raw_cols, texts, inst, platform, {})
        except IsqDataError:
            continue
        n = sum(1 for v in cols.values() if v[0] == "item")
        if n > best_n:
            best, best_n = inst, n
    if best is None:
        raise IsqDataError(
            "没有任何列能对应到问卷题目；请用 instrument= 指定问卷，或用 mapping= 给出列与题目的对应 "
            f"(no column matches the items of any bundled instrument ({', '.join(BUNDLED_INSTRUMENTS)}); "
            "pass instrument= or a mapping= file)", file=str(file))
    return best


# --------------------------------------------------------------------------- main


def read_survey(path, *, platform="auto", instrument=None, strict=False, mapping=None) -> SurveyImport:
    """Read a survey export into tidy responses and an import report.

    Parameters
    ----------
    path : str or Path
        A CSV or text export (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16 as Excel's "Unicode
        text"; comma, semicolon or tab separated), XLSX (merged 问卷星/腾讯问卷 headers
        combined), legacy XLS or SPSS .sav file.
    platform : {"auto", "wjx", "tencent", "qualtrics", "limesurvey", "csv", "excel", "spss"}
        The layout; "auto" recognises 问卷星, 腾讯问卷, Qualtrics and LimeSurvey by their columns.
    instrument : str, Path or Instrument, optional
        The questionnaire (see :func:`isq.load_instrument`); by default the bundled
        instrument whose items match the most columns.
    strict : bool
        Raise :class:`isq.IsqDataError` on the first problem instead of excluding it.
    mapping : dict, or path of a YAML/CSV file, optional
        ``{"columns": {raw column: "respondent" | "SQ01.expectation" | "ignore"},
        "values": {field: {raw: value}}, "instrument": name}``; a CSV has the columns
        ``column, target``. Overrides the automatic matching by question number and text.

    Returns
    -------
    SurveyImport
        ``.responses`` (long: the instrument's fields, then ``item`` (Kano: ``feature``),
        ``dimension`` and one column per part, e.g. ``expectation, perception``; wide
        instruments such as ``satisfaction`` give one column per item), ``.platform``,
        ``.report`` (:class:`ImportReport`), ``.extra``, ``.value_labels``.

    Notes
    -----
    A bad answer excludes that answer only; a bad respondent (duplicate, own department,
    incomplete, missing ID, ...) excludes the row; a bad file raises. Always
    ``rows_kept + rows_excluded == rows_read``. See the module docstring.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "ratings.csv"
    >>> _ = f.write_text("respondent,department,provider,PR1,PR2,PR3,PR4\\n"
    ...                  "R1,SAL,IT,5,4,很好,3\\nR2,IT,IT,4,4,4,4\\nR3,HR,IT,9,3,3,3\\n", encoding="utf-8")
    >>> res = isq.read_survey(f, instrument="peer_ratings")
    >>> res.platform, res.report.rows_read, res.report.rows_kept
    ('csv', 3, 2)
    >>> res.report.excluded[["row", "column", "value", "problem"]]
       row      column value         problem
    0    3    provider    IT  own_department
    1    4         PR1     9    out_of_range
    >>> res.responses.query("respondent == 'R1'")["score"].tolist()
    [5.0, 4.0, 5.0, 3.0]
    """
    file = str(path)
    if platform not in ("auto",) + PLATFORMS:
        raise IsqDataError(f"`platform` must be 'auto' or one of {', '.join(PLATFORMS)}; got {platform!r}", file=file)
    mapping_cols, mapping_values, mapping_inst = _load_mapping(mapping, file)
    raw = read_raw(path)
    plat = detect_platform(raw) if platform == "auto" else platform
    texts = {}
    if plat == "qualtrics":
        texts = qualtrics_header(raw)
    texts.update({c: lab for c, lab in raw.column_labels.items()})
    frame, file_rows = raw.frame, np.asarray(raw.rows, dtype=np.int64)
    raw_cols = list(frame.columns)
    inst = _pick_instrument(instrument, raw_cols, texts, plat, mapping_cols, mapping_inst, file)
    colmap, columns_df = _map_columns(raw_cols, texts, inst, plat, mapping_cols, file)

    field_col = {v[1]: c for c, v in colmap.items() if v[0] == "field"}
    id_col = ID_COLUMNS.get(plat)
    if "respondent" not in field_col and id_col in raw_cols:
        field_col["respondent"] = id_col
        columns_df.loc[columns_df["column"] == id_col, ["target", "how"]] = ["respondent", "platform response ID"]
    item_cols = {(v[1], v[2]): c for c, v in colmap.items() if v[0] == "item"}
    missing = [f for f, fd in inst.fields.items() if fd.required and f not in field_col]
    parts_present = [p for p in inst.parts if any(k[1] == p for k in item_cols)]
    missing_parts = [p for p in inst.parts_required if p not in parts_present]
    if missing or missing_parts or not item_cols:
        what = [f"{inst.fields[f].zh} ({f})" for f in missing] + [f"{inst.parts[p].zh} ({p})" for p in missing_parts]
        raise IsqDataError(
            f"缺少必需的列：{'、'.join(what) or '问卷题目'}；文件中的列：{', '.join(raw_cols[:25])} "
            f"(missing required columns for instrument {inst.name!r}: {', '.join(missing + missing_parts) or 'items'}; "
            "rename the columns or pass mapping=)", file=file)

    n = len(frame)
    arr = {c: frame[c].to_numpy(dtype=object) for c in raw_cols}
    pieces = []
    row_bad = np.zeros(n, dtype=bool)

    def exclude_rows(mask, column, values, problem, reason):
        nonlocal row_bad
        mask = mask & ~row_bad
        if mask.any():
            vals = np.asarray(values, dtype=object)[mask] if np.ndim(values) else np.full(mask.sum(), values, dtype=object)
            reasons = reason[mask] if isinstance(reason, np.ndarray) else reason
            pieces.append(_entries(file_rows[mask], column, vals, problem, reasons, "row"))
            row_bad |= mask

    # rows the reader already found broken, empty rows, incomplete responses
    if raw.bad_rows:
        pos = {r: i for i, r in enumerate(file_rows)}
        for r, (val, zh, en) in raw.bad_rows.items():
            if r in pos:
                m = np.zeros(n, dtype=bool)
                m[pos[r]] = True
                exclude_rows(m, "", val, "malformed", f"{zh} ({en})")
    exclude_rows(_empty_rows(arr, colmap, n), "", "", "empty_row", _reason("empty_row"))
    if plat == "limesurvey":
        sub = "submitdate" if "submitdate" in arr else ("Date submitted" if "Date submitted" in arr else None)
        if sub:
            exclude_rows(_as_text(arr[sub]) == "", sub, "", "incomplete", _reason("incomplete", why_zh="submitdate 为空", why_en="empty submitdate"))
    if plat == "qualtrics" and "Finished" in arr:
        fin = _as_text(arr["Finished"])
        exclude_rows(np.isin(fin, ["0", "False", "FALSE", "false"]), "Finished", fin, "incomplete",
                     _reason("incomplete", why_zh="Finished = False", why_en="Finished = False"))

    # fields
    fields = {}
    for f, c in field_col.items():
        t = _as_text(arr[c])
        if f in mapping_values:
            vm = {str(k): str(v) for k, v in mapping_values[f].items()}
            t = np.asarray([vm.get(x, x) for x in t], dtype=object) if len(vm) else t
        fields[f] = t
    for f, fd in inst.fields.items():
        if fd.required and f in fields:
            what_zh, what_en = fd.zh, f"{fd.en} ({f})"
            exclude_rows(fields[f] == "", field_col[f], "", "missing_field",
                         _reason("missing_field", what_zh=what_zh, what_en=what_en))

    # answers (cell level)
    values, statuses = {}, {}
    skipped = 0
    for (code, part), c in item_cols.items():
        scale = inst.scale_for(code, part)
        vals, stat = _convert_answers(arr[c], scale, plat == "wjx")
        values[(code, part)], statuses[(code, part)] = vals, stat
        skipped += int((stat == "skip").sum())
        bad = (stat != "") & (stat != "skip")
        if bad.any():
            exp_zh = f" {scale.min}–{scale.max} 的整数或选项文字"
            exp_en = scale.describe()
            probs = stat[bad]
            reasons = np.asarray([_reason(p, exp_zh=exp_zh, exp_en=exp_en) for p in probs], dtype=object)
            piece = _entries(file_rows[bad], c, _as_text(arr[c][bad]), "", reasons, "cell")
            piece["problem"] = probs
            pieces.append(piece)

    # respondent-level checks
    if inst.own_department and all(f in fields for f in inst.own_department):
        a, b = (fields[f] for f in inst.own_department)
        exclude_rows((a == b) & (a != ""), field_col[inst.own_department[1]], b, "own_department", _reason("own_department"))
    key = [k for k in inst.key if k in fields]
    if key:
        kf = pd.DataFrame({k: fields[k] for k in key})
        live = ~row_bad
        dup = np.zeros(n, dtype=bool)
        first_row = np.zeros(n, dtype=np.int64)
        sub = kf[live]
        d = sub.duplicated(keep="first").to_numpy()
        if d.any():
            idx = np.flatnonzero(live)
            dup[idx[d]] = True
            firsts = sub.reset_index(drop=True).groupby(key, sort=False).ngroup().to_numpy()
            first_pos = pd.Series(np.arange(len(firsts))).groupby(firsts).transform("min").to_numpy()
            first_row[idx] = file_rows[idx[first_pos]]
            key_zh = "、".join(inst.fields[k].zh for k in key)
            key_en = ", ".join(key)
            reasons = np.asarray([_reason("duplicate", first=fr, key_zh=key_zh, key_en=key_en) for fr in first_row], dtype=object)
            exclude_rows(dup, field_col[key[0]], fields[key[0]], "duplicate", reasons)
    answered = np.zeros(n, dtype=bool)
    for stat in statuses.values():
        answered |= stat == ""
    exclude_rows(~answered, "", "", "no_answers", _reason("no_answers"))
    if inst.total:
        tp, tv = inst.total["part"], float(inst.total["value"])
        tot = np.zeros(n)
        for (code, part), vals in values.items():
            if part == tp:
                tot += np.nan_to_num(vals)
        bad_tot = np.abs(tot - tv) > 1e-9
        reasons = np.asarray([_reason("total", sum=s, value=tv) for s in tot], dtype=object)
        exclude_rows(bad_tot, "", tot, "total", reasons)

    excluded = pd.concat(pieces, ignore_index=True) if pieces else _entries([], "", [], "", [], "row")
    if len(excluded):
        excluded = excluded.sort_values(["row", "scope"], kind="stable", ascending=[True, False]).reset_index(drop=True)
    excluded = excluded[_EXCLUDED_COLUMNS]
    excluded["value"] = excluded["value"].astype(object)

    if strict:
        hard = excluded[excluded["problem"] != "incomplete"]
        if len(hard):
            e = hard.iloc[0]
            raise IsqDataError(e["reason"], file=file, row=int(e["row"]), column=e["column"] or None,
                               value=e["value"] if e["value"] != "" else None)

    keep = ~row_bad
    responses = _tidy(inst, fields, values, keep, parts_present)
    extra_cols = columns_df.loc[columns_df["target"] == "extra", "column"].tolist()
    extra = pd.DataFrame({"respondent": fields["respondent"][keep]})
    for c in extra_cols:
        t = _as_text(arr[c][keep])
        extra[c] = [x.split(MULTI_SEPARATOR) if MULTI_SEPARATOR in x else x for x in t] if any(
            MULTI_SEPARATOR in x for x in t) else t
    report = ImportReport(file=file, platform=plat, instrument=inst.name, rows_read=n, rows_kept=int(keep.sum()),
                          excluded=excluded, skipped=skipped, encoding=raw.encoding, columns=columns_df,
                          table=inst.name, notes=list(raw.notes))
    keys = pd.DataFrame({"row": file_rows[keep], **{k: fields[k][keep] for k in inst.key if k in fields}})
    return SurveyImport(responses, plat, report, inst, extra, raw.value_labels, keys)


def _tidy(inst, fields, values, keep, parts_present):
    order = ["respondent"] + list(inst.own_department or ()) + list(inst.fields)
    field_names = [f for f in dict.fromkeys(order) if f in fields]
    nk = int(keep.sum())
    if inst.layout == "wide":
        out = {f: fields[f][keep] for f in field_names}
        part = next(iter(inst.parts))
        for it in inst.items:
            if (it.code, part) in values:
                out[it.column or it.code] = values[(it.code, part)][keep]
        df = pd.DataFrame(out)
        for f in field_names:
            df[f] = df[f].astype("str")
        return df
    codes = [it.code for it in inst.items if any((it.code, p) in values for p in parts_present)]
    k = len(codes)
    out = {f: np.repeat(fields[f][keep], k) for f in field_names}
    out[inst.item_column] = np.tile(np.asarray(codes, dtype=object), nk)
    if inst.dimensions and inst.item_column != "dimension":
        dims = inst.dimension_of
        out["dimension"] = np.tile(np.asarray([dims[c] for c in codes], dtype=object), nk)
    have = np.zeros(nk * k, dtype=bool)
    for p in parts_present:
        mat = np.full((nk, k), np.nan)
        for j, c in enumerate(codes):
            if (c, p) in values:
                mat[:, j] = values[(c, p)][keep]
        flat = mat.ravel()
        out[p] = flat
        have |= ~np.isnan(flat)
    df = pd.DataFrame(out)[have].reset_index(drop=True)
    for f in field_names + [inst.item_column] + (["dimension"] if "dimension" in df and inst.item_column != "dimension" else []):
        df[f] = df[f].astype("str")
    return df
