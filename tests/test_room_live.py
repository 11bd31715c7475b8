"""Notebook side of the live room: the open/close widget and charts that redraw as answers come in."""

import shutil
import time
from pathlib import Path

import pytest

import isq
from isq.delivery.room.store import RoomStore

pytest.importorskip("ipywidgets")

DEMO_WORKSHOP = Path(__file__).resolve().parents[1] / "data" / "workshop"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def workshop(tmp_path):
    folder = tmp_path / "workshop"
    shutil.copytree(DEMO_WORKSHOP, folder)
    return folder


def _kano_answers(store, n, start=1):
    demo = isq.load_demo("kano")
    for k in range(start, start + n):
        pid, _ = store.join("第1组", f"学员{k}")
        rows = demo[demo["respondent"] == f"R{k:03d}"]
        store.submit(pid, "kano", [(r.feature, {"functional": int(r.functional), "dysfunctional": int(r.dysfunctional)})
                                   for r in rows.itertuples()])


def test_room_live_redraws_on_new_answers(workshop):
    store = RoomStore(workshop)
    store.open_activity("kano")
    box = isq.room_live(workshop, "kano", live=False, expected=30)
    assert box.redraws == 0 and bytes(box.image.value) == b"" and "已收到 0/30" in box.progress.value
    _kano_answers(store, 6)
    box.refresh()
    assert box.redraws == 1 and bytes(box.image.value).startswith(PNG)
    assert "已收到 6/30" in box.progress.value


def test_room_live_timer_redraws_within_a_second(workshop):
    store = RoomStore(workshop)
    store.open_activity("kano")
    _kano_answers(store, 5)
    box = isq.room_live(workshop, "kano", live=True, interval=0.1)
    try:
        first = box.image.value
        assert box.redraws == 1 and bytes(first).startswith(PNG)
        _kano_answers(store, 3, start=6)
        t0 = time.monotonic()
        while box.redraws < 2 and time.monotonic() - t0 < 5:
            time.sleep(0.02)
        waited = time.monotonic() - t0
        assert box.redraws >= 2 and box.image.value != first
        assert waited < 1.5, f"redrawn after {waited:.2f} s"
        assert "已收到 8/8" in box.progress.value
    finally:
        box.stop()


def test_room_live_servqual_and_conflict_charts(workshop):
    store = RoomStore(workshop)
    store.open_activity("conflict")
    for k in range(5):
        pid, _ = store.join("第2组", f"学员{k}")
        store.submit(pid, "conflict", [(f"CM{i:02d}", {"score": 1 + (i + k) % 5}) for i in range(1, 15)])
    assert bytes(isq.room_live(workshop, "conflict", live=False).image.value).startswith(PNG)
    store.open_activity("servqual")
    demo = isq.load_demo("servqual")
    demo = demo[(demo["provider"] == "HR") & (demo["wave"] == "pre")].dropna(subset=["expectation", "perception"])
    for rid in list(dict.fromkeys(demo["respondent"]))[:5]:
        pid, _ = store.join("第3组", rid)
        store.submit(pid, "servqual", [(r.item, {"expectation": int(r.expectation), "perception": int(r.perception)})
                                       for r in demo[demo["respondent"] == rid].itertuples()])
    assert bytes(isq.room_live(workshop, "servqual", live=False).image.value).startswith(PNG)


def test_room_live_says_why_it_cannot_draw(workshop):
    store = RoomStore(workshop)
    with pytest.raises(isq.IsqError, match="No live chart"):
        isq.delivery.room.live.live_chart(workshop, "phrases")
    store.open_activity("phrases")
    pid, _ = store.join("第1组", "甲")
    store.submit(pid, "phrases", [("1", {"kind": "use", "text": "<script>alert(1)</script>"})])
    box = isq.room_live(workshop, "phrases", live=False)
    assert "暂时无法作图" in box.note.value and "<script>" not in box.note.value


def test_room_control_opens_closes_and_saves(workshop):
    store = RoomStore(workshop)
    box = isq.room_control(workshop, live=False)
    assert "尚未开放活动" in box.status.value
    box.activity.value = "kano"
    box.open_button.click()
    assert store.current() == ("kano", {})
    _kano_answers(store, 2)
    box.refresh()
    assert "已收到 2/2" in box.status.value
    box.close_button.click()
    assert store.current() == (None, {}) and "已保存 1 个文件" in box.status.value
    saved = (workshop / "kano" / "第1组.csv").read_text(encoding="utf-8-sig").splitlines()
    assert saved[0] == "respondent,feature,feature_name,functional,dysfunctional" and len(saved) == 25
    box.activity.value = "quiz"
    box.options.value = "{}"
    box.open_button.click()
    assert "question" in box.status.value and store.current()[0] is None  # a quiz needs its question


def test_room_panel_for_the_course_notebooks(workshop):
    assert isq.room_panel("demo", "", "kano") is None
    with pytest.raises(isq.IsqError, match="source"):
        isq.room_panel("rooom", str(workshop), "kano")
    store = RoomStore(workshop)
    store.open_activity("kano")
    _kano_answers(store, 5)
    box = isq.room_panel("room", str(workshop), "kano")
    try:
        assert list(box.control.activity.options) == ["kano"]
        assert box.live.redraws == 1 and "已收到 5/5" in box.live.progress.value
    finally:
        box.live.stop()
        box.control.stop()
