"""Write a tidy SERVQUAL table in the layouts real survey platforms export.

The demo company's pre-wave SERVQUAL survey is written in every layout that
:func:`isq.read_survey` reads (``write_demo_exports``), so a consultant can see what each
platform's file looks like and the tests can check that every layout reads back to the
same responses. Files are byte-identical on every run: workbook timestamps and ZIP entry
dates are fixed, and the SPSS header's creation date is pinned.

Layouts (file name: what it imitates)
-------------------------------------
``servqual_wjx_text.xlsx``   问卷星, 按选项文本: answer labels, skipped = (跳过)
``servqual_wjx_code.xlsx``   问卷星, 按选项序号: codes, skipped = -3
``servqual_tencent.xlsx``    腾讯问卷: 编号, 开始/结束答题时间, 答题时长; "N.期望—行标题"
``servqual_qualtrics.csv``   Qualtrics: three header rows, matrix items Qn_k
``servqual_limesurvey.csv``  LimeSurvey: id, submitdate, Qn[SQ00k], plus incomplete responses
``servqual_plain.xlsx``      an HR-typed sheet: respondent, ..., SQ01_E, SQ01_P, SQ01_A
``servqual_gbk.csv``         a GBK-encoded CSV with Chinese headers (期望_SQ01)
``servqual_utf8bom.csv``     a UTF-8-with-BOM CSV with English headers (SQ01 expectation)
``servqual.sav``             SPSS: variable labels and value labels
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .demo import load_demo
from .instruments import load_instrument

__all__ = ["servqual_wide", "write_export", "write_demo_exports", "EXPORT_LAYOUTS"]

EXPORT_LAYOUTS = {
    "wjx_text": "servqual_wjx_text.xlsx",
    "wjx_code": "servqual_wjx_code.xlsx",
    "tencent": "servqual_tencent.xlsx",
    "qualtrics": "servqual_qualtrics.csv",
    "limesurvey": "servqual_limesurvey.csv",
    "excel": "servqual_plain.xlsx",
    "gbk_csv": "servqual_gbk.csv",
    "utf8bom_csv": "servqual_utf8bom.csv",
    "spss": "servqual.sav",
}
_PARTS = ("expectation", "perception", "adequate")
_SUFFIX = {"expectation": "E", "perception": "P", "adequate": "A"}
_LEVEL_ZH = {"staff": "员工", "manager": "经理"}
_LEVEL_CODE = {"staff": 1, "manager": 2}
_FIXED_DATE = (2026, 11, 2, 9, 0, 0)
_SAV_DATE, _SAV_TIME = b"02 Nov 26", b"09:00:00"


def servqual_wide(servqual, respondents=None):
    """One row per respondent × provider (× wave): fields, level, then E/P/A per item.

    Columns: ``respondent, department, provider, wave, level`` and
    ``SQ01_E … SQ22_E, SQ01_P …, SQ01_A …`` (floats, NaN when not answered).
    """
    sq = load_instrument("servqual")
    keys = ["respondent", "department", "provider", "wave"]
    parts = [p for p in _PARTS if p in servqual.columns]
    wide = servqual.set_index(keys + ["item"])[parts].unstack("item")
    out = wide.index.to_frame(index=False)
    out = out.astype({k: "str" for k in keys})
    for p in parts:
        for code in sq.item_codes:
            out[f"{code}_{_SUFFIX[p]}"] = wide[(p, code)].to_numpy(dtype=float) if (p, code) in wide else np.nan
    if respondents is not None:
        level = respondents.set_index("respondent")["level"]
        out.insert(4, "level", out["respondent"].map(level).astype("str"))
    else:
        out.insert(4, "level", "staff")
    return out.sort_values(["respondent", "provider", "wave"]).reset_index(drop=True)


# --------------------------------------------------------------------------- helpers


def _parts_of(wide):
    return [p for p in _PARTS if f"SQ01_{_SUFFIX[p]}" in wide.columns]


def _codes(col):
    """float column -> list of int or None."""
    return [None if pd.isna(v) else int(v) for v in col]


def _stamp(i, base_minute=0):
    sec = 9 * 3600 + (i * 137 + base_minute * 60) % (8 * 3600)
    return f"2026/11/02 {sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def _save_xlsx(sheets, path):
    """Write {sheet: list of rows} deterministically (fixed properties and ZIP dates)."""
    import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    first = True
    for name, rows in sheets.items():
        if not first:
            ws = wb.create_sheet()
        ws.title, first = name, False
        for row in rows:
            ws.append(row)
    fixed = datetime.datetime(*_FIXED_DATE)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "isq"
    buf = io.BytesIO()
    wb.save(buf)
    _rezip(buf.getvalue(), path)


def _rezip(data, path):
    """Re-pack a ZIP with fixed entry dates and a stable order (byte-identical output)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2026-11-02T09:00:00Z\g<2>", content)
                content = re.sub(rb"(<dcterms:created[^>]*>)[^<]*(<)", rb"\g<1>2026-11-02T09:00:00Z\g<2>", content)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, content)
    Path(path).write_bytes(out.getvalue())


