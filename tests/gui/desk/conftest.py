"""A whole five-ones desk for end-to-end tests: the reference central service over loopback, the
printer simulator over TCP, the scan gun and the rating pad over pty pairs, the document camera
adapter on its simulator, the real sync service — and every thread stopped at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TERMINAL = "DEMO-DESK-01"  # seeded in the reference service with token demo-token-DEMO-DESK-01
# the demo roster: PIN 1357 for S0001; here S0002 signs in by badge only
TUNING = {
    "sync": {"heartbeat_s": 3600, "pull_s": 3600, "backoff_base_s": 0.05, "backoff_cap_s": 0.5},
    "devices.printer.params": {"status_interval_s": 0.2},
    "desk.staff.S0002": {"pin_hash": ""},
}


@dataclass
class Desk:
    win: Any
    central: Any
    printer: Any
    scanner: Any
    pad: Any
    camera: Any  # the SimulatedDocCamera behind the adapter (None: no camera at this desk)
    tmp: Path

    @property
    def session(self) -> Any:
        return self.win.ctx.session

    def receipt_codes(self, i: int) -> list[str]:
        import zxingcpp

        return [b.text for b in zxingcpp.read_barcodes(self.printer.receipts[i].image)]

    def receipt_text(self, i: int) -> str:
        return self.printer.receipts[i].raw.decode("gb18030", errors="replace")


@pytest.fixture
def desk(qtbot, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    from devices.imaging.adapter import DocumentCamera
    from devices.imaging.scenes import SceneSpec
    from devices.imaging.simulator import SimulatedDocCamera
    from kiosk_app.core.config import load_config
    from kiosk_app.core.context import AppContext
    from kiosk_app.demo.environment import DemoEnvironment
    from kiosk_app.services import start_services, stop_services
    from kiosk_app.ui import capabilities, i18n
    from kiosk_app.ui.app import ensure_app
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.tasks import TaskManager

    stops: list[Callable[[], None]] = []

    def make(
        language: str = "zh_CN", camera: bool = True, printer_up: bool = True, elder: bool = False
    ) -> Desk:
        ensure_app()
        capabilities.load_flows()
        env = DemoEnvironment(
            "five-ones-desk",
            workdir=tmp_path,
            devices=("printer", "scanner", "rating_pad"),  # the camera: below, a scene we move
            printer_port=None if printer_up else 9,  # discard port: no printer answers there
            tuning=TUNING,
        )
        stops.append(env.stop)
        site = env.start()
        central, printer = env.services["central"], env.services.get("printer_sim")
        scanner, pad = env.services["scanner_sim"], env.services["rating_pad_sim"]
        data = tmp_path / "data"
        data.mkdir(exist_ok=True)
        ctx = AppContext.create(load_config(site), data)
        start_services(ctx)
        stops.append(lambda: stop_services(ctx))
        sim = None
        if camera:
            sim = SimulatedDocCamera(
                [SceneSpec(seed=1, subject="none", background="light")],
                modes=[("MJPG", 1280, 960, 15.0)],
            )
            cam = DocumentCamera(
                "doc_camera",
                {"source": "sim:scenes", "still_s": 0.3, "preview_fps": 4},
                capture_factory=sim.reopen,
            )
            cam.start()
            ctx.devices.devices["doc_camera"] = cam  # closed with the others by stop_services
        i18n.set_language(language)
        win = KioskWindow(ctx, TaskManager(), fullscreen=False)
        win.resize(1280, 800)
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.first_painted):  # input filters go in at the first paint
            win.show()
        if elder:
            win.set_elder_mode(True)

        def close() -> None:
            win.dispose()
            win._allow_close = True
            win.close()

        stops.append(close)
        win.start_session()
        return Desk(win, central, printer, scanner, pad, sim, tmp_path)

    yield make
    while stops:
        stops.pop()()
    from kiosk_app.ui import i18n as _i18n

    _i18n.set_language("zh_CN")
