"""ID card laid on the reader → a parsed and checked Citizen ready, over the pty simulator at
115200 baud (the simulator paces its answers at 10 bits a byte, as a UART does).

Baseline, computed in the same run: the wire time of the 1,295-byte `30 01` answer at the line's
rate — the floor under any read. The figure adds everything else: waiting for the next "find
card" (every 0.1 s), the find and select frames, parsing the text block and checking the card
(GB 11643, birth date, validity). Targets: ≤ 1.0 s, ≤ 3x the floor.

"On screen" (``idcard_read_placed_to_screen_*``): the same over the whole terminal — the reader
adapter started by the kiosk's services, its events through the Qt device bridge to the identity
step's page (kiosk_app/ui/identity) on the GUI thread, until the page shows the masked name and
number and has painted them — against the same floor.

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
from collections.abc import Callable
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


def on_screen(rounds: int) -> list[float]:
    """Card placed → the identity page showing the person, painted, in a kiosk window
    (offscreen) on the demo environment's reader simulator at 115200 baud, no RF delay."""
    import os
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-bench-idcard-"))
    from PySide6.QtWidgets import QApplication

    from kiosk_app.core.config import load_config
    from kiosk_app.core.context import AppContext
    from kiosk_app.core.flows.identity import Level
    from kiosk_app.demo.environment import DemoEnvironment, demo_sim_card
    from kiosk_app.services import start_services, stop_services
    from kiosk_app.ui import capabilities, i18n
    from kiosk_app.ui.app import ensure_app
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.tasks import TaskManager

    app = ensure_app()
    capabilities.load_flows()

    def pump(until: Callable[[], bool], timeout_s: float) -> None:
        end = time.perf_counter() + timeout_s
        while not until():
            QApplication.processEvents()
            if time.perf_counter() > end:
                raise TimeoutError("the identity page did not show the card in time")
            time.sleep(0.0002)

    with DemoEnvironment("kiosk-24h", devices=("idcard",), central=False) as env:
        site = env.start()
        env.services["idcard_sim"].slow(0.0)  # the wire only, as the floor is
        data = Path(env.workdir) / "data"
        data.mkdir()
        ctx = AppContext.create(load_config(site), data)
        start_services(ctx)
        i18n.set_language("zh_CN")
        win = KioskWindow(ctx, TaskManager(), fullscreen=False)
        try:
            win.resize(1280, 800)
            win.show_painted()
            win.start_session()
            reader = ctx.devices.get("idcard")
            pump(lambda: reader.state.value == "enabled", 10)
            screen = win.open_capability("certfree")
            panel = win.ask_identity(screen, Level.CARD_OR_EID, lambda c: None)
            card = demo_sim_card("lina")
            rng = random.Random(15)
            times = []
            for _ in range(rounds):
                wait = time.perf_counter() + rng.uniform(0, reader.settings.find_interval_s)
                pump(lambda w=wait: time.perf_counter() > w, 5)  # any moment
                t0 = time.perf_counter()
                env.services["idcard_sim"].place(card)
                pump(lambda: panel.stack.currentWidget() is panel.done_page, 5)
                panel.who.repaint()  # painted, not only set
                times.append(time.perf_counter() - t0)
                assert "李*" in panel.who.text()
                panel.not_me()
                env.services["idcard_sim"].lift()
                stop = time.perf_counter() + 0.25  # an empty field before the next card
                pump(lambda s=stop: time.perf_counter() > s, 5)
        finally:
            win.dispose()
            win._allow_close = True
            win.close()
            stop_services(ctx)
            app.processEvents()
    return times


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
    screen = on_screen(ROUNDS)
    emit("idcard_read_placed_to_screen_median", median(screen), "s", floor, rounds=ROUNDS)
    emit(
        "idcard_read_placed_to_screen_p90",
        statistics.quantiles(screen, n=10)[-1],
        "s",
        floor,
        max_s=round(max(screen), 3),
    )


if __name__ == "__main__":
    main()
