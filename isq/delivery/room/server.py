"""The room's web server: a Starlette app served by uvicorn on the trainer's laptop.

Participant side (no account, no app): ``GET /`` the phone page, ``POST /api/join``
(room code, team, display name), ``GET /api/state`` (the open activity), ``POST /api/answer``
(stored and fsynced before the reply says 已提交), ``GET /api/results`` (aggregates only).
Trainer side (secret token in ``?token=`` or the ``X-Room-Token`` header, 403 without):
``GET /trainer``, ``GET /api/trainer/state``, ``POST /api/trainer/open``, ``/close``, ``/export``.

Every page and script is served from the package (``static/``): no CDN, no build step. The
pages put participant text into the page with ``textContent`` only, and a Content Security
Policy forbids inline and foreign scripts. Request bodies are capped (:data:`MAX_BODY`) and
every client has a token bucket (:class:`RateLimiter`), so one phone cannot flood the room.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import threading
import time
from pathlib import Path

from ...errors import IsqError
from .activities import ACTIVITIES, AnswerError, answer_key, build_spec, check_answer
from .store import MAX_NAME, RoomStore, room_context

__all__ = ["create_app", "RateLimiter", "MAX_BODY", "MAX_PARTICIPANTS", "RATE", "BURST", "STATIC", "SUMMARY_SECONDS"]

#: Largest request body accepted, in bytes (a whole SERVQUAL form is about 3 kB).
MAX_BODY = 32 * 1024
#: Most participants one room accepts.
MAX_PARTICIPANTS = 1000
#: Requests per second a participant (or an anonymous address) may make, sustained ...
RATE = 10.0
#: ... and in one burst.
BURST = 40
#: The live aggregates are recomputed at most this often (seconds), however fast answers arrive.
SUMMARY_SECONDS = 1.0
#: The folder of the pages, styles and scripts.
STATIC = Path(__file__).resolve().parent / "static"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}

_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_MSG = {
    "zh": {"saved": "已提交", "code": "房间码不正确，请看投影上的房间码。", "team": "请选择本组。",
           "name": f"请填写姓名或昵称（1–{MAX_NAME} 个字）。", "closed": "这个活动还没有开放或已经结束。",
           "join": "请先加入房间。", "rate": "提交太频繁了，请稍等几秒再试。", "big": "提交的内容太长了。",
           "json": "提交的内容无法读取。", "full": "房间人数已满。", "token": "需要培训师口令。"},
    "en": {"saved": "Submitted", "code": "Wrong room code; see the code on the screen.", "team": "Choose your team.",
           "name": f"Enter a name or nickname (1–{MAX_NAME} characters).", "closed": "This activity is not open.",
           "join": "Join the room first.", "rate": "Too many requests; wait a few seconds.",
           "big": "The submission is too large.", "json": "The submission could not be read.",
           "full": "The room is full.", "token": "The trainer token is required."},
}


class RateLimiter:
    """Token buckets per client key: ``rate`` requests per second, ``burst`` at once."""

    def __init__(self, rate=RATE, burst=BURST):
        self.rate, self.burst = float(rate), float(burst)
        self._buckets = {}
        self._lock = threading.Lock()

    def allow(self, key) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1, now)
            if len(self._buckets) > 20000:  # forget idle clients
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}
            return True


class _TooBig(Exception):
    pass


def create_app(workshop_dir, *, token=None, code=None, lang="zh", min_group_size=5, rate=RATE, burst=BURST,
               max_body=MAX_BODY, limit_loopback=False, join_url=None, on_shutdown=None,
               summary_seconds=SUMMARY_SECONDS):
    """The room's Starlette app for a workshop folder.

    Parameters
    ----------
    workshop_dir : str or Path
        The workshop folder (``room.sqlite`` is created in it).
    token : str, optional
        The trainer's secret (default: a new random one, ``app.state.token``).
    code : str, optional
        The room code participants type or get from the QR code (default: random, 4 letters).
    lang : {"zh", "en"}
        Default language of the pages (a phone may ask for ``?lang=en``).
    min_group_size : int
        No aggregate from fewer respondents is shown (default 5).
    rate, burst, max_body
        Per-client request rate, burst and the largest body (see the module constants).
    summary_seconds : float
        Live aggregates are recomputed at most this often (default 1 s).
    limit_loopback : bool
        Also rate-limit anonymous requests from 127.0.0.1 (off: the laptop itself, e.g. the
        rehearsal ``isq room simulate``, is trusted; joined participants are always limited).
    """
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import FileResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from .frames import export_activity, room_export, room_summary

    store = RoomStore(workshop_dir)
    token = token or secrets.token_urlsafe(24)
    code = (code or "".join(secrets.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(4))).upper()
    limiter = RateLimiter(rate, burst)
    cache = {"spec": {}, "ctx": None, "ctx_key": None, "summary": {}}
    room_context(store.folder, store)  # a workshop.yaml with unusable team names fails here, clearly

    def msg(key, lg):
        return _MSG.get(lg, _MSG["zh"])[key]

    def req_lang(request):
        lg = request.query_params.get("lang") or lang
        return lg if lg in _MSG else lang

    def reply(data, status=200):
        return JSONResponse(data, status_code=status, headers=_SECURITY_HEADERS)

    def error(request, key, status, **extra):
        return reply({"ok": False, "error": msg(key, req_lang(request)), **extra}, status)

    def secret_of(request):
        return request.headers.get("x-participant") or request.cookies.get("isq_room")

    def limited(request):
        secret = secret_of(request)
        host = request.client.host if request.client else "?"
        if secret:
            key = "p:" + secret[:64]
        elif host in _LOOPBACK and not limit_loopback:
            return False
        else:
            key = "ip:" + host
        return not limiter.allow(key)

    async def body_json(request):
        size = request.headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > max_body):
            raise _TooBig
        chunks, total = [], 0
        async for chunk in request.stream():
            total += len(chunk)
            if total > max_body:
                raise _TooBig
            chunks.append(chunk)
        try:
            data = json.loads(b"".join(chunks) or b"{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
        return data if isinstance(data, dict) else None

    def context(current=None):
        name, opts, opened = current or store.current_opened()
        key = (name, json.dumps(opts, sort_keys=True), opened)
        if cache["ctx_key"] != key:
            cache["ctx"], cache["ctx_key"], cache["spec"] = room_context(store.folder, store), key, {}
        return cache["ctx"]

    def current_spec(lg):
        current = store.current_opened()
        if current[0] is None:
            return None
        ctx = context(current)
        if lg not in cache["spec"]:
            cache["spec"][lg] = build_spec(current[0], ctx, current[1], lg)
        return cache["spec"][lg]

    def is_trainer(request):
        given = request.headers.get("x-room-token") or request.query_params.get("token") or ""
        return secrets.compare_digest(given.encode(), token.encode())

    def caller(request):
        """(participant, None) for a joined phone within its rate, else (None, the error reply)."""
        if limited(request):
            return None, error(request, "rate", 429)
        me = store.participant(secret_of(request))
        if me is None:
            return None, error(request, "join", 401)
        return me, None

    # ------------------------------------------------------------------ participant
    async def index(request):
        return FileResponse(STATIC / "index.html", headers=_SECURITY_HEADERS)

    async def info(request):
        if limited(request):
            return error(request, "rate", 429)
        ctx = context()
        return reply({"lang": req_lang(request), "teams": list(ctx.teams), "code_length": len(code),
                      "min_group_size": min_group_size})

    async def join(request):
        lg = req_lang(request)
        if limited(request):
            return error(request, "rate", 429)
        try:
            data = await body_json(request)
        except _TooBig:
            return error(request, "big", 413)
        if data is None:
            return error(request, "json", 400)
        if str(data.get("code", "")).strip().upper() != code:
            return error(request, "code", 403, field="code")
        ctx = context()
        team = data.get("team")
        if not isinstance(team, str) or team not in ctx.teams:
            return error(request, "team", 400, field="team")
        name = data.get("name")
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_NAME:
            return error(request, "name", 400, field="name")
        if len(store.participants()) >= MAX_PARTICIPANTS:
            return error(request, "full", 403)
        pid, secret = await run_in_threadpool(store.join, team, name.strip())
        resp = reply({"ok": True, "participant": pid, "secret": secret, "team": team, "name": name.strip(),
                      "message": "已加入" if lg == "zh" else "Joined"})
        resp.set_cookie("isq_room", secret, httponly=True, samesite="strict", max_age=3 * 24 * 3600)
        return resp

    async def state(request):
        lg = req_lang(request)
        me, refused = caller(request)
        if refused is not None:
            return refused
        spec = current_spec(lg)
        done = store.answered(spec["activity"], me["id"]) if spec is not None else []
        return reply({"participant": me, "activity": spec, "answered": done})

    async def answer(request):
        lg = req_lang(request)
        me, refused = caller(request)
        if refused is not None:
            return refused
        try:
            data = await body_json(request)
        except _TooBig:
            return error(request, "big", 413)
        if data is None or not isinstance(data.get("answers"), dict) or not data["answers"]:
            return error(request, "json", 400)
        spec = current_spec(lg)
        if spec is None or data.get("activity") != spec["activity"]:
            return error(request, "closed", 409)
        rows = []
        for qid, value in data["answers"].items():
            try:
                clean = check_answer(spec, qid, value, lg)
            except AnswerError as e:
                return reply({"ok": False, "error": e.message(lg), "question": str(qid)[:40]}, 400)
            rows.append((answer_key(spec, qid, clean), clean))
        # committed (fsynced) before we answer; the writer thread groups concurrent phones
        saved = await asyncio.wrap_future(store.submit_later(me["id"], spec["activity"], rows))
        return reply({"ok": True, "saved": saved, "message": msg("saved", lg)})

    def summary(name, lg):
        """The activity's aggregate, recomputed at most every SUMMARY_SECONDS while answers pour in."""
        changes, now = store.changes(), time.monotonic()
        hit = cache["summary"].get((name, lg))
        if hit is None or (hit["changes"] != changes and now - hit["at"] >= summary_seconds):
            hit = {"changes": changes, "at": now,
                   "value": room_summary(store.folder, name, min_group_size=min_group_size, lang=lg, store=store)}
            cache["summary"][(name, lg)] = hit
        return hit["value"]

    async def results(request):
        lg = req_lang(request)
        _, refused = caller(request)
        if refused is not None:
            return refused
        name, _ = store.current()
        if name is None or name in ("phrases", "ideas", "worksheet"):
            return reply({"activity": name, "shown": False})
        s = await run_in_threadpool(summary, name, lg)
        return reply({k: s[k] for k in ("activity", "n", "shown", "note", "bars")})

    # ------------------------------------------------------------------ trainer
    async def trainer_page(request):
        if not is_trainer(request):
            return Response(msg("token", req_lang(request)), status_code=403, headers=_SECURITY_HEADERS)
        return FileResponse(STATIC / "trainer.html", headers=_SECURITY_HEADERS)

    async def trainer_state(request):
        if not is_trainer(request):
            return error(request, "token", 403)
        lg = req_lang(request)
        name, opts = store.current()
        out = {"code": code, "join_url": join_url, "current": name, "options": opts,
               "activities": list(ACTIVITIES), "opened": store.activities(), "changes": store.changes(),
               "participants": len(store.participants())}
        if name is not None:
            out["progress"] = store.progress(name)
            out["summary"] = await run_in_threadpool(summary, name, lg)
        return reply(out)

    async def trainer_open(request):
        if not is_trainer(request):
            return error(request, "token", 403)
        try:
            data = await body_json(request)
        except _TooBig:
            return error(request, "big", 413)
        if data is None or data.get("activity") not in ACTIVITIES:
            return reply({"ok": False, "error": f"activity must be one of {', '.join(ACTIVITIES)}"}, 400)
        opts = data.get("options") or {}
        try:
            build_spec(data["activity"], room_context(store.folder, store), opts, lang)
        except IsqError as e:
            return reply({"ok": False, "error": str(e)}, 400)
        store.open_activity(data["activity"], opts)
        return reply({"ok": True, "current": data["activity"]})

    async def trainer_close(request):
        if not is_trainer(request):
            return error(request, "token", 403)
        name = store.close_activity()
        files = await run_in_threadpool(export_activity, store.folder, name, store=store) if name else []
        return reply({"ok": True, "closed": name, "files": [str(f) for f in files]})

    async def trainer_export(request):
        if not is_trainer(request):
            return error(request, "token", 403)
        files = await run_in_threadpool(room_export, store)
        return reply({"ok": True, "files": {k: [str(f) for f in v] for k, v in files.items()}})

    async def qr(request):
        if not is_trainer(request):
            return error(request, "token", 403)
        path = Path(store.folder) / "room_join_qr.png"
        if not path.exists():
            return Response(status_code=404)
        return FileResponse(path, headers=_SECURITY_HEADERS)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        try:
            store.close_activity()  # the room stops: the open activity ends (its quiz points count)
            room_export(store)
        finally:
            if on_shutdown is not None:
                on_shutdown()
            store.close()

    routes = [
        Route("/", index), Route("/api/info", info), Route("/api/join", join, methods=["POST"]),
        Route("/api/state", state), Route("/api/answer", answer, methods=["POST"]),
        Route("/api/results", results),
        Route("/trainer", trainer_page), Route("/api/trainer/state", trainer_state),
        Route("/api/trainer/open", trainer_open, methods=["POST"]),
        Route("/api/trainer/close", trainer_close, methods=["POST"]),
        Route("/api/trainer/export", trainer_export, methods=["POST"]),
        Route("/api/trainer/qr.png", qr),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.token, app.state.code, app.state.store = token, code, store
    return app
