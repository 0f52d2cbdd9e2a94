"""12345 work orders: created from `hotline.created` events, tracked against the hotline's clock.

The terminal numbers each order itself (it may be offline); the service keeps the number. The
hotline's handling is simulated: each stage completes a fixed time after the order was received,
inside its deadline, so the demo and the tests can watch an order progress by moving the clock.
Repeat requests are counted the way the hotline groups them: 一人多次 (same phone) and 一事多人
(same category at the same place), over the last 30 days; phone and place are kept only as keyed
hashes (``central.protected``), the event that created the order encrypted.

Who may read an order: the terminal that filed it, or a citizen at any terminal of the site who
gives the last four digits of the phone on record. Only 一事多人 is told: 一人多次 counts the
orders of whatever phone the filer typed, so it would tell anyone who files an order with a
stranger's number how often that stranger called (it stays with the hotline's operators).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from central import protected
from central.db import Connection, Database
from central.keyring import Keyring
from central.terminals import Terminal

# stage -> (deadline after receipt, simulated completion after receipt)
STAGES: tuple[tuple[str, timedelta | None, timedelta], ...] = (
    ("received", None, timedelta(0)),
    ("contacted", timedelta(minutes=5), timedelta(minutes=3)),  # contact at once
    ("on_site", timedelta(minutes=30), timedelta(minutes=25)),
    ("feedback", timedelta(hours=2), timedelta(minutes=100)),
    ("result", timedelta(hours=24), timedelta(hours=20)),
)
GROUP_WINDOW = timedelta(days=30)
_PLACE_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def place_key(place: str) -> str:
    """Same place however it was typed: no spaces or punctuation, case-folded."""
    return _PLACE_NOISE.sub("", place).casefold()


def record(
    conn: Connection,
    *,
    number: str,
    terminal_id: str,
    category: str,
    place: str,
    phone: str,
    keys: Keyring,
    received_at: datetime,
    event_key: str,
) -> str | None:
    """Insert the order; returns a reason if the number is already another order's (the first
    one keeps it: a number is never overwritten)."""
    row = conn.execute("SELECT event_key FROM workorders WHERE number=?", (number,)).fetchone()
    if row is not None:
        return None if row["event_key"] == event_key else f"work order {number} already exists"
    conn.execute(
        "INSERT INTO workorders (number, terminal_id, category, place_hash, phone_hash,"
        " created_at, event_key) VALUES (?,?,?,?,?,?,?)",
        (number, terminal_id, category, protected.place_hash(keys, place_key(place)),
         protected.phone_hash(keys, phone), received_at.isoformat(), event_key),
    )  # fmt: skip
    return None


def readable(
    db: Database, keys: Keyring, number: str, reader: Terminal, phone_last4: str | None
) -> bool:
    """The filing terminal reads its orders; another terminal of the same site only for a
    citizen who knows the phone's last 4 digits."""
    row = db.one(
        "SELECT w.terminal_id, t.site, e.payload_enc FROM workorders w"
        " JOIN events e ON e.key = w.event_key JOIN terminals t ON t.id = w.terminal_id"
        " WHERE w.number=?",
        (number,),
    )
    if row is None or row["site"] != reader.site:
        return False
    if phone_last4 is None:
        return bool(row["terminal_id"] == reader.id)
    phone = str(protected.open_payload(keys, row["payload_enc"]).get("phone", ""))
    return len(phone) >= 4 and phone[-4:] == phone_last4


def status(db: Database, number: str, now: datetime) -> dict[str, Any] | None:
    row = db.one("SELECT * FROM workorders WHERE number=?", (number,))
    if row is None:
        return None
    created = datetime.fromisoformat(row["created_at"])
    timeline = []
    current = "received"
    for stage, deadline, done_after in STAGES:
        done = created + done_after
        if done <= now:
            current = stage
        timeline.append(
            {
                "stage": stage,
                "deadline": (created + deadline).isoformat() if deadline else None,
                "done_at": done.isoformat() if done <= now else None,
            }
        )
    since = (created - GROUP_WINDOW).isoformat()
    by_matter = db.one(
        "SELECT count(*) AS n FROM workorders WHERE category=? AND place_hash=? AND created_at>=?",
        (row["category"], row["place_hash"], since),
    )
    return {
        "number": number,
        "category": row["category"],
        "status": current,
        "created_at": row["created_at"],
        "timeline": timeline,
        "group": {"by_matter": by_matter["n"] if by_matter else 1},
    }
