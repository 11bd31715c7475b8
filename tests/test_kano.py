"""Kano: evaluation table, summary figures, continuous scores, bootstrap, comparison, charts.

Validation sources (named in each test's docstring):
- the reference output of the R package stp25kano (W. Peter; README "Kano Analyse", five
  attributes with counts, CS+/CS−, total and category strength, M>O>A>I and Fong's test);
- Berger et al. (1993) and Fong (1996) formulas, computed by hand in the test where the
  published table itself could not be checked here (said so in the docstring);
- the planted categories of the demo company (docs/demo_company.md).
"""

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import isq
from isq.models.kano import (
    DUMOUCHEL_DYSFUNCTIONAL,
    DUMOUCHEL_FUNCTIONAL,
    KANO_CODES,
    kano_bootstrap,
    kano_classify,
    kano_compare,
    kano_continuous,
    kano_summary,
)

SUMMARY_COLUMNS = ["feature", "n", "A", "O", "M", "I", "R", "Q", "category", "category_rule",
                   "better", "worse", "total_strength", "category_strength", "fong_significant"]

# one answer pair that produces each category (functional, dysfunctional)
PAIR = {"A": (1, 3), "O": (1, 5), "M": (2, 5), "I": (3, 3), "R": (5, 1), "Q": (1, 1)}


def frame_from_counts(table):
    """Long data whose classification gives exactly the given counts per feature."""
    rows = []
    for feat, counts in table.items():
        for code, k in counts.items():
            rows += [(feat, *PAIR[code])] * k
    return pd.DataFrame(rows, columns=["feature", "functional", "dysfunctional"])


# --------------------------------------------------------------------------- classification
def test_every_cell_of_the_evaluation_table_matches_methods():
    """METHODS.md (Berger et al. 1993 evaluation table): F1: Q A A A O · F2–F4: R I I I M · F5: R R R R Q."""
    expected = ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]
    f, d = np.meshgrid(np.arange(1, 6), np.arange(1, 6), indexing="ij")
    got = kano_classify(f.ravel(), d.ravel()).reshape(5, 5)
    assert ["".join(row) for row in got] == expected
    for fi in range(1, 6):
        for di in range(1, 6):
            assert kano_classify(fi, di) == expected[fi - 1][di - 1]


def test_classify_keeps_the_index_and_marks_missing():
    f = pd.Series([1, 2, None, 3.0, 5], index=list("abcde"))
    d = pd.Series([5, 5, 3, np.nan, 1], index=list("abcde"))
    out = kano_classify(f, d)
    assert isinstance(out, pd.Series)
    assert out.index.tolist() == list("abcde")
    assert out.iloc[:2].tolist() == ["O", "M"]
    assert out.iloc[2:4].isna().all()
    assert out.iloc[4] == "R"
    assert kano_classify(None, 3) is None
    arr = kano_classify([1, 3], [3, 3])
    assert isinstance(arr, np.ndarray) and arr.tolist() == ["A", "I"]


@pytest.mark.parametrize("bad", [0, 6, 2.5, "like"])
def test_classify_rejects_answers_outside_1_to_5(bad):
    with pytest.raises(isq.IsqError, match=r"`functional` answers must be the codes 1 like.*the first"):
        kano_classify(pd.Series([1, bad]), pd.Series([3, 3]))


def test_classify_rejects_unequal_lengths():
    with pytest.raises(isq.IsqError, match="same length"):
        kano_classify([1, 2, 3], [1, 2])


