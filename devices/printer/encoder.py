"""Receipt model → ESC/POS bytes for one printer profile, laid out for its head and font.

- Text is wrapped to the profile's columns at its size and written as raw GB18030 bytes in
  Chinese mode (see :mod:`devices.printer.gbtext`). A line holding a character the printer's
  font lacks (喆 on a GB2312-only printer, 𠮷 on any) or asking for a size beyond the printer's
  largest is sent as a raster image line (GS v 0) in its place, drawn in the same cells
  (:mod:`devices.printer.glyphs`): a citizen's rare name character still prints, never a '?'.
- Barcodes are CODE128 with code set C for digit runs; the module width is the widest that fits
  the head with its quiet zones; where none fits, the data is printed as a QR code instead.
  Printers without GS k get the same bars as a raster image.
- Native QR codes go through python-escpos's ``qr(native=True)`` on its ``Dummy`` printer;
  printers without GS ( k get segno's symbol as a raster image.
"""

from __future__ import annotations

import numpy as np
import segno
from escpos.constants import QR_ECLEVEL_H, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q
from escpos.printer import Dummy
from PIL import Image as PILImage

from devices.printer import code128
from devices.printer import commands as cmd
from devices.printer.gbtext import char_columns, encode_gb, in_font, wrap
from devices.printer.glyphs import draw_text
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
from devices.printer.profiles import CELL_H, PrinterProfile
from devices.printer.qrimage import qr_image

_EC = {"L": QR_ECLEVEL_L, "M": QR_ECLEVEL_M, "Q": QR_ECLEVEL_Q, "H": QR_ECLEVEL_H}
# GS v 0 images are sent in slices: some printers' receive buffers hold little more than this.
_RASTER_SLICE_ROWS = 240
_LINE_PITCH = 30  # ESC 2, which every job selects at its start


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
        line = Text(block.char * (profile.columns // char_columns(block.char)))
        return _text(line, profile)
    if isinstance(block, Feed):
        return cmd.feed_lines(block.lines)
    if isinstance(block, Cut):
        return cmd.feed_lines(block.feed_lines) + cmd.cut(profile.partial_cut)
    if isinstance(block, QrCode):
        return _qr(block, profile)
    if isinstance(block, Barcode):
        return _barcode(block, profile)
    if isinstance(block, Image):
        return cmd.align(block.align.value) + raster_image(block.image, profile.dots) + cmd.LF
    raise TypeError(f"not a receipt block: {type(block).__name__}")


# -- text ------------------------------------------------------------------------------------
def needs_raster(line: str, block: Text, profile: PrinterProfile) -> bool:
    """Whether the printer cannot print this line itself: a character outside its font, or a
    size beyond its largest (GS ! 0x33 on a printer with 1x and 2x only)."""
    if max(block.width, block.height) > profile.max_size:
        return True
    return not all(in_font(ch, profile.font) for ch in line)


def _text(block: Text, profile: PrinterProfile) -> bytes:
    """Every block leaves the printer in the default style (1x, not bold, no underline), as
    ESC @ left it at the job's start, so a plain block sends no style commands at all."""
    lines = wrap(block.text, profile.columns // block.width)
    styled = block.bold or block.underline or (block.width, block.height) != (1, 1)
    out = bytearray(cmd.align(block.align.value))
    style_on = False
    for line in lines:
        if needs_raster(line, block, profile):
            out += _raster_line(line, block, profile)
            continue
        if styled and not style_on:
            out += cmd.bold(block.bold) + cmd.char_size(block.width, block.height)
            out += cmd.underline(True) if block.underline else b""
            style_on = True
        out += encode_gb(line) + cmd.LF
    if style_on:
        out += cmd.underline(False) if block.underline else b""
        out += cmd.char_size(1, 1) + cmd.bold(False)
    return bytes(out)


def _raster_line(line: str, block: Text, profile: PrinterProfile) -> bytes:
    """The line drawn as the printer would draw it, as a GS v 0 image as tall as a printed line
    (so the lines after it stay where text would have put them) and placed where the printer's
    justification puts text: the image is padded to whole bytes around the text's own place."""
    glyphs = draw_text(
        line, bold=block.bold, underline=block.underline, wmul=block.width, hmul=block.height
    )
    w = glyphs.width
    padded = min(profile.dots, -(-w // 8) * 8)
    align = block.align
    offset = {Align.LEFT: 0, Align.CENTER: 0, Align.RIGHT: padded - w}[align]
    if align is Align.CENTER:  # the printer centres ``padded``; text is centred on ``w``
        offset = (profile.dots - w) // 2 - (profile.dots - padded) // 2
    height = max(_LINE_PITCH, CELL_H * block.height)
    band = PILImage.new("L", (padded, height), 255)
    band.paste(glyphs, (offset, 0))
    return raster_image(band, profile.dots, dither=False)


# -- QR codes --------------------------------------------------------------------------------
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
    return head + raster_image(img, profile.dots, dither=False) + cmd.LF


# -- barcodes --------------------------------------------------------------------------------
def _barcode(block: Barcode, profile: PrinterProfile) -> bytes:
    data = code128.escpos_data(block.data)
    module = code128.fit_module(data, profile.dots, block.module)
    if module is None:  # not even 2-dot modules fit: the same data as a QR code
        return _qr(QrCode(block.data, module=4, align=block.align), profile)
    head = cmd.align(block.align.value)
    if profile.barcode:
        return head + cmd.barcode_code128(data, block.height, module, block.hri) + cmd.LF
    decoded = code128.decode_values(data)
    assert decoded is not None  # escpos_data makes data a printer accepts
    bars = np.array([m == "1" for m in code128.modules(decoded[0])]).repeat(module)
    img = PILImage.fromarray(np.where(np.tile(bars, (block.height, 1)), 0, 255).astype(np.uint8))
    if block.hri:
        hri = draw_text(decoded[1])
        full = PILImage.new("L", (img.width, img.height + hri.height), 255)
        full.paste(img, (0, 0))
        full.paste(hri, (max(0, (img.width - hri.width) // 2), img.height))
        img = full
    return head + raster_image(img, profile.dots, dither=False) + cmd.LF


# -- raster images ---------------------------------------------------------------------------
def raster_image(img: PILImage.Image, max_dots: int, *, dither: bool = True) -> bytes:
    """GS v 0 slices for a picture, scaled down to the paper width; pictures are dithered,
    text and symbols (``dither=False``) cut at mid-grey so their edges stay sharp."""
    img = img.convert("L")
    if img.width > max_dots:
        h = max(1, round(img.height * max_dots / img.width))
        img = img.resize((max_dots, h), PILImage.Resampling.LANCZOS)
    mode = PILImage.Dither.FLOYDSTEINBERG if dither else PILImage.Dither.NONE
    ink = np.asarray(img.convert("1", dither=mode)) == 0
    packed = np.packbits(ink, axis=1)  # rows padded to whole bytes, most significant bit left
    out = bytearray()
    for top in range(0, packed.shape[0], _RASTER_SLICE_ROWS):
        part = packed[top : top + _RASTER_SLICE_ROWS]
        out += cmd.raster(part.shape[1], part.shape[0], part.tobytes())
    return bytes(out)


__all__ = ["Align", "encode", "encode_block", "needs_raster", "raster_image"]
