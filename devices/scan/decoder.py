"""``decode(image) -> list[Symbol]``: every QR (and other 2-D/1-D) code in a camera frame or a file.

Backend zxing-cpp by default, pyzbar selectable. The contract is *every* code in the image, and
never fewer than the wrapped library finds on its own, so the first pass is always the library's
own full multi-symbol search (all scales, both polarities), and whatever later passes find is
merged into it — never instead of it. Two symbols are the same code when they carry the same
bytes at the same place; the same payload printed twice is two codes, as the library says.

What the later passes are for (each chosen on material the project did not generate: codes
composited onto real photographs, tests/material, and the public zxing-cpp samples):

- *small modules* (a phone held up to a 720p kiosk camera: 2.2–3.5 camera pixels per module,
  blurred): the library binarises at the pixel grid, where a blurred 2-pixel module is lost. The
  places where a code probably is — the library's own failed detections (it reports a finder
  pattern it could not decode) and peaks of a two-directional edge-energy map — are cut out,
  deconvolved (Wiener filter for a Gaussian blur of σ≈1.3 px: the camera's blur plus the
  resampling of a code already 2–3 px a module) and upscaled 2× (cubic); then read as they are,
  upscaled (a code under a hotspot or out of focus, which the library's binariser reads on the
  finer grid); then deconvolved for a heavier blur (σ≈1.6). Cropping keeps this at ~1 ms a
  region, where upscaling the whole 720p frame would cost ~10.
- *low contrast* and evenly lit prints: a global-histogram binariser.
- *halftone/JPEG noise* and *pen marks*: a 3×3 median before binarising.
- *moiré and colour cast* (a code on an LCD screen): the colour channel with the most contrast
  instead of the luma mix (a cast can leave one channel nearly flat), and a low-pass
  (Gaussian σ 1) before binarising so the sub-pixel beat pattern cannot flip modules.
- *glare and uneven light* (a flashlight hotspot): the picture divided by its own large-scale
  brightness, which flattens the hotspot's slope before the binariser sees it.
- *thin, bleeding modules* of small printed codes: a 2×2 erosion.
- *tiny codes* in small images: a 2× upscale.

Two modes. The camera loop (default) returns as soon as a pass finds something and stops the
ladder when ``budget_ms`` would be overrun, so a frame with nothing in it costs a bounded time.
``thorough=True`` (a still: a scanned form, a photo) runs every pass and merges everything.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import cv2
import numpy as np
import zxingcpp

from devices.scan.symbol import Symbol
from devices.scan.text import decode_text

Backend = Literal["zxing", "pyzbar"]
Image = np.ndarray[Any, Any]
Formats = Literal["qr", "all"]

_SMALL = 640  # images whose longer side is at most this get the whole-image upscale step
_ROI = 320  # side of the region cut out around a probable small code (full-resolution pixels)
_ROI_CAMERA = 3  # regions tried per frame in camera mode (thorough: up to _ROI_THOROUGH)
_ROI_THOROUGH = 12
_ENERGY_SIDE = 640  # the edge-energy map is computed on a copy about this wide
_EDGE_CLIP = 32  # grey levels a pixel: the edge strength at which the map stops weighing edges
# the blurs (Gaussian σ, full-resolution px) the deconvolution undoes, in the order tried: the
# camera's own blur plus the resampling of a code already 2-3 px a module is σ≈1.3; then a
# heavier one (a phone held a little out of focus). Noise-to-signal: how far the inverse dares to
# amplify the fine detail (JPEG and sensor noise come up with it).
_WIENER_SIGMAS = (1.3, 1.6)
_WIENER_NSR = 0.01


@dataclass(frozen=True)
class _Hit:
    """A decoded symbol and where it was, in the caller's image coordinates."""

    symbol: Symbol
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class _View:
    """An image to read and how its pixels map back: original = view / scale + offset."""

    image: Image
    scale: float = 1.0
    dx: float = 0.0
    dy: float = 0.0


@dataclass(frozen=True)
class _Read:
    """One library call's options."""

    global_hist: bool = False
    single_scale: bool = False  # no multi-scale search: the view has chosen its scale itself


# (hits, hints: probable code centres from failed detections)
ReadResult = tuple[list[_Hit], list[tuple[float, float]]]
Reader = Callable[[_View, _Read, bool], ReadResult]


