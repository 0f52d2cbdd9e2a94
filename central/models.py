"""Request and response bodies of the Terminal API; the OpenAPI document is generated from these."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

EVENT_TYPES = (
    "ticket.issued",
    "case.submitted",
    "rating.submitted",
    "hotline.created",
    "document.captured",
    "checkin.done",
    "session.finished",
)
EventType = Literal[
    "ticket.issued",
    "case.submitted",
    "rating.submitted",
    "hotline.created",
    "document.captured",
    "checkin.done",
    "session.finished",
]

APPOINTMENT_CODE = r"^(ZWFW-YY:)?[A-Z0-9]{10}$"
AUTH_TOKEN = r"^(ZWFW-SQ:)?[A-Za-z0-9_-]{32}$"
TICKET_NUMBER = r"^[A-Z][0-9]{3,4}$"
WORKORDER_NUMBER = r"^12345-[0-9]{8}-[A-Z2-7]{4}-[0-9]{4}$"
SHA256_HEX = r"^[0-9a-f]{64}$"
PHONE = r"^1[3-9][0-9]{9}$"


class Error(BaseModel):
    detail: str = Field(description="what went wrong, in words a technician can act on")


class ValidationProblem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationError(BaseModel):
    detail: str
    errors: list[ValidationProblem] = Field(default_factory=list)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventIn(_In):
    """One outbox record. Checked one by one so a bad record never blocks the good ones."""

    key: str = Field(
        description="UUID idempotency key",
        pattern=r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$",
    )
    type: EventType
    terminal_id: str = Field(min_length=1, max_length=64)
    created_at: str = Field(description="ISO 8601 time with offset", max_length=40)
    payload: dict[str, Any]


class EventBatch(BaseModel):
    events: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=1000,
        description="EventIn objects (key, type, terminal_id, created_at, payload); each is "
        "validated on its own and rejected alone if invalid",
    )


class EventResult(BaseModel):
    key: str | None
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str | None = None


class EventBatchResult(BaseModel):
    results: list[EventResult]


class HotlinePayload(BaseModel):
    """Payload of a `hotline.created` event: the terminal numbers the order itself, offline."""

    model_config = ConfigDict(extra="allow")
    number: str = Field(pattern=WORKORDER_NUMBER)
    category: str = Field(min_length=1, max_length=40)
    phone: str = Field(pattern=PHONE)
    place: str = Field("", max_length=200)
    text: str = Field("", max_length=4000)


class RatingPayload(BaseModel):
    """Payload of a `rating.submitted` event; level 5 = 非常满意 … 1 = 非常不满意."""

    model_config = ConfigDict(extra="allow")
    level: int = Field(ge=1, le=5)
    case_id: str | None = Field(None, max_length=64)
    item_id: str | None = Field(None, max_length=64)
    window: str | None = Field(None, max_length=64)
    staff_id: str | None = Field(None, max_length=64)
    channel: str = Field("kiosk", max_length=32)


class Heartbeat(BaseModel):
    """Free-form terminal health; the known fields are checked, unknown ones kept as sent."""

    model_config = ConfigDict(extra="allow")
    terminal_id: str | None = Field(None, max_length=64)
    app_version: str | None = Field(None, max_length=64)
    config_version: int | str | None = None
    uptime_s: float | None = Field(None, ge=0)
    outbox_depth: int | None = Field(None, ge=0)
    oldest_pending_s: float | None = Field(None, ge=0)
    last_sync_at: str | None = Field(None, max_length=40)
    devices: dict[str, Any] = Field(default_factory=dict)


class CatalogItem(BaseModel):
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


class Catalog(BaseModel):
    version: str
    items: list[CatalogItem]


class TerminalConfigPush(BaseModel):
    terminal_id: str
    version: int
    config: dict[str, Any]
    key_id: str = Field(description="first 16 hex digits of sha256 of the raw public key")
    public_key: str = Field(description="base64 raw Ed25519 public key")
    signature: str = Field(
        description="base64 Ed25519 signature over the canonical JSON (sorted keys, no spaces, "
        "UTF-8) of {terminal_id, version, config}"
    )


class AppointmentLookup(_In):
    code: str | None = Field(None, pattern=APPOINTMENT_CODE)
    phone: str | None = Field(None, pattern=PHONE)
    code6: str | None = Field(None, pattern=r"^[0-9]{6}$")

    @model_validator(mode="after")
    def _one_way(self) -> AppointmentLookup:
        by_code = self.code is not None
        by_phone = self.phone is not None or self.code6 is not None
        if by_code == by_phone or (by_phone and (self.phone is None or self.code6 is None)):
            raise ValueError("give either code, or phone together with code6")
        return self


class Appointment(BaseModel):
    code: str
    name: str
    item_id: str
    service: str
    site: str
    site_name: str
    slot_start: str
    slot_end: str
    status: Literal["booked", "checked_in", "expired"]
    ticket_number: str | None


class TicketRequest(_In):
    category: str | None = Field(None, min_length=1, max_length=40)
    item_id: str | None = Field(None, min_length=1, max_length=32)

    @model_validator(mode="after")
    def _one_of(self) -> TicketRequest:
        if (self.category is None) == (self.item_id is None):
            raise ValueError("give exactly one of category or item_id")
        return self


class Ticket(BaseModel):
    number: str
    service: str
    window: str
    waiting: int = Field(description="people ahead in this queue when issued")
    follow_url: str
    issued_at: str
    queue: str
    appointment: bool = False


class CheckinResult(BaseModel):
    ticket: Ticket


class TicketPosition(BaseModel):
    number: str
    service: str
    window: str
    waiting: int = Field(description="people ahead now")
    status: Literal["waiting", "called"]
    issued_at: str
    estimated_call_at: str


class RedeemRequest(_In):
    token: str = Field(pattern=AUTH_TOKEN)


class Holder(BaseModel):
    name: str
    id_number: str


class Licence(BaseModel):
    kind: str
    title: str
    number: str
    holder: str
    issuer: str
    valid_from: str
    valid_until: str | None


class RedeemResult(BaseModel):
    holder: Holder
    licences: list[Licence]


class Stage(BaseModel):
    stage: Literal["received", "contacted", "on_site", "feedback", "result"]
    deadline: str | None
    done_at: str | None


class WorkOrderGroup(BaseModel):
    by_person: int = Field(description="orders from the same phone in the last 30 days (一人多次)")
    by_matter: int = Field(
        description="orders about the same category and place in the last 30 days (一事多人)"
    )


class WorkOrder(BaseModel):
    number: str
    category: str
    status: Literal["received", "contacted", "on_site", "feedback", "result"]
    created_at: str
    timeline: list[Stage]
    group: WorkOrderGroup
