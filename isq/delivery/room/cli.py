"""``isq room start | stop | simulate``: run the live room from the command line.

``start`` prints the join URL (the laptop's LAN address), the room code and the trainer URL
(the only printed URL with the secret token), writes a QR code of the join URL to
``<workshop>/room_join_qr.png`` and serves until Ctrl-C or ``isq room stop``; on the way
out the room's results are written into the workshop folder. The code and token are kept
in ``<workshop>/.room.json`` (readable by the owner only), so a restarted room keeps its
code, its trainer URL and every participant.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

from ...errors import IsqError

__all__ = ["cli_room", "lan_address", "free_port", "STATE_FILE", "QR_FILE", "DEFAULT_PORT"]

#: Room state inside the workshop folder (pid, port, code, token, URLs).
STATE_FILE = ".room.json"
#: QR code of the join URL inside the workshop folder.
QR_FILE = "room_join_qr.png"
#: Default port.
DEFAULT_PORT = 8765


def lan_address() -> str:
    """The laptop's address on the local network (the interface of the default route).

    Nothing is sent: connecting a UDP socket only picks the outgoing interface. Falls back
    to 127.0.0.1 without a network.
    """
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.255.255.255", 1))
        return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


def free_port(host="127.0.0.1") -> int:
    """A free TCP port on ``host``."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _runtime_pointer() -> Path:
    return Path(tempfile.gettempdir()) / f"isq-room-{os.getuid() if hasattr(os, 'getuid') else 'user'}.json"


def _alive(pid) -> bool:
    """True while process ``pid`` runs (an exited process its parent has not reaped yet counts as gone)."""
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError, TypeError):
        return False
    try:
        return Path(f"/proc/{int(pid)}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _write_private(path, data):
    from ..._io import atomic_write_text

    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1))
    os.chmod(path, 0o600)


def _read_state(folder):
    path = Path(folder) / STATE_FILE
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}


def cli_room(args) -> int:
    return {"start": _start, "stop": _stop, "simulate": _simulate}[args.room_command](args)


