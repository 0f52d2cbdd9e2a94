"""A kiosk window on a site config of the test's choosing, with a clock the test moves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk_app.core.config import load_config
from kiosk_app.core.context import AppContext
from tests.gui.harness import Terminals


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_window(qtbot, tmp_path: Path, clock: FakeClock) -> Callable[..., object]:
    from kiosk_app.ui import i18n
    from kiosk_app.ui.app import ensure_app, setup_fonts
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.tasks import TaskManager

    made: list[KioskWindow] = []

    def factory(site_toml: str = "", profile: str = "kiosk-24h") -> KioskWindow:
        app = ensure_app()
        setup_fonts(app)
        site = tmp_path / f"site{len(made)}.toml"
        site.write_text(
            f'profile = "{profile}"\n[terminal]\nid = "T-TEST"\nname = "测试终端"\n' + site_toml,
            encoding="utf-8",
        )
        data = tmp_path / f"data{len(made)}"
        data.mkdir()
        ctx = AppContext.create(load_config(site), data)
        i18n.set_language(ctx.config.ui.language)
        win = KioskWindow(ctx, TaskManager(), fullscreen=False, clock=clock)
        win.resize(1280, 800)
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.first_painted):  # input filters go in at the first paint
            win.show()
        made.append(win)
        return win

    yield factory
    for w in made:
        w.dispose()
        w._allow_close = True
        w.close()
    from kiosk_app.ui import i18n as _i18n

    _i18n.set_language("zh_CN")


@pytest.fixture
def terminals(qtbot, tmp_path: Path) -> Iterator[Terminals]:
    """Start demo terminals (tests/gui/harness.py); all stopped after the test."""
    started = Terminals(qtbot, tmp_path)
    yield started
    started.stop_all()
    from kiosk_app.ui import i18n

    i18n.set_language("zh_CN")


@pytest.fixture(autouse=True)
def _no_widget_outlives_its_test():
    """Every widget a test made is gone before the next test starts.

    A test's window is closed by qtbot, but screens it opened and never ended (and anything a
    fixture still referenced) lived on as hidden top-level widgets — hundreds of them, from
    kiosks whose services were already stopped — and the next test's ``setStyleSheet`` (the
    theme, elder mode) repolished them all; now and then that crashed the process. A real kiosk
    has one window for its life; the tests have many, so they clean up after themselves."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    for w in QApplication.topLevelWidgets():
        w.hide()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
