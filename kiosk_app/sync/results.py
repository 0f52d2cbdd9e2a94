"""Typed outcomes of the online calls, which the UI turns into plain words and an alternative.

A citizen at 2 a.m. must read "the network is down, take a ticket instead", not a stack trace: a
network failure is a value (``Offline``), never an exception, and each business outcome the
central service can give (unknown code, expired, already used, another site's appointment) has
its own type so the UI can pick the right sentence with a ``match``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


@dataclass(frozen=True)
class Ok(Generic[T]):
    value: T


@dataclass(frozen=True)
class Offline:
    """No answer (network down, timeout, TLS) or the service is failing (5xx, 429)."""

    reason: str


@dataclass(frozen=True)
class NotFound:
    """The code, token or number is unknown to the central service."""


@dataclass(frozen=True)
class Expired:
    """Too late: the appointment's slot has passed, or the authorisation was used or expired."""


@dataclass(frozen=True)
class Refused:
    """The service will not do it here (another site's appointment, terminal not authorised)."""

    reason: str


@dataclass(frozen=True)
class Conflict:
    """Already done (e.g. checked in before, with another request)."""

    reason: str


@dataclass(frozen=True)
class Invalid:
    """The input is malformed (checked before sending, or refused by the service as such)."""

    reason: str


Failure: TypeAlias = Offline | NotFound | Expired | Refused | Conflict | Invalid
Result: TypeAlias = Ok[T] | Failure


class _Model(BaseModel):
    # The service may add fields; the terminal reads what it knows.
    model_config = ConfigDict(extra="ignore", frozen=True)


class Ticket(_Model):
    number: str
    service: str
    window: str
    waiting: int
    follow_url: str
    issued_at: str
    queue: str = ""
    appointment: bool = False


class TicketPosition(_Model):
    number: str
    service: str = ""
    window: str = ""
    waiting: int
    status: str
    issued_at: str = ""
    estimated_call_at: str = ""


class Appointment(_Model):
    code: str
    name: str  # personal: the UI shows it masked
    item_id: str = ""
    service: str
    site: str = ""
    site_name: str = ""
    slot_start: str
    slot_end: str
    status: str
    ticket_number: str | None = None


class Holder(_Model):
    name: str
    id_number: str


class Licence(_Model):
    kind: str
    title: str
    number: str
    holder: str
    issuer: str
    valid_from: str
    valid_until: str | None = None


class Licences(_Model):
    holder: Holder
    licences: list[Licence]


class Stage(_Model):
    stage: str
    deadline: str | None = None
    done_at: str | None = None


class WorkOrderGroup(_Model):
    by_person: int = 0
    by_matter: int = 0


class WorkOrder(_Model):
    number: str
    category: str
    status: str
    created_at: str
    timeline: list[Stage]
    group: WorkOrderGroup = WorkOrderGroup()
