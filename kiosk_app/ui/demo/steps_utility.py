"""Walkthrough steps for 用水用气报装 (with 远程踏勘 booking) and 就近办 on the kiosk-24h demo
terminal: an application from the card (the shared identity step) to the printed slip and its
progress in zh_CN, the screens in English and elder mode, and the service points — every page
shot, the slip kept."""

from __future__ import annotations

from functools import partial
from typing import Any

from kiosk_app.demo.environment import demo_sim_card
from kiosk_app.ui.demo.steps_flows import _check, _end, _open, _printed, _receipts
from kiosk_app.ui.demo.walkthrough import Walkthrough, step


def _has_items(lst: Any) -> bool:
    return bool(lst.count() > 0)


def _held(screen: Any, utility: str) -> bool:
    return utility in screen.flow.draft.holds


def _pulled(wt: Walkthrough) -> None:
    """The published forms, addresses and service points (the relay pulls them on its
    schedule; the demo does not wait for it)."""
    from kiosk_app.sync.service import SyncService

    sync = wt.ctx.sync
    if isinstance(sync, SyncService) and sync.published("addresses") is None:
        sync.puller.pull_all()


def _next(screen: Any, name: str) -> None:
    from PySide6.QtWidgets import QPushButton

    btn = screen.findChild(QPushButton, name)
    _check(btn is not None, f"{name} button")
    btn.click()


@step(190, "utility-application-zh")
def utility_application(wt: Walkthrough) -> None:
    _pulled(wt)
    screen = _open(wt, "utility")
    wt.wait_until(lambda: screen.book is not None, 30, "address list indexed")
    wt.shot("utility-choose-zh")
    screen.util_buttons["both"].click()
    screen.type_buttons["new"].click()
    screen.choose_next.click()
    # who applies: the shared identity step (issue 15) in the flow's own pages
    panel = screen.current_page()
    _check(panel.objectName() == "identity_panel", "the identity step asks who applies")
    wt.shot("utility-identity-zh")
    card = wt.ctx.services.get("idcard_sim")
    if card is None:
        raise AssertionError("the demo has an ID card reader")
    card.place(demo_sim_card("zhangwei"))
    try:
        wt.wait_until(
            lambda: panel.stack.currentWidget() is panel.done_page, 20, "identified by card"
        )
    finally:
        card.lift()
    panel.continue_btn.click()
    _check(screen.current_page() is screen.applicant_page, "applicant page")
    _check("张*" in screen.who.text(), "applicant shown masked")
    wt.shot("utility-applicant-zh")
    _next(screen, "utility_applicant_next")
    screen.address_query.setText("dmsq")
    wt.process(50)
    _check(screen.address_list.count() > 0, "addresses found by pinyin initials")
    wt.shot("utility-address-zh")
    screen.on_address_chosen(screen.address_list.item(0))
    _check(screen.current_page() is screen.proof_page, "property proof page")
    wt.shot("utility-proof-zh")
    # 张伟's authorisation is single-use and the identity steps before redeemed it: here the
    # certificate comes as a photo from the phone (the QR code's page, sent as a phone would)
    import httpx

    screen.upload_btn.click()
    wt.wait_until(lambda: bool(screen.upload_url), 15, "upload page ready")
    wt.shot("utility-upload-zh")
    with httpx.Client(timeout=10) as phone:
        sent = phone.put(
            screen.upload_url, content=b"\xff\xd8 photo", headers={"Content-Type": "image/jpeg"}
        )
        _check(sent.status_code == 201, "photo sent from the phone")
    wt.wait_until(lambda: screen.current_page() is screen.survey_page, 20, "proof attached")
    for u in ("water", "gas"):
        lst = screen.slot_lists[u]
        wt.wait_until(partial(_has_items, lst), 15, f"{u} slots")
        screen.on_slot(u, lst.item(0))
        wt.wait_until(partial(_held, screen, u), 15, f"{u} slot held")
    wt.shot("utility-survey-zh")
    _next(screen, "utility_survey_next")
    screen.phone.setText("13900001111")
    screen.field_edits["usage"].setCurrentText("居民生活")
    screen.field_edits["households"].setText("1")
    screen.field_edits["pipe_size"].setCurrentText("DN20")
    screen.field_edits["appliances"].setText("燃气灶、热水器")
    wt.shot("utility-details-zh")
    _next(screen, "utility_details_next")
    _check(screen.current_page() is screen.review_page, "review page")
    _check("13900001111" not in screen.review.text(), "phone masked on review")
    wt.shot("utility-review-zh")
    n = _receipts(wt)
    screen.submit_btn.click()
    _check(screen.current_page() is screen.done_page, "application received")
    # the slip prints once the relay had its moment to send ("sent" or "will be sent")
    sim = wt.ctx.services["printer_sim"]
    wt.wait_until(lambda: len(sim.receipts) > n, 20, "slip printing")
    _printed(wt, n, "utility-slip-zh")
    wt.wait_until(lambda: bool(screen.panel.print_status.text()), 15, "print confirmed")
    wt.shot("utility-done-zh")
    screen.follow_btn.click()
    wt.wait_until(lambda: screen.current_page() is screen.progress_page, 15, "progress shown")
    _check("已受理" in screen.timeline.text(), "timeline from the service")
    wt.shot("utility-progress-zh")
    _end(wt)


@step(191, "utility-elder-en")
def utility_elder_en(wt: Walkthrough) -> None:
    _pulled(wt)
    screen = _open(wt, "utility", language="en", elder=True)
    _check(screen.type_buttons["capacity"].text() == "Capacity change", "English")
    wt.shot("utility-choose-elder-en")
    screen.util_buttons["water"].click()
    screen.type_buttons["capacity"].click()
    screen.choose_next.click()
    _check(screen.current_page().objectName() == "identity_panel", "the identity step")
    wt.shot("utility-identity-elder-en")
    _end(wt)


@step(192, "nearby-points-zh")
def nearby_points(wt: Walkthrough) -> None:
    _pulled(wt)
    screen = _open(wt, "nearby")
    _check(screen.list.count() == 22, "19 desks, the hall, the water and gas offices")
    wt.shot("nearby-zh")
    screen.list.setCurrentRow(3)
    wt.process(50)
    wt.shot("nearby-detail-zh")
    _end(wt)
