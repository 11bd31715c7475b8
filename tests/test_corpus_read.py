"""A corpus of crafted bad exports, each read through ``isq.read_survey`` and
``isq.read_data_folder`` (issue 15, item 5, the reading part).

For every kind of file the contract is the same: no raw library exception (only an
:class:`isq.IsqDataError` naming the file), ``rows_read == rows_kept + rows_excluded``, and
every excluded row listed with its file, row, column, value and reason. Kinds with a known
right answer also pin the figures (rows read/kept, the row and reason of each exclusion).
The files are generated here (deterministic), not committed. Also here: the YAML loader
against an alias bomb and an oversized file.

Reference for what a correct read is: the same answers written as a plain UTF-8 CSV
(``GOOD``) read by ``read_survey``; each variant that should read must give the same scores.
"""

import io
import re
import zipfile
from pathlib import Path

import pytest

import isq
from isq import IsqDataError

HEAD = ["respondent", "department", "provider", "PR1", "PR2", "PR3", "PR4"]
ROWS = [[f"R{i}", "SAL" if i % 2 else "HR", "IT", str(1 + i % 5), str(1 + (i + 1) % 5), "4", "3"] for i in range(1, 11)]
#: The scores of ROWS as read_survey gives them (long: 4 items per respondent).
GOOD_SCORES = [float(v) for r in ROWS for v in r[3:]]


def _csv(rows, sep=",", end="\n", head=HEAD):
    return end.join(sep.join(r) for r in [head] + rows) + end


def _with(i, line):
    """The good CSV with data row ``i`` (0-based; file line i + 2) replaced by ``line``."""
    rows = [",".join(r) for r in ROWS]
    rows[i] = line
    return "\n".join([",".join(HEAD)] + rows) + "\n"


def _xlsx(rows, *, merge=(), far=None, tweak=None):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for m in merge:
        ws.merge_cells(m)
    if far:
        ws[far] = 1
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if tweak:
        data = _rezip(data, tweak)
    return data


def _rezip(data, tweak):
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for it in src.infolist():
            body = src.read(it.filename)
            if it.filename == "xl/worksheets/sheet1.xml":
                body = tweak(body)
            z.writestr(it.filename, body)
    return out.getvalue()


def _num_rows():
    return [[r[0], r[1], r[2]] + [int(v) for v in r[3:]] for r in ROWS]


WJX_HEAD = [["序号", "提交答卷时间", "1、员工编号", "2、您所在的部门", "3、被评价部门", "4、请评价该部门的服务", None, None, None],
            [None, None, None, None, None, "响应及时", "专业能力", "服务态度", "协作配合"]]


def _wjx_data():
    return [[i + 1, "2026/11/02 09:00:00"] + r for i, r in enumerate(_num_rows())]


def _wjx_rows():
    return WJX_HEAD + _wjx_data()


#: The same two-row header without merged cells, the question repeated over its sub-items
#: (腾讯问卷) / the single questions repeated down into row 2.
WJX_REPEATED = [WJX_HEAD[0][:6] + [WJX_HEAD[0][5]] * 3, WJX_HEAD[1]]
WJX_DOWN = [WJX_HEAD[0], WJX_HEAD[0][:5] + WJX_HEAD[1][5:]]


def _grid_csv(rows, sep=","):
    return "\n".join(sep.join("" if v is None else str(v) for v in r) for r in rows) + "\n"


def _bad_first_answer(rows):
    """``rows`` (a two-row header, then answers) with no valid answer in the first answer row (file row 3)."""
    rows = [list(r) for r in rows]
    rows[2][5:] = ["abc"] * 4
    return rows


