"""ID card laid on the reader → a parsed and checked Citizen ready, over the pty simulator at
115200 baud (the simulator paces its answers at 10 bits a byte, as a UART does).

Baseline, computed in the same run: the wire time of the 1,295-byte `30 01` answer at the line's
rate — the floor under any read. The figure adds everything else: waiting for the next "find
card" (every 0.1 s), the find and select frames, parsing the text block and checking the card
(GB 11643, birth date, validity). Targets: ≤ 1.0 s, ≤ 3x the floor. "On screen" (the Qt bridge
and the identity screen) is added by the screens' part.

Not modelled: a real reader's radio and SAM time for `30 01` (vendors quote 0.3-1 s); the
simulator answers as soon as the bytes can go. A measured figure on hardware belongs to the
hardware-in-the-loop test.

Also printed: the simulator's own transfer of the answer, measured on a bare port, against the
same computed floor (shows the pacing is honest).
"""

from __future__ import annotations

import queue
import random
import statistics
import time
from datetime import date

import serial
from _common import emit, median

from devices.base import DataEvent, DeviceState
from devices.idcard.adapter import READ_ANSWER_BYTES, IdCardReader, wire_time
from devices.idcard.frames import FIND_CARD, READ_TEXT_PHOTO, SELECT_CARD, encode_request
from devices.idcard.model import CardRead
from devices.idcard.sim import IdCardSimulator, sample_cards
from kiosk_app.core.citizen import Citizen, from_card

BAUD = 115200
ROUNDS = 30


def measured_wire(sim: IdCardSimulator) -> float:
    """The answer's transfer as a bare port sees it: request written → last byte read."""
    sim.place(sample_cards()["resident"])
    with serial.serial_for_url(sim.path, baudrate=BAUD, timeout=2) as port:
        for cmd in (FIND_CARD, SELECT_CARD):
            port.write(encode_request(cmd))
            port.read(11)
        port.write(encode_request(READ_TEXT_PHOTO))
        first = port.read(1)
        t0 = time.perf_counter()
        rest = port.read(READ_ANSWER_BYTES - 1)
        took = time.perf_counter() - t0
    sim.lift()
    assert len(first + rest) == READ_ANSWER_BYTES
    return took * READ_ANSWER_BYTES / (READ_ANSWER_BYTES - 1)


def main() -> None:
    floor = wire_time(READ_ANSWER_BYTES, BAUD)
    sim = IdCardSimulator()
    try:
        wire = measured_wire(sim)
        reader = IdCardReader("idcard", {"port": sim.path, "baudrate": BAUD})
        ready: queue.Queue[tuple[float, Citizen]] = queue.Queue()
        today = date.today()

        def on_event(event: object) -> None:
            if isinstance(event, DataEvent) and isinstance(event.payload, CardRead):
                got = from_card(event.payload, today)  # as the identity step does
                if isinstance(got, Citizen):
                    ready.put((time.perf_counter(), got))

        reader.subscribe(on_event)
        reader.start()
        try:
            assert reader.wait_for(DeviceState.ENABLED, timeout=5)
            rng = random.Random(15)
            card = sample_cards()["resident"]
            times = []
            for _ in range(ROUNDS):
                time.sleep(rng.uniform(0, reader.settings.find_interval_s))  # any moment
                t0 = time.perf_counter()
                sim.place(card)
                t1, citizen = ready.get(timeout=5)
                assert citizen.id_number == card.text.id_number
                times.append(t1 - t0)
                sim.lift()
                time.sleep(0.25)  # the reader sees an empty field before the next card
        finally:
            reader.close()
    finally:
        sim.close()
    emit("idcard_read_placed_to_citizen_median", median(times), "s", floor, rounds=ROUNDS)
    emit(
        "idcard_read_placed_to_citizen_p90",
        statistics.quantiles(times, n=10)[-1],
        "s",
        floor,
        max_s=round(max(times), 3),
    )
    emit("idcard_read_simulated_wire_1295_bytes", wire, "s", floor, baud=BAUD)


if __name__ == "__main__":
    main()
