"""Course modules 00–04: exercise checks, classroom widgets and notebook parameters.

The checks' right answers are the demo company's planted truths (data/README.md): IT's
responsiveness gap −1.87 (truth 1), responsiveness as the company shortboard (truth 2),
IT's gap 1 on responsiveness −1.39 (truth 5), K04 as the M/O close call (truth 6).
"""

from pathlib import Path

import pytest

import isq

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
MODULES = ["00_课程导览", "01_内部客户与服务价值链", "02_内部客户需求分析", "03_服务质量五度", "04_服务质量差距模型"]

# (exercise, right answer, typical wrong answer, words the feedback on the wrong one must contain)
CASES = [
    ("0.1", (8, 160), (7, 160), "法务部"),
    ("0.1", (8, 160), (8, 13464), "答卷的行数"),
    ("0.2", "LEG", "ADM", "10 人"),
    ("1.1", {"a": "职级客户", "b": "职能客户", "c": "工序客户", "d": "流程客户"},
     {"a": "职级客户", "b": "职能客户", "c": "流程客户", "d": "工序客户"}, "情景 c, d"),
    ("1.2", "IT", "FIN", "评价部门（列）"),
    ("2.1", "M", "O", "正向答 1"),
    ("2.2", "M", "O", "接近情形"),
    ("2.3", 0.65, 64.67, "百分数"),
    ("3.1", -1.87, 1.87, "符号反了"),
    ("3.2", "responsiveness", "reliability", "期望最高"),
    ("3.2", "响应性", "tangibles", "最接近 0"),
    ("3.3", "below", "within", "MSA"),
    ("4.1", {"a": 1, "b": 2, "c": 3, "d": 4}, {"a": 1, "b": 3, "c": 2, "d": 4}, "差距 2（标准）"),
    ("4.1", {"a": 1, "b": 2, "c": 3, "d": 4}, {"a": 1, "b": 2, "c": 3, "d": 5}, "差距 5"),
    ("4.2", -1.39, 1.39, "符号反了"),
    ("4.2", -1.39, -1.87, "差距 5"),
]


@pytest.mark.parametrize("exercise, right, wrong, words", CASES)
def test_check_solution_passes_and_typical_wrong_answer_is_explained(exercise, right, wrong, words):
    assert isq.check(exercise, right).passed
    fb = isq.check(exercise, wrong)
    assert not fb.passed
    assert words in fb.message + fb.hint


@pytest.mark.parametrize("exercise", sorted({c[0] for c in CASES}))
def test_unanswered_placeholder_is_recognised(exercise):
    assert "还没有作答" in isq.check(exercise, ...).message


def test_check_answers_match_the_demo_truths():
    """Planted truths 1 and 5 of data/README.md, computed by isq itself."""
    sq = isq.load_demo("servqual")
    pre = sq[sq["wave"] == "pre"]
    g = isq.servqual_gaps(pre[pre["provider"] == "IT"], level="dimension").set_index("dimension")
    assert round(g.loc["responsiveness", "gap"], 2) == -1.87
    gm = isq.gap_model(pre, estimates=isq.load_demo("servqual_estimates"))
    v = gm.query("provider == 'IT' and dimension == 'responsiveness' and gap == 1")["value"].iloc[0]
    assert round(v, 2) == -1.39
    assert isq.servqual_shortboard(isq.servqual_gaps(pre, level="dimension"))["dimension"] == "responsiveness"


def test_kano_vote_widget_headless():
    box = isq.kano_vote(feature="K03")
    box.functional.value, box.dysfunctional.value = 2, 5
    assert box.category == "M"
    box.vote()
    box.functional.value, box.dysfunctional.value = 1, 3
    assert box.category == "A"
    box.vote()
    assert list(box.votes["functional"]) == [2, 1]
    assert box.draws == 2  # the chart of the votes was redrawn after each vote
    box.reset()
    assert box.votes.empty


def test_servqual_explorer_widget_redraws_and_respects_privacy():
    box = isq.servqual_explorer(isq.load_demo("servqual"))
    assert box.last_values == {"provider": "IT", "wave": "pre"}
    assert box.draws == 1
    box.controls["wave"].value = "post"
    assert box.last_values["wave"] == "post" and box.draws == 2
    it_post = box.last_result.set_index("dimension").loc["responsiveness", "gap"]
    box.controls["wave"].value = "pre"
    assert box.last_result.set_index("dimension").loc["responsiveness", "gap"] < it_post  # training helped IT
    box.controls["provider"].value = "LEG"
    assert box.last_result is None and "5" in box.children[1].value


def test_network_and_needs_plots_render():
    import matplotlib.pyplot as plt

    m = isq.peer_matrix(isq.load_demo("peer_ratings"))
    with isq.theme():
        for lang in ("zh", "en"):
            fig, axes = plt.subplots(1, 3, figsize=(15, 5))
            isq.plot_service_network(m, ax=axes[0], lang=lang, names={"IT": "信息技术部"})
            isq.plot_iceberg(ax=axes[1], lang=lang)
            isq.plot_maslow(ax=axes[2], lang=lang, highlight=4)
            fig.canvas.draw()
            plt.close(fig)


def test_network_plot_names_the_missing_column():
    m = isq.peer_matrix(isq.load_demo("peer_ratings")).drop(columns="n")
    with pytest.raises(isq.IsqError, match="'n'"):
        isq.plot_service_network(m)


@pytest.mark.parametrize("name", MODULES)
def test_notebook_parameters_are_documented(name):
    import papermill as pm

    params = pm.inspect_notebook(str(NOTEBOOKS / f"{name}.ipynb"))
    assert {"data_dir", "client", "department", "wave", "lang", "audience", "seed"} <= set(params)
    assert all(p["help"] for p in params.values())
    assert params["lang"]["default"] == '"zh"'


@pytest.mark.parametrize("name", MODULES)
def test_notebook_has_two_exercises_with_solutions_and_no_outputs(name):
    import nbformat

    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    tags = [t for c in nb.cells for t in c.metadata.get("tags", [])]
    assert tags.count("exercise") >= 2 and tags.count("solution") == tags.count("exercise")
    assert nb.cells[1].metadata["tags"] == ["parameters"]
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert len(nb.cells) <= 40
