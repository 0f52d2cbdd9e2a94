"""Walkthrough steps for the five-ones desk: a clerk signs in with the badge, takes in a case
(authorisation code with the scan gun, two pages and an ID card under the document camera),
submits it, prints the receipt, and the citizen rates on the rating pad."""

from __future__ import annotations

from typing import Any

from devices.imaging.scenes import SceneSpec
from kiosk_app.core.flows.capture_flow import CaptureMode
from kiosk_app.core.flows.desk_case import DeskCase
from kiosk_app.ui import i18n
from kiosk_app.ui.demo.walkthrough import Walkthrough, expect, step
from kiosk_app.ui.desk.capture_screen import CaptureScreen
from kiosk_app.ui.desk.screen import DeskScreen

PROFILE = "five-ones-desk"
TOKEN = "ZWFW-SQ:demo-sq-valid-01-000000000000000"  # 张伟's licences (central/README.md)


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


def _desk(wt: Walkthrough) -> DeskScreen:
    return expect(wt.win.current_screen(), DeskScreen)  # the desk screen is showing


def _case(s: DeskScreen) -> DeskCase:
    if s.case is None:
        raise AssertionError("the clerk is signed in: a case is open")
    return s.case


def _camera(wt: Walkthrough) -> Any:
    """The simulated document camera behind the demo's doc_camera device.

    The demo site configures ``[devices.doc_camera]`` on ``sim:scenes``; while that adapter is
    not registered in this install, a simulated camera is attached here so the walkthrough
    still shows the capture.
    """
    devices = wt.ctx.devices
    dev = devices.get("doc_camera") if devices is not None else None
    sim = getattr(getattr(dev, "_factory", None), "__self__", None)
    if hasattr(sim, "show"):
        return sim
    from devices.imaging.adapter import DocumentCamera
    from devices.imaging.simulator import SimulatedDocCamera

    if devices is None:
        raise AssertionError("the demo runs with its devices")
    sim = SimulatedDocCamera(
        [SceneSpec(seed=1, subject="none", background="light")],
        modes=[("MJPG", 1280, 960, 15.0)],
    )
    cam = DocumentCamera("doc_camera", {"still_s": 0.3}, capture_factory=sim.reopen)
    cam.start()
    devices.devices["doc_camera"] = cam  # closed with the other devices at the end
    wt.win.attach_devices()
    return sim


def _in_languages(wt: Walkthrough, name: str, elder: bool = False) -> None:
    """Screenshots of what is showing in Chinese, English and (optionally) elder mode."""
    wt.shot(f"{name}-zh")
    i18n.set_language("en")
    wt.process(80)
    wt.shot(f"{name}-en")
    i18n.set_language("zh_CN")
    wt.process(80)
    if elder:
        wt.win.set_elder_mode(True)
        wt.process(120)
        wt.shot(f"{name}-elder")
        wt.win.set_elder_mode(False)
        wt.process(120)
        wt.win.resize(1280, 800)  # elder mode's home screen had made the window taller
        wt.process(80)


@step(100, "desk-sign-in", profile=PROFILE)
def sign_in(wt: Walkthrough) -> None:
    win = wt.win
    cam = _camera(wt)
    cam.show(SceneSpec(seed=1, subject="none", background="light"))
    win.start_session()
    screen = win.open_capability("desk")
    _check(screen is not None, "the desk capability is registered")
    s = _desk(wt)
    _check(s.current_page() is s.sign_in_page, "starts at the staff sign-in")
    _in_languages(wt, "desk-sign-in", elder=True)
    s = _desk(wt)
    wt.ctx.services["scanner_sim"].scan("ZWFW-GH:S0001")  # 王晓明's badge
    wt.wait_until(lambda: s.current_page() is s.item_page, what="signed in by badge")
    wt.wait_until(lambda: s.item_page.index is not None, timeout_s=30, what="catalog index")
    s.item_page.search.setText("sfz")
    wt.process(50)
    _check(s.item_page.items.count() > 0, "pinyin initials find the ID-card items")
    wt.shot("desk-item-search")


@step(110, "desk-scan-authorisation", profile=PROFILE)
def scan_authorisation(wt: Walkthrough) -> None:
    s = _desk(wt)
    s.item_page.items.itemClicked.emit(s.item_page.items.item(0))
    _check(s.current_page() is s.intake_page, "intake after choosing the item")
    wt.ctx.services["scanner_sim"].scan(TOKEN)
    case = _case(s)
    wt.wait_until(lambda: case.has_licences, timeout_s=20, what="licences")
    _check(
        "张伟" not in s.licence_panel.holder.text() and "*" in s.licence_panel.holder.text(),
        "holder shown masked",
    )
    # 张伟's driving licence has expired: listed and marked, and it will not go with the case
    _check(
        "已过期" in s.licence_panel.licences.text() and bool(s.licence_panel.licences_note.text()),
        "expired licence marked",
    )
    _check("driving_licence" not in [x.kind for x in case.attached()], "not attached")
    wt.shot("desk-licences")


