"""What the finger does, flow by flow: a whole kiosk-24h terminal (reference central service on
loopback, printer simulator over TCP), fullscreen on the X display, every tile, list and form."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

AUTH = "ZWFW-SQ:" + "demo-sq-valid-02-".ljust(32, "0")


@dataclass
class Kiosk:
    win: Any
    ctx: Any
    stops: list[Any]


def start(tmp: Path, profile: str = "kiosk-24h") -> Kiosk:
    from kiosk_app.core.config import load_config
    from kiosk_app.core.context import AppContext
    from kiosk_app.demo.environment import DemoEnvironment
    from kiosk_app.services import start_services, stop_services
    from kiosk_app.ui import capabilities, i18n
    from kiosk_app.ui.app import ensure_app
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.tasks import TaskManager

    ensure_app()
    capabilities.load_flows()
    stops: list[Any] = []
    # the kiosk's ID card reader: a card laid on it is the one thing not done by touch
    devices = ("printer", "doc_camera") if profile == "five-ones-desk" else ("printer", "idcard")
    env = DemoEnvironment(
        profile,
        workdir=tmp,
        devices=devices,
        tuning={"sync": {"heartbeat_s": 3600, "pull_s": 3600}},
    )
    stops.append(env.stop)
    site = env.start()
    data = tmp / "data"
    data.mkdir(exist_ok=True)
    ctx = AppContext.create(load_config(site), data)
    start_services(ctx)
    stops.append(lambda: stop_services(ctx))
    i18n.set_language(ctx.config.ui.language)
    win = KioskWindow(ctx, TaskManager(), fullscreen=True)
    win.show_fullscreen()  # as `kiosk demo` does: fills a bare X server with no window manager
    QTest.qWaitForWindowExposed(win)
    win.attach_devices()
    stops.append(win.dispose)
    win.finger_env = env  # the card reader's simulator: a card laid on, lifted off
    return Kiosk(win, ctx, stops)


def stop(k: Kiosk) -> None:
    for s in reversed(k.stops):
        with contextlib.suppress(Exception):
            s()


def run(k: Kiosk, f: Any, mode: str) -> None:
    win = k.win
    geo = win.geometry()
    assert (geo.width(), geo.height()) == (1280, 800), f"not fullscreen: {geo}"
    f.shot("attract")
    f.tap_at(win.mapToGlobal(win.rect().center()))
    f.wait(lambda: win.current_screen() is win.home, "home")
    if mode == "en":
        f.tap(win.home.lang_btn, "language toggle")
        f.wait(lambda: win.home.lang_btn.text() == "中文", "English")
    if mode == "elder":
        f.tap(win.home.elder_btn, "elder mode toggle")
        f.wait(lambda: win.elder_mode, "elder mode")
    f.shot("home")
    for cap in [c for c in win.home.tile_buttons]:
        open_tile(win, f, cap)
        FLOWS.get(cap, simple)(win, f)
        f.wait(lambda: win.current_screen() is win.home, f"home after {cap}")
    f.shot("home-again")
    # the citizen leaves: the next one meets the keyboard in the terminal's own language again
    keyboard = win.keyboard._settings
    assert keyboard is not None, "the keyboard's languages were never set"
    first = keyboard.property("activeLocales")[0]
    assert first == ("en_US" if mode == "en" else "zh_CN"), f"keyboard starts in {first}"
    assert set(keyboard.property("activeLocales")) == {"zh_CN", "en_US"}
    f.tap(win.home.finish_btn, "home: finish")
    f.wait(lambda: win.current_screen() is win.attract, "the attract screen")
    assert keyboard.property("locale") == "zh_CN", keyboard.property("locale")
    assert not QGuiApplication.inputMethod().isVisible()
    f.shot("next-citizen")


def open_tile(win: Any, f: Any, cap: str) -> None:
    """Page the home tiles with the big buttons until the tile shows, then tap it."""
    tile, _spec = win.home.tile_buttons[cap]
    grid = win.home.tiles
    while not tile.isVisible():
        f.tap(grid.next_btn, "home: next page")
    f.tap(tile, f"tile {cap}")
    f.wait(lambda: win.current_screen().name != "home", f"{cap} opens")
    f.shot(f"{cap}-open")


def home(win: Any, f: Any, name: str, personal: bool = False) -> None:
    screen = win.current_screen()
    f.tap(screen.home_btn, f"{name}: Home")
    if personal:
        f.wait(lambda: win.end_visit.isVisible(), "结束本次办理？")
        f.shot(f"{name}-end-visit")
        f.tap(win.end_visit.other_btn, "another service")


def simple(win: Any, f: Any) -> None:
    screen = win.current_screen()
    QTest.qWait(300)
    f.drag_all(screen, screen.name)
    home(win, f, screen.name)


def checkin(win: Any, f: Any) -> None:
    from central.seed.demo import APPOINTMENTS, holder

    s = win.current_screen()
    a = APPOINTMENTS[0]
    f.tap(s.phone, "checkin: phone")
    assert not QGuiApplication.inputMethod().isVisible(), "digits must not open the keyboard"
    for d in holder(a.holder).phone + a.code6:  # the keypad moves on to the code by itself
        f.tap(s.keypad.keys[d], f"keypad {d}")
    assert s.code6.text() == a.code6, f"the code field has {s.code6.text()!r}"
    f.shot("checkin-typed")
    f.tap(s.submit_btn, "checkin: Check in")
    f.wait(lambda: s.current_page() is s.done_page, "the queue ticket")
    f.shot("checkin-ticket")
    home(win, f, "checkin", personal=True)


def ticket(win: Any, f: Any) -> None:
    s = win.current_screen()
    grid = s.grid
    for page in range(grid.pages):  # every category reached
        f.shot(f"ticket-page{page + 1}")
        if page + 1 < grid.pages:
            f.tap(grid.next_btn, "ticket: next page")
    button = grid.items[-1]
    f.tap(button, "ticket: last category")
    f.wait(lambda: s.current_page() is s.confirm_page, "asked once")
    f.shot("ticket-confirm")
    f.tap(s.confirm_btn, "ticket: yes, print")
    f.wait(lambda: s.current_page() is s.done_page, "the ticket")
    f.shot("ticket-done")
    home(win, f, "ticket")


def catalog(win: Any, f: Any) -> None:
    s = win.current_screen()
    f.wait(lambda: s.index is not None and s.results.count() > 0, "the service guide")
    f.drag_to_end(s.categories, "catalog categories")
    f.drag_to_end(s.results, "catalog results")
    f.shot("catalog-results-end")
    f.tap(s.query, "catalog: search field")
    f.wait(lambda: QGuiApplication.inputMethod().isVisible(), "the keyboard")
    f.type("yyzz", "catalog search")
    if win.ctx.config.ui.language == "zh_CN" and s.query.text() == "":
        f.pick_candidate("catalog search")
    f.wait(lambda: s.query.text() != "", "text in the search field")
    f.shot("catalog-typed")
    f.hide_keyboard()
    f.wait(lambda: s.results.count() > 0, "search results")
    row = s.results.item(0)
    rect = s.results.visualItemRect(row)
    f.tap_at(s.results.viewport().mapToGlobal(rect.center()))
    f.wait(lambda: s.current_page() is s.item_page, "the item page")
    f.shot("catalog-item")
    f.drag_all(s.item_page.property("page_host") or s.item_page, "catalog item")
    f.tap(s.back_btn, "catalog: back to the list")
    f.shot("catalog-back")
    home(win, f, "catalog")


def certfree(win: Any, f: Any) -> None:
    s = win.current_screen()
    s.scans._on_text(AUTH)  # the citizen holds the phone under the scanner
    f.wait(lambda: s.current_page() is s.consent_page, "the licences")
    f.shot("certfree-consent")
    f.drag_all(s.consent_page, "certfree licences")
    f.tap(s.consent_btn, "certfree: I agree")
    f.wait(lambda: s.current_page() is s.done_page, "attached")
    f.shot("certfree-done")
    home(win, f, "certfree", personal=True)


def hotline_ask(win: Any, f: Any) -> None:
    """12345, ask first: the question typed on the keyboard, an answer tapped, "this answered my
    question" — then Home for another service (the 12345 form below)."""
    menu = win.current_screen()
    f.tap(menu.ask_btn, "12345: ask first")
    f.wait(lambda: win.current_screen() is not menu, "the ask-first screen")
    s = win.current_screen()
    f.wait(lambda: s.index is not None, "the answers loaded")
    f.tap(s.query, "12345: the question field")
    f.wait(lambda: QGuiApplication.inputMethod().isVisible(), "the keyboard")
    f.type("tingdian", "12345 question")
    if s.query.text() == "":
        f.pick_candidate("12345 question")
    f.wait(lambda: s.query.text() != "" and s.results.count() > 0, "answers while typing")
    f.shot("hotline-ask-answers")
    f.hide_keyboard()
    rect = s.results.visualItemRect(s.results.item(0))
    f.tap_at(s.results.viewport().mapToGlobal(rect.center()))
    f.log.append("tap 12345: the first answer")
    f.wait(lambda: s.current_page() is s.answer_page, "the answer")
    f.shot("hotline-ask-answer")
    f.tap(s.solved_btn, "12345: this answered my question")
    f.wait(lambda: s.current_page() is s.thanks_page, "glad it helped")
    f.shot("hotline-ask-thanks")
    f.tap(s.home_btn, "12345 ask-first: Home")
    if win.end_visit.isVisible():
        f.tap(win.end_visit.other_btn, "another service")
    f.wait(lambda: win.current_screen() is win.home, "home after the answer")
    open_tile(win, f, "hotline")


