"""A document camera without hardware: image files or drawn desk scenes behind the
``cv2.VideoCapture`` interface, used by the demo, the tests and a technician's laptop.

It behaves like the real thing where the adapter depends on it: it offers a list of modes and
picks the nearest one to what was asked (so the code must read back what it got), ``read()``
blocks until the next frame at the mode's frame rate, and ``unplug()`` makes reads fail — or,
with ``hang_on_unplug``, block until the read timeout the way V4L2 waits for a frame that never
comes — so "camera pulled out mid-capture" can be tested without a USB cable.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from devices.imaging.camera import MJPG
from devices.imaging.scenes import SceneSpec, make_scene
from devices.imaging.types import Image

# (fourcc, width, height, fps) as a typical 5 MP document camera lists them
DEFAULT_MODES: tuple[tuple[str, int, int, float], ...] = (
    (MJPG, 2592, 1944, 15.0),
    (MJPG, 1920, 1080, 30.0),
    (MJPG, 1280, 960, 30.0),
    (MJPG, 640, 480, 30.0),
    ("YUYV", 640, 480, 30.0),
    ("YUYV", 2592, 1944, 2.0),
)


def _fourcc_code(text: str) -> float:
    return float(cv2.VideoWriter.fourcc(*text))


def load_views(paths: Sequence[str | Path]) -> list[Image]:
    """Read image files; an unreadable one is named in the error, not skipped silently."""
    views = []
    for p in paths:
        img = cv2.imread(str(p), cv2.IMREAD_COLOR)
        if img is None:
            raise ValueError(f"cannot read image file {p}")
        views.append(img)
    if not views:
        raise ValueError("no image files given")
    return views


class SimulatedDocCamera:
    """Frames from fixed images or generated scenes, paced like a camera.

    `views` are shown in turn, each for `dwell_frames` frames (0: stay on the first until
    `show()` is called). Scenes are drawn on first use at the current mode's size.
    """

    def __init__(
        self,
        views: Sequence[Image | SceneSpec] | None = None,
        *,
        modes: Sequence[tuple[str, int, int, float]] = DEFAULT_MODES,
        dwell_frames: int = 0,
        realtime: bool = True,
        hang_on_unplug: bool = False,
        noise: float = 1.0,
        seed: int = 0,
    ) -> None:
        if not modes:
            raise ValueError("a camera needs at least one mode")
        self._views: list[Image | SceneSpec] = list(views) if views else [SceneSpec(seed=seed)]
        self._modes = list(modes)
        self._mode = self._modes[0]
        self._dwell = dwell_frames
        self._realtime = realtime
        self._hang = hang_on_unplug
        self._noise = noise
        self._rng = np.random.default_rng(seed)
        self._lock = threading.Lock()
        self._cache: dict[tuple[int, int, int], Image] = {}
        self._current = 0
        self._override: Image | None = None
        self._unplugged = threading.Event()
        self._released = False
        self._next_t = 0.0
        self._read_timeout_s = 10.0  # V4L2's default until the caller sets one
        self._wanted_fourcc = self._mode[0]
        self.frames_served = 0

    # --------------------------------------------------------- cv2.VideoCapture API
    def isOpened(self) -> bool:
        return not self._released and not self._unplugged.is_set()

    def release(self) -> None:
        self._released = True

    def reopen(self) -> SimulatedDocCamera:
        """What opening the device node again does (the adapter's reconnect)."""
        self._released = False
        return self

    def set(self, prop: int, value: float) -> bool:
        with self._lock:
            if prop == cv2.CAP_PROP_FOURCC:
                wanted = "".join(chr((int(value) >> (8 * i)) & 0xFF) for i in range(4))
                self._wanted_fourcc = wanted
                self._mode = self._nearest(wanted, self._mode[1], self._mode[2])
                return True
            if prop == cv2.CAP_PROP_FRAME_WIDTH:
                self._mode = self._nearest(self._wanted_fourcc, int(value), self._mode[2])
                return True
            if prop == cv2.CAP_PROP_FRAME_HEIGHT:
                self._mode = self._nearest(self._wanted_fourcc, self._mode[1], int(value))
                return True
            if prop == cv2.CAP_PROP_READ_TIMEOUT_MSEC:
                self._read_timeout_s = max(0.001, value / 1000.0)
                return True
        return False

    def get(self, prop: int) -> float:
        fourcc, w, h, fps = self._mode
        return {
            cv2.CAP_PROP_FOURCC: _fourcc_code(fourcc),
            cv2.CAP_PROP_FRAME_WIDTH: float(w),
            cv2.CAP_PROP_FRAME_HEIGHT: float(h),
            cv2.CAP_PROP_FPS: fps,
            cv2.CAP_PROP_READ_TIMEOUT_MSEC: self._read_timeout_s * 1000.0,
        }.get(prop, 0.0)

    def read(self) -> tuple[bool, Image | None]:
        if self._released:
            return False, None
        if self._unplugged.is_set():
            if self._hang:
                # the driver waits for a frame that never comes, up to the read timeout
                time.sleep(self._read_timeout_s)
            return False, None
        if self._realtime:
            now = time.monotonic()
            period = 1.0 / self._mode[3]
            if self._next_t > now:
                # wake early if unplugged meanwhile, as a real read fails at once on ENODEV
                self._unplugged.wait(self._next_t - now)
                if self._unplugged.is_set():
                    return False, None
            self._next_t = max(self._next_t + period, time.monotonic())
        frame = self._frame()
        self.frames_served += 1
        return True, frame

    # --------------------------------------------------------- test and demo controls
    def unplug(self) -> None:
        self._unplugged.set()

    def replug(self) -> None:
        self._unplugged.clear()

    @property
    def unplugged(self) -> bool:
        return self._unplugged.is_set()

    def show(self, view: Image | SceneSpec | int) -> None:
        """Put something else under the camera: an image, a scene, or view number `view`."""
        with self._lock:
            if isinstance(view, int):
                self._current = view % len(self._views)
                self._override = None
            else:
                self._override = self._render(view, -1)

    @property
    def mode(self) -> tuple[str, int, int, float]:
        return self._mode

    # --------------------------------------------------------- internals
    def _nearest(self, fourcc: str, w: int, h: int) -> tuple[str, int, int, float]:
        same = [m for m in self._modes if m[0] == fourcc] or self._modes
        return min(same, key=lambda m: abs(m[1] - w) + abs(m[2] - h))

    def _render(self, view: Image | SceneSpec, index: int) -> Image:
        _, w, h, _ = self._mode
        key = (index, w, h)
        if index >= 0 and key in self._cache:
            return self._cache[key]
        if isinstance(view, SceneSpec):
            # draw small and enlarge: a 5 MP scene takes seconds to draw, a demo cannot wait
            draw_w = min(w, 1280)
            spec = replace(view, width=draw_w, height=round(h * draw_w / w))
            img = make_scene(spec).image
        else:
            img = view
        if img.ndim == 2:
            img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
        if (img.shape[1], img.shape[0]) != (w, h):
            img = cv2.resize(img, (w, h), interpolation=cv2.INTER_LINEAR)
        if index >= 0:
            self._cache[key] = img
        return img

    def _frame(self) -> Image:
        with self._lock:
            if self._override is not None:
                base = self._override
            else:
                if self._dwell > 0:
                    self._current = (self.frames_served // self._dwell) % len(self._views)
                base = self._render(self._views[self._current], self._current)
        if self._noise <= 0:
            return base.copy()
        # a little fresh sensor noise per frame: a real still scene is never bit-identical
        small = self._rng.normal(0, self._noise, (8, 8)).astype(np.float32)
        wobble = cv2.resize(small, (base.shape[1], base.shape[0]))
        out: Image = cv2.add(base, wobble[..., None].repeat(3, axis=2), dtype=cv2.CV_8U)
        return out
