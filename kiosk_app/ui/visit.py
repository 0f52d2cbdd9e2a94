"""The "结束本次办理？" question (kiosk_app.core.visit): asked when a citizen goes home from a flow
that held personal data, with the time left before the terminal ends the visit by itself.

An opaque layer over the whole window, like the idle countdown: nothing of the flow shows
through it, and its three buttons are large enough for elder mode in any mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent

from kiosk_app.core.visit import HomeQuestion, Leave
from kiosk_app.ui.widgets.question import QuestionLayer

if TYPE_CHECKING:
    from kiosk_app.ui.main_window import KioskWindow


class EndVisitOverlay(QuestionLayer):
    def __init__(self, win: KioskWindow) -> None:
        super().__init__(win, "end_visit", "end_visit", win.speak, top=60)
        self.win = win
        self._question: HomeQuestion | None = None
        self._seconds: Callable[[], int] = lambda: 0
        self.stay_btn = self.answer("", "end_visit_stay", self.hide)
        self.other_btn = self.answer("", "end_visit_other", self.other_service)
        self.end_btn = self.answer("danger", "end_visit_end", self.end_visit)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._show_time)
        self.retranslate()
        self.hide()

    def ask(self, question: HomeQuestion, seconds_left: Callable[[], int]) -> None:
        self._question = question
        self._seconds = seconds_left
        self._show_time()
        self.pose()
        self._tick.start()

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
