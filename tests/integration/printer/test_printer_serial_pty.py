"""The escpos-serial adapter through pyserial on a pty pair, against the same simulator core."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
import zxingcpp

from devices.errors import DeviceTimeout, PaperOut
from devices.events import DeviceState
from devices.printer.adapter import SerialPrinter
from devices.printer.simulator import PtyPrinterSimulator
from devices.printer.templates import hotline_slip


def test_serial_printer_prints_and_reports_status_over_a_pty() -> None:
    slip = hotline_slip(
        "12345-20261125-KX3Q-0007",
        "城市管理",
        datetime(2026, 11, 25, 23, 5),
        phone_masked="138****5678",
        lookup_url="https://central.example/w/12345-20261125-KX3Q-0007",
    )
    with PtyPrinterSimulator(profile="58mm") as sim:
        p = SerialPrinter(
            "printer",
            {
                "port": sim.device,
                "baudrate": 115200,
                "dsrdtr": False,
                "profile": "58mm",
                "status_interval_s": 0.05,
                "status_timeout_s": 0.3,
            },
        )
        p.start()
        try:
            assert p.wait_for(DeviceState.ENABLED)
            p.print_receipt(slip).result(5)
            assert sim.wait_for_receipts(1)
            codes = {r.text for r in zxingcpp.read_barcodes(np.asarray(sim.receipts[0].image))}
            assert codes == {"https://central.example/w/12345-20261125-KX3Q-0007"}

            sim.set_paper("out")
            with pytest.raises(PaperOut):
                p.print_receipt(slip).result(5)
            sim.set_paper("ok")
            sim.set_silent(True)
            with pytest.raises(DeviceTimeout):
                p.print_receipt(slip).result(5)
            assert len(p.held_jobs()) == 2
            sim.set_silent(False)
            for f in p.retry_held():
                f.result(5)
            assert sim.wait_for_receipts(3)
        finally:
            p.close()
