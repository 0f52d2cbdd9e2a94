"""A whole kiosk-24h terminal for end-to-end flow tests: the reference central service over
loopback, the printer simulator over TCP, a serial scan gun and a rating pad over pty pairs, the
real sync service and device adapters — and every thread stopped at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TERMINAL = "DEMO-24H-01"  # seeded in the reference service with token demo-token-DEMO-24H-01
# a test waits for what it needs: no background pulls, fast retries and printer polls
TUNING = {
    "sync": {"heartbeat_s": 3600, "pull_s": 3600, "backoff_base_s": 0.05, "backoff_cap_s": 0.5},
    "devices.printer.params": {"status_interval_s": 0.2},
}


@dataclass
class Kiosk:
    win: Any
    central: Any
    printer: Any
    scanner: Any
    pad: Any
    tmp: Path

    @property
    def session(self) -> Any:
        return self.win.ctx.session

    def receipt_text(self, i: int) -> str:
        return self.printer.receipts[i].raw.decode("gb18030", errors="replace")

    def receipt_qr(self, i: int) -> list[str]:
        import zxingcpp

        return [b.text for b in zxingcpp.read_barcodes(self.printer.receipts[i].image)]


@pytest.fixture
def kiosk(qtbot, tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    from kiosk_app.core.config import load_config
    from kiosk_app.core.context import AppContext
    from kiosk_app.demo.environment import DemoEnvironment
    from kiosk_app.services import start_services, stop_services
    from kiosk_app.ui import capabilities, i18n
    from kiosk_app.ui.app import ensure_app
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.tasks import TaskManager

    stops: list[Callable[[], None]] = []

    def make(language: str = "zh_CN", central_up: bool = True) -> Kiosk:
        ensure_app()
        capabilities.load_flows()
        env = DemoEnvironment(
            "kiosk-24h",
            workdir=tmp_path,
            devices=("printer", "scanner", "rating_pad"),
            central=central_up,
            tuning=TUNING,
        )
        stops.append(env.stop)
        site = env.start()
        central, printer = env.services.get("central"), env.services["printer_sim"]
        scanner, pad = env.services["scanner_sim"], env.services["rating_pad_sim"]
        data = tmp_path / "data"
        data.mkdir(exist_ok=True)
        ctx = AppContext.create(load_config(site), data)
        start_services(ctx)
        stops.append(lambda: stop_services(ctx))
        i18n.set_language(language)
        win = KioskWindow(ctx, TaskManager(), fullscreen=False)
        win.resize(1280, 800)
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.first_painted):  # input filters go in at the first paint
            win.show()

        def close() -> None:
            win.dispose()
            win._allow_close = True
            win.close()

        stops.append(close)
        win.start_session()
        return Kiosk(win, central, printer, scanner, pad, tmp_path)

    yield make
    while stops:
        stops.pop()()
    from kiosk_app.ui import i18n as _i18n

    _i18n.set_language("zh_CN")


def wait_device(qtbot: Any, k: Kiosk, name: str) -> None:
    """Until the adapter is connected (enabled); devices open on their own threads."""
    dev = k.win.ctx.devices.get(name)
    qtbot.waitUntil(lambda: dev.state.value == "enabled", timeout=10000)


@pytest.fixture
def ready() -> Callable[..., None]:
    return wait_device
