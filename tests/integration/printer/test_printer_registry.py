"""The printer adapters are found by name through the kiosk.devices entry-point group."""

from __future__ import annotations

import pytest

from devices.printer.adapter import FilePrinter, NetworkPrinter, SerialPrinter, UsbPrinter
from devices.registry import adapter_class, available_adapters


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("escpos-network", NetworkPrinter),
        ("escpos-serial", SerialPrinter),
        ("escpos-usb", UsbPrinter),
        ("escpos-file", FilePrinter),
    ],
)
def test_adapter_is_registered(name: str, cls: type) -> None:
    assert name in available_adapters()
    assert adapter_class(name) is cls
    assert cls.adapter_name == name