@step(120, "desk-capture", profile=PROFILE)
def capture(wt: Walkthrough) -> None:
    s = _desk(wt)
    cam = _camera(wt)
    panel = s.capture_panel

    def lay(spec: SceneSpec, pages: int) -> None:
        cam.show(spec)
        wt.wait_until(lambda: panel.page_count() == pages, timeout_s=30, what=f"page {pages}")

    lay(SceneSpec(seed=2, subject="a4", background="dark"), 1)
    cam.show(SceneSpec(seed=99, subject="none", background="dark"))  # page lifted
    wt.process(800)
    lay(SceneSpec(seed=4, subject="a4", background="wood"), 2)
    panel.set_mode(CaptureMode.ID_CARD)
    cam.show(SceneSpec(seed=5, subject="id_card", background="dark", fill=0.35))
    flow = s.capture
    if flow is None:
        raise AssertionError("the desk has its document camera")
    wt.wait_until(lambda: flow.waiting_for_back, timeout_s=30, what="ID front")
    lay(SceneSpec(seed=6, subject="id_card", background="mid", fill=0.35), 3)
    panel.pages.setCurrentRow(2)
    wt.process(100)
    _in_languages(wt, "desk-intake", elder=True)


@step(130, "desk-submit-receipt", profile=PROFILE)
def submit(wt: Walkthrough) -> None:
    s = _desk(wt)
    printer = wt.ctx.services["printer_sim"]
    before = len(printer.receipts)
    wt.wait_until(s.intake_page.submit_btn.isEnabled, timeout_s=20, what="submit enabled")
    s.intake_page.submit_btn.click()
    wt.wait_until(lambda: s.current_page() is s.done_page, timeout_s=30, what="submitted")
    wt.wait_until(lambda: len(printer.receipts) > before, timeout_s=20, what="receipt printed")
    wt.receipt(printer.receipts[-1].png, "desk-submission-receipt")
    wt.wait_until(
        lambda: "…" not in s.done_page.receipt_panel.print_status.text(),
        timeout_s=20,
        what="print status",
    )
    _in_languages(wt, "desk-submitted")


@step(140, "desk-rating-pad", profile=PROFILE)
def rating(wt: Walkthrough) -> None:
    s = _desk(wt)
    case_id = _case(s).case_id
    pad = wt.ctx.services["rating_pad_sim"]
    wt.wait_until(lambda: pad.prompt is not None and case_id in pad.prompt, what="pad prompt")
    pad.rate(5)
    wt.wait_until(
        lambda: s.done_page.rating is not None and s.done_page.rating.level == 5,
        what="rating recorded",
    )
    wt.shot("desk-rated")
    stored = wt.ctx.services["central"].stored
    wt.wait_until(
        lambda: any(r.get("case_id") == case_id for r in stored.payloads("rating.submitted")),
        timeout_s=20,
        what="rating at the central service",
    )
    wt.wait_until(
        lambda: any(c.get("case_id") == case_id for c in stored.payloads("case.submitted")),
        timeout_s=20,
        what="case at the central service",
    )
    [case] = [c for c in stored.payloads("case.submitted") if c.get("case_id") == case_id]
    kinds = [x["kind"] for x in case["licences"]]
    _check(bool(kinds) and "driving_licence" not in kinds, "the expired licence was not attached")
    s.done_page.next_btn.click()
    wt.process(100)
    s2 = _desk(wt)
    _check(s2.current_page() is s2.item_page, "next citizen: the clerk stays signed in")
    _check(wt.ctx.session.keys() == [], "nothing of the citizen left in the session")
    wt.shot("desk-next-citizen")


@step(150, "document-capture", profile=PROFILE)
def document_capture(wt: Walkthrough) -> None:
    """The standalone capture: one page laid down, saved as a document, number shown."""
    cam = _camera(wt)
    cam.show(SceneSpec(seed=11, subject="none", background="light"))
    wt.process(300)
    screen = expect(wt.win.open_capability("capture"), CaptureScreen)  # offered: a camera
    cam.show(SceneSpec(seed=12, subject="a4", background="wood"))
    wt.wait_until(lambda: screen.panel.page_count() == 1, timeout_s=30, what="page taken")
    _in_languages(wt, "capture-pages", elder=True)
    screen.save_btn.click()
    wt.win.ask.yes_btn.click()  # asked once: the pages leave the terminal
    wt.wait_until(lambda: screen.current_page() is screen.done_page, timeout_s=20, what="saved")
    _check(screen.result.number.text().startswith("WJ"), "document number shown")
    wt.shot("capture-saved")
    screen.finish_btn.click()
    wt.process(50)
