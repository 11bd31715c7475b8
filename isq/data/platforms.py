"""Reading survey files into a raw table and recognising the platform that exported them.

File formats are recognised by their first bytes, not only by the extension: ZIP
(``.xlsx``), OLE2 (legacy ``.xls``), ``$FL2``/``$FL3`` (SPSS ``.sav``/``.zsav``), else
text (CSV: UTF-16 with BOM as Excel's "Unicode text" writes it, UTF-8 with or without BOM,
then GB18030, which covers GBK and GB2312; comma, semicolon or tab separated, sniffed from
the header line). Every library error is turned into an :class:`isq.IsqDataError` naming
the file.

What the readers repair, and say they did (``RawTable.notes``): an empty header cell is
named ``列N``; a repeated header gets `` (2)``; the merged, two-row header of a 问卷星/腾讯问卷
matrix question becomes ``题干(行标题)``, and so does a two-row header without merged cells
(row 1 blank or repeated over the sub-items; :func:`two_row_header`). What they report as a bad row (``bad_rows``): a
row with more fields than the header, a quote left open (the row where it opens; the rows
after it are read as usual, never swallowed). What they refuse: an Excel sheet whose used
range is absurd (a stray cell at XFD1048576: checked on the cells themselves before any
grid is allocated), "too large" rather than "corrupt".

Platforms are recognised by their columns (see ``PLATFORM_COLUMNS``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import IsqDataError

__all__ = ["RawTable", "read_raw", "detect_platform", "decode_bytes", "sniff_delimiter", "xlsx_used_range",
           "as_text", "PLATFORMS", "METADATA_COLUMNS", "ID_COLUMNS", "DELIMITERS", "MAX_SHEET_CELLS"]

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
    notes: list = field(default_factory=list)  # what the reader did (renamed headers, delimiter, ...)


def _fail(path, zh, en, **kw):
    return IsqDataError(f"{zh} ({en})", file=str(path), **kw)


def decode_bytes(path, data: bytes):
    """Text of a CSV's bytes: UTF-16 (BOM, as Excel's "Unicode text" export writes it),
    UTF-8 with BOM, UTF-8, else GB18030 (a superset of GBK).

    Returns ``(text, encoding)``; undecodable bytes raise :class:`IsqDataError` naming the
    file and the line. The one decoder for every isq reader.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encs = ("utf-16",)
    elif data.startswith(b"\xef\xbb\xbf"):
        encs = ("utf-8-sig",)
    elif len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        encs = ("utf-16-le", "utf-8", "gb18030")  # UTF-16 without BOM: every second byte NUL
    elif len(data) >= 4 and data[0:4:2] == b"\x00\x00" and data[1:4:2] != b"\x00\x00":
        encs = ("utf-16-be", "utf-8", "gb18030")
    else:
        encs = ("utf-8", "gb18030")
    last = None
    for enc in encs:
        try:
            text = data.decode(enc)
            if enc == "utf-16" and text.startswith("\ufeff"):
                text = text[1:]
            return text, ("utf-8" if enc == "utf-8" else enc)
        except UnicodeDecodeError as exc:
            # the encoding that read furthest is the file's; report where it broke
            if last is None or exc.start > last.start:
                last = exc
    line = data[: last.start].count(b"\n") + 1
    what_zh = "UTF-16" if encs[0].startswith("utf-16") else "UTF-8 也不是 GBK/GB18030"
    what_en = "UTF-16" if encs[0].startswith("utf-16") else "UTF-8 nor GBK/GB18030"
    raise _fail(
        path, f"无法识别文件编码：第 {line} 行（字节 {last.start}）既不是 {what_zh}，文件可能已损坏",
        f"cannot decode the file: line {line} (byte {last.start}) is neither {what_en}; "
        "the file may be corrupt. Save it again as UTF-8 or GBK CSV, or as .xlsx", row=line,
    )


