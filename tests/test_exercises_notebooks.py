"""Course notebooks: exercises follow the parameters; no answer is shown above its exercise.

Layer 3 (notebooks executed end to end, as papermill and JupyterLab run them):

- each module notebook runs under non-default parameters (module 03 with ``wave="post"``,
  module 04 for another department, module 06 on the other journey ...): every solution
  cell's check passes, and the demo company's answer, entered in the exercise cell, is
  rejected wherever the right answer differs;
- the participant edition (``isq course build --edition participant``) executes; every
  exercise cell shows its answer box, and no output (and no narrative) before an exercise
  gives its answer away.
"""

import re
from pathlib import Path

import nbformat
import pytest

import isq

pytestmark = pytest.mark.slow

NOTEBOOKS = Path(isq.__file__).resolve().parents[1] / "notebooks"
EXERCISE_ID = re.compile(r'isq\.(?:answer_box|check)\("([\d.]+)"')

# module, non-default parameters, the demo company's answers (default parameters) that must now be rejected
RUNS = [
    ("01_", {"wave": "post"}, {"1.2": '"IT"'}),
    ("03_", {"wave": "post"}, {"3.1": "-1.87", "3.3": '"below"'}),
    ("03_", {"department": "HR"}, {"3.3": '"below"'}),
    ("04_", {"department": "HR", "wave": "post"}, {"4.2": "-1.39"}),
    ("06_", {"journey": "onboarding"}, {"6.1": '"等待审批"'}),
    ("08_", {"wave": "post"}, {}),
    ("11_", {"provider": "HR"}, {}),
    # the modules whose answers do not depend on a parameter: their solutions pass on the defaults
    ("02_", {}, {}), ("05_", {}, {}), ("07_", {}, {}), ("09_", {"focus_department": "HR"}, {}),
    ("10_", {}, {}), ("12_", {"focus_department": "HR"}, {}),
]


def _tags(cell):
    return set(cell.metadata.get("tags", []))


def _text(cell):
    """Every text an executed cell shows (streams, text/plain, text/html)."""
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(out["text"])
        for mime in ("text/plain", "text/html"):
            if mime in out.get("data", {}):
                parts.append(out["data"][mime])
    return "\n".join("".join(p) if isinstance(p, list) else p for p in parts)


def _execute(path, out, parameters=None):
    import papermill

    papermill.execute_notebook(str(path), str(out), parameters=parameters or {}, kernel_name="python3",
                               cwd=str(NOTEBOOKS), progress_bar=False)
    return nbformat.read(out, as_version=4)


def _with_demo_probes(nb, demo):
    """After each solution cell, a copy of the exercise cell answered with the demo's answer."""
    exercises = {EXERCISE_ID.search(c.source).group(1): c for c in nb.cells if "exercise" in _tags(c)}
    cells = []
    for c in nb.cells:
        cells.append(c)
        m = EXERCISE_ID.search(c.source)
        if "solution" in _tags(c) and c.cell_type == "code" and m and m.group(1) in demo:
            n = m.group(1)
            var = "answer_" + n.replace(".", "_")
            src = re.sub(rf"^{var} = \.\.\..*$", f"{var} = {demo[n]}", exercises[n].source, flags=re.M)
            probe = nbformat.v4.new_code_cell(src.replace("isq.answer_box(", "isq.check("))
            probe.metadata["tags"] = ["demo-probe"]
            probe.metadata["exercise"] = n
            cells.append(probe)
    nb.cells = cells
    return nb


@pytest.mark.parametrize("prefix, parameters, demo", RUNS, ids=[r[0] + (",".join(f"{k}={v}" for k, v in r[1].items()) or "defaults") for r in RUNS])
def test_exercises_follow_the_parameters(prefix, parameters, demo, tmp_path):
    src = next(NOTEBOOKS.glob(prefix + "*.ipynb"))
    nb = _with_demo_probes(nbformat.read(src, as_version=4), demo)
    nbformat.write(nb, tmp_path / src.name)
    done = _execute(tmp_path / src.name, tmp_path / ("out_" + src.name), parameters)
    solutions = [c for c in done.cells if "solution" in _tags(c) and EXERCISE_ID.search(c.source)]
    assert solutions
    for c in solutions:  # the solution, computed from the notebook's data, is accepted
        assert "✓ 练习" in _text(c), (EXERCISE_ID.search(c.source).group(1), _text(c))
    probes = {c.metadata["exercise"]: _text(c) for c in done.cells if "demo-probe" in _tags(c)}
    assert set(probes) == set(demo)
    for n, shown in probes.items():  # the demo company's answer is not right here
        assert "✗ 练习" in shown, (n, shown)


def _demo_values():
    """The answers (default parameters) whose printing above an exercise would give it away."""
    sq = isq.load_demo("servqual")
    pre = sq[sq["wave"] == "pre"]
    it = isq.servqual_gaps(pre[pre["provider"] == "IT"], level="dimension").set_index("dimension")
    gm = isq.gap_model(pre, estimates=isq.load_demo("servqual_estimates"))
    g1 = gm.query("provider == 'IT' and dimension == 'responsiveness' and gap == 1")["value"].iloc[0]
    better = isq.kano_summary(isq.load_demo("kano")).set_index("feature").loc["K03", "better"]
    return {
        # exercise: (strings no output before it may contain, strings no narrative before it may contain)
        "2.2": (["category_rule"], []),
        "2.3": ([f"{better:.2f}", "category_rule"], []),
        "3.1": ([f"{it.loc['responsiveness', 'gap']:.2f}"], []),
        "3.2": (["runner_up", "excludes_zero"], ["缺口在响应性"]),
        "3.3": (["below", "低于容忍区"], []),
        "4.2": ([f"{g1:.2f}"], []),
        "6.1": ([], ["\"等待审批\"和\"被退回修改\"都是痛点"]),
        "8.2": (["leniency"], ["销售部那一**列**"]),
        "9.1": (["vital_few"], ["响应慢、流程繁琐、推诿扯皮"]),
        "11.1": (["quadrant", "low_priority", "低优先"], []),
        "12.2": (["significant"], ["HR、ADM、IT"]),
    }