def _write_csv(rows, path, encoding):
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    Path(path).write_bytes(buf.getvalue().encode(encoding))


def _label(scale, code):
    return scale.labels[code]["zh"]


# --------------------------------------------------------------------------- layouts


def _wjx(wide, path, flavour):
    sq = load_instrument("servqual")
    scale = sq.scales["agree7"]
    parts = _parts_of(wide)
    header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP",
              "1、员工编号", "2、您所在的部门", "3、您评价的服务部门", "4、调查轮次", "5、您的职级"]
    for q, p in enumerate(parts, start=6):
        header += [f"{q}({it.zh})" for it in sq.items]
    rows = [header]
    for i, r in enumerate(wide.itertuples(index=False)):
        level = _LEVEL_ZH.get(r.level, r.level) if flavour == "text" else _LEVEL_CODE.get(r.level, r.level)
        row = [i + 1, _stamp(i), f"{120 + (i * 37) % 400}秒", "手机提交" if i % 3 else "链接", "直接访问",
               f"10.{i // 250 % 250}.{i % 250}.{(i * 7) % 250}(内网)", r.respondent, r.department, r.provider, r.wave, level]
        for p in parts:
            for code in sq.item_codes:
                v = getattr(r, f"{code}_{_SUFFIX[p]}")
                if pd.isna(v):
                    row.append("(跳过)" if flavour == "text" else -3)
                else:
                    row.append(_label(scale, int(v)) if flavour == "text" else int(v))
        rows.append(row)
    _save_xlsx({"Sheet1": rows}, path)


def _tencent(wide, path):
    sq = load_instrument("servqual")
    scale = sq.scales["agree7"]
    parts = _parts_of(wide)
    header = ["编号", "开始答题时间", "结束答题时间", "答题时长", "用户标识",
              "1.员工编号", "2.您所在的部门", "3.您评价的服务部门", "4.调查轮次", "5.您的职级"]
    for q, p in enumerate(parts, start=6):
        header += [f"{q}.{sq.parts[p].zh}—{it.zh}" for it in sq.items]
    rows = [header]
    for i, r in enumerate(wide.itertuples(index=False)):
        start = _stamp(i)
        row = [1000 + i, start, _stamp(i, base_minute=5), f"{300 + (i * 53) % 300}秒", f"u{(i * 7919) % 100000:05d}",
               r.respondent, r.department, r.provider, r.wave, _LEVEL_ZH.get(r.level, r.level)]
        for p in parts:
            for code in sq.item_codes:
                v = getattr(r, f"{code}_{_SUFFIX[p]}")
                row.append("" if pd.isna(v) else _label(scale, int(v)))
        rows.append(row)
    _save_xlsx({"Sheet1": rows}, path)


