"""Write the bad-file corpus next to this script (``python tests/bad_files/make_bad_files.py``).

Each case is a small file with one kind of problem; ``CASES`` (in ``cases.py``) says what
``isq.read_survey`` must answer. Deterministic: re-running gives byte-identical files.
The legacy ``.xls`` fixture is written only when ``xlwt`` is installed (it is committed).
"""

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
HEAD = "respondent,department,provider,PR1,PR2,PR3,PR4\n"


def _xlsx_bytes(rows):
    from isq.data.exports import _save_xlsx

    tmp = HERE / "_tmp.xlsx"
    _save_xlsx({"Sheet1": rows}, tmp)
    data = tmp.read_bytes()
    tmp.unlink()
    return data


def files():
    ok_rows = [["respondent", "department", "provider", "PR1", "PR2", "PR3", "PR4"],
               ["R1", "SAL", "IT", 5, 4, 4, 3], ["R2", "HR", "IT", 4, 4, 4, 4]]
    xlsx = _xlsx_bytes(ok_rows)
    out = {
        "empty.csv": b"",
        "blank_lines.csv": b"\n\n  \n",
        "header_only.csv": HEAD.encode(),
        "truncated.xlsx": xlsx[: len(xlsx) // 2],
        "garbage.xlsx": bytes(range(256)) * 4,
        "html_as.xls": "<html><body><table><tr><td>序号</td></tr></table></body></html>".encode("utf-8"),
        "undecodable.csv": HEAD.encode() + b"R1,SAL,IT,5,4,4,\xff\xfe\xfa\n",
        "missing_column.csv": "respondent,department,PR1,PR2,PR3,PR4\nR1,SAL,5,4,4,3\n".encode(),
        "no_instrument_columns.csv": "姓名,年龄\n张三,30\n".encode(),
        "ragged.csv": (HEAD + "R1,SAL,IT,5,4,4,3\nR2,HR,IT,4,4,4,4,5,\"extra\"\nR3,FIN,IT,3,3,3,3\n").encode(),
        "bad_answers.csv": (HEAD + "R1,SAL,IT,9,abc,3.5,很棒\nR2,HR,IT,4,非常好,很好,0\n").encode(),
        "duplicate_ids.csv": (HEAD + "R1,SAL,IT,5,4,4,3\nR2,HR,IT,4,4,4,4\nR1,SAL,IT,1,1,1,1\n").encode(),
        "own_department.csv": (HEAD + "R1,SAL,IT,5,4,4,3\nR2,IT,IT,4,4,4,4\n").encode(),
        "missing_id.csv": (HEAD + "R1,SAL,IT,5,4,4,3\n,HR,IT,4,4,4,4\n").encode(),
        "empty_row.csv": (HEAD + "R1,SAL,IT,5,4,4,3\n,,,,,,\nR2,HR,IT,4,4,4,4\n").encode(),
        "no_answers.csv": (HEAD + "R1,SAL,IT,5,4,4,3\nR2,HR,IT,,,,\n").encode(),
        "limesurvey_incomplete.csv": (
            "id,submitdate,lastpage,startlanguage,respondent,department,provider,PR1,PR2,PR3,PR4\n"
            "1,2026-11-02 09:00:00,2,zh-Hans,R1,SAL,IT,5,4,4,3\n2,,1,zh-Hans,R2,HR,IT,4,,,\n").encode(),
        "truncated.sav": None,  # filled below from a real .sav
    }
    import pandas as pd
    import pyreadstat

    tmp = HERE / "_tmp.sav"
    pyreadstat.write_sav(pd.DataFrame({"respondent": ["R1", "R2"], "department": ["SAL", "HR"],
                                       "provider": ["IT", "IT"], "PR1": [5.0, 4.0]}), str(tmp))
    data = bytearray(tmp.read_bytes())
    tmp.unlink()
    data[92:109] = b"02 Nov 2609:00:00"  # pin the SPSS header's creation date and time
    out["truncated.sav"] = data[: len(data) // 3]
    return out


def write_legacy_xls(path):
    """A small 问卷星-style legacy .xls (needs xlwt; the file is committed)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    rows = [["序号", "提交答卷时间", "所用时间", "1、员工编号", "2、您所在的部门", "3、被评价部门",
             "4(响应及时)", "4(专业能力)", "4(服务态度)", "4(协作配合)"],
            [1, "2026/11/02 09:00:00", "120秒", "R1", "SAL", "IT", "很好", "较好", "(跳过)", "一般"],
            [2, "2026/11/02 09:05:00", "95秒", "R2", "HR", "IT", "较差", "很好", "很好", "很好"]]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            ws.write(i, j, v)
    wb.save(str(path))


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
    try:
        write_legacy_xls(HERE / "wjx_legacy.xls")
    except ImportError:
        print("xlwt not installed: wjx_legacy.xls kept as committed")
    print(f"wrote {len(files())} files to {HERE}")
