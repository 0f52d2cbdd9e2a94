"""Start-up of the kiosk: config, logging, Qt application, fonts, language, the window."""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import time
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk_app.core.config import (
    ConfigError,
    LoadedConfig,
    device_problems,
    load_config,
    pin_problems,
)
from kiosk_app.core.context import AppContext
from kiosk_app.core.logs import setup_logging
from kiosk_app.core.paths import data_dir
from kiosk_app.ui import capabilities, i18n
from kiosk_app.ui.theme import CJK_FAMILIES
from kiosk_app.ui.watchdog import Watchdog

if TYPE_CHECKING:
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.screens.config_error import ConfigErrorWidget

log = logging.getLogger(__name__)


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        # a touch terminal has no keyboard: Qt Virtual Keyboard (with pinyin) pops up for text
        # fields; offscreen runs (tests, the headless demo) type directly
        if os.environ.get("QT_QPA_PLATFORM", "") not in ("offscreen", "minimal"):
            os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from kiosk_app.ui.keyboard import TouchStyle

    if not isinstance(app.style(), TouchStyle):
        app.setStyle(TouchStyle())
    app.setApplicationName("kiosk")
    app.setOrganizationName("county-zwfw")
    setup_fonts(app)
    return app


def setup_fonts(app: QApplication) -> str:
    """Use a CJK font for everything: Chinese text must never fall back to boxes."""
    families = set(QFontDatabase.families())
    for fam in CJK_FAMILIES:
        if fam in families:
            font = QFont(fam)
            font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
            app.setFont(font)
            return fam
    log.warning("no CJK font found; install fonts-noto-cjk", extra={"wanted": CJK_FAMILIES})
    return app.font().family()


def build_context(loaded: LoadedConfig, demo: bool) -> AppContext:
    ddir = data_dir()
    lc = loaded.config.logging
    setup_logging(Path(lc.dir) if lc.dir else ddir / "logs", lc.level, lc.max_bytes, lc.backups)
    return AppContext.create(loaded, ddir, demo=demo)


def build_window(ctx: AppContext, fullscreen: bool = True) -> KioskWindow:
    """The window on a ready context (tests and the headless demo use this too)."""
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.tasks import TaskManager

    capabilities.load_flows()
    i18n.set_language(ctx.config.ui.language)
    tasks = TaskManager()
    return KioskWindow(ctx, tasks, fullscreen=fullscreen)


def warm_up_in_background(win: KioskWindow) -> list[Future[Any]]:
    """What the first citizen would otherwise wait for, built on worker threads while the
    attract screen shows: the catalog's search index and the flow screens' modules."""
    from kiosk_app.services import warm_up

    ctx = win.ctx
    jobs = [win.tasks.run(lambda: warm_up(ctx)), win.tasks.run(capabilities.preload)]
    # the index and the pinyin dictionary are a few hundred thousand objects that live as long
    # as the process: frozen out of the collector's way, or a full collection walks them all
    # and the screen freezes for a moment in the middle of someone's session
    win.tasks.run(lambda: [j.result() for j in jobs], lambda _: gc.freeze())
    return jobs


def report_config_error(exc: ConfigError) -> ConfigErrorWidget:
    """Log every problem and build the screen that shows them; the kiosk does not start."""
    from kiosk_app.ui.screens.config_error import ConfigErrorWidget
    from kiosk_app.ui.theme import NORMAL, stylesheet

    setup_logging(data_dir() / "logs")
    for problem in exc.problems:
        log.error(
            "invalid config",
            extra={"file": problem.file, "key": problem.key, "reason": problem.reason},
        )
    print("invalid config:\n" + str(exc), file=sys.stderr)
    i18n.set_language("zh_CN")
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setStyleSheet(stylesheet(NORMAL))
    return ConfigErrorWidget([str(p) for p in exc.problems])


def _bench_report(what: str, at: float) -> None:
    """benchmarks/startup.py: print when `what` happened and the peak RSS so far, and quit."""
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{what} {at:.6f} peak-rss-kib {rss}", flush=True)
    QApplication.exit(0)


