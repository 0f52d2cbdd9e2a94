"""``decode(image) -> list[Symbol]``: QR (and other 2-D/1-D codes) from a camera frame or a file.

Backend zxing-cpp by default, pyzbar selectable. Beyond the libraries' defaults, a short ladder
of retries runs only while nothing has been found and the time budget lasts, each step chosen on
the public zxing-cpp sample set (benchmarks/qr_decode.py):

1. the library as is, but in *plain* text mode (raw content: GS1 separators and control
   characters kept, as a payload parser needs them — zxing's default "HRI" mode rewrites them);
   for frames above 1280 px instead a half-size then a full-size *single-scale* pass (zxing's
   multi-scale search costs ~10 ms on a 1080p frame; a code held up to a camera is big enough
   to be found at half size in ~1 ms);
2. a global-histogram binariser (evenly lit, low-contrast prints where local averaging fails);
3. a 3×3 median filter then global histogram (halftone/JPEG noise on dense codes);
4. a 2×2 erosion (thin, bleeding modules of small printed codes);
5. for small images, a 2× upscale (tiny codes below the finder-pattern size);
6. inversion (phones in dark mode) — zxing-cpp already tries it, pyzbar does not.

A camera loop passes ``budget_ms`` so a frame with no code never costs more than that.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Literal

import cv2
import numpy as np
import zxingcpp

from devices.scan.symbol import Symbol
from devices.scan.text import decode_text

Backend = Literal["zxing", "pyzbar"]
Image = np.ndarray[Any, Any]
Reader = Callable[[Image, bool, bool], list[Symbol]]
Transform = Callable[[Image], Image | None]
Formats = Literal["qr", "all"]

_SMALL = 640  # images whose longer side is at most this get the upscale step
_BIG = 960  # above this (720p, 1080p camera frames) the ladder starts with single-scale passes


def _grey(image: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _zxing(formats: Formats) -> Reader:
    fmt = zxingcpp.BarcodeFormat.QRCode if formats == "qr" else None

    def read(img: np.ndarray[Any, Any], global_hist: bool, fast: bool = False) -> list[Symbol]:
        kwargs: dict[str, Any] = {"text_mode": zxingcpp.TextMode.Plain}
        if fmt is not None:
            kwargs["formats"] = fmt
        if fast:  # one scale, no 1-D rotation: the big-frame passes choose the scale themselves
            kwargs["try_downscale"] = False
            kwargs["try_rotate"] = fmt is None
        if global_hist:
            kwargs["binarizer"] = zxingcpp.Binarizer.GlobalHistogram
        out = []
        for r in zxingcpp.read_barcodes(img, **kwargs):
            raw = bytes(r.bytes)
            binary = r.content_type == zxingcpp.ContentType.Binary
            text = decode_text(raw) if binary else r.text
            out.append(Symbol(text, raw, r.format.name))
        return out

    return read


def _pyzbar(formats: Formats) -> Reader:
    from pyzbar import pyzbar

    symbols = [pyzbar.ZBarSymbol.QRCODE] if formats == "qr" else None

    def read(img: np.ndarray[Any, Any], global_hist: bool, fast: bool = False) -> list[Symbol]:
        if global_hist:  # zbar has no binariser choice; Otsu is the global-threshold analogue
            img = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
        return [
            Symbol(decode_text(d.data), bytes(d.data), _ZBAR_NAMES.get(d.type, str(d.type)))
            for d in pyzbar.decode(img, symbols=symbols)
        ]

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


def _steps(backend: Backend, big: bool) -> list[tuple[str, Transform, bool, bool]]:
    """(name, image transform or None to skip, global binariser, fast single-scale read)."""
    kernel = np.ones((2, 2), np.uint8)

    def half(g: Image) -> Image:
        out: Image = cv2.resize(g, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        return out

    # Camera frames: a code held up to the camera spans a good part of the frame, so a half-size
    # single-scale pass finds it in ~1 ms; the retries run at half size too, since a global
    # binariser on a noisy full 1080p frame alone can take 10 ms.
    work: Transform = half if big else (lambda g: g)
    steps: list[tuple[str, Transform, bool, bool]] = (
        [("half", half, False, True), ("full", lambda g: g, False, True)]
        if big
        else [("plain", lambda g: g, False, False)]
    )
    steps += [
        ("global", work, True, big),
        ("median", lambda g: cv2.medianBlur(work(g), 3), True, big),  # type: ignore[arg-type]
        ("erode", lambda g: cv2.erode(work(g), kernel), False, big),  # type: ignore[arg-type]
        (
            "upscale",
            lambda g: (
                cv2.resize(g, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
                if max(g.shape) <= _SMALL
                else None
            ),
            False,
            False,
        ),
    ]
    if backend == "pyzbar":
        steps.append(("invert", lambda g: cv2.bitwise_not(work(g)), False, big))  # type: ignore[arg-type]
    return steps


def decode(
    image: np.ndarray[Any, Any],
    *,
    backend: Backend = "zxing",
    formats: Formats = "qr",
    budget_ms: float | None = None,
) -> list[Symbol]:
    """Decode every code in ``image`` (grey or BGR numpy array).

    Returns an empty list when there is none (or the image is empty/unusable); raises only
    ValueError for an unknown backend. ``budget_ms`` bounds the retry ladder: the first pass
    always runs, later steps only while time is left.
    """
    if not isinstance(image, np.ndarray) or image.size == 0 or image.ndim not in (2, 3):
        return []
    if image.dtype != np.uint8:
        image = _to_uint8(image)
    read = _reader(backend, formats)
    grey = np.ascontiguousarray(_grey(image))
    t0 = time.perf_counter()
    big = max(grey.shape) > _BIG
    worst = 0.0  # the slowest step so far predicts the next one: stop before overrunning
    for i, (_name, transform, global_hist, fast) in enumerate(_steps(backend, big)):
        started = time.perf_counter()
        if i and budget_ms is not None and (started - t0 + worst) * 1000 > budget_ms:
            break
        img = transform(grey)
        if img is None:
            continue
        found = read(img, global_hist, fast)
        if found:
            return _unique(found)
        worst = max(worst, time.perf_counter() - started)
    return []


def _to_uint8(image: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Bool or float (0..1 or 0..255) or wider ints to uint8, as a camera SDK may hand over."""
    arr = image.astype(np.float64)
    finite = arr[np.isfinite(arr)]
    top = float(finite.max()) if finite.size else 0.0
    if image.dtype == np.bool_ or top <= 1.0:
        arr = arr * 255.0
    out: np.ndarray[Any, Any] = np.clip(np.nan_to_num(arr), 0, 255).astype(np.uint8)
    return out


def _unique(symbols: list[Symbol]) -> list[Symbol]:
    seen: set[tuple[bytes, str]] = set()
    out = []
    for s in symbols:
        if (s.raw, s.text) not in seen:
            seen.add((s.raw, s.text))
            out.append(s)
    return out
