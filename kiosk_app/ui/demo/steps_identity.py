"""Walkthrough steps for the identity step (身份核验): a demo person's ID card laid on the
simulated reader (GA/T 467 over a pty) where a flow asks who the citizen is — 12345 with a
named caller, certificate-free refusing someone else's authorisation, desk intake naming the
applicant from the card — and the other ways: the e-ID QR, the typed number with a texted
code, the reader unplugged (elder mode)."""

from __future__ import annotations

from typing import Any

from central.seed import demo
from kiosk_app.ui import i18n
from kiosk_app.ui.demo.walkthrough import Walkthrough, expect, step
from kiosk_app.ui.desk.screen import DeskScreen
from kiosk_app.ui.identity.panel import IdentityPanel

DESK = "five-ones-desk"


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


def _env(wt: Walkthrough) -> Any:
    """The simulated reader (``DemoEnvironment._start_idcard``) and the people's cards."""
    sim = wt.ctx.services.get("idcard_sim")
    _check(sim is not None, "the demo terminal has the ID-card reader simulator")
    return sim


def _lay(wt: Walkthrough, holder: str) -> None:
    from kiosk_app.demo.environment import demo_sim_card

    _env(wt).place(demo_sim_card(holder))


def _lift(wt: Walkthrough) -> None:
    _env(wt).lift()


def _fresh(wt: Walkthrough, cap: str, language: str = "zh_CN", elder: bool = False) -> Any:
    """A new citizen (whatever a failed step before left behind), then the home tile."""
    win = wt.win
    win.end_session("finished")
    win.start_session()
    if i18n.current_language() != language:
        win.home.lang_btn.click()
        wt.process(50)
    win.set_elder_mode(elder)
    win.resize(1280, 800)
    tile = win.home.tile_buttons.get(cap)
    if tile is None:
        raise AssertionError(f"home shows the {cap} tile")
    tile[0].click()
    screen = win.current_screen()
    _check(screen.name == cap, f"{cap} screen opened")
    return screen


def _page(panel: Any, page: Any) -> bool:
    return bool(panel.stack.currentWidget() is page)


def _end(wt: Walkthrough) -> None:
    wt.win.end_session("finished")
    _check(wt.ctx.session.keys() == [], "session wiped")
    wt.win.start_session()


def _reader_ready(wt: Walkthrough) -> None:
    dev = wt.ctx.devices.get("idcard") if wt.ctx.devices is not None else None
    if dev is None:
        raise AssertionError("the reader is configured")
    wt.wait_until(lambda: dev.state.value == "enabled", 10, "the reader enabled")


@step(165, "identity-certfree-card")
def certfree_card(wt: Walkthrough) -> None:
    """Lina lays her card, then shows 张伟's authorisation: refused by name; her own: taken."""
    _reader_ready(wt)
    screen = _fresh(wt, "certfree")
    screen.identify_btn.click()
    panel = expect(screen.current_page(), IdentityPanel)
    _check(panel.objectName() == "identity_panel", "the identity step shows")
    wt.shot("identity-card-zh")
    sim = _env(wt)
    rf = sim.read_delay_s
    sim.slow(2.0)  # a slow read, long enough to see the progress
    try:
        _lay(wt, "lina")
        wt.wait_until(lambda: _page(panel, panel.reading_page), 15, "reading")
        wt.shot("identity-reading-zh")
        wt.wait_until(lambda: _page(panel, panel.done_page), 15, "the card read")
    finally:
        sim.slow(rf)
        _lift(wt)
    _check("李*" in panel.who.text() and "李娜" not in panel.who.text(), "masked on screen")
    wt.shot("identity-done-zh")
    panel.continue_btn.click()
    _check(screen.current_page() is screen.scan_page, "back in certificate-free")
    wt.shot("certfree-identified-zh")
    screen.on_scanned("ZWFW-SQ:" + "demo-sq-valid-01-".ljust(32, "0"))  # 张伟's
    wt.wait_until(lambda: screen.current_page() is screen.problem_page, 15, "refused")
    _check(
        screen.flow.wrong_holder,
        f"someone else's authorisation is refused ({screen.problem_label.text()})",
    )
    wt.shot("certfree-not-the-holder-zh")
    _end(wt)


