"""Reading survey files into a raw table and recognising the platform that exported them.

File formats are recognised by their first bytes, not only by the extension: ZIP
(``.xlsx``), OLE2 (legacy ``.xls``), ``$FL2``/``$FL3`` (SPSS ``.sav``/``.zsav``), else
text (CSV: UTF-8 with or without BOM, then GB18030, which covers GBK and GB2312).
Every library error is turned into an :class:`isq.IsqDataError` naming the file.

Platforms are recognised by their columns (see ``PLATFORM_COLUMNS``).
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import IsqDataError

__all__ = ["RawTable", "read_raw", "detect_platform", "PLATFORMS", "METADATA_COLUMNS", "ID_COLUMNS"]

PLATFORMS = ("wjx", "tencent", "qualtrics", "limesurvey", "csv", "excel", "spss")

#: Metadata columns each platform adds before the questions (not answers).
METADATA_COLUMNS = {
    "wjx": {"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "来自ip", "总分", "答卷时间", "答题时间"},
    "tencent": {"编号", "开始答题时间", "结束答题时间", "答题时长", "用户标识", "IP", "ip", "地理位置", "来源渠道", "昵称", "自定义字段"},
    "qualtrics": {"StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
                  "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                  "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"},
    "limesurvey": {"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr",
                   "refurl", "token", "Response ID", "Date submitted", "Last page", "Start language", "Seed"},
}
#: The platform's own response-ID column (used when the survey asks no respondent ID).
ID_COLUMNS = {"wjx": "序号", "tencent": "编号", "qualtrics": "ResponseId", "limesurvey": "id"}

_MAGIC = {b"PK\x03\x04": "xlsx", b"\xd0\xcf\x11\xe0": "xls", b"$FL2": "sav", b"$FL3": "sav"}


@dataclass
class RawTable:
    """A file read as text cells: ``frame`` (object columns named by the header), the file
    row of each data row (``rows``), extra header rows and what is known about the file."""

    frame: pd.DataFrame
    rows: np.ndarray  # 1-based file row of each frame row
    fmt: str  # csv, xlsx, xls, sav
    encoding: str | None = None
    column_labels: dict = field(default_factory=dict)  # column -> label (SPSS)
    value_labels: dict = field(default_factory=dict)  # column -> {code: label} (SPSS)
    bad_rows: dict = field(default_factory=dict)  # file row -> (value, reason_zh, reason_en)
    header_rows: int = 1


def _fail(path, zh, en, **kw):
    return IsqDataError(f"{zh} ({en})", file=str(path), **kw)


def decode_bytes(path, data: bytes):
    """Text of a CSV's bytes: UTF-8 with BOM, UTF-8, else GB18030 (a superset of GBK).

    Returns ``(text, encoding)``; undecodable bytes raise :class:`IsqDataError` naming the
    file and the line. The one decoder for every isq reader.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encs = ("utf-8-sig",)
    else:
        encs = ("utf-8", "gb18030")
    last = None
    for enc in encs:
        try:
            return data.decode(enc), ("utf-8" if enc == "utf-8" else enc)
        except UnicodeDecodeError as exc:
            # the encoding that read furthest is the file's; report where it broke
            if last is None or exc.start > last.start:
                last = exc
    line = data[: last.start].count(b"\n") + 1
    raise _fail(
        path, f"无法识别文件编码：第 {line} 行（字节 {last.start}）既不是 UTF-8 也不是 GBK/GB18030，文件可能已损坏",
        f"cannot decode the file: line {line} (byte {last.start}) is neither UTF-8 nor GBK/GB18030; "
        "the file may be corrupt. Save it again as UTF-8 or GBK CSV, or as .xlsx", row=line,
    )


def _unique_header(values):
    out, seen = [], {}
    for i, v in enumerate(values):
        name = "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()
        if isinstance(v, float) and v == int(v):
            name = str(int(v))
        name = name or f"Unnamed: {i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        out.append(name)
    return out


def _frame_from_grid(grid: pd.DataFrame, first_file_row=1):
    """Split a header-less grid into header + data; drop trailing empty rows."""
    last = len(grid) - 1  # drop trailing empty rows (checked from the end: usually none)
    while last >= 0 and all(v is None or v == "" or (isinstance(v, float) and np.isnan(v)) for v in grid.iloc[last].tolist()):
        last -= 1
    if last < 0:
        return None, None
    grid = grid.iloc[: last + 1].astype(object)
    header = _unique_header(grid.iloc[0].tolist())
    frame = grid.iloc[1:].reset_index(drop=True)
    frame.columns = header
    rows = np.arange(len(frame)) + first_file_row + 1
    return frame, rows


def _read_csv(path, data):
    text, enc = decode_bytes(path, data)
    if text.lstrip().startswith("<"):
        raise _fail(path, "文件内容是 HTML/XML 而不是 CSV 或 Excel 表格，请从平台重新导出为 .xlsx 或 .csv",
                    "the file holds HTML/XML, not a CSV or Excel table; export it again as .xlsx or .csv")
    text = text.replace("\x00", "")
    bad = {}
    try:
        grid = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False,
                           skip_blank_lines=False, engine="c", sep=",", quotechar='"')
    except Exception:  # ragged rows, broken quoting: fall back to the csv module, row by row
        try:
            records = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise _fail(path, f"CSV 格式损坏：{exc}", f"the CSV is malformed: {exc}") from None
        if not records:
            return None, None, enc, bad
        width = len(records[0])
        fixed = []
        for i, rec in enumerate(records):
            if len(rec) > width:
                bad[i + 1] = (",".join(rec[width:])[:80],
                              f"此行有 {len(rec)} 个字段，表头只有 {width} 列（引号或分隔符错误）",
                              f"the row has {len(rec)} fields but the header has {width} (a quote or separator problem)")
                rec = rec[:width]
            fixed.append(rec + [""] * (width - len(rec)))
        grid = pd.DataFrame(fixed, dtype=object)
    frame, rows = _frame_from_grid(grid)
    return frame, rows, enc, bad