def _start(args) -> int:
    import secrets

    import segno
    import uvicorn

    from .server import create_app

    from ..workshop import workshop_folder

    # the course's classroom folder (default ~/isq课堂成果/, created with a workshop.yaml if new)
    folder = workshop_folder(args.workshop or "", announce=False)
    old = _read_state(folder)
    if old.get("pid") and _alive(old["pid"]) and old["pid"] != os.getpid():
        raise IsqError(f"A room is already running on {folder} (pid {old['pid']}); stop it with "
                       f"`isq room stop --workshop {folder}`. (该文件夹的课堂互动已在运行。)")
    port = args.port or free_port(args.host if args.host not in ("0.0.0.0", "") else "127.0.0.1")
    public = args.host if args.host not in ("0.0.0.0", "::", "") else lan_address()
    local = "127.0.0.1" if args.host in ("0.0.0.0", "127.0.0.1", "") else args.host
    code = old.get("code") or "".join(secrets.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(4))
    token = old.get("token") or secrets.token_urlsafe(24)
    lang_q = "" if args.lang == "zh" else "&lang=en"
    join_url = f"http://{public}:{port}/?code={code}{lang_q}"
    trainer_url = f"http://{local}:{port}/trainer?token={token}"
    qr_path = folder / QR_FILE
    segno.make(join_url, error="m").save(str(qr_path), scale=10, border=2)
    state = {"pid": os.getpid(), "host": args.host, "port": port, "code": code, "token": token,
             "join_url": join_url, "trainer_url": trainer_url, "workshop": str(folder.resolve()),
             "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    _write_private(folder / STATE_FILE, state)
    pointer = _runtime_pointer()
    _write_private(pointer, {"workshop": str(folder.resolve()), "pid": os.getpid()})

    def cleanup():
        s = _read_state(folder)
        if s.get("pid") == os.getpid():
            s["pid"] = None
            _write_private(folder / STATE_FILE, s)
        try:
            if json.loads(pointer.read_text(encoding="utf-8")).get("pid") == os.getpid():
                pointer.unlink()
        except (OSError, ValueError):
            pass
        print("isq 课堂互动已结束，结果已写入课堂成果文件夹。" if args.lang == "zh" else
              "isq live room stopped; results written to the workshop folder.", flush=True)

    app = create_app(folder, token=token, code=code, lang=args.lang, min_group_size=args.min_group_size,
                     join_url=join_url, on_shutdown=cleanup)
    zh = args.lang == "zh"
    print(("isq 课堂互动已启动" if zh else "isq live room is running") + f"  ({folder})")
    print(f"  {'学员扫码或打开' if zh else 'Participants join at'}: {join_url}")
    print(f"  {'房间码' if zh else 'Room code'}: {code}")
    print(f"  {'二维码' if zh else 'QR code'}: {qr_path}")
    print(f"  {'培训师页面（勿投影）' if zh else 'Trainer page (do not project)'}: {trainer_url}")
    print(f"  {'结束：Ctrl-C 或 isq room stop' if zh else 'Stop: Ctrl-C or isq room stop'}", flush=True)
    config = uvicorn.Config(app, host=args.host, port=port, log_level="warning", access_log=False,
                            limit_concurrency=2000, timeout_keep_alive=30)
    try:
        uvicorn.Server(config).run()  # SIGINT / SIGTERM: graceful shutdown, results exported (lifespan)
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after its clean shutdown: no traceback
        pass
    return 0


def _stop(args) -> int:
    if args.workshop:
        folder = Path(args.workshop)
    else:
        try:
            folder = Path(json.loads(_runtime_pointer().read_text(encoding="utf-8"))["workshop"])
        except (OSError, ValueError, KeyError):
            print("isq room stop: no running room found; give --workshop DIR. (没有正在运行的课堂互动。)",
                  file=sys.stderr)
            return 1
    pid = _read_state(folder).get("pid")
    if not pid or not _alive(pid):
        print(f"isq room stop: no room is running on {folder}. (没有正在运行的课堂互动。)", file=sys.stderr)
        return 1
    os.kill(int(pid), signal.SIGTERM)
    for _ in range(150):
        if not _alive(pid):
            break
        time.sleep(0.1)
    else:
        print(f"isq room stop: the room (pid {pid}) did not stop within 15 s.", file=sys.stderr)
        return 1
    print(f"isq 课堂互动已结束（{folder}）。Room stopped.")
    return 0


def _simulate(args) -> int:
    from .simulate import simulate

    options = json.loads(args.options) if args.options else None
    result = simulate(args.url, args.participants, activity=args.activity, trainer_url=args.trainer_url,
                      seed=args.seed, pause=args.pause, timeout=args.timeout, options=options)
    print(result.describe())
    return 0 if result.ok else 1


def add_room_parser(sub):
    """The ``isq room`` subcommands (called from :func:`isq.delivery.cli.build_parser`)."""
    r = sub.add_parser("room", help="live room: participants answer from their phones (课堂互动)")
    rsub = r.add_subparsers(dest="room_command", metavar="ACTION", required=True)
    s = rsub.add_parser("start", help="start the room server on this laptop")
    s.add_argument("--workshop", default="", help="workshop folder (课堂成果文件夹; 默认: the course's default, "
                                                 "as in the notebooks, see `isq workshop`)")
    s.add_argument("--host", default="0.0.0.0", help="address to listen on (默认 0.0.0.0: the local network)")
    s.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (默认 {DEFAULT_PORT}; 0 = any free port)")
    s.add_argument("--lang", choices=["zh", "en"], default="zh")
    s.add_argument("--min-group-size", type=int, default=5, help="privacy threshold (默认 5)")
    t = rsub.add_parser("stop", help="stop the running room")
    t.add_argument("--workshop", help="workshop folder (default: the room started last)")
    m = rsub.add_parser("simulate", help="rehearse: N simulated phones answer over HTTP (演练)")
    m.add_argument("--url", required=True, help="the join URL printed by `isq room start`")
    m.add_argument("--participants", type=int, default=30)
    m.add_argument("--activity", help="answer only this activity (default: whichever is open)")
    m.add_argument("--trainer-url", help="the trainer URL: open --activity first")
    m.add_argument("--options", help="activity options as JSON (with --trainer-url)")
    m.add_argument("--seed", type=int, default=2026)
    m.add_argument("--pause", type=float, default=0.5, help="mean pause between answers, seconds")
    m.add_argument("--timeout", type=float, default=120.0, help="give up after this many seconds")
    for p in (s, t, m):
        p.set_defaults(_target="isq.delivery.room.cli:cli_room")
    return r
