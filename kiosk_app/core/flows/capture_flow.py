"""高拍仪 capture at the desk: taken frames in, flat pages out, a multi-page PDF at the end.

The document camera adapter (devices.imaging.adapter) decides *when* to take — it takes a page
on its own once the desk has been still, and once per page — and hands over the full frame with
the page's corners. This flow decides *what becomes of it*: flattened and cleaned (gray or
colour), appended or put in place of a page being retaken, reordered or deleted on request. A
frame with no page found (the clerk pressed "take" on something odd) is filed whole.

ID-card mode takes two faces (front, then back) and files them together at true size on one A4
page, the way halls photocopy ID cards. A retake replaces one page in place. The pages and the
PDF are session data: they live only in the session's temp folder, which a reset deletes.

Frames are processed off the GUI thread (rectifying a 5 MP frame takes a moment); the pages are
guarded by a lock so the screen can delete or reorder while a frame is being worked on.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np

from devices.imaging import rectify
from devices.imaging.idcard import id_card_sheet
from devices.imaging.pdf import CaptureSession, Page, PageKind, SessionError
from devices.imaging.types import Corners, Image


class CaptureMode(StrEnum):
    PAGE = "page"
    ID_CARD = "id_card"


class Taken(StrEnum):
    PAGE = "page"  # a page was added (or replaced, when retaking)
    ID_FRONT = "id_front"  # the card's front is held; the back comes next
    ID_CARD = "id_card"  # both faces filed as one page


@dataclass(frozen=True)
class FrameResult:
    """What a taken frame became, and which page it is now."""

    taken: Taken
    page_index: int | None = None


class CaptureFlow:
    def __init__(
        self,
        directory: Path,
        *,
        color: bool = False,
        dpi: int = 150,
    ) -> None:
        self.pages = CaptureSession(directory, dpi=dpi)
        self.color = color
        self.mode = CaptureMode.PAGE
        self.retake_index: int | None = None
        self._front: Image | None = None
        self._lock = threading.RLock()

    # settings ------------------------------------------------------------------------------
    def set_mode(self, mode: CaptureMode) -> None:
        with self._lock:
            self.mode = mode
            self._front = None

    def start_retake(self, index: int | None) -> None:
        """The next take replaces page ``index`` (None: back to adding pages)."""
        with self._lock:
            if index is not None and not 0 <= index < len(self.pages):
                raise SessionError(f"page {index} does not exist; there are {len(self.pages)}")
            self.retake_index = index
            self._front = None

    @property
    def waiting_for_back(self) -> bool:
        return self._front is not None

    # frames ---------------------------------------------------------------------------------
    def take(self, frame: Image, corners: Corners | None) -> FrameResult:
        """File one taken frame (blocking: rectify and JPEG-encode); no page found: the whole
        frame."""
        if corners is None:
            h, w = frame.shape[:2]
            corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
        with self._lock:
            return self._take(frame, corners)

    def _take(self, frame: Image, corners: Corners) -> FrameResult:
        if self.mode is CaptureMode.ID_CARD:
            face = rectify(frame, corners, "color", paper="id1")
            if self._front is None:
                self._front = face
                return FrameResult(Taken.ID_FRONT)
            front, self._front = self._front, None
            return FrameResult(Taken.ID_CARD, self._store_sheet(front, face))
        flat = rectify(frame, corners, self.kind)
        return FrameResult(Taken.PAGE, self._store(flat))

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
            return self.pages.write_pdf(name)

    def clear(self) -> None:
        """Delete every page and PDF this flow wrote (the session's wiper calls this too)."""
        with self._lock:
            self.pages.clear()  # pages and the PDFs written from them
            self._front = None
            self.retake_index = None
