"""Participant handouts (issue 11, item 6): ``isq course handouts --out DIR [--programme NAME]``.

Layer 1 on a tiny purpose-built notebook, checked in the HTML and, with a local Chromium,
in the printed PDF read back with poppler's ``pdftotext`` (the reference reader of the text
a participant gets on paper); layer 2 on the repository's course for a programme handout.
"""

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

import isq
from isq.delivery import cli
from isq.delivery.handouts import ANSWER_LINES, build_handouts, handout_notebook
from isq.delivery.pdf import find_chromium
from isq.delivery.render import external_references

REPO_NOTEBOOKS = Path(isq.__file__).resolve().parents[1] / "notebooks"
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _cell(kind, source, tags=()):
    c = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
    c.metadata["tags"] = list(tags)
    return c


@pytest.fixture
def course(tmp_path):
    src = tmp_path / "nb"
    src.mkdir()
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": dict(KERNEL)}, cells=[
        _cell("md", "# 模块 1：示例讲义\n\n学习目标：会算差距。"),
        _cell("code", 'lang: str = "zh"  # 语言', ["parameters"]),
        _cell("md", "## 1. 差距\n\n差距等于感知减去期望。"),
        _cell("code", "import isq\nprint('TABLE_OUTPUT_42')", ["remove-input"]),
        _cell("md", "**练习 1.1** 感知 5.5、期望 5.0，差距是多少？"),
        _cell("code", "answer_1_1 = ...  # EXERCISE_CODE\nisq.check('1.1', answer_1_1)", ["exercise"]),
        _cell("code", "answer_1_1 = 'SOLUTION_VALUE_777'", ["solution"]),
        _cell("md", "参考答案讲解 SOLUTION_TEXT_888", ["solution"]),
        _cell("code", "print('LIVE_DEMO_OUTPUT')", ["teaching"]),
        _cell("md", "**练习 1.2** 差距为负说明什么？"),
        _cell("code", "answer_1_2 = ...", ["exercise"]),
        _cell("md", "## 要点\n\n- 负数是缺口。"),
    ])
    nbformat.write(nb, src / "01_示例讲义.ipynb")
    return src


def test_handout_has_narrative_and_answer_space_but_no_code_or_solutions(course, tmp_path):
    out = tmp_path / "h"
    table = build_handouts(out, notebooks=course, pdf=False, execute=False)
    assert table.loc[0, ["file", "title", "exercises", "pdf"]].tolist() == [
        "01_示例讲义.html", "模块 1：示例讲义", 2, ""]
    page = (out / "01_示例讲义.html").read_text(encoding="utf-8")
    assert external_references(page) == [] and "<script" not in page
    for text in ("学习目标：会算差距。", "差距等于感知减去期望。", "练习 1.1", "练习 1.2", "负数是缺口"):
        assert text in page
    assert page.count('<div class="answer">') == 2
    assert page.count('<div class="line"></div>') == 2 * ANSWER_LINES
    assert "练习 1.1 作答" in page and "练习 1.2 作答" in page
    for secret in ("SOLUTION_VALUE_777", "SOLUTION_TEXT_888", "EXERCISE_CODE", "isq.check", "lang: str",
                   "print(", "LIVE_DEMO_OUTPUT"):  # not executed: no output at all
        assert secret not in page, secret
    assert "姓名：" in page and "@page { size: A4" in page
    # each answer box sits after its prompt, before the next section
    assert page.index("练习 1.1") < page.index("练习 1.1 作答") < page.index("练习 1.2") < page.index("要点")


def test_executed_handout_prints_outputs_but_no_code(course, tmp_path):
    out = tmp_path / "h"
    build_handouts(out, notebooks=course, pdf=False, execute=True)
    page = (out / "01_示例讲义.html").read_text(encoding="utf-8")
    assert "TABLE_OUTPUT_42" in page and "LIVE_DEMO_OUTPUT" in page and "print(" not in page
    assert "SOLUTION_VALUE_777" not in page and "EXERCISE_CODE" not in page


def test_handout_notebook_keeps_cell_order():
    nb = nbformat.v4.new_notebook(cells=[
        _cell("md", "**练习 2.1** 甲"), _cell("code", "a = ...", ["exercise"]),
        _cell("code", "a = 1", ["solution"])])
    out = handout_notebook(nb)
    assert [c.cell_type for c in out.cells] == ["markdown", "markdown"]
    assert "练习 2.1 作答" in out.cells[1].source


@pytest.mark.skipif(find_chromium() is None or not shutil.which("pdftotext"),
                    reason="no local Chromium or pdftotext (apt-get install chromium poppler-utils)")
def test_pdf_has_the_prompts_and_no_solution(course, tmp_path):
    out = tmp_path / "h"
    table = build_handouts(out, notebooks=course, execute=False)
    assert table.loc[0, "pdf"] == "01_示例讲义.pdf"
    pdf = out / "01_示例讲义.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info or "A4" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for prompt in ("感知 5.5、期望 5.0，差距是多少？", "差距为负说明什么？", "练习 1.1 作答", "差距等于感知减去期望"):
        assert prompt in text, prompt
    for secret in ("SOLUTION_VALUE_777", "SOLUTION_TEXT_888", "EXERCISE_CODE", "isq.check"):
        assert secret not in text


def test_cli_handouts_and_unknown_programme(course, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("isq.delivery.course._repo_notebooks", lambda: course)
    assert cli.main(["course", "handouts", "--out", str(tmp_path / "h"), "--html-only", "--no-execute"]) == 0
    assert "学员讲义：1 份，2 道练习" in capsys.readouterr().out
    assert (tmp_path / "h" / "01_示例讲义.html").exists()
    assert cli.main(["course", "handouts", "--out", str(tmp_path / "x"), "--programme", "../nope"]) == 2
    assert "unknown programme '../nope'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


@pytest.mark.skipif(not list(REPO_NOTEBOOKS.glob("*.ipynb")), reason="no course notebooks yet")
def test_programme_handout_follows_the_timetable(tmp_path):
    from isq.delivery.programmes import programme_json

    table = build_handouts(tmp_path, programme="internal_customer_service_1day", pdf=False, execute=False)
    page = (tmp_path / "internal_customer_service_1day.html").read_text(encoding="utf-8")
    assert table.loc[0, "title"] == "内部客户服务（1 天）"
    assert "课程安排" in page and "12:15–13:30" in page and "午餐" in page
    stems = list(dict.fromkeys(s["notebook"] for s in programme_json("internal_customer_service_1day")["sessions"]
                               if s["notebook"]))
    titles = []
    n_ex = 0
    for stem in stems:
        nb = nbformat.read(REPO_NOTEBOOKS / f"{stem}.ipynb", as_version=4)
        titles.append(next(line[2:] for c in nb.cells if c.cell_type == "markdown"
                           for line in c.source.splitlines() if line.startswith("# ")))
        n_ex += sum("exercise" in c.metadata.get("tags", []) for c in nb.cells)
    at = page.index("<main>")
    for t in titles:  # modules in the order they are taught
        at = page.index(f"{t}</h1>", at)
    assert table.loc[0, "exercises"] == n_ex == page.count('<div class="answer">')
    assert "answer_0_1 = ..." not in page and "isq.open_data(data_dir)" not in page
    assert external_references(page) == []
