"""ESC/POS receipt printing: document model, encoder, status, renderer, simulator, adapter.

The pieces are split so the kiosk can preview a receipt (model → bytes → PNG) with no printer,
and so the simulator and the real printer are fed the very same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices.printer.model import (
    Align,
    Barcode,
    Cut,
    Feed,
    Image,
    QrCode,
    Receipt,
    Separator,
    Text,
)
from devices.printer.profiles import PROFILES, PrinterProfile, get_profile
from devices.printer.status import PaperState, PrinterStatus

if TYPE_CHECKING:
    from pathlib import Path


def encode(receipt: Receipt, profile: PrinterProfile, *, init: bool = True) -> bytes:
    """ESC/POS bytes for a receipt (devices.printer.encoder). The encoder loads python-escpos,
    whose printer database takes a noticeable moment to read: it loads on first use, so code
    that only builds receipts (every flow's templates) starts fast."""
    from devices.printer.encoder import encode as _encode

    return _encode(receipt, profile, init=init)


def preview_png(receipt: Receipt, path: Path, profile: PrinterProfile | None = None) -> Path:
    """The receipt rendered as a PNG (devices.printer.preview), loaded on first use."""
    from devices.printer.preview import preview_png as _preview_png

    return _preview_png(receipt, path, profile)


__all__ = [
    "PROFILES",
    "Align",
    "Barcode",
    "Cut",
    "Feed",
    "Image",
    "PaperState",
    "PrinterProfile",
    "PrinterStatus",
    "QrCode",
    "Receipt",
    "Separator",
    "Text",
    "encode",
    "get_profile",
    "preview_png",
]
