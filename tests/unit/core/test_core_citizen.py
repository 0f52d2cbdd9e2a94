"""A card is believed only when it checks out: GB 11643 check character, the birth date and sex
its number carries, the validity period on the terminal's date (an expired card names where to
renew it). And a Citizen is masked wherever it is shown or printed, and gives out only the
fields a submission names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from contract.wire import VerifiedIdentity
from devices.idcard.card import CardAnswer, CardType
from devices.idcard.model import CardRead
from devices.idcard.sim import fake_wlt, sample_cards
from kiosk_app.core.citizen import (
    CardProblem,
    CardRejected,
    Citizen,
    IdSource,
    Renewal,
    from_card,
    from_verified,
    same_person,
)

CARDS = sample_cards()
TODAY = date(2026, 11, 25)


def read(key: str, **changes: str) -> CardRead:
    card = CARDS[key]
    text = replace(card.text, **changes)  # type: ignore[arg-type]
    return CardRead(CardAnswer(text, fake_wlt(text.id_number)))


def test_a_good_card_is_a_citizen() -> None:
    c = from_card(read("resident"), TODAY)
    assert isinstance(c, Citizen)
    assert (c.source, c.card_type, c.name, c.id_number) == (
        IdSource.CARD,
        CardType.RESIDENT_ID,
        "张伟",
        "350999198503121312",
    )
    assert (c.birth, c.valid_from, c.valid_to) == (
        date(1985, 3, 12),
        date(2016, 6, 1),
        date(2036, 6, 1),
    )
    assert c.photo_wlt == fake_wlt("350999198503121312")


def test_changqi_means_no_end() -> None:
    c = from_card(read("resident_no_end"), date(2099, 1, 1))
    assert isinstance(c, Citizen) and c.valid_to is None
    assert c.shown().no_end


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"id_number": "350999198503121313"}, "check character"),
        ({"birth": "19850313"}, "birth date"),
        ({"sex": "2"}, "sex"),
        ({"birth": "19850230"}, "not a date"),
        ({"valid_from": "20161301"}, "validity"),
    ],
)
def test_a_card_whose_fields_disagree_is_not_believed(changes, why) -> None:
    got = from_card(read("resident", **changes), TODAY)
    assert isinstance(got, CardRejected) and got.problem is CardProblem.INCONSISTENT
    assert why in got.detail
    assert "350999" not in got.detail and "张伟" not in got.detail


def test_the_last_day_on_the_card_is_still_valid_the_next_is_not() -> None:
    assert isinstance(from_card(read("resident"), date(2036, 6, 1)), Citizen)
    got = from_card(read("resident"), date(2036, 6, 2))
    assert got == CardRejected(
        CardProblem.EXPIRED,
        CardType.RESIDENT_ID,
        valid_to=date(2036, 6, 1),
        valid_from=date(2016, 6, 1),
        renewal=Renewal.RESIDENT_ID,
    )


def test_each_kind_is_renewed_where_it_was_issued() -> None:
    got = from_card(read("hmt"), TODAY)  # the sample permit ended 2025-01-01
    assert isinstance(got, CardRejected) and got.renewal is Renewal.HMT_PERMIT
    got = from_card(read("foreign"), date(2030, 1, 2))
    assert isinstance(got, CardRejected)
    assert got.renewal is Renewal.FOREIGN_PERMANENT_RESIDENT


def test_a_card_not_valid_yet() -> None:
    got = from_card(read("resident"), date(2016, 5, 31))
    assert isinstance(got, CardRejected) and got.problem is CardProblem.NOT_YET_VALID
    assert got.valid_from == date(2016, 6, 1)


def test_permits_and_foreign_cards_are_checked_by_their_own_rules() -> None:
    assert isinstance(from_card(read("hmt"), date(2024, 1, 1)), Citizen)
    # a permit number must be one of 81/82/83 (even with a right check character)
    got = from_card(read("hmt", id_number="350999199001010019"), date(2024, 1, 1))
    assert isinstance(got, CardRejected) and "81, 82 or 83" in got.detail
    c = from_card(read("foreign"), TODAY)
    assert isinstance(c, Citizen) and (c.name_en, c.nationality) == ("SMITH, JOHN", "USA")
    assert isinstance(from_card(read("foreign", id_number="US350"), TODAY), CardRejected)


def test_the_appended_address_is_the_current_one() -> None:
    r = read("resident")
    c = from_card(CardRead(r.answer, "示范县新城路2号"), TODAY)
    assert isinstance(c, Citizen) and c.address == "示范县新城路2号"


def test_masked_wherever_shown_or_printed() -> None:
    c = from_card(read("resident"), TODAY)
    assert isinstance(c, Citizen)
    for text in (repr(c), str(c), f"{c}", repr([c])):
        assert "张伟" not in text and "350999198503121312" not in text
    s = c.shown()
    assert (s.name, s.id_number) == ("张*", "350999********1312")
    assert s.address.startswith("福") and "人民路" not in s.address
    assert (s.sex, s.nation) == ("男", "汉族")
    en = c.shown("en")
    assert (en.sex, en.nation) == ("male", "Han")


def test_only_the_named_fields_leave_for_a_submission() -> None:
    c = from_card(read("resident"), TODAY)
    assert isinstance(c, Citizen)
    assert c.for_submission("name", "id_number") == {
        "name": "张伟",
        "id_number": "350999198503121312",
    }
    assert c.for_submission("birth", "source") == {"birth": "1985-03-12", "source": "id_card"}
    with pytest.raises(KeyError):
        c.for_submission("photo_wlt")


def test_renewal_due_in_the_last_three_months() -> None:
    c = from_card(read("resident"), TODAY)
    assert isinstance(c, Citizen)
    assert not c.renewal_due(date(2036, 3, 1))
    assert c.renewal_due(date(2036, 3, 15)) and c.renewal_due(date(2036, 6, 1))


def test_a_person_vouched_for_by_the_service() -> None:
    c = from_verified(VerifiedIdentity(method="eid", name="李娜", id_number="350999199007212420"))
    assert (c.source, c.sex, c.birth, c.card_type) == (
        IdSource.EID,
        "2",
        date(1990, 7, 21),
        None,
    )
    assert same_person(c, " 350999199007212420 ") and not same_person(c, "350999198503121312")
    assert not same_person(None, "350999199007212420")
    x = from_verified(VerifiedIdentity(method="sms", name="王", id_number="11010519491231002x"))
    assert x.id_number.endswith("X")
