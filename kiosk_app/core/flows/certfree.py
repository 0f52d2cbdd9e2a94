"""免证办: the citizen's electronic licences instead of paper copies.

scan → working → licences (shown masked) → consent → done (attached to a case) | problem.
Redemption, expiry and what the screen may show are ``licences.LicenceRedemption``'s, shared
with desk intake. When the visit has identified the citizen (the identity step: the card on the
reader, the e-ID or the texted code), the authorisation must be that person's own: someone
else's licences are dropped at once, never shown (``wrong_holder``).

With consent, the chosen unexpired licences are attached to a case through the
outbox (``case.submitted``, ``licences.case_record``); without it nothing leaves the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from enum import StrEnum

from contract.codes import NumberKind, new_number
from contract.wire import Licences
from kiosk_app.core.citizen import same_person
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.identity import current_citizen
from kiosk_app.core.flows.licences import LicenceRedemption, ShownLicence, case_record
from kiosk_app.core.flows.ports import CitizenApi, OutboxPort, Outcome, Problem
from kiosk_app.core.session import Session

__all__ = ["CertfreeFlow", "CertfreeState", "Outcome", "ShownLicence"]


class CertfreeState(StrEnum):
    SCAN = "scan"
    WORKING = "working"
    CONSENT = "consent"
    DONE = "done"
    PROBLEM = "problem"


class CertfreeFlow:
    def __init__(
        self,
        api: CitizenApi,
        outbox: OutboxPort | None,
        session: Session,
        terminal_id: str,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.outbox = outbox
        self.session = session
        self.terminal_id = terminal_id
        self.clock = clock
        self.state = CertfreeState.SCAN
        self.problem: Problem | None = None
        self.detail = ""  # what the problem's wording names (minutes to wait)
        self.case_id: str | None = None
        self.wrong_holder = False  # the licences were not the identified citizen's
        self.licences = LicenceRedemption(api, session, "certfree.licences", clock)

    def scanned(self, raw: object) -> Problem | None:
        self.wrong_holder = False
        problem = self.licences.scanned(raw)
        if problem is None:
            self.state, self.problem = CertfreeState.WORKING, None
        else:
            self.state, self.problem = CertfreeState.PROBLEM, problem
        return problem

    def run(self) -> Outcome[Licences]:
        """Blocking: redeem the authorisation; changes no state."""
        return self.licences.redeem()

    def apply(self, outcome: Outcome[Licences]) -> None:
        problem = self.licences.apply(outcome)
        self.detail = outcome.detail
        if problem is not None:
            self.state, self.problem = CertfreeState.PROBLEM, problem
            return
        citizen = current_citizen(self.session)
        holder = self.licences.licences.holder.id_number if self.licences.licences else ""
        if citizen is not None and not same_person(citizen, holder):
            # the person identified at this terminal is not the authorisation's holder: their
            # licences are not this citizen's to see or attach (the authorisation is used up)
            self.licences.forget()
            self.wrong_holder = True
            self.state, self.problem = CertfreeState.PROBLEM, Problem.REFUSED
            return
        self.session.register_wiper("certfree.flow", self.forget)
        self.state, self.problem = CertfreeState.CONSENT, None

    def holder_masked(self) -> tuple[str, str]:
        return self.licences.holder_masked()

    def shown(self) -> list[ShownLicence]:
        return self.licences.shown()

    def attachable_kinds(self) -> list[str]:
        """The kinds the citizen may choose (the unexpired ones), in the service's order."""
        return [x.kind for x in self.licences.attachable()]

    def consent(self, kinds: Iterable[str], service: str = "", window: str = "") -> Problem | None:
        """Attach the chosen licences to a new case (outbox); None when stored.

        An expired licence is never attached, even when chosen; choosing nothing else is
        ``Problem.MISSING``.
        """
        if self.licences.licences is None or self.state is not CertfreeState.CONSENT:
            return Problem.MISSING
        chosen = set(kinds)
        attached = [x for x in self.licences.attachable() if x.kind in chosen]
        if not attached:
            return Problem.MISSING
        if self.outbox is None:
            return Problem.STORAGE
        case_id = new_number(NumberKind.CASE)
        record = case_record(
            case_id,
            channel="kiosk",
            service=service,
            submitted_at=self.clock(),
            licences=attached,
            holder=self.licences.licences,
            terminal_id=self.terminal_id,
            window=window,  # where the citizen is sent with the slip
        )
        try:
            self.outbox.enqueue("case.submitted", record)
        except OutboxError:
            return Problem.STORAGE
        self.case_id = case_id
        self.state = CertfreeState.DONE
        self.forget()
        return None

    def decline(self) -> None:
        """No consent: nothing leaves the terminal and the licences are dropped at once."""
        self.forget()
        self.state = CertfreeState.SCAN

    def forget(self) -> None:
        self.licences.forget()
