"""Module 17 服务意识与文化: the awareness topics as checked activities whose result is computed
from the workshop folder and drawn; typed answers go through each exercise's answer spec and
the answer box; the checks follow the room's worksheets, not the demo's answers."""

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import isq
from isq.delivery.checks import answer_spec, registered_exercises
from isq.delivery.checks.parse import Choice, Items, Letters, Parts, Text

NOTEBOOK = next((Path(isq.__file__).resolve().parents[1] / "notebooks").glob("17_*.ipynb"))
IDS = [f"17.{i}" for i in range(1, 13)]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def sheets():
    return isq.open_workshop().worksheets


def test_every_exercise_of_17_has_a_non_text_answer_spec():
    assert {e for e in registered_exercises() if e.startswith("17.")} == set(IDS)
    assert not any(isinstance(answer_spec(e), Text) for e in IDS)
    assert isinstance(answer_spec("17.12"), Parts) and isinstance(answer_spec("17.10"), Letters)
    assert isinstance(answer_spec("17.1"), Items) and isinstance(answer_spec("17.9"), Choice)


# --- the models on the demo room (planted truths of isq/delivery/_workshop_demo_tools.py) ---------

def test_rated_worksheets_match_the_models_items():
    from isq.delivery.workshop import worksheet_schema

    for sheet, items in isq.RATED_ITEMS.items():
        fields = {f["name"]: f for f in worksheet_schema(sheet)["fields"]}
        assert {k: fields[k]["zh"] for k in items} == items
        assert all(fields[k]["options"] == ["1", "2", "3", "4", "5"] for k in items)
    gang = {f["name"]: f["zh"] for f in worksheet_schema("team_gang")["fields"]}
    assert gang == {k: s for k, (s, _) in isq.TEAM_GANG.items()}
    assert worksheet_schema("culture")["fields"][8]["options"] == list(isq.RATED_ITEMS["culture"].values())


def test_three_c_profile_and_room_summary(sheets):
    p = isq.rating_profile(sheets, "three_c")
    assert len(p) == 12 and p.loc[p["team"] == "第2组", "score"].tolist() == [2.0, 3.0, 3.0]
    s = isq.rating_summary(p)
    assert s["mean"].tolist() == [3.25, 3.25, 2.5] and s["worst_for"].tolist() == [1, 1, 2]
    assert s.loc[s["worst"], "name"].tolist() == ["沟通"]


def test_stress_worst_is_the_heaviest_pressure(sheets):
    s = isq.rating_summary(isq.rating_profile(sheets, "stress"))
    top = s.loc[s["worst"]].iloc[0]
    assert (top["name"], top["mean"], top["worst_for"]) == ("跨部门推诿与等待", 4.25, 2)
    assert s.set_index("item").loc["workload", "worst_for"] == 1  # 第1组's heaviest: workload (5)


def test_culture_votes_and_least_built_point(sheets):
    s = isq.rating_summary(isq.rating_profile(sheets, "culture")).set_index("name")
    assert s["votes"].to_dict() == {"领导示范": 1, "理念共识": 0, "标准与制度": 0, "流程支撑": 0,
                                    "激励与认可": 2, "培训赋能": 0, "服务故事传播": 0, "全员参与": 1}
    assert s.index[s["worst"]].tolist() == ["服务故事传播"] and s.loc["服务故事传播", "mean"] == 1.75


def test_team_gang_sort_puts_the_most_confused_first(sheets):
    t = isq.team_gang_sort(sheets)
    assert t[["statement", "truth", "right", "teams"]].head(2).values.tolist() == [
        ["沉闷死板的工作氛围", "团伙", 2, 4], ["荣辱与共的战友情结", "团队", 3, 4]]
    assert (t["share"].iloc[2:] == 1).all() and len(t) == 10


def test_communication_readiness_counts_the_checklist(sheets):
    r = isq.communication_readiness(sheets).set_index("team")
    assert r.loc["第2组", ["ready", "open", "plan_filled"]].tolist() == [2, 1, 7]
    assert r.loc["第2组", "open_items"] == "发票识别工具演示" and r.loc["第2组", "share"] == pytest.approx(0.9)
    assert r.loc["第4组", "share"] == 1.0


def test_a_rating_out_of_range_names_the_team():
    bad = pd.DataFrame({"worksheet": "stress", "team": "第9组", "field": ["workload"], "value": ["9"]})
    with pytest.raises(isq.IsqError, match="第9组"):
        isq.rating_profile(bad, "stress")
    with pytest.raises(isq.IsqError, match="three_c"):
        isq.rating_profile(bad, "nope")
    assert isq.rating_profile(bad.iloc[0:0], "stress").empty


