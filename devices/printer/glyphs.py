"""Text drawn in printer cells: the one place glyphs are painted.

The renderer draws what a printer's ROM font prints with it, and the encoder draws with it the
lines a printer's font cannot print (rare characters, sizes beyond the printer's largest) as
raster images — so a raster line and a text line look alike on paper and in the preview, cell
for cell. Glyphs come from Noto Sans CJK (Debian's fonts-noto-cjk, installed by bootstrap.sh);
without it Pillow's default font draws Latin text and boxes for Chinese: previews degrade, a
warning is logged once, nothing fails.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from devices.printer.gbtext import char_columns
from devices.printer.profiles import CELL_H, CELL_W

log = logging.getLogger(__name__)

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_CJK_FONT_INDEX = 2  # Noto Sans CJK SC inside the collection

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=4)
def load_font(path: str | None = None, size: int = 22) -> Font:
    """The CJK font, or Pillow's default when it is missing (logged once, never raised)."""
    p = Path(path) if path else CJK_FONT
    try:
        return ImageFont.truetype(str(p), size, index=_CJK_FONT_INDEX if p.suffix == ".ttc" else 0)
    except OSError:
        log.warning("printer font %s not found; Chinese will show as boxes", p)
        return ImageFont.load_default(size=size)


def text_width(text: str, wmul: int = 1) -> int:
    """Dots a run of text takes at width multiplier ``wmul``."""
    return sum(CELL_W * char_columns(ch) for ch in text) * wmul


def draw_text(
    text: str,
    *,
    bold: bool = False,
    underline: bool = False,
    wmul: int = 1,
    hmul: int = 1,
    font_path: str | None = None,
) -> PILImage.Image:
    """An 'L' image of ``text`` in font A cells, enlarged by GS ! multipliers (dot for dot, as a
    printer enlarges its font: every dot becomes a wmul x hmul block)."""
    font = load_font(font_path)
    base_w = text_width(text)
    img = PILImage.new("L", (max(1, base_w), CELL_H), 255)
    draw = ImageDraw.Draw(img)
    x = 0
    stroke = 1 if bold else 0
    for ch in text:
        cw = CELL_W * char_columns(ch)
        gw = int(font.getlength(ch)) + 2 * stroke
        if gw <= cw:
            draw.text(
                (x + cw / 2, CELL_H - 3),
                ch,
                font=font,
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
                font=font,
                fill=0,
                anchor="ms",
                stroke_width=stroke,
                stroke_fill=0,
            )
            img.paste(glyph.resize((cw, CELL_H), PILImage.Resampling.LANCZOS), (x, 0))
        x += cw
    if underline:
        draw.line((0, CELL_H - 1, base_w, CELL_H - 1), fill=0, width=1)
    if wmul != 1 or hmul != 1:
        img = img.resize((base_w * wmul, CELL_H * hmul), PILImage.Resampling.NEAREST)
    return img


def draw_missing(wmul: int = 1, hmul: int = 1) -> PILImage.Image:
    """What a printer prints for a code its font lacks, drawn as a crossed box in a full-width
    cell so a preview shows it plainly (printers print a blank, a box or a wrong glyph)."""
    img = PILImage.new("L", (2 * CELL_W, CELL_H), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((1, 1, 2 * CELL_W - 2, CELL_H - 2), outline=0)
    draw.line((1, CELL_H - 2, 2 * CELL_W - 2, 1), fill=0)
    if wmul != 1 or hmul != 1:
        img = img.resize((img.width * wmul, CELL_H * hmul), PILImage.Resampling.NEAREST)
    return img
