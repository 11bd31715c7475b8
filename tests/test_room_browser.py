"""The live room in a real browser: Playwright drives Debian's Chromium (never a downloaded one).

A phone-sized page joins, answers the 12-feature Kano activity by tapping, sees "已提交",
and the trainer's page, open at the same time, changes from "满 5 人后显示" to the chart.
"""

import shutil
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(apt-get install chromium; .ci/run installs it)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (pip install playwright)")

import isq  # noqa: E402
from isq.delivery.room.cli import free_port  # noqa: E402
from isq.delivery.room.server import create_app  # noqa: E402
from isq.delivery.room.store import RoomStore  # noqa: E402

DEMO_WORKSHOP = Path(__file__).resolve().parents[1] / "data" / "workshop"
TOKEN = "browser-test-token"


@pytest.fixture
def room(tmp_path):
    import uvicorn

    folder = tmp_path / "workshop"
    shutil.copytree(DEMO_WORKSHOP, folder)
    port = free_port()
    app = create_app(folder, token=TOKEN, code="WXYZ")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield folder, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def test_phone_answers_kano_and_the_trainer_chart_changes(room):
    folder, base = room
    # four classmates have answered already: the fifth answer makes the aggregate visible
    store = RoomStore(folder)
    store.open_activity("kano")
    for k in range(4):
        pid, _ = store.join("第2组", f"同学{k}")
        store.submit(pid, "kano", [(f"K{i:02d}", {"functional": 2, "dysfunctional": 4}) for i in range(1, 13)])
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--headless", "--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking"])
        try:
            trainer = browser.new_page(viewport={"width": 1200, "height": 900})
            trainer.goto(f"{base}/trainer?token={TOKEN}")
            sync_api.expect(trainer.locator("#current")).to_have_text("kano")
            sync_api.expect(trainer.locator("#note")).to_contain_text("满 5 人后显示")
            assert trainer.locator("#chart .hbar").count() == 0

            phone_ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            phone = phone_ctx.new_page()
            requests = []
            phone.on("request", lambda r: requests.append(r.url))
            phone.goto(f"{base}/?code=WXYZ")
            sync_api.expect(phone.locator("#join")).to_be_visible()
            phone.select_option("#team", "第1组")
            phone.fill("#name", "<b>小王</b>")
            phone.click("#join-btn")
            sync_api.expect(phone.locator("#act-title")).to_have_text("KANO 需求分析")
            # the name is shown as text, not as markup
            assert phone.locator("#who").inner_text() == "第1组 · <b>小王</b>"
            assert phone.locator("#who b").count() == 0
            cards = phone.locator("#act-form .card")
            assert cards.count() == 12
            for i in range(12):
                card = cards.nth(i)
                parts = card.locator(".part")
                parts.nth(0).locator('button[data-value="1"]').tap()
                parts.nth(1).locator('button[data-value="5"]').tap()
            phone.click("#submit-btn")
            sync_api.expect(phone.locator("#act-msg")).to_have_text("已提交")
            assert phone.locator(".card.done").count() == 12
            # the page fits the phone: no horizontal scrolling
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
            # the trainer's page redraws from the new answer
            sync_api.expect(trainer.locator("#progress")).to_contain_text("已收到 5/5", timeout=10000)
            sync_api.expect(trainer.locator("#chart .hbar")).to_have_count(12, timeout=10000)
            sync_api.expect(trainer.locator("#note")).to_contain_text("已收到 5 人的回答")
            # and the phone sees the class aggregate (not anyone's answer)
            sync_api.expect(phone.locator("#res-bars .hbar")).to_have_count(12, timeout=10000)
            assert all(u.startswith(base) for u in requests)  # nothing from outside the laptop
        finally:
            browser.close()
    got = isq.room_responses(folder, "kano")
    mine = got[got["team"] == "第1组"]
    assert len(mine) == 12 and set(mine["functional"]) == {1} and set(mine["dysfunctional"]) == {5}
    assert isq.kano_summary(got)["n"].tolist() == [5] * 12
