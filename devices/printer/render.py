"""Draw what one printer prints for a stream of ESC/POS bytes: the preview is the printer.

Used for receipt previews, the technician panel's test print, the simulator and the tests. It
works from the bytes alone, with the rules of the printer's profile (devices.printer.profiles):

- the head's width in dots; text wraps where the printer wraps it, and a raster image wider than
  the head is clipped, as the head has no more dots;
- font A cells of 12 x 24 dots, a Chinese character 24 x 24; GS ! multipliers up to the
  profile's largest size (a larger request prints at the largest: assumption, printers differ);
- the ROM font's coverage: a character the printer's font lacks is drawn as a crossed box, and
  listed in ``Renderer.missing`` — what a GB2312-only printer does to 喆 is not a clean glyph;
- ESC a justification, GS v 0 raster images, QR codes from GS ( k (drawn with segno, so they
  decode like the real ones; not printed where the profile has no GS ( k);
- CODE128 from GS k 73 decoded as the printer decodes it (code set selections, code set C
  pairs; see devices.printer.code128), module width from GS w; a barcode wider than the head is
  not printed at all, as printers do, and where the profile has no GS k nothing is printed.

Every printed thing is kept in ``Renderer.items`` (kind, text, position, size) so tests can set
the preview beside an independent decoding of the same bytes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image as PILImage
from PIL import ImageDraw

from devices.printer import code128
from devices.printer.gbtext import char_columns, in_font
from devices.printer.glyphs import CJK_FONT, draw_missing, draw_text, load_font
from devices.printer.parser import EscPosParser, Op
from devices.printer.profiles import CELL_H, CELL_W, PrinterProfile, get_profile
from devices.printer.qrimage import qr_image

log = logging.getLogger(__name__)

DEFAULT_SPACING = 30  # ESC 2: 1/6 inch, 30 dots (TM-T20II technical reference: 3.75 mm)
MAX_PAGE_DOTS = 16000  # 2 m of paper at 203 dpi: no receipt is longer
_EC_LETTERS = "LMQH"

__all__ = ["CJK_FONT", "Printed", "Renderer", "load_font", "render", "render_with", "save_png"]


@dataclass(frozen=True)
class Printed:
    """One thing on the paper: ``kind`` is text, image, barcode or qr; ``top`` counts from the
    top of its receipt, ``left`` from the head's first dot."""

    kind: str
    text: str
    top: int
    left: int
    width: int
    height: int


@dataclass
class _Style:
    align: int = 0
    bold: bool = False
    underline: bool = False
    wmul: int = 1
    hmul: int = 1
    spacing: int = DEFAULT_SPACING


@dataclass
class _Seg:
    text: str
    bold: bool
    underline: bool
    wmul: int
    hmul: int
    width: int


@dataclass
class _Page:
    bands: list[PILImage.Image] = field(default_factory=list)
    height: int = 0
    items: list[Printed] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.bands


