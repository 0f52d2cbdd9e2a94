"""The kiosk's one window: frameless, fullscreen, locked down; a stack of screens; idle handling;
the hidden technician gesture; and the session reset that wipes what a citizen left behind."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QInputEvent,
    QKeyEvent,
    QPointerEvent,
    QResizeEvent,
    QSinglePointEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

from devices.scan.wedge import WedgeClassifier
from kiosk_app.core.config import idle_limits
from kiosk_app.core.context import AppContext
from kiosk_app.core.gesture import CornerGesture
from kiosk_app.core.visit import HomeQuestion, Leave, Visit
from kiosk_app.ui import capabilities, i18n
from kiosk_app.ui.devices.wedge_filter import WedgeFilter
from kiosk_app.ui.idle import CountdownOverlay, IdleController
from kiosk_app.ui.lockdown import Lockdown, is_blocked_key
from kiosk_app.ui.screens import guide, tech_tabs  # noqa: F401  (register tabs and the guide)
from kiosk_app.ui.screens.attract import AttractScreen
from kiosk_app.ui.screens.base import Screen, Shell
from kiosk_app.ui.screens.home import HomeScreen
from kiosk_app.ui.screens.pin_pad import PinPadScreen
from kiosk_app.ui.screens.technician import TechnicianScreen
from kiosk_app.ui.tasks import TaskManager
from kiosk_app.ui.theme import ELDER, NORMAL, stylesheet
from kiosk_app.ui.voice import Voice

if TYPE_CHECKING:
    from kiosk_app.core.citizen import Citizen
    from kiosk_app.core.flows.identity import Level
    from kiosk_app.ui.devices.bridge import DeviceBridge

log = logging.getLogger(__name__)
FIRST_PAINT_LATEST_MS = 3000

TECHNICIAN_EXIT_STATUS = 75

_PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
_RELEASE = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}


class KioskWindow(QMainWindow):
    screen_changed = Signal(str)
    session_reset = Signal(str)
    technician_gesture = Signal()
    elder_mode_changed = Signal(bool)
    first_painted = Signal()  # once: start what can wait until a person sees the screen

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskManager,
        fullscreen: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = tasks
        self._clock = clock
        self._allow_close = False
        self.config_error: QWidget | None = None  # shown instead when device settings are wrong
        self.elder_mode = ctx.config.ui.elder_mode
        self.setWindowTitle(ctx.config.terminal.name)
        self.setObjectName("KioskRoot")
        if fullscreen:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

        self.stack = QStackedWidget()
        # the screen shown gets what there is, whatever the hidden ones would like: with the
        # on-screen keyboard docked there is half a screen, and the window must not grow past
        # the display to make room for a screen nobody sees
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setCentralWidget(self.stack)
        self._painted = False
        self.first_paint_at = 0.0
        self.stack.installEventFilter(self)
        # a screen that is off at boot may never expose the window: start the rest anyway
        QTimer.singleShot(FIRST_PAINT_LATEST_MS, self, self._first_paint_done)
        self.attract = AttractScreen(self)
        self.home = HomeScreen(self)
        self.pin = PinPadScreen(self)
        self.technician = TechnicianScreen(self)
        for s in (self.attract, self.home, self.pin, self.technician):
            self.stack.addWidget(s)
        self.flow_screens: dict[str, Screen] = {}
        from kiosk_app.ui.video.availability import VideoHelp

        # 视频帮办's help button on every flow screen (FlowScreen): asks the centre from the
        # first paint on, where the site enables video help
        self.video_help = VideoHelp(self, self)
        self.visit = Visit(ctx.session)
        self.pin.accepted.connect(lambda: self.show_screen(self.technician))

        tech = ctx.config.technician
        self.overlay = CountdownOverlay(self)
        from kiosk_app.ui.visit import EndVisitOverlay

        self.end_visit = EndVisitOverlay(self)
        from kiosk_app.ui.ask import AskOnce

        self.ask = AskOnce(self)
        from kiosk_app.ui.keyboard import Keyboard

        self.keyboard = Keyboard(self)
        self.idle = IdleController(
            self.overlay, lambda: idle_limits(self.ctx.config, self.elder_mode), clock, self
        )
        self.idle.expired.connect(lambda: self.end_session("idle"))
        ui = ctx.config.ui
        self.voice = Voice(ui.voice, ui.voice_engine, self)
        self.idle.countdown_started.connect(lambda: self.speak(self.overlay.question.text()))
        self.gesture = CornerGesture(tech.gesture_taps, tech.gesture_window_s)
        self._hold = QTimer(self, singleShot=True, interval=int(tech.gesture_hold_s * 1000))
        self._hold.timeout.connect(self._gesture_held)
        self._last_press_key: tuple[int, float, float] | None = None
        self.technician_gesture.connect(self.open_pin_pad)
        self.first_painted.connect(self.home.draw_qr)
        self.first_painted.connect(self.video_help.start)

        self.bridges: dict[str, DeviceBridge] = {}
        self.attach_devices()
        self.lockdown = Lockdown(self)
        self.wedge: WedgeFilter | None = None
        w = ctx.config.wedge
        if w.enabled:
            classifier = WedgeClassifier(w.max_gap_ms / 1000, w.min_length, w.prefix, w.suffix)
            self.wedge = WedgeFilter(classifier, self)
        self.first_painted.connect(self._watch_input)

        session = ctx.session
        session.register_wiper("clipboard", self._wipe_clipboard)
        session.register_wiper("input_widgets", self._wipe_inputs)
        session.register_wiper("flow_screens", self._drop_flow_screens)
        session.register_wiper("ui_preferences", self._restore_preferences)
        session.register_wiper("keyboard", self.keyboard.reset)

        self.apply_theme()
        self.show_screen(self.attract)

    def _first_paint_done(self) -> None:
        if not self._painted:
            self._painted = True
            self.first_paint_at = time.time()  # wall clock, for benchmarks/startup.py
            self.stack.removeEventFilter(self)
            self.first_painted.emit()

    def _watch_input(self) -> None:
        """The lockdown, idle, gesture and wedge filters see every event of the application.
        They go in at the first paint: before it nobody can see or touch the screen, and the
        thousand-odd events of building and showing the screens would each cross four Python
        filters (a third of the start-up)."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        if self.wedge is not None:
            self.wedge.install(app)
        for f in (self.lockdown, self.idle, self):
            app.installEventFilter(f)

    def show_fullscreen(self) -> None:
        """Fill the screen with or without a window manager: under cage or a desktop the
        fullscreen state does it; on a bare X server nobody honours that state and the window
        would open at its own size in a corner (700×665 under Xvfb), so the geometry is set
        to the screen's as well."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            # never larger than the screen either: a page that wants more room (the on-screen
            # keyboard takes half of it) scrolls, it does not push the window past the edge
            self.setMaximumSize(screen.size())
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def show_painted(self, timeout_ms: int = 10_000) -> None:
        """Show and return once the first paint is done (input filters in, guide QR drawn):
        for the headless demo and the benchmarks, which drive the window at once."""
        if self._painted:
            self.show()
            return
        loop = QEventLoop()
        self.first_painted.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        self.show()
        loop.exec()
        self.first_painted.disconnect(loop.quit)

    def attach_devices(self) -> None:
        """Device events as Qt signals on this thread; flows connect to win.bridges[name].

        Called again once the services start (they start after the first paint)."""
        for bridge in self.bridges.values():
            bridge.detach()
        self.bridges = {}
        if self.ctx.devices is not None:
            from kiosk_app.ui.devices.bridge import bridge_all

            self.bridges = bridge_all(self.ctx.devices, self)
        self.home.rebuild_tiles()  # a tile may depend on a device (document capture)

    # screens ------------------------------------------------------------------------------
    def current_screen(self) -> Screen:
        w = self.stack.currentWidget()
        assert isinstance(w, Screen)
        return w

    def show_screen(self, screen: Screen) -> None:
        old = self.stack.currentWidget()
        if isinstance(old, Screen) and old is not screen:
            old.on_leave()
        self.stack.setCurrentWidget(screen)
        if isinstance(old, Screen) and old is not screen:
            self._flow_left(old)
        self.end_visit.hide()
        self.ask.hide()
        screen.on_enter()
        self.speak(screen.spoken_title())
        self.screen_changed.emit(screen.name)

    def _flow_left(self, old: Screen) -> None:
        """Leaving a flow's screen ends the flow (kiosk_app.core.visit): its session scope is
        wiped and the screen dropped, so nothing it showed can be reached again."""
        cap_id = next((c for c, s in self.flow_screens.items() if s is old), None)
        if cap_id is None:
            return
        if self.visit.current == cap_id:
            self.visit.leave(cap_id, Leave.HOME)
        else:
            self.ctx.session.end_scope(cap_id)
        self._drop_flow_screen(cap_id)

    def _drop_flow_screen(self, cap_id: str) -> None:
        """Out of the window at once (not when the deferred delete comes round): nothing the
        screen showed is reachable from the window after this, even for a moment."""
        screen = self.flow_screens.pop(cap_id, None)
        if screen is not None:
            self.stack.removeWidget(screen)
            screen.hide()
            for edit in screen.findChildren(QLineEdit):
                edit.clear()
            for text in screen.findChildren(QTextEdit):
                text.clear()
            for plain in screen.findChildren(QPlainTextEdit):
                plain.clear()
            # PySide6's stub has no setParent(None) overload; Qt takes a null parent
            screen.setParent(None)  # type: ignore[call-overload]
            screen.deleteLater()

    def go_home(self) -> None:
        """Home from a flow: asks "结束本次办理？" first when the flow held personal data."""
        question = self.visit.going_home(self.idle.seconds_left() if self.idle.armed else 0)
        if question is not None:
            self.ask_end_visit(question)
        else:
            self.show_screen(self.home)

    def ask_end_visit(self, question: HomeQuestion) -> None:
        self.end_visit.ask(question, self.idle.seconds_left if self.idle.armed else lambda: 0)

    def speak(self, text: str) -> None:
        self.voice.say(text, i18n.current_language(), self.elder_mode)

    def start_session(self) -> None:
        self.idle.arm()
        self.show_screen(self.home)

    def go_home_or_attract(self) -> None:
        self.show_screen(self.home if self.idle.armed else self.attract)

    def open_capability(self, cap_id: str) -> Screen | None:
        spec = next((s for s in capabilities.enabled(self.ctx) if s.id == cap_id), None)
        if spec is None:
            log.warning("capability not available", extra={"capability": cap_id})
            return None
        return self.open_flow(cap_id, spec.create)

    def open_flow(self, cap_id: str, create: Callable[[Shell], Screen]) -> Screen | None:
        """Open a flow afresh (kiosk_app.core.visit): the flow open before it, or an earlier
        copy of it, ends first and takes what it held with it."""
        previous = self.visit.open(cap_id)
        if previous is not None:
            self._drop_flow_screen(previous)  # hidden at once: the new screen takes its place
        self.ctx.session.end_scope(cap_id)
        self._drop_flow_screen(cap_id)
        try:
            screen = create(self)
        except Exception:
            # a broken flow must not take the terminal down: the citizen stays on the home
            # screen, told to use another service or the desk; the log has the cause
            log.exception("flow failed to open", extra={"capability": cap_id})
            self.visit.leave(cap_id, Leave.HOME)
            self.show_screen(self.home)
            self.home.show_unavailable()
            return None
        self.flow_screens[cap_id] = screen
        self.stack.addWidget(screen)
        if not self.idle.armed:
            self.idle.arm()
        self.show_screen(screen)
        return screen

    def ask_identity(
        self,
        screen: Screen,
        level: Level,
        done: Callable[[Citizen], None],
        cancelled: Callable[[], None] | None = None,
        purpose: Callable[[], str] | None = None,
    ) -> QWidget | None:
        """A flow needs to know who the citizen is (身份核验): the identity page in ``screen``'s
        own pages (kiosk_app.ui.identity.step), ``done(citizen)`` once known — at once when
        this visit identified the citizen already in a way ``level`` accepts. The citizen is
        held by the session only and wiped with it."""
        from kiosk_app.ui.flows.common import FlowScreen
        from kiosk_app.ui.identity.step import ask_identity

        if not isinstance(screen, FlowScreen):
            raise TypeError(f"identity is asked inside a flow's pages, not on {screen.name!r}")
        return ask_identity(screen, level, done, cancelled, purpose)

    def end_session(self, reason: str) -> None:
        """Wipe everything personal and return to the attract screen."""
        self.idle.disarm()
        self.end_visit.hide()
        self.ask.hide()
        self.visit.end()
        self.show_screen(self.attract)
        self.voice.stop()
        self.ctx.session.reset(reason)
        self.session_reset.emit(reason)
        if self.ctx.sync is not None and reason != "technician exit":
            # an idle moment: a config the county pushed may be installed now, never mid-session
            from kiosk_app.services import apply_pushed_config

            self.tasks.run(lambda: apply_pushed_config(self.ctx), self._pushed_config_applied)

    def _pushed_config_applied(self, installed: bool) -> None:
        if not installed:
            return
        if os.environ.get("NOTIFY_SOCKET") and self.current_screen() is self.attract:
            log.warning("pushed config installed; restarting to use it")
            self.restart()
        else:
            log.warning("pushed config installed; it takes effect at the next start")

    def restart(self) -> None:
        """Leave with status 0; systemd (Restart=always) starts the kiosk again."""
        self._allow_close = True
        self.close()
        QApplication.exit(0)

    # technician ---------------------------------------------------------------------------
    def open_pin_pad(self) -> None:
        if self.current_screen() not in (self.pin, self.technician):
            self.show_screen(self.pin)

    def technician_exit(self) -> None:
        """Leave for good: the exit status tells systemd not to restart (RestartPreventExitStatus
        in packaging/linux/kiosk-terminal.service); a crash or a restart() exits otherwise."""
        log.warning("technician exit")
        self._allow_close = True
        self.ctx.session.reset("technician exit")
        self.close()
        QApplication.exit(TECHNICIAN_EXIT_STATUS)

    def _in_corner(self, global_pos: QPointF) -> bool:
        p = self.mapFromGlobal(global_pos.toPoint())
        corner = self.ctx.config.technician.corner_px
        # top-left: the header's buttons sit top-right, and a label is safe to tap on
        return 0 <= p.x() <= corner and 0 <= p.y() <= corner

    def _gesture_held(self) -> None:
        self.technician_gesture.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        et = event.type()
        if et == QEvent.Type.Paint and obj is self.stack and not self._painted:
            QTimer.singleShot(0, self._first_paint_done)  # after this paint has finished
            return False
        if et in _PRESS or et in _RELEASE:
            pos = _global_pos(event)
            ts = event.timestamp() if isinstance(event, QInputEvent) else 0
            key = (int(et in _PRESS), float(ts), pos.x() + pos.y() * 1e5) if pos else None
            # one physical press reaches the filter once per receiver it propagates to
            if pos is None or key is None or key == self._last_press_key:
                return False
            self._last_press_key = key
            if et in _PRESS:
                if self.gesture.press(self._clock(), self._in_corner(pos)):
                    self._hold.start()
            else:
                self._hold.stop()
        return False

    # appearance ---------------------------------------------------------------------------
    def apply_theme(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setStyleSheet(stylesheet(ELDER if self.elder_mode else NORMAL))

    def set_elder_mode(self, on: bool) -> None:
        if on == self.elder_mode:
            return
        self.elder_mode = on
        self.apply_theme()
        # flow screens lay themselves out for one mode when built (columns, row heights): the
        # ones this session opened are built again, in the new mode, when next opened
        if self.current_screen() not in self.flow_screens.values():
            self._drop_flow_screens()
        self.home.elder_btn.blockSignals(True)
        self.home.elder_btn.setChecked(on)
        self.home.elder_btn.blockSignals(False)
        self.home.rebuild_tiles()
        if self.idle.armed:
            self.idle.arm()  # new limits, counted from now
        self.elder_mode_changed.emit(on)

    def toggle_language(self) -> None:
        i18n.set_language("en" if i18n.current_language() == "zh_CN" else "zh_CN")
        self.keyboard.set_language()

    # wipers -------------------------------------------------------------------------------
    def _wipe_clipboard(self) -> None:
        cb = QGuiApplication.clipboard()
        cb.clear(cb.Mode.Clipboard)
        if cb.supportsSelection():
            cb.clear(cb.Mode.Selection)

    def _wipe_inputs(self) -> None:
        # only the editable kinds: findChildren(QWidget) would wrap every internal scrollbar
        # and viewport in a Python object that outlives its widget (a leak per session)
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        for text in self.findChildren(QTextEdit):
            if not text.isReadOnly():
                text.clear()
        for plain in self.findChildren(QPlainTextEdit):
            if not plain.isReadOnly():
                plain.clear()

    def _drop_flow_screens(self) -> None:
        """The session's screens go, and with them what Qt cached to draw them.

        Icons are cached by QPixmapCache under a key of their own icon object, so a screen
        rebuilt for every citizen adds entries that are never asked for again (the catalog's
        clear button: ~3 KiB a session) until the cache's 10 MiB limit; a document thumbnail
        drawn as an icon would outlive the citizen, too. The cache refills as screens paint.
        """
        from PySide6.QtGui import QPixmapCache

        for screen in self.flow_screens.values():
            self.stack.removeWidget(screen)
            screen.hide()
            screen.deleteLater()
        self.flow_screens.clear()
        QPixmapCache.clear()

    def _restore_preferences(self) -> None:
        default_lang = self.ctx.config.ui.language
        if i18n.current_language() != default_lang:
            i18n.set_language(default_lang)
        self.keyboard.set_language()
        self.set_elder_mode(self.ctx.config.ui.elder_mode)

    def dispose(self) -> None:
        """Detach from the application and stop background work (end of run, end of a test)."""
        self._painted = True  # a first paint still to come must not install the filters again
        app = QApplication.instance()
        if isinstance(app, QApplication):
            for f in (self.lockdown, self.idle, self):
                app.removeEventFilter(f)
            if self.wedge is not None:
                self.wedge.uninstall(app)
        for bridge in self.bridges.values():
            bridge.detach()
        self.idle.disarm()
        self._hold.stop()
        self.video_help.stop()
        self.tasks.shutdown()

    # lockdown -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close:
            event.accept()
        else:
            log.info("close refused")
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_blocked_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.keyboard_moved()

    def keyboard_moved(self) -> None:
        """The on-screen keyboard opened or closed: the overlays cover what is above it, so
        "我还在" is never under the keys."""
        for overlay in (self.overlay, self.end_visit, self.ask):
            if overlay.isVisible():
                overlay.setGeometry(self.contentsRect())


def _global_pos(event: QEvent) -> QPointF | None:
    if isinstance(event, QSinglePointEvent):  # mouse
        return event.globalPosition()
    if isinstance(event, QPointerEvent):  # touch
        pts = event.points()
        return pts[0].globalPosition() if pts else None
    return None