# --------------------------------------------------------------------------- published cases
def test_reference_table_of_r_package_stp25kano():
    """Reference implementation: R package stp25kano (Wolfgang Peter), README "Kano Analyse",
    table of five attributes of a cleaning-equipment maker (n = 296 each). Its published
    figures: counts, CS plus/minus (3 decimals), total and category strength (whole %),
    "max Category", "M>O>A>I" (5-point band) and the Fong test (sig./ns)."""
    table = {
        "Service app": dict(M=95, O=123, A=45, I=33, R=0, Q=0),
        "Excellent service": dict(M=101, O=54, A=54, I=81, R=3, Q=3),
        "Hotline": dict(M=15, O=24, A=121, I=124, R=6, Q=6),
        "Loan machine": dict(M=65, O=87, A=93, I=51, R=0, Q=0),
        "Ready-to-use return": dict(M=9, O=18, A=83, I=177, R=6, Q=3),
    }
    s = kano_summary(frame_from_counts(table)).set_index("feature").loc[list(table)]
    assert (s["n"] == 296).all()
    for feat, counts in table.items():
        for code, k in counts.items():
            assert s.loc[feat, code] == k
    assert s["better"].round(3).tolist() == [0.568, 0.372, 0.511, 0.608, 0.352]
    assert s["worse"].round(3).tolist() == [-0.736, -0.534, -0.137, -0.514, -0.094]
    assert (s["total_strength"] * 100).round().tolist() == [89, 71, 54, 83, 37]
    assert (s["category_strength"] * 100).round().tolist() == [9, 7, 1, 2, 32]
    assert s["category"].tolist() == ["O", "M", "I", "A", "I"]
    assert s["category_rule"].tolist() == ["O", "M", "A", "O", "I"]
    assert s["fong_significant"].tolist() == [True, True, False, False, True]
    # their printed Fong critical values, from the same formula
    crit = [1.65 * math.sqrt((a + b) * (2 * 296 - a - b) / (2 * 296))
            for a, b in [(123, 95), (101, 81), (124, 121), (93, 87), (177, 83)]]
    assert [round(c, 1) for c in crit] == [19.4, 18.5, 19.8, 18.5, 19.9]


def test_better_worse_formulas_of_berger_et_al_1993():
    """Berger et al. (1993), CQM Journal 2(4), Timko's coefficients: better = (A+O)/(A+O+M+I),
    worse = −(O+M)/(A+O+M+I). The journal's own example table could not be checked here, so the
    example is computed by hand: A=10, O=20, M=5, I=5, R=3, Q=2 → better 30/40 = 0.75,
    worse −25/40 = −0.625 (R and Q are outside the denominator but inside n = 45)."""
    s = kano_summary(frame_from_counts({"F": dict(A=10, O=20, M=5, I=5, R=3, Q=2)})).iloc[0]
    assert s["n"] == 45
    assert s["better"] == pytest.approx(0.75)
    assert s["worse"] == pytest.approx(-0.625)
    assert s["total_strength"] == pytest.approx(35 / 45)
    assert s["category_strength"] == pytest.approx(10 / 45)


def test_fong_1996_significance_by_hand():
    """Fong (1996), CQM Journal 5(3): significant when |a − b| ≥ 1.65·sqrt((a+b)(2n−a−b)/(2n)).
    Worked by hand (the paper's own numbers could not be checked here), n = 100:
    a=40, b=30 → critical 1.65·sqrt(70·130/200) = 11.13 > 10: not significant;
    a=45, b=30 → critical 1.65·sqrt(75·125/200) = 11.30 ≤ 15: significant."""
    data = frame_from_counts({
        "ns": dict(A=40, O=30, M=20, I=10),
        "sig": dict(A=45, O=30, M=15, I=10),
    })
    s = kano_summary(data).set_index("feature")
    assert round(1.65 * math.sqrt(70 * 130 / 200), 2) == 11.13
    assert round(1.65 * math.sqrt(75 * 125 / 200), 2) == 11.30
    assert not s.loc["ns", "fong_significant"]
    assert s.loc["sig", "fong_significant"]


# --------------------------------------------------------------------------- rules
def test_tie_band_rule_m_before_o_before_a_before_i():
    """METHODS.md: within the tie band choose among the two most frequent the first of M, O, A, I, R."""
    data = frame_from_counts({
        "AO": dict(A=26, O=24, I=10),        # 2/60 = 0.033 ≤ 0.06 → O
        "IA": dict(I=30, A=27, M=3),         # → A
        "far": dict(A=40, O=20),             # 20/60 > 0.06 → mode A
        "edge": dict(A=23, M=20, I=7),       # 3/50 = 0.06 exactly: still a close call → M
        "over": dict(A=24, M=20, I=6),       # 4/50 = 0.08 → A
        "IR": dict(R=20, I=19),              # close: I before R
    })
    s = kano_summary(data).set_index("feature")
    assert s.loc["AO", "category"] == "A" and s.loc["AO", "category_rule"] == "O"
    assert s.loc["IA", "category"] == "I" and s.loc["IA", "category_rule"] == "A"
    assert s.loc["far", "category_rule"] == "A"
    assert s.loc["edge", "category_rule"] == "M"
    assert s.loc["over", "category_rule"] == "A"
    assert s.loc["IR", "category_rule"] == "I"
    wide = kano_summary(data, tie_band=0.1).set_index("feature")
    assert wide.loc["over", "category_rule"] == "M"
    none = kano_summary(data, tie_band=0).set_index("feature")
    assert none.loc["AO", "category_rule"] == "A"


