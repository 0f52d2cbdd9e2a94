"""The document camera (高拍仪) as a device: live preview, auto-capture when still, manual capture.

Settings (``DocumentCameraSettings``, config ``[devices.NAME.params]``):

- ``source``: ``"/dev/v4l/by-id/usb-..."`` (stable identity) or a camera index for development;
  ``"sim:scenes"`` for drawn desk scenes, ``"sim:files:a.jpg,b.jpg"`` for image files;
- ``width``/``height`` (0: the camera's default) and ``fourcc`` (``MJPG``): asked for, then read
  back — `mode` in health and test results is what the camera really delivers;
- ``preview_side`` (640) and ``preview_fps`` (8): the live view the UI shows;
- ``auto_capture`` (true), ``still_s`` (1.0): take the page once the desk has been still that long;
- ``fail_limit`` (5 failed reads in a row = camera gone), ``read_timeout_ms`` (2000);
- ``calibration_file``: the learned empty mat (``submit(LearnBackground())`` writes it; the
  kiosk sets one under its data directory when the config does not).

Events: DataEvent with a `PreviewFrame` (small image, page outline or None, seconds still) a few
times a second, and with a `CapturedFrame` (full-resolution frame, page corners) on every take;
``submit(CaptureRequest())`` takes one now and resolves with the `CapturedFrame` (it is also
delivered as a DataEvent, marked ``auto=False``). A camera that stops delivering — unplugged in
the middle of a capture — gives an ErrorEvent (DeviceOffline, retryable) and the device goes
OFFLINE and reconnects when the camera is back; a pending capture fails, it never hangs.

Frames are personal data once a document is under the camera: nothing here logs them or keeps
them after delivery. The only image state kept is the stillness judge's 160 px blurred grey
thumbnail of the last scene (illegible by design), dropped on every (dis)connect.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar

from msgspec import Meta

from devices.base import Device, TestResult
from devices.errors import DeviceConfigError, DeviceOffline
from devices.events import DeviceState
from devices.imaging.background import BackgroundModel, CalibrationError
from devices.imaging.camera import (
    MJPG,
    AutoCapture,
    CameraMode,
    Capture,
    configure,
    open_uvc,
    preview,
    tiny_gray,
)
from devices.imaging.detect import border_sides, detect_page
from devices.imaging.scenes import SceneSpec
from devices.imaging.simulator import SimulatedDocCamera, load_views
from devices.imaging.types import Corners, Image
from devices.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreviewFrame:
    image: Image  # at most preview_side pixels on its long side
    corners: Corners | None  # the page outline in `image` coordinates
    still_s: float


@dataclass(frozen=True)
class CapturedFrame:
    image: Image  # full resolution, as the camera delivered it
    corners: Corners | None  # the page in `image`, ready for rectify(); None: no page found
    auto: bool
    mode: CameraMode


@dataclass(frozen=True)
class CaptureRequest:
    """Job for ``submit()``: take the next frame now (the "拍照" button)."""

    detect: bool = True


@dataclass(frozen=True)
class LearnBackground:
    """Job for ``submit()``: learn the empty mat from the next ``frames`` frames (the
    technician's "learn empty mat"), save it (``calibration_file``) and use it from now on.
    Resolves with the path written, or None when the camera has no calibration file set."""

    frames: int = 8


def capture_factory_for(source: object) -> Callable[[], Capture]:
    """Map a ``source`` parameter to a function opening the capture (called on each connect)."""
    if isinstance(source, int) or (isinstance(source, str) and source.isdigit()):
        return lambda: open_uvc(int(source))
    if not isinstance(source, str) or not source:
        raise DeviceConfigError("document camera: no source configured")
    if source == "sim:scenes":
        # the demo's desk: empty, then a page, then an ID card, ~4 s each at 15 fps
        views = [
            SceneSpec(seed=1, subject="none", background="light"),
            SceneSpec(seed=2, subject="a4", background="light", shadow=True),
            SceneSpec(seed=3, subject="id_card", background="dark", fill=0.3),
        ]
        sim = SimulatedDocCamera(views, dwell_frames=60)
        return sim.reopen
    if source.startswith("sim:files:"):
        paths = [p for p in source.removeprefix("sim:files:").split(",") if p]
        try:
            sim = SimulatedDocCamera(load_views(paths), dwell_frames=60)
        except ValueError as exc:
            raise DeviceConfigError(f"document camera: {exc}") from exc
        return sim.reopen
    if source.startswith("/dev/"):
        return lambda: open_uvc(source)
    raise DeviceConfigError(
        f"document camera: source must be a /dev/v4l path, an index, sim:scenes or "
        f"sim:files:..., got {source!r}"
    )


class DocumentCameraSettings(Settings, frozen=True, kw_only=True):
    source: int | Annotated[str, Meta(min_length=1)]
    width: Annotated[int, Meta(ge=0, le=20_000)] = 0
    height: Annotated[int, Meta(ge=0, le=20_000)] = 0
    fourcc: Annotated[str, Meta(min_length=4, max_length=4)] = MJPG
    preview_side: Annotated[int, Meta(ge=64, le=4096)] = 640
    preview_fps: Annotated[float, Meta(gt=0, le=60)] = 8.0
    auto_capture: bool = True
    still_s: Annotated[float, Meta(gt=0, le=30)] = 1.0
    fail_limit: Annotated[int, Meta(ge=1, le=1000)] = 5
    read_timeout_ms: Annotated[int, Meta(ge=100, le=60_000)] = 2000
    calibration_file: str = ""  # the learned empty mat; "" = the kiosk's data dir decides


class DocumentCamera(Device):
    adapter_name = "doc_camera"
    settings_type: ClassVar[type[Settings]] = DocumentCameraSettings
    settings: DocumentCameraSettings
    poll_interval_s = 0.0  # read() blocks until the next frame

    def __init__(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        capture_factory: Callable[[], Capture] | None = None,
    ) -> None:
        super().__init__(name, params)
        s = self.settings
        self.width, self.height, self.fourcc = s.width, s.height, s.fourcc
        self.preview_side = s.preview_side
        self.preview_period = 1.0 / s.preview_fps
        self.auto_capture = s.auto_capture
        self.fail_limit = s.fail_limit
        self.read_timeout_ms = s.read_timeout_ms
        self.auto = AutoCapture(still_s=s.still_s)
        self._factory = capture_factory or capture_factory_for(s.source)
        self._cap: Capture | None = None
        self.mode: CameraMode | None = None
        self._fails = 0
        self._last_preview = 0.0
        self._outline: Corners | None = None  # the preview's page outline, refreshed by _poll
        self._next_outline = 0.0
        self.frames = 0
        self.captures = 0
        #: the learned empty mat (calibration), used by every detection once set
        self.background: BackgroundModel | None = None
        self.calibration_file: Path | None = None
        if s.calibration_file:
            self.use_calibration_file(Path(s.calibration_file))

    def use_calibration_file(self, path: Path) -> None:
        """Where the learned mat is kept (the kiosk passes one under its data directory); an
        existing file is loaded now — a damaged one is logged and ignored, never half-used."""
        self.calibration_file = path
        if path.is_file():
            try:
                self.background = BackgroundModel.load(path)
            except CalibrationError as exc:
                log.warning("document camera calibration ignored", extra={"reason": str(exc)})

    def _detect(self, frame: Image) -> Corners | None:
        return detect_page(frame, background=self.background)

    # ------------------------------------------------------------ device hooks
    def _connect(self) -> None:
        cap = self._factory()
        if not cap.isOpened():
            with contextlib.suppress(Exception):
                cap.release()
            raise DeviceOffline("document camera not present")
        try:
            mode = configure(cap, self.width, self.height, self.fourcc, self.read_timeout_ms)
        except ValueError as exc:
            cap.release()
            raise DeviceConfigError(f"{self.name}: {exc}") from exc
        if mode.width <= 0 or mode.height <= 0:
            cap.release()
            raise DeviceOffline("document camera reports no frame size")
        self._cap, self.mode, self._fails = cap, mode, 0
        self.auto.reset()
        self._outline, self._next_outline = None, 0.0
        log.info(
            "document camera mode",
            extra={
                "device": self.name,
                "width": mode.width,
                "height": mode.height,
                "fourcc": mode.fourcc,
                "fps": mode.fps,
            },
        )

    def _disconnect(self) -> None:
        cap, self._cap = self._cap, None
        self.auto.reset()
        if cap is not None:
            with contextlib.suppress(Exception):
                cap.release()

    def _read(self) -> Image | None:
        """One frame, or None for a hiccup; DeviceOffline (with an ErrorEvent) when it is gone."""
        cap = self._cap
        if cap is None:
            raise DeviceOffline("document camera not connected")
        ok, frame = cap.read()
        if ok and frame is not None:
            self._fails = 0
            self.frames += 1
            return frame
        self._fails += 1
        if self._fails >= self.fail_limit:
            err = DeviceOffline("document camera stopped delivering frames (unplugged?)")
            self._emit_error(err)
            raise err
        return None

    def _poll(self) -> None:
        frame = self._read()
        if frame is None:
            time.sleep(0.01)  # do not spin on a failing camera between the reads that count
            return
        now = time.monotonic()
        enabled = self.target_state is DeviceState.ENABLED
        if enabled and self.auto_capture and self.auto.update(tiny_gray(frame), now):
            corners = self._detect(frame)
            # a page running off the frame is found (its visible part) but not taken on its
            # own: the citizen is still placing it
            if corners is None or any(border_sides(corners, frame.shape)):
                self.auto.no_page()
            else:
                self.auto.taken()
                self._deliver(frame, corners, auto=True)
        if enabled and now - self._last_preview >= self.preview_period:
            self._last_preview = now
            small = preview(frame, self.preview_side)
            if now >= self._next_outline:
                # the outline only guides the eye: on a busy desk a detection can take a tenth
                # of a second or more, so it is refreshed at most a third of the time and the
                # frames keep flowing in between
                self._outline = self._detect(small)
                self._next_outline = now + 2 * (time.monotonic() - now)
            self._emit_data(PreviewFrame(small, self._outline, self.auto.still_for(now)))

    def _execute(self, job: Any) -> Any:
        if isinstance(job, LearnBackground):
            return self._learn(job)
        if not isinstance(job, CaptureRequest):
            raise DeviceConfigError(f"{self.name}: unknown job {type(job).__name__}")
        frame = None
        for _ in range(self.fail_limit):
            frame = self._read()
            if frame is not None:
                break
        if frame is None:  # pragma: no cover - _read raises at fail_limit
            raise DeviceOffline("document camera gave no frame")
        corners = self._detect(frame) if job.detect else None
        return self._deliver(frame, corners, auto=False)

    def _learn(self, job: LearnBackground) -> Path | None:
        frames: list[Image] = []
        while len(frames) < max(3, job.frames):
            frame = self._read()  # raises DeviceOffline when the camera goes away meanwhile
            if frame is not None:
                frames.append(frame)
        try:
            model = BackgroundModel.learn(frames)
        except CalibrationError as exc:
            raise DeviceConfigError(f"{self.name}: {exc}") from exc
        self.background = model
        self.auto.reset()
        if self.calibration_file is None:
            return None
        return model.save(self.calibration_file)

    def _deliver(self, frame: Image, corners: Corners | None, auto: bool) -> CapturedFrame:
        assert self.mode is not None
        shot = CapturedFrame(frame, corners, auto, self.mode)
        self.captures += 1
        self._emit_data(shot)
        return shot

    def _test(self) -> TestResult:
        frame = self._read()
        if frame is None:
            return TestResult(self.name, False, "camera gave no frame")
        h, w = frame.shape[:2]
        t0 = time.perf_counter()
        page = self._detect(frame)
        ms = (time.perf_counter() - t0) * 1000
        mode = self.mode
        fourcc = mode.fourcc if mode else "?"
        return TestResult(
            self.name,
            True,
            f"frame {w}x{h} {fourcc}, page {'in view' if page is not None else 'not in view'}"
            f", detection {ms:.0f} ms",
            detail={
                "width": w,
                "height": h,
                "fourcc": fourcc,
                "page": page is not None,
                "detect_ms": round(ms, 1),
            },
        )

    def _health_detail(self) -> dict[str, Any]:
        mode = self.mode
        return {
            "frames": self.frames,
            "captures": self.captures,
            "mode": f"{mode.width}x{mode.height} {mode.fourcc}" if mode else "",
            "calibrated": self.background is not None,
        }
