"""The synthetic unit batch of benchmarks/bench_report.py reads cleanly and reports every unit."""

import pandas as pd

import isq
from benchmarks.bench_report import RATERS_PER_UNIT, units_client


def test_units_client_is_a_clean_client_of_n_units(tmp_path):
    folder = units_client(tmp_path / "u", 12)
    data = isq.read_data_folder(folder)
    assert all(r.rows_read == r.rows_kept for r in data.reports), data.summary_text()
    sizes = data.department_sizes()
    assert len(sizes) == 12 and set(sizes.values()) == {RATERS_PER_UNIT}
    sq = data.tables["servqual"]
    assert (sq["provider"].astype(str) != sq["department"].astype(str)).all()  # nobody rates their own unit
    assert len(sq) == 12 * RATERS_PER_UNIT * 22
    # deterministic
    again = units_client(tmp_path / "v", 12)
    pd.testing.assert_frame_equal(pd.read_csv(folder / "servqual.csv"), pd.read_csv(again / "servqual.csv"))


def test_company_report_of_many_units_keeps_charts_readable(tmp_path, monkeypatch):
    """40 units: the table lists every unit, the heatmap shows the 30 weakest (not a 22-inch figure)."""
    import pickle
    import re

    import IPython.display
    import matplotlib

    from isq.delivery.overview import CHART_MAX_ROWS
    from isq.delivery.sections import Report

    folder = isq.read_data_folder(units_client(tmp_path / "u", 40))
    path = tmp_path / "inputs.pkl"
    path.write_bytes(pickle.dumps(folder))
    shown, sizes = [], []

    def display(obj, *a, **k):
        if hasattr(obj, "get_size_inches"):
            sizes.append(tuple(obj.get_size_inches()))
        shown.append(getattr(obj, "data", ""))

    monkeypatch.setattr(IPython.display, "display", display)
    with matplotlib.rc_context():
        report = Report(inputs_path=str(path))
        report.section("servqual")
    html = "".join(x for x in shown if isinstance(x, str))
    assert 'class="isq-error"' not in html
    assert f"图中为平均差距最大的 {CHART_MAX_ROWS} 个" in html
    table = html[html.index("各服务部门的五度差距"):]
    assert len(re.findall(r"第\d+营业厅", table.split("</table>")[0])) == 40
    # the figures are embedded PNGs (one <figure> with its caption): their height in inches
    import base64
    import io

    from PIL import Image

    from isq.delivery.views import FIGURE_DPI

    heights = [Image.open(io.BytesIO(base64.b64decode(src))).height / FIGURE_DPI
               for src in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html)]
    assert heights and max(heights + [h for _, h in sizes]) < 0.55 * CHART_MAX_ROWS + 2
