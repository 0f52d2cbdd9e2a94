"""Typed storage errors of the outbox, each with a plain message a technician can act on.

The relay and the flows must tell "the disk is full" from "another program holds the database"
from "the file is damaged": each needs a different fix at the terminal, and none of them may
lose what was already committed. Network failures are not exceptions here: the relay retries
them and the online calls return typed results (see ``results``).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class OutboxError(Exception):
    """Anything that stops the outbox from storing or reading records."""


class OutboxFullError(OutboxError):
    """No space left: the record was not stored (the caller's transaction was rolled back)."""


class OutboxLockedError(OutboxError):
    """Another process holds the database for longer than the busy timeout."""


class OutboxCorruptError(OutboxError):
    """The database file is damaged; it was moved aside (never deleted) so records can be
    recovered by hand, and a fresh outbox is created on the next open."""

    def __init__(self, message: str, moved_to: Path | None = None) -> None:
        super().__init__(message)
        self.moved_to = moved_to


class PayloadError(ValueError):
    """A record the outbox refuses (unknown type, not JSON, too large); nothing was stored."""


_FULL = {sqlite3.SQLITE_FULL}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def translate(exc: BaseException, path: Path) -> OutboxError:
    """Map a low-level sqlite3/OS error to the typed error with a message in plain words."""
    if isinstance(exc, OutboxError):
        return exc
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        text = str(exc).lower()
        if primary in _FULL or "disk is full" in text:
            return OutboxFullError(
                f"the disk holding the outbox ({path}) is full: the record was not saved; "
                "free space on the terminal and try again"
            )
        if primary in _BUSY or "locked" in text:
            return OutboxLockedError(
                f"the outbox database ({path}) is in use by another program; "
                "close it (or restart the terminal) and try again"
            )
        if primary in _CORRUPT or "malformed" in text or "not a database" in text:
            return OutboxCorruptError(
                f"the outbox database ({path}) is damaged; restart the terminal to move it "
                "aside and start a fresh one"
            )
        return OutboxError(f"the outbox database ({path}) failed: {exc}")
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return OutboxFullError(
                f"the disk holding the outbox ({path}) is full: the record was not saved; "
                "free space on the terminal and try again"
            )
        return OutboxError(f"the outbox folder ({path}) cannot be written: {exc.strerror}")
    return OutboxError(f"the outbox ({path}) failed: {exc}")
