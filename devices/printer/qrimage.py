"""QR symbols as Pillow images, from segno's module matrix (segno writes files, not PIL images).

The encoder uses it for raster QR on printers without GS ( k, the renderer for native QR
commands, so both draw the same symbol for the same payload.
"""

from __future__ import annotations

import numpy as np
import segno
from PIL import Image as PILImage


def qr_image(data: str | bytes, ec: str = "M", module: int = 4, border: int = 0) -> PILImage.Image:
    """A black-on-white 'L' image of the QR symbol for ``data``, ``module`` pixels per module.

    Bytes are encoded in byte mode as they are, which is what a printer does with GS ( k data.
    """
    qr = segno.make(data, error=ec, micro=False, boost_error=False)
    matrix = np.array([list(row) for row in qr.matrix], dtype=np.uint8)
    if border:
        matrix = np.pad(matrix, border)
    pixels = np.where(matrix > 0, 0, 255).astype(np.uint8)
    pixels = np.kron(pixels, np.ones((module, module), dtype=np.uint8))
    return PILImage.fromarray(pixels, mode="L")
