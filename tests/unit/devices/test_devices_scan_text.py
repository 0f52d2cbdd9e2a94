"""Charset resolution and suffix framing of scan-gun bytes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from devices.scan.framing import SuffixFramer, parse_escape
from devices.scan.text import decode_text

CHINESE = ["阿", "你好", "城关镇东门社区", "办事指南：身份证、户口本", "免证办（电子证照）"]


def test_utf8_and_gb18030_both_read_right() -> None:
    for text in CHINESE:
        assert decode_text(text.encode("utf-8")) == text
        assert decode_text(text.encode("gb18030")) == text


def test_forced_charset_and_bom() -> None:
    assert decode_text("你好".encode("gb18030"), "gb18030") == "你好"
    assert decode_text(b"\xef\xbb\xbfabc") == "abc"


@given(st.binary(max_size=200))
def test_decode_never_raises(raw: bytes) -> None:
    assert isinstance(decode_text(raw), str)


def test_parse_escape() -> None:
    assert parse_escape("\\r\\n") == b"\r\n"
    assert parse_escape("\\x03") == b"\x03"


def test_framer_joins_pieces_and_strips_prefix() -> None:
    f = SuffixFramer(b"\r\n", prefix=b"]Q")
    assert f.feed(b"]QZWFW") == []
    assert f.feed(b"-GH:S1\r") == []
    assert f.feed(b"\n") == [b"ZWFW-GH:S1"]
    assert f.feed(b"no prefix\r\n") == []
    assert f.dropped == 1


def test_stale_partial_is_forgotten() -> None:
    now = [0.0]
    f = SuffixFramer(b"\r", stale_s=1.0, clock=lambda: now[0])
    f.feed(b"half a co")
    now[0] = 5.0
    assert f.feed(b"ZWFW\r") == [b"ZWFW"]


@given(st.lists(st.binary(max_size=50), max_size=20))
def test_framer_never_raises_and_never_returns_oversize(chunks: list[bytes]) -> None:
    f = SuffixFramer(b"\r", max_length=64)
    for c in chunks:
        for frame in f.feed(c):
            assert 0 < len(frame) <= 64
            assert b"\r" not in frame
