"""Issue 17 end to end on a kiosk-24h terminal and the reference central service: a question
answered by the knowledge base (no work order), a request joined to an open one, and a visitor's
complaint with a photo — what the central service stored checked field by field."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx

from contract.codes import NumberKind, new_number
from kiosk_app.ui.capabilities import Lazy

ASK = Lazy("kiosk_app.ui.hotline.screen", "AskScreen")
TOURIST = Lazy("kiosk_app.ui.hotline.tourist", "TouristScreen")


def open_ask(k, qtbot):
    screen = k.win.open_flow("hotline", ASK)
    qtbot.waitUntil(lambda: screen.index is not None, timeout=15000)
    return screen


def test_a_question_answered_by_the_kb_files_nothing(kiosk, qtbot):
    k = kiosk()
    screen = open_ask(k, qtbot)
    screen.query.setText("tingdian")  # pinyin: 停电
    assert screen.results.count() >= 1
    assert "停电" in screen.results.item(0).text()
    screen.results.itemClicked.emit(screen.results.item(0))
    assert screen.current_page() is screen.answer_page
    assert "95598" in screen.answer_body.text()
    assert "供电公司" in screen.answer_facts.text()  # where to go
    assert screen.sample_note.text()  # sample content says so
    answer = screen.answer
    screen.solved_btn.click()
    assert screen.current_page() is screen.thanks_page
    qtbot.waitUntil(lambda: len(k.central.stored.events("hotline.kb_answered")) == 1, timeout=10000)
    [ev] = k.central.stored.events("hotline.kb_answered")
    assert ev["payload"] == {"answer_id": answer.id, "category": "0502", "searched": True}
    assert ev["terminal_id"] == k.win.ctx.config.terminal.id
    assert k.central.stored.workorder_numbers() == []  # no work order
    assert k.central.stored.hotline_requests() == []
    assert k.central.stored.events("hotline.created") == []


def _file_elsewhere(k, number: str, phone: str, place: str) -> None:
    """Another citizen filed the same matter at the same place earlier (another terminal of the
    site, through the same API)."""
    tid = "HALL-001"
    r = httpx.post(
        k.central.url + "/api/v1/events:batch",
        headers={"Authorization": f"Bearer demo-token-{tid}"},
        json={
            "events": [
                {
                    "key": str(uuid.uuid4()),
                    "type": "hotline.created",
                    "terminal_id": tid,
                    "created_at": datetime.now(UTC).isoformat(),
                    "payload": {"number": number, "category": "水电气暖", "matter": "0502",
                                "phone": phone, "place": place, "text": "停电"},
                }
            ]
        },
        timeout=10,
    )  # fmt: skip
    assert r.json()["results"][0]["status"] == "accepted"


def test_still_need_help_keeps_the_words_and_joins_the_open_order(kiosk, ready, qtbot):
    k = kiosk()
    ready(qtbot, k, "printer")
    earlier = new_number(NumberKind.WORKORDER)
    _file_elsewhere(k, earlier, "13900002222", "城关镇东门路12号")
    screen = open_ask(k, qtbot)
    screen.query.setText("整栋楼停电")
    screen.request_btn.click()
    assert screen.current_page() is screen.form_page
    assert screen.text.toPlainText() == "整栋楼停电"  # what was typed is kept
    screen.submit_btn.click()  # no topic yet: says so, keeps everything
    assert screen.matter_error.text() and screen.text.toPlainText() == "整栋楼停电"
    screen.form_picker.buttons["05"].click()  # a branch in plain words, then its matters
    assert "停电" in screen.form_picker.buttons["0502"].text()
    screen.form_picker.buttons["0502"].click()
    screen.phone.setText("13900001111")
    screen.place.setText("城关镇 东门路 12 号")
    screen.submit_btn.click()
    qtbot.waitUntil(lambda: screen.current_page() is screen.confirm_page, timeout=10000)
    assert earlier in screen.join_text.text() and "2" in screen.join_text.text()
    assert k.central.stored.events("hotline.created")[-1]["payload"]["number"] == earlier
    screen.send_btn.click()
    assert screen.current_page() is screen.done_page
    f = screen.flow.filed
    assert earlier in screen.joined.text() and "30分钟内" in screen.deadline.text()
    qtbot.waitUntil(lambda: len(k.central.stored.hotline_requests()) == 2, timeout=10000)
    first, mine = k.central.stored.hotline_requests()
    assert (first["number"], first["order_number"], first["reason"]) == (earlier, earlier, None)
    assert (mine["number"], mine["order_number"], mine["reason"]) == (
        f.number,
        earlier,
        "same_matter",
    )
    assert (mine["matter"], mine["tourist"], mine["has_place"]) == ("0502", 0, 1)
    payload = k.central.stored.payloads("hotline.created")[-1]
    assert payload["number"] == f.number and payload["matter"] == "0502"
    assert payload["category"] == "水电气暖" and payload["phone"] == "13900001111"
    assert payload["place"] == "城关镇 东门路 12 号" and payload["text"] == "整栋楼停电"
    assert k.printer.wait_for_receipts(1, timeout=10)
    slip = k.receipt_text(0)
    assert f.number in slip and earlier in slip and "30分钟内" in slip
    assert "139****1111" in slip and "13900001111" not in slip


def test_a_visitor_complaint_with_a_photo(kiosk, ready, qtbot):
    k = kiosk()
    ready(qtbot, k, "printer")
    ready(qtbot, k, "camera_scanner")
    screen = k.win.open_flow("hotline", TOURIST)
    screen.submit_btn.click()  # nothing chosen: each part says so
    assert screen.where_error.text() and screen.problem_error.text() and screen.phone_error.text()
    assert k.central.stored.events("hotline.created") == []
    screen.kind_buttons["scenic"].click()
    screen.place.setText("龙泉山景区")
    screen.problem_buttons["1002"].click()
    screen.text.setPlainText("门票外另收观光车费")
    screen.phone.setText("13900005555")
    screen.photo_btn.click()
    assert screen.current_page() is screen.photo_page and "同意" in screen.consent.text()
    assert screen.photo is None  # nothing is taken before the visitor agrees
    screen.take_btn.click()
    qtbot.waitUntil(lambda: screen.photo is not None, timeout=10000)
    photo = screen.photo.read_bytes()
    assert photo[:2] == b"\xff\xd8"  # a JPEG
    screen.use_btn.click()
    screen.submit_btn.click()
    assert k.win.ask.isVisible() and screen.flow.filed is None  # asked once
    k.win.ask.yes_btn.click()
    assert screen.current_page() is screen.done_page
    assert screen.photo is None  # the terminal's copy is gone (the outbox holds it)
    f = screen.flow.filed
    qtbot.waitUntil(lambda: len(k.central.stored.hotline_requests()) == 1, timeout=10000)
    [row] = k.central.stored.hotline_requests()
    assert (row["number"], row["order_number"], row["matter"]) == (f.number, f.number, "1002")
    assert (row["place_type"], row["tourist"], row["has_place"]) == ("scenic", 1, 1)
    [payload] = k.central.stored.payloads("hotline.created")
    assert payload["tourist"] is True and payload["place_type"] == "scenic"
    assert payload["category"] == "文化旅游" and payload["place"] == "龙泉山景区"
    assert payload["phone"] == "13900005555" and payload["text"] == "门票外另收观光车费"
    [sha] = payload["blobs"]
    qtbot.waitUntil(lambda: sha in k.central.stored.blobs(), timeout=10000)
    assert k.central.stored.blobs()[sha] == photo
    assert "30分钟内" in screen.deadline.text() and "县文化和旅游局" in screen.deadline.text()
    assert k.printer.wait_for_receipts(1, timeout=10)
    slip = k.receipt_text(0)
    assert "游客投诉" in slip and "县文化和旅游局" in slip and "30分钟内" in slip
    assert f.number in slip and "13900005555" not in slip


def test_english_and_elder_mode_show_fewer_answers_in_plain_words(kiosk, qtbot):
    k = kiosk(language="en", elder=True)
    screen = open_ask(k, qtbot)
    screen.picker.buttons["05"].click()
    assert screen.picker.buttons["0502"].text() == "Power cut"
    assert 1 <= screen.results.count() <= 4  # elder mode: fewer a page
    assert screen.request_btn.text() == "Make a request instead"


def test_the_12345_menu_leads_to_both_paths(kiosk, qtbot):
    k = kiosk()
    menu = k.win.open_capability("hotline")
    assert menu.ask_btn.text() == "先问问（常见问题马上解答）"
    menu.ask_btn.click()
    ask = k.win.current_screen()
    assert ask.name == "hotline_kb"
    ask.tourist_btn.click()
    tourist = k.win.current_screen()
    assert tourist.name == "hotline_tourist" and tourist.kind_buttons["hotel"].text() == "酒店住宿"
    k.win.open_capability("hotline").tourist_btn.click()
    assert k.win.current_screen().name == "hotline_tourist"


def test_progress_says_overdue_and_the_escalation(qapp):
    from contract.wire import Deadline, Escalation, Progress
    from kiosk_app.ui.hotline.menu import deadline_lines

    p = Progress(
        number="12345-483029170014",
        kind="workorder",
        status="on_site",
        steps=[],
        joined_to="12345-483029170023",
        deadline=Deadline(
            tier="2h",
            due_at="2026-11-25T04:00:00+00:00",
            overdue=True,
            escalation=[
                Escalation(level=1, to="县12345热线办（督办）", at="2026-11-25T04:00:00+00:00")
            ],
        ),
    )
    lines = deadline_lines(p)
    assert "12345-483029170023" in lines[0]
    assert "120" in lines[1] and "县12345热线办（督办）" in lines[2]
    assert deadline_lines(p.model_copy(update={"deadline": None, "joined_to": None})) == []
