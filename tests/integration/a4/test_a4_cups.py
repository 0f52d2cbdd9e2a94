"""The A4 adapter against a real CUPS (a private cupsd started by the test): a licence copy
comes out of cups-pdf as an A4 PDF with its watermark; out of paper the job is held in CUPS and
the adapter says so; released or cancelled, nothing of the job is left in the spool."""

from __future__ import annotations

import subprocess
from datetime import datetime

import cups
import pytest

from contract.wire import Licence
from devices.a4.adapter import CupsPrinter, JobState
from devices.base import DeviceState
from devices.errors import UnsupportedOperation
from kiosk_app.core.documents.licence_copy import licence_copy

LICENCE = Licence(
    kind="id_card",
    title="居民身份证",
    number="350999198503121315",
    holder="张伟",
    issuer="示范县公安局",
    valid_from="2016-06-01",
    valid_until="2036-05-31",
)


def _copy() -> bytes:
    doc = licence_copy(
        LICENCE,
        purpose="不动产登记",
        terminal_id="HALL-24H-01",
        printed_at=datetime(2026, 12, 6, 10, 30),
        unmasked=False,
    )
    return doc.pdf().pdf


def _text(path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _own_view(sim) -> cups.Connection:
    """A second, independent look at the server (what lpstat would see)."""
    return cups.Connection(host=sim.server)


def test_a_licence_copy_comes_out_of_cups_pdf_as_a4_with_its_watermark(
    cups_sim, printer_on
) -> None:
    dev, rec = printer_on(cups_sim.pdf_queue)
    first = dev.print_pdf(_copy(), "licence_copy").result(15)
    assert first.state in (JobState.PENDING, JobState.PROCESSING) and not first.held
    done = rec.job(first.job_id, lambda u: u.ended, timeout=60)
    assert done.state is JobState.COMPLETED and "job-completed-successfully" in done.reasons

    (out,) = cups_sim.printed_pdfs()
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Page size:       595 x 842 pts (A4)" in info
    text = _text(out)
    assert "用途：仅供办理不动产登记使用，再次复印无效。" in text
    assert "350999********1315" in text and "350999198503121315" not in text
    watermark = "".join(_text(out, "-raw").split())
    assert watermark.count("仅供办理不动产登记使用，再次复印无效") >= 4  # the diagonal tiles
    assert "kiosk-licence_copy" in out.name  # the job's title: the kind, nobody's name

    # nothing of the job left on the server: no spool files, no history
    assert cups_sim.spool_files() == []
    assert _own_view(cups_sim).getJobs(which_jobs="all") == {}
    health = dev.check_health()
    assert health.ok and health.detail["live_jobs"] == 0
    assert health.detail["server_keeps_history"] is False


def test_out_of_paper_the_job_is_held_then_released_by_the_caller(cups_sim, printer_on) -> None:
    dev, rec = printer_on(cups_sim.eve_queue)
    cups_sim.set_paper(0)
    rec.status("paper_out")  # asked from the printer itself: CUPS does not poll an idle one
    assert dev.check_health().detail["paper"] == "paper_out"
    assert "media-empty" in dev.condition.reasons

    first = dev.print_pdf(_copy(), "licence_copy").result(15)
    assert first.held and first.waiting_for == "paper"
    wanted = ["job-state", "job-hold-until", "job-name"]
    attrs = _own_view(cups_sim).getJobAttributes(first.job_id, requested_attributes=wanted)
    assert attrs["job-state"] == cups.IPP_JOB_HELD and attrs["job-hold-until"] == "indefinite"
    assert attrs["job-name"] == "kiosk-licence_copy"
    assert dev.check_health().detail["held_jobs"] == 1

    cups_sim.set_paper(250)
    rec.status("paper_ok")
    back = rec.job(first.job_id, lambda u: u.held and u.waiting_for is None)
    assert back.state is JobState.HELD  # still held: releasing is the caller's decision
    dev.release_job(first.job_id).result(10)
    done = rec.job(first.job_id, lambda u: u.ended, timeout=60)
    assert done.state is JobState.COMPLETED
    assert cups_sim.spool_files() == []


def test_a_held_job_cancelled_leaves_nothing_in_the_spool(cups_sim, printer_on) -> None:
    dev, rec = printer_on(cups_sim.eve_queue)
    cups_sim.set_paper(0)
    rec.status("paper_out")
    first = dev.print_pdf(_copy(), "licence_copy", copies=2).result(15)
    assert first.held
    assert any(p.name.startswith("d") for p in cups_sim.spool_files())  # the PDF, while it waits
    gone = dev.cancel_job(first.job_id).result(10)
    assert gone.state is JobState.CANCELED
    assert rec.job(first.job_id, lambda u: u.state is JobState.CANCELED)
    assert cups_sim.spool_files() == []
    assert _own_view(cups_sim).getJobs(which_jobs="all") == {}
    assert dev.jobs() == []


def test_bad_jobs_are_refused_with_a_reason_and_nothing_is_queued(cups_sim, printer_on) -> None:
    dev, _ = printer_on(cups_sim.pdf_queue, max_copies=3)
    for pdf, kind, copies, match in (
        (b"<html>not a pdf</html>", "licence_copy", 1, "PDF"),
        (_copy(), "licence copy of 张伟", 1, "kind"),
        (_copy(), "licence_copy", 4, "copies"),
    ):
        with pytest.raises(UnsupportedOperation, match=match):
            dev.print_pdf(pdf, kind, copies=copies).result(10)
    assert _own_view(cups_sim).getJobs(which_jobs="all") == {}


def test_a_missing_queue_is_named_with_the_ones_that_exist(cups_sim) -> None:
    dev = CupsPrinter("a4_printer", {"server": cups_sim.server, "queue": "no-such-queue"})
    dev.start()
    try:
        assert dev.wait_for(DeviceState.ERROR, timeout=10)
        err = dev.check_health().last_error
        assert "no-such-queue" in err and cups_sim.pdf_queue in err and cups_sim.eve_queue in err
    finally:
        dev.close()


def test_cupsd_gone_the_printer_goes_offline_and_comes_back(cups_sim) -> None:
    dev = CupsPrinter(
        "a4_printer",
        {"server": cups_sim.server, "queue": cups_sim.pdf_queue, "status_interval_s": 0.2},
    )
    dev.start()
    try:
        assert dev.wait_for(DeviceState.ENABLED, timeout=10)
        cups_sim.stop_server()
        assert dev.wait_for(DeviceState.OFFLINE, timeout=10)
        assert dev.print_pdf(_copy(), "licence_copy").exception(10) is not None
        cups_sim.start_server()  # same socket, a new cupsd
        assert dev.wait_for(DeviceState.ENABLED, timeout=15)
        first = dev.print_pdf(_copy(), "licence_copy").result(15)
        assert first.job_id > 0
    finally:
        dev.close()
