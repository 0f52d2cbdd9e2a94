"""A whole desk terminal with an A4 printer on a real CUPS: the reference central service over
loopback, a private cupsd (devices/a4/simulator.py) with its cups-pdf queue — or its
ippeveprinter queue, whose tray a test can empty — the scan gun on a pty, the real sync service
and device adapters; every thread and process stopped at the end."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TUNING = {
    "sync": {"heartbeat_s": 3600, "pull_s": 3600, "backoff_base_s": 0.05, "backoff_cap_s": 0.5},
    "devices.a4_printer.params": {"status_interval_s": 0.3},
}


@dataclass
class A4Desk:
    win: Any
    central: Any
    cups: Any  # devices.a4.simulator.CupsSimulator
    scanner: Any
    tmp: Path

    @property
    def session(self) -> Any:
        return self.win.ctx.session

    @property
    def a4(self) -> Any:
        return self.win.ctx.devices.get("a4_printer")

    def printed_text(self) -> str:
        """What came out of the cups-pdf queue, as text (pdftotext reads the PDFs back)."""
        out = []
        for pdf in self.cups.printed_pdfs():
            r = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
            out.append(r.stdout)
        return "\n".join(out)


@pytest.fixture
def a4_desk(qtbot, tmp_path: Path) -> Iterator[Callable[..., A4Desk]]:
    from devices.a4.simulator import unavailable_reason
    from kiosk_app.core.config import load_config
    from kiosk_app.core.context import AppContext
    from kiosk_app.demo.environment import DemoEnvironment
    from kiosk_app.services import start_services, stop_services
    from kiosk_app.ui import capabilities, i18n
    from kiosk_app.ui.app import ensure_app
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.tasks import TaskManager

    reason = unavailable_reason()
    if reason:  # CI runs as root with scripts/bootstrap.sh's packages: this never skips there
        pytest.skip(reason)
    stops: list[Callable[[], None]] = []

    def make(language: str = "zh_CN", eve: bool = False) -> A4Desk:
        ensure_app()
        capabilities.load_flows()
        tuning: dict[str, dict[str, Any]] = {k: dict(v) for k, v in TUNING.items()}
        if eve:  # the IPP Everywhere printer: its tray can run out
            tuning["devices.a4_printer.params"]["queue"] = "kiosk-eve"
        env = DemoEnvironment(
            "five-ones-desk",
            workdir=tmp_path,
            devices=("scanner", "a4_printer"),
            tuning=tuning,
        )
        stops.append(env.stop)
        site = env.start()
        assert "a4_printer" not in env.skipped, env.skipped
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
        desk = A4Desk(
            win, env.services["central"], env.services["cups_sim"], env.services["scanner_sim"],
            tmp_path,
        )  # fmt: skip
        for name in ("scanner", "a4_printer"):
            dev = ctx.devices.get(name)
            qtbot.waitUntil(lambda dev=dev: dev.state.value == "enabled", timeout=15000)
        return desk

    yield make
    while stops:
        stops.pop()()
    from kiosk_app.ui import i18n as _i18n

    _i18n.set_language("zh_CN")
