"""Case intake at a five-ones desk: item → authorisation (licences) → paper pages → submit →
receipt → rating.

One case per citizen. The clerk (signed in; their id goes on the case and the rating) picks the
service item, scans the citizen's authorisation QR (the electronic licences come back, shown
masked) and/or photographs the paper materials, then submits: the case record and its PDF go
into the outbox in one transaction, so the case is sent exactly once, whatever the network does.
Submitting twice (a double tap, a retry after an error shown late) records one case.

The licences come through the same component as certificate-free's
(``licences.LicenceRedemption``: expired ones shown marked and never attached), and the case
record has the same shape (``licences.case_record``).

The citizen is named from their ID card on the reader (or the e-ID, or a typed number with a
texted code) through the identity step, not typed by the clerk: the session holds the
``Citizen`` (``identity.current_citizen``) and the case carries its name and number as the
applicant (``Citizen.for_submission``), with how they were verified.

What the citizen brought lives only in the session: licences are registered as personal (masked
in logs from then on) and wiped on reset; the PDF is written to the session's temp folder and
removed as soon as the outbox holds its own copy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from contract.codes import NumberKind, new_number
from contract.wire import Licence, Licences
from devices.printer.model import Receipt
from devices.printer.templates import submission_receipt
from kiosk_app.core.citizen import Citizen
from kiosk_app.core.errors import OutboxError, PayloadError
from kiosk_app.core.flows.desk_staff import Staff
from kiosk_app.core.flows.identity import current_citizen
from kiosk_app.core.flows.licences import LicenceRedemption, ShownLicence, case_record
from kiosk_app.core.flows.ports import CitizenApi, OutboxPort, Outcome, Problem
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.core.session import Session

SESSION_KEY = "desk.licences"


class CaseState(StrEnum):
    ITEM = "item"  # choose the service item
    INTAKE = "intake"  # authorisation and/or pages
    SUBMITTED = "submitted"  # in the outbox; receipt and rating follow


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    window: str = ""

    @classmethod
    def from_catalog(cls, item: Mapping[str, Any]) -> Item:
        return cls(str(item.get("id", "")), str(item.get("name", "")), str(item.get("window", "")))


@dataclass(frozen=True)
class Submitted:
    case_id: str
    key: str
    submitted_at: datetime
    pages: int


class DeskCase:
    def __init__(
        self,
        api: CitizenApi,
        outbox: OutboxPort | None,
        session: Session,
        terminal_id: str,
        window: str,
        staff: Staff,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.api = api
        self.outbox = outbox
        self.session = session
        self.terminal_id = terminal_id
        self.window = window
        self.staff = staff
        self.clock = clock
        self.state = CaseState.ITEM
        self.item: Item | None = None
        self.submitted: Submitted | None = None
        self.licences = LicenceRedemption(api, session, SESSION_KEY, clock)
        self._case_id = new_number(NumberKind.CASE)
        session.register_wiper("desk.case", self.forget)

    @property
    def case_id(self) -> str:
        return self._case_id

    # item -------------------------------------------------------------------------------------
    def choose(self, item: Item) -> Problem | None:
        if self.state is CaseState.SUBMITTED:
            return Problem.REFUSED
        if not item.id or not item.name:
            return Problem.MISSING
        self.item = item
        self.state = CaseState.INTAKE
        return None

    # authorisation ----------------------------------------------------------------------------
    def scanned(self, raw: object) -> Problem | None:
        """An authorisation QR from the scan gun (or typed); None when it is one to redeem."""
        return self.licences.scanned(raw)

    def redeem(self) -> Outcome[Licences]:
        """Blocking: fetch the licences for the last scanned authorisation; changes no state."""
        return self.licences.redeem()

    def apply(self, result: Outcome[Licences]) -> Problem | None:
        return self.licences.apply(result)

    @property
    def has_licences(self) -> bool:
        return self.licences.licences is not None

    def holder_masked(self) -> tuple[str, str]:
        return self.licences.holder_masked()

    def shown(self) -> list[ShownLicence]:
        return self.licences.shown()

    def attached(self) -> list[Licence]:
        """The licences that go with the case: the fetched ones that have not expired."""
        return self.licences.attachable()

    def drop_licences(self) -> None:
        """The citizen withdrew consent: the licences are not attached and are forgotten now."""
        self.licences.forget()

    # submit -----------------------------------------------------------------------------------
    def can_submit(self, pages: int) -> Problem | None:
        if self.item is None:
            return Problem.MISSING
        if pages == 0 and not self.attached():
            return Problem.MISSING  # nothing to take in (expired licences do not count)
        return None

    @property
    def citizen(self) -> Citizen | None:
        """The applicant the identity step found in this session (the desk's session is one
        citizen's: it ends at "next citizen")."""
        return current_citizen(self.session)

    def payload(self, pages: int, submitted_at: datetime) -> dict[str, Any]:
        assert self.item is not None
        body = case_record(
            self._case_id,
            channel="desk",
            service=self.item.name,
            submitted_at=submitted_at,
            licences=self.attached(),
            holder=self.licences.licences,
            terminal_id=self.terminal_id,
            item_id=self.item.id,
            window=self.window,
            staff_id=self.staff.id,
            pages=pages,
        )
        citizen = self.citizen
        if citizen is not None:  # named from the card (or e-ID, texted code), not typed
            named = citizen.for_submission("name", "id_number")
            body["applicant"] = {**named, "verified_by": citizen.source.value}
        return body

    def submit(self, pdf: Path | None, pages: int) -> Problem | None:
        """Case record and PDF into the outbox in one transaction; once per case.

        Blocking (copies the PDF into the outbox's store with an fsync). On success the PDF in
        the session folder is deleted: from now on only the outbox holds the pages.
        """
        if self.submitted is not None:
            return None
        problem = self.can_submit(pages)
        if problem is not None:
            return problem
        if self.outbox is None:
            return Problem.STORAGE
        if pdf is not None and not pdf.is_file():
            return Problem.MISSING
        now = self.clock()
        try:
            with self.outbox.transaction() as tx:
                rec = tx.enqueue(
                    "case.submitted", self.payload(pages, now), [pdf] if pdf is not None else []
                )
        except (OutboxError, PayloadError, OSError):
            return Problem.STORAGE
        self.submitted = Submitted(self._case_id, rec.key, now, pages)
        self.state = CaseState.SUBMITTED
        if pdf is not None:
            pdf.unlink(missing_ok=True)
        self.drop_licences()
        return None

    # after ------------------------------------------------------------------------------------
    def receipt(self, english: bool = False, org: str | None = None) -> Receipt:
        if self.submitted is None or self.item is None:
            raise ValueError("no receipt before the case is submitted")
        s = self.submitted
        return submission_receipt(
            s.case_id,
            self.item.name,
            s.pages,
            self.window or self.item.window,  # where it was received: this desk
            self.staff.id,
            s.submitted_at,
            org=org,
            english=english,
        )

    def rating_context(self) -> RatingContext:
        return RatingContext(
            case_id=self._case_id,
            item_id=self.item.id if self.item else None,
            service=self.item.name if self.item else "",
            window=self.window or None,
            staff_id=self.staff.id,
        )

    def forget(self) -> None:
        self.licences.forget()
