"""Certificate-free with an expired licence: shown and marked, never attached."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from contract.results import Ok
from contract.wire import Holder, Licence, Licences
from kiosk_app.core.flows.certfree import CertfreeFlow, CertfreeState
from kiosk_app.core.flows.licences import is_expired, valid_until_date
from kiosk_app.core.flows.ports import Problem

TOKEN = "ZWFW-SQ:" + "demo-sq-valid-01-".ljust(32, "0")
ID = "350999198503121315"
# 00:30 on 2 March in China: still 1 March in UTC, so the local date is the one that counts
NOW = datetime(2026, 3, 2, 0, 30, tzinfo=timezone(timedelta(hours=8)))


def licence(kind: str, title: str, valid_until: str | None, number: str = ID) -> Licence:
    return Licence(
        kind=kind,
        title=title,
        number=number,
        holder="张伟",
        issuer="示范县公安局",
        valid_from="2016-03-01",
        valid_until=valid_until,
    )


def licences() -> Licences:
    return Licences(
        holder=Holder(name="张伟", id_number=ID),
        licences=[
            licence("id_card", "居民身份证", "2036-03-01"),
            licence("driving_licence", "机动车驾驶证", "2026-03-01"),  # ended yesterday
            licence("vehicle_licence", "机动车行驶证", "2026-03-02"),  # its last day: valid
            licence("marriage_certificate", "结婚证", None, "J350999-2010-123456"),
        ],
    )


def flow_with(outbox, session, fakes, lic: Licences | None = None) -> CertfreeFlow:  # type: ignore[no-untyped-def]
    api = fakes.Api(redeem_authorization=Ok(lic or licences()))
    flow = CertfreeFlow(api, outbox, session, "T-TEST", clock=lambda: NOW)
    assert flow.scanned(TOKEN) is None
    flow.apply(flow.run())
    assert flow.state is CertfreeState.CONSENT
    return flow


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("2026-03-01T23:59:59+08:00", date(2026, 3, 1)),
        (" 2026-03-01 ", date(2026, 3, 1)),
        (None, None),
        ("", None),
        ("长期", None),
    ],
)
def test_the_last_valid_day_is_read_from_the_service(until, expected) -> None:  # type: ignore[no-untyped-def]
    assert valid_until_date(licence("x", "x", until)) == expected


def test_a_licence_is_valid_through_its_last_day() -> None:
    today = date(2026, 3, 2)
    assert is_expired(licence("x", "x", "2026-03-01"), today)
    assert not is_expired(licence("x", "x", "2026-03-02"), today)
    assert not is_expired(licence("x", "x", None), today)  # 长期有效
    assert not is_expired(licence("x", "x", "soon"), today)  # unreadable: shown as given


def test_expired_licences_are_shown_marked_with_their_date_and_masked(
    outbox, session, fakes
) -> None:  # type: ignore[no-untyped-def]
    flow = flow_with(outbox, session, fakes)
    shown = {s.kind: s for s in flow.shown()}
    assert shown["driving_licence"].expired and shown["driving_licence"].valid_until == "2026-03-01"
    assert not shown["vehicle_licence"].expired and not shown["id_card"].expired
    assert not shown["marriage_certificate"].expired
    assert shown["marriage_certificate"].valid_until == ""
    assert all(ID not in repr(s) and s.holder == "张*" for s in shown.values())
    assert flow.attachable_kinds() == ["id_card", "vehicle_licence", "marriage_certificate"]
    flow.forget()
    assert flow.shown() == [] and flow.attachable_kinds() == []


def test_an_expired_licence_is_never_attached_even_when_chosen(outbox, session, fakes) -> None:  # type: ignore[no-untyped-def]
    flow = flow_with(outbox, session, fakes)
    assert flow.consent(["driving_licence"]) is Problem.MISSING  # only the expired one
    assert flow.state is CertfreeState.CONSENT and fakes.pending(outbox) == []
    assert flow.consent(["driving_licence", "id_card"], service="驾驶证期满换证") is None
    [case] = fakes.pending(outbox, "case.submitted")
    assert [x["kind"] for x in case["licences"]] == ["id_card"]
    assert flow.state is CertfreeState.DONE and flow.shown() == []


def test_expiry_is_judged_on_the_day_the_licences_arrived(outbox, session, fakes) -> None:  # type: ignore[no-untyped-def]
    now = [NOW]
    api = fakes.Api(redeem_authorization=Ok(licences()))
    flow = CertfreeFlow(api, outbox, session, "T-TEST", clock=lambda: now[0])
    flow.scanned(TOKEN)
    flow.apply(flow.run())
    now[0] = NOW + timedelta(days=1)  # past midnight on the consent page
    assert "vehicle_licence" in flow.attachable_kinds()  # what was shown is what is attached
    assert flow.consent(["vehicle_licence"]) is None


def test_all_expired_leaves_nothing_to_attach(outbox, session, fakes) -> None:  # type: ignore[no-untyped-def]
    old = Licences(
        holder=Holder(name="张伟", id_number=ID),
        licences=[licence("driving_licence", "机动车驾驶证", "2020-01-01")],
    )
    flow = flow_with(outbox, session, fakes, old)
    assert flow.attachable_kinds() == [] and [s.expired for s in flow.shown()] == [True]
    assert flow.consent(["driving_licence"]) is Problem.MISSING
    flow.decline()
    assert fakes.pending(outbox) == [] and session.get("certfree.licences") is None
