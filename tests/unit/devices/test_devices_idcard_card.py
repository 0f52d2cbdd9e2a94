"""The `30 01` answer: the three card layouts by their type field, parsed or refused by name and
never garbled; sex and nation codes in Chinese and English; the WLT photo decoded only by a
decoder a site installs through the `kiosk.wlt_decoders` entry points."""

from __future__ import annotations

import contextlib
import io
import struct
import textwrap
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from devices.idcard import photo
from devices.idcard.card import (
    NO_END,
    TEXT_SIZE,
    TYPE_OFFSET,
    CardAnswer,
    CardFormatError,
    CardType,
    RefusedCard,
    encode_answer,
    encode_text,
    parse_answer,
    parse_appended_address,
    parse_text,
)
from devices.idcard.codes import NATIONS, SEXES, nation_name, sex_name
from devices.idcard.sim import fake_wlt, sample_cards

CARDS = sample_cards()


def test_resident_card_fields_at_their_offsets() -> None:
    card = CARDS["resident"]
    data = card.answer()
    assert struct.unpack_from(">HH", data) == (256, 1024)
    block = data[4:260]
    assert block[0:4].decode("utf-16-le") == "张伟"
    assert block[122:158].decode("utf-16-le") == "350999198503121312"
    assert block[204:220].decode("utf-16-le") == "20360601"
    got = parse_answer(data)
    assert isinstance(got, CardAnswer)
    t = got.text
    assert t.card_type is CardType.RESIDENT_ID
    assert (t.name, t.sex, t.nation, t.birth) == ("张伟", "1", "01", "19850312")
    assert t.address == "福建省示范县城关镇人民路1号"
    assert (t.authority, t.valid_from, t.valid_to) == ("示范县公安局", "20160601", "20360601")
    assert got.photo_wlt == fake_wlt("350999198503121312")


def test_no_end_of_validity_reads_as_changqi() -> None:
    got = parse_answer(CARDS["resident_no_end"].answer())
    assert isinstance(got, CardAnswer) and got.text.valid_to == NO_END


def test_hk_macao_taiwan_residence_permit_by_its_type_field() -> None:
    data = CARDS["hmt"].answer()
    assert data[4 + TYPE_OFFSET : 4 + TYPE_OFFSET + 2].decode("utf-16-le") == "J"
    got = parse_answer(data)
    assert isinstance(got, CardAnswer)
    t = got.text
    assert t.card_type is CardType.HMT_RESIDENCE_PERMIT
    assert (t.id_number, t.pass_number, t.issue_count) == ("810000199001010019", "H12345678", "01")
    assert t.nation == ""  # the permit has no nation field


def test_foreign_permanent_resident_card_by_its_type_field() -> None:
    got = parse_answer(CARDS["foreign"].answer())
    assert isinstance(got, CardAnswer)
    t = got.text
    assert t.card_type is CardType.FOREIGN_PERMANENT_RESIDENT
    assert (t.name_en, t.name, t.nationality) == ("SMITH, JOHN", "史密斯", "USA")
    assert (t.id_number, t.birth, t.valid_to) == ("USA350985120117", "19851201", "20300101")
    assert t.address == ""


@pytest.mark.parametrize(
    ("key", "kind", "code"),
    [
        ("foreign_2023", CardType.FOREIGN_PERMANENT_RESIDENT_2023, "Y"),
        ("unknown_type", CardType.UNKNOWN, "Z"),
    ],
)
def test_other_kinds_are_refused_by_name(key: str, kind: CardType, code: str) -> None:
    assert parse_answer(CARDS[key].answer()) == RefusedCard(kind, code)


def test_a_resident_layout_read_as_foreign_would_be_garbage_so_the_type_decides() -> None:
    """The same bytes with the type letter changed are read with the other layout, not
    patched together: the foreign layout puts the Chinese name at byte 158."""
    block = encode_text(CARDS["resident"].text, type_code="I")
    with pytest.raises(CardFormatError):
        parse_text(block)  # dates land in the wrong places: refused, not shown garbled


def test_personal_fields_stay_out_of_reprs() -> None:
    got = parse_answer(CARDS["resident"].answer())
    text = repr(got)
    for secret in ("张伟", "350999198503121312", "人民路", "19850312"):
        assert secret not in text


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: d[:3], "too short"),
        (lambda d: struct.pack(">HH", 255, 1024) + d[4:], "text length"),
        (lambda d: struct.pack(">HH", 256, 2048) + d[4:], "photo length"),
        (lambda d: d[:-1], "does not match"),
        (lambda d: d[:4] + b"\x00\xd8" + d[6:], "not UCS-2"),  # a lone surrogate in the name
        (lambda d: d[:4] + b"\x07\x00" + d[6:], "control"),
        (lambda d: d[:40] + "X".encode("utf-16-le") + d[42:], "birth"),
        (lambda d: d[:208] + "长".encode("utf-16-le") + d[210:], "valid_to"),
    ],
)
def test_unreadable_answers_say_why(mutate, reason) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CardFormatError, match=reason):
        parse_answer(mutate(CARDS["resident"].answer()))


