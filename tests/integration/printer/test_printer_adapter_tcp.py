"""The printer adapter against the TCP simulator: real sockets, real DLE EOT, real reconnects."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from datetime import datetime
from typing import Any

import numpy as np
import pytest
import zxingcpp
from PIL import Image as PILImage

from devices.errors import (
    CoverOpen,
    DeviceConfigError,
    DeviceTimeout,
    PaperOut,
    UnsupportedOperation,
)
from devices.events import DeviceState, ErrorEvent, Event, StatusEvent
from devices.printer.adapter import FilePrinter, NetworkPrinter, PrintResult
from devices.printer.encoder import encode
from devices.printer.model import Receipt
from devices.printer.profiles import get_profile
from devices.printer.render import render
from devices.printer.simulator import PrinterSimulator
from devices.printer.templates import materials_checklist, queue_ticket

NOW = datetime(2026, 11, 25, 23, 5)
FOLLOW = "https://central.example/q/A023"
STATUS_QUERIES = b"\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04"


def _codes(img: PILImage.Image) -> set[str]:
    return {r.text for r in zxingcpp.read_barcodes(np.asarray(img))}


def _ticket() -> Receipt:
    return queue_ticket("A023", "不动产登记", "3号窗口", 5, FOLLOW, NOW)


class Events:
    """Collects events from the I/O thread; waits without sleeping blindly."""

    def __init__(self) -> None:
        self.items: list[Event] = []
        self.threads: set[str] = set()
        self._cond = threading.Condition()

    def __call__(self, ev: Event) -> None:
        with self._cond:
            self.items.append(ev)
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def statuses(self) -> list[str]:
        with self._cond:
            return [e.status for e in self.items if isinstance(e, StatusEvent)]

    def wait_status(self, status: str, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            while status not in [e.status for e in self.items if isinstance(e, StatusEvent)]:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return True

    def clear(self) -> None:
        with self._cond:
            self.items.clear()


@pytest.fixture
def sim() -> Iterator[PrinterSimulator]:
    s = PrinterSimulator(profile="58mm").start()
    yield s
    s.stop()


def _printer(sim: PrinterSimulator, **extra: Any) -> NetworkPrinter:
    params = {
        "host": "127.0.0.1",
        "port": sim.port,
        "profile": "58mm",
        "status_interval_s": 0.05,
        "status_timeout_s": 0.3,
        "backoff_cap_s": 0.2,
        **extra,
    }
    return NetworkPrinter("printer", params)


@pytest.fixture
def printer(sim: PrinterSimulator) -> Iterator[tuple[NetworkPrinter, Events]]:
    p = _printer(sim)
    ev = Events()
    p.subscribe(ev)
    p.start()
    assert p.wait_for(DeviceState.ENABLED)
    yield p, ev
    p.close()


def test_ticket_prints_over_tcp_and_its_qr_decodes(printer, sim) -> None:
    p, ev = printer
    result = p.print_receipt(_ticket(), "queue_ticket").result(5)
    assert isinstance(result, PrintResult) and result.status.answered
    assert sim.wait_for_receipts(1)
    rec = sim.receipts[0]
    assert _codes(rec.image) == {FOLLOW}
    # The bytes arrived intact: the simulator's page equals a local render of the same job.
    job = encode(_ticket(), get_profile("58mm"))
    assert rec.raw.replace(STATUS_QUERIES, b"") == job
    assert np.array_equal(np.asarray(rec.image), np.asarray(render(job, "58mm")[0]))
    assert (np.asarray(rec.image)[:60] < 128).sum() > 500  # the Chinese title has ink
    assert ev.threads == {"device-printer"}  # callbacks run on the I/O thread only


def test_jobs_from_many_threads_all_print(printer, sim) -> None:
    p, _ = printer
    futures: list[Future[Any]] = []
    lock = threading.Lock()

    def worker() -> None:
        f = p.print_receipt(_ticket())
        with lock:
            futures.append(f)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for f in futures:
        f.result(5)
    assert sim.wait_for_receipts(3)
    assert all(_codes(r.image) == {FOLLOW} for r in sim.receipts)


def test_status_events_follow_the_paper_and_cover(printer, sim) -> None:
    p, ev = printer
    assert ev.wait_status("paper_ok")
    sim.set_paper("low")
    assert ev.wait_status("paper_low")
    assert p.check_health().detail["paper"] == "low"
    sim.set_cover(True)
    assert ev.wait_status("cover_open")
    with pytest.raises(CoverOpen):
        p.print_receipt(_ticket()).result(5)
    sim.set_cover(False)
    assert ev.wait_status("cover_closed")
    p.retry_held()[0].result(5)
    assert sim.wait_for_receipts(1)


def test_paper_out_keeps_the_job_and_retry_prints_it(printer, sim) -> None:
    p, ev = printer
    sim.set_paper("out")
    assert ev.wait_status("paper_out")
    with pytest.raises(PaperOut, match="kept"):
        p.print_receipt(_ticket()).result(5)
    assert len(p.held_jobs()) == 1
    errors = [e for e in ev.items if isinstance(e, ErrorEvent)]
    assert errors and isinstance(errors[-1].error, PaperOut) and errors[-1].can_retry
    assert sim.receipts == []
    sim.set_paper("ok")
    assert ev.wait_status("paper_ok")
    [fut] = p.retry_held()
    fut.result(5)
    assert p.held_jobs() == []
    assert sim.wait_for_receipts(1)
    assert _codes(sim.receipts[0].image) == {FOLLOW}


def test_paper_running_out_mid_job_is_caught_between_chunks(sim) -> None:
    p = _printer(sim, chunk_bytes=200)
    ev = Events()
    p.subscribe(ev)
    p.start()
    try:
        assert p.wait_for(DeviceState.ENABLED)
        items = [f"第{i}项材料（原件及复印件）" for i in range(1, 25)]
        receipt = materials_checklist("个体工商户设立登记", items, window="5号窗口")
        receipt.blocks.insert(-1, _ticket().blocks[-4])  # the follow QR, for the oracle
        sim.paper_out_after(600)
        with pytest.raises(PaperOut, match="during printing"):
            p.print_receipt(receipt).result(5)
        assert len(sim.torn) == 1 and sim.receipts == []
        assert len(p.held_jobs()) == 1
        sim.set_paper("ok")
        p.retry_held()[0].result(5)
        assert sim.wait_for_receipts(1)
        assert _codes(sim.receipts[0].image) == {FOLLOW}  # reprinted whole, not the torn rest
    finally:
        p.close()


def test_silent_printer_is_no_answer_not_no_paper(printer, sim) -> None:
    p, ev = printer
    sim.set_silent(True)
    assert ev.wait_status("no_answer")
    detail = p.check_health().detail
    assert detail["answered"] is False and detail["paper"] is None
    assert detail["problem"] == "no_answer"
    with pytest.raises(DeviceTimeout, match="did not answer"):
        p.print_receipt(_ticket()).result(5)
    assert "paper_out" not in ev.statuses()
    sim.set_silent(False)
    assert ev.wait_status("paper_ok")
    p.retry_held()[0].result(5)
    assert sim.wait_for_receipts(1)


def test_dropped_connection_reconnects_and_prints(printer, sim) -> None:
    p, ev = printer
    ev.clear()
    sim.drop()
    assert ev.wait_status("offline")
    assert p.wait_for(DeviceState.ENABLED, timeout=3)
    assert ev.wait_status("online")
    p.print_receipt(_ticket()).result(5)
    assert sim.wait_for_receipts(1)
    assert sim.connections >= 2


def test_job_submitted_while_offline_is_held(sim) -> None:
    p = _printer(sim)
    p.start()
    try:
        assert p.wait_for(DeviceState.ENABLED)
        port = sim.port
        sim.stop()
        assert p.wait_for(DeviceState.OFFLINE, timeout=3)
        with pytest.raises(Exception, match="offline"):
            p.print_receipt(_ticket()).result(5)
        assert len(p.held_jobs()) == 1
        with PrinterSimulator(port=port, profile="58mm") as again:
            assert p.wait_for(DeviceState.ENABLED, timeout=3)
            p.retry_held()[0].result(5)
            assert again.wait_for_receipts(1)
    finally:
        p.close()


def test_test_transaction_prints_the_test_page(printer, sim) -> None:
    p, _ = printer
    result = p.test_transaction()
    assert result.ok, result.message
    assert sim.wait_for_receipts(1)
    assert _codes(sim.receipts[0].image) == {"KIOSK-PRINTER-TEST", "SL483029175602"}


def test_query_status_now(printer, sim) -> None:
    p, _ = printer
    sim.set_paper("low")
    st = p.query_status().result(5)
    assert st.answered and st.paper.value == "low"


def test_bad_job_is_refused_and_not_held(printer) -> None:
    p, _ = printer
    with pytest.raises(UnsupportedOperation, match="PrintJob or a Receipt"):
        p.submit("print this").result(5)
    assert p.held_jobs() == []


def test_clear_held_drops_jobs(printer, sim) -> None:
    p, ev = printer
    sim.set_paper("out")
    assert ev.wait_status("paper_out")
    with pytest.raises(PaperOut):
        p.print_receipt(_ticket()).result(5)
    assert p.clear_held() == 1 and p.held_jobs() == []


def test_bad_parameters_are_config_errors() -> None:
    with pytest.raises(DeviceConfigError, match="host"):
        NetworkPrinter("printer", {})
    with pytest.raises(DeviceConfigError, match="76mm"):
        NetworkPrinter("printer", {"host": "x", "profile": "76mm"})
    with pytest.raises(DeviceConfigError, match="> 0"):
        NetworkPrinter("printer", {"host": "x", "write_timeout_s": 0})


def test_file_printer_writes_jobs_without_a_status_channel(tmp_path) -> None:
    out = tmp_path / "lp0"
    p = FilePrinter("printer", {"path": str(out), "profile": "58mm"})
    p.start()
    try:
        assert p.wait_for(DeviceState.ENABLED)
        p.print_receipt(_ticket()).result(5)
        p.print_receipt(_ticket()).result(5)
    finally:
        p.close()
    pages = render(out.read_bytes(), "58mm")
    assert len(pages) == 2 and all(_codes(pg) == {FOLLOW} for pg in pages)


def test_usb_without_pyusb_is_a_clear_config_error() -> None:
    from devices.printer.adapter import UsbPrinter
    from devices.printer.transports import usb_usable

    with pytest.raises(DeviceConfigError, match="hexadecimal"):
        UsbPrinter("printer", {"vendor_id": "zz", "product_id": "1"})
    p = UsbPrinter("printer", {"vendor_id": "04b8", "product_id": "0e15"})
    if usb_usable():  # pyusb installed: no device with that id here, so it stays offline
        p.start()
        try:
            assert p.wait_for(DeviceState.OFFLINE, DeviceState.ERROR)
        finally:
            p.close()
        return
    p.start()
    try:
        assert p.wait_for(DeviceState.ERROR)
        assert "pyusb" in p.check_health().last_error
    finally:
        p.close()