@step(166, "identity-eid-and-sms-en")
def eid_and_sms(wt: Walkthrough) -> None:
    """The other ways, asked at "any of the three": the e-ID QR, then (next citizen) the typed
    number and the code the simulated gateway texted."""
    from kiosk_app.core.flows.identity import Level, Method

    screen = _fresh(wt, "certfree", "en")
    got: list[Any] = []
    panel = expect(wt.win.ask_identity(screen, Level.ANY, got.append), IdentityPanel)
    panel.method_buttons["card"][Method.EID].click()
    wt.shot("identity-eid-en")
    code = next(c for c, (k, s) in demo.EID_CODES.items() if k == "wangjianguo" and s == "valid")
    panel.on_scanned(code)
    wt.wait_until(lambda: _page(panel, panel.done_page), 15, "the e-ID resolved")
    wt.shot("identity-eid-done-en")
    panel.continue_btn.click()
    _check(len(got) == 1, "the flow has its citizen")
    _end(wt)
    screen = _fresh(wt, "certfree", "en")
    panel = expect(wt.win.ask_identity(screen, Level.ANY, got.append), IdentityPanel)
    panel.method_buttons["card"][Method.SMS].click()
    for ch in demo.holder("liufang").id_number:
        panel.number_keypad.keys[ch].click()
    wt.shot("identity-sms-en")
    panel.send_btn.click()
    wt.wait_until(lambda: _page(panel, panel.code_page), 15, "the code texted")
    central = wt.ctx.services["central"]
    sms = central.stored.sms_messages()[-1]
    for d in sms["code"]:
        panel.code_keypad.keys[d].click()
    wt.shot("identity-sms-code-en")
    panel.check_btn.click()
    wt.wait_until(lambda: _page(panel, panel.done_page), 15, "the code checked")
    panel.continue_btn.click()
    _check(len(got) == 2, "identified by the texted code")
    _end(wt)


@step(167, "identity-reader-offline-elder")
def reader_offline(wt: Walkthrough) -> None:
    """The reader unplugged while the step waits: the e-ID and the typed number are offered."""
    from kiosk_app.core.flows.identity import Level

    screen = _fresh(wt, "certfree", elder=True)
    panel = expect(wt.win.ask_identity(screen, Level.ANY, lambda c: None), IdentityPanel)
    wt.shot("identity-card-elder")
    _env(wt).unplug()
    try:
        wt.wait_until(lambda: _page(panel, panel.problem_page), 15, "the reader gone")
        _check("读卡器" in panel.problem_text.text(), "says the reader is not working")
        wt.shot("identity-reader-offline-elder")
    finally:
        _env(wt).replug()
    _reader_ready(wt)
    _end(wt)


def _receipts(wt: Walkthrough) -> int:
    return len(wt.ctx.services["printer_sim"].receipts)


