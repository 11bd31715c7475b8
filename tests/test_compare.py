"""Tests for isq.models.compare: group and wave comparisons, effect sizes, Holm.

Reference data: Student's (1908) sleep data (Cushny & Peebles), R's ``datasets::sleep``:
extra hours of sleep of 10 patients under drug 1 and drug 2. Reference values are R 4.x
output for ``t.test``, ``wilcox.test`` and ``kruskal.test`` on ``extra ~ group``.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import isq

DRUG1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
DRUG2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


@pytest.fixture
def sleep():
    return pd.DataFrame({
        "respondent": [f"P{i:02d}" for i in range(10)] * 2,
        "group": ["1"] * 10 + ["2"] * 10,
        "extra": DRUG1 + DRUG2,
    })


def _sample(mean, sd, n, rng):
    """n values with exactly this mean and SD (n - 1 denominator)."""
    z = rng.normal(size=n)
    z = (z - z.mean()) / z.std(ddof=1)
    return mean + sd * z


# --------------------------------------------------------------------------- sleep data
def test_paired_t_on_sleep_matches_r(sleep):
    """R: t.test(extra ~ group, data = sleep, paired = TRUE) -> t = -4.0621, df = 9,
    p-value = 0.002833, mean difference -1.58 (group 1 - group 2)."""
    res = isq.compare_waves(sleep, value="extra", wave="group", before="2", after="1")
    row = res.iloc[0]
    assert row["test"] == "paired_t" and row["n_pairs"] == 10
    assert row["diff"] == pytest.approx(-1.58)
    assert row["statistic"] == pytest.approx(-4.0621, abs=1e-4)
    assert row["df"] == 9
    assert row["p_val"] == pytest.approx(0.002833, abs=1e-6)


def test_cohens_dz_and_noncentral_t_interval_on_sleep(sleep):
    """d_z = mean(d) / sd(d) = -1.58 / 1.2300 = -1.2846 (hand). Interval: the ncp bounds of
    the noncentral t at t = -4.0621, df = 9, divided by sqrt(10), -2.12 and -0.41; this is
    the interval R effectsize::cohens_d(paired = TRUE) prints for these data, d = -1.28,
    95% CI [-2.12, -0.41]. Checked also by inverting: the noncentral t cdf of t at the bounds is 0.975 / 0.025."""
    from scipy import stats

    row = isq.compare_waves(sleep, value="extra", wave="group", before="2", after="1").iloc[0]
    d = np.array(DRUG1) - np.array(DRUG2)
    assert row["effect"] == pytest.approx(d.mean() / d.std(ddof=1))
    assert row["effect"] == pytest.approx(-1.2846, abs=1e-4)
    assert (round(row["effect_ci_low"], 2), round(row["effect_ci_high"], 2)) == (-2.12, -0.41)
    t = row["statistic"]
    assert stats.nct.cdf(t, 9, row["effect_ci_low"] * np.sqrt(10)) == pytest.approx(0.975)
    assert stats.nct.cdf(t, 9, row["effect_ci_high"] * np.sqrt(10)) == pytest.approx(0.025)


def test_wilcoxon_signed_rank_on_sleep_matches_r(sleep):
    """R: wilcox.test(extra ~ group, data = sleep, paired = TRUE) -> V = 0, p-value = 0.009091
    (normal approximation with continuity correction: the data have a zero and ties).
    Matched-pairs rank-biserial (Kerby 2014): every non-zero difference is negative -> -1."""
    row = isq.compare_waves(
        sleep, value="extra", wave="group", before="2", after="1", method="wilcoxon"
    ).iloc[0]
    assert row["test"] == "wilcoxon"
    assert row["statistic"] == 0
    assert row["p_val"] == pytest.approx(0.009091, abs=1e-6)
    assert row["effect"] == pytest.approx(-1.0)


def test_welch_t_on_sleep_matches_r(sleep):
    """R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939."""
    res = isq.compare_groups(sleep, value="extra", group="group")
    assert len(res) == 1
    row = res.iloc[0]
    assert (row["group_a"], row["group_b"], row["test"]) == ("1", "2", "welch_t")
    assert row["statistic"] == pytest.approx(-1.8608, abs=1e-4)
    assert row["df"] == pytest.approx(17.776, abs=1e-3)
    assert row["p_val"] == pytest.approx(0.07939, abs=1e-5)
    assert row["diff"] == pytest.approx(-1.58)
    # the same through compare_waves when nobody can be matched (paired="auto" -> Welch)
    unmatched = sleep.assign(respondent=[f"P{i}" for i in range(20)])
    w = isq.compare_waves(unmatched, value="extra", wave="group", before="2", after="1").iloc[0]
    assert w["test"] == "welch_t" and w["n_pairs"] == 0 and w["unmatched_before"] == 10
    assert w["statistic"] == pytest.approx(-1.8608, abs=1e-4)


def test_mann_whitney_and_kruskal_on_sleep_match_r(sleep):
    """R: wilcox.test(extra ~ group, data = sleep) -> W = 25.5, p-value = 0.06933;
    kruskal.test(extra ~ group, data = sleep) -> chi-squared = 3.4378, df = 1,
    p-value = 0.06372. Rank-biserial 2 * 25.5 / 100 - 1 = -0.49 (hand)."""
    res = isq.compare_groups(sleep, value="extra", group="group", method="kruskal")
    omni, pair = res.iloc[0], res.iloc[1]
    assert omni["test"] == "kruskal_h"
    assert omni["statistic"] == pytest.approx(3.4378, abs=1e-4)
    assert omni["p_val"] == pytest.approx(0.06372, abs=1e-5)
    assert pair["test"] == "mann_whitney_u" and pair["statistic"] == 25.5
    assert pair["p_val"] == pytest.approx(0.06933, abs=1e-5)
    assert pair["effect"] == pytest.approx(-0.49)


def test_anova_on_sleep_equals_pooled_t_squared(sleep):
    """R: t.test(extra ~ group, data = sleep, var.equal = TRUE) -> t = -1.8608, df = 18,
    p-value = 0.07919; one-way ANOVA with two groups gives F = t^2 = 3.4626, same p."""
    omni = isq.compare_groups(sleep, value="extra", group="group", method="anova").iloc[0]
    assert omni["test"] == "anova_f"
    assert omni["statistic"] == pytest.approx(1.8608**2, abs=1e-3)
    assert omni["p_val"] == pytest.approx(0.07919, abs=1e-5)


# --------------------------------------------------------------------------- effect sizes
def test_hedges_g_borenstein_worked_example():
    """Borenstein et al. (2009), Introduction to Meta-Analysis, ch. 4 worked example:
    means 103 and 100, SDs 5.5 and 4.5, n = 50 each: S_within = 5.0249, d = 0.5970,
    V_d = 0.0418, J = 0.9923, g = 0.5924, V_g = 0.0411, SE_g = 0.2028; 95% CI
    0.5924 +/- 1.96 x 0.2028 = (0.1950, 0.9898)."""
    rng = np.random.default_rng(1)
    a, b = _sample(103, 5.5, 50, rng), _sample(100, 4.5, 50, rng)
    g, low, high = isq.hedges_g(a, b)
    assert g == pytest.approx(0.5924, abs=1e-4)
    assert (high - low) / (2 * 1.959964) == pytest.approx(0.2028, abs=1e-4)
    assert low == pytest.approx(0.1950, abs=5e-4) and high == pytest.approx(0.9898, abs=5e-4)


def test_hedges_g_pingouin_documented_example():
    """pingouin.compute_effsize docs: x = [1, 2, 3, 4], y = [3, 4, 5, 6, 7] -> Cohen's d =
    -1.7078; Hedges' correction J = 1 - 3 / (4 * 7 - 1) = 0.8889 -> g = -1.5181."""
    g, _, _ = isq.hedges_g([1, 2, 3, 4], [3, 4, 5, 6, 7])
    assert g == pytest.approx(-1.707825127659933 * (1 - 3 / 27), abs=1e-9)
    assert g == pytest.approx(-1.5181, abs=1e-4)


