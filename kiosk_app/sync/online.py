"""Online calls for the interactive flows: plain blocking functions with short time limits that
return typed results (``results``), meant to run off the GUI thread in the UI's task manager.

Creating calls (check-in, ticket, redemption) carry an ``Idempotency-Key``: the flow makes one key
per citizen action and passes it again if the citizen presses "try again", so a lost answer gives
back the first ticket instead of a second one. Inputs are checked here first, so a mistyped code
gets a clear ``Invalid`` without a round trip, and nothing typed is ever logged unmasked.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ValidationError

from contract import codes
from contract.hotline import RepeatMatch
from contract.keys import new_key
from contract.ratings import RatingReasons, RatingStatus
from contract.results import (
    Conflict,
    Expired,
    Invalid,
    Limited,
    NotFound,
    Offline,
    Ok,
    Refused,
    Result,
)
from contract.utility import SlotHold, SurveySlots, UploadStatus, UploadTicket
from contract.wire import (
    PROOF_TITLES,
    Appointment,
    FetchedProof,
    Licences,
    Progress,
    ProofIssued,
    SmsChallenge,
    Ticket,
    TicketPosition,
    VerifiedIdentity,
    VideoStatus,
    WorkOrder,
)
from kiosk_app.core.config import SyncConfig
from kiosk_app.sync.backoff import parse_retry_after
from kiosk_app.sync.transport import API_PREFIX, NetworkError, Response, Transport

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

_APPOINTMENT = re.compile(codes.APPOINTMENT_CODE)
_AUTH_TOKEN = re.compile(codes.AUTH_TOKEN)
_PHONE = re.compile(codes.PHONE)
_CODE6 = re.compile(codes.CODE6)
_TICKET = re.compile(codes.TICKET_NUMBER)
_ID_NUMBER = re.compile(codes.ID_NUMBER)
_EID = re.compile(codes.EID_CODE)
_SMS_CODE = re.compile(codes.SMS_CODE)
_CHALLENGE = re.compile(codes.CHALLENGE_ID)
_SLOT = re.compile(r"^[WG]-[0-9]{8}-[0-9]{4}$")
_HOLD = re.compile(r"^H[0-9a-f]{16}$")
_UPLOAD = re.compile(r"^U[0-9a-f]{16}$")
MAX_PROOF_BYTES = 32 << 20


def _detail(r: Response) -> str:
    try:
        doc = r.json()
    except ValueError:
        return f"HTTP {r.status}"
    d = doc.get("detail") if isinstance(doc, dict) else None
    return d if isinstance(d, str) and d else f"HTTP {r.status}"


def _retry_after(r: Response) -> float:
    """Seconds the service asks to wait (``Retry-After``); a minute when it does not say."""
    wait = parse_retry_after(r.headers.get("Retry-After"))
    return wait if wait is not None else 60.0


class OnlineApi:
    """The Terminal API calls a citizen waits for. Thread-safe; one instance per app."""

    def __init__(self, cfg: SyncConfig, *, transport: Transport | None = None) -> None:
        self.transport = (
            transport
            if transport is not None
            else Transport(cfg, timeout_s=cfg.interactive_timeout_s)
        )

    def close(self) -> None:
        self.transport.close()

    # plumbing -----------------------------------------------------------------------------
    def _call(
        self,
        model: type[M],
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        key: str | None = None,
        unwrap: str | None = None,
    ) -> Result[M]:
        headers = {"Idempotency-Key": key} if key else None
        try:
            r = self.transport.request(method, API_PREFIX + path, json_body=body, headers=headers)
        except NetworkError as exc:
            log.info("online call offline", extra={"call": path.split("/")[1], "kind": exc.kind})
            return Offline(str(exc))
        if r.status in (200, 201):
            try:
                doc = r.json()
                return Ok(model.model_validate(doc[unwrap] if unwrap else doc))
            except (ValueError, KeyError, TypeError, ValidationError):
                log.warning("online call: unreadable answer", extra={"status": r.status})
                return Offline("the central service gave an answer the terminal cannot read")
        return self._failure(r)

    def _failure(self, r: Response) -> Result[Any]:
        s = r.status
        if s == 404:
            return NotFound()
        if s == 410:
            return Expired()
        if s == 409:
            return Conflict(_detail(r))
        if s in (400, 422):
            return Invalid(_detail(r))
        if s in (401, 403):
            site = ""
            try:
                doc = r.json()
                if isinstance(doc, dict) and isinstance(doc.get("site_name"), str):
                    site = doc["site_name"][:100]  # another site's appointment: where to go
            except ValueError:
                pass
            return Refused(_detail(r), site_name=site)
        if s == 429:
            return Limited(_retry_after(r))
        log.warning("online call failed", extra={"status": s})
        return Offline(f"the central service is not working right now (HTTP {s})")

    # appointments -------------------------------------------------------------------------
    def lookup_appointment(
        self, code: str | None = None, *, phone: str | None = None, code6: str | None = None
    ) -> Result[Appointment]:
        """By the scanned code (``ZWFW-YY:...`` or the 10 characters) or by phone + 6-digit code."""
        if code is not None:
            c = code.strip().upper()
            if not _APPOINTMENT.match(c):
                return Invalid("this is not an appointment code")
            body: dict[str, Any] = {"code": c.removeprefix(codes.APPOINTMENT_PREFIX)}
        else:
            p = re.sub(r"[\s-]", "", phone or "")
            c = (code6 or "").strip()
            if not _PHONE.match(p):
                return Invalid("the phone number must have 11 digits")
            if not _CODE6.match(c):
                return Invalid("the appointment code must have 6 digits")
            body = {"phone": p, "code6": c}
        return self._call(Appointment, "POST", "/appointments:lookup", body)

    def check_in(self, code: str, *, key: str | None = None) -> Result[Ticket]:
        c = code.strip().upper()
        if not _APPOINTMENT.match(c):
            return Invalid("this is not an appointment code")
        return self._call(
            Ticket,
            "POST",
            f"/appointments/{c.removeprefix(codes.APPOINTMENT_PREFIX)}/checkin",
            {},
            key=key or new_key(),
            unwrap="ticket",
        )

    # tickets ------------------------------------------------------------------------------
    def issue_ticket(
        self, *, category: str | None = None, item_id: str | None = None, key: str | None = None
    ) -> Result[Ticket]:
        if (category is None) == (item_id is None):
            return Invalid("choose a service or a category")
        body = {"category": category} if category is not None else {"item_id": item_id}
        return self._call(Ticket, "POST", "/tickets", body, key=key or new_key())

    def ticket_position(self, number: str) -> Result[TicketPosition]:
        n = number.strip().upper()
        if not _TICKET.match(n):
            return Invalid("this is not a ticket number")
        return self._call(TicketPosition, "GET", f"/tickets/{quote(n)}")

    # certificate-free ---------------------------------------------------------------------
    def redeem_authorization(self, token: str, *, key: str | None = None) -> Result[Licences]:
        """Exchange the citizen's authorisation QR for their licences (personal: session only)."""
        t = token.strip()
        if not _AUTH_TOKEN.match(t):
            return Invalid("this is not an authorisation code")
        body = {"token": t.removeprefix(codes.AUTHORIZATION_PREFIX)}
        return self._call(Licences, "POST", "/authorizations:redeem", body, key=key or new_key())

    # 办件查询 ------------------------------------------------------------------------------------
    def progress(self, number: str) -> Result[Progress]:
        """Where any number the terminal handed out stands (queue, case, 12345, document)."""
        n = codes.parse_number(number)
        if n is None:
            return Invalid("this is not a number the terminal hands out")
        return self._call(Progress, "GET", f"/progress/{quote(n.value)}")

    def progress_with_phone(self, number: str, phone: str) -> Result[Progress]:
        """A 12345 order or utility application filed elsewhere, for the citizen who gives the
        phone it was filed with (in the body, never in the URL: URLs are logged)."""
        n = codes.parse_number(number)
        if n is None or n.kind not in (codes.NumberKind.WORKORDER, codes.NumberKind.APPLICATION):
            return Invalid("only a 12345 request or a utility application is found by phone")
        p = phone.strip()
        if not re.fullmatch(codes.PHONE.strip("^$"), p):
            return Invalid("a mobile phone number is 11 digits")
        return self._call(Progress, "POST", "/progress:with-phone", {"number": n.value, "phone": p})

    # 12345 --------------------------------------------------------------------------------
    def workorder_status(self, number: str, *, phone_last4: str | None = None) -> Result[WorkOrder]:
        """An order filed here; one filed elsewhere needs the last 4 digits of its phone."""
        n = codes.parse_number(number)
        if n is None or n.kind is not codes.NumberKind.WORKORDER:
            return Invalid("this is not a 12345 work-order number")
        if phone_last4 is None:
            return self._call(WorkOrder, "GET", f"/workorders/{quote(n.value)}")
        last4 = phone_last4.strip()
        if not re.fullmatch(r"[0-9]{4}", last4):
            return Invalid("give the last 4 digits of the phone number")
        body = {"number": n.value, "phone_last4": last4}
        return self._call(WorkOrder, "POST", "/workorders:lookup", body)

    def repeat_check(self, matter: str, phone: str, place: str = "") -> Result[RepeatMatch]:
        """Before filing: would this request join an open order (same caller or same matter and
        place, central/README.md)? Advisory: the request is filed either way."""
        if not re.fullmatch(codes.PHONE.strip("^$"), phone):
            return Invalid("a mobile phone number is 11 digits")
        body = {"category": matter, "phone": phone, "place": place.strip()[:200]}
        return self._call(RepeatMatch, "POST", "/workorders:match", body)

    # proofs (证明打印) ---------------------------------------------------------------------------
    def fetch_proof(
        self,
        kind: str,
        *,
        id_number: str,
        name: str,
        assertion: str,
        key: str | None = None,
    ) -> Result[FetchedProof]:
        """Have the service issue a proof for the person identified here, and download its PDF.

        Personal (the proof names the person): keep it in the session only. A retry after a lost
        answer passes the same ``key`` and gets the same proof back.
        """
        number = id_number.strip().upper()
        if kind not in PROOF_TITLES:
            return Invalid("this terminal does not know that proof")
        if not _ID_NUMBER.match(number):
            return Invalid("this is not a resident ID number")
        # the service's own assertion that it identified the person (VerifiedIdentity): it does
        # not take this terminal's word for it (central/assertions.py)
        if not name.strip() or not assertion:
            return Invalid("the person has not been identified by the service")
        body = {"kind": kind, "id_number": number, "name": name.strip(), "assertion": assertion}
        issued = self._call(ProofIssued, "POST", "/proofs", body, key=key or new_key())
        if not isinstance(issued, Ok):
            return issued
        return self.download_proof(issued.value)

    def download_proof(self, issued: ProofIssued) -> Result[FetchedProof]:
        """The PDF of an issued proof, checked against what the service announced (size, sha256)."""
        path = f"/proofs/{quote(issued.number)}"
        try:
            r = self.transport.request(
                "GET", API_PREFIX + path, headers={"Accept": "application/pdf"}
            )
        except NetworkError as exc:
            log.info("online call offline", extra={"call": "proofs", "kind": exc.kind})
            return Offline(str(exc))
        if r.status != 200:
            return self._failure(r)
        pdf = r.body
        if (
            len(pdf) != issued.size
            or len(pdf) > MAX_PROOF_BYTES
            or not pdf.startswith(b"%PDF-")
            or hashlib.sha256(pdf).hexdigest() != issued.sha256
        ):
            log.warning("proof download damaged", extra={"size": len(pdf)})
            return Offline("the proof arrived damaged; try again")
        return Ok(FetchedProof(issued, pdf))

    # identity without the card ------------------------------------------------------------
    def resolve_eid(self, code: str) -> Result[VerifiedIdentity]:
        """The person behind a 电子身份证 / 网证 QR (personal: session only). 404 NotFound,
        410 Expired (an old code: refresh it in the app), 429 Limited."""
        if not _EID.match(code):
            return Invalid("this is not an e-ID code")
        return self._call(VerifiedIdentity, "POST", "/identity/eid:resolve", {"code": code})

    def send_sms_code(self, id_number: str, *, key: str | None = None) -> Result[SmsChallenge]:
        """Text a code to the phone on record for a typed ID number. 404 NotFound (no phone on
        record), 422 Invalid, 429 Limited (a text just went, or too many). One key per press of
        "send", so a retry after a lost answer does not text twice."""
        n = id_number.strip().upper()
        if not codes.id_number_valid(n):
            return Invalid("this is not a valid ID number")
        return self._call(
            SmsChallenge, "POST", "/identity/sms-codes", {"id_number": n}, key=key or new_key()
        )

    def check_sms_code(self, challenge: str, code: str) -> Result[VerifiedIdentity]:
        """The texted code typed back. 403 Refused (wrong code), 404 NotFound / 410 Expired (ask
        for a new one), 429 Limited."""
        c = code.strip()
        if not _SMS_CODE.match(c):
            return Invalid("the code must have 6 digits")
        if not _CHALLENGE.match(challenge):
            return Invalid("no code was asked for")
        return self._call(
            VerifiedIdentity,
            "POST",
            "/identity/sms-codes:verify",
            {"challenge": challenge, "code": c},
        )

    # 好差评 -------------------------------------------------------------------------------------
    def rating_status(self, case_id: str) -> Result[RatingStatus]:
        """Whether the case was rated already (the service counts one rating per case)."""
        c = case_id.strip()
        if not c or len(c) > 64:
            return Invalid("this is not a case number")
        return self._call(RatingStatus, "GET", f"/cases/{quote(c, safe='')}/rating")

    def rating_reasons(self) -> Result[RatingReasons]:
        """The 差评 reasons the county publishes and its follow-up window (working days)."""
        return self._call(RatingReasons, "GET", "/ratings/reasons")

    # video help ---------------------------------------------------------------------------
    def video_status(self) -> Result[VideoStatus]:
        """Whether the centre answers video calls now (its hours, agents, queue, estimate)."""
        return self._call(VideoStatus, "GET", "/video/status")

    # 报装: remote survey slots (远程踏勘) ------------------------------------------------------
    def survey_slots(self, utility: str) -> Result[SurveySlots]:
        """The coming week's survey slots of one utility, with places left."""
        if utility not in ("water", "gas"):
            return Invalid("the utility is water or gas")
        return self._call(SurveySlots, "GET", f"/utility/slots?utility={utility}")

    def hold_slot(self, slot_id: str, *, key: str | None = None) -> Result[SlotHold]:
        """Hold a place while the form is filled; 409 Conflict when it was just taken."""
        if not _SLOT.match(slot_id):
            return Invalid("this is not a survey slot")
        return self._call(
            SlotHold, "POST", "/utility/slots:hold", {"slot_id": slot_id}, key=key or new_key()
        )

    def release_hold(self, hold_id: str) -> Result[bool]:
        """Give a held place back (the session ended); NotFound when it had expired already."""
        if not _HOLD.match(hold_id):
            return Invalid("this is not a hold")
        try:
            r = self.transport.request("DELETE", f"{API_PREFIX}/utility/holds/{hold_id}")
        except NetworkError as exc:
            return Offline(str(exc))
        return Ok(True) if r.status == 204 else self._failure(r)

    def new_upload(self, *, key: str | None = None) -> Result[UploadTicket]:
        """A one-off page (its URL for a QR code) where the citizen sends a photo of the
        property proof from their phone."""
        return self._call(
            UploadTicket,
            "POST",
            "/utility/uploads",
            {"purpose": "property_proof"},
            key=key or new_key(),
        )

    def upload_status(self, ref: str) -> Result[UploadStatus]:
        if not _UPLOAD.match(ref):
            return Invalid("this is not an upload")
        return self._call(UploadStatus, "GET", f"/utility/uploads/{ref}")
