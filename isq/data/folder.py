"""Read and validate a data folder of tidy tables (the demo company's layout).

``read_data_folder("data")`` reads every known table (``<name>.csv`` or ``.xlsx``), checks
required columns and value ranges, and keeps an exact account: for each file the rows read,
kept and excluded, and for each excluded row the row number as a person sees it in the file
(the header is line 1), the column, the value and the reason. Nothing is dropped silently:
``rows_kept + rows_excluded == rows_read`` for every file. Every file goes through the one
reader of isq (:func:`isq.data.platforms.read_raw`: encodings, delimiters, broken quotes,
merged headers, bounded Excel reads), so a tidy table and a survey export are read alike.

What happens to each file of the folder (nothing is ignored silently):

- ``<table>.csv`` / ``.xlsx`` / ``.xls`` with a known table name (``TABLE_SPECS``): read and
  validated. Two files for one table (``servqual.csv`` and ``servqual.xlsx``) raise an
  :class:`isq.IsqDataError` naming both: isq cannot know which one is meant, and counting
  both would count the respondents twice.
- any other table file (``.csv``, ``.tsv``, ``.txt``, ``.xlsx``, ``.xls``, ``.sav``): read as a
  survey export with :func:`isq.read_survey` and added to the table of its instrument
  (``servqual``, ``kano``, ``satisfaction``, ...) unless a tidy file already gives that
  table; then it is listed as not read, with the reason. An export that cannot be read is
  listed with the error (the run goes on with the other files). A response that an earlier
  export already gave (same respondent, provider and wave: the instrument's ``key``) is
  excluded and listed with the file and row it repeats, so the same survey saved twice
  counts once.
- anything else (``README.md``, ``*.yaml``, folders): listed in ``DataFolder.not_read``
  with the reason (YAML files are read by the workshop and strategy modules). Names
  starting with ``.`` (system files) are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import IsqDataError
from .platforms import as_text, read_raw
from .survey import ImportReport

__all__ = ["read_data_folder", "demo_folder", "open_data", "DataFolder", "TABLE_SPECS", "TABLE_SUFFIXES",
           "EXPORT_SUFFIXES"]

_LIKERT7 = ("num", 1, 7)
#: Known tables: required columns, and the range of each numeric column.
TABLE_SPECS = {
    "departments": {"department": ("str",), "name_zh": ("str",), "headcount": ("num", 0, 1e6)},
    "respondents": {"respondent": ("str",), "department": ("str",)},
    "servqual": {"respondent": ("str",), "department": ("str",), "provider": ("str",), "wave": ("str",),
                 "item": ("str",), "dimension": ("str",), "expectation": _LIKERT7, "perception": _LIKERT7},
    "servqual_estimates": {"respondent": ("str",), "provider": ("str",), "item": ("str",),
                           "dimension": ("str",), "estimated_expectation": _LIKERT7},
    "weights": {"respondent": ("str",), "dimension": ("str",), "points": ("num", 0, 100)},
    "ipa": {"respondent": ("str",), "provider": ("str",), "attribute": ("str",),
            "importance": _LIKERT7, "performance": _LIKERT7},
    "kano": {"respondent": ("str",), "department": ("str",), "feature": ("str",),
             "functional": ("num", 1, 5), "dysfunctional": ("num", 1, 5)},
    "kano_features": {"feature": ("str",), "name_zh": ("str",)},
    "satisfaction": {"respondent": ("str",), "department": ("str",), "provider": ("str",), "wave": ("str",),
                     "nps": ("num", 0, 10), "csat": ("num", 1, 5), "ces": ("num", 1, 7)},
    "peer_ratings": {"respondent": ("str",), "rater_department": ("str",), "provider": ("str",),
                     "item": ("str",), "score": ("num", 1, 5)},
    "self_ratings": {"respondent": ("str",), "department": ("str",), "item": ("str",), "score": ("num", 1, 5)},
    "journey": {"journey": ("str",), "version": ("str",), "stage": ("str",), "touchpoint": ("str",),
                "order": ("num", 0, 1e6), "score": ("num", -3, 3)},
    "complaints": {"month": ("str",), "department": ("str",), "category": ("str",)},
    "requests": {"month": ("str",), "department": ("str",), "requests": ("num", 0, 1e9)},
    "ideas": {"idea": ("str",), "title_zh": ("str",), "votes": ("num", 0, 1e6)},
    "training": {"respondent": ("str",), "department": ("str",), "pre_score": ("num", 0, 100),
                 "post_score": ("num", 0, 100)},
    # gaps 2-4 of the 5-GAP model (isq.gap_model's standards, delivery, promises) and tracking
    "standards": {"standard_id": ("str",), "provider": ("str",), "dimension": ("str",), "standard": _LIKERT7},
    "delivery": {"provider": ("str",), "dimension": ("str",), "delivered": _LIKERT7},
    "promises": {"provider": ("str",), "dimension": ("str",), "promised": _LIKERT7},
    "commitment_tracking": {"month": ("str",), "provider": ("str",), "requests": ("num", 0, 1e9),
                            "on_time": ("num", 0, 1e9)},
    # classroom tools of modules 13-16 (isq/data/_demo_tools.py): read like the others, so a
    # client folder can carry its own and the report's appendix does not call them "not read"
    "process_steps": {"process": ("str",), "step_order": ("num", 0, 1e6), "step": ("str",),
                      "provider": ("str",), "internal_customer": ("str",), "score": ("num", -3, 3)},
    "hall_checks": {"hall": ("str",), "item": ("str",), "group": ("str",), "mark": ("num", 0, 2)},
    "execution_followup": {"action": ("str",), "hall": ("str",), "stage": ("str",)},
    "five_star": {"message": ("str",), "point": ("str",), "score": ("num", 1, 5)},
    "logical_levels": {"team": ("str",), "level": ("str",), "score": ("num", 1, 5)},
    "value_loop": {"team": ("str",), "source": ("str",), "target": ("str",), "sign": ("num", -1, 1)},
}
#: Columns read as text whatever they look like (IDs keep their leading zeros).
_TEXT_COLUMNS = {"respondent", "department", "provider", "rater_department", "item", "feature", "idea",
                 "complaint_id", "participant", "month", "wave",
                 "standard_id", "check_id", "commitment_id"}
_NULLABLE = {"expectation", "perception", "adequate", "functional", "dysfunctional", "importance",
             "performance", "nps", "csat", "ces", "score"}


#: Suffixes of tidy tables; other table files are read as survey exports.
TABLE_SUFFIXES = (".csv", ".xlsx", ".xls")
EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".sav", ".zsav")
#: Cell texts read as missing in a tidy table (pandas' defaults for ``read_csv``).
_NA_TEXTS = frozenset({"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
                       "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"})
_BOOL_TEXTS = {"True": True, "False": False, "TRUE": True, "FALSE": False, "true": True, "false": False}

#: The merged report class (kept as an alias of :class:`isq.ImportReport` for older code).
FileReport = ImportReport


def _entries(rows, column, values, problem, reason, scope="row"):
    rows = np.asarray(rows, dtype=np.int64)
    n = len(rows)
    return pd.DataFrame({"row": rows, "column": np.full(n, column, dtype=object),
                         "value": np.asarray(values, dtype=object) if np.ndim(values) else np.full(n, values, dtype=object),
                         "problem": np.full(n, problem, dtype=object), "reason": np.full(n, reason, dtype=object),
                         "scope": np.full(n, scope, dtype=object)})


def _typed_column(name, values):
    """Raw cells -> a typed column, as ``pandas.read_csv`` would infer it: identifiers as
    text (leading zeros kept), else numbers, else True/False, else text."""
    t = as_text(values)
    miss = np.isin(t, list(_NA_TEXTS))
    if name in _TEXT_COLUMNS:
        out = t.copy()
        out[t == ""] = None
        return pd.array(out, dtype="string")
    obj = t.astype(object)
    obj[miss] = np.nan
    ser = pd.Series(obj, dtype=object)
    try:
        return pd.to_numeric(ser)
    except (ValueError, TypeError):
        pass
    live = ~miss
    if live.any() and all(x in _BOOL_TEXTS for x in t[live]):
        if miss.any():
            return pd.array([_BOOL_TEXTS[x] if m else None for x, m in zip(t, live)], dtype="boolean")
        return pd.Series([_BOOL_TEXTS[x] for x in t], dtype=bool)
    return ser.astype("str")


def _read_table(path: Path):
    """A tidy table through the one reader: (typed frame, file rows, RawTable)."""
    raw = read_raw(path)
    frame = pd.DataFrame({c: _typed_column(c, raw.frame[c].to_numpy(dtype=object)) for c in raw.frame.columns})
    frame.index = pd.RangeIndex(len(frame))
    return frame, np.asarray(raw.rows, dtype=np.int64), raw


def _validate_table(name: str, df: pd.DataFrame, path: Path, *, header_rows=1, rows=None, raw=None):
    spec = TABLE_SPECS[name]
    rep = ImportReport(str(path), table=name, rows_read=len(df), encoding=getattr(raw, "encoding", None),
                       notes=list(getattr(raw, "notes", []) or []))
    file_rows = np.arange(len(df)) + header_rows + 1 if rows is None else np.asarray(rows, dtype=np.int64)
    rows = pd.Series(file_rows, index=df.index)
    missing = [c for c in spec if c not in df.columns]
    if missing:
        rep.problem = (f"missing required column(s) {missing}; found {list(df.columns)[:20]} "
                       f"(缺少必需的列)")
        rep.excluded = _entries(rows.to_numpy(), ", ".join(missing), None, "missing_column",
                                "missing required column 缺少必需列")
        return df.iloc[0:0], rep
    problems = []
    broken = pd.Series(False, index=df.index)
    for r, (val, zh, en) in (getattr(raw, "bad_rows", None) or {}).items():
        hit = rows == r
        if hit.any():
            problems.append(_entries([r], "", val, "malformed", f"{zh} ({en})"))
            broken |= hit
    blank = pd.Series(True, index=df.index)
    for c in df.columns:
        blank &= df[c].isna().to_numpy()
    blank &= ~broken
    if blank.any():
        problems.append(_entries(rows[blank], "", "", "empty_row", "empty row 空行"))
    skip = broken | blank
    for col, rule in spec.items():
        s = df[col]
        if rule[0] == "str":
            bad = (s.isna() | (s.astype("string").str.strip() == "")).fillna(True) & ~skip
            if bad.any():
                problems.append(_entries(rows[bad], col, s[bad].astype(object), "missing_field",
                                         "empty value where an identifier is required 缺少标识值"))
            continue
        _, low, high = rule
        num = pd.to_numeric(s, errors="coerce")
        nonnum = s.notna() & num.isna() & ~skip
        out = num.notna() & ((num < low) | (num > high)) & ~skip
        missing_ok = col in _NULLABLE
        empty = s.isna() & (not missing_ok) & ~skip
        for mask, problem, reason in (
            (nonnum, "not_a_number", f"not a number; expected {low:g}–{high:g} 非数值"),
            (out, "out_of_range", f"out of range; expected {low:g}–{high:g} 超出取值范围"),
            (empty, "missing_field", "empty value 缺少取值"),
        ):
            if mask.any():
                problems.append(_entries(rows[mask], col, s[mask].astype(object), problem, reason))
        df = df.assign(**{col: num})
    if problems:
        rep.excluded = pd.concat(problems, ignore_index=True).sort_values(["row", "column"], kind="stable") \
            .reset_index(drop=True)
        keep = ~rows.isin(set(rep.excluded["row"]))
        df = df[keep.to_numpy()]
    rep.rows_kept = len(df)
    return df.reset_index(drop=True), rep


@dataclass
class DataFolder:
    """Validated tables of a client (or the demo company) plus the import account."""

    source: str
    tables: dict
    reports: list
    #: files of the folder that are not tables (README.md, *.yaml, folders): ``(file, reason)``
    not_read: list = field(default_factory=list)

    def __getitem__(self, name) -> pd.DataFrame:
        if name not in self.tables:
            from ..errors import IsqError

            raise IsqError(f"no table {name!r} in {self.source}; available: {sorted(self.tables)}")
        return self.tables[name].copy()

    def __contains__(self, name):
        return name in self.tables

    def __iter__(self):
        return iter(self.tables)

    def summary(self) -> dict:
        return {
            "source": self.source,
            "files": [
                {"file": r.file, "table": r.table, "rows_read": r.rows_read, "rows_kept": r.rows_kept,
                 "rows_excluded": r.rows_read - r.rows_kept, "problem": r.problem}
                for r in self.reports
            ],
            # what the readers repaired (an empty header named 列N, a merged header combined, ...)
            "notes": [{"file": r.file, "note": note} for r in self.reports for note in r.notes],
            # files of the folder that are not tables (README.md, *.yaml, folders), with the reason
            "not_read": [{"file": f, "reason": why} for f, why in self.not_read],
        }

    def excluded(self) -> pd.DataFrame:
        """Every excluded value across files: file, table, row, column, value, reason."""
        parts = [r.excluded.assign(file=Path(r.file).name, table=r.table) for r in self.reports if len(r.excluded)]
        cols = ["file", "table", "row", "column", "value", "reason"]
        return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)

    def summary_text(self, lang="zh") -> str:
        zh = lang == "zh"
        lines = [("数据检查" if zh else "Input validation") + f": {self.source}"]
        for r in self.reports:
            lines.append(f"  {Path(r.file).name:<28} {'读取' if zh else 'read'} {r.rows_read:>7}  "
                         f"{'保留' if zh else 'kept'} {r.rows_kept:>7}  {'排除' if zh else 'excluded'} "
                         f"{r.rows_read - r.rows_kept:>5}" + (f"  ⚠ {r.problem}" if r.problem else ""))
            for note in r.notes:
                lines.append(f"      {'说明' if zh else 'note'}: {note}")
        for f, why in self.not_read:
            lines.append(f"  {Path(f).name:<28} {'未读取' if zh else 'not read'}: {why}")
        return "\n".join(lines)

    def department_sizes(self) -> dict:
        """Respondents per department as rated provider (servqual), else per own department."""
        sq = self.tables.get("servqual")
        if sq is not None and len(sq):
            sizes = sq.groupby("provider")["respondent"].nunique()
        elif "respondents" in self.tables:
            sizes = self.tables["respondents"].groupby("department")["respondent"].nunique()
        else:
            return {}
        depts = self.tables.get("departments")
        if depts is not None:
            sizes = sizes.reindex(depts["department"].astype(str), fill_value=0)
        return {str(k): int(v) for k, v in sizes.items()}

    def department_labels(self, lang="zh") -> dict:
        d = self.tables.get("departments")
        if d is None:
            return {}
        col = "name_zh" if lang == "zh" or "name_en" not in d else "name_en"
        return dict(zip(d["department"].astype(str), d[col].astype(str)))


def read_data_folder(data="data", *, min_group_size=5) -> DataFolder:
    """Read and validate a data folder (or a list of files); see the module docstring.

    Examples
    --------
    >>> folder = isq.read_data_folder("data")          # doctest: +SKIP
    >>> print(folder.summary_text())                    # doctest: +SKIP
    """
    paths = [Path(p) for p in (data if isinstance(data, (list, tuple)) else [data])]
    files, not_read = [], []
    for p in paths:
        if not p.exists():
            raise IsqDataError("no such file or folder (找不到文件或文件夹)", file=p)
        if p.is_dir():
            for f in sorted(p.iterdir()):
                if f.name.startswith("."):
                    continue
                if f.is_file():
                    files.append(f)
                else:
                    not_read.append((str(f), "文件夹，未读取（只读取此文件夹中的文件） (a folder: not read; only the "
                                              "files of the data folder itself are read)"))
        else:
            files.append(p)
    by_table = {}
    for f in files:
        if f.suffix.lower() in TABLE_SUFFIXES and f.stem in TABLE_SPECS:
            by_table.setdefault(f.stem, []).append(f)
    for name, fs in by_table.items():
        if len(fs) > 1:
            raise IsqDataError(
                f"表 {name} 有 {len(fs)} 个文件（{'、'.join(f.name for f in fs)}），无法确定使用哪一个；请只保留一个 "
                f"(the table {name!r} is given by {len(fs)} files: {', '.join(f.name for f in fs)}; isq cannot tell "
                "which one is meant, and reading both would count the same respondents twice. Keep one)",
                file=fs[0].parent)
    tables, reports, exports = {}, [], []
    for f in files:
        if f.suffix.lower() in TABLE_SUFFIXES and f.stem in TABLE_SPECS:
            frame, rows, raw = _read_table(f)
            df, rep = _validate_table(f.stem, frame, f, rows=rows, raw=raw)
            tables[f.stem] = df
            reports.append(rep)
        elif f.suffix.lower() in EXPORT_SUFFIXES:
            exports.append(f)
        else:
            not_read.append((str(f), "不是数据表（.csv/.xlsx/.xls/.sav），未读取 (not a data table "
                                     "(.csv/.xlsx/.xls/.sav): not read)"))
    tidy = set(tables)
    seen = {}  # table -> {response key: (file, row)}: the same response in two exports counts once
    for f in exports:  # survey exports (wjx, Tencent, Qualtrics, LimeSurvey, SPSS ...)
        from .survey import read_survey

        try:
            imp = read_survey(f)
        except IsqDataError as exc:
            reports.append(ImportReport(str(f), platform="export",
                                        problem=f"未读取：{exc} (not read)"))
            continue
        rep = imp.report
        name = imp.instrument.name
        if name in tidy:
            src = next(Path(r.file).name for r in reports if r.table == name and r.platform == "table")
            reports.append(ImportReport(str(f), platform=rep.platform, instrument=name, encoding=rep.encoding,
                                        problem=(f"未读取：表 {name} 已由 {src} 提供，此导出不再计入，以免重复计数 "
                                                 f"(not read: the table {name!r} comes from {src}; the export is "
                                                 "not added, so that no respondent is counted twice)")))
            continue
        responses = _drop_repeated_responses(imp, f, seen.setdefault(name, {}))
        reports.append(rep)
        tables[name] = pd.concat([tables[name], responses], ignore_index=True) if name in tables else responses
    if not tables:
        why = "; ".join(f"{Path(r.file).name}: {r.problem}" for r in reports if r.problem)
        raise IsqDataError(f"no known table or survey export found; expected files such as "
                           f"{', '.join(n + '.csv' for n in list(TABLE_SPECS)[:6])} ... "
                           f"(未找到可识别的数据文件)" + (f"; {why}" if why else ""), file=paths[0])
    return DataFolder(", ".join(map(str, paths)), tables, reports, not_read)


def _drop_repeated_responses(imp, path, seen):
    """Leave out the responses an earlier export of the folder already gave (same respondent,
    provider and wave); list each as an excluded row of this file. Returns the responses kept."""
    keys = imp.keys
    kcols = [c for c in keys.columns if c != "row"]
    if not kcols or not len(keys):
        return imp.responses
    tuples = list(keys[kcols].itertuples(index=False, name=None))
    rows = keys["row"].to_numpy()
    dup = np.fromiter((t in seen for t in tuples), dtype=bool, count=len(tuples))
    if dup.any():
        rep = imp.report
        first = [seen[t] for t, d in zip(tuples, dup) if d]
        key_en = ", ".join(kcols)
        reasons = [f"重复的答卷：与 {Path(fn).name} 第 {r} 行相同（{key_en}），保留先读取的文件 "
                   f"(duplicate response: same {key_en} as row {r} of {Path(fn).name}; the file read first is kept)"
                   for fn, r in first]
        new = pd.DataFrame({"row": rows[dup].astype(np.int64), "column": kcols[0],
                            "value": keys.loc[dup, kcols[0]].astype(object).to_numpy(), "problem": "duplicate",
                            "reason": reasons, "scope": "row"})
        rep.excluded = pd.concat([rep.excluded, new], ignore_index=True).sort_values(
            ["row", "scope"], kind="stable", ascending=[True, False]).reset_index(drop=True)
        rep.rows_kept -= int(dup.sum())
        drop = set(t for t, d in zip(tuples, dup) if d)
        resp = imp.responses
        hit = np.fromiter((t in drop for t in resp[kcols].itertuples(index=False, name=None)), dtype=bool,
                          count=len(resp))
        responses = resp[~hit].reset_index(drop=True)
    else:
        responses = imp.responses
    for t, r, d in zip(tuples, rows, dup):
        if not d:
            seen.setdefault(t, (str(path), int(r)))
    return responses


def demo_folder() -> DataFolder:
    """The demo company as a :class:`DataFolder` (in memory, no file I/O, no exclusions)."""
    from .demo import demo_tables, load_demo

    names = [n for n in demo_tables() if n in TABLE_SPECS or n in ("kano_features",)]
    return DataFolder("示例集团 (isq.load_demo)", {n: load_demo(n) for n in names}, [])


def open_data(data_dir="") -> DataFolder:
    """The data a notebook works on: ``data_dir`` validated, or the demo company when empty.

    ``data = isq.open_data(data_dir); data["servqual"]`` — tables by name, as DataFrames.

    Examples
    --------
    >>> data = isq.open_data()
    >>> sorted(data)[:3]
    ['commitment_tracking', 'complaints', 'delivery']
    >>> data["departments"].shape
    (8, 4)
    """
    return read_data_folder(data_dir) if data_dir else demo_folder()
