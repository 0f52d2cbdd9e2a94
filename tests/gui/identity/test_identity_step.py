"""The identity step itself, asked by a flow through the window (``win.ask_identity``), on the
reader's simulator and the reference central service: a card lifted mid-read, the reader
unplugged and back, the e-ID QR, the typed number with the texted code (wrong, then right), an
expired card told how to renew — in zh_CN, English and elder mode; and nothing personal left
after the reset."""

from __future__ import annotations

from central.seed import demo
from kiosk_app.core.citizen import IdSource
from kiosk_app.core.flows.identity import Level, current_citizen

from .conftest import WAIT


def ask(t, level: Level = Level.ANY):
    """A flow asks (certificate-free's screen stands in for any flow)."""
    screen = t.win.open_capability("certfree")
    got: list = []
    panel = t.win.ask_identity(screen, level, got.append)
    assert panel is not None and screen.current_page() is panel
    return screen, panel, got


def eid(holder: str, state: str = "valid") -> str:
    return next(c for c, (k, s) in demo.EID_CODES.items() if k == holder and s == state)


def test_card_lifted_mid_read_then_read(terminal, qtbot):
    t = terminal()
    t.reader.slow(1.0)  # a slow reader: time to lift the card while it reads
    screen, panel, got = ask(t)
    t.lay("lina")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.reading_page, timeout=WAIT)
    assert panel.reading_heading.text() == "正在读取身份证…"
    t.lift()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.problem_page, timeout=WAIT)
    assert "移动" in panel.problem_text.text()
    assert panel.method_buttons["problem"][panel.flow.level.methods[0]].text() == "重新放身份证"
    t.reader.slow(0.0)
    panel.method_buttons["problem"][panel.flow.level.methods[0]].click()
    t.lay("lina")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=WAIT)
    panel.continue_btn.click()
    assert screen.current_page() is screen.scan_page
    assert len(got) == 1 and got[0].source is IdSource.CARD
    assert current_citizen(t.session) is got[0]
    # asked again in the same visit: known already, not asked twice
    again: list = []
    assert t.win.ask_identity(screen, Level.CARD_OR_EID, again.append) is None
    assert again == got


def test_reader_offline_offers_the_other_ways_english(terminal, qtbot):
    t = terminal(language="en")
    _, panel, got = ask(t)
    t.reader.unplug()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.problem_page, timeout=WAIT)
    assert panel.problem_text.text() == "The ID card reader is not working right now."
    buttons = panel.method_buttons["problem"]
    shown = {m.value for m, b in buttons.items() if not b.isHidden()}
    assert shown == {"eid", "sms"}
    assert "e-ID" in panel.advice_text.text()
    t.reader.replug()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.card_page, timeout=WAIT)
    # the e-ID instead
    t.scanner.scan(eid("wangjianguo"))
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=WAIT)
    assert "Name: 王**" in panel.who.text()
    panel.continue_btn.click()
    assert got and got[0].source is IdSource.EID


def test_typed_number_and_texted_code_elder(terminal, qtbot):
    t = terminal(elder=True)
    _, panel, got = ask(t)
    assert panel.elder
    assert "请将身份证放在感应区" in t.win.voice.spoken  # said aloud in elder mode
    panel.method_buttons["card"][panel.flow.level.methods[2]].click()
    assert panel.stack.currentWidget() is panel.number_page
    for ch in "35099919900721242":  # one character short
        panel.number_keypad.keys[ch].click()
    panel.send_btn.click()
    assert "18 位" in panel.number_error.text()
    assert panel.number.text() == "35099919900721242"  # nothing typed is lost
    number = demo.holder("lina").id_number
    panel.number_keypad.keys[number[-1]].click()
    panel.send_btn.click()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.code_page, timeout=WAIT)
    assert "139****2222" in panel.code_text.text()
    [sms] = t.central.stored.sms_messages()
    wrong = "000000" if sms["code"] != "000000" else "111111"
    for d in wrong:
        panel.code_keypad.keys[d].click()
    panel.check_btn.click()
    qtbot.waitUntil(lambda: "验证码不对" in panel.code_error.text(), timeout=WAIT)
    for d in sms["code"]:
        panel.code_keypad.keys[d].click()
    panel.check_btn.click()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=WAIT)
    assert "李*" in panel.who.text() and number not in t.texts()
    assert "这是您本人吗？" in t.win.voice.spoken
    assert not any("李" in said or number[-4:] in said for said in t.win.voice.spoken)
    panel.continue_btn.click()
    assert got[0].source is IdSource.SMS
    t.win.end_session("idle")
    assert current_citizen(t.session) is None and t.session.keys() == []
    text = t.texts()
    assert "李" not in text and number[-4:] not in text and sms["code"] not in text


def test_expired_card_says_when_and_where_to_renew(terminal, qtbot):
    t = terminal()
    screen, panel, got = ask(t, Level.CARD_OR_EID)
    t.lay("chenzhiqiang")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.problem_page, timeout=WAIT)
    assert "过期" in panel.problem_text.text() and "派出所" in panel.advice_text.text()
    assert not got and current_citizen(t.session) is None
    panel.problem_back.click()  # back to the flow, without an identity
    assert screen.current_page() is screen.scan_page
