"""The results workbook (results.xlsx): one formatted sheet per analysis.

Report notebooks record each published table with :func:`save_result_table` (a small JSON
file per table in ``results_dir``); the runner collects them into the workbook. Only tables
that already passed privacy suppression are recorded.

Every cell isq writes to a workbook goes through :func:`write_cell` (or :func:`append_row`):
text is always a typed string cell with Excel's quote prefix, never a formula, whatever it
starts with (``=``, ``+``, ``-``, ``@``, tab, CR: OWASP "CSV injection"). Other writers of
xlsx files (the outcomes booklet, room exports) use the same two functions.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

from .._io import atomic_path

__all__ = ["save_result_table", "read_result_tables", "write_results_workbook", "write_cell", "append_row",
           "number_format"]

#: Characters that make a spreadsheet treat a text cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _plain(value):
    """A value openpyxl can store: numpy scalars to Python, NaN/NA to None, other objects to str."""
    import math

    if value is None:
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, TypeError):
            value = str(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    import datetime

    if isinstance(value, (datetime.date, datetime.datetime)):
        return value
    return str(value)


def write_cell(ws, row: int, column: int, value):
    """Write ``value`` into ``ws`` at (row, column) so that text can never be a formula.

    Text is stored as a string cell (``data_type = "s"``) with Excel's quote prefix set, so
    ``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0`` shows as the literal text and stays text
    even when a user edits the cell. Numbers, booleans and dates are stored as such;
    missing values leave the cell empty. Returns the cell.
    """
    value = _plain(value)
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        # ILLEGAL_CHARACTERS (control chars) would make openpyxl raise: replace them
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def append_row(ws, values) -> int:
    """Append ``values`` as the next row of ``ws`` through :func:`write_cell`; returns the row number."""
    r = ws.max_row + 1 if (ws.max_row > 1 or ws.cell(1, 1).value is not None) else 1
    for j, v in enumerate(values, start=1):
        write_cell(ws, r, j, v)
    return r


def number_format(values) -> str | None:
    """Excel number format for a numeric column: whole numbers "0", small figures
    (p-values) "0.0000", otherwise "0.00"; None for a non-float column."""
    import numpy as np
    import pandas as pd

    s = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    s = s[~np.isnan(s)]
    if not s.size:
        return None
    if np.allclose(s, np.round(s)):
        return "0"
    nz = np.abs(s[s != 0])
    return "0.0000" if nz.size and nz.min() < 0.005 else "0.00"


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w\u4e00-\u9fff-]+", "_", name)[:80]


def save_result_table(results_dir, name: str, table, *, title: str | None = None, order: int | None = None):
    """Record ``table`` (a DataFrame) under ``name`` for the workbook; no-op if ``results_dir`` is empty."""
    if not results_dir:
        return None
    import pandas as pd

    # a named index holds labels (keep it); an unnamed one is row numbers (never a stray "index" column)
    named = any(n is not None for n in table.index.names)
    df = table.reset_index() if named else table.reset_index(drop=True)
    existing = sorted(Path(results_dir).glob("*.json"))
    payload = {
        "name": name, "title": title or name, "order": len(existing) if order is None else order,
        "table": json.loads(df.to_json(orient="split", date_format="iso", force_ascii=False, index=False)),
    }
    # a working file of the run (read once by the runner, then deleted): replaced atomically,
    # so a reader never sees half of it, but not fsynced (~7 per report, on a shared disk)
    path = Path(results_dir) / f"{_safe_name(name)}.json"
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path


def read_result_tables(results_dir) -> dict:
    """Tables recorded in ``results_dir``: ``{title: DataFrame}`` in recording order."""
    import pandas as pd

    items = []
    for p in Path(results_dir).glob("*.json"):
        payload = json.loads(p.read_text(encoding="utf-8"))
        t = payload["table"]
        items.append((payload["order"], payload["title"], pd.DataFrame(t["data"], columns=t["columns"])))
    return {title: df for _, title, df in sorted(items, key=lambda x: x[0])}


def _sheet_title(title: str, used: set) -> str:
    # Excel: no []*?/\: or control characters, no leading/trailing apostrophe, unique ignoring case
    base = re.sub(r"[\[\]\*\?/\\:\x00-\x1f]", " ", title).strip().strip("'").strip()[:28] or "Sheet"
    name, i = base, 2
    while name.lower() in used:
        name, i = f"{base[:26]}_{i}", i + 1
    used.add(name.lower())
    return name


def write_results_workbook(tables: dict, path, *, lang="zh", client="", department=None) -> Path:
    """Write ``tables`` as one formatted sheet each, after a cover sheet (说明)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    zh = lang == "zh"
    wb = Workbook()
    cover = wb.active
    cover.title = "说明" if zh else "About"
    write_cell(cover, 1, 1, "内部服务质量诊断结果" if zh else "Internal service quality results").font = Font(
        size=16, bold=True, color="1F4E79")
    for r, (key, value) in enumerate([("客户" if zh else "Client", client),
                                      ("部门" if zh else "Department", department or ("全公司" if zh else "Company")),
                                      ("日期" if zh else "Date", date.today().isoformat())], start=3):
        write_cell(cover, r, 1, key)
        write_cell(cover, r, 2, value)
    write_cell(cover, 7, 1, "工作表" if zh else "Sheets").font = Font(bold=True)
    cover.column_dimensions["A"].width = 14
    cover.column_dimensions["B"].width = 48
    header_fill = PatternFill("solid", fgColor="1F4E79")
    used = {cover.title.lower()}
    for i, (title, df) in enumerate(tables.items()):
        ws = wb.create_sheet(_sheet_title(title, used))
        write_cell(cover, 8 + i, 1, ws.title)
        write_cell(cover, 8 + i, 2, title)
        for j, c in enumerate(df.columns, start=1):
            write_cell(ws, 1, j, str(c))
        for r, row in enumerate(df.itertuples(index=False, name=None), start=2):
            for j, v in enumerate(row, start=1):
                write_cell(ws, r, j, v)
        for cell in ws[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = "A2"
        for j, col in enumerate(df.columns, start=1):
            values = [str(col)] + [str(v) for v in df.iloc[:200, j - 1].tolist()]
            width = max(len(v) + sum(1 for ch in v if ord(ch) > 0x2E80) for v in values)
            ws.column_dimensions[get_column_letter(j)].width = min(max(8, width + 2), 60)
            fmt = number_format(df.iloc[:, j - 1]) if df.dtypes.iloc[j - 1].kind in "fiu" else None
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    cell.number_format = fmt
        if len(df):
            ws.auto_filter.ref = ws.dimensions
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)
