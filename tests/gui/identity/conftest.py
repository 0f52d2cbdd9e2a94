"""A whole terminal with the ID-card reader for the identity step end to end: the reference
central service over loopback (with its demo people, their e-ID codes and the simulated SMS
gateway), the reader's simulator and a scan gun over pty pairs, the printer over TCP, the real
sync service and adapters — every thread stopped at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TUNING = {
    "sync": {"heartbeat_s": 3600, "pull_s": 3600, "backoff_base_s": 0.05, "backoff_cap_s": 0.5},
    "devices.printer.params": {"status_interval_s": 0.2},
    "ui": {"voice_engine": "mock"},  # Qt's mock speech engine: what is said, without a sound
}
WAIT = 20000


@dataclass
class Terminal:
    win: Any
    env: Any
    central: Any
    printer: Any
    scanner: Any
    reader: Any  # the IdCardSimulator

    @property
    def session(self) -> Any:
        return self.win.ctx.session

    def lay(self, holder: str) -> None:
        self.env.lay_card(holder)

    def lift(self) -> None:
        self.env.lift_card()

    def texts(self) -> str:
        """Every text any widget of the window shows or holds."""
        from PySide6.QtWidgets import (
            QAbstractButton,
            QLabel,
            QLineEdit,
            QPlainTextEdit,
            QTextEdit,
        )

        w = self.win
        out = [x.text() for x in w.findChildren(QLabel)]
        out += [x.text() for x in w.findChildren(QLineEdit)]
        out += [x.text() for x in w.findChildren(QAbstractButton)]
        out += [x.toPlainText() for x in w.findChildren(QPlainTextEdit)]
        out += [x.toPlainText() for x in w.findChildren(QTextEdit)]
        return "\n".join(out)


@pytest.fixture
def terminal(qtbot, tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
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
        profile: str = "kiosk-24h",
        language: str = "zh_CN",
        elder: bool = False,
        central_up: bool = True,
    ) -> Terminal:
        ensure_app()
        capabilities.load_flows()
        env = DemoEnvironment(
            profile,
            workdir=tmp_path,
            devices=("printer", "scanner", "idcard"),
            central=central_up,
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
        if elder:
            win.set_elder_mode(True)

        def close() -> None:
            win.dispose()
            win._allow_close = True
            win.close()

        stops.append(close)
        win.start_session()
        for name in ("idcard", "scanner"):
            dev = ctx.devices.get(name)
            qtbot.waitUntil(lambda dev=dev: dev.state.value == "enabled", timeout=10000)
        return Terminal(
            win,
            env,
            env.services.get("central"),
            env.services["printer_sim"],
            env.services["scanner_sim"],
            env.services["idcard_sim"],
        )

    yield make
    while stops:
        stops.pop()()
    from kiosk_app.ui import i18n as _i18n

    _i18n.set_language("zh_CN")
