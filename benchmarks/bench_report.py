"""isq report --by-department on the demo vs papermill CLI + nbconvert CLI per report (target >= 3x).

In one run, on the demo company written to a temporary folder
(``isq.data.demo_files.write_demo(tmp, exports=False)``):

- isq: ``isq.run_report(data_dir, by_department=True, jobs=2, progress=False)`` — the company
  report and one per department large enough to report (warm kernels, parallel workers);
- naive: what a consultant would script, one report after another: ``papermill`` CLI on the
  same report notebook with the same parameters (reusing isq's validated ``inputs.pkl``), then
  ``jupyter nbconvert --to html --no-input`` CLI. Each report starts its own kernel and
  re-imports the scientific stack; nbconvert starts another process.

Also the marginal cost of one more department in isq (all departments vs two, through
``departments=``) next to one kernel's actual work (the summed cell durations papermill records
in an executed department notebook). Takes a few minutes: run by ``make bench`` only, never by
``make test``.

Batches of many units (a province's service halls): :func:`units_client` writes a synthetic
client of ``n`` units (each rated by a few respondents of other units on SERVQUAL, NPS/CSAT/CES
and importance) and the benchmark prints the cost of one more unit's report: the wall time of
``isq report --by-department`` for ``UNITS_LARGE`` units minus that for ``UNITS_SMALL``, per
additional unit (target ≤ 1 s on 2 cores), with the CPU seconds per unit and the machine's
load average during the runs (on a shared machine the wall time depends on the others' work,
the CPU time does not). ``ISQ_BENCH_UNITS=200 make bench`` runs the full 200-unit client
(about 3–4 minutes); by default 20 units are measured and the per-unit figure extrapolates
linearly (the runs are independent jobs).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLIENT = "示例集团"
TARGET = 3.0
#: Per additional unit's report, seconds of wall time on 2 cores.
UNIT_TARGET_S = 1.0
UNITS_SMALL = 2
UNITS_LARGE = int(os.environ.get("ISQ_BENCH_UNITS", "20"))
#: Respondents rating each unit in the synthetic batch client.
RATERS_PER_UNIT = 6


def _bin(name):
    path = Path(sys.executable).with_name(name)
    return str(path) if path.exists() else name


def _cell_seconds(executed):
    """Sum of the cell durations papermill recorded: the kernel's actual work for one report."""
    nb = json.loads(Path(executed).read_text(encoding="utf-8"))
    return sum(float((c.get("metadata", {}).get("papermill", {}) or {}).get("duration") or 0.0)
               for c in nb["cells"])


def slowest_cells(executed, top=4):
    """(seconds, first source line) of the slowest cells of an executed notebook."""
    nb = json.loads(Path(executed).read_text(encoding="utf-8"))
    cells = []
    for c in nb["cells"]:
        d = (c.get("metadata", {}).get("papermill", {}) or {}).get("duration")
        if d:
            src = "".join(c.get("source", "")).strip().splitlines() or [""]
            cells.append((float(d), src[0][:70]))
    return sorted(cells, reverse=True)[:top]


def naive_pipeline(run, work_dir):
    """papermill CLI then nbconvert CLI for every report ``run`` made, one after another."""
    from isq.delivery.report import KERNEL_NAME, REPORT_NOTEBOOK

    inputs = run.work_dir / "inputs.pkl"
    env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline",
           "PYDEVD_DISABLE_FILE_VALIDATION": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    t0 = time.perf_counter()
    for job in run.jobs:
        dept = job.department or ""
        name = dept or "_company"
        results = work_dir / "results" / name
        results.mkdir(parents=True, exist_ok=True)
        executed = work_dir / f"report_{name}.ipynb"
        params = dict(inputs_path=str(inputs), client=CLIENT, department=dept, lang="zh",
                      min_group_size=5, results_dir=str(results))
        cmd = [_bin("papermill"), str(REPORT_NOTEBOOK), str(executed), "-k", KERNEL_NAME,
               "--cwd", str(work_dir), "--no-progress-bar"]
        for key, value in params.items():
            cmd += ["-p" if isinstance(value, int) else "-r", key, str(value)]
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        subprocess.run([_bin("jupyter"), "nbconvert", "--to", "html", "--no-input",
                        "--output-dir", str(work_dir / "html"), "--output", name, str(executed)],
                       check=True, capture_output=True, env=env)
    return time.perf_counter() - t0


