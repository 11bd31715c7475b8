"""Printable participant handouts (学员讲义): ``isq course handouts --out DIR [--programme NAME]``.

A handout is a module's narrative and its exercises with blank answer space (ruled lines in
a box) on A4: no code, no parameters, no solutions, no trainer guide. One handout per module,
or with ``programme=NAME`` one handout for a whole course: its timetable first, then each
module it uses in the order of the timetable. Written as self-contained HTML and, when a local
Chromium is found (:mod:`isq.delivery.pdf`), printed to PDF as well.

By default the notebooks are executed first (headless, inline backend, the default
parameters) so the tables and charts an exercise refers to are printed too; live classroom
widgets (which only work in JupyterLab) are left out. ``execute=False`` prints the text only.
"""

from __future__ import annotations

import copy
import html as _html
import re
from pathlib import Path

from .._io import atomic_write_text

__all__ = ["HANDOUT_DROP_TAGS", "handout_notebook", "handout_html", "build_handouts", "cli_handouts"]

#: Cells with any of these tags never reach a handout.
HANDOUT_DROP_TAGS = ("parameters", "injected-parameters", "solution", "trainer-guide")
#: Ruled lines of blank answer space per exercise.
ANSWER_LINES = 5
_PROMPT = re.compile(r"\*\*练习\s*([0-9A-Za-z.]+)\*\*")

_CSS_EXTRA = """
@page { size: A4; margin: 16mm 15mm 16mm 15mm; }
h2 { page-break-before: auto; margin-top: 1.6em; }
.module { page-break-before: always; }
.module:first-of-type { page-break-before: auto; }
.who { margin: 1em 0 2em; font-size: 1.05em; }
.who span { display: inline-block; min-width: 14em; border-bottom: 1px solid #555; margin-right: 1.5em; }
.answer { border: 1px solid #555; border-radius: 3px; padding: 4px 10px 10px; margin: .4em 0 1.4em;
          page-break-inside: avoid; break-inside: avoid; }
.answer .label { color: #555; font-size: .9em; }
.answer .line { height: 9mm; border-bottom: 1px solid #999; }
.timetable table { page-break-inside: auto; font-size: .85em; }
.timetable tr { page-break-inside: avoid; break-inside: avoid; }
.timetable td { text-align: left; }
.jp-InputArea-prompt, .jp-OutputPrompt, .jp-InputPrompt { display: none; }
"""


def _tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def _answer_box(number):
    lines = "".join('<div class="line"></div>' for _ in range(ANSWER_LINES))
    return (f'<div class="answer"><div class="label">练习 {_html.escape(number)} 作答：</div>'
            f"{lines}</div>")


def handout_notebook(nb):
    """A copy of ``nb`` for print: no code, no solutions; an answer box in place of each exercise."""
    import nbformat

    from .render import clean_for_report
    from .slides import replace_widgets

    nb = copy.deepcopy(nb)
    cells, prompt = [], ""
    for cell in nb.cells:
        tags = _tags(cell)
        if tags & set(HANDOUT_DROP_TAGS):
            continue
        if cell.cell_type == "markdown":
            m = _PROMPT.search(cell.source)
            if m:
                prompt = m.group(1)
            cells.append(cell)
        elif "exercise" in tags:
            box = nbformat.v4.new_markdown_cell(_answer_box(prompt or "?"))
            box.metadata["tags"] = ["answer-box"]
            cells.append(box)
        elif cell.cell_type == "code":
            cells.append(cell)  # outputs only (executed handouts); code is never rendered
    nb.cells = cells
    return clean_for_report(replace_widgets(nb, note=""), drop_tags=HANDOUT_DROP_TAGS)


def _module_body(nb):
    from .render import notebook_body_html

    return notebook_body_html(handout_notebook(nb))


def handout_html(modules, *, title, timetable_html="") -> str:
    """The printable page: a cover line for the name, then each module's body."""
    from .render import _CSS

    esc = _html.escape
    body = "".join(f'<section class="module">{b}</section>' for b in modules)
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{esc(title)} · 学员讲义</title><style>{_CSS}{_CSS_EXTRA}</style></head><body>"
            f"<header><h1>{esc(title)}</h1><p>学员讲义</p>"
            '<div class="who">姓名：<span></span> 部门：<span></span> 小组：<span></span></div></header>'
            f"{timetable_html}<main>{body}</main></body></html>\n")


