"""Hostile names and texts through the report pipeline: read -> report HTML -> xlsx.

A client's data is untrusted. Department codes, department names, Kano features and complaint
categories below carry a spreadsheet formula (OWASP "CSV injection": cells starting with
``=``, ``+``, ``-``, ``@``), the DDE payload ``=cmd|' /C calc'!A0``, script markup, path
traversal (``../x``), LaTeX-like ``$...$`` text; the client is called ``../x``. Asserted:
every report is produced (no raw exception), no xlsx cell is a live formula (openpyxl
data_type ``f``), no markup from the data reaches a page unescaped, nothing is written outside
``--out``.
"""

import html as _html
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import isq
from isq.delivery.render import css_string, render_template, report_page
from isq.delivery.report import check_inside, run_report, safe_folder_name
from isq.delivery.workbook import write_cell, write_results_workbook

HOSTILE_CODES = {"SAL": 'S"><script>alert(1)</script>', "ADM": "../x"}
HOSTILE_NAMES = {"SAL": "=cmd|' /C calc'!A0", "ADM": "<script>alert(1)</script>", "HR": "$x^2$ 人力 $y$",
                 "IT": "../../etc", "PUR": '=HYPERLINK("http://evil.example","click")', "FIN": r"$\frac$ 财务"}
HOSTILE_FEATURE = '=HYPERLINK("http://evil.example","click")'
HOSTILE_CATEGORY = "@SUM(1+1)"


def write_hostile_client(folder: Path) -> Path:
    """The demo company with hostile department codes, names, a Kano feature and a complaint category."""
    from isq.data.demo_files import write_demo

    folder.mkdir(parents=True, exist_ok=True)
    write_demo(folder, exports=False)
    for f in folder.glob("*.csv"):
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
        if f.stem == "departments":
            for code, name in HOSTILE_NAMES.items():
                df.loc[df["department"] == code, "name_zh"] = name
        for col in ("department", "provider", "rater_department"):
            if col in df:
                df[col] = df[col].replace(HOSTILE_CODES)
        if f.stem == "kano_features":
            df.loc[0, "name_zh"] = HOSTILE_FEATURE
        if f.stem == "complaints":
            df.loc[df["category"] == df["category"].iloc[0], "category"] = HOSTILE_CATEGORY
        df.to_csv(f, index=False)
    return folder


