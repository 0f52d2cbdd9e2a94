"""DeviceManager builds devices from config specs through the kiosk.devices entry points,
records what it cannot build instead of failing, and starts/stops everything."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from devices.base import DeviceState
from devices.errors import DeviceConfigError
from devices.manager import DeviceManager
from devices.registry import adapter_class, available_adapters
from devices.scan.serial_scanner import SerialScanner
from devices.scan.sim_serial import ScannerSimulator


def spec(adapter: str, enabled: bool = True, **params):
    return SimpleNamespace(adapter=adapter, enabled=enabled, params=params)


def test_entry_points_find_the_adapters() -> None:
    assert {"serial_scanner", "camera_scanner", "rating_pad", "evdev_scanner"} <= set(
        available_adapters()
    )
    assert adapter_class("serial_scanner") is SerialScanner
    with pytest.raises(DeviceConfigError, match="known"):
        adapter_class("acme_thing")


def test_manager_builds_starts_and_reports() -> None:
    sim = ScannerSimulator()
    mgr = DeviceManager(
        {
            "scanner": spec("serial_scanner", port=sim.path),
            "printer": spec("acme_printer"),
            "rating_pad": spec("rating_pad", enabled=False),
            "camera_scanner": spec("camera_scanner", source="scene:", budget_ms="fast"),
            "doc_camera": spec("serial_scanner", port="/dev/ttyUSB0"),
        }
    )
    try:
        assert set(mgr.devices) == {"scanner"}
        assert set(mgr.problems) == {"printer", "camera_scanner", "doc_camera"}
        assert "acme_printer" in mgr.problems["printer"]
        assert "by-id" in mgr.problems["doc_camera"]
        mgr.start_all()
        dev = mgr.get("scanner")
        assert dev is not None and dev.wait_for(DeviceState.ENABLED)
        assert mgr.states() == {"scanner": DeviceState.ENABLED}
        assert mgr.health()["scanner"].ok
    finally:
        mgr.close_all()
        sim.close()
    assert mgr.states() == {"scanner": DeviceState.CLOSED}
