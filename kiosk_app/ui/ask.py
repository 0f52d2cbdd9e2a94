"""Ask once: an action that prints or cannot be undone (send a 12345 request, print a list,
file scanned pages) is confirmed by one clear question with two big answers, never done on a
single touch that may have been a mistake (issue 12). A walk-in ticket has its own page for it.

An opaque layer over the window (above the on-screen keyboard when it shows), like the idle
countdown; it goes away when the screen changes or the session ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk_app.ui.widgets.question import QuestionLayer

if TYPE_CHECKING:
    from kiosk_app.ui.main_window import KioskWindow


class AskOnce(QuestionLayer):
    def __init__(self, win: KioskWindow) -> None:
        super().__init__(win, "ask_once", "ask", win.speak, top=40)
        self._on_yes: Callable[[], None] | None = None
        self._yes_text: Callable[[], str] = lambda: ""
        self._question: Callable[[], str] = lambda: ""
        self._detail: Callable[[], str] = lambda: ""
        self.no_btn = self.answer("", "ask_no", self.hide)
        self.yes_btn = self.answer("primary", "ask_yes", self._yes)
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
        self.pose()

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
