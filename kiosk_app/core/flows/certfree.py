"""免证办: the citizen's electronic licences instead of paper copies.

scan → working → licences (shown masked) → consent → done (attached to a case) | problem.
The authorisation QR from the provincial app is redeemed online once (an idempotency key per
scan, so a retry after a lost answer is not "already used"). The licences live only in the
session: registered as personal (names and numbers masked in logs from then on) and wiped on
reset. With consent, the chosen licences are attached to a case through the outbox
(``case.submitted``); without it nothing leaves the terminal.

The central service returns every licence the citizen holds, expired ones too. Whether one has
expired is judged once, on the terminal's local date when the licences arrive: an expired
licence is shown (marked, with the date it ended) but is never attached to a case — the
citizen has to renew it first. Desk intake (``desk_case``) follows the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from contract.codes import NumberKind, new_number
from contract.keys import new_key
from contract.results import Expired, NotFound, Offline, Ok
from contract.wire import Licence, Licences
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.ports import CitizenApi, OutboxPort, Problem
from kiosk_app.core.masking import mask_id, mask_name
from kiosk_app.core.payloads import Authorization, Unknown, parse_payload
from kiosk_app.core.session import Session


class CertfreeState(StrEnum):
    SCAN = "scan"
    WORKING = "working"
    CONSENT = "consent"
    DONE = "done"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Outcome:
    licences: Licences | None = None
    problem: Problem | None = None


@dataclass(frozen=True)
class ShownLicence:
    """A licence as the screen shows it: masked holder and number.

    ``valid_until`` is the last valid day as the service gave it ("" when it never expires);
    ``expired`` is True when that day is past: shown, but not attachable.
    """

    kind: str
    title: str
    number: str
    holder: str
    issuer: str
    valid_until: str
    expired: bool = False


def valid_until_date(licence: Licence) -> date | None:
    """The last day the licence is valid; None when it has no end (长期有效) or none readable."""
    text = (licence.valid_until or "").strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date()  # "2026-05-27" or with a time
    except ValueError:
        return None


def is_expired(licence: Licence, today: date) -> bool:
    """Expired when its last valid day is before ``today`` (the day itself still counts).

    An end date that cannot be read is not called expired here: the screen shows it as given
    and the office that receives the case checks it.
    """
    until = valid_until_date(licence)
    return until is not None and until < today


def masked_holder(lic: Licences | None) -> tuple[str, str]:
    """(name, ID number) of the licences' holder, masked for the screen; blanks when none."""
    if lic is None:
        return "", ""
    return mask_name(lic.holder.name), mask_id(lic.holder.id_number)


def shown_licences(lic: Licences | None, today: date) -> list[ShownLicence]:
    """The licences as the screen shows them (certificate-free and desk intake alike)."""
    if lic is None:
        return []
    out = []
    for x in lic.licences:
        until = valid_until_date(x)
        out.append(
            ShownLicence(
                x.kind,
                x.title,
                mask_id(x.number),
                mask_name(x.holder),
                x.issuer,
                until.isoformat() if until is not None else (x.valid_until or "").strip(),
                is_expired(x, today),
            )
        )
    return out


def attachable(lic: Licences | None, today: date) -> list[Licence]:
    """The licences that may be attached to a case: all but the expired ones."""
    if lic is None:
        return []
    return [x for x in lic.licences if not is_expired(x, today)]


class CertfreeFlow:
    def __init__(
        self,
        api: CitizenApi,
        outbox: OutboxPort | None,
        session: Session,
        terminal_id: str,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.api = api
        self.outbox = outbox
        self.session = session
        self.terminal_id = terminal_id
        self.clock = clock
        self.state = CertfreeState.SCAN
        self.problem: Problem | None = None
        self.case_id: str | None = None
        self._token: str | None = None
        self._licences: Licences | None = None
        self._today: date | None = None  # the day the licences arrived: expiry is judged on it
        self._key = new_key()

    def scanned(self, raw: object) -> Problem | None:
        parsed = parse_payload(raw)
        if isinstance(parsed, Authorization):
            if parsed.token != self._token:
                self._key = new_key()
            self._token = parsed.token
            self.state, self.problem = CertfreeState.WORKING, None
            return None
        self.state = CertfreeState.PROBLEM
        self.problem = Problem.NOT_A_CODE if isinstance(parsed, Unknown) else Problem.WRONG_KIND
        return self.problem

    def run(self) -> Outcome:
        """Blocking: redeem the authorisation; changes no state."""
        if self._token is None:
            return Outcome(problem=Problem.MISSING)
        r = self.api.redeem_authorization(self._token, key=self._key)
        if isinstance(r, Ok):
            return Outcome(licences=r.value)
        if isinstance(r, NotFound):
            return Outcome(problem=Problem.NOT_FOUND)
        if isinstance(r, Expired):
            return Outcome(problem=Problem.EXPIRED)
        if isinstance(r, Offline):
            return Outcome(problem=Problem.OFFLINE)
        return Outcome(problem=Problem.REFUSED)

    def apply(self, outcome: Outcome) -> None:
        if outcome.licences is None:
            self.state, self.problem = CertfreeState.PROBLEM, outcome.problem
            return
        lic = outcome.licences
        personal = [lic.holder.name, lic.holder.id_number]
        personal += [x for licence in lic.licences for x in (licence.number, licence.holder)]
        self._licences = lic
        self._today = self.clock().date()
        self.session.put("certfree.licences", lic, personal=tuple(personal))
        self.session.register_wiper("certfree.flow", self.forget)
        self.state, self.problem = CertfreeState.CONSENT, None

    def holder_masked(self) -> tuple[str, str]:
        return masked_holder(self._licences)

    def _day(self) -> date:
        return self._today or self.clock().date()

    def shown(self) -> list[ShownLicence]:
        return shown_licences(self._licences, self._day())

    def attachable_kinds(self) -> list[str]:
        """The kinds the citizen may choose (the unexpired ones), in the service's order."""
        return [x.kind for x in attachable(self._licences, self._day())]

    def consent(self, kinds: Iterable[str], service: str = "") -> Problem | None:
        """Attach the chosen licences to a new case (outbox); None when stored.

        An expired licence is never attached, even when chosen; choosing nothing else is
        ``Problem.MISSING``.
        """
        if self._licences is None or self.state is not CertfreeState.CONSENT:
            return Problem.MISSING
        chosen = set(kinds)
        attached = [x for x in attachable(self._licences, self._day()) if x.kind in chosen]
        if not attached:
            return Problem.MISSING
        if self.outbox is None:
            return Problem.STORAGE
        case_id = new_number(NumberKind.CASE)
        try:
            self.outbox.enqueue(
                "case.submitted",
                {
                    "case_id": case_id,
                    "channel": "kiosk",
                    "service": service,
                    "consent": True,
                    "licences": [
                        {"kind": x.kind, "title": x.title, "number": x.number} for x in attached
                    ],
                },
            )
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
        self._licences = None
        self._today = None
        self._token = None
        self.session.pop("certfree.licences")
