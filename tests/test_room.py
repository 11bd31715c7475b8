"""The live room: API and storage in-process (Starlette TestClient), no network.

Answers sent through the room must give the models exactly what the demo tables give them:
the reference for every value below is the same model run on the matching rows of the demo
company (``isq.load_demo``), whose own tests check it against the published examples
(Berger et al. 1993 for Kano, Parasuraman et al. 1988 for SERVQUAL).
"""

import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import yaml

import isq
from isq.delivery.room.activities import AnswerError, build_spec, check_answer
from isq.delivery.room.server import create_app
from isq.delivery.room.store import RoomStore
from isq.delivery.scoreboard_store import load_scoreboard

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

DEMO_WORKSHOP = Path(__file__).resolve().parents[1] / "data" / "workshop"
TOKEN = "trainer-secret-token"


@pytest.fixture
def workshop(tmp_path):
    folder = tmp_path / "workshop"
    shutil.copytree(DEMO_WORKSHOP, folder)
    return folder


@pytest.fixture
def room(workshop):
    app = create_app(workshop, token=TOKEN, code="ABCD", summary_seconds=0)
    with TestClient(app) as client:
        client.workshop = workshop
        yield client


def trainer(client, path, body=None):
    if body is None:
        return client.get(path, headers={"X-Room-Token": TOKEN})
    return client.post(path, json=body, headers={"X-Room-Token": TOKEN})


def join(client, team="第1组", name="小王"):
    r = client.post("/api/join", json={"code": "abcd", "team": team, "name": name})
    assert r.status_code == 200, r.text
    return r.json()["secret"]


def send(client, secret, activity, answers):
    return client.post("/api/answer", json={"activity": activity, "answers": answers},
                       headers={"X-Participant": secret})


# ----------------------------------------------------------------------------- joining
def test_join_checks_code_team_and_name(room):
    r = room.post("/api/join", json={"code": "XXXX", "team": "第1组", "name": "小王"})
    assert r.status_code == 403 and "房间码不正确" in r.json()["error"]
    r = room.post("/api/join", json={"code": "ABCD", "team": "不存在的组", "name": "小王"})
    assert r.status_code == 400 and r.json()["field"] == "team"
    r = room.post("/api/join", json={"code": "ABCD", "team": "第1组", "name": "名" * 21})
    assert r.status_code == 400 and "1–20" in r.json()["error"]
    r = room.post("/api/join?lang=en", json={"code": "ABCD", "team": "第1组", "name": ""})
    assert "Enter a name" in r.json()["error"]
    # the teams come from workshop.yaml, in its order
    assert room.get("/api/info").json()["teams"] == ["第1组", "第2组", "第3组", "第4组"]


def test_state_needs_a_participant_and_shows_the_open_activity(room):
    assert room.get("/api/state").status_code == 401
    s = join(room)
    state = room.get("/api/state", headers={"X-Participant": s}).json()
    assert state["activity"] is None and state["participant"]["team"] == "第1组"
    assert trainer(room, "/api/trainer/open", {"activity": "kano"}).json()["ok"]
    state = room.get("/api/state", headers={"X-Participant": s}).json()
    assert state["activity"]["activity"] == "kano"
    assert [q["id"] for q in state["activity"]["questions"]] == [f"K{i:02d}" for i in range(1, 13)]
    # English pages on request
    en = room.get("/api/state?lang=en", headers={"X-Participant": s}).json()
    assert en["activity"]["questions"][0]["label"] == "IT incidents answered within 2 hours"


# ----------------------------------------------------------------------------- trainer token
@pytest.mark.parametrize("path", ["/trainer", "/api/trainer/state", "/api/trainer/qr.png"])
def test_trainer_pages_refuse_without_token(room, path):
    assert room.get(path).status_code == 403
    assert room.get(path + "?token=wrong").status_code == 403


@pytest.mark.parametrize("path", ["/api/trainer/open", "/api/trainer/close", "/api/trainer/export"])
def test_trainer_actions_refuse_without_token(room, path):
    r = room.post(path, json={"activity": "kano"})
    assert r.status_code == 403
    assert RoomStore(room.workshop).current() == (None, {})


def test_trainer_page_with_token(room):
    r = room.get(f"/trainer?token={TOKEN}")
    assert r.status_code == 200 and "trainer.js" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    state = trainer(room, "/api/trainer/state").json()
    assert state["code"] == "ABCD" and "kano" in state["activities"]


