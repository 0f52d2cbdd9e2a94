"""12345 with a named caller, end to end on the reader's simulator and the reference central
service: the caller gives their name with the card, the e-ID or the typed number and texted
code; the record names them, the screen and the slip show them masked; anonymity stays the
default and can be taken back; after the reset nothing personal is left on any widget."""

from __future__ import annotations

import pytest

from central.seed import demo
from kiosk_app.core.flows.identity import Method, current_citizen

from .conftest import WAIT


def fill(screen) -> None:
    screen.show_page(screen.form_page)
    screen.about.category_buttons["city"].click()
    screen.about.phrases.buttons[0].click()
    screen.contact.phone.setText("13900002222")


def send(t, screen) -> str:
    screen.submit_btn.click()
    assert t.win.ask.isVisible()
    t.win.ask.yes_btn.click()
    assert screen.current_page() is screen.done_page
    return str(screen.flow.filed.number)


def identify(t, qtbot, screen, way: str, holder: str) -> None:
    screen.caller.ask_btn.click()
    panel = screen.current_page()
    assert panel.objectName() == "identity_panel"
    assert "12345" in panel.purpose_text.text()
    if way == "card":
        t.lay(holder)
    elif way == "eid":
        code = next(c for c, (k, s) in demo.EID_CODES.items() if k == holder and s == "valid")
        t.scanner.scan(code)
    else:
        panel.method_buttons["card"][Method.SMS].click()
        for ch in demo.holder(holder).id_number:
            panel.number_keypad.keys[ch].click()
        panel.send_btn.click()
        qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.code_page, timeout=WAIT)
        for d in t.central.stored.sms_messages()[-1]["code"]:
            panel.code_keypad.keys[d].click()
        panel.check_btn.click()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=WAIT)
    panel.continue_btn.click()
    assert screen.current_page() is screen.form_page


@pytest.mark.parametrize(
    ("way", "holder", "source"),
    [("card", "lina", "id_card"), ("eid", "wangjianguo", "eid"), ("sms", "liufang", "sms")],
)
def test_named_caller(terminal, qtbot, way, holder, source):
    t = terminal()
    screen = t.win.open_capability("hotline")
    screen.new_btn.click()
    assert "匿名" in screen.caller.text.text()  # anonymous unless they choose otherwise
    fill(screen)
    identify(t, qtbot, screen, way, holder)
    person = demo.holder(holder)
    assert person.name[0] + "*" in screen.caller.text.text()
    assert person.name not in t.texts() and person.id_number not in t.texts()
    assert screen.contact.phone.text() == "13900002222"  # the form kept what was typed
    number = send(t, screen)
    assert f"反映人：{person.name[0]}*" in screen.done_page.panel.facts.text()
    qtbot.waitUntil(lambda: len(t.central.stored.payloads("hotline.created")) == 1, timeout=WAIT)
    [record] = t.central.stored.payloads("hotline.created")
    assert record["number"] == number
    assert record["caller"] == {
        "source": source,
        "name": person.name,
        "id_number": person.id_number,
    }
    assert t.printer.wait_for_receipts(1, timeout=10)
    slip = t.printer.receipts[0].raw.decode("gb18030", errors="replace")
    assert person.name not in slip and person.id_number not in slip
    t.win.end_session("idle")
    assert current_citizen(t.session) is None and t.session.keys() == []
    text = t.texts()
    assert person.name[0] not in text and person.id_number[-4:] not in text


def test_anonymity_kept_and_taken_back(terminal, qtbot):
    t = terminal(language="en")
    screen = t.win.open_capability("hotline")
    screen.new_btn.click()
    fill(screen)
    identify(t, qtbot, screen, "card", "lina")
    assert "李*" in screen.caller.text.text()
    screen.caller.drop_btn.click()  # file anonymously after all
    assert "anonymously" in screen.caller.text.text()
    send(t, screen)
    assert "Filed anonymously" in screen.done_page.panel.facts.text()
    qtbot.waitUntil(lambda: len(t.central.stored.payloads("hotline.created")) == 1, timeout=WAIT)
    [record] = t.central.stored.payloads("hotline.created")
    assert "caller" not in record  # nothing of the person


def test_card_lifted_mid_read_and_reader_offline(terminal, qtbot):
    t = terminal()
    t.reader.slow(1.0)
    screen = t.win.open_capability("hotline")
    screen.new_btn.click()
    screen.caller.ask_btn.click()
    panel = screen.current_page()
    t.lay("zhangwei")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.reading_page, timeout=WAIT)
    t.lift()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.problem_page, timeout=WAIT)
    assert panel.problem_text.text() == "身份证还没读完就被移动了。"
    t.reader.unplug()
    qtbot.waitUntil(lambda: "读卡器" in panel.problem_text.text(), timeout=WAIT)
    shown = {m for m, b in panel.method_buttons["problem"].items() if not b.isHidden()}
    assert shown == {Method.EID, Method.SMS}
    panel.problem_back.click()  # back to the form, still anonymous
    assert screen.current_page() is screen.form_page
    assert "匿名" in screen.caller.text.text()
    t.reader.replug()


def test_reset_with_the_identity_page_open_frees_the_screen(terminal, qtbot):
    """The idle reset while the citizen stands at the identity page: the flow's screen, the
    page and the person go at once, without waiting for a full garbage collection."""
    import gc
    import weakref

    import shiboken6

    t = terminal()

    def at_the_identity_page():  # type: ignore[no-untyped-def]
        screen = t.win.open_capability("hotline")
        screen.new_btn.click()
        screen.caller.ask_btn.click()
        panel = screen.current_page()
        t.lay("lina")
        qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=WAIT)
        return weakref.ref(screen), weakref.ref(panel)

    ref, panel_ref = at_the_identity_page()
    gc.collect()
    gc.disable()
    try:
        t.win.end_session("idle")
        qtbot.waitUntil(lambda: ref() is None or not shiboken6.isValid(ref()), timeout=WAIT)
        assert ref() is None and panel_ref() is None
    finally:
        gc.enable()
    assert current_citizen(t.session) is None and "李" not in t.texts()
