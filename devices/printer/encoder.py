"""Receipt model → ESC/POS bytes for one printer profile.

Text is written as raw GB18030 bytes in Chinese mode (see :mod:`devices.printer.gbtext`);
native QR codes go through python-escpos's ``qr(native=True)`` on its ``Dummy`` printer, and
pictures through its ``EscposImage`` raster conversion, so only the trivial style commands are
spelled out here.
"""

from __future__ import annotations

import segno
from escpos.constants import QR_ECLEVEL_H, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q
from escpos.image import EscposImage
from escpos.printer import Dummy
from PIL import Image as PILImage

from devices.printer import commands as cmd
from devices.printer.gbtext import char_columns, encode_gb, wrap
from devices.printer.model import (
    Align,
    Barcode,
    Block,
    Cut,
    Feed,
    Image,
    QrCode,
    Receipt,
    Separator,
    Text,
)
from devices.printer.profiles import PrinterProfile
from devices.printer.qrimage import qr_image

_EC = {"L": QR_ECLEVEL_L, "M": QR_ECLEVEL_M, "Q": QR_ECLEVEL_Q, "H": QR_ECLEVEL_H}
# GS v 0 images are sent in slices: some printers' receive buffers hold little more than this.
_RASTER_SLICE_ROWS = 240


def encode(receipt: Receipt, profile: PrinterProfile, *, init: bool = True) -> bytes:
    """The whole job; starts with ESC @ and FS & so nothing left from a previous job leaks in."""
    out = bytearray()
    if init:
        out += cmd.INIT + cmd.CHINESE_ON + cmd.DEFAULT_LINE_SPACING
    for block in receipt.blocks:
        out += encode_block(block, profile)
    return bytes(out)


def encode_block(block: Block, profile: PrinterProfile) -> bytes:
    if isinstance(block, Text):
        return _text(block, profile)
    if isinstance(block, Separator):
        n = profile.columns // char_columns(block.char)
        return cmd.align("left") + encode_gb(block.char * n) + cmd.LF
    if isinstance(block, Feed):
        return cmd.feed_lines(block.lines)
    if isinstance(block, Cut):
        return cmd.feed_lines(block.feed_lines) + cmd.cut(profile.partial_cut)
    if isinstance(block, QrCode):
        return _qr(block, profile)
    if isinstance(block, Barcode):
        return (
            cmd.align(block.align.value)
            + cmd.barcode_code128(block.data.encode("ascii"), block.height, block.module, block.hri)
            + cmd.LF
        )
    if isinstance(block, Image):
        return cmd.align(block.align.value) + raster_image(block.image, profile.dots) + cmd.LF
    raise TypeError(f"not a receipt block: {type(block).__name__}")


def _text(block: Text, profile: PrinterProfile) -> bytes:
    out = bytearray()
    out += cmd.align(block.align.value)
    out += cmd.bold(block.bold)
    out += cmd.char_size(block.width, block.height)
    if block.underline:
        out += cmd.underline(True)
    for line in wrap(block.text, profile.columns // block.width):
        out += encode_gb(line) + cmd.LF
    if block.underline:
        out += cmd.underline(False)
    out += cmd.char_size(1, 1) + cmd.bold(False)
    return bytes(out)


def qr_modules(data: str, ec: str) -> int:
    """Modules across the symbol the printer will draw (no quiet zone)."""
    width, _ = segno.make(data, error=ec, micro=False, boost_error=False).symbol_size(border=0)
    return int(width)


def fit_module(block: QrCode, profile: PrinterProfile) -> int:
    """Shrink the module size when a long payload would not fit the paper."""
    return max(1, min(block.module, profile.dots // qr_modules(block.data, block.ec)))


def _qr(block: QrCode, profile: PrinterProfile) -> bytes:
    module = fit_module(block, profile)
    head = cmd.align(block.align.value)
    if profile.native_qr:
        d = Dummy()
        d.qr(block.data, ec=_EC[block.ec], size=module, native=True)
        return head + bytes(d.output) + cmd.LF
    img = qr_image(block.data, block.ec, module)
    return head + raster_image(img, profile.dots) + cmd.LF


def raster_image(img: PILImage.Image, max_dots: int) -> bytes:
    """GS v 0 slices for a picture, scaled down to the paper width and dithered."""
    img = img.convert("L")
    if img.width > max_dots:
        h = max(1, round(img.height * max_dots / img.width))
        img = img.resize((max_dots, h), PILImage.Resampling.LANCZOS)
    out = bytearray()
    for top in range(0, img.height, _RASTER_SLICE_ROWS):
        part = img.crop((0, top, img.width, min(img.height, top + _RASTER_SLICE_ROWS)))
        esc = EscposImage(part)
        out += cmd.raster(esc.width_bytes, esc.height, esc.to_raster_format())
    return bytes(out)


__all__ = ["Align", "encode", "encode_block", "raster_image"]
