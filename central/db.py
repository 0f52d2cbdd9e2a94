"""The reference service's store: one data layer, on SQLite (the default) or PostgreSQL.

Every module speaks to it through the same small interface: ``db.one(sql, params)``,
``db.all(sql, params)`` and ``with db.write() as conn: conn.execute(sql, params)``, with ``?``
placeholders, portable SQL (``INSERT ... ON CONFLICT``, no ``INSERT OR ...``, no AUTOINCREMENT)
and rows read by column name. ``open_database(settings)`` picks the backend from
``CentralSettings.database_url``: unset, the WAL SQLite file at ``db_path``; a
``postgresql://`` URL, PostgreSQL through psycopg 3.

SQLite: one connection, used only from the server's event loop: every handler is ``async`` and
does its short SQLite work in place, so requests are applied one at a time and no worker threads
are spawned (tests that embed the server must not be left with threads). WAL lets tests and tools
read the same file while the server runs. ``write()`` is ``BEGIN IMMEDIATE``: one writer at a time.

PostgreSQL: one psycopg connection per process, likewise used from the event loop (a pool would
start threads), in autocommit for reads and one transaction per ``write()``. Several processes
may share one database (behind a load balancer), so every guarantee that SQLite got from its single
writer is kept by the database itself: unique constraints with ``ON CONFLICT`` (idempotency keys,
event keys) and row locks taken by upserts (a queue's numbering, central.queueing). ``?`` becomes
``%s``, types are mapped in ``CREATE TABLE`` (INTEGER -> BIGINT, REAL -> DOUBLE PRECISION, an
``INTEGER PRIMARY KEY`` -> BIGSERIAL), and schema changes take an advisory lock so two processes
starting at once do not race on ``CREATE TABLE IF NOT EXISTS``.

Schema: ``SCHEMA`` (and the modules' own ``ensure_schema``) holds ``CREATE ... IF NOT EXISTS``
statements applied at every start; changes that are not idempotent (new columns, data fixes) are
numbered ``MIGRATIONS``, applied once each, in order, and recorded in ``schema_migrations`` —
the same on both backends.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from central.settings import CentralSettings

SCHEMA_VERSION = 2  # SQLite's PRAGMA user_version; 2: personal fields encrypted or keyed-hashed

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
    "window" TEXT NOT NULL, item_id TEXT, terminal_id TEXT NOT NULL, issued_at TEXT NOT NULL,
    called_at TEXT NOT NULL, waiting_at_issue INTEGER NOT NULL, appointment_code TEXT,
    PRIMARY KEY (day, number)
);
-- One row per hall zone and day, upserted before a ticket is numbered: the row lock serialises
-- concurrent issuers of one zone across processes (central.queueing).
CREATE TABLE IF NOT EXISTS queue_counters (
    day TEXT NOT NULL, queue TEXT NOT NULL, issued INTEGER NOT NULL, PRIMARY KEY (day, queue)
);
CREATE TABLE IF NOT EXISTS authorizations (
    token_sha256 TEXT PRIMARY KEY, holder_key TEXT NOT NULL, valid_until TEXT NOT NULL,
    redeemed_at TEXT, redeemed_by TEXT
);
CREATE TABLE IF NOT EXISTS filed (
    number TEXT PRIMARY KEY, kind TEXT NOT NULL, terminal_id TEXT NOT NULL,
    received_at TEXT NOT NULL, item_id TEXT NOT NULL, service TEXT NOT NULL, "window" TEXT NOT NULL
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
    case_id TEXT, item_id TEXT, "window" TEXT, staff_id TEXT, channel TEXT, rated_at TEXT NOT NULL
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
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, terminal_id TEXT NOT NULL,
    kind TEXT NOT NULL, detail TEXT NOT NULL
);
-- one row per survey slot ever held: holding its row lock serialises the places of a slot
-- across central processes (central.utility.hold)
CREATE TABLE IF NOT EXISTS utility_slot_locks (slot_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS utility_holds (
    id TEXT PRIMARY KEY, slot_id TEXT NOT NULL, terminal_id TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS utility_bookings (
    number TEXT NOT NULL, utility TEXT NOT NULL, slot_id TEXT NOT NULL,
    PRIMARY KEY (number, utility)
);
CREATE TABLE IF NOT EXISTS utility_uploads (
    ref TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, check_code TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, sha256 TEXT, size INTEGER
);
CREATE TABLE IF NOT EXISTS utility_applications (
    number TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, form_type TEXT NOT NULL,
    utilities TEXT NOT NULL, received_at TEXT NOT NULL, stages_json TEXT NOT NULL,
    payload_enc TEXT NOT NULL, fingerprint TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Migration:
    """One numbered schema change, applied once per database (recorded in schema_migrations)."""

    version: int
    name: str
    statements: tuple[str, ...] = ()


# Append only; never edit a migration that has shipped. Version 1 is the schema every database
# had when migrations began (SCHEMA above, user_version 2 on SQLite).
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "baseline: personal fields encrypted or keyed-hashed"),
    Migration(
        2,
        "fleet console (central/console.py): users, sessions, alerts; the config version each"
        " terminal fetched",
        (
            "CREATE TABLE IF NOT EXISTS console_users ("
            " username TEXT PRIMARY KEY, display_name TEXT NOT NULL,"
            " role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),"
            " password_hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled_at TEXT)",
            "CREATE TABLE IF NOT EXISTS console_sessions ("
            " token_sha256 TEXT PRIMARY KEY, username TEXT NOT NULL, created_at REAL NOT NULL,"
            " expires_at REAL NOT NULL)",
            "CREATE TABLE IF NOT EXISTS console_alerts ("
            " id INTEGER PRIMARY KEY, terminal_id TEXT NOT NULL, kind TEXT NOT NULL,"
            " detail TEXT NOT NULL, raised_at TEXT NOT NULL, cleared_at TEXT, delivered TEXT)",
            # one open alert per terminal and kind, whichever process raises it
            "CREATE UNIQUE INDEX IF NOT EXISTS console_alerts_open"
            " ON console_alerts (terminal_id, kind) WHERE cleared_at IS NULL",
            "ALTER TABLE terminals ADD COLUMN config_fetched_version BIGINT",
            "ALTER TABLE terminals ADD COLUMN config_fetched_at TEXT",
        ),
    ),
)

_MIGRATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


class SchemaError(RuntimeError):
    """The database file was written by an older, incompatible version of the service."""


class Row(Protocol):
    """A result row: read by column name (``row["id"]``); ``dict(row)`` works on both backends."""

    def __getitem__(self, key: str, /) -> Any: ...

    def keys(self) -> list[str]: ...


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """What ``write()`` yields: ``execute``/``executemany`` inside the one transaction."""

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, params: Iterable[Sequence[Any]], /) -> Cursor: ...


def _statements(script: str) -> list[str]:
    """A script's statements (``;``-separated, ``--`` comment lines dropped)."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


