"""Conflict modes: the original self-reflection exercise, scoring and the geometric rule.

The five modes on assertiveness × cooperativeness follow Thomas (1976) / Kilmann & Thomas
(1977); the TKI items and norms are copyrighted and not used, so there is no published
score table to reproduce: scores are checked on hand-computed answer sheets and the mode
rule on points placed by hand, plus property tests."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isq.errors import IsqError, IsqInstrumentError
from isq.models.conflict import (
    COMPROMISE_RADIUS,
    conflict_mode,
    conflict_profile,
    load_conflict_items,
)

EX = load_conflict_items()
CODES = EX.items["code"].tolist()


def test_exercise_file_is_original_and_balanced():
    text = EX.source and open(EX.source, encoding="utf-8").read()
    assert "NOT the Thomas-Kilmann Conflict Mode Instrument" in text
    assert 10 <= len(EX.items) <= 15
    for ax in ("assertiveness", "cooperativeness"):
        signs = EX.items[ax]
        assert (signs == 1).sum() >= 3 and (signs == -1).sum() >= 3   # both directions keyed
    assert EX.items["zh"].str.len().gt(5).all() and EX.items["en"].str.len().gt(20).all()


def test_scores_by_hand():
    """CM01 (+A) = 5, CM06 (+C) = 4, CM12 (−A −C) = 2 → keyed 4 on both axes;
    A = mean(5, 4) = 4.5 → 100·3.5/4 = 87.5; C = mean(4, 4) = 4 → 75 → collaborating."""
    answers = pd.DataFrame({"respondent": "p1", "item": ["CM01", "CM06", "CM12"],
                            "score": [5, 4, 2]})
    row = conflict_profile(answers).iloc[0]
    assert (row["assertiveness"], row["cooperativeness"]) == (87.5, 75.0)
    assert row["mode"] == "collaborating" and row["n_items"] == 3


def _sheet(a_high, c_high):
    """A full answer sheet: agree (5) with items pushing each axis the wanted way."""
    out = {}
    for it in EX.items.itertuples():
        want = {"assertiveness": a_high, "cooperativeness": c_high}
        votes = [(1 if want[ax] else -1) * getattr(it, ax) for ax in want if getattr(it, ax)]
        out[it.code] = 5 if sum(votes) > 0 else (1 if sum(votes) < 0 else 3)
    return out


def test_extreme_sheets_give_the_four_corner_modes():
    wide = pd.DataFrame([_sheet(True, False), _sheet(True, True), _sheet(False, True),
                         _sheet(False, False), {c: 3 for c in CODES}],
                        index=["comp", "coll", "acc", "avo", "mid"])
    prof = conflict_profile(wide).set_index("respondent")
    assert prof["mode"].to_dict() == {"comp": "competing", "coll": "collaborating",
                                      "acc": "accommodating", "avo": "avoiding",
                                      "mid": "compromising"}
    # by hand: the 9 assertiveness items keyed 5,5,5,5,5,5,5,3,3 (the two mixed items CM13,
    # CM14 answered 3) → mean 41/9 → 100·(41/9 − 1)/4 = 88.89
    assert prof.loc["coll", "assertiveness"] == pytest.approx(800 / 9)
    assert prof.loc["avo", "cooperativeness"] == pytest.approx(100 - 800 / 9)
    assert prof.loc["mid", "assertiveness"] == 50


def test_geometric_rule_boundaries():
    """Compromise circle of radius 15 around (50, 50), inclusive; outside it the quadrant,
    a point on a midline counting as high."""
    r = COMPROMISE_RADIUS
    assert conflict_mode(50 + r, 50) == "compromising"
    assert conflict_mode(50 + r + 0.01, 50) == "collaborating"
    assert conflict_mode(50, 50 - r - 0.01) == "competing"
    assert conflict_mode(30, 50) == "accommodating"
    assert conflict_mode(39.3, 39.3) == "avoiding"      # distance 15.13
    assert conflict_mode(40, 40) == "compromising"      # distance 14.14
    assert conflict_mode(np.nan, 50) is None


def test_team_aggregation_and_masking():
    rows = []
    for i in range(6):
        sheet = _sheet(True, True) if i < 5 else _sheet(False, False)
        rows += [{"respondent": f"p{i}", "team": "A" if i < 5 else "B", "item": k, "score": v}
                 for k, v in sheet.items()]
    teams = conflict_profile(pd.DataFrame(rows), by="team").set_index("team")
    assert teams.loc["A", "n"] == 5 and teams.loc["A", "mode"] == "collaborating"
    assert teams.loc["B", "suppressed"] and np.isnan(teams.loc["B", "assertiveness"])
    one = conflict_profile(pd.DataFrame(rows), by="team", min_group_size=1).set_index("team")
    assert one.loc["B", "mode"] == "avoiding"


def test_errors():
    with pytest.raises(IsqError, match=r"Unknown item 'CM99'.*Items of the exercise: CM01"):
        conflict_profile(pd.DataFrame({"respondent": ["a"], "item": ["CM99"], "score": [3]}))
    with pytest.raises(IsqError, match=r"`score` must hold numbers from 1 to 5"):
        conflict_profile(pd.DataFrame({"respondent": ["a"], "item": ["CM01"], "score": [6]}))
    with pytest.raises(IsqError, match=r"neither an `item` column"):
        conflict_profile(pd.DataFrame({"x": [1]}))
    with pytest.raises(IsqError, match=r"column 'team' given for `by`"):
        conflict_profile(pd.DataFrame({"respondent": ["a"], "item": ["CM01"], "score": [3]}),
                         by="team")


def test_exercise_file_errors(tmp_path):
    bad = tmp_path / "c.yaml"
    bad.write_text("scale: {low: 1, high: 5}\nitems:\n  - {code: X1, zh: 题目一, en: Item one, "
                   "axes: {kindness: 1}}\n", encoding="utf-8")
    with pytest.raises(IsqInstrumentError, match=r"c\.yaml', key 'items\[0\]\.axes\.kindness'"):
        load_conflict_items(bad)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CODES), st.integers(1, 5)), min_size=1, max_size=20))
def test_profile_properties(answers):
    """Scores lie in 0–100 and the mode is the geometric rule applied to them."""
    df = pd.DataFrame(answers, columns=["item", "score"]).drop_duplicates("item")
    df["respondent"] = "p"
    prof = conflict_profile(df)
    for ax in ("assertiveness", "cooperativeness"):
        v = prof[ax].dropna()
        assert ((v >= 0) & (v <= 100)).all()
    row = prof.iloc[0]
    if row[["assertiveness", "cooperativeness"]].notna().all():
        assert row["mode"] == conflict_mode(row["assertiveness"], row["cooperativeness"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_conflict_map_renders(lang):
    """The map renders with all five mode names and one point per person, no missing glyph."""
    import matplotlib.pyplot as plt

    import isq
    from isq.labels import label

    wide = pd.DataFrame([_sheet(True, False), _sheet(False, True), {c: 3 for c in CODES}],
                        index=["张三", "李四", "王五"])
    with isq.theme():
        ax = isq.plot_conflict_map(conflict_profile(wide), lang=lang)
        ax.figure.canvas.draw()
    texts = {t.get_text() for t in ax.texts}
    assert {label(m, lang) for m in ("competing", "collaborating", "compromising", "avoiding",
                                     "accommodating")} <= texts
    assert {"张三", "李四", "王五"} <= texts
    plt.close("all")
