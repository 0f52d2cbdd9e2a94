"""A kiosk-24h terminal for the 12345 knowledge-base and visitor-complaint tests: the reference
central service over loopback, the printer simulator, the scan window's camera on a synthesised
scene (the visitor's photo), the real sync service — every thread stopped at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TUNING = {
    "sync": {"heartbeat_s": 3600, "pull_s": 3600, "backoff_base_s": 0.05, "backoff_cap_s": 0.5},
    "devices.printer.params": {"status_interval_s": 0.2},
}


@dataclass
class Kiosk:
    win: Any
    central: Any
    printer: Any
    env: Any

    def receipt_text(self, i: int) -> str:
        return self.printer.receipts[i].raw.decode("gb18030", errors="replace")


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

    def make(language: str = "zh_CN", elder: bool = False) -> Kiosk:
        ensure_app()
        capabilities.load_flows()
        env = DemoEnvironment(
            "kiosk-24h",
            workdir=tmp_path,
            devices=("printer", "camera_scanner"),
            central=True,
            tuning=TUNING,
        )
        stops.append(env.stop)
        site = env.start()
        data = tmp_path / "data"
        data.mkdir(exist_ok=True)
        ctx = AppContext.create(load_config(site), data)
        start_services(ctx)
        stops.append(lambda: stop_services(ctx))
        i18n.set_language(language)
        win = KioskWindow(ctx, TaskManager(), fullscreen=False)
        win.resize(1280, 800)
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.first_painted):
            win.show()

        def close() -> None:
            win.dispose()
            win._allow_close = True
            win.close()

        stops.append(close)
        if elder:
            win.set_elder_mode(True)
        win.start_session()
        return Kiosk(win, env.services["central"], env.services["printer_sim"], env)

    yield make
    while stops:
        stops.pop()()
    from kiosk_app.ui import i18n as _i18n

    _i18n.set_language("zh_CN")


@pytest.fixture
def ready() -> Callable[..., None]:
    def wait(qtbot: Any, k: Kiosk, name: str) -> None:
        dev = k.win.ctx.devices.get(name)
        qtbot.waitUntil(lambda: dev.state.value == "enabled", timeout=10000)

    return wait
