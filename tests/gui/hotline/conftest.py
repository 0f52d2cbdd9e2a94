"""A kiosk-24h terminal for the 12345 knowledge-base and visitor-complaint tests: the reference
central service over loopback, the printer simulator, the scan window's camera on a synthesised
scene (the visitor's photo), the real sync service — every thread stopped at the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.gui.harness import Terminals

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
def kiosk(terminals: Terminals) -> Callable[..., Kiosk]:
    def make(language: str = "zh_CN", elder: bool = False) -> Kiosk:
        r = terminals.start(
            "kiosk-24h",
            ("printer", "camera_scanner"),
            central=True,
            tuning=TUNING,
            language=language,
            elder=elder,
        )
        return Kiosk(r.win, r.env.services["central"], r.env.services["printer_sim"], r.env)

    return make


@pytest.fixture
def ready() -> Callable[..., None]:
    def wait(qtbot: Any, k: Kiosk, name: str) -> None:
        dev = k.win.ctx.devices.get(name)
        qtbot.waitUntil(lambda: dev.state.value == "enabled", timeout=10000)

    return wait
