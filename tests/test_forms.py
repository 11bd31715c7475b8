"""Worksheet forms and the workshop folder: round trips, damaged and half-filled files."""

from datetime import date

import pytest

import isq
from isq.delivery.workshop import read_worksheet, save_worksheet, worksheet_schemas

SAMPLES = {
    "text": "协作对象", "long_text": "第一行\n第二行：引号\"和冒号", "choice": None, "date": date(2026, 12, 31),
    "number": 7,
}


def _sample(schema):
    out = {}
    for f in schema["fields"]:
        if f["type"] == "table":
            row = {c["name"]: (c["options"][0] if c["type"] == "choice" else SAMPLES[c["type"]])
                   for c in f["columns"]}
            out[f["name"]] = [row, row]
        elif f["type"] == "choice":
            out[f["name"]] = f["options"][-1]
        else:
            out[f["name"]] = SAMPLES[f["type"]]
    return out


@pytest.mark.parametrize("name", list(worksheet_schemas()))
def test_every_worksheet_round_trips_through_the_form(tmp_path, name):
    values = _sample(worksheet_schemas()[name])
    form = isq.worksheet(name, team="第1组", folder=tmp_path)
    form.set_values(values)  # autosave writes the file
    assert (tmp_path / "worksheets" / name / "第1组.yaml").exists()
    again = isq.worksheet(name, team="第1组", folder=tmp_path)  # as after a kernel restart
    assert again.values() == values
    assert read_worksheet(tmp_path / "worksheets" / name / "第1组.yaml")[1] == values


def test_table_rows_add_and_remove(tmp_path):
    form = isq.worksheet("poa", team="A", folder=tmp_path)
    table = form._fields["actions"]
    table.add_row({"action": "定标准", "owner": "王工", "due": date(2026, 12, 1)}, notify=True)
    table.add_row({"action": "上线", "owner": "李工"}, notify=True)
    table.remove_row(table.rows[0])
    rows = isq.worksheet("poa", team="A", folder=tmp_path).values()["actions"]
    assert rows == [{"action": "上线", "owner": "李工", "due": None}]


def test_load_worksheets_tidy_table():
    t = isq.load_worksheets("data/workshop")
    assert list(t.columns) == ["worksheet", "team", "field", "label", "row", "column", "value", "file"]
    poa = t[(t["worksheet"] == "poa") & (t["team"] == "第1组") & (t["column"] == "owner")]
    assert poa["value"].tolist() == ["王工", "李工", "王工"] and poa["row"].tolist() == [1, 2, 3]
    assert t.attrs["problems"] == []


def test_invalid_values_are_refused_with_the_field_named(tmp_path):
    with pytest.raises(isq.IsqError, match="emotion_before: 11 is outside 0–10"):
        save_worksheet(tmp_path, "abcde", "A", {"emotion_before": 11})
    with pytest.raises(isq.IsqError, match="not a date YYYY-MM-DD"):
        save_worksheet(tmp_path, "communication", "A", {"meeting_date": "下周三"})
    with pytest.raises(isq.IsqError, match="unknown field"):
        save_worksheet(tmp_path, "abcde", "A", {"colour": "red"})
    with pytest.raises(isq.IsqError, match="Unknown worksheet 'abcd'"):
        isq.worksheet("abcd", team="A", folder=tmp_path)
    with pytest.raises(isq.IsqError, match="cannot be used as a file name"):
        isq.worksheet("abcde", team="a/b", folder=tmp_path)


@pytest.mark.parametrize("content, reason", [
    ("worksheet: abcde\nteam: A\nfields:\n  partner: [unclosed\n", "damaged YAML"),
    ("worksheet: abcde\nteam: A\nfields:\n  partner: 生产部\n  activating_event: 停线\n", "looks cut off half-way"),
    ("just some text\n", "not an isq worksheet file"),
])
def test_damaged_or_half_filled_file_is_named_and_never_overwritten(tmp_path, content, reason):
    path = tmp_path / "worksheets" / "abcde" / "A.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    form = isq.worksheet("abcde", team="A", folder=tmp_path)
    assert str(path) in form.status and reason in form.status
    form.set_values({"partner": "新内容"})  # autosave must not touch the file
    with pytest.raises(isq.IsqDataError, match="A.yaml.*not overwritten"):
        form.save()
    with pytest.raises(isq.IsqDataError, match="refusing to save over"):
        save_worksheet(tmp_path, "abcde", "A", {"partner": "x"})
    assert path.read_text(encoding="utf-8") == content
    new = form.save_as("A-2")
    assert new.name == "A-2.yaml" and read_worksheet(new)[1]["partner"] == "新内容"
    assert path.read_text(encoding="utf-8") == content
    with pytest.warns(UserWarning, match="A.yaml"):
        t = isq.load_worksheets(tmp_path)
    assert set(t["team"]) == {"A-2"} and t.attrs["problems"][0]["file"] == str(path)


def test_empty_fields_are_kept_not_invented(tmp_path):
    form = isq.worksheet("abcde", team="A", folder=tmp_path)
    form.set_values({"partner": "财务部"})
    v = isq.worksheet("abcde", team="A", folder=tmp_path).values()
    assert v["partner"] == "财务部" and v["emotion_before"] is None and v["dispute"] is None


def test_demo_workshop_is_deterministic(tmp_path):
    isq.write_demo_workshop(tmp_path / "a")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    committed = sorted(p.relative_to("data/workshop") for p in __import__("pathlib").Path("data/workshop").rglob("*")
                       if p.is_file())
    assert files == committed
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (__import__("pathlib").Path("data/workshop") / rel).read_bytes(), rel
