"""Issue 13's attacks on the reference service, each performed over loopback as an attacker with
one terminal's token would, and each now refused or harmless.

Findings: 1 appointment brute force and cross-site reads, 3 work orders across terminals,
4 unauthenticated disk fill through the idempotency store, 5 personal data at rest, 7 blob
uploads held in memory, 8 500s on hostile JSON, 9 demo tokens re-seeded and never expiring.
"""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from central import protected
from central.db import open_database
from central.protected import rotate_keys
from central.seed import demo
from central.server import EmbeddedCentral
from central.settings import CentralSettings
from central.terminals import TerminalSeed, issue_token, register_terminals

from .conftest import Clock

LOOKUP = "/api/v1/appointments:lookup"


def client(server: EmbeddedCentral, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=10
    )


def other_site_terminal(server: EmbeddedCentral, site: str = "other-county") -> str:
    """A terminal of another county, registered with its own token (as a site would)."""
    db = open_database(server.settings)
    try:
        register_terminals(db, [TerminalSeed("OTHER-01", site, "邻县 终端 01")])
        return issue_token(db, "OTHER-01", server.settings.clock().astimezone(UTC), 86400)
    finally:
        db.close()


def hotline_event(number: str, terminal: str, phone: str = "13900001111", place: str = "东门路"):
    return {
        "key": str(uuid.uuid4()),
        "type": "hotline.created",
        "terminal_id": terminal,
        "created_at": "2026-11-25T10:00:00+08:00",
        "payload": {"number": number, "category": "噪音", "phone": phone, "place": place},
    }


# -- 1. appointment lookup brute force, cross-site reads -----------------------------------------
def test_guessing_a_phones_appointment_code_is_locked_out_and_alerted(
    api: httpx.Client, server: EmbeddedCentral, clock: Clock
) -> None:
    phone, right = "13900001111", "246810"
    statuses = [
        api.post(LOOKUP, json={"phone": phone, "code6": f"{n:06d}"}).status_code
        for n in range(100, 112)
    ]
    assert statuses[:4] == [404] * 4  # a citizen who mistypes never notices
    assert statuses[4] == 404  # the fifth failure locks ...
    assert set(statuses[5:]) == {429}  # ... and nothing is looked up while locked
    locked = api.post(LOOKUP, json={"phone": phone, "code6": right})
    assert locked.status_code == 429  # not even the right code: the lock is not an oracle
    first_wait = int(locked.headers["retry-after"])
    assert 0 < first_wait <= 30
    assert "too many" in locked.json()["detail"]
    # each further failure after a lock doubles it
    clock.advance(seconds=first_wait + 1)
    assert api.post(LOOKUP, json={"phone": phone, "code6": "999999"}).status_code == 404
    second = api.post(LOOKUP, json={"phone": phone, "code6": right})
    assert second.status_code == 429
    assert int(second.headers["retry-after"]) > first_wait
    # the fleet sees it, and the phone is never in the alert
    alerts = server.stored.alerts("lookup.locked")
    assert alerts and all(a["terminal_id"] == "HALL-001" for a in alerts)
    assert all(phone not in a["detail"] for a in alerts)
    # another phone from the same terminal still works: a lock is per phone, not per kiosk
    ok = api.post(LOOKUP, json={"phone": "13900002222", "code6": "135790"})
    assert ok.status_code == 200


def test_guessing_across_many_phones_locks_the_terminal(api: httpx.Client) -> None:
    statuses = [
        api.post(LOOKUP, json={"phone": f"1390000{n:04d}", "code6": "000000"}).status_code
        for n in range(5000, 5035)
    ]
    assert statuses[:29] == [404] * 29
    assert 429 in statuses[29:]
    # the terminal is locked for every appointment lookup now, scanned codes too
    assert api.post(LOOKUP, json={"code": "DEMOYY0001"}).status_code == 429


def test_many_terminals_guessing_one_phone_lock_that_phone(server: EmbeddedCentral) -> None:
    codes = iter(range(200000, 200100))
    for n in range(1, 7):
        with client(server, f"demo-token-HALL-{n:03d}") as c:
            last = c.post(LOOKUP, json={"phone": "13900003333", "code6": f"{next(codes)}"})
    assert last.status_code == 429


