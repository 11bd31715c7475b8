"""Issue 11 item 1: charts appear where a trainer looks (JupyterLab's inline backend).

The Makefile used to export ``MPLBACKEND=Agg`` into every recipe, so ``make lab`` showed no
chart at all and the tests, run with the same setting, never noticed. Here each course
notebook is executed the way JupyterLab runs it: a fresh ``python3`` kernel with
``MPLBACKEND`` unset (ipykernel then selects matplotlib-inline), widget state stored as
JupyterLab keeps it. We count the PNG images in the cell outputs (the inline backend's
figures) and in the widgets' ``Output`` areas, and compare with the minimum each module must
show. The minima are the figures the notebooks draw (counted from their cells, e.g. module
03: the radar, the gap bars, the zone of tolerance, ...), so a regression to an invisible
backend fails at once.
"""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NB = ROOT / "notebooks"

#: notebook prefix -> (minimum images in cell outputs, minimum images inside widgets)
EXPECTED = {
    "00": (0, 0), "01": (2, 0), "02": (4, 0), "03": (2, 1), "04": (1, 0), "05": (2, 0),
    "06": (2, 1), "07": (0, 0), "08": (2, 1), "09": (3, 1), "10": (2, 1), "11": (3, 1),
    "12": (1, 0), "13": (4, 0), "14": (7, 0), "15": (4, 0), "16": (5, 0), "17": (6, 0), "99": (0, 1),
}
PNG_MAGIC = b"\x89PNG"


def _images(outputs):
    n = 0
    for o in outputs:
        data = o.get("data", {})
        if "image/png" in data:
            assert base64.b64decode(data["image/png"])[:4] == PNG_MAGIC
            n += 1
    return n


def count_images(nb):
    """(images in cell outputs, images inside ipywidgets Output areas) of an executed notebook."""
    cells = sum(_images(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code")
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    widgets = sum(_images(m.get("state", {}).get("outputs", [])) for m in state.values()
                  if m.get("model_name") == "OutputModel")
    return cells, widgets


def run_like_jupyterlab(path, tmp_path, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.delenv("MPLBACKEND", raising=False)  # as in `make lab`: the inline backend
    monkeypatch.setenv("ISQ_WORKSHOP_DIR", str(tmp_path / "workshop"))  # never the trainer's folder
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=300, store_widget_state=True,
                   resources={"metadata": {"path": str(NB)}}).execute()
    return nb


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_notebook_shows_charts_under_the_inline_backend(prefix, tmp_path, monkeypatch):
    path = next(NB.glob(f"{prefix}_*.ipynb"))
    nb = run_like_jupyterlab(path, tmp_path, monkeypatch)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: {errors[0]['ename']}: {errors[0]['evalue']}"
    cells, widgets = count_images(nb)
    # one image per plotting cell: none missing, none leaked from a widget's figure
    plotting = sum(1 for c in nb.cells if c.cell_type == "code" and "isq.plot_" in c.source
                   and "live_plot" not in c.source)
    assert cells == plotting, f"{path.name}: {cells} chart(s) in cell outputs for {plotting} plotting cells"
    min_cells, min_widgets = EXPECTED[prefix]
    assert cells >= min_cells, f"{path.name}: {cells} chart(s) in cell outputs, expected ≥ {min_cells}"
    assert widgets >= min_widgets, f"{path.name}: {widgets} chart(s) in widgets, expected ≥ {min_widgets}"


def test_every_drawing_notebook_is_expected_to_show_a_chart():
    """A notebook that calls a plot function or a widget must have a non-zero minimum above."""
    for path in sorted(NB.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        src = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        draws = "isq.plot_" in src or "_widget(" in src or "isq.live_plot" in src
        if draws:
            assert sum(EXPECTED[path.name[:2]]) >= 1, path.name
