"""Desk unit fixtures: a scripted online API, a real outbox, a session, a roster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contract.results import Ok
from contract.wire import Holder, Licence, Licences
from kiosk_app.core.config import StaffMember
from kiosk_app.core.pin import hash_pin
from kiosk_app.core.session import Session
from kiosk_app.sync.outbox import Outbox

ID = "350999199001011236"


def licences() -> Licences:
    return Licences(
        holder=Holder(name="张伟", id_number=ID),
        licences=[
            Licence(
                kind="id_card",
                title="居民身份证",
                number=ID,
                holder="张伟",
                issuer="示范县公安局",
                valid_from="2020-01-01",
                valid_until="2040-01-01",
            ),
            Licence(
                kind="driving_licence",
                title="机动车驾驶证",
                number="350999000111222",
                holder="张伟",
                issuer="示范县交警大队",
                valid_from="2019-05-05",
            ),
        ],
    )


class FakeApi:
    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers) or [Ok(licences())]
        self.calls: list[tuple[str, str | None]] = []

    def redeem_authorization(self, token: str, *, key: str | None = None) -> Any:
        self.calls.append((token, key))
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture
def outbox(tmp_path: Path):
    box = Outbox(tmp_path / "outbox.sqlite3", "T-DESK")
    yield box
    box.close()


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return Session(temp_root=tmp_path / "session")


@pytest.fixture(scope="session")
def roster() -> dict[str, StaffMember]:
    return {
        "S0001": StaffMember(name="王晓明", pin_hash=hash_pin("1357", b"0123456789abcdef")),
        "S0002": StaffMember(name="李静"),
    }


@pytest.fixture
def fake_api() -> type[FakeApi]:
    """The scripted API class (test modules cannot import conftest)."""
    return FakeApi