def test_another_sites_terminal_reads_no_name(server: EmbeddedCentral, api: httpx.Client) -> None:
    token = other_site_terminal(server)
    with client(server, token) as other:
        r = other.post(LOOKUP, json={"code": "DEMOYY0001"})
        assert r.status_code == 403
        assert r.json()["site_name"] == demo.HOME_SITE_NAME
        assert demo.holder("zhangwei").name not in r.text
        by_phone = other.post(LOOKUP, json={"phone": "13900001111", "code6": "246810"})
        assert by_phone.status_code == 403 and demo.holder("zhangwei").name not in by_phone.text
        assert other.post("/api/v1/appointments/DEMOYY0001/checkin").status_code == 403
        # today's queue of another county is not its business either
        api.post("/api/v1/tickets", json={"item_id": "C0001"}).raise_for_status()
        assert other.get("/api/v1/tickets/A001").status_code == 404
    # and this site's own terminal reads the other county's appointment as "go there"
    r = api.post(LOOKUP, json={"code": "DEMOOTHERS"})
    assert r.status_code == 403 and r.json()["site_name"] == demo.OTHER_SITE_NAME
    assert demo.holder("lina").name not in r.text


def test_unknown_authorisation_tokens_lock_the_terminal(api: httpx.Client) -> None:
    statuses = [
        api.post("/api/v1/authorizations:redeem", json={"token": f"guess-{n:026d}"}).status_code
        for n in range(32)
    ]
    assert statuses[:29] == [404] * 29 and statuses[-1] == 429


# -- 3. work orders across terminals -----------------------------------------------------------
def test_work_orders_are_read_by_their_terminal_or_by_who_knows_the_phone(
    server: EmbeddedCentral, api: httpx.Client
) -> None:
    number = "12345-483029170014"
    r = api.post("/api/v1/events:batch", json={"events": [hotline_event(number, "HALL-001")]})
    assert r.json()["results"][0]["status"] == "accepted"
    assert api.get(f"/api/v1/workorders/{number}").status_code == 200
    with client(server, "demo-token-HALL-002") as other:
        assert other.get(f"/api/v1/workorders/{number}").status_code == 404
        # pre-empting the number from another terminal is refused, the order is kept
        forged = hotline_event(number, "HALL-002", phone="13700000000", place="别处")
        res = other.post("/api/v1/events:batch", json={"events": [forged]}).json()["results"]
        assert res[0]["status"] == "rejected" and "already exists" in res[0]["reason"]
        # the citizen at another kiosk proves the phone
        lookup = "/api/v1/workorders:lookup"
        wrong = [
            other.post(lookup, json={"number": number, "phone_last4": f"{n:04d}"}).status_code
            for n in range(5)
        ]
        assert wrong == [404] * 5
        assert other.post(lookup, json={"number": number, "phone_last4": "1111"}).status_code == 429
    with client(server, "demo-token-HALL-003") as third:
        ok = third.post("/api/v1/workorders:lookup", json={"number": number, "phone_last4": "1234"})
        assert ok.status_code == 429  # the number is locked, whichever terminal asks
    token = other_site_terminal(server)
    with client(server, token) as far:
        r = far.post("/api/v1/workorders:lookup", json={"number": number, "phone_last4": "1111"})
        assert r.status_code in (404, 429)
    order = api.get(f"/api/v1/workorders/{number}").json()
    assert order["category"] == "噪音"


def test_by_person_tells_nothing_about_a_chosen_phone(api: httpx.Client) -> None:
    victim = "13900005555"
    events = [
        hotline_event(n, "HALL-001", phone=victim)
        for n in ("12345-483029170023", "12345-483029170038")
    ]
    api.post("/api/v1/events:batch", json={"events": events}).raise_for_status()
    probe = hotline_event("12345-483029170046", "HALL-001", phone=victim, place="随便")
    api.post("/api/v1/events:batch", json={"events": [probe]}).raise_for_status()
    group = api.get("/api/v1/workorders/12345-483029170046").json()["group"]
    assert group["by_person"] is None


