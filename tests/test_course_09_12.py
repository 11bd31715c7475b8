"""Course modules 09–12 and the team scoreboard: exercise checks, widgets, parameters.

For each exercise the solution passes and the typical wrong answers get the intended
feedback (asserted on the message text). Widgets are driven headless: set control values or
click buttons, then assert on what was computed and that the output redrew.
Numbers in 9.2/9.3 are worked by hand from Montgomery's p-chart formulas
(p̄ = Σd/Σn, UCL = p̄ + 3·sqrt(p̄(1 − p̄)/nᵢ)); the demo answers come from the planted
truths in data/README.md (vital few 响应慢/流程繁琐/推诿扯皮; IT SQ19 low priority;
HR/ADM/IT improve, FIN small but significant).
"""

from pathlib import Path

import nbformat
import papermill
import pytest

import isq

NB = Path(isq.__file__).resolve().parents[1] / "notebooks"
MODULES = ["09_投诉控制", "10_冲突管理", "11_改善项目决策", "12_培训效果评估", "99_团队积分榜"]


def msg(fb):
    return fb.message + " " + fb.hint


# --- 09 complaints ---------------------------------------------------------------------

def test_9_1_vital_few():
    assert isq.check("9.1", ["响应慢", "流程繁琐", "推诿扯皮"])
    assert isq.check("9.1", "推诿扯皮、响应慢、流程繁琐")  # order and separator free
    assert "还没有达到 80%" in msg(isq.check("9.1", ["响应慢", "流程繁琐"]))
    assert "多选了" in msg(isq.check("9.1", ["响应慢", "流程繁琐", "推诿扯皮", "信息不透明"]))
    assert "不是投诉类别" in msg(isq.check("9.1", ["慢"]))


def test_9_1_uses_the_data_given():
    import pandas as pd

    log = pd.DataFrame({"category": ["甲"] * 9 + ["乙"] * 1})
    assert isq.check("9.1", ["甲"], complaints=log)


def test_9_2_pooled_pbar():
    assert isq.check("9.2", 20 / 1000)
    avg = (6 / 100 + 6 / 200 + 4 / 300 + 4 / 400) / 4  # 0.0283: the typical wrong answer
    assert "简单平均" in msg(isq.check("9.2", avg))
    assert "百分数" in msg(isq.check("9.2", 2.0))
    assert "每月平均投诉数" in msg(isq.check("9.2", 5))


def test_9_3_ucl_by_hand_and_by_isq():
    ucl = 0.02 + 3 * (0.02 * 0.98 / 400) ** 0.5  # 0.04100
    assert round(ucl, 4) == 0.041
    cc = isq.control_chart([6, 6, 4, 4], [100, 200, 300, 400], kind="p")
    assert cc["ucl"].iloc[3] == pytest.approx(ucl)
    assert isq.check("9.3", ucl)
    assert "2 倍标准差" in msg(isq.check("9.3", 0.02 + 2 * (0.02 * 0.98 / 400) ** 0.5))
    assert "总和" in msg(isq.check("9.3", 0.02 + 3 * (0.02 * 0.98 / 1000) ** 0.5))
    avg = (6 / 100 + 6 / 200 + 4 / 300 + 4 / 400) / 4
    assert "简单平均" in msg(isq.check("9.3", avg + 3 * (avg * (1 - avg) / 400) ** 0.5))


# --- 10 conflict -----------------------------------------------------------------------

def test_10_1_and_10_2():
    assert isq.check("10.1", "competing") and isq.check("10.1", "竞争")
    assert "两条轴弄反了" in msg(isq.check("10.1", "迁就"))
    assert "不是冲突处理模式" in msg(isq.check("10.1", "强硬"))
    assert isq.check("10.2", "妥协")
    assert "都完全满意" in msg(isq.check("10.2", "collaborating"))


def test_conflict_questionnaire_widget_headless():
    box = isq.conflict_questionnaire(name="学员")
    assert box.profile["mode"].iloc[0] == "compromising"  # all answers in the middle
    for code in ["CM04", "CM05", "CM12", "CM13"]:  # low assertiveness items
        box.controls[code].value = 5
    for code in ["CM06", "CM07", "CM08"]:
        box.controls[code].value = 5
    assert box.profile["mode"].iloc[0] == "accommodating"
    assert box.last_values["CM07"] == 5  # redrawn with the new answers
    box.team.value, box.who.value = "第2组", "甲"
    box.button.click()
    box.who.value = "乙"
    box.button.click()
    box.button.click()  # answering again replaces, does not duplicate
    assert len(box.room) == 28 and set(box.room["respondent"]) == {"甲", "乙"}
    teams = isq.conflict_profile(box.room, by="team", min_group_size=1)
    assert teams.loc[0, "mode"] == "accommodating" and teams.loc[0, "n"] == 2


