"""Bytes from a code to text: UTF-8 or GB18030, decided by the bytes themselves.

Provincial apps emit UTF-8; older county systems and many scan guns emit GB2312/GBK (which
GB18030 contains). Trying UTF-8 first is right almost always, but a short GB string can happen to
be valid UTF-8 (``C4 E3`` is "你" in GBK and a valid 2-byte UTF-8 lead … only sometimes), so both
readings are scored and the one that looks like Chinese or plain ASCII text wins.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

Charset = Literal["auto", "utf-8", "gb18030"]


def _score(text: str) -> float:
    """Higher is more plausible: CJK ideographs, ASCII and CJK punctuation count for, rare
    letters (Latin-1 supplement, private use, controls) count against."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        cp = ord(ch)
        if (
            0x20 <= cp < 0x7F
            or ch in "\t\r\n\x1d"
            or 0x4E00 <= cp <= 0x9FFF
            or 0x3000 <= cp <= 0x303F
            or 0xFF00 <= cp <= 0xFFEF
        ):
            good += 1
        elif unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd":
            good -= 2
    return good / len(text)


def decode_text(raw: bytes, charset: Charset = "auto") -> str:
    """Decode payload bytes; never raises (undecodable bytes become U+FFFD)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    if charset != "auto":
        return raw.decode(charset, "replace")
    try:
        utf8: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    try:
        gb: str | None = raw.decode("gb18030")
    except UnicodeDecodeError:
        gb = None
    if utf8 is not None and (gb is None or _score(utf8) >= _score(gb)):
        return utf8
    if gb is not None:
        return gb
    return raw.decode("utf-8", "replace")
