"""Technician PIN pad. Digits only, masked, with the lockout the PIN guard enforces."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout

from kiosk_app.ui.screens.base import Screen, Shell
from kiosk_app.ui.widgets import button, label


class PinPadScreen(Screen):
    name = "pin"
    accepted = Signal()

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self._digits = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(200, 40, 200, 40)
        self.heading = label("heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.heading)
        self.display = label("heading", "")
        self.display.setObjectName("pin_display")
        self.display.setMinimumHeight(72)  # never collapses while empty: the dots show at once
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.display)
        self.message = label("error", "")
        self.message.setObjectName("pin_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.message)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for i, d in enumerate("123456789"):
            self._add_key(grid, d, i // 3, i % 3)
        self.clear_btn = button("key", "")
        self.clear_btn.clicked.connect(self.clear)
        grid.addWidget(self.clear_btn, 3, 0)
        self._add_key(grid, "0", 3, 1)
        self.ok_btn = button("primary", "")
        self.ok_btn.setObjectName("pin_ok")
        self.ok_btn.clicked.connect(self.submit)
        grid.addWidget(self.ok_btn, 3, 2)
        lay.addLayout(grid)
        row = QHBoxLayout()
        self.cancel_btn = button("", "")
        self.cancel_btn.clicked.connect(self.win.go_home_or_attract)
        row.addStretch(1)
        row.addWidget(self.cancel_btn)
        lay.addLayout(row)
        self.retranslate()

    def _add_key(self, grid: QGridLayout, digit: str, r: int, c: int) -> None:
        b = button("key", digit)
        b.setObjectName(f"pin_key_{digit}")
        b.clicked.connect(lambda _=False, d=digit: self.press(d))
        grid.addWidget(b, r, c)
        self.keys[digit] = b

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Technician sign-in"))
        self.clear_btn.setText(self.tr("Clear"))
        self.ok_btn.setText(self.tr("OK"))
        self.cancel_btn.setText(self.tr("Cancel"))

    def press(self, digit: str) -> None:
        if len(self._digits) < 12:
            self._digits += digit
        self._dots()

    def _dots(self) -> None:
        """One filled dot per digit typed, empty ones up to the usual four: the technician sees
        each press land without the PIN showing."""
        n = len(self._digits)
        self.display.setText(" ".join("●" * n + "○" * max(0, 4 - n)))

    def clear(self) -> None:
        self._digits = ""
        self._dots()

    def submit(self) -> None:
        result = self.ctx.pin_guard.attempt(self._digits)
        self.clear()
        if result.ok:
            self.message.setText("")
            self.accepted.emit()
        elif result.locked_for_s > 0:
            self._show_locked(result.locked_for_s)
        else:
            self.message.setText(
                self.tr("Wrong PIN. %n attempt(s) left.", "", result.attempts_left)
            )

    def on_enter(self) -> None:
        self.clear()
        locked = self.ctx.pin_guard.locked_for()
        if locked > 0:
            self._show_locked(locked)
        else:
            self.message.setText("")

    def _show_locked(self, seconds: float) -> None:
        minutes = math.ceil(seconds / 60)
        self.message.setText(self.tr("Too many wrong PINs. Locked for %n minute(s).", "", minutes))