class Database:
    """The SQLite backend (and the interface every backend keeps): a WAL file with the schema,
    one connection shared by the event loop."""

    backend = "sqlite"

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
        migrate(self)

    def describe(self) -> str:
        return str(self.path)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction; rolled back whole if the block raises."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.conn.execute(sql, params).fetchall())

    def lock_schema(self, conn: Connection) -> None:
        """Exclude other processes from schema changes until the transaction ends (SQLite's
        BEGIN IMMEDIATE already does)."""

    def close(self) -> None:
        self.conn.close()


def migrate(db: Database) -> list[int]:
    """Apply the MIGRATIONS this database has not had yet; returns their versions."""
    done: list[int] = []
    with db.write() as conn:
        db.lock_schema(conn)
        conn.execute(_MIGRATIONS_TABLE)
        have = {int(r["version"]) for r in conn.execute(
            "SELECT version FROM schema_migrations").fetchall()}  # fmt: skip
        at = datetime.now(UTC).isoformat(timespec="seconds")
        for m in MIGRATIONS:
            if m.version in have:
                continue
            for statement in m.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (m.version, m.name, at),
            )
            done.append(m.version)
    return done


# ---- PostgreSQL ------------------------------------------------------------------------------
_SCHEMA_LOCK = 0x6B696F736B  # pg_advisory_xact_lock key of schema changes ("kiosk")
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|\?|%|\browid\b|\bwindow\b", re.IGNORECASE)
_DDL_TYPES = (
    (re.compile(r"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b", re.I), "BIGSERIAL PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b", re.I), "BIGINT"),
    (re.compile(r"\bREAL\b", re.I), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b", re.I), "BYTEA"),
)
_CREATE = re.compile(r"\s*CREATE\s", re.I)
_CREATE_TABLE = re.compile(r"\s*(CREATE|ALTER)\s+TABLE\s", re.I)  # types mapped in both


