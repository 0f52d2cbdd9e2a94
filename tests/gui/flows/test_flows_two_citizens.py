"""Two citizens, one terminal (issue 12): citizen A does a flow and goes home — choosing
"another service", so the session itself goes on, the case most likely to leak — and walks
away; citizen B opens every flow. Nothing of A's may be on any screen, in any widget's text or
list, in the session, or in what a flow object still holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from central.seed.demo import APPOINTMENTS, holder
from contract.codes import spoken

AUTH = "ZWFW-SQ:" + "demo-sq-valid-02-".ljust(32, "0")  # 李娜's licences
A_TEXT = "甲先生反映的事情ABC"
A_PLACE = "幸福路甲十二号"
A_PHONE = "13900007777"


def texts(root: QWidget) -> list[str]:
    out: list[str] = []
    for kind in (QLabel, QAbstractButton, QLineEdit):
        out += [w.text() for w in root.findChildren(kind)]
    out += [w.toPlainText() for w in root.findChildren(QPlainTextEdit)]
    for lst in root.findChildren(QListWidget):
        out += [lst.item(i).text() for i in range(lst.count())]
    return out


def a_checkin(k: Any, qtbot: Any) -> list[str]:
    a = APPOINTMENTS[0]
    s = k.win.open_capability("checkin")
    for d in holder(a.holder).phone + a.code6:
        s.keypad.keys[d].click()
    s.submit_btn.click()
    qtbot.waitUntil(lambda: s.current_page() is s.done_page, timeout=10000)
    return [holder(a.holder).phone, a.code6, s.panel.number.text(), s.flow.masked_name(), a.code]


def a_ticket(k: Any, qtbot: Any) -> list[str]:
    s = k.win.open_capability("ticket")
    s.grid.items[0].click()
    s.confirm_btn.click()
    qtbot.waitUntil(lambda: s.current_page() is s.done_page, timeout=10000)
    return [s.panel.number.text()]


def a_catalog(k: Any, qtbot: Any) -> list[str]:
    s = k.win.open_capability("catalog")
    qtbot.waitUntil(lambda: s.index is not None, timeout=20000)
    s.query.setText("yyzzysbl甲")  # a search only A typed
    return ["yyzzysbl甲"]


def a_certfree(k: Any, qtbot: Any) -> list[str]:
    s = k.win.open_capability("certfree")
    s.scans._on_text(AUTH)
    qtbot.waitUntil(lambda: s.current_page() is s.consent_page, timeout=10000)
    name, id_masked = s.flow.holder_masked()
    licence_numbers = [lic.number for lic in s.flow.shown()]
    s.consent_btn.click()
    qtbot.waitUntil(lambda: s.current_page() is s.done_page, timeout=10000)
    case = s.flow.case_id
    return ["李娜", name, id_masked, case, spoken(case), *licence_numbers]


def a_hotline(k: Any, qtbot: Any) -> list[str]:
    s = k.win.open_capability("hotline")
    s.new_btn.click()
    s.about.category_buttons["city"].click()
    s.about.text.setPlainText(A_TEXT)
    s.contact.place.setText(A_PLACE)
    for d in A_PHONE:
        s.contact.keypad.keys[d].click()
    s.submit_btn.click()
    k.win.ask.yes_btn.click()
    assert s.current_page() is s.done_page
    number = s.flow.filed.number
    return [A_TEXT, A_PLACE, A_PHONE, "139****7777", number, spoken(number)]


def a_progress(k: Any, qtbot: Any) -> list[str]:
    ticket = k.win.open_capability("ticket")
    ticket.grid.items[0].click()
    ticket.confirm_btn.click()
    qtbot.waitUntil(lambda: ticket.current_page() is ticket.done_page, timeout=10000)
    number = ticket.panel.number.text()
    k.win.go_home()
    s = k.win.open_capability("progress")
    s.number.setText(number.lower())
    s.look_up()
    qtbot.waitUntil(lambda: s.box.isVisible(), timeout=10000)
    return [number.lower(), s.facts.text()]


A_DOES: dict[str, Callable[[Any, Any], list[str]]] = {
    "checkin": a_checkin,
    "ticket": a_ticket,
    "catalog": a_catalog,
    "certfree": a_certfree,
    "hotline": a_hotline,
    "progress": a_progress,
}


@pytest.mark.parametrize("flow", sorted(A_DOES))
def test_nothing_of_citizen_a_reaches_citizen_b(kiosk, ready, qtbot, flow):
    k = kiosk()
    ready(qtbot, k, "printer")
    win = k.win
    marks = [m for m in A_DOES[flow](k, qtbot) if m]
    assert marks and any(m in " ".join(texts(win)) for m in marks)  # A saw them
    personal = win.ctx.session.holds_personal(flow)

    win.current_screen().home_btn.click()  # A goes home…
    if personal:
        assert win.end_visit.isVisible() and "结束本次办理" in win.end_visit.heading.text()
        win.end_visit.other_btn.click()  # …and "another service": the session goes on
    assert win.current_screen() is win.home
    assert not any(key.startswith(f"{flow}.") for key in win.ctx.session.keys())  # noqa: SIM118

    for cap in list(win.home.tile_buttons):  # B, at the same terminal, opens every flow
        screen = win.open_capability(cap)
        assert screen is not None and win.current_screen() is screen
        seen = " ".join(texts(win))
        flow_obj = getattr(screen, "flow", None)
        held = repr(getattr(flow_obj, "__dict__", flow_obj))
        for m in marks:
            assert m not in seen, f"{cap} shows A's {m!r}"
            assert m not in held, f"{cap}'s flow still holds A's {m!r}"
        win.show_screen(win.home)
    for key in win.ctx.session.keys():  # noqa: SIM118
        assert not any(m in repr(win.ctx.session.get(key)) for m in marks)
