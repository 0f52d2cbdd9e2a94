"""12345 work orders: created from `hotline.created` events, tracked against the hotline's clock.

The terminal numbers each order itself (it may be offline); the service keeps the number. The
hotline's handling is simulated: each stage completes a fixed time after the order was received,
inside its deadline, so the demo and the tests can watch an order progress by moving the clock.
Repeat requests are counted the way the hotline groups them: 一人多次 (same phone, kept only as
a salted hash) and 一事多人 (same category at the same place), over the last 30 days.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from central.db import Database

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


def ensure_salt(db: Database) -> None:
    """A random per-database salt, so phone hashes cannot be looked up in a table of numbers."""
    with db.write() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('phone_salt', ?)",
            (secrets.token_hex(16),),
        )


def phone_key(db: Database, phone: str) -> str:
    row = db.one("SELECT value FROM meta WHERE key='phone_salt'")
    if row is None:
        raise RuntimeError("phone salt missing: ensure_salt() runs at start-up")
    return hashlib.sha256((row["value"] + phone).encode()).hexdigest()


def record(
    conn: sqlite3.Connection,
    *,
    number: str,
    terminal_id: str,
    category: str,
    place: str,
    phone_hash: str,
    received_at: datetime,
    event_key: str,
) -> str | None:
    """Insert the order; returns a reason if the number is already another order's."""
    row = conn.execute("SELECT event_key FROM workorders WHERE number=?", (number,)).fetchone()
    if row is not None:
        return None if row["event_key"] == event_key else f"work order {number} already exists"
    conn.execute(
        "INSERT INTO workorders (number, terminal_id, category, place_key, phone_sha256,"
        " created_at, event_key) VALUES (?,?,?,?,?,?,?)",
        (number, terminal_id, category, place_key(place), phone_hash, received_at.isoformat(),
         event_key),
    )  # fmt: skip
    return None


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
    by_person = db.one(
        "SELECT count(*) AS n FROM workorders WHERE phone_sha256=? AND created_at>=?",
        (row["phone_sha256"], since),
    )
    by_matter = db.one(
        "SELECT count(*) AS n FROM workorders WHERE category=? AND place_key=? AND created_at>=?",
        (row["category"], row["place_key"], since),
    )
    return {
        "number": number,
        "category": row["category"],
        "status": current,
        "created_at": row["created_at"],
        "timeline": timeline,
        "group": {
            "by_person": by_person["n"] if by_person else 1,
            "by_matter": by_matter["n"] if by_matter else 1,
        },
    }