def _stop_on_sigterm(win: KioskWindow) -> None:
    """systemd stops the kiosk with SIGTERM: leave through the normal path (devices closed, the
    relay stopped) instead of dying mid-write. Python only runs signal handlers between
    bytecodes, so a timer gives the interpreter a moment now and then while Qt waits."""

    def stop(_sig: int, _frame: object) -> None:
        win.restart()  # exit status 0; systemd decides whether to start again

    signal.signal(signal.SIGTERM, stop)
    tick = QTimer(win, interval=500)
    tick.timeout.connect(lambda: None)
    tick.start()


def run_kiosk(config: Path | None, demo: bool, windowed: bool = False) -> int:
    # Start-up makes a few hundred thousand objects that live as long as the process; the
    # collector would walk them again and again before the first paint. It comes back on (and
    # start-up's objects are frozen out of its way) once the first screen is up.
    gc.disable()
    app = ensure_app()
    try:
        loaded = load_config(config, check_devices=False)  # devices: after the first paint
        if problems := pin_problems(loaded, demo=demo):  # the published PIN: demo only
            raise ConfigError(problems)
    except ConfigError as exc:
        gc.enable()
        widget = report_config_error(exc)
        widget.showFullScreen()
        app.exec()
        return 2
    env = None
    if demo:
        from kiosk_app.demo.environment import DemoEnvironment

        env = DemoEnvironment(loaded.config.profile or "kiosk-24h", base_site=config)
        loaded = load_config(env.start(), check_devices=False)
    ctx = build_context(loaded, demo)
    ctx.services.update(env.services if env else {})
    win = build_window(ctx, fullscreen=not windowed and loaded.config.ui.fullscreen)
    if windowed or not loaded.config.ui.fullscreen:
        win.resize(1280, 800)
        win.show()
    else:
        win.show_fullscreen()
    log.info("kiosk started", extra={"terminal": loaded.config.terminal.id, "demo": demo})

    bench = os.environ.get("KIOSK_BENCH_EXIT", "")  # benchmarks/startup.py
    if bench == "first-paint":  # a session at once: the home screen is what gets painted
        win.first_painted.connect(lambda: _bench_report("first-paint", win.first_paint_at))
        win.start_session()
        return app.exec()

    watchdog: list[Watchdog] = []

    def start() -> None:
        # after the first paint: a citizen sees the screen at once, devices come up behind it
        from kiosk_app.services import TrialReport, start_services

        # what start-up built lives as long as the process: keep it out of later collections
        gc.freeze()
        gc.enable()
        # systemd (Type=notify): the screen is up, and the watchdog is fed from this event loop
        watchdog.append(Watchdog.start(app))
        problems = device_problems(ctx.loaded)  # imports the adapters: not before the paint
        if problems:
            # refused like any other invalid config, only a moment later (the file was edited
            # by hand: `kiosk config check`, provisioning and config pushes refuse it first)
            win.hide()
            win.config_error = report_config_error(ConfigError(problems))  # kept alive
            win.config_error.showFullScreen()
            return
        start_services(ctx)
        win.attach_devices()
        win.video_help.start()  # 视频帮办: the centre can be asked now that sync runs
        trial = TrialReport.from_env()
        if trial is not None:  # the launcher is trying this version: tell it how it goes
            trial.home()
            win.tasks.run(lambda: trial.self_test(ctx))
        if bench == "home":  # benchmarks/update.py: the moment a trial reports its home screen
            _bench_report("home", time.time())
            return
        jobs = warm_up_in_background(win)
        if bench == "warm":
            win.tasks.run(
                lambda: [j.result() for j in jobs], lambda _: _bench_report("warm", time.time())
            )

    win.first_painted.connect(start)
    _stop_on_sigterm(win)
    try:
        return app.exec()
    finally:
        from kiosk_app.services import stop_services

        for dog in watchdog:
            dog.stop()
        win.dispose()
        stop_services(ctx)
        if env is not None:
            env.stop()
        log.info("kiosk stopped")