def test_exact_tie_in_the_mode_is_broken_by_m_o_a_i_order():
    s = kano_summary(frame_from_counts({"t": dict(A=10, I=10, O=10), "u": dict(I=5, Q=5)}))
    assert s["category"].tolist() == ["O", "I"]
    assert s["category_strength"].tolist() == [0, 0]


def test_missing_answers_are_left_out_of_n():
    df = pd.DataFrame({"feature": ["F"] * 4, "functional": [1, None, 2, 1],
                       "dysfunctional": [5, 3, None, 3]})
    s = kano_summary(df, min_group_size=None).iloc[0]  # a 4-answer worked example
    assert s["n"] == 2 and s["O"] == 1 and s["A"] == 1


def test_summary_columns_types_and_no_mutation():
    df = frame_from_counts({"F1": dict(A=3, M=2), "F2": dict(I=4, R=1)})
    before = df.copy()
    s = kano_summary(df)
    assert s.columns.tolist() == SUMMARY_COLUMNS
    for c in ("n", *KANO_CODES):
        assert pd.api.types.is_integer_dtype(s[c])
    assert s["fong_significant"].dtype == bool
    pd.testing.assert_frame_equal(df, before)


def test_summary_by_group_puts_groups_first_and_masks_small_groups():
    df = frame_from_counts({"F1": dict(A=6, O=4), "F2": dict(M=8, I=2)})
    df["segment"] = ["big"] * 7 + ["small"] * 3 + ["big"] * 6 + ["small"] * 4
    s = kano_summary(df, by="segment")
    assert s.columns.tolist() == ["segment", *SUMMARY_COLUMNS]
    assert len(s) == 4
    small = s[s["segment"] == "small"]
    assert small["n"].tolist() == [3, 4]  # n stays visible
    assert small["A"].isna().all() and small["better"].isna().all() and small["category"].isna().all()
    big = s[s["segment"] == "big"].set_index("feature")
    assert big.loc["F1", "A"] == 6 and big.loc["F1", "O"] == 1
    unmasked = kano_summary(df, by=["segment"], min_group_size=None)
    assert unmasked["A"].notna().all()


def test_summary_errors_name_the_column_and_the_fix():
    df = frame_from_counts({"F": dict(A=2)})
    with pytest.raises(isq.IsqError, match=r"The column 'func' given for `functional` is not in `data`"):
        kano_summary(df, functional="func")
    with pytest.raises(isq.IsqError, match=r"`tie_band` must be a share from 0 to 1"):
        kano_summary(df, tie_band=6)
    with pytest.raises(isq.IsqError, match="must be a pandas DataFrame"):
        kano_summary([1, 2])
    bad = df.assign(dysfunctional=7)
    with pytest.raises(isq.IsqError, match=r"`dysfunctional` answers must be the codes .* 7"):
        kano_summary(bad)


def _loop_summary(f, d):
    """Straightforward per-respondent reference implementation (for the property test)."""
    table = ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]
    counts = dict.fromkeys(KANO_CODES, 0)
    for fi, di in zip(f, d):
        counts[table[fi - 1][di - 1]] += 1
    return counts


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=60))
def test_properties_against_a_loop(pairs):
    f, d = zip(*pairs)
    df = pd.DataFrame({"feature": "F", "functional": f, "dysfunctional": d})
    s = kano_summary(df, min_group_size=None).iloc[0]  # random small samples
    ref = _loop_summary(f, d)
    assert {c: int(s[c]) for c in KANO_CODES} == ref
    assert sum(ref.values()) == s["n"] == len(pairs)
    denom = ref["A"] + ref["O"] + ref["M"] + ref["I"]
    if denom:
        assert 0 <= s["better"] <= 1 and -1 <= s["worse"] <= 0
    else:
        assert np.isnan(s["better"]) and np.isnan(s["worse"])
    assert 0 <= s["category_strength"] <= 1 and 0 <= s["total_strength"] <= 1
    assert ref[s["category"]] == max(ref.values())
    top2 = sorted(ref.values(), reverse=True)[:2]
    assert s["category_strength"] == pytest.approx((top2[0] - top2[1]) / len(pairs))