def _read_excel(path, fmt):
    engine = "openpyxl" if fmt == "xlsx" else "xlrd"
    try:
        with warnings.catch_warnings():  # xlrd deprecation, openpyxl style warnings: not the user's concern
            warnings.simplefilter("ignore")
            grid = pd.read_excel(path, header=None, dtype=object, engine=engine, sheet_name=0)
    except ImportError as exc:
        raise _fail(path, f"读取 .{fmt} 需要安装 {engine}", f"reading .{fmt} needs the package {engine}: {exc}") from None
    except Exception as exc:  # BadZipFile, XLRDError, KeyError from a damaged workbook, ...
        raise _fail(path, f"无法读取 Excel 文件，文件可能已损坏或被截断（{type(exc).__name__}）",
                    f"cannot read the Excel file; it may be corrupt or truncated ({type(exc).__name__}: {exc}). "
                    "Open it in Excel and save it again, or export it again") from None
    return _frame_from_grid(grid)


def _read_sav(path):
    try:
        import pyreadstat
    except ImportError as exc:
        raise _fail(path, "读取 SPSS .sav 需要安装 pyreadstat", f"reading .sav needs pyreadstat: {exc}") from None
    df = meta = None
    for enc in (None, "GB18030"):
        try:
            df, meta = pyreadstat.read_sav(str(path), encoding=enc) if enc else pyreadstat.read_sav(str(path))
            break
        except Exception as exc:  # pyreadstat.ReadstatError, UnicodeDecodeError, ...
            err = exc
    if df is None:
        raise _fail(path, f"无法读取 SPSS 文件，文件可能已损坏或被截断（{type(err).__name__}）",
                    f"cannot read the SPSS file; it may be corrupt or truncated ({type(err).__name__}: {err})") from None
    frame = df.astype(object).reset_index(drop=True)
    labels = {c: lab for c, lab in zip(meta.column_names, meta.column_labels) if lab}
    return frame, np.arange(len(frame)) + 1, labels, dict(meta.variable_value_labels)


def read_raw(path) -> RawTable:
    """Read any supported file into a :class:`RawTable` (raises IsqDataError, never a library error)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "文件不存在", "the file does not exist") from None
    except OSError as exc:
        raise _fail(path, f"无法打开文件：{exc.strerror}", f"cannot open the file: {exc.strerror}") from None
    if not data.strip():
        raise _fail(path, "文件为空，没有表头也没有数据", "the file is empty: no header and no data")
    fmt = _MAGIC.get(data[:4], "csv")
    ext = path.suffix.lower()
    if fmt == "csv" and ext in (".xlsx", ".xlsm", ".xls", ".sav", ".zsav"):
        try:
            data.decode("utf-8")
            is_text = True
        except UnicodeDecodeError:
            is_text = False
        if not is_text:
            raise _fail(path, f"文件扩展名是 {ext}，但内容不是有效的 {ext} 文件（已损坏或被截断）",
                        f"the extension is {ext} but the content is not a valid {ext} file (corrupt or truncated)")
    enc, labels, vlabels, bad = None, {}, {}, {}
    if fmt == "csv":
        frame, rows, enc, bad = _read_csv(path, data)
    elif fmt in ("xlsx", "xls"):
        frame, rows = _read_excel(path, fmt)
    else:
        frame, rows, labels, vlabels = _read_sav(path)
    if frame is None:
        raise _fail(path, "文件为空，没有表头也没有数据", "the file is empty: no header and no data")
    return RawTable(frame, rows, fmt, enc, labels, vlabels, bad)


def detect_platform(raw: RawTable) -> str:
    """Name the platform from the columns: wjx, tencent, qualtrics, limesurvey, else csv/excel/spss."""
    cols = set(raw.frame.columns)
    if "ResponseId" in cols or {"StartDate", "EndDate", "Finished"} <= cols:
        return "qualtrics"
    if "submitdate" in cols or {"Date submitted", "Response ID"} <= cols or {"lastpage", "startlanguage"} <= cols:
        return "limesurvey"
    if "提交答卷时间" in cols or {"序号", "所用时间"} <= cols or {"序号", "来源详情"} <= cols:
        return "wjx"
    if cols & {"开始答题时间", "结束答题时间", "答题时长", "用户标识"}:
        return "tencent"
    return {"csv": "csv", "xlsx": "excel", "xls": "excel", "sav": "spss"}[raw.fmt]


def qualtrics_header(raw: RawTable):
    """Drop Qualtrics' extra header rows; return {column: question text}."""
    frame = raw.frame
    texts = {}
    n_extra = 0
    if len(frame):
        first = frame.iloc[0]
        texts = {c: str(v) for c, v in first.items() if isinstance(v, str)}
        n_extra = 1
        if len(frame) > 1:
            second = frame.iloc[1]
            if any(isinstance(v, str) and v.startswith("{") and "ImportId" in v for v in second.tolist()):
                n_extra = 2
    raw.frame = frame.iloc[n_extra:].reset_index(drop=True)
    raw.rows = raw.rows[n_extra:]
    raw.header_rows = 1 + n_extra
    return texts
