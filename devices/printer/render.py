"""Draw what a thermal printer would print for a stream of ESC/POS bytes.

Used for receipt previews, the technician panel's test print, the simulator and the tests. It
models a 203 dpi head: font A cells of 12 x 24 dots (a Chinese character takes 24 x 24), GS !
multipliers, ESC a justification, QR codes from GS ( k drawn by segno (so they decode like the
real ones), GS v 0 raster images, CODE128 barcodes from python-barcode. Glyphs come from Noto
Sans CJK when it is installed; without it Pillow's default font is used, which draws Latin text
and boxes for Chinese — previews degrade, nothing fails.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from barcode.codex import Code128
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from devices.printer.gbtext import char_columns
from devices.printer.parser import EscPosParser, Op
from devices.printer.qrimage import qr_image

log = logging.getLogger(__name__)

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_CJK_FONT_INDEX = 2  # Noto Sans CJK SC inside the collection
CELL_W, CELL_H = 12, 24
DEFAULT_SPACING = 30
MAX_PAGE_DOTS = 16000  # 2 m of paper at 203 dpi: no receipt is longer
_EC_LETTERS = "LMQH"

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=4)
def load_font(path: str | None = None, size: int = 22) -> Font:
    """The CJK font, or Pillow's default when it is missing (logged once, never raised)."""
    p = Path(path) if path else CJK_FONT
    try:
        return ImageFont.truetype(str(p), size, index=_CJK_FONT_INDEX if p.suffix == ".ttc" else 0)
    except OSError:
        log.warning("printer preview font %s not found; Chinese will show as boxes", p)
        return ImageFont.load_default(size=size)


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

    @property
    def empty(self) -> bool:
        return not self.bands


