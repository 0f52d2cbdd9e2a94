"""Turning a detected page into a flat, upright, clean image at its true proportions.

One perspective warp from the full-resolution frame (resampling once keeps text sharp and is
the cheapest path). The output aspect is snapped to the paper it most likely is — A-series
(A4 and A5 share 1:√2) or an ID-1 card (85.6 × 54 mm) — and kept as measured otherwise.

Orientation is decided on a small copy before the big warp, so the warp lands upright directly:
text lines are horizontal when the row profile of ink is strongly striped, and a left-aligned,
ragged-right text block tells top from bottom. A blank or ambiguous page keeps its paper's
natural orientation (pages portrait, cards landscape).

`gray` and `bw` divide the page by an estimate of its own paper brightness (a blurred max
filter that text cannot survive), which removes shadows and uneven light; the paper then comes
out white, and `bw` thresholds what is left, so ink is black whatever the light was.
"""

from __future__ import annotations

from typing import Literal, get_args

import cv2
import numpy as np
import numpy.typing as npt

from devices.imaging.types import Image

Mode = Literal["color", "gray", "bw"]
Paper = Literal["auto", "a4", "a5", "id1", "measured"]
MODES: tuple[str, ...] = get_args(Mode)

A_RATIO = float(np.sqrt(2.0))
ID1_RATIO = 85.6 / 54.0
SNAP_TOLERANCE = 0.06  # relative; A (1.414) and ID-1 (1.585) are 12 % apart


def _check_corners(corners: object) -> npt.NDArray[np.float64]:
    try:
        c = np.asarray(corners, np.float64)
    except (TypeError, ValueError):
        raise ValueError("corners must be four (x, y) points") from None
    if c.shape != (4, 2) or not np.isfinite(c).all():
        raise ValueError(f"corners must be a 4x2 array of finite numbers, got shape {c.shape}")
    return c


def _sides(c: npt.NDArray[np.float64]) -> tuple[float, float]:
    w = (np.linalg.norm(c[1] - c[0]) + np.linalg.norm(c[2] - c[3])) / 2
    h = (np.linalg.norm(c[3] - c[0]) + np.linalg.norm(c[2] - c[1])) / 2
    return float(w), float(h)


def paper_ratio(corners: npt.ArrayLike, paper: Paper = "auto") -> tuple[str, float]:
    """(paper name, long/short ratio) the page will be rectified to."""
    w, h = _sides(_check_corners(corners))
    measured = max(w, h) / max(min(w, h), 1.0)
    if paper == "measured":
        return "measured", measured
    if paper in ("a4", "a5"):
        return paper, A_RATIO
    if paper == "id1":
        return "id1", ID1_RATIO
    # auto: whichever known ratio is nearest, if near enough
    best = min((("a", A_RATIO), ("id1", ID1_RATIO)), key=lambda kv: abs(measured / kv[1] - 1))
    if abs(measured / best[1] - 1) <= SNAP_TOLERANCE:
        return best
    return "measured", measured


def _stripe_score(ink: npt.NDArray[np.bool_]) -> float:
    """How strongly ink forms horizontal lines: variance of the row profile, normalised."""
    prof = ink.mean(axis=1)
    if prof.mean() < 1e-4:
        return 0.0
    return float(prof.std() / (prof.mean() + 1e-6))


def _left_aligned(ink: npt.NDArray[np.bool_]) -> float:
    """>0 when line starts line up better than line ends (a left-aligned text), <0 reversed."""
    rows = ink.mean(axis=1) > 0.01
    starts, ends = [], []
    h = len(rows)
    i = 0
    while i < h:
        if rows[i]:
            j = i
            while j < h and rows[j]:
                j += 1
            cols = np.flatnonzero(ink[i:j].any(axis=0))
            if len(cols) > 3:
                starts.append(cols[0])
                ends.append(cols[-1])
            i = j
        else:
            i += 1
    if len(starts) < 4:
        return 0.0
    s, e = np.array(starts, float), np.array(ends, float)
    # median absolute deviation: a few indented or overhanging lines do not decide it
    ds = np.median(np.abs(s - np.median(s)))
    de = np.median(np.abs(e - np.median(e)))
    return float((de - ds) / (de + ds + 1e-6))


def upright_turns(gray: Image, landscape_paper: bool) -> int:
    """Quarter turns (counter-clockwise, as np.rot90) that make this page read upright."""
    ink = _ink_mask(gray)
    horiz = _stripe_score(ink)
    vert = _stripe_score(ink.T)
    turns = 0
    if max(horiz, vert) > 0.6 and vert > 1.25 * horiz:
        turns = 1
        ink = np.rot90(ink, 1)
    elif max(horiz, vert) <= 0.6:
        h, w = gray.shape
        if (w > h) != landscape_paper:
            return 1
        return 0
    # top/bottom from text alignment only on pages: a card's photo and emblem fool it
    if not landscape_paper and _left_aligned(ink) < -0.3:
        turns += 2
    return turns % 4


