"""办件查询 (GET /api/v1/progress/{number}): every number a terminal hands out, typed however,
under the read rules of every lookup (same site; a work order to its own terminal; failed
tries counted against the terminal)."""

from __future__ import annotations

import httpx

from central.db import open_database
from central.server import EmbeddedCentral
from contract.codes import NumberKind, new_number, spoken
from contract.wire import Progress

from .test_central_api import event, hotline
from .test_central_security import client, other_site_terminal
from .test_central_utility import application


def _case(number: str, item_id: str, terminal: str = "HALL-001") -> dict:
    return event(
        "case.submitted",
        {"case_id": number, "channel": "desk", "item_id": item_id, "service": "营业执照",
         "window": "3 号窗口", "pages": 2},
        terminal=terminal,
    )  # fmt: skip


def test_every_kind_of_number_shows_its_progress(api: httpx.Client, clock) -> None:
    item = api.get("/api/v1/catalog").json()["items"][0]
    case = new_number(NumberKind.CASE)
    doc = new_number(NumberKind.DOCUMENT)
    order = new_number(NumberKind.WORKORDER)
    batch = [
        _case(case, item["id"]),
        event("document.captured", {"document_id": doc, "pages": 1}),
        hotline(order),
    ]
    res = api.post("/api/v1/events:batch", json={"events": batch}).json()["results"]
    assert [r["status"] for r in res] == ["accepted"] * 3
    ticket = api.post("/api/v1/tickets", json={"category": item["category"]}).json()["number"]

    # typed as printed (groups of four), in lower case, with full-width digits: all read back
    got = Progress.model_validate(api.get(f"/api/v1/progress/{spoken(case).lower()}").json())
    assert (got.kind, got.number, got.status) == ("case", case, "received")
    assert got.where == "3 号窗口" and got.service == "营业执照"
    assert [s.step for s in got.steps] == ["received", "accepted", "result"]
    clock.advance(hours=2)
    assert api.get(f"/api/v1/progress/{case}").json()["status"] == "accepted"

    wide = spoken(doc).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert api.get(f"/api/v1/progress/{wide}").json()["kind"] == "document"
    w = api.get(f"/api/v1/progress/{spoken(order)}").json()
    assert w["kind"] == "workorder" and w["service"] == "道路破损"
    assert [s["step"] for s in w["steps"]][:2] == ["received", "contacted"]
    t = api.get(f"/api/v1/progress/{ticket.lower()}").json()
    assert t["kind"] == "ticket" and t["where"] and t["waiting"] is not None


def test_read_within_the_site_and_a_work_order_by_its_own_terminal(
    server: EmbeddedCentral, api: httpx.Client
) -> None:
    item = api.get("/api/v1/catalog").json()["items"][0]
    case, order = new_number(NumberKind.CASE), new_number(NumberKind.WORKORDER)
    batch = [_case(case, item["id"]), hotline(order)]
    api.post("/api/v1/events:batch", json={"events": batch})
    with client(server, "demo-token-HALL-002") as same_site:
        assert same_site.get(f"/api/v1/progress/{case}").status_code == 200  # a kiosk nearby
        assert same_site.get(f"/api/v1/progress/{order}").status_code == 404  # phone needed
    with client(server, other_site_terminal(server)) as elsewhere:
        assert elsewhere.get(f"/api/v1/progress/{case}").status_code == 404


def test_unknown_and_mistyped_numbers_are_told_apart_and_guessing_locks(
    api: httpx.Client,
) -> None:
    unknown = new_number(NumberKind.CASE)
    assert api.get(f"/api/v1/progress/{unknown}").status_code == 404
    wrong = unknown[:-1] + str((int(unknown[-1]) + 1) % 10)  # a typo: check digit fails
    r = api.get(f"/api/v1/progress/{wrong}")
    assert r.status_code == 422 and "check digit" in r.json()["detail"]
    assert api.get(f"/api/v1/progress/{new_number(NumberKind.APPLICATION)}").status_code == 404
    codes = [api.get(f"/api/v1/progress/{new_number(NumberKind.CASE)}").status_code
             for _ in range(40)]  # fmt: skip
    assert codes[-1] == 429 and "retry-after" in api.get(f"/api/v1/progress/{unknown}").headers


