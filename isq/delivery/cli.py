"""The ``isq`` command line.

Subcommands dispatch to their modules, imported only when called so ``isq --help`` is fast:

- ``isq report``   -> :func:`isq.delivery.report.cli_report`
- ``isq course``   -> :func:`isq.delivery.course.cli_course`
- ``isq demo``     -> :func:`cli_demo` (isq.data.demo_files.write_demo + the demo workshop folder)
- ``isq outcomes`` -> :func:`isq.delivery.outcomes.cli_outcomes`
- ``isq workshop`` -> :func:`isq.delivery.workshop.cli_workshop`
- ``isq room``     -> :func:`isq.delivery.room.cli.cli_room` (start, stop, simulate)
"""

from __future__ import annotations

import argparse
import importlib
import sys

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="isq",
        description="isq — Internal Service Quality (内部服务质量): course and client reports.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("report", help="diagnostic report from survey exports (诊断报告)")
    r.add_argument("--data", nargs="+", default=["data"], help="data folder or files (默认 data)")
    r.add_argument("--client", default="示例集团", help="client name (客户名称)")
    r.add_argument("--out", default="reports", help="output folder; writes <out>/<client>/")
    r.add_argument("--by-department", action="store_true", help="also one report per department")
    r.add_argument("--jobs", type=int, default=2, help="parallel worker processes")
    r.add_argument("--lang", choices=["zh", "en"], default="zh")
    r.add_argument("--pdf", action="store_true", help="also print a PDF with a local Chromium")
    r.add_argument("--min-group-size", type=int, default=5, help="privacy threshold (默认 5)")
    r.set_defaults(_target="isq.delivery.report:cli_report")

    c = sub.add_parser("course", help="course editions (课程版本)")
    csub = c.add_subparsers(dest="course_command", metavar="ACTION")
    b = csub.add_parser("build", help="build the participant or trainer edition")
    b.add_argument("--edition", choices=["participant", "trainer"], required=True)
    b.add_argument("--out", required=True)
    b.set_defaults(_target="isq.delivery.course:cli_course")
    pl = csub.add_parser("programmes", help="list the course programmes, one a line (课程安排)")
    pl.set_defaults(_target="isq.delivery.programmes:cli_programmes")
    pg = csub.add_parser("programme", help="print a programme's timetable (课程时间表)")
    pg.add_argument("name", help="programme name (see `isq course programmes`)")
    pg.add_argument("--json", action="store_true", help="print JSON: days, hours_per_day, sessions")
    pg.add_argument("--out", help="also write the timetable as HTML (file.html or a folder)")
    pg.add_argument("--lang", choices=["zh", "en"], default="zh")
    pg.set_defaults(_target="isq.delivery.programmes:cli_programme")
    sl = csub.add_parser("slides", help="offline reveal.js slides per module (幻灯片)")
    sl.add_argument("--out", required=True, help="output folder (decks, index.html, reveal/)")
    sl.add_argument("notebooks", nargs="*", help="only these notebooks (stem or number, e.g. 03)")
    sl.add_argument("--no-execute", action="store_true", help="use stored outputs, do not run")
    sl.set_defaults(_target="isq.delivery.slides:cli_slides")
    ts = csub.add_parser("tag-slides", help="write slideshow metadata (from headings) into notebooks")
    ts.add_argument("notebooks", nargs="+", help="notebook files")
    ts.add_argument("--overwrite", action="store_true", help="also replace existing slide types")
    ts.set_defaults(_target="isq.delivery.slides:cli_tag_slides")
    ho = csub.add_parser("handouts", help="printable participant handouts, A4 (学员讲义)")
    ho.add_argument("--out", required=True, help="output folder")
    ho.add_argument("--programme", help="one handout for a programme (see `isq course programmes`)")
    ho.add_argument("notebooks", nargs="*", help="only these notebooks (stem or number, e.g. 03)")
    ho.add_argument("--html-only", action="store_true", help="do not print PDFs even with Chromium")
    ho.add_argument("--no-execute", action="store_true", help="text and exercises only, no charts")
    ho.set_defaults(_target="isq.delivery.handouts:cli_handouts")

    d = sub.add_parser("demo", help="regenerate the demo company data/ (deterministic)")
    d.add_argument("--out", default="data")
    d.set_defaults(_target="isq.delivery.cli:cli_demo")

    o = sub.add_parser("outcomes", help="course-outcomes booklet (课程成果汇编)")
    o.add_argument("--workshop", required=True, help="workshop folder")
    o.add_argument("--out", required=True)
    o.set_defaults(_target="isq.delivery.outcomes:cli_outcomes")

    w = sub.add_parser("workshop", help="the classroom folder: path, teams, what was saved (课堂成果文件夹)")
    w.add_argument("--client", default="", help="client name (客户名称): ~/isq课堂成果/<client>")
    w.add_argument("--dir", default="", help="the folder itself (默认 ~/isq课堂成果/<client>)")
    w.set_defaults(_target="isq.delivery.workshop:cli_workshop")
    from .room.cli import add_room_parser  # isq room start | stop | simulate (课堂互动)

    add_room_parser(sub)
    return p


def cli_demo(args) -> int:
    """``isq demo --out DIR``: the demo company (data layer) and its filled-in workshop folder."""
    from pathlib import Path

    from ..data.demo_files import write_demo
    from ._workshop_demo import write_demo_workshop

    out = Path(write_demo(args.out))
    write_demo_workshop(out / "workshop")
    print(f"isq demo: wrote the demo company and its workshop folder to {out}/ (示例集团数据已生成)")
    return 0


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    target = getattr(args, "_target", None)
    if target is None:
        parser.print_help()
        return 0 if args.command is None else 2
    module, func = target.split(":")
    from ..errors import IsqError

    try:
        return int(getattr(importlib.import_module(module), func)(args) or 0)
    except IsqError as e:
        print(f"isq: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
