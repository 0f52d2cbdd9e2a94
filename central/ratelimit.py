"""Rate limits and lockouts for every lookup that takes a guessable secret.

An appointment is found by a phone number and a 6-digit code, a work order by its number (and the
last digits of the phone on record), licences by an authorisation token. Each failed try counts
against every *subject* of the request — the terminal that asked, and the phone or number it
asked about — so neither one terminal trying many phones nor many terminals trying one phone gets
far. A subject gets a few free failures (``RateLimits``); each further one locks it for twice as
long as the last, up to a day. A locked subject answers HTTP 429 with ``Retry-After`` before any
lookup is made, and every lock is written to the ``alerts`` table the fleet console shows (and
logged with the subject masked): a terminal that starts guessing is seen, not only slowed.

Subjects other than terminals are stored as keyed hashes (``central.keyring``), never as the
phone or number itself. The state is in the database, so a restart does not hand out fresh tries.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import HTTPException

from central.db import Database
from central.keyring import Keyring
from central.settings import RateLimits

log = logging.getLogger("central")

TERMINAL_RESET_S = 3600.0  # a terminal's count starts afresh an hour after its last failure


@dataclass(frozen=True)
class Subject:
    key: str  # stored: "terminal:<id>:<kind>" or "<kind>:<keyed hash>"
    label: str  # for alerts and logs: masked, never the value
    free: int
    reset_s: float
    per_terminal: bool  # a terminal's count is not cleared by a success


class Limiter:
    def __init__(
        self,
        db: Database,
        limits: RateLimits,
        keys: Keyring,
        clock: Callable[[], datetime],
    ) -> None:
        self.db = db
        self.limits = limits
        self.keys = keys
        self.clock = clock

    # subjects ----------------------------------------------------------------------------
    def terminal(self, terminal_id: str, kind: str) -> Subject:
        return Subject(
            f"terminal:{terminal_id}:{kind}",
            f"terminal {terminal_id} ({kind})",
            self.limits.terminal_free,
            min(TERMINAL_RESET_S, self.limits.reset_s),
            True,
        )

    def secret(self, kind: str, value: str, label: str) -> Subject:
        """A phone, a number, a token: kept only as a keyed hash."""
        digest = self.keys.hash(value, "ratelimit:" + kind)[:40]
        return Subject(f"{kind}:{digest}", label, self.limits.free, self.limits.reset_s, False)

    # checks ------------------------------------------------------------------------------
    def _now(self) -> float:
        return self.clock().astimezone(UTC).timestamp()

    def guard(self, subjects: Sequence[Subject]) -> None:
        """429 with Retry-After when any subject is locked; call before the lookup."""
        if not self.limits.enabled:
            return
        now = self._now()
        marks = ",".join("?" * len(subjects))
        row = self.db.one(
            f"SELECT max(locked_until) AS until FROM attempts WHERE subject IN ({marks})",  # noqa: S608
            tuple(s.key for s in subjects),
        )
        until = float(row["until"]) if row is not None and row["until"] is not None else 0.0
        if until > now:
            wait = max(1, math.ceil(until - now))
            raise HTTPException(
                429,
                f"too many failed tries: try again in {wait} s, or ask at the service desk",
                headers={"Retry-After": str(wait)},
            )

    def failed(self, terminal_id: str, subjects: Sequence[Subject]) -> None:
        """Count a failed try against each subject; lock (and alert) past its free tries."""
        if not self.limits.enabled:
            return
        now = self._now()
        with self.db.write() as conn:
            for s in subjects:
                row = conn.execute(
                    "SELECT failures, last_failure_at FROM attempts WHERE subject=?", (s.key,)
                ).fetchone()
                failures = (
                    0
                    if row is None or now - row["last_failure_at"] > s.reset_s
                    else (int(row["failures"]))
                )
                failures += 1
                locked_until = 0.0
                if failures >= s.free:
                    lock = min(self.limits.cap_s, self.limits.base_s * 2 ** (failures - s.free))
                    locked_until = now + lock
                    detail = f"{s.label}: {failures} failed tries, locked for {math.ceil(lock)} s"
                    conn.execute(
                        "INSERT INTO alerts (at, terminal_id, kind, detail) VALUES (?,?,?,?)",
                        (self.clock().astimezone(UTC).isoformat(), terminal_id,
                         "lookup.locked", detail),
                    )  # fmt: skip
                    log.warning("lookup locked: %s (terminal %s)", detail, terminal_id)
                conn.execute(
                    "INSERT INTO attempts (subject, failures, last_failure_at, locked_until)"
                    " VALUES (?,?,?,?) ON CONFLICT(subject) DO UPDATE SET"
                    " failures=excluded.failures, last_failure_at=excluded.last_failure_at,"
                    " locked_until=excluded.locked_until",
                    (s.key, failures, now, locked_until),
                )

    def succeeded(self, subjects: Sequence[Subject]) -> None:
        """The secret was right: its subject starts afresh (a terminal's count does not)."""
        if not self.limits.enabled:
            return
        keys = [(s.key,) for s in subjects if not s.per_terminal]
        if keys:
            with self.db.write() as conn:
                conn.executemany("DELETE FROM attempts WHERE subject=?", keys)
