"""Offline reveal.js slides (issue 11, item 6): ``isq course slides --out DIR``.

The reference implementation is nbconvert's SlidesExporter (``reveal_url_prefix``, template
``reveal``; https://nbconvert.readthedocs.io, "Reveal.js HTML slideshow") with reveal.js 6.0.2
vendored from the npm registry; the decks are checked by loading them in the local Chromium
and asking reveal.js itself (``Reveal.isReady()``, ``Reveal.getTotalSlides()``).
"""

import re
import shutil
from pathlib import Path

import nbformat
import pytest

import isq
from isq.delivery import cli
from isq.delivery.pdf import find_chromium
from isq.delivery.render import external_references
from isq.delivery.slides import REVEAL_DIR, build_slides, default_slide_type, slides_notebook, tag_slides

REPO_NOTEBOOKS = Path(isq.__file__).resolve().parents[1] / "notebooks"
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _md(src, tags=(), **meta):
    c = nbformat.v4.new_markdown_cell(src)
    c.metadata["tags"] = list(tags)
    c.metadata.update(meta)
    return c


def _code(src, tags=()):
    c = nbformat.v4.new_code_cell(src)
    c.metadata["tags"] = list(tags)
    return c


def _notebook(folder, name="01_示例.ipynb", cells=None):
    cells = cells or [
        _md("# 模块 1：示例\n\n学习目标"),
        _code('lang: str = "zh"  # 语言', ["parameters"]),
        _md("## 1. 第一节\n\n讲解文字甲"),
        _code("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2, 3], [3, 1, 2])\nplt.show()",
              ["remove-input"]),
        _md("讲解文字乙\n\n## 2. 第二节\n\n讲解文字丙"),  # a heading inside a cell
        _md("### 小结\n\n子页文字"),
        _md("**练习 1.1** 求和"),
        _code("answer_1_1 = ...  # SECRET_EXERCISE_CODE", ["exercise"]),
        _code("answer_1_1 = 'SECRET_SOLUTION'", ["solution"]),
        _md("SECRET_SOLUTION_TEXT", ["solution"]),
    ]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": dict(KERNEL)})
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)
    return folder / name


def test_default_slide_types_from_headings():
    assert [default_slide_type(_md(s)) for s in ("# a", "## b", "### c", "text", "#nohash")] == [
        "slide", "slide", "subslide", "-", "-"]
    assert default_slide_type(_code("# comment")) == "-"


def test_deck_is_offline_with_slides_images_and_no_code(tmp_path):
    src = tmp_path / "nb"
    _notebook(src)
    out = tmp_path / "slides"
    table = build_slides(out, notebooks=src)
    deck = (out / "01_示例.slides.html").read_text(encoding="utf-8")
    # no external URL anywhere (not even in comments); reveal from a relative path that exists
    assert external_references(deck) == [] and not re.search(r"https?://", deck)
    scripts = re.findall(r'<script src="([^"]+)"', deck)
    links = re.findall(r'<link href="([^"]+)"', deck)
    assert "reveal/dist/reveal.js" in scripts
    for rel in scripts + links:
        assert not rel.startswith(("/", "http")) and (out / rel).is_file(), rel
    assert (out / "reveal" / "LICENSE").read_text().startswith("Copyright (C) 2011-2026 Hakim El Hattab")
    assert (out / "reveal" / "fonts" / "NotoSansSC-Regular.ttf").is_file()
    # one slide per section: title, 第一节, 第二节 (cut out of the middle of a cell)
    top = re.findall(r"<section>\s*<section>", deck)
    assert len(top) >= 3 and table.loc[0, "slides"] == 3
    assert deck.index("讲解文字乙") < deck.index("第二节") < deck.index("讲解文字丙")
    # the chart is an embedded PNG; code, exercise code and solutions are absent
    assert table.loc[0, "images"] == 1 and 'src="data:image/png;base64,' in deck
    for secret in ("plt.subplots", "SECRET_EXERCISE_CODE", "SECRET_SOLUTION", 'lang: str'):
        assert secret not in deck
    assert "练习 1.1" in deck  # the exercise prompt stays
    # the trainer guide is in the speaker notes of the title slide, not on a slide
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', deck, flags=re.S)
    assert len(notes) == 1 and "培训师备注" in notes[0] and "提问：" in notes[0]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="01_示例.slides.html">模块 1：示例</a>' in index and external_references(index) == []