def _paper_level(gray: Image) -> Image:
    """The brightness the paper would have at each pixel if nothing were printed on it.

    Worked out at ~400 px (a max filter wider than any stroke, then a blur) and enlarged:
    light varies slowly, and this keeps the full-size work to two cheap uint8 passes.
    """
    h, w = gray.shape
    f = max(1, round(max(h, w) / 400))
    # crop to a multiple of f: OpenCV's integer-factor area resize is ~10x faster
    small = cv2.resize(
        gray[: h - h % f or h, : w - w % f or w],
        (max(1, w // f), max(1, h // f)),
        interpolation=cv2.INTER_AREA,
    )
    k = max(3, (round(max(small.shape) / 40)) | 1)  # wider than a text stroke at this scale
    bg = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    bg = cv2.medianBlur(bg, 5)
    box = (2 * k + 1, 2 * k + 1)
    bg = cv2.blur(cv2.blur(bg, box), box)  # ~Gaussian, and O(1) per pixel whatever k is
    out: Image = cv2.resize(np.maximum(bg, 1), (w, h), interpolation=cv2.INTER_LINEAR)
    return out


PAPER_WHITE = 0.9  # paper at ≥ 90 % of its local level comes out pure white
INK_BLACK = 0.08  # and ink at ≤ 8 % of it pure black


def _relative(gray: Image) -> Image:
    """gray / paper level, as uint8 where 255 means PAPER_WHITE of the level or brighter."""
    out: Image = cv2.divide(gray, _paper_level(gray), scale=255.0 / PAPER_WHITE)
    return out


def _ink_mask(gray: Image) -> npt.NDArray[np.bool_]:
    ink: npt.NDArray[np.bool_] = _relative(gray) < round(0.7 / PAPER_WHITE * 255)
    # a rim of desk left by the detection would look like a ruled margin on every line
    h, w = ink.shape
    mh, mw = max(1, h // 40), max(1, w // 40)
    ink[:mh], ink[-mh:], ink[:, :mw], ink[:, -mw:] = False, False, False, False
    return ink


_STRETCH = np.clip(
    (np.arange(256) / 255.0 * PAPER_WHITE - INK_BLACK) / (PAPER_WHITE - INK_BLACK) * 255.0, 0, 255
).astype(np.uint8)


def flatten(gray: Image) -> Image:
    """Paper to white, shadows gone, ink kept: gray / paper level, with a little stretch."""
    out: Image = cv2.LUT(_relative(gray), _STRETCH)
    return out


def binarize(gray: Image) -> Image:
    """Black ink on white paper, thresholded after flattening so light does not matter."""
    rel = _relative(gray)
    t, _ = cv2.threshold(rel, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Otsu on a near-blank page would cut into paper noise; keep it between ink and paper
    t = float(np.clip(t, 0.45 / PAPER_WHITE * 255, 0.75 / PAPER_WHITE * 255))
    _, out = cv2.threshold(rel, t, 255, cv2.THRESH_BINARY)
    return out


def rectify(
    image: Image,
    corners: npt.ArrayLike,
    mode: Mode = "color",
    *,
    paper: Paper = "auto",
    long_side: int | None = None,
    orient: bool = True,
) -> Image:
    """The page inside `corners` (TL, TR, BR, BL in `image`), flat, upright, at its true aspect.

    `long_side` fixes the output's long side in pixels; by default the page keeps the
    resolution it had in the frame. `mode`: `color` (BGR), `gray`, `bw` (0/255, white paper).
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8 or image.ndim not in (2, 3):
        raise ValueError("image must be a uint8 numpy array (HxW or HxWx3)")
    c = _check_corners(corners)
    if cv2.contourArea(c.astype(np.float32)) < 16:
        raise ValueError("corners enclose no area")
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    name, ratio = paper_ratio(c, paper)
    w, h = _sides(c)
    native_long = max(w, h)
    out_long = int(long_side) if long_side else round(native_long)
    if out_long < 16:
        raise ValueError(f"long_side too small: {out_long}")
    out_short = max(1, round(out_long / ratio))
    # dimensions as the page lies in the frame (before any turn)
    tw, th = (out_long, out_short) if w >= h else (out_short, out_long)
    src = c.astype(np.float32)
    turns = 0
    if orient:
        sf = 360.0 / max(tw, th)
        sw, sh = max(8, round(tw * sf)), max(8, round(th * sf))
        dst_s = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], np.float32)
        m_s = cv2.getPerspectiveTransform(src, dst_s)
        preview = cv2.warpPerspective(image, m_s, (sw, sh), flags=cv2.INTER_AREA)
        turns = upright_turns(
            cv2.cvtColor(preview, cv2.COLOR_BGR2GRAY), landscape_paper=(name == "id1")
        )
    # fold the quarter turns into the destination corners: one warp, already upright
    if turns % 2:
        ow, oh = th, tw
    else:
        ow, oh = tw, th
    box = np.array([[0, 0], [ow, 0], [ow, oh], [0, oh]], np.float32)
    # np.rot90(k) turns counter-clockwise: the frame's TL ends up at box corner (k) clockwise
    dst = np.array([box[(4 - turns + i) % 4] for i in range(4)], np.float32)
    # grey modes: convert only the page's bounding box, then warp one channel instead of three
    x0, y0 = (max(0, int(v) - 1) for v in np.floor(c.min(axis=0)))
    x1 = min(image.shape[1], int(np.ceil(c[:, 0].max())) + 2)
    y1 = min(image.shape[0], int(np.ceil(c[:, 1].max())) + 2)
    roi = image[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else image
    if roi is not image:
        src = src - np.array([x0, y0], np.float32)
    if mode != "color":
        roi = cv2.cvtColor(roi, cv2.COLOR_BGR2GRAY)
    m = cv2.getPerspectiveTransform(src, dst)
    flat_img: Image = cv2.warpPerspective(roi, m, (ow, oh), flags=cv2.INTER_LINEAR)
    if mode == "color":
        return flat_img
    if mode == "gray":
        return flatten(flat_img)
    return binarize(flat_img)