# -- 4. unauthenticated disk fill -------------------------------------------------------------
def _idempotency_rows(server: EmbeddedCentral) -> int:
    db = open_database(server.settings)
    try:
        row = db.one("SELECT count(*) AS n FROM idempotency")
        return int(row["n"]) if row else 0
    finally:
        db.close()


def test_posts_without_a_token_or_to_unknown_paths_store_nothing(
    server: EmbeddedCentral, api: httpx.Client
) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as anon:
        for n in range(300):
            key = {"Idempotency-Key": f"fill-{n}"}
            assert anon.post(f"/api/v1/nothing-{n}", json={"x": n}, headers=key).status_code in (
                401,
                404,
                405,
            )
            assert (
                anon.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=key).status_code
                == 401
            )
        bad = {"Authorization": "Bearer not-a-token", "Idempotency-Key": "fill-x"}
        assert (
            anon.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=bad).status_code == 401
        )
    for n in range(50):  # a real terminal posting to a path that takes no key
        api.post(f"/api/v1/unknown-{n}", json={}, headers={"Idempotency-Key": f"k{n}"})
        api.post("/api/v1/heartbeat", json={}, headers={"Idempotency-Key": f"h{n}"})
    assert _idempotency_rows(server) == 0


def test_stored_answers_expire(server: EmbeddedCentral, api: httpx.Client, clock: Clock) -> None:
    h = {"Idempotency-Key": "kept-a-day"}
    first = api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=h).json()
    assert api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=h).json() == first
    clock.advance(hours=25)
    again = api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers=h)
    assert "idempotent-replayed" not in again.headers
    api.post("/api/v1/tickets", json={"item_id": "C0001"}, headers={"Idempotency-Key": "x"})
    assert _idempotency_rows(server) == 2  # the expired one was purged, not kept


# -- 5. personal data at rest -------------------------------------------------------------------
def _at_rest(server: EmbeddedCentral) -> bytes:
    db = server.settings.db_path
    return b"".join(
        p.read_bytes()
        for p in db.parent.iterdir()
        if p.name.startswith(db.name) and p.is_file() and not p.name.endswith(".keys")
    )


def test_no_personal_value_is_stored_in_clear(server: EmbeddedCentral, api: httpx.Client) -> None:
    body = {"token": "demo-sq-valid-01-000000000000000"}
    answer = api.post(
        "/api/v1/authorizations:redeem", json=body, headers={"Idempotency-Key": "r-1"}
    ).json()
    holder = answer["holder"]
    phone, place, text = "13812345678", "城关镇幸福路88号3单元", "楼上每晚装修到凌晨"
    event = hotline_event("12345-483029170014", "HALL-001", phone=phone, place=place)
    event["payload"]["text"] = text
    api.post("/api/v1/events:batch", json={"events": [event]}).raise_for_status()
    api.post(LOOKUP, json={"phone": "13900001111", "code6": "000000"})  # a failed guess
    stored = _at_rest(server)
    secrets_ = [
        holder["name"], holder["id_number"], answer["licences"][0]["number"], phone, place,
        text, "13900001111", demo.holder("liufang").name, "demo-sq-valid-01",
    ]  # fmt: skip
    for value in secrets_:
        assert value.encode() not in stored, value
    # and yet they read back for those entitled to them
    assert server.stored.payloads("hotline.created")[0]["phone"] == phone
    replay = api.post(
        "/api/v1/authorizations:redeem", json=body, headers={"Idempotency-Key": "r-1"}
    )
    assert replay.json() == answer


