"""Printer profiles: what the encoder must know about a paper width and a printer's abilities.

Only two paper widths exist on the county's terminals. The dot widths are the common printable
widths of 203 dpi thermal heads (48 mm and 72 mm of printable area), the column counts those of
font A (12 x 24 dots; a Chinese character takes two columns).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    paper_mm: int
    dots: int
    """Printable width in dots; images and raster QR codes are fitted to it."""
    columns: int
    """Font A half-width columns per line at normal size."""
    native_qr: bool = True
    """Print QR codes with GS ( k; older heads without it get a raster image (GS v 0)."""
    partial_cut: bool = True

    @property
    def char_dots(self) -> int:
        """Width of one half-width column in dots (font A)."""
        return self.dots // self.columns


PROFILES: dict[str, PrinterProfile] = {
    "58mm": PrinterProfile("58mm", 58, 384, 32),
    "80mm": PrinterProfile("80mm", 80, 576, 48),
    "58mm-raster-qr": PrinterProfile("58mm-raster-qr", 58, 384, 32, native_qr=False),
    "80mm-raster-qr": PrinterProfile("80mm-raster-qr", 80, 576, 48, native_qr=False),
}


def get_profile(name: str) -> PrinterProfile:
    """Look up a profile by its config name, with the valid names in the message if unknown."""
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise ValueError(f"unknown printer profile {name!r}; known profiles: {known}") from None