def test_hostile_worksheet_text_stays_text(tmp_path):
    """A team typing ``=cmd|...`` or ``<script>`` gets it back as text, in charts and tables."""
    import matplotlib
    matplotlib.use("Agg")
    rows = [{"worksheet": "communication", "team": "<script>alert(1)</script>", "field": "checklist",
             "row": 0, "column": c, "value": v} for c, v in (("item", "=cmd|' /C calc'!A0"), ("status", "未准备"))]
    rows.append({"worksheet": "communication", "team": "<script>alert(1)</script>", "field": "goal",
                 "row": pd.NA, "column": None, "value": "$x$"})
    r = isq.communication_readiness(pd.DataFrame(rows))
    assert r["open_items"].iloc[0] == "=cmd|' /C calc'!A0" and r["open"].iloc[0] == 1
    ax = isq.plot_communication_readiness(r)
    assert ax.get_yticklabels()[0].get_text() == "<script>alert(1)</script>"


# --- typed answers ---------------------------------------------------------------------------

RIGHT = [
    ("17.1", "关怀，合作，沟通", "关怀、合作、沟通"),
    ("17.2", "沟通。", "沟通"),
    ("17.2", "connect", "沟通"),
    ("17.3", "志同道合的目标意识、同舟共济的协作精神、坦诚和谐的沟通氛围；荣辱与共的战友情结，精诚团结的共赢趋向",
     "志同道合的目标意识、同舟共济的协作精神、坦诚和谐的沟通氛围、荣辱与共的战友情结、精诚团结的共赢趋向"),
    ("17.4", "“沉闷死板的工作氛围”", "沉闷死板的工作氛围"),
    ("17.5", "Ａ、ｃ、ｄ、ｆ", "a、c、d、f"),
    ("17.6", "Ｈ。", "h"),
    ("17.7", "相互信任", "相互信任"),
    ("17.8", "第二组", "第2组"),
    ("17.9", "跨部门推诿与等待", "跨部门推诿与等待"),
    ("17.10", "ａ，ｂ，ｄ，ｅ", "a、b、d、e"),
    ("17.11", "服务故事传播", "服务故事传播"),
    ("17.12", "有形、无形、难忘", "产品经济：有形，服务经济：无形，体验经济：难忘"),
]
WRONG = [
    ("17.1", "关怀、合作", "缺少 1 项"),
    ("17.2", "关怀", "只被 1 个组评为最弱"),
    ("17.3", "志同道合的目标意识、鼠目寸光的既得利益", "团伙的特征"),
    ("17.4", "志同道合的目标意识", "不对"),
    ("17.5", "a，b，c，d", "对人不对事"),
    ("17.6", "ａ", "七要素之一"),
    ("17.7", "持续改进的工作流程", "只被 1 个组评为最弱"),
    ("17.8", "第1组", "不对"),
    ("17.9", "工作量与时限", "压力最大"),
    ("17.10", "a、b、c、d", "保密"),
    ("17.11", "全员参与", "做得最差"),
    ("17.12", "有形，无形，无形", "难忘"),
]


@pytest.mark.parametrize("exercise, typed, understood", RIGHT)
def test_typed_right_answer_passes(exercise, typed, understood):
    fb = isq.check_text(exercise, typed)
    assert fb.passed, fb
    assert fb.understood == understood


@pytest.mark.parametrize("exercise, typed, says", WRONG)
def test_typed_wrong_answer_fails_with_chinese_feedback(exercise, typed, says):
    fb = isq.check_text(exercise, typed)
    assert not fb.passed and says in str(fb), str(fb)
    assert CJK.search(fb.message) and (not fb.hint or CJK.search(fb.hint))


def test_every_exercise_has_a_right_and_a_wrong_case_and_an_empty_box():
    assert {e for e, _, _ in RIGHT} == set(IDS) == {e for e, _, _ in WRONG}
    assert all("还没有作答" in isq.check_text(e, " ").message for e in IDS)


def test_answer_box_dropdown_and_parts():
    import ipywidgets as w

    box = isq.answer_box("17.12")
    assert list(box.controls) == ["产品经济", "服务经济", "体验经济"]
    for k, v in zip(box.controls, ["有形", "无形", "难忘"]):
        box.controls[k].value = v
    assert box.submit().passed
    stress = isq.answer_box("17.9")
    assert isinstance(stress.controls["answer"], w.Dropdown)
    stress.controls["answer"].value = "跨部门推诿与等待"
    assert stress.submit().passed


