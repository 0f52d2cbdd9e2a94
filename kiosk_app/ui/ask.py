"""Ask once: an action that prints or cannot be undone (send a 12345 request, print a list,
file scanned pages) is confirmed by one clear question with two big answers, never done on a
single touch that may have been a mistake (issue 12). A walk-in ticket has its own page for it.

An opaque layer over the window (above the on-screen keyboard when it shows), like the idle
countdown; it goes away when the screen changes or the session ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.ui.widgets import button, card, label

if TYPE_CHECKING:
    from kiosk_app.ui.main_window import KioskWindow


class AskOnce(QWidget):
    def __init__(self, win: KioskWindow) -> None:
        super().__init__(win)
        self.win = win
        self.setObjectName("ask_once")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#ask_once { background: rgb(10, 20, 40); }")
        self._on_yes: Callable[[], None] | None = None
        self._yes_text: Callable[[], str] = lambda: ""
        self._question: Callable[[], str] = lambda: ""
        self._detail: Callable[[], str] = lambda: ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(80, 40, 80, 40)
        outer.addStretch(1)
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(40, 32, 40, 32)
        lay.setSpacing(20)
        self.heading = label("heading")
        self.heading.setObjectName("ask_question")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = label("title")
        self.detail.setObjectName("ask_detail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.heading)
        lay.addWidget(self.detail)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.no_btn = button("", "")
        self.no_btn.setObjectName("ask_no")
        self.no_btn.clicked.connect(self.hide)
        self.yes_btn = button("primary", "")
        self.yes_btn.setObjectName("ask_yes")
        self.yes_btn.clicked.connect(self._yes)
        for b in (self.no_btn, self.yes_btn):
            b.setMinimumHeight(100)
            row.addWidget(b, 1)
        lay.addLayout(row)
        outer.addWidget(box)
        outer.addStretch(1)
        self.retranslate()
        self.hide()

    def ask(
        self,
        question: Callable[[], str],
        detail: Callable[[], str],
        yes: Callable[[], str],
        on_yes: Callable[[], None],
    ) -> None:
        """Texts as callables: a language switch words the question again."""
        self._question, self._detail, self._yes_text, self._on_yes = question, detail, yes, on_yes
        self.retranslate()
        self.setGeometry(self.win.contentsRect())
        self.show()
        self.raise_()
        self.win.speak(self.heading.text())

    def _yes(self) -> None:
        action, self._on_yes = self._on_yes, None
        self.hide()
        if action is not None:
            action()

    def retranslate(self) -> None:
        self.heading.setText(self._question())
        self.detail.setText(self._detail())
        self.yes_btn.setText(self._yes_text())
        self.no_btn.setText(self.tr("Back"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
