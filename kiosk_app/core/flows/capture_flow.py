"""高拍仪 capture at the desk: frames in, flat pages out, a multi-page PDF at the end.

The clerk lays a page under the document camera and lets go; when the same page has been found
in a few frames in a row (the corners barely move), it is taken on its own — no button, no
second hand needed. After a take nothing more is taken until the scene changes (the page is
lifted or another laid on top), so a page left lying there is one page, not ten.

ID-card mode takes two faces (front, then back) and files them together at true size on one A4
page, the way halls photocopy ID cards. A retake replaces one page in place. The pages and the
PDF are session data: they live only in the session's temp folder, which a reset deletes.

Frames are processed off the GUI thread; the pages are guarded by a lock so the screen can
delete or reorder while a frame is being worked on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np

from devices.imaging import detect_page, quad_iou, rectify
from devices.imaging.idcard import id_card_sheet
from devices.imaging.pdf import CaptureSession, Page, PageKind, SessionError
from devices.imaging.types import Corners, Image

Detector = Callable[[Image], Corners | None]


class CaptureMode(StrEnum):
    PAGE = "page"
    ID_CARD = "id_card"


class Taken(StrEnum):
    PAGE = "page"  # a page was added (or replaced, when retaking)
    ID_FRONT = "id_front"  # the card's front is held; the back comes next
    ID_CARD = "id_card"  # both faces filed as one page


@dataclass(frozen=True)
class FrameResult:
    """What one frame did: the page outline to draw, and what was taken (if anything)."""

    corners: Corners | None
    taken: Taken | None = None
    page_index: int | None = None
    still: int = 0  # frames in a row the page has held still


def _thumb(frame: Image) -> Image:
    grey = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    small: Image = cv2.resize(grey, (64, 48), interpolation=cv2.INTER_AREA)
    return small.astype(np.int16)


class StillnessTrigger:
    """Decides when to take: ``still_frames`` detections in a row with overlapping corners, and
    then not again until the page is gone or the picture has changed."""

    def __init__(self, still_frames: int = 3, iou: float = 0.95, change: float = 12.0) -> None:
        self.still_frames = still_frames
        self.iou = iou
        self.change = change  # mean grey-level difference of a thumbnail that counts as "changed"
        self._last: Corners | None = None
        self._count = 0
        self._taken_thumb: Image | None = None

    @property
    def count(self) -> int:
        return self._count

    def rearm(self) -> None:
        self._taken_thumb = None
        self._last, self._count = None, 0

    def mark_taken(self, frame: Image) -> None:
        """A manual take: wait for a change before taking this scene again."""
        self._taken_thumb = _thumb(frame)
        self._last, self._count = None, 0

    def feed(self, frame: Image, corners: Corners | None) -> bool:
        """True when this frame is the one to take."""
        if self._taken_thumb is not None:
            if corners is None:
                self._taken_thumb = None  # the page was lifted: ready for the next
            else:
                diff = float(np.abs(_thumb(frame) - self._taken_thumb).mean())
                if diff < self.change:
                    return False
                self._taken_thumb = None  # another page laid on top
        if corners is None:
            self._last, self._count = None, 0
            return False
        if self._last is not None and quad_iou(self._last, corners) >= self.iou:
            self._count += 1
        else:
            self._count = 1
        self._last = corners
        if self._count >= self.still_frames:
            self._taken_thumb = _thumb(frame)
            self._count = 0
            self._last = None
            return True
        return False


class CaptureFlow:
    def __init__(
        self,
        directory: Path,
        *,
        color: bool = False,
        dpi: int = 150,
        detector: Detector = detect_page,
        trigger: StillnessTrigger | None = None,
    ) -> None:
        self.pages = CaptureSession(directory, dpi=dpi)
        self.color = color
        self.mode = CaptureMode.PAGE
        self.detector = detector
        self.trigger = trigger or StillnessTrigger()
        self.retake_index: int | None = None
        self._front: Image | None = None
        self._pdfs: set[Path] = set()
        self._lock = threading.RLock()

    # settings ------------------------------------------------------------------------------
    def set_mode(self, mode: CaptureMode) -> None:
        with self._lock:
            self.mode = mode
            self._front = None
            self.trigger.rearm()

    def start_retake(self, index: int | None) -> None:
        """The next take replaces page ``index`` (None: back to adding pages)."""
        with self._lock:
            if index is not None and not 0 <= index < len(self.pages):
                raise SessionError(f"page {index} does not exist; there are {len(self.pages)}")
            self.retake_index = index
            self._front = None
            self.trigger.rearm()

    @property
    def waiting_for_back(self) -> bool:
        return self._front is not None

    # frames ---------------------------------------------------------------------------------
    def feed(self, frame: Image) -> FrameResult:
        """Auto-capture: detect, and take when the page has held still. Blocking (~50-300 ms)."""
        corners = self.detector(frame)
        with self._lock:
            if not self.trigger.feed(frame, corners):
                return FrameResult(corners, still=self.trigger.count)
            assert corners is not None
            return self._take(frame, corners)

    def take_now(self, frame: Image) -> FrameResult:
        """The clerk pressed "take": the detected page, or the whole frame if none is found."""
        corners = self.detector(frame)
        if corners is None:
            h, w = frame.shape[:2]
            corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
        with self._lock:
            self.trigger.mark_taken(frame)  # the page lying there now counts as taken
            return self._take(frame, corners)

    def _take(self, frame: Image, corners: Corners) -> FrameResult:
        if self.mode is CaptureMode.ID_CARD:
            face = rectify(frame, corners, "color", paper="id1")
            if self._front is None:
                self._front = face
                return FrameResult(corners, Taken.ID_FRONT)
            front, self._front = self._front, None
            return FrameResult(corners, Taken.ID_CARD, self._store_sheet(front, face))
        flat = rectify(frame, corners, self.kind)
        return FrameResult(corners, Taken.PAGE, self._store(flat))

    @property
    def kind(self) -> PageKind:
        return "color" if self.color else "gray"

    def _store(self, flat: Image) -> int:
        kind = self.kind
        if self.retake_index is not None:
            index, self.retake_index = self.retake_index, None
            self.pages.retake(index, flat, kind)
            return index
        self.pages.add(flat, kind)
        return len(self.pages) - 1

    def _store_sheet(self, front: Image, back: Image) -> int:
        if self.retake_index is not None:
            index, self.retake_index = self.retake_index, None
            sheet = id_card_sheet(front, back, dpi=self.pages.dpi)
            self.pages.retake(index, sheet, "color")
            return index
        self.pages.add_id_card(front, back)
        return len(self.pages) - 1

    # editing ---------------------------------------------------------------------------------
    def page_list(self) -> tuple[Page, ...]:
        with self._lock:
            return self.pages.pages

    def delete(self, index: int) -> None:
        with self._lock:
            self.pages.delete(index)
            if self.retake_index is not None:
                self.retake_index = None

    def move(self, index: int, to: int) -> None:
        with self._lock:
            self.pages.move(index, to)

    def write_pdf(self, name: str) -> Path:
        with self._lock:
            path = self.pages.write_pdf(name)
            self._pdfs.add(path)
            return path

    def clear(self) -> None:
        """Delete every page and PDF this flow wrote (the session's wiper calls this too)."""
        with self._lock:
            self.pages.clear()
            for pdf in self._pdfs:
                pdf.unlink(missing_ok=True)
            self._pdfs.clear()
            self._front = None
            self.retake_index = None
            self.trigger.rearm()