def _zip(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


# kind: (file name, bytes, expected) with expected one of
#   ("error", regex)                      an IsqDataError whose message matches
#   ("read", rows_read, rows_kept, exc)   exc: list of (row, problem) of the scope == "row" entries, or None
#   ("same",)                             reads to GOOD_SCORES with nothing excluded
#   ("ok",)                               only the invariants
CORPUS = {
    "empty": ("x.csv", b"", ("error", "文件为空")),
    "whitespace_only": ("x.csv", b" \n\t\n\r\n", ("error", "文件为空")),
    "bom_only": ("x.csv", b"\xef\xbb\xbf", ("error", "文件为空|没有任何列")),
    "header_only": ("x.csv", _csv([]).encode(), ("read", 0, 0, [])),
    "utf16le_bom_tab": ("x.txt", _csv(ROWS, "\t").encode("utf-16"), ("same",)),
    "utf16be_bom_tab": ("x.txt", b"\xfe\xff" + _csv(ROWS, "\t").encode("utf-16-be"), ("same",)),
    "utf16le_no_bom": ("x.csv", _csv(ROWS, "\t").encode("utf-16-le"), ("same",)),
    "semicolon": ("x.csv", _csv(ROWS, ";").encode(), ("same",)),
    "tab": ("x.tsv", _csv(ROWS, "\t").encode(), ("same",)),
    "bom_semicolon_crlf": ("x.csv", b"\xef\xbb\xbf" + _csv(ROWS, ";", "\r\n").encode(), ("same",)),
    "crlf": ("x.csv", _csv(ROWS, end="\r\n").encode(), ("same",)),
    "cr_only": ("x.csv", _csv(ROWS, end="\r").encode(), ("same",)),
    "gbk": ("x.csv", _csv(ROWS, head=["员工编号", "您所在的部门", "被评价部门", "响应及时", "专业能力", "服务态度", "协作配合"])
            .encode("gbk"), ("same",)),
    "unclosed_quote_to_eof": ("x.csv", _with(2, 'R3,SAL,"IT,4,5,4,3').encode(), ("read", 10, 9, [(4, "malformed")])),
    "unclosed_quote_closed_later": ("x.csv", _with(2, 'R3,SAL,"IT,4,5,4,3').replace("R7,SAL,IT", 'R7,SAL,IT"').encode(),
                                    ("read", 10, 9, [(4, "malformed")])),
    "quote_in_header": ("x.csv", ('respondent,"department,provider,PR1,PR2,PR3,PR4\n' + "\n".join(",".join(r) for r in ROWS)
                                  + "\n").encode(), ("ok",)),
    "multiline_field_legit": ("x.csv", _with(2, 'R3,SAL,IT,4,5,4,3').replace("R3,SAL,IT", 'R3,"SAL\n",IT').encode(),
                              ("read", 10, 10, [])),
    "stray_quote_in_field": ("x.csv", _with(4, 'R5,SAL,IT,1",2,4,3').encode(), ("read", 10, 10, [])),
    "ragged_long_row": ("x.csv", _with(1, "R2,HR,IT,3,4,4,3,9,9").encode(), ("read", 10, 9, [(3, "malformed")])),
    "ragged_short_row": ("x.csv", _with(1, "R2,HR,IT,3").encode(), ("read", 10, 10, [])),
    "empty_header_cell": ("x.csv", _csv(ROWS, head=["respondent", "department", "provider", "PR1", "", "PR3", "PR4"]).encode(),
                          ("ok",)),
    "duplicate_header": ("x.csv", _csv(ROWS, head=["respondent", "department", "provider", "PR1", "PR1", "PR3", "PR4"]).encode(),
                         ("ok",)),
    "header_all_empty": ("x.csv", _csv(ROWS, head=[""] * 7).encode(), ("error", "没有任何列能对应到问卷题目|缺少必需的列")),
    "trailing_delimiters": ("x.csv", "\n".join(",".join(r) + "," for r in [HEAD] + ROWS).encode() + b"\n", ("same",)),
    "nul_bytes": ("x.csv", _csv(ROWS).encode().replace(b"R1,", b"R1\x00,"), ("same",)),
    "undecodable": ("x.csv", _csv(ROWS).encode() + b"R11,SAL,IT,\xff\xfe\xfa,1,1,1\n", ("error", r"无法识别文件编码：第 12 行")),
    "gb18030_four_byte": ("x.csv", _csv(ROWS).replace("R1,", "R1𠀀,").encode("gb18030"), ("read", 10, 10, [])),
    "html_as_csv": ("x.csv", b"<html><body><table><tr><td>1</td></tr></table></body></html>", ("error", "HTML/XML")),
    "binary_as_csv": ("x.csv", bytes(range(256)) * 8, ("error", "无法识别文件编码|没有任何列|缺少必需的列")),
    "huge_cell": ("x.csv", _with(0, "R1,SAL,IT,5," + "9" * 1_000_000 + ",4,3").encode(), ("read", 10, 10, [])),
    "blank_lines_between": ("x.csv", _csv(ROWS).replace("\nR4,", "\n\n\nR4,").encode(),
                            ("read", 12, 10, [(5, "empty_row"), (6, "empty_row")])),
    "formula_and_markup_names": ("x.csv", _with(0, "=cmd|' /C calc'!A0,<script>alert(1)</script>,../x,5,4,4,3").encode(),
                                 ("read", 10, 10, [])),
    "bad_answers": ("x.csv", _with(0, "R1,SAL,IT,9,abc,3.5,很棒").encode(), ("read", 10, 9, [(2, "no_answers")])),
    "duplicate_respondent": ("x.csv", _with(5, "R1,SAL,IT,1,1,1,1").encode(), ("read", 10, 9, [(7, "duplicate")])),
    "own_department": ("x.csv", _with(0, "R1,IT,IT,5,4,4,3").encode(), ("read", 10, 9, [(2, "own_department")])),
    "missing_id": ("x.csv", _with(0, ",SAL,IT,5,4,4,3").encode(), ("read", 10, 9, [(2, "missing_field")])),
    "whitespace_cells": ("x.csv", _with(0, "R1,SAL,IT,  ,\t, , ").encode(), ("read", 10, 9, [(2, "no_answers")])),
    "header_repeated_inside": ("x.csv", _with(4, ",".join(HEAD)).encode(), ("read", 10, 9, [(6, "no_answers")])),
    "many_columns": ("x.csv", _csv([r + ["x"] * 2000 for r in ROWS], head=HEAD + [f"c{i}" for i in range(2000)]).encode(),
                     ("same",)),
    "only_delimiters": ("x.csv", b",,,,,,\n,,,,,,\n", ("error", "文件为空")),
    # Excel
    "xlsx_plain": ("x.xlsx", _xlsx([HEAD] + _num_rows()), ("same",)),
    "xlsx_far_cell": ("x.xlsx", _xlsx([HEAD] + _num_rows(), far="XFD1048576"), ("error", r"工作表过大.*XFD1048576.*too large")),
    "xlsx_far_row_in_cell_ref": ("x.xlsx", _xlsx([HEAD] + _num_rows(), far="ZZ2000",
                                                  tweak=lambda b: b.replace(b'r="ZZ2000"', b'r="ZZ900000"')),
                                 ("error", r"工作表过大.*ZZ900000")),
    "xlsx_far_cell_attrs_on_new_lines": ("x.xlsx", _xlsx([HEAD] + _num_rows(), far="XFD1048576",
                                                        tweak=lambda b: b.replace(b'<c r="', b'<c\n\tr="')),
                                         ("error", r"工作表过大.*XFD1048576")),
    "xlsx_declared_huge_dimension": ("x.xlsx", _xlsx([HEAD] + _num_rows(), tweak=lambda b: re.sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', b)), ("same",)),
    "xlsx_merge_whole_sheet": ("x.xlsx", _xlsx([HEAD] + _num_rows(), merge=["B2:C3"], tweak=lambda b: b.replace(
        b'ref="B2:C3"', b'ref="A1:XFD1048576"')), ("error", "缺少必需的列")),
    "xlsx_cells_without_refs": ("x.xlsx", _xlsx([HEAD] + _num_rows(), tweak=lambda b: re.sub(rb' r="[A-Z]+\d+"', b"", b)),
                                ("same",)),
    "xlsx_empty_header": ("x.xlsx", _xlsx([["respondent", "department", "provider", "PR1", None, "PR3", "PR4"]] + _num_rows()),
                          ("ok",)),
    "xlsx_duplicate_header": ("x.xlsx", _xlsx([["respondent", "department", "provider", "PR1", "PR1", "PR3", "PR4"]]
                                              + _num_rows()), ("ok",)),
    "xlsx_wjx_merged_header": ("x.xlsx", _xlsx(_wjx_rows(), merge=["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:I1"]),
                               ("same",)),
    # two-row headers without merged cells: row 1 blank or repeated over the matrix sub-items
    "xlsx_wjx_two_row_blank": ("x.xlsx", _xlsx(_wjx_rows()), ("same",)),
    "xlsx_wjx_two_row_repeated": ("x.xlsx", _xlsx(WJX_REPEATED + _wjx_data()), ("same",)),
    "xlsx_wjx_two_row_singles_repeated_down": ("x.xlsx", _xlsx(WJX_DOWN + _wjx_data()), ("same",)),
    "xlsx_wjx_two_row_bad_answer": ("x.xlsx", _xlsx(_bad_first_answer(_wjx_rows())), ("read", 10, 9, [(3, "no_answers")])),
    "csv_wjx_two_row_blank": ("x.csv", _grid_csv(_wjx_rows()).encode("utf-8-sig"), ("same",)),
    "csv_wjx_two_row_repeated_gbk_semicolon": ("x.csv", _grid_csv(WJX_REPEATED + _wjx_data(), ";").encode("gbk"),
                                               ("same",)),
    "csv_wjx_two_row_down_utf16_tab": ("x.txt", _grid_csv(WJX_DOWN + _wjx_data(), "\t").encode("utf-16"), ("same",)),
    "csv_wjx_two_row_bad_answer": ("x.csv", _grid_csv(_bad_first_answer(_wjx_rows())).encode(),
                                   ("read", 10, 9, [(3, "no_answers")])),
    "csv_two_row_ambiguous": ("x.csv", _grid_csv([r[5:] for r in WJX_HEAD] + [r[7:] for r in _wjx_data()]).encode(),
                              ("error", "无法判断表头占一行还是两行")),
    "csv_empty_header_cell_text_below": ("x.csv", _csv(ROWS, head=["respondent", "department", "", "PR1", "PR2", "PR3",
                                                                    "PR4"]).encode(), ("error", "缺少必需的列")),
    "xlsx_header_only": ("x.xlsx", _xlsx([HEAD]), ("read", 0, 0, [])),
    "xlsx_empty_sheet": ("x.xlsx", _xlsx([]), ("error", "文件为空")),
    "xlsx_truncated": ("x.xlsx", _xlsx([HEAD] + _num_rows())[:3000], ("error", "无法读取 Excel 文件")),
    "xlsx_zip_without_workbook": ("x.xlsx", _zip({"hello.txt": "hi"}), ("error", "无法读取 Excel 文件")),
    "xlsx_garbage_sheet_xml": ("x.xlsx", _xlsx([HEAD] + _num_rows(), tweak=lambda b: b[: len(b) // 2] + b"<<<&&&"),
                               ("error", "无法读取 Excel 文件")),
    "xlsx_formula_text": ("x.xlsx", _xlsx([HEAD] + [["R1", "=1+1", "IT", 5, 4, 4, 3]]), ("ok",)),
    "xlsx_is_csv_text": ("x.xlsx", _csv(ROWS).encode(), ("same",)),
    "xls_is_html": ("x.xls", b"<html><table><tr><td>a</td></tr></table></html>", ("error", "HTML/XML")),
    "xlsx_is_garbage": ("x.xlsx", bytes(range(256)) * 4, ("error", r"不是有效的 \.xlsx 文件")),
    "sav_truncated": ("x.sav", b"$FL2@(#) SPSS DATA FILE" + b"\x00" * 40, ("error", "无法读取 SPSS 文件")),
}


def test_corpus_has_at_least_forty_kinds():
    assert len(CORPUS) >= 40


def _check_account(rep, fname):
    assert rep.rows_kept + rep.rows_excluded == rep.rows_read
    ex = rep.excluded
    assert list(ex.columns[:5]) == ["row", "column", "value", "problem", "reason"]
    assert Path(rep.file).name == fname
    rows = ex.loc[ex["scope"] == "row", "row"]
    assert rows.nunique() == rep.rows_excluded
    assert (ex["reason"].astype(str).str.len() > 0).all()
    assert (ex["row"] >= 2).all()  # a row as a person sees it: the header is row 1


@pytest.mark.parametrize("kind", sorted(CORPUS))
def test_read_survey_on_bad_export(tmp_path, kind):
    name, data, expected = CORPUS[kind]
    f = tmp_path / name
    f.write_bytes(data)
    try:
        res = isq.read_survey(f, instrument="peer_ratings")
    except IsqDataError as exc:
        assert name in str(exc)
        assert expected[0] == "error", f"{kind}: unexpected error {exc}"
        assert re.search(expected[1], str(exc)), str(exc)
        return
    assert expected[0] != "error", f"{kind}: expected an error matching {expected[1]!r}"
    rep = res.report
    _check_account(rep, name)
    if expected[0] == "same":
        assert (rep.rows_read, rep.rows_kept, len(rep.excluded)) == (10, 10, 0)
        assert res.responses["score"].tolist() == GOOD_SCORES
        assert res.responses["respondent"].iloc[0] == "R1"
    elif expected[0] == "read":
        _, read, kept, rows = expected
        assert (rep.rows_read, rep.rows_kept) == (read, kept)
        got = [tuple(x) for x in rep.excluded.loc[rep.excluded["scope"] == "row", ["row", "problem"]].values.tolist()]
        assert got == rows


@pytest.mark.parametrize("kind", sorted(CORPUS))
def test_read_data_folder_on_bad_export(tmp_path, kind):
    """The same file as the only export of a data folder: read and listed, or a clear error."""
    name, data, expected = CORPUS[kind]
    (tmp_path / name).write_bytes(data)
    try:
        folder = isq.read_data_folder(tmp_path)
    except IsqDataError as exc:
        assert name in str(exc)
        assert expected[0] == "error" or kind in ("header_only", "xlsx_header_only"), str(exc)
        return
    assert expected[0] != "error"
    (rep,) = folder.reports
    _check_account(rep, name)
    exc = folder.excluded()
    assert list(exc.columns) == ["file", "table", "row", "column", "value", "reason"]
    assert set(exc["file"]) <= {name}
    if expected[0] in ("same", "read"):
        read = 10 if expected[0] == "same" else expected[1]
        assert folder.summary()["files"][0]["rows_read"] == read


def test_unclosed_quote_lists_the_line_and_keeps_the_rest(tmp_path):
    """10 rows, a quote opened on file line 4 and never closed: before, 3 rows were read and
    7 never listed; now 10 are read, 9 kept and line 4 is listed with its text."""
    f = tmp_path / "x.csv"
    f.write_bytes(CORPUS["unclosed_quote_to_eof"][1])
    res = isq.read_survey(f, instrument="peer_ratings")
    ex = res.report.excluded
    assert ex[["row", "column", "value", "problem"]].values.tolist() == [[4, "", 'R3,SAL,"IT,4,5,4,3', "malformed"]]
    assert "第 4 行有未闭合的引号" in ex["reason"].iloc[0] and "never closed" in ex["reason"].iloc[0]
    assert sorted(res.responses["respondent"].unique()) == sorted(f"R{i}" for i in range(1, 11) if i != 3)


def test_header_notes_name_the_repair(tmp_path):
    f = tmp_path / "x.xlsx"
    f.write_bytes(CORPUS["xlsx_empty_header"][1])
    rep = isq.read_survey(f, instrument="peer_ratings").report
    assert rep.notes == ["第 5 列的表头为空，命名为“列5” (the header of column 5 is empty; named '列5')"]
    assert rep.columns["column"].tolist()[3:5] == ["PR1", "列5"]
    g = tmp_path / "dup.csv"
    g.write_bytes(CORPUS["duplicate_header"][1])
    rep = isq.read_survey(g, instrument="peer_ratings").report
    assert rep.notes == ["第 5 列的表头“PR1”与前面的列重复，改名为“PR1 (2)” (the header 'PR1' of column 5 repeats "
                         "an earlier column; renamed 'PR1 (2)')"]
    assert rep.columns.set_index("column").loc["PR1 (2)", "target"] == "ignored"


# --------------------------------------------------------------------------- YAML


def test_two_row_header_reads_like_the_merged_one(tmp_path):
    """Same columns, same notes whether row 1 is merged, blank or repeated over the sub-items."""
    cols = []
    for kind in ("xlsx_wjx_merged_header", "xlsx_wjx_two_row_blank", "xlsx_wjx_two_row_repeated",
                 "csv_wjx_two_row_blank"):
        name, data, _ = CORPUS[kind]
        f = tmp_path / f"{kind}{Path(name).suffix}"
        f.write_bytes(data)
        rep = isq.read_survey(f, instrument="peer_ratings").report
        assert (rep.rows_read, rep.rows_kept) == (10, 10)
        assert any("表头占 2 行" in n for n in rep.notes), rep.notes
        cols.append(isq.data.platforms.read_raw(f).frame.columns.tolist())
    assert cols[0] == cols[1] == cols[2] == cols[3]
    assert cols[0][5:] == [f"4、请评价该部门的服务({s})" for s in ("响应及时", "专业能力", "服务态度", "协作配合")]


def test_ambiguous_two_row_header_names_file_row_and_column(tmp_path):
    name, data, _ = CORPUS["csv_two_row_ambiguous"]
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(IsqDataError) as e:
        isq.read_survey(f, instrument="peer_ratings")
    assert (e.value.row, e.value.column, Path(e.value.file).name) == (2, "A", name)
    assert "A, B, C, D" in str(e.value)


def _bomb(levels=9):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijk"
    for p, c in zip(names[:levels - 1], names[1:levels]):
        lines.append(f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_yaml_alias_bomb_is_refused_with_the_file_named(tmp_path):
    """The "billion laughs" document (9 levels of 9 aliases, < 500 bytes, 387 million nodes
    expanded) is refused while composing, in well under a second."""
    import time

    f = tmp_path / "workshop.yaml"
    f.write_text(_bomb(), encoding="utf-8")
    assert f.stat().st_size < 500
    t = time.perf_counter()
    with pytest.raises(IsqDataError, match=r"workshop\.yaml': YAML 文件展开后超过 200,000 个节点"):
        isq._io.load_yaml(f)
    assert time.perf_counter() - t < 2
    with pytest.raises(IsqDataError, match=r"workshop\.yaml'.*usually nested aliases"):
        isq.read_survey(_write(tmp_path), mapping=f)
    with pytest.raises(isq.IsqError, match=r"workshop\.yaml'.*200,000"):
        isq.load_instrument(f)


def _write(tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes(_csv(ROWS).encode())
    return f


def test_yaml_loader_limits_and_plain_use(tmp_path):
    f = tmp_path / "ok.yaml"
    f.write_text("a: &x {k: 1}\nb: *x\nc: [1, 2]\n", encoding="utf-8")
    assert isq._io.load_yaml(f) == {"a": {"k": 1}, "b": {"k": 1}, "c": [1, 2]}
    big = tmp_path / "big.yaml"
    big.write_text("x: " + "a" * 3_000_000 + "\n", encoding="utf-8")
    with pytest.raises(IsqDataError, match=r"big\.yaml': YAML 文件过大（3,000,004 字节，上限 2,000,000）"):
        isq._io.load_yaml(big)
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(IsqDataError, match=r"bad\.yaml': YAML 格式错误（line 2, column 1）"):
        isq._io.load_yaml(bad)
    code = tmp_path / "code.yaml"
    code.write_text("a: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(IsqDataError, match=r"code\.yaml': YAML 格式错误"):
        isq._io.load_yaml(code)
    # 13 nodes: the mapping, 3 keys, {k: 1} (3), its alias counted in full (3), [1, 2] (3)
    assert isq._io.load_yaml(f, max_nodes=13) == {"a": {"k": 1}, "b": {"k": 1}, "c": [1, 2]}
    with pytest.raises(IsqDataError, match="超过 12 个节点"):
        isq._io.load_yaml(f, max_nodes=12)


# --------------------------------------------------------------------------- fuzzing the text reader

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_piece = st.sampled_from(['"', ",", ";", "\t", "\n", "\r\n", "5", "R1", "IT", "SAL", " ", "很好", "=1+1", "\x00"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=st.lists(st.tuples(st.integers(0, 10_000), st.lists(_piece, min_size=1, max_size=4)), max_size=6),
       sep=st.sampled_from([",", ";", "\t"]), enc=st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_random_quotes_and_delimiters_keep_the_account(tmp_path, noise, sep, enc):
    """Stray quotes, delimiters and line breaks dropped anywhere into a good export: never a
    raw exception, every row accounted for, excluded rows on real lines of the file."""
    text = _csv(ROWS, sep)
    for at, bits in noise:
        at = at % (len(text) + 1)
        text = text[:at] + "".join(bits) + text[at:]
    f = tmp_path / "fuzz.csv"
    f.write_bytes(text.encode(enc))
    try:
        res = isq.read_survey(f, instrument="peer_ratings")
    except IsqDataError as exc:
        assert "fuzz.csv" in str(exc)
        return
    rep = res.report
    assert rep.rows_kept + rep.rows_excluded == rep.rows_read
    n_lines = len(re.findall(r"\r\n|\r|\n", text.replace("\x00", ""))) + 1
    rows = rep.excluded.loc[rep.excluded["scope"] == "row", "row"]
    assert rows.is_unique and ((rows >= 2) & (rows <= n_lines)).all()


def test_zip_bomb_in_the_workbook_texts_says_too_large(tmp_path, monkeypatch):
    """A small xlsx whose shared strings unpack to far more than the limit (lowered here to
    1 MB; 512 MB by default) is refused as too large, before calamine loads them."""
    from isq.data import platforms

    from benchmarks.bench_read import write_big_xlsx

    monkeypatch.setattr(platforms, "MAX_SHARED_STRINGS_BYTES", 1 << 20)
    src = zipfile.ZipFile(write_big_xlsx(tmp_path / "plain.xlsx", 20))  # texts as shared strings, as Excel writes
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for it in src.infolist():
            body = src.read(it.filename)
            if it.filename == "xl/sharedStrings.xml":
                body = body.replace(b"</sst>", b"<si><t>" + b"x" * (3 << 20) + b"</t></si></sst>")
            z.writestr(it.filename, body)
    f = tmp_path / "bomb.xlsx"
    f.write_bytes(out.getvalue())
    assert f.stat().st_size < 20_000
    with pytest.raises(IsqDataError, match=r"bomb\.xlsx': 工作表过大，无法读取：解压后的内容过大.*texts unpack to more "
                                           r"than 1,048,576 bytes"):
        isq.read_survey(f)
