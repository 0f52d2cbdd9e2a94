"""A4 documents drawn on the terminal as PDF (and PNG, for a preview that is the same drawing).

Why cairo + Pango (cairocffi, pangocffi): the terminal's CJK font is Noto Sans/Serif CJK
(Debian's fonts-noto-cjk), whose outlines are CFF. Cairo embeds a subset of those outlines as a
CID font with a ToUnicode map — the Chinese on the page stays text (searchable, readable by
pdftotext, kept through CUPS's filters) and the PDF stays small — and does it in C: a warm
one-page licence copy renders in a few tens of milliseconds (benchmarks/a4_render.py).
ReportLab cannot embed CFF outlines at all (its TTF embedding needs TrueType glyphs), and
fpdf2, which can, parses and subsets the 20 MB font collection in Python: about half a second
per font per document here, which would eat the 1 s budget from "print" to the first page in
CUPS by itself. Pango lays the text out with the Unicode line-breaking rules (UAX #14), so a
line never starts with "，" or "。" and mixed Chinese/Latin wraps as a Chinese reader expects.
Qt's QPdfWriter would do as well, but devices/ (and the terminal's Qt-free core that builds
these documents) must not import Qt.

The model is a flow of blocks (headings, paragraphs, label/value rows, checklists, QR codes)
laid out top to bottom over A4 pages at true size (210 × 297 mm, 1 pt = 1/72 in), with an
optional watermark drawn *over* every page and a footer with page numbers. Layout happens once;
``pdf()`` and ``png()`` draw the same layout.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

MM = 72 / 25.4  # points per millimetre
A4_W = 210 * MM
A4_H = 297 * MM

SANS = "Noto Sans CJK SC"
SERIF = "Noto Serif CJK SC"


class RenderError(Exception):
    """The document cannot be drawn here (the CJK font is missing, a block is malformed)."""


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Watermark:
    """Lines repeated diagonally across the whole page, so no part of it can be cut out without
    them. For licence copies (国办函〔2016〕108号: the copy states what it may be used for).

    Drawn in an opaque light grey *under* the content rather than translucent over it: a
    PostScript printer driver (cups-pdf's chain, many office printers) has no transparency,
    and CUPS would turn a translucent page into one picture, losing the text.
    """

    lines: tuple[str, ...]
    size_pt: float = 15.0
    angle_deg: float = -30.0
    grey: float = 0.80


@dataclass(frozen=True)
class Rendered:
    """A finished PDF and what a caller needs to know about it without parsing it."""

    pdf: bytes
    pages: int


# -- blocks ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Text:
    text: str
    size: float
    bold: bool = False
    align: Align = Align.LEFT
    grey: float = 0.0  # 0 black … 1 white
    family: str = SANS
    indent: float = 0.0
    space_after: float = 4.0


@dataclass(frozen=True)
class _Row:
    label: str
    value: str
    size: float
    label_width: float  # fraction of the text width
    top_rule: bool
    family: str


@dataclass(frozen=True)
class _Qr:
    payload: str
    side: float  # points
    caption: str
    align: Align


@dataclass(frozen=True)
class _Space:
    height: float


@dataclass(frozen=True)
class _Rule:
    pass


@dataclass(frozen=True)
class _PageBreak:
    pass


_Block = _Text | _Row | _Qr | _Space | _Rule | _PageBreak


@dataclass
class _Placed:
    block: _Block
    y: float
    height: float


@dataclass
class A4Document:
    """Build with the block methods, then ``pdf()`` (or ``png(page)`` for a preview).

    ``title`` goes into the PDF's metadata and must name the *kind* of document only (it ends up
    in CUPS's job and spool file names): never a person's name or number.
    """

    title: str
    watermark: Watermark | None = None
    footer: str = ""
    family: str = SANS
    margin: float = 20 * MM
    _blocks: list[_Block] = field(default_factory=list)

    # -- building -----------------------------------------------------------------------------
    def heading(self, text: str, size: float = 22, align: Align = Align.CENTER) -> A4Document:
        self._blocks.append(_Text(text, size, True, align, family=self.family, space_after=10))
        return self

    def paragraph(
        self,
        text: str,
        size: float = 12,
        *,
        bold: bool = False,
        align: Align = Align.LEFT,
        grey: float = 0.0,
        indent_mm: float = 0.0,
        space_after: float = 4.0,
    ) -> A4Document:
        block = _Text(text, size, bold, align, grey, self.family, indent_mm * MM, space_after)
        self._blocks.append(block)
        return self

    def fields(
        self, rows: Sequence[tuple[str, str]], size: float = 13, label_width: float = 0.28
    ) -> A4Document:
        """Label/value rows in a ruled table (a licence's fields, a receipt's facts)."""
        for i, (label, value) in enumerate(rows):
            self._blocks.append(_Row(label, value, size, label_width, i == 0, self.family))
        self._blocks.append(_Space(8))
        return self

    def checklist(self, items: Sequence[str], size: float = 13) -> A4Document:
        for i, item in enumerate(items, 1):
            self._blocks.append(_Text(f"□  {i}. {item}", size, family=self.family, indent=6))
        return self

    def qr(
        self, payload: str, side_mm: float = 30, caption: str = "", align: Align = Align.RIGHT
    ) -> A4Document:
        if not payload:
            raise RenderError("a QR code needs a payload")
        self._blocks.append(_Qr(payload, side_mm * MM, caption, align))
        return self

    def space(self, mm: float) -> A4Document:
        self._blocks.append(_Space(mm * MM))
        return self

    def rule(self) -> A4Document:
        self._blocks.append(_Rule())
        return self

    def page_break(self) -> A4Document:
        self._blocks.append(_PageBreak())
        return self

    # -- output -------------------------------------------------------------------------------
    def pdf(self) -> Rendered:
        import cairocffi as cairo

        buf = io.BytesIO()
        surface = cairo.PDFSurface(buf, A4_W, A4_H)
        surface.set_metadata(cairo.PDF_METADATA_TITLE, self.title)
        surface.set_metadata(cairo.PDF_METADATA_CREATOR, "kiosk-terminal")
        ctx = cairo.Context(surface)
        pages = self._layout(ctx)
        for i, page in enumerate(pages):
            self._draw_page(ctx, page, i, len(pages))
            ctx.show_page()
        surface.finish()
        return Rendered(buf.getvalue(), len(pages))

    def png(self, page: int = 0, dpi: float = 96) -> bytes:
        """One page as a PNG, drawn by the same code as the PDF (a faithful preview)."""
        import cairocffi as cairo

        scale = dpi / 72
        surface = cairo.ImageSurface(cairo.FORMAT_RGB24, round(A4_W * scale), round(A4_H * scale))
        ctx = cairo.Context(surface)
        ctx.set_source_rgb(1, 1, 1)
        ctx.paint()
        ctx.scale(scale, scale)
        pages = self._layout(ctx)
        if not 0 <= page < len(pages):
            raise RenderError(f"no page {page + 1}: the document has {len(pages)}")
        self._draw_page(ctx, pages[page], page, len(pages))
        out = io.BytesIO()
        surface.write_to_png(out)
        return out.getvalue()

    # -- layout -------------------------------------------------------------------------------
    @property
    def _width(self) -> float:
        return A4_W - 2 * self.margin

    @property
    def _bottom(self) -> float:
        return A4_H - self.margin - 12 * MM  # room for the footer

    def _layout(self, ctx: Any) -> list[list[_Placed]]:
        _check_fonts(ctx, self.family)
        pages: list[list[_Placed]] = [[]]
        y = self.margin
        for block in self._blocks:
            if isinstance(block, _PageBreak):
                pages.append([])
                y = self.margin
                continue
            h = _measure(ctx, block, self._width)
            if y + h > self._bottom and pages[-1]:
                pages.append([])
                y = self.margin
                if isinstance(block, _Space):
                    continue  # no gap at the top of a page
            pages[-1].append(_Placed(block, y, h))
            y += h
        return pages

    def _draw_page(self, ctx: Any, page: list[_Placed], index: int, count: int) -> None:
        if self.watermark is not None:
            _draw_watermark(ctx, self.watermark, self.family)
        for placed in page:
            _draw(ctx, placed.block, self.margin, placed.y, self._width)
        footer = f"第 {index + 1} 页 / 共 {count} 页"
        if self.footer:
            footer = f"{self.footer}    {footer}"
        ctx.set_source_rgb(0.35, 0.35, 0.35)
        _show(
            ctx,
            footer,
            9,
            self.margin,
            A4_H - self.margin - 6 * MM,
            self._width,
            Align.CENTER,
            family=self.family,
        )


# -- Pango helpers ---------------------------------------------------------------------------
_fonts_ok: set[str] = set()
_fonts_lock = threading.Lock()


def _check_fonts(ctx: Any, family: str) -> None:
    """Refuse to draw Chinese with a fallback font (boxes on paper) — say what to install."""
    with _fonts_lock:
        if family in _fonts_ok:
            return
    import pangocairocffi as pc
    import pangocffi as pango

    desc = pango.FontDescription()
    desc.family = family
    desc.size = pango.units_from_double(12)
    font = pango.pango.pango_context_load_font(pc.create_context(ctx).pointer, desc.pointer)
    loaded = ""
    if font != pango.ffi.NULL:
        described = pango.pango.pango_font_describe(font)
        loaded = pango.ffi.string(pango.pango.pango_font_description_get_family(described))
        pango.pango.pango_font_description_free(described)
        loaded = loaded.decode("utf-8", "replace")
    if loaded.lower() != family.lower():
        raise RenderError(
            f"the CJK font {family!r} is not installed (got {loaded or 'none'!r}); "
            "install Debian's fonts-noto-cjk"
        )
    with _fonts_lock:
        _fonts_ok.add(family)


def _layout(
    ctx: Any, text: str, size: float, width: float, align: Align, bold: bool, family: str
) -> Any:
    import pangocairocffi as pc
    import pangocffi as pango

    layout = pc.create_layout(ctx)
    desc = pango.FontDescription()
    desc.family = family
    desc.size = pango.units_from_double(size)
    desc.weight = pango.Weight.BOLD if bold else pango.Weight.NORMAL
    layout.font_description = desc
    layout.width = pango.units_from_double(width)
    layout.wrap = pango.WrapMode.WORD_CHAR
    layout.spacing = pango.units_from_double(size * 0.35)  # ≈ 1.35 line height for CJK
    layout.alignment = {
        Align.LEFT: pango.Alignment.LEFT,
        Align.CENTER: pango.Alignment.CENTER,
        Align.RIGHT: pango.Alignment.RIGHT,
    }[align]
    layout.text = text
    return layout


def _height(layout: Any) -> float:
    import pangocffi as pango

    _ink, logical = layout.get_extents()
    return float(pango.units_to_double(logical.height))


def _show(
    ctx: Any,
    text: str,
    size: float,
    x: float,
    y: float,
    width: float,
    align: Align = Align.LEFT,
    bold: bool = False,
    family: str = SANS,
) -> float:
    import pangocairocffi as pc

    layout = _layout(ctx, text, size, width, align, bold, family)
    ctx.move_to(x, y)
    pc.show_layout(ctx, layout)
    return _height(layout)


def _measure(ctx: Any, block: _Block, width: float) -> float:
    if isinstance(block, _Text):
        h = _height(
            _layout(
                ctx,
                block.text,
                block.size,
                width - block.indent,
                block.align,
                block.bold,
                block.family,
            )
        )
        return h + block.space_after
    if isinstance(block, _Row):
        return _row_height(ctx, block, width)
    if isinstance(block, _Qr):
        return block.side + (16 if block.caption else 0) + 6
    if isinstance(block, _Space):
        return block.height
    if isinstance(block, _Rule):
        return 8
    return 0


def _row_height(ctx: Any, row: _Row, width: float) -> float:
    pad = 5.0
    lw = width * row.label_width
    hl = _height(_layout(ctx, row.label, row.size, lw - 2 * pad, Align.LEFT, True, row.family))
    hv = _height(
        _layout(
            ctx, row.value or "—", row.size, width - lw - 2 * pad, Align.LEFT, False, row.family
        )
    )
    return max(hl, hv) + 2 * pad


def _draw(ctx: Any, block: _Block, x: float, y: float, width: float) -> None:
    if isinstance(block, _Text):
        ctx.set_source_rgb(block.grey, block.grey, block.grey)
        _show(
            ctx,
            block.text,
            block.size,
            x + block.indent,
            y,
            width - block.indent,
            block.align,
            block.bold,
            block.family,
        )
    elif isinstance(block, _Row):
        _draw_row(ctx, block, x, y, width)
    elif isinstance(block, _Qr):
        _draw_qr(ctx, block, x, y, width)
    elif isinstance(block, _Rule):
        ctx.set_source_rgb(0.5, 0.5, 0.5)
        ctx.set_line_width(0.6)
        ctx.move_to(x, y + 4)
        ctx.line_to(x + width, y + 4)
        ctx.stroke()


def _draw_row(ctx: Any, row: _Row, x: float, y: float, width: float) -> None:
    pad = 5.0
    h = _row_height(ctx, row, width)
    lw = width * row.label_width
    ctx.set_source_rgb(0.3, 0.3, 0.3)
    ctx.set_line_width(0.7)
    ctx.rectangle(x, y, width, h)
    ctx.move_to(x + lw, y)
    ctx.line_to(x + lw, y + h)
    ctx.stroke()
    ctx.set_source_rgb(0, 0, 0)
    _show(ctx, row.label, row.size, x + pad, y + pad, lw - 2 * pad, bold=True, family=row.family)
    _show(ctx, row.value or "—", row.size, x + lw + pad, y + pad, width - lw - 2 * pad,
          family=row.family)  # fmt: skip


def _qr_matrix(payload: str) -> list[list[bool]]:
    import segno

    code = segno.make_qr(payload, error="m")
    return [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=0)]


def _draw_qr(ctx: Any, block: _Qr, x: float, y: float, width: float) -> None:
    rows = _qr_matrix(block.payload)
    n = len(rows)
    module = block.side / n
    left = {
        Align.LEFT: x,
        Align.CENTER: x + (width - block.side) / 2,
        Align.RIGHT: x + width - block.side,
    }[block.align]
    ctx.set_source_rgb(0, 0, 0)
    for r, row in enumerate(rows):
        c = 0
        while c < n:  # one rectangle per run of dark modules: a compact, crisp PDF
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ctx.rectangle(left + start * module, y + r * module, (c - start) * module, module)
            else:
                c += 1
    ctx.fill()
    if block.caption:
        ctx.set_source_rgb(0.2, 0.2, 0.2)
        cw = max(block.side, 60 * MM)
        cx = {Align.LEFT: left, Align.CENTER: x + (width - cw) / 2, Align.RIGHT: x + width - cw}[
            block.align
        ]
        _show(ctx, block.caption, 9, cx, y + block.side + 2, cw, block.align)


def _draw_watermark(ctx: Any, mark: Watermark, family: str) -> None:
    """Diagonal rows of the watermark lines tiled over the whole page, in light grey.

    One Pango layout, laid out once and drawn at every row (the rows are staggered so the text
    crosses every field of the page).
    """
    import math

    import pangocairocffi as pc

    text = "      ".join(mark.lines)
    layout = _layout(ctx, "      ".join([text] * 3), mark.size_pt, 0, Align.LEFT, True, family)
    layout.width = -1  # one line, however long
    span = math.hypot(A4_W, A4_H)
    step = mark.size_pt * 5.2
    rows = int(span / step) + 2
    ctx.save()
    ctx.translate(A4_W / 2, A4_H / 2)
    ctx.rotate(math.radians(mark.angle_deg))
    ctx.set_source_rgb(mark.grey, mark.grey, mark.grey)
    for i in range(-rows // 2, rows // 2 + 1):
        ctx.move_to(-span * 0.75 - (i % 3) * step * 1.7, i * step)
        pc.show_layout(ctx, layout)
    ctx.restore()


def warm_up() -> None:
    """Import cairo and Pango and load the CJK fonts (≈0.5–1 s cold) before a citizen waits."""
    for family in (SANS, SERIF):
        A4Document("warm-up", family=family).paragraph("电子证照 0123").pdf()