@pytest.mark.parametrize(
    ("a", "b", "r"),
    [([6, 7, 8, 9], [1, 2, 7], 0.75),  # 10.5 favourable pairs of 12: 2*10.5/12 - 1
     ([1, 2, 3], [4, 5], -1.0),
     ([1, 3, 5], [2, 3, 4], 0.0)],
)
def test_rank_biserial_hand_examples(a, b, r):
    """Kerby (2014) simple difference formula, counted by hand (ties count 1/2)."""
    assert isq.rank_biserial(a, b)[0] == pytest.approx(r)


@settings(max_examples=60, deadline=None)
@given(
    a=st.lists(st.integers(1, 7), min_size=3, max_size=30),
    b=st.lists(st.integers(1, 7), min_size=3, max_size=30),
)
def test_effect_sizes_properties(a, b):
    """Sign follows the mean/rank difference; intervals contain the estimate; r in [-1, 1]."""
    g, gl, gh = isq.hedges_g(a, b)
    if not np.isnan(g):
        assert gl <= g <= gh
        assert np.sign(g) == np.sign(np.mean(a) - np.mean(b))
    r, rl, rh = isq.rank_biserial(a, b)
    assert -1 <= rl <= r <= rh <= 1


# --------------------------------------------------------------------------- Holm, exclusion
def test_holm_matches_statsmodels_and_hand_values():
    """Holm (1979) step-down, checked against statsmodels.stats.multitest.multipletests and
    by hand for p = (0.01, 0.04, 0.03): (0.03, 0.06, 0.06)."""
    from statsmodels.stats.multitest import multipletests

    from isq.models.compare import _adjust

    assert _adjust([0.01, 0.04, 0.03], "holm") == pytest.approx([0.03, 0.06, 0.06])
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"department": np.repeat(list("ABCD"), 12),
                       "score": rng.normal(np.repeat([4.0, 4.3, 5.0, 4.1], 12), 0.8)})
    res = isq.compare_groups(df, value="score", group="department")
    omni, pairs = res.iloc[0], res.iloc[1:]
    assert omni["comparison"] == "omnibus" and omni["test"] == "welch_anova_f" and omni["df"] == 3
    assert len(pairs) == 6
    expected = multipletests(pairs["p_val"], method="holm")[1]
    assert pairs["p_adj"].to_numpy() == pytest.approx(expected)
    assert (pairs["significant"] == (pairs["p_adj"] < 0.05)).all()


