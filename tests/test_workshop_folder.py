"""Issue 11 items 3 and 7: nothing typed in class is lost; one place for the teams; editable inputs.

Trainer reports: with ``workshop_dir=""`` every kernel got a fresh temporary folder, so forms
reopened empty after a restart; team names differed between forms (第1组) and the scoreboard
(红队); ``team`` had to be changed in five notebooks; module 05 told the trainer to edit
``data/strategy_house.yaml`` but loaded the bundled copy. The default is now a persistent,
named folder ``~/isq课堂成果/<client>`` whose ``workshop.yaml`` holds the team list and the
current team for every notebook and the scoreboard; trainer-edited inputs (the strategy
house) are read from it. Headless runs (this suite, nbval) use ``$ISQ_WORKSHOP_DIR``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import isq
import isq.delivery.workshop as ws
from isq.errors import IsqDataError

ROOT = Path(__file__).resolve().parents[1]
NB = ROOT / "notebooks"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A trainer's laptop: a home folder, no ISQ_WORKSHOP_DIR."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv(ws.WORKSHOP_ENV, raising=False)
    monkeypatch.setattr(ws, "_ANNOUNCED", set())
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


def test_default_folder_is_persistent_named_and_announced_once(home, capsys):
    folder = isq.workshop_folder("", client="示例集团")
    assert folder == home / "isq课堂成果" / "示例集团" and folder.is_dir()
    out = capsys.readouterr().out
    assert f"课堂成果文件夹：{folder}" in out and "workshop.yaml" in out
    meta = yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))
    assert [t["name"] for t in meta["teams"]] == ["第1组", "第2组", "第3组", "第4组"]
    assert meta["current_team"] == "第1组" and meta["client"] == "示例集团"
    assert isq.workshop_folder("", client="示例集团") == folder  # a restarted kernel finds it again
    assert capsys.readouterr().out == ""  # announced once per process
    assert isq.workshop_folder("") == home / "isq课堂成果" / "课堂"


@pytest.mark.parametrize("client", ["../x", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "..", "a/../../b"])
def test_hostile_client_names_stay_inside_the_workshop_home(home, client):
    folder = isq.workshop_folder("", client=client)
    assert folder.parent == home / "isq课堂成果"
    assert folder.resolve().parent == (home / "isq课堂成果").resolve()


def test_environment_variable_for_headless_runs(tmp_path, monkeypatch):
    monkeypatch.setenv(ws.WORKSHOP_ENV, str(tmp_path / "ci"))
    assert isq.workshop_folder("", client="x") == tmp_path / "ci"
    monkeypatch.setenv(ws.WORKSHOP_ENV, "temp")
    monkeypatch.setattr(ws, "_TEMP_WORKSHOP", None)
    t = isq.workshop_folder("")
    assert ROOT not in t.resolve().parents and isq.workshop_folder("") == t


def test_this_suite_never_writes_into_the_course_or_home():
    """nbval kernels inherit $ISQ_WORKSHOP_DIR from the root conftest.py (also for `pytest notebooks/x.ipynb`)."""
    target = Path(os.environ[ws.WORKSHOP_ENV])
    assert ROOT not in target.resolve().parents
    assert not (NB / "workshop").exists() and not (NB / "课堂成果").exists()


def test_form_content_survives_a_restart_in_the_default_folder(home):
    folder = isq.workshop_folder("", client="示例集团")
    form = isq.worksheet("value_rings", folder=folder)  # team "" -> current_team 第1组
    form.set_values({"task": "处理报修", "meaning": "同事不被打断", "value": "按时交付"})
    assert form.path == folder / "worksheets" / "value_rings" / "第1组.yaml"
    # kernel restart: a new process state, the same default folder, the same team
    ws._ANNOUNCED.clear()
    again = isq.worksheet("value_rings", folder=isq.workshop_folder("", client="示例集团"))
    assert again.values()["meaning"] == "同事不被打断" and "已载入" in again.status


def test_one_file_sets_the_teams_and_current_team_for_every_tool(tmp_path):
    folder = isq.workshop_folder(tmp_path / "w")
    (folder / "workshop.yaml").write_text(
        "client: 某公司\nteams:\n- name: 财务一组\n  department: FIN\n- 采购二组\n- name: 行政三组\ncurrent_team: 采购二组\n",
        encoding="utf-8")
    teams = ["财务一组", "采购二组", "行政三组"]
    assert isq.workshop_teams(folder) == teams
    assert isq.current_team(folder) == "采购二组" and isq.current_team(folder, "财务一组") == "财务一组"
    form = isq.worksheet("empathy", team="", folder=folder)
    assert form.team == "采购二组"
    board = isq.open_scoreboard("", folder=folder)
    assert board.teams == teams and board.path == folder / "scoreboard.csv" and board.path.exists()
    box = isq.conflict_questionnaire(teams=isq.workshop_teams(folder))
    assert list(box.team.options) == teams
    assert isq.load_workshop(folder).teams[:3] == teams
    # the trainer adds a team in workshop.yaml after the board was started: it joins, points stay
    board.add_points("财务一组", 5)
    meta = folder / "workshop.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("current_team:", "- 人事四组\ncurrent_team:"),
                    encoding="utf-8")
    again = isq.open_scoreboard("", folder=folder)
    assert again.teams == [*teams, "人事四组"] and again.standings().set_index("team").loc["财务一组", "total"] == 5


@pytest.mark.parametrize("text, match", [
    ("teams:\n- <script>alert(1)</script>\n", r"entry 1: Team name '<script>alert\(1\)</script>' cannot be used"),
    ("teams:\n- \"=cmd|' /C calc'!A0\"\n", r"entry 1: Team name .* cannot be used as a file name"),
    ("teams:\n- ../x\n", r"entry 1: Team name '../x' cannot be used"),
    ("teams:\n- 第1组\n- 第1组\n", r"entry 2: '第1组' is listed twice"),
    ("teams: 第1组\n", r"`teams` must be a list"),
    ("teams: [第1组, 第2组]\ncurrent_team: 第9组\n", r"current_team '第9组' is not one of the teams \(第1组, 第2组\)"),
    ("teams: [第1组\n", r"cannot read workshop.yaml"),
])
def test_bad_workshop_yaml_is_a_clear_error_naming_the_file(tmp_path, text, match):
    folder = isq.workshop_folder(tmp_path / "w")
    (folder / "workshop.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(IsqDataError, match=match) as e:
        isq.current_team(folder)
    assert "workshop.yaml" in str(e.value)


def test_one_team_vocabulary_everywhere():
    from isq.delivery._workshop_demo import DEMO_TEAMS
    from isq.delivery.widgets.conflict import ROOM_TEAMS
    from isq.delivery.widgets.scoreboard import DEFAULT_TEAMS

    expected = ["第1组", "第2组", "第3组", "第4组"]
    assert list(ws.DEFAULT_TEAMS) == list(DEFAULT_TEAMS) == list(ROOM_TEAMS) == list(DEMO_TEAMS) == expected
    demo = ROOT / "data" / "workshop"
    assert isq.workshop_teams(demo) == expected and isq.current_team(demo) == "第1组"
    assert isq.load_workshop(demo).scoreboard.teams == expected
    assert sorted(isq.conflict_example_room()["team"].unique()) == expected
    assert isq.open_scoreboard("").teams == expected


def test_notebooks_take_team_and_folder_from_the_workshop():
    """The trainer changes one file, not five notebooks: every `team` parameter defaults to ""."""
    import papermill

    with_team = 0
    for path in sorted(NB.glob("*.ipynb")):
        params = papermill.inspect_notebook(str(path))
        src = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
        if "team" in params:
            with_team += 1
            assert params["team"]["default"] == '""', path.name
        if "workshop_folder(" in src:
            assert params["workshop_dir"]["default"] == '""', path.name
            assert "workshop_folder(workshop_dir)" not in src, f"{path.name}: pass client= too"
        assert "红队" not in src and "蓝队" not in src, path.name
    assert with_team >= 5


def test_workshop_module_no_longer_imports_the_demo_builder():
    """Issue 13: workshop.py <-> _workshop_demo.py was an import circle; now one way only."""
    src = (ROOT / "isq" / "delivery" / "workshop.py").read_text(encoding="utf-8")
    assert "_workshop_demo" not in src
    code = ("import sys, isq.delivery.workshop as w; assert 'isq.delivery._workshop_demo' not in sys.modules; "
            "import isq; isq.write_demo_workshop; print('ok')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.stdout.strip() == "ok", r.stderr


# --- item 7: editable course inputs -----------------------------------------------------------

def test_strategy_house_is_read_from_the_workshop_folder(tmp_path, capsys):
    folder = isq.workshop_folder(tmp_path / "w")
    path = isq.workshop_input("strategy.yaml", folder)
    assert path == folder / "strategy.yaml" and f"策略屋等课程输入文件：{path}" in capsys.readouterr().out
    demo = isq.load_strategy("demo")
    copy = isq.load_strategy(path)
    assert copy["source"] == str(path)  # first use: a copy of the bundled house
    assert {k: v for k, v in copy.items() if k != "source"} == {k: v for k, v in demo.items() if k != "source"}
    text = path.read_text(encoding="utf-8").replace(demo["roof"], "三个月内让每一张工单都有回音")
    path.write_text(text, encoding="utf-8")  # the trainer edits the file
    assert isq.load_strategy(isq.workshop_input("strategy.yaml", folder))["roof"] == "三个月内让每一张工单都有回音"
    assert path.read_text(encoding="utf-8") == text  # never overwritten by the template
    with pytest.raises(isq.IsqError, match="Unknown course input 'x.yaml'"):
        isq.workshop_input("x.yaml", folder)


@pytest.mark.slow
def test_module_05_shows_the_edited_strategy_house(tmp_path):
    import papermill

    folder = isq.workshop_folder(tmp_path / "w")
    path = isq.workshop_input("strategy.yaml", folder)
    roof = isq.load_strategy("demo")["roof"]
    path.write_text(path.read_text(encoding="utf-8").replace(roof, "让每一张工单都有回音"), encoding="utf-8")
    out = tmp_path / "05.ipynb"
    papermill.execute_notebook(str(next(NB.glob("05_*.ipynb"))), str(out), parameters={"workshop_dir": str(folder)},
                               kernel_name="python3", cwd=str(NB), progress_bar=False)
    nb = json.loads(out.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c.get("id") == "m05-08")
    text = json.dumps(cell["outputs"], ensure_ascii=False)
    assert "让每一张工单都有回音" in text and str(path) in text
    assert roof not in text


# --- room votes and answers survive a restart ------------------------------------------------

def test_kano_votes_survive_a_restart_and_clear_empties_the_file(tmp_path):
    folder = isq.workshop_folder(tmp_path / "w")
    box = isq.kano_vote(feature="K03", folder=folder)
    box.functional.value, box.dysfunctional.value = 1, 3
    box.vote()
    box.vote()
    assert box.path == folder / "room" / "kano_K03.csv"
    again = isq.kano_vote(feature="K03", folder=folder)  # kernel restart
    assert len(again.votes) == 2 and again.votes["functional"].tolist() == [1, 1]
    assert isq.kano_summary(again.votes, min_group_size=None)["A"].iloc[0] == 2
    again.reset()
    assert len(isq.kano_vote(feature="K03", folder=folder).votes) == 0


def test_a_damaged_vote_file_is_named_and_never_overwritten(tmp_path):
    from isq.delivery.widgets import output_kind

    folder = isq.workshop_folder(tmp_path / "w")
    path = folder / "room" / "kano_K03.csv"
    path.parent.mkdir(parents=True)
    path.write_text("feature,functional,dysfunctional\nK03,1,x\n", encoding="utf-8")
    box = isq.kano_vote(feature="K03", folder=folder)
    assert output_kind(box.output) == "note"
    text = box.output.outputs[0]["data"]["text/plain"]
    assert str(path) in text and "row 2, column dysfunctional" in text
    box.vote()
    assert path.read_text(encoding="utf-8") == "feature,functional,dysfunctional\nK03,1,x\n"
    path.write_text("feature,functional,dysfunctional\nK03,1,9\n", encoding="utf-8")
    assert "1–5" in isq.kano_vote(feature="K03", folder=folder).output.outputs[0]["data"]["text/plain"]


def test_conflict_room_answers_survive_a_restart(tmp_path):
    folder = isq.workshop_folder(tmp_path / "w")
    box = isq.conflict_questionnaire(teams=isq.workshop_teams(folder), folder=folder)
    box.team.value, box.who.value = "第3组", "甲"
    box.button.click()
    again = isq.conflict_questionnaire(teams=isq.workshop_teams(folder), folder=folder)
    assert len(again.room) == 14 and set(again.room["team"]) == {"第3组"}
    assert again.room["score"].dtype == "int64"


def test_collected_phrases_are_read_from_the_workshop_folder(tmp_path):
    folder = isq.workshop_folder(tmp_path / "w")
    assert isq.workshop_phrases(folder) == []  # nothing collected yet: module 07 uses its example list
    (folder / "phrases").mkdir()
    (folder / "phrases" / "第1组.csv").write_text(
        "kind,text,better\navoid,这事别找我,我帮您问清楚\nuse,马上为您处理,\navoid, 这事别找我 ,\n", encoding="utf-8-sig")
    (folder / "phrases" / "第2组.csv").write_text("kind,text\navoid,=cmd|' /C calc'!A0\n", encoding="gb18030")
    (folder / "phrases" / "第3组.csv").write_text("words\nx\n", encoding="utf-8")  # wrong columns
    with pytest.warns(UserWarning, match=r"第3组\.csv.*missing column"):
        collected = isq.workshop_phrases(folder)
    assert collected == ["这事别找我", "=cmd|' /C calc'!A0"]
    lib = isq.add_phrases(None, collected)
    assert isq.check_phrases("这事别找我，你自己看吧", library=lib)["match"].tolist()[0] == "这事别找我"


def test_isq_workshop_command_shows_the_folder_and_teams(tmp_path, capsys):
    from isq.delivery.cli import main

    folder = tmp_path / "w"
    assert main(["workshop", "--dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"课堂成果文件夹 workshop folder: {folder}" in out
    assert "第1组（本机）、第2组、第3组、第4组" in out and "已保存 saved: 0 个文件" in out
    isq.worksheet("iceberg", folder=folder).save()
    main(["workshop", "--dir", str(folder)])
    assert "worksheets/iceberg/第1组.yaml" in capsys.readouterr().out


def _alias_bomb():
    """Nine levels of ten-fold aliases: ~480 bytes that expand to 10**9 nodes."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for p, c in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{c}: &{c} [" + ", ".join([f"*{p}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_in_user_yaml_is_refused_not_expanded(tmp_path):
    """Issue 15: a 480-byte workshop YAML exhausted memory. workshop.yaml, a worksheet file
    and strategy.yaml are parsed with the node limit: a clear error naming the file (or a
    listed problem when the whole folder is read), in well under a second."""
    import time

    import isq
    from isq.errors import IsqDataError

    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "workshop.yaml").write_text(_alias_bomb(), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(IsqDataError, match="workshop.yaml"):
        isq.workshop_teams(folder)
    ws = isq.load_workshop(folder)
    assert [p["file"] for p in ws.problems] == [str(folder / "workshop.yaml")]
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(_alias_bomb(), encoding="utf-8")
    with pytest.raises(IsqDataError, match="strategy.yaml"):
        isq.load_strategy(strategy)
    assert time.perf_counter() - start < 5
