"""A citizen's electronic licences, redeemed from their authorisation QR: the one component that
certificate-free (``certfree``) and desk intake (``desk_case``) both hold.

The authorisation is redeemed online once (an idempotency key per scanned token, so a retry
after a lost answer is not "already used"). The licences live only in the session: registered
as personal (names and numbers masked in logs from then on) and wiped on reset.

The central service returns every licence the citizen holds, expired ones too. Whether one has
expired is judged once, on the terminal's local date when the licences arrive: an expired
licence is shown (marked, with the date it ended) but is never attached to a case — the
citizen has to renew it first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from contract.keys import new_key
from contract.results import Ok
from contract.wire import Licence, Licences
from kiosk_app.core.flows.ports import CitizenApi, Outcome, Problem, failed
from kiosk_app.core.masking import mask_id, mask_name
from kiosk_app.core.payloads import Authorization, Unknown, parse_payload
from kiosk_app.core.session import Session


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


class LicenceRedemption:
    """Scan → redeem (worker thread) → apply (GUI thread) → shown / attachable → forget."""

    def __init__(
        self,
        api: CitizenApi,
        session: Session,
        session_key: str,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.api = api
        self.session = session
        self.session_key = session_key
        self.clock = clock
        self.licences: Licences | None = None
        self._token: str | None = None
        self._today: date | None = None  # the day the licences arrived: expiry is judged on it
        self._key = new_key()

    def scanned(self, raw: object) -> Problem | None:
        """An authorisation QR (scanned or typed); None when it is one to redeem."""
        parsed = parse_payload(raw)
        if isinstance(parsed, Authorization):
            if parsed.token != self._token:
                self._key = new_key()  # a new token; the same one again replays its answer
            self._token = parsed.token
            return None
        return Problem.NOT_A_CODE if isinstance(parsed, Unknown) else Problem.WRONG_KIND

    def redeem(self) -> Outcome[Licences]:
        """Blocking: the licences for the last scanned authorisation; changes no state."""
        if self._token is None:
            return Outcome(problem=Problem.MISSING)
        r = self.api.redeem_authorization(self._token, key=self._key)
        return Outcome(r.value) if isinstance(r, Ok) else failed(r)

    def apply(self, outcome: Outcome[Licences]) -> Problem | None:
        """Keep the licences in the session (GUI thread); the problem when there are none."""
        lic = outcome.value
        if lic is None:
            return outcome.problem or Problem.REFUSED
        personal = [lic.holder.name, lic.holder.id_number]
        personal += [x for licence in lic.licences for x in (licence.number, licence.holder)]
        self.licences = lic
        self._today = self.clock().date()
        self.session.put(self.session_key, lic, personal=tuple(personal))
        return None

    def _day(self) -> date:
        return self._today or self.clock().date()

    def holder_masked(self) -> tuple[str, str]:
        """(name, ID number) of the licences' holder, masked for the screen; blanks when none."""
        lic = self.licences
        if lic is None:
            return "", ""
        return mask_name(lic.holder.name), mask_id(lic.holder.id_number)

    def shown(self) -> list[ShownLicence]:
        """The licences as the screen shows them."""
        if self.licences is None:
            return []
        out = []
        for x in self.licences.licences:
            until = valid_until_date(x)
            out.append(
                ShownLicence(
                    x.kind,
                    x.title,
                    mask_id(x.number),
                    mask_name(x.holder),
                    x.issuer,
                    until.isoformat() if until is not None else (x.valid_until or "").strip(),
                    is_expired(x, self._day()),
                )
            )
        return out

    def attachable(self) -> list[Licence]:
        """The licences that may be attached to a case: all but the expired ones."""
        if self.licences is None:
            return []
        return [x for x in self.licences.licences if not is_expired(x, self._day())]

    def forget(self) -> None:
        self.licences = None
        self._today = None
        self._token = None
        self.session.pop(self.session_key)


def case_record(
    case_id: str,
    *,
    channel: str,
    service: str,
    submitted_at: datetime,
    licences: list[Licence],
    holder: Licences | None = None,
    **more: Any,
) -> dict[str, Any]:
    """The one shape of a ``case.submitted`` record, whoever takes the case in (a citizen at
    the kiosk with certificate-free, a clerk at the desk). Consent is implied by attaching
    licences; the applicant's name and ID number travel only with them, to the office that
    handles the case (the outbox holds them until delivered)."""
    body: dict[str, Any] = {
        "case_id": case_id,
        "channel": channel,
        "service": service,
        "submitted_at": submitted_at.isoformat(timespec="seconds"),
        **more,
        "consent": bool(licences),
        "licences": [{"kind": x.kind, "title": x.title, "number": x.number} for x in licences],
    }
    if licences and holder is not None:
        body["applicant"] = {"name": holder.holder.name, "id_number": holder.holder.id_number}
    return body
