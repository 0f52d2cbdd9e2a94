"""Idempotency-Key semantics over loopback: replay returns the first result, a different body is
422, a key still in flight is 409, and keys never cross terminals."""

from __future__ import annotations

import httpx

from central.db import Database, open_database
from central.idempotency import IdempotencyStore, fingerprint, request_scope
from central.keyring import Keyring
from central.server import EmbeddedCentral


def _store(server: EmbeddedCentral, db: Database) -> IdempotencyStore:
    keys = Keyring.open(server.settings.resolved_key_file, create=False)
    return IdempotencyStore(
        db, keys, lease_s=60, ttl_s=86400, clock=lambda: server.settings.clock().timestamp()
    )


def test_replay_returns_the_first_ticket_not_a_second_one(api: httpx.Client) -> None:
    h = {"Idempotency-Key": "ticket-key-1"}
    first = api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=h)
    replay = api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=h)
    assert first.status_code == replay.status_code == 200
    assert replay.json() == first.json()
    assert replay.headers["idempotent-replayed"] == "true"
    other_key = api.post(
        "/api/v1/tickets", json={"item_id": "C0001"}, headers={"Idempotency-Key": "k2"}
    )
    assert other_key.json()["number"] == "A002"


def test_same_key_with_a_different_body_is_422(api: httpx.Client) -> None:
    h = {"Idempotency-Key": "ticket-key-2"}
    assert api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=h).status_code == 200
    r = api.post("/api/v1/tickets", json={"item_id": "C0002"}, headers=h)
    assert r.status_code == 422
    assert "different request body" in r.json()["detail"]


def test_json_key_order_and_spacing_do_not_count_as_a_different_body(api: httpx.Client) -> None:
    h = {"Idempotency-Key": "lookup-1", "Content-Type": "application/json"}
    a = api.post("/api/v1/tickets", content=b'{"item_id":"C0001"}', headers=h)
    b = api.post("/api/v1/tickets", content=b'{ "item_id" : "C0001" }', headers=h)
    assert b.json() == a.json()


def test_checkin_replay_returns_the_same_ticket_but_a_new_key_gets_409(api: httpx.Client) -> None:
    url = "/api/v1/appointments/DEMOYY0002/checkin"
    first = api.post(url, headers={"Idempotency-Key": "ci-1"})
    assert first.status_code == 200
    replay = api.post(url, headers={"Idempotency-Key": "ci-1"})
    assert replay.status_code == 200
    assert replay.json() == first.json()
    assert api.post(url, headers={"Idempotency-Key": "ci-2"}).status_code == 409


def test_redeem_replay_after_a_lost_answer_gets_the_licences_again(api: httpx.Client) -> None:
    body = {"token": "demo-sq-valid-03-000000000000000"}
    first = api.post("/api/v1/authorizations:redeem", json=body, headers={"Idempotency-Key": "r1"})
    replay = api.post("/api/v1/authorizations:redeem", json=body, headers={"Idempotency-Key": "r1"})
    assert first.status_code == replay.status_code == 200
    assert replay.json() == first.json()
    assert api.post("/api/v1/authorizations:redeem", json=body).status_code == 410


def _begin_in_flight(
    server: EmbeddedCentral, terminal: str, path: str, key: str, body: bytes
) -> None:
    """Another request with this key is being processed (as by a second server process)."""
    db = open_database(server.settings)
    try:
        store = _store(server, db)
        scope = request_scope(terminal, "POST", path)
        assert store.begin(scope, key, fingerprint(body)).outcome == "new"
    finally:
        db.close()


def test_a_key_still_in_flight_is_409_with_retry_after(
    api: httpx.Client, server: EmbeddedCentral
) -> None:
    _begin_in_flight(server, "HALL-001", "/api/v1/tickets", "busy", b'{"item_id":"C0001"}')
    r = api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers={"Idempotency-Key": "busy"})
    assert r.status_code == 409
    assert r.headers["retry-after"] == "1"
    assert "still being processed" in r.json()["detail"]


def test_an_abandoned_in_flight_key_is_taken_over_after_its_lease(
    api: httpx.Client, server: EmbeddedCentral
) -> None:
    db = open_database(server.settings)
    try:
        scope = request_scope("HALL-001", "POST", "/api/v1/tickets")
        fp = fingerprint(b'{"item_id":"C0001"}')
        stale = server.settings.clock().timestamp() - 3600  # crashed an hour ago
        assert _store(server, db).begin(scope, "stale", fp, now=stale).outcome == "new"
    finally:
        db.close()
    r = api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers={"Idempotency-Key": "stale"})
    assert r.status_code == 200


def test_keys_are_per_terminal(api: httpx.Client, server: EmbeddedCentral) -> None:
    h = {"Idempotency-Key": "shared"}
    mine = api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=h).json()
    other = httpx.post(
        server.url + "/api/v1/tickets",
        json={"item_id": "C0001"},
        headers={**h, "Authorization": "Bearer demo-token-HALL-002"},
    ).json()
    assert other["number"] != mine["number"]  # not HALL-001's answer replayed


def test_validation_failures_release_the_key(api: httpx.Client) -> None:
    h = {"Idempotency-Key": "fix-and-retry"}
    assert api.post("/api/v1/tickets", json={"item_idd": "C0001"}, headers=h).status_code == 422
    # The corrected request may reuse the key: a rejected request is not a result.
    assert api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=h).status_code == 200


def test_a_malformed_key_is_400(api: httpx.Client) -> None:
    r = api.post(
        "/api/v1/tickets", json={"item_id": "C0001"}, headers={"Idempotency-Key": "x" * 300}
    )
    assert r.status_code == 400
    assert "Idempotency-Key" in r.json()["detail"]


def test_concurrent_retries_of_one_batch_store_each_event_once(server: EmbeddedCentral) -> None:
    import uuid
    from concurrent.futures import ThreadPoolExecutor

    events = [
        {
            "key": str(uuid.uuid4()),
            "type": "case.submitted",
            "terminal_id": "HALL-001",
            "created_at": "2026-11-25T10:00:00+08:00",
            "payload": {"seq": i},
        }
        for i in range(50)
    ]

    def send(_: int) -> list[str]:
        r = httpx.post(
            server.url + "/api/v1/events:batch",
            json={"events": events},
            headers={"Authorization": "Bearer demo-token-HALL-001"},
            timeout=10,
        )
        return [x["status"] for x in r.json()["results"]]

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(send, range(12)))
    accepted = sum(s.count("accepted") for s in outcomes)
    assert accepted == 50  # each event accepted by exactly one of the twelve senders
    assert all(set(s) <= {"accepted", "duplicate"} for s in outcomes)
    assert sorted(p["seq"] for p in server.stored.payloads()) == list(range(50))
