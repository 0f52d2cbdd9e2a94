"""Rating pad adapter: serial channel, pluggable protocol decoder, exactly-once ratings.

Settings (``RatingPadSettings``): ``port`` (by-id or usb:VID:PID), ``baudrate``, ``protocol``
("kiosk-v1" or a vendor's from the ``kiosk.rating_protocols`` group), ``silence_s`` (no heartbeat
for this long → status "silent"), ``ack_timeout_s`` (a prompt or clear not acknowledged by then
fails its Future with DeviceTimeout). Jobs for ``submit``:
``PromptInfo`` (show the case to rate; its ``reasons`` go to a pad with a screen as REASONS, so
the citizen picks the 差评 reasons on the pad) and ``ClearPad()``. ``has_screen`` says whether
the pad shows reasons itself (from its heartbeat; asked with a PING before the first prompt
with reasons); without one the terminal asks for them on its own screen. Emits DataEvent(Rating)
once per rating — with the reason codes the pad's screen collected — ACKing every copy the pad
repeats.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from msgspec import Meta

from devices.base import Device, TestResult
from devices.errors import DeviceOffline, DeviceTimeout, UnsupportedOperation
from devices.rating.protocol import (
    Heartbeat,
    Invalid,
    PadAck,
    PadMessage,
    PadProtocol,
    PromptInfo,
    Rating,
    load_protocol,
)
from devices.serial_port import open_port
from devices.settings import SerialSettings, Settings


class RatingPadSettings(SerialSettings, frozen=True, kw_only=True):
    protocol: Annotated[str, Meta(min_length=1)] = "kiosk-v1"
    silence_s: Annotated[float, Meta(gt=0, le=600)] = 6.0
    ack_timeout_s: Annotated[float, Meta(gt=0, le=30)] = 1.0


@dataclass(frozen=True)
class ClearPad:
    """Job: back to the idle screen (the citizen walked away, or the session was reset)."""


class RatingPad(Device):
    adapter_name = "rating_pad"
    poll_interval_s = 0.0

    settings_type: ClassVar[type[Settings]] = RatingPadSettings
    settings: RatingPadSettings

    def __init__(self, name: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(name, params)
        s = self.settings
        self.port_spec = s.port
        self.silence_s = s.silence_s
        self.ack_timeout_s = s.ack_timeout_s
        self.protocol_name = s.protocol
        self.proto: PadProtocol = load_protocol(self.protocol_name)
        self._serial: Any = None  # a pySerial port (serial_for_url)
        self._delivered: set[int] = set()
        self._last_heard = 0.0
        self._silent = False
        self.firmware = ""
        self.has_screen = False  # the pad shows the 差评 reasons (its heartbeat says so)
        self._heard_heartbeat = False
        self.ratings = 0
        self.invalid = 0

    def _connect(self) -> None:
        self._serial = open_port(self.port_spec, self.settings.baudrate, 0.05, "rating pad")
        self.proto = load_protocol(self.protocol_name)  # fresh parser state per connection
        self._last_heard = time.monotonic()
        self._silent = False

    def _disconnect(self) -> None:
        ser, self._serial = self._serial, None
        if ser is not None:
            with contextlib.suppress(Exception):
                ser.close()

    def _write(self, data: bytes) -> None:
        if self._serial is None:
            raise DeviceOffline("not connected")
        self._serial.write(data)

    def _read_messages(self) -> list[PadMessage]:
        ser = self._serial
        if ser is None:
            raise DeviceOffline("not connected")
        return self.proto.feed(ser.read(max(1, ser.in_waiting)))

    def _handle(self, msg: PadMessage) -> None:
        """Every message from the pad goes through here, whoever is reading."""
        self._last_heard = time.monotonic()
        if self._silent:
            self._silent = False
            self._emit_status("online", "pad answers again")
        if isinstance(msg, Rating):
            self._write(self.proto.ack(msg.seq))  # ACK every copy: the pad repeats until ACKed
            if msg.seq not in self._delivered:
                self._delivered.add(msg.seq)
                self.ratings += 1
                self._emit_data(msg)
        elif isinstance(msg, Heartbeat):
            self.firmware = msg.firmware
            self.has_screen = msg.has_screen
            self._heard_heartbeat = True
        elif isinstance(msg, Invalid):
            self.invalid += 1

    def _pump_until(self, wanted: type, timeout: float) -> PadMessage | None:
        """Read and handle messages until one of type ``wanted`` arrives (I/O thread only)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for msg in self._read_messages():
                self._handle(msg)
                if isinstance(msg, wanted):
                    return msg
        return None

    def _poll(self) -> None:
        for msg in self._read_messages():
            self._handle(msg)
        if not self._silent and time.monotonic() - self._last_heard > self.silence_s:
            self._silent = True
            self._emit_status("silent", f"no heartbeat for {self.silence_s:g} s")

    def _execute(self, job: Any) -> None:
        """Send a prompt or clear and wait for the pad's ACK, so the caller knows it is shown."""
        if isinstance(job, PromptInfo):
            self._delivered.clear()  # a new case: sequence numbers may repeat
            self._write(self.proto.prompt(job))
            self._acknowledged()
            encode = getattr(self.proto, "reasons", None)
            if job.reasons and encode is not None and self._screen():
                self._write(encode(job.reasons))
                self._acknowledged()
            return
        if isinstance(job, ClearPad):
            self._write(self.proto.clear())
            self._acknowledged()
            return
        raise UnsupportedOperation(f"rating pad takes PromptInfo or ClearPad, not {job!r}")

    def _acknowledged(self) -> None:
        if getattr(self.proto, "acks_commands", True) and (
            self._pump_until(PadAck, self.ack_timeout_s) is None
        ):
            raise DeviceTimeout(f"rating pad did not acknowledge within {self.ack_timeout_s:g} s")

    def _screen(self) -> bool:
        """Whether the pad shows reasons; before its first heartbeat, PING and wait for one."""
        if not self._heard_heartbeat:
            self._write(self.proto.ping())
            self._pump_until(Heartbeat, self.ack_timeout_s)
        return self.has_screen

    def _test(self) -> TestResult:
        """PING and wait up to 1 s for a heartbeat (runs on the I/O thread, owns the port)."""
        if self._serial is None:
            return TestResult(self.name, False, "not connected")
        for earlier in self._read_messages():  # what is already here predates the ping
            self._handle(earlier)
        self._write(self.proto.ping())
        msg = self._pump_until(Heartbeat, 1.0)
        if isinstance(msg, Heartbeat):
            return TestResult(self.name, True, f"pad answered, firmware {msg.firmware or '?'}")
        return TestResult(self.name, False, "pad did not answer the ping within 1 s")

    def _health_detail(self) -> dict[str, Any]:
        return {
            "ratings": self.ratings,
            "invalid": self.invalid,
            "silent": self._silent,
            "firmware": self.firmware,
            "has_screen": self.has_screen,
        }
