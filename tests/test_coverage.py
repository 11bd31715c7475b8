"""docs/COVERAGE.md stays true: every covered row points at a notebook section that exists and
calls isq; the rows not yet covered are exactly the ones this test allows."""

import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "COVERAGE.md"
#: The only rows allowed under "Not yet covered" (remove an id here when it is built).
ALLOWED_MISSING: set = set()


def _tables():
    text = DOC.read_text(encoding="utf-8")
    covered, _, missing = text.partition("## Not yet covered")
    covered = covered.partition("## Covered")[2]

    def rows(block):
        out = []
        for line in block.splitlines():
            if line.startswith("| ") and not line.startswith("| id ") and not line.startswith("|---"):
                out.append([c.strip() for c in line.strip().strip("|").split("|")])
        return out

    return rows(covered), rows(missing)


COVERED, MISSING = _tables()


def _section(nb, heading):
    """Cells from the heading's markdown cell up to the next ## heading (or, for a title, the end)."""
    start = None
    for i, c in enumerate(nb.cells):
        lines = c.source.splitlines() if c.cell_type == "markdown" else []
        if start is None and any(re.fullmatch(rf"#{{1,2}} {re.escape(heading)}", ln) for ln in lines):
            start = i
            continue
        if start is not None and any(ln.startswith("## ") for ln in lines):
            return nb.cells[start:i]
    return nb.cells[start:] if start is not None else None


def test_table_shape_and_ids():
    assert len(COVERED) >= 60
    ids = [r[0] for r in COVERED] + [r[0] for r in MISSING]
    assert len(ids) == len(set(ids)), "an item is listed twice (or both covered and missing)"
    assert all(len(r) == 7 for r in COVERED) and all(len(r) == 4 for r in MISSING)


def test_missing_list_is_exactly_the_allowed_one():
    assert {r[0] for r in MISSING} == ALLOWED_MISSING


def test_every_outline_and_kind_is_present():
    assert {r[1] for r in COVERED} == {"A", "B", "C", "D", "E"}
    a = {r[2].split()[0] for r in COVERED if r[1] == "A" and r[3] in ("工具", "成果")}
    assert {f"工具{n}" for n in "一二三四五六七八"} | {f"成果{n}" for n in "一二三四五六七"} <= a
    assert sum(r[1] == "C" and r[3] == "工具" and r[2].startswith("工具 ") for r in COVERED) == 10


@pytest.mark.parametrize("row", COVERED, ids=[r[0] for r in COVERED])
def test_row_points_at_a_live_section(row):
    rid, _, item, _, notebook, heading, _ = row
    path = REPO / "notebooks" / notebook
    assert path.exists(), f"{rid}: notebook {notebook} does not exist"
    nb = nbformat.read(path, as_version=4)
    cells = _section(nb, heading)
    assert cells is not None, f"{rid}: no heading '## {heading}' in {notebook}"
    code = [c.source for c in cells if c.cell_type == "code"]
    assert any("isq." in s for s in code), f"{rid}: section '{heading}' of {notebook} has no code cell calling isq"


def test_no_row_is_a_saved_form_only():
    """Issue 14: every row computes or draws something; a bare "worksheet" is not a live element."""
    assert not [r[0] for r in COVERED if r[6].strip().lower() in ("worksheet", "工作表")]


def test_course_guide_lists_every_module():
    """Notebook 00's 课程安排 lists every module notebook (01–17 and the scoreboard)."""
    nb = nbformat.read(REPO / "notebooks" / "00_课程导览.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    names = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb") if not p.name.startswith("00_"))
    assert [n for n in names if f"`{n}`" not in text] == []
    assert "`17_服务意识与文化.ipynb`" in text
