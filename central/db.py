"""The reference service's SQLite store.

One connection, used only from the server's event loop: every handler is ``async`` and does its
short SQLite work in place, so requests are applied one at a time and no worker threads are
spawned (tests that embed the server must not be left with threads). WAL lets tests and tools
read the same file while the server runs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA_VERSION = 2  # PRAGMA user_version; 2: personal fields encrypted or keyed-hashed

# Personal fields are never stored in clear (central.keyring): *_enc columns hold AES-GCM
# ciphertext, *_hash columns keyed hashes, token_sha256 the plain sha256 of a random secret.
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS terminals (
    id TEXT PRIMARY KEY, site TEXT NOT NULL,
    name TEXT NOT NULL, config_json TEXT NOT NULL, config_version INTEGER NOT NULL DEFAULT 1,
    last_heartbeat_at TEXT, last_heartbeat_json TEXT
);
CREATE TABLE IF NOT EXISTS tokens (
    token_sha256 TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, issued_at TEXT NOT NULL,
    expires_at TEXT, revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS tokens_by_terminal ON tokens (terminal_id);
CREATE TABLE IF NOT EXISTS heartbeats (
    terminal_id TEXT NOT NULL, received_at TEXT NOT NULL, body_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS heartbeats_by_terminal ON heartbeats (terminal_id, received_at);
CREATE INDEX IF NOT EXISTS heartbeats_by_time ON heartbeats (received_at);
CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')), started_at REAL NOT NULL,
    status INTEGER, content_type TEXT, body_enc TEXT,
    PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (started_at);
CREATE TABLE IF NOT EXISTS events (
    key TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, type TEXT NOT NULL,
    created_at TEXT NOT NULL, received_at TEXT NOT NULL, body_sha256 TEXT NOT NULL,
    payload_enc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_terminal ON events (terminal_id, type);
CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, terminal_id TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS appointments (
    code TEXT PRIMARY KEY, phone_hash TEXT NOT NULL, code6_hash TEXT NOT NULL,
    phone_enc TEXT NOT NULL, code6_enc TEXT NOT NULL, name_enc TEXT NOT NULL,
    item_id TEXT NOT NULL, service TEXT NOT NULL, site TEXT NOT NULL, site_name TEXT NOT NULL,
    slot_start TEXT NOT NULL, slot_end TEXT NOT NULL, ticket_number TEXT, checked_in_at TEXT
);
CREATE INDEX IF NOT EXISTS appointments_by_phone ON appointments (phone_hash, code6_hash);
CREATE TABLE IF NOT EXISTS tickets (
    day TEXT NOT NULL, number TEXT NOT NULL, queue TEXT NOT NULL, service TEXT NOT NULL,
    window TEXT NOT NULL, item_id TEXT, terminal_id TEXT NOT NULL, issued_at TEXT NOT NULL,
    called_at TEXT NOT NULL, waiting_at_issue INTEGER NOT NULL, appointment_code TEXT,
    PRIMARY KEY (day, number)
);
CREATE TABLE IF NOT EXISTS authorizations (
    token_sha256 TEXT PRIMARY KEY, holder_key TEXT NOT NULL, valid_until TEXT NOT NULL,
    redeemed_at TEXT, redeemed_by TEXT
);
CREATE TABLE IF NOT EXISTS filed (
    number TEXT PRIMARY KEY, kind TEXT NOT NULL, terminal_id TEXT NOT NULL,
    received_at TEXT NOT NULL, item_id TEXT NOT NULL, service TEXT NOT NULL, window TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS workorders (
    number TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, category TEXT NOT NULL,
    place_hash TEXT NOT NULL, phone_hash TEXT NOT NULL, created_at TEXT NOT NULL,
    event_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workorders_by_phone ON workorders (phone_hash);
CREATE INDEX IF NOT EXISTS workorders_by_matter ON workorders (category, place_hash);
CREATE TABLE IF NOT EXISTS hotline_requests (
    number TEXT PRIMARY KEY, order_number TEXT NOT NULL, reason TEXT, matter TEXT NOT NULL,
    place_type TEXT, tourist INTEGER NOT NULL, has_place INTEGER NOT NULL,
    created_at TEXT NOT NULL, closed_at TEXT
);
CREATE INDEX IF NOT EXISTS hotline_requests_by_order ON hotline_requests (order_number);
CREATE INDEX IF NOT EXISTS hotline_requests_by_matter ON hotline_requests (matter, created_at);
CREATE TABLE IF NOT EXISTS proofs (
    number TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, kind TEXT NOT NULL,
    holder_key TEXT NOT NULL, issued_at TEXT NOT NULL, expires_at TEXT NOT NULL,
    check_code TEXT NOT NULL, sha256 TEXT NOT NULL, pages INTEGER NOT NULL, pdf_enc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ratings (
    event_key TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, level INTEGER NOT NULL,
    case_id TEXT, item_id TEXT, window TEXT, staff_id TEXT, channel TEXT, rated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS evaluations (
    case_id TEXT PRIMARY KEY, event_key TEXT NOT NULL, terminal_id TEXT NOT NULL,
    level INTEGER NOT NULL, channel_code TEXT, eval_time TEXT, count INTEGER NOT NULL,
    reasons TEXT NOT NULL, division_code TEXT, window TEXT, staff_id TEXT, item_id TEXT,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rating_followups (
    case_id TEXT PRIMARY KEY, event_key TEXT NOT NULL, level INTEGER NOT NULL,
    deadline TEXT NOT NULL, state TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sms_challenges (
    id TEXT PRIMARY KEY, subject TEXT NOT NULL, id_enc TEXT NOT NULL, code_hash TEXT NOT NULL,
    terminal_id TEXT NOT NULL, created_at REAL NOT NULL, expires_at REAL NOT NULL,
    wrong INTEGER NOT NULL DEFAULT 0, closed_at REAL
);
CREATE INDEX IF NOT EXISTS sms_challenges_by_subject ON sms_challenges (subject, created_at);
CREATE TABLE IF NOT EXISTS sms_outbox (
    challenge TEXT NOT NULL, phone_masked TEXT NOT NULL, text_enc TEXT NOT NULL,
    sent_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts (
    subject TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure_at REAL NOT NULL,
    locked_until REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, terminal_id TEXT NOT NULL,
    kind TEXT NOT NULL, detail TEXT NOT NULL
);
"""


class SchemaError(RuntimeError):
    """The database file was written by an older, incompatible version of the service."""


class Database:
    """A WAL SQLite file with the service's schema; one connection shared by the event loop."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves in write().
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA busy_timeout=5000")
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version != SCHEMA_VERSION and tables:
            self.conn.close()
            raise SchemaError(
                f"{path} was made by an older version of the service (schema {version}, this"
                f" one writes {SCHEMA_VERSION}, with personal fields encrypted): start on a new"
                " --db file"
            )
        self.conn.executescript(SCHEMA)
        self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back whole if the block raises."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def one(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params).fetchall())

    def close(self) -> None:
        self.conn.close()
