"""A whole five-ones desk for end-to-end tests: the reference central service over loopback, the
printer simulator over TCP, the scan gun and the rating pad over pty pairs, the document camera
adapter on its simulator, the real sync service — and every thread stopped at the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.gui.harness import Terminals, doc_camera_on

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
def desk(terminals: Terminals, tmp_path: Path) -> Callable[..., Desk]:
    def make(
        language: str = "zh_CN", camera: bool = True, printer_up: bool = True, elder: bool = False
    ) -> Desk:
        sims: list[Any] = []
        r = terminals.start(
            "five-ones-desk",
            ("printer", "scanner", "rating_pad"),  # the camera: a scene the test moves
            printer_port=None if printer_up else 9,  # discard port: no printer answers there
            tuning=TUNING,
            language=language,
            elder=elder,
            before_window=(lambda ctx: sims.append(doc_camera_on(ctx))) if camera else None,
        )
        s = r.env.services
        return Desk(
            r.win, s["central"], s.get("printer_sim"), s["scanner_sim"], s["rating_pad_sim"],
            sims[0] if sims else None, tmp_path,
        )  # fmt: skip

    return make
