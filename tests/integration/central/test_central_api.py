"""The reference Terminal API over loopback: every endpoint of docs/CONTRACTS.md, with real HTTP."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import httpx

from central.server import EmbeddedCentral


def event(type_: str, payload: dict[str, Any], terminal: str = "HALL-001", key: str = "") -> dict:
    return {
        "key": key or str(uuid.uuid4()),
        "type": type_,
        "terminal_id": terminal,
        "created_at": "2026-11-25T10:00:00+08:00",
        "payload": payload,
    }


def hotline(number: str, phone: str = "13900001111", place: str = "城关镇东门路12号", **kw: Any):
    return event(
        "hotline.created",
        {"number": number, "category": "道路破损", "phone": phone, "place": place, **kw},
    )


# --- auth -----------------------------------------------------------------------------------


def test_missing_or_unknown_token_is_401_with_a_reason(server: EmbeddedCentral) -> None:
    r = httpx.get(server.url + "/api/v1/catalog")
    assert r.status_code == 401
    assert "Bearer" in r.json()["detail"]
    assert r.headers["www-authenticate"] == "Bearer"
    r = httpx.get(server.url + "/api/v1/catalog", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
    assert r.json()["detail"] == "unknown terminal token"


def test_every_sample_terminal_and_the_hall_have_demo_tokens(server: EmbeddedCentral) -> None:
    for tid in ("HALL-24H-01", "DESK-COMM-01", "DEMO-0001", "HALL-001", "HALL-055"):
        r = httpx.get(
            f"{server.url}/api/v1/terminals/{tid}/config",
            headers={"Authorization": f"Bearer demo-token-{tid}"},
        )
        assert r.status_code == 200, tid
    r = httpx.get(
        server.url + "/api/v1/catalog", headers={"Authorization": "Bearer demo-token-HALL-056"}
    )
    assert r.status_code == 401


def test_another_terminals_config_is_403(api: httpx.Client) -> None:
    r = api.get("/api/v1/terminals/HALL-002/config")
    assert r.status_code == 403
    assert "own config" in r.json()["detail"]


def test_heartbeat_for_another_terminal_is_403_and_own_is_stored(
    api: httpx.Client, server: EmbeddedCentral
) -> None:
    assert api.post("/api/v1/heartbeat", json={"terminal_id": "HALL-002"}).status_code == 403
    beat = {"terminal_id": "HALL-001", "app_version": "0.1.0", "outbox_depth": 3, "dead_letters": 0}
    assert api.post("/api/v1/heartbeat", json=beat).status_code == 204
    [stored] = server.stored.heartbeats("HALL-001")
    assert stored["outbox_depth"] == 3
    assert stored["dead_letters"] == 0  # unknown fields are kept


# --- catalog and config ---------------------------------------------------------------------


def test_catalog_etag_and_304(api: httpx.Client) -> None:
    r = api.get("/api/v1/catalog")
    assert r.status_code == 200
    doc = r.json()
    assert len(doc["items"]) >= 1900
    etag = r.headers["etag"]
    again = api.get("/api/v1/catalog", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert (
        api.get("/api/v1/catalog", headers={"If-None-Match": f'"x", W/{etag}'}).status_code == 304
    )
    assert api.get("/api/v1/catalog", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_config_push_is_signed_and_cached(api: httpx.Client) -> None:
    import base64
    import json

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    r = api.get("/api/v1/terminals/HALL-001/config")
    push = r.json()
    assert push["terminal_id"] == "HALL-001"
    assert push["config"]["terminal"]["id"] == "HALL-001"
    doc = {k: push[k] for k in ("terminal_id", "version", "config")}
    signed = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(push["public_key"]))
    key.verify(base64.b64decode(push["signature"]), signed)  # raises if wrong
    cached = api.get(
        "/api/v1/terminals/HALL-001/config", headers={"If-None-Match": r.headers["etag"]}
    )
    assert cached.status_code == 304


# --- events ---------------------------------------------------------------------------------


def test_events_accepted_once_then_duplicate_and_rejected_on_a_different_body(
    api: httpx.Client, server: EmbeddedCentral
) -> None:
    e = event("ticket.issued", {"number": "A001"})
    first = api.post("/api/v1/events:batch", json={"events": [e]}).json()["results"]
    assert first == [{"key": e["key"], "status": "accepted", "reason": None}]
    again = api.post("/api/v1/events:batch", json={"events": [e]}).json()["results"]
    assert again[0]["status"] == "duplicate"
    changed = {**e, "payload": {"number": "A002"}}
    [res] = api.post("/api/v1/events:batch", json={"events": [changed]}).json()["results"]
    assert res["status"] == "rejected"
    assert "different body" in res["reason"]
    assert server.stored.payloads() == [{"number": "A001"}]  # the first body is kept


def test_a_bad_event_is_rejected_alone_and_the_rest_go_in(
    api: httpx.Client, server: EmbeddedCentral
) -> None:
    good = event("case.submitted", {"case_id": "K1"})
    batch = [
        good,
        {**event("case.submitted", {}), "type": "no.such.type"},
        {**event("case.submitted", {}), "key": "not-a-uuid"},
        event("case.submitted", {}, terminal="HALL-002"),
        {**event("case.submitted", {}), "created_at": "yesterday"},
        event("rating.submitted", {"level": 9}),
        {"payload": {}},
    ]
    results = api.post("/api/v1/events:batch", json={"events": batch}).json()["results"]
    assert [r["status"] for r in results] == ["accepted"] + ["rejected"] * 6
    reasons = [r["reason"] for r in results[1:]]
    assert "type" in reasons[0]
    assert "key" in reasons[1]
    assert "not the token's terminal" in reasons[2]
    assert "ISO 8601" in reasons[3]
    assert "level" in reasons[4]
    assert all(reasons)
    assert [e["key"] for e in server.stored.events()] == [good["key"]]


def test_ratings_are_stored_from_events(api: httpx.Client, server: EmbeddedCentral) -> None:
    e = event("rating.submitted", {"level": 5, "case_id": "K1", "item_id": "C0032", "window": "9"})
    assert (
        api.post("/api/v1/events:batch", json={"events": [e]}).json()["results"][0]["status"]
        == "accepted"
    )
    [rating] = server.stored.ratings()
    assert (rating["level"], rating["item_id"], rating["terminal_id"]) == (5, "C0032", "HALL-001")


def test_malformed_json_is_400_with_a_clear_message(api: httpx.Client) -> None:
    r = api.post(
        "/api/v1/events:batch",
        content=b'{"events": [',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400
    assert r.json()["detail"].startswith("request body is not valid JSON")
    r = api.post("/api/v1/tickets", content=b"category=x")
    assert r.status_code == 415
    assert "application/json" in r.json()["detail"]
    r = api.post("/api/v1/tickets", json=[1, 2])
    assert r.status_code == 422
    assert r.json()["detail"] == "request body must be a JSON object"
    r = api.post("/api/v1/events:batch", json={"events": []})
    assert r.status_code == 422
    assert "events" in r.json()["detail"]


# --- blobs ----------------------------------------------------------------------------------


def test_blob_put_is_idempotent_and_head_finds_it(
    api: httpx.Client, server: EmbeddedCentral
) -> None:
    data = b"%PDF-1.4 scan" * 1000
    sha = hashlib.sha256(data).hexdigest()
    assert api.head(f"/api/v1/blobs/{sha}").status_code == 404
    assert api.put(f"/api/v1/blobs/{sha}", content=data).status_code == 201
    assert api.put(f"/api/v1/blobs/{sha}", content=data).status_code == 200
    head = api.head(f"/api/v1/blobs/{sha}")
    assert head.status_code == 200
    assert head.headers["x-blob-size"] == str(len(data))
    assert server.stored.blobs() == {sha: data}


def test_blob_hash_mismatch_is_422_and_stores_nothing(
    api: httpx.Client, server: EmbeddedCentral
) -> None:
    sha = hashlib.sha256(b"the real scan").hexdigest()
    r = api.put(f"/api/v1/blobs/{sha}", content=b"something else")
    assert r.status_code == 422
    assert "sha256" in r.json()["detail"]
    assert api.head(f"/api/v1/blobs/{sha}").status_code == 404
    assert api.put("/api/v1/blobs/NOT-A-HASH", content=b"x").status_code == 422
    assert server.stored.blobs() == {}


# --- appointments and tickets ---------------------------------------------------------------


def test_appointment_lookup_by_code_or_phone(api: httpx.Client) -> None:
    by_code = api.post("/api/v1/appointments:lookup", json={"code": "ZWFW-YY:DEMOYY0001"})
    assert by_code.status_code == 200
    assert by_code.json()["status"] == "booked"
    assert by_code.json()["service"] == "居民身份证换领"
    by_phone = api.post(
        "/api/v1/appointments:lookup", json={"phone": "13900001111", "code6": "246810"}
    )
    assert by_phone.json()["code"] == "DEMOYY0001"
    assert api.post("/api/v1/appointments:lookup", json={"code": "NOSUCHCODE"}).status_code == 404
    both = api.post(
        "/api/v1/appointments:lookup", json={"code": "DEMOYY0001", "phone": "13900001111"}
    )
    assert both.status_code == 422
    assert "either code" in both.json()["detail"]
    assert api.post("/api/v1/appointments:lookup", json={"phone": "123"}).status_code == 422


def test_checkin_outcomes(api: httpx.Client) -> None:
    r = api.post("/api/v1/appointments/DEMOYY0001/checkin")
    assert r.status_code == 200
    ticket = r.json()["ticket"]
    assert ticket["number"] == "Y001"
    assert ticket["appointment"] is True
    assert ticket["follow_url"].endswith("/q/Y001")
    assert api.post("/api/v1/appointments/DEMOYY0001/checkin").status_code == 409
    assert api.post("/api/v1/appointments/DEMOCHECKD/checkin").status_code == 409
    assert api.post("/api/v1/appointments/DEMOEXPIRD/checkin").status_code == 410
    other = api.post("/api/v1/appointments/DEMOOTHERS/checkin")
    assert other.status_code == 403
    assert "邻县" in other.json()["detail"]
    assert api.post("/api/v1/appointments/NOSUCHCODE/checkin").status_code == 404
    looked = api.post("/api/v1/appointments:lookup", json={"code": "DEMOYY0001"}).json()
    assert (looked["status"], looked["ticket_number"]) == ("checked_in", "Y001")


def test_tickets_number_per_zone_and_the_queue_moves_with_the_clock(
    api: httpx.Client, server: EmbeddedCentral, clock
) -> None:
    a1 = api.post("/api/v1/tickets", json={"item_id": "C0001"}).json()
    a2 = api.post("/api/v1/tickets", json={"category": "市场主体登记"}).json()
    a3 = api.post("/api/v1/tickets", json={"item_id": "C0002"}).json()
    b1 = api.post("/api/v1/tickets", json={"item_id": "C0032"}).json()
    assert [t["number"] for t in (a1, a2, a3, b1)] == ["A001", "A002", "A003", "B001"]
    assert a3["waiting"] == 1  # A001 is at the counter, A002 ahead
    assert b1["window"].startswith("B区")
    pos = api.get("/api/v1/tickets/A003").json()
    assert (pos["status"], pos["waiting"]) == ("waiting", 1)
    clock.advance(minutes=6)
    assert api.get("/api/v1/tickets/A003").json()["waiting"] == 0
    clock.advance(minutes=5)
    assert api.get("/api/v1/tickets/A003").json()["status"] == "called"
    assert api.get("/api/v1/tickets/A999").status_code == 404
    assert api.post("/api/v1/tickets", json={"item_id": "X9999"}).status_code == 404
    assert api.post("/api/v1/tickets", json={}).status_code == 422
    page = httpx.get(server.url + "/q/A003")  # the follow QR opens on a phone, no token
    assert page.status_code == 200
    assert "A003" in page.text


# --- certificate-free -----------------------------------------------------------------------


def test_redeem_returns_licences_once(api: httpx.Client) -> None:
    token = "demo-sq-valid-01-000000000000000"
    r = api.post("/api/v1/authorizations:redeem", json={"token": f"ZWFW-SQ:{token}"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["holder"]["name"] == "张伟"
    assert len(doc["holder"]["id_number"]) == 18
    kinds = {lic["kind"] for lic in doc["licences"]}
    assert {"id_card", "driving_licence", "marriage_certificate"} <= kinds
    again = api.post("/api/v1/authorizations:redeem", json={"token": token})
    assert again.status_code == 410
    assert "already been used" in again.json()["detail"]
    expired = api.post(
        "/api/v1/authorizations:redeem", json={"token": "demo-sq-expired-01-0000000000000"}
    )
    assert expired.status_code == 410
    assert "expired" in expired.json()["detail"]
    assert (
        api.post(
            "/api/v1/authorizations:redeem", json={"token": "demo-sq-used-01-0000000000000000"}
        ).status_code
        == 410
    )
    assert api.post("/api/v1/authorizations:redeem", json={"token": "x" * 32}).status_code == 404
    assert api.post("/api/v1/authorizations:redeem", json={"token": "short"}).status_code == 422


# --- 12345 ----------------------------------------------------------------------------------


def test_workorder_deadlines_progress_and_grouping(api: httpx.Client, clock) -> None:
    batch = [
        hotline("12345-483029170014"),
        hotline("12345-483029170023", place="城关镇 东门路 12 号"),  # same matter
        hotline("12345-483029170038", phone="13900002222", place="西河镇"),
        hotline("12345-483029170046", phone="13900002222", place="西河镇 "),
    ]
    results = api.post("/api/v1/events:batch", json={"events": batch}).json()["results"]
    assert [r["status"] for r in results] == ["accepted"] * 4
    w = api.get("/api/v1/workorders/12345-483029170014").json()
    assert w["status"] == "received"
    deadlines = {s["stage"]: s["deadline"] for s in w["timeline"]}
    assert deadlines["on_site"] == "2026-11-25T02:30:00+00:00"
    assert deadlines["feedback"] == "2026-11-25T04:00:00+00:00"
    assert deadlines["result"] == "2026-11-26T02:00:00+00:00"
    assert w["group"] == {"by_person": None, "by_matter": 2}  # 一人多次 is not told
    clock.advance(minutes=26)
    w = api.get("/api/v1/workorders/12345-483029170014").json()
    assert w["status"] == "on_site"
    done = [s for s in w["timeline"] if s["done_at"]]
    assert all(s["deadline"] is None or s["done_at"] <= s["deadline"] for s in done)
    clock.advance(hours=24)
    assert api.get("/api/v1/workorders/12345-483029170014").json()["status"] == "result"
    assert api.get("/api/v1/workorders/12345-483029170046").json()["group"] == {
        "by_person": None,
        "by_matter": 2,
    }


def test_workorder_number_reuse_and_bad_payload_are_rejected(api: httpx.Client) -> None:
    first = hotline("12345-483029170095")
    clash = hotline("12345-483029170095", phone="13900003333")
    bad = hotline("12345-2026-XX-1")
    no_phone = event("hotline.created", {"number": "12345-483029170102", "category": "噪音"})
    res = api.post("/api/v1/events:batch", json={"events": [first, clash, bad, no_phone]}).json()
    assert [r["status"] for r in res["results"]] == ["accepted", "rejected", "rejected", "rejected"]
    assert "already exists" in res["results"][1]["reason"]
    assert "number" in res["results"][2]["reason"]
    assert "phone" in res["results"][3]["reason"]
    assert api.get("/api/v1/workorders/12345-483029170102").status_code == 404
    assert api.get("/api/v1/workorders/not-a-number").status_code == 422


# --- guides ---------------------------------------------------------------------------------


def test_guides_are_served_without_a_token_and_cannot_escape(server: EmbeddedCentral) -> None:
    base = server.url + "/guides"
    page = httpx.get(f"{base}/HALL-001/")
    assert page.status_code == 200
    assert "操作指南" in page.text
    assert page.headers["content-type"].startswith("text/html")
    assert (
        httpx.get(f"{base}/HALL-001/img/step1.svg")
        .headers["content-type"]
        .startswith("image/svg+xml")
    )
    redirect = httpx.get(f"{base}/HALL-001")
    assert redirect.status_code == 308
    assert redirect.headers["location"].endswith("/guides/HALL-001/")
    assert httpx.get(f"{base}/HALL-002/").status_code == 404
    assert httpx.get(f"{base}/%2e%2e/secret.txt").status_code == 404
    assert httpx.get(f"{base}/..%2Fsecret.txt").status_code == 404


# --- limits and start-up ----------------------------------------------------------------------


def test_an_oversized_json_body_is_413_with_or_without_a_key(api: httpx.Client) -> None:
    big = b'{"events": [' + b" " * (9 * 1024 * 1024) + b"]}"
    for headers in ({}, {"Idempotency-Key": "big"}):
        r = api.post(
            "/api/v1/events:batch",
            content=big,
            headers={"Content-Type": "application/json", **headers},
        )
        assert r.status_code == 413
    assert api.post("/api/v1/tickets", json={"item_id": "C0001"}).status_code == 200


def test_a_missing_catalog_stops_start_up_with_the_reason(tmp_path) -> None:
    import pytest

    from central.catalog import CatalogError
    from central.settings import CentralSettings

    settings = CentralSettings(db_path=tmp_path / "c.db", catalog_path=tmp_path / "none.json")
    with pytest.raises(CatalogError, match=r"none\.json"):
        EmbeddedCentral(settings.db_path, settings=settings).start()
    (tmp_path / "bad.json").write_text('{"items": 3}', encoding="utf-8")
    settings = CentralSettings(db_path=tmp_path / "c.db", catalog_path=tmp_path / "bad.json")
    with pytest.raises(CatalogError, match="not a catalog"):
        EmbeddedCentral(settings.db_path, settings=settings).start()


def test_no_personal_value_reaches_the_logs(api: httpx.Client, caplog) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    api.post("/api/v1/appointments:lookup", json={"phone": "13900001111", "code6": "246810"})
    api.post("/api/v1/authorizations:redeem", json={"token": "demo-sq-valid-01-000000000000000"})
    api.post("/api/v1/events:batch", json={"events": [hotline("12345-483029170425")]})
    api.post("/api/v1/events:batch", json={"events": [hotline("bad", phone="13900009999")]})
    api.post(
        "/api/v1/tickets",
        content=b'{"phone": "13900008888"',
        headers={"Content-Type": "application/json"},
    )
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    for personal in ("1390000", "350999198503121312", "张伟", "城关镇东门路"):
        assert personal not in logged
