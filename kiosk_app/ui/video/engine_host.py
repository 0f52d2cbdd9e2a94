"""The kiosk's side of the media engine process (``engine.py``): starts it when the citizen
consents, talks to it over its stdin/stdout, turns its frames into QImages, and ends it.

It is the call flow's ``VideoMedia`` port. What the engine reports arrives on this object's
signals on the GUI thread (a reader thread parses the pipe). ``stop()`` asks the page to stop
its tracks, closes the pipe and waits for the process; one that does not leave is killed — the
devices are released when it is gone, and ``stop()`` returns only then.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import subprocess
import threading
import weakref
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from kiosk_app.ui.video import engine, wire

log = logging.getLogger(__name__)
STOP_WAIT_S = 3.0
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, held there: every frame is larger
TRIM_AFTER_MS = 1500


class _Relay(QObject):
    """The reader thread → the GUI thread.

    Delivered to a plain function holding the host weakly, not to a method of the host: with
    PySide 6.11, a queued call into a method of the host that emits the host's own signals
    keeps a reference to the host for each call delivered, so every host (one a call, with its
    pipes and queues) stayed for the life of the kiosk. Found by counting EngineHost objects
    after calls (benchmarks/video_call.py measures what calls leave)."""

    relay = Signal(str, object)


class EngineHost(QObject):
    frame = Signal(int, QImage)  # stream (wire.REMOTE / wire.SELF), picture
    engine_event = Signal(dict)  # {"ev": "media" | "signal" | "state" | "stats" | "failed" | ...}
    exited = Signal(int)

    def __init__(
        self,
        *,
        fake_media: bool = False,
        camera_label: str = "",
        no_camera: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.fake_media = fake_media
        self.camera_label = camera_label
        self.no_camera = no_camera
        self.proc: subprocess.Popen[bytes] | None = None
        self._out: queue.Queue[bytes | None] = queue.Queue()
        self._doc_pending = 0
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._relay = _Relay()
        me = weakref.ref(self)

        def deliver(kind: str, payload: Any) -> None:
            host = me()
            if host is not None:
                host._on_relay(kind, payload)

        self._relay.relay.connect(deliver, Qt.ConnectionType.QueuedConnection)
        self.frames_received = 0
        self.pid: int | None = None

    # -- VideoMedia -----------------------------------------------------------------------------
    def start(self) -> None:
        if self.proc is not None:
            return
        _frames_from_their_own_pages()
        self.proc = subprocess.Popen(
            engine.command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=engine.environment(self.fake_media),
            start_new_session=True,  # its Chromium helpers go with it (killpg below)
        )
        self.pid = self.proc.pid
        log.info("video engine started", extra={"pid": self.proc.pid})
        reader = threading.Thread(target=self._read, args=(self.proc,), name="engine-read")
        writer = threading.Thread(target=self._write, args=(self.proc,), name="engine-write")
        self._threads = [reader, writer]
        for t in self._threads:
            t.daemon = True
            t.start()
        self._send({"op": "start", "camera_label": self.camera_label, "no_camera": self.no_camera})

    def offer(self, ice_servers: list[dict[str, Any]]) -> None:
        self._send({"op": "connect", "ice_servers": ice_servers})

    def signal(self, data: dict[str, Any]) -> None:
        self._send({"op": "signal", "data": data})

    def mute(self, on: bool) -> None:
        self._send({"op": "mute", "on": on})

    def share_document(self, on: bool) -> None:
        self._send({"op": "share", "on": on})

    def hang_up(self) -> None:
        self._send({"op": "hangup"})

    def stop(self) -> None:
        """End the process; return once it (and every device it held) is gone."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        self._send_raw(wire.pack_json({"op": "stop"}))
        self._out.put(None)  # the writer closes stdin after the stop: the engine quits
        try:
            proc.wait(timeout=STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            log.warning("video engine did not stop; killing it")
            with contextlib.suppress(ProcessLookupError, PermissionError):
                import os
                import signal

                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=STOP_WAIT_S)
        for t in self._threads:
            t.join(timeout=STOP_WAIT_S)
        self._threads = []
        for pipe in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()
        self._out = queue.Queue()
        _give_back_memory()
        # again once the frames still on their way to the screen (queued signals, the last
        # picture on each surface) have been dropped with the screen
        QTimer.singleShot(TRIM_AFTER_MS, _give_back_memory)
        log.info("video engine stopped", extra={"code": proc.returncode})

    # -- the document camera ------------------------------------------------------------------
    def send_document_frame(self, image: np.ndarray[Any, Any]) -> None:
        """A BGR preview frame of the document camera, while it is shared (dropped when the
        engine has not taken the last one yet: a slow moment never builds a backlog)."""
        if self.proc is None:
            return
        import cv2

        h, w = image.shape[:2]
        w2, h2 = w & ~1, h & ~1
        rgba = cv2.cvtColor(image[:h2, :w2], cv2.COLOR_BGR2RGBA)
        with self._lock:
            if self._doc_pending >= 2:
                return
            self._doc_pending += 1
        payload = wire.frame_payload(wire.DOC, w2, h2, rgba.tobytes())
        self._send_raw(wire.pack_frame(payload))

    # -- plumbing ---------------------------------------------------------------------------
    def _send(self, doc: dict[str, Any]) -> None:
        if self.proc is not None:
            self._send_raw(wire.pack_json(doc))

    def _send_raw(self, data: bytes) -> None:
        self._out.put(data)

    def _write(self, proc: subprocess.Popen[bytes]) -> None:
        q, pipe = self._out, proc.stdin
        assert pipe is not None
        while (data := q.get()) is not None:
            try:
                pipe.write(data)
                pipe.flush()
            except OSError:
                break
            finally:
                if data[:1] == b"F":
                    with self._lock:
                        self._doc_pending -= 1
        with contextlib.suppress(OSError):
            pipe.close()

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        """Parse the engine's pipe. A frame is read straight into the QImage that will show it
        (one allocation a frame, no copies): pictures at 15 a second are most of what a call
        moves through this process, and every copy was heap left behind after the call."""
        pipe = proc.stdout
        assert pipe is not None
        try:
            while (head := wire.read_head(pipe)) is not None:
                kind, size = head
                if kind == "J":
                    body = wire.read_body(pipe, size)
                    if body is None:
                        break
                    self._relay.relay.emit("J", json.loads(body))
                    continue
                fh = wire.read_body(pipe, min(size, wire.HEADER.size))
                if fh is None or len(fh) < wire.HEADER.size:
                    break
                stream, _, w, h, _ = wire.HEADER.unpack(fh)
                rest = size - wire.HEADER.size
                if rest != w * h * 4 or w == 0 or h == 0:
                    if not wire.skip(pipe, rest):
                        break
                    continue
                img = QImage(w, h, QImage.Format.Format_RGBA8888)
                if not wire.read_into(pipe, memoryview(img.bits()).cast("B")):
                    break
                self._relay.relay.emit("F", (stream, img))
        except (OSError, ValueError) as exc:
            log.warning("video engine pipe: %s", exc)
        self._relay.relay.emit("X", proc.wait())

    def _on_relay(self, kind: str, payload: Any) -> None:
        if kind == "J":
            self.engine_event.emit(payload)
        elif kind == "F":
            self.frames_received += 1
            self.frame.emit(*payload)
        else:
            self.exited.emit(int(payload))


