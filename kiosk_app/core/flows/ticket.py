"""现场取号: a walk-in queue ticket for a service category (or one catalog item).

choose → working → done | problem. The ticket is issued online (the hall's queue lives in the
central service); one idempotency key per choice, so "try again" never draws a second number.
Each ticket is also recorded in the outbox (``ticket.issued``, nothing personal in it).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from contract.keys import new_key
from contract.results import Ok
from contract.wire import Ticket
from devices.printer.model import Receipt
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.checkin import ticket_receipt
from kiosk_app.core.flows.ports import CitizenApi, OutboxPort, Outcome, Problem, failed
from kiosk_app.core.session import Session

log = logging.getLogger(__name__)


class TicketState(StrEnum):
    CHOOSE = "choose"
    WORKING = "working"
    DONE = "done"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Choice:
    category: str | None = None
    item_id: str | None = None
    label: str = ""


def categories(catalog: Mapping[str, Any] | None, limit: int = 12) -> list[str]:
    """The categories to offer as big buttons: the ones with most items first."""
    items = catalog.get("items") if catalog else None
    counts: Counter[str] = Counter()
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get("category"), str):
            counts[item["category"]] += 1
    return [c for c, _ in counts.most_common(limit)]


class TicketFlow:
    def __init__(self, api: CitizenApi, outbox: OutboxPort | None, session: Session) -> None:
        self.api = api
        self.outbox = outbox
        self.session = session
        self.state = TicketState.CHOOSE
        self.choice: Choice | None = None
        self.outcome: Outcome[Ticket] | None = None
        self.problem: Problem | None = None
        self._key = new_key()

    def choose(self, choice: Choice) -> None:
        if choice != self.choice:
            self._key = new_key()
        self.choice = choice
        self.state = TicketState.WORKING
        self.problem = None

    def run(self) -> Outcome[Ticket]:
        """Draw the ticket; blocking, changes no state."""
        c = self.choice
        if c is None:
            return Outcome(problem=Problem.MISSING)
        if c.item_id is not None:
            r = self.api.issue_ticket(item_id=c.item_id, key=self._key)
        else:
            r = self.api.issue_ticket(category=c.category, key=self._key)
        if isinstance(r, Ok):
            t = r.value
            if self.outbox is not None:
                try:
                    self.outbox.enqueue(
                        "ticket.issued",
                        {
                            "number": t.number,
                            "category": c.category,
                            "item_id": c.item_id,
                            "service": t.service,
                            "window": t.window,
                        },
                    )
                except OutboxError:
                    log.exception("ticket record not stored")
            return Outcome(t)
        return failed(r)

    @property
    def ticket(self) -> Ticket | None:
        return self.outcome.value if self.outcome else None

    def apply(self, outcome: Outcome[Ticket]) -> None:
        self.outcome = outcome
        if outcome.value is not None:
            self.state = TicketState.DONE
            self.problem = None
            self.session.put("ticket.number", outcome.value.number)
        else:
            self.state = TicketState.PROBLEM
            self.problem = outcome.problem

    def receipt(self, org: str | None = None, english: bool = False) -> Receipt:
        assert self.ticket is not None
        return ticket_receipt(self.ticket, org, english)

    def restart(self) -> None:
        self.state = TicketState.CHOOSE
        self.choice = None
        self.outcome = None
        self.problem = None
        self._key = new_key()
