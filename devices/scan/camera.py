"""Camera scanner adapter: frames from a capture, codes from ``decode`` within a frame budget.

Settings (``CameraScannerSettings``): ``source`` (see devices.scan.capture.open_capture;
``"scene:"`` keeps one synthesised camera in ``self.scene`` for the demo), ``width``/``height``/
``fps``, ``backend`` (zxing | pyzbar), ``budget_ms`` (the retry ladder stops there so a 1080p
frame with no code stays inside a 15 fps loop), ``repeat_s`` (a code held in front of the camera
is one scan, not fifteen a second), ``fail_limit`` (failed reads in a row = camera gone).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal

from msgspec import Meta

from devices.base import Device, DeviceState, TestResult
from devices.errors import DeviceOffline
from devices.scan.capture import Capture, Frame, SceneCapture, open_capture
from devices.scan.decoder import decode
from devices.settings import Settings


class CameraScannerSettings(Settings, frozen=True, kw_only=True):
    source: int | Annotated[str, Meta(min_length=1)]
    width: Annotated[int, Meta(ge=0, le=10_000)] = 0
    height: Annotated[int, Meta(ge=0, le=10_000)] = 0
    fps: Annotated[float, Meta(ge=0, le=240)] = 0
    backend: Literal["zxing", "pyzbar"] = "zxing"
    budget_ms: Annotated[float, Meta(gt=0, le=1000)] = 8.0
    repeat_s: Annotated[float, Meta(ge=0, le=60)] = 2.0
    fail_limit: Annotated[int, Meta(ge=1, le=1000)] = 10


class CameraScanner(Device):
    adapter_name = "camera_scanner"
    settings_type: ClassVar[type[Settings]] = CameraScannerSettings
    settings: CameraScannerSettings
    poll_interval_s = 0.0  # capture.read() blocks until the next frame

    def __init__(
        self,
        name: str,
        params: dict[str, Any] | None = None,
        capture_factory: Callable[[], Capture] | None = None,
    ) -> None:
        super().__init__(name, params)
        s = self.settings
        source = s.source
        self.budget_ms = s.budget_ms
        self.repeat_s = s.repeat_s
        self.fail_limit = s.fail_limit
        size = (s.width, s.height, s.fps)
        self.backend: Any = s.backend
        #: for ``source = "scene:"`` the one synthesised camera, kept across reconnects, so the
        #: demo and tests can hold a code up: ``device.scene.show("ZWFW-YY:…")``
        self.scene: SceneCapture | None = None
        if capture_factory is None and str(source).startswith("scene:"):
            self.scene = SceneCapture((size[0] or 1280, size[1] or 720), size[2] or 15.0)
            capture_factory = self.scene.reopen
        self._factory = capture_factory or (lambda: open_capture(source, *size))
        self._cap: Capture | None = None
        self._fails = 0
        self._last: dict[bytes, float] = {}
        self.frames = 0
        self._frame: Frame | None = None  # the newest frame, for snapshot()
        self.scans = 0
        self.last_decode_ms = 0.0

    def _connect(self) -> None:
        cap = self._factory()
        if not cap.isOpened():
            cap.release()
            raise DeviceOffline("camera not present")
        self._cap, self._fails = cap, 0

    def _disconnect(self) -> None:
        self._frame = None
        cap, self._cap = self._cap, None
        if cap is not None:
            with contextlib.suppress(Exception):
                cap.release()

    def _poll(self) -> None:
        cap = self._cap
        if cap is None:
            raise DeviceOffline("not connected")
        ok, frame = cap.read()
        if not ok or frame is None:
            self._fails += 1
            if self._fails >= self.fail_limit:
                raise DeviceOffline("camera stopped delivering frames")
            time.sleep(0.02)  # a hiccup; do not spin on a dead camera
            return
        self._fails = 0
        self.frames += 1
        self._frame = frame
        if self.target_state is not DeviceState.ENABLED:
            return  # frames keep flowing (a vanished camera is still noticed); no decoding
        t0 = time.perf_counter()
        symbols = decode(frame, backend=self.backend, budget_ms=self.budget_ms)
        self.last_decode_ms = (time.perf_counter() - t0) * 1000
        now = time.monotonic()
        for sym in symbols:
            if now - self._last.get(sym.raw, -1e9) < self.repeat_s:
                self._last[sym.raw] = now  # still held up: keep suppressing
                continue
            self._last[sym.raw] = now
            self.scans += 1
            self._emit_data(sym)
        if len(self._last) > 64:
            self._last = {k: v for k, v in self._last.items() if now - v < self.repeat_s}

    def snapshot(self) -> Frame | None:
        """A copy of the newest frame: a photo the citizen agreed to (a visitor's complaint,
        issue 17); None while the camera delivers nothing. Frames are not kept otherwise."""
        frame = self._frame
        return None if frame is None else frame.copy()

    def _test(self) -> TestResult:
        cap = self._cap
        if cap is None:
            return TestResult(self.name, False, "camera not connected")
        ok, frame = cap.read()
        if not ok or frame is None:
            return TestResult(self.name, False, "camera gave no frame")
        t0 = time.perf_counter()
        found = decode(frame, backend=self.backend, budget_ms=self.budget_ms)
        ms = (time.perf_counter() - t0) * 1000
        h, w = frame.shape[:2]
        return TestResult(
            self.name,
            True,
            f"frame {w}x{h}, decode {ms:.1f} ms, {len(found)} code(s) in view",
            detail={"width": w, "height": h, "decode_ms": round(ms, 2), "codes": len(found)},
        )

    def _health_detail(self) -> dict[str, Any]:
        return {
            "frames": self.frames,
            "scans": self.scans,
            "last_decode_ms": round(self.last_decode_ms, 2),
        }
