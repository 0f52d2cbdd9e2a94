"""The Qt-free flows against the reference service through a fault-injecting proxy: a lost
answer, then "try again", gives back the first ticket; 12345 requests filed while the network
fails reach the service exactly once each."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from central.server import EmbeddedCentral
from kiosk_app.core.config import SyncConfig
from kiosk_app.core.flows.checkin import CheckinFlow, CheckinState
from kiosk_app.core.flows.hotline import Draft, HotlineFlow
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.session import Session
from kiosk_app.sync.online import OnlineApi
from kiosk_app.sync.service import SyncService
from kiosk_app.sync.testing.faultproxy import NONE, FaultProxy, Faults
from kiosk_app.sync.testing.waiting import wait_until

TERMINAL = "DEMO-24H-01"


def _cfg(url: str) -> SyncConfig:
    return SyncConfig(
        central_url=url,
        token=f"demo-token-{TERMINAL}",
        heartbeat_s=3600,
        pull_s=3600,
        backoff_base_s=0.02,
        backoff_cap_s=0.2,
        interactive_timeout_s=3,
    )


@pytest.fixture
def central(tmp_path: Path):
    c = EmbeddedCentral(tmp_path / "central.sqlite3", demo=True).start()
    yield c
    c.stop()


@pytest.fixture
def proxy(central):
    host, port = central.url.removeprefix("http://").split(":")
    p = FaultProxy(host, int(port), seed=7).start()
    yield p
    p.stop()


class SplitApi:
    """Look-ups straight to the service, check-ins through the faulty proxy."""

    def __init__(self, direct: OnlineApi, faulty: OnlineApi) -> None:
        self.lookup_appointment = direct.lookup_appointment
        self.check_in = faulty.check_in


def test_lost_checkin_answer_then_retry_gives_the_same_ticket(central, proxy, tmp_path):
    direct, faulty = OnlineApi(_cfg(central.url)), OnlineApi(_cfg(proxy.url))
    with SyncService(TERMINAL, _cfg(central.url), tmp_path / "sync") as sync:
        flow = CheckinFlow(SplitApi(direct, faulty), sync.outbox, Session(tmp_path / "s"))
        assert flow.scanned("ZWFW-YY:DEMOYY0002") is None
        proxy.set_faults(Faults(reset=1.0))  # the service checks in; the answer never arrives
        flow.apply(flow.run())
        assert flow.problem is Problem.OFFLINE
        proxy.set_faults(NONE)
        flow.apply(flow.run())  # "try again"
        assert flow.state is CheckinState.DONE
        number = flow.ticket.number
        again = direct.lookup_appointment("DEMOYY0002")
        assert again.value.ticket_number == number and again.value.status == "checked_in"
        assert proxy.counts["reset"] >= 1
        sync.start()
        sync.wake()
        assert wait_until(lambda: sync.outbox.depth() == 0, 15)
    direct.close()
    faulty.close()
    [event] = central.stored.payloads("checkin.done")
    assert event["ticket"] == number


def test_hotline_requests_through_a_failing_network_arrive_exactly_once(central, proxy, tmp_path):
    faults = Faults(drop=0.2, reset=0.2, error500=0.1, unavailable=0.1, retry_after_s=0)
    proxy.set_faults(faults)
    session = Session(tmp_path / "s")
    day = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    numbers = []
    with SyncService(TERMINAL, _cfg(proxy.url), tmp_path / "sync") as sync:
        sync.start()
        for i in range(12):
            flow = HotlineFlow(sync.outbox, session, TERMINAL, clock=lambda: day)
            draft = Draft("city", f"路灯不亮 {i}", "幸福路", "13900001111")
            assert flow.submit(draft) == {}
            numbers.append(flow.filed.number)
            sync.wake()
        assert wait_until(lambda: sync.outbox.depth() == 0, 60)
    assert sorted(central.stored.workorder_numbers()) == sorted(numbers)
    assert len(central.stored.events("hotline.created")) == 12
    assert sum(proxy.counts[k] for k in ("drop", "reset", "error500", "unavailable")) > 0
