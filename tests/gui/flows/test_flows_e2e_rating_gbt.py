"""好差评 to the national shape, end to end: a 差评 with reasons and words at the kiosk, on a
rating pad with a screen and on one without; what the central service stored checked field by
field; a second rating of the same case refused (the terminal says so, nothing more is counted).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from contract.codes import NumberKind, new_number
from contract.ratings import add_working_days
from contract.zone import CHINA_TIME
from kiosk_app.core.flows.rating import RatingContext, RatingState
from kiosk_app.ui.flows.rating import open_rating


def tap(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def context() -> RatingContext:
    return RatingContext(
        case_id=new_number(NumberKind.CASE),
        item_id="C0032",
        service="居住证办理",
        window="B3",
        staff_id="S0001",
    )


def rated(k, case_id: str) -> dict:
    rows = [r for r in k.central.stored.evaluations() if r["case_id"] == case_id]
    return rows[0] if rows else {}


def test_a_bad_rating_with_reasons_at_the_kiosk_then_the_case_is_rated(kiosk, qtbot):
    k = kiosk()
    ctx = context()
    screen = open_rating(k.win, ctx)
    # the reasons arrive from the central (published list) before the citizen needs them
    qtbot.waitUntil(lambda: bool(screen.reasons.buttons), timeout=10000)
    tap(qtbot, screen.buttons.buttons[1])  # 非常不满意
    assert screen.current_page() is screen.reasons_page
    assert "15 个工作日" in screen.reasons.promise.text()
    tap(qtbot, screen.reasons.submit_btn)  # no reason picked: said, nothing sent
    assert screen.reasons.error.text() == "请至少选择一项原因。"
    assert screen.flow.state is RatingState.REASONS
    tap(qtbot, screen.reasons.buttons["long_wait"])
    tap(qtbot, screen.reasons.buttons["materials_again"])
    assert screen.reasons.buttons["long_wait"].isChecked()
    screen.reasons.text.setPlainText("窗口无人，等了两个小时")  # what the keyboard typed
    tap(qtbot, screen.reasons.submit_btn)
    assert screen.current_page() is screen.thanks_page
    due = add_working_days(datetime.now(UTC).astimezone(CHINA_TIME).date(), 15)
    assert f"{due.year}年{due.month}月{due.day}日" in screen.followup.text()
    assert screen.reasons.text.toPlainText() == ""  # the words left the screen once sent

    qtbot.waitUntil(lambda: bool(rated(k, ctx.case_id)), timeout=10000)
    row = rated(k, ctx.case_id)
    assert row["level"] == 1 and row["count"] == 1
    assert row["reasons"] == ["long_wait", "materials_again"]
    assert (row["channel_code"], row["division_code"]) == ("5", "350999")
    assert (row["terminal_id"], row["window"], row["staff_id"], row["item_id"]) == (
        "DEMO-24H-01",
        "B3",
        "S0001",
        "C0032",
    )
    assert len(row["eval_time"]) == 14 and row["eval_time"].isdigit()
    [payload] = [
        p for p in k.central.stored.payloads("rating.submitted") if p["case_id"] == ctx.case_id
    ]
    assert payload["text"] == "窗口无人，等了两个小时" and payload["eval_time"] == row["eval_time"]
    [f] = [f for f in k.central.stored.followups() if f["case_id"] == ctx.case_id]
    assert (f["state"], f["level"], f["deadline"]) == ("open", 1, due.isoformat())

    # the same case again: the terminal asks, says so, and sends nothing
    again = open_rating(k.win, ctx)
    qtbot.waitUntil(lambda: again.current_page() is again.thanks_page, timeout=10000)
    assert again.flow.state is RatingState.ALREADY
    assert "已经评价过" in again.thanks_detail.text()
    tap(qtbot, again.buttons.buttons[5])  # a tap that gets through anyway records nothing
    assert again.flow.key is None  # nothing went into the outbox
    assert len(k.central.stored.ratings()) == 1


def test_a_bad_rating_on_a_pad_with_a_screen_brings_its_reasons(kiosk, ready, qtbot):
    k = kiosk()
    ready(qtbot, k, "rating_pad")
    k.pad.screen = True  # a pad with a screen: its next heartbeat says so
    dev = k.win.ctx.devices.get("rating_pad")
    qtbot.waitUntil(lambda: dev.has_screen, timeout=10000)
    ctx = context()
    screen = open_rating(k.win, ctx)
    qtbot.waitUntil(lambda: bool(k.pad.shown_reasons), timeout=10000)
    assert (2, "服务态度不好") in k.pad.shown_reasons
    k.pad.pick(2, (2, 6))  # 不满意: attitude, fees — ticked on the pad
    qtbot.waitUntil(lambda: screen.current_page() is screen.thanks_page, timeout=10000)
    assert screen.followup.text()  # the promise is on the kiosk's screen
    qtbot.waitUntil(lambda: bool(rated(k, ctx.case_id)), timeout=10000)
    row = rated(k, ctx.case_id)
    assert (row["level"], row["reasons"], row["channel_code"]) == (2, ["attitude", "fees"], "4")
    [r] = [r for r in k.central.stored.ratings() if r["case_id"] == ctx.case_id]
    assert r["channel"] == "pad"


def test_a_bad_rating_on_a_pad_without_a_screen_asks_on_the_screen(kiosk, ready, qtbot):
    k = kiosk(language="en")
    ready(qtbot, k, "rating_pad")
    ctx = context()
    screen = open_rating(k.win, ctx)
    qtbot.waitUntil(lambda: k.pad.prompt is not None, timeout=10000)
    assert k.pad.shown_reasons == []
    k.pad.rate(1)
    qtbot.waitUntil(lambda: screen.current_page() is screen.reasons_page, timeout=10000)
    assert screen.reasons.buttons["attitude"].text() == "Staff attitude"
    tap(qtbot, screen.reasons.buttons["overdue"])
    tap(qtbot, screen.reasons.submit_btn)
    assert screen.current_page() is screen.thanks_page
    assert screen.followup.text().startswith("Your rating will be followed up by 20")
    qtbot.waitUntil(lambda: bool(rated(k, ctx.case_id)), timeout=10000)
    row = rated(k, ctx.case_id)
    assert (row["level"], row["reasons"], row["channel_code"]) == (1, ["overdue"], "4")
