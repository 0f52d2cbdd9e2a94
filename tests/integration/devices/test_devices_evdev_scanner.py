"""The evdev scanner adapter with a fake input device behind a real pipe (no /dev/input here):
key codes to text with shift and keypad, Enter framing, grab, unplug (ENODEV) and return."""

from __future__ import annotations

import errno
import os
import queue
import threading
from dataclasses import dataclass

import pytest

from devices.base import DataEvent, DeviceState
from devices.errors import DeviceConfigError
from devices.scan.evdev_keys import KeyDecoder
from devices.scan.evdev_scanner import EvdevScanner

SHIFT, ENTER, KP_ENTER = 42, 28, 96
CODES = {
    ch: c
    for c, ch in {30: "a", 44: "z", 17: "w", 33: "f", 2: "1", 3: "2", 12: "-", 39: ";"}.items()
}


@dataclass
class Ev:
    type: int
    code: int
    value: int


def keys_for(text: str) -> list[Ev]:
    out: list[Ev] = []
    for ch in text:
        shifted = ch.isupper() or ch in ":_"
        base = {":": ";", "_": "-"}.get(ch, ch.lower())
        if shifted:
            out.append(Ev(1, SHIFT, 1))
        out += [Ev(1, CODES[base], 1), Ev(1, CODES[base], 0)]
        if shifted:
            out.append(Ev(1, SHIFT, 0))
    return [*out, Ev(1, ENTER, 1), Ev(1, ENTER, 0)]


class FakeInput:
    """Looks like evdev.InputDevice; a pipe makes select() real."""

    def __init__(self) -> None:
        self.r, self.w = os.pipe()
        self.events: queue.Queue[list[Ev]] = queue.Queue()
        self.grabbed = False
        self.gone = False
        self.lock = threading.Lock()
        self.closed = False

    def push(self, evs: list[Ev]) -> None:
        self.events.put(evs)
        os.write(self.w, b"x")

    def fileno(self) -> int:
        return self.r

    def read(self):
        os.read(self.r, 1)
        if self.gone:
            raise OSError(errno.ENODEV, "No such device")
        return self.events.get_nowait()

    def grab(self) -> None:
        self.grabbed = True

    def ungrab(self) -> None:
        self.grabbed = False

    def close(self) -> None:
        with self.lock:  # idempotent: never close an fd number someone else reused
            if self.closed:
                return
            self.closed = True
        os.close(self.r)
        os.close(self.w)


def test_key_decoder() -> None:
    k = KeyDecoder()
    out = [k.feed(e.code, e.value) for e in keys_for("ZWFW_A:12")]
    assert out[-2] == "ZWFW_A:12"
    k.feed(58, 1)  # caps lock
    assert [k.feed(c, v) for c, v in [(30, 1), (30, 0), (KP_ENTER, 1)]][-1] == "A"
    assert k.feed(ENTER, 1) is None  # empty line is not a code
    assert k.feed(59, 1) is None  # F1: ignored


@pytest.fixture
def rig():
    devices: list[FakeInput] = []
    present = threading.Event()
    present.set()

    def opener(path: str) -> FakeInput:
        if not present.is_set():
            raise FileNotFoundError(path)
        devices.append(FakeInput())
        return devices[-1]

    dev = EvdevScanner(
        "scanner", {"device": "/dev/input/by-id/usb-gun-event-kbd", "backoff_cap_s": 0.3}, opener
    )
    got: queue.Queue = queue.Queue()
    dev.subscribe(lambda e: got.put(e.payload) if isinstance(e, DataEvent) else None)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    yield dev, devices, present, got
    dev.close()
    for d in devices:
        d.close()


def test_scan_is_grabbed_and_decoded(rig) -> None:
    _, devices, _, got = rig
    assert devices[0].grabbed
    devices[0].push(keys_for("ZWFW-A1"))
    assert got.get(timeout=3).text == "ZWFW-A1"


def test_unplug_and_return(rig) -> None:
    dev, devices, present, got = rig
    present.clear()
    devices[0].gone = True
    devices[0].push([])
    assert dev.wait_for(DeviceState.OFFLINE, timeout=3)
    present.set()
    assert dev.wait_for(DeviceState.ENABLED, timeout=2)
    devices[-1].push(keys_for("fw12"))
    assert got.get(timeout=3).text == "fw12"


def test_unstable_device_name_is_refused() -> None:
    with pytest.raises(DeviceConfigError, match="by-id"):
        EvdevScanner("scanner", {"device": "/dev/input/event3"})
