"""Offline reveal.js slides from the course notebooks: ``isq course slides --out DIR``.

Each module notebook is executed headless (kernel ``python3``, inline backend, the default
parameters: the demo company) and rendered with nbconvert's ``SlidesExporter`` through the
template ``isq_reveal`` (nbconvert's ``reveal`` template without its CDN scripts) and a
relative ``reveal_url_prefix``: the vendored reveal.js (``isq/delivery/static/reveal``, MIT)
is copied to ``DIR/reveal/`` next to the decks, so the slides open from a USB stick with no
network. Code is hidden; charts are PNGs embedded in the page; parameter cells, exercise
code and solutions never reach a slide (the markdown of an exercise prompt does). The
module's trainer guide (timing, questions to ask) is in the speaker notes of the title slide
(press S in the deck).

Slide boundaries come from each cell's ``slideshow`` metadata (``slide_type``) where the
notebook has it, otherwise from headings (:func:`default_slide_type`): ``#`` and ``##``
start a new slide, ``###`` a sub-slide (down arrow), anything else continues the slide.
:func:`tag_slides` (``isq course tag-slides NOTEBOOK...``) writes that default into the
notebooks' metadata so a trainer can adjust it in JupyterLab's property inspector.
"""

from __future__ import annotations

import copy
import html as _html
import os
import re
import shutil
from pathlib import Path

from ..errors import IsqError
from .._io import atomic_write_text

__all__ = [
    "SLIDE_DROP_TAGS",
    "REVEAL_DIR",
    "default_slide_type",
    "replace_widgets",
    "tag_slides",
    "slides_notebook",
    "execute_notebook",
    "build_slides",
    "cli_slides",
    "cli_tag_slides",
]

#: Cells with any of these tags never reach a slide (exercise: the code cell only).
SLIDE_DROP_TAGS = ("parameters", "injected-parameters", "solution", "exercise", "trainer-guide")
#: The vendored reveal.js (dist files and its MIT licence).
REVEAL_DIR = Path(__file__).resolve().parent / "static" / "reveal"
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_PREFIX = "reveal"  # decks load reveal.js from DIR/reveal/ (relative URL)
_INLINE = "module://matplotlib_inline.backend_inline"


def default_slide_type(cell) -> str:
    """The slide type from headings: ``#``/``##`` -> "slide", ``###`` -> "subslide", else "-"."""
    if cell.get("cell_type") == "markdown":
        first = cell.get("source", "").lstrip().split("\n", 1)[0]
        if re.match(r"#{1,2}\s", first):
            return "slide"
        if re.match(r"###\s", first):
            return "subslide"
    return "-"


def _slide_type(cell):
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def tag_slides(paths, *, overwrite=False) -> int:
    """Write ``slideshow.slide_type`` into notebooks (the heading default); return cells changed.

    Cells that already have a slide type keep it unless ``overwrite=True``. Everything else in
    the notebook (cell ids, tags, sources) is kept; the file is written with nbformat.
    """
    import nbformat

    changed = 0
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise IsqError(f"notebook not found: '{path}'. (找不到笔记本。)")
        nb = nbformat.read(path, as_version=4)
        n = 0
        for cell in nb.cells:
            if _slide_type(cell) and not overwrite:
                continue
            want = default_slide_type(cell)
            if _slide_type(cell) != want:
                cell.metadata.setdefault("slideshow", {})["slide_type"] = want
                n += 1
        if n:
            atomic_write_text(path, nbformat.writes(nb) + "\n")
        changed += n
    return changed


def _split_at_headings(cell):
    """A markdown cell cut before each heading line, so a heading inside a cell starts a slide."""
    lines = cell.source.split("\n")
    cuts = [i for i, line in enumerate(lines) if i > 0 and re.match(r"#{1,3}\s", line)]
    if not cuts:
        return [cell]
    parts, start = [], 0
    for cut in cuts + [len(lines)]:
        text = "\n".join(lines[start:cut]).strip("\n")
        if text:
            part = copy.deepcopy(cell)
            part.source = text
            if start > 0:
                part.metadata.pop("slideshow", None)
                part.metadata["slideshow"] = {"slide_type": default_slide_type(part)}
            parts.append(part)
        start = cut
    for i, part in enumerate(parts[1:], 1):
        part["id"] = f"{cell.get('id', 'cell')}-{i}"[:64]
    return parts


