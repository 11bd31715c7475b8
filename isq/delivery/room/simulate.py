"""Rehearsal and load: N simulated phones answer a running room over HTTP (``isq room simulate``).

Each phone joins with a team and a name, waits for the activity, and answers its questions
one by one with seeded answers and short pauses, like a person tapping through a form. A
refused request (429) or a dropped connection (a restarting server) is retried until the
deadline; an answer counts only when the server acknowledged it ("已提交"). The result
lists every acknowledged answer, so a test can check none of them was lost.
"""

from __future__ import annotations

import random
import threading
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

__all__ = ["simulate", "SimulationResult", "fake_answer"]

_TEXTS = ["这事不归我们管。", "规定就是这样。", "您稍等，我马上帮您查。", "我来负责跟进，今天下班前回复您。",
          "报销一次性告知所需材料", "IT 服务台首问负责制", "采购进度每周同步"]
_NAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"


@dataclass
class SimulationResult:
    participants: int
    expected: int = 0
    acknowledged: list = field(default_factory=list)  # (participant, question_key, value)
    rejected: list = field(default_factory=list)      # (participant, question, message)
    latencies: list = field(default_factory=list)     # seconds per acknowledged submission
    retries: int = 0
    joined: int = 0
    seconds: float = 0.0
    lock: object = field(default_factory=threading.Lock, repr=False)

    @property
    def ok(self) -> bool:
        return self.expected > 0 and len(self.acknowledged) == self.expected and not self.rejected

    def latency(self):
        """``(median, p95)`` in milliseconds of the acknowledged submissions."""
        if not self.latencies:
            return (float("nan"), float("nan"))
        xs = sorted(self.latencies)
        return (statistics.median(xs) * 1000, xs[min(len(xs) - 1, int(0.95 * len(xs)))] * 1000)

    def describe(self) -> str:
        med, p95 = self.latency()
        line = (f"isq room simulate: {len(self.acknowledged)}/{self.expected} answers acknowledged "
                f"(已确认 {len(self.acknowledged)}/{self.expected} 份回答) from {self.joined}/{self.participants} "
                f"phones in {self.seconds:.1f} s; latency median {med:.0f} ms, p95 {p95:.0f} ms; "
                f"{self.retries} retries")
        if self.rejected:
            line += f"; {len(self.rejected)} rejected, first: {self.rejected[0][2]}"
        return line


def fake_answer(question, rng, activity=None):
    """A plausible answer to one question of an activity spec (seeded by ``rng``)."""
    out = {}
    for p in question["parts"]:
        kind = p["type"]
        if kind == "scale":
            lo, hi = p["min"], p["max"]
            if activity == "kano":  # people like most features present and dislike them absent
                out[p["name"]] = rng.choice([1, 1, 2, 2, 3, 4]) if p["name"] == "functional" else \
                    rng.choice([2, 3, 4, 5, 5, 5]) if p["name"] == "dysfunctional" else rng.randint(lo, hi)
            else:
                out[p["name"]] = min(hi, max(lo, round(rng.triangular(lo, hi, lo + 0.7 * (hi - lo)))))
        elif kind == "choice":
            out[p["name"]] = rng.choice(p["options"])["value"]
        elif kind == "multi":
            k = min(p["max"], len(p["options"]))
            out[p["name"]] = [o["value"] for o in rng.sample(p["options"], k)] if k else []
        elif kind in ("text", "long_text"):
            out[p["name"]] = rng.choice(_TEXTS)[: p["maxlength"]]
        elif kind == "number":
            lo, hi = p.get("min") or 0, p.get("max") or 10
            out[p["name"]] = rng.randint(int(lo), int(hi))
        elif kind == "bool":
            out[p["name"]] = rng.random() < 0.2
    return {k: v for k, v in out.items() if v != []}


def _key(question, value):
    kp = question.get("key_part")
    return f"{question['id']}:{value[kp]}" if kp else question["id"]


def _request(client, method, url, result, deadline, **kw):
    """One request, retried on 429 and on connection errors until ``deadline``."""
    import httpx

    delay = 0.2
    while True:
        try:
            t0 = time.perf_counter()
            r = client.request(method, url, **kw)
            if r.status_code not in (429, 502, 503):
                return r, time.perf_counter() - t0
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            return None, 0.0
        with result.lock:
            result.retries += 1
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 1.6, 2.0)


