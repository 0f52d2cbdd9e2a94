"""办件查询: any number the terminal handed out (queue ticket, case, 12345 work order, filed
document, utility application), scanned from its slip or typed however, and where it stands.

The number is read with ``contract.codes.parse_number`` (a wrong check digit is a typo, told at
once, never sent); the answer is the central service's ``Progress``, each step marked against its
deadline (``StageState``).

A 12345 request or a utility application is answered without more only where it was filed; asked
for elsewhere, the central says "not known here" and the citizen proves the phone it was filed
with (``lookup_with_phone``): the phone goes to the central in a request body only, and the flow
keeps no copy of it (the screen wipes its field on reset).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from contract.codes import PHONE, NumberKind, parse_number
from contract.results import Ok
from contract.wire import Progress
from kiosk_app.core.flows.ports import CitizenApi, Problem, failed
from kiosk_app.core.payloads import IssuedNumber, parse_payload


class StageState(StrEnum):
    DONE = "done"  # done in time
    LATE = "late"  # done after its deadline
    WAITING = "waiting"  # not yet, deadline not passed
    OVERDUE = "overdue"  # not yet, deadline passed


@dataclass(frozen=True)
class StageRow:
    stage: str
    deadline: datetime | None
    done_at: datetime | None
    state: StageState


@dataclass(frozen=True)
class Lookup:
    progress: Progress | None = None
    rows: tuple[StageRow, ...] = ()
    problem: Problem | None = None
    detail: str = ""  # what the problem's wording names (the minutes to wait)
    number: str = ""  # what was asked for (canonical)
    phone_asked: bool = False  # the answer came from proving the phone

    @property
    def can_prove_phone(self) -> bool:
        """ "Not known here" for a number the citizen can prove by the phone it was filed with."""
        return (
            self.problem is Problem.NOT_FOUND
            and not self.phone_asked
            and provable_by_phone(self.number)
        )

    @property
    def phone_mismatch(self) -> bool:
        """The phone was tried and did not match (told plainly: not which part was wrong)."""
        return self.phone_asked and self.problem is Problem.NOT_FOUND


def provable_by_phone(number: str) -> bool:
    """12345 work orders and utility applications carry the phone they were filed with."""
    n = parse_number(number)
    return n is not None and n.kind in (NumberKind.WORKORDER, NumberKind.APPLICATION)


def read_phone(text: str) -> str | None:
    """An 11-digit mobile number as typed (spaces and dashes allowed), or None."""
    digits = re.sub(r"[\s-]", "", text)
    return digits if re.fullmatch(PHONE, digits) else None


def read_number(text: str) -> str | None:
    """A typed or scanned number (a slip's QR may carry a URL or the bare number), canonical;
    None when it is not one of ours or its check digit is wrong."""
    parsed = parse_payload(text)
    if isinstance(parsed, IssuedNumber):
        return parsed.number
    n = parse_number(text)
    return n.value if n is not None else None


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def rows(progress: Progress, now: datetime) -> tuple[StageRow, ...]:
    """Each step marked against its deadline (a 12345 order's hotline tiers, a case's limit)."""
    out = []
    for s in progress.steps:
        deadline, done = _time(s.deadline), _time(s.done_at)
        if done is not None:
            state = StageState.LATE if deadline and done > deadline else StageState.DONE
        else:
            state = StageState.OVERDUE if deadline and now > deadline else StageState.WAITING
        out.append(StageRow(s.step, deadline, done, state))
    return tuple(out)


def lookup(api: CitizenApi, number: str, now: datetime | None = None) -> Lookup:
    """Blocking (a worker thread): the number's progress, or why not."""
    r = api.progress(number)
    if isinstance(r, Ok):
        return Lookup(r.value, rows(r.value, now or datetime.now(UTC)), number=number)
    f = failed(r)
    return Lookup(problem=f.problem, detail=f.detail, number=number)


def lookup_with_phone(
    api: CitizenApi, number: str, phone: str, now: datetime | None = None
) -> Lookup:
    """Blocking (a worker thread): a number filed elsewhere, for the citizen who gives the
    phone it was filed with. A wrong phone and an unknown number answer alike (NOT_FOUND)."""
    r = api.progress_with_phone(number, phone)
    if isinstance(r, Ok):
        return Lookup(r.value, rows(r.value, now or datetime.now(UTC)), number=number,
                      phone_asked=True)  # fmt: skip
    f = failed(r)
    return Lookup(problem=f.problem, detail=f.detail, number=number, phone_asked=True)