# --------------------------------------------------------------------------- continuous, bootstrap
def test_dumouchel_scores_by_hand():
    """DuMouchel (in Berger et al. 1993): functional 1..5 → 4, 2, 0, −1, −2; dysfunctional
    1..5 → −2, −1, 0, 2, 4. By hand: functional (1, 2, 5) → (4 + 2 − 2)/3 = 4/3;
    dysfunctional (5, 4, 3) → (4 + 2 + 0)/3 = 2."""
    assert DUMOUCHEL_FUNCTIONAL == (4, 2, 0, -1, -2)
    assert DUMOUCHEL_DYSFUNCTIONAL == (-2, -1, 0, 2, 4)
    df = pd.DataFrame({"feature": ["F"] * 4, "functional": [1, 2, 5, None],
                       "dysfunctional": [5, 4, 3, 1], "imp": [9, 7, 5, 1]})
    c = kano_continuous(df, importance="imp").iloc[0]
    assert c["n"] == 3
    assert c["functional_mean"] == pytest.approx(4 / 3)
    assert c["dysfunctional_mean"] == pytest.approx(2.0)
    assert c["functional_sd"] == pytest.approx(np.std([4, 2, -2], ddof=1))
    assert c["importance_mean"] == pytest.approx(5.5) and c["importance_n"] == 4
    assert "importance_mean" not in kano_continuous(df).columns


def test_bootstrap_matches_the_binomial_standard_error():
    """When every answer is A or I, better is a share p; its respondent bootstrap has
    sd ≈ sqrt(p(1 − p)/n), so the 95 % interval ≈ p ± 1.96·sqrt(p(1 − p)/n) (n = 400, p = 0.3)."""
    df = frame_from_counts({"F": dict(A=120, I=280)})
    df["respondent"] = np.arange(len(df))
    b = kano_bootstrap(df, n_boot=4000, seed=7).iloc[0]
    half = 1.96 * math.sqrt(0.3 * 0.7 / 400)
    assert b["better"] == pytest.approx(0.3)
    assert b["better_ci_low"] == pytest.approx(0.3 - half, abs=0.006)
    assert b["better_ci_high"] == pytest.approx(0.3 + half, abs=0.006)
    assert b["worse"] == 0 and b["worse_ci_low"] == 0 == b["worse_ci_high"]
    again = kano_bootstrap(df, n_boot=4000, seed=7).iloc[0]
    assert again["better_ci_low"] == b["better_ci_low"]  # seeded: reproducible


def test_bootstrap_resamples_respondents_missing_a_feature():
    """Respondents who skipped a feature stay in the resample (as missing), so the interval
    is no narrower than with the feature's answers alone; output columns are fixed."""
    df = frame_from_counts({"F": dict(A=30, O=30, M=20, I=20), "G": dict(A=50, I=50)})
    df["respondent"] = list(range(100)) + list(range(100))
    df = df.drop(index=df.index[(df["feature"] == "G") & (df["respondent"] >= 60)])
    b = kano_bootstrap(df, n_boot=500, seed=3)
    assert b.columns.tolist() == ["feature", "n", "better", "better_ci_low", "better_ci_high", "worse",
                                  "worse_ci_low", "worse_ci_high", "category_rule", "category_stability"]
    assert ((b["better_ci_low"] <= b["better"]) & (b["better"] <= b["better_ci_high"])).all()
    assert ((b["worse_ci_low"] <= b["worse"]) & (b["worse"] <= b["worse_ci_high"])).all()
    assert b["category_stability"].between(0, 1).all()
    with pytest.raises(isq.IsqError, match="`n_boot` must be a whole number"):
        kano_bootstrap(df, n_boot=2)
    with pytest.raises(isq.IsqError, match="`ci` must be a coverage"):
        kano_bootstrap(df, ci=95)


def test_compare_two_waves():
    pre = frame_from_counts({"F": dict(I=8, A=2), "G": dict(M=9, O=1)}).assign(wave="pre")
    post = frame_from_counts({"F": dict(A=7, I=3), "G": dict(M=8, O=2)}).assign(wave="post")
    cmp = kano_compare(pd.concat([pre, post]), by="wave", groups=("pre", "post")).set_index("feature")
    assert cmp.loc["F", "category_a"] == "I" and cmp.loc["F", "category_b"] == "A"
    assert cmp.loc["F", "changed"] and not cmp.loc["G", "changed"]
    assert cmp.loc["F", "better_change"] == pytest.approx(0.5)
    with pytest.raises(isq.IsqError, match=r"`groups \(values of 'wave'\)` must be one of"):
        kano_compare(pd.concat([pre, post]), by="wave", groups=("pre", "later"))


