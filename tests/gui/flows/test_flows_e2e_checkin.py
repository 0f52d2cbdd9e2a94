"""预约办 end to end: scan gun over a pty, the reference service over loopback, the printer
simulator over TCP; what was printed, what the service received, what is left after reset."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from kiosk_app.core import masking


def test_scanned_appointment_prints_ticket_and_leaves_nothing(kiosk, ready, qtbot):
    k = kiosk()
    ready(qtbot, k, "scanner")
    ready(qtbot, k, "printer")
    screen = k.win.open_capability("checkin")
    k.scanner.scan("ZWFW-YY:DEMOYY0001")
    qtbot.waitUntil(lambda: screen.current_page() is screen.done_page, timeout=10000)
    number = screen.panel.number.text()
    assert number.startswith("Y")
    assert "张*" in screen.panel.facts.text() and "张伟" not in screen.panel.facts.text()
    # printed: the number, the service, a QR that follows the queue
    assert k.printer.wait_for_receipts(1, timeout=10)
    qtbot.waitUntil(lambda: "请在下方出纸口" in screen.panel.print_status.text(), timeout=10000)
    text = k.receipt_text(0)
    assert number in text and "居民身份证换领" in text and "张伟" not in text
    assert k.receipt_qr(0) == [f"{k.central.url}/q/{number}"]
    # the service checked it in once, and got the check-in record once
    qtbot.waitUntil(lambda: len(k.central.stored.events("checkin.done")) == 1, timeout=10000)
    [event] = k.central.stored.payloads("checkin.done")
    assert event["ticket"] == number and event["code"] == "DEMOYY0001"
    assert "name" not in event and "phone" not in event
    # finish: nothing personal left on screen, in the session or in the masker
    with qtbot.waitSignal(k.win.session_reset):
        screen.finish_btn.click()
    assert k.session.keys() == []
    assert masking.mask_text("张伟") == "张伟"
    for w in k.win.findChildren(QLabel) + k.win.findChildren(QLineEdit):
        assert "张" not in w.text() and number not in w.text()


def test_typed_phone_and_code_with_a_mistake_first(kiosk, ready, qtbot):
    k = kiosk()
    screen = k.win.open_capability("checkin")
    for d in "1390000111":  # one digit short
        screen.keypad.keys[d].click()
    screen.code6.setFocus()
    screen.keypad.set_target(screen.code6)
    for d in "246810":
        screen.keypad.keys[d].click()
    screen.submit_btn.click()
    assert screen.typed_error.text() == "请输入 11 位手机号码。"
    assert screen.phone.text() == "1390000111" and screen.code6.text() == "246810"  # kept
    screen.keypad.set_target(screen.phone)
    screen.keypad.keys["1"].click()
    screen.submit_btn.click()
    qtbot.waitUntil(lambda: screen.current_page() is screen.done_page, timeout=10000)
    assert screen.panel.number.text().startswith("Y")
    qtbot.waitUntil(lambda: len(k.central.stored.events("checkin.done")) == 1, timeout=10000)


def test_wrong_expired_and_other_site_codes_say_what_to_do(kiosk, qtbot):
    k = kiosk(language="en")
    screen = k.win.open_capability("checkin")
    cases = [
        ("ZWFW-YY:DEMOEXPIRD", "expired", "new appointment"),
        ("ZWFW-YY:DEMOOTHERS", "邻县政务服务中心", "go to that service centre"),
        ("ZWFW-YY:DEMOCHECKD", "already been checked in", "wait for your number"),
        ("ZWFW-YY:NOSUCHCODE", "not found", "check the code"),
        ("ZWFW-SQ:" + "demo-sq-valid-01-".ljust(32, "0"), "not for this service", "appointment"),
        ("hello", "cannot be read", "appointment QR code"),
    ]
    for code, problem, advice in cases:
        screen.again()
        screen.on_scanned(code)
        qtbot.waitUntil(lambda: screen.current_page() is screen.problem_page, timeout=10000)
        assert problem in screen.problem_label.text(), code
        assert advice in screen.advice_label.text(), code
        assert screen.ticket_btn.isVisible() or screen.ticket_btn.text()
    assert k.printer.receipts == []
    assert k.central.stored.events("checkin.done") == []


def test_offline_says_so_and_offers_a_walk_in_ticket(kiosk, qtbot):
    k = kiosk(central_up=False)
    screen = k.win.open_capability("checkin")
    screen.on_scanned("ZWFW-YY:DEMOYY0001")
    qtbot.waitUntil(lambda: screen.current_page() is screen.problem_page, timeout=15000)
    assert "连接不上" in screen.problem_label.text()
    assert screen.retry_btn.isVisible() and "现场取号" in screen.advice_label.text()
    screen.ticket_btn.click()
    assert k.win.current_screen().name == "ticket"


def test_guessing_codes_is_stopped_with_a_wait_and_the_desk(kiosk, qtbot):
    """Issue 13: the service locks a phone after a few wrong codes (HTTP 429); the screen says
    to wait so many minutes or go to the desk, in words, not "not found" forever."""
    k = kiosk()
    screen = k.win.open_capability("checkin")
    for n in range(6):
        screen.phone.setText("13900001111")
        screen.code6.setText(f"{n:06d}")
        screen.submit_btn.click()
        qtbot.waitUntil(lambda: screen.current_page() is screen.problem_page, timeout=10000)
        text = screen.problem_label.text()
        if "尝试次数过多" in text:
            break
        screen.again()
    assert "尝试次数过多" in text and "分钟后再试" in text and "服务台" in text, text
    assert n == 5  # five wrong codes are free, the sixth try is stopped
    assert k.central.stored.alerts("lookup.locked")
