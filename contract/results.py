"""Typed outcomes of an online call, which the UI turns into plain words and an alternative.

A citizen at 2 a.m. must read "the network is down, take a ticket instead", not a stack trace: a
network failure is a value (``Offline``), never an exception, and each business outcome the
central service gives (unknown code, expired, already used, another site's appointment) has its
own type, so a screen picks its sentence with a ``match``. The HTTP status each one stands for is
part of the contract: 404 NotFound, 410 Expired, 409 Conflict, 400/422 Invalid, 401/403 Refused,
429 Limited, anything else or no answer Offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Ok(Generic[T]):
    value: T


@dataclass(frozen=True)
class Offline:
    """No answer (network down, timeout, TLS) or the service is failing (5xx)."""

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
    site_name: str = ""  # another site's appointment: where to go instead


@dataclass(frozen=True)
class Conflict:
    """Already done (e.g. checked in before, with another request)."""

    reason: str


@dataclass(frozen=True)
class Invalid:
    """The input is malformed (checked before sending, or refused by the service as such)."""

    reason: str


@dataclass(frozen=True)
class Limited:
    """Too many tries: the service asks to wait ``retry_after_s`` seconds (HTTP 429)."""

    retry_after_s: float


Failure: TypeAlias = Offline | NotFound | Expired | Refused | Conflict | Invalid | Limited
Result: TypeAlias = Ok[T] | Failure
