"""The ``isq`` command line.

Subcommands dispatch to their modules, imported only when called so ``isq --help`` is fast:

- ``isq report``   -> :func:`isq.delivery.report.cli_report`
- ``isq course``   -> :func:`isq.delivery.course.cli_course`
- ``isq demo``     -> :func:`cli_demo` (isq.data.demo_files.write_demo + the demo workshop folder)
- ``isq outcomes`` -> :func:`isq.delivery.outcomes.cli_outcomes`
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

    d = sub.add_parser("demo", help="regenerate the demo company data/ (deterministic)")
    d.add_argument("--out", default="data")
    d.set_defaults(_target="isq.delivery.cli:cli_demo")

    o = sub.add_parser("outcomes", help="course-outcomes booklet (课程成果汇编)")
    o.add_argument("--workshop", required=True, help="workshop folder")
    o.add_argument("--out", required=True)
    o.set_defaults(_target="isq.delivery.outcomes:cli_outcomes")
    return p


def cli_demo(args) -> int:
    """``isq demo --out DIR``: the demo company (data layer) and its filled-in workshop folder."""
    from pathlib import Path

    from ..data.demo_files import write_demo
    from .workshop import write_demo_workshop

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
