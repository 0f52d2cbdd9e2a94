"""Printer status from real-time DLE EOT queries, reported without ambiguity.

python-escpos's ``paper_status()`` returns "plenty of paper" when the printer did not answer,
and ``is_online()`` cannot tell "offline" from "silent". Here every query's answer byte is
checked against the fixed bits ESC/POS defines (bit 1 and bit 4 set, bits 0 and 7 clear); a
missing or malformed answer makes the whole status ``answered=False`` — a typed "no answer",
never "no paper" or "paper ok".

Bit meanings (Epson ESC/POS, DLE EOT n):

- n=1 printer status: bit 3 offline.
- n=2 offline cause: bit 2 cover open, bit 5 printing stopped by paper end, bit 6 error.
- n=3 error cause: bit 3 auto-cutter error, bit 5 unrecoverable error, bit 6 auto-recoverable.
- n=4 roll paper sensor: bits 2-3 paper near end, bits 5-6 paper end.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from devices.printer.commands import status_query

QUERIES = (1, 2, 3, 4)
_FIXED_MASK = 0x93
_FIXED_VALUE = 0x12


class PaperState(StrEnum):
    OK = "ok"
    LOW = "low"
    OUT = "out"


@dataclass(frozen=True)
class PrinterStatus:
    answered: bool
    """False when the printer sent nothing (or garbage) in time: its state is unknown."""
    online: bool | None = None
    cover_open: bool | None = None
    paper: PaperState | None = None
    cutter_error: bool | None = None
    unrecoverable_error: bool | None = None
    detail: str = ""

    @classmethod
    def no_answer(cls, detail: str) -> PrinterStatus:
        return cls(answered=False, detail=detail)

    @property
    def problem(self) -> str | None:
        """The one thing to tell staff first, or None when the printer can print."""
        if not self.answered:
            return "no_answer"
        if self.cover_open:
            return "cover_open"
        if self.paper is PaperState.OUT:
            return "paper_out"
        if self.cutter_error or self.unrecoverable_error:
            return "fault"
        if not self.online:
            return "offline"
        return None

    @property
    def ready(self) -> bool:
        return self.problem is None


def valid_answer(byte: int) -> bool:
    return (byte & _FIXED_MASK) == _FIXED_VALUE


def parse_status(answers: bytes) -> PrinterStatus:
    """Interpret the four answer bytes to DLE EOT 1, 2, 3, 4 (in that order)."""
    if len(answers) < len(QUERIES):
        return PrinterStatus.no_answer(f"got {len(answers)} of {len(QUERIES)} status bytes")
    bad = [n for n, b in zip(QUERIES, answers, strict=False) if not valid_answer(b)]
    if bad:
        return PrinterStatus.no_answer(f"malformed answer to DLE EOT {bad[0]}")
    s1, s2, s3, s4 = answers[:4]
    if s4 & 0x60:
        paper = PaperState.OUT
    elif s4 & 0x0C:
        paper = PaperState.LOW
    else:
        paper = PaperState.OK
    if s2 & 0x20:  # the printer stopped for paper end even if the sensor byte disagrees
        paper = PaperState.OUT
    return PrinterStatus(
        answered=True,
        online=not (s1 & 0x08),
        cover_open=bool(s2 & 0x04),
        paper=paper,
        cutter_error=bool(s3 & 0x08),
        unrecoverable_error=bool(s3 & 0x20),
    )


def answer_byte(
    n: int,
    *,
    paper: PaperState,
    cover_open: bool = False,
    cutter_error: bool = False,
) -> int:
    """What a printer in this condition answers to DLE EOT n (used by the simulator)."""
    offline = cover_open or paper is PaperState.OUT or cutter_error
    b = _FIXED_VALUE
    if n == 1:
        b |= 0x08 if offline else 0
    elif n == 2:
        b |= 0x04 if cover_open else 0
        b |= 0x20 if paper is PaperState.OUT else 0
        b |= 0x40 if cutter_error else 0
    elif n == 3:
        b |= 0x08 if cutter_error else 0
    elif n == 4:
        b |= 0x0C if paper in (PaperState.LOW, PaperState.OUT) else 0
        b |= 0x60 if paper is PaperState.OUT else 0
    return b


class StatusChannel(Protocol):
    def discard_input(self) -> None: ...
    def write(self, data: bytes, timeout: float) -> None: ...
    def read(self, n: int, timeout: float) -> bytes: ...


def query_status(channel: StatusChannel, timeout: float = 1.0) -> PrinterStatus:
    """Send DLE EOT 1..4 and read the four answers within ``timeout`` seconds in all.

    Late answers to an earlier, timed-out query are discarded first so they cannot be taken
    for this query's. Channel errors (dropped socket) propagate: that is "offline", which the
    caller reports differently from "no answer".
    """
    deadline = time.monotonic() + timeout
    channel.discard_input()
    channel.write(b"".join(status_query(n) for n in QUERIES), timeout)
    got = b""
    while len(got) < len(QUERIES):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        got += channel.read(len(QUERIES) - len(got), left)
    if len(got) < len(QUERIES):
        return PrinterStatus.no_answer(f"no answer within {timeout:.1f} s ({len(got)} bytes)")
    return parse_status(got)