def _phone(i, base, code, activity, seed, pause, deadline, result, start_gate):
    import httpx

    rng = random.Random(seed * 100003 + i)
    with httpx.Client(base_url=base, timeout=15.0) as client:
        time.sleep(rng.uniform(0, min(2.0, 0.01 * result.participants)))  # people arrive over a moment
        r, _ = _request(client, "GET", "/api/info", result, deadline)
        if r is None:
            with result.lock:
                result.rejected.append((None, "info", "the room did not answer"))
            return
        teams = r.json()["teams"]
        team = teams[i % len(teams)]
        name = rng.choice(_NAMES) + f"{i + 1:03d}"
        r, _ = _request(client, "POST", "/api/join", result, deadline, json={"code": code, "team": team, "name": name})
        if r is None or r.status_code != 200:
            with result.lock:
                result.rejected.append((None, "join", r.text if r is not None else "no answer"))
            return
        secret, pid = r.json()["secret"], r.json()["participant"]
        client.cookies.clear()
        headers = {"X-Participant": secret}
        with result.lock:
            result.joined += 1
        start_gate.wait(max(0.0, deadline - time.monotonic()))
        spec = None
        while time.monotonic() < deadline:
            r, _ = _request(client, "GET", "/api/state", result, deadline, headers=headers)
            if r is not None and r.status_code == 200:
                spec = r.json()["activity"]
                if spec and (activity is None or spec["activity"] == activity):
                    break
            time.sleep(0.5)
        if not spec:
            return
        questions = [q for q in spec["questions"] if not q.get("optional") or rng.random() < 0.6]
        questions = questions or spec["questions"][:1]
        with result.lock:
            result.expected += len(questions)
        for q in questions:
            time.sleep(rng.uniform(0.5, 1.5) * pause)
            value = fake_answer(q, rng, spec["activity"])
            r, dt = _request(client, "POST", "/api/answer", result, deadline, headers=headers,
                             json={"activity": spec["activity"], "answers": {q["id"]: value}})
            with result.lock:
                if r is not None and r.status_code == 200 and r.json().get("ok"):
                    result.acknowledged.append((pid, _key(q, value), value))
                    result.latencies.append(dt)
                else:
                    result.rejected.append((pid, q["id"], r.text if r is not None else "no answer before the deadline"))


def _open(trainer_url, activity, options):
    import httpx

    parts = urlsplit(trainer_url)
    token = parse_qs(parts.query).get("token", [""])[0]
    r = httpx.post(f"{parts.scheme}://{parts.netloc}/api/trainer/open", timeout=30.0,
                   json={"activity": activity, "options": options or {}}, headers={"X-Room-Token": token})
    if r.status_code != 200:
        from ...errors import IsqError

        raise IsqError(f"The room refused to open {activity!r}: {r.text} (无法开放活动。)")


def simulate(join_url, participants, *, activity=None, trainer_url=None, seed=2026, pause=0.5,
             timeout=120.0, options=None):
    """Drive a running room with ``participants`` simulated phones; return a :class:`SimulationResult`.

    Each phone is a thread with its own HTTP connection (httpx). With ``trainer_url`` the
    activity (default ``kano``) is opened first.
    """
    import threading

    parts = urlsplit(join_url)
    code = parse_qs(parts.query).get("code", [""])[0]
    base = f"{parts.scheme}://{parts.netloc}"
    if trainer_url and activity is None:
        activity = "kano"
    if activity == "quiz" and not options:
        options = {"id": "rehearsal", "question": "SERVQUAL 有几个维度？", "options": ["三个", "五个", "七个"],
                   "answer": 1, "points": 10}
    result = SimulationResult(participants=participants)
    deadline = time.monotonic() + timeout
    gate = threading.Event()
    t0 = time.perf_counter()
    phones = [threading.Thread(target=_phone, args=(i, base, code, activity, seed, pause, deadline, result, gate),
                               daemon=True, name=f"phone-{i}") for i in range(participants)]
    for t in phones:
        t.start()
    try:
        if trainer_url:
            _open(trainer_url, activity, options)
    finally:
        gate.set()
    for t in phones:
        t.join(max(0.1, deadline - time.monotonic() + 20))
    result.seconds = time.perf_counter() - t0
    return result
