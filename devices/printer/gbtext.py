"""Chinese text for ESC/POS: GB18030 encoding, printed width, line wrapping.

python-escpos picks a code page per character and garbles full-width punctuation (，。：（）
come out as the wrong glyphs or '?'), so the encoder writes raw GB18030 bytes itself after
switching the printer into Chinese mode (FS &). Printers in that mode hold the two-byte (GBK)
part of GB18030 in their font; a character that needs GB18030's four-byte form is not in any
receipt printer's ROM, so it becomes '?' here rather than two garbage glyphs on paper.
"""

from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "?"

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


def printable(text: str) -> str:
    """The text as the printer will show it: sanitized, four-byte GB18030 characters as '?'."""
    return "".join(ch if len(ch.encode("gb18030")) <= 2 else REPLACEMENT for ch in sanitize(text))


def encode_gb(text: str) -> bytes:
    """Bytes for a printer in Chinese mode; never raises (every str encodes in GB18030)."""
    return printable(text).encode("gb18030")


def char_columns(ch: str) -> int:
    """Half-width columns one character takes: a double-byte character prints full width."""
    return 2 if len(ch.encode("gb18030", errors="replace")) >= 2 else 1


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
