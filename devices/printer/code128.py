"""CODE128 for ESC/POS GS k 73, both ways: text → the command's data, and data → bars.

Encoding picks code sets with python-barcode (code set C packs a run of four or more digits two
to a symbol, so "SL" + 12 digits is 134 modules, not the 200 of code set B); the bytes follow the
Epson ESC/POS reference for GS k, "Notes for CODE128": the data starts with a code set selection
``{A`` / ``{B`` / ``{C``, ``{`` introduces a code set change or a function character, ``{{`` is a
literal brace, and in code set C each byte is one symbol value 0..99.

Decoding does what a printer does with those bytes (it does not re-encode the text), so the
preview draws the very bars the paper gets. Patterns are python-barcode's table.
"""

from __future__ import annotations

from barcode.charsets import code128 as charset
from barcode.codex import Code128

QUIET_MODULES = 10
"""Quiet zone each side (ISO/IEC 15417: ten modules); a barcode only fits with it."""

_START = {103: b"A", 104: b"B", 105: b"C"}
_START_OF = {ord("A"): 103, ord("B"): 104, ord("C"): 105}
_SWITCH_OF = {ord("A"): 101, ord("B"): 100, ord("C"): 99}
_FNC_OF = {ord("1"): 102, ord("2"): 97, ord("3"): 96}
# the values that change code set, in each code set (CODE A / CODE B / CODE C)
_SWITCHES = {
    b"A": {99: b"C", 100: b"B"},
    b"B": {99: b"C", 101: b"A"},
    b"C": {100: b"B", 101: b"A"},
}


def escpos_data(text: str) -> bytes:
    """The GS k 73 data for printable ASCII ``text`` (the caller checked it is)."""
    values = Code128(text).encoded  # a fresh instance: python-barcode keeps state per build
    out = bytearray()
    cset = _START[values[0]]
    out += b"{" + cset
    for v in values[1:]:
        to = _SWITCHES[cset].get(v)
        if to is not None:
            cset = to
            out += b"{" + cset
        elif cset == b"C":
            out.append(v)
        else:  # printable ASCII is value + 32 in code sets A and B
            ch = v + 32
            out += b"{{" if ch == ord("{") else bytes([ch])
    return bytes(out)


def decode_values(data: bytes) -> tuple[list[int], str] | None:
    """Symbol values (start code first, no check value) and the HRI text a printer derives from
    GS k 73 data, or None where a printer rejects the data (and prints nothing)."""
    if len(data) < 2 or data[0] != ord("{") or data[1] not in _START_OF:
        return None
    cset = data[1]
    values = [_START_OF[cset]]
    hri = ""
    i = 2
    while i < len(data):
        b = data[i]
        if b == ord("{") and i + 1 < len(data):
            i += 1
            s = data[i]
            if s in _SWITCH_OF:
                cset = s
                values.append(_SWITCH_OF[s])
            elif s in _FNC_OF:
                values.append(_FNC_OF[s])
            elif s == ord("4"):
                values.append(101 if cset == ord("A") else 100)
            elif s == ord("{") and cset != ord("C"):
                values.append(ord("{") - 32)
                hri += "{"
            else:
                return None
        elif cset == ord("C"):
            if b > 99:
                return None
            values.append(b)
            hri += f"{b:02d}"
        elif cset == ord("A") and b < 0x60:
            values.append(b - 32 if b >= 32 else b + 64)
            hri += chr(b) if b >= 32 else " "
        elif cset == ord("B") and 32 <= b < 128:
            values.append(b - 32)
            hri += chr(b)
        else:
            return None
        i += 1
    return values, hri


def modules(values: list[int]) -> str:
    """The bar pattern ('1' bar, '0' space) of a symbol: values, check value, stop."""
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], 1))) % 103
    bars: str = "".join(charset.CODES[v] for v in [*values, check]) + charset.STOP
    return bars + "11"


def module_count(data: bytes) -> int:
    """Modules of the bars for GS k 73 ``data`` (0 when a printer would reject it)."""
    decoded = decode_values(data)
    return len(modules(decoded[0])) if decoded else 0


def fit_module(data: bytes, dots: int, widest: int, narrowest: int = 2) -> int | None:
    """The widest module (dots per module, GS w) at which the bars and their quiet zones fit
    ``dots``, or None when not even ``narrowest`` fits (GS w takes 2..6 on Epson; one-dot
    modules of 0.125 mm are below what hand scanners read reliably)."""
    n = module_count(data)
    for m in range(widest, narrowest - 1, -1):
        if (n + 2 * QUIET_MODULES) * m <= dots:
            return m
    return None
