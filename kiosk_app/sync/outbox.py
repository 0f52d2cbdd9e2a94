"""The outbox: every record that must reach the central services, stored before it is sent.

A flow writes its local state and the records to send in one SQLite transaction
(``BEGIN IMMEDIATE``, WAL, ``synchronous=FULL``), so a crash or a power cut leaves both or
neither. Each record gets a UUID idempotency key and its event JSON is frozen as text at
enqueue time: every retry sends the same bytes, so the server's dedup by key is exact.

Scans and PDFs travel as blobs, stored content-addressed (sha256) next to the database and
deleted as soon as no undelivered record references them, because they hold personal data.

One relay drains the outbox (``relay.Relay``); rows it is sending carry a lease, so a crash
mid-send only means the lease runs out (or the next relay releases it at start) and the record
is sent again, which the server answers with ``duplicate``.

A delivered record holds a citizen's phone, ID number, place: it must not outlive its delivery
anywhere on the disk (the personal-data rule). SQLite keeps deleted rows in free pages and in
the write-ahead log, so the database runs with ``secure_delete`` (deleted content is zeroed) and
every delivery ends with a ``wal_checkpoint(TRUNCATE)``: the zeroed pages go into the database
file and the log is cut to nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from contract.events import EVENT_TYPES
from contract.limits import EVENT, json_problem
from kiosk_app.core.errors import OutboxCorruptError, PayloadError
from kiosk_app.sync.errors import translate

log = logging.getLogger(__name__)

MAX_EVENT_BYTES = 256 * 1024  # larger things (scans, PDFs) go as blobs
_CHUNK = 1 << 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  REAL NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    not_before  REAL NOT NULL DEFAULT 0,
    lease_until REAL NOT NULL DEFAULT 0,
    solo        INTEGER NOT NULL DEFAULT 0,
    reason      TEXT,
    dead_at     REAL
);
CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state, id);
CREATE TABLE IF NOT EXISTS blobs (
    sha256   TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,
    uploaded INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS event_blobs (
    event_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    sha256   TEXT NOT NULL REFERENCES blobs (sha256),
    PRIMARY KEY (event_id, sha256)
);
CREATE INDEX IF NOT EXISTS event_blobs_sha ON event_blobs (sha256);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Enqueued:
    """What a flow keeps of a stored record: its key (to show or look up) and blob hashes."""

    key: str
    blobs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Leased:
    """A record the relay is sending; ``body`` is the exact event JSON stored at enqueue."""

    key: str
    type: str
    body: str
    blobs: tuple[str, ...]
    attempts: int
    solo: bool


@dataclass(frozen=True)
class DeadLetter:
    """A record the server refused; shown in the technician panel to retry or discard."""

    key: str
    type: str
    reason: str
    created_at: float
    dead_at: float
    attempts: int


@dataclass(frozen=True)
class OutboxStats:
    depth: int  # records not yet delivered (dead letters excluded)
    dead: int
    oldest_pending_age_s: float | None
    last_success_at: float | None  # wall-clock time of the last accepted upload


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Transaction:
    """One ``BEGIN IMMEDIATE`` transaction: the flow's own SQL and its outbox rows together."""

    def __init__(self, outbox: Outbox, conn: sqlite3.Connection) -> None:
        self._outbox = outbox
        self._conn = conn
        self.new_files: list[Path] = []

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        """Run the flow's local-state SQL inside this transaction."""
        return self._conn.execute(sql, params)

    def enqueue(
        self,
        type: str,
        payload: Mapping[str, Any],
        blobs: Iterable[str | Path] = (),
    ) -> Enqueued:
        """Store one record to send; with ``blobs``, their sha256 hashes go in payload["blobs"]."""
        if type not in EVENT_TYPES:
            raise PayloadError(f"unknown event type {type!r}; known: {sorted(EVENT_TYPES)}")
        if not isinstance(payload, Mapping):
            raise PayloadError(f"the payload of {type} must be a JSON object")
        blob_paths = [Path(p) for p in blobs]
        body_payload = dict(payload)
        if blob_paths and "blobs" in body_payload:
            raise PayloadError(f"the payload of {type} already has a 'blobs' field")
        for p in blob_paths:
            if not p.is_file():
                raise PayloadError(f"attachment of {type} is missing: {p.name}")
        hashes = [self._outbox._store_blob(p, self) for p in blob_paths]
        if hashes:
            body_payload["blobs"] = hashes
        key = str(uuid.uuid4())
        event = {
            "key": key,
            "type": type,
            "terminal_id": self._outbox.terminal_id,
            "created_at": _now_iso(),
            "payload": body_payload,
        }
        try:
            body = json.dumps(event, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            raise PayloadError(f"the payload of {type} is not plain JSON: {exc}") from None
        if len(body.encode("utf-8", "surrogatepass")) > MAX_EVENT_BYTES:
            raise PayloadError(
                f"the payload of {type} is larger than {MAX_EVENT_BYTES // 1024} KiB; "
                "send large content as blobs"
            )
        if (problem := json_problem(body_payload, EVENT, "payload")) is not None:
            # the service would refuse it for good (a lone surrogate, too deep): say so here
            raise PayloadError(f"the payload of {type} cannot be sent: {problem}")
        cur = self._conn.execute(
            "INSERT INTO outbox (key, type, body, created_at) VALUES (?, ?, ?, ?)",
            (key, type, body, time.time()),
        )
        event_id = cur.lastrowid
        for h in dict.fromkeys(hashes):
            self._conn.execute(
                "INSERT INTO event_blobs (event_id, sha256) VALUES (?, ?)", (event_id, h)
            )
        return Enqueued(key, tuple(hashes))


class Outbox:
    """The terminal's outbox database (also the home of flows' local state tables).

    One connection, serialised by a lock: writes are short, and SQLite allows one writer anyway.
    """

    def __init__(self, path: str | Path, terminal_id: str, *, busy_timeout_s: float = 5.0) -> None:
        self.path = Path(path)
        self.terminal_id = terminal_id
        self.blob_dir = self.path.with_name(self.path.name + ".blobs")
        self._busy_timeout_s = busy_timeout_s
        self._lock = threading.RLock()
        self._conn = self._open()
        self._sweep_orphan_blobs()

    # opening ------------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.blob_dir.mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            raise translate(exc, self.path.parent) from exc
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=self._busy_timeout_s,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA secure_delete=ON")  # delivered personal data is zeroed
            row = conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            err = translate(exc, self.path)
            if isinstance(err, OutboxCorruptError):
                moved = self._move_aside()
                raise OutboxCorruptError(
                    f"the outbox database was damaged and has been moved aside to {moved} "
                    "(kept for recovery, not deleted); a fresh outbox starts on the next open",
                    moved_to=moved,
                ) from exc
            raise err from exc
        return conn

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                src.rename(Path(str(target) + suffix))
        if self.blob_dir.exists():
            self.blob_dir.rename(Path(str(target) + ".blobs"))
        log.error("outbox database damaged; moved aside", extra={"moved_to": str(target)})
        return target

    def _sweep_orphan_blobs(self) -> None:
        """Delete blob files no committed row knows (a crash between copy and commit)."""
        with self._lock:
            known = {r[0] for r in self._conn.execute("SELECT sha256 FROM blobs")}
        for f in self.blob_dir.iterdir():
            if f.name not in known:
                f.unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writing ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """``with outbox.transaction() as tx: tx.execute(...); tx.enqueue(...)`` - all or nothing.

        Storage failures come out as typed ``OutboxError``s; the transaction is rolled back and
        everything committed before is untouched.
        """
        with self._lock:
            tx = Transaction(self, self._conn)
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc
            try:
                yield tx
                self._conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                self._forget_new_files(tx.new_files)
                if isinstance(exc, sqlite3.Error | OSError):
                    raise translate(exc, self.path) from exc
                raise

    def enqueue(
        self,
        type: str,
        payload: Mapping[str, Any],
        blobs: Iterable[str | Path] = (),
    ) -> Enqueued:
        """Store one record on its own (no local state to change with it)."""
        with self.transaction() as tx:
            return tx.enqueue(type, payload, blobs)

    def _store_blob(self, src: Path, tx: Transaction) -> str:
        """Copy a file into the content-addressed store, durably, and register it in ``tx``."""
        tmp = self.blob_dir / f".tmp-{uuid.uuid4().hex}"
        digest = hashlib.sha256()
        size = 0
        try:
            with src.open("rb") as fin, tmp.open("wb") as fout:
                tmp.chmod(0o600)
                while chunk := fin.read(_CHUNK):
                    digest.update(chunk)
                    fout.write(chunk)
                    size += len(chunk)
                fout.flush()
                os.fsync(fout.fileno())
            sha = digest.hexdigest()
            final = self.blob_dir / sha
            if final.exists():
                tmp.unlink()
            else:
                tmp.rename(final)
                _fsync_dir(self.blob_dir)
                tx.new_files.append(final)
        except OSError:
            tmp.unlink(missing_ok=True)
            raise
        tx.execute("INSERT OR IGNORE INTO blobs (sha256, size) VALUES (?, ?)", (sha, size))
        return sha

    def _forget_new_files(self, files: list[Path]) -> None:
        if not files:
            return
        known = {r[0] for r in self._conn.execute("SELECT sha256 FROM blobs")}
        for f in files:
            if f.name not in known:
                f.unlink(missing_ok=True)

    def blob_path(self, sha256: str) -> Path:
        return self.blob_dir / sha256

    # relay side ---------------------------------------------------------------------------
    def _write(self, fn: Any, *, durable: bool = True) -> Any:
        """Run ``fn(conn)`` in one write transaction.

        ``durable=False`` commits without waiting for the disk (WAL, ``synchronous=NORMAL``):
        still atomic, but a power cut may undo it. The relay's bookkeeping (leases, "delivered",
        dead-letter marks) is safe to lose that way — the record is simply sent again and the
        server answers ``duplicate`` or ``rejected`` again — so it does not pay an fsync per
        batch, and holds the lock a flow's enqueue may be waiting for for less time.
        """
        with self._lock:
            try:
                if not durable:
                    self._conn.execute("PRAGMA synchronous=NORMAL")
                try:
                    self._conn.execute("BEGIN IMMEDIATE")
                    try:
                        result = fn(self._conn)
                        self._conn.execute("COMMIT")
                    except BaseException:
                        with contextlib.suppress(sqlite3.Error):
                            self._conn.execute("ROLLBACK")
                        raise
                finally:
                    if not durable:
                        self._conn.execute("PRAGMA synchronous=FULL")
            except (sqlite3.Error, OSError) as exc:
                raise translate(exc, self.path) from exc
            return result

    def lease(self, limit: int, lease_s: float, now: float | None = None) -> list[Leased]:
        """Take up to ``limit`` ready records for sending, oldest first.

        A record marked ``solo`` (its batch was refused as a whole) goes alone, so one bad
        record cannot hold back the good ones.
        """
        t = time.time() if now is None else now

        def do(conn: sqlite3.Connection) -> list[Leased]:
            rows = conn.execute(
                "SELECT id, key, type, body, attempts, solo FROM outbox "
                "WHERE state = 'pending' AND lease_until <= ? AND not_before <= ? "
                "ORDER BY id LIMIT ?",
                (t, t, limit),
            ).fetchall()
            if not rows:
                return []
            if rows[0][5]:
                rows = rows[:1]
            else:
                cut = next((i for i, r in enumerate(rows) if r[5]), len(rows))
                rows = rows[:cut]
            ids = [r[0] for r in rows]
            marks = ",".join("?" * len(ids))
            conn.execute(
                f"UPDATE outbox SET lease_until = ?, attempts = attempts + 1 "  # noqa: S608
                f"WHERE id IN ({marks})",
                (t + lease_s, *ids),
            )
            blobs: dict[int, list[str]] = {}
            for eid, sha in conn.execute(
                f"SELECT event_id, sha256 FROM event_blobs WHERE event_id IN ({marks})",  # noqa: S608
                ids,
            ):
                blobs.setdefault(eid, []).append(sha)
            return [
                Leased(r[1], r[2], r[3], tuple(blobs.get(r[0], ())), r[4] + 1, bool(r[5]))
                for r in rows
            ]

        result: list[Leased] = self._write(do, durable=False)
        return result

    def pending_blobs(self, hashes: Iterable[str]) -> list[str]:
        """Of these blobs, the ones the server has not confirmed yet."""
        hs = list(dict.fromkeys(hashes))
        if not hs:
            return []
        marks = ",".join("?" * len(hs))
        with self._lock:
            done = {
                r[0]
                for r in self._conn.execute(
                    f"SELECT sha256 FROM blobs WHERE uploaded = 1 AND sha256 IN ({marks})",  # noqa: S608
                    hs,
                )
            }
        return [h for h in hs if h not in done]

    def mark_blob_uploaded(self, sha256: str) -> None:
        self._write(
            lambda c: c.execute("UPDATE blobs SET uploaded = 1 WHERE sha256 = ?", (sha256,)),
            durable=False,
        )

    def delivered(self, keys: Iterable[str], now: float | None = None) -> None:
        """The server holds these records: forget them and any blob nobody needs any more."""
        ks = list(keys)
        t = time.time() if now is None else now

        def do(conn: sqlite3.Connection) -> list[str]:
            conn.executemany("DELETE FROM outbox WHERE key = ?", [(k,) for k in ks])
            conn.execute(
                "INSERT INTO meta (k, v) VALUES ('last_success', ?) "
                "ON CONFLICT (k) DO UPDATE SET v = excluded.v",
                (repr(t),),
            )
            return self._drop_unreferenced_blobs(conn)

        # Blob files are deleted right after the commit, so that commit must be on disk first:
        # a power cut must not bring back a record whose scan is gone.
        with self._lock:
            marks = ",".join("?" * len(ks))
            sql = (  # only "?" marks are formatted in
                "SELECT 1 FROM event_blobs JOIN outbox ON outbox.id = event_blobs.event_id "  # noqa: S608
                "WHERE outbox.key IN (" + marks + ") LIMIT 1"
            )
            with_blobs = self._conn.execute(sql, ks).fetchone()
        self._unlink_blobs(self._write(do, durable=with_blobs is not None))
        self._truncate_wal()

    def _truncate_wal(self) -> None:
        """Move the log into the database and cut it to zero bytes: the frames that held the
        delivered records are gone from the log (``secure_delete`` zeroed them in the pages)."""
        with self._lock:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:  # a reader holds the log; the next delivery retries
                log.warning("outbox log not truncated", extra={"reason": str(exc)})

    def _drop_unreferenced_blobs(self, conn: sqlite3.Connection) -> list[str]:
        gone = [
            r[0]
            for r in conn.execute(
                "SELECT sha256 FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM event_blobs)"
            )
        ]
        conn.executemany("DELETE FROM blobs WHERE sha256 = ?", [(h,) for h in gone])
        return gone

    def _unlink_blobs(self, hashes: Iterable[str]) -> None:
        for h in hashes:
            self.blob_path(h).unlink(missing_ok=True)

    def release(
        self, keys: Iterable[str], *, not_before: float = 0.0, solo: bool | None = None
    ) -> None:
        """Give leased records back to the queue (to retry, no earlier than ``not_before``)."""
        rows = [(not_before, k) for k in keys]
        if solo is None:
            sql = "UPDATE outbox SET lease_until = 0, not_before = ? WHERE key = ?"
            self._write(lambda c: c.executemany(sql, rows), durable=False)
        else:
            sql = "UPDATE outbox SET lease_until = 0, not_before = ?, solo = ? WHERE key = ?"
            flag = int(solo)
            self._write(
                lambda c: c.executemany(sql, [(nb, flag, k) for nb, k in rows]), durable=False
            )

    def release_all_leases(self) -> int:
        """At relay start: leases of a relay that died are void (one relay per outbox)."""
        n: int = self._write(
            lambda c: c.execute("UPDATE outbox SET lease_until = 0 WHERE lease_until > 0").rowcount,
            durable=False,
        )
        return n

    def dead_letter(self, key: str, reason: str, now: float | None = None) -> None:
        t = time.time() if now is None else now
        self._write(
            lambda c: c.execute(
                "UPDATE outbox SET state = 'dead', reason = ?, dead_at = ?, lease_until = 0 "
                "WHERE key = ?",
                (reason[:500], t, key),
            ),
            durable=False,
        )

    # technician panel ---------------------------------------------------------------------
    def dead_letters(self) -> list[DeadLetter]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT key, type, reason, created_at, dead_at, attempts FROM outbox "
                "WHERE state = 'dead' ORDER BY id"
            ).fetchall()
        return [DeadLetter(r[0], r[1], r[2] or "", r[3], r[4] or 0.0, r[5]) for r in rows]

    def retry_dead(self, key: str | None = None) -> int:
        """Put one dead letter (or all, with no key) back in the queue, sent alone."""
        sql = (
            "UPDATE outbox SET state = 'pending', reason = NULL, dead_at = NULL, attempts = 0, "
            "not_before = 0, lease_until = 0, solo = 1 WHERE state = 'dead'"
        )
        if key is None:
            n: int = self._write(lambda c: c.execute(sql).rowcount)
        else:
            n = self._write(lambda c: c.execute(sql + " AND key = ?", (key,)).rowcount)
        return n

    def discard_dead(self, key: str | None = None) -> int:
        """Delete one dead letter (or all) for good, with blobs only it referenced."""

        def do(conn: sqlite3.Connection) -> tuple[int, list[str]]:
            if key is None:
                n = conn.execute("DELETE FROM outbox WHERE state = 'dead'").rowcount
            else:
                n = conn.execute(
                    "DELETE FROM outbox WHERE state = 'dead' AND key = ?", (key,)
                ).rowcount
            return n, self._drop_unreferenced_blobs(conn)

        n, gone = self._write(do)
        self._unlink_blobs(gone)
        self._truncate_wal()
        if n:
            log.warning("dead letters discarded by technician", extra={"count": n})
        return int(n)

    def stats(self, now: float | None = None) -> OutboxStats:
        t = time.time() if now is None else now
        try:
            with self._lock:
                depth, oldest = self._conn.execute(
                    "SELECT count(*), min(created_at) FROM outbox WHERE state = 'pending'"
                ).fetchone()
                (dead,) = self._conn.execute(
                    "SELECT count(*) FROM outbox WHERE state = 'dead'"
                ).fetchone()
                row = self._conn.execute("SELECT v FROM meta WHERE k = 'last_success'").fetchone()
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        return OutboxStats(
            depth=int(depth),
            dead=int(dead),
            oldest_pending_age_s=None if oldest is None else max(0.0, t - float(oldest)),
            last_success_at=None if row is None else float(row[0]),
        )

    def depth(self) -> int:
        return self.stats().depth


__all__ = [
    "DeadLetter",
    "Enqueued",
    "Leased",
    "Outbox",
    "OutboxStats",
    "Transaction",
]