def units_client(folder, n_units, *, raters=RATERS_PER_UNIT, seed=20261203):
    """Write a synthetic client of ``n_units`` units (``U001``...) to ``folder``.

    Every unit is rated by ``raters`` respondents from other units: SERVQUAL (22 items, one
    wave, expectation/perception 1–7), satisfaction (NPS, CSAT, CES) and importance–
    performance. Deterministic for ``seed``. Returns the folder.
    """
    import numpy as np
    import pandas as pd

    import isq

    rng = np.random.default_rng(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    items = isq.load_demo("servqual")[["item", "dimension"]].drop_duplicates()
    units = [f"U{i:03d}" for i in range(1, n_units + 1)]
    n = n_units * raters
    resp = np.array([f"R{i:05d}" for i in range(n)])
    provider = np.repeat(units, raters)
    own = np.array(units)[(np.repeat(np.arange(n_units), raters) + 1 + np.tile(np.arange(raters), n_units))
                          % n_units] if n_units > 1 else provider
    k = len(items)
    sq = pd.DataFrame({
        "respondent": np.repeat(resp, k), "department": np.repeat(own, k), "provider": np.repeat(provider, k),
        "wave": "pre", "item": np.tile(items["item"].to_numpy(), n),
        "dimension": np.tile(items["dimension"].to_numpy(), n),
        "expectation": rng.integers(4, 8, n * k), "perception": rng.integers(2, 8, n * k),
    })
    sq.to_csv(folder / "servqual.csv", index=False)
    sq.rename(columns={"item": "attribute", "expectation": "importance", "perception": "performance"}) \
        .drop(columns=["wave"]).to_csv(folder / "ipa.csv", index=False)
    pd.DataFrame({"respondent": resp, "department": own, "provider": provider, "wave": "pre",
                  "nps": rng.integers(0, 11, n), "csat": rng.integers(1, 6, n), "ces": rng.integers(1, 8, n)}
                 ).to_csv(folder / "satisfaction.csv", index=False)
    pd.DataFrame({"department": units, "name_zh": [f"第{i}营业厅" for i in range(1, n_units + 1)],
                  "headcount": raters}).to_csv(folder / "departments.csv", index=False)
    return folder


def _cpu_seconds():
    """CPU seconds of this process and of every descendant that has ended (workers, kernels)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _load():
    try:
        return os.getloadavg()[0]
    except OSError:  # pragma: no cover - not on every system
        return float("nan")


def unit_cost(n_small=UNITS_SMALL, n_large=UNITS_LARGE, jobs=2):
    """The cost of one more unit's report: ``(x(n_large) − x(n_small)) / (n_large − n_small)``
    for the wall time and for the CPU time (isq and all its workers and kernels).

    Both runs report every unit (``by_department=True``) of their own synthetic client, with
    the progress bar off (the bar costs nothing measurable) and failure isolation as always.
    The machine may be shared: the CPU time per unit is the figure that does not depend on
    what else runs (wall ≈ CPU / cores when the cores are free), and the 1-minute load average
    before and after each run says how busy the machine was.

    Returns a dict: ``per_unit`` (wall s), ``cpu_per_unit``, ``times`` and ``cpu``
    ({n: s}), ``load`` ({n: (before, after)}), ``job_s`` (mean unit job in a warm worker).
    """
    import isq

    times, cpu, load = {}, {}, {}
    with tempfile.TemporaryDirectory(prefix="isq-bench-units-") as tmp:
        for n_units in (n_small, n_large):
            data = units_client(Path(tmp) / f"units{n_units}", n_units)
            load_before, c, t = _load(), _cpu_seconds(), time.perf_counter()
            r = isq.run_report(data, client=f"批量{n_units}", out=Path(tmp) / "out", by_department=True,
                               jobs=jobs, progress=False, log=lambda *a, **k: None)
            times[n_units], cpu[n_units] = time.perf_counter() - t, _cpu_seconds() - c
            load[n_units] = (load_before, _load())
            if not r.ok:
                failed = [j for j in r.jobs if j.status != "ok"]
                raise RuntimeError(f"unit batch failed: {failed[0].department}: {failed[0].error}")
            jobs_s = [j.seconds for j in r.jobs if j.department]
    extra = n_large - n_small
    return dict(per_unit=(times[n_large] - times[n_small]) / extra, cpu_per_unit=(cpu[n_large] - cpu[n_small]) / extra,
                times=times, cpu=cpu, load=load, job_s=sum(jobs_s) / len(jobs_s))


def run():
    import isq
    from isq.data.demo_files import write_demo

    rows = []
    with tempfile.TemporaryDirectory(prefix="isq-bench-report-") as tmp:
        tmp = Path(tmp)
        data_dir = tmp / "data"
        write_demo(data_dir, exports=False)

        def report(out, **kw):
            t = time.perf_counter()
            r = isq.run_report(data_dir, client=CLIENT, out=tmp / out, by_department=True, jobs=2,
                               progress=False, log=lambda *a, **k: None, keep_work=True, **kw)
            s = time.perf_counter() - t
            if not r.ok:
                failed = [j for j in r.jobs if j.status != "ok"]
                raise RuntimeError(f"run_report failed: {failed[0].department}: {failed[0].error}")
            return r, s

        full, isq_s = report("isq_all")
        naive_dir = tmp / "naive"
        naive_dir.mkdir()
        naive_s = naive_pipeline(full, naive_dir)
        n_reports = len(full.jobs)
        depts = [j.department for j in full.jobs if j.department]
        ratio = naive_s / isq_s
        rows.append(dict(
            name=f"{n_reports} reports (company + {len(depts)} departments)", isq_s=isq_s,
            baseline_s=naive_s, ratio=ratio, what="(papermill+nbconvert CLI / isq run_report)",
            target=f"target >= {TARGET:g}x", ok=ratio >= TARGET,
        ))

        two, two_s = report("isq_two", departments=depts[:2])
        extra = len(depts) - 2
        marginal = (isq_s - two_s) / extra if extra > 0 else float("nan")
        work = [_cell_seconds(full.out_dir / "departments" / d / "notebooks" / "report.ipynb")
                for d in depts]
        kernel_work = sum(work) / len(work)
        worst = slowest_cells(full.out_dir / "departments" / depts[0] / "notebooks" / "report.ipynb")
        print(f"   slowest cells of the {depts[0]} report: "
              + "; ".join(f"{sec:.1f} s {src!r}" for sec, src in worst), flush=True)
        rows.append(dict(
            name=f"marginal department (all {len(depts)} vs 2), wall", isq_s=marginal,
            baseline_s=kernel_work, ratio=marginal / kernel_work,
            what=f"(isq marginal / one kernel's cell work; jobs=2, 2 departments: {two_s:.1f} s)",
        ))
        per_job = [j.seconds for j in full.jobs if j.department]
        rows.append(dict(
            name="one department job in a warm worker", isq_s=sum(per_job) / len(per_job),
            baseline_s=kernel_work, ratio=(sum(per_job) / len(per_job)) / kernel_work,
            what="(job incl. render + workbook / kernel cell work)",
        ))
    u = unit_cost()
    per_unit, times = u["per_unit"], u["times"]
    (l0, l1), (l2, l3) = u["load"][UNITS_SMALL], u["load"][UNITS_LARGE]
    print(f"   one more unit's report: {per_unit:.2f} s wall, {u['cpu_per_unit']:.2f} s CPU "
          f"(target <= {UNIT_TARGET_S:g} s wall on 2 cores); load average {l0:.1f}->{l1:.1f} and "
          f"{l2:.1f}->{l3:.1f} during the runs", flush=True)
    rows.append(dict(
        name=f"one more unit's report ({UNITS_LARGE} vs {UNITS_SMALL} units)", isq_s=per_unit,
        baseline_s=UNIT_TARGET_S, ratio=UNIT_TARGET_S / per_unit,
        what=(f"(target {UNIT_TARGET_S:g} s / isq per unit; {u['cpu_per_unit']:.2f} s CPU per unit; runs "
              f"{times[UNITS_SMALL]:.1f} s and {times[UNITS_LARGE]:.1f} s; one unit job {u['job_s']:.2f} s in a "
              f"warm worker; load {l2:.1f}->{l3:.1f}; 200 units ≈ "
              f"{times[UNITS_SMALL] + per_unit * (200 - UNITS_SMALL):.0f} s extrapolated)"),
        target=f"target <= {UNIT_TARGET_S:g} s", ok=per_unit <= UNIT_TARGET_S,
    ))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