def hotline(win: Any, f: Any) -> None:
    hotline_ask(win, f)
    s = win.current_screen()
    f.tap(s.new_btn, "hotline: new request")
    f.tap(s.about.category_buttons["city"], "hotline: category")
    f.tap(s.about.phrases.buttons[0], "hotline: a common phrase")
    f.tap(s.contact.phone, "hotline: phone")
    assert not QGuiApplication.inputMethod().isVisible(), "digits must not open the keyboard"
    for d in "13900001111":
        f.tap(s.contact.keypad.keys[d], f"keypad {d}")
    f.tap(s.contact.place, "hotline: place")
    f.wait(lambda: QGuiApplication.inputMethod().isVisible(), "the keyboard")
    f.type("dongmen", "hotline place")
    if not s.contact.place.text():
        f.pick_candidate("hotline place")
    f.wait(lambda: s.contact.place.text() != "", "text in the place field")
    f.check(s.contact.place, "hotline: the place field above the keyboard")
    f.check(s.submit_btn, "hotline: Submit above the keyboard")
    f.shot("hotline-filled")
    f.tap(s.submit_btn, "hotline: Submit")
    f.wait(lambda: win.ask.isVisible(), "asked once before sending")
    f.shot("hotline-ask")
    f.tap(win.ask.yes_btn, "hotline: yes, send it")
    QTest.qWait(500)
    errors = [
        w.text()
        for w in (s.form_error, s.about.category_error, s.about.text_error, s.contact.phone_error)
    ]
    f.wait(lambda: s.current_page() is s.done_page, f"the work order (form says {errors})")
    f.shot("hotline-done")
    win.finger_number = s.flow.filed.number
    home(win, f, "hotline", personal=True)


