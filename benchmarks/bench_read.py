"""`read_survey` on a 100,000-row export vs a plain pandas read of the same file (isq overhead)."""

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

N_ROWS = 100_000
XLSX_ROWS = 10_000  # openpyxl writes/reads ~50k cells/s: a 100k-row workbook would take minutes


def _wide(n, seed=20261122):
    """A SERVQUAL wide table like the demo export: n rows x (5 fields + 66 answers)."""
    import isq
    from isq.data.exports import servqual_wide

    sq = isq.load_demo("servqual")
    wide = servqual_wide(sq[sq["wave"] == "pre"], isq.load_demo("respondents"))
    rng = np.random.default_rng(seed)
    big = wide.iloc[rng.integers(0, len(wide), n)].reset_index(drop=True)
    big["respondent"] = [f"R{i:06d}" for i in range(n)]
    return big


def _time(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run():
    import isq
    from isq.data.exports import _WRITERS

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        wide = _wide(N_ROWS)
        cases = [("qualtrics", tmp / "big_qualtrics.csv", wide, lambda p: pd.read_csv(p, header=[0], skiprows=[1, 2], dtype=str)),
                 ("gbk_csv", tmp / "big_gbk.csv", wide, lambda p: pd.read_csv(p, encoding="gb18030", dtype=str)),
                 ("wjx_text", tmp / "big_wjx.xlsx", wide.iloc[:XLSX_ROWS], lambda p: pd.read_excel(p, dtype=object))]
        for layout, path, data, baseline in cases:
            _WRITERS[layout](data, path)
            res = isq.read_survey(path)
            ok_rows = res.report.rows_kept == len(data)
            rep = 3 if path.suffix == ".csv" else 1
            isq_s = _time(lambda: isq.read_survey(path), rep)
            base_s = _time(lambda: baseline(path), rep)
            ratio = isq_s / base_s
            rows.append(dict(name=f"read_survey {layout} ({len(data):,} rows)", isq_s=isq_s, baseline_s=base_s,
                             ratio=ratio, what="(isq / pandas read, lower is better)", target="target <= 5",
                             ok=ok_rows and ratio <= 5))
    return rows
