"""ESC/POS command bytes shared by the encoder, the status queries and the simulator.

Named after the Epson ESC/POS reference so a reader can look each one up. The prefix bytes are
the same as python-escpos's constants, typed here so the rest of the package stays type-checked.
"""

from __future__ import annotations

ESC: bytes = b"\x1b"
GS: bytes = b"\x1d"
FS: bytes = b"\x1c"
DLE: bytes = b"\x10"
EOT: bytes = b"\x04"

INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."
LF = b"\n"
DEFAULT_LINE_SPACING = ESC + b"2"

ALIGN_CODES = {"left": 0, "center": 1, "right": 2}


def align(name: str) -> bytes:
    return ESC + b"a" + bytes([ALIGN_CODES[name]])


def bold(on: bool) -> bytes:
    return ESC + b"E" + bytes([1 if on else 0])


def underline(on: bool) -> bytes:
    return ESC + b"-" + bytes([1 if on else 0])


def char_size(width: int, height: int) -> bytes:
    """GS ! n: width and height multipliers 1..8 (applies to Chinese characters too)."""
    return GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])


def feed_lines(n: int) -> bytes:
    return ESC + b"d" + bytes([n])


def cut(partial: bool) -> bytes:
    """GS V m: 0 full cut, 1 partial cut (after the caller has fed the paper clear)."""
    return GS + b"V" + bytes([1 if partial else 0])


def status_query(n: int) -> bytes:
    """DLE EOT n, the real-time status request (1 printer, 2 offline cause, 3 error, 4 paper)."""
    return DLE + EOT + bytes([n])


def barcode_code128(payload: bytes, height: int, module: int, hri: bool) -> bytes:
    """GS k 73 (function B, CODE128); ``payload`` starts with its code set selection
    (devices.printer.code128.escpos_data)."""
    return (
        GS
        + b"h"
        + bytes([height])
        + GS
        + b"w"
        + bytes([module])
        + GS
        + b"H"
        + bytes([2 if hri else 0])
        + GS
        + b"f"
        + b"\x00"
        + GS
        + b"k"
        + bytes([73, len(payload)])
        + payload
    )


def raster(width_bytes: int, height: int, data: bytes) -> bytes:
    """GS v 0 m xL xH yL yH d…, normal density."""
    return (
        GS
        + b"v0"
        + b"\x00"
        + width_bytes.to_bytes(2, "little")
        + height.to_bytes(2, "little")
        + data
    )
