"""The course-outcomes booklet: builds from the demo workshop, an empty folder and a damaged one."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

import isq
from isq.delivery.cli import main
from isq.delivery.outcomes import OUTCOMES
from isq.delivery.render import external_references


@pytest.fixture(scope="module")
def demo_booklet(tmp_path_factory):
    out = tmp_path_factory.mktemp("booklet")
    return isq.build_outcomes("data/workshop", out), out


def test_booklet_from_demo_workshop(demo_booklet):
    res, out = demo_booklet
    page = res["html"].read_text(encoding="utf-8")
    assert external_references(page) == []
    assert res["missing"] == [] and res["problems"] == []
    for heading in OUTCOMES.values():
        assert heading in page
    for team in ["第1组", "第2组", "第3组", "第4组"]:
        assert team in page
    assert page.count("data:image/png;base64,") >= 20
    assert "第1组的短板：响应性" in page
    sheets = pd.read_excel(res["workbook"], sheet_name=None)
    assert "策略执行分解" in sheets and "各组贡献" in sheets
    credits = sheets["各组贡献"]
    assert set(credits["团队"]) == {"第1组", "第2组", "第3组", "第4组"}


def test_booklet_from_empty_folder_names_what_is_missing(tmp_path):
    (tmp_path / "ws").mkdir()
    res = isq.build_outcomes(tmp_path / "ws", tmp_path / "out")
    assert res["missing"] == list(OUTCOMES.values())
    page = res["html"].read_text(encoding="utf-8")
    assert "尚未收集：卡诺调研" in page and "kano/&lt;团队&gt;.csv" in page
    assert "scoreboard.csv" in page
    assert list((tmp_path / "ws").iterdir()) == []


def test_damaged_workshop_files_are_named_and_left_alone(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree("data/workshop", ws)
    bad_csv = ws / "kano" / "第1组.csv"
    bad_csv.write_text("respondent,feature\nR1,K01\n", encoding="utf-8")
    bad_yaml = ws / "worksheets" / "poa" / "第1组.yaml"
    bad_yaml.write_text("worksheet: poa\nfields:\n  partner: 生产部\n", encoding="utf-8")
    bad_score = ws / "assessments" / "standards" / "第2组.csv"
    bad_score.write_text("item,score\nS1,9\n", encoding="utf-8-sig")
    before = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()}
    res = isq.build_outcomes(ws, tmp_path / "out")
    named = {Path(p["file"]).resolve() for p in res["problems"]}
    assert {bad_csv.resolve(), bad_yaml.resolve(), bad_score.resolve()} <= named
    page = res["html"].read_text(encoding="utf-8")
    assert "missing column(s) feature_name" in page and "cut off half-way" in page
    assert "from 1 to 5" in page
    assert {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()} == before


def test_cli_outcomes(tmp_path, capsys):
    (tmp_path / "ws").mkdir()
    assert main(["outcomes", "--workshop", str(tmp_path / "ws"), "--out", str(tmp_path / "o")]) == 0
    assert "尚无成果的章节" in capsys.readouterr().out
    assert main(["outcomes", "--workshop", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "does not exist" in capsys.readouterr().err
