"""好差评 at the reference service: one rating per case (also from two terminals' outboxes), the
GB/T 39046 record as stored, the 差评 follow-up list with its working-day deadline."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from central import operators
from central.db import open_database
from central.server import EmbeddedCentral


def rating(case: str, level: int, terminal: str = "HALL-001", **kw: Any) -> dict[str, Any]:
    payload = {
        "level": level,
        "case_id": case,
        "item_id": "C0032",
        "window": "B3",
        "staff_id": "S0001",
        "channel": "kiosk",
        "channel_code": "5",
        "eval_time": "20261125100000",
        "count": 1,
        "division_code": "350999",
        **kw,
    }
    return {
        "key": str(uuid.uuid4()),
        "type": "rating.submitted",
        "terminal_id": terminal,
        "created_at": "2026-11-25T10:00:00+08:00",
        "payload": payload,
    }


def send(client: httpx.Client, *events: dict[str, Any]) -> list[dict[str, Any]]:
    r = client.post("/api/v1/events:batch", json={"events": list(events)})
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


@pytest.fixture
def other(server: EmbeddedCentral) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=server.url, headers={"Authorization": "Bearer demo-token-HALL-002"}, timeout=10
    ) as client:
        yield client


@pytest.fixture
def operator(server: EmbeddedCentral) -> Iterator[httpx.Client]:
    db = open_database(server.settings)
    try:
        token = operators.issue(db, "ops", server.settings.clock())
    finally:
        db.close()
    with httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=10
    ) as client:
        yield client


def test_a_case_is_rated_once_whichever_terminal_sends_it(
    api: httpx.Client, other: httpx.Client, server: EmbeddedCentral
) -> None:
    assert api.get("/api/v1/cases/SL-1/rating").json() == {
        "case_id": "SL-1",
        "rated": False,
        "level": None,
        "eval_time": None,
        "channel_code": None,
    }
    first = rating("SL-1", 5)
    assert send(api, first)[0]["status"] == "accepted"
    # the same record again (a lost answer): duplicate as before
    assert send(api, first)[0]["status"] == "duplicate"
    # another rating of the case, from this terminal and from another one's outbox
    again = send(api, rating("SL-1", 1, reasons=["attitude"]))[0]
    elsewhere = send(other, rating("SL-1", 2, terminal="HALL-002", reasons=["fees"]))[0]
    for answer in (again, elsewhere):
        assert answer["status"] == "duplicate"
        assert "already rated" in answer["reason"] and "not counted" in answer["reason"]
    assert [r["level"] for r in server.stored.ratings()] == [5]  # counted once
    assert len(server.stored.events("rating.submitted")) == 3  # what was sent is kept
    status = api.get("/api/v1/cases/SL-1/rating").json()
    assert (status["rated"], status["level"], status["eval_time"]) == (True, 5, "20261125100000")
    # a rating without a case has nothing to be unique on: each one counts
    assert send(api, rating("", 4, case_id=None), rating("", 3, case_id=None))[0]["status"] == (
        "accepted"
    )
    assert [r["level"] for r in server.stored.ratings()] == [5, 4, 3]


def test_the_published_reasons_and_window(api: httpx.Client) -> None:
    doc = api.get("/api/v1/ratings/reasons").json()
    codes = [r["code"] for r in doc["reasons"]]
    assert {"attitude", "long_wait", "materials_again", "overdue", "fees"} <= set(codes)
    assert doc["followup_working_days"] == 15
    assert len({r["pad_code"] for r in doc["reasons"]}) == len(codes)


def test_a_bad_rating_is_followed_up_within_15_working_days(
    api: httpx.Client, operator: httpx.Client
) -> None:
    # the clock: Wednesday 2026-11-25 10:00 Beijing time; 15 working days → Wednesday 12-16
    e = rating("SL-9", 1, reasons=["long_wait", "attitude"], text="等了两个小时")
    assert send(api, e, rating("SL-8", 4))[0]["status"] == "accepted"
    assert api.get("/api/v1/admin/ratings/followups").status_code == 401  # a terminal's token
    doc = operator.get("/api/v1/admin/ratings/followups").json()
    [f] = doc["followups"]
    assert f == {
        "case_id": "SL-9",
        "level": 1,
        "reasons": ["long_wait", "attitude"],
        "text": "等了两个小时",
        "terminal_id": "HALL-001",
        "window": "B3",
        "staff_id": "S0001",
        "channel_code": "5",
        "eval_time": "20261125100000",
        "division_code": "350999",
        "deadline": "2026-12-16",
        "state": "open",
        "overdue": False,
    }
    assert operator.get("/api/v1/admin/ratings/followups?state=closed").json()["followups"] == []
    # the operator moves it on; a case without a 差评 has no follow-up
    moved = operator.post("/api/v1/admin/ratings/followups/SL-9", json={"state": "rectified"})
    assert moved.status_code == 200 and moved.json()["state"] == "rectified"
    assert (
        operator.post("/api/v1/admin/ratings/followups/SL-8", json={"state": "closed"}).status_code
        == 404
    )
    assert (
        operator.post("/api/v1/admin/ratings/followups/SL-9", json={"state": "done"}).status_code
        == 422
    )
    [f] = operator.get("/api/v1/admin/ratings/followups?state=rectified").json()["followups"]
    assert f["case_id"] == "SL-9" and not f["overdue"]


def test_a_malformed_evaluation_is_rejected_with_its_field(api: httpx.Client) -> None:
    bad = send(api, rating("SL-2", 2, eval_time="2026-11-25"), rating("SL-3", 2, channel_code="7"))
    assert [r["status"] for r in bad] == ["rejected", "rejected"]
    assert "eval_time" in bad[0]["reason"] and "channel_code" in bad[1]["reason"]


def test_a_queue_ticket_is_one_case_per_day(
    api: httpx.Client, server: EmbeddedCentral, clock: Any
) -> None:
    assert send(api, rating("A012", 4))[0]["status"] == "accepted"
    assert send(api, rating("A012", 5))[0]["status"] == "duplicate"
    assert api.get("/api/v1/cases/A012/rating").json()["rated"] is True
    clock.advance(days=1)  # tomorrow's A012 is another citizen
    assert api.get("/api/v1/cases/A012/rating").json()["rated"] is False
    assert send(api, rating("A012", 3))[0]["status"] == "accepted"
    assert [r["level"] for r in server.stored.ratings()] == [4, 3]
    assert [e["case_id"] for e in server.stored.evaluations()] == ["A012@20261125", "A012@20261126"]
