"""Personal fields at rest on the central service: how each one is kept, in one place.

central/README.md promises that no citizen's personal data sits in the database in clear. Each
field is either encrypted (AES-256-GCM, read back by whoever needs it: the hotline calls a
12345 caller back) or a keyed hash (HMAC-SHA256, only ever compared: a phone that finds an
appointment or groups a caller's orders), with the keys of ``central.keyring``, kept outside
the database. ``rotate_keys`` moves every protected value to a new key.

| table.column                   | holds                                   | kept as     |
|--------------------------------|-----------------------------------------|-------------|
| events.payload_enc             | the terminal's whole event payload      | encrypted   |
| idempotency.body_enc           | a stored answer (licences, names …)     | encrypted   |
| appointments.phone/code6/name  | the holder's phone, 6-digit code, name  | encrypted   |
| appointments.phone/code6_hash  | the same, for the lookup                | keyed hash  |
| workorders.phone/place_hash    | the caller's phone, the place (grouping)| keyed hash  |
| authorizations.token_sha256    | the citizen's authorisation token       | sha256      |
| attempts.subject               | a phone or number being guessed at      | keyed hash  |
| proofs.pdf_enc                 | an issued proof (names the person)      | encrypted   |
| proofs.holder_key              | which demo person (a seed key, no data) | as is       |
| sms_challenges.id_enc          | the ID number a texted code was sent for| encrypted   |
| sms_challenges.subject         | the same, as the rate limiter's subject | keyed hash  |
| sms_challenges.code_hash       | the texted code                         | keyed hash  |
| sms_outbox.text_enc            | the simulated SMS gateway's message     | encrypted   |
| video_calls.note_enc           | an agent's note on a video call         | encrypted   |
| video_snapshots.image_enc      | a document-camera frame from a call     | encrypted   |
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from central.db import Connection, Database, Row
from central.keyring import Keyring

EVENT_PAYLOAD = "events.payload"
APPOINTMENT_PHONE = "appointments.phone"
APPOINTMENT_CODE6 = "appointments.code6"
APPOINTMENT_NAME = "appointments.name"
IDEMPOTENT_BODY = "idempotency.body"
PROOF_PDF = "proofs.pdf"
SMS_ID = "sms_challenges.id_number"
SMS_CODE = "sms_challenges.code"
SMS_TEXT = "sms_outbox.text"


def token_sha256(token: str) -> str:
    """A random 32-character token needs no key: its hash cannot be reversed by guessing."""
    return hashlib.sha256(token.encode()).hexdigest()


def phone_hash(keys: Keyring, phone: str) -> str:
    return keys.hash(phone, "phone")


def code6_hash(keys: Keyring, phone: str, code6: str) -> str:
    return keys.hash(f"{phone}:{code6}", "appointment.code6")


def place_hash(keys: Keyring, place_key: str) -> str:
    return keys.hash(place_key, "place")


def seal_payload(keys: Keyring, payload: dict[str, Any]) -> str:
    return keys.encrypt_text(json.dumps(payload, ensure_ascii=False), EVENT_PAYLOAD)


def open_payload(keys: Keyring, sealed: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(keys.decrypt_text(sealed, EVENT_PAYLOAD))
    return doc


@dataclass(frozen=True)
class NewAppointment:
    code: str
    phone: str
    code6: str
    name: str
    item_id: str
    service: str
    site: str
    site_name: str
    slot_start: str
    slot_end: str
    checked_in_at: str | None = None


def put_appointment(conn: Connection, keys: Keyring, a: NewAppointment) -> None:
    conn.execute(
        "INSERT INTO appointments (code, phone_hash, code6_hash, phone_enc, code6_enc,"
        " name_enc, item_id, service, site, site_name, slot_start, slot_end, ticket_number,"
        " checked_in_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (code) DO UPDATE SET"
        " phone_hash=excluded.phone_hash, code6_hash=excluded.code6_hash,"
        " phone_enc=excluded.phone_enc, code6_enc=excluded.code6_enc,"
        " name_enc=excluded.name_enc, item_id=excluded.item_id, service=excluded.service,"
        " site=excluded.site, site_name=excluded.site_name, slot_start=excluded.slot_start,"
        " slot_end=excluded.slot_end, ticket_number=excluded.ticket_number,"
        " checked_in_at=excluded.checked_in_at",
        (a.code, phone_hash(keys, a.phone), code6_hash(keys, a.phone, a.code6),
         keys.encrypt_text(a.phone, APPOINTMENT_PHONE),
         keys.encrypt_text(a.code6, APPOINTMENT_CODE6),
         keys.encrypt_text(a.name, APPOINTMENT_NAME), a.item_id, a.service, a.site, a.site_name,
         a.slot_start, a.slot_end, None, a.checked_in_at),
    )  # fmt: skip


def appointment_name(keys: Keyring, row: Row) -> str:
    return keys.decrypt_text(row["name_enc"], APPOINTMENT_NAME)


def rotate_keys(db: Database, key_file: Path) -> Keyring:
    """Add a key, rewrite every protected value under it, then drop the old keys.

    Crash-safe in that order: the key file first holds old and new keys, the database is rewritten
    in one transaction, and only then does the file lose the old ones. Rate-limit counters are
    hashed under the old key and simply start afresh.
    """
    old = Keyring.open(key_file, create=False)
    both = old.with_new_key()
    both.save()
    new = both.only_current()
    from central import video_store
    from central.hotline import place_key  # the normalisation grouping uses

    video_store.ensure_schema(db)
    with db.write() as conn:
        video_store.rekey(conn, both, new)
        for row in conn.execute("SELECT key, payload_enc FROM events").fetchall():
            payload = open_payload(both, row["payload_enc"])
            conn.execute(
                "UPDATE events SET payload_enc=? WHERE key=?",
                (seal_payload(new, payload), row["key"]),
            )
            order = conn.execute(
                "SELECT number FROM workorders WHERE event_key=?", (row["key"],)
            ).fetchone()
            if order is not None:
                conn.execute(
                    "UPDATE workorders SET phone_hash=?, place_hash=? WHERE number=?",
                    (phone_hash(new, str(payload.get("phone", ""))),
                     place_hash(new, place_key(str(payload.get("place", "")))),
                     order["number"]),
                )  # fmt: skip
        for row in conn.execute("SELECT * FROM appointments").fetchall():
            phone = both.decrypt_text(row["phone_enc"], APPOINTMENT_PHONE)
            code6 = both.decrypt_text(row["code6_enc"], APPOINTMENT_CODE6)
            name = both.decrypt_text(row["name_enc"], APPOINTMENT_NAME)
            conn.execute(
                "UPDATE appointments SET phone_hash=?, code6_hash=?, phone_enc=?, code6_enc=?,"
                " name_enc=? WHERE code=?",
                (phone_hash(new, phone), code6_hash(new, phone, code6),
                 new.encrypt_text(phone, APPOINTMENT_PHONE),
                 new.encrypt_text(code6, APPOINTMENT_CODE6),
                 new.encrypt_text(name, APPOINTMENT_NAME), row["code"]),
            )  # fmt: skip
        for row in conn.execute(
            "SELECT scope, key, body_enc FROM idempotency WHERE body_enc IS NOT NULL"
        ).fetchall():
            body = both.decrypt(row["body_enc"], IDEMPOTENT_BODY)
            conn.execute(
                "UPDATE idempotency SET body_enc=? WHERE scope=? AND key=?",
                (new.encrypt(body, IDEMPOTENT_BODY), row["scope"], row["key"]),
            )
        for row in conn.execute("SELECT number, pdf_enc FROM proofs").fetchall():
            pdf = both.decrypt(row["pdf_enc"], PROOF_PDF)
            conn.execute(
                "UPDATE proofs SET pdf_enc=? WHERE number=?",
                (new.encrypt(pdf, PROOF_PDF), row["number"]),
            )
        conn.execute("DELETE FROM attempts")
        # texted codes live minutes: a rotation cancels them (the citizen asks for a new one)
        conn.execute("DELETE FROM sms_challenges")
        conn.execute("DELETE FROM sms_outbox")
    new.save()
    return new