# ----------------------------------------------------------------------------- answers
def test_answer_is_committed_before_the_reply(room):
    s = join(room)
    trainer(room, "/api/trainer/open", {"activity": "kano"})
    r = send(room, s, "kano", {"K01": {"functional": 1, "dysfunctional": 5}})
    assert r.status_code == 200 and r.json() == {"ok": True, "saved": 1, "message": "已提交"}
    # another connection (a killed server would leave only the file) sees it at once
    con = sqlite3.connect(room.workshop / "room.sqlite")
    assert con.execute("SELECT question, value FROM answers").fetchall() == [
        ("K01", '{"functional": 1, "dysfunctional": 5}')]
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_resubmitting_replaces_the_earlier_answer(room):
    s = join(room)
    trainer(room, "/api/trainer/open", {"activity": "kano"})
    send(room, s, "kano", {"K01": {"functional": 1, "dysfunctional": 5}, "K02": {"functional": 3, "dysfunctional": 3}})
    send(room, s, "kano", {"K01": {"functional": 2, "dysfunctional": 4}})
    got = isq.room_responses(room.workshop, "kano")
    assert got[["feature", "functional", "dysfunctional"]].values.tolist() == [["K01", 2, 4], ["K02", 3, 3]]


@pytest.mark.parametrize("answer, message", [
    ({"K01": {"functional": 8, "dysfunctional": 5}}, "应在 1 到 5 之间"),
    ({"K01": {"functional": 1}}, "请回答"),
    ({"K01": {"functional": 1.5, "dysfunctional": 5}}, "整数"),
    ({"K01": {"functional": "好", "dysfunctional": 5}}, "请填写数字"),
    ({"K99": {"functional": 1, "dysfunctional": 5}}, "没有这道题"),
    ({"K01": {"functional": 1, "dysfunctional": 5, "x": 1}}, "多余"),
    ({"K01": [1, 5]}, "格式不正确"),
])
def test_bad_answers_get_a_chinese_message(room, answer, message):
    s = join(room)
    trainer(room, "/api/trainer/open", {"activity": "kano"})
    r = send(room, s, "kano", answer)
    assert r.status_code == 400 and message in r.json()["error"]
    assert RoomStore(room.workshop).count_answers() == 0


def test_answers_only_to_the_open_activity(room):
    s = join(room)
    assert send(room, s, "kano", {"K01": {"functional": 1, "dysfunctional": 5}}).status_code == 409
    trainer(room, "/api/trainer/open", {"activity": "conflict"})
    r = send(room, s, "kano", {"K01": {"functional": 1, "dysfunctional": 5}})
    assert r.status_code == 409 and "没有开放" in r.json()["error"]


def test_text_lengths_and_phrase_rules():
    spec = build_spec("phrases")
    with pytest.raises(AnswerError, match="最多 200 个字"):
        check_answer(spec, "1", {"kind": "avoid", "text": "好" * 201, "better": "x"})
    with pytest.raises(AnswerError, match="更好的说法"):
        check_answer(spec, "1", {"kind": "avoid", "text": "这不归我管"})
    assert check_answer(spec, "1", {"kind": "use", "text": " 我来帮您 "}) == {"kind": "use", "text": "我来帮您"}
    votes = build_spec("votes", options={"votes": 2})
    assert votes["questions"][0]["parts"][0]["max"] == 2


# ----------------------------------------------------------------------------- limits
def test_request_size_is_bounded(room):
    s = join(room)
    trainer(room, "/api/trainer/open", {"activity": "phrases"})
    big = {"1": {"kind": "use", "text": "好" * 20000}}
    r = send(room, s, "phrases", big)
    assert r.status_code == 413 and "太长" in r.json()["error"]


def test_one_phone_cannot_flood_the_room(workshop):
    app = create_app(workshop, token=TOKEN, code="ABCD", rate=1, burst=5)
    with TestClient(app) as client:
        s = join(client)
        codes = [client.get("/api/state", headers={"X-Participant": s}).status_code for _ in range(8)]
        assert codes[:4] == [200] * 4 and codes[-1] == 429
        r = client.get("/api/state", headers={"X-Participant": s})
        assert "请稍等" in r.json()["error"]
        # another participant is not affected
        client.cookies.clear()
        s2 = join(client, name="小李")
        assert client.get("/api/state", headers={"X-Participant": s2}).status_code == 200
        # an address that has not joined is limited too (e.g. someone hammering /api/join)
        client.cookies.clear()
        codes = [client.post("/api/join", json={"code": "XXXX", "team": "第1组", "name": "x"}).status_code
                 for _ in range(8)]
        assert codes[-1] == 429 and set(codes[:2]) == {403}


