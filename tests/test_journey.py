"""Tests for isq.models.journey (journey map, peak-end) and isq.plots.journey."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import isq


def test_peak_end_kahneman_cold_hand():
    """Kahneman, Fredrickson, Schreiber & Redelmeier (1993), "When more pain is preferred to
    less": the short trial is 60 s of 14 °C water; the long trial adds 30 s during which the
    water warms slightly. Hand example on a discomfort scale (higher = worse): short =
    [8, 8, 8] → peak 8, end 8 → 8.0; long = [8, 8, 8, 5] → (8 + 5)/2 = 6.5. The long trial
    has more total discomfort yet a better peak-end score, which is why most participants
    (69%) chose to repeat it."""
    short, long_ = [8, 8, 8], [8, 8, 8, 5]
    assert isq.peak_end(short, higher_is_better=False) == 8.0
    assert isq.peak_end(long_, higher_is_better=False) == 6.5
    assert sum(long_) > sum(short)
    assert isq.peak_end(long_, higher_is_better=False) < isq.peak_end(short, higher_is_better=False)


def test_peak_end_variants():
    s = [1, -2, 0, 3, 1]
    assert isq.peak_end(s) == (-2 + 1) / 2
    assert isq.peak_end(s, peak="best") == (3 + 1) / 2
    assert isq.peak_end(s, peak="extreme") == (3 + 1) / 2
    # extreme tie (-2 vs +2) goes to the worse moment
    assert isq.peak_end([2, -2, 0], peak="extreme") == -1.0
    # missing values are skipped for the peak, not for the end
    assert isq.peak_end([np.nan, -1, 2]) == 0.5


def test_peak_end_missing_end_is_an_error():
    with pytest.raises(isq.IsqError, match=r"end \(last touchpoint, position 3\) has no score"):
        isq.peak_end([1, -2, np.nan])
    with pytest.raises(isq.IsqError, match="`peak` must be one of"):
        isq.peak_end([1, 2], peak="max")
    with pytest.raises(isq.IsqError, match="empty"):
        isq.peak_end([])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-3, 3, allow_nan=False), min_size=1, max_size=15))
def test_property_peak_end_bounds(scores):
    pe = isq.peak_end(scores)
    assert min(scores) - 1e-12 <= pe <= max(scores) + 1e-12
    assert isq.peak_end(scores, peak="worst") <= isq.peak_end(scores, peak="best")


def _workshop():
    return pd.DataFrame({
        "stage": ["提交", "提交", "审批", "审批", "付款"],
        "touchpoint": ["填写单据", "上传发票", "等待审批", "被退回", "到账通知"],
        "order": [1, 2, 3, 4, 5],
        "score": [0.5, -0.5, -2.0, -1.0, 1.0],
        "mot": [False, False, True, False, True],
    })


def test_journey_summary_classification_thresholds():
    """pain: mean ≤ −1 (on the limit counts); delight: mean ≥ +1; itch: −1 < mean ≤ 0."""
    s = isq.journey_summary(_workshop())
    assert s["point"].tolist() == ["neutral", "itch", "pain", "pain", "delight"]
    assert s["mot"].tolist() == [False, False, True, False, True]
    assert s.loc[s["is_worst"], "touchpoint"].tolist() == ["等待审批"]
    assert s.loc[s["is_end"], "touchpoint"].tolist() == ["到账通知"]
    assert s["stage_order"].tolist() == [1, 1, 2, 2, 3]
    assert list(s.columns) == ["stage", "stage_order", "touchpoint", "order", "n", "mean", "sd",
                               "point", "mot", "is_worst", "is_best", "is_end"]
    pe = isq.journey_peak_end(s)
    assert pe["peak_end"].iloc[0] == (-2.0 + 1.0) / 2
    assert pe["peak_touchpoint"].iloc[0] == "等待审批"


def test_journey_summary_explicit_labels_and_errors():
    d = _workshop().assign(kind=["爽点", "痒点", "痛点", "痒点", "爽点"])
    s = isq.journey_summary(d, label="kind")
    assert s["point"].tolist() == ["delight", "itch", "pain", "itch", "delight"]
    with pytest.raises(isq.IsqError, match="expected one of pain/itch/neutral/delight"):
        isq.journey_summary(d.assign(kind="hmm"), label="kind")
    with pytest.raises(isq.IsqError, match="given for `score`"):
        isq.journey_summary(d, score="emotion")
    with pytest.raises(isq.IsqError, match="must be below `delight`"):
        isq.journey_summary(d, pain=1, delight=0)


def test_demo_expense_worst_touchpoint():
    """Planted truth of the demo company: the expense journey's worst touchpoint is 等待审批;
    the 'after' version improves the peak-end score."""
    s = isq.journey_summary(isq.load_demo("journey"))
    before = s[(s["journey"] == "expense") & (s["version"] == "before")]
    assert before.loc[before["is_worst"], "touchpoint"].tolist() == ["等待审批"]
    assert (before["n"] >= 5).all()
    pe = isq.journey_peak_end(s).set_index(["journey", "version"])
    assert pe.loc[("expense", "after"), "peak_end"] > pe.loc[("expense", "before"), "peak_end"]
    cmp = isq.compare_journeys(isq.load_demo("journey"), base="before", other="after")
    ex = cmp[cmp["journey"] == "expense"].set_index("touchpoint")
    assert ex.loc["等待审批", "diff"] > 0
    assert ex.loc["等待审批", "point_base"] == "pain"
    with pytest.raises(isq.IsqError, match="is not a value of column 'version'"):
        isq.compare_journeys(isq.load_demo("journey"), base="before", other="later")


def test_plot_journey_map_renders():
    import matplotlib.pyplot as plt

    s = isq.journey_summary(isq.load_demo("journey"))
    with isq.theme():
        for lang in ("zh", "en"):
            fig, ax = plt.subplots(figsize=(11, 6))
            out = isq.plot_journey_map(s, ax=ax, lang=lang, journey="onboarding")
            assert out is ax
            fig.canvas.draw()
        with pytest.raises(isq.IsqError, match="not in the summary"):
            isq.plot_journey_map(s, journey="travel")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_journey_map_labels_clear_of_stars_edges_and_legend(lang):
    """Trainer reports: "痛点 −2.5" sat on the row of MOT stars; English "Delight point"
    labels were clipped at both edges; a wide gap separated tick labels and legend; neutral
    points had no legend entry."""
    import matplotlib.pyplot as plt

    s = isq.journey_summary(isq.open_data()["journey"])
    s = s[(s["journey"] == "expense") & (s["version"] == s["version"].iloc[-1])].copy()
    s = s.drop(columns="version")
    first, last = s["order"].min(), s["order"].max()
    s.loc[s["order"] == first, ["mean", "point"]] = [1.5, "delight"]
    s.loc[s["order"] == last, ["mean", "point"]] = [1.6, "delight"]
    mid = s["order"].iloc[len(s) // 2]
    s.loc[s["order"] == mid, ["mean", "point"]] = [-2.5, "pain"]
    if "mot" in s.columns:
        s["mot"] = True
    with isq.theme():
        fig, ax = plt.subplots(figsize=(10, 6))
        isq.plot_journey_map(s, ax=ax, lang=lang)
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        labels = [t for t in ax.texts if t.get_text().startswith((isq.labels.label("pain", lang),
                                                                   isq.labels.label("delight", lang)))]
        assert len(labels) >= 3
        stars = [c for c in ax.collections if c.get_label() == isq.labels.label("mot", lang)]
        if stars:
            pts = ax.transData.transform(stars[0].get_offsets())
            for t in labels:
                e = t.get_window_extent(r)
                assert not any(e.x0 - 8 < px < e.x1 + 8 and e.y0 - 8 < py < e.y1 + 8 for px, py in pts)
        for t in labels:
            e = t.get_window_extent(r)
            assert fig.bbox.x0 <= e.x0 and e.x1 <= fig.bbox.x1, t.get_text()
        legend = ax.get_legend()
        assert isq.labels.label("neutral", lang) in [t.get_text() for t in legend.get_texts()]
        gap = min(t.get_window_extent(r).y0 for t in ax.get_xticklabels()) - legend.get_window_extent(r).y1
        assert 0 <= gap < 0.3 * fig.dpi  # under the tick labels, less than 0.3 inch below
        plt.close(fig)
