"""What a camera does to a composited scene: perspective placement with supersampling, blur,
defocus, noise, gamma and JPEG. Shared by the QR and the page material."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

Image = np.ndarray[Any, Any]

SUPERSAMPLE = 3  # placement is rendered 3x larger, then area-averaged: no aliasing of our own


def place(
    canvas: Image,
    patch: Image,
    quad: np.ndarray[Any, Any],
    *,
    alpha: Image | None = None,
) -> None:
    """Composite ``patch`` (float32 HxWx3, 0..255) onto ``canvas`` (float32) so that the patch's
    corners land on ``quad`` (TL, TR, BR, BL, canvas pixels). In place. Parts of the quad outside
    the canvas are simply cut off (a page crossing the frame edge)."""
    h, w = patch.shape[:2]
    ch, cw = canvas.shape[:2]
    q = np.asarray(quad, np.float64)
    x0 = max(int(np.floor(q[:, 0].min())) - 2, 0)
    y0 = max(int(np.floor(q[:, 1].min())) - 2, 0)
    x1 = min(int(np.ceil(q[:, 0].max())) + 2, cw)
    y1 = min(int(np.ceil(q[:, 1].max())) + 2, ch)
    if x1 <= x0 or y1 <= y0:
        return
    s = SUPERSAMPLE
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    dst = ((q - [x0, y0]) * s).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    size = ((x1 - x0) * s, (y1 - y0) * s)
    a = np.ones((h, w), np.float32) if alpha is None else alpha.astype(np.float32)
    warped = cv2.warpPerspective(patch, m, size, flags=cv2.INTER_LINEAR)
    wa = cv2.warpPerspective(a, m, size, flags=cv2.INTER_LINEAR)
    warped = cv2.resize(warped, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)
    wa = cv2.resize(wa, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)[..., None]
    region = canvas[y0:y1, x0:x1]
    region[:] = region * (1 - wa) + warped * wa


def tilt_quad(
    cx: float,
    cy: float,
    w: float,
    h: float,
    angle_deg: float,
    tilt: float,
    rng: np.random.Generator,
) -> np.ndarray[Any, Any]:
    """A w×h rectangle centred at (cx, cy), rotated, then each corner pushed by up to ``tilt``
    of the rectangle's size (a perspective view of a tilted plane)."""
    base = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    # perspective: one side shrinks, the opposite grows (keystone), plus a little jitter
    k = rng.uniform(-tilt, tilt)
    base[[0, 1], 0] *= 1 - k
    base[[2, 3], 0] *= 1 + k
    k2 = rng.uniform(-tilt, tilt) / 2
    base[[0, 3], 1] *= 1 - k2
    base[[1, 2], 1] *= 1 + k2
    base += rng.uniform(-tilt / 4, tilt / 4, (4, 2)) * [w, h]
    a = np.deg2rad(angle_deg)
    r = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    out: np.ndarray[Any, Any] = base @ r.T + [cx, cy]
    return out


def hotspot(canvas: Image, cx: float, cy: float, sigma: float, peak: float) -> None:
    """A flashlight or ceiling-lamp reflection: additive, saturating."""
    h, w = canvas.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    g = peak * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * sigma**2))
    canvas += g[..., None]


def vignette(canvas: Image, strength: float) -> None:
    h, w = canvas.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
    canvas *= (1 - strength * r2 / 2)[..., None]


def disk_blur(img: Image, radius: float) -> Image:
    """Defocus: a uniform disk point-spread function (not a Gaussian)."""
    r = max(radius, 0.5)
    k = int(np.ceil(r)) * 2 + 1
    yy, xx = np.mgrid[0:k, 0:k] - k // 2
    kernel = (np.hypot(xx, yy) <= r).astype(np.float32)
    kernel /= kernel.sum()
    out: Image = cv2.filter2D(img, -1, kernel, borderType=cv2.BORDER_REFLECT)
    return out


def camera(
    scene: Image,
    rng: np.random.Generator,
    *,
    blur_sigma: float = 0.0,
    gain: float = 1.0,
    noise: float = 2.0,
    jpeg_quality: int | None = 85,
) -> Image:
    """Optics and sensor: Gaussian blur, exposure ``gain`` (a dim room is gain < 1, made up by
    the camera's analogue gain, which amplifies the noise too), shot + read noise, JPEG."""
    img = scene.astype(np.float32)
    if blur_sigma > 0:
        img = cv2.GaussianBlur(img, (0, 0), blur_sigma)
    img = np.clip(img, 0, 255) * gain
    shot = np.sqrt(np.maximum(img, 0) / 255.0) * noise * 2
    img = img + rng.normal(0, 1, img.shape).astype(np.float32) * (noise + shot)
    if gain < 1:  # auto-exposure lifts the picture back: the noise comes up with it
        img = img * min(1 / gain, 3.0) * 0.8
    out = np.clip(img, 0, 255).astype(np.uint8)
    if jpeg_quality is not None:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(jpeg_quality)])
        assert ok
        out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return out
