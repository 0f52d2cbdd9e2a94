"""The desk end to end on simulators over real channels and the reference central service:
what was printed, what the server received (exactly once), what is left after reset."""

from __future__ import annotations

import re

from contract.codes import spoken
from devices.imaging.scenes import SceneSpec
from kiosk_app.core.flows.capture_flow import CaptureMode
from kiosk_app.ui.desk.screen import DeskScreen

TOKEN = "ZWFW-SQ:demo-sq-valid-01-000000000000000"
WAIT = 20000


def wait_enabled(qtbot, desk, *names: str) -> None:
    for name in names:
        dev = desk.win.ctx.devices.get(name)
        qtbot.waitUntil(lambda dev=dev: dev.state.value == "enabled", timeout=10000)


def open_desk(qtbot, desk) -> DeskScreen:
    screen = desk.win.open_capability("desk")
    assert isinstance(screen, DeskScreen)
    return screen


def choose_item(qtbot, s: DeskScreen, query: str = "sfz") -> None:
    qtbot.waitUntil(lambda: s.item_page.index is not None, timeout=WAIT)
    s.item_page.search.setText(query)
    assert s.item_page.items.count() > 0
    s.item_page.items.itemClicked.emit(s.item_page.items.item(0))
    assert s.current_page() is s.intake_page


def lay(qtbot, desk, s: DeskScreen, spec: SceneSpec, pages: int) -> None:
    desk.camera.show(spec)
    qtbot.waitUntil(lambda: s.capture_panel.page_count() == pages, timeout=WAIT)


def lift(qtbot, desk, s: DeskScreen) -> None:
    """An empty desk until the camera has judged it (so the next page is a new scene)."""
    desk.camera.show(SceneSpec(seed=99, subject="none", background="dark"))
    with qtbot.waitSignal(desk.win.bridges["doc_camera"].data, timeout=WAIT):
        pass
    qtbot.wait(0)


def texts(win) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

    out = []
    for w in win.findChildren(QLabel) + win.findChildren(QLineEdit):
        out.append(w.text())
    out += [b.text() for b in win.findChildren(QAbstractButton)]
    return "\n".join(out)


def test_case_intake_end_to_end(qtbot, desk) -> None:
    d = desk()
    wait_enabled(qtbot, d, "scanner", "rating_pad", "printer", "doc_camera")
    s = open_desk(qtbot, d)
    assert s.current_page() is s.sign_in_page

    d.scanner.scan("ZWFW-YY:A7K2M9Q4XZ")  # not a badge: said so, nothing else happens
    qtbot.waitUntil(lambda: s.sign_in_page.sign_in_error.text() != "", timeout=WAIT)
    d.scanner.scan("ZWFW-GH:S0001")
    qtbot.waitUntil(lambda: s.current_page() is s.item_page, timeout=WAIT)
    assert "S0001" in s.item_page.staff_bar.who.text()
    choose_item(qtbot, s)

    d.scanner.scan(TOKEN)
    qtbot.waitUntil(lambda: s.case.has_licences, timeout=WAIT)
    assert (
        "350999********" in s.licence_panel.holder.text() and "张*" in s.licence_panel.holder.text()
    )
    assert "张伟" not in texts(d.win)

    # two pages, auto-captured when still, then an ID card (front, back) on one page
    lay(qtbot, d, s, SceneSpec(seed=2, subject="a4", background="dark"), 1)
    lift(qtbot, d, s)
    lay(qtbot, d, s, SceneSpec(seed=4, subject="a4", background="wood"), 2)
    s.capture_panel.set_mode(CaptureMode.ID_CARD)
    d.camera.show(SceneSpec(seed=5, subject="id_card", background="dark", fill=0.35))
    qtbot.waitUntil(lambda: s.capture.waiting_for_back, timeout=WAIT)
    lay(qtbot, d, s, SceneSpec(seed=6, subject="id_card", background="mid", fill=0.35), 3)
    first = s.capture.page_list()[0]
    s.capture_panel.pages.setCurrentRow(0)
    s.capture_panel.right_btn.click()  # reorder: page 1 becomes page 2
    assert s.capture.page_list()[1] == first

    qtbot.waitUntil(s.intake_page.submit_btn.isEnabled, timeout=WAIT)
    s.intake_page.submit_btn.click()
    s.intake_page.submit_btn.click()  # an impatient second tap records nothing more
    qtbot.waitUntil(lambda: s.current_page() is s.done_page, timeout=WAIT)
    case_id = s.case.case_id

    # printed: the submission receipt with the case number as a barcode
    assert d.printer.wait_for_receipts(1, timeout=15)
    assert d.receipt_codes(0) == [case_id]
    assert "受理回执" in d.receipt_text(0) and "S0001" in d.receipt_text(0)
    qtbot.waitUntil(lambda: "请" in s.done_page.receipt_panel.print_status.text(), timeout=WAIT)

    # the rating pad shows the case; the citizen rates there
    qtbot.waitUntil(lambda: d.pad.prompt is not None and case_id in d.pad.prompt, timeout=WAIT)
    assert "S0001" in d.pad.prompt
    d.pad.rate(4)
    qtbot.waitUntil(
        lambda: s.done_page.rating is not None and s.done_page.rating.level == 4, timeout=WAIT
    )

    # received exactly once: the case with its PDF, and the rating
    stored = d.central.stored
    qtbot.waitUntil(lambda: len(stored.payloads("rating.submitted")) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: len(stored.payloads("case.submitted")) == 1, timeout=WAIT)
    [case] = stored.payloads("case.submitted")
    assert case["case_id"] == case_id and case["staff_id"] == "S0001" and case["pages"] == 3
    assert case["window"] == "1号窗口" and case["channel"] == "desk" and case["consent"] is True
    [pdf] = [stored.blobs()[h] for h in case["blobs"]]
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 3
    [rating] = stored.payloads("rating.submitted")
    assert rating["level"] == 4 and rating["case_id"] == case_id
    assert (rating["staff_id"], rating["channel"], rating["item_id"]) == ("S0001", "pad", "C0032")
    assert rating["window"] == "1号窗口" and rating["rated_at"]

    # next citizen: everything personal gone, the clerk still signed in
    temp = d.session.temp_dir()
    s.done_page.next_btn.click()
    s2 = d.win.current_screen()
    assert isinstance(s2, DeskScreen) and s2 is not s
    assert s2.current_page() is s2.item_page
    assert not temp.exists() and d.session.keys() == []
    left = texts(d.win)
    assert "张" not in left and "350999" not in left and case_id not in left
    root = d.win.ctx.data_dir / "session-tmp"
    assert not root.exists() or [p for p in root.rglob("*") if p.is_file()] == []

    # an idle reset signs the clerk out
    d.win.end_session("idle")
    s3 = open_desk(qtbot, d)
    assert s3.current_page() is s3.sign_in_page


