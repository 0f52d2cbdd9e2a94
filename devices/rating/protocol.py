"""The rating pad's framed serial protocol ``kiosk-v1`` (see PROTOCOL.md) and the interface a
vendor decoder implements. Pure: no I/O, no threads, never raises on input bytes."""

from __future__ import annotations

import binascii
import struct
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Protocol

from devices.errors import DeviceConfigError

STX, ETX = 0x02, 0x03
MAX_LEN = 1024

PROMPT, CLEAR, ACK, PING, REASONS = 0x10, 0x11, 0x12, 0x13, 0x14
MAX_REASONS = 32  # entries in one REASONS frame
MAX_REASON_LABEL = 60  # UTF-8 bytes of one label
RATING, HEARTBEAT, PAD_ACK = 0x20, 0x21, 0x22

LEVELS: dict[int, str] = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
# The built-in reason codes (contract.ratings.DEFAULT_REASONS' pad_code); the terminal sends a
# pad with a screen the central's published list with REASONS, so a pad needs none built in.
REASON_CODES: dict[int, str] = {
    1: "long_wait",
    2: "attitude",
    3: "materials_again",
    4: "overdue",
    5: "system_fault",
    6: "fees",
    7: "guide_unclear",
    8: "many_trips",
    9: "other",
}


@dataclass(frozen=True)
class Frame:
    cmd: int
    seq: int
    payload: bytes


@dataclass(frozen=True)
class Rating:
    """One citizen's rating; ``level`` 5 (非常满意) … 1 (非常不满意)."""

    level: int
    reasons: tuple[int, ...] = ()
    seq: int = 0

    @property
    def label(self) -> str:
        return LEVELS[self.level]


@dataclass(frozen=True)
class Heartbeat:
    prompting: bool
    firmware: str = ""
    has_screen: bool = False  # the pad can show the 差评 reasons itself (REASONS)


@dataclass(frozen=True)
class PadAck:
    seq: int


@dataclass(frozen=True)
class Invalid:
    """A well-framed message with a payload that makes no sense (level 7, …)."""

    reason: str


PadMessage = Rating | Heartbeat | PadAck | Invalid


@dataclass(frozen=True)
class PromptInfo:
    case_no: str = ""
    item: str = ""
    window: str = ""
    staff_id: str = ""
    # the 差评 reasons as (one-byte code, label): sent with REASONS to a pad with a screen
    reasons: tuple[tuple[int, str], ...] = ()


def encode_frame(cmd: int, seq: int, payload: bytes = b"") -> bytes:
    body_len = 2 + len(payload)
    if body_len > MAX_LEN:
        raise ValueError("payload too long for one frame")
    body = struct.pack(">HBB", body_len, cmd & 0xFF, seq & 0xFF) + payload
    return bytes([STX]) + body + struct.pack(">H", binascii.crc_hqx(body, 0)) + bytes([ETX])


