"""Desk intake with an expired licence (张伟's driving licence in the demo data): listed and
marked for the clerk, said in both languages, and not sent with the case."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk_app.ui.desk.screen import DeskScreen

TOKEN = "ZWFW-SQ:demo-sq-valid-01-000000000000000"
WAIT = 20000


def test_expired_licence_is_marked_and_not_sent(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from kiosk_app.ui import i18n

    d = desk(camera=False)
    dev = d.win.ctx.devices.get("scanner")
    qtbot.waitUntil(lambda: dev.state.value == "enabled", timeout=10000)
    s = d.win.open_capability("desk")
    assert isinstance(s, DeskScreen)
    d.scanner.scan("ZWFW-GH:S0001")
    qtbot.waitUntil(lambda: s.current_page() is s.item_page, timeout=WAIT)
    qtbot.waitUntil(lambda: s.item_page.index is not None, timeout=WAIT)
    s.item_page.search.setText("sfz")
    s.item_page.items.itemClicked.emit(s.item_page.items.item(0))
    d.scanner.scan(TOKEN)
    qtbot.waitUntil(lambda: s.case.has_licences, timeout=WAIT)

    lines = s.licence_panel.licences.text().splitlines()
    [crossed] = [i for i, line in enumerate(lines) if line.startswith("× 机动车驾驶证")]
    assert "已过期（有效期至 " in lines[crossed + 1] and "不附加" in lines[crossed + 1]
    assert sum(line.startswith("• ") for line in lines) == 6
    assert (
        "张伟" not in s.licence_panel.licences.text()
        and "350999********" in s.licence_panel.licences.text()
    )
    assert (
        s.licence_panel.licences_note.isVisibleTo(s)
        and "换证" in s.licence_panel.licences_note.text()
    )
    assert "有效的证照" in s.licence_panel.auth_status.text()
    i18n.set_language("en")
    qtbot.waitUntil(lambda: "not attached" in s.licence_panel.licences.text(), timeout=5000)
    assert (
        "expired on " in s.licence_panel.licences.text()
        and "renew" in s.licence_panel.licences_note.text()
    )
    assert "the valid ones" in s.licence_panel.auth_status.text()

    qtbot.waitUntil(
        s.intake_page.submit_btn.isEnabled, timeout=WAIT
    )  # the valid licences are enough
    s.intake_page.submit_btn.click()
    qtbot.waitUntil(lambda: s.current_page() is s.done_page, timeout=WAIT)
    stored = d.central.stored
    qtbot.waitUntil(lambda: len(stored.payloads("case.submitted")) == 1, timeout=WAIT)
    [case] = stored.payloads("case.submitted")
    kinds = [x["kind"] for x in case["licences"]]
    assert "driving_licence" not in kinds and "id_card" in kinds and len(kinds) == 6
    assert case["consent"] is True

    d.win.end_session("idle")
    left = [w.text() for w in d.win.findChildren(QLabel)]
    assert not any("not attached" in t or "renew" in t or "张" in t for t in left)
