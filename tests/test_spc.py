"""Tests for isq.models.spc (control charts, Pareto, complaint rates) and isq.plots.spc."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import isq
from isq.models.spc import RULES

# Montgomery, Introduction to Statistical Quality Control, Example 7.1 (6th ed.):
# orange-juice cans, 30 samples of n = 50; data as shipped in R qcc `orangejuice` (trial rows).
ORANGE_JUICE = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
                8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6]
# Montgomery Example 7.3: nonconformities on 26 samples of 100 printed circuit boards
# (R qcc `circuit`, trial rows).
CIRCUIT = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39,
           30, 24, 16, 19, 17, 15]
# Montgomery (2005), tank defect data behind his Pareto chart (166 defects), as listed in
# the STATGRAPHICS "Pareto Analysis" manual which reproduces it.
TANK_DEFECTS = {
    "Parts damaged": 34, "Machining problems": 29, "Supplied parts rusted": 13,
    "Masking insufficient": 17, "Misaligned weld": 2, "Processing out of order": 4,
    "Wrong part issued": 3, "Unfinished fairing": 3, "Adhesive failure": 6,
    "Powdery alodine": 1, "Paint out of limits": 2, "Paint damaged by etching": 1,
    "Film on parts": 5, "Primer cans damaged": 1, "Voids in casting": 2,
    "Delaminated composite": 2, "Incorrect dimensions": 36, "Improper test procedure": 1,
    "Salt-spray failure": 4,
}


def test_p_chart_montgomery_example_7_1():
    """Montgomery, ISQC, Example 7.1 (orange-juice cans): p̄ = 0.2313, UCL = 0.4102,
    LCL = 0.0524; samples 15 and 23 plot above the UCL (checked against R qcc's data)."""
    cc = isq.control_chart(ORANGE_JUICE, 50, kind="p", rules=["we1"])
    assert cc["center"].iloc[0] == pytest.approx(347 / 1500)
    assert cc["center"].iloc[0] == pytest.approx(0.2313, abs=5e-5)
    assert cc["ucl"].iloc[0] == pytest.approx(0.4102, abs=5e-5)
    assert cc["lcl"].iloc[0] == pytest.approx(0.0524, abs=5e-5)
    assert list(cc.index[cc["out_of_control"]]) == [15, 23]
    assert cc.loc[15, "rules"] == ("we1",)


def test_p_chart_montgomery_revised_limits():
    """Montgomery, Example 7.1 continued: without samples 15 and 23, p̄ = 0.2150,
    UCL = 0.3893, LCL = 0.0407; sample 21 then exceeds the revised UCL. Montgomery keeps it
    (no assignable cause); the automatic phase-I iteration removes it in a second pass."""
    keep = [d for i, d in enumerate(ORANGE_JUICE, 1) if i not in (15, 23)]
    cc = isq.control_chart(keep, 50, kind="p", rules=["we1"])
    assert cc["center"].iloc[0] == pytest.approx(0.2150, abs=5e-5)
    assert cc["ucl"].iloc[0] == pytest.approx(0.3893, abs=5e-5)
    assert cc["lcl"].iloc[0] == pytest.approx(0.0407, abs=5e-5)
    ph = isq.control_chart_phase1(ORANGE_JUICE, 50, kind="p")
    assert list(ph.index[ph["excluded"]]) == [15, 21, 23]
    assert ph.loc[[15, 23], "excluded_in"].tolist() == [1, 1]
    assert ph.loc[21, "excluded_in"] == 2
    assert ph.attrs["center"] == pytest.approx(281 / 1350)
    assert ph.attrs["iterations"] == 3


def test_c_chart_montgomery_example_7_3():
    """Montgomery, ISQC, Example 7.3 (printed circuit boards): c̄ = 19.85, UCL = 33.22,
    LCL = 6.48; samples 6 and 20 out of control. The book rounds c̄ to 19.85 before adding
    3√c̄ (33.22); from the unrounded c̄ = 516/26 the UCL is 33.211, hence abs=0.01."""
    cc = isq.control_chart(CIRCUIT, kind="c", rules=["we1"])
    assert cc["center"].iloc[0] == pytest.approx(516 / 26)
    assert cc["center"].iloc[0] == pytest.approx(19.85, abs=0.005)
    assert cc["ucl"].iloc[0] == pytest.approx(33.22, abs=0.01)
    assert cc["lcl"].iloc[0] == pytest.approx(6.48, abs=0.005)
    assert list(cc.index[cc["out_of_control"]]) == [6, 20]


def test_np_and_u_charts_formulas():
    """np: n p̄ ± 3√(n p̄(1 − p̄)) on Montgomery's orange-juice data (np̄ = 11.567, UCL = 20.51);
    u: ū = Σc/Σn with limits ū ± 3√(ū/nᵢ) (hand computation)."""
    cc = isq.control_chart(ORANGE_JUICE, 50, kind="np", rules=["we1"])
    assert cc["center"].iloc[0] == pytest.approx(347 / 30)
    assert cc["ucl"].iloc[0] == pytest.approx(347 / 30 + 3 * np.sqrt(347 / 30 * (1 - 347 / 1500)))
    assert list(cc.index[cc["out_of_control"]]) == [15, 23]
    u = isq.control_chart([10, 4, 30], [5, 2, 10], kind="u", rules=["we1"])
    ubar = 44 / 17
    assert u["center"].iloc[0] == pytest.approx(ubar)
    assert u["ucl"].tolist() == pytest.approx([ubar + 3 * np.sqrt(ubar / n) for n in (5, 2, 10)])


def test_variable_limits_and_point_on_limit():
    """p chart with varying sizes: limits per subgroup; a point exactly on the UCL is out."""
    cc = isq.control_chart([2, 10], [100, 400], kind="p", rules=["we1"])
    pbar = 12 / 500
    assert cc["ucl"].tolist() == pytest.approx([pbar + 3 * np.sqrt(pbar * (1 - pbar) / n) for n in (100, 400)])
    # c chart with known centre 4: UCL = 4 + 3*2 = 10; a count of 10 sits on the limit
    on = isq.control_chart([4, 10, 4], kind="c", rules=["we1"], center=4)
    assert on["ucl"].iloc[0] == 10
    assert on["out_of_control"].tolist() == [False, True, False]
    # LCL is floored at 0 and a zero count on a floored limit is not a signal
    low = isq.control_chart([0, 2, 3], kind="c", rules=["we1"], center=2)
    assert low["lcl"].iloc[0] == 0 and not low["out_of_control"].any()


# Constructed sequences of standardised values (c chart with known centre 100, sigma 10):
# each trips exactly its rule among the twelve.
def _c(zs):
    return [100 + 10 * z for z in zs]


SEQUENCES = {
    "we1": ([0.5, -0.5, 3.2, 0.5, -0.5], {"we1", "nelson1"}),
    "we2": ([0.5, -0.5, 2.5, 0.5, 2.5, -0.5], {"we2", "nelson5"}),
    "we3": ([-0.5, 1.5, 1.5, 0.5, 1.5, 1.5, -0.5], {"we3", "nelson6"}),
    "we4": ([-0.5] + [0.5, 0.3] * 4 + [-0.5], {"we4"}),
    "nelson2": ([-0.5] + [0.5, 0.3, 0.4] * 3 + [-0.5], {"we4", "nelson2"}),
    "nelson3": ([0.3, -0.9, -0.6, -0.3, 0.1, 0.4, 0.8, -0.2], {"nelson3"}),
    "nelson4": ([0.5, -0.5] * 7, {"nelson4"}),
    "nelson7": ([0.5, 0.3, -0.2, -0.4] * 4, {"nelson7"}),
    "nelson8": ([1.5, -1.5] * 4 + [1.2, -1.4], {"nelson8"}),
}


@pytest.mark.parametrize("name", list(SEQUENCES))
def test_run_rules_on_constructed_sequences(name):
    """Western Electric (1956) rules 1–4 and Nelson (1984) tests 1–8, each on a sequence
    built to trip it. WE1/2/3 coincide with Nelson 1/5/6; a run of 9 on one side also
    contains a run of 8 (WE4)."""
    zs, expected = SEQUENCES[name]
    cc = isq.control_chart(_c(zs), kind="c", rules=tuple(RULES), center=100)
    fired = set().union(*cc["rules"])
    assert fired == expected
    assert name in fired


def test_rule_flags_the_completing_point():
    """The flagged point is the one that completes the pattern (Minitab convention)."""
    zs = [0.5, -0.5, 2.5, 0.5, 2.5, -0.5]
    cc = isq.control_chart(_c(zs), kind="c", rules=["we2"], center=100)
    assert cc["out_of_control"].tolist() == [False, False, False, False, True, False]


def test_control_chart_errors():
    with pytest.raises(isq.IsqError, match="needs `sizes`"):
        isq.control_chart([1, 2], kind="p")
    with pytest.raises(isq.IsqError, match="counts cannot exceed sizes"):
        isq.control_chart([60], 50, kind="p")
    with pytest.raises(isq.IsqError, match="`rules` must be one of"):
        isq.control_chart([1, 2], kind="c", rules=["we9"])
    with pytest.raises(isq.IsqError, match="constant subgroup size"):
        isq.control_chart([1, 2], [10, 20], kind="np")
    with pytest.raises(isq.IsqError, match="non-negative"):
        isq.control_chart([1, -2], kind="c")
    with pytest.raises(isq.IsqError, match="`kind` must be one of"):
        isq.control_chart([1, 2], kind="x")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=2, max_size=30), st.integers(50, 200))
