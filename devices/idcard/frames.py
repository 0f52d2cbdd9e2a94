"""The serial frames of SAM-module ID-card readers (GA/T 467, formerly GA 467-2013).

Pure: no I/O, no threads. Facts from the public vendor manuals (docs: README.md beside this file)::

    request   AA AA AA 96 69 | LEN (2, big-endian) | CMD | PARA | DATA | CHK
    response  AA AA AA 96 69 | LEN (2, big-endian) | SW1 SW2 SW3 | DATA | CHK

``LEN`` counts everything after itself up to and including ``CHK``; ``CHK`` is the XOR of every
byte after the preamble up to the checksum (the two ``LEN`` bytes included). ``SW3`` says how
the command went (``Sw3``); SW1 and SW2 are 00 on every reader seen.

Two ways in: ``decode_frame`` for one whole frame, raising ``FrameError`` (and nothing else) with
the reason; ``FrameParser.feed`` for a byte stream in any pieces, which never raises — it skips
garbage, frames with a bad checksum or an impossible length, and counts what it skipped.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from enum import IntEnum

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER = len(PREAMBLE) + 2  # preamble + LEN
MIN_LEN = 3  # CMD PARA CHK (a response has at least SW1 SW2 SW3 CHK)
# The longest answer is `30 10` (text + photo + fingerprint: 3 + 6 + 256 + 1024 + 1024 + 1);
# anything claiming more is noise, not a frame.
MAX_LEN = 0x0A00


class FrameError(ValueError):
    """A frame that cannot be one: the only exception the decoders here raise."""


# -- commands --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Command:
    cmd: int
    para: int
    name: str


RESET_SAM = Command(0x10, 0xFF, "reset_sam")
SAM_STATUS = Command(0x11, 0xFF, "sam_status")
SAM_ID = Command(0x12, 0xFF, "sam_id")
FIND_CARD = Command(0x20, 0x01, "find_card")
SELECT_CARD = Command(0x20, 0x02, "select_card")
READ_TEXT_PHOTO = Command(0x30, 0x01, "read_text_photo")
READ_APPENDED_ADDRESS = Command(0x30, 0x03, "read_appended_address")
# Text + photo + fingerprint. The terminal never sends it: fingerprints are biometric data no
# flow needs (PIPL art. 28, sensitive personal information); the simulator answers it anyway.
READ_TEXT_PHOTO_FP = Command(0x30, 0x10, "read_text_photo_fingerprint")
SET_BAUD = 0x60  # `60 xx`: xx from BAUD_PARA

COMMANDS = {
    (c.cmd, c.para): c
    for c in (
        RESET_SAM,
        SAM_STATUS,
        SAM_ID,
        FIND_CARD,
        SELECT_CARD,
        READ_TEXT_PHOTO,
        READ_APPENDED_ADDRESS,
        READ_TEXT_PHOTO_FP,
    )
}

# `60 xx` parameter -> the UART rate the reader uses from its answer on (115200 at power-on)
BAUD_PARA: dict[int, int] = {0x00: 115200, 0x01: 57600, 0x02: 38400, 0x03: 19200, 0x04: 9600}
PARA_FOR_BAUD: dict[int, int] = {v: k for k, v in BAUD_PARA.items()}
DEFAULT_BAUD = 115200


def set_baud(rate: int) -> Command:
    """The `60 xx` command for ``rate`` (one of BAUD_PARA's); FrameError for any other."""
    if rate not in PARA_FOR_BAUD:
        raise FrameError(f"the reader cannot run at {rate} baud (only {sorted(BAUD_PARA)})")
    return Command(SET_BAUD, PARA_FOR_BAUD[rate], f"set_baud_{rate}")


# -- status words ----------------------------------------------------------------------------
class Sw3(IntEnum):
    """SW3 values the manuals name; any other value is reported as ``sw3_0xNN``."""

    OK = 0x90  # 操作成功
    NO_CONTENT = 0x91  # 无此项内容 (no appended address, no fingerprint)
    FOUND = 0x9F  # 寻找证/卡成功
    CHECKSUM = 0x10  # 接收业务终端数据的校验和错
    LENGTH = 0x11  # 接收业务终端数据的长度错
    COMMAND = 0x21  # 接收业务终端的命令错误
    UNAUTHORISED_OPERATION = 0x23  # 越权操作
    UNRECOGNISED = 0x24  # 无法识别的错误
    CARD_AUTHENTICATES_READER = 0x31  # 证/卡认证机具失败
    READER_AUTHENTICATES_CARD = 0x32  # 机具认证证/卡失败
    VERIFY = 0x33  # 信息验证错误
    UNKNOWN_CARD = 0x40  # 无法识别的卡类型
    READ_FAILED = 0x41  # 读证/卡操作失败
    RANDOM = 0x47  # 取随机数失败
    SAM_SELF_TEST = 0x60  # SAM 自检失败，不能接收命令
    SAM_NOT_AUTHORISED = 0x66  # SAM 没经过授权，无法使用
    FIND_FAILED = 0x80  # 寻找证/卡失败
    SELECT_FAILED = 0x81  # 选取证/卡失败


def status_name(sw3: int) -> str:
    """``ok``, ``find_failed``, … or ``sw3_0x5a`` for a code no manual names."""
    try:
        return Sw3(sw3).name.lower()
    except ValueError:
        return f"sw3_0x{sw3 & 0xFF:02x}"


# -- frames ----------------------------------------------------------------------------------
def checksum(data: bytes | bytearray | memoryview) -> int:
    x = 0
    for b in data:
        x ^= b
    return x


def _frame(body: bytes) -> bytes:
    if len(body) + 1 > MAX_LEN:
        raise FrameError(f"frame body of {len(body)} bytes is longer than any reader sends")
    head = struct.pack(">H", len(body) + 1)
    return PREAMBLE + head + body + bytes([checksum(head + body)])


def encode_request(command: Command, data: bytes = b"") -> bytes:
    return _frame(bytes([command.cmd & 0xFF, command.para & 0xFF]) + data)


def encode_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return _frame(bytes([sw1 & 0xFF, sw2 & 0xFF, sw3 & 0xFF]) + data)


@dataclass(frozen=True)
class Frame:
    """What lies between LEN and CHK, checksum verified."""

    body: bytes = field(repr=False)

    def __repr__(self) -> str:  # the body of a card read is personal: never printed
        return f"Frame({len(self.body)} bytes)"


@dataclass(frozen=True)
class Request:
    cmd: int
    para: int
    data: bytes = b""

    @property
    def name(self) -> str:
        if self.cmd == SET_BAUD:
            rate = BAUD_PARA.get(self.para)
            return f"set_baud_{rate}" if rate else f"set_baud_0x{self.para:02x}"
        known = COMMANDS.get((self.cmd, self.para))
        return known.name if known else f"cmd_{self.cmd:02x}_{self.para:02x}"

    @classmethod
    def from_frame(cls, frame: Frame) -> Request:
        if len(frame.body) < 2:
            raise FrameError("request too short: no CMD and PARA")
        return cls(frame.body[0], frame.body[1], frame.body[2:])


@dataclass(frozen=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = field(default=b"", repr=False)

    @property
    def status(self) -> str:
        return status_name(self.sw3)

    @property
    def ok(self) -> bool:
        return self.sw3 in (Sw3.OK, Sw3.FOUND)

    @classmethod
    def from_frame(cls, frame: Frame) -> Response:
        if len(frame.body) < 3:
            raise FrameError("response too short: no SW1 SW2 SW3")
        b = frame.body
        return cls(b[0], b[1], b[2], b[3:])

    def __repr__(self) -> str:
        return f"Response({self.status}, {len(self.data)} bytes)"


def decode_frame(raw: bytes | bytearray) -> Frame:
    """Exactly one frame, nothing before or after it; FrameError saying what is wrong."""
    data = bytes(raw)
    if not data.startswith(PREAMBLE):
        raise FrameError("no preamble AA AA AA 96 69")
    if len(data) < HEADER:
        raise FrameError("frame too short: no length")
    (length,) = struct.unpack_from(">H", data, len(PREAMBLE))
    if not MIN_LEN <= length <= MAX_LEN:
        raise FrameError(f"impossible length {length}")
    if len(data) < HEADER + length:
        raise FrameError(f"frame too short: {len(data)} of {HEADER + length} bytes")
    if len(data) > HEADER + length:
        raise FrameError(f"frame too long: {len(data) - HEADER - length} bytes after the checksum")
    if checksum(data[len(PREAMBLE) : -1]) != data[-1]:
        raise FrameError("bad checksum")
    return Frame(data[HEADER:-1])


class FrameParser:
    """Bytes in any pieces → whole, checksum-verified frames; resynchronises after garbage.

    A frame with a bad checksum or an impossible length costs one byte of the preamble it
    started at; the search then goes on from the next byte, so garbage and a frame cut short
    lose at most that frame. Never raises.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self.skipped_bytes = 0  # garbage between frames
        self.bad_checksums = 0
        self.bad_lengths = 0

    def clear(self) -> None:
        self._buf.clear()

    def feed(self, data: bytes | bytearray) -> list[Frame]:
        buf = self._buf
        buf += data
        out: list[Frame] = []
        while True:
            start = buf.find(PREAMBLE)
            if start < 0:
                # keep a tail that may be the start of a preamble cut in two
                keep = _preamble_prefix(buf)
                self.skipped_bytes += len(buf) - keep
                del buf[: len(buf) - keep]
                break
            if start:
                self.skipped_bytes += start
                del buf[:start]
            if len(buf) < HEADER:
                break
            (length,) = struct.unpack_from(">H", buf, len(PREAMBLE))
            if not MIN_LEN <= length <= MAX_LEN:
                self.bad_lengths += 1
                self.skipped_bytes += 1
                del buf[:1]
                continue
            total = HEADER + length
            if len(buf) < total:
                # Incomplete — or a false preamble in garbage claiming a long length: when a
                # whole valid frame starts later in the buffer, this one was noise.
                later = _next_valid(buf, 1)
                if later < 0:
                    break
                self.bad_lengths += 1
                self.skipped_bytes += later
                del buf[:later]
                continue
            if checksum(memoryview(buf)[len(PREAMBLE) : total - 1]) != buf[total - 1]:
                self.bad_checksums += 1
                self.skipped_bytes += 1
                del buf[:1]
                continue
            out.append(Frame(bytes(buf[HEADER : total - 1])))
            del buf[:total]
        return out


def _preamble_prefix(buf: bytearray) -> int:
    """Length of the longest tail of ``buf`` that is a proper prefix of the preamble."""
    for n in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf[-n:] == PREAMBLE[:n]:
            return n
    return 0


def _valid_at(buf: bytearray, i: int) -> bool:
    if len(buf) < i + HEADER:
        return False
    length: int = struct.unpack_from(">H", buf, i + len(PREAMBLE))[0]
    end = i + HEADER + length
    if not MIN_LEN <= length <= MAX_LEN or len(buf) < end:
        return False
    return checksum(memoryview(buf)[i + len(PREAMBLE) : end - 1]) == buf[end - 1]


def _next_valid(buf: bytearray, start: int) -> int:
    i = buf.find(PREAMBLE, start)
    while i >= 0:
        if _valid_at(buf, i):
            return i
        i = buf.find(PREAMBLE, i + 1)
    return -1
