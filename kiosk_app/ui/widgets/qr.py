"""QR codes on screen, drawn with segno (the same library the guides and stickers use)."""

from __future__ import annotations

import io

import segno
from PySide6.QtGui import QPixmap


def qr_pixmap(data: str, size_px: int) -> QPixmap:
    qr = segno.make(data, error="m", micro=False)
    scale = max(1, size_px // (qr.symbol_size(border=2)[0]))
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=scale, border=2)
    pm = QPixmap()
    pm.loadFromData(buf.getvalue(), "PNG")
    return pm
