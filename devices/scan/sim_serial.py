"""Serial scan-gun simulator: sends codes over a PtyPort the way a real gun does.

Codes go out as ``prefix + bytes + suffix`` in UTF-8 or GB18030, optionally split into pieces,
preceded by line noise, or left unterminated — the cases the adapter must survive.
"""

from __future__ import annotations

import random

from devices.serial_sim import PtyPort


class ScannerSimulator:
    def __init__(
        self,
        port: PtyPort | None = None,
        suffix: bytes = b"\r",
        prefix: bytes = b"",
        seed: int = 0,
    ) -> None:
        self.port = port or PtyPort("usb-KIOSK_SIM_Scanner_0001-if00")
        self.suffix, self.prefix = suffix, prefix
        self._rng = random.Random(seed)

    @property
    def path(self) -> str:
        return self.port.path

    def scan(self, text: str, encoding: str = "utf-8", pieces: int = 1) -> None:
        data = self.prefix + text.encode(encoding) + self.suffix
        self.send(data, pieces)

    def send(self, data: bytes, pieces: int = 1) -> None:
        if pieces <= 1 or len(data) < 2:
            self.port.write(data)
            return
        cuts = sorted(self._rng.sample(range(1, len(data)), min(pieces - 1, len(data) - 1)))
        for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True):
            self.port.write(data[a:b])

    def noise(self, n: int = 16) -> None:
        """Control-byte line noise terminated like a frame (what a brown-out glitch looks like)."""
        self.port.write(bytes(self._rng.randrange(0, 0x20) for _ in range(n)) + self.suffix)

    def close(self) -> None:
        self.port.close()
