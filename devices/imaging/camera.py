"""UVC document-camera capture: mode negotiation, preview, stillness and auto-capture.

Document cameras (高拍仪) are UVC webcams with big sensors. At full resolution only MJPG gets
usable frame rates over USB 2 (raw YUYV at 12 MP crawls at ~1 fps), so MJPG is asked for first;
then width and height; then everything is *read back*, because a camera quietly picks the
nearest mode it has and the rest of the pipeline must know what it really got.

Everything here works on anything with the ``cv2.VideoCapture`` interface, so the simulator
(devices.imaging.simulator) goes through the very same code as a real camera.

Auto-capture (`AutoCapture`) watches a tiny grey copy of each frame: once the desk has been
still for ``still_s`` the caller looks for a page; after a take (or after finding no page)
nothing more happens until the scene changes again, so a page left lying there is taken once
and an empty desk is not searched thirty times a second.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

import cv2

from devices.imaging.types import Image

MJPG = "MJPG"


class Capture(Protocol):
    """The part of ``cv2.VideoCapture`` the camera code uses."""

    def isOpened(self) -> bool: ...
    def read(self) -> tuple[bool, Image | None]: ...
    def set(self, prop: int, value: float) -> bool: ...
    def get(self, prop: int) -> float: ...
    def release(self) -> None: ...


@dataclass(frozen=True)
class CameraMode:
    """What the camera actually delivers after negotiation."""

    width: int
    height: int
    fourcc: str
    fps: float

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1e6


def fourcc_text(value: float) -> str:
    code = int(value)
    return "".join(chr((code >> (8 * i)) & 0xFF) for i in range(4)).strip("\x00")


def configure(
    cap: Capture, width: int, height: int, fourcc: str = MJPG, read_timeout_ms: int = 2000
) -> CameraMode:
    """Ask for `fourcc` at width×height and return the mode the camera really chose.

    The order matters on V4L2: the pixel format first (it decides which sizes exist), then the
    size. The read timeout makes a camera that vanished mid-stream fail a read in ~2 s instead
    of V4L2's default 10 s.
    """
    if len(fourcc) != 4:
        raise ValueError(f"fourcc must be four characters, got {fourcc!r}")
    cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*fourcc))
    if width > 0 and height > 0:
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
    if read_timeout_ms > 0:
        cap.set(cv2.CAP_PROP_READ_TIMEOUT_MSEC, read_timeout_ms)
    return CameraMode(
        int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)),
        int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)),
        fourcc_text(cap.get(cv2.CAP_PROP_FOURCC)),
        float(cap.get(cv2.CAP_PROP_FPS)),
    )


def open_uvc(source: int | str) -> Capture:
    """A V4L2 capture for a camera index or a stable /dev/v4l/by-id path (not opened check)."""
    if isinstance(source, str) and source.isdigit():
        source = int(source)
    return cv2.VideoCapture(source, cv2.CAP_V4L2)


def preview(frame: Image, max_side: int = 640) -> Image:
    """A low-resolution copy for the live view (bilinear: cheap, and the screen is small)."""
    h, w = frame.shape[:2]
    s = max_side / max(h, w)
    if s >= 1.0:
        return frame
    out: Image = cv2.resize(frame, (round(w * s), round(h * s)), interpolation=cv2.INTER_LINEAR)
    return out


def tiny_gray(frame: Image, side: int = 160) -> Image:
    """The copy stillness is judged on: small, grey and blurred, so sensor noise is not motion."""
    small = preview(frame, side)
    if small.ndim == 3:
        small = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    out: Image = cv2.GaussianBlur(small, (5, 5), 0)
    return out


def motion(a: Image, b: Image) -> float:
    """Mean absolute difference of two tiny frames, in grey levels."""
    if a.shape != b.shape:
        return 255.0
    return float(cv2.absdiff(a, b).mean())


class AutoCapture:
    """Decides when to take a shot: still for `still_s`, then once per scene.

    `update()` returns True when the caller should look for a page and, if there is one, take
    it; the caller then reports `taken()` or `no_page()`. Both disarm the trigger until the
    scene differs from the one judged by more than `change_level` (a page lifted, turned,
    or swapped), and it has been still again for `still_s`.
    """

    def __init__(
        self, still_s: float = 1.0, still_level: float = 1.5, change_level: float = 6.0
    ) -> None:
        if still_s < 0 or still_level <= 0 or change_level <= still_level:
            raise ValueError("need still_s ≥ 0 and 0 < still_level < change_level")
        self.still_s = still_s
        self.still_level = still_level
        self.change_level = change_level
        self._last: Image | None = None
        self._still_since: float | None = None
        self._judged: Image | None = None  # the scene last taken or found empty

    @property
    def armed(self) -> bool:
        return self._judged is None

    def still_for(self, now: float) -> float:
        return 0.0 if self._still_since is None else now - self._still_since

    def update(self, tiny: Image, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        last, self._last = self._last, tiny
        if last is None or motion(last, tiny) > self.still_level:
            self._still_since = None
        elif self._still_since is None:
            self._still_since = now
        if self._judged is not None and motion(self._judged, tiny) > self.change_level:
            self._judged = None  # the scene changed: re-arm
        return (
            self._judged is None
            and self._still_since is not None
            and now - self._still_since >= self.still_s
        )

    def taken(self) -> None:
        self._judged = self._last

    def no_page(self) -> None:
        self._judged = self._last

    def reset(self) -> None:
        self._last = self._still_since = self._judged = None
