"""Rating pad simulator over a pty pair: answers the host like a pad, and misbehaves on demand.

It sends ratings (repeating until ACKed, as the protocol says), heartbeats, garbage and frames
cut into pieces, and can go silent. With ``screen=True`` it is a pad with a screen: its
heartbeat says so, it takes REASONS (kept in ``shown_reasons``, what its screen would list) and
``pick(level, codes)`` is a citizen choosing 差评 reasons on it; without, REASONS goes unanswered
like on an older pad. Its one reader thread is stopped by ``close()``.
"""

from __future__ import annotations

import random
import threading
import time

from devices.rating.protocol import (
    ACK,
    CLEAR,
    PAD_ACK,
    PING,
    PROMPT,
    REASONS,
    FrameParser,
    decode_reasons,
    encode_frame,
    encode_heartbeat,
    encode_rating,
)
from devices.serial_sim import PtyPort


class RatingPadSimulator:
    def __init__(
        self,
        port: PtyPort | None = None,
        heartbeat_s: float = 2.0,
        resend_s: float = 0.5,
        seed: int = 0,
        screen: bool = False,
    ) -> None:
        self.port = port or PtyPort("usb-KIOSK_SIM_RatingPad_0001-if00")
        self.heartbeat_s, self.resend_s = heartbeat_s, resend_s
        self.silent = False
        self.screen = screen
        self.prompt: list[str] | None = None
        self.shown_reasons: list[tuple[int, str]] = []
        self.acked: set[int] = set()
        self.sent_ratings = 0
        self._rng = random.Random(seed)
        self._seq = 0
        self._pending: dict[int, tuple[bytes, int, float]] = {}  # seq -> (frame, tries, next)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._parser = FrameParser()
        self._thread = threading.Thread(target=self._run, name="sim-rating-pad", daemon=True)
        self._thread.start()

    @property
    def path(self) -> str:
        return self.port.path

    def _next_seq(self) -> int:
        self._seq = (self._seq + 1) & 0xFF
        return self._seq

    def rate(self, level: int, reasons: tuple[int, ...] = (), pieces: int = 1) -> int:
        """A citizen presses a key; returns the SEQ used."""
        with self._lock:
            seq = self._next_seq()
            frame = encode_rating(level, reasons, seq)
            self._pending[seq] = (frame, 1, time.monotonic() + self.resend_s)
        self._send(frame, pieces)
        self.sent_ratings += 1
        return seq

    def pick(self, level: int, codes: tuple[int, ...]) -> int:
        """A citizen rates 不满意/非常不满意 and ticks reasons on the pad's screen."""
        if not self.screen:
            raise RuntimeError("this pad has no screen to show reasons on")
        shown = {c for c, _ in self.shown_reasons}
        if not set(codes) <= shown:
            raise ValueError(f"the pad does not show reasons {sorted(set(codes) - shown)}")
        return self.rate(level, codes)

    def garbage(self, n: int = 32) -> None:
        junk = bytes(self._rng.randrange(256) for _ in range(n))
        self._send(junk.replace(b"\x02", b"\x00"))
        self._send(b"\x02\x00\x05\x20\x01\x09\x00\x00\x00\x03")  # framed, bad CRC

    def _send(self, data: bytes, pieces: int = 1) -> None:
        if self.silent or not self.port.plugged:
            return
        cuts: list[int] = []
        if pieces > 1 and len(data) > 1:
            cuts = sorted(self._rng.sample(range(1, len(data)), min(pieces - 1, len(data) - 1)))
        try:
            for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True):
                self.port.write(data[a:b])
        except OSError:
            pass  # unplugged meanwhile: what a real pad's bytes do too

    def _run(self) -> None:
        next_hb = time.monotonic()
        while not self._stop.is_set():
            data = self.port.read(timeout=0.05)
            for f in self._parser.feed(data):
                if self.silent:
                    continue
                if f.cmd == PROMPT:
                    self.prompt = f.payload.decode("utf-8", "replace").split("\x1f")
                    self._send(encode_frame(PAD_ACK, self._next_seq(), bytes([f.seq])))
                elif f.cmd == REASONS and self.screen:
                    self.shown_reasons = decode_reasons(f.payload) or []
                    self._send(encode_frame(PAD_ACK, self._next_seq(), bytes([f.seq])))
                elif f.cmd == CLEAR:
                    self.prompt = None
                    self.shown_reasons = []
                    self._send(encode_frame(PAD_ACK, self._next_seq(), bytes([f.seq])))
                elif f.cmd == PING:
                    self._send(self._heartbeat())
                elif f.cmd == ACK and f.payload:
                    with self._lock:
                        self.acked.add(f.payload[0])
                        self._pending.pop(f.payload[0], None)
            now = time.monotonic()
            if self.heartbeat_s > 0 and now >= next_hb:
                next_hb = now + self.heartbeat_s
                self._send(self._heartbeat())
            with self._lock:
                due = [(s, v) for s, v in self._pending.items() if v[2] <= now]
                for seq, (frame, tries, _) in due:
                    if tries >= 5:
                        del self._pending[seq]
                    else:
                        self._pending[seq] = (frame, tries + 1, now + self.resend_s)
            for _, (frame, _, _) in due:
                self._send(frame)

    def _heartbeat(self) -> bytes:
        return encode_heartbeat(self.prompt is not None, seq=self._next_seq(), screen=self.screen)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2.0)
        self.port.close()
