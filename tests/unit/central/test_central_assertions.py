"""The service's identity assertion: good for its terminal, its person and ten minutes; any
change to it, or another key, and it is refused without saying which part was wrong."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from central import assertions
from central.keyring import Keyring
from contract.wire import VerifiedIdentity
from kiosk_app.core.citizen import from_verified

NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
ID = "35099919850312131X"


@pytest.fixture
def keys(tmp_path) -> Keyring:
    return Keyring.open(tmp_path / "keys.json")


def test_issued_and_checked(keys) -> None:
    token = assertions.issue(keys, "HALL-001", ID.lower(), "eid", NOW)
    assert token.startswith("v1.eid.") and ID not in token.upper()  # no personal data in it
    assert assertions.check(keys, token, "HALL-001", ID, NOW) == "eid"
    assert assertions.check(keys, token, "HALL-001", ID, NOW + assertions.VALID_FOR) == "eid"
    late = NOW + assertions.VALID_FOR + timedelta(seconds=1)
    assert assertions.check(keys, token, "HALL-001", ID, late) is None
    assert assertions.check(keys, token, "HALL-002", ID, NOW) is None
    assert assertions.check(keys, token, "HALL-001", "350999198503121312", NOW) is None
    assert assertions.check(keys.with_new_key().only_current(), token, "HALL-001", ID, NOW) is None


@pytest.mark.parametrize(
    "token",
    [
        "",
        "v1",
        "v2.eid.1.x",
        "v1.id_card.9999999999.ab",
        "v1.eid.²³.ab",
        "v1.eid.-1.ab",
        "a.b.c.d.e",
    ],
)
def test_malformed_ones_are_refused(keys, token: str) -> None:
    assert assertions.check(keys, token, "HALL-001", ID, NOW) is None


def test_a_card_read_here_gets_none(keys) -> None:
    with pytest.raises(ValueError):
        assertions.issue(keys, "HALL-001", ID, "id_card", NOW)


def test_the_terminal_keeps_it_with_the_citizen() -> None:
    v = VerifiedIdentity(method="eid", name="张伟", id_number=ID, assertion="v1.eid.1.x")
    citizen = from_verified(v)
    assert citizen.assertion == "v1.eid.1.x" and "v1.eid" not in repr(citizen)
