"""The GA/T 467 frame codec: round trips, the known frames of the vendor manuals byte for byte,
every SW3 code by name, bad checksums, short and long frames, garbage between frames; and
hypothesis on the decoders: nothing escapes them but FrameError."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.idcard import frames as f
from devices.idcard.frames import (
    FIND_CARD,
    READ_TEXT_PHOTO,
    SAM_STATUS,
    Frame,
    FrameError,
    FrameParser,
    Request,
    Response,
    Sw3,
    decode_frame,
    encode_request,
    encode_response,
    status_name,
)


def test_requests_are_the_manuals_bytes() -> None:
    # the frames printed in the vendor manuals (find card, read text + photo, SAM status)
    assert encode_request(FIND_CARD) == bytes.fromhex("AAAAAA9669 0003 2001 22")
    assert encode_request(READ_TEXT_PHOTO) == bytes.fromhex("AAAAAA9669 0003 3001 32")
    assert encode_request(SAM_STATUS) == bytes.fromhex("AAAAAA9669 0003 11FF ED")


def test_responses_are_the_manuals_bytes() -> None:
    # "find card: success" and "find card: failed"
    assert encode_response(Sw3.FOUND, b"\x00\x00\x00\x00") == bytes.fromhex(
        "AAAAAA9669 0008 00009F 00000000 97"
    )
    assert encode_response(Sw3.FIND_FAILED) == bytes.fromhex("AAAAAA9669 0004 000080 84")


def test_a_read_answer_is_1295_bytes_with_the_famous_header() -> None:
    data = b"\x01\x00\x04\x00" + bytes(256) + bytes(1024)
    frame = encode_response(Sw3.OK, data)
    assert len(frame) == 1295
    assert frame[:10] == bytes.fromhex("AAAAAA9669 0508 000090")


@pytest.mark.parametrize("sw3", list(Sw3))
def test_every_named_status_round_trips_by_name(sw3: Sw3) -> None:
    r = Response.from_frame(decode_frame(encode_response(sw3, b"\x01\x02")))
    assert (r.sw1, r.sw2, r.sw3, r.data) == (0, 0, sw3, b"\x01\x02")
    assert r.status == sw3.name.lower()
    assert r.ok is (sw3 in (Sw3.OK, Sw3.FOUND))


def test_status_names_cover_the_manuals_codes_and_name_the_rest() -> None:
    assert status_name(0x90) == "ok"
    assert status_name(0x9F) == "found"
    assert status_name(0x80) == "find_failed"
    assert status_name(0x41) == "read_failed"
    assert status_name(0x10) == "checksum"
    assert status_name(0x66) == "sam_not_authorised"
    assert status_name(0x5A) == "sw3_0x5a"
    assert {s.value for s in Sw3} >= {0x90, 0x9F, 0x80, 0x41, 0x10, 0x66}


def test_request_round_trip_and_names() -> None:
    raw = encode_request(f.set_baud(9600))
    req = Request.from_frame(decode_frame(raw))
    assert (req.cmd, req.para, req.name) == (0x60, 0x04, "set_baud_9600")
    assert Request(0x30, 0x10).name == "read_text_photo_fingerprint"
    assert Request(0x77, 0x01).name == "cmd_77_01"
    with pytest.raises(FrameError, match="cannot run at 4800"):
        f.set_baud(4800)


def test_decode_names_what_is_wrong() -> None:
    good = encode_response(Sw3.OK, b"abc")
    with pytest.raises(FrameError, match="preamble"):
        decode_frame(b"\x00" + good)
    with pytest.raises(FrameError, match="no length"):
        decode_frame(good[:6])
    with pytest.raises(FrameError, match="too short"):
        decode_frame(good[:-1])
    with pytest.raises(FrameError, match="too long"):
        decode_frame(good + b"\x00")
    bad = bytearray(good)
    bad[-1] ^= 0xFF
    with pytest.raises(FrameError, match="checksum"):
        decode_frame(bytes(bad))
    with pytest.raises(FrameError, match="impossible length"):
        decode_frame(f.PREAMBLE + b"\xff\xff" + bytes(10))
    with pytest.raises(FrameError, match="impossible length"):
        decode_frame(f.PREAMBLE + b"\x00\x01\x00")
    with pytest.raises(FrameError, match="too short"):
        Response.from_frame(Frame(b"\x00\x00"))
    with pytest.raises(FrameError, match="too short"):
        Request.from_frame(Frame(b"\x20"))


def test_parser_takes_frames_in_any_pieces_with_garbage_between() -> None:
    a = encode_response(Sw3.FOUND, b"\x00" * 4)
    b = encode_response(Sw3.OK, bytes(range(200)))
    stream = b"\x13\x37garbage\xaa\xaa" + a + b"\xaa\xaa\xaa\x96" + b + b"\x00\x01"
    p = FrameParser()
    out = []
    for i in range(0, len(stream), 7):
        out += p.feed(stream[i : i + 7])
    assert [Response.from_frame(x).sw3 for x in out] == [Sw3.FOUND, Sw3.OK]
    assert Response.from_frame(out[1]).data == bytes(range(200))
    assert p.skipped_bytes > 0


def test_parser_drops_a_bad_checksum_and_finds_the_next_frame() -> None:
    bad = bytearray(encode_response(Sw3.OK, b"first"))
    bad[-1] ^= 1
    good = encode_response(Sw3.OK, b"second")
    p = FrameParser()
    out = p.feed(bytes(bad) + good)
    assert [Response.from_frame(x).data for x in out] == [b"second"]
    assert p.bad_checksums == 1


def test_a_false_preamble_with_a_huge_length_does_not_hold_back_a_real_frame() -> None:
    noise = f.PREAMBLE + b"\x09\xff" + b"\x00" * 5  # claims 2,559 bytes that never come
    good = encode_response(Sw3.FOUND, b"\x00" * 4)
    assert [Response.from_frame(x).sw3 for x in FrameParser().feed(noise + good)] == [Sw3.FOUND]


def test_a_length_beyond_any_answer_is_skipped_at_once() -> None:
    p = FrameParser()
    assert p.feed(f.PREAMBLE + b"\xff\xff" + encode_response(Sw3.OK)) != []
    assert p.bad_lengths == 1


def test_a_preamble_cut_in_two_is_kept_for_the_next_piece() -> None:
    frame = encode_response(Sw3.OK, b"x")
    p = FrameParser()
    assert p.feed(b"junk" + frame[:3]) == []
    assert len(p.feed(frame[3:])) == 1


# -- hypothesis: nothing escapes the decoders but FrameError ------------------------------
@settings(max_examples=400, deadline=None)
@given(st.lists(st.binary(max_size=64), max_size=20))
def test_parser_never_raises_on_any_pieces(pieces: list[bytes]) -> None:
    p = FrameParser()
    for piece in pieces:
        for frame in p.feed(piece):
            assert isinstance(frame, Frame)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=40),
            st.builds(
                lambda sw, data: encode_response(sw, data),
                st.integers(0, 255),
                st.binary(max_size=300),
            ),
            st.just(f.PREAMBLE),
        ),
        max_size=12,
    ),
    st.integers(1, 50),
)
def test_every_whole_frame_survives_garbage_around_it(parts: list[bytes], cut: int) -> None:
    """Frames separated by garbage come out (unless garbage forms a valid frame itself);
    whatever the mix, the parser raises nothing and gives only checksum-valid frames."""
    stream = b"".join(parts)
    p = FrameParser()
    out = []
    for i in range(0, len(stream), cut):
        out += p.feed(stream[i : i + cut])
    for frame in out:
        r = decode_frame(f.PREAMBLE + _len(frame) + frame.body + bytes([_chk(frame)]))
        assert r == frame


def _len(frame: Frame) -> bytes:
    return (len(frame.body) + 1).to_bytes(2, "big")


def _chk(frame: Frame) -> int:
    return f.checksum(_len(frame) + frame.body)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_raises_only_frame_error(raw: bytes) -> None:
    try:
        frame = decode_frame(raw)
    except FrameError:
        return
    try:
        Response.from_frame(frame)
        Request.from_frame(frame)
    except FrameError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 255), st.binary(max_size=2500))
def test_response_round_trip(sw3: int, data: bytes) -> None:
    r = Response.from_frame(decode_frame(encode_response(sw3, data)))
    assert (r.sw3, r.data) == (sw3, data)