def _header_names(values):
    """Header cells -> unique column names, and notes on what was renamed.

    An empty header cell becomes ``列N`` (N = its column number as a person counts); a
    repeated name gets `` (2)``, `` (3)``... Each renaming is noted (zh and en).
    """
    out, notes, seen = [], [], set()
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            name = ""
        elif isinstance(v, float) and v.is_integer():
            name = str(int(v))
        else:
            name = str(v).strip()
        if not name:
            name = f"列{i + 1}"
            notes.append(f"第 {i + 1} 列的表头为空，命名为“{name}” (the header of column {i + 1} is empty; "
                         f"named {name!r})")
        if name in seen:
            k = 2
            while f"{name} ({k})" in seen:
                k += 1
            new = f"{name} ({k})"
            notes.append(f"第 {i + 1} 列的表头“{name}”与前面的列重复，改名为“{new}” (the header {name!r} of "
                         f"column {i + 1} repeats an earlier column; renamed {new!r})")
            name = new
        seen.add(name)
        out.append(name)
    return out, notes


def _unique_header(values):
    return _header_names(values)[0]


def _is_blank(v):
    return v is None or v == "" or (isinstance(v, float) and np.isnan(v))


def _frame_from_grid(grid, first_file_row=1, rows=None, header_rows=1, header=None):
    """Split a header-less grid (DataFrame or list of rows) into header + data.

    ``rows`` gives the file row (line) of each grid row when it is not simply consecutive.
    Trailing empty rows are dropped. Returns ``(frame, rows, notes)``.
    """
    if isinstance(grid, pd.DataFrame):
        grid = grid.astype(object)
        n = len(grid)
        get = lambda i: grid.iloc[i].tolist()  # noqa: E731
    else:
        n = len(grid)
        get = lambda i: grid[i]  # noqa: E731
    last = n - 1  # drop trailing empty rows (checked from the end: usually none)
    while last >= 0 and all(_is_blank(v) for v in get(last)):
        last -= 1
    if last < 0:
        return None, None, []
    head, notes = _header_names(header if header is not None else get(0))
    if isinstance(grid, pd.DataFrame):
        frame = grid.iloc[header_rows: last + 1].reset_index(drop=True)
        frame.columns = head
    else:
        width = len(head)
        body = [r if len(r) == width else (list(r) + [""] * (width - len(r)))[:width]
                for r in grid[header_rows: last + 1]]
        frame = pd.DataFrame(body, columns=head, dtype=object) if body else pd.DataFrame(columns=head, dtype=object)
    file_rows = (np.arange(len(frame)) + first_file_row + header_rows if rows is None
                 else np.asarray(rows[header_rows: last + 1], dtype=np.int64))
    return frame, file_rows, notes


# --------------------------------------------------------------------------- CSV

#: Delimiters recognised in a text export: comma, semicolon (European Excel), tab (Excel's
#: "Unicode text" and many "TSV" exports).
DELIMITERS = (",", ";", "\t")
#: More unclosed quotes than this in one file: the file is refused (quoting is broken throughout).
MAX_BROKEN_QUOTES = 200
_LINE_END = re.compile(r"\r\n|\r|\n")


def sniff_delimiter(text: str) -> str:
    """The delimiter of a text table: the one of ``DELIMITERS`` that splits the header line
    into the most fields (quotes respected), confirmed on the next lines; comma on a tie."""
    lines = [ln for ln in _LINE_END.split(text[:65536], maxsplit=60) if ln.strip()][:20]
    if not lines:
        return ","
    best, best_key = ",", None
    for d in DELIMITERS:
        try:
            recs = list(csv.reader(lines, delimiter=d))
        except csv.Error:
            continue
        n_head = len(recs[0])
        agree = sum(len(r) == n_head for r in recs[1:])
        key = (n_head > 1, agree, n_head)
        if best_key is None or key > best_key:
            best, best_key = d, key
    return best


def _swallows_rows(inner_lines, sep, width):
    """Does a quoted field spanning lines hold what look like whole rows of the table?"""
    need = max(1, width - 1)
    return width >= 3 and any(ln.count(sep) >= need for ln in inner_lines)