# --------------------------------------------------------------------------- demo data
PLANTED = {"K01": "M", "K02": "O", "K03": "A", "K05": "A", "K06": "O", "K07": "I", "K08": "M",
           "K09": "A", "K10": "I", "K11": "O", "K12": "R"}


def test_demo_planted_categories_are_found():
    """docs/demo_company.md: K01 M, K02 O, K03 A, K04 M/O close call, K05 A, K06 O, K07 I,
    K08 M, K09 A, K10 I, K11 O, K12 R."""
    s = kano_summary(isq.load_demo("kano")).set_index("feature")
    for feat, cat in PLANTED.items():
        assert s.loc[feat, "category_rule"] == cat, feat
        assert s.loc[feat, "category"] == cat, feat
    k04 = s.loc["K04"]
    assert {k04["category"], k04["category_rule"]} <= {"M", "O"}
    assert k04["category_strength"] <= 0.06
    assert k04["category_rule"] == "M"  # the M > O > A > I rule settles the close call
    assert not k04["fong_significant"]


def test_demo_by_department_and_bootstrap():
    kano = isq.load_demo("kano")
    s = kano_summary(kano, by="department")
    assert s.columns[0] == "department"
    assert (s.loc[s["n"] < 5, "better"].isna()).all()
    b = kano_bootstrap(kano, n_boot=300)
    assert (b["better_ci_low"] < b["better_ci_high"]).all()


# --------------------------------------------------------------------------- charts
def _overlaps(boxes):
    out = []
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            if a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1:
                out.append((i, j))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_better_worse_chart_renders_with_labels_apart(tmp_path, lang):
    import matplotlib.pyplot as plt

    s = kano_summary(isq.load_demo("kano"))
    names = isq.load_demo("kano_features").set_index("feature")[f"name_{lang}"].to_dict()
    with isq.theme():
        fig, ax = plt.subplots(figsize=(8, 6))
        out = isq.plot_kano_better_worse(s, ax=ax, lang=lang, labels=names)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig.savefig(tmp_path / "bw.png")
        assert out is ax
        texts = [t for t in ax.texts if t.get_text() in names.values()]
        assert len(texts) == 12
        renderer = fig.canvas.get_renderer()
        assert _overlaps([t.get_window_extent(renderer) for t in texts]) == []
        quadrant_names = {t.get_text() for t in ax.texts} & {isq.labels.label(c, lang) for c in "AOMI"}
        assert len(quadrant_names) == 4
    if lang == "zh":
        assert {"魅力型", "期望型", "必备型", "无差异型"} <= {t.get_text() for t in ax.texts}


def test_category_bars_render(tmp_path):
    import matplotlib.pyplot as plt

    s = kano_summary(isq.load_demo("kano"))
    with isq.theme():
        fig, ax = plt.subplots()
        out = isq.plot_kano_categories(s, ax=ax, labels=isq.load_demo("kano_features")
                                       .set_index("feature")["name_zh"].to_dict())
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig.savefig(tmp_path / "bars.png")
    assert out is ax
    widths = np.array([p.get_width() for p in ax.patches]).reshape(6, 12)
    assert np.allclose(widths.sum(axis=0), 1.0)


def test_charts_reject_by_results():
    df = frame_from_counts({"F": dict(A=6, I=6)})
    df["wave"] = ["pre", "post"] * 6
    s = kano_summary(df, by="wave")
    with pytest.raises(isq.IsqError, match="several rows per feature"):
        isq.plot_kano_better_worse(s)
    with pytest.raises(isq.IsqError, match="`lang` must be 'zh' or 'en'"):
        isq.plot_kano_categories(kano_summary(df), lang="fr")


def test_ungrouped_small_table_is_masked_too():
    """Privacy: Kano answers of one 4-person department, summarised without `by`, are masked."""
    import isq

    kano = isq.load_demo("kano")
    leg = kano[kano["department"] == "LEG"]
    s = kano_summary(leg)
    assert (s["n"] == 4).all() and s["better"].isna().all() and s["category"].isna().all()
    assert kano_summary(leg, min_group_size=None)["better"].notna().any()
