"""The rating pad adapter against the pty simulator: ratings once each (though repeated until
ACKed), prompts reach the pad, garbage and split frames, silence, unplug/replug."""

from __future__ import annotations

import queue
import time

import pytest

from devices.base import DataEvent, DeviceState, StatusEvent
from devices.errors import DeviceTimeout
from devices.rating.adapter import ClearPad, RatingPad
from devices.rating.protocol import PromptInfo, Rating
from devices.rating.sim import RatingPadSimulator


@pytest.fixture
def sim():
    s = RatingPadSimulator(heartbeat_s=0.2, resend_s=0.1, seed=5)
    yield s
    s.close()


@pytest.fixture
def pad(sim):
    dev = RatingPad("rating_pad", {"port": sim.path, "silence_s": 0.8, "backoff_cap_s": 0.3})
    dev.data = queue.Queue()  # type: ignore[attr-defined]
    dev.status = queue.Queue()  # type: ignore[attr-defined]

    def cb(e):
        if isinstance(e, DataEvent):
            dev.data.put(e.payload)
        elif isinstance(e, StatusEvent):
            dev.status.put(e.status)

    dev.subscribe(cb)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED, timeout=3)
    yield dev
    dev.close()


def wait(cond, timeout=3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.01)
    return False


def test_rating_arrives_once_and_is_acked(sim, pad) -> None:
    seq = sim.rate(1, (2, 4))
    r = pad.data.get(timeout=3)
    assert r == Rating(1, (2, 4), seq) and r.label == "非常不满意"
    assert wait(lambda: seq in sim.acked)
    time.sleep(0.3)  # the pad may still resend before the ACK lands: never a second delivery
    assert pad.data.empty()


def test_unacked_resends_are_delivered_once(sim, pad) -> None:
    sim.rate(4, pieces=5)
    sim.rate(5)
    assert [pad.data.get(timeout=3).level for _ in range(2)] == [4, 5]


def test_prompt_and_clear_reach_the_pad(sim, pad) -> None:
    pad.submit(PromptInfo("C-20261125-0001", "居住证办理", "3号窗口", "S0001")).result(2)
    assert wait(lambda: sim.prompt == ["C-20261125-0001", "居住证办理", "3号窗口", "S0001"])
    pad.submit(ClearPad()).result(2)
    assert wait(lambda: sim.prompt is None)


def test_prompt_to_a_silent_pad_times_out_clearly(sim, pad) -> None:
    sim.silent = True
    with pytest.raises(DeviceTimeout, match="acknowledge"):
        pad.submit(PromptInfo("C-1", "x", "1", "S0001")).result(3)
    sim.silent = False
    pad.submit(PromptInfo("C-1", "x", "1", "S0001")).result(3)
    assert sim.prompt == ["C-1", "x", "1", "S0001"]


def test_garbage_between_ratings(sim, pad) -> None:
    sim.garbage(64)
    sim.rate(3)
    assert pad.data.get(timeout=3).level == 3
    assert pad.check_health().detail["ratings"] == 1


def test_silence_is_reported_and_recovery_too(sim, pad) -> None:
    sim.silent = True
    assert wait(lambda: "silent" in list(pad.status.queue), timeout=3)
    sim.silent = False
    assert wait(lambda: list(pad.status.queue)[-1:] == ["online"], timeout=3)


def test_test_transaction_pings(sim, pad) -> None:
    r = pad.test_transaction()
    assert r.ok and "sim-1.0" in r.message
    sim.silent = True
    time.sleep(0.3)  # a heartbeat written just before the silence may still be in the pty
    assert not pad.test_transaction().ok


def test_unplug_replug(sim, pad) -> None:
    sim.port.unplug()
    assert pad.wait_for(DeviceState.OFFLINE, timeout=3)
    sim.port.plug()
    assert pad.wait_for(DeviceState.ENABLED, timeout=2)
    sim.rate(5)
    assert pad.data.get(timeout=3).level == 5


REASONS = ((2, "服务态度不好"), (1, "等候时间过长"), (6, "违规收费"))


def test_a_pad_with_a_screen_shows_the_reasons_and_sends_the_picked_ones() -> None:
    sim = RatingPadSimulator(heartbeat_s=5.0, resend_s=0.1, seed=3, screen=True)
    dev = RatingPad("rating_pad", {"port": sim.path, "silence_s": 30})
    got: queue.Queue[Rating] = queue.Queue()
    dev.subscribe(lambda e: got.put(e.payload) if isinstance(e, DataEvent) else None)
    try:
        dev.start()
        assert dev.wait_for(DeviceState.ENABLED, timeout=3)
        dev.submit(PromptInfo("SL1", "居住证办理", "3号窗口", "S0001", REASONS)).result(3)
        assert dev.has_screen and sim.shown_reasons == list(REASONS)
        seq = sim.pick(1, (2, 6))
        assert got.get(timeout=3) == Rating(1, (2, 6), seq)
        with pytest.raises(ValueError):
            sim.pick(2, (9,))  # not on the pad's screen
        dev.submit(ClearPad()).result(2)
        assert wait(lambda: sim.shown_reasons == [])
    finally:
        dev.close()
        sim.close()


def test_a_pad_without_a_screen_is_never_sent_reasons(sim, pad) -> None:
    pad.submit(PromptInfo("SL2", "居住证办理", "3号窗口", "S0001", REASONS)).result(3)
    assert not pad.has_screen and sim.shown_reasons == []  # it would never ACK them
    seq = sim.rate(2)
    assert pad.data.get(timeout=3) == Rating(2, (), seq)  # the terminal asks on its screen
