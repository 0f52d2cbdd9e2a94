"""Finding the page (or ID card) in a document-camera frame.

The textbook recipe — Canny, then the biggest contour that approximates to four points — breaks
on exactly the scenes a service hall produces: a white page on a light mat has too little
contrast for fixed Canny thresholds, text and stamps touching the edge merge into the outline,
fingers bite notches into it, and on an empty desk it happily returns any four-sided blob.

What is done here instead, on a copy downscaled to ~512 px (cheap, and noise averages out):

1. Edges are found in *log* brightness plus chroma. A shadow or uneven light multiplies the
   brightness, so in log space it only adds a smooth ramp, while the page border stays a sharp
   step of the same height wherever it lies (a white page on a light mat is a small but sharp
   step; a soft shadow border is large but gradual).
2. Everything reachable from the frame border without crossing an edge is desk. What is left,
   after opening away thin clutter, are page candidates; text, stamps and table rules are
   enclosed by the page border, so they never break the page region apart.
3. Each candidate's outline gets four sides fitted robustly (Huber line fits on the outline
   points near each side), so a finger notch or a bit of text over the edge moves nothing.
4. Every candidate quadrilateral is *verified*: along each side the image must step in
   brightness or colour across the side for most of its length. An empty desk has no such
   quadrilateral, so the answer is None rather than a random shape.
5. The winning corners are refined at full resolution by locating the edge along short
   profiles across each side, so downscaling costs no accuracy.

That edge flood is exact on plain desks and fast (~15 ms), and where it finds a clear page the
search ends there. On real desks — tiles, gravel, slatted wood, a floral cloth, clutter, a pale
laptop lid, a window behind the page — the desk's own edges break it, so three more candidate
generators run (issue 16):

- paper segmentation: thresholds on a paper-likeness value (light and colourless, or darker
  than a bright window), and floods grown from smooth seeds over the text-free lightness;
- lines: straight segments (OpenCV's LSD) and Hough lines of the text-free lightness, every
  pair of near-parallel pairs intersected into a quad, the frame's edges counting as lines
  (a page running off the frame), ranked by how much of each side lies on edge pixels and
  steps the one way across (a busy cloth has many lines, few with a page's signed step).

Every such quad passes one check (``_verify``) or is dropped: each side not on the frame's
edge steps the same way (paper lighter than the desk, or darker against a window) along most
of its length, close to the side and a little further out (a tile's grout steps at one only);
inside, every part shows paper on one smooth light ramp and in one colour, the parts along
each side too (a page has margins; a quad overshooting onto the desk does not), and the paper
differs from the ring just outside. Among the quads within 5 % of the best score the largest
wins — a quad darker than its surround inside a lighter verified one is a print on the page
and drops out; a verified quad around the best whose extra part is more paper competes down
to 85 % of the best score (the best was a part of the page cut at a gap between printed
blocks); a quad whose extra part over a verified quad inside it looks like the desk around
gives way to that one (a side carried past the page onto the frame's edge). The frame's own
outline never wins, nor a quad running off the frame that covers under 8 % of it (a door
panel, a window, a shelf at the photo's edge); nothing verified is None.

With a learned empty mat (``background``, devices.imaging.background) the fixed document
camera's case is simpler still: what differs from the mat is what lies on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from devices.imaging.background import WORK_SIDE, BackgroundModel, downscale
from devices.imaging.geometry import order_corners, quad_iou
from devices.imaging.types import Corners, Image

MIN_AREA_SHARE = 0.02  # an ID-1 card under an A3 field of view is ~4 % of the frame
MIN_CUT_SHARE = 0.08  # the least of the frame a page running off it must still cover
MIN_SIDE_SUPPORT = 0.55  # share of a side that must show the step (fingers cover some)
MIN_MEAN_SUPPORT = 0.72
STEP_LOG = 0.025  # minimal brightness step across a side, in natural-log units
CHROMA_W = 1.0 / 40.0  # Lab a/b units to log-brightness units
# (Canny low, high in log units per pixel; edge thickening): strict first, then faint borders
# (a light card on a light mat), then faint borders with gaps.
PASSES = ((0.02, 0.05, 3), (0.01, 0.025, 3), (0.01, 0.025, 7))
EARLY_AREA_SHARE = 0.08
MIN_OUTLINE_FIT = 0.7  # share of the region's outline lying on the fitted sides
# segmentation generators (paper brighter, or against a window darker, than its surround)
SEGMENT_LEVELS = 8  # thresholds tried by the paper segmentation, each both ways round
FLOOD_TOLERANCES = (2, 4)  # grey levels a flood may step between neighbouring pixels
# line generator: straight segments (LSD) and Hough lines of the text-free lightness
HOUGH_LINES = 48  # lines combined into quads: half from straight segments, half from Hough
MIN_SEGMENT = 0.05  # shortest straight segment counted, as a share of the frame's short side
LINE_CANNY = (12, 30)  # Canny on the text-free lightness, grey levels per pixel
MIN_LINE_COVER = 0.55  # share of a side lying on edge pixels, before the full check
MIN_LINE_STEP = 0.45  # share of each side stepping the one way, before the full check
LINE_QUADS_VERIFIED = 40  # best-covered line quads given the full check
# the one check every generated quad passes (_verify)
STEP_GREY = 6.0  # grey levels across a page's side, in its direction, for the signed test
MIN_SIGNED_SIDE = 0.6  # share of each cut side stepping the one way
MIN_SIGNED_MEAN = 0.75
CELLS = 6  # the inside is checked in CELLS x CELLS parts
CELL_TOLERANCE = 0.15  # a part's paper level within this share of the page's light ramp
CELL_CHROMA = 5.0  # Lab a/b units a part's colour may differ from the paper's
MIN_PAPERY_CELLS = 0.7  # parts that must show paper (a photo on an ID card covers some)
MIN_BAND = 0.3  # parts along each side that must show paper (a page has margins)
MIN_INTERIOR_STEP = 10.0  # grey levels between the paper and the ring just outside it
KEEP_SHARE = 0.95  # candidates within this share of the best score compete on size
AROUND_SHARE = 0.85  # a page around the best quad competes down to this share of its score
MIN_OVERSHOOT_SIDE = 15  # px of a side beyond the inner quad that tell an overshoot by steps
OVERSHOOT_STEP = 0.4  # a side running on beyond the inner quad stepping less: no page there
MIN_FOREGROUND_IOU = 0.6  # with a learned mat: a quad this close to what changed is the page
SURE_FOREGROUND_IOU = 0.85  # ...and this close, no quad of the change's own outline competes
CLEAN_OUTLINE = 0.95  # share of the changed region's outline on its quad: taken as it is
# the changed region as it is, opened (> 0) or closed (< 0) by disks of these radii (× side)
MORPH_SHARES = (0.0, 0.03, 0.06, -0.03, -0.06)
PAPER_RATIOS = (float(np.sqrt(2.0)), 85.6 / 54.0, 11.0 / 8.5)  # A-series, ID-1, letter


def _validate(image: object) -> Image:
    if not isinstance(image, np.ndarray):
        raise TypeError(f"image must be a numpy array, got {type(image).__name__}")
    if image.dtype != np.uint8:
        raise ValueError(f"image must be uint8, got {image.dtype}")
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ValueError(f"image must be HxW, HxWx3 or HxWx4, got shape {image.shape}")
    if image.shape[0] < 16 or image.shape[1] < 16:
        raise ValueError(f"image is too small: {image.shape[1]}x{image.shape[0]}")
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


_L_LOG = np.log(np.arange(256, dtype=np.float32) * (100.0 / 255.0) + 4.0)  # L; dark noise tamed
_AB = (np.arange(256, dtype=np.float32) - 128.0) * CHROMA_W
_LAB_LUT = np.stack([_L_LOG, _AB, _AB], axis=1).reshape(1, 256, 3).astype(np.float32)


def _features(small: Image) -> Image:
    """log brightness and scaled chroma: three channels in comparable units."""
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2Lab)
    blurred: Image = cv2.GaussianBlur(cv2.LUT(lab, _LAB_LUT), (0, 0), 1.0)
    return blurred


def _gradients(feat: Image) -> tuple[Image, Image]:
    """Sobel slopes as int16 in 1e-3 log units per pixel, the form Canny takes."""
    k = 1000.0 / 8.0  # Sobel 3x3 sums 8x the per-pixel slope
    dx = cv2.Sobel(feat, cv2.CV_32F, 1, 0, ksize=3, scale=k)
    dy = cv2.Sobel(feat, cv2.CV_32F, 0, 1, ksize=3, scale=k)
    return (
        np.clip(dx, -32000, 32000).astype(np.int16),
        np.clip(dy, -32000, 32000).astype(np.int16),
    )


def _edges(grad: tuple[Image, Image], low: float, high: float) -> Image:
    """Canny with hysteresis on our own gradient (log brightness + chroma)."""
    edges: Image = cv2.Canny(grad[0], grad[1], low * 1000.0, high * 1000.0, L2gradient=True)
    return edges


def _regions(edges: Image, bridge: int) -> Image:
    """Pixels not reachable from the frame border without crossing an edge.

    Edges are thickened by `bridge` pixels first, so the flood cannot slip through a short gap
    in a faint page border.
    """
    closed = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, bridge)))
    free = (closed == 0).astype(np.uint8)
    _, labels = cv2.connectedComponents(free, connectivity=4)
    border = np.concatenate([labels[0, :], labels[-1, :], labels[:, 0], labels[:, -1]])
    is_outside = np.zeros(int(labels.max()) + 1, np.uint8)
    is_outside[border] = 1
    is_outside[0] = 0  # label 0 is the edge pixels themselves
    mask: Image = np.where(is_outside[labels] > 0, 0, 255).astype(np.uint8)
    mask = cv2.morphologyEx(
        mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
    )
    return mask


def _close_disk(mask: Image, radius: float) -> Image:
    """Morphological closing by a disk (the same two distance transforms the other way round):
    fills bites and holes narrower than the disk."""
    grown = (cv2.distanceTransform(255 - mask, cv2.DIST_L2, 3) <= radius).astype(np.uint8)
    inside = cv2.distanceTransform(grown, cv2.DIST_L2, 3)
    out: Image = np.where(inside > radius, 255, 0).astype(np.uint8)
    return out


def _outward(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64], centre: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """The unit normal of side a→b pointing away from ``centre`` (the quad's inside)."""
    ab = b - a
    normal: npt.NDArray[np.float64] = np.array([ab[1], -ab[0]]) / (np.hypot(*ab) + 1e-9)
    return -normal if np.dot((a + b) / 2 - centre, normal) < 0 else normal


def _open_disk(mask: Image, radius: float) -> Image:
    """Morphological opening by a disk, via two distance transforms (O(n) for any radius;
    a big elliptic kernel costs milliseconds per blob)."""
    eroded = (cv2.distanceTransform(mask, cv2.DIST_L2, 3) > radius).astype(np.uint8)
    outside = cv2.distanceTransform(1 - eroded, cv2.DIST_L2, 3)
    out: Image = np.where(outside <= radius, 255, 0).astype(np.uint8)
    return out


def _line_intersection(
    l1: npt.NDArray[np.float64], l2: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64] | None:
    """Lines as (vx, vy, x0, y0)."""
    d1, p1 = l1[:2], l1[2:]
    d2, p2 = l2[:2], l2[2:]
    den = d1[0] * d2[1] - d1[1] * d2[0]
    if abs(den) < 1e-6:
        return None
    t = ((p2[0] - p1[0]) * d2[1] - (p2[1] - p1[1]) * d2[0]) / den
    return np.asarray(p1 + t * d1, np.float64)


def _quad_from_hull(hull: Image) -> Corners | None:
    """Four corners from a convex outline: the lines through its four longest straight runs.

    Corners rounded by morphology (or by a card's rounded corners) become short runs, so they
    never win; the sides, being long, always do.
    """
    peri = cv2.arcLength(hull, True)
    poly = cv2.approxPolyDP(hull, 0.012 * peri, True).reshape(-1, 2).astype(np.float64)
    n = len(poly)
    if n < 4:
        return None
    lengths = np.array([np.linalg.norm(poly[(i + 1) % n] - poly[i]) for i in range(n)])
    keep = sorted(np.argsort(lengths)[-4:])
    lines = []
    for i in keep:
        a, b = poly[i], poly[(i + 1) % n]
        d = (b - a) / (lengths[i] + 1e-9)
        lines.append(np.array([d[0], d[1], a[0], a[1]]))
    corners = []
    for i in range(4):
        p = _line_intersection(lines[i - 1], lines[i])
        if p is None:
            return None
        corners.append(p)
    return order_corners(np.array(corners))


def _fit_sides(contour: npt.NDArray[np.float64], quad: Corners) -> Corners | None:
    """Refit each side as a robust line through the outline points that lie along it."""
    q = quad
    for tol in (12.0, 5.0, 2.5):
        lines = []
        for i in range(4):
            a, b = q[i], q[(i + 1) % 4]
            ab = b - a
            length = float(np.hypot(*ab))
            if length < 8:
                return None
            u = ab / length
            rel = contour - a
            along = rel @ u
            across = rel @ np.array([-u[1], u[0]])
            sel = (np.abs(across) < tol) & (along > 0.08 * length) & (along < 0.92 * length)
            pts = contour[sel]
            if len(pts) < 8:
                lines.append(np.array([u[0], u[1], a[0], a[1]]))
                continue
            line = cv2.fitLine(pts.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
            lines.append(line.astype(np.float64))
        corners = []
        for i in range(4):
            p = _line_intersection(lines[i - 1], lines[i])
            if p is None:
                return None
            corners.append(p)
        q = np.array(corners)
    return order_corners(q)


def _sample(img: Image, pts: npt.NDArray[np.float64]) -> Image:
    m = pts.astype(np.float32).reshape(-1, 1, 2)
    out = cv2.remap(img, m[..., 0], m[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return out.reshape(len(pts), -1)


def border_sides(quad: Corners, shape: tuple[int, ...], tol: float = 0.015) -> list[bool]:
    """Which sides run along the frame's edge: a page crossing the frame is cut there, and a
    cut shows no step to verify."""
    h, w = shape[:2]
    m = tol * max(h, w)
    out = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        out.append(
            bool(
                (a[0] <= m and b[0] <= m)
                or (a[0] >= w - 1 - m and b[0] >= w - 1 - m)
                or (a[1] <= m and b[1] <= m)
                or (a[1] >= h - 1 - m and b[1] >= h - 1 - m)
            )
        )
    return out


def side_support(
    feat: Image, quad: Corners, offset: float = 3.0, n: int = 40
) -> npt.NDArray[np.float64]:
    """For each side, the share of its length across which the image steps (inside vs outside);
    1.0 for a side on the frame's edge (nothing beyond it to compare with)."""
    centre = quad.mean(axis=0)
    support = np.zeros(4)
    t = np.linspace(0.06, 0.94, n)[:, None]
    on_border = border_sides(quad, feat.shape)
    for i in range(4):
        if on_border[i]:
            support[i] = 1.0
            continue
        a, b = quad[i], quad[(i + 1) % 4]
        ab = b - a
        normal = _outward(a, b, centre)
        p = a + t * ab
        inside = _sample(feat, p - normal * offset)
        outside = _sample(feat, p + normal * offset)
        diff = np.sqrt(((inside - outside) ** 2).sum(axis=1))
        support[i] = float((diff > STEP_LOG).mean())
    return support


@dataclass(frozen=True)
class _Candidate:
    quad: Corners
    score: float
    area: float
    source: str = "edges"
    polarity: float = 1.0  # +1 paper lighter than what surrounds it, -1 darker (a window)


def _plausible(
    quad: Corners,
    frame_area: float,
    min_share: float = MIN_AREA_SHARE,
    shape: tuple[int, ...] | None = None,
) -> float:
    """Area of a convex quad with sane angles and aspect, else 0."""
    area = float(cv2.contourArea(quad.astype(np.float32)))
    if area < min_share * frame_area:
        return 0.0
    if not cv2.isContourConvex(quad.astype(np.float32).reshape(-1, 1, 2)):
        return 0.0
    for i in range(4):
        u = quad[i - 1] - quad[i]
        v = quad[(i + 1) % 4] - quad[i]
        cos = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        if abs(cos) > 0.45:  # angles outside ~63°..117°: not a page seen from above
            return 0.0
    sides = [float(np.linalg.norm(quad[(i + 1) % 4] - quad[i])) for i in range(4)]
    w, h = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    cut = shape is not None and any(border_sides(quad, shape))
    # A page running off the frame is claimed only when most of it is in view: a small thing
    # cut by the frame's edge is the background (a door panel, a window, a shelf, a brick),
    # not what is being shown — and a sliver of a page would be no use captured.
    if cut and area < MIN_CUT_SHARE * frame_area:
        return 0.0
    # the part of a page left in view when it runs off the frame can be long and thin
    longest = 4.0 if cut else 2.2
    if max(w, h) / max(min(w, h), 1e-6) > longest:
        return 0.0
    return area


def _outline_fit(contour: Image, quad: Corners) -> float:
    """Share of the outline's points within a few pixels of the quad's sides."""
    pts = contour.reshape(-1, 2).astype(np.float64)
    best = np.full(len(pts), np.inf)
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        ab = b - a
        t = np.clip(((pts - a) @ ab) / max(float(ab @ ab), 1e-9), 0.0, 1.0)
        d = np.hypot(*(pts - (a + t[:, None] * ab)).T)
        best = np.minimum(best, d)
    tol = max(2.5, 0.01 * float(np.hypot(*(quad[2] - quad[0]))))
    return float((best <= tol).mean())


def _is_frame(quad: Corners, shape: tuple[int, ...]) -> bool:
    """The frame's own outline (or nearly): never a page. A page filling the whole view
    cannot be told from the desk edge-on, so it is not claimed either."""
    return sum(border_sides(quad, shape, 0.03)) >= 3


def _quads(mask: Image, frame_area: float, min_share: float) -> list[tuple[Corners, float, Image]]:
    """Quadrilaterals fitted to the regions of ``mask`` that are shaped like one:
    (quad, its area, the region's outline)."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    out = []
    for c in contours:
        if cv2.contourArea(c) < min_share * frame_area:
            continue
        # the initial guess ignores thin protrusions (a finger, a pen touching the page)
        k = max(5, int(0.04 * max(mask.shape)) | 1)
        x, y, bw, bh = cv2.boundingRect(c)
        blob: Image = np.zeros((bh + 2 * k, bw + 2 * k), np.uint8)
        cv2.drawContours(blob, [c], -1, 255, -1, offset=(k - x, k - y))
        blob = _open_disk(blob, k / 2)
        opened, _ = cv2.findContours(blob, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        if not opened:
            continue
        hull = cv2.convexHull(max(opened, key=cv2.contourArea)) + np.array([x - k, y - k])
        quad0 = _quad_from_hull(hull)
        if quad0 is None:
            continue
        quad = _fit_sides(c.reshape(-1, 2).astype(np.float64), quad0)
        if quad is None:
            continue
        area = _plausible(quad, frame_area, min_share, mask.shape)
        if area <= 0 or _is_frame(quad, mask.shape):
            continue
        # the region must fill the quad (a ring of clutter or an L-shaped blob does not), and its
        # outline must run along the sides (a round stamp's does not)
        if cv2.contourArea(c) < 0.8 * area or _outline_fit(c, quad) < MIN_OUTLINE_FIT:
            continue
        out.append((quad, area, c))
    return out


def _candidates(mask: Image, feat: Image) -> list[_Candidate]:
    """Regions enclosed by edges: verified by the step along each side."""
    frame_area = float(mask.shape[0] * mask.shape[1])
    out = []
    for quad, area, _ in _quads(mask, frame_area, MIN_AREA_SHARE):
        sup = side_support(feat, quad)
        if sup.min() < MIN_SIDE_SUPPORT or sup.mean() < MIN_MEAN_SUPPORT:
            continue
        out.append(_Candidate(quad, float(sup.mean()), area))
    return out


def _paper_masks(small: Image) -> list[Image]:
    """Segmentations of the frame into "paper" and the rest, for scenes where edges drown in
    the desk's own texture (tiles, gravel, a floral cloth): paper is brighter and less coloured
    than most desks — or, against a bright window, darker than what is behind it. Several
    thresholds on a paper-likeness value, both ways round, each cleaned of thin texture
    bridges (opening) and of the text holes inside a page (filled outer contours)."""
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2Lab).astype(np.float32)
    chroma = np.hypot(lab[..., 1] - 128.0, lab[..., 2] - 128.0)
    paper = cv2.GaussianBlur(lab[..., 0] - 1.5 * chroma, (0, 0), 1.2)
    # text is dark on a page: a closing by a few px lets it not break the page up
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    lo, hi = np.percentile(paper, (5, 97))
    masks = []
    opening = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    for t in np.linspace(lo, hi, SEGMENT_LEVELS + 2)[1:-1]:
        for polarity in (1, -1):
            m = ((paper - t) * polarity > 0).astype(np.uint8) * 255
            m = cv2.morphologyEx(m, cv2.MORPH_OPEN, opening)
            masks.append(m)
    return masks


def _flood_masks(small: Image) -> list[Image]:
    """Regions of smooth, even paper grown from seeds: a page is the one large surface that
    is uniform up to a gentle light ramp, while a textured desk stops a flood within a few
    pixels and a page's border — even white on pale grey — is a step the flood cannot climb.
    Text is closed away first (ink is dark and thin on paper)."""
    lum = cv2.cvtColor(small, cv2.COLOR_BGR2Lab)[..., 0]
    flat = cv2.morphologyEx(
        lum, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
    )
    flat = cv2.medianBlur(flat, 5)
    f = flat.astype(np.float32)
    var = cv2.blur(f * f, (9, 9)) - cv2.blur(f, (9, 9)) ** 2
    smooth = var < 9.0
    h, w = flat.shape
    covered = np.zeros((h + 2, w + 2), np.uint8)
    masks = []
    for tol in FLOOD_TOLERANCES:
        covered[:] = 0
        for y in np.linspace(0.06 * h, 0.94 * h, 9).astype(int):
            for x in np.linspace(0.06 * w, 0.94 * w, 12).astype(int):
                if not smooth[y, x] or covered[y + 1, x + 1]:
                    continue
                region = np.zeros((h + 2, w + 2), np.uint8)
                cv2.floodFill(
                    flat,
                    region,
                    (int(x), int(y)),
                    0,
                    tol,
                    tol,
                    4 | cv2.FLOODFILL_MASK_ONLY | (255 << 8),
                )
                covered |= region
                n = int(np.count_nonzero(region))
                if MIN_AREA_SHARE * h * w <= n <= 0.9 * h * w:
                    masks.append(
                        cv2.morphologyEx(
                            region[1:-1, 1:-1], cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8)
                        )
                    )
    return masks


def _interior(small_l: Image, quad: Corners, chroma: Image | None = None) -> tuple[float, float]:
    """(step from the paper to the ring just outside, share of the inside's parts that show
    paper, 0 when the parts along a side do not): a page shows paper in *every* part of it
    (a quad reaching past the page onto the desk has parts with no paper at all) and differs
    from what surrounds it."""
    side = 60
    dst = np.array([[0, 0], [side - 1, 0], [side - 1, side - 1], [0, side - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    inside = cv2.warpPerspective(small_l, m, (side, side), flags=cv2.INTER_AREA)[5:-5, 5:-5]
    centre = quad.mean(axis=0)
    ring_q = centre + (quad - centre) * 1.12
    ring_m = cv2.getPerspectiveTransform(ring_q.astype(np.float32), dst)
    ring = cv2.warpPerspective(
        small_l,
        ring_m,
        (side, side),
        flags=cv2.INTER_AREA,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=-1.0,
    )
    edge = np.concatenate(
        [ring[:3].ravel(), ring[-3:].ravel(), ring[:, :3].ravel(), ring[:, -3:].ravel()]
    )
    edge = edge[edge >= 0]
    level = float(np.percentile(inside, 75))  # the paper's level (ink is the dark minority)
    step = abs(level - float(np.median(edge))) if edge.size else 0.0
    n = CELLS
    k = inside.shape[0] // n
    cells = inside[: n * k, : n * k].reshape(n, k, n, k).swapaxes(1, 2).reshape(n, n, -1)
    # each part's brightest tenth is paper (between the words, the light ground of a printed
    # photo) lying on one smooth light ramp over the page — unless the quad overshoots onto
    # the desk. A plane is fitted to the parts (twice, the second time without the parts far
    # off the first), and papery parts are those near it.
    cell_level = np.percentile(cells, 90, axis=2).ravel()
    yy, xx = np.mgrid[0:n, 0:n]
    design = np.stack([np.ones(n * n), xx.ravel(), yy.ravel()], axis=1)
    keep = np.ones(n * n, bool)
    near = keep
    for _ in range(2):
        coef, *_ = np.linalg.lstsq(design[keep], cell_level[keep], rcond=None)
        fit = design @ coef
        near = np.abs(cell_level / np.maximum(fit, 1.0) - 1) < CELL_TOLERANCE
        keep = near if near.sum() >= 3 else keep
    if chroma is not None:
        # and paper is one colour: a white patch of a floral cloth or a pale wood is not
        ab = cv2.warpPerspective(chroma, m, (side, side), flags=cv2.INTER_AREA)[5:-5, 5:-5]
        ab_cells = ab[: n * k, : n * k].reshape(n, k, n, k, 2).swapaxes(1, 2).reshape(n * n, -1, 2)
        cell_ab = np.median(ab_cells, axis=1)
        paper_ab = np.median(cell_ab[near], axis=0) if near.any() else np.median(cell_ab, axis=0)
        near = near & (np.hypot(*(cell_ab - paper_ab).T) < CELL_CHROMA)
    # a page has margins: the parts along every side are paper (a quad overshooting the page
    # onto the desk has one side's parts all desk)
    grid = near.reshape(n, n)
    bands = (grid[0].mean(), grid[-1].mean(), grid[:, 0].mean(), grid[:, -1].mean())
    papery = float(near.mean()) if min(bands) >= MIN_BAND else 0.0
    return step, papery


def _aspect_fit(quad: Corners) -> float:
    """1 for the proportions of A4/A5, letter or an ID-1 card, less the further from them."""
    sides = [float(np.linalg.norm(quad[(i + 1) % 4] - quad[i])) for i in range(4)]
    w, h = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    r = max(w, h) / max(min(w, h), 1e-6)
    d = min(abs(np.log(r / k)) for k in PAPER_RATIOS)
    return float(np.exp(-((d / 0.12) ** 2) / 2))


def signed_support(lum: Image, quad: Corners, offset: float = 3.0, n: int = 40) -> Corners:
    """Per side, the share of its length where inside and outside differ by more than
    STEP_GREY in the side's own majority direction — and that direction per side (+1 paper
    lighter than beyond, −1 darker). A page steps the same way along a whole side; a desk's
    texture under a chance line steps either way. A side on the frame's edge: (1, 0)."""
    centre = quad.mean(axis=0)
    out = np.zeros((4, 2))
    t = np.linspace(0.06, 0.94, n)[:, None]
    on_border = border_sides(quad, lum.shape)
    for i in range(4):
        if on_border[i]:
            out[i] = (1.0, 0.0)
            continue
        a, b = quad[i], quad[(i + 1) % 4]
        ab = b - a
        normal = _outward(a, b, centre)
        p = a + t * ab
        # near the side and a little further out: a page steps at both, one edge of a thin
        # line (a tile's grout, a slat's gap) only at the near one
        near = (_sample(lum, p - normal * offset) - _sample(lum, p + normal * offset)).ravel()
        far = (
            _sample(lum, p - normal * 2.5 * offset) - _sample(lum, p + normal * 2.5 * offset)
        ).ravel()
        up = float(((near > STEP_GREY) & (far > STEP_GREY)).mean())
        down = float(((near < -STEP_GREY) & (far < -STEP_GREY)).mean())
        out[i] = (up, 1.0) if up >= down else (down, -1.0)
    return out


def _verify(lum: Image, quad: Corners, chroma: Image | None = None) -> float:
    """A page-likeness score in 0..1 for a quad from any generator, 0 when it is no page:
    every cut side steps the same way all along, the inside is mostly one paper level that
    differs from just outside, proportions near a paper's."""
    return _verify_signed(lum, quad, chroma)[0]


def _verify_signed(lum: Image, quad: Corners, chroma: Image | None = None) -> tuple[float, float]:
    """_verify's score, and which way the sides step: +1 the inside lighter than beyond (paper
    on a desk), -1 darker (paper against a window — or a photo printed on a page)."""
    sup = signed_support(lum, quad)
    real = [i for i in range(4) if sup[i, 1] != 0]
    if len(real) < 3:
        return 0.0, 0.0
    vals = sup[real, 0]
    polarity = float(sup[real[0], 1])
    if len({float(sup[i, 1]) for i in real}) > 1:  # lighter on one side, darker on another
        return 0.0, 0.0
    if vals.min() < MIN_SIGNED_SIDE or vals.mean() < MIN_SIGNED_MEAN:
        return 0.0, polarity
    step, papery = _interior(lum, quad, chroma)
    if step < MIN_INTERIOR_STEP or papery < MIN_PAPERY_CELLS:
        return 0.0, polarity
    # a page cut by the frame has lost its proportions: they say nothing then
    aspect = _aspect_fit(quad) if len(real) == 4 else 1.0
    score = float(vals.mean()) * (0.5 + 0.5 * papery) * (0.7 + 0.3 * aspect)
    return score, polarity


def _hough_lines(edges: Image, n: int) -> list[tuple[float, float]]:
    """The ``n`` strongest straight lines (rho, theta), none a near-copy of a stronger one."""
    h, w = edges.shape
    found = cv2.HoughLines(edges, 1, np.pi / 180, max(20, int(0.06 * min(h, w))))
    out: list[tuple[float, float]] = []
    if found is None:
        return out
    for rho, theta in found[:, 0, :]:
        if all(
            abs(rho - r) > 8 or min(abs(theta - t), np.pi - abs(theta - t)) > np.deg2rad(4)
            for r, t in out
        ):
            out.append((float(rho), float(theta)))
            if len(out) >= n:
                break
    return out


_LSD: list[cv2.LineSegmentDetector] = []


def _segment_lines(flat: Image, n: int) -> list[tuple[float, float]]:
    """Lines (rho, theta) through the straight segments of the image (OpenCV's LSD), ranked
    by their segments' total length: a card's short sides on a busy cloth are straight runs
    the texture has few of, where a Hough vote drowns in the texture's many edges."""
    if not _LSD:
        _LSD.append(cv2.createLineSegmentDetector())
    found = _LSD[0].detect(flat)[0]
    if found is None:
        return []
    seg = found.reshape(-1, 4).astype(np.float64)
    length = np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1])
    seg, length = (
        seg[length >= MIN_SEGMENT * min(flat.shape)],
        length[length >= MIN_SEGMENT * min(flat.shape)],
    )
    theta = (np.arctan2(seg[:, 3] - seg[:, 1], seg[:, 2] - seg[:, 0]) + np.pi / 2) % np.pi
    rho = seg[:, 0] * np.cos(theta) + seg[:, 1] * np.sin(theta)
    merged: list[list[float]] = []  # rho, theta, total length
    for k in np.argsort(-length):
        for m in merged:
            d = abs(theta[k] - m[1])
            if min(d, np.pi - d) < np.deg2rad(3) and abs(rho[k] - m[0]) < 5:
                m[2] += length[k]
                break
        else:
            merged.append([float(rho[k]), float(theta[k]), float(length[k])])
    merged.sort(key=lambda m: -m[2])
    return [(m[0], m[1]) for m in merged[:n]]


def _flat_lightness(small: Image) -> Image:
    """Lightness with text closed away (ink is dark and thin on paper) and fine texture
    smoothed: what is left are surfaces and the borders between them."""
    lum = cv2.cvtColor(small, cv2.COLOR_BGR2Lab)[..., 0]
    ellipse = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
    flat: Image = cv2.medianBlur(cv2.morphologyEx(lum, cv2.MORPH_CLOSE, ellipse), 5)
    return flat


def _line_candidates(lum: Image, chroma: Image, flat: Image) -> list[_Candidate]:
    """Quads whose four sides are straight lines of the image (Hough on the text-free
    lightness), for a page whose region leaks into a look-alike surface or is cut into pieces:
    each side still shows as a line. The frame's own edges count as lines, for a page running
    off the frame. Each quad is first judged by how much of each side lies on edge pixels
    (running sums along every line make that O(1) a side), the best-covered fully verified."""
    edges = cv2.Canny(flat, LINE_CANNY[0], LINE_CANNY[1], L2gradient=True)
    h, w = edges.shape
    frame_area = float(h * w)
    lines = _segment_lines(flat, HOUGH_LINES // 2)
    for r, t in _hough_lines(edges, HOUGH_LINES):
        if len(lines) >= HOUGH_LINES:
            break
        if all(
            abs(r - r2) > 5 or min(abs(t - t2), np.pi - abs(t - t2)) > np.deg2rad(3)
            for r2, t2 in lines
        ):
            lines.append((r, t))
    lines += [(0.0, 0.0), (float(w - 1), 0.0), (0.0, np.pi / 2), (float(h - 1), np.pi / 2)]
    n_lines = len(lines)
    is_border = np.array([False] * (n_lines - 4) + [True] * 4)
    near = cv2.dilate(edges, np.ones((3, 3), np.uint8)) > 0
    rho = np.array([r for r, _ in lines])
    theta = np.array([t for _, t in lines])
    normal = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    along = np.stack([-np.sin(theta), np.cos(theta)], axis=1)
    base = normal * rho[:, None]
    reach = int(np.hypot(h, w)) + 2
    steps = np.arange(-reach, reach + 1)
    pts = base[:, None, :] + steps[None, :, None] * along[:, None, :]  # line, step, xy
    xi, yi = np.round(pts[..., 0]).astype(int), np.round(pts[..., 1]).astype(int)
    inside = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
    hit = np.zeros(xi.shape, np.float64)
    hit[inside] = near[yi[inside], xi[inside]]
    run = np.concatenate([np.zeros((n_lines, 1)), np.cumsum(hit, axis=1)], axis=1)
    # the signed step across every line, as _verify measures it (near the line and a little
    # further out), both ways round: running sums of "lighter on the normal's side" and
    # "darker on it", so each quad side's share stepping one way is O(1) too
    px = pts[..., 0].astype(np.float32)
    py = pts[..., 1].astype(np.float32)

    def across(o: float) -> Image:
        nx = (normal[:, 0, None] * o).astype(np.float32)
        ny = (normal[:, 1, None] * o).astype(np.float32)
        plus = cv2.remap(lum, px + nx, py + ny, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        minus = cv2.remap(lum, px - nx, py - ny, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        diff: Image = plus - minus
        return diff

    d_near, d_far = across(3.0), across(7.5)
    lighter = ((d_near > STEP_GREY) & (d_far > STEP_GREY) & inside).astype(np.float64)
    darker = ((d_near < -STEP_GREY) & (d_far < -STEP_GREY) & inside).astype(np.float64)
    zero = np.zeros((n_lines, 1))
    run_l = np.concatenate([zero, np.cumsum(lighter, axis=1)], axis=1)
    run_d = np.concatenate([zero, np.cumsum(darker, axis=1)], axis=1)
    # every pair's crossing point (Cramer's rule) and where it lies along each of the two
    det = normal[:, None, 0] * normal[None, :, 1] - normal[:, None, 1] * normal[None, :, 0]
    ok = np.abs(det) > 1e-3
    safe = np.where(ok, det, 1.0)
    cx = (
        rho[:, None] * normal[None, :, 1] - rho[None, :, None][..., 0] * normal[:, None, 1]
    ) / safe
    cy = (normal[:, None, 0] * rho[None, :] - normal[None, :, 0] * rho[:, None]) / safe
    pos = (
        np.round(
            (cx - base[:, None, 0]) * along[:, None, 0]
            + (cy - base[:, None, 1]) * along[:, None, 1]
        ).astype(int)
        + reach
    )
    pos = np.clip(pos, 0, 2 * reach)
    # pairs of near-parallel lines far enough apart to hold a page
    d = np.abs(theta[:, None] - theta[None, :])
    par = np.minimum(d, np.pi - d) < np.deg2rad(20)
    centre = np.array([w / 2, h / 2])
    offs = (centre - base) @ normal.T  # (n,) signed distance of the centre... per line
    off = np.einsum("ij,ij->i", centre[None, :] - base, normal)
    gap = np.abs(np.where(d < np.pi / 2, off[:, None] - off[None, :], off[:, None] + off[None, :]))
    iu, ju = np.triu_indices(n_lines, 1)
    keep = par[iu, ju] & (gap[iu, ju] >= 0.12 * min(h, w)) & ~(is_border[iu] & is_border[ju])
    pi_, pj_ = iu[keep], ju[keep]
    del offs
    if len(pi_) < 2:
        return []
    a_idx, b_idx = np.triu_indices(len(pi_), 1)
    i, j, k, m = pi_[a_idx], pj_[a_idx], pi_[b_idx], pj_[b_idx]
    sel = (np.abs(np.sin(theta[i] - theta[k])) >= 0.85) & (
        is_border[i].astype(int) + is_border[j] + is_border[k] + is_border[m] <= 1
    )
    sel &= ok[i, k] & ok[k, j] & ok[j, m] & ok[m, i]
    i, j, k, m = i[sel], j[sel], k[sel], m[sel]
    corners_x = np.stack([cx[i, k], cx[k, j], cx[j, m], cx[m, i]], axis=1)
    corners_y = np.stack([cy[i, k], cy[k, j], cy[j, m], cy[m, i]], axis=1)
    sel = (corners_x >= -1).all(1) & (corners_x <= w).all(1)
    sel &= (corners_y >= -1).all(1) & (corners_y <= h).all(1)

    def cover(line: np.ndarray, p1: np.ndarray, p2: np.ndarray) -> np.ndarray:
        lo, hi = np.minimum(p1, p2), np.maximum(p1, p2)
        c = (run[line, hi] - run[line, lo]) / np.maximum(hi - lo, 1)
        return np.where(is_border[line], 1.0, c)

    # side k runs from corner (i,k) to (k,j) along line k, and so on round the quad
    cov = np.stack(
        [
            cover(k, pos[k, i], pos[k, j]),
            cover(j, pos[j, k], pos[j, m]),
            cover(m, pos[m, j], pos[m, i]),
            cover(i, pos[i, m], pos[i, k]),
        ],
        axis=1,
    )
    # the signed step along each side, inside against outside, for paper lighter than the
    # desk (up) and darker (down, a window): a texture's chance line steps either way
    qcx, qcy = corners_x.mean(axis=1), corners_y.mean(axis=1)

    def signed(line: np.ndarray, p1: np.ndarray, p2: np.ndarray) -> tuple[np.ndarray, ...]:
        lo, hi = np.minimum(p1, p2), np.maximum(p1, p2)
        trim = ((hi - lo) * 0.06).astype(int)
        lo, hi = lo + trim, hi - trim
        span = np.maximum(hi - lo, 1)
        lt = (run_l[line, hi] - run_l[line, lo]) / span
        dk = (run_d[line, hi] - run_d[line, lo]) / span
        side = (qcx - base[line, 0]) * normal[line, 0] + (qcy - base[line, 1]) * normal[line, 1]
        up = np.where(side > 0, lt, dk)
        down = np.where(side > 0, dk, lt)
        border = is_border[line]
        return np.where(border, np.nan, up), np.where(border, np.nan, down)

    sides = [
        signed(k, pos[k, i], pos[k, j]),
        signed(j, pos[j, k], pos[j, m]),
        signed(m, pos[m, j], pos[m, i]),
        signed(i, pos[i, m], pos[i, k]),
    ]
    with np.errstate(invalid="ignore"):
        up = np.stack([s[0] for s in sides], axis=1)
        down = np.stack([s[1] for s in sides], axis=1)
        step_up = np.where(np.nanmin(up, axis=1) >= MIN_LINE_STEP, np.nanmean(up, axis=1), 0.0)
        step_dn = np.where(np.nanmin(down, axis=1) >= MIN_LINE_STEP, np.nanmean(down, axis=1), 0.0)
    step = np.maximum(step_up, step_dn)
    sel &= (cov.min(axis=1) >= MIN_LINE_COVER) & (step > 0)
    order = np.argsort(-(step[sel] + cov[sel].mean(axis=1)))
    qx, qy = corners_x[sel][order], corners_y[sel][order]
    scored: list[tuple[float, Corners]] = []
    for n_q in range(len(order)):
        quad = order_corners(np.stack([qx[n_q], qy[n_q]], axis=1))
        if _plausible(quad, frame_area, shape=edges.shape) <= 0 or _is_frame(quad, edges.shape):
            continue
        scored.append((0.0, quad))
        if len(scored) >= LINE_QUADS_VERIFIED:
            break
    out = []
    for _, quad in scored:
        score, polarity = _verify_signed(lum, quad, chroma)
        if score > 0:
            area = float(cv2.contourArea(quad.astype(np.float32)))
            out.append(_Candidate(quad, score, area, "lines", polarity))
    return out


def _segment_candidates(small: Image, lum: Image, chroma: Image) -> list[_Candidate]:
    frame_area = float(small.shape[0] * small.shape[1])
    out: list[_Candidate] = []
    for mask in _flood_masks(small) + _paper_masks(small):
        for quad, area, _ in _quads(mask, frame_area, MIN_AREA_SHARE):
            if any(quad_iou(quad, c.quad) > 0.97 for c in out):
                continue  # the same page from the next threshold
            score, polarity = _verify_signed(lum, quad, chroma)
            if score > 0:
                out.append(_Candidate(quad, score, area, "segment", polarity))
    return out


def _background_candidates(fg: Image) -> list[_Candidate]:
    """What differs from the learned empty mat, as regions: with the mat known, a page on it
    is simply the large four-sided thing that was not there before. Where the change also
    runs on beyond the page as a broad tongue (the page's shadow, or light falling differently
    on a pale patch of the mat next to it), the mask is opened by wider disks until the
    four-sided part stands alone; where the page matches the mat in places (a pale card on a
    pale patch) the bites and holes are closed. Rounded corners are within the sides' trimmed
    ends, and the sides are refined on the difference image afterwards."""
    frame_area = float(fg.shape[0] * fg.shape[1])
    out: list[_Candidate] = []
    for share in MORPH_SHARES:
        r = abs(share) * max(fg.shape)
        mask = fg if share == 0 else _open_disk(fg, r) if share > 0 else _close_disk(fg, r)
        for quad, area, contour in _quads(mask, frame_area, MIN_AREA_SHARE):
            if sum(border_sides(quad, fg.shape)) > 1:
                continue
            if any(quad_iou(quad, c.quad) > 0.97 for c in out):
                continue
            out.append(_Candidate(quad, _outline_fit(contour, quad), area, "background"))
        if any(c.score >= CLEAN_OUTLINE for c in out):
            break
    return out


def _refine_full(image: Image, quad: Corners, scale: float, diff: Image | None = None) -> Corners:
    """Move each side onto the strongest brightness step nearby in the full-resolution frame
    (or, with a learned mat, in the difference to it); a side on the frame's edge stays."""
    if scale >= 1.0 and diff is None:
        return quad
    on_border = border_sides(quad, image.shape)
    src = image if diff is None else diff
    reach = max(4.0, 4.0 / min(scale, 1.0))
    steps = np.arange(-reach, reach + 0.5, 0.5)
    centre = quad.mean(axis=0)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        ab = b - a
        length = float(np.hypot(*ab))
        u = ab / length
        if on_border[i]:
            lines.append(np.array([u[0], u[1], a[0], a[1]]))
            continue
        normal = np.array([u[1], -u[0]])
        if np.dot((a + b) / 2 - centre, normal) < 0:
            normal = -normal
        t = np.linspace(0.08, 0.92, 48)
        base = a[None, :] + t[:, None] * ab[None, :]
        grid = base[:, None, :] + steps[None, :, None] * normal[None, None, :]
        mx = grid[..., 0].astype(np.float32)
        my = grid[..., 1].astype(np.float32)
        prof = cv2.remap(src, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        if diff is None:
            prof_f = np.log(cv2.cvtColor(prof, cv2.COLOR_BGR2GRAY).astype(np.float32) + 8.0)
        else:
            prof_f = prof.astype(np.float32) / 32.0
        prof_f = cv2.GaussianBlur(prof_f, (0, 0), sigmaX=max(0.5, 0.35 / scale), sigmaY=0.01)
        grad = np.abs(np.diff(prof_f, axis=1))
        idx = grad.argmax(axis=1)
        strength = grad[np.arange(len(idx)), idx]
        good = strength > 0.4 * np.median(strength) + 1e-4
        if good.sum() < 8:
            lines.append(np.array([u[0], u[1], a[0], a[1]]))
            continue
        off = (steps[idx] + steps[idx + 1]) / 2
        pts = base + off[:, None] * normal[None, :]
        line = cv2.fitLine(pts[good].astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append(line.astype(np.float64))
    corners = []
    for i in range(4):
        p = _line_intersection(lines[i - 1], lines[i])
        if p is None or np.linalg.norm(p - quad[i]) > 3 * reach:
            return quad
        corners.append(p)
    return order_corners(np.array(corners))


def detect_page(image: Image, *, background: BackgroundModel | None = None) -> Corners | None:
    """The four corners (TL, TR, BR, BL; 4×2 float, pixels of `image`) of the page or card on the
    desk, or None when there is none. `image` is BGR (grey and BGRA are accepted too).

    A page running off the frame gives its visible part (two of its corners on the frame's
    edge); the frame's own outline is never an answer. ``background``, the desk's empty mat
    learned by calibration (devices.imaging.background), makes the fixed document camera's
    case nearly exact; a frame of another size than the model's is detected without it."""
    img = _validate(image)
    h, w = img.shape[:2]
    scale = min(1.0, WORK_SIDE / max(h, w))
    small = downscale(img)
    sx = w / small.shape[1]
    sy = h / small.shape[0]
    if background is not None and background.fits(img):
        fg = background.foreground(small)
        if np.count_nonzero(fg) < MIN_AREA_SHARE * fg.size / 4:
            return None  # the mat is all there is: nothing lies on it
        diff = background.difference(img)
        found = _background_candidates(fg)
        if found:
            best = max(found, key=lambda c: c.area * c.score)
            if best.score >= CLEAN_OUTLINE:
                return _finish(img, best, sx, sy, scale, diff)
        # Something lies there but its outline against the mat is ragged (paper over a white
        # patch of the mat): the page is the verified quad that best covers what changed.
        # A quad of the region's own outline competes when no verified quad covers the change
        # surely (a pale card on a pale patch of the mat: the edges find half a card).
        cands = _generic_candidates(small, keep_all=True)
        cover = [(_mask_iou(c.quad, fg), c) for c in cands]
        if not cover or max(x[0] for x in cover) < SURE_FOREGROUND_IOU:
            cover += [(_mask_iou(c.quad, fg), c) for c in found]
        if cover and max(x[0] for x in cover) >= MIN_FOREGROUND_IOU:
            return _finish(img, max(cover, key=lambda x: x[0])[1], sx, sy, scale, diff)
        if found:
            return _finish(img, max(found, key=lambda c: c.area * c.score), sx, sy, scale, diff)
        cands = [
            c for c in cands if c.score >= KEEP_SHARE * max((c.score for c in cands), default=0)
        ]
        return _finish(img, _choose(cands, small), sx, sy, scale, None) if cands else None
    cands = _generic_candidates(small)
    return _finish(img, _choose(cands, small), sx, sy, scale, None) if cands else None


def _generic_candidates(small: Image, keep_all: bool = False) -> list[_Candidate]:
    """Every verified quad of the working copy: edge flood first; the other generators only
    when it found no clear page; only those near the best score unless ``keep_all``."""
    feat = _features(small)
    grad = _gradients(feat)
    cands: list[_Candidate] = []
    frame_area = float(small.shape[0] * small.shape[1])
    for low, high, bridge in PASSES:
        found = _candidates(_regions(_edges(grad, low, high), bridge), feat)
        cands += found
        # A page-sized quad with a clear border on all sides: fainter passes would only find
        # the same one again. Small finds (a card, or a photo *on* a card) go on looking.
        if any(c.score >= 0.95 and c.area >= EARLY_AREA_SHARE * frame_area for c in found):
            break
    if not any(c.score >= 0.95 and c.area >= EARLY_AREA_SHARE * frame_area for c in cands):
        lum = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32)
        chroma = cv2.cvtColor(small, cv2.COLOR_BGR2Lab)[..., 1:].astype(np.float32)
        more = _segment_candidates(small, lum, chroma) + _line_candidates(
            lum, chroma, _flat_lightness(small)
        )
        if more:
            # edge-flood finds (verified their own way) are ranked on the same scale
            cands = [
                _Candidate(c.quad, score, c.area, c.source, polarity)
                for c in cands
                for score, polarity in (_verify_signed(lum, c.quad, chroma),)
            ] + more
            cands = _drop_prints(cands)
            # then the outermost of those scoring nearly as well as the best (_choose), and any
            # page around the best that scores a little lower (_pages_around)
            top = max(c.score for c in cands)
            around = [] if keep_all or top <= 0 else _pages_around(cands, small)
            cands = [
                c
                for c in cands
                if c.score > 0
                and (keep_all or c.score >= KEEP_SHARE * top or any(c is o for o in around))
            ]
    return cands


def _pages_around(cands: list[_Candidate], small: Image) -> list[_Candidate]:
    """Verified quads around the best one whose extra part is more of the same paper: the best
    was a part of the page (its fourth side the white gap between two printed blocks, clean
    on both sides, where the page's own border on a busy desk steps less cleanly)."""
    best = max(cands, key=lambda c: c.score)
    lum = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2Lab)
    return [
        c
        for c in cands
        if c.score >= AROUND_SHARE * best.score
        and c.polarity == best.polarity
        and _encloses(c.quad, best.quad, best.area)
        and not _overshoots(lum, lab, c, best)
    ]


def _drop_prints(cands: list[_Candidate]) -> list[_Candidate]:
    """Drop every quad darker than its surround that lies inside a verified quad lighter than
    its own: that is a photo or a grey block printed on the page, framed by the page's white
    margin — its clean border outscores the page's own against a busy desk. (A page against a
    bright window is darker than the glass, with nothing lighter around it that verifies.)"""
    light = [c for c in cands if c.score > 0 and c.polarity > 0]
    if not light:
        return cands
    return [
        c
        for c in cands
        if not (c.polarity < 0 and any(_encloses(o.quad, c.quad, c.area) for o in light))
    ]


def _encloses(outer: Corners, inner: Corners, inner_area: float, larger: float = 1.15) -> bool:
    """``inner`` lies within ``outer`` (nearly all of it), which is ``larger`` times its area."""
    o = outer.astype(np.float32)
    if float(cv2.contourArea(o)) < larger * inner_area:
        return False
    common, _ = cv2.intersectConvexConvex(o, inner.astype(np.float32))
    return float(common) >= 0.9 * inner_area


def _choose(cands: list[_Candidate], small: Image | None = None) -> _Candidate:
    """The outermost verified quad wins: a photo, a table or a frame printed on the page is
    smaller. Among near-copies of it (later passes see fainter edges, sometimes a drop shadow
    too) the one with the clearest border is kept — unless what it adds to a verified quad
    inside it is desk, not paper (_overshoots): a side carried past the page's own (onto the
    frame's edge, say) takes in a strip of the desk."""
    outer = max(cands, key=lambda c: c.area)
    same = [c for c in cands if quad_iou(c.quad, outer.quad) > 0.85]
    best = max(same, key=lambda c: c.score)
    if small is None:
        return best
    inner = [
        c
        for c in cands
        if _encloses(best.quad, c.quad, c.area, 1.02) and quad_iou(c.quad, best.quad) >= 0.6
    ]
    lum = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32) if inner else small
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2Lab) if inner else small
    for c in sorted(inner, key=lambda c: -c.score):
        if _overshoots(lum, lab, best, c):
            return c
    return best


def _overshoots(lum: Image, lab: Image, outer: _Candidate, inner: _Candidate) -> bool:
    """Whether ``outer`` runs past the page that ``inner`` is: where its sides leave ``inner``
    they must go on stepping the page's way (the page's own border, carrying on beyond a gap
    between printed blocks), not run over the desk with desk on both hands (a side carried
    past the page onto the frame's edge). A quad wholly inside the other (a print on the page)
    has outer sides that are the page's own all along, so the outer one stands. An overshoot
    too short for its sides to tell is judged by what it takes in (_looks_like_desk)."""
    h, w = lum.shape[:2]
    filled: Image = np.zeros((h, w), np.uint8)
    cv2.fillPoly(filled, [np.round(inner.quad).astype(np.int32)], 255)
    near_inner: Image = cv2.dilate(filled, np.ones((9, 9), np.uint8))
    quad = outer.quad
    centre = quad.mean(axis=0)
    on_border = border_sides(quad, lum.shape)
    polarity = outer.polarity or 1.0
    steps = []
    for i in range(4):
        if on_border[i]:
            continue
        a, b = quad[i], quad[(i + 1) % 4]
        ab = b - a
        normal = _outward(a, b, centre)
        t = np.linspace(0.02, 0.98, max(20, int(np.hypot(*ab))))[:, None]  # every pixel
        p = a + t * ab
        xi = np.clip(np.round(p[:, 0]).astype(int), 0, w - 1)
        yi = np.clip(np.round(p[:, 1]).astype(int), 0, h - 1)
        p = p[near_inner[yi, xi] == 0]
        if not len(p):
            continue
        near = (_sample(lum, p - normal * 3.0) - _sample(lum, p + normal * 3.0)).ravel()
        far = (_sample(lum, p - normal * 7.5) - _sample(lum, p + normal * 7.5)).ravel()
        steps.append((near * polarity > STEP_GREY) & (far * polarity > STEP_GREY))
    # the sides running on beyond the inner quad step as much as a verified page's do, and
    # none that runs on far enough to tell is without a step (the page's border on a busy
    # desk steps in parts, desk beside desk hardly at all)
    told = [x for x in steps if len(x) >= MIN_OVERSHOOT_SIDE]
    if told:
        pooled = float(np.concatenate(told).mean())
        return pooled < MIN_SIGNED_SIDE or min(float(x.mean()) for x in told) < OVERSHOOT_STEP
    return _looks_like_desk(lab, filled, outer)


def _looks_like_desk(lab: Image, inner_mask: Image, outer: _Candidate) -> bool:
    """Whether the part of ``outer`` beyond the inner quad (``inner_mask``) looks more like the
    desk just outside the inner quad's other sides than like its paper (light level and
    colour) — for an overshoot too short for its sides to tell. With no desk beside the inner
    quad (a print wholly inside the page) there is nothing to compare with: no."""
    h, w = lab.shape[:2]
    a: Image = np.zeros((h, w), np.uint8)
    cv2.fillPoly(a, [np.round(outer.quad).astype(np.int32)], 255)
    paper = cv2.erode(inner_mask, np.ones((5, 5), np.uint8)) > 0
    beside = cv2.dilate(inner_mask, np.ones((7, 7), np.uint8)) == 0
    strip = (a > 0) & beside
    desk = (cv2.dilate(inner_mask, np.ones((25, 25), np.uint8)) > 0) & beside
    desk &= cv2.dilate(a, np.ones((5, 5), np.uint8)) == 0
    if min(np.count_nonzero(strip), np.count_nonzero(desk), np.count_nonzero(paper)) < 100:
        return False

    def look(sel: Image, light: float) -> npt.NDArray[np.float64]:
        px = lab[sel].astype(np.float64)
        return np.array([np.percentile(px[:, 0], light), *np.median(px[:, 1:], axis=0)])

    # the paper's own level is its light end (print is the dark minority); the strip and the
    # desk are compared as they are, by their middles
    there = look(strip, 50)
    return bool(np.linalg.norm(there - look(desk, 50)) < np.linalg.norm(there - look(paper, 75)))


def _mask_iou(quad: Corners, mask: Image) -> float:
    filled = np.zeros(mask.shape[:2], np.uint8)
    cv2.fillPoly(filled, [np.round(quad).astype(np.int32)], 255)
    inter = np.count_nonzero(filled & mask)
    union = np.count_nonzero(filled | mask)
    return inter / union if union else 0.0


def _finish(
    img: Image, best: _Candidate, sx: float, sy: float, scale: float, diff: Image | None
) -> Corners:
    quad = (best.quad + 0.5) * np.array([sx, sy]) - 0.5
    return _refine_full(img, quad, scale, diff)


def detect_page_canny(image: Image) -> Corners | None:
    """The textbook approach, kept only as the benchmark's comparison line."""
    img = _validate(image)
    h, w = img.shape[:2]
    scale = min(1.0, 500.0 / max(h, w))
    small = cv2.resize(img, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    edged = cv2.Canny(gray, 75, 200)
    contours, _ = cv2.findContours(edged, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for c in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        peri = cv2.arcLength(c, True)
        approx = cv2.approxPolyDP(c, 0.02 * peri, True)
        if len(approx) == 4:
            return order_corners(approx.reshape(4, 2).astype(np.float64) / scale)
    return None
