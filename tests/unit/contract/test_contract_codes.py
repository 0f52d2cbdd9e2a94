"""contract.codes: the numbers a terminal hands out — unique without asking, unguessable, and
readable back however a citizen types them; and the resident ID check character."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contract import codes
from contract.codes import NumberKind, check_digit, new_number, parse_number, spoken


@pytest.mark.parametrize("kind", [k for k in NumberKind if k is not NumberKind.TICKET])
def test_new_numbers_match_their_pattern_and_parse_back(kind: NumberKind) -> None:
    numbers = {new_number(kind) for _ in range(2000)}
    assert len(numbers) == 2000  # random: no two alike in a day's worth
    for n in list(numbers)[:50]:
        assert re.fullmatch(codes.NUMBER_PATTERNS[kind], n)
        assert parse_number(n) == codes.Number(kind, n)
        assert parse_number(spoken(n)) == codes.Number(kind, n)


def test_spoken_form_is_prefix_and_three_groups_of_four() -> None:
    assert spoken("SL483029175602") == "SL 4830 2917 5602"
    assert spoken("12345-483029175602") == "12345 4830 2917 5602"
    assert spoken("A012") == "A012"


def test_numbers_are_not_sequential_or_guessable() -> None:
    a, b = new_number(NumberKind.WORKORDER), new_number(NumberKind.WORKORDER)
    da, db = int(a[-12:-1]), int(b[-12:-1])
    assert abs(da - db) > 1  # not a counter (chance of a false failure: 3 in 10^11)


def test_typing_variants_are_read() -> None:
    n = "SL483029175602"
    for typed in (
        "sl 4830 2917 5602",
        "SL-4830-2917-5602",
        "ＳＬ４８３０２９１７５６０２",
        " SL4830 29175602 ",
    ):
        assert parse_number(typed) == codes.Number(NumberKind.CASE, n)
    assert parse_number("a012") == codes.Number(NumberKind.TICKET, "A012")


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(0, 10), st.data())
def test_check_digit_catches_one_wrong_digit_and_adjacent_swaps(body, pos, data) -> None:
    full = body + check_digit(body)
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != full[pos]]))
    typo = full[:pos] + wrong + full[pos + 1 :]
    assert parse_number("SL" + typo) is None
    if full[pos] != full[pos + 1]:
        swapped = full[:pos] + full[pos + 1] + full[pos] + full[pos + 2 :]
        assert parse_number("SL" + swapped) is None


@given(st.text(max_size=40))
def test_parse_number_never_raises(text) -> None:
    parse_number(text)


def test_resident_id_check_character() -> None:
    # GB 11643-1999 worked example
    assert codes.id_check_char("11010519491231002") == "X"
    assert codes.id_number_valid("11010519491231002X")
    assert codes.id_number_valid("11010519491231002x")
    assert not codes.id_number_valid("110105194912310021")
    assert not codes.id_number_valid("1101051949123100")
