"""The benchmarks' baselines are honest: on small data the per-respondent loops of
benchmarks/bench_models.py give the same figures as isq, so the printed ratio compares two
implementations of the same numbers. (Tiny sizes only; the timed runs are ``make bench``.)"""

import json

import numpy as np
import pandas as pd
import pytest

import isq
from benchmarks import bench_models as bm
from benchmarks import bench_report as br
from benchmarks._synthetic import DEPARTMENTS, FEATURES, ITEMS, synthetic


@pytest.fixture(scope="module")
def small():
    return synthetic(300, seed=7)


def test_synthetic_has_the_demo_schema():
    d = synthetic(50, seed=1)
    demo = {n: isq.load_demo(n) for n in ("servqual", "kano", "satisfaction")}
    for name, frame in d.items():
        assert list(frame.columns) == list(demo[name].columns), name
    sq = d["servqual"]
    assert len(sq) == 50 * 22 and set(sq["item"]) == set(ITEMS)
    assert (sq["provider"].astype(str) != sq["department"].astype(str)).all()
    assert len(d["kano"]) == 50 * 12 and set(d["kano"]["feature"]) == set(FEATURES)
    assert len(d["satisfaction"]) == 50
    assert set(sq["provider"].cat.categories) == set(DEPARTMENTS)
    # deterministic for a seed
    again = synthetic(50, seed=1)
    pd.testing.assert_frame_equal(again["servqual"], sq)


def test_loop_and_isq_agree_on_small_data(small):
    """Every figure compared (gaps, intervals, n, Kano counts/categories/coefficients/Fong,
    NPS/CSAT/CES with intervals, alpha with Feldt interval) agrees to 1e-9."""
    assert small["servqual"]["perception"].isna().any()  # the missing-answer paths are exercised
    got, want = bm.isq_analysis(small), bm.loop_analysis(small)
    assert bm.compare(got, want) == []
    # and the comparison looked at every group
    assert len(want["servqual"]) == len(got["servqual"]) == 8 * 2 * 5
    assert len(want["kano"]) == 12 and len(want["alpha"]) == 5 and len(want["satisfaction"]) == 8


def test_loop_and_isq_agree_with_masked_groups():
    """With 40 respondents some provider × wave groups have fewer than 5: both mask them."""
    d = synthetic(40, seed=3)
    got, want = bm.isq_analysis(d), bm.loop_analysis(d)
    assert any(np.isnan(v["gap"]) for v in want["servqual"].values())
    assert bm.compare(got, want) == []


def test_loop_and_isq_agree_on_the_demo_company():
    """Plain string key columns (the demo tables) instead of categoricals; the demo's planted
    Kano close call K04 (M 57, O 53, strength 0.025, Fong not significant) from the loop too."""
    data = {n: isq.load_demo(n) for n in ("servqual", "kano", "satisfaction")}
    # the demo has several sheets per respondent (providers × waves): one alpha row per sheet
    got = {p: bm.isq_part(data, p) for p in ("servqual", "kano", "satisfaction")}
    want = {p: bm.loop_part(data, p) for p in ("servqual", "kano", "satisfaction")}
    got["alpha"], want["alpha"] = bm.isq_part(data, "alpha"), bm.loop_part(data, "alpha")
    assert bm.compare(got, want) == []
    k04 = want["kano"]["K04"]
    assert (k04["n"], k04["M"], k04["O"], k04["category_rule"]) == (160, 57, 53, "M")
    assert round(k04["category_strength"], 3) == 0.025 and not k04["fong_significant"]


def test_compare_notices_a_disagreement(small):
    got, want = bm.isq_analysis(small), bm.loop_analysis(small)
    got["satisfaction"].loc[0, "nps"] += 1e-6
    got["kano"].loc[3, "category_rule"] = "Q"
    problems = bm.compare(got, want)
    assert len(problems) == 2
    assert any("nps" in p for p in problems) and any("category_rule" in p for p in problems)


def test_report_benchmark_reads_kernel_work(tmp_path):
    nb = {"cells": [{"metadata": {"papermill": {"duration": 1.25}}, "source": ["r.kano()\n", "x"]},
                    {"metadata": {"papermill": {"duration": None}}}, {"metadata": {}}]}
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert br._cell_seconds(path) == 1.25
    assert br.slowest_cells(path) == [(1.25, "r.kano()")]