def test_participant_edition_shows_answer_boxes_and_gives_nothing_away(tmp_path):
    from isq.delivery.course import build_course

    build_course("participant", tmp_path / "p")
    markers = _demo_values()
    checked, boxes = set(), 0
    for path in sorted((tmp_path / "p").glob("[01][0-9]_*.ipynb")):
        if not 1 <= int(path.name[:2]) <= 12:
            continue
        done = _execute(path, tmp_path / ("out_" + path.name))
        assert not any("solution" in _tags(c) for c in done.cells)
        shown, narrative = [], []
        for c in done.cells:
            if "exercise" in _tags(c):
                n = EXERCISE_ID.search(c.source).group(1)
                if "isq.answer_box(" in c.source:
                    assert _text(c).startswith(f"答题框：练习 {n}"), (path.name, n, _text(c)[:200])
                    boxes += 1
                outputs, texts = markers.get(n, ([], []))
                before = "\n".join(shown)
                for m in outputs:
                    assert m not in before, f"{path.name}: {m!r} is shown before exercise {n}"
                for m in texts:
                    assert m not in "\n".join(narrative), f"{path.name}: {m!r} is written before exercise {n}"
                checked.add(n)
            if c.cell_type == "code":
                shown.append(_text(c))
            else:
                narrative.append(c.source)
    assert boxes >= 27  # every exercise of modules 01–12 built here has its answer box
    assert set(markers) <= checked


def test_answer_box_and_code_route_help_in_a_real_kernel(tmp_path):
    """In an ipykernel (as in JupyterLab): the box renders as a widget; once shown, an answer line
    with unquoted Chinese or IME punctuation is read as typed text instead of raising NameError."""
    cells = [
        nbformat.v4.new_code_cell("import isq\nisq.answer_box(\"3.1\")"),
        nbformat.v4.new_code_cell("answer_3_2 = 可靠性\nisq.answer_box(\"3.2\", answer_3_2)"),
        nbformat.v4.new_code_cell("answer_1_1 = {“a”: “职级客户”, “b”: “职能客户”, “c”: “工序客户”, “d”: “流程客户”}\n"
                                  "isq.check(\"1.1\", answer_1_1)"),
        nbformat.v4.new_code_cell("answer_3_1 = −1.87\nisq.check(\"3.1\", answer_3_1)"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                        "language": "python"}})
    nbformat.write(nb, tmp_path / "box.ipynb")
    done = _execute(tmp_path / "box.ipynb", tmp_path / "out.ipynb")
    first = done.cells[0].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in first and first["text/plain"].startswith("答题框：练习 3.1")
    assert "你的答案理解为：可靠性（reliability）" in _text(done.cells[1]) and "✗ 练习 3.2" in _text(done.cells[1])
    assert "你的答案理解为：情景 a：职级客户" in _text(done.cells[2]) and "✓ 练习 1.1" in _text(done.cells[2])
    assert "你的答案理解为：−1.87" in _text(done.cells[3]) and "✓ 练习 3.1" in _text(done.cells[3])


#: Modules 14 and 17 (issue 14): exercise -> (strings no output before it may contain, strings no
#: narrative before it may contain). Their room exercises (14.4, 17.2, 17.4 ...) are read off the
#: chart above them by design; the quizzes must not be answered by what comes before them.
QUIZ_MARKERS = {
    "14_": {},
    "17_": {"17.1": (["关怀、合作、沟通"], ["关怀"]),
            "17.3": ([], ["志同道合的目标意识（团队）", "团队的特征："]),
            "17.12": (["难忘"], ["| 产品属性 |", "体验难忘"])},
}


@pytest.mark.parametrize("prefix", sorted(QUIZ_MARKERS))
def test_modules_14_and_17_solutions_pass_and_participant_edition_gives_nothing_away(prefix, tmp_path):
    from isq.delivery.course import build_course

    src = next(NOTEBOOKS.glob(prefix + "*.ipynb"))
    done = _execute(src, tmp_path / ("trainer_" + src.name))
    solutions = [c for c in done.cells if "solution" in _tags(c) and EXERCISE_ID.search(c.source)]
    assert solutions and all("✓ 练习" in _text(c) for c in solutions), [_text(c)[:120] for c in solutions]
    build_course("participant", tmp_path / "p")
    part = _execute(tmp_path / "p" / src.name, tmp_path / ("out_" + src.name))
    assert not any("solution" in _tags(c) for c in part.cells)
    shown, narrative, boxes = [], [], 0
    for c in part.cells:
        if "exercise" in _tags(c):
            n = EXERCISE_ID.search(c.source).group(1)
            assert _text(c).startswith(f"答题框：练习 {n}"), (n, _text(c)[:200])
            boxes += 1
            outputs, texts = QUIZ_MARKERS[prefix].get(n, ([], []))
            assert not [m for m in outputs if m in "\n".join(shown)], n
            assert not [m for m in texts if m in "\n".join(narrative)], n
        if c.cell_type == "code":
            shown.append(_text(c))
        else:
            narrative.append(c.source)
    assert boxes == len(solutions)
