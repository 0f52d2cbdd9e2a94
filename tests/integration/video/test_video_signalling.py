"""The signalling and the queue of video help over real sockets: the terminal's ``VideoLink``
against the reference service, and an agent speaking the console's protocol (no media here;
tests/integration/video/test_video_call.py runs the whole call with a browser)."""

from __future__ import annotations

import queue
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from contract.wire import (
    Answered,
    CallContext,
    CallEnded,
    DocRequest,
    PeerBack,
    Queued,
    TerminalHello,
    Unavailable,
    VideoSignal,
)
from kiosk_app.sync.online import OnlineApi
from kiosk_app.sync.video import VideoLink
from tests.integration.video.conftest import (
    AgentClient,
    Relay,
    sign_in,
    sync_config,
    video_central,
)


class Terminal:
    def __init__(self, url: str, terminal: str = "HALL-001", grace_s: float = 3.0) -> None:
        self.inbox: queue.Queue[Any] = queue.Queue()
        self.link = VideoLink(
            sync_config(url, terminal),
            self.inbox.put,
            lambda up, lost: self.inbox.put(("link", up, lost)),
            grace_s=grace_s,
        )

    def call(self, flow: str = "certfree") -> None:
        self.link.open(TerminalHello(context=CallContext(flow=flow, screen="scan")))

    def expect(self, kind: type[BaseModel] | str, timeout: float = 10) -> Any:
        while True:
            msg = self.inbox.get(timeout=timeout)
            if isinstance(kind, str) and isinstance(msg, tuple) and msg[0] == kind:
                return msg
            if isinstance(kind, type) and isinstance(msg, kind):
                return msg


@pytest.fixture
def agent(central):
    a = AgentClient(central.url, sign_in(central.url))
    a.expect("queue")
    yield a
    a.close()


def test_status_says_open_and_how_long(central, agent) -> None:
    status = OnlineApi(sync_config(central.url)).video_status()
    s = status.value
    assert s.enabled and s.open and s.hours == "08:30-17:30"
    assert s.agents_online == 1 and s.waiting == 0 and s.estimated_wait_s == 0
    assert s.recording is False


