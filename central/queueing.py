"""Queue tickets: numbering per hall zone and day, and a simulated call schedule.

Each zone is modelled as one counter calling a ticket every SERVICE_MINUTES; a ticket's expected
call time is fixed when it is issued (after the previous ticket of its zone), so "people ahead
now" falls as the clock moves. Appointment check-ins have their own zone (Y) so they are called
promptly: "arrive and go".
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from central.catalog import Service
from central.db import Connection, Database
from contract.zone import CHINA_TIME

SERVICE_MINUTES = 5


def hall_day(now: datetime) -> str:
    return now.astimezone(CHINA_TIME).date().isoformat()


def issue(
    conn: Connection,
    service: Service,
    zone: str,
    terminal_id: str,
    now: datetime,
    appointment_code: str | None = None,
) -> dict[str, Any]:
    """Write a ticket inside the caller's transaction and return its row as a dict."""
    day = hall_day(now)
    # Lock the zone's counter row first (an upsert takes a row lock on PostgreSQL; SQLite's
    # BEGIN IMMEDIATE already excludes other writers): two central processes issuing in one
    # zone at once are serialised, and the second then counts the first's ticket.
    conn.execute(
        "INSERT INTO queue_counters (day, queue, issued) VALUES (?, ?, 1)"
        " ON CONFLICT (day, queue) DO UPDATE SET issued = queue_counters.issued + 1",
        (day, zone),
    )
    rows = conn.execute(
        "SELECT count(*) AS n, max(called_at) AS last FROM tickets WHERE day=? AND queue=?",
        (day, zone),
    ).fetchone()
    seq = rows["n"] + 1
    number = f"{zone}{seq:03d}" if seq < 1000 else f"{zone}{seq:04d}"
    last = datetime.fromisoformat(rows["last"]) if rows["last"] else None
    called = max(now, last + timedelta(minutes=SERVICE_MINUTES)) if last else now
    waiting = conn.execute(
        "SELECT count(*) AS n FROM tickets WHERE day=? AND queue=? AND called_at>?",
        (day, zone, now.isoformat()),
    ).fetchone()["n"]
    conn.execute(
        'INSERT INTO tickets (day, number, queue, service, "window", item_id, terminal_id,'
        " issued_at, called_at, waiting_at_issue, appointment_code)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (day, number, zone, service.name, service.window, service.item_id, terminal_id,
         now.isoformat(), called.isoformat(), waiting, appointment_code),
    )  # fmt: skip
    return {
        "number": number,
        "service": service.name,
        "window": service.window,
        "waiting": waiting,
        "issued_at": now.isoformat(),
        "queue": zone,
        "appointment": appointment_code is not None,
    }


def position(
    db: Database, number: str, now: datetime, site: str | None = None
) -> dict[str, Any] | None:
    """Today's ticket ``number``; with ``site``, only one issued by a terminal of that site."""
    row = db.one("SELECT * FROM tickets WHERE day=? AND number=?", (hall_day(now), number))
    if row is None:
        return None
    if site is not None:
        issuer = db.one("SELECT site FROM terminals WHERE id=?", (row["terminal_id"],))
        if issuer is None or issuer["site"] != site:
            return None
    ahead = db.one(
        "SELECT count(*) AS n FROM tickets WHERE day=? AND queue=? AND called_at>? AND called_at<?",
        (row["day"], row["queue"], now.isoformat(), row["called_at"]),
    )
    called = datetime.fromisoformat(row["called_at"]) <= now
    return {
        "number": number,
        "service": row["service"],
        "window": row["window"],
        "waiting": 0 if called or ahead is None else ahead["n"],
        "status": "called" if called else "waiting",
        "issued_at": row["issued_at"],
        "estimated_call_at": row["called_at"],
    }
