"""The full 5-GAP diagnosis (gaps 1–5 per department), SMART checks and commitment tracking.

References: Parasuraman, Zeithaml & Berry (1985) for the gap definitions (gap 2 = standard −
management's estimate, gap 3 = delivered − standard, gap 4 = delivered − promised); Doran (1981)
for SMART; Montgomery, *Introduction to Statistical Quality Control*, for the pooled p chart;
``statsmodels.stats.proportion.proportion_confint(method="wilson")`` for the Wilson interval.
"""

import numpy as np
import pandas as pd
import pytest

import isq


@pytest.fixture(scope="module")
def d():
    return isq.open_data()


@pytest.fixture(scope="module")
def gm(d):
    sq = d["servqual"]
    return isq.gap_model(sq[sq["wave"] == "pre"], estimates=d["servqual_estimates"],
                         standards=d["standards"], delivery=d["delivery"], promises=d["promises"])


def test_gaps_2_to_4_equal_the_hand_formulas(d, gm):
    """PZB 1985 definitions, recomputed with plain pandas on the demo tables."""
    est = d["servqual_estimates"].groupby(["provider", "dimension"])["estimated_expectation"].mean()
    std = d["standards"].set_index(["provider", "dimension"])["standard"]
    dlv = d["delivery"].groupby(["provider", "dimension"])["delivered"].mean()
    prm = d["promises"].set_index(["provider", "dimension"])["promised"]
    got = gm.set_index(["provider", "dimension", "gap"])["value"]
    for key in [("HR", "empathy"), ("PRD", "reliability"), ("ADM", "responsiveness"), ("IT", "tangibles")]:
        assert got[(*key, 2)] == pytest.approx(std[key] - est[key])
        assert got[(*key, 3)] == pytest.approx(dlv[key] - std[key])
        assert got[(*key, 4)] == pytest.approx(dlv[key] - prm[key])


def test_n_counts_people_for_gap_2_and_checks_for_gaps_3_4(d, gm):
    row = gm.set_index(["provider", "dimension", "gap"])["n"]
    staff = d["servqual_estimates"].query("provider == 'IT'")["respondent"].nunique()
    assert row[("IT", "empathy", 2)] == staff == 20  # the standard is a fixed value
    assert row[("IT", "empathy", 3)] == row[("IT", "empathy", 4)] == 12  # 6 months x 2 checks


def test_privacy_masks_every_gap_of_a_small_department(gm):
    """LEG: 3 raters and 4 staff; its standards and 12 checks per cell must not reveal it."""
    leg = gm[gm["provider"] == "LEG"]
    assert len(leg) == 25 and leg[["value", "ci_low", "ci_high"]].isna().all().all()
    assert (leg.loc[leg["gap"].isin([3, 4]), "n"] == 12).all()
    assert gm.loc[gm["provider"] != "LEG", "value"].notna().all()


def test_gap_model_masks_gaps_3_4_without_estimates_by_survey_size():
    cust = pd.DataFrame({"respondent": np.repeat(range(3), 2), "provider": "X", "item": ["a", "b"] * 3,
                         "dimension": "empathy", "expectation": 6, "perception": 5})
    dlv = pd.DataFrame({"provider": "X", "dimension": "empathy", "delivered": [4] * 20})
    prm = pd.DataFrame({"provider": ["X"], "dimension": ["empathy"], "promised": [6.0]})
    gm = isq.gap_model(cust, delivery=dlv, promises=prm)
    assert gm.loc[gm["gap"] == 4, "n"].item() == 20 and gm["value"].isna().all()
    shown = isq.gap_model(cust, delivery=dlv, promises=prm, min_group_size=None)
    assert shown.loc[shown["gap"] == 4, "value"].item() == pytest.approx(-2.0)


def test_diagnosis_names_the_planted_gap_and_its_remedy(gm):
    dx = isq.gap_diagnosis(gm).set_index("provider")
    assert dx.loc["IT", "worst_gap"] == 1 and dx.loc["HR", "worst_gap"] == 2
    assert dx.loc["PRD", "worst_gap"] == 3 and dx.loc["ADM", "worst_gap"] == 4
    assert "SMART" in dx.loc["HR", "remedy"] and "教练" in dx.loc["PRD", "remedy"]
    assert dx.loc["LEG", "suppressed"] and pd.isna(dx.loc["LEG", "worst_gap"])
    assert dx.loc["ADM", "worst_value"] == pytest.approx(
        gm.query("provider == 'ADM' and gap == 4")["value"].min())
    en = isq.gap_diagnosis(gm, lang="en").set_index("provider")
    assert en.loc["ADM", "remedy"].startswith("Promise honestly")
    assert set(isq.GAP_REMEDIES) == {1, 2, 3, 4, 5}


