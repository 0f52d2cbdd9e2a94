"""Receipt printer adapters on the device framework (``devices.base.Device``).

Jobs submitted from any thread run on the printer's I/O thread. A job is sent in block-aligned
chunks with a real-time status query between them, so paper running out in the middle of a
receipt is noticed at once: the job's Future fails with ``PaperOut``, an ErrorEvent says so
(``can_retry``), and the job is *held* — ``retry_held()`` prints it again once paper is back,
``clear_held()`` drops it (the session wiper calls that at idle reset: held receipts may carry
a citizen's masked data). Nothing is silently lost: a dropped connection holds the job too.

Between jobs the I/O loop polls DLE EOT status every ``status_interval_s`` and reports changes
as StatusEvents (paper_ok / paper_low / paper_out, cover_open / cover_closed, no_answer), which
is also how a dropped connection is noticed and the reconnect starts.

Adapters (entry points in group ``kiosk.devices``), each with its settings schema below:
``escpos-network`` (host, port), ``escpos-serial`` (port, baudrate), ``escpos-usb`` (vendor_id,
product_id, serial), ``escpos-file`` (path; no back-channel, so no status). Common settings:
``profile`` (58mm, 80mm, epson-tm-t88v, … the table in devices/printer/README.md),
``write_timeout_s``, ``status_timeout_s``, ``status_interval_s``, ``chunk_bytes``. The test
transaction prints the calibration page (devices.printer.templates.test_page).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import deque
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar

from msgspec import Meta

from devices.base import Device, TestResult
from devices.errors import (
    CoverOpen,
    DeviceBusy,
    DeviceError,
    DeviceFault,
    DeviceOffline,
    DeviceTimeout,
    PaperOut,
    UnsupportedOperation,
)
from devices.events import COVER_CLOSED, COVER_OPEN, PAPER_LOW, PAPER_OK, PAPER_OUT
from devices.printer import commands as cmd
from devices.printer.encoder import encode_block
from devices.printer.model import Receipt
from devices.printer.profiles import PROFILES, get_profile, unknown_profile_message
from devices.printer.status import PaperState, PrinterStatus, query_status
from devices.printer.templates import calibration_detail, test_page
from devices.printer.transports import (
    Channel,
    FileChannel,
    NetworkChannel,
    SerialChannel,
    UsbChannel,
)
from devices.settings import Baudrate, SerialPort, Settings, check_stable_port

_Seconds = Annotated[float, Meta(gt=0, le=120)]


class PrinterSettings(Settings, frozen=True, kw_only=True):
    profile: str = "80mm"
    write_timeout_s: _Seconds = 5.0
    status_timeout_s: _Seconds = 1.0
    status_interval_s: _Seconds = 1.0
    chunk_bytes: Annotated[int, Meta(ge=64, le=1 << 20)] = 2048

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(unknown_profile_message(self.profile))


class NetworkPrinterSettings(PrinterSettings, frozen=True, kw_only=True):
    host: Annotated[str, Meta(min_length=1)]
    port: Annotated[int, Meta(ge=1, le=65535)] = 9100
    connect_timeout_s: _Seconds = 2.0


class SerialPrinterSettings(PrinterSettings, frozen=True, kw_only=True):
    port: SerialPort
    baudrate: Baudrate = 9600
    dsrdtr: bool = True  # hardware flow control: the printer says when its buffer is full

    def __post_init__(self) -> None:
        super().__post_init__()
        check_stable_port(self.port)


class UsbPrinterSettings(PrinterSettings, frozen=True, kw_only=True):
    # USB ids as TOML gives them: 0x04b8 (an int) or "04b8" (hex text)
    vendor_id: int | str
    product_id: int | str
    in_ep: int | str = 0x82
    out_ep: int | str = 0x01
    serial: str = ""  # tells two identical printers apart (never a bus port)

    def __post_init__(self) -> None:
        super().__post_init__()
        for name in ("vendor_id", "product_id", "in_ep", "out_ep"):
            value = getattr(self, name)
            if not 0 <= _usb_id(value) <= 0xFFFF:
                raise ValueError(f"{name}: {value!r} is not a hexadecimal USB id")


class FilePrinterSettings(PrinterSettings, frozen=True, kw_only=True):
    path: Annotated[str, Meta(min_length=1)]


NO_ANSWER = "no_answer"
_PAPER_EVENTS = {PaperState.OK: PAPER_OK, PaperState.LOW: PAPER_LOW, PaperState.OUT: PAPER_OUT}


@dataclass(frozen=True)
class PrintJob:
    receipt: Receipt
    label: str = "receipt"
    """What it is (``queue_ticket``, ``test_page``): for logs and the technician panel."""
    job_id: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class PrintResult:
    job_id: str
    bytes_sent: int
    status: PrinterStatus
    duration_s: float


class EscposPrinter(Device):
    """Common logic; subclasses only say how to build the channel."""

    has_status: ClassVar[bool] = True
    settings_type: ClassVar[type[Settings]] = PrinterSettings
    settings: PrinterSettings

    def __init__(self, name: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(name, params)
        s = self.settings
        self.profile = get_profile(s.profile)
        self.write_timeout_s = s.write_timeout_s
        self.status_timeout_s = s.status_timeout_s
        self.poll_interval_s = s.status_interval_s
        self.chunk_bytes = s.chunk_bytes
        self._channel: Channel | None = None
        self._held: deque[PrintJob] = deque()
        self._held_lock = threading.Lock()
        self._last: PrinterStatus | None = None
        self._last_at = 0.0

    # -- subclass hook ----------------------------------------------------------------------
    def _make_channel(self) -> Channel:
        raise NotImplementedError

    # -- public, any thread -----------------------------------------------------------------
    def print_receipt(self, receipt: Receipt, label: str = "receipt") -> Future[Any]:
        return self.submit(PrintJob(receipt, label))

    def submit(self, job: Any) -> Future[Any]:
        """Queue a job; one refused because the printer is offline right now is held too."""
        if isinstance(job, Receipt):
            job = PrintJob(job)
        fut = super().submit(job)
        if isinstance(job, PrintJob):

            def hold_if_offline(f: Future[Any]) -> None:
                exc = f.exception()
                if isinstance(exc, DeviceOffline):
                    self._hold(job)

            fut.add_done_callback(hold_if_offline)
        return fut

    def held_jobs(self) -> list[PrintJob]:
        with self._held_lock:
            return list(self._held)

    def retry_held(self) -> list[Future[Any]]:
        """Submit every held job again (oldest first); each may be held again if it fails."""
        with self._held_lock:
            jobs = list(self._held)
            self._held.clear()
        return [self.submit(job) for job in jobs]

    def clear_held(self) -> int:
        """Drop held jobs (idle reset, or staff chose "cancel"); returns how many."""
        with self._held_lock:
            n = len(self._held)
            self._held.clear()
        return n

    def query_status(self) -> Future[Any]:
        """A fresh DLE EOT status query on the I/O thread (check_health() gives the cached one)."""

        def run(_: object) -> PrinterStatus:
            return self._query()

        return self._call(lambda: self._guarded(run, None))

    # -- framework hooks (I/O thread) -------------------------------------------------------
    def _connect(self) -> None:
        ch = self._make_channel()
        ch.open()
        self._channel = ch
        self._last = None
        try:
            self._query()
        except BaseException:
            self._disconnect()  # do not leak the half-open channel into the next attempt
            raise

    def _disconnect(self) -> None:
        ch, self._channel = self._channel, None
        if ch is not None:
            ch.close()

    def _poll(self) -> None:
        if self.has_status:
            self._query()

    def _execute(self, job: Any) -> PrintResult:
        if isinstance(job, Receipt):
            job = PrintJob(job)
        if not isinstance(job, PrintJob):
            raise UnsupportedOperation(
                f"a printer job must be a PrintJob or a Receipt, not {type(job).__name__}"
            )
        try:
            return self._print(job)
        except DeviceError as exc:
            if exc.can_retry:
                self._hold(job)
            raise
        except OSError:
            self._hold(job)  # connection lost mid-job: the framework reconnects
            raise

    def _test(self) -> TestResult:
        status = self._query() if self.has_status else None
        result = self._print(PrintJob(test_page(self.profile, status), "test_page"))
        return TestResult(
            self.name,
            True,
            f"calibration page printed ({result.bytes_sent} bytes, {result.duration_s:.2f} s)",
            detail=calibration_detail(self.profile) | {"paper": _paper_name(result.status)},
        )

    def _health_detail(self) -> dict[str, Any]:
        last = self._last
        with self._held_lock:
            held = len(self._held)
        return {
            "profile": self.profile.name,
            "answered": None if last is None else last.answered,
            "problem": None if last is None else last.problem,
            "paper": _paper_name(last),
            "cover_open": None if last is None else last.cover_open,
            "status_age_s": round(time.monotonic() - self._last_at, 1) if last else None,
            "held_jobs": held,
        }

    # -- internals --------------------------------------------------------------------------
    def _chan(self) -> Channel:
        if self._channel is None:
            raise ConnectionError(f"{self.name} has no open channel")
        return self._channel

    def _query(self) -> PrinterStatus:
        if not self.has_status:
            st = PrinterStatus.no_answer(f"{self._chan().description} has no status channel")
        else:
            st = query_status(self._chan(), self.status_timeout_s)
        self._note(st)
        return st

    def _note(self, st: PrinterStatus) -> None:
        """Emit a StatusEvent for each condition that changed since the last query."""
        prev, self._last, self._last_at = self._last, st, time.monotonic()
        if not self.has_status:
            return
        if not st.answered:
            if prev is None or prev.answered:
                self._emit_status(NO_ANSWER, st.detail)
            return
        was = prev if prev is not None and prev.answered else None
        if was is None or was.paper is not st.paper:
            assert st.paper is not None
            self._emit_status(_PAPER_EVENTS[st.paper])
        cover_changed = was is not None and was.cover_open != st.cover_open
        if cover_changed or (was is None and st.cover_open):
            self._emit_status(COVER_OPEN if st.cover_open else COVER_CLOSED)

    def _check_ready(self, st: PrinterStatus, during: bool) -> None:
        kept = " during printing; the job is kept for retry" if during else "; the job is kept"
        problem = st.problem
        if problem is None:
            return
        if problem == NO_ANSWER:
            raise DeviceTimeout(f"the printer did not answer its status query{kept}")
        if problem == "cover_open":
            raise CoverOpen(f"the printer cover is open{kept}")
        if problem == "paper_out":
            raise PaperOut(f"the printer is out of paper{kept}")
        if problem == "fault":
            raise DeviceFault("the printer reports a cutter or hardware fault")
        raise DeviceBusy(f"the printer is offline (busy or recovering){kept}")

    def _chunks(self, receipt: Receipt) -> list[bytes]:
        """Block-aligned chunks, so a status query never lands inside image or QR data."""
        chunks: list[bytes] = []
        cur = bytearray(cmd.INIT + cmd.CHINESE_ON + cmd.DEFAULT_LINE_SPACING)
        for block in receipt.blocks:
            data = encode_block(block, self.profile)
            if cur and len(cur) + len(data) > self.chunk_bytes:
                chunks.append(bytes(cur))
                cur = bytearray()
            cur += data
        if cur:
            chunks.append(bytes(cur))
        return chunks

    def _print(self, job: PrintJob) -> PrintResult:
        t0 = time.monotonic()
        ch = self._chan()
        if self.has_status:
            self._check_ready(self._query(), during=False)
        sent = 0
        chunks = self._chunks(job.receipt)
        for chunk in chunks:
            ch.write(chunk, self.write_timeout_s)
            sent += len(chunk)
            if self.has_status:
                self._check_ready(self._query(), during=True)
        st = self._last if self._last is not None else PrinterStatus.no_answer("not queried")
        return PrintResult(job.job_id, sent, st, time.monotonic() - t0)

    def _hold(self, job: PrintJob) -> None:
        with self._held_lock:
            if all(j.job_id != job.job_id for j in self._held):
                self._held.append(job)


def _paper_name(st: PrinterStatus | None) -> str | None:
    return None if st is None or st.paper is None else st.paper.value


class NetworkPrinter(EscposPrinter):
    adapter_name = "escpos-network"
    settings_type = NetworkPrinterSettings
    settings: NetworkPrinterSettings

    def _make_channel(self) -> Channel:
        s = self.settings
        return NetworkChannel(s.host, s.port, s.connect_timeout_s)


class SerialPrinter(EscposPrinter):
    adapter_name = "escpos-serial"
    settings_type = SerialPrinterSettings
    settings: SerialPrinterSettings

    def _make_channel(self) -> Channel:
        s = self.settings
        return SerialChannel(s.port, s.baudrate, s.dsrdtr)


class UsbPrinter(EscposPrinter):
    adapter_name = "escpos-usb"
    settings_type = UsbPrinterSettings
    settings: UsbPrinterSettings

    def _make_channel(self) -> Channel:
        s = self.settings
        return UsbChannel(
            _usb_id(s.vendor_id),
            _usb_id(s.product_id),
            _usb_id(s.in_ep),
            _usb_id(s.out_ep),
            s.serial or None,
        )


class FilePrinter(EscposPrinter):
    adapter_name = "escpos-file"
    has_status = False
    settings_type = FilePrinterSettings
    settings: FilePrinterSettings

    def _make_channel(self) -> Channel:
        return FileChannel(self.settings.path)


def _usb_id(value: int | str) -> int:
    if isinstance(value, int):
        return value
    try:
        return int(value, 16)
    except ValueError:
        return -1
