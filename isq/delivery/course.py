"""Course editions: ``isq course build --edition participant|trainer --out DIR``.

The course is the folder ``notebooks/`` of the repository (one ``NN_<中文名>.ipynb`` per
module). Building an edition copies every notebook after checking the notebook contract
(kernelspec ``python3``; the first code cell tagged ``parameters``):

- **participant** (学员版): cells tagged ``solution`` are removed; every output and
  execution count is cleared;
- **trainer** (培训师版): every cell is kept (solutions, teaching cells); outputs are
  cleared too, so the edition is small and runs fresh in class. Solution cells are
  collapsed (JupyterLab's ``jupyter.source_hidden`` / ``outputs_hidden`` cell metadata:
  one click opens them), and a trainer guide (timing, questions to ask, expected answers,
  what to do when the room is small; :mod:`isq.delivery.trainer_guide`) is the first cell
  under the module title and a printable page ``trainer_guides/<notebook>.html``.

Both editions get a ``README.md`` in Chinese listing the modules (from each notebook's
``# 模块 N：…`` title) with their number of exercises.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import IsqError
from .._io import atomic_write_text

__all__ = ["build_course", "cli_course", "find_notebooks", "validate_notebook", "EDITIONS"]

#: Editions and the cell tags each one removes.
EDITIONS = {"participant": ("solution",), "trainer": ()}

_EDITION_ZH = {"participant": "学员版", "trainer": "培训师版"}


def find_notebooks(notebooks=None) -> Path:
    """The course folder: ``notebooks`` if given, else ``notebooks/`` next to the package.

    isq is installed editable from the repository, so the course notebooks live in
    ``<repo>/notebooks``. A clear :class:`isq.IsqError` when the folder is missing.
    """
    if notebooks is None:
        notebooks = _repo_notebooks()
    folder = Path(notebooks)
    if not folder.is_dir():
        raise IsqError(
            f"course notebooks folder not found: '{folder}'. The course is built from the "
            "notebooks/ folder of the isq repository; install isq editable from a clone "
            "(pip install -e .) or pass notebooks=PATH. (找不到课程笔记本文件夹。)"
        )
    files = sorted(folder.glob("*.ipynb"))
    if not files:
        raise IsqError(f"no notebooks (*.ipynb) in '{folder}'. (文件夹中没有 .ipynb 笔记本。)")
    return folder


def _repo_notebooks() -> Path:
    return Path(__file__).resolve().parents[2] / "notebooks"


def _tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def validate_notebook(nb, path="<notebook>"):
    """Check the notebook contract; raise :class:`isq.IsqError` naming the file and the problem.

    Checks: valid nbformat; kernelspec name ``python3``; the first code cell is tagged
    ``parameters``.
    """
    import nbformat

    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as e:
        raise IsqError(f"{path}: not a valid notebook ({e.message}).") from None
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "python3":
        raise IsqError(
            f"{path}: kernelspec name is {kernel!r}; course notebooks must use 'python3' "
            "(metadata.kernelspec.name). (内核必须为 python3。)"
        )
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code or "parameters" not in _tags(code[0]):
        raise IsqError(
            f"{path}: the first code cell must be tagged 'parameters' (papermill's "
            "parameters cell). (第一个代码单元格必须带 parameters 标签。)"
        )
    return nb


def _title(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"#\s+(.+)", line.strip())
                if m:
                    return m.group(1).strip()
    return fallback


def _strip(nb, drop_tags):
    nb.cells = [c for c in nb.cells if not (_tags(c) & set(drop_tags))]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    return nb


def build_course(edition, out, *, notebooks=None):
    """Build the participant or trainer edition of the course into ``out``.

    Parameters
    ----------
    edition : {"participant", "trainer"}
        participant: ``solution`` cells removed; trainer: every cell kept. Outputs and
        execution counts are cleared in both.
    out : str or Path
        Output folder (created); existing notebooks of the same name are replaced.
    notebooks : str or Path, optional
        The course folder; default ``notebooks/`` of the repository.

    Returns
    -------
    DataFrame
        One row per notebook: ``file, title, cells, exercises, solutions_removed``.

    Examples
    --------
    >>> import tempfile
    >>> t = build_course("participant", tempfile.mkdtemp())  # doctest: +SKIP
    """
    import nbformat
    import pandas as pd

    if edition not in EDITIONS:
        raise IsqError(f"`edition` must be one of {', '.join(map(repr, EDITIONS))}; got {edition!r}.")
    folder = find_notebooks(notebooks)
    files = sorted(folder.glob("*.ipynb"))
    loaded = []
    for f in files:  # validate everything before writing anything
        try:
            nb = nbformat.read(f, as_version=4)
        except Exception as e:  # noqa: BLE001 - any parse failure is reported the same way
            raise IsqError(f"{f}: cannot be read as a notebook ({type(e).__name__}: {e}).") from None
        loaded.append((f, validate_notebook(nb, f)))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for f, nb in loaded:
        before = sum("solution" in _tags(c) for c in nb.cells)
        n_ex = sum("exercise" in _tags(c) for c in nb.cells)
        nb = _strip(nb, EDITIONS[edition])
        after = sum("solution" in _tags(c) for c in nb.cells)
        if edition == "trainer":
            nb = _trainer(nb, f, out)
        atomic_write_text(out / f.name, nbformat.writes(nb) + "\n")
        rows.append({"file": f.name, "title": _title(nb, f.stem), "cells": len(nb.cells),
                     "exercises": n_ex, "solutions_removed": before - after})
    table = pd.DataFrame(rows, columns=["file", "title", "cells", "exercises", "solutions_removed"])
    atomic_write_text(out / "README.md", _readme(edition, table))
    return table


#: Tags of the trainer-guide cell at the top of each trainer notebook.
GUIDE_TAGS = ["teaching", "trainer-guide"]


def _trainer(nb, path, out):
    """Collapse solutions, add the trainer guide as a cell and as a printable page."""
    import nbformat

    from .trainer_guide import trainer_guide_html, trainer_guide_markdown

    for cell in nb.cells:
        if "solution" in _tags(cell):
            cell.metadata.setdefault("jupyter", {}).update({"source_hidden": True, "outputs_hidden": True})
    guide = nbformat.v4.new_markdown_cell(trainer_guide_markdown(nb, path.stem))
    guide.metadata["tags"] = list(GUIDE_TAGS)
    first = 1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0
    nb.cells.insert(first, guide)
    atomic_write_text(out / "trainer_guides" / f"{path.stem}.html",
                      trainer_guide_html(nb, path.stem, title=_title(nb, path.stem)))
    return nb


def _readme(edition, table):
    lines = [
        f"# 内部客户服务课程（{_EDITION_ZH[edition]}）",
        "",
        "由 `isq course build` 生成。在 JupyterLab 中按编号顺序打开笔记本；"
        "每个笔记本默认使用内置的示例集团数据，无需准备文件。",
        "",
    ]
    if edition == "participant":
        lines += ["本版本已去掉参考答案（solution 单元格）和所有输出：运行练习单元格即可得到即时反馈。", ""]
    else:
        lines += ["本版本保留参考答案（solution，已折叠，点击展开）和课堂单元格（teaching），输出已清空。"
                  "每个笔记本顶部是本模块的培训师指南，可打印版在 `trainer_guides/` 文件夹中。", ""]
    lines += ["| 文件 | 模块 | 练习数 |", "|---|---|---|"]
    for r in table.itertuples():
        lines.append(f"| [{r.file}]({r.file}) | {r.title} | {r.exercises} |")
    return "\n".join(lines) + "\n"


def cli_course(args) -> int:
    """``isq course build --edition participant|trainer --out DIR``."""
    if getattr(args, "course_command", "build") not in (None, "build"):
        raise IsqError(f"unknown course action {args.course_command!r}; use 'build'.")
    table = build_course(args.edition, args.out, notebooks=getattr(args, "notebooks", None))
    print(f"{_EDITION_ZH[args.edition]}：{len(table)} 个笔记本，{int(table['exercises'].sum())} 道练习 "
          f"-> {Path(args.out) / 'README.md'}")
    return 0