def test_without_camera_or_printer_the_desk_still_takes_the_case(qtbot, desk) -> None:
    d = desk(language="en", camera=False, printer_up=False)
    wait_enabled(qtbot, d, "scanner", "rating_pad")
    s = open_desk(qtbot, d)

    # PIN sign-in on the keypad: a wrong PIN is said plainly, the right one signs in
    s.sign_in_page.keypad.set_target(s.sign_in_page.staff_number)
    for k in "0001":
        s.sign_in_page.keypad.keys[k].click()
    s.sign_in_page.staff_pin.setText("0000")
    s.sign_in_page.sign_in_btn.click()
    qtbot.waitUntil(lambda: "wrong" in s.sign_in_page.sign_in_error.text(), timeout=WAIT)
    assert (
        "4 attempt" in s.sign_in_page.sign_in_error.text()
        and s.sign_in_page.staff_number.text() == "0001"
    )
    assert s.sign_in_page.staff_pin.text() == ""
    s.sign_in_page.staff_pin.setText("1357")
    s.sign_in_page.sign_in_btn.click()
    qtbot.waitUntil(lambda: s.current_page() is s.item_page, timeout=WAIT)
    choose_item(qtbot, s, "yyzz")

    # no camera: the panel says what to do instead, and its buttons are off
    assert "No document camera" in s.capture_panel.status.text()
    assert not s.capture_panel.take_btn.isEnabled() and not s.intake_page.submit_btn.isEnabled()

    # a mistyped code stays in the field to correct; the right one is looked up
    s.licence_panel.auth_code.setText("ZWFW-SQ:too-short")
    s.licence_panel.lookup_btn.click()
    assert "not an authorisation code" in s.licence_panel.auth_status.text()
    assert s.licence_panel.auth_code.text() == "ZWFW-SQ:too-short"
    s.licence_panel.auth_code.setText("ZWFW-SQ:demo-sq-expired-01-0000000000000")
    s.licence_panel.lookup_btn.click()
    qtbot.waitUntil(lambda: "expired" in s.licence_panel.auth_status.text(), timeout=WAIT)
    s.licence_panel.auth_code.setText("zwfw-sq:demo-sq-valid-02-000000000000000")
    s.licence_panel.lookup_btn.click()
    qtbot.waitUntil(lambda: s.case.has_licences, timeout=WAIT)
    assert s.licence_panel.auth_code.text() == "" and "李*" in s.licence_panel.holder.text()

    s.intake_page.submit_btn.click()
    qtbot.waitUntil(lambda: s.current_page() is s.done_page, timeout=WAIT)
    case_id = s.case.case_id
    # no printer: the case number large on screen and a sentence saying so
    assert s.done_page.receipt_panel.number.text() == spoken(case_id)
    qtbot.waitUntil(
        lambda: "printer" in s.done_page.receipt_panel.print_status.text(), timeout=WAIT
    )
    assert s.done_page.receipt_panel.print_status.property("role") == "error"

    # the on-screen buttons count as well as the pad
    s.done_page.rate_buttons.buttons[5].click()
    stored = d.central.stored
    qtbot.waitUntil(lambda: len(stored.payloads("rating.submitted")) == 1, timeout=WAIT)
    [rating] = stored.payloads("rating.submitted")
    assert (rating["channel"], rating["level"], rating["case_id"]) == ("desk", 5, case_id)
    qtbot.waitUntil(lambda: len(stored.payloads("case.submitted")) == 1, timeout=WAIT)
    [case] = stored.payloads("case.submitted")
    assert case["pages"] == 0 and "blobs" not in case and case["item_id"]
    assert case["applicant"]["name"] == "李娜"


