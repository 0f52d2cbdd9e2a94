"""The citizen being served, once the identity step knows who it is: from the card on the
reader, from the 电子身份证 / 网证 QR, or from a typed ID number and a texted code.

A ``Citizen`` is personal through and through. It lives in the session only (the identity step
puts it there, registered as personal, and a reset wipes it); its repr is masked; ``shown``
gives the masked form a screen or a slip may carry; ``for_submission`` hands out only the
fields a record sent to the service needs, by name.

What is read from a card is checked before it is believed (``from_card``): the number's check
character (GB 11643), the birth date and sex the number carries against the card's own, and the
validity period on the terminal's date. A card that fails is not a citizen but a
``CardRejected`` naming why — expired (and how to renew it), not valid yet, or inconsistent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from contract import codes
from contract.wire import VerifiedIdentity
from devices.idcard.card import NO_END, CardText, CardType
from devices.idcard.codes import Lang, nation_name, sex_name
from devices.idcard.model import CardRead
from kiosk_app.core.masking import mask_id, mask_name

# Renew from three months before the end (公安部: 居民身份证有效期满前三个月内申请换领; the same
# for the HK/Macao/Taiwan residence permit).
RENEW_WINDOW = timedelta(days=90)
_FOREIGN_NUMBER = re.compile(r"[A-Z]{3}[0-9]{12}")


class IdSource(StrEnum):
    CARD = "id_card"  # read from the card on the reader (SAM-verified); as proofs say it
    EID = "eid"  # 电子身份证 / 网证 QR, resolved by the central service
    SMS = "sms"  # typed ID number and a code texted to the phone on record


class Renewal(StrEnum):
    """Where an expired card is renewed (the screen words it; the catalog has the window)."""

    RESIDENT_ID = "resident_id"  # 居民身份证换领: the police station's household window
    HMT_PERMIT = "hmt_permit"  # 港澳台居民居住证换领: the county public security bureau
    FOREIGN_PERMANENT_RESIDENT = "foreign_permanent_resident"  # exit-entry administration


# the catalog item a citizen with an expired card is sent to, where the catalog has one
RENEWAL_ITEMS: dict[Renewal, str] = {Renewal.RESIDENT_ID: "居民身份证换领"}
RENEWALS: dict[CardType, Renewal] = {
    CardType.RESIDENT_ID: Renewal.RESIDENT_ID,
    CardType.HMT_RESIDENCE_PERMIT: Renewal.HMT_PERMIT,
    CardType.FOREIGN_PERMANENT_RESIDENT: Renewal.FOREIGN_PERMANENT_RESIDENT,
}


@dataclass(frozen=True, repr=False)
class Citizen:
    source: IdSource
    name: str
    id_number: str
    card_type: CardType | None = None  # None: not from a card
    sex: str = ""  # GB/T 2261.1 code
    nation: str = ""  # GB 3304 code
    birth: date | None = None
    address: str = ""
    authority: str = ""
    valid_from: date | None = None
    valid_to: date | None = None  # None with a card: 长期 (no end)
    name_en: str = ""  # foreign permanent resident card
    nationality: str = ""  # ISO 3166-1 alpha-3, foreign permanent resident card
    photo_wlt: bytes = field(default=b"")  # decoded only by a site's decoder (devices.idcard.photo)
    # the central service's assertion that it identified this person (e-ID, texted code): what
    # a call that hands out their papers (proofs) carries; empty for a card read here
    assertion: str = field(default="", repr=False)

    def __repr__(self) -> str:
        return f"Citizen({self.source.value}, {mask_name(self.name)}, {mask_id(self.id_number)})"

    __str__ = __repr__

    @property
    def personal(self) -> tuple[str, ...]:
        """The values the session registers, so logs mask them wherever they turn up."""
        return tuple(v for v in (self.name, self.id_number, self.address, self.name_en) if v)

    def for_submission(self, *names: str) -> dict[str, str]:
        """Only the named fields, for a record that must carry them (``name``, ``id_number``,
        ``sex``, ``address``, ``birth`` …); KeyError for a field a Citizen does not have."""
        out: dict[str, str] = {}
        for n in names:
            if n not in _SUBMITTABLE:
                raise KeyError(f"a citizen has no field {n!r} to submit")
            value = getattr(self, n)
            out[n] = value.isoformat() if isinstance(value, date) else str(value or "")
        return out

    def shown(self, lang: Lang = "zh") -> ShownCitizen:
        return ShownCitizen(
            source=self.source,
            card_type=self.card_type,
            name=mask_name(self.name or self.name_en),
            id_number=mask_id(self.id_number),
            sex=sex_name(self.sex, lang) if self.sex else "",
            nation=nation_name(self.nation, lang) if self.nation else "",
            nationality=self.nationality,
            address=mask_name(self.address),
            valid_to=self.valid_to,
            no_end=self.card_type is not None and self.valid_to is None,
        )

    def renewal_due(self, today: date) -> bool:
        """Valid still, but inside the three months in which it may (and should) be renewed."""
        return self.valid_to is not None and today <= self.valid_to < today + RENEW_WINDOW


_SUBMITTABLE = frozenset(
    {"source", "name", "id_number", "sex", "nation", "birth", "address", "name_en", "nationality"}
)


@dataclass(frozen=True)
class ShownCitizen:
    """What a screen or a printed slip may show of a citizen: masked, codes named."""

    source: IdSource
    card_type: CardType | None
    name: str
    id_number: str
    sex: str
    nation: str
    nationality: str
    address: str
    valid_to: date | None
    no_end: bool


class CardProblem(StrEnum):
    EXPIRED = "expired"  # past its last valid day: renew it (``renewal``)
    NOT_YET_VALID = "not_yet_valid"  # starts later (a new card laid early, or the clock is off)
    INCONSISTENT = "inconsistent"  # check character, birth date or sex disagree: not believed


@dataclass(frozen=True)
class CardRejected:
    problem: CardProblem
    card_type: CardType
    valid_to: date | None = None
    valid_from: date | None = None
    renewal: Renewal | None = None
    detail: str = ""  # for the technician's log: which check failed, no personal values


def _day(text: str) -> date | None:
    if not re.fullmatch(r"[0-9]{8}", text):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _consistency(t: CardText, birth: date | None) -> str:
    """Why the card's fields disagree with each other ("" when they agree)."""
    if birth is None:
        return "birth date is not a date"
    if t.card_type is CardType.FOREIGN_PERMANENT_RESIDENT:
        # 2017 edition: nationality (3 letters) and 12 digits; no public check character
        return "" if _FOREIGN_NUMBER.fullmatch(t.id_number) else "number format"
    if not codes.id_number_valid(t.id_number):
        return "number check character (GB 11643)"
    if codes.id_birth_date(t.id_number) != birth:
        return "birth date differs from the number's"
    if t.sex in ("1", "2") and codes.id_sex_code(t.id_number) != t.sex:
        return "sex differs from the number's"
    if t.card_type is CardType.HMT_RESIDENCE_PERMIT and t.id_number[:2] not in ("81", "82", "83"):
        return "a residence permit number starts 81, 82 or 83"
    return ""


