"""The records a terminal's outbox sends (``POST /api/v1/events:batch``) and their payloads.

An event is stored by the service at most once per ``key`` (the outbox's idempotency key): the
same key and body again is a ``duplicate``, the same key with another body is ``rejected``. Each
event is checked on its own, so one bad record never fails the good ones of its batch.
"""

from __future__ import annotations

import json
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from contract import codes
from contract.keys import IDEMPOTENCY_KEY
from contract.limits import EVENT, HEARTBEAT, MAX_HEARTBEAT_BYTES, json_problem
from contract.updates import UpdateReport
from contract.wire import Answer

EventType = Literal[
    "ticket.issued",
    "case.submitted",
    "rating.submitted",
    "hotline.created",
    "document.captured",
    "checkin.done",
    "session.finished",
    "pin.locked",
    "document.printed",
    "video.callback_requested",
    "hotline.kb_answered",
    "utility.applied",
]
EVENT_TYPES: frozenset[str] = frozenset(get_args(EventType))
MAX_BATCH = 1000


class EventIn(BaseModel):
    """One outbox record."""

    model_config = ConfigDict(extra="forbid")
    key: str = Field(description="UUID idempotency key", pattern=IDEMPOTENCY_KEY)
    type: EventType
    terminal_id: str = Field(min_length=1, max_length=64)
    created_at: str = Field(description="ISO 8601 time with offset", max_length=40)
    payload: dict[str, Any]

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        if (problem := json_problem(data, EVENT)) is not None:
            raise ValueError(problem)
        return data


class EventBatch(BaseModel):
    events: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description="EventIn objects (key, type, terminal_id, created_at, payload); each is "
        "validated on its own and rejected alone if invalid",
    )


class EventResult(Answer):
    key: str | None
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str | None = None


class EventBatchResult(Answer):
    results: list[EventResult]


class _Payload(BaseModel):
    # a newer terminal may send more than this service knows; it is kept as sent
    model_config = ConfigDict(extra="allow")


class Caller(BaseModel):
    """A 12345 caller who chose to give their name, as the terminal's identity step found
    them (the card on the reader, the e-ID, a typed number with a texted code). Absent when
    the citizen files anonymously: naming oneself stays optional."""

    model_config = ConfigDict(extra="forbid")
    source: Literal["id_card", "eid", "sms"]
    name: str = Field(min_length=1, max_length=60)
    id_number: str = Field(pattern=r"^[0-9A-Z]{15,18}$")


class HotlinePayload(_Payload):
    """``hotline.created``: the terminal numbers the order itself, offline (``codes``)."""

    number: str = Field(pattern=codes.WORKORDER_NUMBER)
    category: str = Field(min_length=1, max_length=40)
    phone: str = Field(pattern=codes.PHONE)
    place: str = Field("", max_length=200)
    text: str = Field("", max_length=4000)
    caller: Caller | None = Field(None, description="the named caller; absent: anonymous")
    # issue 17: the matter code of the classification (contract.hotline; it sets the deadline
    # tier and the grouping), and for a visitor's complaint (投诉即办) the kind of place
    matter: str | None = Field(None, pattern=r"^[0-9]{2}([0-9]{2})?$")
    place_type: Literal["scenic", "hotel", "restaurant", "shop", "transport"] | None = None
    tourist: bool = False

    @field_validator("number")
    @classmethod
    def _check_digit(cls, number: str) -> str:
        if codes.parse_number(number) is None:
            raise ValueError("the work-order number's check digit is wrong")
        return number


class KbAnsweredPayload(_Payload):
    """``hotline.kb_answered``: a knowledge-base answer ended the citizen's 12345 flow ("this
    answered my question"), counted per answer and matter; what was typed is not sent."""

    answer_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")
    category: str = Field(pattern=r"^[0-9]{2}([0-9]{2})?$", description="matter code")
    searched: bool = Field(False, description="found by typing (else by picking a topic)")


class RatingPayload(_Payload):
    """``rating.submitted``; level 5 = 非常满意 … 1 = 非常不满意."""

    level: int = Field(ge=1, le=5)
    case_id: str | None = Field(None, max_length=64)
    item_id: str | None = Field(None, max_length=64)
    window: str | None = Field(None, max_length=64)
    staff_id: str | None = Field(None, max_length=64)
    channel: str = Field("kiosk", max_length=32)


class PinLockedPayload(_Payload):
    """``pin.locked``: a technician's or a clerk's PIN pad locked after wrong PINs. The service
    shows it among the fleet's alerts; nothing personal (a staff id is not)."""

    who: Literal["technician", "staff"]
    staff_id: str | None = Field(None, pattern=codes.STAFF_ID)
    failures: int = Field(ge=1, description="wrong PINs in a row, over every lockout")
    locked_for_s: float = Field(ge=0, allow_inf_nan=False)


PrintKind = Literal["licence_copy", "proof", "checklist", "case_receipt"]


class PrintedPayload(_Payload):
    """``document.printed``: one A4 print for the county's audit — what kind of document, how
    many pages and copies, how it ended; never its content or whose it was."""

    kind: PrintKind
    subkind: str = Field(
        "", max_length=40, pattern=r"^[a-z0-9_]*$", description="licence kind, proof kind …"
    )
    pages: int = Field(ge=1, le=500)
    copies: int = Field(ge=1, le=99)
    outcome: Literal["printed", "cancelled", "failed"]
    reason: str = Field("", max_length=40, description="why not printed: paper_out, offline …")
    unmasked: bool = Field(
        False,
        description="a licence copy printed with the holder's data in full, as the "
        "citizen asked and confirmed",
    )
    case_id: str | None = Field(None, max_length=64)
    proof_number: str | None = Field(None, pattern=codes.PROOF_NUMBER)


# why a citizen asked to be called back (the terminal's video call flow offers it for these)
CallbackReason = Literal["slow_network", "no_agent", "closed", "dropped", "other"]


class CallbackPayload(_Payload):
    """``video.callback_requested``: a video call could not be held (the network too slow, no
    agent free, outside the hours) and the citizen left a phone number to be called back. The
    phone is personal: the service keeps it encrypted and shows it to signed-in agents only."""

    phone: str = Field(pattern=codes.PHONE)
    reason: CallbackReason
    flow: str = Field("home", max_length=40, pattern=r"^[a-z0-9_]+$")
    call_id: str | None = Field(None, max_length=40)
    requested_at: str = Field(max_length=40, description="ISO 8601 time with offset")


class Heartbeat(_Payload):
    """Terminal health; the known fields are checked, unknown ones kept as sent, within bounds
    (``contract.limits.HEARTBEAT``)."""

    terminal_id: str | None = Field(None, max_length=64)
    app_version: str | None = Field(None, max_length=64, description="the version running")
    fallback_version: str | None = Field(
        None, max_length=64, description="the version it would go back to if this one failed"
    )
    update: UpdateReport | None = Field(None, description="what became of the last update")
    config_version: int | str | None = None
    uptime_s: float | None = Field(None, ge=0)
    outbox_depth: int | None = Field(None, ge=0)
    oldest_pending_s: float | None = Field(None, ge=0)
    last_sync_at: str | None = Field(None, max_length=40)
    devices: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        if (problem := json_problem(data, HEARTBEAT)) is not None:
            raise ValueError(problem)
        if len(json.dumps(data, ensure_ascii=False).encode()) > MAX_HEARTBEAT_BYTES:
            raise ValueError(f"a heartbeat is at most {MAX_HEARTBEAT_BYTES} bytes of JSON")
        return data
