"""Instrument YAML files: the bundled questionnaires and the errors for broken files.

Sources: SERVQUAL's 22 items and five dimensions follow Parasuraman, Zeithaml & Berry (1988,
1991) (tangibles 1–4, reliability 5–9, responsiveness 10–13, assurance 14–17, empathy
18–22), as fixed in METHODS.md; the Kano answers and their codes 1..5 follow Kano et al.
(1984) / Berger et al. (1993) as fixed in METHODS.md.
"""

import textwrap

import pytest

import isq
from isq import IsqInstrumentError
from isq.data.instruments import BUNDLED_INSTRUMENTS


@pytest.mark.parametrize("name", BUNDLED_INSTRUMENTS)
def test_bundled_instruments_load(name):
    inst = isq.load_instrument(name)
    assert inst.name == name
    assert inst.items and inst.parts and "respondent" in inst.fields
    for it in inst.items:
        assert it.zh and it.en


def test_servqual_dimensions_per_parasuraman():
    """Parasuraman, Zeithaml & Berry (1988): items 1–4, 5–9, 10–13, 14–17, 18–22."""
    sq = isq.load_instrument("servqual")
    assert sq.item_codes == [f"SQ{k:02d}" for k in range(1, 23)]
    expected = ["tangibles"] * 4 + ["reliability"] * 5 + ["responsiveness"] * 4 + ["assurance"] * 4 + ["empathy"] * 5
    assert [sq.dimension_of[c] for c in sq.item_codes] == expected
    assert sq.dimensions["empathy"] == {"zh": "移情性", "en": "Empathy"}
    assert list(sq.parts) == ["expectation", "perception", "adequate"]
    assert sq.parts_required == ["expectation", "perception"]
    scale = sq.scale_for("SQ01", "perception")
    assert (scale.min, scale.max) == (1, 7)
    assert scale.labels[1]["zh"] == "非常不同意" and scale.labels[7]["zh"] == "非常同意"
    assert sq.label_map("SQ05", "expectation")["非常同意"] == 7
    assert sq.label_map("SQ05", "expectation")["stronglydisagree"] == 1


def test_kano_answers_map_to_codes():
    """METHODS.md (Kano 1984): 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike."""
    kano = isq.load_instrument("kano")
    assert kano.item_codes == [f"K{k:02d}" for k in range(1, 13)]
    lab = kano.label_map("K01", "functional")
    assert [lab[x] for x in ["我很喜欢", "理应如此", "无所谓", "能忍受", "我很不喜欢"]] == [1, 2, 3, 4, 5]
    assert lab["ilikeit"] == 1 and lab["idislikeit"] == 5
    assert kano.wording("K08", "dysfunctional") == "如果不提供「付款准确无差错」，您感觉如何？"
    assert kano.item_column == "feature"


def test_other_instruments():
    sat = isq.load_instrument("satisfaction")
    assert [(it.code, sat.scale_for(it.code).min, sat.scale_for(it.code).max) for it in sat.items] == [
        ("NPS", 0, 10), ("CSAT", 1, 5), ("CES", 1, 7)]
    assert isq.load_instrument("peer_ratings").item_codes == ["PR1", "PR2", "PR3", "PR4"]
    assert isq.load_instrument("weights").total == {"part": "points", "value": 100}
    assert isq.load_instrument("importance").item_codes == isq.load_instrument("servqual").item_codes


GOOD = """
name: mini
title: {zh: 小问卷, en: Mini}
fields:
  respondent: {required: true, zh: 编号, en: ID}
scales:
  s5: {min: 1, max: 5, labels: {1: {zh: 差, en: Bad}, 5: {zh: 好, en: Good}}}
dimensions:
  d1: {zh: 维度, en: Dim}
parts:
  score: {scale: s5, zh: 得分, en: Score}
items:
  - {code: A1, dimension: d1, zh: 甲, en: A}
  - {code: A2, dimension: d1, zh: 乙, en: B}
"""


def _write(tmp_path, text):
    p = tmp_path / "mini.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_custom_instrument_loads(tmp_path):
    inst = isq.load_instrument(_write(tmp_path, GOOD))
    assert inst.item_codes == ["A1", "A2"] and inst.label_map("A1")["好"] == 5


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("  - {code: A2,", "  - {code: A1,", r"key 'items\[1\]\.code'.*duplicate item code 'A1'"),
        ("dimension: d1, zh: 乙", "dimension: d9, zh: 乙", r"key 'items\[1\]\.dimension'.*'d9' is not defined"),
        ("{min: 1, max: 5,", "{min: 5, max: 1,", r"key 'scales\.s5\.max'.*min \(5\) must be below max \(1\)"),
        ("5: {zh: 好", "7: {zh: 好", r"key 'scales\.s5\.labels\.7'.*outside the scale 1–5"),
        ("scale: s5, zh: 得分", "scale: s7, zh: 得分", r"key 'parts\.score\.scale'.*'s7' is not defined"),
        ("name: mini", "name: mini\nitemz: []", r"key 'itemz'.*unknown key"),
        ("title: {zh: 小问卷, en: Mini}", "title: {zh: 小问卷}", r"key 'title\.en'.*non-empty 'en'"),
        ("{code: A1, dimension: d1, zh: 甲, en: A}", "{dimension: d1, zh: 甲, en: A}", r"key 'items\[0\]\.code'.*missing"),
        ("respondent: {required", "someone: {required", r"key 'fields\.respondent'"),
        ("  - {code: A2, dimension: d1, zh: 乙, en: B}", "  - {code: A2, dimension: d1, zh: 乙, en: B", r"key 'line \d+, column \d+'.*not valid YAML"),
    ],
)
def test_instrument_mistakes_name_file_and_key(tmp_path, old, new, key):
    assert old in GOOD
    p = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(IsqInstrumentError, match=r"instrument file '.*mini\.yaml', " + key):
        isq.load_instrument(p)


def test_missing_items_key_and_unknown_name(tmp_path):
    text = GOOD.split("items:")[0]
    with pytest.raises(IsqInstrumentError, match=r"mini\.yaml', key 'items': the required key is missing"):
        isq.load_instrument(_write(tmp_path, text))
    with pytest.raises(IsqInstrumentError, match=r"instrument file 'servqal'.*bundled name"):
        isq.load_instrument("servqal")
