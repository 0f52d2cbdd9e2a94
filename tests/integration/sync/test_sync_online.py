"""Online calls against the reference service's demo data: every outcome is a typed value,
network failures included, and bad input is answered before any network is touched."""

from __future__ import annotations

import socket
import time

import pytest

from central.seed.demo import AUTH_TOKENS, holder
from contract.codes import NumberKind, new_number
from contract.results import Conflict, Expired, Invalid, NotFound, Offline, Ok, Refused
from contract.wire import Appointment, Licences, Ticket, WorkOrder
from kiosk_app.sync.online import OnlineApi, new_key
from kiosk_app.sync.outbox import Outbox
from kiosk_app.sync.relay import Relay
from kiosk_app.sync.testing.faultproxy import FaultProxy, Faults


def _token(state: str) -> str:
    return next(t for t, (_, s) in AUTH_TOKENS.items() if s == state)


@pytest.fixture
def api(central, cfg_for):
    a = OnlineApi(cfg_for(central.url))
    yield a
    a.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_appointment_lookup_by_code_and_by_phone(api: OnlineApi) -> None:
    r = api.lookup_appointment("ZWFW-YY:DEMOYY0001")
    assert isinstance(r, Ok) and isinstance(r.value, Appointment)
    assert r.value.code == "DEMOYY0001" and r.value.status == "booked"
    by_phone = api.lookup_appointment(phone=holder("zhangwei").phone, code6="246810")
    assert isinstance(by_phone, Ok) and by_phone.value.code == "DEMOYY0001"
    assert isinstance(api.lookup_appointment("ZWFW-YY:AAAAAAAAAA"), NotFound)


def test_check_in_replays_with_the_same_key_and_refuses_the_wrong_cases(api: OnlineApi) -> None:
    key = new_key()
    first = api.check_in("ZWFW-YY:DEMOYY0002", key=key)
    assert isinstance(first, Ok) and isinstance(first.value, Ticket)
    again = api.check_in("DEMOYY0002", key=key)  # the citizen pressed "try again"
    assert isinstance(again, Ok) and again.value.number == first.value.number
    assert isinstance(api.check_in("DEMOYY0002"), Conflict)  # a second, different check-in
    assert isinstance(api.check_in("DEMOEXPIRD"), Expired)
    other = api.check_in("DEMOOTHERS")
    assert isinstance(other, Refused) and other.reason


def test_ticket_issue_and_position(api: OnlineApi) -> None:
    t = api.issue_ticket(item_id="C0001")
    assert isinstance(t, Ok) and t.value.number and t.value.follow_url
    pos = api.ticket_position(t.value.number)
    assert isinstance(pos, Ok) and pos.value.number == t.value.number
    assert isinstance(api.issue_ticket(item_id="NOPE0000"), NotFound)


def test_licence_redemption(api: OnlineApi) -> None:
    r = api.redeem_authorization("ZWFW-SQ:" + _token("valid"))
    assert isinstance(r, Ok) and isinstance(r.value, Licences)
    assert r.value.holder.id_number and r.value.licences
    assert isinstance(api.redeem_authorization(_token("used")), Expired)
    assert isinstance(api.redeem_authorization(_token("expired")), Expired)
    assert isinstance(api.redeem_authorization("Q" * 32), NotFound)


def test_workorder_status_after_the_relay_delivered_it(
    api: OnlineApi, central, cfg_for, outbox: Outbox
) -> None:
    number, other = new_number(NumberKind.WORKORDER), new_number(NumberKind.WORKORDER)
    outbox.enqueue(
        "hotline.created",
        {"number": number, "category": "噪音扰民", "phone": "13900001234", "text": "夜间施工"},
    )
    relay = Relay(outbox, cfg_for(central.url))
    relay.send_batch()
    relay.transport.close()
    r = api.workorder_status(number)
    assert isinstance(r, Ok) and isinstance(r.value, WorkOrder)
    assert r.value.timeline[0].stage == "received"
    assert isinstance(api.workorder_status(other), NotFound)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda a: a.lookup_appointment("hello"), "appointment code"),
        (lambda a: a.lookup_appointment(phone="12345", code6="246810"), "11 digits"),
        (lambda a: a.lookup_appointment(phone="13900001234", code6="12"), "6 digits"),
        (lambda a: a.check_in("ZWFW-SQ:xyz"), "appointment code"),
        (lambda a: a.issue_ticket(), "choose"),
        (lambda a: a.ticket_position("12"), "ticket number"),
        (lambda a: a.redeem_authorization("too-short"), "authorisation code"),
        (lambda a: a.workorder_status("12345-1"), "12345"),
    ],
)
def test_bad_input_is_answered_without_the_network(cfg_for, call, words: str) -> None:
    api = OnlineApi(cfg_for(f"http://127.0.0.1:{_closed_port()}"))
    try:
        r = call(api)
    finally:
        api.close()
    assert isinstance(r, Invalid) and words in r.reason


def test_network_failures_are_offline_results_within_the_time_limit(central, cfg_for) -> None:
    down = OnlineApi(cfg_for(f"http://127.0.0.1:{_closed_port()}"))
    try:
        assert isinstance(down.lookup_appointment("DEMOYY0001"), Offline)
        assert isinstance(down.redeem_authorization(_token("valid")), Offline)
    finally:
        down.close()
    port = int(central.url.rsplit(":", 1)[1])
    for faults in (
        Faults(delay=1.0, delay_s=3.0),
        Faults(slow=1.0, slow_chunk=8, slow_pause_s=0.1),  # a trickle that never times out
        Faults(error500=1.0),
        Faults(reset=1.0),
    ):
        with FaultProxy("127.0.0.1", port, faults) as proxy:
            slow = OnlineApi(cfg_for(proxy.url, interactive_timeout_s=0.5))
            try:
                t0 = time.monotonic()
                r = slow.ticket_position("A001")
                took = time.monotonic() - t0
            finally:
                slow.close()
        assert isinstance(r, Offline), (faults, r)
        assert took < 2.5


def test_wrong_token_is_refused(central, cfg_for) -> None:
    api = OnlineApi(cfg_for(central.url, token="not-a-terminal"))
    try:
        r = api.lookup_appointment("DEMOYY0001")
    finally:
        api.close()
    assert isinstance(r, Refused) and r.reason
