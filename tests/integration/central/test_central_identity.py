"""Identity without the card, over loopback: the e-ID QR resolved, a texted code sent to the phone
on record and checked; and the limits that keep both from being guessed or abused."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import UTC, datetime

import httpx

from central.db import open_database
from central.seed import demo
from central.server import EmbeddedCentral
from central.settings import CentralSettings
from central.terminals import issue_token
from contract import codes

ZHANG = demo.holder("zhangwei")
EID = "CTID-DEMO-valid-01-".ljust(40, "0")


def send(api: httpx.Client, number: str = ZHANG.id_number, **headers: str) -> httpx.Response:
    return api.post("/api/v1/identity/sms-codes", json={"id_number": number}, headers=headers)


def verify(api: httpx.Client, challenge: str, code: str) -> httpx.Response:
    return api.post(
        "/api/v1/identity/sms-codes:verify", json={"challenge": challenge, "code": code}
    )


def test_demo_codes_fit_the_contract() -> None:
    for code in demo.EID_CODES:
        assert re.fullmatch(codes.EID_CODE, code)
    for h in demo.HOLDERS:
        assert codes.id_number_valid(h.id_number)
        assert codes.id_birth_date(h.id_number) == h.born
        assert codes.id_sex_code(h.id_number) == h.sex


def test_eid_resolves_to_the_person(api: httpx.Client) -> None:
    r = api.post("/api/v1/identity/eid:resolve", json={"code": EID})
    assert r.status_code == 200, r.text
    got = r.json()
    assert got.pop("assertion").startswith("v1.eid.")  # central/assertions.py
    assert got == {"method": "eid", "name": "张伟", "id_number": ZHANG.id_number}


def test_eid_expired_unknown_and_malformed(api: httpx.Client) -> None:
    old = "CTID-DEMO-expired-01-".ljust(40, "0")
    r = api.post("/api/v1/identity/eid:resolve", json={"code": old})
    assert r.status_code == 410 and "refresh" in r.json()["detail"]
    r = api.post("/api/v1/identity/eid:resolve", json={"code": "CTID-" + "x" * 30})
    assert r.status_code == 404
    r = api.post("/api/v1/identity/eid:resolve", json={"code": "short"})
    assert r.status_code == 422


def test_sms_code_texted_and_checked(server: EmbeddedCentral, api: httpx.Client, caplog) -> None:
    caplog.set_level(logging.INFO, logger="central")
    r = send(api)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["phone_masked"] == "139****1111"
    assert (body["expires_in_s"], body["resend_after_s"]) == (300, 60)
    [msg] = server.stored.sms_messages()
    assert msg["phone_masked"] == "139****1111" and re.fullmatch(r"\d{6}", msg["code"])
    assert msg["code"] in msg["text"] and "验证码" in msg["text"]
    logged = caplog.text
    assert msg["code"] not in logged and ZHANG.phone not in logged and "139****1111" in logged
    r = verify(api, body["challenge"], msg["code"])
    assert r.status_code == 200, r.text
    got = r.json()
    assert got.pop("assertion").startswith("v1.sms.")  # central/assertions.py
    assert got == {"method": "sms", "name": "张伟", "id_number": ZHANG.id_number}
    assert verify(api, body["challenge"], msg["code"]).status_code == 410  # used once


def test_nothing_of_it_is_stored_in_clear(server: EmbeddedCentral, api: httpx.Client) -> None:
    send(api)
    [msg] = server.stored.sms_messages()
    db = server.settings.db_path
    raw = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())
    for secret in (msg["code"], ZHANG.id_number, ZHANG.phone, "验证码"):
        assert secret.encode() not in raw, secret


def test_outside_demo_mode_nobody_is_known(tmp_path) -> None:
    settings = CentralSettings(db_path=tmp_path / "c.db")  # demo=False: a site's own service
    with EmbeddedCentral(settings.db_path, settings=settings):
        pass  # creates the schema and registers the sample terminals
    db = open_database(settings)
    try:
        token = issue_token(db, "HALL-24H-01", datetime.now(UTC), 86400)
    finally:
        db.close()
    with (
        EmbeddedCentral(settings.db_path, settings=settings) as srv,
        httpx.Client(base_url=srv.url, headers={"Authorization": f"Bearer {token}"}) as c,
    ):
        assert send(c).status_code == 404
        assert c.post("/api/v1/identity/eid:resolve", json={"code": EID}).status_code == 404


def test_wrong_codes_count_down_then_burn_the_challenge(api: httpx.Client, server) -> None:
    challenge = send(api).json()["challenge"]
    right = server.stored.sms_messages()[-1]["code"]
    wrong = "000000" if right != "000000" else "111111"
    details = []
    for _ in range(4):
        r = verify(api, challenge, wrong)
        assert r.status_code == 403
        details.append(r.json()["detail"])
    assert details[0] == "wrong code: 4 tries left" and details[-1] == "wrong code: 1 tries left"
    r = verify(api, challenge, wrong)
    assert r.status_code in (410, 429)
    r = verify(api, challenge, right)  # too late: burned (or the number is locked)
    assert r.status_code in (410, 429)


def test_a_code_expires_after_five_minutes(api: httpx.Client, server, clock) -> None:
    challenge = send(api).json()["challenge"]
    code = server.stored.sms_messages()[-1]["code"]
    clock.advance(seconds=301)
    r = verify(api, challenge, code)
    assert r.status_code == 410 and "expired" in r.json()["detail"]


def test_one_text_a_minute_five_an_hour(api: httpx.Client, clock) -> None:
    assert send(api).status_code == 201
    r = send(api)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) == 60
    for _ in range(4):
        clock.advance(seconds=61)
        assert send(api).status_code == 201
    clock.advance(seconds=61)
    r = send(api)
    assert r.status_code == 429 and "hour" in r.json()["detail"]
    clock.advance(seconds=3600)
    assert send(api).status_code == 201


def test_a_retry_with_the_same_key_does_not_text_twice(api: httpx.Client, server) -> None:
    key = str(uuid.uuid4())
    first = send(api, **{"Idempotency-Key": key})
    again = send(api, **{"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert len(server.stored.sms_messages()) == 1


def test_typed_numbers_are_checked_and_guessing_is_locked(server, api: httpx.Client) -> None:
    bad_check = ZHANG.id_number[:17] + ("0" if ZHANG.id_number[17] != "0" else "1")
    r = send(api, bad_check)
    assert r.status_code == 422 and "check character" in r.json()["detail"]
    assert send(api, "12345").status_code == 422
    # numbers without a phone on record, past the terminal's free tries: it waits
    free = server.settings.limits.terminal_free
    statuses = []
    for seq in range(free + 1):
        body = f"35099920000101{seq:03d}"  # well-formed, but nobody's
        statuses.append(send(api, body + codes.id_check_char(body)).status_code)
    assert statuses[: free - 1] == [404] * (free - 1) and statuses[-1] == 429
    assert any(a["kind"] == "lookup.locked" for a in server.stored.alerts())  # the fleet sees it
    r = send(api)  # even a real number, from this terminal, for now
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0


def test_unknown_eids_lock_the_terminal(server, api: httpx.Client, clock) -> None:
    for i in range(server.settings.limits.terminal_free):
        code = f"CTID-NOPE-{i:02d}-".ljust(40, "0")
        assert api.post("/api/v1/identity/eid:resolve", json={"code": code}).status_code == 404
    r = api.post("/api/v1/identity/eid:resolve", json={"code": EID})
    assert r.status_code == 429
    clock.advance(seconds=int(r.headers["Retry-After"]) + 1)
    assert api.post("/api/v1/identity/eid:resolve", json={"code": EID}).status_code == 200


def test_a_challenge_is_only_good_at_the_terminal_that_asked(server, api) -> None:
    challenge = send(api).json()["challenge"]
    code = server.stored.sms_messages()[-1]["code"]
    with httpx.Client(
        base_url=server.url, headers={"Authorization": "Bearer demo-token-HALL-002"}
    ) as other:
        assert verify(other, challenge, code).status_code == 404
    assert verify(api, challenge, code).status_code == 200