def _csv_records(text, sep, path):
    """Parse CSV text with the csv module, keeping each record's file line.

    A quote left open (at the end of the file, or swallowing lines that look like whole
    rows) is reported as a bad row at the line where it opens; the lines after it are read
    as rows again. Returns ``(records, lines_of_records, bad)``.
    """
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    records, where, bad = [], [], {}
    start = 0  # index into lines where parsing (re)starts
    width = None
    broken = 0
    while start < len(lines):
        chunk = "\n".join(lines[start:]) + "\n"
        reader = csv.reader(io.StringIO(chunk, newline=""), delimiter=sep)
        prev = 0
        restart = None
        try:
            for rec in reader:
                first, last = start + prev + 1, start + reader.line_num  # 1-based file lines
                prev = reader.line_num
                if width is None:
                    width = len(rec)
                if last > first:  # a quoted field spans lines: legitimate, or a quote left open?
                    seg = "\n".join(lines[first - 1: last]) + "\n"
                    try:
                        list(csv.reader(io.StringIO(seg, newline=""), delimiter=sep, strict=True))
                        at_eof = False
                    except csv.Error:
                        at_eof = last == len(lines)
                    if at_eof or _swallows_rows(lines[first: last], sep, width or 0):
                        broken += 1
                        if broken > MAX_BROKEN_QUOTES:
                            raise _fail(path, f"超过 {MAX_BROKEN_QUOTES} 处引号没有闭合，文件的引号或分隔符整体有误",
                                        f"more than {MAX_BROKEN_QUOTES} quotes are left open: the quoting or the "
                                        "delimiter of the whole file is wrong")
                        bad[first] = (lines[first - 1][:80],
                                      f"第 {first} 行有未闭合的引号（\"），此行无法读取；其后的行照常读取",
                                      f"a quote (\") opened on line {first} is never closed; the line cannot be "
                                      "read, the lines after it are read as usual")
                        # the broken line itself, split without quoting: shown and excluded, not lost
                        records.append(next(csv.reader([lines[first - 1]], delimiter=sep, quoting=csv.QUOTE_NONE), []))
                        where.append(first)
                        restart = first  # continue with the line after the broken one
                        break
                records.append(rec)
                where.append(first)
        except csv.Error as exc:
            raise _fail(path, f"CSV 格式损坏：{exc}", f"the CSV is malformed: {exc}") from None
        if restart is None:
            break
        start = restart
    return records, where, bad


def _read_csv(path, data):
    text, enc = decode_bytes(path, data)
    if text.lstrip().startswith("<"):
        raise _fail(path, "文件内容是 HTML/XML 而不是 CSV 或 Excel 表格，请从平台重新导出为 .xlsx 或 .csv",
                    "the file holds HTML/XML, not a CSV or Excel table; export it again as .xlsx or .csv")
    text = text.replace("\x00", "")
    sep = sniff_delimiter(text)
    notes = [] if sep == "," else [f"分隔符为{'制表符' if sep == chr(9) else '分号'} (delimiter: "
                                   f"{'tab' if sep == chr(9) else 'semicolon'})"]
    bad = {}
    n_lines = len(_LINE_END.findall(text)) + (0 if text.endswith(("\n", "\r")) else 1)
    grid = None
    try:
        grid = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False,
                           skip_blank_lines=False, engine="c", sep=sep, quotechar='"')
        if len(grid) != n_lines:  # a quoted field spans lines: check it line by line
            grid = None
    except Exception:  # ragged rows, broken quoting: the csv module, row by row
        grid = None
    if grid is not None:
        h, names = _csv_header(grid.iloc[0].tolist(), grid.iloc[1].tolist() if len(grid) > 1 else None, path, notes)
        frame, rows, hnotes = _frame_from_grid(grid, header_rows=h, header=names)
        return frame, rows, enc, bad, notes + hnotes, h
    records, where, bad_q = _csv_records(text, sep, path)
    if not records:
        return None, None, enc, bad, notes, 1
    h, names = _csv_header(records[0], records[1] if len(records) > 1 else None, path, notes)
    width = len(records[0])
    fixed = []
    for rec, line in zip(records, where):
        if len(rec) > width:
            bad[line] = ((sep.join(rec[width:]) if sep != "," else ",".join(rec[width:]))[:80],
                         f"此行有 {len(rec)} 个字段，表头只有 {width} 列（引号或分隔符错误）",
                         f"the row has {len(rec)} fields but the header has {width} (a quote or separator problem)")
            rec = rec[:width]
        fixed.append(rec + [""] * (width - len(rec)))
    bad.update(bad_q)
    frame, rows, hnotes = _frame_from_grid(fixed, rows=where, header_rows=h, header=names)
    return frame, rows, enc, bad, notes + hnotes, h


