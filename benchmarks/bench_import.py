"""`import isq` cost as a ratio to `import pandas` (target: at most about 1.3)."""

import statistics
import subprocess
import sys


def _time_import(module, repeat=7):
    code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def run():
    pandas_s = _time_import("pandas")
    isq_s = _time_import("isq")
    ratio = isq_s / pandas_s
    return [
        dict(name="import isq vs import pandas", isq_s=isq_s, baseline_s=pandas_s, ratio=ratio,
             what="(isq / pandas, lower is better)", target="target <= 1.3", ok=ratio <= 1.3)
    ]
