"""Tests for isq.models.reliability: Cronbach's alpha, item analysis, alpha per dimension."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

import isq

# pingouin's bundled dataset 'cronbach_alpha' (pingouin/datasets/cronbach_alpha.csv,
# from www.real-statistics.com): 15 subjects (rows) x 10 items Q1..Q10 (columns).
PINGOUIN_CRONBACH_ALPHA = pd.DataFrame(
    {
        "Q1": [3, 5, 7, 2, 6, 1, 4, 2, 6, 5, 4, 4, 5, 6, 4],
        "Q2": [2, 4, 3, 4, 5, 2, 3, 4, 5, 4, 3, 2, 5, 5, 3],
        "Q3": [4, 6, 5, 3, 6, 3, 5, 4, 5, 6, 5, 3, 6, 5, 5],
        "Q4": [1, 3, 5, 3, 5, 4, 3, 3, 5, 4, 2, 2, 2, 4, 5],
        "Q5": [4, 5, 6, 2, 4, 2, 5, 7, 1, 3, 5, 5, 3, 2, 3],
        "Q6": [5, 1, 4, 2, 4, 5, 2, 2, 6, 5, 3, 3, 3, 2, 1],
        "Q7": [1, 2, 3, 2, 4, 2, 1, 2, 5, 3, 2, 4, 2, 1, 3],
        "Q8": [4, 5, 3, 6, 6, 3, 2, 4, 2, 1, 3, 2, 4, 4, 2],
        "Q9": [3, 5, 6, 6, 7, 5, 4, 6, 3, 7, 4, 3, 4, 6, 3],
        "Q10": [2, 5, 5, 3, 5, 2, 3, 5, 2, 2, 1, 4, 5, 5, 4],
    }
)

# pingouin's bundled dataset 'cronbach_wide_missing' (binary answers with missing values,
# from www.real-statistics.com): 12 rows x 11 items.
_NA = np.nan
PINGOUIN_WIDE_MISSING = pd.DataFrame(
    [
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0],
        [_NA, 0, 1, 1, _NA, 1, 1, 1, 1, 0, 0],
        [1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0],
        [1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0],
        [0, 1, _NA, 0, 1, 1, 1, 1, 0, 0, 0],
        [1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
        [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
        [0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0],
        [1, 0, 0, 1, 0, 1, 0, 0, _NA, 0, 0],
        [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    ],
    columns=[f"Q{i}" for i in range(1, 12)],
)


def test_alpha_matches_pingouin_likert_example():
    """pingouin.cronbach_alpha docstring (tested there against R psych::alpha): the
    'cronbach_alpha' dataset gives alpha 0.591719, 95% CI [0.195, 0.840]."""
    r = isq.cronbach_alpha(PINGOUIN_CRONBACH_ALPHA)
    assert r["alpha"] == pytest.approx(0.5917188485995826, abs=1e-9)
    assert r["ci_low"] == pytest.approx(0.195, abs=5e-4)
    assert r["ci_high"] == pytest.approx(0.840, abs=5e-4)
    assert (r["n"], r["k"]) == (15, 10)
    assert list(r.index) == ["alpha", "ci_low", "ci_high", "n", "k"]


def test_alpha_pairwise_matches_pingouin_and_psych():
    """pingouin.cronbach_alpha docstring, 'cronbach_wide_missing', pairwise deletion
    ("In R: psych::alpha(data, use='pairwise')"): alpha 0.732661, CI [0.435, 0.909]."""
    r = isq.cronbach_alpha(PINGOUIN_WIDE_MISSING, nan_policy="pairwise")
    assert r["alpha"] == pytest.approx(0.732660835214447, abs=1e-9)
    assert r["ci_low"] == pytest.approx(0.435, abs=5e-4)
    assert r["ci_high"] == pytest.approx(0.909, abs=5e-4)
    assert r["n"] == 12


def test_alpha_listwise_interval_uses_rows_analysed():
    """pingouin.cronbach_alpha docstring, 'cronbach_wide_missing', listwise deletion
    ("In R: psych::alpha(data, use='complete.obs')"): alpha 0.801695. pingouin's interval
    [0.581, 0.933] uses n = 12 (all rows); isq uses the 9 complete rows actually analysed
    (METHODS.md), giving Feldt [0.533, 0.947]: both checked here."""
    r = isq.cronbach_alpha(PINGOUIN_WIDE_MISSING, nan_policy="listwise")
    assert r["alpha"] == pytest.approx(0.8016949152542373, abs=1e-9)
    assert r["n"] == 9
    assert r["ci_low"] == pytest.approx(0.5330, abs=5e-4)
    assert r["ci_high"] == pytest.approx(0.9472, abs=5e-4)
    # pingouin's figures follow from the same formula with n = 12
    from scipy.stats import f

    a = r["alpha"]
    assert 1 - (1 - a) * f.isf(0.025, 11, 110) == pytest.approx(0.581, abs=5e-4)
    assert 1 - (1 - a) * f.isf(0.975, 11, 110) == pytest.approx(0.933, abs=5e-4)


def test_alpha_negative_not_clipped():
    """Items that disagree give a negative alpha (Cronbach 1951: alpha is unbounded below).
    Hand computation: a = 1..5, b = 6 - a, c alternating 2/3; item variances 2.5, 2.5, 0.3,
    total variance 0.3 -> alpha = 1.5 (1 - 5.3 / 0.3) = -25.0, reported unclipped."""
    wide = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [5, 4, 3, 2, 1], "c": [2, 3, 2, 3, 2]})
    c = wide.cov().to_numpy()
    expected = 3 / 2 * (1 - np.trace(c) / c.sum())
    r = isq.cronbach_alpha(wide)
    assert expected == pytest.approx(-25.0)
    assert r["alpha"] == pytest.approx(-25.0)
    assert r["ci_high"] < 1


def test_item_analysis_against_definitions_and_alpha():
    """Corrected item-total r (psych r.drop) = Pearson r of the item with the sum of the other
    items; alpha_if_deleted (psych 'raw_alpha' if an item is dropped) = alpha of the others.
    Checked on pingouin's 'cronbach_alpha' dataset."""
    data = PINGOUIN_CRONBACH_ALPHA
    t = isq.item_analysis(data)
    assert list(t.columns) == ["item", "mean", "sd", "item_total_r", "alpha_if_deleted"]
    for i, col in enumerate(data.columns):
        rest = data.drop(columns=col).sum(axis=1)
        assert t.loc[i, "item_total_r"] == pytest.approx(np.corrcoef(data[col], rest)[0, 1])
        assert t.loc[i, "alpha_if_deleted"] == pytest.approx(
            isq.cronbach_alpha(data.drop(columns=col))["alpha"]
        )
        assert t.loc[i, "sd"] == pytest.approx(data[col].std(ddof=1))
    # Q1: mean 4.266667 (64 / 15)
    assert t.loc[0, "mean"] == pytest.approx(64 / 15)


