"""Printing one A4 document from a flow: preview → copies → submit → waiting / paper out → done.

The screen draws ``state`` and calls the methods; nothing here waits on the GUI thread except
``submit`` and ``cancel``, which talk to the printer and run in the UI's task manager:

    PREVIEW ──submit()──▶ SUBMITTING ──▶ WAITING ──(job completed)──▶ DONE
                              │             │  ▲
                              │             ▼  │ (paper back: released)
                              │          PAPER_OUT ──cancel()──▶ CANCELLED
                              └──(no printer, refused)──▶ FAILED

``job_update(JobUpdate)`` feeds the printer adapter's job updates in (the UI's device bridge
delivers them as ``data``); the flow matches them to its own job by the reference it gave the
job. Out of paper (or cover open, or a jam) the adapter holds the job in CUPS, the screen says
so in plain words and offers "cancel and go to the desk"; when the printer reports paper again
the flow releases the held job itself, so the citizen need not press anything.

Every document that reached the printer is logged once through the outbox as
``document.printed`` — its kind, pages, copies and how it ended, never its content — for the
county's audit. The PDF is personal: the flow holds it only in the session, and a session reset
cancels a job still in the printer's queue and drops the PDF.
"""

from __future__ import annotations

import logging
import threading
import uuid
from concurrent.futures import TimeoutError as FutureTimeout
from enum import StrEnum
from typing import Any

from devices.a4.adapter import JobUpdate, PrinterNotReady
from devices.a4.ipp import JobState
from devices.errors import DeviceError, DeviceOffline, DeviceStateError, UnsupportedOperation
from kiosk_app.core.documents.printable import Printable
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.ports import A4Printer, OutboxPort
from kiosk_app.core.session import Session

log = logging.getLogger(__name__)

_PAUSES = ("paper", "cover", "jam")


class A4PrintState(StrEnum):
    PREVIEW = "preview"
    SUBMITTING = "submitting"
    WAITING = "waiting"  # in the queue or printing
    PAPER_OUT = "paper_out"  # held (or paused in the printer) until paper, cover or jam is fixed
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


class PrintProblem(StrEnum):
    """Why a print did not happen; the screen words it and points to the desk."""

    NO_PRINTER = "no_printer"  # none configured, or not connected
    PRINTER_OFFLINE = "printer_offline"  # switched off, its queue stopped
    REFUSED = "refused"  # the printer or CUPS would not take it
    ABORTED = "aborted"  # the printer gave up on the job
    TIMEOUT = "timeout"


ENDED = (A4PrintState.DONE, A4PrintState.CANCELLED, A4PrintState.FAILED)


