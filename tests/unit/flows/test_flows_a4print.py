"""The A4 print flow on a fake printer: copies within the limit, waiting, paper out (held, then
released by the flow when paper is back), cancel, a session reset, and one audit record per
print that names the kind of document and nothing of its content."""

from __future__ import annotations

import json
from concurrent.futures import Future
from typing import Any

import pytest

from devices.a4.adapter import JobUpdate, PrinterNotReady
from devices.a4.ipp import JobState
from devices.errors import DeviceOffline
from kiosk_app.core.documents.printable import Printable
from kiosk_app.core.flows.a4print import A4PrintFlow, A4PrintState, PrintProblem

PDF = b"%PDF-1.5 personal content 350999198503121315"


class FakeA4:
    """Answers like CupsPrinter: a first JobUpdate from print_pdf, Futures for the rest."""

    def __init__(self, first: JobState = JobState.PENDING, fail: Exception | None = None) -> None:
        self.first, self.fail = first, fail
        self.calls: list[tuple[str, Any]] = []
        self.ref = ""

    def _done(self, value: Any) -> Future[Any]:
        f: Future[Any] = Future()
        if self.fail is not None:
            f.set_exception(self.fail)
        else:
            f.set_result(value)
        return f

    def print_pdf(self, pdf, kind, *, copies=1, hold=False, pages=None, ref=""):  # type: ignore[no-untyped-def]
        self.calls.append(("print", {"kind": kind, "copies": copies, "pages": pages}))
        self.ref = ref
        waiting = "paper" if self.first is JobState.HELD else None
        return self._done(JobUpdate(7, kind, self.first, waiting_for=waiting, ref=ref))

    def release_job(self, job_id):  # type: ignore[no-untyped-def]
        self.calls.append(("release", job_id))
        return self._done(None)

    def cancel_job(self, job_id):  # type: ignore[no-untyped-def]
        self.calls.append(("cancel", job_id))
        return self._done(None)

    def update(
        self, state: JobState, waiting: str | None = None, ref: str | None = None
    ) -> JobUpdate:
        return JobUpdate(7, "licence_copy", state, waiting_for=waiting, ref=ref or self.ref)


def _printable() -> Printable:
    return Printable("licence_copy", PDF, 1, subkind="id_card", unmasked=True)


def _audit(outbox) -> list[dict[str, Any]]:
    """The audit records waiting in the outbox (leased: read once per test)."""
    rows = outbox.lease(100, 60)
    return [json.loads(r.body)["payload"] for r in rows if r.type == "document.printed"]


def test_copies_stay_within_the_configured_limit(outbox, session) -> None:
    flow = A4PrintFlow(FakeA4(), outbox, session, _printable(), max_copies=3)
    assert flow.set_copies(3) and flow.copies == 3
    assert not flow.set_copies(4) and not flow.set_copies(0) and flow.copies == 3
    with pytest.raises(ValueError):
        A4PrintFlow(FakeA4(), outbox, session, _printable(), max_copies=0)


def test_a_print_waits_then_is_done_and_audited_once_without_content(outbox, session) -> None:
    printer = FakeA4()
    flow = A4PrintFlow(printer, outbox, session, _printable(), max_copies=3)
    flow.set_copies(2)
    assert flow.submit() is A4PrintState.WAITING
    assert printer.calls[0] == ("print", {"kind": "licence_copy", "copies": 2, "pages": 1})
    assert not flow.set_copies(1)  # too late once sent
    assert not flow.job_update(printer.update(JobState.PENDING, ref="someone-else"))
    assert flow.job_update(printer.update(JobState.COMPLETED))
    assert flow.state is A4PrintState.DONE and flow.printable is None  # the PDF is dropped
    flow.job_update(printer.update(JobState.COMPLETED))  # a late duplicate changes nothing
    (audit,) = _audit(outbox)
    assert audit == {
        "kind": "licence_copy",
        "subkind": "id_card",
        "pages": 1,
        "copies": 2,
        "outcome": "printed",
        "unmasked": True,
    }
    assert "350999" not in json.dumps(audit)


