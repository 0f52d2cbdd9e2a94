"""kiosk-v1 framing: round trips, resynchronisation after garbage, split frames, and no
exception on any input (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.errors import DeviceConfigError
from devices.rating import protocol as rp
from devices.rating.protocol import (
    RATING,
    FrameParser,
    Heartbeat,
    Invalid,
    KioskV1,
    PromptInfo,
    Rating,
    encode_frame,
    encode_heartbeat,
    encode_rating,
    load_protocol,
)


def test_rating_round_trip_with_reasons() -> None:
    p = KioskV1()
    [msg] = p.feed(encode_rating(2, (1, 3), seq=7))
    assert msg == Rating(2, (1, 3), 7)
    assert msg.label == "不满意"


def test_split_frame_byte_by_byte() -> None:
    p = KioskV1()
    frame = encode_rating(5, seq=1) + encode_heartbeat(True, "v2.1")
    got = []
    for b in frame:
        got += p.feed(bytes([b]))
    assert got == [Rating(5, (), 1), Heartbeat(True, "v2.1")]


def test_garbage_and_corrupt_frames_are_skipped() -> None:
    p = KioskV1()
    bad_crc = bytearray(encode_rating(4, seq=2))
    bad_crc[-2] ^= 0xFF
    stream = b"\xff\x02\x00" + bytes(bad_crc) + b"junk\x02\x7f\x7f" + encode_rating(3, seq=9)
    assert p.feed(stream) == [Rating(3, (), 9)]
    assert p.rejected > 0


def test_nonsense_levels_are_invalid_not_errors() -> None:
    p = KioskV1()
    assert isinstance(p.feed(encode_frame(RATING, 1, bytes([7, 0])))[0], Invalid)
    assert isinstance(p.feed(encode_frame(0x7E, 1))[0], Invalid)


def test_prompt_encodes_fields() -> None:
    p = KioskV1()
    frame = FrameParser().feed(p.prompt(PromptInfo("C-1", "户籍迁移", "3号窗口", "S0001")))[0]
    assert frame.payload.decode().split("\x1f") == ["C-1", "户籍迁移", "3号窗口", "S0001"]


def test_unknown_protocol_names_known_ones() -> None:
    with pytest.raises(DeviceConfigError, match="kiosk-v1"):
        load_protocol("acme")


@given(st.lists(st.binary(max_size=64), max_size=30))
def test_parser_never_raises(chunks: list[bytes]) -> None:
    p = KioskV1()
    for c in chunks:
        for m in p.feed(c):
            assert isinstance(m, Rating | Heartbeat | Invalid) or hasattr(m, "seq")


@given(st.binary(max_size=40), st.integers(1, 5), st.binary(max_size=40))
def test_valid_frame_survives_surrounding_noise(pre: bytes, level: int, post: bytes) -> None:
    p = KioskV1()
    msgs = p.feed(pre.replace(b"\x02", b"") + encode_rating(level, seq=42) + post)
    assert Rating(level, (), 42) in msgs


# -- 差评 reasons (REASONS, the screen flag) ------------------------------------------------------


@given(st.lists(st.tuples(st.integers(1, 255), st.text(max_size=80)), max_size=40))
def test_reasons_round_trip_within_their_limits(entries) -> None:
    payload = rp.encode_reasons(tuple(entries))
    decoded = rp.decode_reasons(payload)
    assert decoded is not None and len(decoded) == min(len(entries), rp.MAX_REASONS)
    for (code, text), (dcode, dtext) in zip(entries, decoded, strict=False):
        assert dcode == code and text.startswith(dtext)
        assert len(dtext.encode()) <= rp.MAX_REASON_LABEL
    assert len(payload) + 2 <= rp.MAX_LEN  # fits one frame


def test_a_reasons_frame_is_acked_and_the_heartbeat_tells_the_screen() -> None:
    proto = rp.KioskV1()
    frame = proto.reasons(((2, "服务态度不好"),))
    [f] = rp.FrameParser().feed(frame)
    assert f.cmd == rp.REASONS and rp.decode_reasons(f.payload) == [(2, "服务态度不好")]
    [old, new] = proto.feed(rp.encode_heartbeat(True) + rp.encode_heartbeat(False, screen=True))
    assert old == rp.Heartbeat(True, "sim-1.0", False)
    assert new == rp.Heartbeat(False, "sim-1.0", True)
    assert rp.decode_reasons(b"\x02\x01\x05abc") is None  # truncated: malformed, not a crash
    with pytest.raises(ValueError):
        rp.encode_reasons(((0, "x"),))
