"""Case intake at a five-ones desk: item → authorisation (licences) → paper pages → submit →
receipt → rating.

One case per citizen. The clerk (signed in; their id goes on the case and the rating) picks the
service item, scans the citizen's authorisation QR (the electronic licences come back, shown
masked) and/or photographs the paper materials, then submits: the case record and its PDF go
into the outbox in one transaction, so the case is sent exactly once, whatever the network does.
Submitting twice (a double tap, a retry after an error shown late) records one case.

Expired licences (the service returns them too) are shown marked and never attached: the case
carries the valid ones, as in certificate-free (``certfree``).

What the citizen brought lives only in the session: licences are registered as personal (masked
in logs from then on) and wiped on reset; the PDF is written to the session's temp folder and
removed as soon as the outbox holds its own copy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from contract.codes import NumberKind, new_number
from contract.keys import new_key
from contract.results import Expired, NotFound, Offline, Ok
from contract.wire import Licence, Licences
from devices.printer.model import Receipt
from devices.printer.templates import submission_receipt
from kiosk_app.core.errors import OutboxError, PayloadError
from kiosk_app.core.flows.certfree import ShownLicence, attachable, masked_holder, shown_licences
from kiosk_app.core.flows.desk_staff import Staff
from kiosk_app.core.flows.ports import CitizenApi, OutboxPort, Problem
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.core.payloads import Authorization, Unknown, parse_payload
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
class Redeemed:
    licences: Licences | None = None
    problem: Problem | None = None


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
        self._token: str | None = None
        self._key = new_key()
        self._licences: Licences | None = None
        self._today: date | None = None  # the day the licences arrived: expiry is judged on it
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
        parsed = parse_payload(raw)
        if isinstance(parsed, Authorization):
            if parsed.token != self._token:
                self._key = new_key()  # a new token; the same one again replays its answer
            self._token = parsed.token
            return None
        return Problem.NOT_A_CODE if isinstance(parsed, Unknown) else Problem.WRONG_KIND

    def redeem(self) -> Redeemed:
        """Blocking: fetch the licences for the last scanned authorisation; changes no state."""
        if self._token is None:
            return Redeemed(problem=Problem.MISSING)
        r = self.api.redeem_authorization(self._token, key=self._key)
        if isinstance(r, Ok):
            return Redeemed(licences=r.value)
        if isinstance(r, NotFound):
            return Redeemed(problem=Problem.NOT_FOUND)
        if isinstance(r, Expired):
            return Redeemed(problem=Problem.EXPIRED)
        if isinstance(r, Offline):
            return Redeemed(problem=Problem.OFFLINE)
        return Redeemed(problem=Problem.REFUSED)

    def apply(self, result: Redeemed) -> Problem | None:
        if result.licences is None:
            return result.problem or Problem.REFUSED
        lic = result.licences
        personal = [lic.holder.name, lic.holder.id_number]
        personal += [x for licence in lic.licences for x in (licence.number, licence.holder)]
        self._licences = lic
        self._today = self.clock().date()
        self.session.put(SESSION_KEY, lic, personal=tuple(personal))
        return None

    @property
    def has_licences(self) -> bool:
        return self._licences is not None

    def holder_masked(self) -> tuple[str, str]:
        return masked_holder(self._licences)

    def _day(self) -> date:
        return self._today or self.clock().date()

    def shown(self) -> list[ShownLicence]:
        return shown_licences(self._licences, self._day())

    def attached(self) -> list[Licence]:
        """The licences that go with the case: the fetched ones that have not expired."""
        return attachable(self._licences, self._day())

    def drop_licences(self) -> None:
        """The citizen withdrew consent: the licences are not attached and are forgotten now."""
        self._licences = None
        self._today = None
        self._token = None
        self.session.pop(SESSION_KEY)

    # submit -----------------------------------------------------------------------------------
    def can_submit(self, pages: int) -> Problem | None:
        if self.item is None:
            return Problem.MISSING
        if pages == 0 and not self.attached():
            return Problem.MISSING  # nothing to take in (expired licences do not count)
        return None

    def payload(self, pages: int, submitted_at: datetime) -> dict[str, Any]:
        assert self.item is not None
        body: dict[str, Any] = {
            "case_id": self._case_id,
            "channel": "desk",
            "item_id": self.item.id,
            "service": self.item.name,
            "window": self.window,
            "staff_id": self.staff.id,
            "submitted_at": submitted_at.isoformat(timespec="seconds"),
            "pages": pages,
            "consent": False,
            "licences": [],
        }
        attached = self.attached()
        if self._licences is not None and attached:
            h = self._licences.holder
            body["consent"] = True
            body["applicant"] = {"name": h.name, "id_number": h.id_number}
            body["licences"] = [
                {"kind": x.kind, "title": x.title, "number": x.number} for x in attached
            ]
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
        self._licences = None
        self._today = None
        self._token = None
        self.session.pop(SESSION_KEY)
