"""The course notebooks in room mode: ``source="room"`` draws the main chart from the room's answers.

(Demo mode, the default, runs under nbval with every other notebook.)
"""

import shutil
from pathlib import Path

import pytest

import isq
from isq.delivery.room.store import RoomStore

ROOT = Path(__file__).resolve().parents[1]
papermill = pytest.importorskip("papermill")


@pytest.mark.slow
@pytest.mark.parametrize("name, activity", [("02_内部客户需求分析", "kano"), ("99_团队积分榜", "quiz")])
def test_notebook_in_room_mode_shows_the_live_panel(tmp_path, name, activity):
    folder = tmp_path / "workshop"
    shutil.copytree(ROOT / "data" / "workshop", folder)
    store = RoomStore(folder)
    if activity == "kano":
        store.open_activity("kano")
        demo = isq.load_demo("kano")
        for k in range(1, 7):
            pid, _ = store.join("第1组", f"学员{k}")
            store.submit(pid, "kano", [(r.feature, {"functional": int(r.functional), "dysfunctional": int(r.dysfunctional)})
                                       for r in demo[demo["respondent"] == f"R{k:03d}"].itertuples()])
    else:
        store.open_activity("quiz", {"id": "q1", "question": "几个维度？", "options": ["3", "5"], "answer": 1})
        pid, _ = store.join("第2组", "小李")
        store.submit(pid, "quiz", [("q1", {"answer": "1"})])
    out = tmp_path / f"{name}.ipynb"
    nb = papermill.execute_notebook(str(ROOT / "notebooks" / f"{name}.ipynb"), str(out),
                                    parameters={"source": "room", "workshop_dir": str(folder)},
                                    kernel_name="python3", cwd=str(ROOT / "notebooks"), progress_bar=False,
                                    start_timeout=120)
    cell = next(c for c in nb.cells if c.get("id") == f"room-{activity}")
    mimes = [m for o in cell.outputs for m in o.get("data", {})]
    assert "application/vnd.jupyter.widget-view+json" in mimes, cell.outputs
    text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
    assert "VBox" in text
