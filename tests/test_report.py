"""isq report: offline HTML without code, the workbook, failure isolation, privacy, PDF.

These run the real pipeline (papermill + kernels) and take a while: marked slow.
"""

import json
import re
import shutil
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import isq
from isq.delivery.pdf import find_chromium
from isq.delivery.render import external_references
from isq.delivery.report import REPORT_NOTEBOOK, run_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    from isq.data.demo_files import write_demo

    d = tmp_path_factory.mktemp("demo")
    write_demo(d, exports=False)
    return d


@pytest.fixture(scope="module")
def demo_run(demo_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    run = run_report(demo_dir, client="示例集团", out=out, by_department=True, departments=["IT", "LEG", "FIN"],
                     jobs=2, progress=False, log=lambda *a: None)
    return run


def test_demo_reports_are_written(demo_run):
    assert demo_run.ok, [j.error for j in demo_run.jobs if j.error]
    root = demo_run.out_dir
    assert (root / "report.html").exists() and (root / "results.xlsx").exists()
    for d in ("IT", "FIN"):
        assert (root / "departments" / d / "report.html").exists()
    # LEG (4 people, rated by 3) is explained, not reported
    assert not (root / "departments" / "LEG").exists()
    assert [s["department"] for s in demo_run.suppressed] == ["LEG"]
    index = (root / "index.html").read_text(encoding="utf-8")
    assert "法务部" in index and "样本不足" in index
    log = json.loads((root / "run_log.json").read_text(encoding="utf-8"))
    assert log["ok"] and len(log["jobs"]) == 3


def test_html_is_offline_and_has_no_code(demo_run):
    html = (demo_run.out_dir / "report.html").read_text(encoding="utf-8")
    assert external_references(html) == []
    assert "<script" not in html.lower()
    # no code, no parameters, no injected-parameters cell, no tracebacks or warnings
    for needle in ("report.section(", "import isq", "inputs_path", "Traceback", "Warning", "<NA>",
                   "jp-InputArea", "input_area"):
        assert needle not in html, needle
    # the sections and the table of contents, in Chinese
    for heading in ("执行摘要", "服务质量五度", "优先改善决策", "投诉控制", "附录：数据质量"):
        assert heading in html
    assert '<nav class="toc">' in html and html.count("<h2") >= 10
    # the planted shortboard is stated in the executive summary
    assert "短板是“响应性”" in html
    # figures are embedded, not linked
    assert html.count("data:image/png;base64,") >= 8


def test_no_section_failed_on_the_demo(demo_run):
    for path in [demo_run.out_dir / "report.html", *demo_run.out_dir.glob("departments/*/report.html")]:
        html = path.read_text(encoding="utf-8")
        assert 'class="isq-error"' not in html, (path, re.findall(r'isq-error">([^<]+)', html))


def test_workbook_has_the_expected_sheets(demo_run):
    from openpyxl import load_workbook

    wb = load_workbook(demo_run.out_dir / "results.xlsx", read_only=True)
    names = wb.sheetnames
    assert names[0] == "说明"
    for expected in ("各维度期望、感知与差距", "KANO 需求分类", "优先改善决策（前 10 项）", "投诉类别帕累托分析"):
        assert any(n.startswith(expected[:28]) for n in names), (expected, names)
    ws = wb[[n for n in names if n.startswith("各维度期望")][0]]
    header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    assert header[:4] == ["维度", "期望均值", "感知均值", "差距"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    resp = [r for r in rows if r[0] == "响应性"][0]
    assert resp[3] == pytest.approx(-1.30, abs=0.02)  # planted company shortboard


def test_department_report_is_about_that_department(demo_run):
    html = (demo_run.out_dir / "departments" / "IT" / "report.html").read_text(encoding="utf-8")
    assert "信息技术部" in html
    assert "短板是“响应性”" in html  # IT's planted responsiveness gap (about -1.9)
    # company-only sections are not repeated in department reports
    assert "牛眼图" not in html


def test_masked_groups_never_show_figures(demo_run):
    """LEG (rated by 3 respondents) appears only with masked figures in the company tables."""
    from openpyxl import load_workbook

    wb = load_workbook(demo_run.out_dir / "results.xlsx", read_only=True)
    ws = wb[[n for n in wb.sheetnames if n.startswith("各服务部门的五度差距")][0]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    leg = [r for r in rows if r[0] == "法务部"]
    assert leg and all(v is None for v in leg[0][1:6])


def _failing_notebook(tmp_path):
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('if department == "FIN":\n    raise RuntimeError("boom in FIN")'))
    path = tmp_path / "failing.ipynb"
    nbformat.write(nb, path)
    return path


def test_one_department_failure_is_isolated(demo_dir, tmp_path):
    run = run_report(demo_dir, client="隔离测试", out=tmp_path, by_department=True, departments=["FIN", "HR"],
                     jobs=2, progress=False, notebook=_failing_notebook(tmp_path), log=lambda *a: None)
    status = {j.department: j.status for j in run.jobs}
    assert status == {None: "ok", "FIN": "failed", "HR": "ok"}
    fin = [j for j in run.jobs if j.department == "FIN"][0]
    assert "boom in FIN" in fin.error
    assert (run.out_dir / "departments" / "HR" / "report.html").exists()
    # no half-written file looks complete
    assert not (run.out_dir / "departments" / "FIN" / "report.html").exists()
    assert not list(run.out_dir.rglob("*.part"))
    assert "FAILURES" in (run.out_dir / "run_log.txt").read_text(encoding="utf-8")
    # the index says which report failed and why, instead of a bare mark
    index = (run.out_dir / "index.html").read_text(encoding="utf-8")
    assert "生成失败" in index and "boom in FIN" in index


def test_a_dead_kernel_fails_only_its_report(demo_dir, tmp_path):
    """One worker, three reports: the kernel dies in FIN's; the worker starts a new one for HR."""
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('if department == "FIN":\n    import os\n    os._exit(1)'))
    path = tmp_path / "dying.ipynb"
    nbformat.write(nb, path)
    run = run_report(demo_dir, client="内核退出", out=tmp_path / "out", by_department=True, departments=["FIN", "HR"],
                     jobs=1, progress=False, notebook=path, log=lambda *a: None)
    status = {j.department: j.status for j in run.jobs}
    assert status == {None: "ok", "FIN": "failed", "HR": "ok"}, [j.error for j in run.jobs if j.error]
    fin = [j for j in run.jobs if j.department == "FIN"][0]
    assert "DeadKernelError" in fin.error
    assert (run.out_dir / "departments" / "HR" / "report.html").exists()


def test_report_body_is_nbconverts_markup(tmp_path):
    """The lighter exporter renders what nbconvert's HTMLExporter renders (same tree once parsed)."""
    import base64
    import io

    import matplotlib.pyplot as plt
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from isq.delivery.render import notebook_body_html

    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([1, 2])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    png = base64.b64encode(buf.getvalue()).decode()
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[
        v4.new_markdown_cell("## 节 & <b>x</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
        v4.new_code_cell("x", outputs=[
            v4.new_output("display_data", data={"text/html": "<p class='caption'>表 &amp; 图</p><table><tr><td>1</td></tr></table>",
                                                "text/plain": "t"}),
            v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
            v4.new_output("stream", name="stdout", text="打印 <x>\n")]),
    ])
    ours = notebook_body_html(nb)
    theirs, _ = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                             exclude_output_prompt=True, anchor_link_text="").from_notebook_node(nb)
    theirs = re.sub(r'<a class="anchor-link" href="[^"]*">[^<]*</a>', "", theirs)
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs
    assert 'alt="No description has been provided for this image"' in ours


