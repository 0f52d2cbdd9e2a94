"""Frame sources with the ``cv2.VideoCapture`` interface (isOpened / read / release / set).

The camera scanner takes any of these, so the demo and tests run on files or synthesised scenes
through the same code path as a real USB camera. ``open_capture(source)`` maps a config string:

- ``"0"`` or an int: camera index (development only — not a stable identity);
- ``"/dev/v4l/by-id/..."``: a V4L2 camera by its stable udev name;
- ``"file:a.png,b.jpg"`` or ``"file:clip.mp4"``: images (looped) or a video file;
- ``"scene:"``: a synthesised hall scene; ``SceneCapture.show(text)`` puts a code in it.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np
import segno

Frame = np.ndarray[Any, Any]


class Capture(Protocol):
    def isOpened(self) -> bool: ...
    def read(self) -> tuple[bool, Frame | None]: ...
    def release(self) -> None: ...
    def set(self, prop: int, value: float) -> bool: ...


def qr_matrix(text: str | bytes, module_px: int = 6, border: int = 4) -> Frame:
    """A black-on-white QR code as a grey image (segno)."""
    q = segno.make_qr(text, error="m")
    rows = np.array(list(q.matrix_iter(scale=1, border=border)), dtype=np.uint8)
    img = np.where(rows == 1, 0, 255).astype(np.uint8)
    return cv2.resize(img, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)


def synth_frame(
    size: tuple[int, int],
    text: str | bytes | None,
    *,
    module_px: int = 6,
    angle: float = 8.0,
    rng: np.random.Generator | None = None,
    phone: bool = False,
) -> Frame:
    """A BGR camera-like frame (gradient, noise, slight blur) with an optional code in it;
    ``phone`` shows it light-on-dark, as a phone in dark mode does."""
    w, h = size
    rng = rng or np.random.default_rng(0)
    ramp = (
        np.linspace(90, 170, w, dtype=np.float32)[None, :]
        + np.linspace(-20, 20, h, dtype=np.float32)[:, None]
    )
    grey = ramp + rng.normal(0, 6, (h, w)).astype(np.float32)
    if text is not None:
        code = qr_matrix(text, module_px).astype(np.float32)
        if phone:
            code = 255 - code
        code = code * 0.75 + 30  # printed paper under hall lighting, not pure black/white
        ch, cw = code.shape
        m = cv2.getRotationMatrix2D((cw / 2, ch / 2), angle, 1.0)
        cos, sin = abs(m[0, 0]), abs(m[0, 1])
        bw, bh = int(ch * sin + cw * cos) + 2, int(ch * cos + cw * sin) + 2
        m[0, 2] += bw / 2 - cw / 2
        m[1, 2] += bh / 2 - ch / 2
        rot = cv2.warpAffine(code, m, (bw, bh), borderValue=-1.0)
        mask = cv2.warpAffine(np.ones_like(code), m, (bw, bh)) > 0.5
        if bw < w and bh < h:
            x = int(rng.integers(0, w - bw))
            y = int(rng.integers(0, h - bh))
            region = grey[y : y + bh, x : x + bw]
            region[mask] = rot[mask] + rng.normal(0, 4, int(mask.sum()))
    grey = cv2.GaussianBlur(np.clip(grey, 0, 255).astype(np.uint8), (3, 3), 0)
    out: Frame = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
    return out


class _Paced:
    """Sleeps in read() to the frame rate, as a real camera blocks until the next frame."""

    def __init__(self, fps: float) -> None:
        self.fps = fps
        self._next = 0.0

    def _pace(self) -> None:
        if self.fps <= 0:
            return
        now = time.monotonic()
        if self._next > now:
            time.sleep(self._next - now)
        self._next = max(now, self._next) + 1.0 / self.fps


class SceneCapture(_Paced):
    """A synthesised camera: shows a code when told, can vanish (unplugged) and come back."""

    def __init__(self, size: tuple[int, int] = (1280, 720), fps: float = 15.0, seed: int = 0):
        super().__init__(fps)
        self.size = size
        self._rng = np.random.default_rng(seed)
        self._lock = threading.Lock()
        self._text: str | bytes | None = None
        self._phone = False
        self._present = True
        self._opened = True
        self._blank: Frame | None = None
        self._cached: tuple[str | bytes, bool, Frame] | None = None
        self.frames = 0

    def show(self, text: str | bytes | None, phone: bool = False) -> None:
        """Hold a code up (printed, or on a dark-mode phone screen); None takes it away."""
        with self._lock:
            self._text = text
            self._phone = phone

    def vanish(self) -> None:
        with self._lock:
            self._present = False

    def restore(self) -> None:
        with self._lock:
            self._present = True

    @property
    def present(self) -> bool:
        return self._present

    def reopen(self) -> SceneCapture:
        """The same camera opened again (a capture factory for tests and the demo)."""
        self._opened = True
        return self

    def isOpened(self) -> bool:
        return self._opened and self._present

    def read(self) -> tuple[bool, Frame | None]:
        self._pace()
        with self._lock:
            text, present, phone = self._text, self._present, self._phone
        if not (present and self._opened):
            return False, None
        self.frames += 1
        if text is None:
            if self._blank is None:
                self._blank = synth_frame(self.size, None, rng=self._rng)
            return True, self._blank.copy()
        if self._cached is None or self._cached[:2] != (text, phone):
            self._cached = (text, phone, synth_frame(self.size, text, rng=self._rng, phone=phone))
        return True, self._cached[2].copy()

    def release(self) -> None:
        self._opened = False

    def set(self, prop: int, value: float) -> bool:
        return False


class FileCapture(_Paced):
    """Still images (looped) as a camera; for a video file use cv2.VideoCapture directly."""

    def __init__(self, paths: list[str], fps: float = 10.0) -> None:
        super().__init__(fps)
        self._frames = [
            f for f in (cv2.imread(p, cv2.IMREAD_COLOR) for p in paths) if f is not None
        ]
        self._i = 0
        self._opened = bool(self._frames)

    def isOpened(self) -> bool:
        return self._opened

    def read(self) -> tuple[bool, Frame | None]:
        if not self._opened:
            return False, None
        self._pace()
        frame = self._frames[self._i % len(self._frames)]
        self._i += 1
        return True, frame.copy()

    def release(self) -> None:
        self._opened = False

    def set(self, prop: int, value: float) -> bool:
        return False


_VIDEO = {".mp4", ".avi", ".mkv", ".mov", ".webm"}


def open_capture(source: str | int, width: int = 0, height: int = 0, fps: float = 0) -> Capture:
    """A capture for a config source string (see the module docstring)."""
    if isinstance(source, str) and source.startswith("file:"):
        paths = [p for p in source[5:].split(",") if p]
        if len(paths) == 1 and Path(paths[0]).suffix.lower() in _VIDEO:
            cap: Capture = cv2.VideoCapture(paths[0])
            return cap
        return FileCapture(paths, fps or 10.0)
    if isinstance(source, str) and source.startswith("scene:"):
        return SceneCapture((width or 1280, height or 720), fps or 15.0)
    if isinstance(source, str) and source.isdigit():
        source = int(source)
    if isinstance(source, str) and not Path(source).exists():
        return FileCapture([])  # not attached: closed, without OpenCV warning at every retry
    real = (
        cv2.VideoCapture(source, cv2.CAP_V4L2)
        if isinstance(source, str)
        else cv2.VideoCapture(source)
    )
    if width:
        real.set(cv2.CAP_PROP_FRAME_WIDTH, width)
    if height:
        real.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
    if fps:
        real.set(cv2.CAP_PROP_FPS, fps)
    return real