def _csv_header(row1, row2, path, notes):
    """(header rows, names or None) of a text export: two rows when :func:`two_row_header` says so."""
    names = two_row_header(row1, row2, path) if row2 is not None else None
    if names is None:
        return 1, None
    notes.append(TWO_ROW_NOTE)
    return 2, names


# --------------------------------------------------------------------------- Excel

#: The largest sheet isq reads, in cells from A1 to the last used cell (the grid calamine and
#: pandas build; about 150 bytes a cell once in Python). 300,000 answers x 80 columns fit; a
#: stray cell at XFD1048576 (17 billion cells) does not.
MAX_SHEET_CELLS = 25_000_000
#: The largest decompressed sheet XML isq reads (a zip bomb stops here; 300,000 x 50 is 0.4 GB).
MAX_SHEET_XML_BYTES = 2 << 30
#: The largest decompressed shared-strings part (every text of the workbook) isq reads.
MAX_SHARED_STRINGS_BYTES = 512 << 20
_POW26 = (1, 26, 676)


def _scan_refs(buf: bytes):
    """``(max column, max row, cells without a reference, row elements)`` of a piece of sheet
    XML, vectorised with numpy over every ``r="..."`` attribute (cells ``r="AB12"``, rows ``r="12"``)."""
    a = np.frombuffer(buf, dtype=np.uint8)
    if len(a) < 8:
        return 0, 0, buf.count(b"<c"), buf.count(b"<row")
    nxt = a[2:]  # cells: "<c" then whitespace, ">" or "/"
    n_cells = int(((a[:-2] == 60) & (a[1:-1] == 99) & ((nxt <= 32) | (nxt == 62) | (nxt == 47))).sum())
    # r=" after any whitespace (attributes may be on separate lines)
    pos = np.flatnonzero((a[:-5] <= 32) & (a[1:-4] == 114) & (a[2:-3] == 61) & (a[3:-2] == 34)) + 4
    if not len(pos):
        return 0, 0, n_cells, buf.count(b"<row")
    a = np.concatenate([a, np.zeros(16, dtype=np.uint8)])  # every look-ahead stays inside
    col = np.zeros(len(pos), dtype=np.int64)
    n_let = np.zeros(len(pos), dtype=np.int64)
    going = np.ones(len(pos), dtype=bool)
    for k in range(4):
        ch = a[pos + k]
        is_let = going & (ch >= 65) & (ch <= 90)
        if not is_let.any():
            break
        col = np.where(is_let, col * 26 + (ch.astype(np.int64) - 64), col)
        n_let += is_let
        going &= is_let
    col[n_let > 3] = 1 << 40  # four letters: beyond any sheet
    start = pos + n_let
    row = np.zeros(len(pos), dtype=np.int64)
    going = np.ones(len(pos), dtype=bool)
    for k in range(8):
        ch = a[start + k]
        digit = going & (ch >= 48) & (ch <= 57)
        going &= digit
        if not digit.any():
            break
        row = np.where(digit, row * 10 + (ch.astype(np.int64) - 48), row)
    row[going] = 1 << 40  # eight digits and more: beyond any sheet
    cells = n_let > 0
    n_ref = int(cells.sum())
    return (int(col[cells].max()) if n_ref else 0, int(row.max()), max(0, n_cells - n_ref), buf.count(b"<row"))


def _first_sheet_part(z):
    """The zip member of the workbook's first sheet (what pandas/calamine read as sheet 0)."""
    names = set(z.namelist())
    try:
        wb = z.read("xl/workbook.xml")[:1 << 20]
        rels = z.read("xl/_rels/workbook.xml.rels")[:1 << 20]
        rid = re.search(rb'<sheet\b[^>]*?\br:id="([^"]+)"', wb) or re.search(rb'<sheet\b[^>]*?\bid="([^"]+)"', wb)
        for m in re.finditer(rb"<Relationship\b[^>]*>", rels):
            tag = m.group(0)
            if rid and re.search(rb'\bId="' + re.escape(rid.group(1)) + rb'"', tag):
                target = re.search(rb'\bTarget="([^"]+)"', tag).group(1).decode()
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                if target in names:
                    return [target]
    except (KeyError, AttributeError):
        pass
    return sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))


