"""What video help keeps in the database: agents and their sessions, calls, snapshots, notes,
call-back requests.

Agents are the county centre's staff who answer calls (``python -m central.video_agents add``).
Their passwords are scrypt hashes; a session is a random token of which only the sha256 is kept.
These tables are video help's own (the fleet console's operators are another matter, and may be
unified later). Personal data is sealed with ``central.keyring`` like everything else at rest:
a snapshot of the document camera and the agent's note are encrypted, and a call-back's phone
stays inside its (encrypted) event payload. Only the ``Database`` interface and plain SQL, so the
PostgreSQL port runs these as they are.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from central import protected
from central.db import Connection, Database
from central.keyring import Keyring

SCHEMA = """
CREATE TABLE IF NOT EXISTS video_agents (
    id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
    role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled_at TEXT
);
CREATE TABLE IF NOT EXISTS video_agent_sessions (
    token_sha256 TEXT PRIMARY KEY, agent_id TEXT NOT NULL, issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL, ended_at TEXT
);
CREATE TABLE IF NOT EXISTS video_calls (
    id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, site TEXT NOT NULL, flow TEXT NOT NULL,
    screen TEXT NOT NULL, language TEXT NOT NULL, queued_at TEXT NOT NULL, answered_at TEXT,
    ended_at TEXT, ended_by TEXT, end_reason TEXT, agent_id TEXT, note_enc TEXT
);
CREATE INDEX IF NOT EXISTS video_calls_by_end ON video_calls (ended_at);
CREATE TABLE IF NOT EXISTS video_snapshots (
    id TEXT PRIMARY KEY, call_id TEXT NOT NULL, agent_id TEXT NOT NULL, taken_at TEXT NOT NULL,
    media_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, image_enc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS video_snapshots_by_call ON video_snapshots (call_id);
CREATE TABLE IF NOT EXISTS video_callbacks (
    event_key TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, reason TEXT NOT NULL,
    flow TEXT NOT NULL, requested_at TEXT NOT NULL, done_at TEXT, done_by TEXT
);
"""

NOTE = "video_calls.note"
SNAPSHOT = "video_snapshots.image"
ROLES = ("agent", "supervisor")
# scrypt as the kiosk's PIN hashes (RFC 7914 parameters: ~16 MiB, ~50 ms a try)
_N, _R, _P = 16384, 8, 1


def ensure_schema(db: Database) -> None:
    with db.write() as conn:
        for stmt in SCHEMA.split(";"):
            if stmt.strip():
                conn.execute(stmt)


# -- agents ------------------------------------------------------------------------------------
def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


@dataclass(frozen=True)
class AgentRow:
    id: str
    username: str
    display_name: str
    role: str

    def public(self) -> dict[str, str]:
        return {
            "id": self.id,
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
        }


def add_agent(
    db: Database,
    username: str,
    display_name: str,
    password: str,
    now: datetime,
    role: str = "agent",
) -> AgentRow:
    """A new agent (or a new password and name for an existing one)."""
    if role not in ROLES:
        raise ValueError(f"role is one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise ValueError("an agent's password has at least 8 characters")
    row = db.one("SELECT id FROM video_agents WHERE username=?", (username,))
    agent_id = row["id"] if row is not None else "A" + secrets.token_hex(4)
    with db.write() as conn:
        conn.execute(
            "INSERT INTO video_agents (id, username, display_name, role, password_hash,"
            " created_at) VALUES (?,?,?,?,?,?) ON CONFLICT(username) DO UPDATE SET"
            " display_name=excluded.display_name, role=excluded.role,"
            " password_hash=excluded.password_hash, disabled_at=NULL",
            (agent_id, username, display_name, role, hash_password(password), now.isoformat()),
        )
    return AgentRow(agent_id, username, display_name, role)


def disable_agent(db: Database, username: str, now: datetime) -> bool:
    with db.write() as conn:
        row = conn.execute(
            "SELECT id FROM video_agents WHERE username=? AND disabled_at IS NULL", (username,)
        ).fetchone()
        if row is None:
            return False
        conn.execute(
            "UPDATE video_agents SET disabled_at=? WHERE id=?", (now.isoformat(), row["id"])
        )
        conn.execute(
            "UPDATE video_agent_sessions SET ended_at=? WHERE agent_id=? AND ended_at IS NULL",
            (now.isoformat(), row["id"]),
        )
    return True


def verify_agent(db: Database, username: str, password: str) -> AgentRow | None:
    row = db.one(
        "SELECT id, username, display_name, role, password_hash FROM video_agents"
        " WHERE username=? AND disabled_at IS NULL",
        (username,),
    )
    if row is None:
        check_password(password, hash_password("timing"))  # same work for an unknown name
        return None
    if not check_password(password, row["password_hash"]):
        return None
    return AgentRow(row["id"], row["username"], row["display_name"], row["role"])


def open_session(db: Database, agent: AgentRow, now: datetime, ttl_s: float) -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    expires = (now + timedelta(seconds=ttl_s)).isoformat()
    with db.write() as conn:
        conn.execute(
            "INSERT INTO video_agent_sessions (token_sha256, agent_id, issued_at, expires_at)"
            " VALUES (?,?,?,?)",
            (protected.token_sha256(token), agent.id, now.isoformat(), expires),
        )
    return token, expires


def session_agent(db: Database, token: str, now: datetime) -> AgentRow | None:
    row = db.one(
        "SELECT a.id, a.username, a.display_name, a.role FROM video_agent_sessions s"
        " JOIN video_agents a ON a.id = s.agent_id WHERE s.token_sha256=? AND s.ended_at IS NULL"
        " AND s.expires_at > ? AND a.disabled_at IS NULL",
        (protected.token_sha256(token), now.isoformat()),
    )
    if row is None:
        return None
    return AgentRow(row["id"], row["username"], row["display_name"], row["role"])


def close_session(db: Database, token: str, now: datetime) -> None:
    with db.write() as conn:
        conn.execute(
            "UPDATE video_agent_sessions SET ended_at=? WHERE token_sha256=? AND ended_at IS NULL",
            (now.isoformat(), protected.token_sha256(token)),
        )


# -- calls -------------------------------------------------------------------------------------
def record_queued(
    db: Database,
    call_id: str,
    terminal_id: str,
    site: str,
    flow: str,
    screen: str,
    language: str,
    now: datetime,
) -> None:
    with db.write() as conn:
        conn.execute(
            "INSERT INTO video_calls (id, terminal_id, site, flow, screen, language, queued_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (call_id, terminal_id, site, flow, screen, language, now.isoformat()),
        )


def record_answered(db: Database, call_id: str, agent_id: str, now: datetime) -> None:
    with db.write() as conn:
        conn.execute(
            "UPDATE video_calls SET answered_at=?, agent_id=? WHERE id=?",
            (now.isoformat(), agent_id, call_id),
        )


def record_requeued(db: Database, call_id: str) -> None:
    with db.write() as conn:
        conn.execute("UPDATE video_calls SET answered_at=NULL WHERE id=?", (call_id,))


def record_ended(db: Database, call_id: str, by: str, reason: str, now: datetime) -> None:
    with db.write() as conn:
        conn.execute(
            "UPDATE video_calls SET ended_at=?, ended_by=?, end_reason=? WHERE id=?"
            " AND ended_at IS NULL",
            (now.isoformat(), by, reason, call_id),
        )


def mean_call_s(db: Database, default_s: float, last: int = 20) -> float:
    """How long the last answered calls lasted: the estimate's unit."""
    rows = db.all(
        "SELECT answered_at, ended_at FROM video_calls WHERE answered_at IS NOT NULL"
        " AND ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?",
        (last,),
    )
    spans = [
        (
            datetime.fromisoformat(r["ended_at"]) - datetime.fromisoformat(r["answered_at"])
        ).total_seconds()
        for r in rows
    ]
    spans = [s for s in spans if s > 0]
    return sum(spans) / len(spans) if spans else default_s


def call_agent(db: Database, call_id: str) -> str | None:
    row = db.one("SELECT agent_id FROM video_calls WHERE id=?", (call_id,))
    return None if row is None else row["agent_id"]


def save_note(db: Database, keys: Keyring, call_id: str, text: str) -> None:
    with db.write() as conn:
        conn.execute(
            "UPDATE video_calls SET note_enc=? WHERE id=?",
            (keys.encrypt_text(text, NOTE), call_id),
        )


def save_snapshot(
    db: Database,
    keys: Keyring,
    call_id: str,
    agent_id: str,
    image: bytes,
    media_type: str,
    now: datetime,
) -> dict[str, Any]:
    snap_id = "S" + secrets.token_hex(6)
    digest = hashlib.sha256(image).hexdigest()
    with db.write() as conn:
        conn.execute(
            "INSERT INTO video_snapshots (id, call_id, agent_id, taken_at, media_type, size,"
            " sha256, image_enc) VALUES (?,?,?,?,?,?,?,?)",
            (snap_id, call_id, agent_id, now.isoformat(), media_type, len(image), digest,
             keys.encrypt(image, SNAPSHOT)),
        )  # fmt: skip
    return {
        "id": snap_id,
        "call_id": call_id,
        "sha256": digest,
        "size": len(image),
        "taken_at": now.isoformat(),
    }


def snapshot(db: Database, keys: Keyring, call_id: str, snap_id: str) -> tuple[bytes, str] | None:
    row = db.one(
        "SELECT media_type, image_enc FROM video_snapshots WHERE id=? AND call_id=?",
        (snap_id, call_id),
    )
    if row is None:
        return None
    return keys.decrypt(row["image_enc"], SNAPSHOT), row["media_type"]


def call_record(db: Database, keys: Keyring, call_id: str) -> dict[str, Any] | None:
    row = db.one("SELECT * FROM video_calls WHERE id=?", (call_id,))
    if row is None:
        return None
    snaps = db.all(
        "SELECT id, call_id, sha256, size, taken_at FROM video_snapshots WHERE call_id=?"
        " ORDER BY taken_at",
        (call_id,),
    )
    return {
        "call_id": row["id"],
        "terminal_id": row["terminal_id"],
        "flow": row["flow"],
        "queued_at": row["queued_at"],
        "answered_at": row["answered_at"],
        "ended_at": row["ended_at"],
        "ended_by": row["ended_by"],
        "agent_id": row["agent_id"],
        "note": keys.decrypt_text(row["note_enc"], NOTE) if row["note_enc"] else None,
        "snapshots": [dict(s) for s in snaps],
    }


# -- call-backs (the event ``video.callback_requested``) ---------------------------------------
def record_callback(
    conn: Connection, event_key: str, terminal_id: str, reason: str, flow: str, at: str
) -> None:
    """In the event's own transaction (``central.events``); the phone stays in its payload."""
    conn.execute(
        "INSERT INTO video_callbacks (event_key, terminal_id, reason, flow, requested_at)"
        " VALUES (?,?,?,?,?) ON CONFLICT(event_key) DO NOTHING",
        (event_key, terminal_id, reason, flow, at),
    )


def open_callbacks(db: Database, keys: Keyring) -> list[dict[str, Any]]:
    rows = db.all(
        "SELECT c.event_key, c.terminal_id, c.reason, c.flow, c.requested_at, e.payload_enc"
        " FROM video_callbacks c JOIN events e ON e.key = c.event_key WHERE c.done_at IS NULL"
        " ORDER BY c.requested_at"
    )
    out = []
    for r in rows:
        payload = protected.open_payload(keys, r["payload_enc"])
        out.append(
            {
                "key": r["event_key"],
                "terminal_id": r["terminal_id"],
                "phone": str(payload.get("phone", "")),
                "reason": r["reason"],
                "flow": r["flow"],
                "requested_at": r["requested_at"],
            }
        )
    return out


def callback_done(db: Database, event_key: str, agent_id: str, now: datetime) -> bool:
    with db.write() as conn:
        n: int = conn.execute(
            "UPDATE video_callbacks SET done_at=?, done_by=? WHERE event_key=? AND done_at IS NULL",
            (now.isoformat(), agent_id, event_key),
        ).rowcount
    return n > 0


def rekey(conn: Connection, old: Keyring, new: Keyring) -> None:
    """``central.protected.rotate_keys``: notes and snapshots move to the new key too."""
    notes = conn.execute("SELECT id, note_enc FROM video_calls WHERE note_enc IS NOT NULL")
    for row in notes.fetchall():
        conn.execute(
            "UPDATE video_calls SET note_enc=? WHERE id=?",
            (new.encrypt_text(old.decrypt_text(row["note_enc"], NOTE), NOTE), row["id"]),
        )
    for row in conn.execute("SELECT id, image_enc FROM video_snapshots").fetchall():
        conn.execute(
            "UPDATE video_snapshots SET image_enc=? WHERE id=?",
            (new.encrypt(old.decrypt(row["image_enc"], SNAPSHOT), SNAPSHOT), row["id"]),
        )
