"""The synthetic unit batch of benchmarks/bench_report.py reads cleanly and reports every unit."""

import pandas as pd

import isq
from benchmarks.bench_report import RATERS_PER_UNIT, units_client


def test_units_client_is_a_clean_client_of_n_units(tmp_path):
    folder = units_client(tmp_path / "u", 12)
    data = isq.read_data_folder(folder)
    assert all(r.rows_read == r.rows_kept for r in data.reports), data.summary_text()
    sizes = data.department_sizes()
    assert len(sizes) == 12 and set(sizes.values()) == {RATERS_PER_UNIT}
    sq = data.tables["servqual"]
    assert (sq["provider"].astype(str) != sq["department"].astype(str)).all()  # nobody rates their own unit
    assert len(sq) == 12 * RATERS_PER_UNIT * 22
    # deterministic
    again = units_client(tmp_path / "v", 12)
    pd.testing.assert_frame_equal(pd.read_csv(folder / "servqual.csv"), pd.read_csv(again / "servqual.csv"))