def xlsx_used_range(path):
    """``(last row, last column, last cell, cells from A1)`` of the first sheet, read from the
    cells themselves (not the declared dimension), streaming: no grid is allocated.

    Cells written without a reference (allowed: they follow the previous one) are counted
    conservatively: the row may be that many cells wider, the sheet that many rows longer.
    """
    import zipfile

    max_col = max_row = unref = row_elems = widest = 0
    with zipfile.ZipFile(path) as z:
        parts = _first_sheet_part(z)
        if not parts:
            names = z.namelist()
            kind = ".xlsb" if any(n.endswith(".bin") for n in names) else (
                ".ods" if "content.xml" in names else None)
            if kind:
                raise _fail(path, f"不支持 {kind} 工作簿，请在 Excel/WPS 中另存为 .xlsx",
                            f"{kind} workbooks are not read; save the file as .xlsx in Excel or WPS")
        for part in parts:
            seen = 0
            with z.open(part) as fh:
                tail = b""
                while True:
                    chunk = fh.read(1 << 20)
                    seen += len(chunk)
                    if seen > MAX_SHEET_XML_BYTES:
                        raise MemoryError(f"the sheet's XML unpacks to more than {MAX_SHEET_XML_BYTES:,} bytes")
                    buf = tail + chunk
                    if chunk:  # an element may straddle chunks: keep the last one for the next
                        cut = buf.rfind(b"<")
                        buf, tail = (buf[:cut], buf[cut:]) if cut > 0 else (buf, b"")
                    c, r, u, n = _scan_refs(buf)
                    max_col, max_row, row_elems = max(max_col, c), max(max_row, r), row_elems + n
                    if u:
                        unref += u
                        widest = max(widest, max(_scan_refs(p)[2] + 1 for p in buf.split(b"</row>")))
                    if not chunk:
                        break
        if "xl/sharedStrings.xml" in z.namelist():  # every text of the workbook: a zip bomb hides here too
            seen = 0
            with z.open("xl/sharedStrings.xml") as fh:
                while chunk := fh.read(1 << 22):
                    seen += len(chunk)
                    if seen > MAX_SHARED_STRINGS_BYTES:
                        raise MemoryError(f"the workbook's texts unpack to more than {MAX_SHARED_STRINGS_BYTES:,} bytes")
    if unref:
        max_col += widest
        max_row = max(max_row, 0) + row_elems
    if not max_col:
        return 0, 0, "", 0
    letters, n = "", min(max_col, 1 << 20)
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    # the grid isq builds starts at A1, so A1 to the last cell is what would be allocated
    return max_row, max_col, f"{letters}{max_row}", max_row * max_col


def _too_large(path, detail_zh, detail_en):
    return _fail(path, f"工作表过大，无法读取：{detail_zh}。请在 Excel 中删除数据之外的空行空列（或远处的单元格）后另存，"
                       "或按部门拆分为多个文件",
                 f"the sheet is too large to read: {detail_en}. Delete the empty rows and columns (or stray far cells) "
                 "beyond the data in Excel and save again, or split the file by department")


def _grid_merged_fill(grid, merged):
    """Give every cell of a merged range the value of its top-left cell (clipped to the grid)."""
    n = len(grid)
    for (r0, c0), (r1, c1) in merged:
        if r0 >= n:
            continue
        row0 = grid[r0]
        v = row0[c0] if c0 < len(row0) else ""
        for r in range(r0, min(r1, n - 1) + 1):
            row = grid[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = v


def _merged_header(grid, merged):
    """Header rows and combined column names of an export whose header uses merged cells.

    问卷星/腾讯问卷 matrix questions: the question text merged across its sub-items in the
    first row, the sub-item labels in the second, single questions merged down both rows.
    Names become ``题干(行标题)``, the layout the readers already know.
    """
    h = 1
    for (r0, c0), (r1, c1) in merged:
        if r0 == 0:
            if r1 > r0:
                h = max(h, r1 + 1)
            elif c1 > c0 and len(grid) > 1:
                h = max(h, 2)
    h = min(h, 3, len(grid))
    if h == 1:
        return 1, None
    names = []
    for c in range(len(grid[0])):
        parts = []
        for r in range(h):
            v = grid[r][c] if c < len(grid[r]) else ""
            t = "" if _is_blank(v) else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip())
            if t and t not in parts:
                parts.append(t)
        names.append(parts[0] + "".join(f"({p})" for p in parts[1:]) if parts else "")
    return h, names