def _timetable_html(name):
    from .programmes import programme_timetable

    esc = _html.escape
    t = programme_timetable(name)
    rows = "".join(
        f"<tr><td>第 {r['day']} 天</td><td>{esc(r['start'])}–{esc(r['end'])}</td>"
        f"<td>{esc(r['part'] if r['kind'] != 'session' else r['section'] or r['part'])}</td>"
        f"<td>{esc(r['activity_label'])}</td><td>{esc(r['outcome'])}</td></tr>"
        for r in t.to_dict("records"))
    return ('<section class="timetable"><h2>课程安排</h2><table><tr><th>天</th><th>时间</th>'
            f"<th>内容</th><th>活动</th><th>产出</th></tr>{rows}</table></section>")


def build_handouts(out, *, notebooks=None, names=None, programme=None, pdf=None, execute=True,
                   progress=None):
    """Write participant handouts (HTML, and PDF with a local Chromium) into ``out``.

    Parameters
    ----------
    out : str or Path
        Output folder.
    notebooks : str or Path, optional
        The course folder; default ``notebooks/`` of the repository.
    names : list of str, optional
        Only these notebooks (file stem or number, e.g. "03"); ignored with ``programme``.
    programme : str, optional
        One handout for this programme (``isq course programmes``): its timetable and the
        modules it uses, in timetable order.
    pdf : bool, optional
        Print PDFs; default: when a local Chromium is found.
    execute : bool
        Run the notebooks first so charts and tables are printed (default True).

    Returns
    -------
    DataFrame
        One row per handout: ``file, title, exercises, pdf``.
    """
    import pandas as pd

    from .course import _title, find_notebooks
    from .pdf import find_chromium, html_to_pdf
    from .slides import _select, read_notebook

    folder = find_notebooks(notebooks).resolve()
    jobs = []  # (file stem, title, [notebook paths], timetable html)
    if programme is not None:
        from .programmes import load_programme, programme_timetable

        prog = load_programme(programme)
        t = programme_timetable(programme)
        stems = [s for s in dict.fromkeys(t.loc[t["kind"] == "session", "notebook"]) if s]
        jobs.append((programme, prog["title_zh"], _select(folder, stems), _timetable_html(programme)))
    else:
        for f in _select(folder, names):
            jobs.append((f.stem, None, [f], ""))
    if pdf is None:
        pdf = find_chromium() is not None
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for stem, title, files, timetable in jobs:
        bodies, n_ex = [], 0
        for f in files:
            nb = read_notebook(f, folder=folder, execute=execute, progress=progress)
            n_ex += sum("exercise" in _tags(c) for c in nb.cells)
            bodies.append(_module_body(nb))
            title = title or _title(nb, f.stem)
        html_path = out / f"{stem}.html"
        atomic_write_text(html_path, handout_html(bodies, title=title, timetable_html=timetable))
        pdf_path = None
        if pdf:
            pdf_path = html_to_pdf(html_path, out / f"{stem}.pdf")
        rows.append({"file": html_path.name, "title": title, "exercises": n_ex,
                     "pdf": pdf_path.name if pdf_path else ""})
    return pd.DataFrame(rows, columns=["file", "title", "exercises", "pdf"])


def cli_handouts(args) -> int:
    """``isq course handouts --out DIR [--programme NAME] [NOTEBOOK ...]``."""
    import sys

    table = build_handouts(args.out, names=getattr(args, "notebooks", None) or None,
                           programme=getattr(args, "programme", None),
                           pdf=False if getattr(args, "html_only", False) else None,
                           execute=not getattr(args, "no_execute", False),
                           progress=lambda s: print(f"  {s}", file=sys.stderr))
    kind = "PDF + HTML" if table["pdf"].astype(bool).all() else "HTML（未找到 Chromium，未生成 PDF）"
    print(f"学员讲义：{len(table)} 份，{int(table['exercises'].sum())} 道练习，{kind} -> {args.out}")
    return 0
