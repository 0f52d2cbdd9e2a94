"""The fleet console's data on each backend: states from real heartbeats over HTTP, alerts
raised once and cleared, the periodic "missing" check leaving the other kinds alone, sessions."""

from __future__ import annotations

from datetime import timedelta

import httpx

from central import console
from central.console import AlertRules
from central.db import open_database
from central.server import EmbeddedCentral


def _beat(server: EmbeddedCentral, terminal: str, **body: object) -> None:
    r = httpx.post(
        server.url + "/api/v1/heartbeat",
        json={"terminal_id": terminal, **body},
        headers={"Authorization": f"Bearer demo-token-{terminal}"},
        timeout=10,
    )
    assert r.status_code == 204, r.text


def test_states_and_alerts_from_heartbeats(server: EmbeddedCentral, clock) -> None:  # type: ignore[no-untyped-def]
    t0 = clock.now
    clock.now = t0 - timedelta(minutes=30)
    _beat(server, "HALL-001", devices={"receipt_printer": "paper_ok"})
    clock.now = t0 - timedelta(minutes=4)
    _beat(server, "HALL-002", devices={"receipt_printer": "paper_ok"})
    clock.now = t0
    _beat(server, "HALL-003", devices={"receipt_printer": "paper_out"}, dead_letters=2,
          outbox_depth=40, oldest_pending_s=7200.0)  # fmt: skip

    db = open_database(server.settings)
    try:
        rows = {r.id: r for r in console.fleet(db, t0, 60.0)}
        assert rows["HALL-001"].state == "missing"
        assert rows["HALL-002"].state == "late"
        assert rows["HALL-003"].state == "online"
        assert rows["HALL-004"].state == "missing" and rows["HALL-004"].last_seen is None

        rules = AlertRules(missing_s=600, backlog_s=3600)
        # HALL-003's heartbeat already raised its own alerts (central/routes/sync.py)
        open_now = {(a["terminal_id"], a["kind"]) for a in console.alerts(db)[0]}
        assert {("HALL-003", "paper_out"), ("HALL-003", "dead_letters"),
                ("HALL-003", "backlog")} <= open_now  # fmt: skip
        notes = console.evaluate(db, list(rows.values()), rules, t0)
        assert [(n["event"], n["terminal_id"], n["kind"]) for n in notes] == [
            ("raised", "HALL-001", "missing")
        ]
        assert console.evaluate(db, list(rows.values()), rules, t0) == []  # raised once

        # the periodic check reads no heartbeat bodies and touches only "missing"
        light = console.fleet(db, t0 + timedelta(minutes=1), 60.0, light=True)
        assert console.evaluate(db, light, rules, t0, ("missing",)) == []
        assert ("HALL-003", "paper_out") in {
            (a["terminal_id"], a["kind"]) for a in console.alerts(db)[0]
        }
    finally:
        db.close()

    _beat(server, "HALL-001", devices={"receipt_printer": "paper_ok"})  # back up
    db = open_database(server.settings)
    try:
        open_now = {(a["terminal_id"], a["kind"]) for a in console.alerts(db)[0]}
        assert ("HALL-001", "missing") not in open_now
        cleared = {(a["terminal_id"], a["kind"]) for a in console.alerts(db)[1]}
        assert ("HALL-001", "missing") in cleared
    finally:
        db.close()


def test_sign_in_sessions_and_roles(server: EmbeddedCentral, clock) -> None:  # type: ignore[no-untyped-def]
    db = open_database(server.settings)
    try:
        console.add_user(db, "li", "李工", "a-long-password", "operator", clock.now)
        now = clock.now.timestamp()
        assert console.sign_in(db, "li", "wrong", now, 3600) is None
        assert console.sign_in(db, "nobody", "a-long-password", now, 3600) is None
        token = console.sign_in(db, "li", "a-long-password", now, 3600)
        assert token is not None
        user = console.session_user(db, token, now + 10)
        assert user is not None and user.may("viewer") and user.may("operator")
        assert not user.may("admin")
        assert console.session_user(db, token, now + 7200) is None  # expired
        console.sign_out(db, token)
        assert console.session_user(db, token, now + 10) is None
    finally:
        db.close()
