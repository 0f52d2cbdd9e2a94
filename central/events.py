"""Batched event upload: each record accepted once, whatever the network did.

Every event is checked and stored on its own, so one bad record is `rejected` with a reason while
the rest of the batch goes in; the same key with the same body is a `duplicate` (a retry after a
lost answer); the same key with a different body is `rejected`, never silently overwritten.
Side effects (12345 work orders, ratings, the fleet's alerts) happen in the same transaction
as the event row. Every record is bounded before anything else (``contract.limits``: valid
UTF-8, finite numbers, limited depth and size), and its payload is stored encrypted
(``central.protected``): events carry phones, ID numbers and places.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from central import filed, hotline, protected, ratings, utility, video_store
from central.db import Connection, Database
from central.keyring import Keyring
from central.terminals import Terminal
from contract.events import (
    CallbackPayload,
    EventIn,
    HotlinePayload,
    KbAnsweredPayload,
    PinLockedPayload,
    PrintedPayload,
)
from contract.limits import EVENT, json_problem
from contract.ratings import DEFAULT_FOLLOWUP_WORKING_DAYS, EvaluationPayload
from contract.utility import UtilityApplication

Forms = dict[tuple[str, int], dict[str, Any]]


def _reason(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False):
        msg = err["msg"].removeprefix("Value error, ")
        loc = ".".join(str(p) for p in err["loc"])
        parts.append(f"{loc}: {msg}" if loc else msg)  # a bounds problem names its own field
    return "; ".join(parts)


# The event types whose only side effect is indexing a filed number (central.filed), which
# never answers with a reason: they need no savepoint to undo the event row. Every other type
# (and any new one) gets one. Two statements fewer per event matter on PostgreSQL, where each
# is a round trip (benchmarks/central_load.py).
NEVER_REFUSED = frozenset(
    {"case.submitted", "document.captured", "ticket.issued", "checkin.done", "session.finished"}
)


def _side_effects(
    conn: Connection,
    keys: Keyring,
    event: EventIn,
    now: datetime,
    window_days: int = DEFAULT_FOLLOWUP_WORKING_DAYS,
    forms: Forms | None = None,
    demo: bool = False,
) -> str | None:
    """Apply what the event means; a returned reason rejects the event (nothing is written),
    unless it is a ``ratings.NotCounted``: then the event is kept and answered ``duplicate``."""
    filed.record(conn, event.type, event.payload, event.terminal_id, now.isoformat())
    if event.type == "utility.applied":
        try:
            # the outbox names the record's attachments in "blobs" (uploaded before it)
            body = {k: v for k, v in event.payload.items() if k != "blobs"}
            app = UtilityApplication.model_validate(body)
        except ValidationError as exc:
            return "payload: " + _reason(exc)
        try:
            utility.create(conn, keys, app, forms or {}, event.terminal_id, now, demo=demo)
        except utility.Refused as exc:
            return str(exc)
        return None
    if event.type == "hotline.created":
        try:
            p = HotlinePayload.model_validate(event.payload)
        except ValidationError as exc:
            return "payload: " + _reason(exc)
        return hotline.record(
            conn,
            number=p.number,
            terminal_id=event.terminal_id,
            category=p.category,
            place=p.place,
            phone=p.phone,
            keys=keys,
            received_at=now,
            event_key=event.key,
            matter=p.matter,
            place_type=p.place_type,
            tourist=p.tourist,
        )
    if event.type == "hotline.kb_answered":  # counted: the events table is the record
        try:
            KbAnsweredPayload.model_validate(event.payload)
        except ValidationError as exc:
            return "payload: " + _reason(exc)
        return None
    if event.type == "document.printed":
        try:
            PrintedPayload.model_validate(event.payload)  # the audit record is kept as sent
        except ValidationError as exc:
            return "payload: " + _reason(exc)
        return None
    if event.type == "rating.submitted":
        try:
            r = EvaluationPayload.model_validate(event.payload)
        except ValidationError as exc:
            return "payload: " + _reason(exc)
        return ratings.record(
            conn,
            r,
            event_key=event.key,
            terminal_id=event.terminal_id,
            created_at=event.created_at,
            now=now,
            window_days=window_days,
        )
    if event.type == "video.callback_requested":
        try:
            cb = CallbackPayload.model_validate(event.payload)
        except ValidationError as exc:
            return "payload: " + _reason(exc)
        video_store.record_callback(
            conn, event.key, event.terminal_id, cb.reason, cb.flow, cb.requested_at
        )
        return None
    if event.type == "pin.locked":
        try:
            lock = PinLockedPayload.model_validate(event.payload)
        except ValidationError as exc:
            return "payload: " + _reason(exc)
        who = f"staff {lock.staff_id}" if lock.staff_id else lock.who
        conn.execute(
            "INSERT INTO alerts (at, terminal_id, kind, detail) VALUES (?,?,?,?)",
            (now.isoformat(), event.terminal_id, "pin.locked",
             f"{who} PIN: {lock.failures} wrong in a row, locked for {lock.locked_for_s:.0f} s"),
        )  # fmt: skip
    return None


def ingest(
    db: Database,
    keys: Keyring,
    terminal: Terminal,
    events: list[dict[str, Any]],
    now: datetime,
    rating_window_days: int = DEFAULT_FOLLOWUP_WORKING_DAYS,
    *,
    forms: Forms | None = None,
    demo: bool = False,
) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    with db.write() as conn:
        for raw in events:
            key = raw.get("key") if isinstance(raw.get("key"), str) else None
            if key is not None and json_problem(key, EVENT) is not None:
                key = None  # not even the key can be echoed back
            try:
                event = EventIn.model_validate(raw)
                datetime.fromisoformat(event.created_at)
            except ValidationError as exc:
                results.append({"key": key, "status": "rejected", "reason": _reason(exc)})
                continue
            except ValueError:
                reason = "created_at: not an ISO 8601 time"
                results.append({"key": key, "status": "rejected", "reason": reason})
                continue
            if event.terminal_id != terminal.id:
                reason = f"terminal_id {event.terminal_id!r} is not the token's terminal"
                results.append({"key": key, "status": "rejected", "reason": reason})
                continue
            body = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            digest = hashlib.sha256(body.encode()).hexdigest()
            # The event row first: its key's unique index decides who stores it, even when two
            # central processes get the same retried batch at once (the loser waits for the
            # winner's commit, then sees a duplicate); side effects follow only for the winner.
            guarded = event.type not in NEVER_REFUSED
            if guarded:
                conn.execute("SAVEPOINT event")
            stored = conn.execute(
                "INSERT INTO events (key, terminal_id, type, created_at, received_at,"
                " body_sha256, payload_enc) VALUES (?,?,?,?,?,?,?)"
                " ON CONFLICT (key) DO NOTHING",
                (event.key, event.terminal_id, event.type, event.created_at, now.isoformat(),
                 digest, protected.seal_payload(keys, event.payload)),
            ).rowcount  # fmt: skip
            if stored != 1:
                if guarded:
                    conn.execute("RELEASE event")
                row = conn.execute(
                    "SELECT body_sha256 FROM events WHERE key=?", (event.key,)
                ).fetchone()
                if row is not None and row["body_sha256"] == digest:
                    results.append({"key": key, "status": "duplicate", "reason": None})
                else:
                    reason = "this event key was already used with a different body"
                    results.append({"key": key, "status": "rejected", "reason": reason})
                continue
            problem = _side_effects(conn, keys, event, now, rating_window_days, forms, demo)
            if problem is not None and not isinstance(problem, ratings.NotCounted):
                conn.execute("ROLLBACK TO event")  # the event row goes with its side effects
                conn.execute("RELEASE event")
                results.append({"key": key, "status": "rejected", "reason": problem})
                continue
            if guarded:
                conn.execute("RELEASE event")
            if isinstance(problem, ratings.NotCounted):  # kept for the audit, counted nowhere
                results.append({"key": key, "status": "duplicate", "reason": str(problem)})
            else:
                results.append({"key": key, "status": "accepted", "reason": None})
    return results
