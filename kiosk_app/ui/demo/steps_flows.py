"""Walkthrough steps for the citizen flows on the kiosk-24h demo terminal: check-in (scanned by
the camera, typed on the keypad, a wrong code), walk-in ticket (and with the printer out of
paper), service guide, certificate-free, 12345 with progress, rating — in zh_CN, English and
elder mode, with every printed slip kept as a receipt."""

from __future__ import annotations

from typing import Any

from contract.codes import spoken
from kiosk_app.ui import i18n
from kiosk_app.ui.demo.walkthrough import Walkthrough, expect, step
from kiosk_app.ui.flows.certfree import CertfreeScreen
from kiosk_app.ui.flows.progress import ProgressScreen
from kiosk_app.ui.flows.rating import RatingScreen

AUTH_TOKEN = "demo-sq-valid-02-".ljust(32, "0")  # central/README.md demo codes


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


def _open(wt: Walkthrough, cap: str, language: str = "zh_CN", elder: bool = False) -> Any:
    """A fresh citizen: language and elder mode as they would pick them, then the home tile."""
    win = wt.win
    win.start_session()
    if i18n.current_language() != language:
        win.home.lang_btn.click()
        wt.process(50)
    win.set_elder_mode(elder)
    win.resize(1280, 800)  # back to the demo's size (as far as the home screen allows)
    tile = win.home.tile_buttons.get(cap)
    if tile is None:
        raise AssertionError(f"home shows the {cap} tile")
    tile[0].click()
    screen = win.current_screen()
    _check(screen.name == cap, f"{cap} screen opened")
    return screen


def _show_code(wt: Walkthrough, text: str | None) -> None:
    """Hold a code up to the demo's camera scanner (a synthesised scene)."""
    cam = wt.ctx.devices.get("camera_scanner") if wt.ctx.devices is not None else None
    scene = getattr(cam, "scene", None)  # the demo's camera scanner shows synthesised scenes
    if scene is None:
        raise AssertionError("the demo has a camera scanner")
    scene.show(text)


def _printed(wt: Walkthrough, before: int, name: str) -> None:
    sim = wt.ctx.services["printer_sim"]
    _check(sim.wait_for_receipts(before + 1, timeout=15), f"{name} printed")
    png = sim.receipts[before].png
    _check(png is not None, "the simulator rendered the slip")
    wt.receipt(png, name)


def _receipts(wt: Walkthrough) -> int:
    return len(wt.ctx.services["printer_sim"].receipts)


def _end(wt: Walkthrough) -> None:
    """The citizen finishes; the next one touches the screen (later steps expect a session)."""
    wt.win.end_session("finished")
    _check(wt.ctx.session.keys() == [], "session wiped")
    wt.win.start_session()


@step(100, "checkin-scanned-zh")
def checkin_scanned(wt: Walkthrough) -> None:
    screen = _open(wt, "checkin")
    wt.shot("checkin-enter-zh")
    n = _receipts(wt)
    _show_code(wt, "ZWFW-YY:DEMOYY0003")
    try:
        wt.wait_until(lambda: screen.current_page() is screen.done_page, 20, "ticket on screen")
    finally:
        _show_code(wt, None)
    _printed(wt, n, "checkin-ticket-zh")
    wt.wait_until(lambda: "出纸口" in screen.panel.print_status.text(), 15, "print confirmed")
    _check("王*" in screen.panel.facts.text(), "name shown masked")
    wt.shot("checkin-ticket-zh")
    screen.rate_btn.click()
    rating = expect(wt.win.current_screen(), RatingScreen)
    wt.shot("rating-after-checkin-zh")
    rating.buttons.buttons[5].click()
    wt.wait_until(lambda: rating.current_page() is rating.thanks_page, 5, "thanks")
    wt.shot("rating-thanks-zh")
    _end(wt)


