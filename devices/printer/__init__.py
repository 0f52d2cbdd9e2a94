"""ESC/POS receipt printing: document model, encoder, status, renderer, simulator, adapter.

The pieces are split so the kiosk can preview a receipt (model → bytes → PNG) with no printer,
and so the simulator and the real printer are fed the very same bytes.
"""

from devices.printer.encoder import encode
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
from devices.printer.preview import preview, preview_png
from devices.printer.profiles import PROFILES, PrinterProfile, get_profile
from devices.printer.status import PaperState, PrinterStatus

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
    "preview",
    "preview_png",
]
