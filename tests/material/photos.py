"""The real photographs scikit-image ships (no download: only files inside the wheel), as BGR.

Each entry says what it shows, so a scene built on it can be classed honestly.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import cv2
import numpy as np

Image = np.ndarray[Any, Any]

# name -> (file in skimage/data, what it is)
PHOTOS: dict[str, tuple[str, str]] = {
    "coffee": ("coffee.png", "espresso cup on a slatted wooden table"),
    "cat": ("chelsea.png", "cat, fur and a blanket"),
    "garage": ("motorcycle_left.png", "motorcycle in a cluttered garage: shelves, boxes"),
    "rocket": ("rocket.jpg", "rocket on a launch pad at dusk, lights"),
    "astronaut": ("astronaut.png", "portrait, flag, colourful"),
    "tissue": ("ihc.png", "stained tissue slide: blotchy brown/blue pattern like floral cloth"),
    "retina": ("retina.jpg", "retina photograph, red with a dark surround"),
    "hubble": ("hubble_deep_field.jpg", "deep-field sky, dark with specks"),
    "brick": ("brick.png", "brick paving, grey"),
    "gravel": ("gravel.png", "gravel, speckled stone, grey"),
    "grass": ("grass.png", "grass, grey"),
    "camera": ("camera.png", "man with a camera, grass and buildings, grey"),
    "moon": ("moon.png", "lunar surface, grey, crumpled-looking"),
    "coins": ("coins.png", "coins on a dark cloth, grey"),
    "clock": ("clock_motion.png", "wall clock with motion blur, grey"),
    "page": ("page.png", "photographed printed book page, uneven light, grey"),
    "text": ("text.png", "photographed handwritten notes, grey"),
    "cell": ("cell.png", "microscope cell, grey"),
}

COLOUR_DESKS = ("coffee", "cat", "garage", "tissue", "astronaut", "rocket")
GREY_TEXTURES = ("brick", "gravel", "grass", "moon", "coins", "camera")


def _data_dir() -> Path:
    import skimage

    return Path(skimage.__file__).resolve().parent / "data"


@functools.cache
def photo(name: str) -> Image:
    """The photo as BGR uint8 (grey photos are given three equal channels)."""
    file, _ = PHOTOS[name]
    img = cv2.imread(str(_data_dir() / file), cv2.IMREAD_COLOR)
    if img is None:  # pragma: no cover - a broken scikit-image install
        raise FileNotFoundError(file)
    img.setflags(write=False)
    return img


def backdrop(
    name: str,
    width: int,
    height: int,
    rng: np.random.Generator,
    *,
    zoom: tuple[float, float] = (1.0, 2.5),
    tint: bool = True,
) -> Image:
    """A ``width``×``height`` view of the photo: a random crop, scaled up (never tiled, so no
    seam), flipped at random; grey photos get a random warm/cool tint as a desk or wall would."""
    src = photo(name)
    sh, sw = src.shape[:2]
    z = float(rng.uniform(*zoom))
    cw, ch = width / z, height / z
    fit = min(sw / cw, sh / ch, 1.0)  # crop never bigger than the photo
    cw, ch = cw * fit, ch * fit
    x0 = float(rng.uniform(0, max(sw - cw, 0.0)))
    y0 = float(rng.uniform(0, max(sh - ch, 0.0)))
    crop = src[int(y0) : int(y0 + ch), int(x0) : int(x0 + cw)]
    out = cv2.resize(crop, (width, height), interpolation=cv2.INTER_CUBIC)
    if rng.random() < 0.5:
        out = out[:, ::-1]
    if rng.random() < 0.3:
        out = out[::-1]
    out = np.ascontiguousarray(out)
    if tint and name in (*GREY_TEXTURES, "page", "text", "clock", "cell"):
        gain = np.array([rng.uniform(0.75, 1.0), rng.uniform(0.85, 1.0), rng.uniform(0.9, 1.1)])
        out = np.clip(out * gain[None, None, :], 0, 255).astype(np.uint8)
    return out
