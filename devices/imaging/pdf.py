"""A capture session's pages and the PDF made from them.

Pages are session data: every file lives in the one directory the caller hands in (the kiosk
passes ``Session.temp_dir()``, which a session reset deletes), nothing is written anywhere
else, and ``clear()`` removes them at once. Each page is stored as the JPEG that will go into
the PDF — img2pdf embeds JPEG streams as they are, so the PDF costs no second lossy encode and
the page a clerk previewed is byte for byte the page that is filed.

Pages are fitted to A4 at the session's dpi, and the JPEG quality is lowered step by step until
the page fits its size budget (by default 250 KB for a grey page at 200 dpi), so a ten-page
case uploads over a weak 4G link.

Editing (reorder, delete, retake) never loses a page on bad input: arguments are checked before
anything changes, and a retake writes the new page before the old one is removed.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import cv2
import img2pdf
import numpy as np

from devices.imaging.idcard import a4_pixels, id_card_sheet
from devices.imaging.types import Image

PageKind = Literal["color", "gray", "bw"]
A4_PT = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
QUALITIES = (85, 78, 70, 62, 55, 48, 40, 33)


@dataclass(frozen=True)
class Page:
    path: Path
    kind: PageKind
    width: int  # pixels of the stored JPEG: A4 at the session's dpi unless it had to shrink
    height: int
    size: int  # bytes of the JPEG
    quality: int


class SessionError(ValueError):
    """A request the capture session cannot honour; nothing was changed."""


def _as_page_image(image: object) -> Image:
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise SessionError("page must be a uint8 numpy image")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[..., 0]
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] != 3):
        raise SessionError(f"page must be HxW (grey) or HxWx3 (BGR), got shape {image.shape}")
    if min(image.shape[:2]) < 16:
        raise SessionError(f"page is too small: {image.shape[1]}x{image.shape[0]}")
    return image


def fit_a4(image: Image, dpi: int) -> Image:
    """The page on an A4 canvas at `dpi`: A-series pages fill it, others are centred on white.
    A landscape page goes on landscape A4 (img2pdf turns the PDF page to match)."""
    pw, ph = a4_pixels(dpi)
    h, w = image.shape[:2]
    if w > h:
        pw, ph = ph, pw
    ratio = max(w, h) / min(w, h)
    if abs(ratio / np.sqrt(2) - 1) < 0.02:
        out: Image = cv2.resize(image, (pw, ph), interpolation=cv2.INTER_AREA)
        return out
    s = min(pw / w, ph / h)
    nw, nh = max(1, round(w * s)), max(1, round(h * s))
    interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
    inner = cv2.resize(image, (nw, nh), interpolation=interp)
    canvas = np.full((ph, pw, *image.shape[2:]), 255, np.uint8)
    x, y = (pw - nw) // 2, (ph - nh) // 2
    canvas[y : y + nh, x : x + nw] = inner
    return canvas


class CaptureSession:
    """The pages of one document being captured; Qt-free, for the kiosk UI and the CLI."""

    def __init__(
        self,
        directory: Path | str,
        *,
        dpi: int = 200,
        gray_budget: int = 250_000,
        color_budget: int = 600_000,
    ) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise SessionError(f"capture directory does not exist: {self.directory}")
        if not 72 <= dpi <= 600:
            raise SessionError(f"dpi must be between 72 and 600, got {dpi}")
        self.dpi = dpi
        # budgets are given for 200 dpi and scale with the pixel count
        area = (dpi / 200.0) ** 2
        self.budgets = {"gray": gray_budget * area, "bw": gray_budget * area}
        self.budgets["color"] = color_budget * area
        self._pages: list[Page] = []
        self._written: set[Path] = set()  # PDFs, so clear() leaves nothing personal behind

    # ------------------------------------------------------------------ queries
    @property
    def pages(self) -> tuple[Page, ...]:
        return tuple(self._pages)

    def __len__(self) -> int:
        return len(self._pages)

    # ------------------------------------------------------------------ editing
    def add(self, image: Image, kind: PageKind | None = None) -> Page:
        """Append a rectified page (from `rectify`); returns what was stored."""
        page = self._store(image, kind)
        self._pages.append(page)
        return page

    def add_id_card(self, front: Image, back: Image, *, gray: bool = False) -> Page:
        """Front and back on one A4 sheet at true size, appended as one page."""
        try:
            sheet = id_card_sheet(front, back, dpi=self.dpi, gray=gray)
        except ValueError as exc:
            raise SessionError(str(exc)) from exc
        return self.add(sheet, "gray" if gray else "color")

    def retake(self, index: int, image: Image, kind: PageKind | None = None) -> Page:
        """Replace page `index`; the old file goes only once the new one is safely written."""
        self._check_index(index)
        page = self._store(image, kind)
        old = self._pages[index]
        self._pages[index] = page
        old.path.unlink(missing_ok=True)
        return page

    def delete(self, index: int) -> None:
        self._check_index(index)
        page = self._pages.pop(index)
        page.path.unlink(missing_ok=True)

    def move(self, index: int, to: int) -> None:
        """Move page `index` so that it becomes page `to` (both 0-based)."""
        self._check_index(index)
        self._check_index(to)
        page = self._pages.pop(index)
        self._pages.insert(to, page)

    def reorder(self, order: list[int]) -> None:
        """Put the pages in `order` (a permutation of the current indices)."""
        if sorted(order) != list(range(len(self._pages))):
            raise SessionError(
                f"order must list each of the {len(self._pages)} pages once, got {order}"
            )
        self._pages = [self._pages[i] for i in order]

    def clear(self) -> None:
        """Delete every page and PDF this session wrote (what a session reset's wiper calls)."""
        pages, self._pages = self._pages, []
        written, self._written = self._written, set()
        for path in [p.path for p in pages] + sorted(written):
            path.unlink(missing_ok=True)
        for stray in self.directory.glob("page-*.jpg.part"):  # a write cut short
            stray.unlink(missing_ok=True)

    # ------------------------------------------------------------------ output
    def pdf_bytes(self) -> bytes:
        """The document as PDF: one A4 page per captured page, JPEGs embedded unchanged."""
        if not self._pages:
            raise SessionError("no pages captured yet")
        layout = img2pdf.get_layout_fun(A4_PT, auto_orient=True)
        streams = [p.path.read_bytes() for p in self._pages]
        data = img2pdf.convert(streams, layout_fun=layout)
        if data is None:  # pragma: no cover - img2pdf returns bytes when no outputstream
            raise SessionError("PDF conversion produced nothing")
        return bytes(data)

    def write_pdf(self, name: str = "document.pdf") -> Path:
        """Write the PDF into the session directory (only there) and return its path."""
        if Path(name).name != name or not name.endswith(".pdf"):
            raise SessionError(f"PDF name must be a plain file name ending in .pdf: {name!r}")
        target = self.directory / name
        self._write_atomic(target, self.pdf_bytes())
        self._written.add(target)
        return target

    # ------------------------------------------------------------------ internals
    def _check_index(self, index: int) -> None:
        if not isinstance(index, int) or not 0 <= index < len(self._pages):
            raise SessionError(
                f"page {index!r} does not exist; there are {len(self._pages)} page(s)"
            )

    def _store(self, image: Image, kind: PageKind | None) -> Page:
        img = _as_page_image(image)
        if kind is None:
            kind = "gray" if img.ndim == 2 else "color"
        if kind not in ("color", "gray", "bw"):
            raise SessionError(f"page kind must be color, gray or bw, got {kind!r}")
        if kind != "color" and img.ndim == 3:
            img = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        fitted = fit_a4(img, self.dpi)
        data, quality, (width, height) = self._encode(fitted, self.budgets[kind])
        path = self.directory / f"page-{uuid.uuid4().hex}.jpg"
        self._write_atomic(path, data)
        return Page(path, kind, width, height, len(data), quality)

    @staticmethod
    def _encode(img: Image, budget: float) -> tuple[bytes, int, tuple[int, int]]:
        """Highest quality in QUALITIES that fits the budget. A page that does not fit even at
        the lowest quality (a noisy photo) loses resolution instead, down to half the dpi;
        img2pdf still lays it out on the full A4 page."""
        data = b""
        src = img
        for shrink in (1.0, 0.75, 0.5):
            src = img
            if shrink < 1.0:
                size = (round(img.shape[1] * shrink), round(img.shape[0] * shrink))
                src = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
            for q in QUALITIES:
                ok, buf = cv2.imencode(
                    ".jpg", src, [cv2.IMWRITE_JPEG_QUALITY, q, cv2.IMWRITE_JPEG_OPTIMIZE, 1]
                )
                if not ok:
                    raise SessionError("JPEG encoding failed")
                data = buf.tobytes()
                if len(data) <= budget:
                    return data, q, (src.shape[1], src.shape[0])
        return data, QUALITIES[-1], (src.shape[1], src.shape[0])

    def _write_atomic(self, target: Path, data: bytes) -> None:
        part = target.with_name(target.name + ".part")
        with open(part, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        part.replace(target)
