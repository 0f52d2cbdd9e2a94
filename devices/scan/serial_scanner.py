"""Serial / USB-CDC scan gun adapter (pyserial), suffix-framed, UTF-8 or GB18030 aware.

Params: ``port`` (``/dev/serial/by-id/...`` or ``usb:VID:PID[:SERIAL]``), ``baudrate`` (9600),
``suffix`` ("\\r"), ``prefix`` (""), ``charset`` (auto | utf-8 | gb18030), ``max_length`` (4096),
``stale_s`` (1.0: a partial code older than this is noise). Emits DataEvent(Symbol).
"""

from __future__ import annotations

import contextlib
from typing import Any

import serial

from devices.base import Device, TestResult
from devices.errors import DeviceBusy, DeviceConfigError, DeviceOffline
from devices.identity import check_port_name, resolve_serial_port
from devices.scan.framing import SuffixFramer, parse_escape
from devices.scan.symbol import Symbol
from devices.scan.text import Charset, decode_text


class SerialScanner(Device):
    adapter_name = "serial_scanner"
    poll_interval_s = 0.0  # reads block up to read_timeout_s themselves

    def __init__(self, name: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(name, params)
        p = self.params
        self.port_spec = str(p.get("port", ""))
        check_port_name(self.port_spec)
        try:
            self.baudrate = int(p.get("baudrate", 9600))
            suffix = parse_escape(str(p.get("suffix", "\\r")))
            prefix = parse_escape(str(p.get("prefix", "")))
            self.framer = SuffixFramer(
                suffix, prefix, int(p.get("max_length", 4096)), float(p.get("stale_s", 1.0))
            )
            self.read_timeout_s = float(p.get("read_timeout_s", 0.05))
        except (TypeError, ValueError) as exc:
            raise DeviceConfigError(f"{name}: bad scanner parameter: {exc}") from exc
        charset = str(p.get("charset", "auto")).lower()
        if charset not in ("auto", "utf-8", "gb18030"):
            raise DeviceConfigError(f"{name}: charset must be auto, utf-8 or gb18030")
        self.charset: Charset = charset  # type: ignore[assignment]
        self._serial: serial.Serial | None = None
        self.scans = 0

    def _connect(self) -> None:
        path = resolve_serial_port(self.port_spec)
        try:
            self._serial = serial.Serial(
                path, self.baudrate, timeout=self.read_timeout_s, exclusive=True
            )
        except serial.SerialException as exc:
            if "lock" in str(exc).lower():
                raise DeviceBusy("scanner port is held by another process") from exc
            raise DeviceOffline("cannot open scanner port") from exc

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
