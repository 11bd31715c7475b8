"""SERVQUAL gaps, weighted score, zone of tolerance, SERVPERF, shortboard, the 5-GAP model
and their charts."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import isq
from isq.models.gap import GAP_NAMES

ITEM_COLS = ["item", "dimension", "expectation_mean", "perception_mean", "gap",
             "gap_ci_low", "gap_ci_high", "n"]

# --------------------------------------------------------------------------- worked example
# Two respondents, seven items over the five dimensions (E / P, gap = P − E):
#            T1    T2    R1    R2    S1    A1    E1
#   A       7/5   6/6   7/4   7/6   6/3   5/5   6/7     gaps -2  0 -3 -1 -3  0 +1
#   B       6/6   5/6   7/6   6/6   7/5   6/5   5/5     gaps  0 +1 -1  0 -2 -1  0
# Respondent dimension scores (mean of their item gaps):
#   A: tangibles -1, reliability -2, responsiveness -3, assurance 0, empathy +1
#   B: tangibles 0.5, reliability -0.5, responsiveness -2, assurance -1, empathy 0
# Sample dimension scores: -0.25, -1.25, -2.5, -0.5, +0.5; unweighted overall = -4/5 = -0.8
# (the mean of the 14 item gaps would be -11/14 = -0.786: not the SERVQUAL overall).
# Weights 10/30/25/20/15 points: weighted = .1(-.25)+.3(-1.25)+.25(-2.5)+.2(-.5)+.15(.5) = -1.05.
# Per-respondent allocations A 10/30/25/20/15, B 20/20/20/20/20 -> mean shares
# .15/.25/.225/.20/.175 -> weighted = -0.925.
DIMS = ["tangibles", "tangibles", "reliability", "reliability", "responsiveness", "assurance", "empathy"]
ITEMS = ["T1", "T2", "R1", "R2", "S1", "A1", "E1"]
E_A, P_A = [7, 6, 7, 7, 6, 5, 6], [5, 6, 4, 6, 3, 5, 7]
E_B, P_B = [6, 5, 7, 6, 7, 6, 5], [6, 6, 6, 6, 5, 5, 5]
POINTS = {"tangibles": 10, "reliability": 30, "responsiveness": 25, "assurance": 20, "empathy": 15}


@pytest.fixture
def worked():
    return pd.DataFrame({
        "respondent": ["A"] * 7 + ["B"] * 7, "item": ITEMS * 2, "dimension": DIMS * 2,
        "expectation": E_A + E_B, "perception": P_A + P_B,
    })


def test_gap_arithmetic_pzb1988(worked):
    """Gap-score arithmetic of Parasuraman, Zeithaml & Berry (1988) and the scoring steps of
    Zeithaml, Parasuraman & Berry (1990, *Delivering Quality Service*, appendix): item gap
    P − E, dimension score = mean of the respondent's item gaps, averaged over respondents;
    unweighted overall = mean of the five dimension scores. Numbers computed by hand above."""
    dim = isq.servqual_gaps(worked, level="dimension", min_group_size=None)
    assert list(dim["dimension"]) == list(isq.labels.DIMENSIONS)
    np.testing.assert_allclose(dim["gap"], [-0.25, -1.25, -2.5, -0.5, 0.5])
    assert list(dim["n"]) == [2] * 5
    overall = isq.servqual_gaps(worked, level="overall", min_group_size=None)
    assert overall["unweighted"] == pytest.approx(-0.8)
    assert overall["unweighted"] != pytest.approx(-11 / 14)
    item = isq.servqual_gaps(worked, level="item", min_group_size=None)
    assert list(item.columns) == ITEM_COLS
    r1 = item.set_index("item").loc["R1"]
    assert (r1["expectation_mean"], r1["perception_mean"], r1["gap"]) == (7.0, 5.0, -2.0)


def test_weighted_score_pzb1991(worked):
    """Weighted SERVQUAL score of Parasuraman, Berry & Zeithaml (1991): each dimension score
    times its share of the 100-point allocation, summed (hand-computed: -1.05; -0.925 with
    per-respondent allocations averaged as shares)."""
    w = isq.servqual_gaps(worked, level="overall", weights=POINTS, min_group_size=None)
    assert w["weighted"] == pytest.approx(-1.05)
    doubled = {k: 2 * v for k, v in POINTS.items()}  # renormalised: 200 points, same score
    assert isq.servqual_gaps(worked, level="overall", weights=doubled, min_group_size=None)["weighted"] == pytest.approx(-1.05)
    assert isq.servqual_gaps(worked, level="overall", weights=pd.Series(POINTS), min_group_size=None)["weighted"] == pytest.approx(-1.05)
    long = pd.DataFrame({
        "respondent": ["A"] * 5 + ["B"] * 5, "dimension": list(POINTS) * 2,
        "points": list(POINTS.values()) + [20] * 5,
    })
    assert isq.servqual_gaps(worked, level="overall", weights=long, min_group_size=None)["weighted"] == pytest.approx(-0.925)


def test_t_interval_matches_scipy(rng):
    """The gap interval is the one-sample t-interval over respondents (scipy.stats.ttest_1samp)."""
    n = 40
    df = pd.DataFrame({
        "respondent": np.repeat(np.arange(n), 4), "item": np.tile(["S1", "S2", "S3", "S4"], n),
        "dimension": "responsiveness",
        "expectation": rng.integers(4, 8, 4 * n), "perception": rng.integers(1, 8, 4 * n),
    })
    df.loc[[3, 17, 50], "perception"] = np.nan  # unanswered pairs drop out of the gap
    got = isq.servqual_gaps(df, level="dimension", ci=0.90, min_group_size=None).iloc[0]
    per = (df["perception"] - df["expectation"]).groupby(df["respondent"]).mean()
    ref = stats.ttest_1samp(per, 0).confidence_interval(0.90)
    assert got["gap"] == pytest.approx(per.mean())
    assert (got["gap_ci_low"], got["gap_ci_high"]) == pytest.approx((ref.low, ref.high))
    assert got["n"] == n


def test_by_groups_and_small_group_masking(worked):
    """Groups are computed separately; with `by`, groups under min_group_size are masked."""
    two = pd.concat([worked.assign(wave="pre"), worked.assign(wave="post", perception=7)])
    g = isq.servqual_gaps(two, by="wave", level="dimension", min_group_size=None)
    assert list(g.columns[:2]) == ["wave", "dimension"]
    post = g[g["wave"] == "post"].set_index("dimension")["gap"]
    assert post["responsiveness"] == pytest.approx(7 - 6.5)
    masked = isq.servqual_gaps(two, by="wave", level="dimension")  # default min 5 > n = 2
    assert masked["gap"].isna().all() and (masked["n"] == 2).all()


def test_zone_of_tolerance():
    """MSA = P − adequate, MSS = P − desired (Parasuraman, Zeithaml & Berry 1994); the
    position follows the means. Hand example: adequate 4, desired 6."""
    df = pd.DataFrame({
        "respondent": list("ab") * 3, "item": ["T1"] * 2 + ["R1"] * 2 + ["S1"] * 2,
        "dimension": ["tangibles"] * 2 + ["reliability"] * 2 + ["responsiveness"] * 2,
        "adequate": 4, "expectation": 6, "perception": [7, 7, 5, 4, 3, 3],
    })
    z = isq.servqual_zone(df, min_group_size=None).set_index("dimension")
    assert z.loc["tangibles", ["msa", "mss"]].tolist() == [3.0, 1.0]
    assert z.loc["reliability", ["msa", "mss"]].tolist() == [0.5, -1.5]
    assert z["position"].to_dict() == {"tangibles": "above", "reliability": "within", "responsiveness": "below"}


def test_servperf_is_perception_only(worked):
    """SERVPERF (Cronin & Taylor 1992): the same aggregation on perceptions only."""
    p = isq.servperf(worked, min_group_size=None).set_index("dimension")["perception_mean"]
    assert p["tangibles"] == pytest.approx((5.5 + 6) / 2)  # A (5+6)/2, B (6+6)/2
    o = isq.servperf(worked, level="overall", min_group_size=None)
    assert o["unweighted"] == pytest.approx(p.mean())


def test_shortboard(worked):
    g = isq.servqual_gaps(worked, level="dimension", min_group_size=None)
    sb = isq.servqual_shortboard(g)
    assert sb["dimension"] == "responsiveness" and sb["runner_up"] == "reliability"
    assert sb["margin"] == pytest.approx(1.25)
    assert not sb["excludes_zero"]  # n = 2: the interval is wide


# --------------------------------------------------------------------------- gap model
def test_gap_model_welch_matches_scipy(rng):
    """Gap 1 = staff estimate − customers' expectation, Welch interval as in
    scipy.stats.ttest_ind(equal_var=False); gaps 2–4 from standards, delivery, promises."""
    cust = pd.DataFrame({
        "respondent": np.repeat(np.arange(30), 2), "provider": "IT", "item": ["S1", "S2"] * 30,
        "dimension": "responsiveness", "expectation": rng.integers(5, 8, 60),
        "perception": rng.integers(2, 7, 60),
    })
    est = pd.DataFrame({
        "respondent": np.repeat(np.arange(8), 2), "provider": "IT", "item": ["S1", "S2"] * 8,
        "dimension": "responsiveness", "estimated_expectation": rng.integers(3, 7, 16),
    })
    standards = pd.DataFrame({"provider": ["IT"], "dimension": ["responsiveness"], "standard": [5.0]})
    delivery = pd.DataFrame({"provider": "IT", "item": ["S1", "S2", "S1", "S2"], "delivered": [4, 5, 4, 3]})
    promises = pd.DataFrame({"provider": ["IT"], "dimension": ["responsiveness"], "promised": [6.0]})
    gm = isq.gap_model(cust, estimates=est, standards=standards, delivery=delivery,
                       promises=promises, min_group_size=None).set_index("gap")
    assert list(gm.index) == [1, 2, 3, 4, 5]
    assert gm["name"].to_dict() == GAP_NAMES
    e_staff = est.groupby("respondent")["estimated_expectation"].mean()
    e_cust = cust.groupby("respondent")["expectation"].mean()
    ref = stats.ttest_ind(e_staff, e_cust, equal_var=False)
    lo, hi = ref.confidence_interval(0.95)
    assert gm.loc[1, "value"] == pytest.approx(e_staff.mean() - e_cust.mean())
    assert (gm.loc[1, "ci_low"], gm.loc[1, "ci_high"]) == pytest.approx((lo, hi))
    assert gm.loc[1, "n"] == 8
    assert gm.loc[2, "value"] == pytest.approx(5.0 - e_staff.mean())
    assert gm.loc[3, "value"] == pytest.approx(4.0 - 5.0)
    assert gm.loc[4, "value"] == pytest.approx(4.0 - 6.0)
    g5 = isq.servqual_gaps(cust, level="dimension", min_group_size=None).iloc[0]
    assert gm.loc[5, "value"] == pytest.approx(g5["gap"])


def test_gap_model_missing_inputs_are_explained(worked):
    data = worked.assign(provider="IT")
    with pytest.raises(isq.IsqError, match="pass `estimates` too"):
        isq.gap_model(data, standards=pd.DataFrame({"provider": ["IT"], "dimension": ["empathy"], "standard": [5]}))
    with pytest.raises(isq.IsqError, match="gap 3 needs `standards`"):
        isq.gap_model(data, delivery=pd.DataFrame({"provider": ["IT"], "dimension": ["empathy"], "delivered": [5]}))


# --------------------------------------------------------------------------- properties
@st.composite
def surveys(draw):
    n = draw(st.integers(2, 6))
    items = [("T1", "tangibles"), ("R1", "reliability"), ("R2", "reliability"),
             ("S1", "responsiveness"), ("A1", "assurance"), ("E1", "empathy")]
    rows = []
    for r in range(n):
        for it, d in items:
            e = draw(st.integers(1, 7))
            p = draw(st.one_of(st.none(), st.integers(1, 7))) if r else draw(st.integers(1, 7))
            rows.append((f"r{r}", it, d, e, np.nan if p is None else p))
    return pd.DataFrame(rows, columns=["respondent", "item", "dimension", "expectation", "perception"])


@settings(max_examples=40, deadline=None)
@given(surveys())
def test_overall_is_mean_of_dimension_scores(df):
    dim = isq.servqual_gaps(df, level="dimension", min_group_size=None)
    overall = isq.servqual_gaps(df, level="overall", min_group_size=None)
    assert overall["unweighted"] == pytest.approx(dim["gap"].mean())
    assert overall["dimensions"] == len(dim)


@settings(max_examples=40, deadline=None)
@given(surveys(), st.integers(0, 2**32 - 1))
def test_row_order_does_not_matter(df, seed):
    shuffled = df.sample(frac=1, random_state=seed % (2**32 - 1))
    for level in ("item", "dimension"):
        a = isq.servqual_gaps(df, level=level, min_group_size=None)
        b = isq.servqual_gaps(shuffled, level=level, min_group_size=None)
        pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_series_equal(
        isq.servqual_gaps(df, level="overall", weights=POINTS, min_group_size=None),
        isq.servqual_gaps(shuffled, level="overall", weights=POINTS, min_group_size=None),
    )


@settings(max_examples=40, deadline=None)
@given(surveys(), st.integers(-1, 1), st.lists(st.integers(0, 40), min_size=5, max_size=5),
       st.floats(0.1, 10))
def test_gap_sign_and_weight_renormalisation(df, sign, points, factor):
    # everyone agrees on the direction: P = E + sign (kept within 1..7)
    df = df.assign(expectation=4, perception=4 + sign)
    dim = isq.servqual_gaps(df, level="dimension", min_group_size=None)
    assert (np.sign(dim["gap"]) == sign).all()
    weights = dict(zip(isq.labels.DIMENSIONS, points))
    if sum(points) == 0:
        return
    scaled = {k: v * factor for k, v in weights.items()}
    a = isq.servqual_gaps(df, level="overall", weights=weights, min_group_size=None)["weighted"]
    b = isq.servqual_gaps(df, level="overall", weights=scaled, min_group_size=None)["weighted"]
    assert a == pytest.approx(b) and np.sign(a) == sign


# --------------------------------------------------------------------------- errors
def test_error_messages(worked):
    with pytest.raises(isq.IsqError, match="'Perc' given for `perception` is not in `data`"):
        isq.servqual_gaps(worked, perception="Perc", min_group_size=None)
    with pytest.raises(isq.IsqError, match="`level` must be one of 'item', 'dimension', 'overall'"):
        isq.servqual_gaps(worked, level="total", min_group_size=None)
    with pytest.raises(isq.IsqError, match=r"`weights` give no points to the dimension\(s\) \['empathy'\]"):
        isq.servqual_gaps(worked, level="overall", weights={k: v for k, v in POINTS.items() if k != "empathy"}, min_group_size=None)
    with pytest.raises(isq.IsqError, match="`ci` must be a confidence level between 0 and 1"):
        isq.servqual_gaps(worked, ci=95, min_group_size=None)
    with pytest.raises(isq.IsqError, match="`by` may not contain 'item'"):
        isq.servqual_gaps(worked, by="item", min_group_size=None)
    with pytest.raises(isq.IsqError, match="`perception` must hold numbers from 1 to 7"):
        isq.servqual_gaps(worked.assign(perception=worked["perception"] + 3), min_group_size=None)
    with pytest.raises(isq.IsqError, match="the shortboard compares dimensions"):
        isq.servqual_shortboard(isq.servqual_gaps(worked, level="item", min_group_size=None))


# --------------------------------------------------------------------------- demo truths
@pytest.fixture(scope="module")
def demo():
    return isq.load_demo("servqual")


def test_demo_it_responsiveness_is_worst_and_company_shortboard(demo):
    """data/README.md planted truths 1 and 2."""
    pre = demo[demo["wave"] == "pre"]
    g = isq.servqual_gaps(pre, by="provider", level="dimension").dropna(subset=["gap"])
    worst = g.loc[g["gap"].idxmin()]
    assert (worst["provider"], worst["dimension"]) == ("IT", "responsiveness")
    assert worst["gap"] == pytest.approx(-1.87, abs=0.01) and worst["gap_ci_high"] < 0
    sb = isq.servqual_shortboard(isq.servqual_gaps(pre, level="dimension"))
    assert sb["dimension"] == "responsiveness" and sb["excludes_zero"]
    assert sb["gap"] == pytest.approx(-1.30, abs=0.01)
    per_provider = isq.servqual_shortboard(g)
    assert per_provider.set_index("provider").loc["IT", "dimension"] == "responsiveness"
    # Legal is rated by 3 respondents: masked (privacy)
    assert g["provider"].tolist().count("LEG") == 0


def test_demo_finance_strongest_on_reliability(demo):
    """Planted truth 3: FIN has the highest reliability perception and the best gap."""
    g = isq.servqual_gaps(demo[demo["wave"] == "pre"], by="provider", level="dimension")
    rel = g[g["dimension"] == "reliability"].dropna(subset=["gap"]).set_index("provider")
    assert rel["perception_mean"].idxmax() == "FIN" and rel["gap"].idxmax() == "FIN"
    assert -0.2 <= rel.loc["FIN", "gap"] <= 0.3


def test_demo_training_improves_hr_adm_it_only(demo):
    """Planted truth 4: post − pre perception rises for HR, ADM, IT, not for PUR, PRD."""
    p = isq.servperf(demo, by=["provider", "wave"], level="overall")
    shift = p.pivot(index="provider", columns="wave", values="unweighted").eval("post - pre")
    assert (shift[["HR", "ADM", "IT"]] > 0.4).all()
    assert (shift[["PUR", "PRD"]].abs() < 0.2).all()
    g = isq.servqual_gaps(demo, by=["provider", "wave"], level="overall")
    gs = g.pivot(index="provider", columns="wave", values="unweighted")
    assert (gs.loc[["HR", "ADM", "IT"], "post"] > gs.loc[["HR", "ADM", "IT"], "pre"]).all()


def test_demo_gap1_it_responsiveness(demo):
    """Planted truth 5: IT staff underestimate their customers' responsiveness expectation
    by at least one point (gap 1 ≤ −1 in isq's negative-is-shortfall sign)."""
    gm = isq.gap_model(demo[demo["wave"] == "pre"], estimates=isq.load_demo("servqual_estimates"))
    row = gm[(gm["provider"] == "IT") & (gm["dimension"] == "responsiveness") & (gm["gap"] == 1)].iloc[0]
    assert row["value"] <= -1 and row["ci_high"] < 0
    assert list(gm.columns) == ["provider", "dimension", "gap", "name", "value", "ci_low", "ci_high", "n"]


def test_demo_weighted_with_respondent_allocations(demo):
    w = isq.load_demo("weights")
    pre = demo[demo["wave"] == "pre"]
    o = isq.servqual_gaps(pre, level="overall", weights=w)
    # responsiveness and reliability weigh more than tangibles -> weighted below unweighted
    assert o["weighted"] < o["unweighted"] < 0
    by_dept = isq.servqual_gaps(pre, by="department", level="overall", weights=w)
    assert by_dept.set_index("department").loc["LEG", ["unweighted", "weighted"]].isna().all()


# --------------------------------------------------------------------------- charts
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_render_without_missing_glyphs(demo, lang):
    import matplotlib.pyplot as plt

    pre = demo[demo["wave"] == "pre"]
    with isq.theme(), warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing")
        waves = isq.servqual_gaps(demo[demo["provider"] == "IT"], by="wave", level="dimension")
        ax = isq.plot_servqual_radar(waves, lang=lang)
        assert ax.name == "polar" and len(ax.get_lines()) == 4
        fig = plt.figure()
        polar = fig.add_subplot(projection="polar")
        assert isq.plot_servqual_radar(isq.servqual_gaps(pre, level="dimension"), ax=polar, lang=lang) is polar
        ax = isq.plot_gap_bars(isq.servqual_gaps(pre, level="dimension"), lang=lang)
        assert max(p.get_linewidth() for p in ax.patches) == 2.5  # shortboard outlined
        isq.plot_gap_bars(isq.servqual_gaps(demo, by="wave", level="dimension"), lang=lang)
        isq.plot_zone_of_tolerance(isq.servqual_zone(pre[pre["provider"] == "IT"]), lang=lang)
        gm = isq.gap_model(pre, estimates=isq.load_demo("servqual_estimates"))
        ax = isq.plot_gap_model(gm, provider="IT", lang=lang)
        ax.figure.canvas.draw()


def test_chart_errors(demo):
    import matplotlib.pyplot as plt

    g = isq.servqual_gaps(demo, by=["provider", "wave"], level="dimension")
    with pytest.raises(isq.IsqError, match="overlays one grouping at a time"):
        isq.plot_servqual_radar(g)
    _, ax = plt.subplots()
    with pytest.raises(isq.IsqError, match="The radar needs polar axes"):
        isq.plot_servqual_radar(isq.servqual_gaps(demo, level="dimension"), ax=ax)
    gm = isq.gap_model(demo[demo["wave"] == "pre"])
    with pytest.raises(isq.IsqError, match="pass provider="):
        isq.plot_gap_model(gm)


def test_zone_of_tolerance_draws_masked_rows_as_too_few(demo):
    """Trainer report: by="provider" masks LEG (3 raters < 5) to NaN/<NA> and the chart raised
    "boolean value of NA is ambiguous". Masked dimensions now read "样本不足", no band, no point."""
    import matplotlib.pyplot as plt

    zone = isq.servqual_zone(demo[demo["wave"] == "pre"], by="provider")
    leg = zone[zone["provider"] == "LEG"]
    assert leg["position"].isna().all()  # the masked input the trainers had
    with isq.theme():
        _, ax = plt.subplots(figsize=(10, 6))
        isq.plot_zone_of_tolerance(leg, ax=ax)
        assert len(ax.patches) == 0 and not ax.collections
        assert [t.get_text() for t in ax.texts] == ["样本不足"] * 5
        # partly masked: the other dimensions are still drawn
        it = zone[zone["provider"] == "IT"].copy()
        it.loc[it["dimension"] == "empathy", ["adequate_mean", "desired_mean", "perception_mean"]] = np.nan
        it["position"] = it["position"].where(it["dimension"] != "empathy")
        _, ax = plt.subplots(figsize=(10, 6))
        isq.plot_zone_of_tolerance(it, ax=ax, lang="en")
        assert len(ax.patches) == 4 and [t.get_text() for t in ax.texts] == ["Too few"]
        plt.close("all")


def test_radar_dimension_names_clear_the_outer_circle(demo):
    """Trainer report: 响应性 and 有形性 touched the outer circle. Every name's box stays
    outside the circle's bounding radius (measured in display pixels)."""
    import matplotlib.pyplot as plt

    g = isq.servqual_gaps(demo[demo["provider"] == "IT"], by="wave", level="dimension")
    with isq.theme():
        fig = plt.figure(figsize=(10, 6))
        ax = isq.plot_servqual_radar(g, ax=fig.add_subplot(projection="polar"))
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        centre = ax.transData.transform((0, ax.get_ylim()[0]))
        radius = np.hypot(*(ax.transData.transform((0, ax.get_ylim()[1])) - centre))
        for text in ax.get_xticklabels():
            box = text.get_window_extent(renderer)
            # nearest point of the label box to the centre
            nx = np.clip(centre[0], box.x0, box.x1)
            ny = np.clip(centre[1], box.y0, box.y1)
            assert np.hypot(nx - centre[0], ny - centre[1]) > radius + 4, text.get_text()
        plt.close(fig)


def test_ungrouped_small_table_is_masked_too():
    """Privacy: filtering to one small group and calling without `by` must not reveal it
    (Legal is rated by 3 respondents in the demo)."""
    sq = isq.load_demo("servqual")
    leg = sq[(sq["provider"] == "LEG") & (sq["wave"] == "pre")]
    g = isq.servqual_gaps(leg, level="dimension")
    assert g["gap"].isna().all() and (g["n"] == 3).all()
    z = isq.servqual_zone(leg)
    assert z.drop(columns=["dimension", "n", "position"], errors="ignore").select_dtypes("number").isna().all().all()
    assert isq.servqual_gaps(leg, level="dimension", min_group_size=None)["gap"].notna().all()
