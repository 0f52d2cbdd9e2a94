"""What a `30 01` answer holds: the 256-byte text block and the 1,024-byte WLT photo.

Answer data (after SW1 SW2 SW3): text length (2 B) | photo length (2 B) | text | photo, lengths
big-endian (256 and 1024: ``01 00 04 00``). The text is UCS-2 little-endian in fixed-width
fields padded with spaces. Three kinds of card share the reader and the block; the two bytes at
offset 248 (one UCS-2 character) tell them apart:

==========  ===============================================  ======================================
type        card                                             layout (bytes)
==========  ===============================================  ======================================
" " / 0     居民身份证 (resident ID card)                      name 30, sex 2, nation 4, birth 16,
                                                             address 70, number 36, authority 30,
                                                             from 16, to 16, reserved 36
"J"         港澳台居民居住证 (HK/Macao/Taiwan residence        as the ID card, nation reserved;
            permit, 2018)                                    then pass number 18, issue count 4,
                                                             reserved 6, type 2, reserved 6
"I"         外国人永久居留身份证 (foreign permanent resident   English name 120, sex 2, number 30,
            ID card, 2017)                                   nationality 6 (ISO 3166-1 alpha-3),
                                                             Chinese name 30, from 16, to 16,
                                                             birth 16, version 4, authority code
                                                             8, type 2, reserved 6
"Y"         外国人永久居留身份证 (2023 edition)                 refused by name: its layout is not
                                                             in the manuals this was built from
==========  ===============================================  ======================================

Dates are ``YYYYMMDD``; a card without end of validity says ``长期``. ``parse_answer`` raises
``CardFormatError`` (and nothing else) for a block it cannot read: a card is shown exactly as it
is, or refused — never garbled.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field, fields
from enum import StrEnum

TEXT_SIZE = 256
PHOTO_SIZE = 1024
TYPE_OFFSET = 248
NO_END = "长期"  # validity without end (people aged 46 and over, 居民身份证法 art. 5)


class CardFormatError(ValueError):
    """The answer does not hold a card this terminal can read."""


class CardType(StrEnum):
    RESIDENT_ID = "resident_id"
    HMT_RESIDENCE_PERMIT = "hmt_residence_permit"
    FOREIGN_PERMANENT_RESIDENT = "foreign_permanent_resident"
    FOREIGN_PERMANENT_RESIDENT_2023 = "foreign_permanent_resident_2023"
    UNKNOWN = "unknown"


TYPE_CODES: dict[str, CardType] = {
    " ": CardType.RESIDENT_ID,
    "\x00": CardType.RESIDENT_ID,
    "J": CardType.HMT_RESIDENCE_PERMIT,
    "I": CardType.FOREIGN_PERMANENT_RESIDENT,
    "Y": CardType.FOREIGN_PERMANENT_RESIDENT_2023,
}
TYPE_LETTERS: dict[CardType, str] = {
    CardType.RESIDENT_ID: " ",
    CardType.HMT_RESIDENCE_PERMIT: "J",
    CardType.FOREIGN_PERMANENT_RESIDENT: "I",
    CardType.FOREIGN_PERMANENT_RESIDENT_2023: "Y",
}
# the kinds this terminal reads; the others are refused by name
SUPPORTED = (
    CardType.RESIDENT_ID,
    CardType.HMT_RESIDENCE_PERMIT,
    CardType.FOREIGN_PERMANENT_RESIDENT,
)

# field -> (offset, size) per layout
_RESIDENT: dict[str, tuple[int, int]] = {
    "name": (0, 30),
    "sex": (30, 2),
    "nation": (32, 4),
    "birth": (36, 16),
    "address": (52, 70),
    "id_number": (122, 36),
    "authority": (158, 30),
    "valid_from": (188, 16),
    "valid_to": (204, 16),
}
_HMT: dict[str, tuple[int, int]] = {
    **{k: v for k, v in _RESIDENT.items() if k != "nation"},
    "pass_number": (220, 18),
    "issue_count": (238, 4),
}
_FOREIGN: dict[str, tuple[int, int]] = {
    "name_en": (0, 120),
    "sex": (120, 2),
    "id_number": (122, 30),
    "nationality": (152, 6),
    "name": (158, 30),
    "valid_from": (188, 16),
    "valid_to": (204, 16),
    "birth": (220, 16),
    "version": (236, 4),
    "authority": (240, 8),
}
LAYOUTS: dict[CardType, dict[str, tuple[int, int]]] = {
    CardType.RESIDENT_ID: _RESIDENT,
    CardType.HMT_RESIDENCE_PERMIT: _HMT,
    CardType.FOREIGN_PERMANENT_RESIDENT: _FOREIGN,
}

_DATE = re.compile(r"[0-9]{8}")


@dataclass(frozen=True)
class CardText:
    """The text of a card as printed on it (codes for sex and nation; see ``codes``).

    Personal fields are left out of the repr: devices/ logs nothing personal, and a repr ends
    up in logs sooner or later.
    """

    card_type: CardType
    name: str = field(default="", repr=False)  # Chinese name ("" on a foreign card without one)
    sex: str = ""  # GB/T 2261.1 code
    nation: str = ""  # GB 3304 code (resident ID card only)
    birth: str = field(default="", repr=False)  # YYYYMMDD
    address: str = field(default="", repr=False)
    id_number: str = field(default="", repr=False)
    authority: str = ""  # issuing authority (a code on the foreign resident card)
    valid_from: str = ""  # YYYYMMDD
    valid_to: str = ""  # YYYYMMDD or "长期"
    name_en: str = field(default="", repr=False)  # foreign permanent resident card
    nationality: str = ""  # ISO 3166-1 alpha-3, foreign permanent resident card
    version: str = ""  # foreign permanent resident card
    pass_number: str = field(default="", repr=False)  # HK/Macao/Taiwan residence permit
    issue_count: str = ""  # HK/Macao/Taiwan residence permit


@dataclass(frozen=True)
class CardAnswer:
    """A whole `30 01` answer: the card's text and its photo, still WLT-encoded."""

    text: CardText
    photo_wlt: bytes = field(repr=False)