def test_a_rotated_key_rewrites_everything_and_lookups_still_work(tmp_path: Path) -> None:
    settings = CentralSettings(db_path=tmp_path / "central.db", demo=True, hall_terminals=1)
    event = hotline_event("12345-483029170014", "HALL-001", phone="13812345678")
    with (
        EmbeddedCentral(settings.db_path, settings=settings) as srv,
        client(srv, "demo-token-HALL-001") as c,
    ):
        c.post("/api/v1/events:batch", json={"events": [event]}).raise_for_status()
        old_key = json.loads(settings.resolved_key_file.read_text())["keys"][0]["id"]
    db = open_database(settings)
    try:
        ring = rotate_keys(db, settings.resolved_key_file)
    finally:
        db.close()
    assert ring.key_ids != [old_key] and len(ring.key_ids) == 1
    with (
        EmbeddedCentral(settings.db_path, settings=settings) as srv,
        client(srv, "demo-token-HALL-001") as c,
    ):
        assert srv.stored.payloads("hotline.created")[0]["phone"] == "13812345678"
        r = c.post(LOOKUP, json={"phone": "13900004444", "code6": "445566"})
        assert r.status_code == 200 and r.json()["name"] == demo.holder("liufang").name
        assert c.get("/api/v1/workorders/12345-483029170014").status_code == 200


def test_a_database_from_before_encryption_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE events (key TEXT, payload_json TEXT)")
    settings = CentralSettings(db_path=path, database_url=None)  # a SQLite file's own check
    with pytest.raises(Exception, match="older version"):
        EmbeddedCentral(path, settings=settings).start()


# -- 7. blob uploads held in memory -------------------------------------------------------------
def _chunks(total: int, piece: bytes) -> Iterator[bytes]:
    for _ in range(total // len(piece)):
        yield piece


def test_a_large_blob_streams_to_disk_not_memory(
    server: EmbeddedCentral, api: httpx.Client
) -> None:
    import hashlib

    piece = bytes(range(256)) * 4096  # 1 MiB
    size = 48 * len(piece)
    digest = hashlib.sha256()
    for c in _chunks(size, piece):
        digest.update(c)
    sha = digest.hexdigest()
    tracemalloc.start()
    try:
        r = api.put(f"/api/v1/blobs/{sha}", content=_chunks(size, piece))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.status_code == 201
    assert peak < 12 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB for a 48 MiB upload"
    assert (server.settings.resolved_blobs_dir / sha[:2] / sha).stat().st_size == size


def test_an_oversized_or_wrong_blob_leaves_no_part_file(tmp_path: Path, clock: Clock) -> None:
    settings = CentralSettings(
        db_path=tmp_path / "c.db", demo=True, hall_terminals=1, max_blob_bytes=1024 * 1024
    )
    with (
        EmbeddedCentral(settings.db_path, settings=settings) as srv,
        client(srv, "demo-token-HALL-001") as c,
    ):
        piece = b"x" * 65536
        big = c.put("/api/v1/blobs/" + "a" * 64, content=_chunks(4 * 1024 * 1024, piece))
        assert big.status_code == 413
        wrong = c.put("/api/v1/blobs/" + "b" * 64, content=b"not that")
        assert wrong.status_code == 422
        blobs = settings.resolved_blobs_dir
        assert not [p for p in blobs.rglob("*") if p.is_file()] if blobs.exists() else True


# -- 8. hostile JSON: surrogates, NaN, depth, size ------------------------------------------------
def _raw_post(api: httpx.Client, path: str, body: str, **headers: str) -> httpx.Response:
    return api.post(
        path, content=body.encode(), headers={"Content-Type": "application/json", **headers}
    )


def test_a_lone_surrogate_fails_its_event_not_the_batch(
    api: httpx.Client, server: EmbeddedCentral
) -> None:
    good, bad, nan = (hotline_event(f"12345-4830291700{n}", "HALL-001") for n in ("14", "23", "38"))
    bad["payload"]["text"] = "SURROGATE"
    nan["payload"]["extra"] = "NANVALUE"
    body = json.dumps({"events": [good, bad, nan]})
    body = body.replace('"SURROGATE"', '"\\ud800"').replace('"NANVALUE"', "NaN")
    r = _raw_post(api, "/api/v1/events:batch", body)
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["accepted", "rejected", "rejected"]
    assert "payload.text" in results[1]["reason"] and "UTF-8" in results[1]["reason"]
    assert "payload.extra" in results[2]["reason"] and "finite" in results[2]["reason"]
    assert server.stored.workorder_numbers() == ["12345-483029170014"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"devices": {"printer": {"state": "\\udfff"}}}', "devices.printer.state"),
        ('{"uptime_s": NaN}', "uptime_s"),
        ('{"temperature": Infinity}', "temperature"),
        ('{"x": ' + "[" * 20 + "]" * 20 + "}", "x"),
    ],
)
def test_a_bad_heartbeat_field_is_a_4xx_that_names_it(
    api: httpx.Client, body: str, field: str
) -> None:
    r = _raw_post(api, "/api/v1/heartbeat", body)
    assert r.status_code == 422
    assert field in r.json()["detail"]


