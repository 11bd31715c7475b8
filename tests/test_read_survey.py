"""read_survey: every platform layout, encodings, the bad-file corpus and fuzzing.

The reference for the round trip is the demo company's own tidy table
(``isq.load_demo("servqual")``, pre wave): every export written by
``isq.data.exports.write_demo_exports`` must read back to exactly those responses.
Layouts follow ../shared/ECOSYSTEM.md (问卷星 text/code flavours, 腾讯问卷, Qualtrics with
three header rows, LimeSurvey with empty submitdate for incomplete responses).
"""

import hashlib
import io
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import isq
from isq import IsqDataError
from isq.data.exports import EXPORT_LAYOUTS, write_demo_exports

BAD = Path(__file__).parent / "bad_files"
COLS = ["respondent", "department", "provider", "wave", "item", "dimension", "expectation", "perception", "adequate"]
PLATFORM_OF = {
    "wjx_text": "wjx", "wjx_code": "wjx", "tencent": "tencent", "qualtrics": "qualtrics",
    "limesurvey": "limesurvey", "excel": "excel", "gbk_csv": "csv", "utf8bom_csv": "csv", "spss": "spss",
}


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    files = write_demo_exports(out)
    return dict(zip(EXPORT_LAYOUTS, files))


@pytest.fixture(scope="module")
def reference():
    sq = isq.load_demo("servqual")
    ref = sq[sq["wave"] == "pre"][COLS].astype({"adequate": float})
    return ref.sort_values(["respondent", "provider", "item"]).reset_index(drop=True)


def _sorted(df):
    return df[COLS].sort_values(["respondent", "provider", "item"]).reset_index(drop=True)


@pytest.mark.parametrize("layout", list(EXPORT_LAYOUTS))
def test_every_export_reads_back_to_the_demo_responses(exports, reference, layout):
    res = isq.read_survey(exports[layout])
    assert res.platform == PLATFORM_OF[layout]
    assert res.instrument.name == "servqual"
    assert list(res.responses.columns) == COLS
    pd.testing.assert_frame_equal(_sorted(res.responses), reference, check_dtype=False)
    rep = res.report
    assert rep.rows_kept + rep.rows_excluded == rep.rows_read
    assert rep.rows_kept == 320  # 160 respondents x 2 providers
    assert rep.cells_excluded == 0
    # the extra question (level) is carried in .extra, not lost
    assert len(res.extra) == 320 and res.extra.shape[1] == 2


def test_limesurvey_incomplete_responses_are_excluded_and_counted(exports):
    rep = isq.read_survey(exports["limesurvey"]).report
    assert (rep.rows_read, rep.rows_kept, rep.rows_excluded) == (322, 320, 2)
    ex = rep.excluded
    assert ex["row"].tolist() == [322, 323]
    assert set(ex["problem"]) == {"incomplete"} and set(ex["column"]) == {"submitdate"}
    assert ex["reason"].iloc[0] == "未完成的答卷（submitdate 为空） (incomplete response (empty submitdate))"


def test_exports_are_byte_identical_on_rerun(exports, tmp_path):
    again = write_demo_exports(tmp_path)
    for f in again:
        assert hashlib.sha256(f.read_bytes()).digest() == hashlib.sha256(exports[
            next(k for k, v in EXPORT_LAYOUTS.items() if v == f.name)].read_bytes()).digest(), f.name


def test_spss_value_labels_kept(exports):
    res = isq.read_survey(exports["spss"])
    assert res.value_labels["SQ01_E"][7.0] == "非常同意"


def test_qualtrics_rows_count_three_header_rows(exports, tmp_path):
    text = exports["qualtrics"].read_text(encoding="utf-8-sig").splitlines()
    fields = text[3].split(",")
    fields[20] = "8"  # an out-of-range answer in the first data row
    text[3] = ",".join(fields)
    f = tmp_path / "q.csv"
    f.write_text("\n".join(text) + "\n", encoding="utf-8-sig")
    ex = isq.read_survey(f).report.excluded
    assert ex[["row", "column", "value", "problem"]].values.tolist() == [[4, "Q6_5", "8", "out_of_range"]]