def progress(win: Any, f: Any) -> None:
    s = win.current_screen()
    number = getattr(win, "finger_number", "")
    f.tap(s.number, "progress: number field")
    f.wait(lambda: QGuiApplication.inputMethod().isVisible(), "the keyboard")
    f.type(number.replace("-", ""), "progress number")
    f.check(s.lookup_btn, "progress: Look up above the keyboard")
    f.shot("progress-typed")
    f.tap(s.lookup_btn, "progress: Look up")
    f.wait(lambda: s.box.isVisible(), "the progress")
    f.hide_keyboard()
    f.shot("progress-shown")
    home(win, f, "progress")


def rating(win: Any, f: Any) -> None:
    s = win.current_screen()
    f.tap(s.buttons.buttons[5], "rating: very satisfied")
    f.wait(lambda: s.current_page() is s.thanks_page, "thanks")
    f.shot("rating-thanks")
    f.tap(s.more_btn, "rating: something else")


def utility(win: Any, f: Any) -> None:
    """用水用气报装: water, a new connection; the ID card on the reader and "yes, this is me";
    the address by pinyin initials; the property certificate as a photo from the phone (no
    e-licence, no camera at a kiosk); the first survey time; the details by keypad and lists;
    review, submit, the slip — then Home for another service."""
    import httpx

    s = win.current_screen()
    reader = win.ctx.devices.get("idcard")
    f.tap(s.util_buttons["water"], "utility: water")
    f.tap(s.type_buttons["new"], "utility: new connection")
    f.shot("utility-choose")
    f.tap(s.choose_next, "utility: next")
    panel = s.current_page()
    assert panel.objectName() == "identity_panel", panel.objectName()
    f.wait(lambda: reader.state.value == "enabled", "the card reader")
    f.shot("utility-identity")
    win.finger_env.lay_card("zhangwei")  # the citizen lays the card on the reader
    try:
        f.wait(lambda: panel.stack.currentWidget() is panel.done_page, "the card read")
    finally:
        win.finger_env.lift_card()
    f.shot("utility-is-this-you")
    f.tap(panel.continue_btn, "utility: yes, this is me")
    f.wait(lambda: s.current_page() is s.applicant_page, "the applicant")
    f.shot("utility-applicant")
    f.tap(s.findChild(type(s.choose_next), "utility_applicant_next"), "utility: applicant next")
    f.wait(lambda: s.current_page() is s.address_page and s.book is not None, "the addresses")
    f.tap(s.address_query, "utility: address field")
    f.wait(lambda: QGuiApplication.inputMethod().isVisible(), "the keyboard")
    f.type("dmsq", "utility address")  # the initials of 东门社区, as the page suggests
    # on the pinyin keyboard the letters are still being composed: the list follows them
    f.wait(lambda: s.address_list.count() > 0, "addresses found while typing")
    f.shot("utility-address-typed")
    f.hide_keyboard()
    f.shot("utility-addresses")
    rect = s.address_list.visualItemRect(s.address_list.item(0))
    f.check(s.address_list.viewport(), "utility: the addresses")
    f.tap_at(s.address_list.viewport().mapToGlobal(rect.center()))
    f.log.append("tap utility: the first address")
    f.wait(lambda: s.current_page() is s.proof_page, "the property proof")
    f.tap(s.upload_btn, "utility: a photo from my phone")
    f.wait(lambda: bool(s.upload_url), "the upload QR code")
    f.shot("utility-proof-qr")
    f.check(s.upload_qr, "utility: the upload QR code")
    with httpx.Client(timeout=10) as phone:  # the citizen's phone: the QR opened, a photo sent
        photo = {"content": b"\xff\xd8 photo", "headers": {"Content-Type": "image/jpeg"}}
        sent = phone.put(s.upload_url, **photo)
        assert sent.status_code == 201, sent.status_code
    f.wait(lambda: s.current_page() is s.survey_page, "the survey times")
    slots = s.slot_lists["water"]
    f.wait(lambda: slots.count() > 0, "the survey times")
    free = next(slots.item(i) for i in range(slots.count()) if slots.item(i).flags())
    f.tap_at(slots.viewport().mapToGlobal(slots.visualItemRect(free).center()))
    f.log.append("tap utility: a survey time")
    f.wait(lambda: "water" in s.flow.draft.holds, "the time held")
    f.shot("utility-survey")
    f.tap(s.findChild(type(s.choose_next), "utility_survey_next"), "utility: survey next")
    f.wait(lambda: s.current_page() is s.details_page, "the details")
    f.tap(s.phone, "utility: phone")
    assert not QGuiApplication.inputMethod().isVisible(), "digits must not open the keyboard"
    for d in "13900001111":
        f.tap(s.keypad.keys[d], f"keypad {d}")
    f.tap(s.field_edits["households"], "utility: households")
    f.tap(s.keypad.keys["1"], "keypad 1")
    for name, choice in (("usage", "居民生活"), ("pipe_size", "DN20")):
        f.tap(s.field_edits[name].buttons[choice], f"utility: {name} {choice}")
    f.shot("utility-details")
    f.tap(s.findChild(type(s.choose_next), "utility_details_next"), "utility: details next")
    f.wait(lambda: s.current_page() is s.review_page, f"the review ({s.error.text()})")
    f.shot("utility-review")
    f.tap(s.submit_btn, "utility: submit")
    if win.ask.isVisible():
        f.shot("utility-ask")
        f.tap(win.ask.yes_btn, "utility: yes, submit")
    f.wait(lambda: s.current_page() is s.done_page, "the application number")
    f.wait(lambda: s.panel.print_status.text() != "", "the slip printing")
    f.shot("utility-done")
    home(win, f, "utility", personal=True)


