"""办件查询: any number the terminal handed out (queue ticket, case, 12345 work order, filed
document, utility application), scanned from its slip or typed however, and where it stands.

The number is read with ``contract.codes.parse_number`` (a wrong check digit is a typo, told at
once, never sent); the answer is the central service's ``Progress``, each step marked against its
deadline (``StageState``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from contract.codes import parse_number
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
        return Lookup(r.value, rows(r.value, now or datetime.now(UTC)))
    f = failed(r)
    return Lookup(problem=f.problem, detail=f.detail)
