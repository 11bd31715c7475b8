"""Tests for isq.models.ipa, isq.models.priority and the IPA chart."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import isq


def _long(means):
    """Long data whose attribute means are exactly ``means`` {attr: (importance, perf)}."""
    rows = []
    for attr, (imp, perf) in means.items():
        for delta in (-0.5, 0.5):  # two respondents, symmetric around the mean
            rows.append({"attribute": attr, "importance": imp + delta,
                         "performance": perf - delta})
    return pd.DataFrame(rows)


def test_martilla_james_quadrants():
    """Martilla & James (1977), Journal of Marketing 41(1):77-79, Figure 1: quadrant A
    "Concentrate here" = high importance / fair performance, B "Keep up the good work" = high /
    excellent, C "Low priority" = low / fair, D "Possible overkill" = low / excellent.
    Four attributes placed one per quadrant around the midpoint crosshair 4 of a 1-7 scale."""
    data = _long({"a": (6, 3), "b": (6, 6), "c": (2, 3), "d": (2, 6)})
    res = isq.ipa(data, crosshair="midpoint", min_group_size=1).set_index("attribute")
    assert res["quadrant"].to_dict() == {
        "a": "concentrate", "b": "keep_up", "c": "low_priority", "d": "overkill"}
    assert res.loc["a", "gap"] == pytest.approx(-3.0)
    # priority = importance x (7 - performance)
    assert res.loc["a", "priority"] == pytest.approx(6 * 4)
    assert res.loc["d", "priority"] == pytest.approx(2 * 1)
    assert (res["n"] == 2).all()
    assert (res["crosshair_importance"] == 4).all() and (res["crosshair_performance"] == 4).all()


def test_crosshair_options_and_on_line_counts_high():
    """Data-centred crosshair = mean of attribute means; on the crosshair counts as high."""
    data = _long({"a": (6, 3.5), "b": (5, 5), "c": (4, 6.5)})
    res = isq.ipa(data, min_group_size=1).set_index("attribute")
    # crosshair: importance 5, performance 5 -> b sits on both lines -> keep_up
    assert res.loc["b", "crosshair_importance"] == pytest.approx(5.0)
    assert res.loc["b", "quadrant"] == "keep_up"
    assert res.loc["a", "quadrant"] == "concentrate"
    assert res.loc["c", "quadrant"] == "overkill"
    med = isq.ipa(_long({"a": (6, 3), "b": (5, 4), "c": (2, 6)}), crosshair="median",
                  min_group_size=1).set_index("attribute")
    assert med.loc["a", "crosshair_importance"] == pytest.approx(5.0)
    assert med.loc["a", "crosshair_performance"] == pytest.approx(4.0)
    explicit = isq.ipa(data, crosshair=(6.5, 6.5), min_group_size=1)  # (performance, importance)
    assert set(explicit["quadrant"]) == {"low_priority", "overkill"}
    as_dict = isq.ipa(data, crosshair={"importance": 6.5, "performance": 6.5}, min_group_size=1)
    pd.testing.assert_series_equal(as_dict["quadrant"], explicit["quadrant"])


def test_ipa_by_group_and_privacy():
    data = pd.concat([_long({"a": (6, 3), "b": (2, 6)}).assign(g="x"),
                      _long({"a": (2, 6), "b": (6, 3)}).assign(g="y")])
    res = isq.ipa(data, by="g", min_group_size=1)
    assert len(res) == 4
    q = res.set_index(["g", "attribute"])["quadrant"]
    assert q[("x", "a")] == "concentrate" and q[("y", "a")] == "overkill"
    masked = isq.ipa(data, by="g", min_group_size=5)
    assert masked["suppressed"].all() and masked["quadrant"].isna().all()
    assert (masked["n"] == 2).all()


def test_ipa_errors():
    data = _long({"a": (6, 3)})
    with pytest.raises(isq.IsqError, match="`crosshair` must be one of"):
        isq.ipa(data, crosshair="centre")
    with pytest.raises(isq.IsqError, match=r"from 1 to 5.*5\.5"):
        isq.ipa(data, scale_max=5)
    with pytest.raises(isq.IsqError, match="'score' given for `importance`"):
        isq.ipa(data, importance="score")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 7), st.integers(1, 7)), min_size=1, max_size=40),
       st.sampled_from(["mean", "median", "midpoint"]))
def test_quadrant_counts_sum_to_attributes(pairs, crosshair):
    data = pd.DataFrame({"attribute": [f"a{i % 9}" for i in range(len(pairs))],
                         "importance": [p[0] for p in pairs],
                         "performance": [p[1] for p in pairs]})
    res = isq.ipa(data, crosshair=crosshair, min_group_size=1)
    assert res["quadrant"].value_counts().sum() == data["attribute"].nunique()
    assert set(res["quadrant"]) <= {"concentrate", "keep_up", "low_priority", "overkill"}
    assert (res["priority"] >= 0).all()


def test_demo_it_responsiveness_in_concentrate():
    """Planted truth: IT's responsiveness items (SQ10-SQ13) fall in the concentrate quadrant."""
    demo = isq.load_demo("ipa")
    res = isq.ipa(demo, by="provider")
    it = res[res["provider"] == "IT"].set_index("attribute")
    resp = demo.loc[demo["dimension"] == "responsiveness", "attribute"].unique()
    assert sorted(resp) == ["SQ10", "SQ11", "SQ12", "SQ13"]
    assert (it.loc[resp, "quadrant"] == "concentrate").all()
    # and they are IT's four most urgent items
    assert set(it["priority"].nlargest(4).index) == set(resp)


