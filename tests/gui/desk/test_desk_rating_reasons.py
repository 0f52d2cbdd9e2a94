"""好差评 at the desk: a 差评's reasons are picked on the rating pad when it has a screen, on the
desk screen when it has none; what the central service stored, field by field."""

from __future__ import annotations

from kiosk_app.core.flows.rating import RatingState
from kiosk_app.ui.desk.screen import DeskScreen

TOKEN = "ZWFW-SQ:demo-sq-valid-01-000000000000000"
WAIT = 20000


def submitted_case(qtbot, d) -> tuple[DeskScreen, str]:
    """Signed in, an item, the citizen's licences, submitted: the done page asks for a rating."""
    for name in ("scanner", "rating_pad"):
        dev = d.win.ctx.devices.get(name)
        qtbot.waitUntil(lambda dev=dev: dev.state.value == "enabled", timeout=10000)
    s = d.win.open_capability("desk")
    assert isinstance(s, DeskScreen)
    d.scanner.scan("ZWFW-GH:S0001")
    qtbot.waitUntil(lambda: s.current_page() is s.item_page, timeout=WAIT)
    qtbot.waitUntil(lambda: s.item_page.index is not None, timeout=WAIT)
    s.item_page.search.setText("sfz")
    s.item_page.items.itemClicked.emit(s.item_page.items.item(0))
    d.scanner.scan(TOKEN)
    qtbot.waitUntil(lambda: s.case.has_licences, timeout=WAIT)
    s.intake_page.submit_btn.click()
    qtbot.waitUntil(lambda: s.current_page() is s.done_page, timeout=WAIT)
    case_id = s.case.case_id
    qtbot.waitUntil(lambda: d.pad.prompt is not None and case_id in d.pad.prompt, timeout=WAIT)
    return s, case_id


def evaluation(d, case_id: str) -> dict:
    rows = [r for r in d.central.stored.evaluations() if r["case_id"] == case_id]
    return rows[0] if rows else {}


def test_a_bad_rating_on_a_pad_without_a_screen_is_explained_on_the_desk(qtbot, desk) -> None:
    d = desk(camera=False)
    s, case_id = submitted_case(qtbot, d)
    rate = s.done_page.rate
    assert d.pad.shown_reasons == []  # no screen: never sent reasons
    d.pad.rate(2)  # 不满意, nothing more the pad can say
    qtbot.waitUntil(lambda: rate.reasons.isVisible(), timeout=WAIT)
    assert not rate.buttons.isVisible() and rate.flow.state is RatingState.REASONS
    assert "15 个工作日" in rate.reasons.promise.text()
    rate.reasons.submit_btn.click()
    assert rate.reasons.error.text() == "请至少选择一项原因。"
    rate.reasons.buttons["attitude"].click()
    rate.reasons.buttons["guide_unclear"].click()
    rate.reasons.text.setPlainText("办事指南与窗口要求不一致")
    rate.reasons.submit_btn.click()
    assert rate.flow.state is RatingState.DONE and not rate.reasons.isVisible()
    assert "不满意" in rate.done.text() and "前得到整改答复" in rate.done.text()

    qtbot.waitUntil(lambda: bool(evaluation(d, case_id)), timeout=WAIT)
    row = evaluation(d, case_id)
    assert (row["level"], row["reasons"], row["channel_code"]) == (
        2,
        ["attitude", "guide_unclear"],
        "4",
    )
    assert (row["terminal_id"], row["staff_id"], row["window"], row["division_code"]) == (
        d.win.ctx.config.terminal.id,
        "S0001",
        "1号窗口",
        "350999",
    )
    [payload] = [
        p for p in d.central.stored.payloads("rating.submitted") if p["case_id"] == case_id
    ]
    assert payload["text"] == "办事指南与窗口要求不一致" and payload["channel"] == "pad"
    assert [f["case_id"] for f in d.central.stored.followups()] == [case_id]


def test_a_bad_rating_on_a_pad_with_a_screen_brings_its_reasons(qtbot, desk) -> None:
    d = desk(camera=False)
    d.pad.screen = True  # its next heartbeat tells the adapter
    dev = d.win.ctx.devices.get("rating_pad")
    qtbot.waitUntil(lambda: dev.state.value == "enabled" and dev.has_screen, timeout=WAIT)
    s, case_id = submitted_case(qtbot, d)
    rate = s.done_page.rate
    qtbot.waitUntil(lambda: bool(d.pad.shown_reasons), timeout=WAIT)
    assert (3, "重复提交材料") in d.pad.shown_reasons
    d.pad.pick(1, (3, 1))  # 非常不满意: materials again, waited too long — on the pad
    qtbot.waitUntil(lambda: rate.flow is not None and rate.flow.state is RatingState.DONE,
                    timeout=WAIT)  # fmt: skip
    assert not rate.reasons.isVisible()  # nothing asked on the desk screen
    qtbot.waitUntil(lambda: bool(evaluation(d, case_id)), timeout=WAIT)
    row = evaluation(d, case_id)
    assert (row["level"], row["reasons"], row["channel_code"]) == (
        1,
        ["materials_again", "long_wait"],
        "4",
    )
