"""The attract screen shown between citizens: a touch anywhere starts a new session."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QVBoxLayout

from kiosk_app.ui.screens.base import Screen, Shell
from kiosk_app.ui.widgets import label


class AttractScreen(Screen):
    name = "attract"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(80, 80, 80, 80)
        lay.addStretch(2)
        self.welcome = label("heading")
        self.site = label("title", self.ctx.config.terminal.name)
        self.touch = label("title")
        self.clock = label("muted")
        for w in (self.welcome, self.site, self.touch, self.clock):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lay.addWidget(w)
            lay.addSpacing(24)
        lay.addStretch(3)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.retranslate()

    def retranslate(self) -> None:
        self.welcome.setText(self.tr("Welcome to self-service"))
        self.touch.setText(self.tr("Touch the screen to start"))
        self._tick()

    def _tick(self) -> None:
        self.clock.setText(QDateTime.currentDateTime().toString("yyyy-MM-dd  HH:mm"))

    def on_enter(self) -> None:
        self._timer.start()

    def on_leave(self) -> None:
        self._timer.stop()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.win.start_session()
        event.accept()
