"""Serial / USB-CDC scan gun adapter (pyserial), suffix-framed, UTF-8 or GB18030 aware.

Settings (``SerialScannerSettings``): ``port`` (``/dev/serial/by-id/...`` or
``usb:VID:PID[:SERIAL]``), ``baudrate``, ``suffix``, ``prefix``, ``charset`` (auto | utf-8 |
gb18030), ``max_length``, ``stale_s`` (a partial code older than this is noise). Emits
DataEvent(Symbol).
"""

from __future__ import annotations

import contextlib
from typing import Annotated, Any, ClassVar

from msgspec import Meta

from devices.base import Device, TestResult
from devices.errors import DeviceConfigError, DeviceOffline
from devices.scan.framing import SuffixFramer, parse_escape
from devices.scan.symbol import Symbol
from devices.scan.text import Charset, decode_text
from devices.serial_port import open_port
from devices.settings import SerialSettings, Settings


class SerialScannerSettings(SerialSettings, frozen=True, kw_only=True):
    suffix: str = "\\r"  # escapes as written in TOML: \r, \n, \t, \xNN
    prefix: str = ""
    charset: Charset = "auto"
    max_length: Annotated[int, Meta(ge=16, le=65536)] = 4096
    stale_s: Annotated[float, Meta(gt=0, le=60)] = 1.0
    read_timeout_s: Annotated[float, Meta(gt=0, le=5)] = 0.05


class SerialScanner(Device):
    adapter_name = "serial_scanner"
    poll_interval_s = 0.0  # reads block up to read_timeout_s themselves

    settings_type: ClassVar[type[Settings]] = SerialScannerSettings
    settings: SerialScannerSettings

    def __init__(self, name: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(name, params)
        s = self.settings
        self.port_spec = s.port
        try:
            self.framer = SuffixFramer(
                parse_escape(s.suffix), parse_escape(s.prefix), s.max_length, s.stale_s
            )
        except ValueError as exc:
            raise DeviceConfigError(f"{name}.suffix/prefix: {exc}") from exc
        self.charset: Charset = s.charset
        self._serial: Any = None  # a pySerial port (serial_for_url)
        self.scans = 0

    def _connect(self) -> None:
        s = self.settings
        self._serial = open_port(s.port, s.baudrate, s.read_timeout_s, "scanner")

    def _disconnect(self) -> None:
        ser, self._serial = self._serial, None
        if ser is not None:
            with contextlib.suppress(Exception):  # a vanished port may fail to close; it is gone
                ser.close()

    def _poll(self) -> None:
        ser = self._serial
        if ser is None:
            raise DeviceOffline("not connected")
        data = ser.read(max(1, ser.in_waiting))
        for frame in self.framer.feed(data):
            self.scans += 1
            self._emit_data(Symbol(decode_text(frame, self.charset), frame, ""))

    def _test(self) -> TestResult:
        return TestResult(
            self.name,
            True,
            "port open; scan a code to see it arrive",
            detail={"scans": self.scans, "noise_frames": self.framer.dropped},
        )

    def _health_detail(self) -> dict[str, Any]:
        return {"scans": self.scans, "noise_frames": self.framer.dropped}