# --------------------------------------------------------------------------- encodings

CSV_TEXT = ("员工编号,您所在的部门,被评价部门,响应及时,专业能力,服务态度,协作配合\n"
            "R1,销售部,信息技术部,很好,4,较好,3\nR2,人力资源部,信息技术部,一般,较差,很好,5\n")


@pytest.mark.parametrize("encoding, detected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")])
def test_encoding_detection(tmp_path, encoding, detected):
    f = tmp_path / "x.csv"
    f.write_bytes(CSV_TEXT.encode(encoding))
    res = isq.read_survey(f)
    assert res.report.encoding == detected
    assert res.instrument.name == "peer_ratings"
    assert res.responses["rater_department"].iloc[0] == "销售部"
    assert res.responses["score"].tolist() == [5, 4, 4, 3, 3, 2, 5, 5]


# --------------------------------------------------------------------------- wjx details


def test_wjx_matrix_skips_and_multiselect(tmp_path):
    """问卷星 text flavour: "第N题(行标题)" sub-items, (跳过) skips, ┋ multi-select answers."""
    head = ["序号", "提交答卷时间", "所用时间", "1、员工编号", "2、您所在的部门", "3、被评价部门", "4、您通过哪些渠道联系该部门？"]
    head += [f"第5题({w})" for w in ["响应及时", "专业能力", "服务态度", "协作配合"]]
    rows = [[1, "2026/11/02 09:00:00", "120秒", "R1", "SAL", "IT", "电话┋邮件", "很好", "(跳过)", "较好", "一般"],
            [2, "2026/11/02 09:01:00", "98秒", "R2", "HR", "IT", "当面", "较差", "很好┋较好", "(空)", "很好"]]
    f = tmp_path / "wjx.csv"
    pd.DataFrame(rows, columns=head).to_csv(f, index=False)
    res = isq.read_survey(f)
    assert res.platform == "wjx" and res.instrument.name == "peer_ratings"
    assert res.report.skipped == 2
    assert res.responses["score"].tolist() == [5, 4, 3, 2, 5]
    assert res.extra["4、您通过哪些渠道联系该部门？"].tolist() == [["电话", "邮件"], "当面"]
    ex = res.report.excluded
    assert ex[["row", "column", "value", "problem"]].values.tolist() == [[3, "第5题(专业能力)", "很好┋较好", "multi_answer"]]


def test_wjx_code_flavour_minus_three_is_a_skip(tmp_path):
    head = ["序号", "提交答卷时间", "1、员工编号", "2、您所在的部门", "3、被评价部门", "4(PR1)", "4(PR2)", "4(PR3)", "4(PR4)"]
    f = tmp_path / "wjx_code.csv"
    pd.DataFrame([[1, "t", "R1", "SAL", "IT", 5, -3, -2, 4]], columns=head).to_csv(f, index=False)
    res = isq.read_survey(f, instrument="peer_ratings")
    assert res.report.skipped == 2 and res.report.cells_excluded == 0
    assert res.responses["item"].tolist() == ["PR1", "PR4"]


def test_legacy_xls():
    res = isq.read_survey(BAD / "wjx_legacy.xls")
    assert res.platform == "wjx" and res.report.rows_kept == 2
    assert res.responses.query("respondent == 'R1'")["score"].tolist() == [5, 4, 3]


