"""Walkthrough steps for 好差评 on the kiosk-24h demo terminal: a 差评 after a finished service
with reasons and words (the central's published list, the follow-up promise and date), the same
case once more (one rating per case: the terminal says it was rated), and the reasons in elder
mode."""

from __future__ import annotations

from typing import Any

from contract.codes import NumberKind, new_number
from kiosk_app.core.flows.rating import RatingContext, RatingState
from kiosk_app.ui import i18n
from kiosk_app.ui.demo.walkthrough import Walkthrough, step

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