def test_property_limits_bracket_centre(counts, n):
    cc = isq.control_chart(counts, n, kind="p")
    assert (cc["lcl"] <= cc["center"] + 1e-12).all() and (cc["center"] <= cc["ucl"] + 1e-12).all()
    assert (cc["lcl"] >= 0).all()


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 100), st.integers(2, 40))
def test_property_constant_process_never_trips_we1(c, m):
    cc = isq.control_chart([c] * m, kind="c", rules=["we1"])
    assert not cc["out_of_control"].any()


def test_pareto_montgomery_tank_defects():
    """Montgomery (2005), tank defect data (n = 166), reproduced in the STATGRAPHICS
    Pareto Analysis manual: incorrect dimensions 36, parts damaged 34, machining problems 29,
    masking insufficient 17 — the top four account for 116/166 = 69.9%; the 80% cutoff is
    reached at the sixth category (adhesive failure, 135/166 = 81.3%)."""
    t = isq.pareto(TANK_DEFECTS)
    assert t["count"].sum() == 166
    assert t["category"].tolist()[:4] == ["Incorrect dimensions", "Parts damaged",
                                          "Machining problems", "Masking insufficient"]
    assert t["cum_share"].iloc[3] == pytest.approx(116 / 166)
    assert t["cum_share"].iloc[3] == pytest.approx(0.699, abs=5e-4)
    assert t["vital_few"].sum() == 6
    assert t["cum_share"].iloc[5] == pytest.approx(135 / 166)
    # ties by name: the three categories with count 1 come in alphabetical order
    ones = t.loc[t["count"] == 1, "category"].tolist()
    assert ones == sorted(ones)


