"""One demo terminal: environment, context and window, torn down cleanly on exit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk_app.core.config import load_config
from kiosk_app.demo.environment import DemoEnvironment
from kiosk_app.services import start_services, stop_services

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kiosk_app.core.context import AppContext
    from kiosk_app.ui.main_window import KioskWindow


class DemoRun:
    def __init__(self, profile: str = "kiosk-24h", site_config: Path | None = None) -> None:
        self.env = DemoEnvironment(profile, base_site=site_config)
        self.window: KioskWindow | None = None
        self.ctx: AppContext | None = None
        self.app: QApplication | None = None

    def __enter__(self) -> DemoRun:
        from kiosk_app.ui.app import (
            build_context,
            build_window,
            ensure_app,
            warm_up_in_background,
        )

        self.app = ensure_app()
        site = self.env.start()
        try:
            ctx = build_context(load_config(site), demo=True)
            ctx.services.update(self.env.services)
            start_services(ctx)
            self.ctx = ctx
            self.window = window = build_window(ctx, fullscreen=False)
            window.resize(1280, 800)
            window.show_painted()
            for job in warm_up_in_background(window):  # as the kiosk does after its paint
                job.result()
        except Exception:
            self._stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def _stop(self) -> None:
        if self.window is not None:
            self.window.dispose()
            self.window._allow_close = True
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.ctx is not None:
            stop_services(self.ctx)
            self.ctx = None
        self.env.stop()
