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
import re
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
#: Free texts of the client's tables (idea and promise titles, standards, hall-check notes, 五星沟通
#: messages): formulas, markup, traversal, mathtext, control characters, a very long text.
HOSTILE_FREE_TEXTS = ["=cmd|' /C calc'!A0", "<script>alert(1)</script>", 'S"><script>alert(1)</script>', "../x",
                      "$x^2$ 与 $y$", "a\x01b\x1fc", "长" * 3000, '=HYPERLINK("http://evil.example","click")']
CLIENT_TEXT_COLUMNS = {"ideas": ("title_zh",), "promises": ("title_zh",), "standards": ("title_zh",),
                       "hall_checks": ("text",), "five_star": ("message",)}


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
        for col in CLIENT_TEXT_COLUMNS.get(f.stem, ()):
            for i in range(min(len(df), len(HOSTILE_FREE_TEXTS))):
                df.loc[i, col] = HOSTILE_FREE_TEXTS[i]
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
    for f in run.import_summary["files"]:  # every row read is kept or excluded, none lost
        assert f["rows_read"] == f["rows_kept"] + f["rows_excluded"], f
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


# --------------------------------------------------------------------------- workshop -> room -> booklet
#: Free texts a participant or a client file may carry (issue 15, item 5): formulas, the DDE
#: payload, markup, an attribute breakout, traversal, mathtext, control characters, a very long text.
HOSTILE_TEXTS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","click")', "<script>alert(1)</script>",
                 'S"><script>alert(1)</script>', "../x", "$x^2$ 与 $y$", "a\x01b\x1fc\x7fd", "长" * 3000,
                 "@SUM(1+1)", "+1+1", "-2+3"]
#: Invalid mathtext: matplotlib raises ValueError when a chart label holds it unescaped.
BAD_MATHTEXT = r"$\frac$ 报销"
#: A team name that can be a file name (no / \ : * ? " < > |) but reads like a formula and mathtext.
HOSTILE_TEAM = "=1+1 $x$ @组"
#: Free-text columns of the workshop tables (codes and scores stay valid, or the file is refused).
WORKSHOP_TEXT_COLUMNS = {"feature_name", "text", "better", "title", "touchpoint"}
DEMO_WORKSHOP = Path(__file__).resolve().parents[1] / "data" / "workshop"


def write_hostile_workshop(ws: Path) -> Path:
    """The demo workshop with team 第1组 renamed HOSTILE_TEAM (file names and contents), a team's
    department name and code hostile, every free-text cell of the team tables and every text
    field of the worksheets replaced by a hostile text."""
    import shutil

    import yaml

    from isq.delivery.workshop import read_worksheet, save_worksheet, worksheet_schema

    shutil.copytree(DEMO_WORKSHOP, ws)
    for p in sorted(ws.rglob("*"), key=lambda p: -len(p.parts)):
        if p.is_file() and p.suffix in (".csv", ".yaml"):
            p.write_bytes(p.read_bytes().replace("第1组".encode(), HOSTILE_TEAM.encode()))
        if "第1组" in p.name:
            p.rename(p.with_name(p.name.replace("第1组", HOSTILE_TEAM)))
    meta_path = ws / "workshop.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    meta["teams"][1].update(department='S"><script>alert(1)</script>', department_name="<script>alert(1)</script>")
    meta["client"] = "=cmd|' /C calc'!A0 <b>客户</b>"
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    k = 0
    for f in sorted(ws.rglob("*.csv")):
        if f.name == "scoreboard.csv":
            continue
        df = pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for col in WORKSHOP_TEXT_COLUMNS & set(df.columns):
            for i in range(len(df)):
                df.loc[i, col] = HOSTILE_TEXTS[k % len(HOSTILE_TEXTS)]
                k += 1
        df.to_csv(f, index=False, encoding="utf-8-sig")
    for f in sorted((ws / "worksheets").rglob("*.yaml")):
        m, values = read_worksheet(f)
        for fd in worksheet_schema(m["worksheet"])["fields"]:
            if fd["type"] in ("text", "long_text"):
                values[fd["name"]] = HOSTILE_TEXTS[k % len(HOSTILE_TEXTS)]
                k += 1
            elif fd["type"] == "table":
                for row in values[fd["name"]]:
                    for c in fd["columns"]:
                        if c["type"] in ("text", "long_text"):
                            row[c["name"]] = HOSTILE_TEXTS[k % len(HOSTILE_TEXTS)]
                            k += 1
        save_worksheet(ws, m["worksheet"], m["team"], values, saved=m.get("saved"))
    return ws


def _room_answers_with_hostile_text(ws: Path):
    """Participants of the hostile team send hostile phrases and ideas through the room; exported."""
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from isq.delivery.room.server import create_app

    token = "trainer-secret-token"
    app = create_app(ws, token=token, code="ABCD", summary_seconds=0)
    with TestClient(app) as room:
        def trainer(body):
            assert room.post("/api/trainer/open", json=body, headers={"X-Room-Token": token}).status_code == 200

        r = room.post("/api/join", json={"code": "abcd", "team": HOSTILE_TEAM, "name": "<i onclick=x>=1+1"})
        assert r.status_code == 200, r.text
        secret = r.json()["secret"]

        def send(activity, answers):
            r = room.post("/api/answer", json={"activity": activity, "answers": answers},
                          headers={"X-Participant": secret})
            assert r.status_code == 200, r.text

        trainer({"activity": "phrases"})
        picked = [HOSTILE_TEXTS[0], HOSTILE_TEXTS[2], HOSTILE_TEXTS[6]]  # the room has three phrase slots
        send("phrases", {str(i + 1): {"kind": "use", "text": t, "better": HOSTILE_TEXTS[3]}
                         for i, t in enumerate(picked)})
        trainer({"activity": "ideas"})
        send("ideas", {"1": {"title": HOSTILE_TEXTS[1][:80], "dimension": "reliability"}})
        room.post("/api/trainer/close", json={}, headers={"X-Room-Token": token})
    return isq.room_export(ws)


