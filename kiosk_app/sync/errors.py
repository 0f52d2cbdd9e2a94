"""Map a low-level sqlite3/OS error of the outbox to its typed error (``kiosk_app.core.errors``)
with a message in plain words."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from kiosk_app.core.errors import (
    OutboxCorruptError,
    OutboxError,
    OutboxFullError,
    OutboxLockedError,
)

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
