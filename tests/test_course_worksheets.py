"""Issue 8: the course notebooks use the worksheet forms where the course has a worksheet."""

import json
from pathlib import Path

import pytest

import isq

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = {"01": {"value_rings", "empathy"}, "02": {"iceberg"}, "07": {"communication"},
            "10": {"abcde", "poa"}, "11": {"cocreation"}}


@pytest.mark.parametrize("module", sorted(EXPECTED))
def test_notebook_offers_its_worksheets(module):
    path = next((ROOT / "notebooks").glob(f"{module}_*.ipynb"))
    nb = json.loads(path.read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in nb["cells"]]
    params = next("".join(c["source"]) for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    assert "team: str" in params and "workshop_dir: str" in params
    for name in EXPECTED[module]:
        cells = [c for c in nb["cells"] if f'isq.worksheet("{name}"' in "".join(c["source"])]
        assert cells, f"{path.name} has no {name} worksheet"
        assert "teaching" in cells[0]["metadata"]["tags"]  # classroom only, never in a client report
    # every worksheet named in notebooks exists in the schema
    from isq.delivery.workshop import worksheet_schemas

    assert EXPECTED[module] <= set(worksheet_schemas())


def test_empty_workshop_dir_writes_outside_the_course(tmp_path, monkeypatch):
    """Run headless (tests, reports), a notebook's worksheet saves to a temporary folder, not the repo."""
    import isq.delivery.workshop as ws

    monkeypatch.setattr(ws, "_TEMP_WORKSHOP", None)
    folder = ws.workshop_folder("")
    assert ROOT not in folder.resolve().parents
    assert ws.workshop_folder("") == folder  # one folder per process
    form = isq.worksheet("iceberg", team="第1组", folder=folder)
    form.save()
    assert (folder / "worksheets" / "iceberg" / "第1组.yaml").exists()
    assert ws.workshop_folder(tmp_path / "w") == tmp_path / "w"
