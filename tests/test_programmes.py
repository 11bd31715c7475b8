"""Course programmes (issue 11, item 5): one timetable per course outline in ../shared/seeds/.

The reference is each seed outline itself: its stated length (000: 1 天 6 小时; 001: 2 天;
002: 1–2 天 6 小时/天; 003: 一天 6 小时; 004 is a slide deck, run as a half-day variant of
000) and, for the 1-day course 000, its list of eight tools (课程工具) and seven outcomes
(课程成果), copied verbatim below so the test runs without the seeds folder.
"""

import json
import re
from pathlib import Path

import pytest

import isq
from isq.delivery import cli
from isq.delivery.programmes import (
    ACTIVITIES, _validate, check_programme, load_programme, programme_json, programme_names,
    programme_timetable,
)
from isq.delivery.render import external_references

SEED_TOOLS_000 = [
    "内部客户需求分析模型", "内部客户优质服务质量模型", "内部客户服务策略屋模型",
    "内部客户服务策略执行分解模型", "内部客户服务知识管理模型", "内部客户服务改善项目的牛眼图分析模型",
    "内部客户服务优先改善决策模型", "内部客户服务管理思维模型",
]
SEED_OUTCOMES_000 = [
    "结合企业实际情况的内部客户需求分析的研讨结果", "内部客户优质服务质量模型短板分析的研讨结果",
    "内部客户服务策略执行项目分解的研讨结果", "核心业务场景的内部客户体验旅程图分析的研讨结果",
    "内部客户服务服务禁语收集的演练结果", "内部客户服务改善项目的牛眼图分析演练结果",
    "内部客户服务优先改善决策模型运用的演练结果",
]
# seed -> (programme, days, hours per day)
EXPECTED = {
    "internal_customer_service_1day": ("000", 1, 6),
    "service_value_management_2day": ("001", 2, 6),
    "internal_service_collaboration_1day": ("002", 1, 6),
    "internal_service_collaboration_2day": ("002", 2, 6),
    "customer_satisfaction_standards_1day": ("003", 1, 6),
    "internal_service_awareness_half_day": ("004", 0.5, 6),
}


def _seeds():
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared" / "seeds"
    return None


def test_one_programme_per_outline():
    assert programme_names() == sorted(EXPECTED)
    for name, (seed, days, hours) in EXPECTED.items():
        p = load_programme(name)
        assert (str(p["seed"]).zfill(3), p["days"], p["hours_per_day"]) == (seed, days, hours), name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_teaching_minutes_add_up_to_the_course_hours(name):
    j = programme_json(name)
    assert sum(s["minutes"] for s in j["sessions"]) == j["days"] * j["hours_per_day"] * 60
    t = programme_timetable(name)
    # breaks and lunch are separate and not in the JSON sessions
    assert len(j["sessions"]) == int((t["kind"] == "session").sum())
    assert {"break", "lunch"} <= set(t["kind"]) or j["days"] < 1
    assert all(s["activity"] in ACTIVITIES and s["outcome"] for s in j["sessions"])
    # clock times chain without gaps within each day
    for _, day in t.groupby("day"):
        assert (day["start"].iloc[1:].to_numpy() == day["end"].iloc[:-1].to_numpy()).all()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_notebook_section_exists(name):
    """Every session's notebook exists and has the section as a heading; assessments are bundled."""
    assert check_programme(name) == []


def test_one_day_course_delivers_every_tool_and_outcome_of_outline_000():
    p = load_programme("internal_customer_service_1day")
    assert p["tools"] == SEED_TOOLS_000
    seeds = _seeds()
    if seeds is not None:
        text = next(seeds.glob("000_*.txt")).read_text(encoding="utf-8")
        assert re.findall(r"工具[一二三四五六七八]:(\S+)", text) == SEED_TOOLS_000
        assert re.findall(r"成果[一二三四五六七]:(\S+)", text) == SEED_OUTCOMES_000
    sessions = programme_json("internal_customer_service_1day")["sessions"]
    taught = [t for s in sessions for t in s["tools"]]
    assert set(SEED_TOOLS_000) <= set(taught)
    assert set(SEED_OUTCOMES_000) <= {s["outcome"] for s in sessions}
    # the strategy house and the execution breakdown are taught in class, in module 05
    house = [s for s in sessions if "内部客户服务策略屋模型" in s["tools"]]
    breakdown = [s for s in sessions if "内部客户服务策略执行分解模型" in s["tools"]]
    assert [s["notebook"] for s in house + breakdown] == ["05_服务策略屋与执行分解"] * 2
    assert all(s["minutes"] >= 15 for s in house + breakdown)
    # the outline's split: 第一讲 1 h (with the opening), 第二讲 2 h, 第三讲 3 h (with the close)
    by_part = {}
    for s in sessions:
        key = s["part"][:3] if s["part"].startswith("第") else ("第一讲" if s["day"] == 1 and s["start"] < "10:00" else "第三讲")
        by_part[key] = by_part.get(key, 0) + s["minutes"]
    assert by_part == {"第一讲": 60, "第二讲": 120, "第三讲": 180}


