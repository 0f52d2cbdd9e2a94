"""The empty desk mat under the fixed document camera, learned once (calibration).

The document camera at a service desk never moves and looks at the same mat all day, so the
hard part of finding a page — telling paper from a busy or pale surface — goes away once the
mat is known: whatever differs from it is what was laid on it. The model keeps the mat at the
detector's working size (Lab, median of several frames, so noise and a passing hand vanish)
with a per-pixel tolerance (the frames' spread plus the mat's own texture, since a texture edge
moves by a fraction of a pixel between frames), and a larger grey copy for refining the corners.
It is saved as one .npz file under the kiosk's data directory; a damaged or foreign file is
refused with a clear message, never half-used.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import cv2
import numpy as np

from devices.imaging.types import Image

WORK_SIDE = 512  # the detector's working size: the model lives at the same size
FINE_SIDE = 1600  # the grey copy the corners are refined against
FORMAT = 1
NOISE_L = 6.0  # grey levels of frame-to-frame change that are no object (noise, JPEG)
TEXTURE_K = 0.6  # share of the mat's local contrast tolerated (sub-pixel shake of its texture)


def downscale(img: Image, side: int = WORK_SIDE) -> Image:
    """Area-average down so the long side is ``side`` (a copy of a smaller image is kept).

    A big frame is first thinned with bilinear sampling to twice the size (2-3 ms for 12 MP,
    against ~80 ms for a direct area resize at a fractional factor), then averaged 2×2."""
    h, w = img.shape[:2]
    scale = min(1.0, side / max(h, w))
    if scale >= 1.0:
        return img
    tw, th = round(w * scale), round(h * scale)
    if scale < 0.5:
        img = cv2.resize(img, (tw * 2, th * 2), interpolation=cv2.INTER_LINEAR)
    out: Image = cv2.resize(img, (tw, th), interpolation=cv2.INTER_AREA)
    return out


class CalibrationError(ValueError):
    """No usable model: too few frames, frames of different sizes, or a bad file."""


class BackgroundModel:
    def __init__(self, lab: Image, tolerance: Image, fine: Image, shape: tuple[int, int]) -> None:
        self.lab = lab.astype(np.float32)  # working size, Lab
        self.tolerance = tolerance.astype(np.float32)  # working size
        self.fine = fine  # uint8 grey, long side ≤ FINE_SIDE
        self.shape = shape  # (h, w) of the frames it was learned from

    # ------------------------------------------------------------------ learning
    @classmethod
    def learn(cls, frames: Iterable[Image]) -> BackgroundModel:
        small, fine, shape = [], [], None
        for f in frames:
            if f is None or f.ndim != 3 or f.dtype != np.uint8:
                raise CalibrationError("calibration frames must be BGR uint8 images")
            if shape is None:
                shape = f.shape[:2]
            elif f.shape[:2] != shape:
                raise CalibrationError("calibration frames differ in size")
            small.append(cv2.cvtColor(downscale(f), cv2.COLOR_BGR2Lab).astype(np.float32))
            fine.append(cv2.cvtColor(downscale(f, FINE_SIDE), cv2.COLOR_BGR2GRAY))
        if len(small) < 3 or shape is None:
            raise CalibrationError("at least 3 frames of the empty mat are needed")
        stack = np.stack(small)
        lab = np.median(stack, axis=0)
        spread = stack[..., 0].std(axis=0)
        gx = cv2.Sobel(lab[..., 0], cv2.CV_32F, 1, 0, ksize=3) / 8
        gy = cv2.Sobel(lab[..., 0], cv2.CV_32F, 0, 1, ksize=3) / 8
        texture = cv2.dilate(np.hypot(gx, gy), np.ones((3, 3), np.uint8))
        tolerance = NOISE_L + 3 * spread + TEXTURE_K * texture
        fine_med = np.median(np.stack(fine), axis=0).astype(np.uint8)
        return cls(lab, tolerance, fine_med, (int(shape[0]), int(shape[1])))

    # ------------------------------------------------------------------ use
    def fits(self, image: Image) -> bool:
        """Same view: a frame of the size learned, or the same view scaled (the preview)."""
        h, w = image.shape[:2]
        return (
            abs(h / w - self.shape[0] / self.shape[1]) < 0.01
            and downscale(np.empty((h, w), np.uint8)).shape == self.lab.shape[:2]
        )

    def foreground(self, small_bgr: Image) -> Image:
        """255 where the frame (at working size) is not the mat."""
        lab = cv2.cvtColor(small_bgr, cv2.COLOR_BGR2Lab).astype(np.float32)
        # the camera's exposure drifts a few percent: compare after matching the brightness
        gain = float(np.median((lab[..., 0] + 4) / (self.lab[..., 0] + 4)))
        d_l = np.abs(lab[..., 0] - self.lab[..., 0] * gain)
        d_ab = np.hypot(lab[..., 1] - self.lab[..., 1], lab[..., 2] - self.lab[..., 2])
        fg = ((d_l + 1.5 * d_ab) > self.tolerance).astype(np.uint8) * 255
        fg = cv2.medianBlur(fg, 5)
        fg = cv2.morphologyEx(fg, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
        # text and a photo on the page match the mat here and there: fill the page's holes
        contours, _ = cv2.findContours(fg, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        out = np.zeros_like(fg)
        cv2.drawContours(out, contours, -1, 255, -1)
        return out

    def difference(self, image: Image) -> Image:
        """|frame − mat| in grey at the frame's size: a page is a plateau, its border a step."""
        grey = image if image.ndim == 2 else cv2.cvtColor(image[..., :3], cv2.COLOR_BGR2GRAY)
        mat = cv2.resize(self.fine, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
        gain = float(np.median((grey[::4, ::4].astype(np.float32) + 4) / (mat[::4, ::4] + 4.0)))
        diff = np.abs(grey.astype(np.float32) - mat.astype(np.float32) * gain)
        out: Image = cv2.GaussianBlur(np.clip(diff, 0, 255).astype(np.uint8), (0, 0), 1.0)
        return out

    # ------------------------------------------------------------------ storage
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write atomically (a crash mid-write leaves the old model, never half a file)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".mat-", suffix=".npz", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez_compressed(
                    fh,
                    format=np.int32(FORMAT),
                    lab=self.lab.astype(np.float16),
                    tolerance=self.tolerance.astype(np.float16),
                    fine=self.fine,
                    shape=np.array(self.shape, np.int32),
                )
            Path(tmp).replace(target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> BackgroundModel:
        try:
            with np.load(Path(path), allow_pickle=False) as z:
                if int(z["format"]) != FORMAT:
                    raise CalibrationError(f"{path}: calibration format {int(z['format'])}")
                lab, tol, fine = z["lab"], z["tolerance"], z["fine"]
                shape = tuple(int(v) for v in z["shape"])
        except CalibrationError:
            raise
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise CalibrationError(f"{path}: not a calibration file ({exc})") from exc
        if lab.ndim != 3 or tol.shape != lab.shape[:2] or fine.dtype != np.uint8 or len(shape) != 2:
            raise CalibrationError(f"{path}: calibration arrays do not fit together")
        return cls(lab, tol, fine, (shape[0], shape[1]))
