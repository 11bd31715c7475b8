"""Tests for isq.models.satisfaction (NPS, CSAT, CES 2.0, Wilson intervals) and its charts."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import isq


@pytest.mark.parametrize("k,n", [(0, 10), (1, 10), (42, 60), (59, 60), (60, 60), (3, 7)])
@pytest.mark.parametrize("ci", [0.9, 0.95, 0.99])
def test_wilson_matches_statsmodels(k, n, ci):
    """Reference implementation: statsmodels.stats.proportion.proportion_confint(
    method="wilson") (Wilson 1927)."""
    from statsmodels.stats.proportion import proportion_confint

    low, high = isq.wilson_ci(k, n, ci=ci)
    ref_low, ref_high = proportion_confint(k, n, alpha=1 - ci, method="wilson")
    assert low == pytest.approx(ref_low, abs=1e-12)
    assert high == pytest.approx(ref_high, abs=1e-12)


def test_wilson_published_value_and_vectorised():
    """Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score):
    81/263 -> 0.2553 to 0.3662; 15/148 -> 0.0624 to 0.1605."""
    low, high = isq.wilson_ci(np.array([81, 15]), np.array([263, 148]))
    np.testing.assert_allclose(low, [0.2553, 0.0624], atol=5e-5)
    np.testing.assert_allclose(high, [0.3662, 0.1605], atol=5e-5)


def test_nps_hand_example():
    """Hand example of METHODS.md: 10 answers, 5 promoters (9-10), 2 passives, 3 detractors.
    nps = 100 (0.5 - 0.3) = 20; se = 100 sqrt((0.5 + 0.3 - 0.2**2) / 10) = 100 sqrt(0.076)
    = 27.5681; 95% interval 20 +/- 1.959964 * 27.5681 = [-34.0325, 74.0325]."""
    r = isq.nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5])
    assert list(r.index) == ["n", "promoters", "passives", "detractors", "nps", "se",
                             "ci_low", "ci_high"]
    assert r["n"] == 10
    assert (r["promoters"], r["passives"], r["detractors"]) == pytest.approx((0.5, 0.2, 0.3))
    assert r["nps"] == pytest.approx(20.0)
    assert r["se"] == pytest.approx(100 * np.sqrt(0.076))
    assert r["ci_low"] == pytest.approx(-34.0325, abs=1e-4)
    assert r["ci_high"] == pytest.approx(74.0325, abs=1e-4)
    assert r.attrs["small_n"] is True


def test_missing_dropped_and_counted():
    r = isq.nps(pd.Series([10, None, 0, np.nan]))
    assert r["n"] == 2 and r.attrs["n_missing"] == 2
    assert r["nps"] == pytest.approx(0.0)
    c = isq.csat([5, None, 1])
    assert c["n"] == 2 and c.attrs["n_missing"] == 1


def test_csat_and_ces_worked_example():
    """CSAT = share of 4-5 answers with the Wilson interval (7/10 -> [0.3968, 0.8922],
    statsmodels wilson); CES 2.0: mean of 1-7 and share 5-7."""
    c = isq.csat([5, 4, 4, 3, 2, 5, 4, 1, 4, 5])
    assert list(c.index) == ["n", "csat", "ci_low", "ci_high", "mean"]
    assert c["csat"] == pytest.approx(0.7) and c["mean"] == pytest.approx(3.7)
    assert (c["ci_low"], c["ci_high"]) == pytest.approx((0.396778, 0.892209), abs=1e-6)
    e = isq.ces([7, 6, 5, 5, 4, 3, 6, 7, 2, 5])
    assert list(e.index) == ["n", "mean", "agree", "ci_low", "ci_high"]
    assert e["mean"] == pytest.approx(5.0) and e["agree"] == pytest.approx(0.7)
    assert isq.csat([5, 3, 3], top_box=(5,))["csat"] == pytest.approx(1 / 3)


def test_out_of_range_raises_with_value():
    with pytest.raises(isq.IsqError, match=r"from 0 to 10.*the first .*11"):
        isq.nps([9, 11])
    with pytest.raises(isq.IsqError, match=r"whole numbers from 1 to 5.*4\.5"):
        isq.csat([4.5, 5])
    with pytest.raises(isq.IsqError, match=r"from 1 to 7.*0"):
        isq.ces([0, 7])
    with pytest.raises(isq.IsqError, match="0 <= k <= n"):
        isq.wilson_ci(5, 3)
    with pytest.raises(isq.IsqError, match="`ci` must be"):
        isq.nps([9], ci=95)
    with pytest.raises(isq.IsqError, match="not in `data`"):
        isq.satisfaction_by(pd.DataFrame({"g": [1]}), by="g")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 10), st.none()), min_size=1, max_size=60))
def test_nps_shares_property(values):
    r = isq.nps(values)
    n = sum(v is not None for v in values)
    assert r["n"] == n
    if n == 0:
        return
    for key in ("promoters", "passives", "detractors"):
        assert 0 <= r[key] <= 1
    assert r["promoters"] + r["passives"] + r["detractors"] == pytest.approx(1.0)
    assert -100 <= r["nps"] <= 100
    assert r["ci_low"] <= r["nps"] <= r["ci_high"]
    c = isq.csat([v % 5 + 1 for v in values if v is not None])
    assert 0 <= c["ci_low"] <= c["csat"] <= c["ci_high"] <= 1


def test_satisfaction_by_matches_single_group_functions(rng):
    df = pd.DataFrame({
        "g": rng.choice(["a", "b", "c"], 300),
        "nps": rng.integers(0, 11, 300).astype(float),
        "csat": rng.integers(1, 6, 300),
        "ces": rng.integers(1, 8, 300),
    })
    df.loc[::7, "nps"] = np.nan
    t = isq.satisfaction_by(df, by="g").set_index("g")
    for g, sub in df.groupby("g"):
        n, c, e = isq.nps(sub["nps"]), isq.csat(sub["csat"]), isq.ces(sub["ces"])
        row = t.loc[g]
        assert row["nps_n"] == n["n"] and row["n"] == len(sub)
        assert row["nps"] == pytest.approx(n["nps"])
        assert row["nps_ci_low"] == pytest.approx(n["ci_low"])
        assert row["promoters"] == pytest.approx(n["promoters"])
        assert row["csat"] == pytest.approx(c["csat"])
        assert row["csat_ci_high"] == pytest.approx(c["ci_high"])
        assert row["csat_mean"] == pytest.approx(c["mean"])
        assert row["ces_mean"] == pytest.approx(e["mean"])
        assert row["ces_ci_low"] == pytest.approx(e["ci_low"])
    assert not t["small_n"].any() and not t["suppressed"].any()


def test_satisfaction_by_small_groups_suppressed():
    df = pd.DataFrame({"g": ["a"] * 6 + ["b"] * 3, "nps": [9] * 9, "csat": [5] * 9,
                       "ces": [7] * 9})
    t = isq.satisfaction_by(df, by="g", min_group_size=5).set_index("g")
    assert t.loc["b", "n"] == 3 and bool(t.loc["b", "suppressed"])
    assert np.isnan(t.loc["b", "nps"]) and np.isnan(t.loc["b", "csat"])
    assert t.loc["a", "nps"] == pytest.approx(100.0)
    assert t["small_n"].all()
    only_nps = isq.satisfaction_by(df, by="g", csat=None, ces=None)
    assert "csat" not in only_nps.columns


def test_demo_fin_highest_it_lowest_nps():
    """Planted truth of the demo company: Finance has the highest NPS, IT the lowest."""
    t = isq.satisfaction_by(isq.load_demo("satisfaction"), by="provider")
    t = t[~t["suppressed"]].set_index("provider")
    assert t["nps"].idxmax() == "FIN"
    assert t["nps"].idxmin() == "IT"


def _no_glyph_warnings(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with isq.theme():
            return fn()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plots_render(lang):
    import matplotlib.pyplot as plt

    t = isq.satisfaction_by(isq.load_demo("satisfaction"), by="provider")
    def bars():
        out = isq.plot_nps_bars(t, by="provider", lang=lang)
        out.figure.canvas.draw()
        return out

    ax = _no_glyph_warnings(bars)
    assert isinstance(ax, plt.Axes)
    assert len(ax.patches) >= 3 * (len(t) - t["suppressed"].sum())
    s = isq.load_demo("satisfaction")
    for metric in ("nps", "csat", "ces"):
        fig, ax = plt.subplots()

        def draw():
            out = isq.plot_score_distribution(s[metric], metric=metric, ax=ax, lang=lang)
            fig.canvas.draw()
            return out

        assert _no_glyph_warnings(draw) is ax
        assert len(ax.patches) == {"nps": 11, "csat": 5, "ces": 7}[metric]


def test_wilson_interval_contains_zero_and_one_exactly():
    """Regression (hypothesis found it): all answers 1 gave csat 0 with a lower bound of 2.8e-17."""
    c = isq.csat([1] * 7)
    assert c["csat"] == 0 and c["ci_low"] == 0 and c["ci_high"] > 0
    c = isq.csat([5] * 7)
    assert c["csat"] == 1 and c["ci_high"] == 1 and c["ci_low"] < 1


def test_passives_share_is_never_negative():
    """Regression (hypothesis): [0, 9, 9, 9, 9] gave passives = 1 - 0.8 - 0.2 = -5.6e-17."""
    r = isq.nps([0, 9, 9, 9, 9])
    assert r["passives"] == 0 and r["promoters"] == 0.8 and r["nps"] == pytest.approx(60)