@step(175, "identity-hotline-named-caller")
def hotline_named(wt: Walkthrough) -> None:
    """12345: 张伟 gives his name by laying his card; the record names him, the slip does not."""
    _reader_ready(wt)
    screen = _fresh(wt, "hotline")
    screen.new_btn.click()
    screen.about.category_buttons["traffic"].click()
    screen.about.phrases.buttons[3].click()
    screen.contact.phone.setText("13900001111")
    screen.contact.place.setText("城关镇人民路口")
    screen.caller.ask_btn.click()
    panel = expect(screen.current_page(), IdentityPanel)
    _check(panel.objectName() == "identity_panel", "the identity step shows")
    wt.shot("hotline-identity-zh")
    _lay(wt, "zhangwei")
    try:
        wt.wait_until(lambda: _page(panel, panel.done_page), 15, "the card read")
    finally:
        _lift(wt)
    panel.continue_btn.click()
    _check("张*" in screen.caller.text.text(), "the caller named, masked")
    wt.shot("hotline-named-caller-zh")
    n = _receipts(wt)
    screen.submit_btn.click()
    wt.win.ask.yes_btn.click()
    _check(screen.current_page() is screen.done_page, "filed")
    sim = wt.ctx.services["printer_sim"]
    _check(sim.wait_for_receipts(n + 1, timeout=15), "slip printed")
    png = sim.receipts[n].png
    _check(png is not None, "the slip rendered")
    wt.receipt(png, "hotline-named-caller-slip")
    slip = sim.receipts[n].raw.decode("gb18030", errors="replace")
    _check("张伟" not in slip and demo.holder("zhangwei").id_number not in slip, "slip masked")
    wt.shot("hotline-named-filed-zh")
    central = wt.ctx.services["central"]
    number = screen.flow.filed.number
    wt.wait_until(
        lambda: any(
            p.get("number") == number and p.get("caller", {}).get("name") == "张伟"
            for p in central.stored.payloads("hotline.created")
        ),
        15,
        "the named request at the hotline",
    )
    _end(wt)


@step(160, "identity-desk-applicant-card", profile=DESK)
def desk_applicant(wt: Walkthrough) -> None:
    """Desk intake: 李娜 lays her card; the applicant is filled from it, not typed."""
    _reader_ready(wt)
    win = wt.win
    win.start_session()
    win.resize(1280, 800)
    s = expect(win.open_capability("desk"), DeskScreen)  # the desk opened
    if s.current_page() is s.sign_in_page:
        wt.ctx.services["scanner_sim"].scan("ZWFW-GH:S0001")
        wt.wait_until(lambda: s.current_page() is s.item_page, 15, "signed in")
    wt.wait_until(lambda: s.item_page.index is not None, 20, "the catalog")
    s.item_page.search.setText("yyzz")
    _check(s.item_page.items.count() > 0, "the item found")
    s.item_page.items.itemClicked.emit(s.item_page.items.item(0))
    _check(s.current_page() is s.intake_page, "intake")
    row = s.intake_page.applicant
    row.ask_btn.click()
    panel = expect(s.current_page(), IdentityPanel)
    wt.shot("desk-identity-card-zh")
    _lay(wt, "lina")
    try:
        wt.wait_until(lambda: _page(panel, panel.done_page), 15, "the card read")
    finally:
        _lift(wt)
    wt.shot("desk-identity-done-zh")
    panel.continue_btn.click()
    _check(row.citizen is not None and "李*" in row.text.text(), "the applicant from the card")
    wt.ctx.services["scanner_sim"].scan("ZWFW-SQ:" + "demo-sq-valid-02-".ljust(32, "0"))
    wt.wait_until(lambda: s.case is not None and s.case.has_licences, 15, "her licences")
    wt.shot("desk-applicant-from-card-zh")
    wt.wait_until(s.intake_page.submit_btn.isEnabled, 15, "ready to submit")
    s.intake_page.submit_btn.click()
    wt.wait_until(lambda: s.current_page() is s.done_page, 20, "submitted")
    wt.shot("desk-applicant-submitted-zh")
    central = wt.ctx.services["central"]
    if s.case is None:
        raise AssertionError("the case stays open until the next citizen")
    case_id = s.case.case_id
    wt.wait_until(
        lambda: any(
            p.get("case_id") == case_id and p.get("applicant", {}).get("verified_by") == "id_card"
            for p in central.stored.payloads("case.submitted")
        ),
        15,
        "the case names the applicant",
    )
    s.done_page.next_btn.click()
    _check(wt.ctx.session.keys() == [], "next citizen: session wiped")
