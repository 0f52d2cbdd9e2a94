"""预约办: appointment check-in by the provincial app's QR or by phone + 6-digit code.

enter → (scan or type) → working → done (a queue ticket) | problem → enter again.
``run`` looks the appointment up and checks it in with one idempotency key per citizen action,
so "try again" after a lost answer gives back the first ticket, never a second one; the check-in
is also recorded in the outbox (``checkin.done``, no personal data in it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from contract.keys import new_key
from contract.results import Ok
from contract.wire import Appointment, Ticket
from devices.printer.model import Receipt
from devices.printer.templates import queue_ticket
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.ports import CitizenApi, OutboxPort, Outcome, Problem, failed
from kiosk_app.core.masking import mask_name, mask_phone
from kiosk_app.core.payloads import Appointment as ScannedAppointment
from kiosk_app.core.payloads import (
    TypedAppointment,
    Unknown,
    parse_payload,
    parse_typed_appointment,
)
from kiosk_app.core.session import Session

log = logging.getLogger(__name__)


class CheckinState(StrEnum):
    ENTER = "enter"
    WORKING = "working"
    DONE = "done"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Request:
    """What the citizen presented; repr is masked (phone, code6 are personal)."""

    code: str | None = None
    phone: str | None = field(default=None, repr=False)
    code6: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class CheckIn:
    """What ``run`` found: the appointment, and its ticket once checked in. With a problem
    (``Outcome.problem``), ``Outcome.detail`` names the other centre (OTHER_SITE) or the ticket
    given at the first check-in (ALREADY_DONE)."""

    appointment: Appointment
    ticket: Ticket | None = None


def parse_ticket_time(text: str) -> datetime:
    """The service's ISO time as the terminal's local time (for the slip); now if unreadable."""
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime.now().astimezone()
    return t.astimezone() if t.tzinfo else t


def ticket_receipt(t: Ticket, org: str | None = None, english: bool = False) -> Receipt:
    """The queue-ticket slip for a ticket the service issued (check-in and walk-in alike)."""
    return queue_ticket(
        t.number,
        t.service,
        t.window,
        t.waiting,
        t.follow_url,
        parse_ticket_time(t.issued_at),
        org=org,
        english=english,
    )


class CheckinFlow:
    def __init__(
        self, api: CitizenApi, outbox: OutboxPort | None, session: Session, site: str = ""
    ) -> None:
        self.api = api
        self.outbox = outbox
        self.session = session
        self.site = site
        self.state = CheckinState.ENTER
        self.request: Request | None = None
        self.outcome: Outcome[CheckIn] | None = None
        self.problem: Problem | None = None
        self._key = new_key()

    # input (GUI thread) -------------------------------------------------------------------
    def scanned(self, raw: object) -> Problem | None:
        """A scanned code; None when it is an appointment code and ``run`` may start."""
        parsed = parse_payload(raw)
        if isinstance(parsed, ScannedAppointment):
            self._accept(Request(code=parsed.code))
            return None
        if isinstance(parsed, Unknown):
            return self._reject(Problem.NOT_A_CODE)
        return self._reject(Problem.WRONG_KIND)

    def typed(self, phone: str, code6: str) -> Problem | None:
        parsed = parse_typed_appointment(phone, code6)
        if isinstance(parsed, TypedAppointment):
            self._accept(Request(phone=parsed.phone, code6=parsed.code6))
            return None
        return self._reject(
            Problem.BAD_PHONE if parsed.reason == "bad_phone" else Problem.BAD_CODE6
        )

    def _accept(self, request: Request) -> None:
        if request != self.request:
            self._key = new_key()  # a new action; a retry of the same one keeps its key
        self.request = request
        self.state = CheckinState.WORKING
        self.problem = None
        if request.phone:
            self.session.put("checkin.request", request, personal=(request.phone,))

    def _reject(self, problem: Problem) -> Problem:
        self.state = CheckinState.PROBLEM
        self.problem = problem
        return problem

    # the call (worker thread) -------------------------------------------------------------
    def run(self) -> Outcome[CheckIn]:
        """Look up and check in; blocking, changes no state (hand the outcome to ``apply``)."""
        req = self.request
        if req is None:
            return Outcome(problem=Problem.MISSING)
        if req.code is not None:
            found = self.api.lookup_appointment(req.code)
        else:
            found = self.api.lookup_appointment(phone=req.phone, code6=req.code6)
        if not isinstance(found, Ok):
            return failed(found, refused=Problem.OTHER_SITE)
        appt = found.value
        if appt.status == "checked_in":
            # Perhaps by this very action, its answer lost on the way: the same key makes the
            # service answer again with that ticket; anyone else's check-in is a Conflict.
            replay = self.api.check_in(appt.code, key=self._key)
            if not isinstance(replay, Ok):
                return Outcome(CheckIn(appt), Problem.ALREADY_DONE, appt.ticket_number or "")
            return self._done(appt, replay.value)
        if appt.status == "expired":
            return Outcome(CheckIn(appt), Problem.EXPIRED)
        if self.site and appt.site and appt.site != self.site:
            return Outcome(CheckIn(appt), Problem.OTHER_SITE, appt.site_name)
        done = self.api.check_in(appt.code, key=self._key)
        if not isinstance(done, Ok):
            f = failed(done, refused=Problem.OTHER_SITE)
            detail = f.detail or (appt.site_name if f.problem is Problem.OTHER_SITE else "")
            return Outcome(CheckIn(appt), f.problem, detail)
        return self._done(appt, done.value)

    def _done(self, appt: Appointment, ticket: Ticket) -> Outcome[CheckIn]:
        if self.outbox is not None:
            try:
                self.outbox.enqueue(
                    "checkin.done",
                    {
                        "code": appt.code,
                        "item_id": appt.item_id,
                        "service": appt.service,
                        "ticket": ticket.number,
                        "window": ticket.window,
                    },
                )
            except OutboxError:  # the check-in itself is done online; the record is a copy
                log.exception("check-in record not stored")
        return Outcome(CheckIn(appt, ticket))

    # result (GUI thread) ------------------------------------------------------------------
    def apply(self, outcome: Outcome[CheckIn]) -> None:
        self.outcome = outcome
        if (a := self.appointment) is not None:
            self.session.put("checkin.appointment", a, personal=(a.name,))
        if (t := self.ticket) is not None:
            self.state = CheckinState.DONE
            self.problem = None
            self.session.put("checkin.ticket", t.number)
        else:
            self.state = CheckinState.PROBLEM
            self.problem = outcome.problem

    def fail_offline(self) -> None:
        """The call itself crashed (a bug, not the network): say "not now", lose nothing."""
        self.apply(Outcome(problem=Problem.OFFLINE))

    @property
    def appointment(self) -> Appointment | None:
        value = self.outcome.value if self.outcome else None
        return value.appointment if value else None

    @property
    def ticket(self) -> Ticket | None:
        value = self.outcome.value if self.outcome else None
        return value.ticket if value else None

    def masked_name(self) -> str:
        a = self.appointment
        return mask_name(a.name) if a else ""

    def masked_phone(self) -> str:
        return mask_phone(self.request.phone) if self.request and self.request.phone else ""

    def receipt(self, org: str | None = None, english: bool = False) -> Receipt:
        assert self.ticket is not None
        return ticket_receipt(self.ticket, org, english)

    def restart(self) -> None:
        """Back to "scan or type" for the next attempt; what the last one learnt is dropped."""
        self.state = CheckinState.ENTER
        self.request = None
        self.outcome = None
        self.problem = None
        self._key = new_key()
        for key in ("checkin.request", "checkin.appointment", "checkin.ticket"):
            self.session.pop(key)
