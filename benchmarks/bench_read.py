"""`read_survey` on a 100,000-row export vs a plain pandas read of the same file (isq overhead);
a 300,000-row x 50-column 问卷星 xlsx read by isq (calamine) vs pandas' openpyxl reader.

The large workbook is written once (a plain XML writer: openpyxl would need minutes) into
``$ISQ_BENCH_CACHE`` (default ``~/.cache/isq/bench``) and reused; each big read is timed once.
``ISQ_BENCH_XLSX_ROWS`` changes its size (e.g. 30000 for a quick look).
"""

import os
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

N_ROWS = 100_000
XLSX_ROWS = 10_000  # openpyxl writes/reads ~50k cells/s: a 100k-row workbook would take minutes


def _wide(n, seed=20261122):
    """A SERVQUAL wide table like the demo export: n rows x (5 fields + 66 answers)."""
    import isq
    from isq.data.exports import servqual_wide

    sq = isq.load_demo("servqual")
    wide = servqual_wide(sq[sq["wave"] == "pre"], isq.load_demo("respondents"))
    rng = np.random.default_rng(seed)
    big = wide.iloc[rng.integers(0, len(wide), n)].reset_index(drop=True)
    big["respondent"] = [f"R{i:06d}" for i in range(n)]
    return big


BIG_XLSX_ROWS = int(os.environ.get("ISQ_BENCH_XLSX_ROWS", "300000"))
BIG_XLSX_TARGET_S = 30.0


def write_big_xlsx(path, n_rows, seed=20261203):
    """A 问卷星-style SERVQUAL export: 6 metadata/field columns + 22 expectation + 22
    perception answers (50 columns), numbers as numbers, texts as shared strings."""
    from isq.data.instruments import load_instrument
    inst = load_instrument("servqual")
    heads = ["序号", "提交答卷时间", "1、员工编号", "2、您所在的部门", "3、您评价的服务部门", "4、调查轮次"]
    heads += [f"6({it.zh})" for it in inst.items] + [f"7({it.zh})" for it in inst.items]
    depts = ["PRD", "SAL", "IT", "FIN", "HR", "PUR", "ADM", "LEG"]
    sst = heads + depts + ["pre", "2026/11/02 09:00:00"] + [f"R{i:06d}" for i in range(n_rows)]
    s_head = {h: i for i, h in enumerate(heads)}
    d0 = len(heads); pre = d0 + 8; date = pre + 1; r0 = pre + 2
    def col(i):
        s = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        return s
    letters = [col(i) for i in range(len(heads))]
    rng = np.random.default_rng(seed)
    ans = rng.integers(1, 8, size=(n_rows, 44))
    dep = rng.integers(0, 8, size=(n_rows, 2))
    dep[:, 1] = (dep[:, 0] + 1 + rng.integers(0, 7, n_rows)) % 8
    tmpl = ('<row r="%d">' + f'<c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>{date}</v></c>'
            + '<c r="C%d" t="s"><v>%d</v></c><c r="D%d" t="s"><v>%d</v></c><c r="E%d" t="s"><v>%d</v></c>'
            + f'<c r="F%d" t="s"><v>{pre}</v></c>' + "".join(f'<c r="{L}%d"><v>%d</v></c>' for L in letters[6:]) + "</row>")
    def rows():
        yield '<row r="1">' + "".join(f'<c r="{L}1" t="s"><v>{i}</v></c>' for i, L in enumerate(letters)) + "</row>"
        for i in range(n_rows):
            r = i + 2
            args = [r, r, i + 1, r, r, r0 + i, r, d0 + dep[i, 0], r, d0 + dep[i, 1], r]
            for v in ans[i]:
                args += [r, v]
            yield tmpl % tuple(args)
    from xml.sax.saxutils import escape
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(sst), len(sst)) + "".join(f"<si><t>{escape(s)}</t></si>" for s in sst) + "</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:{letters[-1]}{n_rows + 1}"/><sheetData>'.encode())
            buf = []
            for k, row in enumerate(rows()):
                buf.append(row)
                if len(buf) >= 5000:
                    fh.write("".join(buf).encode()); buf = []
            fh.write(("".join(buf) + "</sheetData></worksheet>").encode())
    return path


def big_xlsx(n_rows=BIG_XLSX_ROWS):
    """The cached large workbook (written on first use)."""
    cache = Path(os.environ.get("ISQ_BENCH_CACHE", Path.home() / ".cache" / "isq" / "bench"))
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"wjx_servqual_{n_rows}x50.xlsx"
    if not path.exists() or not zipfile.is_zipfile(path):
        tmp = path.with_suffix(".part")
        write_big_xlsx(tmp, n_rows)
        tmp.replace(path)
    return path


def _time(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run():
    import isq
    from isq.data.exports import _WRITERS

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        wide = _wide(N_ROWS)
        cases = [("qualtrics", tmp / "big_qualtrics.csv", wide, lambda p: pd.read_csv(p, header=[0], skiprows=[1, 2], dtype=str)),
                 ("gbk_csv", tmp / "big_gbk.csv", wide, lambda p: pd.read_csv(p, encoding="gb18030", dtype=str)),
                 ("wjx_text", tmp / "big_wjx.xlsx", wide.iloc[:XLSX_ROWS], lambda p: pd.read_excel(p, dtype=object))]
        for layout, path, data, baseline in cases:
            _WRITERS[layout](data, path)
            res = isq.read_survey(path)
            ok_rows = res.report.rows_kept == len(data)
            rep = 3 if path.suffix == ".csv" else 1
            isq_s = _time(lambda: isq.read_survey(path), rep)
            base_s = _time(lambda: baseline(path), rep)
            ratio = isq_s / base_s
            rows.append(dict(name=f"read_survey {layout} ({len(data):,} rows)", isq_s=isq_s, baseline_s=base_s,
                             ratio=ratio, what="(isq / pandas read, lower is better)", target="target <= 5",
                             ok=ok_rows and ratio <= 5))
    rows.append(_big_xlsx_row())
    return rows


def _timed(fn):
    """(result, wall seconds, CPU seconds of this process): on a shared machine the CPU time
    is what the reader costs (calamine and openpyxl are single-threaded)."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c


def _big_xlsx_row():
    """isq's read of the large export (calamine, after the far-cell check) against pandas'
    openpyxl reader (what isq used before), once each."""
    import isq

    path = big_xlsx()
    res, isq_s, isq_cpu = _timed(lambda: isq.read_survey(path))
    base, base_s, base_cpu = _timed(lambda: pd.read_excel(path, engine="openpyxl", header=None, dtype=object))
    ok = (res.report.rows_kept == BIG_XLSX_ROWS and len(base) == BIG_XLSX_ROWS + 1
          and min(isq_s, isq_cpu) <= BIG_XLSX_TARGET_S)
    return dict(name=f"read_survey wjx xlsx ({BIG_XLSX_ROWS:,} x 50)", isq_s=isq_s, baseline_s=base_s,
                ratio=base_s / isq_s,
                what=f"(openpyxl / isq, higher is better; CPU isq {isq_cpu:.1f} s, openpyxl {base_cpu:.1f} s)",
                target=f"isq <= {BIG_XLSX_TARGET_S:.0f} s", ok=ok)
