"""A network ESC/POS printer on 127.0.0.1 for the demo and the tests.

It speaks the same bytes as a real Ethernet receipt printer on port 9100: it parses what it
receives, renders each receipt (up to each cut) to an image (and a PNG when given a folder),
answers DLE EOT status queries in real time, and can be told to run out of paper, open its
cover, stay silent, or drop the connection. One thread runs a selector loop; ``stop()`` joins it.

While paper is out (or the cover open) print data is swallowed, as a real printer stops
printing; what was printed of that receipt before the paper ran out lands in ``torn``.

    sim = PrinterSimulator().start()
    ... print to 127.0.0.1:sim.port ...
    sim.wait_for_receipts(1)
    sim.receipts[0].image, sim.receipts[0].raw, sim.receipts[0].png
    sim.stop()
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import selectors
import socket
import threading
import time
import tty
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PIL import Image as PILImage

from devices.printer.parser import EscPosParser, Op
from devices.printer.profiles import PrinterProfile, get_profile
from devices.printer.render import Printed, Renderer, save_png
from devices.printer.status import PaperState, answer_byte

log = logging.getLogger(__name__)

PaperSetting = Literal["ok", "low", "out"]


@dataclass
class SimReceipt:
    image: PILImage.Image
    raw: bytes
    """The bytes of this receipt as received (status queries excluded)."""
    png: Path | None = None
    items: list[Printed] = field(default_factory=list)
    """What was printed where (devices.printer.render.Printed)."""
    missing: list[str] = field(default_factory=list)
    """Characters the simulated printer's font lacked (printed as boxes)."""
    dropped: list[str] = field(default_factory=list)
    """Symbols the simulated printer would not print, and why."""
    overflow: list[str] = field(default_factory=list)
    """Lines it wrapped and images it clipped because they were wider than its head."""


@dataclass
class _Client:
    sock: socket.socket | None
    parser: EscPosParser = field(default_factory=EscPosParser)
    stream: bytearray = field(default_factory=bytearray)
    """Bytes received and not yet attributed to a receipt; ``base`` is the offset of [0]."""
    base: int = 0

    def take(self, end: int) -> bytes:
        n = max(0, end - self.base)
        out = bytes(self.stream[:n])
        del self.stream[:n]
        self.base += n
        return out