def test_summaries_are_recomputed_at_most_once_a_second(workshop):
    app = create_app(workshop, token=TOKEN, code="ABCD")
    with TestClient(app) as client:
        _send_demo_kano(client, [f"R{i:03d}" for i in range(1, 6)])
        first = trainer(client, "/api/trainer/state").json()["summary"]
        _send_demo_kano(client, ["R006"])
        assert trainer(client, "/api/trainer/state").json()["summary"]["n"] == first["n"] == 5  # < 1 s: cached
        import time

        time.sleep(1.05)
        assert trainer(client, "/api/trainer/state").json()["summary"]["n"] == 6


# ----------------------------------------------------------------------------- the models' shape
def _send_demo_kano(room, respondents):
    demo = isq.load_demo("kano")
    trainer(room, "/api/trainer/open", {"activity": "kano"})
    for k, r in enumerate(respondents):
        s = join(room, team="第1组", name=f"学员{k}")
        rows = demo[demo["respondent"] == r]
        answers = {row.feature: {"functional": int(row.functional), "dysfunctional": int(row.dysfunctional)}
                   for row in rows.itertuples()}
        assert send(room, s, "kano", answers).json()["saved"] == 12
    return demo[demo["respondent"].isin(respondents)]


def test_room_kano_gives_the_demo_result(room):
    """Reference: kano_summary on the same 8 demo respondents (validated against Berger et al. 1993)."""
    ids = [f"R{i:03d}" for i in range(1, 9)]
    demo = _send_demo_kano(room, ids)
    got = isq.room_responses(room.workshop, "kano")
    assert list(got.columns) == list(isq.load_demo("kano").columns) + ["team"]
    assert set(got["department"]) == {"IT"}  # 第1组's department in workshop.yaml
    mine = isq.kano_summary(got)
    ref = isq.kano_summary(demo)
    pd.testing.assert_frame_equal(mine[["feature", "n", "A", "O", "M", "I", "category", "better", "worse"]],
                                  ref[["feature", "n", "A", "O", "M", "I", "category", "better", "worse"]])
    assert (mine["n"] == 8).all()


def test_room_servqual_gives_the_demo_gaps(room):
    """Reference: servqual_gaps on the same demo rows (Parasuraman et al. 1988 gap = P − E)."""
    demo = isq.load_demo("servqual")
    demo = demo[(demo["provider"] == "HR") & (demo["wave"] == "pre")]
    ids = list(pd.unique(demo["respondent"]))[:6]
    trainer(room, "/api/trainer/open", {"activity": "servqual", "options": {"provider": "HR", "wave": "pre"}})
    for k, rid in enumerate(ids):
        s = join(room, team="第2组", name=f"学员{k}")
        rows = demo[demo["respondent"] == rid].dropna(subset=["expectation", "perception"])
        answers = {r.item: {"expectation": int(r.expectation), "perception": int(r.perception)} for r in rows.itertuples()}
        assert send(room, s, "servqual", answers).status_code == 200
    got = isq.room_responses(room.workshop, "servqual")
    assert list(got.columns) == list(isq.load_demo("servqual").columns) + ["team"]
    ref = demo[demo["respondent"].isin(ids)].dropna(subset=["expectation", "perception"])
    mine = isq.servqual_gaps(got, level="dimension")
    theirs = isq.servqual_gaps(ref, level="dimension")
    pd.testing.assert_series_equal(mine["gap"], theirs["gap"])
    assert mine["dimension"].tolist() == theirs["dimension"].tolist()


def test_room_conflict_gives_the_docstring_example(room):
    """Reference: the worked example of conflict_profile (张三: CM01=5, CM06=4, CM12=2 -> 87.5, 75.0)."""
    trainer(room, "/api/trainer/open", {"activity": "conflict"})
    s = join(room, team="第3组", name="张三")
    send(room, s, "conflict", {"CM01": {"score": 5}, "CM06": {"score": 4}, "CM12": {"score": 2}})
    got = isq.room_responses(room.workshop, "conflict")
    prof = isq.conflict_profile(got)
    assert prof[["assertiveness", "cooperativeness", "mode"]].values.tolist() == [[87.5, 75.0, "collaborating"]]