def test_conflict_example_room_team_modes():
    teams = isq.conflict_profile(isq.conflict_example_room(), by="team")
    assert dict(zip(teams["team"], teams["mode"])) == {
        "第1组": "competing", "第2组": "collaborating", "第3组": "accommodating", "第4组": "avoiding"}


# --- 11 improvement decisions ----------------------------------------------------------

def test_11_1_quadrant():
    assert isq.check("11.1", "low_priority") and isq.check("11.1", "低优先")
    assert "重要性的高低判断反了" in msg(isq.check("11.1", "重点改进"))
    assert "表现的高低判断反了" in msg(isq.check("11.1", "overkill"))
    assert "不是象限名称" in msg(isq.check("11.1", "左下"))


def test_11_2_priority_ranking():
    assert isq.check("11.2", ["B", "A"])
    wrong = isq.check("11.2", ["A", "B"])  # ranked by importance only
    assert "只看重要性会选 A" in wrong.message and "16.25" in wrong.message and "19.25" in wrong.message


def test_ipa_crosshair_widget_moves_quadrants():
    box = isq.ipa_crosshair_widget(isq.load_demo("ipa"), value="IT")
    assert box.counts["concentrate"] == 4
    assert set(box.result.query("quadrant == 'concentrate'")["attribute"]) == {"SQ10", "SQ11", "SQ12", "SQ13"}
    box.controls["crosshair"].value = "median"
    assert box.last_values == {"crosshair": "median", "group_value": "IT"}
    assert box.counts["concentrate"] == 5
    box.controls["crosshair"].value = "midpoint"
    assert box.counts == {"concentrate": 0, "keep_up": 22, "low_priority": 0, "overkill": 0}
    assert "继续保持：<b>22</b>" in box.children[-2].value
    assert box.last_values == {"crosshair": "midpoint", "group_value": "IT"}


# --- 12 training evaluation ------------------------------------------------------------

def test_12_1_p_value():
    assert isq.check("12.1", "B")
    assert "最常见的误读" in isq.check("12.1", "A").message
    assert "不等于效果大" in isq.check("12.1", "c").message


def test_12_2_significant_departments():
    ok = isq.check("12.2", ["ADM", "FIN", "HR", "IT"])
    assert ok and "FIN" in ok.message and "显著不等于重要" in ok.message
    assert "漏了 FIN" in isq.check("12.2", ["HR", "ADM", "IT"]).message
    assert "PUR" in isq.check("12.2", ["ADM", "FIN", "HR", "IT", "PUR"]).message
    assert "样本太少" in isq.check("12.2", ["LEG", "HR"]).message


# --- 99 scoreboard ---------------------------------------------------------------------

def test_scoreboard_widget_persists_across_restart(tmp_path):
    path = tmp_path / "workshop" / "scoreboard.csv"
    board = isq.open_scoreboard(str(path), "红队, 蓝队")
    assert path.exists() and board.teams == ["红队", "蓝队"]
    box = isq.scoreboard_widget(board)
    box.controls["team"].value, box.controls["points"].value = "蓝队", 5
    box.controls["member"].value = "李四"
    box.add_button.click()
    box.controls["team"].value, box.controls["points"].value = "红队", 3
    box.add_button.click()
    box.undo_button.click()
    box.bonus_button.click()
    box.round_button.click()
    assert box.last_action == "next" and "第 2 轮" in box.message.value
    assert box.last_labels == ["第1名  蓝队", "第2名  红队"]  # the chart was redrawn
    again = isq.open_scoreboard(str(path))  # a kernel restart: reload from the file
    assert again.standings()[["team", "total"]].values.tolist() == [["蓝队", 5.0], ["红队", 3.0]]
    assert again.mvp()["member"] == "李四"


def test_scoreboard_default_is_in_memory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    board = isq.open_scoreboard("")
    assert board.path is None and not list(tmp_path.iterdir())
    box = isq.scoreboard_widget(board)
    box.undo_button.click()
    box.undo_button.click()
    assert board.standings()["total"].sum() == 13 + 13 + 7 + 6 - 3 - 7


# --- notebooks -------------------------------------------------------------------------

@pytest.mark.parametrize("name", MODULES)
def test_parameters_documented(name):
    params = papermill.inspect_notebook(str(NB / f"{name}.ipynb"))
    for p in (["lang", "audience"] + (["board_file"] if name.startswith("99") else
                                      ["data_dir", "client", "department", "wave", "seed"])):
        assert p in params and params[p]["help"], (name, p)
    nb = nbformat.read(NB / f"{name}.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells), "commit notebooks without outputs"
    if not name.startswith("99"):
        assert sum("exercise" in c.metadata.get("tags", []) for c in nb.cells) >= 2
        assert sum("solution" in c.metadata.get("tags", []) for c in nb.cells) >= 2
    if name.startswith("99"):
        assert params["board_file"]["default"] == '""'