class Renderer:
    """Incremental: feed operations, collect one image per cut (``take()``)."""

    def __init__(self, profile: PrinterProfile | None = None, font_path: str | None = None) -> None:
        self.profile = profile or get_profile("80mm")
        self.dots = self.profile.dots
        self.font_path = font_path
        load_font(font_path)  # warn once now if the font is missing
        self.style = _Style()
        self.line: list[_Seg] = []
        self.line_w = 0
        self.page = _Page()
        self.done: list[PILImage.Image] = []
        self.done_items: list[list[Printed]] = []
        self.missing: list[str] = []
        """Characters the printer's font could not draw (each printed as a crossed box)."""
        self.dropped: list[str] = []
        """Symbols the printer would not print, and why (too wide, no such command)."""
        self.overflow: list[str] = []
        """Lines the printer had to wrap and images it had to clip: wider than the head."""
        self.chinese = False
        self.qr_data = b""
        self.qr_module = 3
        self.qr_ec = 0
        self.bc_height = 162
        self.bc_width = 3
        self.bc_hri = 0

    # -- public ----------------------------------------------------------------------------
    def feed(self, ops: Iterable[Op]) -> None:
        for op in ops:
            self._op(op)

    def take(self) -> list[PILImage.Image]:
        """Receipts completed by a cut since the last call (their items: ``take_items``)."""
        out, self.done = self.done, []
        return out

    def take_items(self) -> list[list[Printed]]:
        out, self.done_items = self.done_items, []
        return out

    def flush(self) -> PILImage.Image | None:
        """What is printed but not yet cut (a job without a cut), or None."""
        self._end_line(force=False)
        if self.page.empty:
            return None
        return self._close_page()

    # -- operations ------------------------------------------------------------------------
    def _op(self, op: Op) -> None:
        k = op.kind
        st = self.style
        if k == "text":
            self._add_text(op.text)
        elif k == "lf":
            self._end_line(force=True)
        elif k == "feed":
            self._end_line(force=False)
            self._blank(st.spacing * op.value)
        elif k == "feed_dots":
            self._end_line(force=False)
            self._blank(op.value)
        elif k == "init":
            self.style = _Style()
            self.line, self.line_w = [], 0
            self.chinese = False
        elif k == "chinese":
            self.chinese = bool(op.value)
        elif k == "align":
            st.align = op.value if op.value in (0, 1, 2) else 0
        elif k == "bold":
            st.bold = bool(op.value & 1)
        elif k == "underline":
            st.underline = bool(op.value & 3)
        elif k == "size":
            st.wmul = min(((op.value >> 4) & 7) + 1, self.profile.max_size)
            st.hmul = min((op.value & 7) + 1, self.profile.max_size)
        elif k == "print_mode":
            st.bold = bool(op.value & 0x08)
            st.hmul = 2 if op.value & 0x10 else 1
            st.wmul = 2 if op.value & 0x20 else 1
            st.underline = bool(op.value & 0x80)
        elif k == "line_spacing":
            st.spacing = DEFAULT_SPACING if op.value < 0 else op.value
        elif k == "qr_size":
            self.qr_module = min(16, max(1, op.value))
        elif k == "qr_ec":
            self.qr_ec = op.value
        elif k == "qr_store":
            self.qr_data = op.data
        elif k == "qr_print":
            self._qr()
        elif k == "raster":
            self._raster(op)
        elif k == "barcode_height":
            self.bc_height = max(1, op.value)
        elif k == "barcode_width":
            if 2 <= op.value <= 6:  # GS w: n = 2..6, others ignored
                self.bc_width = op.value
        elif k == "barcode_hri":
            self.bc_hri = op.value % 48 if op.value >= 48 else op.value
        elif k == "barcode":
            self._barcode(op)
        elif k == "cut":
            self._end_line(force=False)
            self._finish_page()
        # status, unknown, gs_paren: nothing to draw

    # -- text ------------------------------------------------------------------------------
    def _add_text(self, text: str) -> None:
        st = self.style
        font = self.profile.font
        for ch in text:
            cw = CELL_W * char_columns(ch) * st.wmul
            if cw > self.dots:
                continue
            if self.line_w + cw > self.dots:  # the printer wraps a full line by itself
                self.overflow.append("text: " + "".join(seg.text for seg in self.line) + ch)
                self._end_line(force=True)
            if self.chinese and ord(ch) >= 0x80 and ch != "\ufffd" and not in_font(ch, font):
                self.missing.append(ch)
                ch = "\ufffd"  # drawn as a crossed box
            last = self.line[-1] if self.line else None
            if last and (last.bold, last.underline, last.wmul, last.hmul) == (
                st.bold,
                st.underline,
                st.wmul,
                st.hmul,
            ):
                last.text += ch
                last.width += cw
            else:
                self.line.append(_Seg(ch, st.bold, st.underline, st.wmul, st.hmul, cw))
            self.line_w += cw

    def _end_line(self, force: bool) -> None:
        """Print the line buffer; an empty LF still advances the paper by one line."""
        if not self.line:
            if force:
                self._blank(self.style.spacing)
            return
        tallest = max(s.hmul for s in self.line) * CELL_H
        # the paper moves by the line spacing, or by the line's height where that is larger
        height = max(self.style.spacing, tallest)
        band = PILImage.new("L", (self.dots, height), 255)
        x0 = x = self._x_for(self.line_w)
        for seg in self.line:
            img = self._draw_seg(seg)
            band.paste(img, (x, tallest - img.height))
            x += seg.width
        text = "".join(s.text for s in self.line)
        self._note(Printed("text", text, self.page.height, x0, self.line_w, tallest))
        self._add_band(band)
        self.line, self.line_w = [], 0

    def _draw_seg(self, seg: _Seg) -> PILImage.Image:
        """A run of one style; boxes where the font had no glyph."""
        parts = seg.text.split("\ufffd")
        if len(parts) == 1:
            return draw_text(
                seg.text,
                bold=seg.bold,
                underline=seg.underline,
                wmul=seg.wmul,
                hmul=seg.hmul,
                font_path=self.font_path,
            )
        img = PILImage.new("L", (seg.width, CELL_H * seg.hmul), 255)
        x = 0
        for i, part in enumerate(parts):
            if part:
                piece = draw_text(
                    part,
                    bold=seg.bold,
                    underline=seg.underline,
                    wmul=seg.wmul,
                    hmul=seg.hmul,
                    font_path=self.font_path,
                )
                img.paste(piece, (x, 0))
                x += piece.width
            if i < len(parts) - 1:
                box = draw_missing(seg.wmul, seg.hmul)
                img.paste(box, (x, 0))
                x += box.width
        return img

    # -- graphics --------------------------------------------------------------------------
    def _x_for(self, width: int) -> int:
        free = max(0, self.dots - width)
        return {0: 0, 1: free // 2, 2: free}.get(self.style.align, 0)

    def _place(self, img: PILImage.Image, kind: str, text: str) -> None:
        self._end_line(force=False)
        if img.width > self.dots:  # beyond the head: those dots do not exist
            self.overflow.append(f"{kind}: {img.width} dots on a {self.dots}-dot head")
            img = img.crop((0, 0, self.dots, img.height))
        band = PILImage.new("L", (self.dots, img.height), 255)
        x = self._x_for(img.width)
        band.paste(img, (x, 0))
        self._note(Printed(kind, text, self.page.height, x, img.width, img.height))
        self._add_band(band)

    def _qr(self) -> None:
        if not self.qr_data:
            return
        if not self.profile.native_qr:
            self.dropped.append("QR code: the printer has no GS ( k")
            return
        try:
            img = qr_image(self.qr_data, _EC_LETTERS[self.qr_ec % 4], self.qr_module)
        except Exception:  # data too long for any QR version: a printer prints nothing
            self.dropped.append("QR code: too much data")
            return
        if img.width > self.dots:
            self.dropped.append(f"QR code {img.width} dots wide on a {self.dots}-dot head")
            return
        self._place(img, "qr", self.qr_data.decode("utf-8", errors="replace"))

    def _raster(self, op: Op) -> None:
        wb, h = op.value, op.value2
        if wb == 0 or h == 0 or len(op.data) < wb * h:
            return
        bits = np.unpackbits(np.frombuffer(op.data[: wb * h], dtype=np.uint8)).reshape(h, wb * 8)
        img = PILImage.fromarray(np.where(bits > 0, 0, 255).astype(np.uint8), mode="L")
        self._place(img, "image", f"{img.width}x{img.height}")

    def _barcode(self, op: Op) -> None:
        if not self.profile.barcode:
            self.dropped.append("barcode: the printer has no GS k CODE128")
            return
        decoded = code128.decode_values(op.data) if op.value == 73 else None
        if decoded is None:  # a symbology the preview does not draw: a framed placeholder
            text = op.data.decode("ascii", errors="replace")
            img = PILImage.new("L", (min(self.dots, 24 * len(text) + 8), self.bc_height), 255)
            ImageDraw.Draw(img).rectangle((0, 0, img.width - 1, self.bc_height - 1), outline=0)
            self._place(img, "barcode", text)
            return
        values, text = decoded
        row = np.array([0 if m == "1" else 255 for m in code128.modules(values)], dtype=np.uint8)
        row = np.repeat(row, self.bc_width)
        if len(row) > self.dots:  # printers print no barcode at all when the bars do not fit
            self.dropped.append(f"barcode {text}: {len(row)} dots on a {self.dots}-dot head")
            return
        hri_h = CELL_H if self.bc_hri in (2, 3) else 0
        img = PILImage.new("L", (len(row), self.bc_height + hri_h), 255)
        img.paste(PILImage.fromarray(np.tile(row, (self.bc_height, 1)), mode="L"), (0, 0))
        if hri_h:
            hri = draw_text(text, font_path=self.font_path)
            img.paste(hri, (max(0, (img.width - hri.width) // 2), self.bc_height))
        self._place(img, "barcode", text)

    def _blank(self, height: int) -> None:
        if height > 0:
            self._add_band(PILImage.new("L", (self.dots, min(height, 4000)), 255))

    def _note(self, item: Printed) -> None:
        self.page.items.append(item)

    def _add_band(self, band: PILImage.Image) -> None:
        """Append to the page; a page longer than MAX_PAGE_DOTS is cut off as a receipt, so a
        stream with no cut (or a hostile one) cannot grow one image without bound."""
        self.page.bands.append(band)
        self.page.height += band.height
        if self.page.height >= MAX_PAGE_DOTS:
            self._finish_page()

    def _finish_page(self) -> None:
        self.done_items.append(self.page.items)
        self.done.append(self._close_page())

    def _close_page(self) -> PILImage.Image:
        bands = self.page.bands or [PILImage.new("L", (self.dots, 1), 255)]
        out = PILImage.new("L", (self.dots, sum(b.height for b in bands)), 255)
        y = 0
        for b in bands:
            out.paste(b, (0, y))
            y += b.height
        self.page = _Page()
        return out


def render_with(
    data: bytes, profile: PrinterProfile | str = "80mm", font_path: str | None = None
) -> tuple[list[PILImage.Image], Renderer]:
    """The receipts (split at cuts, plus the uncut rest) and the renderer that drew them, with
    what it printed where (``take_items``), the characters the font lacked and the symbols the
    printer would drop."""
    prof = get_profile(profile) if isinstance(profile, str) else profile
    parser = EscPosParser()
    r = Renderer(prof, font_path)
    r.feed(parser.feed(data))
    r.feed(parser.close())
    out = r.take()
    pending = r.page.items  # the uncut rest's items (flush starts a new page)
    rest = r.flush()
    if rest is not None:
        out.append(rest)
        r.done_items.append(pending)
    return out, r


def render(
    data: bytes, profile: PrinterProfile | str = "80mm", font_path: str | None = None
) -> list[PILImage.Image]:
    """One image per receipt (split at cuts), plus the uncut rest if anything was printed."""
    return render_with(data, profile, font_path)[0]


def save_png(image: PILImage.Image, path: Path) -> Path:
    """Save a receipt as a 1-bit PNG (what a thermal head can show, and small on disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.convert("1", dither=PILImage.Dither.NONE).save(path, format="PNG", optimize=True)
    return path
