"""用水用气报装 asks who applies through the one shared identity step (issue 15), not a page of
its own: going back from it keeps the choice, the e-ID QR on the scan gun is taken by the
identity page (not by the agent's licence box), a citizen already identified in this visit is
not asked again, and the applicant is shown masked only."""

from __future__ import annotations

from central.seed import demo


def test_identity_step_back_then_e_id_then_not_asked_again(kiosk, ready, qtbot):
    k = kiosk(language="en")
    ready(qtbot, k, "scanner")
    screen = k.win.open_capability("utility")
    screen.util_buttons["gas"].click()
    screen.type_buttons["new"].click()
    screen.choose_next.click()
    panel = screen.current_page()
    assert panel.objectName() == "identity_panel"
    assert "made in the name" in panel.purpose_text.text()
    assert screen.findChild(type(panel), "identity_panel") is panel  # in the flow's own pages

    # back without an identity: the choice is still there, nothing asked of the flow
    panel.card_back.click()
    assert screen.current_page() is screen.choose_page
    assert screen.flow.applicant is None
    assert screen.util_buttons["gas"].isChecked() and screen.type_buttons["new"].isChecked()

    # again, with the e-ID QR on the scan gun
    screen.choose_next.click()
    panel = screen.current_page()
    assert panel.objectName() == "identity_panel"
    code = next(c for c, (h, st) in demo.EID_CODES.items() if h == "lina" and st == "valid")
    k.scanner.scan(code)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=15000)
    panel.continue_btn.click()
    assert screen.current_page() is screen.applicant_page
    lina = demo.holder("lina")
    assert screen.flow.applicant.id_number == lina.id_number
    assert screen.flow.applicant.verified_by == "eid"
    who = screen.who.text()
    assert who.startswith("Applicant:") and lina.name not in who and lina.id_number not in who
    assert screen.company.text() == ""  # the e-ID did not reach the agent's licence box

    # back to the choice and on again: the visit knows her, no second identity page
    screen.findChild(type(screen.choose_next), "utility_applicant_next_back").click()
    assert screen.current_page() is screen.choose_page
    screen.choose_next.click()
    assert screen.current_page() is screen.applicant_page
    assert screen.flow.applicant.id_number == lina.id_number

    # the reset forgets her: the next citizen is asked again
    k.win.end_session("finished")
    screen = k.win.open_capability("utility")
    screen.util_buttons["water"].click()
    screen.type_buttons["stop"].click()
    screen.choose_next.click()
    assert screen.current_page().objectName() == "identity_panel"
    assert screen.flow.applicant is None
