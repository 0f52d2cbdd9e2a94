"""A whole kiosk-24h terminal for end-to-end flow tests: the reference central service over
loopback, the printer simulator over TCP, a serial scan gun and a rating pad over pty pairs, the
real sync service and device adapters — and every thread stopped at the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.gui.harness import Terminals

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
def kiosk(terminals: Terminals, tmp_path: Path) -> Callable[..., Kiosk]:
    def make(language: str = "zh_CN", central_up: bool = True) -> Kiosk:
        r = terminals.start(
            "kiosk-24h",
            ("printer", "scanner", "rating_pad"),
            central=central_up,
            tuning=TUNING,
            language=language,
        )
        s = r.env.services
        return Kiosk(
            r.win, s.get("central"), s["printer_sim"], s["scanner_sim"], s["rating_pad_sim"],
            tmp_path,
        )  # fmt: skip

    return make


def wait_device(qtbot: Any, k: Kiosk, name: str) -> None:
    """Until the adapter is connected (enabled); devices open on their own threads."""
    dev = k.win.ctx.devices.get(name)
    qtbot.waitUntil(lambda: dev.state.value == "enabled", timeout=10000)


@pytest.fixture
def ready() -> Callable[..., None]:
    return wait_device
