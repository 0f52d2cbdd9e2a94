"""Page-detection material: pages and ID cards composited onto real photographs.

Classes (``CLASSES``); every sample knows its true visible outline (``corners``, TL TR BR BL in
image pixels) or has none (``None``: nothing to find):

- ``tiles``, ``tarp``, ``slatted_wood``, ``speckled_stone``, ``floral_cloth``: a page on a
  patterned or textured surface — brick paving, the crumpled-looking lunar surface, the wooden
  café table, gravel, a stained tissue slide (blotchy like a floral print), at 1.2–3× zoom;
- ``clutter``: the cluttered garage / café photos, page among the things in them;
- ``small_page``: a page covering ~10–14 % of the frame;
- ``light_on_light``: a page on a pale surface (a texture lifted towards white, low contrast);
- ``window``: a page held against a bright, over-exposed window: the background is brighter
  than the paper, the paper backlit and greyish;
- ``folded_corner``: one corner folded over (the flap lies on the page, the desk shows where the
  corner was); the truth is the page's unfolded outline;
- ``edge_crossing``: the page runs off one side of the frame; the truth is its visible part;
- ``id_card_mat``: a small (4–7 % of the frame), strongly tilted ID-1 card on a textured mat;
- ``empty``: the same surfaces and clutter with no page (the answer must be None).

Page contents are the photographed printed page and the handwritten notes that scikit-image
ships, laid on paper, or the project's drawn form (devices.imaging.scenes.draw_page). Frames are
1280×960 (a phone photo's 4:3), with uneven light, a soft shadow, blur, noise and JPEG.

``overhead(...)`` makes the fixed document camera's case: one mat (a real texture), lit the
same each time, empty frames to learn it from, then frames with a page or a card on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from devices.imaging.scenes import ID1_MM, draw_id_card, draw_page
from tests.material.optics import camera, place, tilt_quad
from tests.material.photos import backdrop, photo

Image = np.ndarray[Any, Any]

CLASSES = (
    "tiles",
    "tarp",
    "slatted_wood",
    "speckled_stone",
    "floral_cloth",
    "clutter",
    "small_page",
    "light_on_light",
    "window",
    "folded_corner",
    "edge_crossing",
    "id_card_mat",
    "empty",
)
SURFACE = {
    "tiles": "brick",
    "tarp": "moon",
    "slatted_wood": "coffee",
    "speckled_stone": "gravel",
    "floral_cloth": "tissue",
}
A4 = float(np.sqrt(2.0))
W, H = 1280, 960


@dataclass
class DeskSample:
    cls: str
    index: int
    photo: str
    image: Image
    corners: np.ndarray[Any, Any] | None

    @property
    def name(self) -> str:
        return f"{self.cls}#{self.index}({self.photo})"


def page_face(width: int, rng: np.random.Generator) -> Image:
    """A page (float32 BGR): real photographed print or handwriting on paper, or a drawn form."""
    height = round(width * A4)
    kind = rng.integers(0, 3)
    if kind == 2:
        face = draw_page(width, height, rng, stamp=bool(rng.random() < 0.5), text_to_edge=False)
        return face.astype(np.float32)
    src = cv2.cvtColor(photo("page" if kind == 0 else "text"), cv2.COLOR_BGR2GRAY)
    src = src.astype(np.float32)
    paper_bg = cv2.dilate(src, np.ones((15, 15), np.uint8))  # the photo's own paper level
    ink = np.clip(src / (cv2.GaussianBlur(paper_bg, (0, 0), 9) + 1), 0, 1)  # 1 paper, 0 ink
    margin = int(width * 0.1)
    body_w = width - 2 * margin
    body = cv2.resize(ink, (body_w, round(body_w * src.shape[0] / src.shape[1])))
    paper = float(rng.uniform(225, 250))
    face = np.full((height, width), 1.0, np.float32)
    y = int(height * 0.08)
    while y + body.shape[0] < height - margin:  # the text block repeated down the page
        face[y : y + body.shape[0], margin : margin + body_w] = body
        y += body.shape[0] + int(height * 0.03)
    out = np.dstack([face * paper * t for t in (rng.uniform(0.94, 1.0), 1.0, 1.0)])
    return out.astype(np.float32)


def _light(canvas: Image, rng: np.random.Generator, shadow: bool = True) -> None:
    h, w = canvas.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, 2 * np.pi)
    ramp = 1 + rng.uniform(0.1, 0.35) * ((np.cos(a) * (xx / w - 0.5)) + np.sin(a) * (yy / h - 0.5))
    canvas *= ramp[..., None]
    if shadow and rng.random() < 0.6:  # a soft shadow of the person leaning over
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.3, 0.6) * w
        d = np.hypot(xx - cx, yy - cy)
        s = 1 - rng.uniform(0.15, 0.35) * np.clip((r - d) / (0.3 * r), 0, 1)
        canvas *= s[..., None]


def _finish(canvas: Image, rng: np.random.Generator, light: bool = True) -> Image:
    if light:
        _light(canvas, rng)
    return camera(
        canvas,
        rng,
        blur_sigma=float(rng.uniform(0.4, 1.1)),
        noise=float(rng.uniform(1.5, 3.5)),
        jpeg_quality=int(rng.integers(70, 93)),
    )


def _page_quad(rng: np.random.Generator, fill: float, aspect: float = A4, tilt: float = 0.06):
    area = fill * W * H
    pw = float(np.sqrt(area / aspect))
    ph = pw * aspect
    if rng.random() < 0.3:  # landscape in the frame
        pw, ph = ph, pw
    r = 0.5 * np.hypot(pw, ph)
    cx = rng.uniform(min(r, W / 2), max(W - r, W / 2))
    cy = rng.uniform(min(r, H / 2), max(H - r, H / 2))
    return tilt_quad(cx, cy, pw, ph, float(rng.uniform(-25, 25)), tilt, rng)


def _inside(q: np.ndarray[Any, Any]) -> bool:
    return bool(
        (q[:, 0] >= 2).all()
        and (q[:, 0] <= W - 3).all()
        and (q[:, 1] >= 2).all()
        and (q[:, 1] <= H - 3).all()
    )


def _quad_fitting(rng: np.random.Generator, fill: float, **kw: Any) -> np.ndarray[Any, Any]:
    for _ in range(50):
        q = _page_quad(rng, fill, **kw)
        if _inside(q):
            return q
    return _page_quad(rng, fill * 0.7, **kw)


def _order(q: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    from devices.imaging.geometry import order_corners

    return order_corners(q)


def _desk(cls: str, rng: np.random.Generator) -> tuple[str, Image]:
    if cls in SURFACE:
        name = SURFACE[cls]
        return name, backdrop(name, W, H, rng, zoom=(1.2, 3.0)).astype(np.float32)
    if cls in ("clutter",):
        name = ("garage", "coffee", "cat")[int(rng.integers(0, 3))]
        return name, backdrop(name, W, H, rng, zoom=(1.0, 1.4)).astype(np.float32)
    name = ("brick", "gravel", "tissue", "moon", "coffee", "grass", "coins", "garage")[
        int(rng.integers(0, 8))
    ]
    return name, backdrop(name, W, H, rng, zoom=(1.2, 3.0)).astype(np.float32)


def make(cls: str, index: int, seed: int = 16) -> DeskSample:
    rng = np.random.default_rng([seed, CLASSES.index(cls), index])
    name, desk = _desk(cls, rng)
    if cls == "empty":
        return DeskSample(cls, index, name, _finish(desk, rng), None)
    if cls == "id_card_mat":
        card = draw_id_card(600, rng, front=bool(rng.random() < 0.5)).astype(np.float32)
        aspect = ID1_MM[0] / ID1_MM[1]
        area = rng.uniform(0.04, 0.07) * W * H
        cw = float(np.sqrt(area * aspect))
        chh = cw / aspect
        for _ in range(50):
            q = tilt_quad(
                rng.uniform(150, W - 150),
                rng.uniform(150, H - 150),
                cw,
                chh,
                float(rng.uniform(20, 70)) * rng.choice([-1, 1]),
                0.1,
                rng,
            )
            if _inside(q):
                break
        place(desk, card, q)
        return DeskSample(cls, index, name, _finish(desk, rng), _order(q))
    if cls == "light_on_light":
        # a pale surface (a laptop lid, a door), its texture faint, a shade under the paper
        desk = (255 - (255 - desk) * rng.uniform(0.12, 0.25)) * rng.uniform(0.86, 0.92)
    fill = rng.uniform(0.10, 0.14) if cls == "small_page" else rng.uniform(0.22, 0.45)
    face = page_face(600, rng)
    if cls == "window":
        desk = np.clip(desk * 0.4 + 200, 0, 255) * rng.uniform(1.1, 1.3)  # blown-out window
        face = face * rng.uniform(0.65, 0.8)  # backlit paper: greyer than the glass behind
    if cls == "edge_crossing":
        q = _page_quad(rng, rng.uniform(0.3, 0.45), tilt=0.04)
        side = int(rng.integers(0, 4))
        shift = rng.uniform(0.2, 0.4)  # this share of the page is outside the frame
        ext = np.ptp(q[:, 0]) if side in (0, 2) else np.ptp(q[:, 1])
        if side == 0:  # off the left
            q[:, 0] += -q[:, 0].min() - shift * ext
        elif side == 2:
            q[:, 0] += (W - 1) - q[:, 0].max() + shift * ext
        elif side == 1:
            q[:, 1] += -q[:, 1].min() - shift * ext
        else:
            q[:, 1] += (H - 1) - q[:, 1].max() + shift * ext
        place(desk, face, q)
        frame = np.array([[0, 0], [W, 0], [W, H], [0, H]], np.float32)
        _, vis = cv2.intersectConvexConvex(q.astype(np.float32), frame)
        vis = vis.reshape(-1, 2).astype(np.float64)
        truth = _order(vis) if len(vis) == 4 else None
        if truth is None:  # a corner cut off as well: the visible part is no quad; retry
            return make(cls, index + 1000, seed)
        return DeskSample(cls, index, name, _finish(desk, rng), truth)
    q = _quad_fitting(rng, fill)
    place(desk, face, q)
    if cls == "folded_corner":
        k = int(rng.integers(0, 4))
        a, b, d = q[k], q[(k + 1) % 4], q[(k - 1) % 4]
        t1, t2 = rng.uniform(0.12, 0.22), rng.uniform(0.12, 0.22)
        p1, p2 = a + t1 * (b - a), a + t2 * (d - a)
        # where the corner was, the desk shows again; the flap lies mirrored on the page
        tri = np.array([a, p1, p2], np.int32)
        mask = np.zeros((H, W), np.uint8)
        cv2.fillPoly(mask, [tri], 1)
        desk_bg = backdrop(name, W, H, np.random.default_rng([seed, 98, index])).astype(np.float32)
        desk[mask > 0] = desk_bg[mask > 0]
        m = (p1 + p2) / 2
        n = (p2 - p1)[::-1] * [1, -1]
        n = n / np.linalg.norm(n)
        refl = a - 2 * np.dot(a - m, n) * n
        flap = np.array([refl, p1, p2], np.int32)
        cv2.fillPoly(desk, [flap], (205, 210, 212), cv2.LINE_AA)
    return DeskSample(cls, index, name, _finish(desk, rng), _order(q))


def samples(cls: str, n: int, seed: int = 16) -> list[DeskSample]:
    return [make(cls, i, seed) for i in range(n)]


# ------------------------------------------------------------------ the fixed overhead camera


def overhead_mat(seed: int = 16, width: int = 1280, height: int = 960) -> tuple[str, Image]:
    """The desk mat under the document camera: a real texture, fixed for a desk."""
    rng = np.random.default_rng([seed, 500])
    name = ("brick", "gravel", "tissue", "coffee", "moon", "grass")[seed % 6]
    mat = backdrop(name, width, height, rng, zoom=(1.5, 2.5)).astype(np.float32)
    _light(mat, rng, shadow=False)  # the desk lamp: the same every frame
    return name, mat


def overhead(seed: int, index: int, *, empty: bool = False) -> DeskSample:
    """One frame of the fixed camera over its mat: noise and exposure flicker change, the
    mat does not; a page or a card lies on it unless ``empty``."""
    name, mat = overhead_mat(seed)
    rng = np.random.default_rng([seed, 501, index])
    frame = mat.copy() * rng.uniform(0.96, 1.04)
    truth = None
    if not empty:
        if rng.random() < 0.3:
            card = draw_id_card(600, rng).astype(np.float32)
            aspect = ID1_MM[0] / ID1_MM[1]
            cw = float(np.sqrt(rng.uniform(0.05, 0.1) * W * H * aspect))
            q = tilt_quad(
                rng.uniform(300, W - 300),
                rng.uniform(250, H - 250),
                cw,
                cw / aspect,
                float(rng.uniform(-60, 60)),
                0.01,
                rng,
            )
            place(frame, card, q)
        else:
            q = _quad_fitting(rng, rng.uniform(0.25, 0.5), tilt=0.01)
            place(frame, page_face(600, rng), q)
        truth = _order(q)
    img = camera(frame, rng, blur_sigma=0.6, noise=2.0, jpeg_quality=90)
    return DeskSample("overhead", index, name, img, truth)
