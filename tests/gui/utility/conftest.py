"""A whole kiosk-24h terminal for 报装 and 就近办: the reference central service over loopback
(which the test may stop and start again on the same port and database), the printer simulator,
a scan gun and the ID card reader simulator, the real sync service — every thread stopped at the
end."""

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

    def make(language: str = "zh_CN", profile: str = "kiosk-24h") -> Kiosk:
        ensure_app()
        capabilities.load_flows()
        env = DemoEnvironment(
            profile,
            workdir=tmp_path,
            devices=("printer", "scanner", "idcard"),
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
        # what the relay pulls on its schedule: the forms, the addresses, the service points
        assert ctx.sync.puller.pull_all()["addresses"] in ("updated", "unchanged")
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
        win.start_session()
        services = env.services
        return Kiosk(
            win, env, services["central"], services["printer_sim"], services["scanner_sim"],
            tmp_path,
        )  # fmt: skip

    yield make
    while stops:
        stops.pop()()
    from kiosk_app.ui import i18n as _i18n

    _i18n.set_language("zh_CN")


def wait_device(qtbot: Any, k: Kiosk, name: str) -> None:
    dev = k.win.ctx.devices.get(name)
    qtbot.waitUntil(lambda: dev.state.value == "enabled", timeout=10000)


@pytest.fixture
def ready() -> Callable[..., None]:
    return wait_device


@pytest.fixture
def desk(qtbot, tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """A five-ones desk: the same, with the document camera on its simulator (``camera``)."""
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

    def make() -> Kiosk:
        ensure_app()
        capabilities.load_flows()
        env = DemoEnvironment(
            "five-ones-desk",
            workdir=tmp_path,
            devices=("printer", "scanner", "idcard"),
            tuning=TUNING,
        )
        stops.append(env.stop)
        site = env.start()
        data = tmp_path / "data"
        data.mkdir(exist_ok=True)
        ctx = AppContext.create(load_config(site), data)
        start_services(ctx)
        stops.append(lambda: stop_services(ctx))
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
        assert ctx.sync.puller.pull_all()["utility_forms"] in ("updated", "unchanged")
        i18n.set_language("zh_CN")
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
        win.start_session()
        services = env.services
        k = Kiosk(win, env, services["central"], services["printer_sim"], services["scanner_sim"],
                  tmp_path)  # fmt: skip
        k.camera = sim  # type: ignore[attr-defined]
        return k

    yield make
    while stops:
        stops.pop()()


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