@pytest.mark.parametrize("activity", ["ipa", "satisfaction", "peer_ratings", "self_ratings", "journey"])
def test_room_frames_have_the_demo_columns(room, activity):
    demo_name = {"ipa": "ipa"}.get(activity, activity)
    trainer(room, "/api/trainer/open", {"activity": activity})
    s = join(room)
    spec = room.get("/api/state", headers={"X-Participant": s}).json()["activity"]
    q = spec["questions"][0]
    value = {}
    for p in q["parts"]:
        if p["type"] == "scale":
            value[p["name"]] = p["max"]
        elif p["type"] == "choice":
            value[p["name"]] = p["options"][1]["value"]
    assert send(room, s, activity, {q["id"]: value}).status_code == 200
    got = isq.room_responses(room.workshop, activity)
    assert list(got.columns) == list(isq.load_demo(demo_name).columns) + ["team"]
    assert len(got) >= 1


def test_satisfaction_keyed_by_rated_department(room):
    trainer(room, "/api/trainer/open", {"activity": "satisfaction"})
    s = join(room)
    for prov in ("HR", "FIN", "HR"):
        send(room, s, "satisfaction", {"S": {"provider": prov, "nps": 9, "csat": 4, "ces": 6}})
    got = isq.room_responses(room.workshop, "satisfaction")
    assert sorted(got["provider"]) == ["FIN", "HR"]  # one answer per rated department
    assert isq.nps(got["nps"])["promoters"] == 1.0


# ----------------------------------------------------------------------------- privacy
def test_participants_see_aggregates_only_from_five(room):
    ids = [f"R{i:03d}" for i in range(1, 5)]
    _send_demo_kano(room, ids)
    me = join(room, name="看结果的人")
    r = room.get("/api/results", headers={"X-Participant": me}).json()
    assert r["shown"] is False and r["bars"] == [] and "满 5 人" in r["note"]
    # the trainer page obeys the same rule
    assert trainer(room, "/api/trainer/state").json()["summary"]["shown"] is False
    _send_demo_kano(room, ["R005"])
    r = room.get("/api/results", headers={"X-Participant": me}).json()
    assert r["shown"] is True and len(r["bars"]) == 12
    text = str(r)
    assert "学员" not in text and "P00" not in text  # no names, no participant ids


# ----------------------------------------------------------------------------- hostile names
HOSTILE = ("=cmd|' /C calc'!A0", "<script>alert(1)</script>", "../x")


