"""用水用气报装 at the reference service: published documents with ETags, survey slots held and
released, an application taken once (by the outbox's event and by the POST with its key),
checked against the form version it names, and its stages moving on the demo's timer."""

from __future__ import annotations

from typing import Any

import httpx

from contract.codes import NumberKind, new_number
from contract.utility import AddressList, ServicePoints, UtilityForms
from contract.wire import Progress

from .test_central_api import event


def application(number: str, **kw: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "number": number,
        "form_type": "new",
        "form_version": 2,
        "utilities": "water",
        "applicant": {"name": "张伟", "id_number": "35099919850312131X", "verified_by": "card"},
        "address_id": "A00001",
        "address_text": "示范县城关街道东门社区解放路1号1栋",
        "property_proof": {
            "method": "certfree",
            "licence_number": "闽(2024)示范县不动产权第0001号",
        },
        "phone": "13900001111",
        "fields": {"usage": "居民生活", "households": "1", "pipe_size": "DN20"},
        "submitted_at": "2026-11-25T10:00:00+08:00",
    }
    body.update(kw)
    return body


def test_documents_are_published_with_etags(api: httpx.Client) -> None:
    for path, model in (
        ("/api/v1/utility/forms", UtilityForms),
        ("/api/v1/utility/addresses", AddressList),
        ("/api/v1/service-points", ServicePoints),
    ):
        r = api.get(path)
        assert r.status_code == 200, path
        doc = model.model_validate(r.json())
        again = api.get(path, headers={"If-None-Match": r.headers["ETag"]})
        assert again.status_code == 304
        if isinstance(doc, AddressList):
            assert len(doc.addresses) == 20_000
            assert len({(a.street, a.community) for a in doc.addresses}) == 19
        if isinstance(doc, ServicePoints):
            kinds = [p.kind for p in doc.points]
            assert kinds.count("community") == 19 and kinds.count("hall") == 1
            assert {"water", "gas"} <= set(kinds)
        if isinstance(doc, UtilityForms):
            assert {f.type for f in doc.forms} == {"new", "capacity", "transfer", "stop"}


def test_slot_hold_release_and_full(api: httpx.Client) -> None:
    slots = api.get("/api/v1/utility/slots", params={"utility": "gas"}).json()["slots"]
    slot = slots[0]
    assert slot["free"] == 2
    h1 = api.post("/api/v1/utility/slots:hold", json={"slot_id": slot["id"]})
    h2 = api.post("/api/v1/utility/slots:hold", json={"slot_id": slot["id"]})
    assert h1.status_code == h2.status_code == 201
    full = api.post("/api/v1/utility/slots:hold", json={"slot_id": slot["id"]})
    assert full.status_code == 409
    assert api.delete(f"/api/v1/utility/holds/{h1.json()['hold_id']}").status_code == 204
    assert api.delete(f"/api/v1/utility/holds/{h1.json()['hold_id']}").status_code == 404
    again = api.get("/api/v1/utility/slots", params={"utility": "gas"}).json()["slots"][0]
    assert again["id"] == slot["id"] and again["free"] == 1


def test_application_by_event_once_with_its_held_slot_and_stages(api: httpx.Client, clock) -> None:
    slot = api.get("/api/v1/utility/slots", params={"utility": "water"}).json()["slots"][0]
    hold = api.post("/api/v1/utility/slots:hold", json={"slot_id": slot["id"]}).json()
    number = new_number(NumberKind.APPLICATION)
    ev = event(
        "utility.applied",
        application(number, slots={"water": slot["id"]}, holds={"water": hold["hold_id"]}),
    )
    for expected in ("accepted", "duplicate"):
        [r] = api.post("/api/v1/events:batch", json={"events": [ev]}).json()["results"]
        assert r["status"] == expected, r
    progress = Progress.model_validate(api.get(f"/api/v1/progress/{number}").json())
    assert progress.kind == "application"
    assert [s.step for s in progress.steps][:3] == ["received", "survey_booked", "survey_done"]
    assert progress.status == "survey_booked"
    clock.advance(minutes=9)  # the demo's timer: two minutes a stage
    later = Progress.model_validate(api.get(f"/api/v1/progress/{number}").json())
    assert later.status == "connected"
    # the held slot became the booking: one place taken, no hold left over
    now = api.get("/api/v1/utility/slots", params={"utility": "water"}).json()["slots"]
    assert next(s for s in now if s["id"] == slot["id"])["free"] == 1


def test_application_post_is_idempotent_and_checked_against_its_form(api: httpx.Client) -> None:
    number = new_number(NumberKind.APPLICATION)
    key = {"Idempotency-Key": "0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f0"}
    first = api.post("/api/v1/utility/applications", json=application(number), headers=key)
    assert first.status_code == 201, first.text
    replay = api.post("/api/v1/utility/applications", json=application(number), headers=key)
    assert replay.json() == first.json() and replay.headers.get("Idempotent-Replayed") == "true"
    other = api.post("/api/v1/utility/applications", json=application(number, notes="x"))
    assert other.status_code == 409
    # version 1 of "new" had no floor_area: an old terminal's application still reads right
    old = application(new_number(NumberKind.APPLICATION), form_version=1)
    assert api.post("/api/v1/utility/applications", json=old).status_code == 201
    missing = application(new_number(NumberKind.APPLICATION), fields={"usage": "居民生活"})
    r = api.post("/api/v1/utility/applications", json=missing)
    assert r.status_code == 422 and "households" in r.json()["detail"]
    unknown = application(new_number(NumberKind.APPLICATION), form_version=9)
    assert api.post("/api/v1/utility/applications", json=unknown).status_code == 422


def test_photo_from_the_phone_as_property_proof(api: httpx.Client, server) -> None:
    t = api.post("/api/v1/utility/uploads", json={})
    assert t.status_code == 201, t.text
    ticket = t.json()
    status = api.get(f"/api/v1/utility/uploads/{ticket['ref']}").json()
    assert status["status"] == "waiting"
    phone = httpx.Client(timeout=10)  # the citizen's phone: no token
    page = phone.get(ticket["url"])
    assert page.status_code == 200 and "上传" in page.text
    assert (
        phone.put(ticket["url"], content=b"x", headers={"Content-Type": "text/plain"}).status_code
        == 415
    )
    photo = b"\xff\xd8\xff\xe0 a photo"
    assert (
        phone.put(ticket["url"], content=photo, headers={"Content-Type": "image/jpeg"}).status_code
        == 201
    )
    assert (
        phone.put(ticket["url"], content=photo, headers={"Content-Type": "image/jpeg"}).status_code
        == 404
    )
    assert phone.get(ticket["url"]).status_code == 404  # used
    phone.close()
    status = api.get(f"/api/v1/utility/uploads/{ticket['ref']}").json()
    assert status["status"] == "received" and status["size"] == len(photo)
    proof = {"method": "upload", "upload_ref": ticket["ref"], "blob_sha256": status["sha256"]}
    ok = application(new_number(NumberKind.APPLICATION), property_proof=proof)
    assert api.post("/api/v1/utility/applications", json=ok).status_code == 201
    wrong = dict(proof, blob_sha256="0" * 64)
    bad = application(new_number(NumberKind.APPLICATION), property_proof=wrong)
    assert api.post("/api/v1/utility/applications", json=bad).status_code == 422
