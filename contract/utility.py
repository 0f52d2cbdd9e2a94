"""Wire bodies of water and gas connection (用水用气报装), remote site survey booking (远程踏勘)
and the county's service points (就近办).

What an application asks is not code: the central service publishes one form definition per
application type (``FormDefinition``, versioned), the terminal pulls and caches it like the
catalog, and an application names the version it was filled against — so a county adds a field
without a release, and an application filled offline against an older version is still read
against that version when it arrives.

The application itself travels through the outbox as the ``utility.applied`` event (its payload
is ``UtilityApplication``), exactly once by the event key; ``POST /api/v1/utility/applications``
takes the same body with an ``Idempotency-Key`` for a client that is online.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from contract import codes
from contract.wire import Answer, Request

Utility = Literal["water", "gas"]
Utilities = Literal["water", "gas", "both"]
ApplicationType = Literal["new", "capacity", "transfer", "stop"]
FieldKind = Literal["text", "number", "choice"]
ProofMethod = Literal["certfree", "capture", "upload", "none"]
StageName = Literal[
    "received", "survey_booked", "survey_done", "plan_fee", "construction", "connected"
]
STAGES: tuple[str, ...] = (
    "received",
    "survey_booked",
    "survey_done",
    "plan_fee",
    "construction",
    "connected",
)
POINT_KINDS = ("community", "hall", "water", "gas")


def utilities_of(choice: str) -> tuple[str, ...]:
    """The utilities an application covers: "both" is water and gas."""
    return ("water", "gas") if choice == "both" else (choice,)


# -- form definitions ---------------------------------------------------------------------------
class FormField(Answer):
    """One field a county asks for an application type, beyond what every application has
    (applicant, address, property proof, phone, notes)."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    label_zh: str
    label_en: str = ""
    kind: FieldKind = "text"
    required: bool = False
    choices: list[str] = Field(default_factory=list, description="kind=choice: the values")
    max_length: int = Field(100, ge=1, le=2000)
    min: float | None = None
    max: float | None = None
    utility: Utility | None = Field(None, description="asked only when this utility is applied for")


class FormDefinition(Answer):
    type: ApplicationType
    version: int = Field(ge=1, description="goes up whenever the fields change")
    title_zh: str
    title_en: str = ""
    property_proof: bool = Field(True, description="a 不动产权证 (or other proof) is required")
    survey: bool = Field(True, description="a remote site survey (远程踏勘) is booked")
    fields: list[FormField] = Field(default_factory=list)


class UtilityForms(Answer):
    """``GET /api/v1/utility/forms`` (ETag): every published form definition."""

    version: str
    forms: list[FormDefinition]


# -- the county's address list ------------------------------------------------------------------
class Address(Answer):
    id: str
    street: str = Field(description="街道 or 镇")
    community: str = Field(description="社区 or 村")
    road: str
    number: str = Field(description="门牌 and building, as written")
    text: str = Field(description="the whole address as printed")


class AddressList(Answer):
    """``GET /api/v1/utility/addresses`` (ETag): every address a connection can be made at."""

    version: str
    county: str
    addresses: list[Address]


# -- survey slots -------------------------------------------------------------------------------
class SurveySlot(Answer):
    id: str
    utility: Utility
    start: str = Field(description="ISO 8601 with offset")
    end: str
    free: int = Field(ge=0, description="places left now (holds count as taken)")


class SurveySlots(Answer):
    """``GET /api/v1/utility/slots?utility=…``: the coming week's 远程踏勘 slots."""

    utility: Utility
    slots: list[SurveySlot]


class SlotHoldRequest(Request):
    slot_id: str = Field(pattern=r"^[WG]-[0-9]{8}-[0-9]{4}$")


class SlotHold(Answer):
    """A slot held for this terminal while the citizen fills the form (released on reset, or
    by itself at ``expires_at``)."""

    hold_id: str
    slot: SurveySlot
    expires_at: str