@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_team_names_are_refused_at_start(workshop, bad):
    meta = yaml.safe_load((workshop / "workshop.yaml").read_text(encoding="utf-8"))
    meta["teams"] = [{"name": "第1组"}, {"name": bad}]
    (workshop / "workshop.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    with pytest.raises(isq.IsqDataError, match="workshop.yaml"):
        create_app(workshop, token=TOKEN, code="ABCD")
    assert not (workshop / "x.csv").exists() and not (workshop.parent / "x.csv").exists()


def test_hostile_names_and_texts_are_data_not_markup(room):
    trainer(room, "/api/trainer/open", {"activity": "phrases"})
    s = join(room, team="第3组", name="<i onclick=x>")
    assert send(room, s, "phrases", {"1": {"kind": "use", "text": "<script>alert(2)</script>"}}).status_code == 200
    state = room.get("/api/state", headers={"X-Participant": s})
    # JSON data only (the page sets it with textContent), never HTML
    assert state.headers["content-type"].startswith("application/json")
    assert state.json()["participant"]["name"] == "<i onclick=x>"
    isq.room_export(room.workshop)
    assert "<script>alert(2)</script>" in (room.workshop / "phrases" / "第3组.csv").read_text(encoding="utf-8-sig")
    # a team that cannot be a file name never writes outside its folder (the export skips and says so)
    from isq.delivery.room.frames import _team_files

    frame = pd.DataFrame({"kind": ["use"], "text": ["x"], "team": ["../x"]})
    with pytest.warns(UserWarning, match="not written"):
        assert _team_files(frame, "phrases", room.workshop, ["kind", "text"]) == []
    assert not (room.workshop / "x.csv").exists()


def test_participant_page_sets_text_safely():
    """The phone and trainer scripts never parse server text as HTML."""
    static = Path(isq.delivery.room.server.STATIC)
    for name in ("dom.js", "room.js", "trainer.js"):
        js = (static / name).read_text(encoding="utf-8")
        assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
        assert "textContent" in js
    html = (static / "index.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html  # nothing from a CDN


def test_formulas_are_defused_in_exported_csv(room):
    trainer(room, "/api/trainer/open", {"activity": "phrases"})
    s = join(room, team="第2组")
    send(room, s, "phrases", {"1": {"kind": "use", "text": "=cmd|' /C calc'!A0"},
                              "2": {"kind": "use", "text": "@SUM(1)"}})
    isq.room_export(room.workshop)
    text = (room.workshop / "phrases" / "第2组.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text and "'@SUM(1)" in text


# ----------------------------------------------------------------------------- workshop folder
def test_quiz_points_go_to_the_scoreboard_once(room):
    before = load_scoreboard(room.workshop / "scoreboard.csv", autosave=False).standings()
    trainer(room, "/api/trainer/open", {"activity": "quiz", "options": {
        "id": "q1", "question": "SERVQUAL 有几个维度？", "options": ["三个", "五个", "七个"], "answer": 1, "points": 10}})
    for team, name, ans in [("第1组", "小王", "1"), ("第1组", "小张", "1"), ("第2组", "小李", "0")]:
        s = join(room, team=team, name=name)
        assert send(room, s, "quiz", {"q1": {"answer": ans}}).status_code == 200
    r = trainer(room, "/api/trainer/close", {}).json()
    assert r["closed"] == "quiz"
    board = load_scoreboard(room.workshop / "scoreboard.csv", autosave=False)
    totals = board.standings().set_index("team")["total"] - before.set_index("team")["total"]
    assert totals["第1组"] == 20 and totals["第2组"] == 0
    log = board.to_frame()
    quiz = log[log["reason"] == "抢答 q1"]
    assert sorted(quiz["member"]) == ["小张", "小王"] and quiz["points"].tolist() == [10.0, 10.0]
    isq.room_export(room.workshop)  # exporting again credits nothing twice
    again = load_scoreboard(room.workshop / "scoreboard.csv", autosave=False).standings()
    assert again.set_index("team")["total"]["第1组"] == before.set_index("team")["total"]["第1组"] + 20


def test_room_output_lands_in_the_workshop_folder(room, tmp_path):
    """Phrases, ideas, votes, a worksheet and Kano go to their files; isq outcomes reads them."""
    w = room.workshop
    trainer(room, "/api/trainer/open", {"activity": "phrases"})
    s1 = join(room, team="第1组", name="甲")
    send(room, s1, "phrases", {"1": {"kind": "avoid", "text": "这事不归我管<b>", "better": "我帮您找到负责的同事"}})
    trainer(room, "/api/trainer/open", {"activity": "ideas"})
    send(room, s1, "ideas", {"1": {"title": "报销一次性告知清单", "dimension": "reliability"}})
    trainer(room, "/api/trainer/open", {"activity": "votes", "options": {"votes": 1}})
    voters = [join(room, team="第2组", name=f"乙{i}") for i in range(3)]
    spec = room.get("/api/state", headers={"X-Participant": s1}).json()["activity"]
    idea = spec["questions"][0]["parts"][0]["options"][0]["value"]
    for v in voters:
        assert send(room, v, "votes", {"votes": {"ideas": [idea]}}).status_code == 200
    trainer(room, "/api/trainer/open", {"activity": "worksheet", "options": {"worksheet": "empathy"}})
    send(room, s1, "worksheet", {"empathy": {"counterpart": "财务部", "needs": "报销一次办完"}})
    trainer(room, "/api/trainer/close", {})
    isq.room_export(w)
    phrases = pd.read_csv(w / "phrases" / "第1组.csv", encoding="utf-8-sig")
    assert phrases.values.tolist() == [["avoid", "这事不归我管<b>", "我帮您找到负责的同事"]]
    votes = pd.read_csv(w / "votes" / "第1组.csv", encoding="utf-8-sig")
    assert votes[["title", "dimension", "votes"]].values.tolist() == [["报销一次性告知清单", "reliability", 3]]
    meta, values = isq.delivery.workshop.read_worksheet(w / "worksheets" / "empathy" / "第1组.yaml")
    assert values["counterpart"] == "财务部" and values["needs"] == "报销一次办完"
    ws = isq.load_workshop(w)
    assert not ws.problems
    out = isq.build_outcomes(w, tmp_path / "booklet")
    html = next(Path(tmp_path / "booklet").glob("*.html")).read_text(encoding="utf-8")
    assert "报销一次性告知清单" in html and "这事不归我管&lt;b&gt;" in html and "这事不归我管<b>" not in html
    assert out is not None


def test_room_progress_counts(room):
    trainer(room, "/api/trainer/open", {"activity": "kano"})
    a, b = join(room), join(room, name="小李")
    send(room, a, "kano", {"K01": {"functional": 1, "dysfunctional": 5}})
    p = isq.room_progress(room.workshop)
    assert (p["activity"], p["answered"], p["joined"], p["answers"]) == ("kano", 1, 2, 1)
    state = trainer(room, "/api/trainer/state").json()
    assert state["progress"]["answered"] == 1 and state["participants"] == 2
