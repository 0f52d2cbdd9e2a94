"""kiosk_app.core.payloads: every known kind, the near-misses, and no exception on any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contract.codes import NumberKind, new_number, spoken
from kiosk_app.core.payloads import (
    Appointment,
    Authorization,
    GuideLink,
    IssuedNumber,
    StaffBadge,
    TicketFollow,
    TypedAppointment,
    Unknown,
    parse_payload,
    parse_typed_appointment,
)

GUIDES = "https://zwfw.example.gov.cn/guide"
CENTRAL = "http://127.0.0.1:8765"
TOKEN = "Zk3aB_cD-eFgHiJkLmNoPqRsTuVwXyZ0"


def p(text):
    return parse_payload(text, guides_base_url=GUIDES, central_url=CENTRAL)


def test_known_kinds() -> None:
    assert p("ZWFW-YY:A7K2M9Q4XZ") == Appointment("A7K2M9Q4XZ")
    assert p(f"ZWFW-SQ:{TOKEN}") == Authorization(TOKEN)
    assert p("ZWFW-GH:S0001") == StaffBadge("S0001")
    for kind in (NumberKind.WORKORDER, NumberKind.CASE, NumberKind.DOCUMENT):
        number = new_number(kind)
        assert p(number) == IssuedNumber(number, kind)
        assert p(spoken(number).lower()) == IssuedNumber(number, kind)  # as read back, typed
    assert p(f"{GUIDES}/HALL-24H-01/") == GuideLink("HALL-24H-01", f"{GUIDES}/HALL-24H-01/")
    assert p(f"{CENTRAL}/q/A023") == TicketFollow("A023", f"{CENTRAL}/q/A023")


def test_scanner_garbling_is_tolerated() -> None:
    assert p("  ＺＷＦＷ－ＹＹ：A7K2M9Q4XZ\r\n") == Appointment("A7K2M9Q4XZ")  # full-width
    assert p("\ufeffzwfw-yy:a7k2m9q4xz") == Appointment("A7K2M9Q4XZ")
    assert p(b"ZWFW-GH:S0001") == StaffBadge("S0001")
    assert p("HTTPS://ZWFW.EXAMPLE.GOV.CN/guide/HALL-24H-01").kind == "guide"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \r\n", "empty"),
        ("ZWFW-YY:A7K2", "bad_appointment"),
        ("ZWFW-SQ:short", "bad_authorization"),
        (f"ZWFW-SQ:{TOKEN[:-1]}+", "bad_authorization"),
        ("ZWFW-GH:X1", "bad_staff_badge"),
        ("12345-4830 2917 5603", "bad_number"),  # check digit wrong (…5602 is right)
        ("SL 4830 2917", "bad_number"),  # too short
        ("https://evil.example.com/guide/HALL-24H-01/", "unknown"),
        (f"{GUIDES}/HALL-24H-01/../../x", "unknown"),
        (f"{GUIDES}/HALL-24H-01/?next=evil", "unknown"),
        ("hello", "unknown"),
        ("x" * 5000, "too_long"),
        (b"\xff\xfe\xfd\x80", "not_text"),
        (None, "not_text"),
        (12345, "not_text"),
    ],
)
def test_near_misses_are_unknown_with_reason(text, reason) -> None:
    assert p(text) == Unknown(reason)


def test_typed_appointment() -> None:
    assert parse_typed_appointment("138 0013 8000", "123456") == TypedAppointment(
        "13800138000", "123456"
    )
    assert parse_typed_appointment("+8613800138000", "１２３４５６").kind == "typed_appointment"
    assert parse_typed_appointment("12345", "123456") == Unknown("bad_phone")
    assert parse_typed_appointment("13800138000", "12a456") == Unknown("bad_code6")


def test_secrets_and_personal_data_stay_out_of_reprs() -> None:
    assert TOKEN not in repr(Authorization(TOKEN))
    r = repr(TypedAppointment("13800138000", "123456"))
    assert "13800138000" not in r and "123456" not in r


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_never_raises_on_anything(raw) -> None:
    assert p(raw).kind


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_prefixed_hostile_suffixes_never_raise(tail: str) -> None:
    for prefix in ("ZWFW-YY:", "ZWFW-SQ:", "ZWFW-GH:", "12345-", f"{GUIDES}/", f"{CENTRAL}/q/"):
        assert p(prefix + tail).kind
    assert parse_typed_appointment(tail, tail).kind
