"""Chinese text for ESC/POS: GB18030 encoding, printed width, line wrapping.

python-escpos picks a code page per character and garbles full-width punctuation (，。：（）
come out as the wrong glyphs or '?'), so the encoder writes raw GB18030 bytes itself after
switching the printer into Chinese mode (FS &). Which characters the printer's ROM font can draw
depends on the printer (``PrinterProfile.font``: GB2312 only, GBK, GB18030); :func:`in_font`
says, and the encoder sends a line holding any other character as a raster image instead of
letting it come out as a wrong glyph or a '?'.
"""

from __future__ import annotations

import re
import unicodedata

from devices.printer.profiles import FontCoverage

# Characters that must not start a line (Chinese typesetting rules, GB/T 15834 spirit).
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…—%,.;:?!)]}")

# A run of half-width non-space characters is kept together like a word (numbers, URLs, codes).
_TOKEN = re.compile(r"[\x21-\x7e]+| |.", re.DOTALL)


def sanitize(text: str) -> str:
    """Drop control characters so text can never smuggle a printer command (ESC, GS, DLE …)."""
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") or ch in "\u2028\u2029":
            continue
        else:
            out.append(ch)
    return "".join(out)


def in_font(ch: str, font: FontCoverage) -> bool:
    """Whether a printer whose ROM font covers ``font`` draws ``ch`` in Chinese mode.

    GB2312 is decided on the code, not on Python's mapping: GB18030 puts — and · on the GB2312
    codes A1AA and A1A4, which a GB2312 font draws, while Python's gb2312 codec maps those codes
    to U+2015 and U+30FB. GB18030 fonts are taken to hold the two-byte part and CJK Extension A
    (GB 18030-2000's mandatory four-byte block); nothing beyond the BMP (𠮷) is in any ROM font.
    """
    if " " <= ch <= "~":
        return True
    code = ch.encode("gb18030")
    if font == "gb18030":
        return len(code) == 2 or "\u3400" <= ch <= "\u4dbf"
    if len(code) != 2:
        return False
    if font == "gbk":
        return True
    try:
        code.decode("gb2312")
    except UnicodeDecodeError:
        return False
    return True


def printable(text: str) -> str:
    """The text as it goes to the printer: sanitized (nothing is replaced)."""
    return sanitize(text)


def encode_gb(text: str) -> bytes:
    """Bytes for a printer in Chinese mode; never raises (every str encodes in GB18030)."""
    return sanitize(text).encode("gb18030")


def char_columns(ch: str) -> int:
    """Half-width columns one character takes: in Chinese mode all but ASCII print full width."""
    return 1 if ord(ch) < 0x80 else 2


def columns(text: str) -> int:
    return sum(char_columns(c) for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Wrap printable text to ``width`` columns; paragraphs split on newlines, '' kept as blank.

    Half-width runs (numbers, URLs, case numbers) are not broken unless longer than a line, and
    closing punctuation is never the first character of a line.
    """
    width = max(2, width)
    lines: list[str] = []
    for para in printable_paragraphs(text):
        lines.extend(_wrap_para(para, width))
    return lines


def printable_paragraphs(text: str) -> list[str]:
    return [printable(p) for p in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def _wrap_para(para: str, width: int) -> list[str]:
    if not para:
        return [""]
    lines: list[str] = []
    cur = ""
    cur_w = 0
    for tok in _TOKEN.findall(para):
        tw = columns(tok)
        if tw > width:  # a run longer than a line: break it hard
            for ch in tok:
                cw = char_columns(ch)
                if cur_w + cw > width:
                    lines.append(cur)
                    cur, cur_w = "", 0
                cur += ch
                cur_w += cw
            continue
        if cur_w + tw <= width:
            cur += tok
            cur_w += tw
            continue
        if tok == " ":  # a space at a break disappears
            lines.append(cur)
            cur, cur_w = "", 0
            continue
        if tok in _NO_LINE_START:
            # Carry the last character that may start a line down with the punctuation.
            k = len(cur) - 1
            while k > 0 and cur[k] in _NO_LINE_START:
                k -= 1
            if k > 0 and len(cur) - k <= 3 and columns(cur[k:]) + tw <= width:
                lines.append(cur[:k].rstrip(" "))
                cur = cur[k:] + tok
                cur_w = columns(cur)
                continue
        lines.append(cur.rstrip(" "))
        cur, cur_w = tok, tw
    lines.append(cur.rstrip(" "))
    return lines
