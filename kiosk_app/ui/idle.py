"""Idle handling: any touch, click or key is activity; after the idle limit a large countdown with
"我还在 / I'm still here" covers the screen; at zero the session is wiped and the attract screen
returns. The phase logic lives in kiosk_app.core.idle; this file only wires Qt to it."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk_app.core.idle import IdlePhase, IdleTimer
from kiosk_app.ui.widgets import button, label

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class CountdownOverlay(QWidget):
    """Covers the window; the big number and the button are sized for elder eyes in any mode."""

    still_here = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idle_overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # opaque: the screen behind must not show through the big number and the question
        self.setStyleSheet("#idle_overlay { background: rgb(10, 20, 40); }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(80, 80, 80, 80)
        lay.addStretch(1)
        self.question = label("heading")
        self.question.setStyleSheet("color: white;")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = label("big-number", "")
        self.number.setObjectName("idle_seconds")
        self.number.setStyleSheet("color: white;")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = button("primary", "")
        self.button.setObjectName("still_here")
        self.button.setMinimumHeight(120)
        self.button.clicked.connect(self.still_here.emit)
        for w in (self.question, self.number, self.button):
            lay.addWidget(w)
        lay.addStretch(1)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Are you still there? The session will end soon."))
        # both languages at once: the person who walked up may read either
        self.button.setText("我还在  I'm still here")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_seconds(self, seconds: int) -> None:
        self.number.setText(str(seconds))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.contentsRect())  # above the on-screen keyboard
        if not self.isVisible():
            self.show()
            self.raise_()


class IdleController(QObject):
    """Watches input application-wide and drives the countdown overlay."""

    warning = Signal(int)  # seconds left
    countdown_started = Signal()
    expired = Signal()

    def __init__(
        self,
        overlay: CountdownOverlay,
        limits: Callable[[], tuple[int, int]],
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._overlay = overlay
        self._limits = limits
        self._clock = clock
        t, c = limits()
        self.timer = IdleTimer(t, c, clock())
        self._armed = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.tick)
        overlay.still_here.connect(self.activity)

    def arm(self) -> None:
        """Start watching (a session is running)."""
        self.timer.timeout_s, self.timer.countdown_s = self._limits()
        self.timer.touch(self._clock())
        self._armed = True
        self._ticker.start()

    def disarm(self) -> None:
        """Stop watching (attract screen: nothing to protect)."""
        self._armed = False
        self._ticker.stop()
        self._overlay.hide()

    @property
    def armed(self) -> bool:
        return self._armed

    def seconds_left(self) -> int:
        """Until the session ends by itself (the warning's countdown included)."""
        return self.timer.seconds_left(self._clock())

    def activity(self) -> None:
        self.timer.touch(self._clock())
        if self._overlay.isVisible():
            self._overlay.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _ACTIVITY:
            # a press on the overlay itself counts: touching anywhere means "I'm here"
            self.activity()
        return False

    def tick(self) -> None:
        if not self._armed:
            return
        now = self._clock()
        phase = self.timer.phase(now)
        if phase is IdlePhase.ACTIVE:
            if self._overlay.isVisible():
                self._overlay.hide()
        elif phase is IdlePhase.WARNING:
            left = self.timer.seconds_left(now)
            started = not self._overlay.isVisible()
            self._overlay.show_seconds(left)
            if started:
                self.countdown_started.emit()
            self.warning.emit(left)
        else:
            self.disarm()
            self.expired.emit()
