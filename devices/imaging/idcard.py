"""ID-card copies the way service halls file them: front and back at true size on one A4 page.

A clerk holding the sheet against a real card should see the same size, so each face is
scaled to exactly 85.6 × 54 mm at the sheet's dpi (not "fit to page"). The faces are expected
rectified already (`rectify(..., paper="id1")`); a portrait-shaped face is turned to landscape.
"""

from __future__ import annotations

import cv2
import numpy as np

from devices.imaging.scenes import A4_MM, ID1_MM
from devices.imaging.types import Image

MM_PER_INCH = 25.4


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm / MM_PER_INCH * dpi)


def a4_pixels(dpi: int) -> tuple[int, int]:
    """(width, height) of a portrait A4 page at `dpi`."""
    return mm_to_px(A4_MM[0], dpi), mm_to_px(A4_MM[1], dpi)


def _face(img: Image, size: tuple[int, int], gray: bool) -> Image:
    if not isinstance(img, np.ndarray) or img.dtype != np.uint8 or img.ndim not in (2, 3):
        raise ValueError("card face must be a uint8 image (HxW or HxWx3)")
    if min(img.shape[:2]) < 8:
        raise ValueError(f"card face is too small: {img.shape[1]}x{img.shape[0]}")
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    if img.shape[0] > img.shape[1]:
        img = np.rot90(img, 1)
    out: Image = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
    if gray:
        out = cv2.cvtColor(cv2.cvtColor(out, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    return out


def card_boxes(dpi: int) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
    """(x, y, w, h) of the front and back on the sheet: centred, front in the upper half."""
    pw, ph = a4_pixels(dpi)
    cw, ch = mm_to_px(ID1_MM[0], dpi), mm_to_px(ID1_MM[1], dpi)
    x = (pw - cw) // 2
    y_front = ph // 4 - ch // 2
    y_back = (ph * 5) // 8 - ch // 2
    return (x, y_front, cw, ch), (x, y_back, cw, ch)


def id_card_sheet(front: Image, back: Image, *, dpi: int = 200, gray: bool = False) -> Image:
    """An A4 page (BGR, white) with both faces at true ID-1 size, front above back."""
    if not 72 <= dpi <= 600:
        raise ValueError(f"dpi must be between 72 and 600, got {dpi}")
    pw, ph = a4_pixels(dpi)
    sheet = np.full((ph, pw, 3), 255, np.uint8)
    for face, (x, y, w, h) in zip((front, back), card_boxes(dpi), strict=True):
        sheet[y : y + h, x : x + w] = _face(face, (w, h), gray)
    return sheet