def _cell_text(v) -> str:
    if _is_blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _is_label(v) -> bool:
    """A header label, not an answer: text that is not a number, a date or a time."""
    if _is_blank(v) or isinstance(v, (int, float, np.number)) or hasattr(v, "isoformat"):
        return False
    t = str(v).strip()
    if not t:
        return False
    try:
        float(t)
        return False
    except ValueError:
        return not _DATA_LIKE.match(t)


_DATA_LIKE = re.compile(r"^[\d\s:/.\-+]+$")  # 2026/11/02 09:00:00, 12:30, 3-4


def two_row_header(row1, row2, path=None):
    """Combined column names of a two-row header *without* merged cells, or None.

    问卷星/腾讯问卷 exports of a matrix question put the question in row 1 over its first
    sub-item, and row 1 is left blank (or the question repeated) over the other sub-items,
    whose labels are in row 2; single questions have nothing (or themselves again) in row 2.
    Row 2 is a header row when every such spanned column has a text label in row 2 and every
    single question's row-2 cell is blank or repeats row 1; a single question with a value in
    row 2 makes row 2 the first answer row (a one-row header with an empty cell). Names become
    ``题干(行标题)`` as for merged headers. When row 1 has spanned columns but no single
    question to tell by, and row 2 holds only text, the layout is ambiguous: an
    :class:`IsqDataError` names the file, the row and the columns.
    """
    width = max(len(row1), len(row2))
    t1 = [_cell_text(row1[c]) if c < len(row1) else "" for c in range(width)]
    r2 = [row2[c] if c < len(row2) else None for c in range(width)]
    t2 = [_cell_text(v) for v in r2]
    owner, spanned, cur = [None] * width, [], None
    for c in range(width):
        if t1[c] and not (c and cur is not None and t1[c] == t1[c - 1]):
            cur = c  # a new question starts here
        elif cur is not None:  # blank, or the question repeated: a further sub-item of ``cur``
            spanned.append(c)
        owner[c] = cur
    if not spanned or not all(_is_label(r2[c]) for c in spanned):
        return None
    heads = {owner[c] for c in spanned}
    singles = [c for c in range(width) if t1[c] and owner[c] == c and c not in heads]
    if any(t2[c] and t2[c] != t1[c] for c in singles):
        return None  # a single question answered in row 2: row 2 is data
    if not singles:
        cols = ", ".join(_column_letter(c) for c in sorted(heads | set(spanned))[:6])
        raise _fail(path, f"无法判断表头占一行还是两行：第 1 行在 {cols} 列有空白或重复的表头，第 2 行全是文字，"
                          "且没有单选题列可供判断。请把表头整理为一行（或在 Excel 中合并第 1 行的题干单元格）后重新保存",
                    f"cannot tell whether the header is one row or two: row 1 has blank or repeated header cells in "
                    f"columns {cols}, row 2 holds only text, and no single-question column tells which. Make the "
                    "header one row (or merge the question cells of row 1 in Excel) and save again", row=2,
                    column=_column_letter(min(heads | set(spanned))))
    names = []
    for c in range(width):
        q = t1[owner[c]] if owner[c] is not None else t1[c]
        sub = t2[c] if (c in heads or c in spanned) and t2[c] != q else ""
        names.append(f"{q}({sub})" if q and sub else (q or sub))
    return names


def _column_letter(c: int) -> str:
    letters, n = "", c + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


TWO_ROW_NOTE = ("表头占 2 行（第 1 行为题干，第 2 行为矩阵题的子项），列名由两行合并而成 (the header spans 2 rows: "
                "questions in row 1, matrix sub-items in row 2; column names combine them)")


