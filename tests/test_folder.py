"""read_data_folder: the tidy-table reader behind `isq report` and `isq.open_data(path)`."""

from pathlib import Path

import pandas as pd
import pytest

import isq


def _departments():
    return pd.DataFrame({"department": ["IT", "FIN"], "name_zh": ["信息技术部", "财务部"], "headcount": [20, 16]})


def test_gbk_csv_is_read(tmp_path):
    (tmp_path / "departments.csv").write_bytes(_departments().to_csv(index=False).encode("gbk"))
    folder = isq.read_data_folder(tmp_path)
    assert folder["departments"]["name_zh"].tolist() == ["信息技术部", "财务部"]


def test_undecodable_file_names_file_and_line(tmp_path):
    raw = _departments().to_csv(index=False).encode("utf-8") + b"HR,\xff\xfe\xfa\n"
    (tmp_path / "departments.csv").write_bytes(raw)
    with pytest.raises(isq.IsqDataError, match=r"departments\.csv.*row 4.*UTF-8.*GBK"):
        isq.read_data_folder(tmp_path)


def test_out_of_range_rows_are_counted_and_listed(tmp_path):
    sat = pd.DataFrame({"respondent": ["R1", "R2", "R3"], "department": ["IT"] * 3, "provider": ["FIN"] * 3,
                        "wave": ["pre"] * 3, "nps": [9, 11, "x"], "csat": [4, 4, 4], "ces": [5, 5, 5]})
    sat.to_csv(tmp_path / "satisfaction.csv", index=False)
    folder = isq.read_data_folder(tmp_path)
    rep = folder.reports[0]
    assert (rep.rows_read, rep.rows_kept) == (3, 1)
    exc = folder.excluded()
    assert exc[["row", "column"]].values.tolist() == [[3, "nps"], [4, "nps"]]  # line 1 is the header
    assert "out of range" in exc["reason"].iloc[0] and "not a number" in exc["reason"].iloc[1]


def test_empty_file_and_missing_folder(tmp_path):
    (tmp_path / "departments.csv").write_text("", encoding="utf-8")
    with pytest.raises(isq.IsqDataError, match="empty"):
        isq.read_data_folder(tmp_path)
    with pytest.raises(isq.IsqDataError, match="no such file or folder"):
        isq.read_data_folder(tmp_path / "nope")


# --------------------------------------------------------------------------- issue 15: nothing lost


def _sat():
    return pd.DataFrame({"respondent": ["R1", "R2", "R3"], "department": ["IT"] * 3, "provider": ["FIN"] * 3,
                         "wave": ["pre"] * 3, "nps": [9, 10, 3], "csat": [4, 4, 5], "ces": [5, 5, 6]})


def test_one_table_in_two_files_is_a_clear_error(tmp_path):
    """servqual.csv beside servqual.xlsx: before, one was kept while the appendix counted both."""
    _sat().to_csv(tmp_path / "satisfaction.csv", index=False)
    _sat().to_excel(tmp_path / "satisfaction.xlsx", index=False)
    with pytest.raises(isq.IsqDataError, match=r"表 satisfaction 有 2 个文件（satisfaction\.csv、satisfaction\.xlsx）.*"
                                               r"count the same respondents twice"):
        isq.read_data_folder(tmp_path)


def test_export_beside_tidy_table_is_listed_not_dropped(tmp_path):
    """An export of a table the folder already has is listed as not read (with the reason);
    an export of another instrument is read into its own table; README/YAML are listed."""
    _sat().to_csv(tmp_path / "satisfaction.csv", index=False)
    (tmp_path / "survey_sat.csv").write_text(
        "respondent,department,provider,NPS,CSAT,CES\nR9,SAL,IT,9,5,6\n", encoding="utf-8")
    (tmp_path / "peer.csv").write_text(
        "respondent,department,provider,PR1,PR2,PR3,PR4\nR1,SAL,IT,5,4,4,3\nR2,IT,IT,4,4,4,4\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    folder = isq.read_data_folder(tmp_path)
    files = {Path(f["file"]).name: f for f in folder.summary()["files"]}
    assert set(files) == {"satisfaction.csv", "survey_sat.csv", "peer.csv", "broken.xlsx"}
    assert files["survey_sat.csv"]["rows_read"] == 0 and "已由 satisfaction.csv 提供" in files["survey_sat.csv"]["problem"]
    assert len(folder["satisfaction"]) == 3  # the tidy table only: nobody counted twice
    assert (files["peer.csv"]["rows_read"], files["peer.csv"]["rows_kept"]) == (2, 1)  # own department excluded
    assert folder["peer_ratings"]["score"].tolist() == [5, 4, 4, 3]
    assert "无法读取 Excel 文件" in files["broken.xlsx"]["problem"]
    assert [Path(f).name for f, _ in folder.not_read] == ["README.md"]
    text = folder.summary_text()
    assert "README.md" in text and "未读取" in text and "broken.xlsx" in text
    exc = folder.excluded()
    assert exc[["file", "row", "column", "value"]].values.tolist() == [["peer.csv", 3, "provider", "IT"]]


def test_tidy_tables_read_like_exports(tmp_path):
    """Semicolons, UTF-16 with BOM and tabs, an unclosed quote, an empty and a repeated header
    cell in xlsx (before: ValueError: cannot convert float NaN to integer)."""
    text = _departments().to_csv(index=False, sep=";")
    (tmp_path / "departments.csv").write_bytes(text.encode("utf-16"))
    sat = _sat().to_csv(index=False).splitlines()
    sat[2] = 'R2,IT,"FIN,pre,10,4,5'  # a quote opened on line 3, never closed
    (tmp_path / "satisfaction.csv").write_text("\n".join(sat) + "\n", encoding="utf-8")
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["respondent", "department", "dimension", "points", None, "points"])
    ws.append(["R1", "IT", "reliability", 60, "x", 1])
    ws.append(["R1", "IT", "empathy", 40, "y", 2])
    wb.save(tmp_path / "weights.xlsx")
    folder = isq.read_data_folder(tmp_path)
    assert folder["departments"]["name_zh"].tolist() == ["信息技术部", "财务部"]
    rep = {Path(r.file).name: r for r in folder.reports}
    assert (rep["satisfaction.csv"].rows_read, rep["satisfaction.csv"].rows_kept) == (3, 2)
    ex = rep["satisfaction.csv"].excluded
    assert ex[["row", "problem"]].values.tolist() == [[3, "malformed"]] and "未闭合的引号" in ex["reason"].iloc[0]
    assert folder["weights"]["points"].tolist() == [60, 40]
    assert rep["weights.xlsx"].notes == [
        "第 5 列的表头为空，命名为“列5” (the header of column 5 is empty; named '列5')",
        "第 6 列的表头“points”与前面的列重复，改名为“points (2)” (the header 'points' of column 6 repeats an earlier "
        "column; renamed 'points (2)')"]
    notes = folder.summary()["notes"]
    assert [Path(n["file"]).name for n in notes] == ["departments.csv", "weights.xlsx", "weights.xlsx"]
    assert notes[0]["note"] == "分隔符为分号 (delimiter: semicolon)" and notes[1]["note"].startswith("第 5 列的表头为空")
    assert rep["departments.csv"].encoding == "utf-16" and "分号" in rep["departments.csv"].notes[0]


