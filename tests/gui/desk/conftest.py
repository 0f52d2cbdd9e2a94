"""A whole five-ones desk for end-to-end tests: the reference central service over loopback, the
printer simulator over TCP, the scan gun and the rating pad over pty pairs, the document camera
adapter on its simulator, the real sync service — and every thread stopped at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TERMINAL = "DESK-COMM-01"  # seeded in the reference service with token demo-token-DESK-COMM-01
# PIN 1357 for S0001 (the demo environment's roster); S0002 signs in by badge only
PIN_HASH = "scrypt$16384$8$1$ZGVzay1kZW1vLVMwMDAxIQ==$b2fO83Kbx1bma655TrZSJZljLcUPFT3b7ngayKcJv1I="


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


def _site(tmp: Path, central_url: str, printer_port: int, scanner: str, pad: str) -> Path:
    site = tmp / "site.toml"
    site.write_text(
        f"""profile = "five-ones-desk"
[terminal]
id = "{TERMINAL}"
name = "测试 社区服务台"
site = "demo-county"
window = "1号窗口"
[sync]
central_url = "{central_url}"
token = "demo-token-{TERMINAL}"
heartbeat_s = 3600
pull_s = 3600
backoff_base_s = 0.05
backoff_cap_s = 0.5
[devices.printer]
adapter = "escpos-network"
[devices.printer.params]
host = "127.0.0.1"
port = {printer_port}
status_interval_s = 0.2
[devices.scanner]
adapter = "serial_scanner"
[devices.scanner.params]
port = "{scanner}"
[devices.rating_pad]
adapter = "rating_pad"
[devices.rating_pad.params]
port = "{pad}"
[desk.staff.S0001]
name = "王晓明"
pin_hash = "{PIN_HASH}"
[desk.staff.S0002]
name = "李静"
""",
        encoding="utf-8",
    )
    return site


@pytest.fixture
def desk(qtbot, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    from central.server import EmbeddedCentral
    from devices.imaging.adapter import DocumentCamera
    from devices.imaging.scenes import SceneSpec
    from devices.imaging.simulator import SimulatedDocCamera
    from devices.printer.simulator import PrinterSimulator
    from devices.rating.sim import RatingPadSimulator
    from devices.scan.sim_serial import ScannerSimulator
    from kiosk_app.core.config import load_config
    from kiosk_app.core.context import AppContext
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
        central = EmbeddedCentral(tmp_path / "central.sqlite3", demo=True).start()
        stops.append(central.stop)
        printer = PrinterSimulator(out_dir=tmp_path / "printed").start()
        stops.append(printer.stop)
        scanner = ScannerSimulator()
        stops.append(scanner.close)
        pad = RatingPadSimulator()
        stops.append(pad.close)
        port = printer.port if printer_up else 9  # discard port: no printer answers there
        site = _site(tmp_path, central.url, port, scanner.path, pad.path)
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
                "doc_camera", {"still_s": 0.3, "preview_fps": 4}, capture_factory=sim.reopen
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