def test_satisfaction_is_wide_and_kano_long(tmp_path):
    f = tmp_path / "sat.csv"
    f.write_text("respondent,department,provider,NPS,CSAT,CES\nR1,SAL,IT,9,满意,6\nR2,HR,IT,11,5,7\n", encoding="utf-8")
    res = isq.read_survey(f)
    assert res.instrument.name == "satisfaction"
    assert res.responses.columns.tolist() == ["respondent", "department", "provider", "nps", "csat", "ces"]
    assert res.responses["csat"].tolist() == [4, 5] and np.isnan(res.responses["nps"].iloc[1])
    k = tmp_path / "kano.csv"
    k.write_text("员工编号,您所在的部门,如果提供「付款准确无差错」，您感觉如何？,如果不提供「付款准确无差错」，您感觉如何？\n"
                 "R1,SAL,理应如此,我很不喜欢\n", encoding="utf-8")
    kr = isq.read_survey(k)
    assert kr.instrument.name == "kano"
    assert kr.responses[["feature", "functional", "dysfunctional"]].values.tolist() == [["K08", 2.0, 5.0]]


def test_mapping_dict_yaml_and_csv(tmp_path):
    f = tmp_path / "odd.csv"
    f.write_text("who,from,to,a,b,c,d\nR1,1,2,5,4,4,3\n", encoding="utf-8")
    cols = {"who": "respondent", "from": "rater_department", "to": "provider", "a": "PR1", "b": "PR2", "c": "PR3", "d": "PR4"}
    values = {"rater_department": {1: "SAL", 2: "IT"}, "provider": {1: "SAL", 2: "IT"}}
    res = isq.read_survey(f, instrument="peer_ratings", mapping={"columns": cols, "values": values})
    assert res.responses[["rater_department", "provider"]].iloc[0].tolist() == ["SAL", "IT"]
    y = tmp_path / "map.yaml"
    import yaml

    y.write_text(yaml.safe_dump({"instrument": "peer_ratings", "columns": cols}, allow_unicode=True), encoding="utf-8")
    assert isq.read_survey(f, mapping=y).responses["score"].tolist() == [5, 4, 4, 3]
    c = tmp_path / "map.csv"
    pd.DataFrame({"column": list(cols), "target": list(cols.values())}).to_csv(c, index=False)
    assert isq.read_survey(f, instrument="peer_ratings", mapping=c).report.rows_kept == 1
    with pytest.raises(IsqDataError, match=r"odd\.csv', column 'a': the mapping sends column 'a' to 'PR9'"):
        isq.read_survey(f, instrument="peer_ratings", mapping={**cols, "a": "PR9"})


# --------------------------------------------------------------------------- bad files

EXPECTED_ERRORS = {
    "empty.csv": r"empty\.csv': 文件为空，没有表头也没有数据 \(the file is empty: no header and no data\)",
    "blank_lines.csv": r"blank_lines\.csv': 文件为空",
    "truncated.xlsx": r"truncated\.xlsx': 无法读取 Excel 文件，文件可能已损坏或被截断（BadZipFile）",
    "garbage.xlsx": r"garbage\.xlsx': 文件扩展名是 \.xlsx，但内容不是有效的 \.xlsx 文件",
    "html_as.xls": r"html_as\.xls': 文件内容是 HTML/XML 而不是 CSV 或 Excel 表格",
    "undecodable.csv": r"undecodable\.csv', row 2: 无法识别文件编码：第 2 行（字节 63）既不是 UTF-8 也不是 GBK/GB18030",
    "missing_column.csv": r"missing_column\.csv': 缺少必需的列：被评价部门 \(provider\).*"
                          r"missing required columns for instrument 'peer_ratings': provider",
    "truncated.sav": r"truncated\.sav': 无法读取 SPSS 文件，文件可能已损坏或被截断（ReadstatError）",
}
EXPECTED_EXCLUDED = {
    # file: (rows_read, rows_kept, [(row, column, value, problem), ...])
    "header_only.csv": (0, 0, []),
    "bad_answers.csv": (2, 1, [(2, "", "", "no_answers"), (2, "PR1", "9", "out_of_range"),
                               (2, "PR2", "abc", "not_a_number"), (2, "PR3", "3.5", "not_whole"),
                               (2, "PR4", "很棒", "not_a_number"), (3, "PR2", "非常好", "not_a_number"),
                               (3, "PR4", "0", "out_of_range")]),
    "duplicate_ids.csv": (3, 2, [(4, "respondent", "R1", "duplicate")]),
    "own_department.csv": (2, 1, [(3, "provider", "IT", "own_department")]),
    "missing_id.csv": (2, 1, [(3, "respondent", "", "missing_field")]),
    "empty_row.csv": (3, 2, [(3, "", "", "empty_row")]),
    "no_answers.csv": (2, 1, [(3, "", "", "no_answers")]),
    "ragged.csv": (3, 2, [(3, "", '5,extra', "malformed")]),
    "limesurvey_incomplete.csv": (2, 1, [(3, "submitdate", "", "incomplete")]),
}
REASONS = {
    "duplicate_ids.csv": "重复的答卷：与第 2 行的员工编号、被评价部门相同，保留第一份 "
                         "(duplicate response: same respondent, provider as row 2; the first is kept)",
    "own_department.csv": "受访者评价了自己所在的部门 (the respondent rated their own department)",
    "ragged.csv": "此行有 9 个字段，表头只有 7 列（引号或分隔符错误） (the row has 9 fields but the header has 7 "
                  "(a quote or separator problem))",
}


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_bad_file_raises_clear_error(name):
    with pytest.raises(IsqDataError, match=EXPECTED_ERRORS[name]):
        isq.read_survey(BAD / name, instrument="peer_ratings")


