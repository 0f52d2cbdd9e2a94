"""好差评: one rating on the five national levels for a finished service, one per case.

The rating carries what it is about (case, service item, window, staff), the channel it came
from (the screen or the rating pad) and the time, with the GB/T 39046 evaluation fields
(contract/ratings.py: ``eval_time`` YYYYMMDDhhmmss, ``channel_code``, satisfaction code = level,
rating count, text, division code), and goes through the outbox as ``rating.submitted``.

One rating per case (国办发〔2019〕51号: 一次服务、一次评价): before asking, the screen has the
flow ask the central service whether the case was rated (``check``, off the GUI thread) and
says so; whatever the terminal believed, the service counts only the first rating of a case.
A flow accepts one rating: a second tap, or the pad repeating itself, records nothing more.

A 差评 (不满意, 非常不满意) first asks for one or more reasons from the published list and an
optional text (``REASONS`` state), then records and promises a follow-up by a date
``followup_working_days`` working days away (weekends skipped; ``add_working_days``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Protocol

from contract.ratings import (
    BAD_LEVELS,
    CHANNEL_CODES,
    DEFAULT_FOLLOWUP_WORKING_DAYS,
    DEFAULT_REASONS,
    MAX_TEXT,
    RatingReasons,
    RatingStatus,
    Reason,
    add_working_days,
    eval_time,
)
from contract.ratings import LEVELS as LEVELS
from contract.results import Ok, Result
from contract.zone import CHINA_TIME
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.ports import OutboxPort, Problem

CHANNELS = tuple(CHANNEL_CODES)


class RatingState(StrEnum):
    ASK = "ask"
    REASONS = "reasons"  # a 差评: which reasons, any words
    DONE = "done"
    ALREADY = "already"  # the central service has a rating of this case
    PROBLEM = "problem"


class RatingApi(Protocol):
    """The online calls the rating needs (``OnlineApi`` has them)."""

    def rating_status(self, case_id: str) -> Result[RatingStatus]: ...

    def rating_reasons(self) -> Result[RatingReasons]: ...


@dataclass(frozen=True)
class Checked:
    """What the central service said before the rating: its reasons list, a rating of the case."""

    reasons: RatingReasons | None = None
    rated: RatingStatus | None = None


@dataclass(frozen=True)
class RatingContext:
    """What is being rated. Nothing personal: a case number, an item, a window, a staff id."""

    case_id: str | None = None
    item_id: str | None = None
    service: str = ""
    window: str | None = None
    staff_id: str | None = None


def build_payload(
    context: RatingContext,
    level: int,
    channel: str,
    at: datetime,
    *,
    reasons: Sequence[str] = (),
    text: str = "",
    division_code: str | None = None,
    count: int = 1,
) -> dict[str, Any]:
    """The ``rating.submitted`` payload (contract.ratings.EvaluationPayload) — pure, so a
    property test can throw anything at it. Reasons are kept in the order first picked, once
    each, and only for a 差评; the text is trimmed to the limit."""
    if level not in {lv for lv, _ in LEVELS}:
        raise ValueError(f"a rating level is 1..5, not {level!r}")
    if channel not in CHANNEL_CODES:
        raise ValueError(f"unknown rating channel {channel!r}")
    bad = level in BAD_LEVELS
    picked = list(dict.fromkeys(reasons)) if bad else []
    c = context
    return {
        "level": level,
        "case_id": c.case_id,
        "item_id": c.item_id,
        "service": c.service,
        "window": c.window,
        "staff_id": c.staff_id,
        "channel": channel,
        "channel_code": CHANNEL_CODES[channel],
        "rated_at": at.astimezone(UTC).isoformat(timespec="seconds"),
        "eval_time": eval_time(at),
        "count": count,
        "reasons": picked,
        "text": text.strip()[:MAX_TEXT] if bad else "",
        "division_code": division_code,
    }


class RatingFlow:
    def __init__(
        self,
        outbox: OutboxPort | None,
        context: RatingContext | None = None,
        now: type[datetime] = datetime,
        *,
        division_code: str | None = None,
        followup_working_days: int = DEFAULT_FOLLOWUP_WORKING_DAYS,
    ) -> None:
        self.outbox = outbox
        self.context = context or RatingContext()
        self.state = RatingState.ASK
        self.level: int | None = None
        self.channel = "kiosk"
        self.key: str | None = None
        self.problem: Problem | None = None
        self.division_code = division_code
        self.followup_working_days = followup_working_days
        self.reasons: tuple[Reason, ...] = DEFAULT_REASONS
        self.picked: tuple[str, ...] = ()
        self.deadline: date | None = None  # the follow-up promise of a recorded 差评
        self.rated_before: RatingStatus | None = None
        self._now = now

    # before asking -----------------------------------------------------------------------------
    def fetch(self, api: RatingApi) -> Checked:
        """Ask the central service whether this case was rated, and for the published reasons.

        Blocking and touching nothing of the flow: run it in the UI's task manager, then hand
        the answer to ``apply`` on the GUI thread. Offline or unanswered, the citizen rates
        anyway: the service still counts one per case."""
        published = api.rating_reasons()
        reasons = published.value if isinstance(published, Ok) else None
        case = self.context.case_id
        found = api.rating_status(case) if case else None
        rated = found.value if isinstance(found, Ok) and found.value.rated else None
        return Checked(reasons, rated)

    def apply(self, checked: Checked) -> RatingState:
        """What ``fetch`` found: the published reasons and window, and "already rated" — unless
        the citizen has rated meanwhile (their rating goes; the service decides)."""
        if checked.reasons is not None and checked.reasons.reasons:
            self.reasons = tuple(checked.reasons.reasons)
            self.followup_working_days = checked.reasons.followup_working_days
            known = {r.code for r in self.reasons}
            self.picked = tuple(c for c in self.picked if c in known)
        if checked.rated is not None and self.state is RatingState.ASK:
            self.rated_before = checked.rated
            self.level = checked.rated.level
            self.state = RatingState.ALREADY
        return self.state

    def check(self, api: RatingApi) -> RatingState:
        """``apply(fetch(api))`` in one go (tests, a caller already off the GUI thread)."""
        return self.apply(self.fetch(api))

    # the citizen ----------------------------------------------------------------------------
    def submit(
        self,
        level: int,
        channel: str = "kiosk",
        reasons: Sequence[str] | None = None,
        text: str = "",
    ) -> Problem | None:
        """Record the rating once; later calls are ignored (returns None).

        A 差评 without reasons (a tap on the screen, a pad without a screen) goes to the
        ``REASONS`` state instead; ``submit_reasons`` records it."""
        if self.state in (RatingState.DONE, RatingState.ALREADY):
            return None
        if level not in {lv for lv, _ in LEVELS}:
            raise ValueError(f"a rating level is 1..5, not {level!r}")
        if channel not in CHANNEL_CODES:
            raise ValueError(f"unknown rating channel {channel!r}")
        if level in BAD_LEVELS and not reasons:
            self.level, self.channel, self.picked = level, channel, ()
            self.state = RatingState.REASONS
            return None
        return self._record(level, channel, tuple(reasons or ()), text)

    def toggle(self, code: str) -> tuple[str, ...]:
        """Pick or unpick one reason (the order picked is kept)."""
        if code not in {r.code for r in self.reasons}:
            raise ValueError(f"unknown reason {code!r}")
        if code in self.picked:
            self.picked = tuple(c for c in self.picked if c != code)
        else:
            self.picked = (*self.picked, code)
        return self.picked

    def submit_reasons(self, text: str = "") -> Problem | None:
        """Record the 差评 with the picked reasons (at least one) and the citizen's words."""
        if self.state is not RatingState.REASONS or self.level is None:
            return None
        if not self.picked:
            self.problem = Problem.MISSING
            return self.problem
        return self._record(self.level, self.channel, self.picked, text)

    def back(self) -> None:
        """From the reasons back to the five levels (the citizen changed their mind)."""
        if self.state is RatingState.REASONS:
            self.state, self.level, self.picked = RatingState.ASK, None, ()

    def pad_reasons(self, pad_codes: Sequence[int]) -> tuple[str, ...]:
        """The reason codes for what a rating pad sent (its one-byte codes, PROTOCOL.md)."""
        by_pad = {r.pad_code: r.code for r in self.reasons}
        return tuple(dict.fromkeys(by_pad[c] for c in pad_codes if c in by_pad))

    def _record(
        self, level: int, channel: str, reasons: tuple[str, ...], text: str
    ) -> Problem | None:
        at = self._now.now(UTC)
        payload = build_payload(
            self.context,
            level,
            channel,
            at,
            reasons=reasons,
            text=text,
            division_code=self.division_code,
        )
        try:
            if self.outbox is None:
                raise OutboxError("this terminal has no outbox")
            self.key = self.outbox.enqueue("rating.submitted", payload).key
        except OutboxError:
            # a 差评 keeps its reasons on screen for "try again"; a tap goes back to the levels
            if self.state is not RatingState.REASONS:
                self.state = RatingState.PROBLEM
            self.problem = Problem.STORAGE
            return self.problem
        self.level, self.channel, self.picked = level, channel, tuple(payload["reasons"])
        if level in BAD_LEVELS:
            today = at.astimezone(CHINA_TIME).date()
            self.deadline = add_working_days(today, self.followup_working_days)
        self.state = RatingState.DONE
        self.problem = None
        return None
