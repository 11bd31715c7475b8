"""The live room under load: latency per submission, 200 phones answering a 12-feature Kano.

A real ``isq room start`` on loopback (a subprocess, free port, a copy of the demo workshop
folder) and ``isq room simulate``'s phones (threads, one HTTP connection each, seeded answers,
short pauses). ``isq_s`` is the median (p95) time from sending one answer to the server's
"已提交" (written and fsynced) with 200 phones; ``baseline_s`` is the same for a single phone,
so ``ratio`` (baseline / isq) shows how much the load slows an answer down. A run fails
(MISSED) when an answer was not acknowledged. ``ISQ_BENCH_ROOM_PHONES`` changes the 200.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHONES = int(os.environ.get("ISQ_BENCH_ROOM_PHONES", "200"))
#: p95 per submission a trainer would notice (an answer "hangs" on the phone).
TARGET_P95_S = 1.0


def _start(folder):
    import httpx

    from isq.delivery.room.cli import STATE_FILE, free_port

    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "isq.delivery.cli", "room", "start", "--workshop", str(folder),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/info", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    return proc, json.loads((Path(folder) / STATE_FILE).read_text(encoding="utf-8"))


def _one_run(phones, seed):
    from isq.delivery.room.simulate import simulate

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "workshop"
        shutil.copytree(ROOT / "data" / "workshop", folder)
        proc, state = _start(folder)
        try:
            return simulate(state["join_url"], phones, activity="kano", trainer_url=state["trainer_url"],
                            seed=seed, pause=0.25, timeout=120)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)


def run():
    single = _one_run(1, seed=1)
    loaded = _one_run(PHONES, seed=2)
    s_med, s_p95 = (x / 1000 for x in single.latency())
    l_med, l_p95 = (x / 1000 for x in loaded.latency())
    ok = loaded.ok and single.ok
    what = (f"{len(loaded.acknowledged)}/{loaded.expected} acknowledged, {PHONES} phones in "
            f"{loaded.seconds:.1f} s")
    return [
        {"name": f"room: median per answer, {PHONES} phones x 12 Kano", "isq_s": l_med, "baseline_s": s_med,
         "ratio": s_med / l_med if l_med else float("nan"), "what": what, "ok": ok},
        {"name": f"room: p95 per answer, {PHONES} phones x 12 Kano", "isq_s": l_p95, "baseline_s": s_p95,
         "ratio": s_p95 / l_p95 if l_p95 else float("nan"), "target": f"target p95 < {TARGET_P95_S:g} s",
         "what": "baseline = 1 phone", "ok": ok},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
