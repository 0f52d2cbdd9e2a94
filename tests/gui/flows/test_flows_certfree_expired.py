"""Certificate-free with an expired licence (李娜's food business permit in the demo data):
marked in red with its date, not tickable, a line to renew it at the desk, never attached."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QCheckBox, QLabel

from contract.wire import Holder, Licence, Licences
from kiosk_app.core.flows.certfree import CertfreeState
from kiosk_app.core.flows.ports import Outcome

TOKEN = "ZWFW-SQ:" + "demo-sq-valid-02-".ljust(32, "0")  # 李娜 (central/README.md)


def test_expired_licence_is_marked_locked_and_left_out(kiosk, ready, qtbot):  # type: ignore[no-untyped-def]
    from kiosk_app.ui import i18n

    k = kiosk()
    ready(qtbot, k, "scanner")
    screen = k.win.open_capability("certfree")
    k.scanner.scan(TOKEN)
    qtbot.waitUntil(lambda: screen.current_page() is screen.consent_page, timeout=10000)
    permit = screen.checks["food_business_permit"]
    assert not permit.isEnabled() and not permit.isChecked()
    assert permit.property("expired") is True
    assert re.search(r"已过期（有效期至 \d{4}-\d\d-\d\d），不能使用", permit.text())
    assert "有效期至" in screen.checks["id_card"].text() and screen.checks["id_card"].isChecked()
    assert "长期有效" in screen.checks["business_licence"].text()
    assert screen.expired_note.isVisibleTo(screen) and "服务台" in screen.expired_note.text()
    assert screen.consent_btn.isVisibleTo(screen)
    # the citizen unticks one; a switch to English keeps the ticks and says it in English
    screen.checks["social_security_card"].setChecked(False)
    i18n.set_language("en")
    qtbot.waitUntil(lambda: "Expired on" in permit.text(), timeout=5000)
    assert "cannot be used" in permit.text() and "renew" in screen.expired_note.text()
    assert not screen.checks["social_security_card"].isChecked()
    assert not permit.isChecked() and screen.checks["id_card"].isChecked()
    shown = " ".join(b.text() for b in screen.findChildren(QCheckBox))
    assert "李娜" not in shown and "350999********" in shown
    screen.consent_btn.click()
    assert screen.current_page() is screen.done_page
    qtbot.waitUntil(lambda: len(k.central.stored.events("case.submitted")) == 1, timeout=10000)
    [case] = k.central.stored.payloads("case.submitted")
    kinds = [x["kind"] for x in case["licences"]]
    assert kinds == [
        "id_card",
        "business_licence",
        "tax_payment_certificate",
        "medical_insurance_voucher",
    ]
    k.win.end_session("idle")
    for w in k.win.findChildren(QLabel) + k.win.findChildren(QCheckBox):
        assert "李" not in w.text() and "已过期" not in w.text() and "Expired" not in w.text()


def test_in_elder_mode_the_renewal_line_is_seen_without_scrolling(kiosk, ready, qtbot):  # type: ignore[no-untyped-def]
    k = kiosk()
    ready(qtbot, k, "scanner")
    k.win.set_elder_mode(True)
    screen = k.win.open_capability("certfree")
    k.scanner.scan(TOKEN)
    qtbot.waitUntil(lambda: screen.current_page() is screen.consent_page, timeout=10000)
    qtbot.waitUntil(lambda: not screen.expired_note.visibleRegion().isEmpty(), timeout=5000)
    assert "换证" in screen.expired_note.text()


def test_all_expired_offers_no_consent_only_the_way_back(kiosk, qtbot):  # type: ignore[no-untyped-def]
    k = kiosk(language="en", central_up=False)
    screen = k.win.open_capability("certfree")
    old = Licences(
        holder=Holder(name="张伟", id_number="350999198503121315"),
        licences=[
            Licence(
                kind="driving_licence",
                title="机动车驾驶证",
                number="350999198503121315",
                holder="张伟",
                issuer="示范县公安局交通警察大队",
                valid_from="2004-03-01",
                valid_until="2020-03-01",
            )
        ],
    )
    screen.on_outcome(Outcome(old))
    assert screen.flow.state is CertfreeState.CONSENT
    assert screen.current_page() is screen.consent_page
    assert "Expired on 2020-03-01" in screen.checks["driving_licence"].text()
    assert "All of these licences have expired" in screen.expired_note.text()
    assert not screen.consent_btn.isVisibleTo(screen)
    assert not screen.consent_text.isVisibleTo(screen)
    assert screen.decline_btn.text() == "Back"
    screen.decline_btn.click()
    assert screen.current_page() is screen.scan_page and screen.flow.shown() == []
    assert screen.decline_btn.text() == "Do not use them" and screen.expired_note.text() == ""
