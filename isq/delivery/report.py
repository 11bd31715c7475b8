"""``isq report``: a client's data to offline diagnostic reports, per company and per department.

Pipeline
--------
1. Validate the inputs once, in this process (:func:`isq.read_data_folder`): every file is
   read, rows read / kept / excluded are counted and the reasons listed; the validated tables
   are stored in ``<out>/<client>/.work/inputs.pkl`` for the kernels.
2. Validate the parameters against the report notebook (papermill ``inspect_notebook``) before
   anything runs; unknown departments or languages are errors.
3. Execute the report notebook (``isq/delivery/templates/report.ipynb``) with papermill's
   Python API, once for the company and, with ``--by-department``, once per department whose
   group is large enough (smaller ones are explained in the company report, not reported).
   Jobs run in ``jobs`` worker processes; each worker starts **one** ``python3`` kernel and
   reuses it, and its client (papermill's nbclient engine with the worker's open channels,
   :func:`_warm_engine`), so a further department costs one notebook's actual work, not a
   kernel start, the imports or a client handshake. Each job builds a fresh ``Report`` from
   its injected parameters; a kernel that died or hung is replaced before the next job.
4. Render each executed notebook without code, parameters, teaching/exercise cells or widgets
   into one self-contained HTML page (cover, 目录, executive summary, sections, data-quality
   appendix), write the results workbook (results.xlsx), optionally a PDF through a local
   Chromium. Every file is written atomically; a department's failure is recorded and never
   loses the others.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import IsqError
from .._io import atomic_path, atomic_write_text

__all__ = ["run_report", "cli_report", "REPORT_NOTEBOOK", "ReportRun", "JobResult", "safe_folder_name",
           "check_inside"]

#: The report notebook shipped inside the package (one source of truth for reports).
REPORT_NOTEBOOK = Path(__file__).with_name("templates") / "report.ipynb"
KERNEL_NAME = "python3"
#: Seconds one report cell may run before the job fails (a hang must not stall the run).
CELL_TIMEOUT = 600


#: Longest folder name made from a client name or department code (before the hash suffix).
MAX_FOLDER_NAME = 48
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_folder_name(name, used=None) -> str:
    """A folder name made from a client name or department code that is safe on every system.

    Path separators, ``..``, control characters, characters Windows forbids (``<>:"|?*``),
    leading/trailing dots and spaces become ``_``/are removed; Windows reserved names (CON,
    NUL, COM1...) and empty names are changed. Whenever the name had to change, or it collides
    (ignoring case) with a name in ``used``, a short hash of the original is appended, so two
    different codes never share a folder. ``used`` (a set) is updated.

    >>> safe_folder_name("IT"), safe_folder_name("../x"), safe_folder_name("销售部")
    ('IT', '__x-72e4d0', '销售部')
    """
    import hashlib
    import re
    import unicodedata

    text = str(name)
    base = "".join("_" if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    base = re.sub(r'[/\\<>:"|?*]+', "_", base)
    base = re.sub(r"\.{2,}", "_", base).strip(" .")[:MAX_FOLDER_NAME].strip(" .")
    if not base or base.split(".")[0].lower() in _RESERVED:
        base = f"_{base}"
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    out = base if base == text else f"{base}-{digest[:6]}"
    used = used if used is not None else set()

    def key(x):  # file systems that ignore case or normalise Unicode (Windows, macOS)
        return unicodedata.normalize("NFC", x).casefold()

    i = 6
    while key(out) in used:
        i += 2
        out = f"{base}-{digest[:i]}"
    used.add(key(out))
    return out


#: Tables whose respondents are counted per department for the run's privacy decision, and by
#: which column (the serving department rated, or the respondents' own department).
PRIVACY_BASES = {
    "servqual": "provider", "ipa": "provider", "satisfaction": "provider", "peer_ratings": "provider",
    "servqual_estimates": "provider",
    "kano": "department", "training": "department", "self_ratings": "department", "respondents": "department",
}


def run_sizes(folder) -> dict:
    """Respondents per department in every table a report breaks down by department:
    ``{table: {department: n}}`` (the input of :func:`isq.data.privacy.plan_run_suppression`)."""
    out = {}
    for name, col in PRIVACY_BASES.items():
        t = folder.tables.get(name)
        if t is not None and len(t) and col in t and "respondent" in t:
            out[name] = {str(k): int(v) for k, v in t.groupby(col)["respondent"].nunique().items()}
    return out


def check_inside(path, root) -> Path:
    """``path`` resolved, or :class:`IsqError` when it would lie outside ``root``."""
    path, root = Path(path).resolve(), Path(root).resolve()
    if path != root and root not in path.parents:
        raise IsqError(f"refusing to write {path}: outside the output folder {root} "
                       f"(拒绝写入输出文件夹之外的位置)")
    return path


@dataclass
class JobResult:
    """What happened to one report (the company's or one department's)."""

    department: str | None
    status: str  # "ok" | "failed"
    seconds: float
    files: list = field(default_factory=list)
    error: str | None = None


@dataclass
class ReportRun:
    """The outcome of :func:`run_report`."""

    out_dir: Path
    jobs: list
    suppressed: list
    seconds: float
    import_summary: dict
    work_dir: Path | None = None
    #: department code (None: the company) -> its folder name under ``departments/``
    folders: dict = field(default_factory=dict)
    #: departments hidden in every deliverable of the run -> "small_group" | "complementary"
    protected: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(j.status == "ok" for j in self.jobs)


# --------------------------------------------------------------------------- worker side
_WORKER = {}


#: Seconds between a worker's checks that the ``isq report`` process that started it still lives.
WATCHDOG_INTERVAL = 2.0
#: Prefix of the temporary working folders (respondent-level inputs) of report runs.
WORK_PREFIX = "isq-report-"


def _watch_parent(parent_pid: int, work_dir: str):
    """In a worker: if ``isq report`` dies (even by SIGKILL, which runs no clean-up), stop this
    worker's kernel, remove the respondent-level working folder and exit."""
    import shutil
    import threading

    def watch():
        while True:
            time.sleep(WATCHDOG_INTERVAL)
            if os.getppid() != parent_pid:
                km = _WORKER.get("km")
                if km is not None:
                    _shutdown_kernel(km)
                shutil.rmtree(work_dir, ignore_errors=True)
                os._exit(1)

    threading.Thread(target=watch, name="isq-report-watchdog", daemon=True).start()


def _remove_stale_work_dirs():
    """Working folders left by a killed run (its owner process is gone) are deleted."""
    import shutil
    import tempfile

    for d in Path(tempfile.gettempdir()).glob(WORK_PREFIX + "*"):
        try:
            pid = int((d / "owner.pid").read_text().strip())
        except (OSError, ValueError):
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
        except PermissionError:  # another user's live run
            continue


#: Arguments of every report kernel: IPython's history in memory (as nbclient's own kernels
#: have it), so two kernels never queue on one history.sqlite for every cell.
KERNEL_ARGS = ["--HistoryManager.hist_file=:memory:"]


def _worker_kernel(cwd):
    """This worker process's warm kernel and its client (started on first use, reused afterwards;
    started again if the kernel died, so one crashed report does not fail the worker's next ones)."""
    km = _WORKER.get("km")
    if km is not None and not km.is_alive():
        _stop_client(_WORKER.pop("kc", None))
        _shutdown_kernel(_WORKER.pop("km"))
    if "km" not in _WORKER:
        if os.name == "posix" and "parent_pid" in _WORKER and not _WORKER.get("watching"):
            _watch_parent(_WORKER["parent_pid"], str(cwd))
            _WORKER["watching"] = True
        from multiprocessing import util

        from jupyter_client import KernelManager

        # IPC sockets on POSIX: local only, and no "running over TCP without encryption" warning
        km = (KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(Path(cwd) / f"kernel-{os.getpid()}"))
              if os.name == "posix" else KernelManager(kernel_name=KERNEL_NAME))
        km.start_kernel(cwd=str(cwd), extra_arguments=KERNEL_ARGS,
                        env={**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline",
                             "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        kc.allow_stdin = False
        # warm the kernel's imports once; each report then pays only for its own work. While
        # the kernel works, this process loads the renderer (nbconvert, openpyxl) in parallel.
        msg_id = kc.execute("import isq.delivery.sections; isq.delivery.sections.warm_up()")
        from .render import warm_up as warm_up_renderer

        warm_up_renderer()
        import openpyxl  # noqa: F401  (the workbook writer)

        reply = kc.get_shell_msg(timeout=300)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=300)
        # the same client runs every report of this worker: no new channels, no handshake per job
        if "finalizer" not in _WORKER:
            _WORKER["finalizer"] = util.Finalize(None, _shutdown_worker_kernel, exitpriority=10)
        _WORKER.update(km=km, kc=kc)
    return _WORKER["km"], _WORKER["kc"]


def _stop_client(kc):
    try:
        if kc is not None:
            kc.stop_channels()
    except Exception:  # pragma: no cover - best effort
        pass


def _shutdown_worker_kernel():
    _stop_client(_WORKER.pop("kc", None))
    km = _WORKER.pop("km", None)
    if km is not None:
        _shutdown_kernel(km)


def _shutdown_kernel(km):
    try:
        km.shutdown_kernel(now=True)
    except Exception:  # pragma: no cover - best effort at exit
        pass


class _AliveChannel:
    """A blocking channel whose waits end when the kernel dies.

    With a blocking client, nbclient waits for a cell's messages in one blocking call, so
    its own check that the kernel is alive never runs: a kernel that died mid-report (out of
    memory, a crash in a C extension) would hang its worker for ever. Here every wait is cut
    into one-second polls; a dead kernel raises ``DeadKernelError`` and the job fails alone.
    """

    def __init__(self, channel, km):
        self._channel, self._km = channel, km

    def get_msg(self, timeout=None):
        import queue

        from nbclient.exceptions import DeadKernelError

        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = 1.0 if deadline is None else min(1.0, max(0.0, deadline - time.monotonic()))
            try:
                return self._channel.get_msg(timeout=left)
            except queue.Empty:
                if not self._km.is_alive():
                    raise DeadKernelError("the report kernel died") from None
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    def __getattr__(self, name):
        return getattr(self._channel, name)


class _AliveClient:
    """The worker's kernel client, its shell and iopub waits through :class:`_AliveChannel`."""

    def __init__(self, kc, km):
        self._kc = kc
        self.shell_channel = _AliveChannel(kc.shell_channel, km)
        self.iopub_channel = _AliveChannel(kc.iopub_channel, km)

    def __getattr__(self, name):
        return getattr(self._kc, name)


#: papermill engine name of :class:`_WarmEngine`.
WARM_ENGINE = "isq-warm"


def _warm_engine():
    """papermill's nbclient engine, except that it executes through the worker's running kernel
    client instead of opening new channels and waiting for the kernel once per report.
    Parameter injection, per-cell metadata, error markers and PapermillExecutionError stay
    papermill's own. Registered once per process."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.utils import merge_kwargs, remove_args

    if WARM_ENGINE in papermill_engines._engines:
        return WARM_ENGINE

    class _WarmClient(PapermillNotebookClient):
        def __init__(self, nb_man, km=None, kc=None, **kw):
            super().__init__(nb_man, km=km, **kw)
            self.kc = _AliveClient(kc, km)

    class _WarmEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            final = merge_kwargs(kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                                 kernel_name=kernel_name, log=logging.getLogger("papermill"),
                                 log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
            return _WarmClient(nb_man, **final).execute()

    papermill_engines.register(WARM_ENGINE, _WarmEngine)
    return WARM_ENGINE


def _run_job(spec: dict) -> JobResult:
    """Execute and render one report. Never raises: a failure is returned as a JobResult."""
    t0 = time.perf_counter()
    dept = spec["department"] or None
    target = Path(spec["target_dir"])
    try:
        import papermill as pm

        # Each run builds a fresh Report from its injected parameters, so nothing from an
        # earlier department can reach this one; the imports stay warm.
        if spec.get("parent_pid"):
            _WORKER.setdefault("parent_pid", spec["parent_pid"])
        km, kc = _worker_kernel(spec["work_dir"])
        results_dir = check_inside(Path(spec["work_dir"]) / "results" / spec["folder"], spec["work_dir"])
        results_dir.mkdir(parents=True, exist_ok=True)
        for old in results_dir.glob("*.json"):
            old.unlink()
        params = dict(
            inputs_path=spec["inputs_path"], client=spec["client"], department=dept or "",
            lang=spec["lang"], min_group_size=spec["min_group_size"], results_dir=str(results_dir),
            protected=spec["protected"],
        )
        executed = target / "notebooks" / "report.ipynb"
        with atomic_path(executed) as tmp:
            nb = pm.execute_notebook(
                spec["notebook"], str(tmp), parameters=params, kernel_name=KERNEL_NAME, km=km, kc=kc,
                engine_name=_warm_engine(), progress_bar=False, log_output=False,
                request_save_on_cell_execute=False, execution_timeout=CELL_TIMEOUT,
            )
        files = [str(executed)]
        files += _render_outputs(nb, results_dir, target, spec)
        for f in files:
            check_inside(f, spec["out_dir"])
        return JobResult(dept, "ok", time.perf_counter() - t0, files)
    except BaseException as e:  # noqa: BLE001 - isolate every failure
        if type(e).__name__ in ("CellTimeoutError", "DeadKernelError"):
            _shutdown_worker_kernel()  # still busy or gone: the worker's next report gets a fresh kernel
        msg = f"{type(e).__name__}: {e}"
        if getattr(e, "ename", None):  # a notebook cell failed: say what failed, on the first line
            msg = f"{e.ename}: {e.evalue} ({type(e).__name__})\n{msg}"
        tb = traceback.format_exc(limit=8)
        return JobResult(dept, "failed", time.perf_counter() - t0, [], error=msg + "\n" + tb)


def _render_outputs(nb, results_dir: Path, target: Path, spec: dict) -> list:
    """report.html, results.xlsx (and report.pdf) of one executed notebook ``nb``."""
    from .render import clean_for_report, external_references, notebook_body_html, report_page
    from .workbook import read_result_tables, write_results_workbook

    body = notebook_body_html(clean_for_report(nb))
    dept = spec["department"] or None
    page = report_page(body, client=spec["client"], lang=spec["lang"],
                       department=spec.get("department_label") or dept,
                       min_group_size=spec["min_group_size"])
    ext = external_references(page)
    if ext:
        raise IsqError(f"the rendered report would load external resources: {ext[:3]}")
    html_path = atomic_write_text(target / "report.html", page)
    files = [str(html_path)]
    tables = read_result_tables(results_dir)
    xlsx = target / "results.xlsx"
    write_results_workbook(tables, xlsx, lang=spec["lang"], client=spec["client"], department=dept)
    files.append(str(xlsx))
    if spec.get("pdf"):
        from .pdf import html_to_pdf

        files.append(str(html_to_pdf(html_path, target / "report.pdf")))
    return files


# --------------------------------------------------------------------------- parent side
def _validate_parameters(notebook: Path, params: dict):
    import papermill as pm

    declared = pm.inspect_notebook(str(notebook))
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise IsqError(
            f"parameters {unknown} are not declared in the report notebook {notebook.name}; "
            f"declared: {sorted(declared)}"
        )


def run_report(data="data", *, client="示例集团", out="reports", by_department=False, departments=None,
               jobs=2, lang="zh", pdf=False, min_group_size=5, notebook=None, progress=True,
               log=print, keep_work=False) -> ReportRun:
    """Produce the client report(s); see the module docstring for the pipeline.

    Parameters
    ----------
    data : str, Path or list of them
        A data folder (the demo layout, or survey exports) or individual files.
    client : str
        Client name; outputs go to ``<out>/<client>/``.
    by_department : bool
        Also one report per department (departments with fewer than ``min_group_size``
        respondents are explained in the company report instead).
    departments : list of str, optional
        Restrict the department reports to these codes.
    jobs : int
        Worker processes (each with one warm kernel).
    lang : {"zh", "en"}
    pdf : bool
        Also print each HTML report to PDF with a local Chromium.
    min_group_size : int
        Privacy threshold (default 5).
    keep_work : bool
        Keep the working folder (validated respondent-level inputs, intermediate tables) and
        return it as ``run.work_dir``. By default it is deleted: respondent-level data never
        stays in the folder a consultant hands over.

    Returns
    -------
    ReportRun
        ``out_dir``, per-job results (status, seconds, files, error), the suppressed
        departments, total seconds and the import summary.
    """
    import pickle

    from ..data.folder import read_data_folder
    from ..labels import check_lang

    t0 = time.perf_counter()
    check_lang(lang)
    if not isinstance(min_group_size, int) or min_group_size < 1:
        raise IsqError(f"`min_group_size` must be a whole number ≥ 1; got {min_group_size!r}.")
    if jobs < 1:
        raise IsqError(f"`jobs` must be at least 1; got {jobs!r}.")
    notebook = Path(notebook or REPORT_NOTEBOOK).resolve()
    if not notebook.exists():
        raise IsqError(f"report notebook not found: {notebook}")
    if pdf:
        from .pdf import find_chromium

        if find_chromium() is None:
            raise IsqError("--pdf needs a local Chromium (Debian: `apt-get install chromium`); "
                           "none was found. The HTML report does not need it.")

    # 1. inputs, validated once
    folder = read_data_folder(data, min_group_size=min_group_size)
    log(folder.summary_text(lang=lang))
    if not str(client).strip():
        raise IsqError("`client` must name the client (客户名称不能为空).")
    out_root = Path(out).resolve()  # kernels run in their own cwd: paths must be absolute
    out_dir = check_inside(out_root / safe_folder_name(client), out_root)
    out_dir.mkdir(parents=True, exist_ok=True)
    import shutil
    import tempfile

    # respondent-level inputs live outside the deliverable folder and are removed afterwards
    _remove_stale_work_dirs()
    work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX))
    (work / "owner.pid").write_text(str(os.getpid()))
    inputs_path = work / "inputs.pkl"
    with atomic_path(inputs_path) as tmp:
        tmp.write_bytes(pickle.dumps(folder, protocol=pickle.HIGHEST_PROTOCOL))

    # 2. which reports; privacy decided once for every deliverable of the run
    from ..data.privacy import plan_run_suppression

    groups = folder.department_sizes()
    protected = plan_run_suppression(run_sizes(folder), min_group_size=min_group_size)
    wanted = [None]
    suppressed = []
    if by_department:
        codes = departments or sorted(groups)
        unknown = [c for c in codes if c not in groups]
        if unknown:
            raise IsqError(f"unknown department(s) {unknown}; the data has {sorted(groups)}")
        for code in codes:
            if groups[code] < min_group_size:
                suppressed.append({"department": code, "n": int(groups[code]), "reason": "small_group"})
            elif code in protected:
                suppressed.append({"department": code, "n": int(groups[code]), "reason": protected[code]})
            else:
                wanted.append(code)
    base = dict(inputs_path=str(inputs_path), client=client, lang=lang, min_group_size=min_group_size,
                results_dir="", department="", protected=json.dumps(sorted(protected), ensure_ascii=False))
    _validate_parameters(notebook, base)
    labels = folder.department_labels(lang)
    used = {"_company"}
    folders = {d: ("_company" if d is None else safe_folder_name(d, used)) for d in wanted}
    specs = [
        dict(base, department=d or "", department_label=labels.get(d, d) if d else None,
             notebook=str(notebook), work_dir=str(work), pdf=pdf, folder=folders[d], out_dir=str(out_dir),
             parent_pid=os.getpid(),
             target_dir=str(out_dir if d is None else check_inside(out_dir / "departments" / folders[d], out_dir)))
        for d in wanted
    ]
    _remove_stale_department_reports(out_dir, {folders[d] for d in wanted if d is not None})

    # 3. run, in parallel worker processes with warm kernels
    results = []
    import multiprocessing as mp

    from tqdm.auto import tqdm

    n_workers = max(1, min(jobs, len(specs)))
    bar = tqdm(total=len(specs), desc="报告" if lang == "zh" else "reports", unit="份",
               disable=not progress, file=sys.stderr)
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(_run_job, s): s for s in specs}
        for fut in as_completed(futures):
            spec = futures[fut]
            try:
                res = fut.result()
            except BaseException as e:  # a worker died: still isolate
                res = JobResult(spec["department"] or None, "failed", 0.0, [], f"worker died: {e!r}")
            results.append(res)
            bar.update(1)
            if res.status != "ok":
                bar.write(f"✗ {res.department or client}: {res.error.splitlines()[0]}")
    bar.close()
    results.sort(key=lambda r: (r.department is not None, r.department or ""))

    run = ReportRun(out_dir, results, suppressed, time.perf_counter() - t0, folder.summary(),
                    work_dir=work if keep_work else None, folders=folders, protected=protected)
    _write_run_log(run, client)
    _write_index(run, client, lang, labels, min_group_size)
    if not keep_work:
        shutil.rmtree(work, ignore_errors=True)
    return run


#: Files a department report folder holds; a rerun removes them where no report is due any more.
_REPORT_FILES = ("report.html", "results.xlsx", "report.pdf", "notebooks/report.ipynb")


def _remove_stale_department_reports(out_dir: Path, keep: set):
    """A department that is no longer reported (too small now, or not asked for) must not keep
    last run's report: remove the files isq wrote there (nothing else) and the empty folders."""
    root = out_dir / "departments"
    if not root.is_dir():
        return
    for d in root.iterdir():
        if not d.is_dir() or d.is_symlink() or d.name in keep:
            continue
        for rel in _REPORT_FILES:
            f = d / rel
            if f.is_file() and not f.is_symlink():
                f.unlink()
        for sub in (d / "notebooks", d):
            try:
                sub.rmdir()
            except OSError:
                pass


def _write_run_log(run: ReportRun, client: str):
    record = {
        "client": client, "seconds": round(run.seconds, 2), "ok": run.ok,
        "import": run.import_summary,
        "suppressed_departments": [{"department": s["department"], "reason": s.get("reason", "small_group")}
                                   for s in run.suppressed],
        "jobs": [dict(asdict(j), seconds=round(j.seconds, 2)) for j in run.jobs],
    }
    atomic_write_text(run.out_dir / "run_log.json", json.dumps(record, ensure_ascii=False, indent=2, default=str))
    lines = [f"isq report — {client} — {run.seconds:.1f} s — {'OK' if run.ok else 'WITH FAILURES'}"]
    for j in run.jobs:
        lines.append(f"  {j.department or '(company)':<12} {j.status:<7} {j.seconds:7.1f} s"
                     + (f"  {j.error.splitlines()[0]}" if j.error else ""))
    for s in run.suppressed:
        why = ("hidden to protect a small group (complementary suppression)" if s.get("reason") == "complementary"
               else "fewer respondents than the minimum group size")
        lines.append(f"  {s['department']:<12} not reported: {why}")
    atomic_write_text(run.out_dir / "run_log.txt", "\n".join(lines) + "\n")


def _write_index(run: ReportRun, client: str, lang: str, labels: dict, min_group_size: int = 5):
    """index.html: every report with its status; suppressed departments without exact counts."""
    from urllib.parse import quote

    from .render import render_template

    zh = lang == "zh"
    rows = []
    for j in run.jobs:
        name = (labels.get(j.department, j.department) if j.department else ("全公司" if zh else "Company"))
        folder = run.folders.get(j.department, j.department)
        href = "report.html" if j.department is None else f"departments/{quote(folder, safe='')}/report.html"
        ok = j.status == "ok"
        note = None if ok else (("生成失败：" if zh else "failed: ") + (j.error or "").splitlines()[0][:300]
                                + ("（详见 run_log.txt）" if zh else " (see run_log.txt)"))
        rows.append(dict(name=name, href=href if ok else None, status="✓", seconds=f"{j.seconds:.1f} s",
                         note=note, failed=not ok))
    for s in run.suppressed:
        name = labels.get(s["department"], s["department"])
        if s.get("reason") == "complementary":
            why = ("为防止由合计反推小群体的数据，本部门不单独出具报告" if zh
                   else "not reported separately, so that a small group cannot be recovered from the totals")
        else:
            why = (f"样本不足（少于 {min_group_size} 人，隐私阈值），不单独出具报告" if zh
                   else f"fewer than {min_group_size} respondents (privacy threshold): not reported separately")
        rows.append(dict(name=name, href=None, status="", seconds="", note=why, failed=False))
    title = f"{client} · {'内部服务质量诊断报告' if zh else 'Internal service quality reports'}"
    page = render_template("index.html.j2", html_lang="zh-CN" if zh else "en", title=title, rows=rows, notes=[])
    atomic_write_text(run.out_dir / "index.html", page)


def cli_report(args) -> int:
    """Entry point of ``isq report`` (see ``isq report --help``)."""
    data = args.data if len(args.data) > 1 else args.data[0]
    run = run_report(data, client=args.client, out=args.out, by_department=args.by_department,
                     jobs=args.jobs, lang=args.lang, pdf=args.pdf, min_group_size=args.min_group_size)
    print(f"\n{'报告已生成' if args.lang == 'zh' else 'Reports written'}: {run.out_dir}/index.html "
          f"({sum(j.status == 'ok' for j in run.jobs)}/{len(run.jobs)} OK, {run.seconds:.1f} s)")
    for j in run.jobs:
        if j.status != "ok":
            print(f"  ✗ {j.department or args.client}: {j.error.splitlines()[0]}", file=sys.stderr)
    return 0 if run.ok else 1
