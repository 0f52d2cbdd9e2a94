"""ID-card reader adapter: a SAM-module reader on a serial line (GA/T 467 frames).

Settings (``IdCardSettings``): ``port`` (by-id or usb:VID:PID), ``baudrate`` (115200, 57600,
38400, 19200 or 9600: the rate to run at; the reader starts at 115200 after power-on and is
switched with `60 xx`), ``find_interval_s`` (how often "find card" is asked), ``answer_timeout_s``
(how long past its wire time an answer may take), ``retries`` (resends after a lost or garbled
answer), ``offline_after`` (unanswered finds in a row before the reader counts as gone),
``read_appended_address``.

The I/O thread asks "find card" every ``find_interval_s``. When one is found it emits
``CardDetected``, selects and reads it (`20 02`, `30 01`) and emits ``CardRead``, ``CardRefused`` or
``CardFailed`` — see ``devices.idcard.model``. The reader finds a card once: it must leave the
field before the next find succeeds, so a card left lying there is not read again and again.
Jobs: ``SwitchBaud``. Test transaction: SAM status and SAM id.
"""

from __future__ import annotations

import contextlib
import struct
import termios
import time
from typing import Annotated, Any, ClassVar

from msgspec import Meta

from devices.base import Device, TestResult
from devices.errors import DeviceOffline, DeviceTimeout, UnsupportedOperation
from devices.idcard.card import (
    PHOTO_SIZE,
    TEXT_SIZE,
    CardAnswer,
    CardFormatError,
    parse_answer,
    parse_appended_address,
)
from devices.idcard.frames import (
    BAUD_PARA,
    DEFAULT_BAUD,
    FIND_CARD,
    HEADER,
    READ_APPENDED_ADDRESS,
    READ_TEXT_PHOTO,
    RESET_SAM,
    SAM_ID,
    SAM_STATUS,
    SELECT_CARD,
    Command,
    FrameParser,
    Response,
    Sw3,
    encode_request,
    set_baud,
)
from devices.idcard.model import (
    CardDetected,
    CardFailed,
    CardRead,
    CardRefused,
    FailReason,
    SamNotAuthorised,
    SamUnavailable,
    SwitchBaud,
)
from devices.serial_port import open_port
from devices.settings import SerialSettings, Settings

BITS_PER_BYTE = 10  # 8N1: start bit, 8 data bits, stop bit
READ_ANSWER_BYTES = HEADER + 3 + 4 + TEXT_SIZE + PHOTO_SIZE + 1  # 1,295
SHORT_ANSWER_BYTES = HEADER + 3 + 16 + 1  # SAM id, the longest of the short answers


class IdCardSettings(SerialSettings, frozen=True, kw_only=True):
    baudrate: Annotated[int, Meta(ge=9600, le=115200)] = DEFAULT_BAUD
    find_interval_s: Annotated[float, Meta(ge=0.02, le=5)] = 0.1
    answer_timeout_s: Annotated[float, Meta(gt=0, le=10)] = 1.0
    retries: Annotated[int, Meta(ge=0, le=5)] = 2
    offline_after: Annotated[int, Meta(ge=1, le=100)] = 3
    read_appended_address: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.baudrate not in BAUD_PARA.values():
            raise ValueError(
                f"the reader runs at {', '.join(map(str, sorted(BAUD_PARA.values())))} baud only"
            )


def wire_time(n_bytes: int, baudrate: int) -> float:
    """Seconds ``n_bytes`` take on an 8N1 line: the floor under any read."""
    return n_bytes * BITS_PER_BYTE / baudrate


def format_sam_id(data: bytes) -> str:
    """The SAM id as readers print it on their label: ``05.01-20190101-0012345678-1234567890``."""
    if len(data) < 16:
        return data.hex()
    a, b, c, d, e = struct.unpack_from("<HHIII", data)
    return f"{a:02d}.{b:02d}-{c:08d}-{d:010d}-{e:010d}"