def _qualtrics(wide, path):
    sq = load_instrument("servqual")
    parts = _parts_of(wide)
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
            "RecordedDate", "ResponseId", "DistributionChannel", "UserLanguage"]
    tags = meta + ["Q1", "Q2", "Q3", "wave", "Q5"]
    texts = meta[:] + ["员工编号", "您所在的部门", "您评价的服务部门", "wave", "您的职级"]
    imports = [f'{{"ImportId":"{m.lower()}"}}' for m in meta] + [
        '{"ImportId":"QID1_TEXT"}', '{"ImportId":"QID2_TEXT"}', '{"ImportId":"QID3_TEXT"}', '{"ImportId":"wave"}', '{"ImportId":"QID5"}']
    for q, p in enumerate(parts, start=6):
        for k, it in enumerate(sq.items, start=1):
            tags.append(f"Q{q}_{k}")
            texts.append(f"{sq.parts[p].zh} - {it.zh}")
            imports.append(f'{{"ImportId":"QID{q}_{k}"}}')
    rows = [tags, texts, imports]
    for i, r in enumerate(wide.itertuples(index=False)):
        st = _stamp(i).replace("/", "-")
        row = [st, st, "0", "", "100", str(200 + (i * 41) % 500), "1", st, f"R_{(i * 2654435761) % 16**15:015x}",
               "anonymous", "ZH-S", r.respondent, r.department, r.provider, r.wave, str(_LEVEL_CODE.get(r.level, 1))]
        for p in parts:
            row += ["" if c is None else str(c) for c in _codes(getattr(wide, "__getitem__")(
                [f"{code}_{_SUFFIX[p]}" for code in sq.item_codes]).iloc[i])]
        rows.append(row)
    _write_csv(rows, path, "utf-8-sig")


def _limesurvey(wide, path, incomplete=2):
    sq = load_instrument("servqual")
    parts = _parts_of(wide)
    meta = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
    header = meta + ["respondent", "department", "provider", "wave", "level"]
    for q, p in enumerate(parts, start=6):
        header += [f"Q{q}[SQ{k:03d}]" for k in range(1, len(sq.items) + 1)]
    rows = [header]
    cols = [[f"{code}_{_SUFFIX[p]}" for code in sq.item_codes] for p in parts]
    values = [wide[c].to_numpy(dtype=float) for c in cols]

    def answers(i, upto=None):
        out = []
        for m in values:
            out += ["" if np.isnan(v) else str(int(v)) for v in m[i]]
        if upto is not None:
            out = out[:upto] + [""] * (len(out) - upto)
        return out

    n = len(wide)
    for i, r in enumerate(wide.itertuples(index=False)):
        st = _stamp(i).replace("/", "-")
        rows.append([str(i + 1), st, "3", "zh-Hans", str(1000003 * (i + 1) % 99991), st, st,
                     r.respondent, r.department, r.provider, r.wave, r.level] + answers(i))
    # a couple of abandoned responses: empty submitdate, answers stop part-way
    for j in range(min(incomplete, n)):
        i = (j * 7) % n
        r = wide.iloc[i]
        st = _stamp(n + j).replace("/", "-")
        rows.append([str(n + j + 1), "", "1", "zh-Hans", str(77 + j), st, st,
                     r["respondent"], r["department"], r["provider"], r["wave"], r["level"]] + answers(i, upto=10 + j))
    _write_csv(rows, path, "utf-8")


def _plain_rows(wide, header_of):
    sq = load_instrument("servqual")
    parts = _parts_of(wide)
    fields = ["respondent", "department", "provider", "wave", "level"]
    cols = [f"{code}_{_SUFFIX[p]}" for p in parts for code in sq.item_codes]
    rows = [[header_of(f) for f in fields] + [header_of(c) for c in cols]]
    data = [wide[f].tolist() for f in fields] + [_codes(wide[c]) for c in cols]
    rows += [list(r) for r in zip(*data)]
    return rows


def _excel(wide, path):
    _save_xlsx({"responses": _plain_rows(wide, lambda c: c)}, path)


_ZH_FIELDS = {"respondent": "员工编号", "department": "您所在的部门", "provider": "您评价的服务部门",
              "wave": "调查轮次", "level": "职级"}
_EN_FIELDS = {"respondent": "Respondent ID", "department": "Your department", "provider": "Department rated",
              "wave": "Wave", "level": "Level"}
_PART_ZH = {"E": "期望", "P": "感知", "A": "最低可接受水平"}
_PART_EN = {"E": "expectation", "P": "perception", "A": "adequate"}


