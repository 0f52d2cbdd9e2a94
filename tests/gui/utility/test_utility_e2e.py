"""用水用气报装 end to end at the kiosk, driven like a finger: identity by the card on the reader,
the address found by pinyin initials, the property certificate by certificate-free, a survey
slot held, the application submitted while the central service is down (the slip says
"received, will be sent") and arriving exactly once when it is back, the slip's QR decoded, the
progress shown — and nothing personal left after the reset. Then 就近办 from its tile."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from contract.codes import parse_number, spoken

TOKEN = "ZWFW-SQ:" + "demo-sq-valid-01-".ljust(32, "0")  # 张伟: holds a 不动产权证书
ID = "35099919850312131X"


def test_kiosk_application_offline_then_sent_once(kiosk, ready, identified, qtbot):
    k = kiosk()
    ready(qtbot, k, "printer")
    ready(qtbot, k, "idcard")
    screen = k.win.open_capability("utility")
    assert screen is not None and screen.current_page() is screen.choose_page
    qtbot.waitUntil(lambda: screen.book is not None, timeout=20000)

    # choose: nothing chosen is a clear message
    screen.choose_next.click()
    assert screen.error.text()
    screen.util_buttons["water"].click()
    screen.type_buttons["new"].click()
    screen.choose_next.click()

    # identity by card, on the shared identity page (issue 15)
    identified(qtbot, k, screen, "zhangwei")
    assert "张*" in screen.who.text() and ID not in screen.who.text()
    screen.findChild(type(screen.choose_next), "utility_applicant_next").click()
    assert screen.current_page() is screen.address_page

    # the address by pinyin initials of the community
    screen.address_query.setText("dmsq")
    assert screen.address_list.count() > 0
    first = screen.address_list.item(0)
    assert "东门社区" in first.text()
    screen.on_address_chosen(first)
    assert screen.current_page() is screen.proof_page

    # property proof by certificate-free: the authorisation QR at the scanner
    screen.on_scanned(TOKEN)
    qtbot.waitUntil(lambda: screen.current_page() is screen.survey_page, timeout=15000)
    assert screen.flow.draft.proof_method == "certfree"

    # survey booking: the first free slot, held at the service
    slots = screen.slot_lists["water"]
    qtbot.waitUntil(lambda: slots.count() > 0, timeout=10000)
    screen.on_slot("water", slots.item(0))
    qtbot.waitUntil(lambda: "water" in screen.flow.draft.holds, timeout=10000)
    screen.findChild(type(screen.choose_next), "utility_survey_next").click()
    assert screen.current_page() is screen.details_page

    # details: a wrong phone is named, nothing typed is lost
    screen.phone.setText("12345")
    screen.field_edits["usage"].setCurrentText("居民生活")
    screen.field_edits["households"].setText("1")
    screen.field_edits["pipe_size"].setCurrentText("DN20")
    screen.findChild(type(screen.choose_next), "utility_details_next").click()
    assert screen.current_page() is screen.details_page and screen.error.text()
    assert screen.field_edits["households"].text() == "1"
    screen.phone.setText("13900001111")
    screen.findChild(type(screen.choose_next), "utility_details_next").click()
    assert screen.current_page() is screen.review_page
    assert "139****1111" in screen.review.text() and "13900001111" not in screen.review.text()

    # the central service goes down: the application is received locally, slip says so
    k.central_down()
    screen.submit_btn.click()
    assert screen.current_page() is screen.done_page
    number = screen.flow.submitted.number
    assert parse_number(number).kind.value == "application"
    assert screen.panel.number.text() == spoken(number)
    qtbot.waitUntil(lambda: len(k.printer.receipts) >= 1, timeout=20000)
    text = k.receipt_text(0)
    assert "网络恢复后自动报送" in text and "139****1111" in text
    assert "13900001111" not in text and ID not in text
    assert "远程踏勘" in text
    assert set(k.receipt_qr(0)) == {number}  # the QR, and the barcode for a desk scan gun

    # back up: it goes up exactly once
    central = k.central_up()
    k.win.ctx.sync.wake()
    qtbot.waitUntil(lambda: len(central.stored.events("utility.applied")) == 1, timeout=20000)
    assert k.win.ctx.sync.relay.wait_idle(10)
    k.win.ctx.sync.wake()
    assert len(central.stored.events("utility.applied")) == 1
    [payload] = central.stored.payloads("utility.applied")
    assert payload["number"] == number and payload["property_proof"]["method"] == "certfree"

    # progress: the timeline from the service
    screen.follow_btn.click()
    qtbot.waitUntil(lambda: screen.current_page() is screen.progress_page, timeout=10000)
    assert "已受理" in screen.timeline.text() and "踏勘" in screen.timeline.text()

    # reset: nothing personal anywhere on the window
    k.win.end_session("finished")
    qtbot.waitUntil(lambda: k.session.get("utility.applicant") is None, timeout=5000)
    shown = [w.text() for w in k.win.findChildren(QLabel)]
    shown += [w.text() for w in k.win.findChildren(QLineEdit)]
    for secret in ("张伟", ID, "13900001111", "139****1111"):
        assert not any(secret in t for t in shown), secret


def test_nearby_points_from_the_tile_and_from_a_catalog_item(kiosk, qtbot):
    k = kiosk(language="en")
    screen = k.win.open_capability("nearby")
    assert screen is not None
    assert screen.list.count() == 22  # 19 community desks, the hall, water and gas offices
    assert "km" in screen.list.item(0).text()
    assert "Hours:" in screen.detail.text() and screen.qr.pixmap() is not None
    catalog = k.win.open_capability("catalog")
    qtbot.waitUntil(lambda: catalog.index is not None, timeout=20000)
    catalog.open_item("C0184")  # 燃气经营许可证核发: the hall and the gas company
    catalog.nearby.widget.click()
    points = k.win.current_screen()
    assert points.name == "nearby" and points.item_id == "C0184"
    names = [points.list.item(i).text() for i in range(points.list.count())]
    assert len(names) == 2 and any("燃气" in n for n in names)


def test_slot_held_mid_form_is_given_back_when_the_session_resets(kiosk, ready, identified, qtbot):
    import httpx

    k = kiosk()
    ready(qtbot, k, "idcard")
    screen = k.win.open_capability("utility")
    screen.util_buttons["gas"].click()
    screen.type_buttons["capacity"].click()
    screen.choose_next.click()
    identified(qtbot, k, screen, "zhangwei")
    screen.on_applicant_next()
    screen.address_typed.setText("示范县溪口镇龙潭村 3 号")
    screen.use_typed.click()
    screen.on_scanned(TOKEN)
    qtbot.waitUntil(lambda: screen.current_page() is screen.survey_page, timeout=15000)
    slots = screen.slot_lists["gas"]
    qtbot.waitUntil(lambda: slots.count() > 0, timeout=10000)
    screen.on_slot("gas", slots.item(0))
    qtbot.waitUntil(lambda: "gas" in screen.flow.draft.holds, timeout=10000)
    slot_id = screen.flow.draft.slots["gas"].id

    def free() -> int:
        r = httpx.get(
            f"{k.central.url}/api/v1/utility/slots",
            params={"utility": "gas"},
            headers={"Authorization": "Bearer demo-token-DEMO-24H-01"},
        )
        return next(s["free"] for s in r.json()["slots"] if s["id"] == slot_id)

    assert free() == 1
    k.win.end_session("idle")  # the citizen walked away
    qtbot.waitUntil(lambda: free() == 2, timeout=10000)
    assert k.central.stored.events("utility.applied") == []


def test_photo_from_the_phone_when_there_is_no_e_licence(kiosk, ready, identified, qtbot):
    import httpx

    k = kiosk()
    ready(qtbot, k, "idcard")
    screen = k.win.open_capability("utility")
    screen.util_buttons["water"].click()
    screen.type_buttons["transfer"].click()
    screen.choose_next.click()
    identified(qtbot, k, screen, "liufang")
    screen.on_applicant_next()
    screen.address_typed.setText("示范县滨江街道江景花园 7 幢")
    screen.use_typed.click()
    assert screen.current_page() is screen.proof_page
    screen.upload_btn.click()
    qtbot.waitUntil(lambda: bool(screen.upload_url), timeout=10000)
    assert not screen.upload_qr.pixmap().isNull()
    # the citizen's phone opens the page from the QR code and sends the photo
    with httpx.Client(timeout=10) as phone:
        assert phone.get(screen.upload_url).status_code == 200
        sent = phone.put(
            screen.upload_url, content=b"\xff\xd8 photo", headers={"Content-Type": "image/jpeg"}
        )
        assert sent.status_code == 201
    qtbot.waitUntil(lambda: screen.current_page() is screen.details_page, timeout=15000)
    screen.phone.setText("13900004444")
    screen.field_edits["account"].setText("W7654321")
    screen.field_edits["previous_holder"].setText("刘某")
    screen.on_details_next()
    screen.submit_btn.click()
    stored = k.central.stored
    qtbot.waitUntil(lambda: len(stored.payloads("utility.applied")) == 1, timeout=20000)
    [app] = stored.payloads("utility.applied")
    assert app["property_proof"]["method"] == "upload"
