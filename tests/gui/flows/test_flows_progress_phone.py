"""办件查询 of a 12345 request filed at another terminal and of another site's utility
application: "not known here" asks for the phone given when filing (docked keypad, masked), a
wrong phone is one plain "does not match", too many tries a wait — and nothing stays after reset."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import shiboken6

from contract.codes import NumberKind, new_number, spoken


def _hotline(number: str) -> dict[str, Any]:
    payload = {"number": number, "category": "道路破损", "phone": "13900002222",
               "place": "城关镇东门路12号"}  # fmt: skip
    return {"key": str(uuid.uuid4()), "type": "hotline.created", "terminal_id": "HALL-001",
            "created_at": "2026-11-25T10:00:00+08:00", "payload": payload}  # fmt: skip


def _application(number: str) -> dict[str, Any]:
    return {
        "number": number, "form_type": "new", "form_version": 2, "utilities": "water",
        "applicant": {"name": "张伟", "id_number": "35099919850312131X", "verified_by": "card"},
        "address_id": "A00001", "address_text": "示范县城关街道东门社区解放路1号1栋",
        "property_proof": {"method": "certfree", "licence_number":
                           "闽(2024)示范县不动产权第0001号"},
        "phone": "13900003333",
        "fields": {"usage": "居民生活", "households": "1", "pipe_size": "DN20"},
        "submitted_at": "2026-11-25T10:00:00+08:00",
    }  # fmt: skip


def _file_elsewhere(k: Any) -> tuple[str, str]:
    """A 12345 request filed at another terminal of the hall (HALL-001) and a water application
    filed at another county's terminal, both through the central as those terminals would."""
    from central.db import open_database
    from central.terminals import TerminalSeed, issue_token, register_terminals

    order, app = new_number(NumberKind.WORKORDER), new_number(NumberKind.APPLICATION)
    settings = k.central.settings
    db = open_database(settings)
    try:
        register_terminals(db, [TerminalSeed("OTHER-01", "other-county", "邻县 终端 01")])
        other = issue_token(db, "OTHER-01", settings.clock(), 86400)
    finally:
        db.close()
    for token, method, path, body in (
        ("demo-token-HALL-001", "POST", "/api/v1/events:batch", {"events": [_hotline(order)]}),
        (other, "POST", "/api/v1/utility/applications", _application(app)),
    ):  # fmt: skip
        with httpx.Client(base_url=k.central.url, timeout=10) as c:
            r = c.request(method, path, json=body, headers={"Authorization": f"Bearer {token}"})
            assert r.status_code in (200, 201), r.text
    return order, app


def _ask(qtbot: Any, screen: Any, number: str) -> None:
    screen.number.setText(spoken(number))
    screen.lookup_btn.click()
    qtbot.waitUntil(lambda: screen.prove.isVisible() or screen.box.isVisible(), timeout=10000)


def _type_phone(screen: Any, phone: str) -> None:
    screen.phone.clear()
    for d in phone:  # the docked keypad types into the field (keyboard.digits: no focus)
        screen.phone.insert(d)


def test_asked_at_another_terminal_the_phone_proves_it(kiosk, qtbot):  # type: ignore[no-untyped-def]
    k = kiosk()
    order, app = _file_elsewhere(k)
    screen = k.win.open_capability("progress")
    _ask(qtbot, screen, order)
    assert screen.prove.isVisible() and not screen.box.isVisible()
    assert "当时留的手机号" in screen.prove_ask.text()
    # masked while typed: the field shows dots, the line below the masked form
    _type_phone(screen, "13900009999")
    assert screen.phone.echoMode() == screen.phone.EchoMode.Password
    assert screen.phone_shown.text().endswith("139****9999")
    screen.phone_btn.click()
    qtbot.waitUntil(lambda: "不匹配" in screen.error.text(), timeout=10000)
    assert screen.phone.text() == "" and not screen.box.isVisible()  # nothing of it stays
    assert "9999" not in screen.error.text()
    _type_phone(screen, "1390000222")  # one digit short: told at once, never sent
    screen.phone_btn.click()
    assert "11 位" in screen.error.text()
    _type_phone(screen, "13900002222")
    screen.phone_btn.click()
    qtbot.waitUntil(screen.box.isVisible, timeout=10000)
    assert screen.big.text() == spoken(order) and "受理" in screen.steps.text()
    assert not screen.prove.isVisible() and screen.phone.text() == ""

    # another county's application: too many wrong phones lock the number for a while
    _ask(qtbot, screen, app)
    assert screen.prove.isVisible()
    for i in range(6):
        _type_phone(screen, f"1390000{i:04d}")
        screen.phone_btn.click()
        qtbot.waitUntil(lambda: screen.error.text() not in ("", "正在查询…"), timeout=10000)
        if "分钟" in screen.error.text():
            break
        screen.error.clear()
    assert "分钟" in screen.error.text() and "服务台" in screen.error.text(), screen.error.text()

    # a phone typed and left: the session's end wipes it
    typed: list[str] = []
    _type_phone(screen, "13900003333")
    screen.phone.textChanged.connect(typed.append)
    k.win.end_session("finished")
    qtbot.waitUntil(lambda: not shiboken6.isValid(screen), timeout=10000)
    assert typed and typed[-1] == ""


def test_in_english_and_elder_mode_the_application_answers_to_its_phone(kiosk, qtbot):  # type: ignore[no-untyped-def]
    k = kiosk(language="en")
    _order, app = _file_elsewhere(k)
    k.win.set_elder_mode(True)
    screen = k.win.open_capability("progress")
    _ask(qtbot, screen, app)
    assert "mobile number you gave" in screen.prove_ask.text()
    qtbot.waitExposed(screen.phone_btn)
    _type_phone(screen, "13900003333")
    assert screen.phone_shown.text() == "You typed: 139****3333"
    screen.phone_btn.click()
    qtbot.waitUntil(screen.box.isVisible, timeout=10000)
    assert screen.big.text() == spoken(app) and "Utility application" in screen.facts.text()