def test_slideshow_metadata_wins_and_tag_slides_keeps_cells(tmp_path):
    path = _notebook(tmp_path / "nb")
    before = nbformat.read(path, as_version=4)
    # a trainer's own choice is kept: the first "## 1" cell set to continue the title slide
    before.cells[2].metadata["slideshow"] = {"slide_type": "-"}
    nbformat.write(before, path)
    n = tag_slides([path])
    after = nbformat.read(path, as_version=4)
    assert [c.id for c in after.cells] == [c.id for c in before.cells]
    assert [c.source for c in after.cells] == [c.source for c in before.cells]
    types = [c.metadata["slideshow"]["slide_type"] for c in after.cells]
    assert types == ["slide", "-", "-", "-", "-", "subslide", "-", "-", "-", "-"]
    assert n == len(after.cells) - 1
    assert tag_slides([path]) == 0  # idempotent
    deck = slides_notebook(after)
    slides = [c.source.split("\n")[0] for c in deck.cells if c.metadata["slideshow"]["slide_type"] == "slide"]
    assert slides == ["# 模块 1：示例", "## 2. 第二节"]
    with pytest.raises(isq.IsqError, match="notebook not found"):
        tag_slides([tmp_path / "missing.ipynb"])


def test_cli_slides_and_tag_slides(tmp_path, capsys, monkeypatch):
    src = tmp_path / "nb"
    path = _notebook(src)
    monkeypatch.setattr("isq.delivery.course._repo_notebooks", lambda: src)
    assert cli.main(["course", "slides", "--out", str(tmp_path / "s"), "--no-execute"]) == 0
    assert "幻灯片：1 个模块，3 页" in capsys.readouterr().out
    assert cli.main(["course", "slides", "--out", str(tmp_path / "s"), "nope"]) == 2
    assert "no course notebook called 'nope'" in capsys.readouterr().err
    assert cli.main(["course", "tag-slides", str(path)]) == 0
    assert "写入 10 个单元格" in capsys.readouterr().out


@pytest.mark.skipif(find_chromium() is None, reason="no local Chromium (apt-get install chromium)")
def test_deck_runs_in_chromium_without_network(tmp_path):
    """reveal.js itself reports the deck ready with its slides; no request leaves file://."""
    pytest.importorskip("playwright")
    from playwright.sync_api import sync_playwright

    src = tmp_path / "nb"
    _notebook(src)
    out = tmp_path / "slides"
    build_slides(out, notebooks=src, execute=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page()
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((out / "01_示例.slides.html").as_uri())
            page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20000)
            total = page.evaluate("Reveal.getTotalSlides()")
            h = page.evaluate("Reveal.getCurrentSlide().querySelector('h1').innerText")
            visible = page.evaluate("Reveal.getCurrentSlide().innerText")
        finally:
            browser.close()
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert total == 4 and h == "模块 1：示例"  # 3 slides, the last with one sub-slide
    assert "培训师备注" not in visible  # speaker notes stay in the speaker view


@pytest.mark.slow
@pytest.mark.skipif(not (REPO_NOTEBOOKS / "03_服务质量五度.ipynb").exists(), reason="no module 03")
def test_repository_module_deck(tmp_path):
    """Module 03 executed: one slide per ## section, the radar and gap charts as images."""
    table = build_slides(tmp_path, names=["03"])
    nb = nbformat.read(REPO_NOTEBOOKS / "03_服务质量五度.ipynb", as_version=4)
    sections = [line for c in nb.cells if c.cell_type == "markdown" and "solution" not in c.metadata.get("tags", [])
                for line in c.source.splitlines() if re.match(r"#{1,2}\s", line)]
    assert table.loc[0, "slides"] >= len(sections) >= 7
    assert table.loc[0, "images"] >= 2
    deck = (tmp_path / table.loc[0, "file"]).read_text(encoding="utf-8")
    assert not re.search(r"https?://", deck) and "isq.check(" not in deck
    assert REVEAL_DIR.joinpath("dist", "reveal.js").is_file() and shutil.which("true")


def test_live_widgets_become_a_note_on_slides_and_vanish_from_handouts():
    """A widget's text fallback (``VBox(children=...)``) never reaches a slide or a handout."""
    from isq.delivery.handouts import handout_notebook

    cell = _code("isq.live_plot(...)", ["teaching"])
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "VBox(children=(Dropdown(description='服务部门'),))",
        "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2, "version_minor": 0}})]
    chart = _code("plot()", ["remove-input"])
    chart.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})]
    nb = nbformat.v4.new_notebook(cells=[_md("# 标题"), cell, chart])
    deck = slides_notebook(nb)
    outputs = [o for c in deck.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs[0]["data"] == {"text/html": '<p class="isq-note">现场演示：请在 JupyterLab 中操作这个交互控件。</p>'}
    assert "image/png" in outputs[1]["data"]
    printed = handout_notebook(nb)
    assert [c.cell_type for c in printed.cells] == ["markdown", "code"]
    assert "VBox" not in str(printed)