def test_one_report_class_for_tables_and_exports(tmp_path):
    """FileReport and ImportReport are merged: the same class and the same `excluded` columns."""
    from isq.data.folder import FileReport

    assert FileReport is isq.ImportReport
    sat = _sat().assign(nps=[9, 11, 3])
    sat.to_csv(tmp_path / "satisfaction.csv", index=False)
    (rep,) = isq.read_data_folder(tmp_path).reports
    assert isinstance(rep, isq.ImportReport) and rep.table == "satisfaction" and rep.platform == "table"
    assert list(rep.excluded.columns) == ["row", "column", "value", "problem", "reason", "scope"]
    assert rep.excluded[["row", "column", "problem", "scope"]].values.tolist() == [[3, "nps", "out_of_range", "row"]]
    assert (rep.rows_read, rep.rows_kept, rep.rows_excluded) == (3, 2, 1)
    assert rep.summary("en") == "satisfaction.csv (satisfaction): read 3 rows, kept 2, excluded 1 rows and 0 answers, 0 answers skipped."


def test_blank_line_in_a_tidy_table_is_counted(tmp_path):
    text = _sat().to_csv(index=False).replace("\nR2,", "\n\nR2,")
    (tmp_path / "satisfaction.csv").write_text(text, encoding="utf-8")
    (rep,) = isq.read_data_folder(tmp_path).reports
    assert (rep.rows_read, rep.rows_kept) == (4, 3)
    assert rep.excluded[["row", "problem"]].values.tolist() == [[3, "empty_row"]]


def test_demo_folder_reads_the_same_tables(tmp_path):
    """The one reader gives the demo tables pandas gave before (values and dtypes)."""
    import io as _io

    data = Path(__file__).resolve().parents[1] / "data"
    folder = isq.read_data_folder(data)
    for name in ("servqual", "journey", "departments", "complaints"):
        text = (data / f"{name}.csv").read_text(encoding="utf-8-sig")
        dtype = {c: "string" for c in ("respondent", "department", "provider", "item", "month", "wave", "participant",
                                         "complaint_id")}
        ref = pd.read_csv(_io.StringIO(text), dtype=dtype)
        pd.testing.assert_frame_equal(folder[name], ref, check_dtype=True)


def test_same_responses_in_two_exports_count_once(tmp_path):
    """Two exports of one survey (the client saved it as .xlsx and as .csv): the responses of
    the second that repeat the first (same respondent, provider, wave) are excluded and listed."""
    head = "respondent,department,provider,PR1,PR2,PR3,PR4\n"
    (tmp_path / "a_export.csv").write_text(head + "R1,SAL,IT,5,4,4,3\nR2,HR,IT,4,4,4,4\n", encoding="utf-8")
    (tmp_path / "b_export.csv").write_text(head + "R3,FIN,IT,3,3,3,3\nR1,SAL,IT,5,4,4,3\n", encoding="utf-8")
    folder = isq.read_data_folder(tmp_path)
    assert [(f["rows_read"], f["rows_kept"]) for f in folder.summary()["files"]] == [(2, 2), (2, 1)]
    assert sorted(folder["peer_ratings"]["respondent"].unique()) == ["R1", "R2", "R3"]
    assert len(folder["peer_ratings"]) == 12
    exc = folder.excluded()
    assert exc[["file", "row", "column", "value"]].values.tolist() == [["b_export.csv", 3, "respondent", "R1"]]
    assert "与 a_export.csv 第 2 行相同" in exc["reason"].iloc[0]
