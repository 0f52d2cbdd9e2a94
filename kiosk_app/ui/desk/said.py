"""Messages that stay right after a language switch: each label remembers how its text was
made (a function calling ``tr``), so ``redraw`` says it again in the new language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel


class Said:
    def __init__(self) -> None:
        self._made: dict[QLabel, Callable[[], str] | None] = {}

    def say(self, where: QLabel, text: Callable[[], str] | None) -> None:
        """Show a message and remember how it was made, so a language switch redraws it."""
        self._made[where] = text
        where.setText(text() if text is not None else "")

    def redraw(self) -> None:
        for where, text in self._made.items():
            where.setText(text() if text is not None else "")

    def clear(self) -> None:
        """Forget every message (the session is wiped: a message may name the citizen's case)."""
        self._made.clear()
