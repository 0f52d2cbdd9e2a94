"""Walkthrough steps for 好差评 on the kiosk-24h demo terminal: a 差评 after a finished service
with reasons and words (the central's published list, the follow-up promise and date), the same
case once more (one rating per case: the terminal says it was rated), and the reasons in elder
mode."""

from __future__ import annotations

from typing import Any

from contract.codes import NumberKind, new_number
from devices.rating.adapter import RatingPad
from kiosk_app.core.flows.rating import RatingContext, RatingState
from kiosk_app.ui import i18n
from kiosk_app.ui.demo.walkthrough import Walkthrough, expect, step
from kiosk_app.ui.desk.screen import DeskScreen

_CASE: dict[str, str] = {}  # the case rated in the first step, rated again in the second


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


def _rate(wt: Walkthrough, case_id: str, language: str, elder: bool = False) -> Any:
    """A citizen whose service just finished: the rating screen opens for that case."""
    from kiosk_app.ui.flows.rating import open_rating

    win = wt.win
    win.start_session()
    if i18n.current_language() != language:
        win.home.lang_btn.click()
        wt.process(50)
    win.set_elder_mode(elder)
    ctx = RatingContext(
        case_id=case_id, item_id="C0032", service="居住证办理", window="B3", staff_id="S0001"
    )
    screen = open_rating(win, ctx)
    wt.wait_until(lambda: bool(screen.reasons.buttons), 10, "the published reasons")
    return screen


@step(185, "rating-bad-with-reasons-zh")
def bad_rating(wt: Walkthrough) -> None:
    case_id = _CASE.setdefault("case", new_number(NumberKind.CASE))
    screen = _rate(wt, case_id, "zh_CN")
    wt.shot("rating-case-zh")
    screen.buttons.buttons[2].click()  # 不满意
    _check(screen.current_page() is screen.reasons_page, "the reasons are asked")
    screen.reasons.submit_btn.click()
    _check(bool(screen.reasons.error.text()), "no reason picked: said so")
    screen.reasons.buttons["long_wait"].click()
    screen.reasons.buttons["materials_again"].click()
    screen.reasons.text.setPlainText("上周已经交过户口本复印件，这次又要求重新提交。")
    wt.shot("rating-reasons-zh")
    screen.reasons.submit_btn.click()
    _check(screen.current_page() is screen.thanks_page, "thanks")
    _check(bool(screen.followup.text()), "the follow-up date is promised")
    wt.shot("rating-followup-promise-zh")
    stored = wt.ctx.services["central"].stored
    wt.wait_until(
        lambda: any(e["case_id"] == case_id for e in stored.evaluations()),
        20,
        "the rating at the central service",
    )
    [row] = [e for e in stored.evaluations() if e["case_id"] == case_id]
    _check(row["reasons"] == ["long_wait", "materials_again"], "the reasons as picked")
    _check(any(f["case_id"] == case_id for f in stored.followups()), "in the follow-up list")
    wt.win.end_session("finished")


@step(186, "rating-case-already-rated-en")
def already_rated(wt: Walkthrough) -> None:
    screen = _rate(wt, _CASE.setdefault("case", new_number(NumberKind.CASE)), "en")
    wt.wait_until(lambda: screen.flow.state is RatingState.ALREADY, 10, "the central says rated")
    _check(screen.current_page() is screen.thanks_page, "said instead of asking again")
    wt.shot("rating-already-rated-en")
    wt.win.end_session("finished")


@step(187, "rating-reasons-elder")
def reasons_elder(wt: Walkthrough) -> None:
    screen = _rate(wt, new_number(NumberKind.CASE), "zh_CN", elder=True)
    screen.buttons.buttons[1].click()
    _check(screen.current_page() is screen.reasons_page, "the reasons are asked")
    screen.reasons.buttons["attitude"].click()
    wt.shot("rating-reasons-elder")
    screen.reasons.back_btn.click()
    _check(screen.current_page() is screen.ask_page, "back to the five levels")
    wt.win.set_elder_mode(False)
    wt.win.end_session("finished")


# -- the desk: a 差评 on the rating pad, with and without a screen of its own ------------------
DESK = "five-ones-desk"
# single-use demo authorisations (central/README.md) the desk steps before these do not use
TOKENS = {
    "desk": "ZWFW-SQ:demo-sq-valid-04-000000000000000",
    "pad": "ZWFW-SQ:demo-sq-valid-05-000000000000000",
}