def test_pareto_raw_labels_other_last_and_cutoff():
    raw = pd.DataFrame({"category": ["其他"] * 5 + ["乙"] * 3 + ["甲"] * 3 + ["丙"]})
    t = isq.pareto(raw)
    assert t["category"].tolist() == ["乙", "甲", "丙", "其他"]  # ties by name, 其他 last
    assert t["count"].tolist() == [3, 3, 1, 5]
    # exactly reaching the cutoff closes the vital few
    t2 = isq.pareto({"a": 8, "b": 1, "c": 1})
    assert t2["vital_few"].tolist() == [True, False, False]
    with pytest.raises(isq.IsqError, match="at least one category with a positive count"):
        isq.pareto({"a": 0})
    with pytest.raises(isq.IsqError, match="`cutoff` must be a share"):
        isq.pareto({"a": 1}, cutoff=80)


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.text("abcdefg", min_size=1, max_size=3), st.integers(0, 100), min_size=1, max_size=12)
       .filter(lambda d: sum(d.values()) > 0), st.floats(0.05, 1.0))
def test_property_pareto(counts, cutoff):
    t = isq.pareto(counts, cutoff=cutoff)
    assert t["share"].sum() == pytest.approx(1.0)
    assert (np.diff(t["cum_share"]) >= -1e-12).all()
    assert t["vital_few"].any()
    assert t["vital_few"].iloc[0]
    assert (np.diff(t["count"].to_numpy()) <= 0).all()


def test_demo_it_march_2025_out_of_control_and_vital_few():
    """Planted truths of the demo company: IT 2025-03 out of control on the p chart;
    vital few complaint categories 响应慢, 流程繁琐, 推诿扯皮."""
    comp, req = isq.load_demo("complaints"), isq.load_demo("requests")
    rates = isq.complaint_rates(comp, req)
    assert list(rates.columns) == ["department", "month", "count", "size", "rate"]
    assert rates["count"].sum() == len(comp)
    it = rates[rates["department"] == "IT"].set_index("month")
    cc = isq.control_chart(it["count"], it["size"], kind="p")
    assert cc.loc["2025-03", "out_of_control"]
    assert "we1" in cc.loc["2025-03", "rules"]
    t = isq.pareto(comp)
    assert t.loc[t["vital_few"], "category"].tolist() == ["响应慢", "流程繁琐", "推诿扯皮"]
    assert t["category"].iloc[-1] == "其他"