@step(110, "checkin-typed-en")
def checkin_typed(wt: Walkthrough) -> None:
    screen = _open(wt, "checkin", "en")
    for d in "13900004444":
        screen.keypad.keys[d].click()
    screen.keypad.set_target(screen.code6)
    for d in "44556":
        screen.keypad.keys[d].click()
    screen.submit_btn.click()
    _check("6-digit" in screen.typed_error.text(), "a short code is named plainly")
    wt.shot("checkin-typed-mistake-en")
    screen.keypad.keys["6"].click()
    n = _receipts(wt)
    screen.submit_btn.click()
    wt.wait_until(lambda: screen.current_page() is screen.done_page, 20, "ticket on screen")
    _printed(wt, n, "checkin-ticket-en")
    wt.shot("checkin-ticket-en")
    _end(wt)


@step(120, "checkin-expired-elder")
def checkin_expired(wt: Walkthrough) -> None:
    screen = _open(wt, "checkin", elder=True)
    wt.shot("checkin-enter-elder")
    screen.on_scanned("ZWFW-YY:DEMOEXPIRD")
    wt.wait_until(lambda: screen.current_page() is screen.problem_page, 20, "problem shown")
    _check("过期" in screen.problem_label.text(), "says it expired")
    wt.shot("checkin-expired-elder")
    _end(wt)


@step(130, "ticket-elder")
def ticket_elder(wt: Walkthrough) -> None:
    screen = _open(wt, "ticket", elder=True)
    wt.shot("ticket-choose-elder")
    n = _receipts(wt)
    screen.grid.next_btn.click()  # every category reached: six a page in elder mode
    wt.shot("ticket-choose-elder-page2")
    screen.grid.items[-1].click()
    _check(screen.current_page() is screen.confirm_page, "asked once before printing")
    _check(_receipts(wt) == n, "nothing printed before the citizen confirms")
    wt.shot("ticket-confirm-elder")
    screen.confirm_btn.click()
    wt.wait_until(lambda: screen.current_page() is screen.done_page, 20, "ticket on screen")
    _printed(wt, n, "walk-in-ticket-zh")
    wt.wait_until(lambda: "出纸口" in screen.panel.print_status.text(), 15, "print confirmed")
    wt.shot("ticket-done-elder")
    _end(wt)


@step(140, "ticket-printer-out-of-paper")
def ticket_no_paper(wt: Walkthrough) -> None:
    sim = wt.ctx.services["printer_sim"]
    sim.set_paper("out")
    try:
        screen = _open(wt, "ticket")
        list(screen.category_buttons.values())[1].click()
        screen.confirm_btn.click()
        wt.wait_until(lambda: screen.current_page() is screen.done_page, 20, "ticket on screen")
        wt.wait_until(lambda: "缺纸" in screen.panel.print_status.text(), 20, "says no paper")
        wt.shot("ticket-no-paper-zh")
        _end(wt)
    finally:
        sim.set_paper("ok")


@step(150, "catalog-search")
def catalog(wt: Walkthrough) -> None:
    screen = _open(wt, "catalog")
    wt.wait_until(lambda: screen.index is not None, 30, "catalog index")
    screen.query.setText("yyzz")
    _check(screen.results.count() > 0, "initials find 营业执照")
    wt.shot("catalog-yyzz-zh")
    screen.results.itemClicked.emit(screen.results.item(0))
    wt.shot("catalog-item-zh")
    n = _receipts(wt)
    screen.print_btn.click()
    wt.shot("catalog-print-ask-zh")
    wt.win.ask.yes_btn.click()
    _printed(wt, n, "materials-checklist-zh")
    wt.win.toggle_language()
    wt.process(50)
    wt.shot("catalog-item-en")
    _end(wt)


