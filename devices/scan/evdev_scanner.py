"""Keyboard-wedge scan gun read directly from Linux evdev and grabbed exclusively.

With the grab, the gun's keystrokes never reach X/Wayland at all, so no focused field can
receive them and no timing guess is needed — the most reliable option on Linux kiosks. Needs
python-evdev (``pip install kiosk-terminal[evdev]``) and read access to the event device
(the udev rules in packaging/ give it to the kiosk user).

Params: ``device`` (``/dev/input/by-id/usb-<gun>-event-kbd``), ``grab`` (true). Emits
DataEvent(Symbol) per Enter-terminated code.
"""

from __future__ import annotations

import contextlib
import select
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar, Protocol

from devices.base import Device, TestResult
from devices.errors import DeviceBusy, DeviceConfigError, DeviceOffline
from devices.scan.evdev_keys import KeyDecoder
from devices.scan.symbol import Symbol
from devices.settings import Settings

EV_KEY = 1


class InputEvent(Protocol):
    type: int
    code: int
    value: int


class InputDevice(Protocol):
    """The part of ``evdev.InputDevice`` this adapter uses."""

    def fileno(self) -> int: ...
    def read(self) -> Iterable[InputEvent]: ...
    def grab(self) -> None: ...
    def ungrab(self) -> None: ...
    def close(self) -> None: ...


def _open_evdev(path: str) -> InputDevice:
    try:
        import evdev
    except ImportError as exc:
        raise DeviceConfigError(
            "the evdev scanner needs python-evdev: pip install 'kiosk-terminal[evdev]'"
        ) from exc
    dev: InputDevice = evdev.InputDevice(path)
    return dev


class EvdevScannerSettings(Settings, frozen=True, kw_only=True):
    device: str  # /dev/input/by-id/usb-<gun>-event-kbd (a stable name)
    grab: bool = True  # keys go to the scanner adapter only, never into a focused text field


class EvdevScanner(Device):
    adapter_name = "evdev_scanner"
    settings_type: ClassVar[type[Settings]] = EvdevScannerSettings
    settings: EvdevScannerSettings
    poll_interval_s = 0.0

    def __init__(
        self,
        name: str,
        params: dict[str, Any] | None = None,
        opener: Callable[[str], InputDevice] | None = None,
    ) -> None:
        super().__init__(name, params)
        self.path = self.settings.device
        if not self.path.startswith("/dev/input/by-id/") and opener is None:
            raise DeviceConfigError(
                f"{name}: device must be a stable /dev/input/by-id/... name, not {self.path!r}"
            )
        self.grab = self.settings.grab
        self._opener = opener or _open_evdev
        self._dev: InputDevice | None = None
        self._keys = KeyDecoder()
        self.scans = 0

    def _connect(self) -> None:
        if self._opener is _open_evdev and not Path(self.path).exists():
            raise DeviceOffline("scanner input device not present")
        try:
            dev = self._opener(self.path)
        except FileNotFoundError as exc:
            raise DeviceOffline("scanner input device not present") from exc
        if self.grab:
            try:
                dev.grab()
            except OSError as exc:
                dev.close()
                raise DeviceBusy("another program holds the scanner's input device") from exc
        self._dev = dev
        self._keys.reset()

    def _disconnect(self) -> None:
        dev, self._dev = self._dev, None
        if dev is not None:
            with contextlib.suppress(Exception):
                if self.grab:
                    dev.ungrab()
            with contextlib.suppress(Exception):
                dev.close()

    def _poll(self) -> None:
        dev = self._dev
        if dev is None:
            raise DeviceOffline("not connected")
        ready, _, _ = select.select([dev.fileno()], [], [], 0.05)
        if not ready:
            return
        for ev in dev.read():  # OSError (ENODEV) when unplugged: the base goes offline
            if ev.type != EV_KEY:
                continue
            text = self._keys.feed(ev.code, ev.value)
            if text:
                self.scans += 1
                self._emit_data(Symbol(text, text.encode("utf-8"), ""))

    def _test(self) -> TestResult:
        return TestResult(
            self.name,
            True,
            f"input device open{' and grabbed' if self.grab else ''}; scan a code to see it",
            detail={"scans": self.scans},
        )
