"""QR evaluation material: codes composited onto real photographs, class by class.

Classes (``CLASSES``), each a list of ``QrSample``:

- ``small_720p``: a phone held up to a 1280×720 kiosk camera, showing the code at 2.2–3.5 camera
  pixels per module; Gaussian blur σ 0.4–1.6, JPEG 45–90, perspective tilt up to 20 %, any
  rotation, dark mode on a third of the phones; backgrounds are the real photos.
- ``lcd_moire``: a code shown on an LCD (RGB sub-pixel stripes) filmed at a pixel pitch close to
  the screen's — moiré — with a colour cast from a wrong white balance.
- ``hotspot``: a printed code under a flashlight/lamp reflection that saturates part of it.
- ``pen_marks``: a printed code with ink strokes across it.
- ``defocus``: a larger code under a disk point-spread function (the lens focused elsewhere).
- ``dim_room``: 2–4 small printed codes (3–4.5 px/module) on a poster in a dim room, boosted
  exposure and its noise.
- ``multi_still``: a 4000×3000 photo of a label sheet with 24–40 small codes on a real desk.
- ``no_code``: the photos themselves with the same optics and no code (false-read check).

Payloads look like the terminal's: appointment numbers, guide URLs, Chinese place names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import segno

from tests.material.optics import camera, disk_blur, hotspot, place, tilt_quad
from tests.material.photos import COLOUR_DESKS, GREY_TEXTURES, backdrop

Image = np.ndarray[Any, Any]

CLASSES = (
    "small_720p",
    "lcd_moire",
    "hotspot",
    "pen_marks",
    "defocus",
    "dim_room",
    "multi_still",
    "no_code",
)
BACKDROPS = COLOUR_DESKS + GREY_TEXTURES


@dataclass
class QrSample:
    cls: str
    index: int
    photo: str
    image: Image
    texts: list[str] = field(default_factory=list)
    params: dict[str, float] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.cls}#{self.index}({self.photo})"


def payload(rng: np.random.Generator) -> str:
    kind = int(rng.integers(0, 5))
    alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    tok = "".join(alnum[int(i)] for i in rng.integers(0, len(alnum), 10))
    if kind == 0:
        return f"ZWFW-YY:{tok}"
    if kind == 1:
        hall = int(rng.integers(1, 99))
        return f"https://zwfw.example.gov.cn/guide/{tok.lower()}/?hall=HALL-24H-{hall:02d}"
    if kind == 2:
        place_ = ("城关镇东门社区", "石桥乡政务服务站", "县行政审批局", "河西街道便民中心")[
            int(rng.integers(0, 4))
        ]
        return f"{place_}·{tok}"
    if kind == 3:
        month, day, seq = rng.integers(1, 13), rng.integers(1, 29), rng.integers(0, 9999)
        return f"12345-2026{month:02d}{day:02d}-{tok[:4]}-{seq:04d}"
    return f"ZWFW-GH:{tok}{tok[::-1]}"


def modules(text: str, border: int = 4) -> Image:
    """1 where a module is dark, with the quiet zone."""
    q = segno.make_qr(text, error="m", encoding="utf-8" if not text.isascii() else None)
    return np.array(list(q.matrix_iter(scale=1, border=border)), dtype=np.uint8)


def code_patch(text: str, px: int, dark: float = 25.0, light: float = 235.0) -> Image:
    m = modules(text)
    img = np.where(m == 1, dark, light).astype(np.float32)
    img = cv2.resize(img, None, fx=px, fy=px, interpolation=cv2.INTER_NEAREST)
    return np.dstack([img] * 3)


def _frame(rng: np.random.Generator, w: int, h: int) -> tuple[str, Image]:
    name = BACKDROPS[int(rng.integers(0, len(BACKDROPS)))]
    return name, backdrop(name, w, h, rng).astype(np.float32)


def _phone(text: str, dark_mode: bool, rng: np.random.Generator) -> tuple[Image, int]:
    """A phone face-on: bezel, screen, the code with its quiet zone; px per module returned."""
    px = 8
    fg, bg = (225.0, 30.0) if dark_mode else (20.0, 240.0)  # dark mode: light modules
    code = code_patch(text, px, dark=fg, light=bg)
    s = code.shape[0]
    sw, sh = int(s * 1.25), int(s * 2.0)
    screen = np.full((sh, sw, 3), bg, np.float32)
    y = int(sh * 0.35 - s / 2)
    x = (sw - s) // 2
    screen[y : y + s, x : x + s] = code
    # a few status-bar/app elements on the screen
    cv2.rectangle(screen, (x, y + s + 20), (x + s, y + s + 60), (128, 110, 60), -1)
    b = int(s * 0.08)
    phone = np.full((sh + 2 * b, sw + 2 * b, 3), float(rng.uniform(10, 45)), np.float32)
    phone[b : b + sh, b : b + sw] = screen
    return phone, px


def small_720p(i: int, rng: np.random.Generator) -> QrSample:
    w, h = 1280, 720
    name, frame = _frame(rng, w, h)
    text = payload(rng)
    dark = rng.random() < 0.33
    phone, px = _phone(text, dark, rng)
    mpx = float(rng.uniform(2.2, 3.5))  # camera pixels per module
    scale = mpx / px
    pw, ph = phone.shape[1] * scale, phone.shape[0] * scale
    angle = float(rng.uniform(0, 360))
    r = 0.5 * float(np.hypot(pw, ph))
    cx = float(rng.uniform(r, w - r)) if w > 2 * r else w / 2
    cy = float(rng.uniform(min(r, h / 2), max(h - r, h / 2)))
    quad = tilt_quad(cx, cy, pw, ph, angle, 0.2, rng)
    place(frame, phone, quad)
    params = {
        "px_per_module": mpx,
        "blur_sigma": float(rng.uniform(0.4, 1.6)),
        "noise": float(rng.uniform(1.5, 4)),
        "jpeg_quality": int(rng.integers(45, 91)),
        "dark_mode": float(dark),
        "cx": cx,
        "cy": cy,
    }
    img = camera(
        frame,
        rng,
        blur_sigma=params["blur_sigma"],
        noise=params["noise"],
        jpeg_quality=int(params["jpeg_quality"]),
    )
    return QrSample("small_720p", i, name, img, [text], params)


def lcd_moire(i: int, rng: np.random.Generator) -> QrSample:
    w, h = 1280, 720
    name, frame = _frame(rng, w, h)
    text = payload(rng)
    m = modules(text)
    spm = int(rng.integers(3, 6))  # screen pixels per module
    screen = np.repeat(np.repeat(np.where(m == 1, 15.0, 235.0), spm, 0), spm, 1)
    sub = 3  # each screen pixel: R, G, B stripes, 1/3 wide, with a dark row between pixels
    hi = np.repeat(np.repeat(screen, sub, 0), sub, 1).astype(np.float32)
    stripes = np.zeros((hi.shape[0], hi.shape[1], 3), np.float32)
    for c in range(3):  # BGR order: column phase 0 = R → channel 2
        stripes[:, (2 - c) :: sub, c] = 1.0
    stripes[sub - 1 :: sub, :, :] *= 0.45
    patch = hi[..., None] * stripes * 2.2
    pad = 12 * sub
    patch = cv2.copyMakeBorder(patch, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(20, 20, 20))
    cam_per_screen_px = float(rng.uniform(0.75, 1.35))
    side = patch.shape[0] / sub * cam_per_screen_px
    cx, cy = w / 2 + rng.uniform(-250, 250), h / 2 + rng.uniform(-120, 120)
    quad = tilt_quad(cx, cy, side, side, float(rng.uniform(-25, 25)), 0.12, rng)
    place(frame, patch, quad)
    cast = np.array([rng.uniform(0.55, 1.3), rng.uniform(0.8, 1.2), rng.uniform(0.55, 1.3)])
    frame *= cast[None, None, :].astype(np.float32)
    img = camera(
        frame, rng, blur_sigma=float(rng.uniform(0.3, 0.8)), jpeg_quality=int(rng.integers(60, 91))
    )
    return QrSample("lcd_moire", i, name, img, [text])


def _printed(text: str, rng: np.random.Generator, px: int = 8) -> Image:
    paper = float(rng.uniform(200, 245))
    return code_patch(text, px, dark=float(rng.uniform(15, 50)), light=paper)


def _place_printed(
    frame: Image, text: str, mpx: float, rng: np.random.Generator, *, margin: float = 0.1
) -> tuple[Image, Image]:
    h, w = frame.shape[:2]
    patch = _printed(text, rng)
    side = patch.shape[0] * mpx / 8
    cx = rng.uniform(side * 0.75, w - side * 0.75)
    cy = rng.uniform(side * 0.75, h - side * 0.75)
    quad = tilt_quad(cx, cy, side, side, float(rng.uniform(0, 360)), margin, rng)
    place(frame, patch, quad)
    return quad, patch


def hotspot_sample(i: int, rng: np.random.Generator) -> QrSample:
    w, h = 1280, 720
    name, frame = _frame(rng, w, h)
    text = payload(rng)
    quad, _ = _place_printed(frame, text, float(rng.uniform(4, 7)), rng)
    c = quad.mean(axis=0) + rng.uniform(-0.25, 0.25, 2) * np.ptp(quad[:, 0])
    hotspot(
        frame,
        float(c[0]),
        float(c[1]),
        float(np.ptp(quad[:, 0]) * rng.uniform(0.12, 0.22)),
        float(rng.uniform(180, 320)),
    )
    img = camera(
        frame, rng, blur_sigma=float(rng.uniform(0.3, 1.0)), jpeg_quality=int(rng.integers(60, 91))
    )
    return QrSample("hotspot", i, name, img, [text])


def pen_marks(i: int, rng: np.random.Generator) -> QrSample:
    w, h = 1280, 720
    name, frame = _frame(rng, w, h)
    text = payload(rng)
    px = 8
    patch = _printed(text, rng, px)
    n_mod = patch.shape[0] // px
    ink = (float(rng.uniform(90, 160)), float(rng.uniform(30, 60)), float(rng.uniform(10, 40)))
    for _ in range(int(rng.integers(1, 4))):  # strokes: a signature swoosh, a tick, a line
        pts = rng.uniform(4 * px, (n_mod - 4) * px, (4, 2))
        t = np.linspace(0, 1, 60)[:, None]
        curve = (
            (1 - t) ** 3 * pts[0]
            + 3 * (1 - t) ** 2 * t * pts[1]
            + 3 * (1 - t) * t**2 * pts[2]
            + t**3 * pts[3]
        )
        cv2.polylines(
            patch,
            [curve.astype(np.int32)],
            False,
            ink,
            int(px * rng.uniform(0.4, 1.0)),
            cv2.LINE_AA,
        )
    mpx = float(rng.uniform(3.5, 6))
    side = patch.shape[0] * mpx / px
    quad = tilt_quad(
        rng.uniform(side, w - side),
        rng.uniform(side * 0.7, h - side * 0.7),
        side,
        side,
        float(rng.uniform(0, 360)),
        0.12,
        rng,
    )
    place(frame, patch, quad)
    img = camera(
        frame, rng, blur_sigma=float(rng.uniform(0.3, 1.0)), jpeg_quality=int(rng.integers(55, 91))
    )
    return QrSample("pen_marks", i, name, img, [text])


def defocus(i: int, rng: np.random.Generator) -> QrSample:
    w, h = 1280, 720
    name, frame = _frame(rng, w, h)
    text = payload(rng)
    mpx = float(rng.uniform(6, 10))
    _place_printed(frame, text, mpx, rng)
    frame = disk_blur(frame, mpx * float(rng.uniform(0.55, 0.9)))
    img = camera(frame, rng, jpeg_quality=int(rng.integers(60, 91)))
    return QrSample("defocus", i, name, img, [text])


def dim_room(i: int, rng: np.random.Generator) -> QrSample:
    w, h = 1280, 720
    name, frame = _frame(rng, w, h)
    texts = []
    n = int(rng.integers(2, 5))
    cols = np.linspace(0, w, n + 1)
    for k in range(n):
        text = payload(rng)
        texts.append(text)
        mpx = float(rng.uniform(3.0, 4.5))
        patch = _printed(text, rng)
        side = patch.shape[0] * mpx / 8
        cx = rng.uniform(
            cols[k] + side * 0.6, max(cols[k + 1] - side * 0.6, cols[k] + side * 0.6 + 1)
        )
        cy = rng.uniform(side, h - side)
        place(frame, patch, tilt_quad(cx, cy, side, side, float(rng.uniform(-30, 30)), 0.1, rng))
    img = camera(
        frame,
        rng,
        blur_sigma=float(rng.uniform(0.4, 0.9)),
        gain=float(rng.uniform(0.25, 0.45)),
        noise=float(rng.uniform(2.5, 4.5)),
        jpeg_quality=int(rng.integers(60, 86)),
    )
    return QrSample("dim_room", i, name, img, texts)


def multi_still(i: int, rng: np.random.Generator) -> QrSample:
    w, h = 4000, 3000
    name = COLOUR_DESKS[int(rng.integers(0, len(COLOUR_DESKS)))]
    frame = backdrop(name, w, h, rng, zoom=(1.0, 1.5)).astype(np.float32)
    cols, rows = int(rng.integers(5, 8)), int(rng.integers(4, 6))
    px = 8
    texts = [payload(rng) for _ in range(cols * rows)]
    cell = 45 * px
    sheet = np.full((rows * cell, cols * cell, 3), 238.0, np.float32)
    for k, text in enumerate(texts):
        code = code_patch(text, px, dark=25, light=238)
        r, c = divmod(k, cols)
        y0 = r * cell + (cell - code.shape[0]) // 2
        x0 = c * cell + (cell - code.shape[1]) // 2
        if code.shape[0] <= cell:
            sheet[y0 : y0 + code.shape[0], x0 : x0 + code.shape[1]] = code
    sw = w * float(rng.uniform(0.6, 0.8))
    sh = sw * sheet.shape[0] / sheet.shape[1]
    quad = tilt_quad(w / 2, h / 2, sw, sh, float(rng.uniform(-6, 6)), 0.06, rng)
    place(frame, sheet, quad)
    img = camera(frame, rng, blur_sigma=float(rng.uniform(0.6, 1.2)), jpeg_quality=88)
    return QrSample("multi_still", i, name, img, texts)


def no_code(i: int, rng: np.random.Generator) -> QrSample:
    name, frame = _frame(rng, 1280, 720)
    if rng.random() < 0.5:  # a printed notice in view: text is the nearest thing to a code
        notice = np.full((320, 400, 3), 235, np.uint8)
        for k in range(12):
            cv2.putText(
                notice,
                "ZWFW 12345 " * 2,
                (10, 25 + 25 * k),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.5,
                (30, 30, 30),
                1,
            )
        frame[200:520, 400:800] = notice
    img = camera(
        frame, rng, blur_sigma=float(rng.uniform(0.3, 1.4)), jpeg_quality=int(rng.integers(45, 91))
    )
    return QrSample("no_code", i, name, img, [])


MAKERS = {
    "small_720p": small_720p,
    "lcd_moire": lcd_moire,
    "hotspot": hotspot_sample,
    "pen_marks": pen_marks,
    "defocus": defocus,
    "dim_room": dim_room,
    "multi_still": multi_still,
    "no_code": no_code,
}


def sample(cls: str, index: int, seed: int = 16) -> QrSample:
    """One sample, the same every run (seeded by class, index and seed)."""
    rng = np.random.default_rng([seed, CLASSES.index(cls), index])
    return MAKERS[cls](index, rng)


def samples(cls: str, n: int, seed: int = 16) -> list[QrSample]:
    return [sample(cls, i, seed) for i in range(n)]
