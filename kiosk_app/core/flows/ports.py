"""What the flows need from the rest of the terminal, as protocols (the real objects are
``kiosk_app.sync.online.OnlineApi``, ``kiosk_app.sync.outbox.Outbox`` and the printer adapter
``devices.printer.adapter.EscposPrinter``, ``devices.a4.adapter.CupsPrinter``; for a video
call ``kiosk_app.sync.video.VideoLink`` and the UI's media engine host); tests pass small
fakes."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from concurrent.futures import Future
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from contract.hotline import RepeatMatch
from contract.ratings import RatingReasons, RatingStatus
from contract.results import (
    Conflict,
    Expired,
    Failure,
    Invalid,
    Limited,
    NotFound,
    Offline,
    Refused,
    Result,
)
from contract.wire import (
    Appointment,
    FetchedProof,
    Licences,
    Progress,
    SmsChallenge,
    TerminalHello,
    Ticket,
    VerifiedIdentity,
    VideoStatus,
    WorkOrder,
)
from devices.printer.model import Receipt

if TYPE_CHECKING:
    from kiosk_app.core.citizen import Citizen


class Problem(StrEnum):
    """Why a step did not work; the screen turns it into plain words and what to do instead."""

    OFFLINE = "offline"  # no answer from the central service
    NOT_FOUND = "not_found"  # unknown code / number
    EXPIRED = "expired"  # too late, or already used
    OTHER_SITE = "other_site"  # an appointment for another service centre
    ALREADY_DONE = "already_done"  # checked in before
    WRONG_KIND = "wrong_kind"  # a code this terminal knows, but not for this flow
    NOT_A_CODE = "not_a_code"  # nothing this terminal can read
    BAD_PHONE = "bad_phone"
    BAD_CODE6 = "bad_code6"
    MISSING = "missing"  # a required field is empty
    TOO_LONG = "too_long"
    REFUSED = "refused"  # the service will not do it here (terminal not authorised …)
    STORAGE = "storage"  # the terminal could not store the record (disk full …)
    LIMITED = "limited"  # too many tries: wait (``Outcome.detail``: the minutes) or see staff


T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a blocking step (a worker-thread call) found, handed to the flow on the GUI thread:
    its value, or the problem the screen puts into words. ``detail`` is what that wording may
    name: the other service centre, the ticket given the first time, the minutes to wait."""

    value: T | None = None
    problem: Problem | None = None
    detail: str = ""


def problem_of(result: Failure, *, refused: Problem = Problem.REFUSED) -> Problem:
    """The one mapping from a server result to what the citizen is told. ``refused`` lets a
    flow name what a refusal means in it (check-in: an appointment of another centre)."""
    match result:
        case Offline():
            return Problem.OFFLINE
        case NotFound():
            return Problem.NOT_FOUND
        case Expired():
            return Problem.EXPIRED
        case Conflict():
            return Problem.ALREADY_DONE
        case Refused():
            return refused
        case Invalid():
            return Problem.NOT_A_CODE
        case Limited():
            return Problem.LIMITED
    raise AssertionError(f"unknown result {result!r}")  # pragma: no cover - exhaustive


def wait_minutes(seconds: float) -> int:
    """A ``Limited`` wait as the screen says it: whole minutes, at least one."""
    return max(1, math.ceil(seconds / 60))


def failed(result: Failure, *, refused: Problem = Problem.REFUSED) -> Outcome[Any]:
    """``Outcome(problem=problem_of(result))`` with what the wording may name: the minutes to
    wait when rate-limited, the service centre a refusal points to (never the person)."""
    detail = ""
    if isinstance(result, Limited):
        detail = str(wait_minutes(result.retry_after_s))
    elif isinstance(result, Refused):
        detail = result.site_name
    return Outcome(problem=problem_of(result, refused=refused), detail=detail)


class CitizenApi(Protocol):
    def lookup_appointment(
        self, code: str | None = None, *, phone: str | None = None, code6: str | None = None
    ) -> Result[Appointment]: ...

    def check_in(self, code: str, *, key: str | None = None) -> Result[Ticket]: ...

    def issue_ticket(
        self, *, category: str | None = None, item_id: str | None = None, key: str | None = None
    ) -> Result[Ticket]: ...

    def redeem_authorization(self, token: str, *, key: str | None = None) -> Result[Licences]: ...

    def workorder_status(self, number: str) -> Result[WorkOrder]: ...

    def progress(self, number: str) -> Result[Progress]: ...

    def progress_with_phone(self, number: str, phone: str) -> Result[Progress]: ...

    def repeat_check(self, matter: str, phone: str, place: str = "") -> Result[RepeatMatch]: ...

    def fetch_proof(
        self,
        kind: str,
        *,
        id_number: str,
        name: str,
        assertion: str,
        key: str | None = None,
    ) -> Result[FetchedProof]: ...