_WIDGET = "application/vnd.jupyter.widget-view+json"
#: What a live widget becomes on a slide or a handout (it only works in JupyterLab / Voilà).
WIDGET_NOTE = '<p class="isq-note">现场演示：请在 JupyterLab 中操作这个交互控件。</p>'


def replace_widgets(nb, note=WIDGET_NOTE):
    """Replace each widget output (its text fallback ``VBox(children=...)``) by a short note."""
    import nbformat

    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            if _WIDGET in out.get("data", {}):
                if note:
                    outputs.append(nbformat.v4.new_output("display_data", data={"text/html": note}))
                continue
            outputs.append(out)
        cell.outputs = outputs
    return nb


def slides_notebook(nb):
    """A copy of an (executed) notebook ready for slides: no code, no solutions, slide types set.

    Slide types from the cells' ``slideshow`` metadata when the notebook has any, else from
    headings; a heading in the middle of a markdown cell also starts a new slide.
    """
    from .render import clean_for_report

    nb = clean_for_report(replace_widgets(copy.deepcopy(nb)), drop_tags=SLIDE_DROP_TAGS)
    tagged = any(_slide_type(c) for c in nb.cells)
    cells = []
    for cell in nb.cells:
        cells += _split_at_headings(cell) if cell.cell_type == "markdown" else [cell]
    nb.cells = cells
    for i, cell in enumerate(nb.cells):
        if not tagged:
            cell.metadata.setdefault("slideshow", {})["slide_type"] = default_slide_type(cell)
        if i == 0:  # a deck starts with a slide whatever the first cell is
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "slide"
    return nb


def execute_notebook(nb, *, cwd, timeout=600, name="the notebook"):
    """Execute ``nb`` in a fresh ``python3`` kernel with the inline backend (charts as PNG)."""
    from nbclient import NotebookClient

    env = {**os.environ, "MPLBACKEND": _INLINE, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(cwd)}})
    try:
        client.execute(env=env, cwd=str(cwd))
    except Exception as e:  # noqa: BLE001 - a failing cell is reported with its notebook
        raise IsqError(f"{name} could not be executed (执行失败): {type(e).__name__}: "
                       f"{str(e).strip()[-600:]}") from None
    return nb


def read_notebook(path, *, folder, execute=False, progress=None):
    """The notebook at ``path`` (executed in ``folder`` when asked), telling ``progress`` its
    name first: what the deck and the handout builders do with each course notebook."""
    import nbformat

    if progress:
        progress(path.stem)
    nb = nbformat.read(path, as_version=4)
    return execute_notebook(nb, cwd=folder, name=path.name) if execute else nb


def _exporter():
    from nbconvert import SlidesExporter

    return SlidesExporter(template_name="isq_reveal", extra_template_basedirs=[str(_TEMPLATES)],
                          reveal_url_prefix=_PREFIX, reveal_theme="white", reveal_transition="none",
                          exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                          anchor_link_text="")


def copy_reveal(out) -> Path:
    """Copy the vendored reveal.js and the bundled CJK font to ``out/reveal`` (the decks' prefix)."""
    from ..plots.theme import cjk_font_path

    target = Path(out) / _PREFIX
    shutil.copytree(REVEAL_DIR, target, dirs_exist_ok=True)
    font = cjk_font_path()  # the bundled Noto Sans SC (zhplot, SIL OFL): Chinese on any projector
    fonts = target / "fonts"
    fonts.mkdir(exist_ok=True)
    if not (fonts / "NotoSansSC-Regular.ttf").exists():
        shutil.copyfile(font, fonts / "NotoSansSC-Regular.ttf")
    for extra in ("OFL.txt",):
        if (font.parent / extra).exists():
            shutil.copyfile(font.parent / extra, fonts / extra)
    return target


def _select(folder, names):
    files = sorted(folder.glob("*.ipynb"))
    if not names:
        return files
    chosen = []
    for name in names:
        stem = Path(name).stem if str(name).endswith(".ipynb") else str(name)
        match = [f for f in files if f.stem == stem or f.stem.split("_", 1)[0] == stem]
        if not match:
            raise IsqError(f"no course notebook called {name!r} in '{folder}'. Available: "
                           f"{', '.join(f.stem for f in files)}. (没有这个笔记本。)")
        chosen += [m for m in match if m not in chosen]
    return chosen