def test_idle_reset_mid_intake_leaves_nothing_and_signs_the_clerk_out(qtbot, desk) -> None:
    d = desk()
    wait_enabled(qtbot, d, "scanner", "doc_camera")
    s = open_desk(qtbot, d)
    d.scanner.scan("ZWFW-GH:S0002")  # a badge-only clerk
    qtbot.waitUntil(lambda: s.current_page() is s.item_page, timeout=WAIT)
    choose_item(qtbot, s)
    d.scanner.scan(TOKEN)
    qtbot.waitUntil(lambda: s.case.has_licences, timeout=WAIT)
    lay(qtbot, d, s, SceneSpec(seed=7, subject="a4", background="dark"), 1)
    temp = d.session.temp_dir()
    assert any(temp.glob("*.jpg"))

    # the camera is pulled out: the panel says so and offers the code route
    d.camera.unplug()
    qtbot.waitUntil(lambda: not s.capture_panel.take_btn.isEnabled(), timeout=WAIT)
    assert "not connected" in s.capture_panel.status.text() or "未连接" in (
        s.capture_panel.status.text()
    )
    assert s.intake_page.submit_btn.isEnabled()  # licences and the page already taken still count
    d.camera.replug()
    qtbot.waitUntil(s.capture_panel.take_btn.isEnabled, timeout=WAIT)

    d.win.end_session("idle")
    assert not temp.exists() and d.session.keys() == []
    left = texts(d.win)
    assert "张" not in left and "350999" not in left
    assert d.central.stored.payloads("case.submitted") == []  # nothing was sent unasked
    s2 = open_desk(qtbot, d)
    assert s2.current_page() is s2.sign_in_page  # signed out by the idle reset


def test_standalone_capture_files_one_document(qtbot, desk) -> None:
    d = desk(language="en")
    wait_enabled(qtbot, d, "doc_camera")
    screen = d.win.open_capability("capture")
    assert screen is not None and not screen.save_btn.isEnabled()
    d.camera.show(SceneSpec(seed=8, subject="a4", background="dark"))
    qtbot.waitUntil(lambda: screen.panel.page_count() == 1, timeout=WAIT)
    qtbot.waitUntil(screen.save_btn.isEnabled, timeout=WAIT)
    screen.save_btn.click()
    assert d.win.ask.isVisible()  # filing the pages is asked once
    d.win.ask.yes_btn.click()
    qtbot.waitUntil(lambda: screen.current_page() is screen.done_page, timeout=WAIT)
    number = screen.result.number.text()
    assert number.startswith("WJ") and "Pages: 1" in screen.result.facts.text()
    stored = d.central.stored
    qtbot.waitUntil(lambda: len(stored.payloads("document.captured")) == 1, timeout=WAIT)
    [doc] = stored.payloads("document.captured")
    assert (
        doc["document_id"] == number.replace(" ", "")
        and doc["channel"] == "kiosk"
        and doc["staff_id"] is None
    )
    assert stored.blobs()[doc["blobs"][0]].startswith(b"%PDF")
    screen.finish_btn.click()
    assert d.win.current_screen() is d.win.attract and d.session.keys() == []
