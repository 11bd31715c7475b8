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
    """The real course: both editions build, parse, and modules 01–17 have ≥ 2 exercises."""
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
    modules = p[p["file"].map(lambda f: bool(re.match(r"(0[1-9]|1[0-7])_", f)))]
    for row in modules.itertuples():
        assert row.exercises >= 2, f"{row.file} has {row.exercises} exercise cells"


def test_trainer_edition_collapses_solutions_and_adds_a_guide(course, tmp_path):
    """Issue 11 item 6: JupyterLab's collapse metadata on solutions, a guide cell and page."""
    from isq.delivery.render import external_references

    out = tmp_path / "t"
    build_course("trainer", out, notebooks=course)
    nb = nbformat.read(out / "01_示例.ipynb", as_version=4)
    sols = [c for c in nb.cells if "solution" in _tags(c)]
    assert [c.metadata["jupyter"] for c in sols] == [{"source_hidden": True, "outputs_hidden": True}] * 2
    assert nb.cells[0].source.startswith("# 模块 1")  # the title stays first
    guide = nb.cells[1]
    assert guide.cell_type == "markdown" and _tags(guide) == {"teaching", "trainer-guide"}
    text = guide.source
    for part in ("时间安排", "提问", "参考答案", "人少时怎么办"):
        assert f"**{part}" in text
    # the expected answer is the notebook's own solution, judged by its check
    assert '练习 1.1：`isq.check("1.1", …)`；参考答案单元格：`answer_1_1 = 2`' in text
    assert "本模块不在任何课程安排中" in text  # 01_示例 is in no programme
    page = (out / "trainer_guides" / "01_示例.html").read_text(encoding="utf-8")
    assert "answer_1_1 = 2" in page and "人少时怎么办" in page and external_references(page) == []
    part = tmp_path / "p"
    build_course("participant", part, notebooks=course)
    pnb = nbformat.read(part / "01_示例.ipynb", as_version=4)
    assert not any("trainer-guide" in _tags(c) for c in pnb.cells)
    assert not (part / "trainer_guides").exists()


@pytest.mark.skipif(not list(REPO_NOTEBOOKS.glob("*.ipynb")), reason="no course notebooks yet")
def test_repository_trainer_guides_follow_the_programmes(tmp_path):
    """Timing in module 05's guide equals the minutes the programmes give notebook 05."""
    from isq.delivery.programmes import programme_json
    from isq.delivery.trainer_guide import notebook_exercises

    build_course("trainer", tmp_path / "t")
    nb = nbformat.read(tmp_path / "t" / "05_服务策略屋与执行分解.ipynb", as_version=4)
    guide = next(c for c in nb.cells if "trainer-guide" in _tags(c)).source
    sessions = programme_json("internal_customer_service_1day")["sessions"]
    minutes = sum(s["minutes"] for s in sessions if s["notebook"] == "05_服务策略屋与执行分解")
    assert minutes == 30 and f"内部客户服务（1 天）：{minutes} 分钟" in guide
    src = nbformat.read(REPO_NOTEBOOKS / "05_服务策略屋与执行分解.ipynb", as_version=4)
    for ex in notebook_exercises(src):
        assert f"练习 {ex['number']}：`isq.check(\"{ex['check']}\"" in guide
    for f in REPO_NOTEBOOKS.glob("*.ipynb"):
        assert (tmp_path / "t" / "trainer_guides" / f"{f.stem}.html").exists()