class PrinterSimulator:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        profile: PrinterProfile | str = "80mm",
        out_dir: Path | None = None,
        font_path: str | None = None,
    ) -> None:
        self.host = host
        self._want_port = port
        self.profile = get_profile(profile) if isinstance(profile, str) else profile
        """The printer simulated: its head width, font and commands (devices.printer.profiles)."""
        self.dots = self.profile.dots
        self.out_dir = out_dir
        self._font_path = font_path
        self.port = 0
        self.receipts: list[SimReceipt] = []
        self.torn: list[SimReceipt] = []
        self.status_queries = 0
        self.connections = 0
        self._paper = PaperState.OK
        self._cover_open = False
        self._silent = False
        self._out_after: int | None = None
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._drop = threading.Event()
        self._listener: socket.socket | None = None
        self._wake_r, self._wake_w = socket.socketpair()
        self._renderer = Renderer(self.profile, font_path)

    # -- control (any thread) -------------------------------------------------------------
    def start(self) -> PrinterSimulator:
        lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lsock.bind((self.host, self._want_port))
        lsock.listen(4)
        lsock.setblocking(False)
        self._listener = lsock
        self.port = lsock.getsockname()[1]
        self._thread = threading.Thread(target=self._run, name=f"printer-sim-{self.port}")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every socket and join the thread; safe to call twice."""
        self._stop.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(5.0)
            self._thread = None
        for s in (self._wake_r, self._wake_w):
            s.close()

    def __enter__(self) -> PrinterSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_paper(self, state: PaperSetting) -> None:
        with self._lock:
            self._paper = PaperState(state)
            self._out_after = None

    def paper_out_after(self, nbytes: int) -> None:
        """Run out of paper once ``nbytes`` more print bytes have arrived (mid-job paper end)."""
        with self._lock:
            self._out_after = nbytes

    def set_cover(self, open_: bool) -> None:
        with self._lock:
            self._cover_open = open_

    def set_silent(self, silent: bool) -> None:
        """Stop answering status queries (a hung printer whose socket is still up)."""
        with self._lock:
            self._silent = silent

    def drop(self) -> None:
        """Close the current connections (a pulled cable); new connections are accepted."""
        self._drop.set()
        self._wake()

    def wait_for_receipts(self, n: int, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.receipts) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return True

    @property
    def paper(self) -> PaperState:
        with self._lock:
            return self._paper

    # -- the simulator thread ---------------------------------------------------------------
    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")

    def _run(self) -> None:
        sel = selectors.DefaultSelector()
        assert self._listener is not None
        sel.register(self._listener, selectors.EVENT_READ, "listen")
        sel.register(self._wake_r, selectors.EVENT_READ, "wake")
        clients: dict[socket.socket, _Client] = {}
        try:
            while not self._stop.is_set():
                for key, _ in sel.select(timeout=0.5):
                    if key.data == "listen":
                        self._accept(sel, clients)
                    elif key.data == "wake":
                        self._wake_r.recv(64)
                    else:
                        self._serve(sel, clients, clients[key.fileobj])  # type: ignore[index]
                if self._drop.is_set():
                    self._drop.clear()
                    for c in list(clients.values()):
                        self._close_client(sel, clients, c)
        finally:
            for c in list(clients.values()):
                self._close_client(sel, clients, c)
            sel.close()
            self._listener.close()

    def _accept(self, sel: selectors.BaseSelector, clients: dict[socket.socket, _Client]) -> None:
        assert self._listener is not None
        try:
            sock, _ = self._listener.accept()
        except BlockingIOError:
            return
        sock.setblocking(False)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        clients[sock] = _Client(sock)
        sel.register(sock, selectors.EVENT_READ, "client")
        with self._lock:
            self.connections += 1

    def _close_client(
        self, sel: selectors.BaseSelector, clients: dict[socket.socket, _Client], c: _Client
    ) -> None:
        assert c.sock is not None
        clients.pop(c.sock, None)
        with contextlib.suppress(KeyError, ValueError):
            sel.unregister(c.sock)
        c.sock.close()

    def _serve(
        self, sel: selectors.BaseSelector, clients: dict[socket.socket, _Client], c: _Client
    ) -> None:
        assert c.sock is not None
        try:
            data = c.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._close_client(sel, clients, c)
            return
        reply = self._handle(c, data)
        if reply:
            # One send per batch of queries: byte-by-byte sends meet Nagle + delayed ACK (40 ms).
            try:
                c.sock.sendall(bytes(reply))
            except OSError:
                self._close_client(sel, clients, c)

    def _handle(self, c: _Client, data: bytes) -> bytes:
        """Print what arrived; return the answers to the status queries in it, in order."""
        c.stream += data
        reply = bytearray()
        for op in c.parser.feed(data):
            if op.kind == "status":
                b = self._status_answer(op.value)
                if b is not None:
                    reply.append(b)
            else:
                self._print(op, c)
        return bytes(reply)

    def _status_answer(self, n: int) -> int | None:
        with self._lock:
            self.status_queries += 1
            if self._silent or n not in (1, 2, 3, 4):
                return None
            return answer_byte(n, paper=self._paper, cover_open=self._cover_open)

    def _print(self, op: Op, c: _Client) -> None:
        with self._lock:
            if self._out_after is not None and op.kind not in ("init", "chinese"):
                self._out_after -= max(1, len(op.data) + len(op.text.encode("gb18030")))
                if self._out_after <= 0:
                    self._paper = PaperState.OUT
                    self._out_after = None
            stopped = self._paper is PaperState.OUT or self._cover_open
        if stopped:
            # The head stops: what was printed of this receipt is torn off, the rest is lost.
            partial = self._renderer.flush()
            raw = c.take(op.end)
            if partial is not None:
                with self._lock:
                    self.torn.append(SimReceipt(partial, raw))
            return
        self._renderer.feed([op])
        r = self._renderer
        for image, items in zip(r.take(), r.take_items(), strict=True):
            raw = c.take(op.end)
            self._finish(SimReceipt(image, raw, None, items, r.missing, r.dropped, r.overflow))
            r.missing, r.dropped, r.overflow = [], [], []

    def _finish(self, rec: SimReceipt) -> None:
        if self.out_dir is not None:
            name = f"receipt-{len(self.receipts) + 1:03d}.png"
            rec.png = save_png(rec.image, self.out_dir / name)
        with self._cond:
            self.receipts.append(rec)
            self._cond.notify_all()


class PtyPrinterSimulator(PrinterSimulator):
    """The same printer behind a pty pair, for the ``escpos-serial`` adapter.

    ``start()`` sets ``device`` to the slave's path (what pyserial opens, like a
    ``/dev/serial/by-id`` link); paper, cover and silence work as on TCP. ``drop()`` is not
    offered: a serial cable pull cannot be told apart from a silent printer, which
    ``set_silent(True)`` already simulates.
    """

    def __init__(
        self, *, profile: PrinterProfile | str = "80mm", out_dir: Path | None = None
    ) -> None:
        super().__init__(profile=profile, out_dir=out_dir)
        self.device = ""
        self._master = -1
        self._slave = -1

    def start(self) -> PtyPrinterSimulator:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.device = os.ttyname(self._slave)
        self._thread = threading.Thread(target=self._run, name="printer-sim-pty")
        self._thread.start()
        return self

    def __enter__(self) -> PtyPrinterSimulator:
        return self.start()

    def drop(self) -> None:
        raise NotImplementedError("a pty printer cannot be unplugged; use set_silent(True)")

    def _run(self) -> None:
        client = _Client(None)
        try:
            while not self._stop.is_set():
                wake = self._wake_r.fileno()
                ready, _, _ = select.select([self._master, wake], [], [], 0.5)
                if wake in ready:
                    self._wake_r.recv(64)
                if self._master in ready:
                    try:
                        data = os.read(self._master, 65536)
                    except OSError:
                        continue
                    reply = self._handle(client, data)
                    if reply:
                        os.write(self._master, reply)
        finally:
            os.close(self._master)
            os.close(self._slave)
