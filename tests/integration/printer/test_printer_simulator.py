"""The simulator on its own: a raw socket client, garbage, several receipts, clean stop."""

from __future__ import annotations

import socket

import numpy as np
import zxingcpp

from devices.printer.encoder import encode
from devices.printer.model import Cut, QrCode, Receipt, Text
from devices.printer.profiles import get_profile
from devices.printer.simulator import PrinterSimulator


def _job(n: int) -> bytes:
    r = Receipt().add(Text(f"第 {n} 张，测试"), QrCode(f"receipt-{n}"), Cut())
    return encode(r, get_profile("80mm"))


def test_raw_client_gets_receipts_split_at_cuts_and_pngs(tmp_path) -> None:
    with (
        PrinterSimulator(out_dir=tmp_path) as sim,
        socket.create_connection(("127.0.0.1", sim.port), timeout=2) as c,
    ):
        data = _job(1) + _job(2)
        for i in range(0, len(data), 7):  # split everywhere, even inside commands
            c.sendall(data[i : i + 7])
        assert sim.wait_for_receipts(2)
    for i, rec in enumerate(sim.receipts, 1):
        codes = {r.text for r in zxingcpp.read_barcodes(np.asarray(rec.image))}
        assert codes == {f"receipt-{i}"}
        assert rec.png is not None and rec.png.exists()
        assert rec.raw == _job(i)


def test_garbage_does_not_break_the_simulator() -> None:
    rng = np.random.default_rng(3)
    with PrinterSimulator() as sim:
        with socket.create_connection(("127.0.0.1", sim.port), timeout=2) as c:
            c.sendall(rng.integers(0, 256, 5000, dtype=np.uint8).tobytes())
        with socket.create_connection(("127.0.0.1", sim.port), timeout=2) as c:
            c.sendall(_job(1))
            n = len(sim.receipts)
            assert sim.wait_for_receipts(n + 1)
        codes = {r.text for r in zxingcpp.read_barcodes(np.asarray(sim.receipts[-1].image))}
        assert codes == {"receipt-1"}


def test_status_answers_and_paper_out_swallows_print_data() -> None:
    with (
        PrinterSimulator() as sim,
        socket.create_connection(("127.0.0.1", sim.port), timeout=2) as c,
    ):
        c.sendall(b"\x10\x04\x04")
        assert c.recv(1) == b"\x12"
        sim.set_paper("out")
        c.sendall(_job(1) + b"\x10\x04\x04")
        assert c.recv(1) == b"\x7e"  # paper end + near end, as an Epson answers
        assert sim.receipts == []
        sim.set_paper("low")
        c.sendall(b"\x10\x04\x01\x10\x04\x04")
        assert c.recv(1) + c.recv(1) == b"\x12\x1e"


def test_stop_with_a_client_connected_leaves_no_thread() -> None:
    sim = PrinterSimulator().start()
    c = socket.create_connection(("127.0.0.1", sim.port), timeout=2)
    c.sendall(b"\x10\x04\x01")
    assert c.recv(1) == b"\x12"
    sim.stop()
    assert c.recv(1) == b""  # the simulator closed its end
    c.close()
    sim.stop()  # twice is fine