@pytest.mark.parametrize("name", sorted(EXPECTED_EXCLUDED))
def test_bad_file_report(name):
    rows_read, rows_kept, entries = EXPECTED_EXCLUDED[name]
    rep = isq.read_survey(BAD / name, instrument="peer_ratings").report
    assert (rep.rows_read, rep.rows_kept) == (rows_read, rows_kept)
    assert rep.rows_kept + rep.rows_excluded == rep.rows_read
    got = [tuple(r) for r in rep.excluded[["row", "column", "value", "problem"]].values.tolist()]
    assert got == entries
    if name in REASONS:
        assert rep.excluded["reason"].iloc[0] == REASONS[name]


def test_bad_answer_reason_says_what_was_expected():
    ex = isq.read_survey(BAD / "bad_answers.csv", instrument="peer_ratings").report.excluded
    assert ex["reason"].iloc[1] == (
        "答案超出量表范围，应为 1–5 的整数或选项文字 (answer outside the scale; expected a whole number 1–5 "
        "or a label: 1 很差 (Very poor), 2 较差 (Poor), 3 一般 (Fair), 4 较好 (Good), 5 很好 (Very good))")


def test_no_matching_columns_without_instrument():
    with pytest.raises(IsqDataError, match=r"no_instrument_columns\.csv': 没有任何列能对应到问卷题目"):
        isq.read_survey(BAD / "no_instrument_columns.csv")


def test_missing_file():
    with pytest.raises(IsqDataError, match=r"nope\.csv': 文件不存在 \(the file does not exist\)"):
        isq.read_survey(BAD / "nope.csv")


def test_strict_names_file_row_column_value():
    with pytest.raises(IsqDataError, match=r"own_department\.csv', row 3, column 'provider', value 'IT': 受访者评价了自己所在的部门"):
        isq.read_survey(BAD / "own_department.csv", instrument="peer_ratings", strict=True)
    with pytest.raises(IsqDataError, match=r"bad_answers\.csv', row 2: 此行没有任何有效答案"):
        isq.read_survey(BAD / "bad_answers.csv", instrument="peer_ratings", strict=True)
    # incomplete responses are normal in LimeSurvey: strict still only excludes them
    assert isq.read_survey(BAD / "limesurvey_incomplete.csv", instrument="peer_ratings", strict=True).report.rows_kept == 1


# --------------------------------------------------------------------------- fuzzing