class A4PrintFlow:
    def __init__(
        self,
        printer: A4Printer | None,
        outbox: OutboxPort | None,
        session: Session,
        printable: Printable,
        *,
        max_copies: int,
        timeout_s: float = 10.0,
    ) -> None:
        if max_copies < 1:
            raise ValueError("max_copies must be 1 or more")
        self.printer = printer
        self.outbox = outbox
        self.session = session
        self.max_copies = max_copies
        self.timeout_s = timeout_s
        self.ref = uuid.uuid4().hex
        self.copies = 1
        self.state = A4PrintState.PREVIEW
        self.problem: PrintProblem | None = None
        self.waiting_for: str | None = None  # paper, cover, jam, printer
        self.job_id: int | None = None
        self.pages_done = 0
        self._printable: Printable | None = printable
        self._kind = printable.kind
        self._pages = printable.pages
        self._audit = {
            "kind": printable.kind,
            "subkind": printable.subkind,
            "pages": printable.pages,
            "unmasked": printable.unmasked,
            "case_id": printable.case_id,
            "proof_number": printable.proof_number,
        }
        self._logged = False
        self._lock = threading.RLock()
        session.register_wiper(f"a4print.{self.ref}", self.forget)

    # -- what the screen shows ------------------------------------------------------------------
    @property
    def printable(self) -> Printable | None:
        """The document (for the preview); None once printed, cancelled or wiped."""
        return self._printable

    @property
    def pages(self) -> int:
        return self._pages

    @property
    def ended(self) -> bool:
        return self.state in ENDED

    # -- preview -------------------------------------------------------------------------------
    def set_copies(self, copies: int) -> bool:
        """Within 1 … max_copies (``[a4] max_copies``); False (unchanged) otherwise."""
        with self._lock:
            if self.state is not A4PrintState.PREVIEW or not 1 <= copies <= self.max_copies:
                return False
            self.copies = copies
            return True

    # -- blocking steps (off the GUI thread) ---------------------------------------------------
    def submit(self) -> A4PrintState:
        with self._lock:
            if self.state is not A4PrintState.PREVIEW or self._printable is None:
                return self.state
            printable = self._printable
            self.state = A4PrintState.SUBMITTING
        if self.printer is None:
            return self._fail(PrintProblem.NO_PRINTER)
        try:
            first = self.printer.print_pdf(
                printable.pdf,
                printable.kind,
                copies=self.copies,
                pages=printable.pages,
                ref=self.ref,
            ).result(self.timeout_s)
        except (FutureTimeout, TimeoutError):
            return self._fail(PrintProblem.TIMEOUT)
        except PrinterNotReady:
            return self._fail(PrintProblem.PRINTER_OFFLINE)
        except (DeviceOffline, DeviceStateError):
            return self._fail(PrintProblem.NO_PRINTER)
        except (UnsupportedOperation, DeviceError) as exc:
            log.warning("A4 print refused", extra={"kind": self._kind, "error": type(exc).__name__})
            return self._fail(PrintProblem.REFUSED)
        self.job_update(first)
        return self.state

    def cancel(self) -> A4PrintState:
        """The citizen gives up (and goes to the desk): the job leaves the queue and the spool."""
        with self._lock:
            if self.ended:
                return self.state
            job_id = self.job_id
            if job_id is None:  # nothing sent yet
                self.state = A4PrintState.CANCELLED
                self._printable = None
                return self.state
        if self.printer is not None:
            try:
                self.printer.cancel_job(job_id).result(self.timeout_s)
            except (FutureTimeout, TimeoutError, DeviceError) as exc:
                log.warning("A4 job not cancelled", extra={"error": type(exc).__name__})
        with self._lock:
            if not self.ended:
                self.state = A4PrintState.CANCELLED
                self._finish("cancelled", self.waiting_for or "")
            return self.state

    # -- events (GUI thread, from the device bridge) ---------------------------------------------
    def job_update(self, update: Any) -> bool:
        """A ``JobUpdate`` from the printer; True when the flow's state changed."""
        if not isinstance(update, JobUpdate):
            return False
        release: int | None = None
        with self._lock:
            if update.ref != self.ref or self.ended:
                return False
            before = (self.state, self.waiting_for)
            self.job_id = update.job_id
            self.pages_done = update.pages_done
            self.waiting_for = update.waiting_for
            if update.state is JobState.COMPLETED:
                self.state = A4PrintState.DONE
                self._finish("printed", "")
            elif update.state is JobState.CANCELED:
                self.state = A4PrintState.CANCELLED
                self._finish("cancelled", "at_printer")
            elif update.state is JobState.ABORTED:
                self.state, self.problem = A4PrintState.FAILED, PrintProblem.ABORTED
                self._finish("failed", ",".join(sorted(update.reasons))[:40] or "aborted")
            elif update.waiting_for in _PAUSES:
                self.state = A4PrintState.PAPER_OUT
            elif update.state is JobState.HELD:
                # held for paper, and the paper is back: let it print
                self.state = A4PrintState.PAPER_OUT
                release = update.job_id
            else:
                self.state = A4PrintState.WAITING
            changed = before != (self.state, self.waiting_for)
        if release is not None and self.printer is not None:
            self.printer.release_job(release)  # a Future: the next update follows
        return changed

    # -- end -----------------------------------------------------------------------------------
    def forget(self) -> None:
        """Session reset: a job still queued is cancelled (it is the last citizen's), the PDF
        dropped. Runs on the GUI thread: the cancel is sent, not waited for."""
        with self._lock:
            job_id = None if self.ended else self.job_id
            if not self.ended and self.state is not A4PrintState.PREVIEW:
                self.state = A4PrintState.CANCELLED
                self._finish("cancelled", "session_reset")
            self._printable = None
        if job_id is not None and self.printer is not None:
            self.printer.cancel_job(job_id)
        self.session.unregister_wiper(f"a4print.{self.ref}")

    def _fail(self, problem: PrintProblem) -> A4PrintState:
        """Nothing reached the printer: no audit record (nothing was printed)."""
        with self._lock:
            self.state, self.problem = A4PrintState.FAILED, problem
            self._printable = None
            return self.state

    def _finish(self, outcome: str, reason: str) -> None:
        """Log the print for the audit, once; drop the PDF (lock held)."""
        self._printable = None
        if self._logged or self.job_id is None:
            return
        self._logged = True
        payload = {k: v for k, v in self._audit.items() if v not in (None, "")}
        payload.update(copies=self.copies, outcome=outcome)
        if reason:
            payload["reason"] = reason
        if self.outbox is None:
            log.warning("A4 print not audited: no outbox", extra={"kind": self._kind})
            return
        try:
            self.outbox.enqueue("document.printed", payload)
        except OutboxError as exc:
            log.error("A4 print not audited", extra={"kind": self._kind, "error": str(exc)})
