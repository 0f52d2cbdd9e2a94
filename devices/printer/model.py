"""The receipt document model: what a template says, independent of any printer's bytes.

Templates build these values; :mod:`devices.printer.encoder` turns them into ESC/POS for one
profile and :mod:`devices.printer.render` draws what a printer would make of the bytes. Values
are validated on construction so a bad template fails where it is written, with the field and the
allowed range in the message, not later as garbled paper.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from PIL import Image as PILImage


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


def _check_range(name: str, value: int, lo: int, hi: int) -> None:
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}, got {value}")


@dataclass(frozen=True)
class Text:
    """One paragraph; it is wrapped to the paper width (Chinese characters count double)."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    width: int = 1
    """Character width multiplier (GS !), 1..8."""
    height: int = 1
    """Character height multiplier (GS !), 1..8."""
    underline: bool = False

    def __post_init__(self) -> None:
        _check_range("Text.width", self.width, 1, 8)
        _check_range("Text.height", self.height, 1, 8)


QrEc = Literal["L", "M", "Q", "H"]


@dataclass(frozen=True)
class QrCode:
    data: str
    module: int = 6
    """Dots per module; 6 gives about 2.5 cm for a short URL on a 203 dpi head."""
    ec: QrEc = "M"
    align: Align = Align.CENTER

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("QrCode.data must not be empty")
        _check_range("QrCode.module", self.module, 1, 16)
        if self.ec not in ("L", "M", "Q", "H"):
            raise ValueError(f"QrCode.ec must be one of L, M, Q, H, got {self.ec!r}")
        if len(self.data.encode("utf-8")) > 700:
            raise ValueError("QrCode.data is longer than 700 bytes; a receipt QR must stay small")


@dataclass(frozen=True)
class Barcode:
    """A CODE128 barcode (the only symbology the county's numbers need: ASCII, any length).

    ``module`` is the widest module wanted; the encoder narrows it to fit the printer's head,
    and prints a QR code of the same data where not even 2-dot modules fit."""

    data: str
    height: int = 64
    module: int = 3
    hri: bool = True
    """Print the human-readable digits below the bars."""
    align: Align = Align.CENTER

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("Barcode.data must not be empty")
        if not all(32 <= ord(c) < 127 for c in self.data):
            raise ValueError("Barcode.data must be printable ASCII for CODE128 set B")
        if len(self.data) > 60:
            raise ValueError("Barcode.data is longer than 60 characters")
        _check_range("Barcode.height", self.height, 1, 255)
        _check_range("Barcode.module", self.module, 2, 6)


@dataclass(frozen=True)
class Image:
    """A picture (logo, stamp); scaled down to the paper width and dithered to black and white."""

    image: PILImage.Image
    align: Align = Align.CENTER


@dataclass(frozen=True)
class Separator:
    char: str = "-"

    def __post_init__(self) -> None:
        if len(self.char) != 1:
            raise ValueError("Separator.char must be one character")


@dataclass(frozen=True)
class Feed:
    lines: int = 1

    def __post_init__(self) -> None:
        _check_range("Feed.lines", self.lines, 1, 255)


@dataclass(frozen=True)
class Cut:
    feed_lines: int = 4
    """Blank lines fed before the cut so the last printed line clears the cutter."""


Block = Text | QrCode | Barcode | Image | Separator | Feed | Cut


@dataclass
class Receipt:
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Receipt:
        """Append blocks; returns self so templates read top to bottom."""
        self.blocks.extend(blocks)
        return self

    def extend(self, blocks: Iterable[Block]) -> Receipt:
        self.blocks.extend(blocks)
        return self

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def texts(self) -> list[str]:
        """All text the receipt prints (for tests and for checking no personal data leaks)."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Text):
                out.append(b.text)
            elif isinstance(b, QrCode | Barcode):
                out.append(b.data)
        return out