def test_out_of_paper_the_job_is_held_and_released_when_paper_is_back(outbox, session) -> None:
    printer = FakeA4(first=JobState.HELD)
    flow = A4PrintFlow(printer, outbox, session, _printable(), max_copies=3)
    assert flow.submit() is A4PrintState.PAPER_OUT and flow.waiting_for == "paper"
    assert ("release", 7) not in printer.calls
    # the adapter says the tray has paper again: the held job is released by the flow
    assert flow.job_update(printer.update(JobState.HELD, waiting=None)) is True
    assert ("release", 7) in printer.calls
    flow.job_update(printer.update(JobState.PROCESSING))
    assert flow.state is A4PrintState.WAITING
    flow.job_update(printer.update(JobState.PROCESSING, waiting="paper"))  # ran out mid-job
    assert flow.state is A4PrintState.PAPER_OUT
    flow.job_update(printer.update(JobState.COMPLETED))
    assert flow.state is A4PrintState.DONE and _audit(outbox)[0]["outcome"] == "printed"


def test_the_citizen_cancels_while_it_waits_for_paper(outbox, session) -> None:
    printer = FakeA4(first=JobState.HELD)
    flow = A4PrintFlow(printer, outbox, session, _printable(), max_copies=3)
    flow.submit()
    assert flow.cancel() is A4PrintState.CANCELLED
    assert ("cancel", 7) in printer.calls
    (audit,) = _audit(outbox)
    assert audit["outcome"] == "cancelled" and audit["reason"] == "paper"


def test_cancel_before_sending_prints_and_logs_nothing(outbox, session) -> None:
    printer = FakeA4()
    flow = A4PrintFlow(printer, outbox, session, _printable(), max_copies=3)
    assert flow.cancel() is A4PrintState.CANCELLED
    assert flow.submit() is A4PrintState.CANCELLED and printer.calls == []
    assert _audit(outbox) == []


@pytest.mark.parametrize(
    ("printer", "problem"),
    [
        (None, PrintProblem.NO_PRINTER),
        (FakeA4(fail=DeviceOffline("gone")), PrintProblem.NO_PRINTER),
        (FakeA4(fail=PrinterNotReady("queue stopped")), PrintProblem.PRINTER_OFFLINE),
    ],
)
def test_no_printer_or_an_offline_one_fails_plainly(outbox, session, printer, problem) -> None:
    flow = A4PrintFlow(printer, outbox, session, _printable(), max_copies=3)
    assert flow.submit() is A4PrintState.FAILED and flow.problem is problem
    assert flow.printable is None and _audit(outbox) == []  # nothing printed, nothing to audit


def test_an_aborted_job_is_a_failure_with_its_reason(outbox, session) -> None:
    printer = FakeA4()
    flow = A4PrintFlow(printer, outbox, session, _printable(), max_copies=3)
    flow.submit()
    vanished = frozenset({"job-vanished"})
    flow.job_update(JobUpdate(7, "licence_copy", JobState.ABORTED, vanished, ref=printer.ref))
    assert flow.state is A4PrintState.FAILED and flow.problem is PrintProblem.ABORTED
    (audit,) = _audit(outbox)
    assert audit["outcome"] == "failed" and audit["reason"] == "job-vanished"


def test_a_session_reset_cancels_the_queued_job_and_drops_the_pdf(outbox, session) -> None:
    printer = FakeA4(first=JobState.HELD)
    flow = A4PrintFlow(printer, outbox, session, _printable(), max_copies=3)
    flow.submit()
    session.reset("idle")
    assert flow.state is A4PrintState.CANCELLED and flow.printable is None
    assert ("cancel", 7) in printer.calls
    assert _audit(outbox)[0]["reason"] == "session_reset"