def test_a_card_without_number_or_name_is_refused() -> None:
    for change in ({"id_number": ""}, {"name": ""}):
        text = replace(CARDS["resident"].text, **change)  # type: ignore[arg-type]
        with pytest.raises(CardFormatError):
            parse_answer(encode_answer(text, bytes(1024)))


def test_appended_address() -> None:
    raw = "示范县新城路2号".encode("utf-16-le") + " ".encode("utf-16-le") * 27
    assert parse_appended_address(raw[:70]) == "示范县新城路2号"
    with pytest.raises(CardFormatError):
        parse_appended_address(b"\x00")


def test_sex_and_the_56_nations_in_both_languages() -> None:
    fifty_six = [k for k in NATIONS if int(k) <= 56]
    assert fifty_six == [f"{i:02d}" for i in range(1, 57)]
    assert (nation_name("01"), nation_name("01", "en")) == ("汉族", "Han")
    assert nation_name("56") == "基诺族"
    assert nation_name("1") == "汉族"  # a reader that drops the leading zero
    assert nation_name("77") == "77"  # unknown: the code as read, never a guess
    assert (sex_name("1"), sex_name("2", "en"), sex_name("9")) == ("男", "female", "未说明的性别")
    assert set(SEXES) == {"0", "1", "2", "9"}
    assert all(zh.endswith("族") for k, (zh, _) in NATIONS.items() if int(k) <= 56)


@settings(max_examples=400, deadline=None)
@given(st.binary(min_size=0, max_size=1400))
def test_parse_answer_raises_only_its_own_error(data: bytes) -> None:
    with contextlib.suppress(CardFormatError):  # anything else fails the test
        parse_answer(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=TEXT_SIZE, max_size=TEXT_SIZE), st.sampled_from(" IJYQ"))
def test_parse_text_of_random_blocks_of_every_type(block: bytes, letter: str) -> None:
    b = bytearray(block)
    b[TYPE_OFFSET : TYPE_OFFSET + 2] = letter.encode("utf-16-le")
    try:
        got = parse_text(bytes(b))
    except CardFormatError:
        return
    if isinstance(got, RefusedCard):
        assert letter in ("Y", "Q")
    else:
        assert got.birth.isdigit() and len(got.birth) == 8  # parsed means every date is one


# -- the photo ------------------------------------------------------------------------------
def _install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """A real distribution on sys.path declaring a kiosk.wlt_decoders entry point."""
    module = f"fake_wlt_{uuid.uuid4().hex}"  # a fresh module: sys.modules keeps the last one
    (tmp_path / f"{module}.py").write_text(textwrap.dedent(body), encoding="utf-8")
    info = tmp_path / "fake_wlt-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-wlt\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[kiosk.wlt_decoders]\nfake = {module}:decode\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    photo.forget_decoders()


@pytest.fixture(autouse=True)
def _fresh_decoders():
    photo.forget_decoders()
    yield
    photo.forget_decoders()


def test_without_a_decoder_there_is_no_photo() -> None:
    assert photo.available_decoders() == []
    assert photo.decode_photo(fake_wlt("x")) is None


def test_a_site_decoder_found_through_the_entry_point(tmp_path, monkeypatch) -> None:
    _install(
        tmp_path,
        monkeypatch,
        """
        import io
        from PIL import Image
        def decode(wlt):
            out = io.BytesIO()
            Image.new("RGB", (102, 126), (wlt[0], 80, 160)).save(out, format="BMP")
            return out.getvalue()
        """,
    )
    assert photo.available_decoders() == ["fake"]
    png = photo.decode_photo(fake_wlt("x"))
    assert png is not None and png.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(png)) as img:
        assert img.size == (102, 126)


@pytest.mark.parametrize(
    "body",
    [
        "def decode(wlt):\n    return b'not an image'\n",
        "def decode(wlt):\n    raise RuntimeError('vendor library crashed')\n",
        "def decode(wlt):\n    return None\n",
        "decode = 42\n",
        "raise ImportError('libwlt.so not found')\n",
    ],
)
def test_a_broken_decoder_gives_no_photo_never_a_broken_one(tmp_path, monkeypatch, body) -> None:
    _install(tmp_path, monkeypatch, body)
    assert photo.decode_photo(fake_wlt("x")) is None


def test_an_absurd_image_is_refused(tmp_path, monkeypatch) -> None:
    _install(
        tmp_path,
        monkeypatch,
        """
        import io
        from PIL import Image
        def decode(wlt):
            out = io.BytesIO()
            Image.new("L", (4000, 10)).save(out, format="PNG")
            return out.getvalue()
        """,
    )
    assert photo.decode_photo(fake_wlt("x")) is None
