"""The live room as a real server on loopback: ``isq room start`` / ``stop`` / ``simulate``.

The load test follows the issue: 200 simulated phones answer a 12-feature Kano activity
within a minute, the server is killed with SIGKILL in the middle and restarted, and every
answer the server acknowledged is in the database afterwards (0 lost). Latency figures are
in ``benchmarks/bench_room.py``, not here.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from isq.delivery.room.cli import QR_FILE, STATE_FILE, free_port  # noqa: E402
from isq.delivery.room.simulate import simulate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEMO_WORKSHOP = ROOT / "data" / "workshop"


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("MPLBACKEND", "Agg")
    return env


def start_room(folder, port):
    proc = subprocess.Popen(
        [sys.executable, "-m", "isq.delivery.cli", "room", "start", "--workshop", str(folder),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"room exited: {proc.stdout.read()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/info", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("room did not start within 60 s")


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def workshop(tmp_path):
    folder = tmp_path / "workshop"
    shutil.copytree(DEMO_WORKSHOP, folder)
    return folder


def test_start_prints_urls_writes_qr_and_stop_exports(workshop):
    port = free_port()
    proc = start_room(workshop, port)
    try:
        state = json.loads((workshop / STATE_FILE).read_text(encoding="utf-8"))
        assert oct((workshop / STATE_FILE).stat().st_mode & 0o777) == "0o600"
        assert state["join_url"] == f"http://127.0.0.1:{port}/?code={state['code']}"
        assert state["trainer_url"].endswith(f"/trainer?token={state['token']}")
        # the QR code is segno's rendering of the join URL
        import segno

        segno.make(state["join_url"], error="m").save(str(workshop / "expected.png"), scale=10, border=2)
        assert (workshop / QR_FILE).read_bytes() == (workshop / "expected.png").read_bytes()
        res = simulate(state["join_url"], 6, activity="conflict", trainer_url=state["trainer_url"], seed=3,
                       pause=0.05, timeout=60)
        assert res.ok and len(res.acknowledged) == 6 * 14
        r = subprocess.run([sys.executable, "-m", "isq.delivery.cli", "room", "stop", "--workshop", str(workshop)],
                           capture_output=True, text=True, env=_env(), timeout=60)
        assert r.returncode == 0 and "已结束" in r.stdout
        proc.wait(timeout=30)
    finally:
        stop(proc)
    out = proc.stdout.read()
    urls = [w for w in out.split() if w.startswith("http://")]
    assert [u for u in urls if "token=" in u] == [state["trainer_url"]]  # the only URL with the token
    assert state["join_url"] in urls and state["code"] in out and "已结束" in out
    assert json.loads((workshop / STATE_FILE).read_text(encoding="utf-8"))["pid"] is None


def test_simulate_cli_exit_code(workshop):
    port = free_port()
    proc = start_room(workshop, port)
    try:
        state = json.loads((workshop / STATE_FILE).read_text(encoding="utf-8"))
        r = subprocess.run([sys.executable, "-m", "isq.delivery.cli", "room", "simulate", "--url", state["join_url"],
                            "--participants", "5", "--activity", "kano", "--trainer-url", state["trainer_url"],
                            "--pause", "0.02", "--seed", "1"],
                           capture_output=True, text=True, env=_env(), timeout=120)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "60/60 answers acknowledged" in r.stdout
        # a wrong room code: nothing acknowledged, exit 1
        bad = state["join_url"].replace(state["code"], "ZZZZ")
        r = subprocess.run([sys.executable, "-m", "isq.delivery.cli", "room", "simulate", "--url", bad,
                            "--participants", "2", "--timeout", "10"],
                           capture_output=True, text=True, env=_env(), timeout=120)
        assert r.returncode == 1
        # Ctrl-C stops the room cleanly: exit 0, no traceback, results exported
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        out = proc.stdout.read()
        assert proc.returncode == 0 and "Traceback" not in out and "已结束" in out
        assert (workshop / "kano" / "第1组.csv").read_text(encoding="utf-8-sig").count("\nP0") >= 12

    finally:
        stop(proc)


def test_stopping_the_room_credits_an_open_quiz(workshop):
    port = free_port()
    proc = start_room(workshop, port)
    try:
        state = json.loads((workshop / STATE_FILE).read_text(encoding="utf-8"))
        res = simulate(state["join_url"], 8, activity="quiz", trainer_url=state["trainer_url"], seed=5, pause=0.02)
        assert res.ok and len(res.acknowledged) == 8
        correct = sum(v["answer"] == "1" for _, _, v in res.acknowledged)
    finally:
        stop(proc)
    from isq.delivery.scoreboard_store import load_scoreboard

    log = load_scoreboard(workshop / "scoreboard.csv", autosave=False).to_frame()
    quiz = log[log["reason"] == "抢答 rehearsal"]
    assert len(quiz) == correct and quiz["points"].sum() == 10 * correct


@pytest.mark.slow
def test_200_phones_kano_with_sigkill_lose_nothing(workshop):
    port = free_port()
    proc = start_room(workshop, port)
    state = json.loads((workshop / STATE_FILE).read_text(encoding="utf-8"))
    box = {}

    def run():
        box["result"] = simulate(state["join_url"], 200, activity="kano", trainer_url=state["trainer_url"],
                                 seed=12, pause=0.15, timeout=55)

    t0 = time.monotonic()
    phones = threading.Thread(target=run)
    phones.start()
    db = workshop / "room.sqlite"
    killed_at = None
    try:
        while time.monotonic() - t0 < 50:
            time.sleep(0.2)
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
                n = con.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
                con.close()
            except sqlite3.Error:
                continue
            if n >= 800:
                killed_at = n
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                break
        assert killed_at is not None, "the phones did not get going"
        proc = start_room(workshop, port)  # same folder, same port: same code, token, participants
        phones.join(timeout=90)
        elapsed = time.monotonic() - t0
    finally:
        stop(proc)
    res = box["result"]
    assert res.joined == 200
    assert len(res.acknowledged) == res.expected == 200 * 12, res.describe()
    assert not res.rejected and res.ok
    assert elapsed < 60, f"took {elapsed:.1f} s"
    con = sqlite3.connect(db)
    stored = {(p, q): json.loads(v) for p, q, v in
              con.execute("SELECT participant, question, value FROM answers WHERE activity = 'kano'")}
    missing = [(p, q) for p, q, v in res.acknowledged if stored.get((p, q)) != v]
    assert missing == []  # every acknowledged answer survived the SIGKILL
    assert len(stored) == 2400
