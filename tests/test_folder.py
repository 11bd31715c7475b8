"""read_data_folder: the tidy-table reader behind `isq report` and `isq.open_data(path)`."""

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
