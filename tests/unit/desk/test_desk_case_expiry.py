"""Desk intake with an expired licence: listed and marked, not attached, not enough on its own."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from contract.results import Ok
from contract.wire import Holder, Licence, Licences
from kiosk_app.core.flows.desk_case import DeskCase, Item
from kiosk_app.core.flows.desk_staff import Staff
from kiosk_app.core.flows.ports import Problem

ID = "350999199001011236"
TOKEN = "ZWFW-SQ:demo-sq-valid-01-000000000000000"
WHEN = datetime(2026, 11, 25, 10, 30, tzinfo=timezone(timedelta(hours=8)))
ITEM = Item("C0032", "居民身份证换领", "B区 3号窗口")


def licence(kind: str, title: str, valid_until: str | None) -> Licence:
    return Licence(
        kind=kind,
        title=title,
        number=ID,
        holder="张伟",
        issuer="示范县公安局",
        valid_from="2016-01-01",
        valid_until=valid_until,
    )


def intake(outbox, session, fake_api, *lics: Licence) -> DeskCase:  # type: ignore[no-untyped-def]
    api = fake_api(Ok(Licences(holder=Holder(name="张伟", id_number=ID), licences=list(lics))))
    case = DeskCase(
        api, outbox, session, "T-DESK", "1号窗口", Staff("S0001", "王晓明"), clock=lambda: WHEN
    )
    case.choose(ITEM)
    case.scanned(TOKEN)
    assert case.apply(case.redeem()) is None
    return case


def test_expired_licences_are_listed_marked_and_left_out(outbox, session, fake_api) -> None:  # type: ignore[no-untyped-def]
    case = intake(
        outbox,
        session,
        fake_api,
        licence("id_card", "居民身份证", "2040-01-01"),
        licence("driving_licence", "机动车驾驶证", "2026-11-24"),
    )
    shown = case.shown()
    assert [(s.kind, s.expired, s.valid_until) for s in shown] == [
        ("id_card", False, "2040-01-01"),
        ("driving_licence", True, "2026-11-24"),
    ]
    assert [x.kind for x in case.attached()] == ["id_card"]
    assert case.submit(None, 0) is None
    [row] = [json.loads(r.body) for r in outbox.lease(100, 60)]
    p = row["payload"]
    assert [x["kind"] for x in p["licences"]] == ["id_card"] and p["consent"] is True


def test_only_expired_licences_are_nothing_to_take_in(outbox, session, fake_api) -> None:  # type: ignore[no-untyped-def]
    case = intake(
        outbox, session, fake_api, licence("driving_licence", "机动车驾驶证", "2026-11-24")
    )
    assert case.has_licences and case.attached() == []
    assert case.can_submit(0) is Problem.MISSING
    pdf = session.temp_dir() / "case.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    assert case.submit(pdf, 1) is None  # with a paper page it goes, without the licence
    [row] = [json.loads(r.body) for r in outbox.lease(100, 60)]
    p = row["payload"]
    assert p["licences"] == [] and p["consent"] is False and "applicant" not in p
