"""Hardware in the loop: the same adapters on real devices. Run on a terminal with
`./test.sh --hil tests/hil` and the devices named in the environment:

    KIOSK_HIL_PRINTER   escpos-network "host:port", or "usb:VID:PID" / a /dev/usb/lp path
    KIOSK_HIL_SCANNER   /dev/serial/by-id/... of a serial scan gun (scan any QR within 20 s)
    KIOSK_HIL_RATING    /dev/serial/by-id/... of a rating pad (press any key within 20 s)

Each test is skipped without --hil (conftest) and without its variable.
"""

from __future__ import annotations

import os
import threading

import pytest

from devices.base import DataEvent
from devices.registry import adapter_class

pytestmark = pytest.mark.hil


def _need(var: str) -> str:
    value = os.environ.get(var, "")
    if not value:
        pytest.skip(f"{var} is not set")
    return value


def _printer_params(spec: str) -> tuple[str, dict[str, object]]:
    if spec.startswith("usb:"):
        _, vid, pid = spec.split(":")[:3]
        return "escpos-usb", {"vendor_id": vid, "product_id": pid}
    if spec.startswith("/dev/"):
        return "escpos-file", {"path": spec}
    host, _, port = spec.partition(":")
    return "escpos-network", {"host": host, "port": int(port or 9100)}


def test_real_printer_prints_the_test_page():
    adapter, params = _printer_params(_need("KIOSK_HIL_PRINTER"))
    dev = adapter_class(adapter)("printer", params)
    dev.start()
    try:
        result = dev.test_transaction(timeout=30)
        assert result.ok, result.message
    finally:
        dev.close()


@pytest.mark.parametrize(
    ("var", "adapter"),
    [("KIOSK_HIL_SCANNER", "serial_scanner"), ("KIOSK_HIL_RATING", "rating_pad")],
)
def test_real_serial_device_delivers_data(var, adapter):
    dev = adapter_class(adapter)(adapter, {"port": _need(var)})
    got = threading.Event()
    dev.subscribe(lambda ev: got.set() if isinstance(ev, DataEvent) else None)
    dev.start()
    try:
        assert got.wait(20), "no scan or rating arrived within 20 s"
    finally:
        dev.close()