class Renderer:
    """Incremental: feed operations, collect one image per cut (``take()``)."""

    def __init__(self, dots: int = 576, font_path: str | None = None) -> None:
        self.dots = dots
        self.font = load_font(font_path)
        self.style = _Style()
        self.line: list[_Seg] = []
        self.line_w = 0
        self.page = _Page()
        self.done: list[PILImage.Image] = []
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
        """Receipts completed by a cut since the last call."""
        out, self.done = self.done, []
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
        elif k == "align":
            st.align = op.value if op.value in (0, 1, 2) else 0
        elif k == "bold":
            st.bold = bool(op.value & 1)
        elif k == "underline":
            st.underline = bool(op.value & 3)
        elif k == "size":
            st.wmul = ((op.value >> 4) & 7) + 1
            st.hmul = (op.value & 7) + 1
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
            self.bc_width = min(6, max(1, op.value))
        elif k == "barcode_hri":
            self.bc_hri = op.value % 48 if op.value >= 48 else op.value
        elif k == "barcode":
            self._barcode(op)
        elif k == "cut":
            self._end_line(force=False)
            self.done.append(self._close_page())
        # status, chinese, unknown, gs_paren: nothing to draw

    # -- text ------------------------------------------------------------------------------
    def _add_text(self, text: str) -> None:
        st = self.style
        for ch in text:
            cw = (CELL_W * char_columns(ch)) * st.wmul
            if cw > self.dots:
                continue
            if self.line_w + cw > self.dots:  # the printer wraps a full line by itself
                self._end_line(force=True)
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
        height = max(self.style.spacing, tallest + 6)
        band = PILImage.new("L", (self.dots, height), 255)
        x = self._x_for(self.line_w)
        for seg in self.line:
            img = self._draw_seg(seg)
            band.paste(img, (x, tallest - img.height))
            x += seg.width
        self._add_band(band)
        self.line, self.line_w = [], 0

    def _draw_seg(self, seg: _Seg) -> PILImage.Image:
        base_w = seg.width // seg.wmul
        img = PILImage.new("L", (max(1, base_w), CELL_H), 255)
        draw = ImageDraw.Draw(img)
        x = 0
        stroke = 1 if seg.bold else 0
        for ch in seg.text:
            cw = CELL_W * char_columns(ch)
            gw = int(self.font.getlength(ch)) + 2 * stroke
            if gw <= cw:
                draw.text(
                    (x + cw / 2, CELL_H - 3),
                    ch,
                    font=self.font,
                    fill=0,
                    anchor="ms",
                    stroke_width=stroke,
                    stroke_fill=0,
                )
            else:  # a wide Latin glyph (M, W) is squeezed into its cell like a printer font
                glyph = PILImage.new("L", (gw, CELL_H), 255)
                ImageDraw.Draw(glyph).text(
                    (gw / 2, CELL_H - 3),
                    ch,
                    font=self.font,
                    fill=0,
                    anchor="ms",
                    stroke_width=stroke,
                    stroke_fill=0,
                )
                img.paste(glyph.resize((cw, CELL_H), PILImage.Resampling.LANCZOS), (x, 0))
            x += cw
        if seg.underline:
            draw.line((0, CELL_H - 1, base_w, CELL_H - 1), fill=0, width=1)
        if seg.wmul != 1 or seg.hmul != 1:
            img = img.resize((seg.width, CELL_H * seg.hmul), PILImage.Resampling.NEAREST)
        return img

    # -- graphics --------------------------------------------------------------------------
    def _x_for(self, width: int) -> int:
        free = max(0, self.dots - width)
        return {0: 0, 1: free // 2, 2: free}.get(self.style.align, 0)

    def _place(self, img: PILImage.Image) -> None:
        self._end_line(force=False)
        if img.width > self.dots:
            img = img.crop((0, 0, self.dots, img.height))
        band = PILImage.new("L", (self.dots, img.height), 255)
        band.paste(img, (self._x_for(img.width), 0))
        self._add_band(band)

    def _qr(self) -> None:
        if not self.qr_data:
            return
        try:
            img = qr_image(self.qr_data, _EC_LETTERS[self.qr_ec % 4], self.qr_module)
        except Exception:  # data too long for any QR version: a printer prints nothing
            return
        self._place(img)

    def _raster(self, op: Op) -> None:
        wb, h = op.value, op.value2
        if wb == 0 or h == 0 or len(op.data) < wb * h:
            return
        bits = np.unpackbits(np.frombuffer(op.data[: wb * h], dtype=np.uint8)).reshape(h, wb * 8)
        img = PILImage.fromarray(np.where(bits > 0, 0, 255).astype(np.uint8), mode="L")
        self._place(img)

    def _barcode(self, op: Op) -> None:
        data = op.data
        if op.value == 73 and data[:1] == b"{" and len(data) >= 2:
            data = data[2:]
        text = data.decode("ascii", errors="replace")
        if not text:
            return
        hri_h = CELL_H + 4 if self.bc_hri in (2, 3) else 0
        try:
            modules = "".join(Code128(text).build()) if op.value in (8, 73) else ""
        except Exception:
            modules = ""
        if modules:
            row = np.array([0 if m == "1" else 255 for m in modules], dtype=np.uint8)
            row = np.repeat(row, self.bc_width)
            bars = np.tile(row, (self.bc_height, 1))
            img = PILImage.new("L", (len(row) + 20 * self.bc_width, self.bc_height + hri_h), 255)
            img.paste(PILImage.fromarray(bars, mode="L"), (10 * self.bc_width, 0))
        else:  # a symbology the preview does not draw: a framed placeholder with the data
            img = PILImage.new(
                "L", (min(self.dots, 24 * len(text) + 8), self.bc_height + hri_h), 255
            )
            ImageDraw.Draw(img).rectangle((0, 0, img.width - 1, self.bc_height - 1), outline=0)
        if hri_h:
            ImageDraw.Draw(img).text(
                (img.width / 2, self.bc_height + CELL_H), text, font=self.font, fill=0, anchor="ms"
            )
        self._place(img)

    def _blank(self, height: int) -> None:
        if height > 0:
            self._add_band(PILImage.new("L", (self.dots, min(height, 4000)), 255))

    def _add_band(self, band: PILImage.Image) -> None:
        """Append to the page; a page longer than MAX_PAGE_DOTS is cut off as a receipt, so a
        stream with no cut (or a hostile one) cannot grow one image without bound."""
        self.page.bands.append(band)
        self.page.height += band.height
        if self.page.height >= MAX_PAGE_DOTS:
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


def render(data: bytes, dots: int = 576, font_path: str | None = None) -> list[PILImage.Image]:
    """One image per receipt (split at cuts), plus the uncut rest if anything was printed."""
    parser = EscPosParser()
    r = Renderer(dots, font_path)
    r.feed(parser.feed(data))
    r.feed(parser.close())
    out = r.take()
    rest = r.flush()
    if rest is not None:
        out.append(rest)
    return out


def save_png(image: PILImage.Image, path: Path) -> Path:
    """Save a receipt as a 1-bit PNG (what a thermal head can show, and small on disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.convert("1", dither=PILImage.Dither.NONE).save(path, format="PNG", optimize=True)
    return path
