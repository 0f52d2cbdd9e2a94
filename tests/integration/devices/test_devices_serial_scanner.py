"""The serial scan-gun adapter over a real pty pair (pyserial on the slave side): UTF-8 and
GB18030 codes, split frames, line noise, unplug/replug through a stable by-id link."""

from __future__ import annotations

import queue
import time

import pytest

from devices.base import DataEvent, DeviceState
from devices.errors import DeviceConfigError
from devices.scan.serial_scanner import SerialScanner
from devices.scan.sim_serial import ScannerSimulator
from devices.scan.symbol import Symbol


@pytest.fixture
def sim():
    s = ScannerSimulator(seed=3)
    yield s
    s.close()


@pytest.fixture
def scanner(sim):
    dev = SerialScanner("scanner", {"port": sim.path, "backoff_cap_s": 0.3})
    got: queue.Queue[Symbol] = queue.Queue()
    dev.subscribe(lambda e: got.put(e.payload) if isinstance(e, DataEvent) else None)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED, timeout=3)
    dev.got = got  # type: ignore[attr-defined]
    yield dev
    dev.close()


def next_scan(dev, timeout: float = 3.0) -> Symbol:
    return dev.got.get(timeout=timeout)


def test_utf8_and_gb18030_codes_arrive_decoded(sim, scanner) -> None:
    sim.scan("ZWFW-YY:A7K2M9Q4XZ")
    assert next_scan(scanner).text == "ZWFW-YY:A7K2M9Q4XZ"
    sim.scan("城关镇东门社区，办事指南", encoding="utf-8")
    assert next_scan(scanner).text == "城关镇东门社区，办事指南"
    sim.scan("城关镇东门社区，办事指南", encoding="gb18030")
    s = next_scan(scanner)
    assert s.text == "城关镇东门社区，办事指南"
    assert s.raw == "城关镇东门社区，办事指南".encode("gb18030")


def test_split_frames_are_joined(sim, scanner) -> None:
    sim.scan("12345-20261125-KX3Q-0007", pieces=7)
    assert next_scan(scanner).text == "12345-20261125-KX3Q-0007"


def test_garbage_is_dropped_and_next_scan_is_clean(sim, scanner) -> None:
    sim.noise(20)
    sim.send(b"\x00\x00\r\r\n\r")
    sim.scan("ZWFW-GH:S0001")
    assert next_scan(scanner).text == "ZWFW-GH:S0001"
    assert scanner.got.empty()
    assert scanner.check_health().detail["noise_frames"] >= 1


def test_unplug_replug_comes_back_within_two_seconds(sim, scanner) -> None:
    sim.port.unplug()
    assert scanner.wait_for(DeviceState.OFFLINE, timeout=3)
    t0 = time.monotonic()
    sim.port.plug()
    assert scanner.wait_for(DeviceState.ENABLED, timeout=2.0)
    assert time.monotonic() - t0 < 2.0
    sim.scan("after replug")
    assert next_scan(scanner).text == "after replug"


def test_missing_device_at_start_is_offline_not_an_error(tmp_path) -> None:
    dev = SerialScanner("scanner", {"port": str(tmp_path / "usb-nothing-if00")})
    try:
        dev.start()
        assert dev.wait_for(DeviceState.OFFLINE, timeout=2)
    finally:
        dev.close()


@pytest.mark.parametrize(
    "params",
    [{"port": "/dev/ttyUSB0"}, {"port": "COM3"}, {}, {"port": "x", "charset": "latin9"}],
)
def test_unstable_or_bad_params_are_refused_clearly(params) -> None:
    with pytest.raises(DeviceConfigError) as exc:
        SerialScanner("scanner", params)
    assert str(exc.value)