def test_tiny_client_one_department_six_people(tmp_path):
    """A client with one serving department rated by 6 people, one rater group of 3."""
    rng = np.random.default_rng(1)
    items = isq.load_demo("servqual")[["item", "dimension"]].drop_duplicates()
    rows = []
    for r in range(6):
        dept = "SALES" if r < 3 else "PROD"  # SALES has only 3 raters
        for it in items.itertuples():
            rows.append(dict(respondent=f"T{r}", department=dept, provider="OPS", wave="pre", item=it.item,
                             dimension=it.dimension, expectation=int(rng.integers(5, 8)),
                             perception=int(rng.integers(3, 7))))
    data = tmp_path / "client"
    data.mkdir()
    pd.DataFrame(rows).to_csv(data / "servqual.csv", index=False)
    pd.DataFrame({"department": ["OPS", "SALES", "PROD"], "name_zh": ["运营部", "销售部", "生产部"],
                  "headcount": [8, 3, 3]}).to_csv(data / "departments.csv", index=False)
    run = run_report(data, client="小客户", out=tmp_path / "out", by_department=True, jobs=1, progress=False,
                     log=lambda *a: None)
    assert run.ok, [j.error for j in run.jobs]
    assert [j.department for j in run.jobs] == [None, "OPS"]
    assert {s["department"] for s in run.suppressed} == {"SALES", "PROD"}  # rated by nobody
    html = (run.out_dir / "report.html").read_text(encoding="utf-8")
    assert "短板" in html and 'class="isq-error"' not in html
    assert "没有这一部分所需的数据" in html  # missing analyses are explained


