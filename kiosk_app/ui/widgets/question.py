"""One question over the whole window: an opaque layer (nothing of the flow shows through it,
above the on-screen keyboard), a heading, a line of detail and a row of big answers — the
"ask once" confirmation and the "end this visit?" question are both this, with their own
answers. The answers are at least 100 px high so elder mode needs nothing larger."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk_app.ui.widgets import button, card, label


class QuestionLayer(QWidget):
    def __init__(
        self, win: QWidget, name: str, prefix: str, speak: Callable[[str], None], top: int
    ) -> None:
        super().__init__(win)
        self._win = win
        self._speak = speak
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#{name} {{ background: rgb(10, 20, 40); }}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(80, top, 80, top)
        outer.addStretch(1)
        box = card()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(40, 32, 40, 32)
        lay.setSpacing(20)
        self.heading = label("heading")
        self.heading.setObjectName(f"{prefix}_question")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = label("title")
        self.detail.setObjectName(f"{prefix}_detail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.heading)
        lay.addWidget(self.detail)
        self._answers = QHBoxLayout()
        self._answers.setSpacing(24)
        lay.addLayout(self._answers)
        outer.addWidget(box)
        outer.addStretch(1)

    # a subclass hides itself at the end of its own __init__ (its hideEvent may need its fields)

    def answer(self, role: str, name: str, slot: Callable[[], object]) -> QPushButton:
        b = button(role, "")
        b.setObjectName(name)
        b.setMinimumHeight(100)
        b.clicked.connect(slot)
        self._answers.addWidget(b, 1)
        return b

    def pose(self) -> None:
        """Cover the window as it is now, come to the front and say the question aloud."""
        self.setGeometry(self._win.contentsRect())
        self.show()
        self.raise_()
        self._speak(self.heading.text())

    def retranslate(self) -> None:
        """Words the question and its answers; subclasses say what."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