def test_smart_check_and_summary(d):
    s = isq.smart_check(d["standards"])
    hr = s[s["provider"] == "HR"].set_index("dimension")
    assert hr.loc["empathy", "smart_score"] == 2 and hr.loc["empathy", "fails"] == "具体、可衡量、有时限"
    assert hr.loc["reliability", "smart"] and hr.loc["reliability", "fails"] == ""
    en = isq.smart_check(d["standards"], lang="en")
    assert en.set_index(["provider", "dimension"]).loc[("HR", "empathy"), "fails"] == \
        "specific, measurable, time-bound"
    summ = isq.smart_summary(d["standards"])
    assert summ.iloc[0]["provider"] == "HR" and summ.iloc[0]["smart_share"] == 0.2
    assert summ.iloc[0]["most_failed"] == "specific" and summ["n_standards"].eq(5).all()
    bad = d["standards"].assign(measurable=2)
    with pytest.raises(isq.IsqError, match="measurable"):
        isq.smart_check(bad)


def test_on_time_share_wilson_matches_statsmodels(d):
    from statsmodels.stats.proportion import proportion_confint

    s = isq.on_time_share(d["commitment_tracking"]).set_index("provider")
    ct = d["commitment_tracking"].query("provider == 'ADM'")
    k, n = ct["on_time"].sum(), ct["requests"].sum()
    lo, hi = proportion_confint(k, n, method="wilson")
    assert s.loc["ADM", "share"] == pytest.approx(k / n)
    assert (s.loc["ADM", "ci_low"], s.loc["ADM", "ci_high"]) == pytest.approx((lo, hi))
    assert s.index[0] == "ADM" and not s.loc["ADM", "met"] and s.loc["FIN", "met"]
    assert s.loc["ADM", "months"] == 12


def test_on_time_chart_is_montgomerys_pooled_p_chart(d):
    ct = d["commitment_tracking"].query("provider == 'IT'").sort_values("month")
    c = isq.on_time_chart(d["commitment_tracking"], "IT")
    pbar = ct["on_time"].sum() / ct["requests"].sum()
    lcl = pbar - 3 * np.sqrt(pbar * (1 - pbar) / ct["requests"].to_numpy())
    assert c["center"].to_numpy() == pytest.approx(np.full(12, pbar))
    assert c["lcl"].to_numpy() == pytest.approx(lcl)
    assert c.loc[c["out_of_control"], "month"].tolist() == ["2025-03"]
    with pytest.raises(isq.IsqError, match="'XX' is not in the tracking table"):
        isq.on_time_chart(d["commitment_tracking"], "XX")


def test_on_time_feeds_the_assessment_score(d):
    kpi = isq.on_time_kpi(d["commitment_tracking"])
    a = isq.assessment_score(d["peer_ratings"], kpis=kpi, weights={"peer": 0.5, "on_time": 0.5})
    adm = a.set_index("provider").loc["ADM"]
    assert adm["assessment_score"] == pytest.approx(0.5 * adm["peer_score"] + 0.5 * adm["on_time"])
    assert adm["on_time"] == pytest.approx(100 * isq.on_time_share(d["commitment_tracking"])
                                           .set_index("provider").loc["ADM", "share"])


def test_tracking_errors_name_the_row():
    bad = pd.DataFrame({"provider": ["A", "A"], "month": ["2025-01", "2025-02"],
                        "requests": [10, 10], "on_time": [9, 11]})
    with pytest.raises(isq.IsqError, match="tracking row 2: on_time=11 is more than requests=10"):
        isq.on_time_share(bad)


def test_plot_five_gaps_hostile_names_and_suppression(gm):
    hostile = {"IT": "=cmd|' /C calc'!A0", "HR": "<script>alert(1)</script>", "PRD": "$\\x$../x"}
    with isq.theme():
        ax = isq.plot_five_gaps(gm, names=hostile)
        ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "=cmd|' /C calc'!A0" in ticks and "<script>alert(1)</script>" in ticks
    assert "\\$\\x\\$../x" in ticks  # dollar signs escaped: never parsed as mathtext
    assert any("样本不足" in t for t in ticks)
    one = isq.plot_five_gaps(gm, dimension="responsiveness", lang="en")
    assert "responsiveness" in one.get_title().lower() or "响应" in one.get_title()
    with pytest.raises(isq.IsqError, match="dimension 'speed'"):
        isq.plot_five_gaps(gm, dimension="speed")


def test_gap_inputs_keep_only_computable_gaps(d):
    assert set(isq.gap_inputs(d)) == {"estimates", "standards", "delivery", "promises"}
    assert set(isq.gap_inputs({"standards": 1, "delivery": 2})) == set()
    assert set(isq.gap_inputs({"delivery": 2, "promises": 3})) == {"delivery", "promises"}


def test_check_4_3():
    assert isq.check("4.3", {"IT": 1, "HR": 2, "PRD": 3, "ADM": 4}).passed
    r = isq.check("4.3", {"IT": 1, "HR": 2, "PRD": 4, "ADM": 4})
    assert not r.passed and "PRD" in str(r)