SMALL = (BAD / "duplicate_ids.csv").read_bytes() if (BAD / "duplicate_ids.csv").exists() else b""


def _check(path):
    try:
        res = isq.read_survey(path, instrument="peer_ratings")
    except IsqDataError as exc:
        assert str(path.name) in str(exc)
        return
    rep = res.report
    assert rep.rows_kept + rep.rows_excluded == rep.rows_read
    assert rep.excluded.query("scope == 'row'")["row"].is_unique


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_byte_corruption_never_leaks_raw_errors(tmp_path, exports, data):
    layout = data.draw(st.sampled_from(["gbk_csv", "excel", "spss", "qualtrics", "wjx_text"]))
    raw = bytearray(exports[layout].read_bytes()[:40000] if layout.endswith("csv") else exports[layout].read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        op = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if op == "flip":
            raw[pos] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del raw[pos:]
            if not raw:
                break
        else:
            raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=5))
    f = tmp_path / f"fuzz{Path(EXPORT_LAYOUTS[layout]).suffix}"
    f.write_bytes(bytes(raw))
    _check(f)


cell = st.one_of(st.sampled_from(["", "5", "很好", "-3", "(跳过)", "R1", "IT", "SAL", "8", "x┋y", "3.5", "NaN"]),
                 st.text(max_size=6))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(grid=st.lists(st.lists(cell, min_size=7, max_size=7), min_size=0, max_size=12))
def test_random_cells_keep_the_accounting(tmp_path, grid):
    buf = io.StringIO()
    pd.DataFrame(grid, columns=["respondent", "department", "provider", "PR1", "PR2", "PR3", "PR4"]).to_csv(buf, index=False)
    f = tmp_path / "cells.csv"
    f.write_text(buf.getvalue(), encoding="utf-8")
    _check(f)


# --------------------------------------------------------------------------- issue 15: real exports


