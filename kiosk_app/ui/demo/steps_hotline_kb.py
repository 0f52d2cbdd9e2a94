"""Walkthrough steps for issue 17 on the kiosk-24h demo terminal: a question answered by the
12345 knowledge base (nothing filed, the answer counted), the same path in English and elder
mode, and a visitor's complaint (投诉即办) with a photo by the scan window's camera taken after
consent — screens and the printed slip in summary.json."""

from __future__ import annotations

from kiosk_app.ui.demo.steps_flows import _check, _end, _open, _printed, _receipts
from kiosk_app.ui.demo.walkthrough import Walkthrough, expect, step
from kiosk_app.ui.hotline import menu
from kiosk_app.ui.hotline.screen import AskScreen


@step(172, "hotline-kb-answered-zh")
def kb_answered(wt: Walkthrough) -> None:
    hotline = _open(wt, "hotline")
    wt.shot("hotline-kb-menu-zh")
    hotline.ask_btn.click()
    screen = expect(wt.win.current_screen(), AskScreen)  # the knowledge base first
    wt.wait_until(lambda: screen.index is not None, 20, "answers ready")
    screen.query.setText("tingdian")
    _check(screen.results.count() > 0, "answers as the citizen types (pinyin)")
    wt.shot("hotline-kb-typed-zh")
    screen.results.itemClicked.emit(screen.results.item(0))
    _check("95598" in screen.answer_body.text(), "the power-cut answer")
    wt.shot("hotline-kb-answer-zh")
    central = wt.ctx.services["central"]
    before = len(central.stored.events("hotline.kb_answered"))
    orders = len(central.stored.workorder_numbers())
    screen.solved_btn.click()
    wt.wait_until(
        lambda: len(central.stored.events("hotline.kb_answered")) == before + 1,
        20,
        "the answer counted",
    )
    _check(len(central.stored.workorder_numbers()) == orders, "no work order")
    wt.shot("hotline-kb-solved-zh")
    _end(wt)


@step(173, "hotline-kb-topics-en-elder")
def kb_topics_elder(wt: Walkthrough) -> None:
    _open(wt, "hotline", "en", elder=True)
    screen = menu.open_ask(wt.win)
    wt.wait_until(lambda: screen.index is not None, 20, "answers ready")
    screen.picker.buttons["05"].click()
    _check(screen.picker.buttons["0502"].text() == "Power cut", "topics in plain words")
    _check(1 <= screen.results.count() <= 4, "elder mode: fewer answers")
    wt.shot("hotline-kb-topics-en-elder")
    screen.need_help()
    _check(screen.current_page() is screen.form_page, "still need help: on to filing")
    wt.shot("hotline-kb-form-en-elder")
    _end(wt)


@step(174, "hotline-tourist-complaint-zh")
def tourist(wt: Walkthrough) -> None:
    _open(wt, "hotline")
    screen = menu.open_tourist(wt.win)
    screen.kind_buttons["scenic"].click()
    screen.place.setText("龙泉山景区")
    screen.problem_buttons["1002"].click()
    screen.text.setPlainText("门票外另收观光车费")
    screen.phone.setText("13900005555")
    wt.shot("hotline-tourist-form-zh")
    screen.photo_btn.click()
    wt.shot("hotline-tourist-consent-zh")
    screen.take_btn.click()
    wt.wait_until(lambda: screen.photo is not None, 20, "photo taken after consent")
    wt.shot("hotline-tourist-photo-zh")
    screen.use_btn.click()
    n = _receipts(wt)
    screen.submit_btn.click()
    _check(wt.win.ask.isVisible(), "asked once before sending")
    wt.win.ask.yes_btn.click()
    _check(screen.current_page() is screen.done_page, "complaint filed")
    number = screen.flow.filed.number
    _printed(wt, n, "hotline-tourist-slip-zh")
    wt.shot("hotline-tourist-filed-zh")
    central = wt.ctx.services["central"]
    wt.wait_until(lambda: number in central.stored.workorder_numbers(), 20, "delivered")
    [row] = [r for r in central.stored.hotline_requests() if r["number"] == number]
    _check(row["tourist"] == 1 and row["place_type"] == "scenic", "stored as a visitor's")
    _end(wt)
