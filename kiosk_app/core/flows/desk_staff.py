"""Desk clerk sign-in: a badge QR (``ZWFW-GH:S0001``) or staff number + PIN.

Every case and rating a desk records carries the clerk's id, so nothing is taken in before a
clerk has signed in. The roster is the site config's ``[desk.staff.Sxxxx]`` tables; a PIN is
checked against its scrypt hash with the same lockout the technician PIN has, one guard per clerk
with its state on disk (pulling the plug does not buy fresh guesses). A wrong number and a wrong
PIN get the same answer, so the pad does not tell a stranger which staff numbers exist.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk_app.core.config import StaffMember
from kiosk_app.core.payloads import StaffBadge, Unknown, parse_payload
from kiosk_app.core.pin import PinGuard, PinLockout

_NUMBER = re.compile(r"S?(\d{4,8})")


class SignInProblem(StrEnum):
    NOT_A_BADGE = "not_a_badge"  # a code, but not a staff badge
    UNKNOWN_STAFF = "unknown_staff"  # a badge of someone not on this desk's roster
    NO_PIN = "no_pin"  # this clerk signs in by badge only
    WRONG = "wrong"  # staff number or PIN wrong (deliberately not saying which)
    LOCKED = "locked"  # too many wrong PINs
    MISSING = "missing"  # number or PIN left empty


@dataclass(frozen=True)
class Staff:
    id: str
    name: str


@dataclass(frozen=True)
class SignIn:
    staff: Staff | None = None
    problem: SignInProblem | None = None
    locked_for_s: float = 0.0
    attempts_left: int = 0


def normalise_staff_number(text: str) -> str | None:
    """``0001``, ``s0001``, full-width ``Ｓ０００１`` → ``S0001``; None for anything else."""
    t = unicodedata.normalize("NFKC", text).strip().upper()
    m = _NUMBER.fullmatch(t)
    return f"S{m[1]}" if m else None


class StaffSignIn:
    def __init__(
        self,
        roster: Mapping[str, StaffMember],
        state_dir: Path,
        *,
        max_attempts: int = 5,
        lockout_s: float = 900,
        clock: Callable[[], float] | None = None,
        on_lockout: Callable[[PinLockout, str], None] | None = None,
    ) -> None:
        self.on_lockout = on_lockout  # (lockout, staff id): reported as a fleet alert
        self.roster = dict(roster)
        self.state_dir = state_dir
        self.max_attempts = max_attempts
        self.lockout_s = lockout_s
        self._clock = clock
        self._guards: dict[str, PinGuard] = {}

    def _guard(self, staff_id: str, pin_hash: str) -> PinGuard:
        guard = self._guards.get(staff_id)
        if guard is None:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            kwargs = {"clock": self._clock} if self._clock is not None else {}
            guard = PinGuard(
                pin_hash,
                self.state_dir / f"staff-pin-{staff_id}.json",
                max_attempts=self.max_attempts,
                lockout_s=self.lockout_s,
                on_lockout=lambda lock: self._report(lock, staff_id),
                **kwargs,
            )
            self._guards[staff_id] = guard
        return guard

    def _report(self, lock: PinLockout, staff_id: str) -> None:
        if self.on_lockout is not None:
            self.on_lockout(lock, staff_id)

    def badge(self, raw: object) -> SignIn:
        """A scanned code; only a badge of a clerk on the roster signs in."""
        parsed = parse_payload(raw)
        if not isinstance(parsed, StaffBadge):
            return SignIn(problem=SignInProblem.NOT_A_BADGE)
        member = self.roster.get(parsed.staff_id)
        if member is None:
            return SignIn(problem=SignInProblem.UNKNOWN_STAFF)
        return SignIn(staff=Staff(parsed.staff_id, member.name))

    def pin(self, number: str, pin: str) -> SignIn:
        """Blocking (scrypt, ~50 ms): run it off the GUI thread."""
        if not number.strip() or not pin.strip():
            return SignIn(problem=SignInProblem.MISSING)
        staff_id = normalise_staff_number(number)
        member = self.roster.get(staff_id) if staff_id else None
        if staff_id is None or member is None:
            return SignIn(problem=SignInProblem.WRONG)
        if not member.pin_hash:
            return SignIn(problem=SignInProblem.NO_PIN)
        result = self._guard(staff_id, member.pin_hash).attempt(pin.strip())
        if result.ok:
            return SignIn(staff=Staff(staff_id, member.name))
        if result.locked_for_s > 0:
            return SignIn(problem=SignInProblem.LOCKED, locked_for_s=result.locked_for_s)
        return SignIn(problem=SignInProblem.WRONG, attempts_left=result.attempts_left)


def is_unknown_code(raw: object) -> bool:
    """True for input that is no code at all (the screen says "not readable", not "not a badge")."""
    return isinstance(parse_payload(raw), Unknown)