# -- the application ----------------------------------------------------------------------------
class Applicant(Request):
    name: str = Field(min_length=1, max_length=60)
    id_number: str = Field(pattern=codes.ID_NUMBER)
    verified_by: Literal["card", "eid", "sms", "staff"]
    company: str = Field("", max_length=100, description="an agent acting for a company")
    credit_code: str = Field("", max_length=18, description="统一社会信用代码 of that company")
    company_proof: ProofMethod = Field("none", description="the business licence: how proven")
    company_blob_sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$", description="capture")


class PropertyProof(Request):
    method: ProofMethod
    licence_number: str = Field("", max_length=60, description="certfree: the 不动产权证 number")
    blob_sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$", description="capture/upload")
    upload_ref: str = Field("", max_length=64, description="upload: the phone upload's reference")


class UtilityApplication(Request):
    number: str = Field(pattern=codes.APPLICATION_NUMBER, description="made by the terminal")
    form_type: ApplicationType
    form_version: int = Field(ge=1)
    utilities: Utilities
    applicant: Applicant
    address_id: str = Field("", max_length=40, description="from the address list; '' if typed")
    address_text: str = Field(min_length=2, max_length=200)
    property_proof: PropertyProof
    phone: str = Field(pattern=codes.PHONE)
    notes: str = Field("", max_length=500)
    fields: dict[str, str] = Field(default_factory=dict, description="the form's own fields")
    slots: dict[Utility, str] = Field(default_factory=dict, description="utility -> slot id")
    holds: dict[Utility, str] = Field(default_factory=dict, description="utility -> hold id")
    channel: Literal["kiosk", "desk"] = "kiosk"
    submitted_at: str = Field(max_length=40, description="ISO 8601 time with offset")

    @model_validator(mode="after")
    def _number_checked(self) -> UtilityApplication:
        if codes.parse_number(self.number) is None:
            raise ValueError("the application number's check digit is wrong")
        return self


class ApplicationReceipt(Answer):
    """What the service made of an application: its number and the survey(s) booked."""

    number: str
    status: str
    received_at: str
    surveys: dict[str, SurveySlot] = Field(default_factory=dict)


# -- a photo from the citizen's phone (no e-licence, no desk camera) -----------------------------
UPLOAD_REF = r"^U[0-9a-f]{16}$"


class UploadRequest(Request):
    purpose: Literal["property_proof"] = "property_proof"


class UploadTicket(Answer):
    """``POST /api/v1/utility/uploads``: a one-off page the citizen opens from a QR code on the
    terminal's screen to send a photo from their phone (30 min)."""

    ref: str = Field(pattern=UPLOAD_REF)
    url: str = Field(description="the public page the QR code opens")
    expires_at: str


class UploadStatus(Answer):
    """``GET /api/v1/utility/uploads/{ref}``: whether the photo has arrived (the terminal asks
    every few seconds while it shows the QR code)."""

    ref: str
    status: Literal["waiting", "received", "expired"]
    sha256: str | None = None
    size: int | None = None


# -- service points (就近办) ---------------------------------------------------------------------
class OpeningHours(Answer):
    days: str = Field(pattern=r"^[1-7](-[1-7])?$", description="ISO weekdays, 1 = Monday")
    open: str = Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$")
    close: str = Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$")


class ServicePoint(Answer):
    id: str
    name: str
    kind: Literal["community", "hall", "water", "gas"]
    address: str
    lat: float
    lon: float
    phone: str = ""
    hours: list[OpeningHours]
    all_items: bool = Field(False, description="handles every catalog item (the hall)")
    items: list[str] = Field(default_factory=list, description="catalog item ids it handles")
    capabilities: list[str] = Field(default_factory=list, description="utility, certfree, …")
    terminals: list[str] = Field(default_factory=list, description="terminal ids placed here")


class ServicePoints(Answer):
    """``GET /api/v1/service-points`` (ETag): the county's service points."""

    version: str
    points: list[ServicePoint]