def test_huge_heartbeats_are_refused_and_history_is_bounded(
    api: httpx.Client, server: EmbeddedCentral, clock: Clock
) -> None:
    free = {"notes": {f"f{n}": "x" * 900 for n in range(100)}}
    assert api.post("/api/v1/heartbeat", json=free).status_code == 422
    for _ in range(3):
        assert api.post("/api/v1/heartbeat", json={"uptime_s": 1}).status_code == 204
    clock.advance(days=8)
    assert api.post("/api/v1/heartbeat", json={"uptime_s": 2}).status_code == 204
    assert len(server.stored.heartbeats("HALL-001")) == 1


def test_deep_json_with_an_idempotency_key_is_a_400(api: httpx.Client) -> None:
    deep = '{"events": ' + "[" * 5000 + "]" * 5000 + "}"
    for headers in ({"Idempotency-Key": "deep-1"}, {}):
        r = _raw_post(api, "/api/v1/events:batch", deep, **headers)
        assert r.status_code == 400, r.text
    assert api.post("/api/v1/tickets", json={"item_id": "C0001"}).status_code == 200


# -- 9. demo tokens only in the demo; tokens rotate and expire ------------------------------------
def test_outside_the_demo_no_published_token_works(tmp_path: Path) -> None:
    settings = CentralSettings(db_path=tmp_path / "c.db")
    with (
        EmbeddedCentral(settings.db_path, settings=settings) as srv,
        client(srv, "demo-token-HALL-24H-01") as c,
    ):
        assert c.get("/api/v1/catalog").status_code == 401
        assert c.post(LOOKUP, json={"code": "DEMOYY0001"}).status_code == 401
    db = open_database(settings)
    try:
        assert db.one("SELECT 1 FROM appointments") is None
        token = issue_token(db, "HALL-24H-01", datetime.now(UTC), 86400)
    finally:
        db.close()
    with EmbeddedCentral(settings.db_path, settings=settings) as srv, client(srv, token) as c:
        assert c.get("/api/v1/catalog").status_code == 200


def test_a_rotated_token_is_not_reseeded_and_tokens_expire(tmp_path: Path) -> None:
    clock = Clock()
    settings = CentralSettings(
        db_path=tmp_path / "c.db", demo=True, hall_terminals=1, clock=clock, token_ttl_s=3600
    )
    with EmbeddedCentral(settings.db_path, settings=settings):
        pass
    db = open_database(settings)
    try:
        new = issue_token(db, "HALL-001", clock(), 3600, grace_s=0)
    finally:
        db.close()
    with EmbeddedCentral(settings.db_path, settings=settings) as srv:  # a demo restart
        with client(srv, "demo-token-HALL-001") as old:
            r = old.get("/api/v1/catalog")
            assert r.status_code == 401 and "expired or was revoked" in r.json()["detail"]
        with client(srv, new) as c:
            assert c.get("/api/v1/catalog").status_code == 200
            clock.advance(hours=2)
            assert c.get("/api/v1/catalog").status_code == 401


def test_protected_columns_name_no_plain_phone() -> None:
    """The schema itself: no column is meant for a phone, a name or a token in clear."""
    from central.db import SCHEMA

    for plain in ("phone TEXT", " name TEXT NOT NULL, item_id", "token TEXT PRIMARY KEY"):
        assert plain not in SCHEMA
    assert protected.token_sha256("x") != "x"