# --------------------------------------------------------------------------- fast unit checks
@pytest.mark.parametrize("payload", ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","click")',
                                     "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "=1+1"])
def test_write_cell_never_writes_a_formula(tmp_path, payload):
    """OWASP CSV injection guidance: text starting with = + - @ tab CR stays text."""
    from openpyxl import Workbook, load_workbook

    wb = Workbook()
    write_cell(wb.active, 1, 1, payload)
    write_cell(wb.active, 1, 2, 3.5)
    wb.save(tmp_path / "x.xlsx")
    ws = load_workbook(tmp_path / "x.xlsx").active
    # (XML stores a CR as a line feed)
    assert ws["A1"].data_type == "s" and ws["A1"].value == payload.replace("\r", "\n") and ws["A1"].quotePrefix
    assert ws["B1"].data_type == "n" and ws["B1"].value == 3.5


def test_results_workbook_with_hostile_text_has_no_formula_and_clean_formats(tmp_path):
    from openpyxl import load_workbook

    table = pd.DataFrame({"部门": [HOSTILE_NAMES["SAL"], "@x", "ok"], "排名": [1.0, 2.0, 3.0],
                          "p": [0.00012, 0.5, 0.03], "均值": [4.25, 3.5, 2.0]}, index=[7, 3, 9])
    path = write_results_workbook({"=title": table}, tmp_path / "r.xlsx", client="=1+1", department="+x")
    wb = load_workbook(path)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    ws = wb[wb.sheetnames[1]]
    assert [c.value for c in ws[1]] == ["部门", "排名", "p", "均值"]  # no stray index column
    assert ws["A2"].value == "=cmd|' /C calc'!A0"
    assert ws["B2"].number_format == "0"  # ranks are whole numbers, not 1.00
    assert ws["C2"].number_format == "0.0000"  # p-values are not 0.00
    assert ws["D2"].number_format == "0.00"
    assert wb["说明"]["B3"].value == "=1+1" and wb["说明"]["B3"].data_type == "s"


def test_saved_result_table_has_no_index_column(tmp_path):
    from isq.delivery.workbook import read_result_tables, save_result_table

    df = pd.DataFrame({"a": [3, 1]}, index=[5, 2])
    save_result_table(tmp_path, "t", df, title="T")
    assert list(read_result_tables(tmp_path)["T"].columns) == ["a"]


@pytest.mark.parametrize("name", ["../x", "..", "a/b", "a\\b", "CON", "nul.txt", "", " . ", "a\x00b",
                                  'S"><script>alert(1)</script>', "x" * 300, "..\\..\\win"])
def test_safe_folder_name_stays_one_harmless_component(name, tmp_path):
    safe = safe_folder_name(name)
    assert safe and "/" not in safe and "\\" not in safe and ".." not in safe
    assert not any(ord(ch) < 32 for ch in safe) and not set('<>:"|?*') & set(safe)
    assert safe.split(".")[0].lower() not in {"con", "nul", "prn", "aux"}
    assert len(safe) <= 60
    assert check_inside(tmp_path / safe, tmp_path).parent == tmp_path.resolve()


def test_safe_folder_names_never_collide():
    used = set()
    names = [safe_folder_name(x, used) for x in ["IT", "it", "a/b", "a_b", "a:b", "IT"]]
    assert len({n.lower() for n in names}) == len(names)
    assert names[0] == "IT" and names[3] == "a_b"  # harmless names are kept as they are


def test_check_inside_refuses_traversal(tmp_path):
    with pytest.raises(isq.IsqError, match="outside the output folder"):
        check_inside(tmp_path / "a" / ".." / ".." / "x", tmp_path / "a")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def _parse(page):
    p = _Tags()
    p.feed(page)
    return p


def test_report_shell_escapes_client_and_department_everywhere():
    evil = '</style><script>alert(1)</script>"\'&'
    page = report_page("<h2>节</h2><p>x</p>", client=evil, department=evil)
    tags = _parse(page)
    assert "script" not in tags.tags
    assert page.count("<style>") == 1 and page.count("</style>") == 1  # nothing broke out of the CSS
    assert _html.escape(evil) in page or "&lt;/style&gt;" in page
    assert css_string('a"b\\c</style>') == '"a\\000022b\\00005cc\\00003c\\00002fstyle\\00003e"'


def test_index_template_escapes_names_and_urls():
    page = render_template("index.html.j2", html_lang="zh-CN", title="<b>t</b>", notes=[],
                           rows=[dict(name="<script>alert(1)</script>", href='x"><script>', status="✓",
                                      seconds="1 s", note=None, failed=False)])
    tags = _parse(page)
    assert "script" not in tags.tags and "b" not in tags.tags
    assert ("href", 'x"><script>') in tags.attrs  # the attribute value stayed one attribute


# --------------------------------------------------------------------------- the whole pipeline
@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    data = write_hostile_client(base / "data")
    before = {p: p.stat().st_mtime_ns for p in data.rglob("*")}
    run = run_report(data, client="../x", out=base / "reports", by_department=True, jobs=2, progress=False,
                     log=lambda *a: None)
    return base, data, before, run


@pytest.mark.slow
def test_hostile_client_gets_every_report(hostile_run):
    base, data, before, run = hostile_run
    assert run.ok, [j.error for j in run.jobs if j.error]
    # every department large enough and not hidden for privacy got its report, hostile names included
    reported = {j.department for j in run.jobs}
    assert {None, "IT", "HR", "PUR", "FIN", "PRD", "../x"} <= reported
    hr = (run.out_dir / "departments" / "HR" / "report.html").read_text(encoding="utf-8")
    assert "$x^2$ 人力 $y$" in hr  # `$` rendered literally
    for page in run.out_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'class="isq-error"' not in text, page  # no analysis failed on the hostile text
        assert "Traceback" not in text and "Error:" not in text, page


@pytest.mark.slow
def test_nothing_is_written_outside_out(hostile_run):
    base, data, before, run = hostile_run
    out = (base / "reports").resolve()
    assert run.out_dir.parent == out
    for p in base.rglob("*"):
        if p.is_file():
            rp = p.resolve()
            assert out in rp.parents or data.resolve() in rp.parents, p
    # the input folder is untouched (nothing added, nothing deleted, nothing changed)
    assert {p: p.stat().st_mtime_ns for p in data.rglob("*")} == before
    assert not (base / "x").exists() and not (base / "reports" / "x").exists()
    assert not list(out.rglob("*.pkl"))


@pytest.mark.slow
def test_no_unescaped_markup_in_any_page(hostile_run):
    base, data, before, run = hostile_run
    pages = list(run.out_dir.rglob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        text = page.read_text(encoding="utf-8")
        tags = _parse(text)
        assert "script" not in tags.tags, page
        assert not [v for k, v in tags.attrs if k.startswith("on")], page
        for k, v in tags.attrs:
            if k in ("href", "src"):
                assert not (v or "").lower().startswith(("javascript:", "http:", "https:", "//")), (page, v)
    index = (run.out_dir / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    for k, v in _parse(index).attrs:  # every link of the index points at a file of this run, inside it
        if k == "href":
            from urllib.parse import unquote

            target = check_inside(run.out_dir / unquote(v), run.out_dir)
            assert target.exists(), v


@pytest.mark.slow
def test_no_live_formula_in_any_workbook(hostile_run):
    from openpyxl import load_workbook

    base, data, before, run = hostile_run
    books = list(run.out_dir.rglob("*.xlsx"))
    assert len(books) >= 7
    texts = set()
    for book in books:
        wb = load_workbook(book)
        for ws in wb:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (book, ws.title, c.coordinate, c.value)
                    if isinstance(c.value, str):
                        texts.add(c.value)
    # the hostile texts are there, as plain text
    assert HOSTILE_FEATURE in texts and HOSTILE_CATEGORY in texts and "../x" in texts


def test_rerun_removes_the_report_of_a_department_no_longer_reported(tmp_path):
    """A department that dropped below the threshold must not keep last run's report; files
    isq did not write, and symlinked folders, are left alone."""
    from isq.delivery.report import _remove_stale_department_reports

    out = tmp_path / "client"
    old = out / "departments" / "OLD"
    (old / "notebooks").mkdir(parents=True)
    for rel in ("report.html", "results.xlsx", "notebooks/report.ipynb"):
        (old / rel).write_text("x")
    keep = out / "departments" / "IT"
    keep.mkdir()
    (keep / "report.html").write_text("x")
    mine = out / "departments" / "NOTES"
    mine.mkdir()
    (mine / "consultant.txt").write_text("mine")
    (mine / "report.html").write_text("x")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "report.html").write_text("precious")
    (out / "departments" / "LINK").symlink_to(outside, target_is_directory=True)
    _remove_stale_department_reports(out, {"IT"})
    assert not old.exists()
    assert (keep / "report.html").exists()
    assert (mine / "consultant.txt").exists() and not (mine / "report.html").exists()
    assert (outside / "report.html").read_text() == "precious"


def test_dollar_names_show_literally_in_charts(tmp_path):
    """matplotlib parses $...$ as mathtext: an invalid one stops the chart, a valid one is
    typeset. Names go through chart_text first, so both print as written."""
    import io

    import matplotlib.pyplot as plt

    from isq.delivery.sections import chart_text

    sat = isq.satisfaction_by(isq.load_demo("satisfaction"), by="provider")
    bad = sat.assign(provider=sat["provider"].replace({"HR": r"$\frac$ 人力", "IT": "$x^2$ 信息"}))
    with isq.theme():
        fig, ax = plt.subplots()
        isq.plot_nps_bars(bad, by="provider", ax=ax)
        with pytest.raises(ValueError):
            fig.savefig(io.BytesIO(), format="png")  # what happened before
        plt.close(fig)
        fig, ax = plt.subplots()
        isq.plot_nps_bars(chart_text(bad, "provider"), by="provider", ax=ax)
        fig.savefig(io.BytesIO(), format="png")
        labels = [t.get_text() for t in ax.get_yticklabels()]
        plt.close(fig)
    assert r"\$\frac\$ 人力" in labels and r"\$x^2\$ 信息" in labels  # escaped: drawn as the literal text
