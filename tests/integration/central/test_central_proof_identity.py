"""证明打印 hands out a named person's papers: the service issues a proof only for a person it
identified itself (an e-ID it resolved, a texted code it checked) for the terminal that asks,
never on the terminal's word (``verified_by``). Each refusal is 403 and counts against the
terminal like a wrong guess."""

from __future__ import annotations

import uuid

import httpx

from central.seed import demo
from central.server import EmbeddedCentral

ZHANG = demo.holder("zhangwei")
LI = demo.holder("lina")
EID_ZHANG = "CTID-DEMO-valid-01-".ljust(40, "0")


def _assertion(api: httpx.Client, code: str = EID_ZHANG) -> str:
    r = api.post("/api/v1/identity/eid:resolve", json={"code": code})
    assert r.status_code == 200, r.text
    return str(r.json()["assertion"])


def _issue(api: httpx.Client, assertion: str, person: demo.DemoHolder = ZHANG) -> httpx.Response:
    body = {
        "kind": "social_insurance",
        "id_number": person.id_number,
        "name": person.name,
        "assertion": assertion,
    }
    return api.post("/api/v1/proofs", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})


def test_a_proof_for_the_person_the_service_identified(api: httpx.Client) -> None:
    r = _issue(api, _assertion(api))
    assert r.status_code == 201, r.text
    assert r.json()["kind"] == "social_insurance"
    pdf = api.get(f"/api/v1/proofs/{r.json()['number']}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_the_terminals_word_is_refused(api: httpx.Client) -> None:
    body = {
        "kind": "social_insurance",
        "id_number": ZHANG.id_number,
        "name": ZHANG.name,
        "verified_by": "id_card",  # what a terminal used to be trusted with
    }
    r = api.post("/api/v1/proofs", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert r.status_code == 422  # the assertion is required; verified_by is no field any more
    r = _issue(api, "v1.eid.9999999999." + "0" * 64)  # a made-up one
    assert r.status_code == 403 and "not identified" in r.json()["detail"]
    r = _issue(api, "v1.eid.²²." + "0" * 64)  # not ASCII digits: refused, not a 500
    assert r.status_code == 403


def test_an_assertion_is_for_its_person_its_terminal_and_a_few_minutes(
    server: EmbeddedCentral, api: httpx.Client, clock
) -> None:
    zhang = _assertion(api)
    # another person's proof with Zhang's assertion
    assert _issue(api, zhang, LI).status_code == 403
    # Zhang's assertion from another terminal
    other = httpx.Client(
        base_url=server.url, headers={"Authorization": "Bearer demo-token-HALL-24H-01"}, timeout=10
    )
    with other:
        assert _issue(other, zhang).status_code == 403
    # a tampered method or expiry breaks the MAC
    v, method, expires, mac = zhang.split(".")
    assert _issue(api, ".".join((v, "sms", expires, mac))).status_code == 403
    assert _issue(api, ".".join((v, method, str(int(expires) + 3600), mac))).status_code == 403
    # too late: identify again
    clock.advance(minutes=11)
    assert _issue(api, zhang).status_code == 403
    assert _issue(api, _assertion(api)).status_code == 201


def test_an_sms_checked_person_gets_a_proof(server: EmbeddedCentral, api: httpx.Client) -> None:
    sent = api.post("/api/v1/identity/sms-codes", json={"id_number": ZHANG.id_number})
    assert sent.status_code == 201, sent.text
    code = server.stored.sms_messages()[-1]["code"]
    r = api.post(
        "/api/v1/identity/sms-codes:verify",
        json={"challenge": sent.json()["challenge"], "code": code},
    )
    assert r.status_code == 200, r.text
    assert _issue(api, r.json()["assertion"]).status_code == 201
