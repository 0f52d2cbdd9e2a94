"""Receipt previews: the model drawn exactly as the printer would print it.

Goes through the real bytes (encode → parse → render) with the printer's profile, so a preview
shows what that printer's paper will show: its width, its wrapping, the lines sent as raster
images because its font lacks a character, the barcode's module width, the QR size.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage

from devices.printer.encoder import encode
from devices.printer.model import Receipt
from devices.printer.profiles import PrinterProfile, get_profile
from devices.printer.render import render, save_png


def preview(receipt: Receipt, profile: PrinterProfile | None = None) -> list[PILImage.Image]:
    """One image per cut-off receipt (most templates make exactly one)."""
    prof = profile or get_profile("80mm")
    return render(encode(receipt, prof), prof)


def preview_png(receipt: Receipt, path: Path, profile: PrinterProfile | None = None) -> Path:
    """The first receipt as a 1-bit PNG at ``path`` (the demo's receipts/*.png)."""
    return save_png(preview(receipt, profile)[0], path)