class IdentityApi(Protocol):
    """The identity step's online calls (``OnlineApi`` has them)."""

    def resolve_eid(self, code: str) -> Result[VerifiedIdentity]: ...

    def send_sms_code(self, id_number: str, *, key: str | None = None) -> Result[SmsChallenge]: ...

    def check_sms_code(self, challenge: str, code: str) -> Result[VerifiedIdentity]: ...


class IdentityVerifier(Protocol):
    """A further check a site may add after the citizen is identified (none ships here).

    ``verify`` runs off the GUI thread and answers True when the person at the terminal is the
    one identified. Not face comparison by this project: under the rules on face recognition
    applications (人脸识别技术应用安全管理办法, in force 2025-06-01) face may not be the only way
    where other ways reach the same end, and face data stays on the device unless separately
    consented to; the identity step's three ways are those other ways. A site that adds face
    comparison here must keep them offered, and do liveness before comparison (GB/T 38671-2020).
    """

    def verify(self, citizen: Citizen) -> bool: ...


class Stored(Protocol):
    @property
    def key(self) -> str: ...


class OutboxTx(Protocol):
    def execute(self, sql: str, params: Any = ()) -> Any: ...

    def enqueue(
        self, type: str, payload: Mapping[str, Any], blobs: Iterable[str | Path] = ()
    ) -> Stored: ...


class OutboxPort(Protocol):
    def transaction(self) -> AbstractContextManager[OutboxTx]: ...

    def enqueue(
        self, type: str, payload: Mapping[str, Any], blobs: Iterable[str | Path] = ()
    ) -> Stored: ...


@runtime_checkable
class ReceiptPrinter(Protocol):
    def print_receipt(self, receipt: Receipt, label: str = "receipt") -> Future[Any]: ...


@runtime_checkable
class A4Printer(Protocol):
    """``devices.a4.adapter.CupsPrinter``: Futures resolve on the printer's I/O thread."""

    def print_pdf(
        self,
        pdf: bytes,
        kind: str,
        *,
        copies: int = 1,
        hold: bool = False,
        pages: int | None = None,
        ref: str = "",
    ) -> Future[Any]: ...

    def release_job(self, job_id: int) -> Future[Any]: ...

    def cancel_job(self, job_id: int) -> Future[Any]: ...


class VideoApi(Protocol):
    def video_status(self) -> Result[VideoStatus]: ...


class VideoSignalling(Protocol):
    """A call's signalling socket (``kiosk_app.sync.video.VideoLink``). What it receives reaches
    the flow's ``on_message`` / ``on_link`` on the flow's thread (the caller arranges that)."""

    def open(self, hello: TerminalHello) -> None: ...

    def send(self, message: BaseModel) -> None: ...

    def close(self) -> None: ...


class VideoMedia(Protocol):
    """The WebRTC side of a call (the UI's engine host: a separate process, so that every device
    is released when it ends). It reports back through the flow's ``on_media_*``, ``on_stats``
    and ``on_local_signal``."""

    def start(self) -> None:
        """Switch on the camera and microphone (after consent)."""

    def offer(self, ice_servers: list[dict[str, Any]]) -> None:
        """An agent answered: make the offer."""

    def signal(self, data: dict[str, Any]) -> None:
        """The agent's SDP or ICE candidate."""

    def mute(self, on: bool) -> None: ...

    def share_document(self, on: bool) -> None: ...

    def hang_up(self) -> None:
        """Drop the peer connection, keep the camera (back in the queue)."""

    def stop(self) -> None:
        """Everything off; every device released."""


class TerminalApi(CitizenApi, IdentityApi, VideoApi, Protocol):
    """Every online call the terminal's flows make (``OnlineApi`` has them all)."""

    # kiosk_app.core.flows.rating.RatingApi (that module imports this one)
    def rating_status(self, case_id: str) -> Result[RatingStatus]: ...

    def rating_reasons(self) -> Result[RatingReasons]: ...


class CachedCopy(Protocol):
    """The last good copy of a resource the sync service pulled (``kiosk_app.sync.pulls``)."""

    @property
    def data(self) -> Any: ...


class SyncPort(Protocol):
    """The running terminal's sync service (``kiosk_app.sync.service.SyncService``) as the
    context holds it: core sits below sync in the layers, so it names what the layers above
    use instead of importing the class. The technician's sync tab, which needs the service's
    own status and dead letters, asks for the class itself."""

    @property
    def online(self) -> TerminalApi: ...

    @property
    def outbox(self) -> OutboxPort: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def wake(self) -> None: ...

    def catalog(self) -> dict[str, Any] | None: ...

    def cached(self, name: str) -> CachedCopy | None: ...

    def hotline_kb(self) -> dict[str, Any] | None: ...

    def hotline_matters(self) -> dict[str, Any] | None: ...

    def published(self, name: str) -> dict[str, Any] | None: ...

    def wait_sent(self, timeout_s: float) -> bool: ...
