"""Write the demo company to a folder (``isq demo --out data``): CSVs, README, exports.

Kept apart from :mod:`isq.data.demo` (which only generates the tables in memory) so the
imports run one way: ``demo_files`` → ``demo``, ``_demo_readme`` and ``exports``, each of
which imports ``demo`` and nothing here.
"""

from __future__ import annotations

from pathlib import Path

from ._demo_readme import readme
from .demo import TABLES, load_demo
from .exports import write_demo_exports

__all__ = ["write_demo", "CSV_DECIMALS"]

# --- writing data/ -------------------------------------------------------------------------
CSV_DECIMALS = 3  # floats are rounded before writing so files are byte-stable
_STRATEGY_HOUSE = Path(__file__).with_name("strategy_house_demo.yaml")

def _write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_demo(out="data", *, exports=True):
    """Write the demo company to a folder: one CSV per table, the strategy house, a README.

    Parameters
    ----------
    out : str or path-like, default "data"
        The folder (created if missing). Writes ``<name>.csv`` for every table of
        :func:`demo_tables`, ``strategy_house.yaml``, ``README.md`` (schema and planted
        truths with the measured figures) and ``exports/`` (platform layouts).
    exports : bool, default True
        Also write ``exports/`` with :func:`isq.data.exports.write_demo_exports`.

    Returns
    -------
    pathlib.Path
        The folder written.

    Notes
    -----
    Files are byte-identical on every run: UTF-8, ``\\n`` line endings, no index,
    floats rounded to ``CSV_DECIMALS`` decimals.

    Examples
    --------
    >>> import tempfile
    >>> from isq.data.demo_files import write_demo
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = write_demo(tmp, exports=False)
    ...     print((folder / "departments.csv").read_text(encoding="utf-8").splitlines()[1])
    ...
    PRD,生产部,Production,48
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = {name: load_demo(name) for name in TABLES}
    for name, df in tables.items():
        floats = df.select_dtypes("float").columns
        df[floats] = df[floats].round(CSV_DECIMALS)
        text = df.to_csv(index=False, lineterminator="\n", float_format="%.10g")
        _write_text(out / f"{name}.csv", text)
    if _STRATEGY_HOUSE.exists():
        (out / "strategy_house.yaml").write_bytes(_STRATEGY_HOUSE.read_bytes())
    else:  # pragma: no cover - the package file ships with isq
        print(f"isq demo: {_STRATEGY_HOUSE.name} not found; strategy_house.yaml not written.")
    _write_text(out / "README.md", readme(tables))
    if exports:
        write_demo_exports(out / "exports")
    return out