class IdCardReader(Device):
    adapter_name = "idcard_sam"

    settings_type: ClassVar[type[Settings]] = IdCardSettings
    settings: IdCardSettings

    def __init__(self, name: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(name, params)
        self.poll_interval_s = self.settings.find_interval_s
        self._serial: Any = None  # a pySerial port (serial_for_url)
        self._parser = FrameParser()
        self.baudrate = self.settings.baudrate  # the rate the line runs at now
        self.sam_id = ""
        self.cards_read = 0
        self.refused = 0
        self.failed = 0
        self._unanswered = 0
        # A card that failed stays in the field and is found again at every poll: it is tried
        # once and then left alone until it has been lifted, so the screen says "lift it and lay
        # it again" once instead of a failure every tenth of a second.
        self._hold = False

    # -- channel -------------------------------------------------------------------------
    def _connect(self) -> None:
        want = self.settings.baudrate
        self._serial = open_port(self.settings.port, want, 0.02, "ID-card reader")
        self._parser = FrameParser()
        self.baudrate = want
        try:
            if self._probe() is None:
                if want == DEFAULT_BAUD:
                    raise DeviceOffline("ID-card reader does not answer")
                # a reader that lost power is back at 115200: meet it there, then move it
                self._set_line(DEFAULT_BAUD)
                if self._probe() is None:
                    raise DeviceOffline("ID-card reader does not answer at either rate")
                self._switch_baud(want)
            sam = self._command(SAM_ID)
            self.sam_id = format_sam_id(sam.data) if sam.sw3 == Sw3.OK else ""
        except BaseException:
            self._disconnect()
            raise
        self._unanswered = 0
        self._hold = False

    def _disconnect(self) -> None:
        ser, self._serial = self._serial, None
        if ser is not None:
            with contextlib.suppress(Exception):
                ser.close()

    def _set_line(self, rate: int) -> None:
        self._serial.baudrate = rate
        self.baudrate = rate

    def _probe(self) -> Response | None:
        """SAM status, once, briefly: None when nothing sensible answers at this rate."""
        try:
            r = self._command(SAM_STATUS, retries=0)
        except DeviceTimeout:
            return None
        if r.sw3 == Sw3.SAM_SELF_TEST:
            self._command(RESET_SAM)  # the manuals' remedy; then ask again
            r = self._command(SAM_STATUS)
        self._check_sam(r, connecting=True)
        return r

    @staticmethod
    def _check_sam(r: Response, connecting: bool = False) -> None:
        """A SAM fault met while polling takes the reader offline; the reconnect (``connecting``)
        then tells a self-test failure, retried, from a missing authorisation, which is final."""
        if r.sw3 == Sw3.SAM_NOT_AUTHORISED and connecting:
            raise SamNotAuthorised(
                "the reader's SAM module is not authorised (SW3 66): its issuer must authorise it"
            )
        if r.sw3 == Sw3.SAM_SELF_TEST:
            raise SamUnavailable("the reader's SAM module failed its self-test (SW3 60)")
        if r.sw3 == Sw3.SAM_NOT_AUTHORISED:
            raise SamUnavailable("the reader's SAM module refuses to work (SW3 66)")

    # -- one command ----------------------------------------------------------------------
    def _command(
        self,
        command: Command,
        data: bytes = b"",
        answer_bytes: int = SHORT_ANSWER_BYTES,
        retries: int | None = None,
    ) -> Response:
        """Send and wait for the answer; resend after a lost or garbled one (DeviceTimeout)."""
        ser = self._serial
        if ser is None:
            raise DeviceOffline("not connected")
        frame = encode_request(command, data)
        wait = wire_time(len(frame) + answer_bytes, self.baudrate) + self.settings.answer_timeout_s
        tries = 1 + (self.settings.retries if retries is None else retries)
        for _ in range(tries):
            try:
                ser.reset_input_buffer()  # a late answer to an earlier try is not this one's
                self._parser.clear()
                ser.write(frame)
                answer = self._await(time.monotonic() + wait)
            except termios.error as exc:  # pySerial lets tcflush's own error through (EIO)
                raise DeviceOffline("ID-card reader port failed") from exc
            if answer is not None and answer.sw3 != Sw3.CHECKSUM:
                return answer
        raise DeviceTimeout(f"ID-card reader did not answer {command.name}")

    def _await(self, deadline: float) -> Response | None:
        ser = self._serial
        while time.monotonic() < deadline:
            chunk = ser.read(max(1, ser.in_waiting))
            for frame in self._parser.feed(chunk):
                with contextlib.suppress(ValueError):
                    return Response.from_frame(frame)
        return None

    # -- the loop -------------------------------------------------------------------------
    def _poll(self) -> None:
        try:
            found = self._command(FIND_CARD, retries=0)
        except DeviceTimeout:
            self._unanswered += 1
            if self._unanswered >= self.settings.offline_after:
                raise DeviceOffline("ID-card reader stopped answering") from None
            return
        self._unanswered = 0
        self._check_sam(found)  # SamUnavailable/SamNotAuthorised: reconnect tells which
        if found.sw3 != Sw3.FOUND:
            self._hold = False  # the field is empty (or holds a card already read)
        elif not self._hold:
            self._read_card()

    def _read_card(self) -> None:
        t0 = time.monotonic()
        self._emit_data(CardDetected())
        outcome = self._select_and_read()
        if isinstance(outcome, Response) and outcome.sw3 in (Sw3.READ_FAILED, Sw3.SELECT_FAILED):
            # Lifted, or a bad contact? A card still in the field is found again: one more go.
            try:
                again = self._command(FIND_CARD)
            except DeviceTimeout:
                again = Response(0, 0, Sw3.FIND_FAILED)
            self._check_sam(again)
            if again.sw3 != Sw3.FOUND:
                outcome = CardFailed(FailReason.MOVED, outcome.status)
            else:
                outcome = self._select_and_read()
        if isinstance(outcome, Response):
            unknown = outcome.sw3 == Sw3.UNKNOWN_CARD
            outcome = CardFailed(
                FailReason.NOT_ID_CARD if unknown else FailReason.UNREADABLE, outcome.status
            )
        if isinstance(outcome, CardFailed):
            self._hold = outcome.reason is not FailReason.MOVED
            self.failed += 1
            self._emit_data(outcome)
            return
        if isinstance(outcome, CardRefused):
            self._hold = True  # read, so the reader will not find it again anyway
            self.refused += 1
            self._emit_data(outcome)
            return
        extra = ""
        if self.settings.read_appended_address:
            r = self._command(READ_APPENDED_ADDRESS)
            if r.sw3 == Sw3.OK:
                with contextlib.suppress(CardFormatError):
                    extra = parse_appended_address(r.data)
        self.cards_read += 1
        self._emit_data(CardRead(outcome, extra, time.monotonic() - t0))

    def _select_and_read(self) -> CardAnswer | CardRefused | CardFailed | Response:
        """The card, a refusal by type, an unreadable answer, or the reader's failing answer."""
        try:
            sel = self._command(SELECT_CARD)
            self._check_sam(sel)
            if sel.sw3 != Sw3.OK:
                return sel
            r = self._command(READ_TEXT_PHOTO, answer_bytes=READ_ANSWER_BYTES)
        except DeviceTimeout:
            return Response(0, 0, Sw3.READ_FAILED)  # as good as a failed read: probe again
        self._check_sam(r)
        if r.sw3 != Sw3.OK:
            return r
        try:
            answer = parse_answer(r.data)
        except CardFormatError:
            return CardFailed(FailReason.UNREADABLE, "format")
        if isinstance(answer, CardAnswer):
            return answer
        return CardRefused(answer.card_type, answer.type_code)

    # -- jobs, test, health ---------------------------------------------------------------
    def _switch_baud(self, rate: int) -> int:
        """`60 xx` at the current rate; the reader answers, then both sides move."""
        r = self._command(set_baud(rate))
        if r.sw3 != Sw3.OK:
            raise DeviceTimeout(f"the reader refused {rate} baud ({r.status})")
        self._set_line(rate)
        if self._probe() is None:
            raise DeviceOffline(f"the reader does not answer at {rate} baud")
        return rate

    def _execute(self, job: Any) -> int:
        if isinstance(job, SwitchBaud):
            if job.baudrate not in BAUD_PARA.values():
                raise UnsupportedOperation(f"the reader cannot run at {job.baudrate} baud")
            return self._switch_baud(job.baudrate)
        raise UnsupportedOperation(f"the ID-card reader takes SwitchBaud, not {job!r}")

    def _test(self) -> TestResult:
        status = self._command(SAM_STATUS)
        if status.sw3 != Sw3.OK:
            return TestResult(self.name, False, f"SAM module not ready ({status.status})")
        sam = self._command(SAM_ID)
        self.sam_id = format_sam_id(sam.data) if sam.sw3 == Sw3.OK else ""
        return TestResult(
            self.name,
            True,
            f"SAM module ready, id {self.sam_id or '?'}",
            detail={"sam_id": self.sam_id, "baudrate": self.baudrate},
        )

    def _health_detail(self) -> dict[str, Any]:
        return {
            "sam_id": self.sam_id,
            "baudrate": self.baudrate,
            "cards_read": self.cards_read,
            "refused": self.refused,
            "failed": self.failed,
            "garbage_bytes": self._parser.skipped_bytes,
            "bad_checksums": self._parser.bad_checksums,
        }