def _wjx_merged_xlsx(path):
    """问卷星 xlsx as the platform writes a matrix question: the stem merged over its sub-items
    in row 1, the sub-item labels in row 2, single questions merged down both rows."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "提交答卷时间", "1、员工编号", "2、您所在的部门", "3、被评价部门", "4、请评价该部门的服务", None, None, None])
    ws.append([None, None, None, None, None, "响应及时", "专业能力", "服务态度", "协作配合"])
    for c in "ABCDE":
        ws.merge_cells(f"{c}1:{c}2")
    ws.merge_cells("F1:I1")
    ws.append([1, "2026/11/02 09:00:00", "R1", "SAL", "IT", "很好", "较好", "(跳过)", 3])
    ws.append([2, "2026/11/02 09:05:00", "R2", "HR", "IT", 4, 9, 4, 4])
    wb.save(path)
    return path


def test_wjx_merged_two_row_header(tmp_path):
    """Before: a raw ValueError. Now the two header rows combine into 题干(行标题) and the
    first answer is file row 3."""
    res = isq.read_survey(_wjx_merged_xlsx(tmp_path / "wjx.xlsx"))
    assert res.platform == "wjx" and res.instrument.name == "peer_ratings"
    cols = res.report.columns
    assert cols["column"].tolist()[5:] == [f"4、请评价该部门的服务({w})" for w in ["响应及时", "专业能力", "服务态度", "协作配合"]]
    assert cols["target"].tolist()[5:] == ["PR1.score", "PR2.score", "PR3.score", "PR4.score"]
    assert res.responses["score"].tolist() == [5, 4, 3, 4, 4, 4]
    assert res.report.excluded[["row", "column", "value", "problem"]].values.tolist() == [
        [4, "4、请评价该部门的服务(专业能力)", "9", "out_of_range"]]
    assert res.report.notes[0].startswith("表头占 2 行（合并单元格）")


@pytest.mark.parametrize("encoding, sep", [("utf-16", "\t"), ("utf-8", ";"), ("utf-8-sig", "\t"), ("gbk", ";")])
def test_excel_unicode_text_and_delimiters(tmp_path, encoding, sep):
    """Excel's "Unicode text" (UTF-16 with BOM, tab-separated) and semicolon/tab CSVs were
    refused; they read to the same answers as the comma CSV (test_encoding_detection)."""
    f = tmp_path / "x.txt"
    f.write_bytes(CSV_TEXT.replace(",", sep).encode(encoding))
    res = isq.read_survey(f)
    assert res.instrument.name == "peer_ratings"
    assert res.responses["score"].tolist() == [5, 4, 4, 3, 3, 2, 5, 5]
    assert res.responses["rater_department"].iloc[0] == "销售部"


def test_far_cell_is_refused_before_allocating(tmp_path):
    """A 5 KB xlsx with one cell at XFD1048576 made the reader allocate 17 billion cells
    (calamine aborts the process; openpyxl exhausts memory). Checked on the cells themselves."""
    import openpyxl

    from isq.data.platforms import xlsx_used_range

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["respondent", "department", "provider", "PR1"])
    ws.append(["R1", "SAL", "IT", 5])
    ws["XFD1048576"] = 1
    f = tmp_path / "far.xlsx"
    wb.save(f)
    assert f.stat().st_size < 6000
    assert xlsx_used_range(f) == (1048576, 16384, "XFD1048576", 1048576 * 16384)
    with pytest.raises(IsqDataError, match=r"far\.xlsx': 工作表过大，无法读取：已用区域延伸到单元格 XFD1048576"
                                           r"（17,179,869,184 个单元格），上限为 25,000,000"):
        isq.read_survey(f)


def test_memory_error_says_too_large_not_corrupt(tmp_path, monkeypatch):
    import python_calamine

    f = tmp_path / "x.xlsx"
    _wjx_merged_xlsx(f)

    def boom(*a, **k):
        raise MemoryError

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", boom)
    with pytest.raises(IsqDataError, match=r"x\.xlsx': 工作表过大，无法读取：内存不足.*too large to read") as err:
        isq.read_survey(f)
    assert "corrupt" not in str(err.value) and "损坏" not in str(err.value)


@pytest.mark.parametrize("layout", ["wjx_text", "wjx_code", "tencent", "excel"])
def test_calamine_grid_equals_openpyxl(exports, layout):
    """Reference implementation: the cells isq reads with calamine are the cells pandas reads
    with openpyxl (the engine isq used before), header and every answer."""
    from isq.data.platforms import as_text, read_raw

    path = exports[layout]
    raw = read_raw(path)
    ref = pd.read_excel(path, engine="openpyxl", header=None, dtype=object)
    assert list(raw.frame.columns) == [str(c) for c in ref.iloc[0]]
    assert len(raw.frame) == len(ref) - 1 and raw.rows[0] == 2
    for j, c in enumerate(raw.frame.columns):
        assert as_text(raw.frame[c].to_numpy()).tolist() == as_text(ref.iloc[1:, j].to_numpy()).tolist(), c


def test_bench_workbook_reads_back(tmp_path):
    """The 300k-row benchmark workbook writer (plain XML), at 200 rows: isq reads every answer."""
    from benchmarks.bench_read import write_big_xlsx

    f = write_big_xlsx(tmp_path / "big.xlsx", 200)
    res = isq.read_survey(f)
    assert res.platform == "wjx" and res.instrument.name == "servqual"
    assert (res.report.rows_read, res.report.rows_kept, len(res.report.excluded)) == (200, 200, 0)
    assert len(res.responses) == 200 * 22 and res.responses["expectation"].between(1, 7).all()
    ref = pd.read_excel(f, engine="openpyxl", dtype=object)
    assert res.responses.groupby("respondent", sort=True)["perception"].sum().tolist() == \
        ref.set_index("1、员工编号").sort_index().iloc[:, -22:].sum(axis=1).astype(float).tolist()