def test_one_day_clock_times():
    t = programme_timetable("internal_customer_service_1day")
    lunch = t[t["kind"] == "lunch"].iloc[0]
    assert (t["start"].iloc[0], lunch["start"], lunch["end"], t["end"].iloc[-1]) == (
        "09:00", "12:15", "13:30", "16:45")


def test_cli_lists_prints_and_writes(tmp_path, capsys):
    assert cli.main(["course", "programmes"]) == 0
    assert capsys.readouterr().out.split() == sorted(EXPECTED)
    out = tmp_path / "p.html"
    assert cli.main(["course", "programme", "internal_customer_service_1day", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "12:15–13:30   75  午餐" in printed and "教学时间合计：360 分钟（6 小时）" in printed
    page = out.read_text(encoding="utf-8")
    assert external_references(page) == []
    assert "策略屋：目标、策略与地基" in page and "<script" not in page
    assert cli.main(["course", "programme", "service_value_management_2day", "--json"]) == 0
    j = json.loads(capsys.readouterr().out)
    assert (j["days"], j["hours_per_day"]) == (2, 6)
    assert sum(s["minutes"] for s in j["sessions"]) == 720
    assert {"minutes", "notebook", "section", "activity", "outcome"} <= set(j["sessions"][0])


def test_unknown_programme_is_a_clear_error(tmp_path, capsys):
    for bad in ("nope", "../internal_customer_service_1day", "<script>alert(1)</script>"):
        assert cli.main(["course", "programme", bad, "--out", str(tmp_path / "x.html")]) == 2
        err = capsys.readouterr().err
        assert "unknown programme" in err and "internal_customer_service_1day" in err
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(isq.IsqError, match="Available programmes"):
        isq.load_programme("nope")


def test_bad_programme_file_is_reported():
    good = load_programme("internal_customer_service_1day")
    good["schedule"][0]["items"][1]["minutes"] = 20
    with pytest.raises(isq.IsqError, match=r"x.yaml: the teaching minutes add up to 355, not .* = 360"):
        _validate(good, "x.yaml")
    good = load_programme("internal_customer_service_1day")
    good["schedule"][0]["items"][1]["activity"] = "nap"
    with pytest.raises(isq.IsqError, match=r"x.yaml, day 1, item 2: 'activity' must be one of lecture"):
        _validate(good, "x.yaml")


def test_show_programme_in_the_notebook():
    t = isq.show_programme("internal_customer_service_1day")
    assert t.columns.tolist() == ["天", "时间", "分钟", "单元", "笔记本", "章节", "活动", "产出"]
    assert t["分钟"].sum() == 360 + 15 + 75 + 15
    en = isq.show_programme("internal_customer_service_1day", lang="en")
    assert en.columns[0] == "Day" and "Lecture" in set(en["Activity"])


def test_programme_overview():
    o = isq.programme_overview()
    assert o["名称"].tolist() == sorted(EXPECTED)
    assert (o["教学分钟"] == o["天数"] * o["每天小时"] * 60).all()
    assert o.set_index("名称").loc["internal_service_awareness_half_day", "大纲"] == "004"


def test_awareness_and_culture_sessions_use_module_17():
    """Issue 14: stress and EAP, service culture and the levels of awareness (1-day course), and
    3C, the 7 elements and team or gang (half-day awareness course) are taught in module 17."""
    one = {s["section"] for d in load_programme("internal_customer_service_1day")["schedule"]
           for s in d["items"] if s.get("notebook") == "17_服务意识与文化"}
    assert one == {"全员服务文化：建立的要点", "服务意识的层次：基本、满意、愉悦、意料之外",
                   "情绪压力：压力来源、调节方法与 EAP"}
    half = [s for d in load_programme("internal_service_awareness_half_day")["schedule"] for s in d["items"]
            if s.get("notebook") == "17_服务意识与文化"]
    assert [s["section"] for s in half] == ["内部客户服务的 3C 要素", "4 项技巧与成功的 7 个要素",
                                            "团队还是团伙"]