def _desk_case(wt: Walkthrough, token: str) -> tuple[Any, str]:
    """The signed-in clerk takes in the next citizen's case and submits it."""
    s = expect(wt.win.current_screen(), DeskScreen)  # the desk screen is showing
    case = s.case
    if case is None:
        raise AssertionError("the clerk is signed in: a case is open")
    _check(s.current_page() is s.item_page, "the clerk is at the item list")
    wt.wait_until(lambda: s.item_page.index is not None, 30, "catalog index")
    s.item_page.search.setText("sfz")
    wt.process(50)
    s.item_page.items.itemClicked.emit(s.item_page.items.item(0))
    wt.ctx.services["scanner_sim"].scan(token)
    wt.wait_until(lambda: case.has_licences, 20, "licences")
    wt.wait_until(s.intake_page.submit_btn.isEnabled, 20, "submit enabled")
    s.intake_page.submit_btn.click()
    wt.wait_until(lambda: s.current_page() is s.done_page, 30, "submitted")
    case_id = case.case_id
    pad = wt.ctx.services["rating_pad_sim"]
    wt.wait_until(lambda: pad.prompt is not None and case_id in pad.prompt, 10, "pad prompt")
    return s, case_id


def _stored(wt: Walkthrough, case_id: str) -> dict[str, Any]:
    stored = wt.ctx.services["central"].stored
    wt.wait_until(
        lambda: any(e["case_id"] == case_id for e in stored.evaluations()), 20, "rating stored"
    )
    [row] = [e for e in stored.evaluations() if e["case_id"] == case_id]
    found: dict[str, Any] = row
    return found


@step(145, "desk-bad-rating-reasons-on-the-desk", profile=DESK)
def desk_reasons(wt: Walkthrough) -> None:
    s, case_id = _desk_case(wt, TOKENS["desk"])
    rate = s.done_page.rate
    wt.ctx.services["rating_pad_sim"].rate(1)  # a pad without a screen: the level only
    wt.wait_until(lambda: rate.reasons.isVisible(), 10, "the reasons on the desk screen")
    rate.reasons.buttons["long_wait"].click()
    rate.reasons.buttons["attitude"].click()
    rate.reasons.text.setPlainText("取号后等了一个半小时。")
    wt.shot("desk-bad-rating-reasons-zh")
    rate.reasons.submit_btn.click()
    _check(rate.flow is not None and rate.flow.state is RatingState.DONE, "recorded")
    wt.shot("desk-bad-rating-followup-zh")
    row = _stored(wt, case_id)
    _check(row["reasons"] == ["long_wait", "attitude"] and row["level"] == 1, "as picked")
    s.done_page.next_btn.click()
    wt.process(100)


@step(146, "desk-bad-rating-reasons-on-the-pad", profile=DESK)
def pad_reasons(wt: Walkthrough) -> None:
    pad = wt.ctx.services["rating_pad_sim"]
    pad.screen = True  # a pad with a screen: its heartbeat says so
    dev = wt.ctx.devices.get("rating_pad") if wt.ctx.devices is not None else None
    if not isinstance(dev, RatingPad):
        raise AssertionError("the demo desk has the rating pad adapter")
    try:
        wt.wait_until(lambda: dev.has_screen, 10, "the adapter knows the pad has a screen")
        s, case_id = _desk_case(wt, TOKENS["pad"])
        wt.wait_until(lambda: bool(pad.shown_reasons), 10, "the reasons on the pad")
        wt.shot("desk-pad-shows-reasons")
        pad.pick(2, (3, 4))  # 不满意: materials again, not done in time
        rate = s.done_page.rate
        wt.wait_until(
            lambda: rate.flow is not None and rate.flow.state is RatingState.DONE, 10, "recorded"
        )
        _check(not rate.reasons.isVisible(), "nothing asked again on the desk screen")
        wt.shot("desk-pad-reasons-recorded")
        row = _stored(wt, case_id)
        _check(row["reasons"] == ["materials_again", "overdue"], "the pad's reasons")
        s.done_page.next_btn.click()
        wt.process(100)
    finally:
        pad.screen = False