def from_card(read: CardRead, today: date) -> Citizen | CardRejected:
    """The citizen on a card read by the reader, or why the card is not accepted today."""
    t = read.answer.text
    birth = _day(t.birth)
    start = _day(t.valid_from)
    end = None if t.valid_to == NO_END else _day(t.valid_to)
    renewal = RENEWALS.get(t.card_type)
    why = _consistency(t, birth)
    if not why and (start is None or (t.valid_to != NO_END and end is None)):
        why = "validity dates"
    if why:
        return CardRejected(CardProblem.INCONSISTENT, t.card_type, detail=why)
    if start is not None and start > today:
        return CardRejected(CardProblem.NOT_YET_VALID, t.card_type, end, start, renewal)
    if end is not None and end < today:  # the last day on the card is still a valid day
        return CardRejected(CardProblem.EXPIRED, t.card_type, end, start, renewal)
    return Citizen(
        source=IdSource.CARD,
        name=t.name,
        id_number=t.id_number.upper(),
        card_type=t.card_type,
        sex=t.sex,
        nation=t.nation,
        birth=birth,
        address=read.appended_address or t.address,
        authority=t.authority,
        valid_from=start,
        valid_to=end,
        name_en=t.name_en,
        nationality=t.nationality,
        photo_wlt=read.answer.photo_wlt,
    )


def from_verified(v: VerifiedIdentity) -> Citizen:
    """The citizen the service vouched for (e-ID or texted code): name and number; birth date
    and sex as the number carries them."""
    n = v.id_number.strip().upper()
    return Citizen(
        source=IdSource(v.method),
        name=v.name,
        id_number=n,
        sex=codes.id_sex_code(n),
        birth=codes.id_birth_date(n),
        assertion=v.assertion,
    )


def same_person(citizen: Citizen | None, id_number: str) -> bool:
    """Whether ``id_number`` (an authorisation's holder, a case's applicant) is this citizen."""
    return citizen is not None and citizen.id_number == id_number.strip().upper()
