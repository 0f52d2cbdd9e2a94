"""Typed storage errors of the outbox, each with a plain message a technician can act on.

The relay and the flows must tell "the disk is full" from "another program holds the database"
from "the file is damaged": each needs a different fix at the terminal, and none of them may
lose what was already committed. They are raised by ``kiosk_app.sync.outbox`` behind the flows'
``OutboxPort`` and caught by the flows, so they live here, below both (the layers run
ui → services → sync → core → contract). Network failures are not exceptions: the relay
retries them and the online calls return typed results (``contract.results``).
"""

from __future__ import annotations

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
