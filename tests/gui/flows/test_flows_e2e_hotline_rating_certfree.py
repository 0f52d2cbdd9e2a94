"""12345, rating (screen and pad) and certificate-free end to end."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel

from contract.codes import spoken
from kiosk_app.core import masking
from kiosk_app.core.payloads import parse_payload

TOKEN = "demo-sq-valid-01-".ljust(32, "0")


def test_hotline_request_slip_and_progress(kiosk, ready, qtbot):
    k = kiosk()
    ready(qtbot, k, "printer")
    screen = k.win.open_capability("hotline")
    screen.new_btn.click()
    # bad input first: every field says what is wrong, nothing typed is lost
    screen.contact.phone.setText("12345")
    screen.submit_btn.click()
    assert screen.about.category_error.text() and screen.about.text_error.text()
    assert screen.contact.phone_error.text() == "请输入 11 位手机号码。"
    assert screen.contact.phone.text() == "12345"
    assert k.central.stored.events("hotline.created") == []
    screen.about.category_buttons["city"].click()
    screen.about.phrases.buttons[0].click()
    screen.about.phrases.buttons[1].click()
    assert screen.about.text.toPlainText() == "路灯不亮，夜间噪音扰民"
    screen.contact.place.setText("城关镇幸福路 12 号")
    screen.contact.phone.setText("13900001111")
    screen.submit_btn.click()
    assert k.win.ask.isVisible() and k.central.stored.events("hotline.created") == []
    assert screen.flow.filed is None  # asked once: nothing is sent on one touch
    k.win.ask.yes_btn.click()
    assert screen.current_page() is screen.done_page
    number = screen.flow.filed.number
    assert screen.done_page.panel.number.text() == spoken(number)  # large, in groups of four
    assert parse_payload(number).kind == "number" and number.startswith("12345-")
    assert "路灯不亮" in screen.done_page.panel.facts.text()  # what was reported
    assert k.printer.wait_for_receipts(1, timeout=10)
    text = k.receipt_text(0)
    assert number in text and "139****1111" in text and "13900001111" not in text
    assert "路灯不亮" in text and "到达现场" in text  # what, and the visit city upkeep gets
    assert k.receipt_qr(0) == [number]
    qtbot.waitUntil(lambda: k.central.stored.workorder_numbers() == [number], timeout=10000)
    [event] = k.central.stored.payloads("hotline.created")
    assert event["category"] == "城市管理" and event["place"] == "城关镇幸福路 12 号"
    # progress: scan the slip's QR at the kiosk; the one 办件查询 screen answers
    screen.on_scanned(number)
    progress = k.win.current_screen()
    assert progress.name == "progress"
    qtbot.waitUntil(lambda: "已受理" in progress.steps.text(), timeout=10000)
    assert progress.big.text() == spoken(number)
    progress.number.setText("12345-bad")
    progress.look_up()
    assert "12 位数字" in progress.error.text()


def test_rating_after_a_ticket_on_the_pad_is_recorded_once(kiosk, ready, qtbot):
    k = kiosk()
    ready(qtbot, k, "rating_pad")
    ticket = k.win.open_capability("ticket")
    next(iter(ticket.category_buttons.values())).click()
    ticket.confirm_btn.click()
    qtbot.waitUntil(lambda: ticket.current_page() is ticket.done_page, timeout=10000)
    ticket.rate_btn.click()
    rating = k.win.current_screen()
    assert rating.name == "rating" and ticket.flow.ticket.service in rating.about.text()
    qtbot.waitUntil(lambda: k.pad.prompt is not None, timeout=10000)
    k.pad.rate(4)
    qtbot.waitUntil(lambda: rating.current_page() is rating.thanks_page, timeout=10000)
    rating.buttons.buttons[1].click()  # a late tap on screen records nothing more
    qtbot.waitUntil(lambda: len(k.central.stored.ratings()) == 1, timeout=10000)
    [row] = k.central.stored.ratings()
    t = ticket.flow.ticket
    assert (row["level"], row["channel"], row["case_id"], row["window"]) == (
        4,
        "pad",
        t.number,
        t.window,
    )
    assert row["terminal_id"] == "DEMO-24H-01" and row["rated_at"]


def test_rating_tile_on_screen(kiosk, qtbot):
    k = kiosk(language="en")
    screen = k.win.open_capability("rating")
    assert screen.buttons.buttons[5].text() == "Very satisfied"
    screen.buttons.buttons[5].click()
    assert screen.current_page() is screen.thanks_page
    qtbot.waitUntil(lambda: len(k.central.stored.ratings()) == 1, timeout=10000)
    assert k.central.stored.ratings()[0]["channel"] == "kiosk"


def test_certfree_masked_consent_and_reset(kiosk, ready, qtbot):
    k = kiosk()
    ready(qtbot, k, "scanner")
    screen = k.win.open_capability("certfree")
    k.scanner.scan("ZWFW-SQ:" + TOKEN)
    qtbot.waitUntil(lambda: screen.current_page() is screen.consent_page, timeout=10000)
    assert screen.holder.text().startswith("张*")
    boxes = screen.findChildren(QCheckBox)
    shown = " ".join(b.text() for b in boxes)
    assert "350999********" in shown and "张伟" not in shown
    for b in boxes[1:]:
        b.setChecked(False)
    screen.consent_btn.click()
    assert screen.current_page() is screen.done_page
    qtbot.waitUntil(lambda: len(k.central.stored.events("case.submitted")) == 1, timeout=10000)
    [case] = k.central.stored.payloads("case.submitted")
    assert len(case["licences"]) == 1 and case["consent"] is True
    assert screen.panel.number.text() == spoken(screen.flow.case_id)  # read aloud in fours
    assert "综合受理窗口" in screen.case_text.text()  # names the window to go to
    assert k.printer.wait_for_receipts(1, timeout=10)  # and the slip to take there
    assert screen.flow.case_id in k.receipt_text(0) and "张伟" not in k.receipt_text(0)
    # the same code again: used up, plainly said
    screen.show_page(screen.scan_page)
    k.scanner.scan("ZWFW-SQ:" + TOKEN)
    qtbot.waitUntil(lambda: screen.current_page() is screen.problem_page, timeout=10000)
    assert "已过期或已使用" in screen.problem_label.text()
    k.win.end_session("idle")
    assert k.session.keys() == []
    assert masking.mask_text("张伟 350999198503121315").startswith("张伟")
    for w in k.win.findChildren(QLabel) + k.win.findChildren(QCheckBox):
        assert "张" not in w.text()


def test_certfree_offline_offers_the_desk(kiosk, qtbot):
    k = kiosk(language="en", central_up=False)
    screen = k.win.open_capability("certfree")
    screen.on_scanned("ZWFW-SQ:" + TOKEN)
    qtbot.waitUntil(lambda: screen.current_page() is screen.problem_page, timeout=15000)
    assert "cannot reach" in screen.problem_label.text()
    assert "service desk" in screen.advice_label.text()