def _read_excel(path, fmt):
    """xlsx/xls/xlsb/ods through calamine (Rust: bounded time), after a streaming check
    of the used range (a stray far cell would otherwise make it allocate terabytes)."""
    import zipfile

    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:
        raise _fail(path, "读取 Excel 文件需要安装 python-calamine",
                    f"reading Excel files needs the package python-calamine: {exc}") from None
    try:
        if fmt == "xlsx":
            last_row, last_col, last_cell, area = xlsx_used_range(path)
            if area > MAX_SHEET_CELLS:
                raise _too_large(path, f"已用区域延伸到单元格 {last_cell}（{area:,} 个单元格），上限为 {MAX_SHEET_CELLS:,}",
                                 f"its used range reaches cell {last_cell} ({area:,} cells; the limit is "
                                 f"{MAX_SHEET_CELLS:,})")
        wb = CalamineWorkbook.from_path(str(path))
        sheet = wb.get_sheet_by_index(0)
        grid = sheet.to_python(skip_empty_area=False)
        merged = list(sheet.merged_cell_ranges or [])
        del sheet, wb  # free calamine's own copy of the sheet before the frame is built
    except IsqDataError:
        raise
    except MemoryError as exc:
        detail = str(exc)
        raise _too_large(path, "解压后的内容过大" if detail else "内存不足",
                         detail or "not enough memory") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError) as exc:
        name = type(exc).__name__
        raise _fail(path, f"无法读取 Excel 文件，文件可能已损坏或被截断（{name}）",
                    f"cannot read the Excel file; it may be corrupt or truncated ({name}: {exc}). "
                    "Open it in Excel and save it again, or export it again") from None
    except Exception as exc:  # CalamineError, XmlError, ... from a damaged workbook
        name = type(exc).__name__
        raise _fail(path, f"无法读取 Excel 文件，文件可能已损坏或被截断（{name}）",
                    f"cannot read the Excel file; it may be corrupt or truncated ({name}: {exc}). "
                    "Open it in Excel and save it again, or export it again") from None
    notes = []
    if merged:
        _grid_merged_fill(grid, merged)
        h, names = _merged_header(grid, merged)
        if h > 1:
            notes.append(f"表头占 {h} 行（合并单元格），列名由各行合并而成 (the header spans {h} rows of merged "
                         "cells; column names combine them)")
        else:
            names = None
    else:
        h, names = 1, None
        if len(grid) > 1 and (names := two_row_header(grid[0], grid[1], path)) is not None:
            h = 2
            notes.append(TWO_ROW_NOTE)
    frame, rows, hnotes = _frame_from_grid(grid, header_rows=h, header=names)
    del grid
    return frame, rows, notes + hnotes, h


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


def as_text(values):
    """Object array -> array of str ('' for missing); 3.0 -> '3'; dates in ISO form."""
    ser = pd.Series(values, dtype=object)
    codes, uniq = pd.factorize(ser, use_na_sentinel=True)
    conv = []
    for v in uniq:
        if isinstance(v, float):
            conv.append("" if np.isnan(v) else (str(int(v)) if v.is_integer() else str(v)))
        elif hasattr(v, "isoformat"):
            conv.append(v.isoformat(sep=" ") if hasattr(v, "hour") else v.isoformat())
        else:
            conv.append(str(v).strip())
    conv.append("")
    return np.asarray(conv, dtype=object)[codes]


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
            decode_bytes(path, data)  # a text export saved with an Excel extension
            is_text = True
        except IsqDataError:
            is_text = False
        if not is_text:
            raise _fail(path, f"文件扩展名是 {ext}，但内容不是有效的 {ext} 文件（已损坏或被截断）",
                        f"the extension is {ext} but the content is not a valid {ext} file (corrupt or truncated)")
    enc, labels, vlabels, bad, notes, header_rows = None, {}, {}, {}, [], 1
    if fmt == "csv":
        frame, rows, enc, bad, notes, header_rows = _read_csv(path, data)
    elif fmt in ("xlsx", "xls"):
        del data  # the workbook is read from the file, in bounded memory
        frame, rows, notes, header_rows = _read_excel(path, fmt)
    else:
        frame, rows, labels, vlabels = _read_sav(path)
    if frame is None:
        raise _fail(path, "文件为空，没有表头也没有数据", "the file is empty: no header and no data")
    return RawTable(frame, rows, fmt, enc, labels, vlabels, bad, header_rows, notes)


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
