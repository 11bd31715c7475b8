"""Course editions: ``isq course build`` (issue 6, "Also").

Layer 1 on tiny purpose-built notebooks (papermill's fixture-notebook practice), layer 2 on
the repository's course notebooks.
"""

import re
from pathlib import Path

import nbformat
import pytest

import isq
from isq.delivery import cli
from isq.delivery.course import build_course, find_notebooks

REPO_NOTEBOOKS = Path(isq.__file__).resolve().parents[1] / "notebooks"
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _cell(kind, source, tags=(), outputs=True):
    if kind == "markdown":
        c = nbformat.v4.new_markdown_cell(source)
    else:
        c = nbformat.v4.new_code_cell(source)
        if outputs:
            c.execution_count = 3
            c.outputs = [nbformat.v4.new_output("stream", name="stdout", text="42\n")]
    c.metadata["tags"] = list(tags)
    return c


def _write(folder, name, cells, kernel=KERNEL):
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": dict(kernel)})
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)
    return folder / name


@pytest.fixture
def course(tmp_path):
    src = tmp_path / "nb"
    _write(src, "01_示例.ipynb", [
        _cell("markdown", "# 模块 1：示例\n\n学习目标"),
        _cell("code", "lang: str = \"zh\"  # 语言", ["parameters"]),
        _cell("code", "x = 1", ["remove-input"]),
        _cell("markdown", "**练习 1.1** 求和"),
        _cell("code", "answer_1_1 = ...  # 在此作答", ["exercise"]),
        _cell("code", "answer_1_1 = 2", ["solution"]),
        _cell("markdown", "答案讲解", ["solution"]),
        _cell("code", "print(1)", ["teaching"]),
    ])
    return src


def _tags(cell):
    return set(cell.metadata.get("tags", []))


def test_participant_edition_strips_solutions_and_outputs(course, tmp_path):
    out = tmp_path / "p"
    table = build_course("participant", out, notebooks=course)
    nb = nbformat.read(out / "01_示例.ipynb", as_version=4)
    nbformat.validate(nb)
    assert not any("solution" in _tags(c) for c in nb.cells)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert any("teaching" in _tags(c) for c in nb.cells)  # classroom cells stay
    assert table.loc[0, ["title", "exercises", "solutions_removed"]].tolist() == ["模块 1：示例", 1, 2]
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "学员版" in readme and "模块 1：示例" in readme


def test_trainer_edition_keeps_solutions_clears_outputs(course, tmp_path):
    out = tmp_path / "t"
    build_course("trainer", out, notebooks=course)
    nb = nbformat.read(out / "01_示例.ipynb", as_version=4)
    assert sum("solution" in _tags(c) for c in nb.cells) == 2
    assert all(c.outputs == [] for c in nb.cells if c.cell_type == "code")
    assert "培训师版" in (out / "README.md").read_text(encoding="utf-8")


def test_contract_violations_fail_clearly(tmp_path):
    bad = tmp_path / "bad"
    _write(bad, "02_x.ipynb", [_cell("code", "x = 1")])
    with pytest.raises(isq.IsqError, match=r"02_x.ipynb: the first code cell must be tagged 'parameters'"):
        build_course("trainer", tmp_path / "o", notebooks=bad)
    assert not (tmp_path / "o").exists()  # validated before anything is written
    bad2 = tmp_path / "bad2"
    _write(bad2, "03_y.ipynb", [_cell("code", "x = 1", ["parameters"])],
           kernel={"name": "ir", "display_name": "R", "language": "R"})
    with pytest.raises(isq.IsqError, match=r"kernelspec name is 'ir'.*'python3'"):
        build_course("trainer", tmp_path / "o", notebooks=bad2)
    with pytest.raises(isq.IsqError, match=r"course notebooks folder not found"):
        find_notebooks(tmp_path / "missing")
    with pytest.raises(isq.IsqError, match=r"`edition` must be one of 'participant', 'trainer'"):
        build_course("student", tmp_path / "o", notebooks=bad)


def test_cli_builds_edition(course, tmp_path, capsys, monkeypatch):
    out = tmp_path / "cli"
    monkeypatch.setattr("isq.delivery.course._repo_notebooks", lambda: course)
    assert cli.main(["course", "build", "--edition", "participant", "--out", str(out)]) == 0
    assert (out / "01_示例.ipynb").exists()
    assert "学员版" in capsys.readouterr().out


@pytest.mark.skipif(not list(REPO_NOTEBOOKS.glob("*.ipynb")), reason="no course notebooks yet")
def test_repository_course_builds(tmp_path):
    """The real course: both editions build, parse, and modules 01–12 have ≥ 2 exercises."""
    p = build_course("participant", tmp_path / "p")
    t = build_course("trainer", tmp_path / "t")
    assert len(p) == len(t) == len(list(REPO_NOTEBOOKS.glob("*.ipynb")))
    for f in p["file"]:
        part = nbformat.read(tmp_path / "p" / f, as_version=4)
        nbformat.validate(part)
        assert not any("solution" in _tags(c) for c in part.cells), f
        assert all(not c.get("outputs") for c in part.cells), f
        train = nbformat.read(tmp_path / "t" / f, as_version=4)
        src = nbformat.read(REPO_NOTEBOOKS / f, as_version=4)
        assert sum("solution" in _tags(c) for c in train.cells) == sum(
            "solution" in _tags(c) for c in src.cells), f
    modules = p[p["file"].map(lambda f: bool(re.match(r"(0[1-9]|1[0-2])_", f)))]
    for row in modules.itertuples():
        assert row.exercises >= 2, f"{row.file} has {row.exercises} exercise cells"
