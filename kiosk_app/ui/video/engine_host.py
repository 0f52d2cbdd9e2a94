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
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage

from kiosk_app.ui.video import engine, wire

log = logging.getLogger(__name__)
STOP_WAIT_S = 3.0


class EngineHost(QObject):
    frame = Signal(int, QImage)  # stream (wire.REMOTE / wire.SELF), picture
    engine_event = Signal(dict)  # {"ev": "media" | "signal" | "state" | "stats" | "failed" | ...}
    exited = Signal(int)

    _relay = Signal(str, object)

    def __init__(
        self, *, fake_media: bool = False, camera_label: str = "", no_camera: bool = False
    ) -> None:
        super().__init__()
        self.fake_media = fake_media
        self.camera_label = camera_label
        self.no_camera = no_camera
        self.proc: subprocess.Popen[bytes] | None = None
        self._out: queue.Queue[bytes | None] = queue.Queue()
        self._doc_pending = 0
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._relay.connect(self._on_relay, Qt.ConnectionType.QueuedConnection)
        self.frames_received = 0
        self.pid: int | None = None

    # -- VideoMedia -----------------------------------------------------------------------------
    def start(self) -> None:
        if self.proc is not None:
            return
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
        pipe = proc.stdout
        assert pipe is not None
        try:
            while (rec := wire.read_record(pipe)) is not None:
                kind, body = rec
                if kind == "J":
                    self._relay.emit("J", json.loads(body))
                else:
                    stream, _, w, h, _ = wire.HEADER.unpack_from(body)
                    if len(body) != wire.HEADER.size + w * h * 4:
                        continue
                    img = QImage(
                        body[wire.HEADER.size :], w, h, w * 4, QImage.Format.Format_RGBA8888
                    )
                    self._relay.emit("F", (stream, img.copy()))
        except (OSError, ValueError) as exc:
            log.warning("video engine pipe: %s", exc)
        self._relay.emit("X", proc.wait())

    @Slot(str, object)
    def _on_relay(self, kind: str, payload: Any) -> None:
        if kind == "J":
            self.engine_event.emit(payload)
        elif kind == "F":
            self.frames_received += 1
            self.frame.emit(*payload)
        else:
            self.exited.emit(int(payload))


def _give_back_memory() -> None:
    """Hand the frames' freed heap back to the system. A call moves a few hundred megabytes of
    pictures through the reader thread, whose malloc arena keeps what it once held; glibc's
    malloc_trim returns it (measured: benchmarks/video_call.py)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name is None:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(name).malloc_trim(0)