@settings(max_examples=40, deadline=None)
@given(arrays(np.int8, st.tuples(st.integers(3, 25), st.integers(2, 6)),
              elements=st.integers(1, 7)))
def test_alpha_equals_variance_formula_on_complete_data(x):
    """On complete data the covariance form equals k/(k-1)(1 - sum var_i / var(total))."""
    wide = pd.DataFrame(x.astype(float), columns=[f"i{j}" for j in range(x.shape[1])])
    total_var = wide.sum(axis=1).var(ddof=1)
    r = isq.cronbach_alpha(wide)
    if total_var == 0:
        assert np.isnan(r["alpha"]) or not np.isfinite(r["alpha"])
        return
    k = x.shape[1]
    expected = k / (k - 1) * (1 - wide.var(ddof=1).sum() / total_var)
    assert r["alpha"] == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert r["alpha"] <= 1 + 1e-12
    listwise = isq.cronbach_alpha(wide, nan_policy="listwise")
    assert listwise["alpha"] == pytest.approx(r["alpha"], rel=1e-12, abs=1e-12)


def test_alpha_by_dimension_pivots_long_data():
    """Long data pivoted per dimension gives the same alpha as the wide computation."""
    data = PINGOUIN_CRONBACH_ALPHA
    long = data.assign(respondent=range(len(data))).melt(
        id_vars="respondent", var_name="item", value_name="perception"
    )
    long["dimension"] = np.where(long["item"].isin(["Q1", "Q2", "Q3", "Q4", "Q5"]), "d1", "d2")
    t = isq.alpha_by_dimension(long)
    assert list(t.columns) == ["dimension", "alpha", "ci_low", "ci_high", "n", "k"]
    d1 = t.set_index("dimension").loc["d1"]
    assert d1["alpha"] == pytest.approx(
        isq.cronbach_alpha(data[["Q1", "Q2", "Q3", "Q4", "Q5"]])["alpha"]
    )
    assert (d1["n"], d1["k"]) == (15, 5)
    # by group
    long["grp"] = np.where(long["respondent"] < 8, "g1", "g2")
    tb = isq.alpha_by_dimension(long, by="grp")
    assert len(tb) == 4 and set(tb["grp"]) == {"g1", "g2"}


def test_errors_are_clear():
    with pytest.raises(isq.IsqError, match="at least two items"):
        isq.cronbach_alpha(PINGOUIN_CRONBACH_ALPHA, items=["Q1"])
    with pytest.raises(isq.IsqError, match="`nan_policy` must be one of"):
        isq.cronbach_alpha(PINGOUIN_CRONBACH_ALPHA, nan_policy="drop")
    with pytest.raises(isq.IsqError, match="'Q99' given for `items`"):
        isq.item_analysis(PINGOUIN_CRONBACH_ALPHA, items=["Q1", "Q99"])
    with pytest.raises(isq.IsqError, match="must be numeric; 'x'"):
        isq.cronbach_alpha(pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}))
    long = pd.DataFrame({"respondent": ["r1", "r1"], "item": ["a", "a"],
                         "dimension": ["A", "A"], "perception": [1, 2]})
    with pytest.raises(isq.IsqError, match="appears more than once"):
        isq.alpha_by_dimension(long)


def test_demo_alpha_per_servqual_dimension():
    """Planted truth: each SERVQUAL dimension of the demo is internally consistent,
    alpha between 0.7 and 0.95 (perceptions, one answer sheet per respondent x provider x
    wave)."""
    t = isq.alpha_by_dimension(isq.load_demo("servqual"),
                               respondent=["respondent", "provider", "wave"])
    assert list(t["dimension"]) == list(isq.labels.DIMENSIONS)
    assert t["alpha"].between(0.7, 0.95).all()
    assert (t["ci_low"] < t["alpha"]).all() and (t["alpha"] < t["ci_high"]).all()
    assert list(t["k"]) == [4, 5, 4, 4, 5]