def test_checks_follow_the_rooms_worksheets(sheets):
    """Another room's answers: the right answer moves with the data."""
    s = sheets.copy()
    s.loc[(s["worksheet"] == "stress") & (s["field"] == "workload"), "value"] = "5"
    summary = isq.rating_summary(isq.rating_profile(s, "stress"))
    assert isq.check_text("17.9", "工作量与时限", summary=summary).passed
    assert not isq.check_text("17.9", "跨部门推诿与等待", summary=summary).passed
    s.loc[(s["worksheet"] == "team_gang") & (s["field"] == "s02"), "value"] = "团队"
    assert isq.check_text("17.4", "鼠目寸光的既得利益", sort=isq.team_gang_sort(s)).passed
    levels = isq.place_service_level(isq.open_workshop().tables["assessments/levels"])
    levels.loc[(levels["team"] == "第3组") & (levels["aspect"] == "awareness"), "level_no"] = 0
    assert isq.check_text("17.8", "第3组", levels=levels).passed
    empty = isq.rating_summary(isq.rating_profile(s.iloc[0:0], "culture"), worksheet="culture")
    assert "还没有任何小组" in isq.check_text("17.11", "服务故事传播", summary=empty).message


# --- the notebook --------------------------------------------------------------------------

def test_notebook_exercises_use_the_answer_box_with_the_solutions_context():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    exercises, solutions = {}, {}
    for c in nb.cells:
        tags = set(c.metadata.get("tags", []))
        if "exercise" in tags:
            m = re.fullmatch(r'(answer_(\d+)_(\d+)) = \.\.\.  # 在此作答；或直接用下面的答题框\n'
                             r'isq\.answer_box\("(\d+\.\d+)", \1(.*)\)', c.source)
            assert m and m.group(4) == f"{m.group(2)}.{m.group(3)}", c.source
            exercises[m.group(4)] = m.group(5)
        elif "solution" in tags:
            m = re.search(r'isq\.check\("(\d+\.\d+)", answer_\d+_\d+(.*)\)', c.source)
            solutions[m.group(1)] = m.group(2)
        if c.cell_type == "markdown" and "**练习 " in c.source:
            assert "**解读**" not in c.source, c.id
    assert exercises == solutions and set(exercises) == set(IDS)


def test_notebook_draws_each_awareness_activity_from_the_workshop_folder():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for call in ('isq.rating_profile(room.worksheets, "three_c")', "isq.team_gang_sort(room.worksheets)",
                 'isq.rating_profile(room.worksheets, "seven_elements")', 'isq.rating_profile(room.worksheets, "stress")',
                 'isq.rating_profile(room.worksheets, "culture")', 'room.tables["assessments/levels"]'):
        assert call in code
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert 'team: str = ""' in params.source and 'workshop_dir: str = ""' in params.source
    for sheet in ("three_c", "team_gang", "seven_elements", "stress", "culture"):
        assert f'isq.worksheet("{sheet}", team=team, folder=folder)' in code
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")



@pytest.mark.slow
def test_notebook_follows_another_rooms_workshop_folder(tmp_path):
    """Module 17 run on another room's folder: every solution (computed from the folder) passes,
    and the demo room's answers are rejected where the room answered differently."""
    import shutil

    import papermill

    from isq.delivery.workshop import read_worksheet, save_worksheet

    ws = tmp_path / "room"
    shutil.copytree(Path(isq.__file__).resolve().parents[1] / "data" / "workshop", ws)
    changes = {"three_c": {"care": "1"}, "stress": {"workload": "5"}, "culture": {"stories": "5"},
               "team_gang": {"s02": "团队"}}
    for sheet, values in changes.items():
        for f in sorted((ws / "worksheets" / sheet).glob("*.yaml")):
            _, fields = read_worksheet(f, worksheet=sheet)
            save_worksheet(ws, sheet, f.stem, {**fields, **values})
    nb = nbformat.read(NOTEBOOK, as_version=4)
    demo = {"17.2": '"沟通"', "17.4": '"沉闷死板的工作氛围"', "17.9": '"跨部门推诿与等待"', "17.11": '"服务故事传播"'}
    cells = []
    for c in nb.cells:
        cells.append(c)
        m = re.search(r'isq\.check\("(17\.\d+)", (answer_17_\d+)(.*)\)', c.source)
        if "solution" in c.metadata.get("tags", []) and m and m.group(1) in demo:
            probe = nbformat.v4.new_code_cell(f'isq.check("{m.group(1)}", {demo[m.group(1)]}{m.group(3)})')
            probe.metadata["tags"] = ["demo-probe"]
            cells.append(probe)
    nb.cells = cells
    nbformat.write(nb, tmp_path / "17.ipynb")
    papermill.execute_notebook(str(tmp_path / "17.ipynb"), str(tmp_path / "out.ipynb"), kernel_name="python3",
                               parameters={"workshop_dir": str(ws)}, cwd=str(NOTEBOOK.parent), progress_bar=False)
    done = nbformat.read(tmp_path / "out.ipynb", as_version=4)

    def text(c):
        return "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in c.outputs)

    sols = [c for c in done.cells if "solution" in c.metadata.get("tags", [])]
    assert len(sols) == 12 and all("✓ 练习" in text(c) for c in sols), [text(c) for c in sols]
    probes = [text(c) for c in done.cells if "demo-probe" in c.metadata.get("tags", [])]
    assert len(probes) == 4 and all("✗ 练习" in t for t in probes), probes
    assert "鼠目寸光的既得利益" in "".join(text(c) for c in sols)


