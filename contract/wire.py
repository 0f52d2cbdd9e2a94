"""Request and response bodies of the Terminal API (base path ``/api/v1``).

The central service declares its routes with these models, so its OpenAPI document is generated
from them; the terminal's client parses the answers with the same models. Answers are read
tolerantly (unknown fields ignored: a newer service may add some), requests strictly (an unknown
field is a client bug the service names).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contract import codes


class Answer(BaseModel):
    """A body the service sends; the terminal reads what it knows."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Request(BaseModel):
    """A body the terminal sends; the service refuses unknown fields."""

    model_config = ConfigDict(extra="forbid")


# -- errors ------------------------------------------------------------------------------------
class Error(Answer):
    detail: str = Field(description="what went wrong, in words a technician can act on")


class ValidationProblem(Answer):
    loc: list[str | int]
    msg: str
    type: str


class Refusal(Error):
    """403 for another site's appointment: where the citizen should go, and nothing personal."""

    site_name: str = ""


class ValidationError(Answer):
    detail: str
    errors: list[ValidationProblem] = Field(default_factory=list)


# -- appointments and queue tickets (预约办, 现场取号) ---------------------------------------------
class AppointmentLookup(Request):
    code: str | None = Field(None, pattern=codes.APPOINTMENT_CODE)
    phone: str | None = Field(None, pattern=codes.PHONE)
    code6: str | None = Field(None, pattern=codes.CODE6)

    @model_validator(mode="after")
    def _one_way(self) -> AppointmentLookup:
        by_code = self.code is not None
        by_phone = self.phone is not None or self.code6 is not None
        if by_code == by_phone or (by_phone and (self.phone is None or self.code6 is None)):
            raise ValueError("give either code, or phone together with code6")
        return self


class Appointment(Answer):
    code: str
    name: str  # personal: the terminal shows it masked
    item_id: str = ""
    service: str
    site: str = ""
    site_name: str = ""
    slot_start: str
    slot_end: str
    status: Literal["booked", "checked_in", "expired"]
    ticket_number: str | None = None


class TicketRequest(Request):
    category: str | None = Field(None, min_length=1, max_length=40)
    item_id: str | None = Field(None, min_length=1, max_length=32)

    @model_validator(mode="after")
    def _one_of(self) -> TicketRequest:
        if (self.category is None) == (self.item_id is None):
            raise ValueError("give exactly one of category or item_id")
        return self


class Ticket(Answer):
    number: str
    service: str
    window: str
    waiting: int = Field(description="people ahead in this queue when issued")
    follow_url: str
    issued_at: str
    queue: str = ""
    appointment: bool = False


class CheckinResult(Answer):
    ticket: Ticket


class TicketPosition(Answer):
    number: str
    service: str = ""
    window: str = ""
    waiting: int = Field(description="people ahead now")
    status: Literal["waiting", "called"]
    issued_at: str = ""
    estimated_call_at: str = ""


# -- certificate-free (免证办) ---------------------------------------------------------------------
class RedeemRequest(Request):
    token: str = Field(pattern=codes.AUTH_TOKEN)


class Holder(Answer):
    name: str  # personal
    id_number: str  # personal


class Licence(Answer):
    kind: str
    title: str
    number: str
    holder: str
    issuer: str
    valid_from: str
    valid_until: str | None = None  # None: valid without end (长期)


class Licences(Answer):
    """The answer to a redeemed authorisation: whose licences, and the licences."""

    holder: Holder
    licences: list[Licence]


# -- proofs (证明打印) -----------------------------------------------------------------------------
ProofKind = Literal["social_insurance", "real_estate"]
PROOF_TITLES: dict[str, str] = {"social_insurance": "参保证明", "real_estate": "不动产登记查询结果"}


class ProofRequest(Request):
    """Who asks for which proof. The person was identified at the terminal (``verified_by``)."""

    kind: ProofKind
    id_number: str = Field(pattern=codes.ID_NUMBER)  # personal
    name: str = Field(min_length=1, max_length=40)  # personal
    verified_by: Literal["id_card", "eid", "sms"] = Field(
        description="how the terminal identified the person: the ID card on the reader, the "
        "电子身份证 QR, or the ID number with an SMS code"
    )


class ProofIssued(Answer):
    """A proof the service has made; its PDF is fetched with ``GET /api/v1/proofs/{number}``."""

    number: str = Field(pattern=codes.PROOF_NUMBER)
    kind: ProofKind
    title: str
    issued_at: str
    expires_at: str = Field(description="the PDF can be fetched until then (by this terminal)")
    pages: int = Field(ge=1)
    size: int = Field(ge=1, description="bytes of the PDF")
    sha256: str = Field(pattern=codes.SHA256_HEX, description="of the PDF's bytes")
    verify_url: str = Field(description="what the proof's QR code opens: the service's check")


@dataclass(frozen=True)
class FetchedProof:
    """A proof's PDF as the terminal received it, checked against its ``ProofIssued``.

    Not a JSON body: the PDF travels as ``application/pdf``. Personal (it names the person):
    it lives in the session only, and is printed as it came, verification QR included.
    """

    issued: ProofIssued
    pdf: bytes


# -- 12345 work orders ---------------------------------------------------------------------------
StageName = Literal["received", "contacted", "on_site", "feedback", "result"]


class Stage(Answer):
    stage: StageName
    deadline: str | None = None
    done_at: str | None = None


class WorkOrderLookup(Request):
    """A citizen reads an order filed at another terminal by proving the phone on record."""

    number: str = Field(pattern=codes.WORKORDER_NUMBER)
    phone_last4: str = Field(pattern=r"^[0-9]{4}$")


class WorkOrderGroup(Answer):
    by_person: int | None = Field(
        None,
        description="not told to terminals: counting the orders of the phone a filer typed would "
        "tell anyone how often a stranger called (一人多次 stays with the hotline's operators)",
    )
    by_matter: int = Field(
        0, description="orders about the same category and place in the last 30 days (一事多人)"
    )


class WorkOrder(Answer):
    number: str
    category: str
    status: StageName
    created_at: str
    timeline: list[Stage]
    group: WorkOrderGroup = WorkOrderGroup()


# -- pulls ---------------------------------------------------------------------------------------
class CatalogItem(Answer):
    id: str
    name: str
    department: str
    category: str
    materials: list[str]
    fee: str
    time_limit_days: int
    window: str
    online: bool
    keywords: list[str]


class Catalog(Answer):
    version: str
    items: list[CatalogItem]


class TerminalConfigPush(Answer):
    terminal_id: str = Field(min_length=1, max_length=64)
    version: int = Field(ge=0, description="the config's own counter; only goes up")
    config: dict[str, Any]
    key_id: str = Field("", description="first 16 hex digits of sha256 of the raw public key")
    public_key: str = Field(
        "", description="base64 raw Ed25519 public key (a hint: never used to verify)"
    )
    signature: str = Field(
        description="base64 Ed25519 signature over contract.signing.canonical() of "
        "{terminal_id, version, config}"
    )

    def signed_part(self) -> dict[str, Any]:
        """What the signature covers (its bytes: ``contract.signing.canonical``)."""
        return {"terminal_id": self.terminal_id, "version": self.version, "config": self.config}
