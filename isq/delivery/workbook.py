"""The results workbook (results.xlsx): one formatted sheet per analysis.

Report notebooks record each published table with :func:`save_result_table` (a small JSON
file per table in ``results_dir``); the runner collects them into the workbook. Only tables
that already passed privacy suppression are recorded.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from .._io import atomic_path, atomic_write_text

__all__ = ["save_result_table", "read_result_tables", "write_results_workbook"]


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w\u4e00-\u9fff-]+", "_", name)[:80]


def save_result_table(results_dir, name: str, table, *, title: str | None = None, order: int | None = None):
    """Record ``table`` (a DataFrame) under ``name`` for the workbook; no-op if ``results_dir`` is empty."""
    if not results_dir:
        return None
    import pandas as pd

    df = table.reset_index() if not isinstance(table.index, pd.RangeIndex) else table
    existing = sorted(Path(results_dir).glob("*.json"))
    payload = {
        "name": name, "title": title or name, "order": len(existing) if order is None else order,
        "table": json.loads(df.to_json(orient="split", date_format="iso", force_ascii=False, index=False)),
    }
    return atomic_write_text(Path(results_dir) / f"{_safe_name(name)}.json",
                             json.dumps(payload, ensure_ascii=False))


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
    base = re.sub(r"[\[\]\*\?/\\:]", " ", title).strip()[:28] or "Sheet"
    name, i = base, 2
    while name in used:
        name, i = f"{base[:26]}_{i}", i + 1
    used.add(name)
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
    cover["A1"] = ("内部服务质量诊断结果" if zh else "Internal service quality results")
    cover["A1"].font = Font(size=16, bold=True, color="1F4E79")
    cover["A3"], cover["B3"] = ("客户" if zh else "Client"), client
    cover["A4"], cover["B4"] = ("部门" if zh else "Department"), department or ("全公司" if zh else "Company")
    cover["A5"], cover["B5"] = ("日期" if zh else "Date"), date.today().isoformat()
    cover["A7"] = "工作表" if zh else "Sheets"
    cover["A7"].font = Font(bold=True)
    cover.column_dimensions["A"].width = 14
    cover.column_dimensions["B"].width = 48
    header_fill = PatternFill("solid", fgColor="1F4E79")
    used = {cover.title}
    for i, (title, df) in enumerate(tables.items()):
        ws = wb.create_sheet(_sheet_title(title, used))
        cover.cell(row=8 + i, column=1, value=ws.title)
        cover.cell(row=8 + i, column=2, value=title)
        ws.append([str(c) for c in df.columns])
        for row in df.itertuples(index=False):
            ws.append([None if (isinstance(v, float) and v != v) else v for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = "A2"
        for j, col in enumerate(df.columns, start=1):
            values = [str(col)] + [str(v) for v in df.iloc[:200, j - 1].tolist()]
            width = max(len(v) + sum(1 for ch in v if ord(ch) > 0x2E80) for v in values)
            ws.column_dimensions[get_column_letter(j)].width = min(max(8, width + 2), 60)
            if df.dtypes.iloc[j - 1].kind == "f":
                for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    cell.number_format = "0.00"
        if len(df):
            ws.auto_filter.ref = ws.dimensions
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)
