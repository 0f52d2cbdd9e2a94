"""A whole kiosk-24h terminal for 报装 and 就近办: the reference central service over loopback
(which the test may stop and start again on the same port and database), the printer simulator,
a scan gun and the ID card reader simulator, the real sync service — every thread stopped at the
end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.gui.harness import Terminals, doc_camera_on

TUNING = {
    "sync": {"heartbeat_s": 3600, "pull_s": 3600, "backoff_base_s": 0.05, "backoff_cap_s": 0.5},
    "devices.printer.params": {"status_interval_s": 0.2},
}


@dataclass
class Kiosk:
    win: Any
    env: Any
    central: Any
    printer: Any
    scanner: Any
    tmp: Path

    @property
    def session(self) -> Any:
        return self.win.ctx.session

    def receipt_text(self, i: int) -> str:
        return self.printer.receipts[i].raw.decode("gb18030", errors="replace")

    def receipt_qr(self, i: int) -> list[str]:
        import zxingcpp

        return [b.text for b in zxingcpp.read_barcodes(self.printer.receipts[i].image)]

    def central_down(self) -> None:
        self.central.stop()

    def central_up(self) -> Any:
        from central.server import EmbeddedCentral

        old = self.central
        self.central = EmbeddedCentral(
            old.settings.db_path, port=old.port, settings=old.settings
        ).start()
        self.env.services["central"] = self.central
        self.env._stops.append(self.central.stop)
        return self.central


@pytest.fixture
def kiosk(terminals: Terminals, tmp_path: Path) -> Callable[..., Kiosk]:
    def make(language: str = "zh_CN", profile: str = "kiosk-24h") -> Kiosk:
        r = terminals.start(
            profile,
            ("printer", "scanner", "idcard"),
            central=True,
            tuning=TUNING,
            language=language,
            before_window=pull,
        )
        s = r.env.services
        return Kiosk(r.win, r.env, s["central"], s["printer_sim"], s["scanner_sim"], tmp_path)

    return make


def pull(ctx: Any) -> None:
    """The forms, the addresses, the service points: what the relay pulls on its schedule."""
    got = ctx.sync.puller.pull_all()
    assert got["addresses"] in ("updated", "unchanged")
    assert got["utility_forms"] in ("updated", "unchanged")


def wait_device(qtbot: Any, k: Kiosk, name: str) -> None:
    dev = k.win.ctx.devices.get(name)
    qtbot.waitUntil(lambda: dev.state.value == "enabled", timeout=10000)


@pytest.fixture
def ready() -> Callable[..., None]:
    return wait_device


@pytest.fixture
def desk(terminals: Terminals, tmp_path: Path) -> Callable[..., Kiosk]:
    """A five-ones desk: the same, with the document camera on its simulator (``camera``)."""

    def make() -> Kiosk:
        sims: list[Any] = []

        def setup(ctx: Any) -> None:
            sims.append(doc_camera_on(ctx))
            assert ctx.sync.puller.pull_all()["utility_forms"] in ("updated", "unchanged")

        r = terminals.start(
            "five-ones-desk", ("printer", "scanner", "idcard"), tuning=TUNING, before_window=setup
        )
        s = r.env.services
        k = Kiosk(r.win, r.env, s["central"], s["printer_sim"], s["scanner_sim"], tmp_path)
        k.camera = sims[0]  # type: ignore[attr-defined]
        return k

    return make


def identify(qtbot: Any, k: Kiosk, screen: Any, holder: str) -> None:
    """Chose what to apply for: the shared identity page asks who applies (issue 15); the
    citizen lays their card, confirms it is them, and the applicant page shows."""
    panel = screen.current_page()
    assert panel.objectName() == "identity_panel"
    k.env.lay_card(holder)
    try:
        qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=15000)
    finally:
        k.env.lift_card()
    panel.continue_btn.click()
    assert screen.current_page() is screen.applicant_page
    assert screen.flow.applicant is not None


@pytest.fixture
def identified() -> Callable[..., None]:
    return identify
