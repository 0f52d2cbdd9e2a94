"""Technician PIN: scrypt-hashed, with a lockout that survives a restart and escalates.

The lockout state is kept on disk so that pulling the power cord does not buy an attacker five
fresh guesses. Wrong PINs are counted until a right one, not per lockout: every ``max_attempts``
wrong ones lock the pad for twice as long as the time before (15 min, 30 min, 1 h … up to a
day), so a 4-digit PIN is no longer ~480 guesses a day forever but a few dozen in all. Each
lockout is reported (``on_lockout``; the kiosk sends it to the central service as a
``pin.locked`` event, an alert the fleet console shows).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_N, _R, _P = 2**14, 8, 1


# hashlib and hmac are imported where a PIN is checked: the kiosk's start-up never needs them


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    import hashlib

    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    import hashlib
    import hmac

    try:
        scheme, n, r, p, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64)
        want = base64.b64decode(hash_b64)
        got = hashlib.scrypt(pin.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(want))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, want)


MAX_LOCKOUT_S = 24 * 3600.0


@dataclass(frozen=True)
class PinResult:
    ok: bool
    locked_for_s: float = 0.0  # > 0 while the pad is locked
    attempts_left: int = 0


@dataclass(frozen=True)
class PinLockout:
    """A lockout as it is reported: how many wrong PINs in a row, and for how long."""

    failures: int
    locked_for_s: float


class PinGuard:
    """Checks PINs, counts wrong ones until a right one, and locks for ``lockout_s`` after every
    ``max_attempts`` of them, doubling each time up to a day."""

    def __init__(
        self,
        pin_hash: str,
        state_file: Path,
        max_attempts: int = 5,
        lockout_s: float = 900,
        clock: Callable[[], float] = time.time,
        on_lockout: Callable[[PinLockout], None] | None = None,
    ) -> None:
        self._hash = pin_hash
        self._state_file = state_file
        self._max = max_attempts
        self._lockout_s = lockout_s
        self._clock = clock
        self.on_lockout = on_lockout  # set by the services once the outbox exists
        self._failures, self._locked_until = self._load()

    def _load(self) -> tuple[int, float]:
        try:
            data = json.loads(self._state_file.read_text())
            failures, until = int(data["failures"]), float(data["locked_until"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0
        if failures < 0 or until != until:  # a state file edited to NaN buys nothing
            return 0, 0.0
        return failures, until

    def _save(self) -> None:
        tmp = self._state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"failures": self._failures, "locked_until": self._locked_until}))
        tmp.replace(self._state_file)

    def _lock_for(self) -> float:
        """The lockout earned by the current run of wrong PINs: doubled per earlier lockout."""
        earlier = self._failures // self._max - 1
        return float(min(MAX_LOCKOUT_S, self._lockout_s * 2 ** min(earlier, 32)))

    def locked_for(self) -> float:
        return max(0.0, self._locked_until - self._clock())

    def attempt(self, pin: str) -> PinResult:
        remaining = self.locked_for()
        if remaining > 0:
            return PinResult(False, locked_for_s=remaining)
        if verify_pin(pin, self._hash):
            self._failures, self._locked_until = 0, 0.0
            self._save()
            return PinResult(True, attempts_left=self._max)
        self._failures += 1
        if self._failures % self._max == 0:
            lock = self._lock_for()
            self._locked_until = self._clock() + lock
            self._save()
            if self.on_lockout is not None:
                try:
                    self.on_lockout(PinLockout(self._failures, lock))
                except Exception:  # a report that cannot be stored must not unlock the pad
                    logging.getLogger(__name__).exception("PIN lockout not reported")
            return PinResult(False, locked_for_s=lock)
        self._save()
        return PinResult(False, attempts_left=self._max - self._failures % self._max)
