"""The "结束本次办理？" question (kiosk_app.core.visit): asked when a citizen goes home from a flow
that held personal data, with the time left before the terminal ends the visit by itself.

An opaque layer over the whole window, like the idle countdown: nothing of the flow shows
through it, and its three buttons are large enough for elder mode in any mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.core.visit import HomeQuestion, Leave
from kiosk_app.ui.widgets import button, card, label

if TYPE_CHECKING:
    from kiosk_app.ui.main_window import KioskWindow


class EndVisitOverlay(QWidget):
    def __init__(self, win: KioskWindow) -> None:
        super().__init__(win)
        self.win = win
        self.setObjectName("end_visit")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#end_visit { background: rgb(10, 20, 40); }")
        self._question: HomeQuestion | None = None
        self._seconds: Callable[[], int] = lambda: 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(80, 60, 80, 60)
        outer.addStretch(1)
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(40, 32, 40, 32)
        lay.setSpacing(20)
        self.heading = label("heading")
        self.heading.setObjectName("end_visit_question")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = label("title")
        self.detail.setObjectName("end_visit_detail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.heading)
        lay.addWidget(self.detail)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.stay_btn = button("", "")
        self.stay_btn.setObjectName("end_visit_stay")
        self.stay_btn.clicked.connect(self.hide)
        self.other_btn = button("", "")
        self.other_btn.setObjectName("end_visit_other")
        self.other_btn.clicked.connect(self.other_service)
        self.end_btn = button("danger", "")
        self.end_btn.setObjectName("end_visit_end")
        self.end_btn.clicked.connect(self.end_visit)
        for b in (self.stay_btn, self.other_btn, self.end_btn):
            b.setMinimumHeight(100)
            row.addWidget(b, 1)
        lay.addLayout(row)
        outer.addWidget(box)
        outer.addStretch(1)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._show_time)
        self.retranslate()
        self.hide()

    def ask(self, question: HomeQuestion, seconds_left: Callable[[], int]) -> None:
        self._question = question
        self._seconds = seconds_left
        self.setGeometry(self.win.contentsRect())  # above the on-screen keyboard
        self._show_time()
        self.show()
        self.raise_()
        self._tick.start()
        self.win.speak(self.heading.text())

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)

    def _show_time(self) -> None:
        self.detail.setText(
            self.tr(
                "What you entered on this page is cleared when you leave it. If nobody touches "
                "the screen, the visit ends by itself in %1 seconds."
            ).replace("%1", str(self._seconds()))
        )

    def other_service(self) -> None:
        """Only the flow ends; the visit (language, elder mode) goes on at the home screen."""
        self.hide()
        q = self._question
        if q is not None:
            self.win.visit.leave(q.flow, Leave.HOME)
        self.win.show_screen(self.win.home)

    def end_visit(self) -> None:
        self.hide()
        self.win.end_session("finished")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("End this visit?"))
        self.stay_btn.setText(self.tr("Stay on this page"))
        self.other_btn.setText(self.tr("Another service"))
        self.end_btn.setText(self.tr("End my visit"))
        if self.isVisible():
            self._show_time()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
