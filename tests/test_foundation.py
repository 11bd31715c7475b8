"""Foundation: packaging in step, the theme renders Chinese, import isq stays light."""

import re
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _req_name(req):
    return re.split(r"[<>=!~ ;\[]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _req_bound(req):
    m = re.search(r">=\s*([0-9][^,; ]*)", req)
    return m.group(1) if m else None


def test_environment_yml_in_step_with_pyproject():
    """Every pyproject dependency (core, test, lab) appears in environment.yml with the same lower bound."""
    pp = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(pp["dependencies"])
    for extra in ("test", "lab"):
        wanted += pp["optional-dependencies"][extra]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    have = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for it in items:
            if it.startswith("-e"):
                continue
            have[_req_name(it)] = _req_bound(it)
    for req in wanted:
        name = _req_name(req)
        assert name in have, f"{name} is in pyproject.toml but not in environment.yml"
        assert have[name] == _req_bound(req), f"{name}: bounds differ ({have[name]} vs {_req_bound(req)})"
    extra = set(have) - {_req_name(r) for r in wanted} - {"python", "pip"}
    assert not extra, f"environment.yml lists packages pyproject.toml does not: {sorted(extra)}"


def test_binder_postbuild_installs_package():
    text = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "pip install" in text and "-e ." in text


def test_chinese_title_renders_without_missing_glyphs(tmp_path):
    """A Chinese chart title renders with the bundled Noto Sans SC: no 'Glyph missing' warning."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import isq

    with isq.theme():
        fig, ax = plt.subplots()
        ax.set_title("服务质量五度：有形性、可靠性、响应性、保证性、移情性")
        ax.set_xlabel("部门互评 −1.5")
        ax.plot([1, 2, 3], [-1, 0, 1])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig.savefig(tmp_path / "zh.png")
        family = matplotlib.rcParams["font.sans-serif"][0]
    assert family == "Noto Sans SC"
    assert (tmp_path / "zh.png").stat().st_size > 5000
    # the theme does not leak out of the context manager
    assert matplotlib.rcParams["font.sans-serif"][0] != "Noto Sans SC"


def test_missing_glyph_would_be_caught():
    """Guard: without the CJK font, matplotlib warns about missing glyphs (so the test above means something)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("有形性")
        with pytest.warns(UserWarning, match="Glyph .* missing from font"):
            fig.canvas.draw()


def test_import_isq_does_not_load_heavy_modules():
    """`import isq` loads neither matplotlib, scipy, statsmodels, papermill nor ipywidgets."""
    code = (
        "import sys, isq; heavy = [m for m in ('matplotlib', 'scipy', 'statsmodels', 'papermill', "
        "'ipywidgets', 'seaborn', 'nbconvert', 'openpyxl') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_theme_is_not_applied_on_import():
    code = "import matplotlib as mpl; before = dict(mpl.rcParams); import isq; isq.use_theme; print(dict(mpl.rcParams) == before)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_cli_help_lists_subcommands():
    out = subprocess.run([sys.executable, "-m", "isq", "--help"], capture_output=True, text=True, check=True)
    for cmd in ("report", "course", "demo", "outcomes"):
        assert cmd in out.stdout


def test_theme_keeps_interactive_mode_switched_on_inside_it():
    """IPython's inline backend turns on interactive mode at the first figure; leaving isq.theme()
    must not turn it off again (every later figure of the notebook would stop showing)."""
    import matplotlib as mpl

    import isq

    before = mpl.rcParams["interactive"]
    try:
        mpl.rcParams["interactive"] = False
        with isq.theme():
            mpl.rcParams["interactive"] = True  # what the inline backend does at the first figure
        assert mpl.rcParams["interactive"] is True
        assert mpl.rcParams["font.sans-serif"][0] != "Noto Sans SC"  # the rest is restored
    finally:
        mpl.rcParams["interactive"] = before


def test_saved_files_are_readable_by_others(tmp_path):
    """Atomic writes (reports, scoreboard, worksheets) respect the umask instead of mkstemp's 0600."""
    import os
    import stat

    import isq

    from isq.delivery.scoreboard_store import save_scoreboard

    board = isq.Scoreboard(["红队", "蓝队"])
    path = save_scoreboard(board, tmp_path / "board.csv")
    mode = stat.S_IMODE(os.stat(path).st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
