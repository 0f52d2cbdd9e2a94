"""Printer profiles: what the encoder, the layout and the preview must know about one printer.

The fleet differs in exactly these things, so a profile carries them and nothing else:

- the head: printable dots per line (384 on 58 mm paper, 512 on Epson TM-T88 up to V and in the
  TM-T88 compatibility mode of newer printers, 576 on other 80 mm printers) and its resolution;
- the fonts: half-width columns of font A (12 x 24 dots, a Chinese character takes two) and of
  font B (9 x 17), and which Chinese characters the ROM font holds (``font``: GB2312 only, GBK,
  or GB18030's two-byte part plus CJK Extension A);
- the largest character size GS ! prints (8 on Epson; 2 on some low-end 58 mm printers);
- whether GS k prints CODE128 (function B), whether GS ( k prints QR codes, whether a cutter
  exists.

Where a fact comes from is kept in ``source``: "escpos-printer-db" is the capabilities database
python-escpos ships (``escpos/capabilities.json``, the community's record of each model's media
width in pixels, font columns and features; a test checks the profiles named after a model in it
agree with it), "assumption" marks what no public record here confirms — a technician checks it
on the printer's self-test page and with ``kiosk devices test printer`` (the calibration page).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

FontCoverage = Literal["gb2312", "gbk", "gb18030"]
FONT_COVERAGES: tuple[FontCoverage, ...] = ("gb2312", "gbk", "gb18030")

CELL_W, CELL_H = 12, 24
"""Font A cell in dots (ESC/POS font A; a Chinese character is two cells wide)."""
FONT_B_CELL_W = 9


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    paper_mm: int
    dots: int
    """Printable width in dots: every line, image, barcode and QR must fit in it."""
    columns: int
    """Font A half-width columns per line at normal size (the encoder lays out in font A)."""
    columns_b: int = 0
    """Font B columns (0: computed from the dots); for the table and the calibration page."""
    dpi: int = 203
    font: FontCoverage = "gbk"
    """Which Chinese characters the ROM font draws; others are sent as raster lines."""
    max_size: int = 8
    """Largest GS ! multiplier; larger text is sent as a raster line of that size."""
    barcode: bool = True
    """GS k 73 (CODE128, function B) prints; without it barcodes are sent as raster images."""
    native_qr: bool = True
    """GS ( k prints QR codes; without it they are sent as raster images (GS v 0)."""
    cutter: bool = True
    partial_cut: bool = True
    models: str = ""
    """The printers this profile is for, as a technician reads them on the printer's label."""
    source: str = "assumption"
    """Where the facts come from (see the module docstring)."""
    escpos_db: str = ""
    """The matching profile in python-escpos's capabilities database, when there is one."""

    def __post_init__(self) -> None:
        if self.dots % 8:
            raise ValueError(f"{self.name}: dots must be a multiple of 8 (raster bytes)")
        if self.columns * CELL_W > self.dots:
            raise ValueError(f"{self.name}: {self.columns} columns of 12 dots exceed {self.dots}")
        if not 1 <= self.max_size <= 8:
            raise ValueError(f"{self.name}: max_size must be 1..8")
        if self.font not in FONT_COVERAGES:
            raise ValueError(f"{self.name}: font must be one of {FONT_COVERAGES}")

    @property
    def char_dots(self) -> int:
        """Width of one half-width column in dots (font A)."""
        return CELL_W

    @property
    def font_b_columns(self) -> int:
        return self.columns_b or self.dots // FONT_B_CELL_W

    @property
    def print_mm(self) -> float:
        """Printed width in millimetres (what a ruler on the calibration page measures)."""
        return self.dots * 25.4 / self.dpi


_DB = "escpos-printer-db (python-escpos capabilities.json)"

_ALL: tuple[PrinterProfile, ...] = (
    # -- generic widths: what the county's terminals were set up with -------------------------
    PrinterProfile(
        "58mm", 58, 384, 32, models="any 58 mm ESC/POS printer with a GBK font (the former default)"
    ),
    PrinterProfile(
        "80mm",
        80,
        576,
        48,
        models="any 80 mm, 576-dot ESC/POS printer with a GBK font (the former default)",
    ),
    PrinterProfile(
        "80mm-512",
        80,
        512,
        42,
        models="80 mm printers set to 512 dots (TM-T88 compatibility mode, 42 columns)",
        source=f"{_DB}: TM-T88V 512 px, 42/56 columns",
    ),
    PrinterProfile(
        "58mm-raster-qr",
        58,
        384,
        32,
        native_qr=False,
        models="58 mm printers without GS ( k (QR codes as raster images)",
    ),
    PrinterProfile(
        "80mm-raster-qr",
        80,
        576,
        48,
        native_qr=False,
        models="80 mm printers without GS ( k (QR codes as raster images)",
    ),
    # -- named models -------------------------------------------------------------------------
    PrinterProfile(
        "epson-tm-t88iv",
        80,
        512,
        42,
        dpi=180,
        font="gb18030",
        models="Epson TM-T88IV (Simplified Chinese model)",
        source=f"{_DB}: 512 px, 42/56 columns, qrCode, partial cut; 180 dpi and the GB18030 "
        "font of the Chinese model: assumption",
        escpos_db="TM-T88IV",
    ),
    PrinterProfile(
        "epson-tm-t88v",
        80,
        512,
        42,
        dpi=180,
        font="gb18030",
        models="Epson TM-T88V (Simplified Chinese model); newer TM printers in TM-T88 "
        "compatibility mode",
        source=f"{_DB}: 512 px, 42/56 columns, qrCode, partial cut; 180 dpi and the GB18030 "
        "font of the Chinese model: assumption",
        escpos_db="TM-T88V",
    ),
    PrinterProfile(
        "epson-tm-t20",
        80,
        576,
        48,
        font="gb18030",
        models="Epson TM-T20II/III, TM-m30 at their native 576 dots (Chinese model)",
        source=f"{_DB}: TM-T20II 576 px, 48/64 columns, qrCode; font: assumption",
        escpos_db="TM-T20II",
    ),
    PrinterProfile(
        "xprinter-xp80",
        80,
        576,
        48,
        font="gb18030",
        models="Xprinter XP-80 / XP-N160II / XP-80T",
        source="assumption (vendor spec sheets: 576 dots, GB18030 font, QR); emupos's "
        "XP-80T profile: 203 dpi, 576 dots, 12x24 / 9x17 fonts",
    ),
    PrinterProfile(
        "xprinter-xp58",
        58,
        384,
        32,
        font="gb18030",
        models="Xprinter XP-58 series (XP-58IIH, XP-58IIL)",
        source="assumption (vendor spec sheets: 384 dots, GB18030 font, CODE128 and QR)",
    ),
    PrinterProfile(
        "gprinter-gp80",
        80,
        576,
        48,
        font="gbk",
        models="GPrinter GP-80250 / GP-L80 series",
        source="assumption (vendor spec sheets: 576 dots; the font GBK: check the self-test page)",
    ),
    PrinterProfile(
        "gprinter-gp58",
        58,
        384,
        32,
        font="gb2312",
        native_qr=False,
        models="GPrinter GP-58 / GP-5890X series",
        source="assumption (older GP-58 models: GB2312 font, no GS ( k QR)",
    ),
    PrinterProfile(
        "snbc-btp-r880np",
        80,
        576,
        48,
        font="gb18030",
        models="SNBC (新北洋) BTP-R880NP / BTP-R580 kiosk printers",
        source="assumption (vendor spec sheet: 72 mm / 576 dots at 203 dpi, GB18030 font)",
    ),
    PrinterProfile(
        "sunmi-58",
        58,
        384,
        32,
        font="gb18030",
        cutter=False,
        models="Sunmi V2 / V2 Pro built-in 58 mm printer",
        source=f"{_DB}: Sunmi-V2 384 px, 32/42 columns, qrCode, barcodeB, no cutter; "
        "font: assumption",
        escpos_db="Sunmi-V2",
    ),
    PrinterProfile(
        "sunmi-80",
        80,
        576,
        48,
        font="gb18030",
        models="Sunmi T2 / T2s built-in 80 mm printer",
        source="assumption (576 dots like other 80 mm heads; GB18030 font)",
    ),
    PrinterProfile(
        "pos58-basic",
        58,
        384,
        32,
        font="gb2312",
        max_size=2,
        barcode=False,
        native_qr=False,
        cutter=False,
        models="Zjiang POS-5890 / ZJ-5870 and other 'POS-58' clones",
        source=f"{_DB}: POS-5890 384 px, 32/42 columns, no barcodeB, no qrCode, no cutter; "
        "GB2312-only font and 1x/2x sizes: field report in issue 24",
        escpos_db="POS-5890",
    ),
)

PROFILES: dict[str, PrinterProfile] = {p.name: p for p in _ALL}


def get_profile(name: str) -> PrinterProfile:
    """Look up a profile by its config name; the message names the closest ones."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(unknown_profile_message(name)) from None


def unknown_profile_message(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), list(PROFILES), n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    known = ", ".join(sorted(PROFILES))
    return f"unknown printer profile {name!r}{hint}; known profiles: {known}"
