"""A real CUPS for each test: a private cupsd with a cups-pdf queue and an ippeveprinter queue
(devices/a4/simulator.py), stopped with every process it started when the test ends."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from devices.a4.adapter import CupsPrinter, JobUpdate
from devices.a4.simulator import CupsSimulator, unavailable_reason
from devices.base import DeviceState, Event, StatusEvent


@pytest.fixture
def cups_sim() -> Iterator[CupsSimulator]:
    reason = unavailable_reason()
    if reason:  # CI runs as root with scripts/bootstrap.sh's packages: this never skips there
        pytest.skip(reason)
    sim = CupsSimulator().start()
    try:
        yield sim
    finally:
        sim.stop()


class Recorder:
    """Collects a device's events (from its I/O thread) and waits for one."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._cond = threading.Condition()

    def __call__(self, event: Event) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait(self, pred: Callable[[Event], bool], timeout: float = 30.0) -> Event:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for e in self.events:
                    if pred(e):
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such event within {timeout} s: {self.events[-8:]}")
                self._cond.wait(left)

    def job(
        self, job_id: int, pred: Callable[[JobUpdate], bool], timeout: float = 30.0
    ) -> JobUpdate:
        e = self.wait(
            lambda e: (
                isinstance(getattr(e, "payload", None), JobUpdate)
                and e.payload.job_id == job_id  # type: ignore[attr-defined]
                and pred(e.payload)
            ),  # type: ignore[attr-defined]
            timeout,
        )
        return e.payload  # type: ignore[attr-defined,no-any-return]

    def status(self, name: str, timeout: float = 30.0) -> StatusEvent:
        e = self.wait(lambda e: isinstance(e, StatusEvent) and e.status == name, timeout)
        assert isinstance(e, StatusEvent)
        return e


@pytest.fixture
def printer_on(cups_sim) -> Iterator[Callable[..., tuple[CupsPrinter, Recorder]]]:
    opened: list[CupsPrinter] = []

    def open_(queue: str, **params: Any) -> tuple[CupsPrinter, Recorder]:
        dev = CupsPrinter("a4_printer", {"server": cups_sim.server, "queue": queue, **params})
        rec = Recorder()
        dev.subscribe(rec)
        opened.append(dev)
        dev.start()
        assert dev.wait_for(DeviceState.ENABLED, DeviceState.ERROR, timeout=10)
        return dev, rec

    yield open_
    for dev in opened:
        dev.close()