def test_a_room_worksheet_activity_lands_in_the_folder_and_is_drawn(tmp_path):
    """The live room: a team fills "stress" on a phone; closing the activity writes it into the
    workshop folder, and module 17's summary is computed from the room's answer."""
    import shutil

    from isq.delivery.room.frames import export_activity
    from isq.delivery.room.store import RoomStore

    folder = tmp_path / "room"
    shutil.copytree(Path(isq.__file__).resolve().parents[1] / "data" / "workshop", folder)
    store = RoomStore(folder)
    store.open_activity("worksheet", {"worksheet": "stress"})
    pid, _ = store.join("第1组", "小王")
    ratings = dict(zip(isq.RATED_ITEMS["stress"], ["1", "1", "1", "5", "1", "1", "1"]))
    store.submit(pid, "worksheet", [("stress", ratings)])
    assert [p.name for p in export_activity(folder, "worksheet", store=store)] == ["第1组.yaml"]
    p = isq.rating_profile(isq.open_workshop(folder).worksheets, "stress")
    assert p.loc[p["team"] == "第1组", "score"].tolist() == [1, 1, 1, 5, 1, 1, 1]
    s = isq.rating_summary(p).set_index("item")
    assert s.loc["roles", "worst_for"] == 1 and s.loc["workload", "mean"] == 2.75  # (1 + 3 + 3 + 4) / 4


def test_booklet_shows_the_room_not_the_teams_for_stress(tmp_path):
    res = isq.build_outcomes(Path(isq.__file__).resolve().parents[1] / "data" / "workshop", tmp_path / "out")
    page = res["html"].read_text(encoding="utf-8")
    chapter = page[page.index("十一、服务意识与文化</h2>"):page.index("十二、团队积分与贡献</h2>")]
    stress = chapter[chapter.index("内部客户压力来源与调节"):chapter.index("全员服务文化：建立要点自评")]
    assert "压力来源（全班）" in stress and "各组的调节方法" in stress and "被投诉后先暂停十分钟再回复" in stress
    assert "<h4>第1组</h4>" not in stress  # no team's own ratings
    assert chapter.count("<img") == 5 and not res["problems"]


def test_room_worst_item_ties_go_to_the_worse_mean():
    """Two elements each rated weakest by one team: the one with the lower room mean is the worst;
    for pressure (high is bad) the higher mean."""
    rows = [("第1组", "goal", 1), ("第1组", "trust", 3), ("第2组", "goal", 5), ("第2组", "trust", 2)]
    w = pd.DataFrame([{"worksheet": s, "team": t, "field": f, "value": str(v)} for s in ("seven_elements",)
                      for t, f, v in rows])
    s = isq.rating_summary(isq.rating_profile(w, "seven_elements"))
    assert s["worst_for"].tolist() == [1, 1] and s["mean"].tolist() == [3.0, 2.5]
    assert s.loc[s["worst"], "item"].tolist() == ["trust"]
    stress = w.assign(worksheet="stress", field=w["field"].map({"goal": "workload", "trust": "blame"}))
    s = isq.rating_summary(isq.rating_profile(stress, "stress"))
    assert s.loc[s["worst"], "item"].tolist() == ["workload"]  # each team's heaviest once; 3.0 > 2.5
