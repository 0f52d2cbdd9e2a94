"""Cut a scan gun's byte stream into codes by its configured suffix (CR by default).

Scan guns send ``[prefix]code suffix`` with nothing else to frame it, and a serial line delivers
it in arbitrary pieces. This framer joins pieces, cuts at the suffix, strips the prefix, drops
line noise (empty frames, runs of control bytes, over-long garbage) and forgets a partial code
that stops arriving (a glitch must not prefix the next citizen's scan). Pure and Qt-free.
"""

from __future__ import annotations

import time
from collections.abc import Callable

_NOISE = bytes(range(0x20)).replace(b"\x1d", b"").replace(b"\t", b"")  # keep GS1 separator, tab


def parse_escape(text: str) -> bytes:
    r"""Config strings like ``"\r\n"`` or ``"\x03"`` to bytes."""
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1")


class SuffixFramer:
    def __init__(
        self,
        suffix: bytes = b"\r",
        prefix: bytes = b"",
        max_length: int = 4096,
        stale_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not suffix:
            raise ValueError("a suffix is needed to frame scans")
        self.suffix, self.prefix = suffix, prefix
        self.max_length, self.stale_s = max_length, stale_s
        self._clock = clock
        self._buf = bytearray()
        self._last = 0.0
        self.dropped = 0  # frames discarded as noise (a count, never content)

    def feed(self, data: bytes) -> list[bytes]:
        now = self._clock()
        if self._buf and now - self._last > self.stale_s:
            self._buf.clear()
            self.dropped += 1
        if data:
            self._last = now
        self._buf += data
        out: list[bytes] = []
        while True:
            i = self._buf.find(self.suffix)
            if i < 0:
                break
            frame = bytes(self._buf[:i])
            del self._buf[: i + len(self.suffix)]
            cleaned = self._clean(frame)
            if cleaned:
                out.append(cleaned)
            else:
                self.dropped += 1
        if len(self._buf) > self.max_length:
            self._buf.clear()
            self.dropped += 1
        return out

    def _clean(self, frame: bytes) -> bytes:
        if self.prefix:
            i = frame.rfind(self.prefix)
            if i < 0:
                return b""  # a configured prefix is missing: not a scan, noise
            frame = frame[i + len(self.prefix) :]
        frame = frame.strip(_NOISE + b" ").replace(b"\x00", b"")
        if len(frame) > self.max_length:
            return b""
        if frame and sum(b in _NOISE for b in frame) * 4 > len(frame):
            return b""  # mostly control bytes: line noise
        return frame