def build_slides(out, *, notebooks=None, names=None, execute=True, progress=None):
    """Write one offline reveal.js deck per module notebook into ``out``.

    Parameters
    ----------
    out : str or Path
        Output folder: ``<notebook>.slides.html`` per module, ``index.html`` and ``reveal/``.
    notebooks : str or Path, optional
        The course folder; default ``notebooks/`` of the repository.
    names : list of str, optional
        Only these notebooks (file stem or its number, e.g. "03").
    execute : bool
        Execute each notebook first so its charts are on the slides (default). ``False``
        uses the outputs stored in the notebook (the course notebooks are stripped).

    Returns
    -------
    DataFrame
        One row per deck: ``file, title, slides, images``.
    """
    import pandas as pd

    from .course import _title, find_notebooks

    folder = find_notebooks(notebooks).resolve()
    files = _select(folder, names)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    copy_reveal(out)
    exporter = _exporter()
    rows = []
    for f in files:
        nb = read_notebook(f, folder=folder, execute=execute, progress=progress)
        deck = slides_notebook(nb)
        _add_speaker_notes(deck, nb, f.stem)
        body, _ = exporter.from_notebook_node(deck, resources={"metadata": {"name": f.stem}})
        body = re.sub(r'<a class="anchor-link" href="[^"]*">[^<]*</a>', "", body)
        body = _strip_css_comments(body)
        name = f"{f.stem}.slides.html"
        atomic_write_text(out / name, body)
        n_slides = sum(_slide_type(c) == "slide" for c in deck.cells)
        rows.append({"file": name, "title": _title(nb, f.stem), "slides": n_slides,
                     "images": body.count('src="data:image/png;base64')})
    table = pd.DataFrame(rows, columns=["file", "title", "slides", "images"])
    atomic_write_text(out / "index.html", _index(table))
    return table


def _add_speaker_notes(deck, nb, stem):
    """The module's trainer guide (timing, questions) as speaker notes of the title slide (key S)."""
    import nbformat

    from .trainer_guide import trainer_guide

    g = trainer_guide(nb, stem)
    lines = ["**培训师备注**（只在演讲者视图中显示）", ""]
    lines += [f"- {t['title']}：{t['minutes']} 分钟" for t in g["timing"]]
    lines += [""] + [f"- 提问：{q}" for q in g["questions"]]
    lines += ["", f"人少时：{g['small_room']}"]
    cell = nbformat.v4.new_markdown_cell("\n".join(lines))
    cell.metadata["slideshow"] = {"slide_type": "notes"}
    deck.cells.insert(1 if deck.cells else 0, cell)


def _strip_css_comments(page: str) -> str:
    """Drop comments inside <style> (nbconvert's CSS cites web pages in them)."""
    return re.sub(r"(<style[^>]*>)(.*?)(</style>)",
                  lambda m: m.group(1) + re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S) + m.group(3),
                  page, flags=re.S)


def _index(table) -> str:
    esc = _html.escape
    items = "".join(f'<li><a href="{esc(r.file)}">{esc(r.title)}</a>（{r.slides} 页）</li>'
                    for r in table.itertuples())
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>课程幻灯片</title>'
            '<style>body{font-family:"Noto Sans SC","Microsoft YaHei",sans-serif;max-width:780px;'
            'margin:2em auto;line-height:1.8}</style></head><body><h1>课程幻灯片</h1>'
            "<p>按 → 翻页，↓ 看子页，S 打开演讲者视图，F 全屏。完全离线，可直接拷贝整个文件夹使用。</p>"
            f"<ol>{items}</ol></body></html>\n")


def cli_slides(args) -> int:
    """``isq course slides --out DIR [NOTEBOOK ...]``."""
    import sys

    table = build_slides(args.out, names=getattr(args, "notebooks", None) or None,
                         execute=not getattr(args, "no_execute", False),
                         progress=lambda s: print(f"  {s}", file=sys.stderr))
    print(f"幻灯片：{len(table)} 个模块，{int(table['slides'].sum())} 页，"
          f"{int(table['images'].sum())} 张图 -> {Path(args.out) / 'index.html'}")
    return 0


def cli_tag_slides(args) -> int:
    """``isq course tag-slides NOTEBOOK...``."""
    n = tag_slides(args.notebooks, overwrite=getattr(args, "overwrite", False))
    print(f"写入 {n} 个单元格的 slideshow 元数据（{len(args.notebooks)} 个笔记本）。")
    return 0
