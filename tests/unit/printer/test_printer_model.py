"""Model validation: a bad template fails where it is written, with the field in the message."""

from __future__ import annotations

import pytest

from devices.printer.encoder import encode
from devices.printer.model import Barcode, Cut, Feed, QrCode, Receipt, Separator, Text
from devices.printer.parser import parse
from devices.printer.profiles import get_profile


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Text("x", width=9), "Text.width"),
        (lambda: Text("x", height=0), "Text.height"),
        (lambda: QrCode(""), "QrCode.data"),
        (lambda: QrCode("x", ec="Z"), "QrCode.ec"),  # type: ignore[arg-type]
        (lambda: QrCode("x" * 701), "700 bytes"),
        (lambda: Barcode("中文"), "printable ASCII"),
        (lambda: Barcode("1", module=1), "Barcode.module"),
        (lambda: Separator("--"), "one character"),
        (lambda: Feed(0), "Feed.lines"),
    ],
)
def test_bad_blocks_say_what_is_wrong(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_unknown_profile_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="58mm"):
        get_profile("76mm")


@pytest.mark.parametrize(("profile", "cols"), [("58mm", 32), ("80mm", 48)])
def test_separator_and_wrapping_follow_paper_width(profile: str, cols: int) -> None:
    prof = get_profile(profile)
    ops = parse(encode(Receipt().add(Separator(), Text("中" * cols)), prof))
    texts = [o.text for o in ops if o.kind == "text"]
    assert texts[0] == "-" * cols
    assert texts[1:] == ["中" * (cols // 2), "中" * (cols // 2)]


def test_cut_feeds_then_cuts_partially() -> None:
    data = encode(Receipt().add(Cut(feed_lines=3)), get_profile("80mm"), init=False)
    assert data == b"\x1bd\x03\x1dV\x01"
