"""GB18030 text for Chinese-mode printers: punctuation, injection, wrapping."""

from __future__ import annotations

import pytest
from escpos.printer import Dummy
from hypothesis import given
from hypothesis import strategies as st

from devices.printer.encoder import encode
from devices.printer.gbtext import columns, encode_gb, in_font, printable, sanitize, wrap
from devices.printer.model import Receipt, Text
from devices.printer.parser import parse
from devices.printer.profiles import get_profile

PUNCT = "，。、；：？！“”‘’（）《》【】…—·￥"


def test_full_width_punctuation_is_gb18030_double_byte() -> None:
    data = encode_gb(PUNCT)
    assert data.decode("gb18030") == PUNCT
    assert len(data) == 2 * len(PUNCT)
    assert encode_gb("，。") == b"\xa3\xac\xa1\xa3"


def test_python_escpos_own_encoding_garbles_what_we_print_right() -> None:
    """Why the encoder writes raw bytes: python-escpos's text() loses Chinese punctuation."""
    text = PUNCT  # a line of punctuation, as in a materials list or a notice
    d = Dummy()
    d.text(text)
    assert b"?" in d.output  # python-escpos picked a single-byte code page and lost glyphs
    assert text.encode("gb18030") not in d.output
    ours = encode(Receipt().add(Text(text)), get_profile("80mm"))
    assert text.encode("gb18030") in ours
    assert ours.index(b"\x1c&") < ours.index(text.encode("gb18030"))  # FS & before the text


@pytest.mark.parametrize(
    ("ch", "gb2312", "gbk", "gb18030"),
    [
        ("A", True, True, True),
        ("中", True, True, True),
        ("—", True, True, True),  # GB18030 A1AA: a GB2312 code, though Python maps it elsewhere
        ("·", True, True, True),  # A1A4, likewise
        ("喆", False, True, True),  # GBK, not GB2312: names and addresses
        ("堃", False, True, True),
        ("㐀", False, False, True),  # CJK Extension A: four-byte GB18030
        ("𠮷", False, False, False),  # beyond the BMP: in no printer's ROM font
        ("😀", False, False, False),
    ],
)
def test_font_coverage_of_each_printer_font(ch: str, gb2312: bool, gbk: bool, gb18030: bool):
    assert (in_font(ch, "gb2312"), in_font(ch, "gbk"), in_font(ch, "gb18030")) == (
        gb2312,
        gbk,
        gb18030,
    )


def test_nothing_is_replaced_by_a_question_mark() -> None:
    assert printable("吉𠮷") == "吉𠮷"
    assert encode_gb("吉𠮷").decode("gb18030") == "吉𠮷"


def test_control_characters_cannot_inject_printer_commands() -> None:
    evil = "号码\x1b@\x1dV\x00\x10\x04\x01完"
    assert sanitize(evil) == "号码@V完"
    ops = parse(encode(Receipt().add(Text(evil)), get_profile("58mm")))
    kinds = [o.kind for o in ops]
    assert kinds.count("init") == 1  # only the encoder's own ESC @
    assert "cut" not in kinds and "status" not in kinds


def test_wrap_keeps_urls_and_punctuation_rules() -> None:
    lines = wrap("请访问 https://zwfw.example.gov.cn/q/A1 查看", 32)
    assert "https://zwfw.example.gov.cn/q/A1" in "".join(lines)
    assert all(columns(line) <= 32 for line in lines)
    lines = wrap("普通文字：办理事项「不动产登记」，窗口 3 号。", 32)
    assert not any(line.startswith(("」", "，", "。")) for line in lines)


@given(st.text(max_size=200), st.integers(min_value=2, max_value=64))
def test_wrap_never_exceeds_width_and_loses_no_printable_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(columns(line) <= width for line in lines)
    joined = "".join(lines).replace(" ", "")
    expected = "".join(printable(p) for p in text.replace("\r", "\n").split("\n"))
    assert joined == expected.replace(" ", "")
