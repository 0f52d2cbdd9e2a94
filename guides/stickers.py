"""Printable sticker sheets: each terminal's guide QR with its name and id, A4, 3 × 4 per page.

One layout (positions in millimetres) drives two outputs: SVG pages, vector and editable, and one
PDF of 300 dpi page images (Pillow draws, img2pdf wraps losslessly) that any print shop or sticker
printer accepts. The PDF needs a CJK font for the names; a clear error says how to get one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw, ImageFont

from guides.qr import guide_url, make_qr
from guides.render import environment

PAGE_MM = (210.0, 297.0)
STICKER_MM = (60.0, 66.0)
GAP_MM = 5.0
MARGIN_MM = (10.0, 9.0)
COLUMNS, ROWS = 3, 4
QR_MM = 40.0
DPI = 300
HEADING = ("扫码看操作指南", "Scan for this terminal's guide")
CJK_FONTS = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "SourceHanSansSC-Regular.otf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "DroidSansFallbackFull.ttf",
)


class StickerError(Exception):
    """The sticker sheet cannot be made (no font for the names, nothing to print)."""


@dataclass(frozen=True)
class Sticker:
    terminal_id: str
    name: str
    url: str
    x: float  # top-left corner on its page, mm
    y: float
    modules: list[tuple[int, int, int]]  # QR dark runs as (row, column, length), quiet zone incl.
    size: int  # QR width in modules, quiet zone included

    @property
    def module_mm(self) -> float:
        return QR_MM / self.size

    @property
    def qr_x(self) -> float:
        return self.x + (STICKER_MM[0] - QR_MM) / 2

    @property
    def qr_y(self) -> float:
        return self.y + 10.0


def _runs(url: str) -> tuple[list[tuple[int, int, int]], int]:
    border = 4
    matrix = make_qr(url).matrix
    size = len(matrix) + 2 * border
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append((r + border, start + border, c - start))
            else:
                c += 1
    return runs, size


def layout(terminals: Sequence[tuple[str, str]], base_url: str) -> list[list[Sticker]]:
    """Pages of stickers for (terminal_id, name) pairs, in the given order."""
    if not terminals:
        raise StickerError("no terminals to make stickers for")
    per_page = COLUMNS * ROWS
    pages: list[list[Sticker]] = []
    for i, (tid, name) in enumerate(terminals):
        if i % per_page == 0:
            pages.append([])
        col, row = (i % per_page) % COLUMNS, (i % per_page) // COLUMNS
        url = guide_url(base_url, tid)
        runs, size = _runs(url)
        pages[-1].append(
            Sticker(
                terminal_id=tid,
                name=name,
                url=url,
                x=MARGIN_MM[0] + col * (STICKER_MM[0] + GAP_MM),
                y=MARGIN_MM[1] + row * (STICKER_MM[1] + GAP_MM),
                modules=runs,
                size=size,
            )
        )
    return pages


def _qr_path(s: Sticker) -> str:
    m = s.module_mm
    return "".join(
        f"M{s.qr_x + c * m:.3f} {s.qr_y + r * m:.3f}h{n * m:.3f}v{m:.3f}h{-n * m:.3f}z"
        for r, c, n in s.modules
    )


def sheet_svgs(pages: list[list[Sticker]]) -> list[str]:
    """One SVG document per A4 page (units: mm)."""
    tpl = environment().get_template("stickers.svg.j2")
    return [
        tpl.render(
            page=PAGE_MM,
            size=STICKER_MM,
            heading=HEADING,
            stickers=[(s, _qr_path(s)) for s in page],
        )
        for page in pages
    ]


def find_font(explicit: Path | None = None) -> Path:
    """A font that has Chinese glyphs: the given file, else the first installed known one."""
    for candidate in (str(explicit),) if explicit else CJK_FONTS:
        try:
            font = ImageFont.truetype(candidate, 12)
        except OSError:
            continue
        return Path(str(font.path))
    if explicit:
        raise StickerError(f"{explicit}: not a readable font file")
    raise StickerError(
        "no CJK font found for the terminal names; install fonts-noto-cjk "
        "(apt-get install fonts-noto-cjk) or pass --font FILE"
    )


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # Loading a CJK collection is slow (tens of MB); each size is needed for many stickers.
    return ImageFont.truetype(str(path), size)


def _fit(
    draw: ImageDraw.ImageDraw, text: str, font_path: Path, size_mm: float, width_mm: float
) -> ImageFont.FreeTypeFont:
    size = _px(size_mm)
    while True:
        font = _font(font_path, size)
        if draw.textlength(text, font=font) <= _px(width_mm) or size <= _px(1.6):
            return font
        size -= 2


def _page_png(page: list[Sticker], font_path: Path) -> bytes:
    img = Image.new("L", (_px(PAGE_MM[0]), _px(PAGE_MM[1])), 255)
    draw = ImageDraw.Draw(img)
    inner = STICKER_MM[0] - 6
    for s in page:
        x0, y0 = _px(s.x), _px(s.y)
        draw.rounded_rectangle(
            (x0, y0, _px(s.x + STICKER_MM[0]), _px(s.y + STICKER_MM[1])),
            radius=_px(3),
            outline=170,
            width=2,
        )
        cx = _px(s.x + STICKER_MM[0] / 2)
        head = _fit(draw, HEADING[0], font_path, 3.6, inner)
        draw.text((cx, _px(s.y + 3)), HEADING[0], font=head, fill=0, anchor="mt")
        head_en = _fit(draw, HEADING[1], font_path, 2.2, inner)
        draw.text((cx, _px(s.y + 7.3)), HEADING[1], font=head_en, fill=60, anchor="mt")
        # Whole pixels per module so every module prints the same size.
        mod = max(1, _px(QR_MM) // s.size)
        qx = cx - mod * s.size // 2
        qy = _px(s.qr_y)
        for r, c, n in s.modules:
            draw.rectangle(
                (qx + c * mod, qy + r * mod, qx + (c + n) * mod - 1, qy + (r + 1) * mod - 1),
                fill=0,
            )
        name = _fit(draw, s.name, font_path, 3.4, inner)
        draw.text((cx, _px(s.qr_y + QR_MM + 1.5)), s.name, font=name, fill=0, anchor="mt")
        tid = _fit(draw, s.terminal_id, font_path, 3.0, inner)
        draw.text((cx, _px(s.qr_y + QR_MM + 7)), s.terminal_id, font=tid, fill=60, anchor="mt")
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(DPI, DPI))
    return buf.getvalue()


def sheet_pdf(pages: list[list[Sticker]], font_path: Path) -> bytes:
    """A multi-page A4 PDF of the sticker pages, rendered at 300 dpi."""
    a4 = (img2pdf.mm_to_pt(PAGE_MM[0]), img2pdf.mm_to_pt(PAGE_MM[1]))
    pdf = img2pdf.convert(
        [_page_png(p, font_path) for p in pages], layout_fun=img2pdf.get_layout_fun(a4)
    )
    if pdf is None:  # img2pdf returns None only when writing to a file handle
        raise StickerError("PDF could not be made")
    return bytes(pdf)


def write_stickers(
    terminals: Sequence[tuple[str, str]], base_url: str, out: Path, font: Path | None = None
) -> list[Path]:
    """Write stickers.pdf and stickers-N.svg into ``out``; return the files written."""
    pages = layout(terminals, base_url)
    font_path = find_font(font)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for n, svg in enumerate(sheet_svgs(pages), start=1):
        path = out / f"stickers-{n}.svg"
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    pdf_path = out / "stickers.pdf"
    pdf_path.write_bytes(sheet_pdf(pages, font_path))
    written.insert(0, pdf_path)
    return written
