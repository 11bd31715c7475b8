"""Run every benchmark module in this folder (``python -m benchmarks``; ``make bench``).

Each ``bench_*.py`` exposes ``run() -> list[dict]``; a row has ``name``, ``isq_s``,
``baseline_s``, ``ratio`` (baseline / isq unless ``what`` says otherwise) and an optional
``target``; a row with ``text`` is printed as it is.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    failed = False
    for name in names:
        mod = importlib.import_module(f"benchmarks.{name}")
        print(f"== {name}: {(mod.__doc__ or '').strip().splitlines()[0]}", flush=True)
        for row in mod.run():
            target = row.get("target", "")
            ok = row.get("ok", True)
            failed |= not ok
            if "text" in row:  # a line of its own (a total, a note)
                print(f"{row['text']} {'' if ok else 'MISSED'}", flush=True)
                continue
            print(
                f"   {row['name']:<48} isq {row['isq_s']*1000:9.1f} ms   baseline {row['baseline_s']*1000:9.1f} ms"
                f"   ratio {row['ratio']:7.2f}  {row.get('what', '')} {target} {'' if ok else 'MISSED'}",
                flush=True,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