_LIBC: Any = None
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter


def _libc() -> Any:
    global _LIBC
    if _LIBC is None:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("c")
        try:
            _LIBC = ctypes.CDLL(name) if name else False
        except OSError:
            _LIBC = False
    return _LIBC


def _frames_from_their_own_pages() -> None:
    """Give every picture-sized block its own pages (mmap), returned to the system when freed.

    glibc serves a block of 128 KiB or more with mmap at first, but after the first such block
    is freed it raises that threshold to the block's size (up to 32 MiB) and serves the next
    ones from its heaps, where freed frames stay as holes the process keeps (measured with
    mallinfo2 in benchmarks/video_call.py: ~20 MiB of free heap after one call). Setting the
    threshold fixes it at 128 KiB for the process: the agent's 2 MiB frames come and go as
    mappings. Set at the first call, so a kiosk that makes none is untouched.
    """
    libc = _libc()
    if libc:
        with contextlib.suppress(AttributeError):
            libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def _give_back_memory() -> None:
    """Hand the frames' freed heap back to the system. A call moves a few hundred megabytes of
    pictures through the reader thread, whose malloc arena keeps what it once held; glibc's
    malloc_trim returns it (measured: benchmarks/video_call.py)."""
    libc = _libc()
    if libc:
        with contextlib.suppress(AttributeError):
            libc.malloc_trim(0)