class FrameParser:
    """Bytes in any pieces → whole, CRC-checked frames; resynchronises after garbage."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self.rejected = 0  # bytes/frames dropped while resynchronising (a count, for health)

    def feed(self, data: bytes) -> list[Frame]:
        self._buf += data
        out: list[Frame] = []
        buf = self._buf
        while True:
            start = buf.find(STX)
            if start < 0:
                self.rejected += len(buf) > 0
                buf.clear()
                break
            if start:
                del buf[:start]
                self.rejected += 1
            if len(buf) < 3:
                break
            (length,) = struct.unpack_from(">H", buf, 1)
            if not 2 <= length <= MAX_LEN:
                del buf[:1]
                self.rejected += 1
                continue
            total = 1 + 2 + length + 2 + 1
            if len(buf) < total:
                # Incomplete — or a stray STX in garbage claiming a long length. If a complete,
                # CRC-valid frame starts later in the buffer, the stray one was noise: skip it,
                # so garbage cannot hold a real rating back until 1 KiB more bytes arrive.
                later = _next_valid(buf, 1)
                if later < 0:
                    break
                del buf[:later]
                self.rejected += 1
                continue
            frame = _frame_at(buf, 0)
            if frame is None:
                del buf[:1]
                self.rejected += 1
                continue
            out.append(frame)
            del buf[:total]
        return out


def _frame_at(buf: bytearray, i: int) -> Frame | None:
    """The complete, valid frame starting at ``buf[i]`` (an STX), or None."""
    if len(buf) < i + 3:
        return None
    (length,) = struct.unpack_from(">H", buf, i + 1)
    total = 1 + 2 + length + 2 + 1
    if not 2 <= length <= MAX_LEN or len(buf) < i + total or buf[i + total - 1] != ETX:
        return None
    body = bytes(buf[i + 1 : i + 3 + length])
    (crc,) = struct.unpack_from(">H", buf, i + 3 + length)
    if crc != binascii.crc_hqx(body, 0):
        return None
    return Frame(body[2], body[3], body[4:])


def _next_valid(buf: bytearray, start: int) -> int:
    i = buf.find(STX, start)
    while i >= 0:
        if _frame_at(buf, i) is not None:
            return i
        i = buf.find(STX, i + 1)
    return -1


class PadProtocol(Protocol):
    """What a rating-pad decoder provides (kiosk-v1 or a vendor's)."""

    def feed(self, data: bytes) -> list[PadMessage]: ...
    def prompt(self, info: PromptInfo) -> bytes: ...
    def clear(self) -> bytes: ...
    def ack(self, seq: int) -> bytes: ...
    def ping(self) -> bytes: ...

    # optional: ``reasons(entries) -> bytes`` for pads with a screen (the adapter checks)


class KioskV1:
    """The built-in decoder for PROTOCOL.md."""

    def __init__(self) -> None:
        self._parser = FrameParser()
        self._seq = 0

    @property
    def rejected(self) -> int:
        return self._parser.rejected

    def _next(self) -> int:
        self._seq = (self._seq + 1) & 0xFF
        return self._seq

    def feed(self, data: bytes) -> list[PadMessage]:
        return [decode_message(f) for f in self._parser.feed(data)]

    def prompt(self, info: PromptInfo) -> bytes:
        fields = (info.case_no, info.item, info.window, info.staff_id)
        payload = "\x1f".join(f.replace("\x1f", " ") for f in fields).encode("utf-8")
        return encode_frame(PROMPT, self._next(), payload[: MAX_LEN - 2])

    def clear(self) -> bytes:
        return encode_frame(CLEAR, self._next())

    def reasons(self, entries: tuple[tuple[int, str], ...]) -> bytes:
        return encode_frame(REASONS, self._next(), encode_reasons(entries))

    def ack(self, seq: int) -> bytes:
        return encode_frame(ACK, self._next(), bytes([seq & 0xFF]))

    def ping(self) -> bytes:
        return encode_frame(PING, self._next())


def decode_message(f: Frame) -> PadMessage:
    p = f.payload
    if f.cmd == RATING:
        if len(p) < 2 or p[0] not in LEVELS or len(p) != 2 + p[1]:
            return Invalid("malformed rating")
        return Rating(p[0], tuple(p[2:]), f.seq)
    if f.cmd == HEARTBEAT:
        if not p:
            return Invalid("empty heartbeat")
        return Heartbeat(bool(p[0] & 1), p[1:].decode("utf-8", "replace"), bool(p[0] & 2))
    if f.cmd == PAD_ACK:
        return PadAck(p[0]) if len(p) == 1 else Invalid("malformed ack")
    return Invalid(f"unknown command 0x{f.cmd:02x}")


def encode_rating(level: int, reasons: tuple[int, ...] = (), seq: int = 0) -> bytes:
    return encode_frame(RATING, seq, bytes([level, len(reasons), *reasons]))


def encode_heartbeat(
    prompting: bool, firmware: str = "sim-1.0", seq: int = 0, screen: bool = False
) -> bytes:
    state = int(prompting) | (2 if screen else 0)
    return encode_frame(HEARTBEAT, seq, bytes([state]) + firmware.encode())


def _cut_utf8(text: str, limit: int) -> bytes:
    """``text`` in UTF-8, at most ``limit`` bytes, never cutting a character in two."""
    data = text.encode("utf-8")
    return data if len(data) <= limit else data[:limit].decode("utf-8", "ignore").encode("utf-8")


def encode_reasons(entries: tuple[tuple[int, str], ...]) -> bytes:
    """REASONS payload: ``n``, then per entry code, label length, UTF-8 label (PROTOCOL.md)."""
    out = bytearray([0])
    for code, text in entries[:MAX_REASONS]:
        if not 1 <= code <= 255:
            raise ValueError(f"a reason code is one byte 1..255, not {code!r}")
        label = _cut_utf8(text, MAX_REASON_LABEL)
        out += bytes([code, len(label)]) + label
        out[0] += 1
    return bytes(out)


def decode_reasons(payload: bytes) -> list[tuple[int, str]] | None:
    """The entries of a REASONS payload, or None when it is malformed."""
    if not payload:
        return None
    out, i = [], 1
    for _ in range(payload[0]):
        if i + 2 > len(payload) or i + 2 + payload[i + 1] > len(payload):
            return None
        code, n = payload[i], payload[i + 1]
        out.append((code, payload[i + 2 : i + 2 + n].decode("utf-8", "replace")))
        i += 2 + n
    return out if i == len(payload) else None


BUILTIN: dict[str, type[KioskV1]] = {"kiosk-v1": KioskV1}


def load_protocol(name: str) -> PadProtocol:
    """The decoder called ``name``: built-in, or from the ``kiosk.rating_protocols`` group."""
    if name in BUILTIN:
        return BUILTIN[name]()
    for ep in entry_points(group="kiosk.rating_protocols"):
        if ep.name == name:
            try:
                loaded: PadProtocol = ep.load()()
            except Exception as exc:
                raise DeviceConfigError(f"rating protocol {name!r} failed to load: {exc}") from exc
            return loaded
    known = sorted({*BUILTIN, *(ep.name for ep in entry_points(group="kiosk.rating_protocols"))})
    raise DeviceConfigError(f"unknown rating protocol {name!r}; known: {', '.join(known)}")
