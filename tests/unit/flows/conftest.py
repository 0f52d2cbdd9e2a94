"""Fakes for the flows' ports: an online API that answers from a script, a real outbox."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contract.results import Ok
from contract.wire import Appointment, Ticket
from kiosk_app.core.session import Session
from kiosk_app.sync.outbox import Outbox


def ticket(number: str = "Y001", waiting: int = 2) -> Ticket:
    return Ticket(
        number=number,
        service="居民身份证换领",
        window="B区 3号窗口",
        waiting=waiting,
        follow_url=f"http://127.0.0.1:1/q/{number}",
        issued_at="2026-11-25T10:00:00+00:00",
    )


def appointment(status: str = "booked", site: str = "demo-county") -> Appointment:
    return Appointment(
        code="DEMOYY0001",
        name="张伟",
        item_id="C0032",
        service="居民身份证换领",
        site=site,
        site_name="示范县政务服务中心",
        slot_start="2026-11-25T09:00:00+00:00",
        slot_end="2026-11-26T09:00:00+00:00",
        status=status,
        ticket_number="Y007" if status == "checked_in" else None,
    )


class FakeApi:
    """Answers each method from a list (popped in order) or one fixed value; records calls."""

    def __init__(self, **answers: Any) -> None:
        self.answers = answers
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def _answer(self, name: str, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((name, args, kwargs))
        a = self.answers[name]
        return a.pop(0) if isinstance(a, list) else a

    def lookup_appointment(self, code=None, *, phone=None, code6=None):  # type: ignore[no-untyped-def]
        return self._answer("lookup_appointment", code, phone=phone, code6=code6)

    def check_in(self, code, *, key=None):  # type: ignore[no-untyped-def]
        return self._answer("check_in", code, key=key)

    def issue_ticket(self, *, category=None, item_id=None, key=None):  # type: ignore[no-untyped-def]
        return self._answer("issue_ticket", category=category, item_id=item_id, key=key)

    def redeem_authorization(self, token, *, key=None):  # type: ignore[no-untyped-def]
        return self._answer("redeem_authorization", token, key=key)

    def workorder_status(self, number):  # type: ignore[no-untyped-def]
        return self._answer("workorder_status", number)

    def progress(self, number):  # type: ignore[no-untyped-def]
        return self._answer("progress", number)

    def progress_with_phone(self, number, phone):  # type: ignore[no-untyped-def]
        return self._answer("progress_with_phone", number, phone)

    def resolve_eid(self, code):  # type: ignore[no-untyped-def]
        return self._answer("resolve_eid", code)

    def send_sms_code(self, id_number, *, key=None):  # type: ignore[no-untyped-def]
        return self._answer("send_sms_code", id_number, key=key)

    def check_sms_code(self, challenge, code):  # type: ignore[no-untyped-def]
        return self._answer("check_sms_code", challenge, code)


@pytest.fixture
def outbox(tmp_path: Path):
    box = Outbox(tmp_path / "outbox.sqlite3", "T-TEST")
    yield box
    box.close()


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return Session(temp_root=tmp_path / "session")


def pending(box: Outbox, type: str | None = None) -> list[dict[str, Any]]:
    """The payloads stored in the outbox, read through a connection of our own."""
    import json
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(box.path)) as conn:
        rows = conn.execute("SELECT type, body FROM outbox ORDER BY id").fetchall()
    return [json.loads(b)["payload"] for t, b in rows if type is None or t == type]


class Fakes:
    """The helpers above, handed to tests as one fixture (test modules cannot import conftest)."""

    ticket = staticmethod(ticket)
    appointment = staticmethod(appointment)
    Api = FakeApi
    pending = staticmethod(pending)
    ok_ticket = Ok(ticket())


@pytest.fixture
def fakes() -> type[Fakes]:
    return Fakes
