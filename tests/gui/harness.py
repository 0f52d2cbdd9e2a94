"""Demo terminals for the GUI tests: the simulators and the reference central of
``DemoEnvironment``, the real services, the real window (1280×800, painted once) — started by a
test through the ``terminals`` fixture (tests/gui/conftest.py), every one stopped after it: the
window closed, the services and their threads stopped, the simulators ended."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Running:
    win: Any  # kiosk_app.ui.main_window.KioskWindow
    env: Any  # kiosk_app.demo.environment.DemoEnvironment
    ctx: Any  # kiosk_app.core.context.AppContext


class Terminals:
    def __init__(self, qtbot: Any, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self._stops: list[Callable[[], None]] = []

    def start(
        self,
        profile: str,
        devices: tuple[str, ...],
        *,
        language: str = "zh_CN",
        elder: bool = False,
        before_window: Callable[[Any], None] | None = None,
        enabled: tuple[str, ...] = (),
        **environment: Any,
    ) -> Running:
        """One terminal of ``profile`` with the simulators of ``devices``; ``environment`` goes
        to DemoEnvironment (central, tuning, printer_port). ``before_window(ctx)`` runs once the
        services run and before the window exists (a device of the test's own, a first pull);
        the devices named in ``enabled`` are waited for before the terminal is handed over."""
        from kiosk_app.core.config import load_config
        from kiosk_app.core.context import AppContext
        from kiosk_app.demo.environment import DemoEnvironment
        from kiosk_app.services import start_services, stop_services
        from kiosk_app.ui import capabilities, i18n
        from kiosk_app.ui.app import ensure_app
        from kiosk_app.ui.main_window import KioskWindow
        from kiosk_app.ui.tasks import TaskManager

        ensure_app()
        capabilities.load_flows()
        env = DemoEnvironment(profile, workdir=self.tmp_path, devices=devices, **environment)
        self._stops.append(env.stop)
        site = env.start()
        data = self.tmp_path / "data"
        data.mkdir(exist_ok=True)
        ctx = AppContext.create(load_config(site), data)
        start_services(ctx)
        self._stops.append(lambda: stop_services(ctx))
        if before_window is not None:
            before_window(ctx)
        i18n.set_language(language)
        win = KioskWindow(ctx, TaskManager(), fullscreen=False)
        win.resize(1280, 800)
        self.qtbot.addWidget(win)
        with self.qtbot.waitSignal(win.first_painted):  # input filters go in at the first paint
            win.show()

        def close() -> None:
            win.dispose()
            win._allow_close = True
            win.close()

        self._stops.append(close)
        if elder:
            win.set_elder_mode(True)
        win.start_session()
        for name in enabled:
            dev = ctx.devices.get(name)
            self.qtbot.waitUntil(lambda dev=dev: dev.state.value == "enabled", timeout=15000)
        return Running(win, env, ctx)

    def stop_all(self) -> None:
        while self._stops:
            self._stops.pop()()


def doc_camera_on(ctx: Any) -> Any:
    """The desk's document camera on its simulator (an empty light mat at first; the test moves
    scenes in front of it), started and registered so stop_services closes it with the others.
    Returns the simulator."""
    from devices.imaging.adapter import DocumentCamera
    from devices.imaging.scenes import SceneSpec
    from devices.imaging.simulator import SimulatedDocCamera

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
    ctx.devices.devices["doc_camera"] = cam
    return sim