@dataclass(frozen=True)
class RefusedCard:
    """A card of a kind this terminal does not read (told by its type field), or none known."""

    card_type: CardType
    type_code: str


def _field(block: bytes, offset: int, size: int, name: str) -> str:
    raw = block[offset : offset + size]
    try:
        text = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        raise CardFormatError(f"field {name} is not UCS-2 text") from None
    text = text.rstrip(" \x00")
    if any(not ch.isprintable() for ch in text):
        raise CardFormatError(f"field {name} holds control characters")
    return text


def card_type_of(block: bytes) -> tuple[CardType, str]:
    """The card's kind from its type field, and the field as read."""
    raw = block[TYPE_OFFSET : TYPE_OFFSET + 2]
    try:
        code = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        return CardType.UNKNOWN, raw.hex()
    return TYPE_CODES.get(code, CardType.UNKNOWN), code


def parse_text(block: bytes) -> CardText | RefusedCard:
    """The 256-byte text block as a CardText, or RefusedCard for a kind not read here."""
    if len(block) != TEXT_SIZE:
        raise CardFormatError(f"text block of {len(block)} bytes, not {TEXT_SIZE}")
    kind, code = card_type_of(block)
    if kind not in LAYOUTS:
        return RefusedCard(kind, code)
    values = {name: _field(block, off, size, name) for name, (off, size) in LAYOUTS[kind].items()}
    for name in ("birth", "valid_from"):
        if not _DATE.fullmatch(values[name]):
            raise CardFormatError(f"field {name} is not a date")
    if not (_DATE.fullmatch(values["valid_to"]) or values["valid_to"] == NO_END):
        raise CardFormatError("field valid_to is neither a date nor 长期")
    if not values["id_number"]:
        raise CardFormatError("the card has no number")
    if not (values["name"] or values.get("name_en")):
        raise CardFormatError("the card has no name")
    return CardText(kind, **values)


def parse_answer(data: bytes) -> CardAnswer | RefusedCard:
    """The data of a `30 01` answer (after SW1 SW2 SW3)."""
    if len(data) < 4:
        raise CardFormatError("answer too short for the text and photo lengths")
    text_len, photo_len = struct.unpack_from(">HH", data, 0)
    if text_len != TEXT_SIZE:
        raise CardFormatError(f"text length {text_len}, not {TEXT_SIZE}")
    if photo_len > PHOTO_SIZE:
        raise CardFormatError(f"photo length {photo_len}, more than {PHOTO_SIZE}")
    if len(data) != 4 + text_len + photo_len:
        raise CardFormatError(
            f"answer of {len(data)} bytes does not match its lengths ({4 + text_len + photo_len})"
        )
    text = parse_text(data[4 : 4 + text_len])
    if isinstance(text, RefusedCard):
        return text
    return CardAnswer(text, data[4 + text_len :])


def parse_appended_address(data: bytes) -> str:
    """The `30 03` answer: the newest address endorsed on the card (70 bytes of UCS-2)."""
    if not data or len(data) % 2:
        raise CardFormatError("appended address is not UCS-2 text")
    return _field(data, 0, len(data), "appended_address")


# -- encoding (the simulator and the tests build cards with it) -------------------------------
def _put(block: bytearray, offset: int, size: int, value: str, name: str) -> None:
    raw = value.encode("utf-16-le")
    if len(raw) > size:
        raise ValueError(f"{name} is longer than its {size // 2} characters")
    block[offset : offset + size] = raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def encode_text(text: CardText, type_code: str | None = None) -> bytes:
    """The 256-byte block of ``text`` (``type_code`` overrides the type field, for tests)."""
    block = bytearray(" ".encode("utf-16-le") * (TEXT_SIZE // 2))
    layout = LAYOUTS.get(text.card_type, _RESIDENT)
    values = {f.name: getattr(text, f.name) for f in fields(text)}
    for name, (off, size) in layout.items():
        _put(block, off, size, values[name], name)
    code = type_code if type_code is not None else TYPE_LETTERS.get(text.card_type, "?")
    block[TYPE_OFFSET : TYPE_OFFSET + 2] = code.encode("utf-16-le")[:2].ljust(2, b"\x00")
    return bytes(block)


def encode_answer(text: CardText, photo_wlt: bytes, type_code: str | None = None) -> bytes:
    block = encode_text(text, type_code)
    return struct.pack(">HH", len(block), len(photo_wlt)) + block + photo_wlt
