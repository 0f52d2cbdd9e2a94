"""Desk intake with the applicant named from the identity step instead of typed: the citizen's
card on the reader, their e-ID QR on the scan gun, or the typed number with the texted code;
the case record names the applicant and how they were checked, the screens show them masked;
"next citizen" leaves nothing personal on any widget."""

from __future__ import annotations

import pytest

from central.seed import demo
from kiosk_app.core.flows.identity import Method, current_citizen
from kiosk_app.ui.desk.screen import DeskScreen

from .conftest import WAIT

LINA_TOKEN = "ZWFW-SQ:" + "demo-sq-valid-02-".ljust(32, "0")  # 李娜's licences


def signed_in(t, qtbot) -> DeskScreen:
    s = t.win.open_capability("desk")
    assert isinstance(s, DeskScreen)
    t.scanner.scan("ZWFW-GH:S0001")
    qtbot.waitUntil(lambda: s.current_page() is s.item_page, timeout=WAIT)
    qtbot.waitUntil(lambda: s.item_page.index is not None, timeout=WAIT)
    s.item_page.search.setText("sfz")
    s.item_page.items.itemClicked.emit(s.item_page.items.item(0))
    assert s.current_page() is s.intake_page
    return s


@pytest.mark.parametrize(
    ("way", "language", "source"),
    [("card", "zh_CN", "id_card"), ("eid", "en", "eid"), ("sms", "zh_CN", "sms")],
)
def test_applicant_from_the_identity_step(terminal, qtbot, way, language, source):
    t = terminal(profile="five-ones-desk", language=language)
    s = signed_in(t, qtbot)
    row = s.intake_page.applicant
    assert row.citizen is None and not row.ask_btn.isHidden()
    row.ask_btn.click()
    panel = s.current_page()
    assert panel.objectName() == "identity_panel"
    lina = demo.holder("lina")
    if way == "card":
        t.lay("lina")
    elif way == "eid":
        code = next(c for c, (k, st) in demo.EID_CODES.items() if k == "lina" and st == "valid")
        t.scanner.scan(code)  # the scan gun: the identity page takes it, not the licence box
    else:
        panel.method_buttons["card"][Method.SMS].click()
        for ch in lina.id_number:
            panel.number_keypad.keys[ch].click()
        panel.send_btn.click()
        qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.code_page, timeout=WAIT)
        for d in t.central.stored.sms_messages()[-1]["code"]:
            panel.code_keypad.keys[d].click()
        panel.check_btn.click()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=WAIT)
    panel.continue_btn.click()
    assert s.current_page() is s.intake_page
    assert row.citizen is not None and "李*" in row.text.text() and row.ask_btn.isHidden()
    assert lina.name not in t.texts() and lina.id_number not in t.texts()
    assert s.licence_panel.auth_status.text() == ""  # the e-ID did not reach the licence box
    # the licences too (the same person), then submit
    t.scanner.scan(LINA_TOKEN)
    qtbot.waitUntil(lambda: s.case.has_licences, timeout=WAIT)
    qtbot.waitUntil(s.intake_page.submit_btn.isEnabled, timeout=WAIT)
    s.intake_page.submit_btn.click()
    qtbot.waitUntil(lambda: s.current_page() is s.done_page, timeout=WAIT)
    assert "李*" in s.done_page.receipt_panel.facts.text()
    stored = t.central.stored
    qtbot.waitUntil(lambda: len(stored.payloads("case.submitted")) == 1, timeout=WAIT)
    [case] = stored.payloads("case.submitted")
    assert case["applicant"] == {
        "name": lina.name,
        "id_number": lina.id_number,
        "verified_by": source,
    }
    assert t.printer.wait_for_receipts(1, timeout=15)
    receipt = t.printer.receipts[0].raw.decode("gb18030", errors="replace")
    assert lina.name not in receipt and lina.id_number not in receipt
    # next citizen: nothing of her anywhere
    s.done_page.next_btn.click()
    s2 = t.win.current_screen()
    assert isinstance(s2, DeskScreen) and s2 is not s
    assert current_citizen(t.session) is None and t.session.keys() == []
    assert s2.intake_page.applicant.citizen is None
    left = t.texts()
    assert "李" not in left and lina.id_number[-4:] not in left and "350999" not in left


def test_card_laid_at_the_intake_is_read_without_a_button(terminal, qtbot):
    t = terminal(profile="five-ones-desk")
    s = signed_in(t, qtbot)
    row = s.intake_page.applicant
    t.lay("zhangwei")  # the clerk only says "please lay your card"
    qtbot.waitUntil(lambda: s.current_page().objectName() == "identity_panel", timeout=WAIT)
    panel = s.current_page()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=WAIT)
    panel.continue_btn.click()
    assert s.current_page() is s.intake_page and "张*" in row.text.text()
    t.lift()
