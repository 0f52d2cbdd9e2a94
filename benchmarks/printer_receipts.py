"""Receipt printing: job size, preview render time, and end-to-end print latency over TCP.

Prints one JSON object per figure and line (DESIGN.md). Baselines are measured in the same run:

- ``printer.ticket_bytes.native_qr``: bytes of a queue ticket with a native (GS ( k) QR against
  the same ticket with a raster (GS v 0) QR — what a printer without native QR must receive.
- ``printer.ticket_seconds_at_9600_baud``: the same two jobs' transfer time on a 9600 8N1
  serial printer (10 bits per byte), computed from the byte counts.
- ``printer.receipt_bytes.pos58_basic``: bytes of the sample submission receipt (a shop name
  with 𠮷 and 喆, the case barcode) on the low-end ``pos58-basic`` profile (GB2312 font, 1x/2x
  sizes, no GS k or GS ( k: raster lines, raster bars) against the same receipt on ``58mm``.
- ``printer.render_ms``: median time to turn a ticket's ESC/POS bytes into the preview image,
  against the median time to encode it (model → bytes).
- ``printer.print_latency_ms``: median time from ``print_receipt()`` to the simulator having
  the rendered receipt, through the adapter (status queries before, between chunks and after),
  against sending the same bytes on a plain socket (no status checks) to the same simulator.

Simulated: the printer is the TCP simulator on 127.0.0.1 (no paper, no print head speed).
"""

from __future__ import annotations

import socket
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit  # noqa: E402

from devices.events import DeviceState  # noqa: E402
from devices.printer.adapter import NetworkPrinter  # noqa: E402
from devices.printer.encoder import encode  # noqa: E402
from devices.printer.profiles import get_profile  # noqa: E402
from devices.printer.render import render  # noqa: E402
from devices.printer.samples import sample_receipts  # noqa: E402
from devices.printer.simulator import PrinterSimulator  # noqa: E402
from devices.printer.templates import queue_ticket  # noqa: E402

RUNS = 30


def _ticket():  # type: ignore[no-untyped-def]
    return queue_ticket(
        "A023",
        "不动产登记",
        "3号窗口",
        5,
        "https://zwfw.example.gov.cn/q/A023",
        datetime(2026, 11, 25, 23, 5),
        english=True,
    )


def _median_ms(fn, runs: int = RUNS) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    native = encode(_ticket(), get_profile("80mm"))
    raster = encode(_ticket(), get_profile("80mm-raster-qr"))
    emit("printer.ticket_bytes.native_qr", len(native), "bytes", len(raster))
    emit(
        "printer.ticket_seconds_at_9600_baud", len(native) * 10 / 9600, "s", len(raster) * 10 / 9600
    )

    sample = sample_receipts(get_profile("58mm"))["submission_receipt"]
    basic = encode(sample, get_profile("pos58-basic"))
    emit(
        "printer.receipt_bytes.pos58_basic",
        len(basic),
        "bytes",
        len(encode(sample, get_profile("58mm"))),
    )

    enc_ms = _median_ms(lambda: encode(_ticket(), get_profile("80mm")))
    render_ms = _median_ms(lambda: render(native, "80mm"))
    emit("printer.render_ms", render_ms, "ms", enc_ms)

    with PrinterSimulator(profile="80mm") as sim:
        # Baseline: the bytes on a bare socket, waiting for the rendered receipt.
        with socket.create_connection(("127.0.0.1", sim.port)) as s:
            bare = []
            for _ in range(RUNS):
                n = len(sim.receipts)
                t0 = time.perf_counter()
                s.sendall(native)
                sim.wait_for_receipts(n + 1, 10)
                bare.append((time.perf_counter() - t0) * 1000)
        printer = NetworkPrinter(
            "printer", {"host": "127.0.0.1", "port": sim.port, "profile": "80mm"}
        )
        printer.start()
        try:
            printer.wait_for(DeviceState.ENABLED)
            via = []
            for _ in range(RUNS):
                n = len(sim.receipts)
                t0 = time.perf_counter()
                printer.print_receipt(_ticket()).result(10)
                sim.wait_for_receipts(n + 1, 10)
                via.append((time.perf_counter() - t0) * 1000)
        finally:
            printer.close()
    emit("printer.print_latency_ms", statistics.median(via), "ms", statistics.median(bare))


if __name__ == "__main__":
    main()
