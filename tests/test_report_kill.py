"""SIGKILL of ``isq report`` leaves no worker, no kernel and no respondent-level inputs behind."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")]


def _children(pid):
    """Every descendant process id of ``pid`` (from /proc)."""
    parents = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            parents[int(d.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for child, parent in parents.items():
            if parent == p and child not in out:
                out.add(child)
                todo.append(child)
    return out


def _alive(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_sigkill_leaves_nothing_behind(tmp_path):
    from isq.data.demo_files import write_demo

    data = tmp_path / "data"
    data.mkdir()
    write_demo(data, exports=False)
    before = set(Path(tempfile.gettempdir()).glob("isq-report-*"))
    code = ("from isq.delivery.report import run_report\n"
            "if __name__ == '__main__':\n"
            f"    run_report({str(data)!r}, out={str(tmp_path / 'out')!r}, by_department=True, jobs=2, progress=False)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "MPLBACKEND": "Agg"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # wait until the run has its working folder and its workers have started kernels
        deadline = time.time() + 240
        work = None
        while time.time() < deadline:
            new = set(Path(tempfile.gettempdir()).glob("isq-report-*")) - before
            if new:
                work = new.pop()
                if list(work.glob("kernel-*")) and len(_children(proc.pid)) >= 4:
                    break
            time.sleep(0.5)
        assert work is not None and (work / "inputs.pkl").exists(), "the run did not start"
        descendants = _children(proc.pid)
        assert descendants
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.time() + 60
        while time.time() < deadline and (work.exists() or any(_alive(p) for p in descendants)):
            time.sleep(0.5)
        assert not work.exists(), "respondent-level inputs left behind"
        assert not [p for p in descendants if _alive(p)], "workers or kernels still running"
    finally:
        if proc.poll() is None:
            proc.kill()