def test_complaint_rates_errors():
    c = pd.DataFrame({"department": ["IT"], "month": ["2025-05"]})
    r = pd.DataFrame({"department": ["IT"], "month": ["2025-04"], "requests": [10]})
    with pytest.raises(isq.IsqError, match="no matching row in `requests`"):
        isq.complaint_rates(c, r)
    with pytest.raises(isq.IsqError, match="given for `size`"):
        isq.complaint_rates(c, r.rename(columns={"requests": "n"}))
    # months derived from dates when the log has no month column
    c2 = pd.DataFrame({"department": ["IT"], "date": ["2025-04-03"]})
    assert isq.complaint_rates(c2, r)["count"].tolist() == [1]


def test_plots_render_without_missing_glyphs():
    import matplotlib.pyplot as plt

    comp, req = isq.load_demo("complaints"), isq.load_demo("requests")
    rates = isq.complaint_rates(comp, req)
    it = rates[rates["department"] == "IT"].set_index("month")
    with isq.theme():
        for lang in ("zh", "en"):
            fig, (a1, a2) = plt.subplots(1, 2, figsize=(14, 5))
            ax = isq.plot_pareto(isq.pareto(comp), ax=a1, lang=lang)
            assert ax is a1
            ax = isq.plot_control_chart(isq.control_chart_phase1(it["count"], it["size"]), ax=a2, lang=lang)
            assert ax is a2
            fig.canvas.draw()


def _overlap(a, b):
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.fixture
def it_rates():
    data = isq.open_data()
    rates = isq.complaint_rates(data["complaints"], data["requests"])
    return data, rates[rates["department"] == "IT"].set_index("month")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pareto_shares_do_not_collide_with_counts(it_rates, lang):
    """Trainer report: "66%" was printed on the bar count "265". No cumulative-share label
    overlaps a count, and no cumulative point sits on a count."""
    import matplotlib.pyplot as plt

    data, _ = it_rates
    with isq.theme():
        fig, ax = plt.subplots(figsize=(10, 6))
        isq.plot_pareto(isq.pareto(data["complaints"]), ax=ax, lang=lang)
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        counts = [t.get_window_extent(r) for t in ax.texts]
        shares = [t.get_window_extent(r) for t in ax.right_ax.texts if t.get_text().endswith("%")]
        points = ax.right_ax.transData.transform(ax.right_ax.get_lines()[0].get_xydata())
        assert len(counts) == 7 and len(shares) >= 7
        for c in counts:
            assert not any(_overlap(c, s) for s in shares)
            assert not any(c.x0 - 4 < px < c.x1 + 4 and c.y0 - 4 < py < c.y1 + 4 for px, py in points)
        plt.close(fig)


def test_control_chart_legend_and_limit_labels_stay_clear(it_rates):
    """Trainer report: the legend covered the 2025-03 point of IT's p chart and its "we1"
    label; the UCL and centre-line values were written on their own lines."""
    import matplotlib.pyplot as plt

    _, it = it_rates
    with isq.theme():
        fig, ax = plt.subplots(figsize=(10, 6))
        isq.plot_control_chart(isq.control_chart(it["count"], it["size"]), ax=ax)
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        legend = ax.get_legend().get_window_extent(r)
        xy = ax.transData.transform(np.column_stack([np.arange(len(it)), ax.get_lines()[3].get_ydata()]))
        assert not any(legend.x0 <= px <= legend.x1 and legend.y0 - 5 <= py <= legend.y1 for px, py in xy)
        rule = [t for t in ax.texts if t.get_text() == "we1"]
        assert len(rule) == 1 and not _overlap(rule[0].get_window_extent(r), legend)
        limits = [t for t in ax.texts if t.get_text().startswith(("上控制限", "中心线"))]
        assert len(limits) == 2
        right = ax.get_window_extent(r).x1
        assert all(t.get_window_extent(r).x0 >= right for t in limits)  # beside the plot, off the lines
        plt.close(fig)


def test_phase1_excluded_points_are_hollow_with_a_legend_entry(it_rates):
    """Trainer report: in the phase-I chart the excluded 2025-03 point looked like the others."""
    import matplotlib.pyplot as plt

    _, it = it_rates
    chart = isq.control_chart_phase1(it["count"], it["size"])
    with isq.theme():
        fig, ax = plt.subplots(figsize=(10, 6))
        isq.plot_control_chart(chart, ax=ax)
        entries = dict(zip([t.get_text() for t in ax.get_legend().get_texts()], ax.get_legend().legend_handles))
        assert "剔除点（不计入控制限）" in entries
        hollow = [c for c in ax.collections if c.get_label() == "剔除点（不计入控制限）"][0]
        assert len(hollow.get_offsets()) == int(chart["excluded"].sum()) == 1
        assert tuple(hollow.get_facecolor()[0][:3]) == (1.0, 1.0, 1.0)
        # the ordinary markers leave the excluded month out
        assert len(ax.get_lines()[4].get_xdata()) == len(chart) - 1
        plt.close(fig)
