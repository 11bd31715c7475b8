"""Trainer guides (培训师指南): one per course module, for the trainer edition.

A guide has four parts:

- **timing** (时间安排): computed from the programmes (``isq/data/programmes/``): in each
  programme, the minutes and sections this module's notebook is taught;
- **questions to ask** (提问) and **what to do when the room is small** (人少时怎么办):
  package data, ``isq/data/trainer_guides.yaml`` (per module, with a default);
- **expected answers** (参考答案): from the notebook itself: each exercise prompt, the
  ``isq.check`` that judges it and the solution cell that computes the answer from the
  notebook's own data and parameters (nothing is copied into the guide by hand).

It is rendered as a markdown cell at the top of each trainer notebook and as a printable
A4 page (``isq course build --edition trainer`` writes ``trainer_guides/<notebook>.html``).
"""

from __future__ import annotations

import functools
import html as _html
import re
from pathlib import Path

__all__ = ["trainer_guide", "trainer_guide_markdown", "trainer_guide_html", "notebook_exercises"]

_GUIDES = Path(__file__).resolve().parents[1] / "data" / "trainer_guides.yaml"
_CHECK = re.compile(r"""isq\.(?:check|answer_box)\(\s*["']([^"']+)["']""")
_PROMPT = re.compile(r"\*\*练习\s*([0-9A-Za-z.]+)\*\*")


@functools.lru_cache(maxsize=1)
def _guides() -> dict:
    import yaml

    return yaml.safe_load(_GUIDES.read_text(encoding="utf-8"))


def _tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def notebook_exercises(nb) -> list[dict]:
    """Exercises of a notebook: ``number, prompt, check, solution`` per exercise cell.

    ``prompt`` is the markdown cell that introduces it ("**练习 N.M** …"), ``check`` the
    exercise id passed to ``isq.check``, ``solution`` the source of the solution cells that
    follow it (the computation of the expected answer).
    """
    out, prompt = [], ""
    current = None
    for cell in nb.cells:
        tags = _tags(cell)
        if cell.cell_type == "markdown" and "solution" not in tags and _PROMPT.search(cell.source):
            prompt = cell.source.strip()
        if "exercise" in tags and cell.cell_type == "code":
            m = _CHECK.search(cell.source)
            pm = _PROMPT.search(prompt)
            number = pm.group(1) if pm else (m.group(1) if m else "")
            current = {"number": number, "prompt": prompt, "check": m.group(1) if m else number,
                       "solution": []}
            out.append(current)
        elif "solution" in tags and cell.cell_type == "code" and current is not None:
            current["solution"].append(cell.source.strip())
    for ex in out:
        ex["solution"] = "\n".join(s for s in ex["solution"] if s)
    return out


def _timing(stem):
    from .programmes import load_programme, programme_names, programme_timetable

    rows = []
    for name in programme_names():
        t = programme_timetable(name)
        mine = t[(t["kind"] == "session") & (t["notebook"] == stem)]
        if mine.empty:
            continue
        prog = load_programme(name)
        sections = list(dict.fromkeys(mine["section"]))
        rows.append({"programme": name, "title": prog["title_zh"], "minutes": int(mine["minutes"].sum()),
                     "sections": sections,
                     "slots": [f"第 {r.day} 天 {r.start}–{r.end}" for r in mine.itertuples()]})
    return rows


def trainer_guide(nb, stem) -> dict:
    """The guide of one module: ``module, timing, questions, exercises, small_room``."""
    guides = _guides()
    key = stem.split("_", 1)[0]
    entry = {**guides.get("default", {}), **(guides.get(key) or {})}
    return {"module": stem, "timing": _timing(stem), "questions": list(entry.get("questions", [])),
            "exercises": notebook_exercises(nb), "small_room": entry.get("small_room", "").strip()}


def trainer_guide_markdown(nb, stem) -> str:
    """The guide as the markdown of the first cell of a trainer notebook."""
    g = trainer_guide(nb, stem)
    lines = ["## 培训师指南（学员版中没有这一格）", "", "**时间安排**（来自课程安排 `isq course programme`）", ""]
    if g["timing"]:
        for t in g["timing"]:
            lines.append(f"- {t['title']}：{t['minutes']} 分钟（{'；'.join(t['slots'])}），"
                         f"章节：{'、'.join(t['sections'])}")
    else:
        lines.append("- 本模块不在任何课程安排中：作为课后阅读或按需选讲。")
    lines += ["", "**提问**", ""] + [f"- {q}" for q in g["questions"]]
    lines += ["", "**参考答案**（由本笔记本折叠的参考答案单元格根据当前数据和参数计算，`isq.check` 判定）", ""]
    if g["exercises"]:
        for ex in g["exercises"]:
            code = ex["solution"].replace("\n", "; ") if ex["solution"] else "（无参考答案单元格）"
            lines.append(f"- 练习 {ex['number']}：`isq.check(\"{ex['check']}\", …)`；参考答案单元格：`{code}`")
    else:
        lines.append("- 本模块没有练习。")
    lines += ["", "**人少时怎么办**", "", g["small_room"]]
    return "\n".join(lines)


def trainer_guide_html(nb, stem, *, title=None) -> str:
    """The guide as a printable A4 page (self-contained, no external reference)."""
    from .render import _CSS

    esc = _html.escape
    g = trainer_guide(nb, stem)
    title = title or stem
    parts = [f"<h1>培训师指南 · {esc(title)}</h1>", "<h2>时间安排</h2>"]
    if g["timing"]:
        parts.append("<table><tr><th>课程</th><th>分钟</th><th>时间</th><th>章节</th></tr>" + "".join(
            f"<tr><td>{esc(t['title'])}</td><td>{t['minutes']}</td><td>{esc('；'.join(t['slots']))}</td>"
            f"<td>{esc('、'.join(t['sections']))}</td></tr>" for t in g["timing"]) + "</table>")
    else:
        parts.append("<p>本模块不在任何课程安排中：作为课后阅读或按需选讲。</p>")
    parts.append("<h2>提问</h2><ul>" + "".join(f"<li>{esc(q)}</li>" for q in g["questions"]) + "</ul>")
    parts.append("<h2>参考答案</h2><p>答案由笔记本中的参考答案单元格根据当前数据和参数计算，"
                 "<code>isq.check</code> 判定；在培训师版中运行该单元格即可看到本班数据的答案。</p>")
    for ex in g["exercises"]:
        prompt = re.sub(r"\*\*(.+?)\*\*", r"\1", ex["prompt"])
        parts.append(f"<h3>练习 {esc(ex['number'])}</h3><p>{esc(prompt)}</p>"
                     f"<pre>{esc(ex['solution'] or '（无参考答案单元格）')}</pre>")
    parts.append(f"<h2>人少时怎么办</h2><p>{esc(g['small_room'])}</p>")
    css = _CSS + "h2 { page-break-before: auto; } pre { background: #f6f8fa; padding: 6px 10px; }"
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>培训师指南 · {esc(title)}</title><style>{css}</style></head><body><main>"
            + "".join(parts) + "</main></body></html>\n")
