"""Idle logic, kept free of Qt and of the wall clock so tests can drive it tick by tick.

Phases: ACTIVE (someone is using the terminal) → WARNING (a visible, spoken countdown with
"我还在 / I'm still here") → EXPIRED (the session is wiped). Any input during WARNING returns to
ACTIVE: no time pressure for somebody who is still there.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class IdlePhase(enum.Enum):
    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


@dataclass
class IdleTimer:
    timeout_s: float
    countdown_s: float
    last_activity: float = 0.0

    def touch(self, now: float) -> None:
        self.last_activity = now

    def phase(self, now: float) -> IdlePhase:
        idle = now - self.last_activity
        if idle < self.timeout_s:
            return IdlePhase.ACTIVE
        if idle < self.timeout_s + self.countdown_s:
            return IdlePhase.WARNING
        return IdlePhase.EXPIRED

    def seconds_left(self, now: float) -> int:
        """Whole seconds shown on the countdown (never negative)."""
        left = self.timeout_s + self.countdown_s - (now - self.last_activity)
        return max(0, int(left + 0.999))