def test_call_answer_relay_and_end(central, agent) -> None:
    t = Terminal(central.url)
    t.call()
    q = t.expect(Queued)
    assert q.position == 1 and q.estimated_wait_s == 0
    view = agent.expect("queue")
    while not view["calls"]:
        view = agent.expect("queue")
    assert view["calls"][0]["flow"] == "certfree"
    assert view["calls"][0]["terminal_name"] == "县政务服务中心 自助终端 01"
    agent.send(type="answer")
    taken = agent.expect("call")
    # the agent learns where the citizen was, never more: no field carries personal data
    assert set(taken["call"]) == {
        "call_id", "terminal_id", "terminal_name", "site", "location", "flow", "screen",
        "language", "elder", "camera", "waiting_s",
    }  # fmt: skip
    answered = t.expect(Answered)
    assert answered.agent_name == "值班坐席 01" and answered.ice_servers == []
    t.link.send(VideoSignal(data={"sdp": {"type": "offer", "sdp": "v=0"}}))
    assert agent.expect("signal")["data"] == {"sdp": {"type": "offer", "sdp": "v=0"}}
    agent.send(type="signal", data={"candidate": {"candidate": "x"}})
    assert t.expect(VideoSignal).data == {"candidate": {"candidate": "x"}}
    agent.send(type="doc_request", on=True)
    assert t.expect(DocRequest).on is True
    agent.send(type="end")
    ended = t.expect(CallEnded)
    assert ended.by == "agent"
    t.link.close()
    token = sign_in(central.url)
    r = httpx.get(
        f"{central.url}/api/v1/video/calls/{q.call_id}",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 200 and r.json()["ended_by"] == "agent"


def test_no_agent_signed_in(central) -> None:
    t = Terminal(central.url)
    t.call()
    u = t.expect(Unavailable)
    assert u.reason == "no_agent"
    t.link.close()


def test_closed_outside_hours(tmp_path: Path) -> None:
    with video_central(tmp_path, hours="13:00-17:00") as srv:
        a = AgentClient(srv.url, sign_in(srv.url))
        t = Terminal(srv.url)
        t.call()
        u = t.expect(Unavailable)
        assert (u.reason, u.hours) == ("closed", "13:00-17:00")
        t.link.close()
        a.close()


def test_second_terminal_queues_behind_the_first(central, agent) -> None:
    first, second = Terminal(central.url, "HALL-001"), Terminal(central.url, "HALL-002")
    first.call()
    assert first.expect(Queued).position == 1
    second.call("hotline")
    q2 = second.expect(Queued)
    assert q2.position == 2
    assert q2.estimated_wait_s > 0  # one agent, one call ahead
    agent.send(type="answer")
    assert agent.expect("call")["call"]["terminal_id"] == "HALL-001"
    first.expect(Answered)
    assert second.expect(Queued).position == 1  # moved up
    agent.send(type="end")
    first.expect(CallEnded)
    agent.send(type="answer")
    assert agent.expect("call")["call"]["terminal_id"] == "HALL-002"
    second.expect(Answered)
    for t in (first, second):
        t.link.close()


def test_agent_page_closed_mid_call_requeues_the_citizen_first(central, agent) -> None:
    t = Terminal(central.url)
    t.call()
    t.expect(Queued)
    other = Terminal(central.url, "HALL-002")
    other.call()
    other.expect(Queued)
    spare = AgentClient(central.url, sign_in(central.url))  # a second console stays open
    agent.send(type="answer")
    t.expect(Answered)
    agent.close()  # the page is closed
    q = t.expect(Queued)
    assert q.position == 1  # ahead of HALL-002, which was waiting already
    spare.send(type="answer")
    assert spare.expect("call")["call"]["terminal_id"] == "HALL-001"
    t.expect(Answered)
    for x in (t, other):
        x.link.close()
    spare.close()


def test_last_agent_signing_out_tells_the_waiting(central, agent) -> None:
    t = Terminal(central.url)
    t.call()
    t.expect(Queued)
    agent.close()
    assert t.expect(Unavailable).reason == "no_agent"
    t.link.close()


def test_dropped_socket_resumes_the_call(central, agent) -> None:
    with Relay(central.port) as relay:
        t = Terminal(relay.url, grace_s=10)
        t.call()
        q = t.expect(Queued)
        agent.send(type="answer")
        t.expect(Answered)
        relay.cut()  # the network drops the signalling socket mid-call
        assert t.expect("link") == ("link", False, False)
        assert agent.expect("peer_left")["grace_s"] == 3
        assert t.expect("link") == ("link", True, False)  # reconnected, same call
        t.expect(PeerBack)
        agent.expect("peer_back")
        t.link.send(VideoSignal(data={"after": "drop"}))
        assert agent.expect("signal")["data"] == {"after": "drop"}
        agent.send(type="end")
        assert t.expect(CallEnded).call_id == q.call_id
        t.link.close()


def test_socket_gone_for_good_ends_the_call_after_grace(central, agent) -> None:
    t = Terminal(central.url)
    t.call()
    t.expect(Queued)
    agent.send(type="answer")
    t.expect(Answered)
    t.link._stop.set()  # the terminal vanishes (power cut): it never reconnects
    t.link.drop()
    assert agent.expect("peer_left")
    ended = agent.expect("ended", timeout=10)
    assert (ended["by"], ended["reason"]) == ("service", "terminal_lost")
    t.link.close()


def test_bad_token_and_bad_messages_are_refused(central, agent) -> None:
    t = Terminal(central.url, "NOPE-1")
    t.call()
    assert t.expect("link") == ("link", False, True)
    t.link.close()
    from websockets.sync.client import connect

    with connect(
        central.url.replace("http", "ws") + "/api/v1/video/terminal",
        additional_headers={"Authorization": "Bearer demo-token-HALL-001"},
    ) as ws:
        ws.send("not json")
        with pytest.raises(Exception):  # noqa: B017 - closed with 4400
            ws.recv(timeout=5)
        assert ws.close_code == 4400
    bad = AgentClient(central.url, "x" * 20)
    with pytest.raises(AssertionError):
        bad.expect("queue", timeout=1)
    assert bad.ws.close_code == 4401
    bad.close()


def test_sign_in_is_rate_limited(central) -> None:
    url = f"{central.url}/api/v1/video/agent/session"
    codes = [
        httpx.post(url, json={"username": "agent01", "password": "wrong"}).status_code
        for _ in range(7)
    ]
    assert codes[:4] == [401] * 4 and codes[-1] == 429