def test_priority_decision_scoring_rule():
    """The documented score: sum(w * s) / sum(w) over the parts given, with
    PRIORITY_WEIGHTS = 0.5 priority, 0.3 Kano, 0.1 cost, 0.1 feasibility (hand computation)."""
    res = isq.ipa(_long({"a": (6, 3), "b": (6, 2), "c": (5, 3)}), min_group_size=1)
    # priorities: a 6*4 = 24, b 6*5 = 30, c 5*4 = 20
    dec = isq.priority_decision(res, kano={"a": "M", "b": "I", "c": "O"},
                                cost={"a": 1, "b": 5, "c": 3}, feasibility={"a": 5, "b": 1})
    d = dec.set_index("attribute")
    assert d.loc["a", "score"] == pytest.approx(0.5 * 24 / 30 + 0.3 * 1.0 + 0.1 * 1 + 0.1 * 1)
    assert d.loc["b", "score"] == pytest.approx(0.5 * 1.0 + 0.3 * 0.1 + 0 + 0)
    # c has no feasibility: weights renormalised over 0.9
    assert d.loc["c", "score"] == pytest.approx((0.5 * 20 / 30 + 0.3 * 0.8 + 0.1 * 0.5) / 0.9)
    assert list(dec["attribute"]) == ["a", "c", "b"]
    assert list(dec["rank"]) == [1, 2, 3]
    assert dec.loc[0, "explanation"].startswith("第1位 a：")
    assert "必备型" in dec.loc[0, "explanation"]
    en = isq.priority_decision(res, kano={"a": "M"}, lang="en", names={"a": "Fast replies"})
    assert en.loc[en["attribute"] == "a", "explanation"].iloc[0].startswith("Rank ")
    assert "Fast replies" in en["explanation"].str.cat()
    only = isq.priority_decision(res, quadrants="concentrate")
    assert set(only["quadrant"]) == {"concentrate"}
    # without Kano/cost: ranking = IPA priority
    plain = isq.priority_decision(res)
    assert list(plain["attribute"]) == ["b", "a", "c"]


def test_priority_decision_with_kano_summary_table_and_errors():
    res = isq.ipa(_long({"a": (6, 3), "b": (6, 2)}), min_group_size=1)
    kano_table = pd.DataFrame({"feature": ["a", "b"], "category": ["M", "A"]})
    dec = isq.priority_decision(res, kano=kano_table)
    assert dec.set_index("attribute").loc["a", "kano"] == "M"
    with pytest.raises(isq.IsqError, match="ratings must run from 1 to 5"):
        isq.priority_decision(res, cost={"a": 9})
    with pytest.raises(isq.IsqError, match="Kano categories must be one of"):
        isq.priority_decision(res, kano={"a": "X"})
    with pytest.raises(isq.IsqError, match="`weights` takes"):
        isq.priority_decision(res, weights={"speed": 1})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plot_ipa_renders(lang):
    import matplotlib.pyplot as plt

    res = isq.ipa(isq.load_demo("ipa").query("provider == 'IT'"))
    kano = {f"SQ{i:02d}": c for i, c in zip(range(1, 23), "MOAIMOAIMOAIMOAIMOAIRQ")}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with isq.theme():
            fig, ax = plt.subplots()
            out = isq.plot_ipa(res, ax=ax, lang=lang, diagonal=True, kano=kano)
            fig.canvas.draw()
    assert out is ax
    texts = [t.get_text() for t in ax.texts]
    assert isq.labels.label("concentrate", lang) in texts
    assert "SQ10" in texts
    # labels do not collide: no two point-label boxes overlap
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text().startswith("SQ")]
    overlaps = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert overlaps == 0
    with pytest.raises(isq.IsqError, match="several grids"):
        isq.plot_ipa(isq.ipa(isq.load_demo("ipa"), by="provider"))


def test_plot_ipa_kano_markers_are_distinct():
    """Trainer report: "期望型" (O) and "卡诺未分类" were both circles. Every Kano category
    and the unclassified group has a marker of its own, in the plot and in the legend."""
    import matplotlib.pyplot as plt

    res = isq.ipa(isq.open_data()["ipa"].query("provider == 'IT'"))
    kano = {f"SQ{i:02d}": c for i, c in zip(range(1, 20), "MOAIMOAIMOAIMOAIMRQ")}  # SQ20-22 unclassified
    with isq.theme():
        fig, ax = plt.subplots(figsize=(10, 6))
        isq.plot_ipa(res, ax=ax, kano=kano)
        handles, names = ax.get_legend_handles_labels()
        markers = {n: h.get_marker() for h, n in zip(handles, names)}
        plt.close(fig)
    assert markers["期望型"] != markers["卡诺未分类"]
    kano_names = [isq.labels.label(c, "zh") for c in "MOAIRQ"] + ["卡诺未分类"]
    assert len({markers[n] for n in kano_names}) == 7
