"""Department-to-department ratings (部门互评): matrix, reciprocity, self vs others,
leniency, ranking, assessment score — validated on hand-built data with known truth and
on published tables."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isq.errors import IsqError
from isq.models.peer import (
    assessment_score,
    peer_adjusted,
    peer_leniency,
    peer_matrix,
    peer_ranking,
    peer_reciprocity,
    peer_self_vs_others,
)

# Shrout & Fleiss (1979), Table 2: six targets rated by four judges.
SHROUT_FLEISS = np.array([
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
])


def _shrout_fleiss_long():
    rows = []
    for t in range(6):
        for j in range(4):
            rows.append({"respondent": f"J{j + 1}-T{t + 1}", "rater_department": f"J{j + 1}",
                         "provider": f"T{t + 1}", "item": "PR1",
                         "score": float(SHROUT_FLEISS[t, j])})
    return pd.DataFrame(rows)


def _cells(cells, n=5, item="PR1"):
    """Long peer data where every respondent of cell (rater, provider) gives that value."""
    rows = []
    for (rater, prov), value in cells.items():
        for i in range(n):
            rows.append({"respondent": f"{rater}{i}", "rater_department": rater,
                         "provider": prov, "wave": "pre", "item": item, "score": value})
    return pd.DataFrame(rows)


# truth of the additive model used by several tests
MU = 3.5
ALPHA = {"A": 0.6, "B": 0.0, "C": -0.3, "D": -0.3}   # provider quality, sums to 0
BETA = {"A": 0.6, "B": -0.2, "C": -0.2, "D": -0.2}   # rater leniency, sums to 0


def _additive():
    return _cells({(r, p): MU + ALPHA[p] + BETA[r]
                   for r in "ABCD" for p in "ABCD" if r != p})


def test_leniency_balanced_shrout_fleiss_table2():
    """Shrout & Fleiss (1979) Table 2 (6 targets × 4 judges, complete design; the
    additive judge × target model of Hoyt 1941). Judge effects are the judge means minus
    the grand mean 127/24: 2.375, −2.792, −0.958, 1.375; the judges mean square they imply,
    6·Σβ²/3, is the published JMS = 32.49, and the residual mean square of the adjusted
    scores is the published EMS = 1.02. Both methods agree in a balanced design."""
    data = _shrout_fleiss_long()
    fe = peer_leniency(data, min_group_size=1).set_index("rater")["leniency"]
    off = peer_leniency(data, method="offset", min_group_size=1).set_index("rater")["leniency"]
    np.testing.assert_allclose(fe.to_numpy(), [2.375, -2.791667, -0.958333, 1.375], atol=1e-6)
    np.testing.assert_allclose(off.to_numpy(), fe.to_numpy(), atol=1e-9)
    assert 6 * (fe**2).sum() / 3 == pytest.approx(32.49, abs=0.005)
    adj = peer_adjusted(data)
    resid = adj["adjusted_score"] - adj.groupby("provider")["adjusted_score"].transform("mean")
    assert (resid**2).sum() / ((6 - 1) * (4 - 1)) == pytest.approx(1.02, abs=0.005)


def test_leniency_fixed_effects_recovers_truth_with_empty_diagonal():
    """Hand example with known truth: score = 3.5 + α_provider + β_rater exactly, every
    department rating the three others (no self-ratings, as in 部门互评). The two-way
    fixed-effects model (Hoyt 1941; generalizability p × r design) recovers β exactly;
    the simple rater-mean offset is biased by −α_rater/3 (0.4, −0.2, −0.1, −0.1)."""
    data = _additive()
    fe = peer_leniency(data).set_index("rater")
    np.testing.assert_allclose(fe["leniency"].to_numpy(), [0.6, -0.2, -0.2, -0.2], atol=1e-9)
    assert (fe["n"] == 5).all()
    off = peer_leniency(data, method="offset").set_index("rater")["leniency"]
    np.testing.assert_allclose(off.to_numpy(), [0.4, -0.2, -0.1, -0.1], atol=1e-9)
    adj = peer_adjusted(data)
    np.testing.assert_allclose(adj["adjusted_score"], MU + adj["provider"].map(ALPHA), atol=1e-9)
    rk = peer_ranking(adj, score="adjusted_score")
    assert rk["provider"].tolist() == ["A", "B", "C", "D"]
    np.testing.assert_allclose(rk["mean"], [4.1, 3.5, 3.2, 3.2], atol=1e-9)
    assert rk["rank"].tolist() == [1, 2, 3, 3]      # ties share the rank


def test_matrix_hand_example_and_masking():
    """Cell mean = mean of respondent scores (item means); n = respondents; cells with
    n < min_group_size masked (hand-computed)."""
    rows = []
    for i, (a, b) in enumerate([(4, 5), (3, 3), (5, 5), (2, 4), (4, 4)]):
        rows += [{"respondent": f"r{i}", "rater_department": "SAL", "provider": "IT",
                  "item": "PR1", "score": a},
                 {"respondent": f"r{i}", "rater_department": "SAL", "provider": "IT",
                  "item": "PR2", "score": b}]
    rows += [{"respondent": "x", "rater_department": "HR", "provider": "IT", "item": "PR1",
              "score": 1}]
    m = peer_matrix(pd.DataFrame(rows)).set_index("rater")
    assert m.loc["SAL", "mean"] == pytest.approx(3.9)      # (4.5+3+5+3+4)/5
    assert m.loc["SAL", "n"] == 5 and not m.loc["SAL", "suppressed"]
    assert m.loc["HR", "suppressed"] and np.isnan(m.loc["HR", "mean"]) and m.loc["HR", "n"] == 1
    only_pr2 = peer_matrix(pd.DataFrame(rows), items=["PR2"]).set_index("rater")
    assert only_pr2.loc["SAL", "mean"] == pytest.approx(4.2)


def test_reciprocity_double_entry_correlation():
    """Griffin & Gonzalez (1995) double-entry (pairwise) intraclass correlation: equal to
    2Σ(x−m)(y−m) / Σ[(x−m)² + (y−m)²] with m the mean of all 2N values; hand value for
    pairs (4,3.5), (2,2.5), (5,4.5), (3,4): r = 25/33 = 0.7576."""
    vals = {("A", "B"): 4.0, ("B", "A"): 3.5, ("A", "C"): 2.0, ("C", "A"): 2.5,
            ("B", "C"): 3.0, ("C", "B"): 4.0, ("A", "D"): 5.0, ("D", "A"): 4.5}
    # (rater, provider) -> value; a_rates_b = value of (a, b)
    pairs = peer_reciprocity(_cells(vals))
    assert pairs[["department_a", "department_b"]].values.tolist() == [
        ["A", "B"], ["A", "C"], ["A", "D"], ["B", "C"]]
    np.testing.assert_allclose(pairs["difference"], [0.5, -0.5, 0.5, -1.0])
    s = peer_reciprocity(_cells(vals), summary=True)
    x = np.array([4, 2, 5, 3.0]); y = np.array([3.5, 2.5, 4.5, 4.0])
    m = np.concatenate([x, y]).mean()
    expected = 2 * ((x - m) * (y - m)).sum() / (((x - m) ** 2).sum() + ((y - m) ** 2).sum())
    assert s["r"] == pytest.approx(expected, abs=1e-12)
    assert s["r"] == pytest.approx(25 / 33, abs=1e-12)
    assert s["n_pairs"] == 4 and s["mean_abs_difference"] == pytest.approx(0.625)


def test_self_vs_others_welch_interval():
    """Self − others with Welch's interval; reference values from the Welch–Satterthwaite
    formula: self (4,4,5,5,5) vs others (3,3,4,4,3): difference 1.2, df = 8.0,
    95% CI 1.2 ± 2.306·0.3464 = [0.401, 1.999]."""
    peer = pd.DataFrame({"respondent": [f"o{i}" for i in range(5)],
                         "rater_department": "SAL", "provider": "IT", "item": "PR1",
                         "score": [3, 3, 4, 4, 3]})
    selfr = pd.DataFrame({"respondent": [f"s{i}" for i in range(5)], "department": "IT",
                          "item": "PR1", "score": [4, 4, 5, 5, 5]})
    sv = peer_self_vs_others(peer, selfr).iloc[0]
    assert sv["difference"] == pytest.approx(1.2)
    assert sv["ci_low"] == pytest.approx(0.4012, abs=1e-3)
    assert sv["ci_high"] == pytest.approx(1.9988, abs=1e-3)
    masked = peer_self_vs_others(peer, selfr.iloc[:4]).iloc[0]
    assert masked["suppressed"] and np.isnan(masked["difference"])


def test_ranking_t_interval_textbook():
    """Student's t interval of a mean: x = 2,3,4,5,6 → 4 ± t(0.975, 4)·1.5811/√5
    = 4 ± 2.7764·0.7071 = [2.0368, 5.9632]."""
    data = pd.DataFrame({"respondent": list("abcde"), "rater_department": "SAL",
                         "provider": "IT", "item": "PR1", "score": [2, 3, 4, 5, 6]})
    row = peer_ranking(data).iloc[0]
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((2.0368, 5.9632), abs=1e-4)
    boot = peer_ranking(data, interval="bootstrap").iloc[0]
    assert 2 <= boot["ci_low"] < 4 < boot["ci_high"] <= 6


def test_assessment_score_hand_example():
    """考核得分 by hand: item means PR1 = 4, PR2 = 3 with weights 3:1 → 3.75 on 1–5 →
    100·2.75/4 = 68.75; blended 0.6 · 68.75 + 0.4 · 90 (on-time KPI) = 77.25."""
    data = pd.concat([_cells({("SAL", "IT"): 4.0}, item="PR1"),
                      _cells({("SAL", "IT"): 3.0}, item="PR2")])
    a = assessment_score(data, item_weights={"PR1": 3, "PR2": 1}).iloc[0]
    assert a["peer_score"] == pytest.approx(68.75) and a["assessment_score"] == pytest.approx(68.75)
    kpis = pd.DataFrame({"provider": ["IT"], "on_time": [90.0]})
    b = assessment_score(data, item_weights={"PR1": 3, "PR2": 1}, kpis=kpis,
                         weights={"peer": 0.6, "on_time": 0.4}).iloc[0]
    assert b["assessment_score"] == pytest.approx(77.25)
    assert assessment_score(data).iloc[0]["peer_score"] == pytest.approx(62.5)


def test_demo_planted_truths():
    """Demo company (data/README.md): Sales raters are lenient (planted +0.6 before
    rounding to the 1–5 scale, about +0.5 after); IT rates itself higher than others do."""
    from isq.data.demo import load_demo

    pr, sr = load_demo("peer_ratings"), load_demo("self_ratings")
    len_ = peer_leniency(pr).set_index("rater")
    assert len_["leniency"].idxmax() == "SAL"
    assert 0.3 < len_.loc["SAL", "leniency"] < 0.7
    sv = peer_self_vs_others(pr, sr).set_index("department")
    assert sv["difference"].idxmax() == "IT" and sv.loc["IT", "difference"] > 0.3
    assert sv.loc["LEG", "suppressed"]          # LEG has 4 staff
    m = peer_matrix(pr)
    assert (m.loc[m["n"] < 5, "mean"].isna()).all()


# --------------------------------------------------------------------------- errors
def test_errors_missing_column_unknown_item_bad_options():
    data = _additive()
    with pytest.raises(IsqError, match=r"column 'rater' given for `rater`"):
        peer_matrix(data, rater="rater")
    with pytest.raises(IsqError, match=r"Unknown item 'PR9'.*Items in `data`: PR1"):
        peer_matrix(data, items=["PR9"])
    with pytest.raises(IsqError, match=r"Unknown item 'PR9'"):
        assessment_score(data, item_weights={"PR1": 1, "PR9": 1})
    with pytest.raises(IsqError, match=r"`method` must be one of 'fixed_effects', 'offset'"):
        peer_leniency(data, method="ols")
    with pytest.raises(IsqError, match=r"`score` must hold numbers from 1 to 5"):
        assessment_score(data.assign(score=7))
    with pytest.raises(IsqError, match=r"With `kpis`, give `weights`"):
        assessment_score(data, kpis=pd.DataFrame({"provider": ["A"], "k": [1.0]}))
    with pytest.raises(IsqError, match=r"column 'k2' given for `weights`"):
        assessment_score(data, kpis=pd.DataFrame({"provider": ["A"], "k": [1.0]}),
                         weights={"peer": 1, "k2": 1})
    with pytest.raises(IsqError, match=r"`min_group_size` must be a whole number"):
        peer_matrix(data, min_group_size=0)
    with pytest.raises(IsqError, match=r"`score` must hold numbers; found 'x'"):
        peer_matrix(data.assign(score=["x"] * len(data)))


# --------------------------------------------------------------------------- properties
_rating_rows = st.lists(
    st.tuples(st.integers(0, 11), st.sampled_from("ABC"), st.sampled_from("ABC"),
              st.integers(1, 5)),
    min_size=1, max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(_rating_rows, st.integers(1, 4))
def test_matrix_properties(rows, k):
    """Means lie within the score range; a cell is masked exactly when n < k; n counts
    distinct respondents."""
    data = pd.DataFrame(rows, columns=["respondent", "rater_department", "provider", "score"])
    data["item"] = "PR1"
    m = peer_matrix(data, min_group_size=k)
    shown = m.dropna(subset=["mean"])
    assert ((shown["mean"] >= 1) & (shown["mean"] <= 5)).all()
    assert (m["suppressed"] == (m["n"] < k)).all()
    assert m.loc[m["suppressed"], "mean"].isna().all()
    expected_n = data.groupby(["provider", "rater_department"])["respondent"].nunique()
    got = m.set_index(["provider", "rater"])["n"]
    assert got.sort_index().tolist() == expected_n.sort_index().tolist()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(1, 5, allow_nan=False), min_size=3, max_size=8, unique=True))
def test_ranking_order_property(means):
    """Ranks never decrease down the table and the best mean has rank 1."""
    cells = {("Z", f"P{i}"): v for i, v in enumerate(means)}
    rk = peer_ranking(_cells(cells))
    assert rk["rank"].is_monotonic_increasing and rk["rank"].iloc[0] == 1
    assert rk["mean"].is_monotonic_decreasing


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plots_render_without_missing_glyphs(lang):
    """Heatmap (masked cells read "样本不足") and ranking render under isq.theme(); the
    'Glyph missing' warning is an error (pyproject filterwarnings)."""
    import matplotlib.pyplot as plt

    import isq
    from isq.data.demo import load_demo

    pr = load_demo("peer_ratings")
    with isq.theme():
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(14, 6))
        ax = isq.plot_peer_heatmap(isq.peer_matrix(pr), ax=a1, lang=lang)
        texts = [t.get_text() for t in ax.texts]
        assert any(t.startswith("样本不足" if lang == "zh" else "Too few") for t in texts)
        ax2 = isq.plot_peer_ranking(isq.peer_ranking(pr), ax=a2, lang=lang)
        assert ax2.get_yticklabels()[-1].get_text() == "LEG"       # masked, at the bottom
        fig.canvas.draw()
    with pytest.raises(IsqError, match=r"several groups in column 'wave'"):
        isq.plot_peer_heatmap(isq.peer_matrix(pr, by="wave"))


def test_assessment_score_accepts_leniency_adjusted_scores():
    """peer_adjusted scores can leave the 1–5 answer scale; assessment_score must take them (its docstring says so)."""
    import isq

    adj = isq.peer_adjusted(isq.load_demo("peer_ratings"))
    assert ((adj["adjusted_score"] < 1) | (adj["adjusted_score"] > 5)).any()
    out = isq.assessment_score(adj, score="adjusted_score")
    raw = isq.assessment_score(isq.load_demo("peer_ratings"))
    assert out["provider"].tolist() != [] and out["assessment_score"].notna().any()
    # adjusting for SAL's leniency changes the scores, not the set of providers
    assert set(out["provider"]) == set(raw["provider"])
    # raw answers off the scale are still refused
    bad = isq.load_demo("peer_ratings").assign(score=lambda d: d["score"].where(d.index != 0, 9))
    with pytest.raises(isq.IsqError, match="from 1 to 5"):
        isq.assessment_score(bad)