@step(160, "certfree")
def certfree(wt: Walkthrough) -> None:
    screen = _open(wt, "certfree")
    wt.shot("certfree-scan-zh")
    _show_code(wt, "ZWFW-SQ:" + AUTH_TOKEN)
    try:
        wt.wait_until(lambda: screen.current_page() is screen.consent_page, 20, "licences")
    finally:
        _show_code(wt, None)
    _check("李*" in screen.holder.text(), "holder masked")
    # 李娜's food business permit has expired: shown in red with its date, and it cannot be ticked
    permit = screen.checks.get("food_business_permit")
    _check(permit is not None, "the expired permit is listed")
    _check(not permit.isEnabled() and not permit.isChecked(), "the expired permit is not chosen")
    _check("已过期" in permit.text() and "换证" in screen.expired_note.text(), "expiry said")
    wt.shot("certfree-consent-zh")
    i18n.set_language("en")
    wt.process(80)
    _check("Expired on" in permit.text() and "renew" in screen.expired_note.text(), "in English")
    wt.shot("certfree-consent-en")
    i18n.set_language("zh_CN")
    wt.win.set_elder_mode(True)
    wt.process(120)
    wt.shot("certfree-consent-elder")
    wt.win.set_elder_mode(False)
    wt.process(120)
    wt.win.resize(1280, 800)
    wt.process(80)
    n = _receipts(wt)
    screen.consent_btn.click()
    _check(screen.current_page() is screen.done_page, "attached")
    central = wt.ctx.services["central"]
    wt.wait_until(lambda: central.stored.payloads("case.submitted"), 20, "case delivered")
    kinds = [x["kind"] for x in central.stored.payloads("case.submitted")[-1]["licences"]]
    _check(
        bool(kinds) and "food_business_permit" not in kinds, "the expired permit is not attached"
    )
    _printed(wt, n, "certfree-slip-zh")  # the number and the window, on paper
    wt.shot("certfree-done-zh")
    # home after personal data: asked first; "another service" ends the flow, not the visit
    case = screen.flow.case_id
    screen.home_btn.click()
    _check(wt.win.end_visit.isVisible(), "结束本次办理？ asked")
    wt.shot("certfree-end-visit-zh")
    wt.win.end_visit.other_btn.click()
    _check(wt.win.current_screen() is wt.win.home, "home, the visit goes on")
    again = expect(wt.win.open_capability("certfree"), CertfreeScreen)
    _check(again is not screen and again.current_page() is again.scan_page, "opens fresh")
    _check(case not in again.case_text.text() and not again.holder.text(), "nothing of before")
    # the case number on the slip, at the 办件查询 screen
    wt.win.show_screen(wt.win.home)
    progress = expect(wt.win.open_capability("progress"), ProgressScreen)
    progress.number.setText(spoken(case))
    progress.look_up()
    wt.wait_until(lambda: progress.box.isVisible(), 20, "case progress shown")
    _check("综合受理窗口" in progress.facts.text(), "names the window")
    wt.shot("progress-case-zh")
    _end(wt)


@step(170, "hotline-request-and-progress")
def hotline(wt: Walkthrough) -> None:
    screen = _open(wt, "hotline")
    wt.shot("hotline-menu-zh")
    screen.new_btn.click()
    screen.about.category_buttons["city"].click()
    screen.about.phrases.buttons[0].click()
    screen.contact.place.setText("城关镇幸福路 12 号")
    screen.contact.phone.setText("13900005555")
    wt.shot("hotline-form-zh")
    n = _receipts(wt)
    screen.submit_btn.click()
    _check(wt.win.ask.isVisible(), "asked once before sending")
    wt.shot("hotline-ask-zh")
    wt.win.ask.yes_btn.click()
    _check(screen.current_page() is screen.done_page, "filed")
    number = screen.flow.filed.number
    _printed(wt, n, "hotline-slip-zh")
    wt.shot("hotline-filed-zh")
    central = wt.ctx.services["central"]
    wt.wait_until(lambda: number in central.stored.workorder_numbers(), 20, "order delivered")
    screen.on_scanned(number)  # the slip's QR: the 办件查询 screen answers
    progress = expect(wt.win.current_screen(), ProgressScreen)
    wt.wait_until(lambda: "已受理" in progress.steps.text(), 20, "progress shown")
    wt.shot("hotline-progress-zh")
    _end(wt)


@step(180, "rating-en")
def rating(wt: Walkthrough) -> None:
    screen = _open(wt, "rating", "en")
    wt.shot("rating-en")
    screen.buttons.buttons[4].click()
    _check(screen.current_page() is screen.thanks_page, "thanks")
    _end(wt)