# -- asked at another terminal: the citizen proves the phone it was filed with ----------------
def _with_phone(c: httpx.Client, number: str, phone: str) -> httpx.Response:
    return c.post("/api/v1/progress:with-phone", json={"number": number, "phone": phone})


def test_a_work_order_elsewhere_answers_to_the_phone_it_was_filed_with(
    server: EmbeddedCentral, api: httpx.Client
) -> None:
    order = new_number(NumberKind.WORKORDER)
    api.post("/api/v1/events:batch", json={"events": [hotline(order, phone="13900002222")]})
    with client(server, other_site_terminal(server)) as elsewhere:
        assert elsewhere.get(f"/api/v1/progress/{order}").status_code == 404  # not without it
        r = _with_phone(elsewhere, spoken(order), "13900002222")  # typed as printed
        assert r.status_code == 200, r.text
        got = Progress.model_validate(r.json())
        assert (got.kind, got.number, got.service) == ("workorder", order, "道路破损")
        wrong = _with_phone(elsewhere, order, "13900003333")
        assert wrong.status_code == 404
        assert "do not match" in wrong.json()["detail"] and "13900003333" not in wrong.text
    # the phone is never kept in clear: not in the attempts, alerts or anywhere as text
    db = open_database(server.settings)
    try:
        keys = [r["subject"] for r in db.all("SELECT subject FROM attempts", ())]
        assert keys and not any("1390000" in k for k in keys)
        assert not any(order in k for k in keys)  # the number too: a keyed hash
    finally:
        db.close()


def test_a_wrong_phone_is_counted_against_the_number_and_locks_it(
    server: EmbeddedCentral, api: httpx.Client
) -> None:
    order = new_number(NumberKind.WORKORDER)
    api.post("/api/v1/events:batch", json={"events": [hotline(order)]})
    tries = [_with_phone(api, order, f"1390000{i:04d}").status_code for i in range(2, 8)]
    assert tries[:4] == [404] * 4 and tries[-1] == 429  # 5 free, then locked
    # the number stays locked for every terminal, the right phone too, until the wait is over
    with client(server, "demo-token-HALL-002") as nearby:
        locked = _with_phone(nearby, order, "13900001111")
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
        assert "try again" in locked.json()["detail"]
    db = open_database(server.settings)
    try:
        rows = db.all("SELECT detail FROM alerts WHERE kind='lookup.locked'", ())
        assert any(order[:7] in r["detail"] for r in rows)
        assert not any(order in r["detail"] for r in rows)
    finally:
        db.close()


def test_another_sites_application_with_its_phone(
    server: EmbeddedCentral, api: httpx.Client
) -> None:
    number = new_number(NumberKind.APPLICATION)
    body = application(number)
    assert api.post("/api/v1/utility/applications", json=body).status_code == 201
    with client(server, other_site_terminal(server)) as elsewhere:
        assert elsewhere.get(f"/api/v1/progress/{number}").status_code == 404
        assert _with_phone(elsewhere, number, "13900009999").status_code == 404
        r = _with_phone(elsewhere, number, body["phone"])
        assert r.status_code == 200, r.text
        got = Progress.model_validate(r.json())
        assert got.kind == "application" and got.number == number
        assert got.steps[0].step == "received"


def test_only_orders_and_applications_by_phone_and_the_phone_checked(api: httpx.Client) -> None:
    case = new_number(NumberKind.CASE)
    r = _with_phone(api, case, "13900001111")
    assert r.status_code == 422 and "work orders" in r.json()["detail"]
    order = new_number(NumberKind.WORKORDER)
    assert _with_phone(api, order, "12345").status_code == 422  # not a mobile number
    unknown = _with_phone(api, order, "13900001111")  # unknown number: the same plain answer
    assert unknown.status_code == 404 and "do not match" in unknown.json()["detail"]