def test_small_groups_are_excluded_and_listed():
    df = pd.DataFrame({"department": ["A"] * 6 + ["B"] * 5 + ["LEG"] * 4,
                       "score": [5, 6, 6, 7, 6, 5, 3, 4, 4, 5, 3, 6, 6, 7, 7]})
    res = isq.compare_groups(df, value="score", group="department")
    assert set(res["group_a"]) | set(res["group_b"]) == {"A", "B"}
    assert res.attrs["excluded_groups"].to_dict("list") == {"group": ["LEG"], "n": [4]}


def test_compare_waves_reports_unmatched_and_excludes_small_groups():
    rows = []
    for prov, n in (("HR", 8), ("LEG", 3)):
        for i in range(n):
            rows.append((prov, f"{prov}{i}", "pre", 4.0 + 0.1 * i))
            if i < n - 1:  # one respondent per provider skipped the post wave
                rows.append((prov, f"{prov}{i}", "post", 4.6 + 0.12 * i))
    data = pd.DataFrame(rows, columns=["provider", "respondent", "wave", "score"])
    res = isq.compare_waves(data, value="score", by="provider").set_index("provider")
    assert res.loc["HR", ["n_pairs", "unmatched_before", "unmatched_after"]].tolist() == [7, 1, 0]
    assert res.loc["HR", "test"] == "paired_t" and bool(res.loc["HR", "significant"])
    assert bool(res.loc["LEG", "excluded"]) and np.isnan(res.loc["LEG", "p_val"])
    assert np.isnan(res.loc["LEG", "mean_before"])  # no figures from 2 respondents


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda d: isq.compare_groups(d, value="extra", group="group", method="t"),
         r"`method` must be one of 'welch', 'mannwhitney', 'anova', 'kruskal'"),
        (lambda d: isq.compare_groups(d, value="Extra", group="group"),
         r"column 'Extra' given for `value`"),
        (lambda d: isq.compare_waves(d, value="extra", wave="group"),
         r"wave 'pre' given for `before` is not in column 'group'. Waves found: '1', '2'"),
        (lambda d: isq.compare_groups(d.assign(extra="x"), value="extra", group="group"),
         r"'extra' given for `value` must hold numbers; found 'x'"),
        (lambda d: isq.compare_waves(d, value="extra", wave="group", before="1", after="2",
                                     paired="yes"), r"`paired` must be one of"),
    ],
)
def test_bad_input_messages(sleep, call, match):
    with pytest.raises(isq.IsqError, match=match):
        call(sleep)


# --------------------------------------------------------------------------- demo company
def test_demo_training_improves_hr_adm_it_but_not_pur_prd():
    """Planted truth of the demo company (isq.data.demo.TRAINING_EFFECT): after the training
    the perceived service of HR, ADM and IT rises significantly (Holm across providers);
    PUR and PRD do not change; LEG has too few respondents to be tested."""
    sq = isq.load_demo("servqual")
    res = isq.compare_waves(sq, value="perception", by="provider").set_index("provider")
    for prov in ("HR", "ADM", "IT"):
        assert bool(res.loc[prov, "significant"]) and res.loc[prov, "diff"] > 0.4
        assert res.loc[prov, "test"] == "paired_t" and res.loc[prov, "effect_ci_low"] > 0
    for prov in ("PUR", "PRD"):
        assert not bool(res.loc[prov, "significant"])
        assert res.loc[prov, "effect_ci_low"] < 0 < res.loc[prov, "effect_ci_high"]
    assert bool(res.loc["LEG", "excluded"])