@lru_cache(maxsize=2048)
def to_postgres(sql: str, with_params: bool = True) -> str:
    """The PostgreSQL spelling of a statement written for the interface.

    ``?`` -> ``%s`` (and a literal ``%`` doubled) outside string literals; ``rowid`` (insertion
    order, read only by central.stored) -> ``ctid``; the column name ``window`` quoted; SQLite's
    types in ``CREATE TABLE`` and ``ALTER TABLE`` mapped to PostgreSQL's (REAL is single
    precision there: epoch seconds would lose minutes).
    """
    if _CREATE_TABLE.match(sql):
        for pattern, replacement in _DDL_TYPES:
            sql = pattern.sub(replacement, sql)

    def token(m: re.Match[str]) -> str:
        t = m[0]
        if t == "?":
            return "%s"
        if t == "%":
            return "%%" if with_params else "%"
        if t.lower() == "rowid":
            return "ctid"
        if t.lower() == "window":  # a column of several tables, a reserved word in PostgreSQL
            return '"window"'
        return t

    return _TOKENS.sub(token, sql)


def _pg_params(params: Sequence[Any]) -> tuple[Any, ...]:
    # SQLite stores a bool as 0/1 in an INTEGER column; PostgreSQL would refuse a boolean there.
    return tuple(int(p) if isinstance(p, bool) else p for p in params)


class PgRow(dict[str, Any]):
    """A PostgreSQL row read like sqlite3.Row: by name, by position, ``keys()``, ``dict(row)``."""

    def __getitem__(self, key: str | int) -> Any:  # type: ignore[override]
        if isinstance(key, int):
            return list(self.values())[key]
        return super().__getitem__(key)

    def keys(self) -> list[str]:  # type: ignore[override]
        return list(super().keys())


def pg_row(cursor: Any) -> Any:
    """psycopg row factory making PgRow."""
    names = [c.name for c in cursor.description] if cursor.description else []

    def make(values: Sequence[Any]) -> PgRow:
        return PgRow(zip(names, values, strict=True))

    return make


class _PgConnection:
    """The interface's connection on one open PostgreSQL transaction."""

    def __init__(self, db: PostgresDatabase, conn: Any) -> None:
        self._db = db
        self._conn = conn
        self._schema_locked = False

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor:
        if not self._schema_locked and _CREATE.match(sql):
            self.lock_schema()
        cur: Cursor = self._conn.execute(
            to_postgres(sql, bool(params)), _pg_params(params) if params else None
        )
        return cur

    def executemany(self, sql: str, params: Iterable[Sequence[Any]], /) -> Cursor:
        cur = self._conn.cursor()
        cur.executemany(to_postgres(sql), [_pg_params(p) for p in params])
        result: Cursor = cur
        return result

    def lock_schema(self) -> None:
        if not self._schema_locked:
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            self._schema_locked = True


class PostgresDatabase(Database):
    """The PostgreSQL backend (psycopg 3): same interface, same schema, same migrations."""

    backend = "postgresql"

    def __init__(self, url: str) -> None:  # not Database.__init__: no SQLite file
        import psycopg

        self.url = url
        self.path = Path("/nonexistent")  # no file; kept so describe()/tools need not branch
        try:
            self.pg = psycopg.connect(url, autocommit=True, row_factory=pg_row)
        except psycopg.Error as exc:
            raise SchemaError(f"cannot connect to {redact_url(url)}: {exc}") from None
        self._closed = False
        with self.write() as conn:
            for statement in _statements(SCHEMA):
                conn.execute(statement)
        migrate(self)

    def describe(self) -> str:
        return redact_url(self.url)

    def _live(self) -> Any:
        """The connection, made anew when the last one broke (the database restarted, a
        network blip): that request failed, the next one works."""
        if (self.pg.broken or self.pg.closed) and not self._closed:
            import psycopg

            self.pg = psycopg.connect(self.url, autocommit=True, row_factory=pg_row)
        return self.pg

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction (READ COMMITTED); rolled back whole if the block raises."""
        pg = self._live()
        with pg.transaction():
            yield _PgConnection(self, pg)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = (
            self._live()
            .execute(to_postgres(sql, bool(params)), _pg_params(params) if params else None)
            .fetchone()
        )
        return row

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(
            self._live()
            .execute(to_postgres(sql, bool(params)), _pg_params(params) if params else None)
            .fetchall()
        )

    def lock_schema(self, conn: Connection) -> None:
        if isinstance(conn, _PgConnection):
            conn.lock_schema()

    def close(self) -> None:
        self._closed = True
        self.pg.close()


def redact_url(url: str) -> str:
    """A database URL without its password, for logs and messages."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))


def open_database(settings: CentralSettings) -> Database:
    """The backend ``settings.database_url`` names: PostgreSQL for a ``postgresql://`` URL,
    otherwise the SQLite file at ``settings.db_path``."""
    url = settings.database_url
    if not url:
        return Database(settings.db_path)
    if not is_postgres_url(url):
        raise SchemaError(f"database_url must be a postgresql:// URL, not {redact_url(url)!r}")
    return PostgresDatabase(url)