def _grey(image: Image) -> Image:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _back(view: _View, pts: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Centre and size of a symbol's outline, in original coordinates."""
    xs = [p[0] / view.scale + view.dx for p in pts]
    ys = [p[1] / view.scale + view.dy for p in pts]
    size = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    return sum(xs) / len(xs), sum(ys) / len(ys), size


def _zxing(formats: Formats) -> Reader:
    fmt = zxingcpp.BarcodeFormat.QRCode if formats == "qr" else None

    def read(view: _View, opts: _Read, hints: bool) -> ReadResult:
        # plain text mode: raw content, GS1 separators and control characters kept, as a payload
        # parser needs them (zxing's default "HRI" mode rewrites them)
        kwargs: dict[str, Any] = {"text_mode": zxingcpp.TextMode.Plain}
        if fmt is not None:
            kwargs["formats"] = fmt
        if opts.single_scale:
            kwargs["try_downscale"] = False
            kwargs["try_rotate"] = fmt is None  # QR is found at any rotation anyway
        if opts.global_hist:
            kwargs["binarizer"] = zxingcpp.Binarizer.GlobalHistogram
        if hints:
            kwargs["return_errors"] = True
        found, near = [], []
        for r in zxingcpp.read_barcodes(view.image, **kwargs):
            p = r.position
            corners = [
                (float(c.x), float(c.y))
                for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
            ]
            x, y, size = _back(view, corners)
            if not r.valid:
                near.append((x, y))
                continue
            raw = bytes(r.bytes)
            binary = r.content_type == zxingcpp.ContentType.Binary
            text = decode_text(raw) if binary else r.text
            found.append(_Hit(Symbol(text, raw, r.format.name), x, y, size))
        return found, near

    return read


def _pyzbar(formats: Formats) -> Reader:
    from pyzbar import pyzbar

    symbols = [pyzbar.ZBarSymbol.QRCODE] if formats == "qr" else None

    def read(view: _View, opts: _Read, hints: bool) -> ReadResult:
        img = view.image
        if opts.global_hist:  # zbar has no binariser choice; Otsu is the global-threshold analogue
            img = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
        out = []
        for d in pyzbar.decode(img, symbols=symbols):
            corners = [(float(p.x), float(p.y)) for p in d.polygon] or [
                (d.rect.left, d.rect.top),
                (d.rect.left + d.rect.width, d.rect.top + d.rect.height),
            ]
            x, y, size = _back(view, corners)
            name = _ZBAR_NAMES.get(d.type, str(d.type))
            out.append(_Hit(Symbol(decode_text(d.data), bytes(d.data), name), x, y, size))
        return out, []

    return read


# zbar's type names to zxing-cpp's, so Symbol.format does not depend on the backend
_ZBAR_NAMES = {"QRCODE": "QRCode", "CODE128": "Code128", "CODE39": "Code39", "EAN13": "EAN13"}

_READERS: dict[tuple[str, str], Reader] = {}


def _reader(backend: Backend, formats: Formats) -> Reader:
    key = (backend, formats)
    if key not in _READERS:
        if backend == "zxing":
            _READERS[key] = _zxing(formats)
        elif backend == "pyzbar":
            _READERS[key] = _pyzbar(formats)
        else:
            raise ValueError(f"unknown decode backend {backend!r}; use 'zxing' or 'pyzbar'")
    return _READERS[key]


# ------------------------------------------------------------------ image conditioning


def _u8(img: Image) -> Image:
    out: Image = np.clip(img, 0, 255).astype(np.uint8)
    return out


def _sharpen(img: Image, sigma: float, amount: float) -> Image:
    """Unsharp mask, in uint8 with saturation (a quarter of the float version's time)."""
    out: Image = cv2.addWeighted(img, 1 + amount, cv2.GaussianBlur(img, (0, 0), sigma), -amount, 0)
    return out


def _upscale(img: Image, factor: float = 2.0) -> Image:
    out: Image = cv2.resize(img, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    return out


class _Deconvolver:
    """Undo a Gaussian blur of ``sigma`` px on one image: F = G·H / (H² + nsr), H the blur's
    transfer. The forward transform is computed once and shared by every ``sigma`` tried (a
    blur's width is not known in advance). Real-input transforms in OpenCV's packed (CCS)
    layout: half the work of the complex ones. (A truncated spatial kernel is no faster at this
    size and loses the long ringing taps the inverse needs.)"""

    def __init__(self, img: Image) -> None:
        self.h, self.w = img.shape[:2]
        self.ph, self.pw = cv2.getOptimalDFTSize(self.h), cv2.getOptimalDFTSize(self.w)
        self._img = img
        self._spec: Image | None = None

    def __call__(self, sigma: float, nsr: float) -> Image:
        if self._spec is None:
            f = cv2.copyMakeBorder(
                self._img.astype(np.float32),
                0,
                self.ph - self.h,
                0,
                self.pw - self.w,
                cv2.BORDER_REFLECT,
            )
            self._spec = cv2.dft(f)
        spec = cv2.mulSpectrums(self._spec, _wiener_gain(self.ph, self.pw, sigma, nsr), 0)
        out = cv2.idft(spec, flags=cv2.DFT_SCALE | cv2.DFT_REAL_OUTPUT)
        return _u8(out[: self.h, : self.w])


@functools.cache
def _wiener_gain(h: int, w: int, sigma: float, nsr: float) -> Image:
    """The Wiener gain for an h×w transform, in OpenCV's packed (CCS) layout: the transform of
    the real, even kernel whose spectrum the gain is (so mulSpectrums applies it exactly)."""
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.fftfreq(w)[None, :]
    tf = np.exp(-2 * np.pi**2 * sigma**2 * (fx * fx + fy * fy))
    kernel = np.real(np.fft.ifft2(tf / (tf * tf + nsr))).astype(np.float32)
    out: Image = cv2.dft(kernel)
    return out


def _flatten(grey: Image) -> Image:
    """Divide by the large-scale brightness (glare, a hotspot, a shadow) and stretch."""
    small = cv2.resize(grey, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    k = max(3, (max(small.shape) // 12) | 1)
    bg = cv2.resize(cv2.blur(small, (k, k)), (grey.shape[1], grey.shape[0]))
    flat = grey.astype(np.float32) / (bg.astype(np.float32) + 8.0)
    return cv2.normalize(flat, None, 0, 255, cv2.NORM_MINMAX, cv2.CV_8U)


def _best_channel(image: Image) -> Image | None:
    """The colour channel with the most contrast, when it beats the luma mix (a colour cast)."""
    if image.ndim != 3:
        return None
    sub = image[::4, ::4, :3]  # the spread of a thinned copy is as telling, 16x cheaper
    spreads = [float(sub[..., c].std()) for c in range(3)]
    best = int(np.argmax(spreads))
    if spreads[best] < 1.15 * float(_grey(np.ascontiguousarray(sub)).std()):
        return None  # no cast to speak of: luma is as good
    out: Image = np.ascontiguousarray(image[..., best])
    return out


def _code_regions(grey: Image, n: int) -> list[tuple[float, float]]:
    """Centres of the ``n`` places most like a code: edges in *both* directions, densely.

    |∂x| and |∂y| are box-averaged over about a small code's size and multiplied (geometric
    mean): a QR's modules make both large at any rotation, while a straight edge, a line of
    text seen along its length or a smooth surface make at least one small. Each pixel's
    gradient saturates at a modest contrast first, so the map counts edges rather than weighs
    them: a code is many edges, and a few very strong ones (a coin's rim, a phone's bezel against
    a bright wall) must not outrank it.
    """
    h, w = grey.shape
    f = max(1, round(max(h, w) / _ENERGY_SIDE))
    small = cv2.resize(grey, (w // f, h // f), interpolation=cv2.INTER_AREA) if f > 1 else grey
    dx, dy = cv2.spatialGradient(small)
    # |∂| area-averaged to a quarter, then box-averaged: ~16 px at the working size in all
    quarter = (max(small.shape[1] // 4, 1), max(small.shape[0] // 4, 1))
    # Sobel's ×4 gain undone: a value is the grey-level step across one pixel
    ax = np.minimum(cv2.convertScaleAbs(dx, alpha=0.25), _EDGE_CLIP)
    ay = np.minimum(cv2.convertScaleAbs(dy, alpha=0.25), _EDGE_CLIP)
    ex = cv2.blur(cv2.resize(ax, quarter, interpolation=cv2.INTER_AREA), (4, 4))
    ey = cv2.blur(cv2.resize(ay, quarter, interpolation=cv2.INTER_AREA), (4, 4))
    energy = np.sqrt(ex.astype(np.float32) * ey.astype(np.float32))
    top = float(energy.max())
    if top <= 0:
        return []
    peaks = (energy >= cv2.dilate(energy, np.ones((7, 7), np.uint8))) & (energy > 0.3 * top)
    ys, xs = np.nonzero(peaks)
    order = np.argsort(-energy[ys, xs])[:n]
    k = 4 * f  # back from the quarter-size energy map to full resolution
    return [((xs[i] + 0.5) * k, (ys[i] + 0.5) * k) for i in order]


def _crop(grey: Image, x: float, y: float, side: int) -> _View | None:
    h, w = grey.shape
    x0 = int(min(max(x - side / 2, 0), max(w - side, 0)))
    y0 = int(min(max(y - side / 2, 0), max(h - side, 0)))
    crop = grey[y0 : y0 + side, x0 : x0 + side]
    if min(crop.shape) < 24:
        return None
    return _View(np.ascontiguousarray(crop), 1.0, x0, y0)


# ------------------------------------------------------------------ the ladder


@dataclass(frozen=True)
class _Step:
    name: str
    view: Callable[[], _View | None]
    opts: _Read


def _whole_image_steps(image: Image, grey: Image, backend: Backend, thorough: bool) -> list[_Step]:
    big = max(grey.shape) > 960
    kernel = np.ones((2, 2), np.uint8)

    def half() -> _View:
        return _View(cv2.resize(grey, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA), 0.5)

    # on a camera frame the retries read a half-size copy: a global binariser on a noisy full
    # 1080p frame alone can take 10 ms; a still is read at full size, which small codes need
    def work() -> _View:
        return half() if big and not thorough else _View(grey)

    def on_work(fn: Callable[[Image], Image]) -> Callable[[], _View]:
        def make() -> _View:
            v = work()
            return _View(fn(v.image), v.scale, v.dx, v.dy)

        return make

    def channel() -> _View | None:
        ch = _best_channel(image)
        return None if ch is None else _View(cv2.GaussianBlur(ch, (0, 0), 1.0))

    fast = _Read(single_scale=big and not thorough)
    steps = [
        _Step("global", work, _Read(global_hist=True, single_scale=fast.single_scale)),
        _Step(
            "median",
            on_work(lambda g: cv2.medianBlur(g, 3)),
            _Read(global_hist=True, single_scale=fast.single_scale),
        ),
        _Step("channel", channel, _Read()),
        _Step("lowpass", lambda: _View(cv2.GaussianBlur(grey, (0, 0), 1.0)), _Read()),
        _Step("flatten", lambda: _View(_flatten(grey)), _Read()),
        _Step("erode", on_work(lambda g: cv2.erode(g, kernel)), fast),
    ]
    if max(grey.shape) <= _SMALL:
        steps.append(_Step("upscale", lambda: _View(_upscale(grey), 2.0), _Read()))
    elif thorough and grey.size <= 2_100_000:  # a 1080p still: every small code at once
        steps.append(
            _Step("upscale_sharp", lambda: _View(_sharpen(_upscale(grey), 3.0, 1.5), 2.0), _Read())
        )
    if backend == "pyzbar":  # zxing-cpp tries inverted codes itself, zbar does not
        steps.append(_Step("invert", on_work(cv2.bitwise_not), fast))
    return steps


def _region_steps(grey: Image, centre: tuple[float, float], thorough: bool) -> Iterator[_Step]:
    """Small-module recovery around one probable code, each view upscaled 2× so the library's
    binariser sees whole modules: deconvolved for the commonest blur (one forward transform
    serves every blur width tried); as it is (the library's own binariser on a finer grid reads
    a code under a hotspot or a defocused one that the full frame does not); deconvolved for a
    heavier blur; for a still, last an unsharp mask (rarely anything the others miss)."""
    crop = _crop(grey, centre[0], centre[1], _ROI)
    if crop is None:
        return
    one = _Read(single_scale=True)
    deconvolve = _Deconvolver(crop.image)

    def deblur(sigma: float) -> Callable[[], _View]:
        def make() -> _View:
            return _View(_upscale(deconvolve(sigma, _WIENER_NSR)), 2.0, crop.dx, crop.dy)

        return make

    def plain() -> _View:
        return _View(_upscale(crop.image), 2.0, crop.dx, crop.dy)

    def sharp() -> _View:
        # sharpened before the upscale: the same filter at the blur's own scale, 4x cheaper
        return _View(_upscale(_sharpen(crop.image, 1.5, 1.5)), 2.0, crop.dx, crop.dy)

    light, heavy = _WIENER_SIGMAS
    yield _Step(f"roi_deblur_{light}", deblur(light), one)
    yield _Step("roi_upscale", plain, one)
    yield _Step(f"roi_deblur_{heavy}", deblur(heavy), one)
    if thorough:
        yield _Step("roi_sharp", sharp, one)


def _merge(hits: list[_Hit], new: list[_Hit], kept: int = 0) -> int:
    """Add the symbols not already there (same bytes near the same place); count added.

    Two codes cannot lie over each other, so a symbol with other bytes centred inside one
    already there is a misread of part of it (a reworked view can make a few modules of a big
    code pass for a small one): the larger of the two stays. The first ``kept`` hits (the
    library's own pass) always stay: never fewer than the library finds."""
    added = 0
    for h in new:
        if any(
            o.symbol.raw == h.symbol.raw
            and o.symbol.format == h.symbol.format
            and np.hypot(o.x - h.x, o.y - h.y) < 0.75 * max(o.size, h.size)
            for o in hits
        ):
            continue
        over = [
            k
            for k, o in enumerate(hits)
            if np.hypot(o.x - h.x, o.y - h.y) < 0.5 * max(o.size, h.size)
        ]
        if any(k < kept or hits[k].size >= h.size for k in over):
            continue  # inside a bigger symbol, or over one the library itself read
        for k in reversed(over):  # parts of this bigger symbol misread as codes
            del hits[k]
        hits.append(h)
        added += 1
    return added


def decode(
    image: np.ndarray[Any, Any],
    *,
    backend: Backend = "zxing",
    formats: Formats = "qr",
    budget_ms: float | None = None,
    thorough: bool = False,
) -> list[Symbol]:
    """Decode every code in ``image`` (grey or BGR numpy array).

    Returns an empty list when there is none (or the image is empty/unusable); raises only
    ValueError for an unknown backend. ``budget_ms`` bounds the retry ladder: the library's
    full pass always runs, later steps only while time is left. ``thorough`` runs every step
    and merges all they find (for a still image); otherwise the ladder stops at the first step
    that finds something (for a camera loop).
    """
    if not isinstance(image, np.ndarray) or image.size == 0 or image.ndim not in (2, 3):
        return []
    if image.dtype != np.uint8:
        image = _to_uint8(image)
    if image.ndim == 3 and image.shape[2] not in (3, 4):
        image = np.ascontiguousarray(image[..., 0])
    read = _reader(backend, formats)
    grey = np.ascontiguousarray(_grey(image))
    t0 = time.perf_counter()
    hits, near = read(_View(grey), _Read(), True)  # the library's own full pass, always
    kept = len(hits)
    if (hits and not thorough) or min(grey.shape) < 16:  # < 16 px: too small to rework
        return [h.symbol for h in hits]
    worst = 0.0  # the slowest step so far predicts the next one: stop before overrunning
    for step in _ladder(image, grey, near, backend, thorough):
        started = time.perf_counter()
        if budget_ms is not None and (started - t0 + worst) * 1000 > budget_ms:
            break
        view = step.view()
        if view is None:
            continue
        found, _ = read(view, step.opts, False)
        added = _merge(hits, found, kept)
        worst = max(worst, time.perf_counter() - started)
        if added and not thorough:
            break
    return [h.symbol for h in hits]


def _ladder(
    image: Image, grey: Image, near: list[tuple[float, float]], backend: Backend, thorough: bool
) -> Iterator[_Step]:
    """The retries in order of what they recover per millisecond on a 720p camera frame: the
    regions around probable small codes first (the commonest miss there) — where the library
    itself saw a finder pattern, then, computed only if needed, the edge-energy peaks — then
    the whole-image passes. A small image goes straight to the whole-image passes."""
    n = _ROI_THOROUGH if thorough else _ROI_CAMERA
    whole = _whole_image_steps(image, grey, backend, thorough)
    if max(grey.shape) > _ROI * 1.5:  # else a cut-out would be the whole image anyway
        centres: list[tuple[float, float]] = []
        for c in _distinct(near, centres, n):
            yield from _region_steps(grey, c, thorough)
        for c in _distinct(_code_regions(grey, n), centres, n):
            yield from _region_steps(grey, c, thorough)
    yield from whole  # the global binariser first: cheap, and the classic low-contrast fix


def _distinct(
    candidates: list[tuple[float, float]], taken: list[tuple[float, float]], n: int
) -> Iterator[tuple[float, float]]:
    """Candidates not within a quarter region of one already tried, up to ``n`` in all."""
    for c in candidates:
        if len(taken) >= n:
            return
        if all(np.hypot(c[0] - o[0], c[1] - o[1]) > _ROI / 4 for o in taken):
            taken.append(c)
            yield c


def _to_uint8(image: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Bool or float (0..1 or 0..255) or wider ints to uint8, as a camera SDK may hand over."""
    arr = image.astype(np.float64)
    finite = arr[np.isfinite(arr)]
    top = float(finite.max()) if finite.size else 0.0
    if image.dtype == np.bool_ or top <= 1.0:
        arr = arr * 255.0
    out: np.ndarray[Any, Any] = np.clip(np.nan_to_num(arr), 0, 255).astype(np.uint8)
    return out
