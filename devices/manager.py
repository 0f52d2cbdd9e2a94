"""Build, start and stop a terminal's devices from config by logical name.

The manager takes any mapping of logical name → spec with ``adapter``, ``enabled`` and
``params`` attributes (kiosk_app's DeviceConfig fits; devices/ must not import it). A
device that cannot be built (unknown adapter, bad params) is recorded in ``problems`` and left
out — the kiosk keeps working with what is left, and the technician panel shows why.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from devices.base import Device, DeviceState, Health
from devices.errors import DeviceError
from devices.registry import adapter_class

log = logging.getLogger(__name__)

LOGICAL_NAMES = ("scanner", "camera_scanner", "printer", "a4_printer", "doc_camera", "rating_pad")


class DeviceSpec(Protocol):
    @property
    def adapter(self) -> str: ...
    @property
    def enabled(self) -> bool: ...
    @property
    def params(self) -> Mapping[str, Any]: ...


class DeviceManager:
    def __init__(self, specs: Mapping[str, DeviceSpec]) -> None:
        self.devices: dict[str, Device] = {}
        self.problems: dict[str, str] = {}
        for name, spec in specs.items():
            if not spec.enabled:
                continue
            try:
                self.devices[name] = adapter_class(spec.adapter)(name, dict(spec.params))
            except DeviceError as exc:
                self._problem(name, str(exc))
            except Exception as exc:  # a vendor adapter's bug must not stop the kiosk
                self._problem(name, f"adapter {spec.adapter!r} failed: {type(exc).__name__}")

    def _problem(self, name: str, reason: str) -> None:
        self.problems[name] = reason
        log.warning("device not built", extra={"device": name, "reason": reason})

    def __iter__(self) -> Iterator[Device]:
        return iter(self.devices.values())

    def get(self, name: str) -> Device | None:
        return self.devices.get(name)

    def start_all(self) -> None:
        """open + claim + enable every device; none of it waits for hardware."""
        for dev in self.devices.values():
            try:
                dev.start()
            except DeviceError as exc:
                self.problems[dev.name] = str(exc)

    def close_all(self) -> None:
        for dev in self.devices.values():
            dev.close()

    def states(self) -> dict[str, DeviceState]:
        return {name: dev.state for name, dev in self.devices.items()}

    def health(self) -> dict[str, Health]:
        return {name: dev.check_health() for name, dev in self.devices.items()}