def _csv(wide, path, fields, item_header, encoding):
    """A platform's CSV: its own header texts (``fields`` for the sheet columns,
    ``item_header(code, part)`` for the answers), empty cells for missing answers."""
    def head(c):
        if c in fields:
            return fields[c]
        code, part = c.split("_")
        return item_header(code, part)

    rows = [["" if v is None else v for v in r] for r in _plain_rows(wide, head)]
    _write_csv(rows, path, encoding)


def _gbk_csv(wide, path):
    _csv(wide, path, _ZH_FIELDS, lambda code, part: f"{_PART_ZH[part]}_{code}", "gbk")


def _utf8bom_csv(wide, path):
    _csv(wide, path, _EN_FIELDS, lambda code, part: f"{code} {_PART_EN[part]}", "utf-8-sig")


def _spss(wide, path):
    import pyreadstat

    sq = load_instrument("servqual")
    scale = sq.scales["agree7"]
    parts = _parts_of(wide)
    names = {"respondent": "resp_id", "department": "dept", "provider": "rated", "wave": "wave", "level": "level"}
    df = pd.DataFrame({names[f]: wide[f].astype(object).to_numpy() for f in names})
    labels = {names[f]: _ZH_FIELDS[f] for f in names}
    vlabels = {}
    for p in parts:
        for it in sq.items:
            col = f"{it.code}_{_SUFFIX[p]}"
            df[col] = wide[col].to_numpy(dtype=float)
            labels[col] = f"{_PART_ZH[_SUFFIX[p]]} - {it.zh}"
            vlabels[col] = {float(c): lab["zh"] for c, lab in scale.labels.items()}
    tmp = Path(path).with_suffix(".sav.tmp")
    pyreadstat.write_sav(df, str(tmp), file_label="isq demo SERVQUAL (pre)", column_labels=labels,
                         variable_value_labels=vlabels)
    data = bytearray(tmp.read_bytes())
    tmp.unlink()
    # SPSS header: "$FL2", product (60), 5 int32, bias (8), creation date (9) at 92, time (8) at 101
    if data[:4] in (b"$FL2", b"$FL3"):
        data[92:101], data[101:109] = _SAV_DATE, _SAV_TIME
    Path(path).write_bytes(bytes(data))


_WRITERS = {
    "wjx_text": lambda w, p: _wjx(w, p, "text"),
    "wjx_code": lambda w, p: _wjx(w, p, "code"),
    "tencent": _tencent,
    "qualtrics": _qualtrics,
    "limesurvey": _limesurvey,
    "excel": _excel,
    "gbk_csv": _gbk_csv,
    "utf8bom_csv": _utf8bom_csv,
    "spss": _spss,
}


def write_export(servqual, path, *, layout, respondents=None):
    """Write a tidy SERVQUAL table (long, as ``isq.load_demo("servqual")``) in one layout.

    Parameters
    ----------
    servqual : DataFrame
        ``respondent, department, provider, wave, item, dimension, expectation,
        perception[, adequate]``.
    path : str or Path
    layout : str
        One of ``EXPORT_LAYOUTS``: wjx_text, wjx_code, tencent, qualtrics, limesurvey,
        excel, gbk_csv, utf8bom_csv, spss.
    respondents : DataFrame, optional
        ``respondent, level``: adds the respondent's level as an extra question.

    Returns
    -------
    pathlib.Path
    """
    from .._validate import check_argument

    check_argument("layout", layout, EXPORT_LAYOUTS)
    wide = servqual_wide(servqual, respondents)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _WRITERS[layout](wide, path)
    return path


def write_demo_exports(out_dir):
    """Write the demo company's pre-wave SERVQUAL survey in every supported layout.

    Returns the list of files written (``EXPORT_LAYOUTS`` order). Byte-identical on re-run.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = isq.data.exports.write_demo_exports(tmp)
    ...     print(len(files), isq.read_survey(files[0]).report.rows_kept)
    9 320
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sq = load_demo("servqual")
    pre = sq[sq["wave"] == "pre"]
    wide = servqual_wide(pre, load_demo("respondents"))
    files = []
    for layout, name in EXPORT_LAYOUTS.items():
        _WRITERS[layout](wide, out / name)
        files.append(out / name)
    return files
