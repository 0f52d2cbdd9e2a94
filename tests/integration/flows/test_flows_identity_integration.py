"""The identity step on real parts, Qt-free: the reader adapter over the pty simulator, the
terminal's Terminal API client against the reference central service. A demo person's card
laid, read, checked and held by the session; the e-ID QR and the typed number with the texted
code (read from the simulated gateway as from the citizen's phone); the central service gone;
and after the reset nothing personal is left in the session, the masker or the log."""

from __future__ import annotations

import logging
import queue
import socket
from datetime import date, datetime
from pathlib import Path

import pytest

from central.seed import demo
from central.server import EmbeddedCentral
from devices.base import DataEvent, DeviceState
from devices.idcard.adapter import IdCardReader
from devices.idcard.sim import IdCardSimulator, SimCard
from kiosk_app.core import masking
from kiosk_app.core.config import SyncConfig
from kiosk_app.core.flows.identity import IdentityFlow, IdentityState, Level, Method, Why
from kiosk_app.core.logs import JsonFormatter
from kiosk_app.core.session import Session
from kiosk_app.demo.environment import demo_sim_card
from kiosk_app.sync.online import OnlineApi

TERMINAL = "DEMO-24H-01"


def _cfg(url: str) -> SyncConfig:
    return SyncConfig(
        central_url=url,
        token=f"demo-token-{TERMINAL}",
        heartbeat_s=3600,
        pull_s=3600,
        interactive_timeout_s=3,
    )


def demo_card(key: str, today: date) -> SimCard:
    return demo_sim_card(key, today)


@pytest.fixture
def central(tmp_path: Path):
    c = EmbeddedCentral(tmp_path / "central.sqlite3", demo=True).start()
    yield c
    c.stop()


@pytest.fixture
def api(central):
    a = OnlineApi(_cfg(central.url))
    yield a
    a.close()


@pytest.fixture
def rig():
    sim = IdCardSimulator()
    dev = IdCardReader("idcard", {"port": sim.path})
    events: queue.Queue[object] = queue.Queue()
    dev.subscribe(lambda e: events.put(e.payload) if isinstance(e, DataEvent) else None)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED, timeout=3)
    yield sim, dev, events
    dev.close()
    sim.close()


def feed_until(flow: IdentityFlow, events: queue.Queue[object], *states: IdentityState) -> None:
    """What the UI bridge does: reader events to the flow on the GUI thread (here: this one)."""
    while flow.state not in states:
        flow.card_event(events.get(timeout=5))


def test_demo_card_read_checked_held_and_wiped(rig, api, caplog) -> None:
    sim, _, events = rig
    session = Session()
    flow = IdentityFlow(api, session, Level.CARD_OR_EID)
    sim.place(demo_card("lina", date.today()))
    feed_until(flow, events, IdentityState.DONE, IdentityState.PROBLEM)
    c = flow.citizen
    assert flow.state is IdentityState.DONE and c is not None
    assert (c.name, c.id_number, c.nation) == ("李娜", demo.holder("lina").id_number, "01")
    assert c.shown().name == "李*"
    caplog.set_level(logging.INFO)
    logging.getLogger("kiosk.identity").info("served %s at %s", c.name, c.address)
    line = JsonFormatter().format(caplog.records[-1])
    assert "李娜" not in line and "解放街" not in line
    session.reset("idle")
    assert session.keys() == [] and flow.citizen is None
    assert masking.mask_text("李娜") == "李娜"


def test_expired_demo_card_says_renew(rig, api) -> None:
    sim, _, events = rig
    flow = IdentityFlow(api, Session(), Level.ANY)
    today = date.today()
    sim.place(demo_card("chenzhiqiang", today))
    feed_until(flow, events, IdentityState.DONE, IdentityState.PROBLEM)
    f = flow.failure
    assert f is not None and f.why is Why.CARD_EXPIRED
    assert (
        f.valid_to is not None and (today - f.valid_to).days == demo.EXPIRED_CARDS["chenzhiqiang"]
    )
    assert f.alternatives == (Method.CARD, Method.EID, Method.SMS)


def test_eid_qr_resolved_by_the_service(api) -> None:
    session = Session()
    flow = IdentityFlow(api, session, Level.CARD_OR_EID, reader_online=False)
    assert flow.failure.why is Why.READER_OFFLINE
    code = next(c for c, (k, s) in demo.EID_CODES.items() if k == "wangjianguo" and s == "valid")
    assert flow.scanned(code) is None
    flow.apply(flow.run())
    assert flow.state is IdentityState.DONE
    assert flow.citizen.name == "王建国" and flow.citizen.birth == date(1958, 10, 1)
    session.reset()
    assert flow.citizen is None


def test_typed_number_and_the_code_from_the_phone(central, api) -> None:
    holder = demo.holder("liufang")
    flow = IdentityFlow(api, Session(), Level.ANY)
    flow.choose(Method.SMS)
    flow.typed_number(holder.id_number)
    flow.apply(flow.run())
    assert flow.state is IdentityState.SMS_CODE
    assert flow.challenge.phone_masked == "139****4444"
    code = central.stored.sms_messages()[-1]["code"]
    flow.typed_code("000000" if code != "000000" else "111111")
    flow.apply(flow.run())
    assert flow.failure.why is Why.WRONG_CODE and flow.state is IdentityState.SMS_CODE
    flow.typed_code(code)
    flow.apply(flow.run())
    assert flow.state is IdentityState.DONE and flow.citizen.name == "刘芳"


def test_a_number_without_a_phone_on_record(api) -> None:
    flow = IdentityFlow(api, Session(), Level.ANY)
    assert flow.typed_number(demo.id_number("350999", date(2000, 1, 1), 1)) is None  # nobody's
    flow.apply(flow.run())
    assert flow.failure.why is Why.NO_PHONE
    assert flow.failure.alternatives == (Method.CARD, Method.EID)


def test_central_gone_leaves_the_card(tmp_path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    api = OnlineApi(_cfg(f"http://127.0.0.1:{port}"))
    try:
        flow = IdentityFlow(api, Session(), Level.ANY)
        flow.scanned(next(iter(demo.EID_CODES)))
        flow.apply(flow.run())
        assert flow.failure.why is Why.OFFLINE and flow.failure.alternatives == (Method.CARD,)
    finally:
        api.close()


def test_demo_cards_are_read_as_the_people_central_knows(rig, api) -> None:
    sim, _, events = rig
    today = datetime.now().astimezone().date()
    for h in demo.HOLDERS:
        flow = IdentityFlow(api, Session(), Level.CARD_OR_EID)
        sim.place(demo_card(h.key, today))
        feed_until(flow, events, IdentityState.DONE, IdentityState.PROBLEM)
        expired = h.key in demo.EXPIRED_CARDS
        assert flow.state is (IdentityState.PROBLEM if expired else IdentityState.DONE)
        if not expired:
            assert flow.citizen.id_number == h.id_number and flow.citizen.sex == h.sex
        sim.lift()