FLOWS = {
    "checkin": checkin,
    "ticket": ticket,
    "catalog": catalog,
    "certfree": certfree,
    "hotline": hotline,
    "progress": progress,
    "rating": rating,
    "utility": utility,
}


# -- the five-ones desk: a clerk's finger ------------------------------------------------------
def camera(win: Any) -> Any:
    """The simulated document camera behind the desk's doc_camera device."""
    dev = win.ctx.devices.get("doc_camera")
    return getattr(getattr(dev, "_factory", None), "__self__", None)


def lay_page(win: Any, f: Any, panel: Any, pages: int, seed: int) -> None:
    from devices.imaging.scenes import SceneSpec

    cam = camera(win)
    cam.show(SceneSpec(seed=seed, subject="a4", background="dark"))
    f.wait(lambda: panel.page_count() == pages, f"page {pages} taken", 30)
    cam.show(SceneSpec(seed=1, subject="none", background="light"))  # the page lifted off


def run_desk(k: Kiosk, f: Any) -> None:
    from devices.imaging.scenes import SceneSpec

    win = k.win
    cam = camera(win)
    assert cam is not None, "the desk's document camera is not the simulator"
    cam.show(SceneSpec(seed=1, subject="none", background="light"))  # nothing placed yet
    f.tap_at(win.mapToGlobal(win.rect().center()))
    f.wait(lambda: win.current_screen() is win.home, "home")
    f.shot("desk-home")
    open_tile(win, f, "desk")
    s = win.current_screen()
    f.tap(s.sign_in_page.staff_number, "desk: staff number")
    assert not QGuiApplication.inputMethod().isVisible(), "digits must not open the keyboard"
    for d in "0001":
        f.tap(s.sign_in_page.keypad.keys[d], f"keypad {d}")
    f.tap(s.sign_in_page.staff_pin, "desk: PIN")
    for d in "1357":
        f.tap(s.sign_in_page.keypad.keys[d], f"keypad {d}")
    assert (
        s.sign_in_page.staff_pin.text() == "1357" and s.sign_in_page.staff_number.text() == "0001"
    )
    f.shot("desk-sign-in-typed")
    f.tap(s.sign_in_page.sign_in_btn, "desk: sign in")
    f.wait(lambda: s.current_page() is s.item_page, "signed in")
    f.wait(lambda: s.item_page.items.count() > 0, "the service items")
    f.drag_to_end(s.item_page.items, "desk service items")
    row = s.item_page.items.indexAt(s.item_page.items.viewport().rect().center())
    f.tap_at(s.item_page.items.viewport().mapToGlobal(s.item_page.items.visualRect(row).center()))
    f.wait(lambda: s.current_page() is s.intake_page, "the intake page")
    lay_page(win, f, s.capture_panel, 1, 2)
    lay_page(win, f, s.capture_panel, 2, 4)
    f.shot("desk-intake")
    f.drag_all(s.intake_page, "desk intake")
    f.tap(s.licence_panel.auth_code, "desk: authorisation code")
    f.wait(lambda: QGuiApplication.inputMethod().isVisible(), "the keyboard")
    f.check(s.licence_panel.auth_code, "desk: the code field above the keyboard")
    f.check(s.licence_panel.lookup_btn, "desk: Look up above the keyboard")
    f.shot("desk-keyboard")
    f.hide_keyboard()
    f.tap(s.intake_page.submit_btn, "desk: submit case")
    f.wait(lambda: s.current_page() is s.done_page, "the case submitted")
    f.shot("desk-submitted")
    f.tap(s.done_page.rate_buttons.buttons[5], "desk: very satisfied")
    f.tap(s.done_page.next_btn, "desk: next citizen")
    f.wait(lambda: win.current_screen().name == "desk", "the desk again")
    nxt = win.current_screen()
    f.wait(lambda: nxt.current_page() is nxt.item_page, "the clerk still signed in")
    f.shot("desk-next-citizen")
    home(win, f, "desk")

    open_tile(win, f, "capture")
    c = win.current_screen()
    lay_page(win, f, c.panel, 1, 7)
    f.shot("capture-page")
    f.drag_all(c, "capture")
    f.tap(c.save_btn, "capture: save")
    f.wait(lambda: win.ask.isVisible(), "asked once before filing")
    f.shot("capture-ask")
    f.tap(win.ask.yes_btn, "capture: yes, save and send")
    f.wait(lambda: c.current_page() is c.done_page, "the document number")
    f.shot("capture-done")
    home(win, f, "capture")
    f.shot("desk-home-again")
