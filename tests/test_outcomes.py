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


def test_booklet_has_a_chapter_per_outcome_of_the_one_day_course(demo_booklet):
    """1-day outline (000_*): 成果一 … 成果七 each get a chapter, 六 and 七 separately."""
    res, _ = demo_booklet
    page = res["html"].read_text(encoding="utf-8")
    for heading in ["一、需求分析", "二、短板分析", "三、策略执行分解", "四、核心场景体验旅程图",
                    "五、服务用语汇编", "六、牛眼图分析", "七、优先改善决策"]:
        assert heading in OUTCOMES.values() and heading in page
    tools = page.split("十、内部工序、五星沟通与整改跟踪</h2>")[1].split("<h2")[0]
    assert tools.count("data:image/png;base64,") >= 6  # four process maps, five-star, execution ladder
    sheets = pd.read_excel(res["workbook"], sheet_name=None)
    assert {"五星沟通自检", "整改执行跟踪"} <= set(sheets)
    assert sheets["整改执行跟踪"]["项数"].sum() == 21  # 16 demo actions; 第4组 repeats 一号厅 (5)


def test_hostile_team_text_is_escaped_and_never_a_formula(tmp_path):
    from openpyxl import load_workbook

    ws = tmp_path / "ws"
    shutil.copytree("data/workshop", ws)
    hostile = "=cmd|' /C calc'!A0"
    from isq.delivery.workshop import save_worksheet

    save_worksheet(ws, "five_star", "第1组", {"message": hostile + " <script>alert(1)</script>", "topic": "5",
                                             "logic": "4", "wording": "3", "emotion": "2", "interest": "3",
                                             "rewrite": "../x"})
    res = isq.build_outcomes(ws, tmp_path / "out")
    page = res["html"].read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    book = load_workbook(res["workbook"])
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(isinstance(c.value, str) and c.value.startswith("=cmd|") for c in cells)
