"""The ESC/POS parser behind the renderer and the simulator: total on any input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.printer import commands as cmd
from devices.printer.encoder import encode
from devices.printer.model import Barcode, Cut, QrCode, Receipt, Text
from devices.printer.parser import MAX_DATA, EscPosParser, Op, parse
from devices.printer.profiles import get_profile

# Byte soup biased towards command prefixes, so hypothesis reaches the command branches.
_PREFIXES = [
    b"\x1b",
    b"\x1d",
    b"\x1c",
    b"\x10",
    b"\x1d(k",
    b"\x1dv0",
    b"\x1dk",
    b"\x1b*",
    b"\x10\x04",
]
soup = st.lists(st.one_of(st.binary(max_size=12), st.sampled_from(_PREFIXES)), max_size=40).map(
    b"".join
)


def _strip(ops: list[Op]) -> list[tuple[str, int, int, bytes, str]]:
    return [(o.kind, o.value, o.value2, o.data, o.text) for o in ops]


def _merge_text(ops: list[Op]) -> list[tuple[str, int, int, bytes, str]]:
    out: list[tuple[str, int, int, bytes, str]] = []
    for o in _strip(ops):
        if o[0] == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", 0, 0, b"", out[-1][4] + o[4])
        else:
            out.append(o)
    return out


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
def test_parse_never_raises_on_random_bytes(data: bytes) -> None:
    ops = parse(data)
    assert all(isinstance(o, Op) for o in ops)


@settings(max_examples=300, deadline=None)
@given(soup, st.lists(st.integers(min_value=1, max_value=50), max_size=10))
def test_incremental_feed_equals_one_shot(data: bytes, cuts: list[int]) -> None:
    p = EscPosParser()
    ops: list[Op] = []
    pos = 0
    for c in cuts:
        ops += p.feed(data[pos : pos + c])
        pos += c
    ops += p.feed(data[pos:])
    ops += p.close()
    assert _merge_text(ops) == _merge_text(parse(data))
    assert ops == [] or ops[-1].end <= len(data)


def test_encoded_receipt_parses_back_to_its_commands() -> None:
    r = Receipt().add(
        Text("你好，ABC", bold=True), QrCode("https://x.cn/q/1"), Barcode("A1"), Cut()
    )
    ops = parse(encode(r, get_profile("80mm")))
    kinds = [o.kind for o in ops]
    assert kinds[:2] == ["init", "chinese"]
    assert [o.text for o in ops if o.kind == "text"] == ["你好，ABC"]
    assert [o.data for o in ops if o.kind == "qr_store"] == [b"https://x.cn/q/1"]
    assert [o.data for o in ops if o.kind == "barcode"] == [b"{BA1"]
    assert kinds[-1] == "cut" and "unknown" not in kinds


def test_split_inside_a_chinese_character_waits_for_the_rest() -> None:
    data = cmd.CHINESE_ON + "政务".encode("gb18030")
    p = EscPosParser()
    ops = p.feed(data[:3])
    assert [o.text for o in ops if o.kind == "text"] == []
    ops += p.feed(data[3:]) + p.close()
    assert "".join(o.text for o in ops if o.kind == "text") == "政务"


def test_status_queries_are_recognised_between_print_data() -> None:
    ops = parse(b"abc" + cmd.status_query(4) + b"\n" + cmd.status_query(1))
    assert [(o.kind, o.value) for o in ops if o.kind == "status"] == [("status", 4), ("status", 1)]


def test_forged_huge_length_is_not_buffered() -> None:
    wb, h = 0xFFFF, 0xFFFF  # 4 GB of raster claimed
    assert wb * h > MAX_DATA
    head = b"\x1dv0\x00" + wb.to_bytes(2, "little") + h.to_bytes(2, "little")
    p = EscPosParser()
    ops = p.feed(head + b"after\n")
    assert p.pending == 0
    assert ops[0].kind == "unknown"
    assert any(o.kind == "text" and o.text == "after" for o in ops)


def test_truncated_command_is_reported_as_unknown_on_close() -> None:
    ops = parse(b"\x1d(k\x10\x00" + b"1P0abc")
    assert ops[-1].kind == "unknown"


@settings(max_examples=150, deadline=None)
@given(soup)
def test_render_never_raises_on_command_soup(data: bytes) -> None:
    from devices.printer.render import render

    for page in render(data, "58mm"):
        assert page.width == 384
