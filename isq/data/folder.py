"""Read and validate a data folder of tidy tables (the demo company's layout).

``read_data_folder("data")`` reads every known table (``<name>.csv`` or ``.xlsx``), checks
required columns and value ranges, and keeps an exact account: for each file the rows read,
kept and excluded, and for each excluded row the row number as a person sees it in the file
(the header is line 1), the column, the value and the reason. Nothing is dropped silently:
``rows_kept + rows_excluded == rows_read`` for every file. Survey exports placed in the folder
(or passed as files) are read with :func:`isq.read_survey` when no tidy SERVQUAL table exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import IsqDataError

__all__ = ["read_data_folder", "demo_folder", "open_data", "DataFolder", "FileReport", "TABLE_SPECS"]

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
}
#: Columns read as text whatever they look like (IDs keep their leading zeros).
_TEXT_COLUMNS = {"respondent", "department", "provider", "rater_department", "item", "feature", "idea",
                 "complaint_id", "participant", "month", "wave",
                 "standard_id", "check_id", "commitment_id"}
_NULLABLE = {"expectation", "perception", "adequate", "functional", "dysfunctional", "importance",
             "performance", "nps", "csat", "ces", "score"}


@dataclass
class FileReport:
    """The account of one file: rows read, kept and excluded (with row, column, value, reason)."""

    file: str
    table: str
    rows_read: int = 0
    rows_kept: int = 0
    excluded: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["row", "column", "value", "reason"]))
    problem: str | None = None

    @property
    def rows_excluded(self) -> int:
        return int(self.excluded["row"].nunique()) if len(self.excluded) else 0


def _read_any(path: Path) -> pd.DataFrame:
    """Read a CSV (UTF-8, UTF-8 BOM or GB18030) or Excel file; errors name the file."""
    dtype = {c: "string" for c in _TEXT_COLUMNS}
    try:
        if path.suffix.lower() in (".xlsx", ".xls"):
            return pd.read_excel(path, dtype=dtype)
        raw = path.read_bytes()
        if not raw.strip():
            raise IsqDataError("the file is empty (文件为空)", file=path)
        from .platforms import decode_bytes

        text, _ = decode_bytes(path, raw)
        import io

        return pd.read_csv(io.StringIO(text), dtype=dtype, keep_default_na=True)
    except IsqDataError:
        raise
    except Exception as e:  # no raw library exception reaches the user
        raise IsqDataError(f"cannot read the file ({type(e).__name__}: {e}) (文件无法读取)", file=path) from None


def _validate_table(name: str, df: pd.DataFrame, path: Path, *, header_rows=1):
    spec = TABLE_SPECS[name]
    rep = FileReport(str(path), name, rows_read=len(df))
    missing = [c for c in spec if c not in df.columns]
    if missing:
        rep.problem = (f"missing required column(s) {missing}; found {list(df.columns)[:20]} "
                       f"(缺少必需的列)")
        rep.excluded = pd.DataFrame({"row": np.arange(len(df)) + header_rows + 1, "column": ", ".join(missing),
                                     "value": None, "reason": "missing required column 缺少必需列"})
        return df.iloc[0:0], rep
    problems = []
    rows = pd.Series(np.arange(len(df)) + header_rows + 1, index=df.index)
    for col, rule in spec.items():
        s = df[col]
        if rule[0] == "str":
            bad = s.isna() | (s.astype("string").str.strip() == "")
            reason = "empty value where an identifier is required 缺少标识值"
            if bad.any():
                problems.append(pd.DataFrame({"row": rows[bad], "column": col, "value": s[bad].astype(object),
                                              "reason": reason}))
            continue
        _, low, high = rule
        num = pd.to_numeric(s, errors="coerce")
        nonnum = s.notna() & num.isna()
        out = num.notna() & ((num < low) | (num > high))
        missing_ok = col in _NULLABLE
        empty = s.isna() & (not missing_ok)
        for mask, reason in (
            (nonnum, f"not a number; expected {low:g}–{high:g} 非数值"),
            (out, f"out of range; expected {low:g}–{high:g} 超出取值范围"),
            (empty, "empty value 缺少取值"),
        ):
            if mask.any():
                problems.append(pd.DataFrame({"row": rows[mask], "column": col, "value": s[mask].astype(object),
                                              "reason": reason}))
        df = df.assign(**{col: num})
    if problems:
        rep.excluded = pd.concat(problems, ignore_index=True).sort_values(["row", "column"], kind="stable")
        bad_rows = set(rep.excluded["row"])
        keep = ~rows.isin(bad_rows)
        df = df[keep.to_numpy()]
    rep.rows_kept = len(df)
    return df.reset_index(drop=True), rep


@dataclass
class DataFolder:
    """Validated tables of a client (or the demo company) plus the import account."""

    source: str
    tables: dict
    reports: list

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
    files = []
    for p in paths:
        if not p.exists():
            raise IsqDataError("no such file or folder (找不到文件或文件夹)", file=p)
        files += sorted(f for f in p.iterdir() if f.is_file()) if p.is_dir() else [p]
    tables, reports, others = {}, [], []
    for f in files:
        name = f.stem
        if f.suffix.lower() in (".csv", ".xlsx", ".xls") and name in TABLE_SPECS:
            df, rep = _validate_table(name, _read_any(f), f)
            tables[name] = df
            reports.append(rep)
        elif f.suffix.lower() in (".csv", ".xlsx", ".xls", ".sav"):
            others.append(f)
    if "servqual" not in tables:
        for f in others:  # survey exports (wjx, Tencent, Qualtrics, LimeSurvey, SPSS ...)
            from .survey import read_survey

            imp = read_survey(f)
            rep = FileReport(str(f), "servqual", imp.report.rows_read, imp.report.rows_kept,
                             imp.report.excluded)
            reports.append(rep)
            tables["servqual"] = pd.concat([tables.get("servqual"), imp.responses], ignore_index=True) \
                if "servqual" in tables else imp.responses
    if not tables:
        raise IsqDataError(f"no known table or survey export found; expected files such as "
                           f"{', '.join(n + '.csv' for n in list(TABLE_SPECS)[:6])} ... "
                           f"(未找到可识别的数据文件)", file=paths[0])
    return DataFolder(", ".join(map(str, paths)), tables, reports)


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
