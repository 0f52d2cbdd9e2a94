"""What the flows need from the rest of the terminal, as protocols (the real objects are
``kiosk_app.sync.online.OnlineApi``, ``kiosk_app.sync.outbox.Outbox`` and the printer adapter
``devices.printer.adapter.EscposPrinter``); tests pass small fakes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import Future
from contextlib import AbstractContextManager
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from contract.results import Result
from contract.wire import Appointment, Licences, Ticket, WorkOrder
from devices.printer.model import Receipt


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


class ReceiptPrinter(Protocol):
    def print_receipt(self, receipt: Receipt, label: str = "receipt") -> Future[Any]: ...
