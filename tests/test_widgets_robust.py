"""Issue 11 item 2: every classroom widget survives every option.

Trainer reports: in module 11 choosing 法务部 (LEG, 4 people, 3 IPA raters) showed a red
``ValueError`` traceback; the SERVQUAL explorer showed 样本不足 with the previous department's
chart still underneath; the Kano vote's 清空 left the old chart. Each widget is driven here
through all its options headless (``.value`` set, buttons ``.click()``ed): no exception may
escape, and after every change the widget's ``Output`` holds exactly one thing, the current
chart or one note. Whether a chart or the privacy note is expected is computed from the data
(number of respondents against ``min_group_size`` = 5, the privacy rule of DESIGN.md).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import ipywidgets as w
import pandas as pd
import pytest

import isq
from isq.delivery.widgets import output_kind
from isq.delivery.widgets.journey import journey_sliders

HOSTILE = ["=cmd|' /C calc'!A0", "<script>alert(1)</script>", "../x"]


def one_thing(box, expected=None):
    kind = output_kind(box.output)
    assert kind in ("chart", "note"), f"Output holds {kind}: {box.output.outputs!r}"
    if expected:
        assert kind == expected
    return kind


def note_text(box):
    return box.output.outputs[0]["data"]["text/plain"]


def raters(frame, by, who="respondent"):
    return frame.groupby(by)[who].nunique()


# --- SERVQUAL explorer (module 03) ---------------------------------------------------------

def test_servqual_explorer_every_provider_and_wave():
    sq = isq.load_demo("servqual")
    n = raters(sq, ["provider", "wave"])
    box = isq.servqual_explorer(sq)
    providers = [v for _, v in box.controls["provider"].options]
    waves = [v for _, v in box.controls["wave"].options]
    assert "LEG" in providers and n["LEG"].max() < 5
    for provider, wave in itertools.product(providers, waves):
        box.controls["provider"].value, box.controls["wave"].value = provider, wave
        big = (n.xs(wave, level="wave").sum() if not provider else n.get((provider, wave), 0)) >= 5
        one_thing(box, "chart" if big else "note")
        if not big:
            assert note_text(box) == "样本不足（少于 5 人），不予显示" and box.last_result is None
    # from a suppressed department back to a large one: the note is replaced by a chart
    box.controls["provider"].value = "LEG"
    one_thing(box, "note")
    box.controls["provider"].value = "IT"
    one_thing(box, "chart")


def test_servqual_explorer_hostile_department_names():
    sq = isq.load_demo("servqual")
    codes = sorted(sq["provider"].unique())[:3]
    sq = sq.assign(provider=sq["provider"].replace(dict(zip(codes, HOSTILE))))
    box = isq.servqual_explorer(sq, provider=HOSTILE[1])
    for name in HOSTILE:
        box.controls["provider"].value = name
        one_thing(box)
        assert "<script>" not in box.children[1].value


def test_servqual_explorer_unknown_initial_choice_starts_on_the_company():
    box = isq.servqual_explorer(isq.load_demo("servqual"), provider="NOPE", wave="mid")
    assert box.last_values["provider"] == "" and one_thing(box) == "chart"


# --- Kano vote (module 02) -------------------------------------------------------------------

def test_kano_vote_every_answer_pair_and_clear():
    box = isq.kano_vote()
    assert one_thing(box, "note") == "note" and "还没有投票" in note_text(box)
    codes = [v for _, v in box.functional.options]
    # every answer of each question (the other held at each end), each pair recorded as a vote
    pairs = sorted({(f, d) for f in codes for d in (codes[0], codes[-1])} | {(f, d) for d in codes for f in (codes[0], codes[-1])})
    for f, d in pairs:
        box.functional.value, box.dysfunctional.value = f, d
        expected = str(isq.kano_classify([f], [d])[0])
        assert box.category == expected
        box.button.click()
        one_thing(box, "chart")
    assert len(box.votes) == len(pairs) == 16
    box.children[2].children[1].click()  # the 清空 button
    assert box.votes.empty
    one_thing(box, "note")  # the old chart is gone
    box.button.click()
    one_thing(box, "chart")


# --- IPA crosshair (module 11) ----------------------------------------------------------------

def test_ipa_widget_every_department_and_crosshair():
    data = isq.load_demo("ipa")
    n = raters(data, "provider")
    box = isq.ipa_crosshair_widget(data, value="LEG")
    one_thing(box, "note")
    assert box.last_error is None and "样本不足" in note_text(box)
    for group, cross in itertools.product(box.controls["group_value"].options,
                                          [v for _, v in box.controls["crosshair"].options]):
        box.controls["group_value"].value, box.controls["crosshair"].value = group, cross
        big = group == "全部" or n[group] >= 5
        one_thing(box, "chart" if big else "note")
        assert box.last_error is None
        if big:
            assert sum(box.counts.values()) == len(box.result.dropna(subset=["quadrant"]))


# --- journey sliders (module 06) ------------------------------------------------------------

@pytest.mark.parametrize("journey", ["expense", "onboarding"])
def test_journey_sliders_every_slider_to_both_ends(journey):
    summary = isq.journey_summary(isq.load_demo("journey"))
    versions = list(summary.loc[summary["journey"] == journey, "version"].drop_duplicates())
    for version in versions[1:]:  # every version opens on a chart
        one_thing(journey_sliders(summary, journey=journey, version=version), "chart")
    box = journey_sliders(summary, journey=journey, version=versions[0])
    for name, slider in box.controls.items():
        for v in (slider.min, slider.max):
            slider.value = v
            one_thing(box, "chart")
            assert box.last_error is None and box.last_values[name] == v


def test_journey_sliders_unknown_journey_is_a_clear_error():
    summary = isq.journey_summary(isq.load_demo("journey"))
    with pytest.raises(isq.IsqError, match="journey"):
        journey_sliders(summary, journey="nope")


# --- phrase checker (module 07) ---------------------------------------------------------------

def test_phrase_checker_hostile_and_empty_text():
    from isq.delivery.widgets.phrases import phrase_checker

    box = phrase_checker()
    for text in ["", "   ", *HOSTILE, "这不归我管，<script>alert(1)</script>你自己去查吧！", "好" * 5000]:
        box.text.value = text
        assert "<script>" not in box.result.value
    box.text.value = "这不归我管，你自己去查吧！"
    assert len(box.hits) == 2 and box.result.value.count("<mark") == 2


# --- conflict questionnaire (module 10) -------------------------------------------------------

def test_conflict_questionnaire_every_item_both_ends_and_every_team():
    box = isq.conflict_questionnaire(teams=isq.workshop_teams(isq.workshop_folder()))
    for code, slider in box.controls.items():
        for v in (slider.min, slider.max):
            slider.value = v
            one_thing(box, "chart")
            assert box.last_error is None
    for i, team in enumerate(box.team.options):
        box.team.value, box.who.value = team, f"学员{i}"
        box.button.click()
    assert sorted(box.room["team"].unique()) == sorted(box.team.options)
    assert list(box.team.options) == ["第1组", "第2组", "第3组", "第4组"]  # the course's team names


# --- scoreboard (module 99) -------------------------------------------------------------------

def test_scoreboard_every_team_and_button(tmp_path):
    board = isq.open_scoreboard("", folder=tmp_path)
    box = isq.scoreboard_widget(board)
    one_thing(box, "chart")
    box.undo_button.click()  # nothing to undo: a message, not an exception
    assert "color:#c0392b" in box.message.value
    one_thing(box, "chart")
    for team, pts in itertools.product(box.controls["team"].options, box.controls["points"].options):
        box.controls["team"].value, box.controls["points"].value = team, pts
        box.add_button.click()
        one_thing(box, "chart")
    box.bonus_button.click()
    box.round_button.click()
    box.undo_button.click()
    one_thing(box, "chart")
    assert "<th>名次</th>" in box.table.value and "<th>总分</th>" in box.table.value
    assert isq.open_scoreboard(str(tmp_path / "scoreboard.csv")).standings()["total"].sum() == 4 * 21


def test_scoreboard_hostile_team_names_are_escaped(tmp_path):
    board = isq.Scoreboard(HOSTILE)
    box = isq.scoreboard_widget(board)
    box.controls["team"].value, box.controls["reason"].value = HOSTILE[1], "<img src=x onerror=alert(1)>"
    box.add_button.click()
    assert "<script>" not in box.table.value and "<script>" not in box.message.value
    assert "<img" not in box.message.value
    one_thing(box, "chart")


# --- live_plot cells of the notebooks (08 peer ranking, 09 control chart) ----------------------

def test_control_chart_widget_every_department_and_rule_set():
    data = isq.open_data("")
    rates = isq.complaint_rates(data["complaints"], data["requests"])
    counts = rates.pivot(index="month", columns="department", values="count")
    sizes = rates.pivot(index="month", columns="department", values="size")
    rules = ["we1", "we2", "we3", "we4", "nelson2", "nelson3"]
    box = isq.live_plot(
        lambda ax, dept, rules: isq.plot_control_chart(
            isq.control_chart(counts[dept], sizes[dept], kind="p", rules=rules), ax=ax, title=dept),
        {"dept": w.Dropdown(options=list(counts.columns), value="IT"),
         "rules": w.SelectMultiple(options=rules, value=("we1",))})
    for dept, chosen in [(d, tuple(rules)) for d in counts.columns] + [("LEG", ()), ("LEG", ("we1",))]:
        box.controls["dept"].value, box.controls["rules"].value = dept, chosen
        one_thing(box, "chart")
        assert box.last_error is None, (dept, chosen, box.last_error)


def test_peer_ranking_toggle_and_a_failing_draw_is_a_note():
    data = isq.open_data("")
    peer = data["peer_ratings"]
    rankings = {"原始评分": isq.peer_ranking(peer), "宽严度校正后": isq.peer_ranking(isq.peer_adjusted(peer),
                                                                              score="adjusted_score")}
    box = isq.live_plot(lambda ax, version: isq.plot_peer_ranking(rankings[version], ax=ax, title=version),
                        {"version": w.ToggleButtons(options=list(rankings))})
    for v in list(rankings) * 2:
        box.controls["version"].value = v
        one_thing(box, "chart")
    # a draw that fails shows one Chinese note (never a traceback) and the next good draw replaces it
    bad = isq.live_plot(lambda ax, k: ax.plot(pd.Series([1, 2]).loc[[k]]), {"k": w.IntSlider(value=5)})
    one_thing(bad, "note")
    assert "这张图暂时画不出来" in note_text(bad) and isinstance(bad.last_error, KeyError)
    bad.controls["k"].value = 1
    one_thing(bad, "chart")
    assert bad.last_error is None


# --- notebooks run for a department too small to show (法务部 LEG: 4 people) -------------------

DEPARTMENT_PARAMETERS = ("department", "provider", "focus_department")


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted((Path(isq.__file__).resolve().parents[1] / "notebooks").glob("[01]*.ipynb")),
                         ids=lambda p: p.name[:2])
def test_notebook_runs_for_a_suppressed_department(path, tmp_path, monkeypatch):
    """Every department-like parameter set to LEG: the notebook runs to the end (no traceback)."""
    import papermill

    declared = papermill.inspect_notebook(str(path))
    params = {p: "LEG" for p in DEPARTMENT_PARAMETERS if p in declared}
    if not params:
        pytest.skip("no department parameter")
    monkeypatch.setenv("ISQ_WORKSHOP_DIR", str(tmp_path / "workshop"))
    papermill.execute_notebook(str(path), str(tmp_path / path.name), parameters=params, kernel_name="python3",
                               cwd=str(path.parent), progress_bar=False)
