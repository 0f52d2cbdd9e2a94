"""The records a terminal's outbox sends (``POST /api/v1/events:batch``) and their payloads.

An event is stored by the service at most once per ``key`` (the outbox's idempotency key): the
same key and body again is a ``duplicate``, the same key with another body is ``rejected``. Each
event is checked on its own, so one bad record never fails the good ones of its batch.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from contract import codes
from contract.keys import IDEMPOTENCY_KEY
from contract.wire import Answer

EventType = Literal[
    "ticket.issued",
    "case.submitted",
    "rating.submitted",
    "hotline.created",
    "document.captured",
    "checkin.done",
    "session.finished",
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


class HotlinePayload(_Payload):
    """``hotline.created``: the terminal numbers the order itself, offline (``codes``)."""

    number: str = Field(pattern=codes.WORKORDER_NUMBER)
    category: str = Field(min_length=1, max_length=40)
    phone: str = Field(pattern=codes.PHONE)
    place: str = Field("", max_length=200)
    text: str = Field("", max_length=4000)


class RatingPayload(_Payload):
    """``rating.submitted``; level 5 = 非常满意 … 1 = 非常不满意."""

    level: int = Field(ge=1, le=5)
    case_id: str | None = Field(None, max_length=64)
    item_id: str | None = Field(None, max_length=64)
    window: str | None = Field(None, max_length=64)
    staff_id: str | None = Field(None, max_length=64)
    channel: str = Field("kiosk", max_length=32)


class Heartbeat(_Payload):
    """Terminal health; the known fields are checked, unknown ones kept as sent."""

    terminal_id: str | None = Field(None, max_length=64)
    app_version: str | None = Field(None, max_length=64)
    config_version: int | str | None = None
    uptime_s: float | None = Field(None, ge=0)
    outbox_depth: int | None = Field(None, ge=0)
    oldest_pending_s: float | None = Field(None, ge=0)
    last_sync_at: str | None = Field(None, max_length=40)
    devices: dict[str, Any] = Field(default_factory=dict)
