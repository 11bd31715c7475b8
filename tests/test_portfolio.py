"""Tests for isq.models.portfolio (bull's-eye) and isq.plots.portfolio."""

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import isq


def _ideas():
    return pd.DataFrame({"idea": ["I1", "I2", "I3", "I4", "I5", "I6"],
                         "votes": [12, 8, 7, 4, 3, 0],
                         "dimension": ["responsiveness", "reliability", "empathy", "empathy",
                                       "tangibles", "assurance"]})


def test_bullseye_default_share_of_max():
    """Default: must ≥ 2/3 of the top score (8 ≥ 8), should ≥ 1/3 (4 ≥ 4), could below —
    a hand calculation; the limits themselves count as the higher ring."""
    b = isq.bullseye(_ideas())
    assert b.set_index("item")["ring"].to_dict() == {
        "I1": "must", "I2": "must", "I3": "should", "I4": "should", "I5": "could", "I6": "could"}
    assert b.attrs["cuts"] == pytest.approx([8.0, 4.0])
    assert list(b.columns) == ["item", "label", "sector", "score", "share_of_max", "ring", "ring_no"]


def test_bullseye_explicit_and_tertile_thresholds():
    b = isq.bullseye(_ideas(), thresholds=(10, 5))
    assert b.set_index("item")["ring"].tolist() == ["must", "should", "should", "could", "could", "could"]
    t = isq.bullseye(_ideas(), thresholds="tertile")
    assert (t["ring"] == "must").sum() == 2
    with pytest.raises(isq.IsqError, match="2 descending score cut points"):
        isq.bullseye(_ideas(), thresholds=(1, 5))
    with pytest.raises(isq.IsqError, match="given for `score`"):
        isq.bullseye(_ideas(), score="points")


def test_bullseye_sums_raw_votes():
    votes = pd.DataFrame({"idea": ["A", "A", "B"], "votes": [1, 1, 1], "dimension": ["x", "x", "y"]})
    b = isq.bullseye(votes)
    assert b.set_index("item")["score"].to_dict() == {"A": 2.0, "B": 1.0}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=20))
def test_property_rings_monotone_in_score(votes):
    d = pd.DataFrame({"idea": [f"I{i}" for i in range(len(votes))], "votes": votes, "dimension": "x"})
    b = isq.bullseye(d)
    # a higher score is never on an outer ring
    s = b.sort_values("score", ascending=False)
    assert s["ring_no"].is_monotonic_increasing
    assert len(b) == len(votes)


def test_demo_bullseye_table_and_plot():
    import matplotlib.pyplot as plt

    b = isq.bullseye(isq.load_demo("ideas"), label="title_zh")
    assert b.iloc[0]["ring"] == "must"
    tab = isq.bullseye_table(b)
    assert list(tab.index) == ["必须立即做", "应该做", "可以做"]
    assert "响应性" in tab.columns
    with isq.theme():
        for lang in ("zh", "en"):
            fig, ax = plt.subplots(figsize=(10, 10))
            assert isq.plot_bullseye(b, ax=ax, lang=lang) is ax
            fig.canvas.draw()


def test_bullseye_polar_axes_get_a_clear_error():
    """Trainer report: passing a polar Axes broke the chart completely."""
    import matplotlib.pyplot as plt

    b = isq.bullseye(isq.open_data()["ideas"], label="title_zh")
    fig = plt.figure()
    with pytest.raises(isq.IsqError, match="Pass a normal Axes"):
        isq.plot_bullseye(b, ax=fig.add_subplot(projection="polar"))
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bullseye_sector_and_ring_names_readable(lang):
    """Trainer report: item labels overlapped the ring names and 可靠性 was cut off at the
    right edge. Sector names lie inside the figure and clear of every item label; ring names
    are in the key, not under the items."""
    import matplotlib.pyplot as plt

    b = isq.bullseye(isq.open_data()["ideas"], label="title_zh" if lang == "zh" else "title_en")
    with isq.theme():
        fig, ax = plt.subplots(figsize=(10, 6))
        isq.plot_bullseye(b, ax=ax, lang=lang)
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        sectors = {isq.labels.label(s, lang) for s in b["sector"].unique()}
        names = [t for t in ax.texts if t.get_text() in sectors]
        items = [t.get_window_extent(r) for t in ax.texts if t.get_text() not in sectors]
        assert len(names) == len(sectors) and len(items) == len(b)
        page = fig.bbox
        for t in names:
            e = t.get_window_extent(r)
            assert page.x0 <= e.x0 and e.x1 <= page.x1, t.get_text()
            assert not any(e.x0 < i.x1 and i.x0 < e.x1 and e.y0 < i.y1 and i.y0 < e.y1 for i in items), t.get_text()
        keys = [t.get_text() for t in ax.get_legend().get_texts()]
        assert keys[0].endswith(isq.labels.label("ring_must", lang))
        plt.close(fig)
