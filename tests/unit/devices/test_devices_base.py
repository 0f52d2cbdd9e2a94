"""The lifecycle, event threading, reconnect and job model of devices.base, on an in-memory
adapter whose "channel" a test can pull out and put back."""

from __future__ import annotations

import contextlib
import queue
import threading
import time

import pytest

from devices.base import DataEvent, Device, DeviceState, StateEvent, StatusEvent, TestResult
from devices.errors import DeviceConfigError, DeviceOffline, DeviceStateError, PaperOut
from devices.settings import Settings


class FakeSettings(Settings, frozen=True, kw_only=True):
    bad: bool = False  # the hardware will refuse this setting when connected


class FakeDevice(Device):
    poll_interval_s = 0.0
    settings_type = FakeSettings

    def __init__(self, name: str = "fake", params=None) -> None:
        super().__init__(name, {"backoff_cap_s": 0.2, **(params or {})})
        self.present = threading.Event()
        self.present.set()
        self.inbox: queue.Queue[object] = queue.Queue()
        self.connects = 0
        self.applied: list[DeviceState] = []

    def _connect(self) -> None:
        if self.settings.bad:
            raise DeviceConfigError("bad param")
        if not self.present.is_set():
            raise DeviceOffline("not plugged in")
        self.connects += 1

    def _poll(self) -> None:
        if not self.present.is_set():
            raise OSError("EIO")
        with contextlib.suppress(queue.Empty):
            self._emit_data(self.inbox.get(timeout=0.02))

    def _apply_state(self, state: DeviceState) -> None:
        self.applied.append(state)

    def _execute(self, job: object) -> object:
        if job == "paperless":
            raise PaperOut("no paper")
        return f"done:{job}"

    def _test(self) -> TestResult:
        return TestResult(self.name, True, "pong")


@pytest.fixture
def dev():
    d = FakeDevice()
    yield d
    d.close()


def collect(d: Device) -> tuple[list, list]:
    events: list = []
    threads: list = []

    def cb(ev):
        events.append(ev)
        threads.append(threading.current_thread())

    d.subscribe(cb)
    return events, threads


def test_lifecycle_and_data_on_io_thread(dev: FakeDevice) -> None:
    events, threads = collect(dev)
    assert dev.state is DeviceState.CLOSED
    dev.open()
    assert dev.wait_for(DeviceState.OPEN)
    dev.inbox.put("ignored: not enabled yet")
    deadline = time.monotonic() + 3
    while not dev.inbox.empty() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)  # let the poll that took it finish emitting (or dropping) it
    dev.claim()
    dev.enable()
    assert dev.wait_for(DeviceState.ENABLED)
    dev.inbox.put("hello")
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and not any(
        isinstance(e, DataEvent) and e.payload == "hello" for e in events
    ):
        time.sleep(0.01)
    data = [e.payload for e in events if isinstance(e, DataEvent)]
    assert data == ["hello"]
    assert all(t is not threading.main_thread() for t in threads)
    assert DeviceState.ENABLED in dev.applied
    dev.close()
    assert dev.state is DeviceState.CLOSED
    assert any(isinstance(e, StateEvent) and e.state is DeviceState.CLOSED for e in events)


def test_wrong_order_is_a_state_error(dev: FakeDevice) -> None:
    with pytest.raises(DeviceStateError):
        dev.claim()
    dev.open()
    with pytest.raises(DeviceStateError):
        dev.enable()
    with pytest.raises(DeviceStateError):
        dev.open()


def test_unplug_replug_reconnects_within_two_seconds(dev: FakeDevice) -> None:
    events, _ = collect(dev)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    dev.present.clear()
    assert dev.wait_for(DeviceState.OFFLINE)
    time.sleep(0.5)  # stays offline while the device is away, retrying with backoff
    assert dev.state is DeviceState.OFFLINE
    t0 = time.monotonic()
    dev.present.set()
    assert dev.wait_for(DeviceState.ENABLED, timeout=2.0)
    assert time.monotonic() - t0 < 2.0
    statuses = [e.status for e in events if isinstance(e, StatusEvent)]
    assert statuses[-2:] == ["offline", "online"]
    assert dev.applied.count(DeviceState.ENABLED) >= 2  # re-applied after reconnect


def test_absent_at_open_goes_offline_then_online(dev: FakeDevice) -> None:
    dev.present.clear()
    dev.start()
    assert dev.wait_for(DeviceState.OFFLINE)
    dev.present.set()
    assert dev.wait_for(DeviceState.ENABLED, timeout=2.0)


def test_config_error_is_error_state_without_retry() -> None:
    d = FakeDevice(params={"bad": True})
    events, _ = collect(d)
    try:
        d.open()
        assert d.wait_for(DeviceState.ERROR)
        assert "bad param" in d.check_health().last_error
        assert not d.check_health().ok
        errs = [e for e in events if type(e).__name__ == "ErrorEvent"]
        assert errs and errs[0].can_retry is False
    finally:
        d.close()


def test_submit_jobs_and_typed_errors(dev: FakeDevice) -> None:
    assert isinstance(dev.submit("x").exception(), DeviceStateError)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    assert dev.submit("a").result(2) == "done:a"
    with pytest.raises(PaperOut):
        dev.submit("paperless").result(2)
    dev.present.clear()
    assert dev.wait_for(DeviceState.OFFLINE)
    with pytest.raises(DeviceOffline):
        dev.submit("b").result(2)


def test_test_transaction_and_health(dev: FakeDevice) -> None:
    assert dev.test_transaction().ok is False  # closed
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    r = dev.test_transaction()
    assert r.ok and r.message == "pong"
    h = dev.check_health()
    assert h.ok and h.state is DeviceState.ENABLED and h.status == "online"


def test_listener_exception_does_not_kill_the_thread(dev: FakeDevice) -> None:
    got: list = []

    def bad(ev):
        raise RuntimeError("boom")

    dev.subscribe(bad)
    dev.subscribe(got.append)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    dev.inbox.put("x")
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and not any(isinstance(e, DataEvent) for e in got):
        time.sleep(0.01)
    assert any(isinstance(e, DataEvent) for e in got)


def test_close_from_a_listener_does_not_deadlock(dev: FakeDevice) -> None:
    done = threading.Event()

    def cb(ev):
        if isinstance(ev, DataEvent):
            dev.close()
            done.set()

    dev.subscribe(cb)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    dev.inbox.put("x")
    assert done.wait(3)
    dev.open()  # reopening right away waits for the old I/O thread, then runs a fresh one
    assert dev.wait_for(DeviceState.OPEN)
    assert dev.connects == 2


def test_reopen_after_close_and_calls_after_close_fail_fast(dev: FakeDevice) -> None:
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    dev.close()
    with pytest.raises(DeviceStateError):
        dev.submit("x").result(1)
    dev.open()
    assert dev.wait_for(DeviceState.OPEN)
    assert dev.connects == 2


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"backof_cap_s": 1}, "fake.backof_cap_s: unknown key"),
        ({"backoff_cap_s": "fast"}, "fake.backoff_cap_s: Expected float, got str"),
        ({"backoff_cap_s": 0}, "fake.backoff_cap_s: Expected float > 0.0"),
    ],
)
def test_bad_settings_are_refused_by_name_when_built(params, named) -> None:
    with pytest.raises(DeviceConfigError) as err:
        FakeDevice(params=params)
    assert str(err.value) == named