def _team_files_of(ws):
    """Every file of the workshop folder and its bytes, except the room's SQLite store (whose
    -wal/-shm files come and go as its connections close)."""
    return {p: p.read_bytes() for p in ws.rglob("*") if p.is_file() and not p.name.startswith("room.sqlite")}


@pytest.fixture(scope="module")
def hostile_booklet(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile_ws")
    ws = write_hostile_workshop(base / "ws")
    exported = _room_answers_with_hostile_text(ws)
    before = _team_files_of(ws)
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        # A control character drawn in a chart label has no glyph: matplotlib warns (the project
        # makes missing glyphs errors, to catch a missing CJK font). Recorded and checked below.
        warnings.filterwarnings("always", r"Glyph (1|31|127) .*missing from font", UserWarning)
        res = isq.build_outcomes(ws, base / "out")
    res["warnings"] = [str(w.message) for w in caught]
    return base, ws, before, exported, res


def test_hostile_workshop_reads_without_raw_errors(hostile_booklet):
    base, ws, before, exported, res = hostile_booklet
    # every file of the hostile workshop is still readable: nothing refused, no chapter lost
    assert res["problems"] == [], res["problems"]
    assert res["missing"] == []
    page = res["html"].read_text(encoding="utf-8")
    assert HOSTILE_TEAM in _html.unescape(page)
    assert 'class="isq-error"' not in page and "Traceback" not in page


def test_booklet_has_no_unescaped_markup(hostile_booklet):
    base, ws, before, exported, res = hostile_booklet
    page = res["html"].read_text(encoding="utf-8")
    tags = _parse(page)
    assert "script" not in tags.tags and "i" not in tags.tags and "b" not in tags.tags[:40]
    assert not [k for k, v in tags.attrs if k.startswith("on")]
    for k, v in tags.attrs:
        if k in ("href", "src"):
            assert not (v or "").lower().startswith(("javascript:", "http:", "https:", "//")), v
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<style>") == 1 and page.count("</style>") == 1


def test_booklet_workbook_has_no_live_formula(hostile_booklet):
    from openpyxl import load_workbook

    base, ws, before, exported, res = hostile_booklet
    book = load_workbook(res["workbook"])
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    texts.add(c.value)
    assert HOSTILE_TEXTS[0] in texts and HOSTILE_TEXTS[1] in texts  # kept, as text


def test_room_exports_defuse_formulas_and_stay_in_the_workshop(hostile_booklet):
    import csv

    base, ws, before, exported, res = hostile_booklet
    files = [Path(f) for fs in exported.values() for f in fs]
    assert files and all(ws.resolve() in f.resolve().parents for f in files)
    phrases = ws / "phrases" / f"{HOSTILE_TEAM}.csv"
    assert phrases in files
    for f in files:
        if f.suffix != ".csv":
            continue
        with open(f, encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    # a cell a spreadsheet would run: = @ always, + - unless a plain number
                    live = cell.startswith(("=", "@", "\t", "\r")) or (
                        cell.startswith(("+", "-")) and not re.fullmatch(r"[+-]?\d+(\.\d+)?", cell))
                    assert not live, (f, cell)
    text = phrases.read_text(encoding="utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text and "<script>alert(1)</script>" in text


def test_booklet_writes_only_to_out(hostile_booklet):
    base, ws, before, exported, res = hostile_booklet
    out = (base / "out").resolve()
    assert _team_files_of(ws) == before  # the booklet never writes there
    for p in base.rglob("*"):
        if p.is_file():
            rp = p.resolve()
            assert out in rp.parents or ws.resolve() in rp.parents, p
    assert sorted(p.name for p in out.iterdir()) == ["课程成果汇编.html", "课程成果汇编.xlsx"]
    assert not (base / "x").exists()


def test_invalid_mathtext_in_a_vote_title_does_not_kill_the_booklet(tmp_path):
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(DEMO_WORKSHOP, ws)
    f = ws / "votes" / "第1组.csv"
    votes = pd.read_csv(f, encoding="utf-8-sig")
    votes.loc[0, "title"] = BAD_MATHTEXT
    votes.to_csv(f, index=False, encoding="utf-8-sig")
    res = isq.build_outcomes(ws, tmp_path / "out")
    assert BAD_MATHTEXT in _html.unescape(res["html"].read_text(encoding="utf-8"))


def test_control_characters_in_a_vote_title_are_not_drawn(tmp_path):
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(DEMO_WORKSHOP, ws)
    f = ws / "votes" / "第1组.csv"
    votes = pd.read_csv(f, encoding="utf-8-sig")
    votes.loc[0, "title"] = "报销\x01清单\x1f"
    votes.to_csv(f, index=False, encoding="utf-8-sig")
    isq.build_outcomes(ws, tmp_path / "out")  # the project turns a missing glyph into an error