def test_bad_parameters_are_rejected_before_running(demo_dir, tmp_path):
    with pytest.raises(isq.IsqError, match="unknown department"):
        run_report(demo_dir, out=tmp_path, by_department=True, departments=["NOPE"], progress=False,
                   log=lambda *a: None)
    with pytest.raises(isq.IsqError, match="`lang` must be 'zh' or 'en'"):
        run_report(demo_dir, out=tmp_path, lang="fr", progress=False, log=lambda *a: None)


def test_bad_input_folder_names_the_file(tmp_path):
    (tmp_path / "servqual.csv").write_text("respondent,provider\nR1,IT\n", encoding="utf-8")
    folder = isq.read_data_folder(tmp_path)
    rep = folder.reports[0]
    assert rep.rows_read == 1 and rep.rows_kept == 0 and "missing required column" in rep.problem


@pytest.mark.skipif(find_chromium() is None, reason="no local Chromium (apt-get install chromium)")
def test_pdf_prints_chinese(demo_run, tmp_path):
    import subprocess

    from isq.delivery.pdf import html_to_pdf

    pdf = html_to_pdf(demo_run.out_dir / "report.html", tmp_path / "r.pdf")
    assert pdf.stat().st_size > 50_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-l", "4", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "内部服务质量诊断报告" in text and "目录" in text


def test_pdf_without_chromium_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("ISQ_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(isq.IsqError, match="needs a local Chromium"):
        run_report(tmp_path, pdf=True, progress=False, log=lambda *a: None)


def test_relative_output_folder_works(demo_dir, tmp_path, monkeypatch):
    """`make report` passes `--out reports` (relative); the kernels run elsewhere, so paths must be absolute."""
    monkeypatch.chdir(tmp_path)
    run = run_report(demo_dir, client="相对路径", out="reports", jobs=1, progress=False, log=lambda *a: None)
    assert run.ok, [j.error for j in run.jobs]
    assert (tmp_path / "reports" / "相对路径" / "report.html").exists()


def test_respondent_level_inputs_do_not_stay_in_the_deliverable(demo_run):
    """The report folder is handed to the client: no pickled inputs, no working files in it."""
    files = [p.relative_to(demo_run.out_dir).as_posix() for p in demo_run.out_dir.rglob("*") if p.is_file()]
    assert not [f for f in files if f.endswith((".pkl", ".json")) and not f.startswith("run_log")], files
    assert not any(part.startswith(".") for f in files for part in f.split("/")), files
