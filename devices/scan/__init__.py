"""Scanners: ``decode(image) -> list[Symbol]`` (public contract), serial and camera scanner
adapters, their simulators, and the Qt-free keyboard-wedge timing classifier.

``decode`` loads the decoder (OpenCV, zxing-cpp) on its first call: the kiosk imports the
keyboard-wedge classifier from this package at start, and a citizen should not wait a third of a
second for a camera decoder the terminal may not even have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from devices.scan.symbol import Symbol
from devices.scan.text import decode_text

if TYPE_CHECKING:
    import numpy as np

    from devices.scan.decoder import Backend, Formats


def decode(
    image: np.ndarray[Any, Any],
    *,
    backend: Backend = "zxing",
    formats: Formats = "qr",
    budget_ms: float | None = None,
    thorough: bool = False,
) -> list[Symbol]:
    """Decode every code in ``image`` (grey or BGR numpy array); see devices.scan.decoder.
    ``thorough`` runs every retry and merges all it finds (a still), instead of stopping at
    the first find within ``budget_ms`` (a camera loop)."""
    from devices.scan.decoder import decode as _decode

    return _decode(image, backend=backend, formats=formats, budget_ms=budget_ms, thorough=thorough)


__all__ = ["Symbol", "decode", "decode_text"]
