"""好差评: one rating on the five national levels for a finished service.

The rating carries what it is about (case, service item, window, staff), the channel it came
from (the screen or the rating pad) and the time, and goes through the outbox as
``rating.submitted``. A flow accepts one rating: a second tap, or the pad repeating itself,
records nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.ports import OutboxPort, Problem

# 5 非常满意 … 1 非常不满意 (GB/T 39735 / the national 好差评 scale)
LEVELS: tuple[tuple[int, str], ...] = (
    (5, "非常满意"),
    (4, "满意"),
    (3, "基本满意"),
    (2, "不满意"),
    (1, "非常不满意"),
)
CHANNELS = ("kiosk", "pad", "desk")


class RatingState(StrEnum):
    ASK = "ask"
    DONE = "done"
    PROBLEM = "problem"


@dataclass(frozen=True)
class RatingContext:
    """What is being rated. Nothing personal: a case number, an item, a window, a staff id."""

    case_id: str | None = None
    item_id: str | None = None
    service: str = ""
    window: str | None = None
    staff_id: str | None = None


class RatingFlow:
    def __init__(
        self,
        outbox: OutboxPort | None,
        context: RatingContext | None = None,
        now: type[datetime] = datetime,
    ) -> None:
        self.outbox = outbox
        self.context = context or RatingContext()
        self.state = RatingState.ASK
        self.level: int | None = None
        self.key: str | None = None
        self.problem: Problem | None = None
        self._now = now

    def submit(self, level: int, channel: str = "kiosk") -> Problem | None:
        """Record the rating once; later calls are ignored (returns None)."""
        if self.state is RatingState.DONE:
            return None
        if level not in {lv for lv, _ in LEVELS}:
            raise ValueError(f"a rating level is 1..5, not {level!r}")
        if channel not in CHANNELS:
            raise ValueError(f"unknown rating channel {channel!r}")
        c = self.context
        payload = {
            "level": level,
            "case_id": c.case_id,
            "item_id": c.item_id,
            "service": c.service,
            "window": c.window,
            "staff_id": c.staff_id,
            "channel": channel,
            "rated_at": self._now.now(UTC).isoformat(timespec="seconds"),
        }
        if self.outbox is None:
            self.state, self.problem = RatingState.PROBLEM, Problem.STORAGE
            return self.problem
        try:
            self.key = self.outbox.enqueue("rating.submitted", payload).key
        except OutboxError:
            self.state, self.problem = RatingState.PROBLEM, Problem.STORAGE
            return self.problem
        self.level = level
        self.state = RatingState.DONE
        self.problem = None
        return None
