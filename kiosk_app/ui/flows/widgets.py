"""Widgets the flows share (and the desk flows can reuse): numeric keypad, scan listener,
ticket panel, rating buttons, common-phrase picker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from devices.rating.protocol import Rating
from devices.scan.symbol import Symbol
from kiosk_app.core.flows.rating import LEVELS
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.widgets import button, card, label


class NumericKeypad(QWidget):
    """Big digit keys for phone numbers and codes; types into whichever field was touched last.

    Fields attach with ``attach(edit)``; touching one makes it the target. Offscreen tests may
    also type into the fields directly.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target: QLineEdit | None = None
        self.fields: list[QLineEdit] = []
        grid = QGridLayout(self)
        grid.setSpacing(10)
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, Any] = {}
        for i, d in enumerate("123456789"):
            self._key(grid, d, i // 3, i % 3)
        self.clear_btn = button("key", "")
        self.clear_btn.setObjectName("keypad_clear")
        self.clear_btn.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.clear_btn.setMaximumHeight(140)
        self.clear_btn.clicked.connect(self.clear)
        grid.addWidget(self.clear_btn, 3, 0)
        self._key(grid, "0", 3, 1)
        self.back_btn = button("key", "⌫")
        self.back_btn.setObjectName("keypad_back")
        self.back_btn.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.back_btn.setMaximumHeight(140)
        self.back_btn.clicked.connect(self.backspace)
        grid.addWidget(self.back_btn, 3, 2)
        self.retranslate()

    def _key(self, grid: QGridLayout, d: str, r: int, c: int) -> None:
        b = button("key", d)
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        b.setMaximumHeight(140)
        b.setObjectName(f"keypad_{d}")
        b.clicked.connect(lambda _=False, d=d: self.press(d))
        grid.addWidget(b, r, c)
        self.keys[d] = b

    def retranslate(self) -> None:
        self.clear_btn.setText(QCoreApplication.translate("FlowWidgets", "Clear"))

    def attach(self, edit: QLineEdit, action: QWidget | None = None) -> None:
        """``edit`` takes digits from this keypad only (no system keyboard); fields fill in
        the order attached, the next one taking over when one is full."""
        from kiosk_app.ui import keyboard

        keyboard.digits(edit, action)
        edit.installEventFilter(self)
        self.fields.append(edit)
        self.set_target(self.target or edit)

    def set_target(self, edit: QLineEdit) -> None:
        """The field the keys fill, outlined (digit fields never take the keyboard focus)."""
        self.target = edit
        for f in self.fields:
            if shiboken6.isValid(f):
                f.setProperty("keypad_target", f is edit)
                f.style().unpolish(f)
                f.style().polish(f)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # a quick second touch after a key arrives as a double-click: it chooses the field too
        if isinstance(obj, QLineEdit) and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.FocusIn,
        ):
            self.set_target(obj)
        return False

    def press(self, digit: str) -> None:
        t = self.target
        if t is None or not shiboken6.isValid(t):
            return
        if len(t.text()) >= t.maxLength():
            t = self._next(t) or t
        t.insert(digit)
        if len(t.text()) >= t.maxLength():
            nxt = self._next(t)
            if nxt is not None and not nxt.text():
                self.set_target(nxt)

    def _next(self, edit: QLineEdit) -> QLineEdit | None:
        if edit in self.fields:
            i = self.fields.index(edit)
            if i + 1 < len(self.fields):
                return self.fields[i + 1]
        return None

    def backspace(self) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.backspace()

    def clear(self) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.clear()


class PhoneEntry(QWidget):
    """The reply number of a 12345 request: the field, its error line, the privacy promise and
    the keypad beside them. One widget for the request form, the ask-first form and the tourist
    complaint, so the promise reads the same wherever a number is asked for."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        self.title = label("title")
        lay.addWidget(self.title)
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.edit.setMaxLength(11)  # a mainland mobile number
        left.addWidget(self.edit)
        self.error = label("error")
        self.error.hide()
        left.addWidget(self.error)
        self.privacy = label("muted")
        left.addWidget(self.privacy)
        left.addStretch(1)
        row.addLayout(left, 1)
        self.keypad = NumericKeypad()
        row.addWidget(self.keypad, 1)
        lay.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.keypad.retranslate()
        self.title.setText(
            QCoreApplication.translate(
                "FlowWidgets", "3. Your mobile number, so the hotline can reply"
            )
        )
        self.privacy.setText(
            QCoreApplication.translate(
                "FlowWidgets",
                "Your number is only given to the 12345 hotline and is not printed in full.",
            )
        )


class ScanListener(QObject):
    """One place a screen hears codes from: the scan gun (keyboard wedge or serial) and the
    camera scanner. Only forwards while its screen is visible, so a code scanned on another
    screen never lands in a flow the citizen is not looking at."""

    scanned = Signal(str)

    def __init__(self, screen: QWidget, win: Shell) -> None:
        # the screen is its parent, not an attribute: the screen keeps the listener, and a
        # reference back would be a cycle that keeps the screen's Python side (its flow, the
        # citizen's data) after the reset until a full garbage collection
        super().__init__(screen)
        wedge = win.wedge
        if wedge is not None:
            wedge.scanned.connect(self._on_text)
        for name in ("scanner", "camera_scanner"):
            bridge = win.bridges.get(name)
            if bridge is not None:
                bridge.data.connect(self._on_symbol)

    def _on_symbol(self, payload: object) -> None:
        if isinstance(payload, Symbol):  # every scanner adapter's DataEvent
            self._on_text(payload.text)

    def _on_text(self, text: str) -> None:
        screen = self.parent()
        if isinstance(screen, QWidget) and screen.isVisible():
            self.scanned.emit(text)


class TicketPanel(QWidget):
    """The number large, the facts under it, and a line saying whether the slip was printed —
    so a citizen leaves with their number even when the printer has no paper."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        box = card()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 16, 24, 16)
        self.caption = label("title")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = label("big-number")
        self.number.setObjectName("ticket_number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setWordWrap(False)
        self.facts = label("body")
        self.facts.setObjectName("ticket_facts")
        self.facts.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.caption)
        inner.addWidget(self.number)
        inner.addWidget(self.facts)
        lay.addWidget(box)
        self.print_status = StatusLine()
        self.print_status.setObjectName("print_status")
        self.print_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.print_status)

    def show_number(self, caption: str, number: str, facts: list[str]) -> None:
        self.caption.setText(caption)
        # a queue number is a few characters, shown huge; a case or work-order number, read
        # aloud in groups of four, takes a line of its own, still large
        self.number.setProperty("role", "big-number" if len(number) <= 8 else "long-number")
        self.number.style().unpolish(self.number)
        self.number.style().polish(self.number)
        self.number.setText(number)
        self.facts.setText("\n".join(facts))
        # print_status is left alone: a language switch shows the number again, and the line
        # under it (set by FlowScreen.print_into) must survive that

    def wipe(self) -> None:
        for w in (self.caption, self.number, self.facts, self.print_status):
            w.clear()


def level_text(level: int) -> str:
    texts = {
        5: QCoreApplication.translate("FlowWidgets", "Very satisfied"),
        4: QCoreApplication.translate("FlowWidgets", "Satisfied"),
        3: QCoreApplication.translate("FlowWidgets", "Fairly satisfied"),
        2: QCoreApplication.translate("FlowWidgets", "Dissatisfied"),
        1: QCoreApplication.translate("FlowWidgets", "Very dissatisfied"),
    }
    return texts[level]


class RatingButtons(QWidget):
    """The five national levels as large buttons; the rating pad, when configured, counts too."""

    rated = Signal(int, str)  # level, channel

    def __init__(self, win: Shell, elder: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(14)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[int, Any] = {}
        self.pad_reasons: tuple[int, ...] = ()  # of the last rating from the pad
        columns = 3 if elder else 5
        for i, (lv, _zh) in enumerate(LEVELS):
            b = button("primary" if lv >= 3 else "", "")
            b.setObjectName(f"rate_{lv}")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            b.setMinimumHeight(110 if not elder else 130)
            b.clicked.connect(lambda _=False, lv=lv: self.rated.emit(lv, "kiosk"))
            grid.addWidget(b, i // columns, i % columns)
            self.buttons[lv] = b
        pad = win.bridges.get("rating_pad")
        if pad is not None:
            pad.data.connect(self._on_pad)
        self.retranslate()

    def _on_pad(self, payload: object) -> None:
        # a Rating whatever the pad's protocol (a vendor's plugs in under the same adapter)
        if isinstance(payload, Rating) and 1 <= payload.level <= 5 and self.isVisible():
            # a pad with a screen sends the 差评 reasons it showed (its one-byte codes)
            self.pad_reasons = tuple(payload.reasons)
            self.rated.emit(payload.level, "pad")

    def retranslate(self) -> None:
        for lv, b in self.buttons.items():
            b.setText(level_text(lv))

    def set_enabled(self, on: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(on)


class PhrasePicker(QWidget):
    """Common phrases as buttons, for people who cannot type: one tap adds the phrase."""

    picked = Signal(str)

    def __init__(self, columns: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._columns = columns
        self.buttons: list[Any] = []

    def set_phrases(self, phrases: list[str]) -> None:
        for b in self.buttons:
            self._grid.removeWidget(b)
            b.deleteLater()
        self.buttons = []
        for i, text in enumerate(phrases):
            b = button("", text)
            b.setObjectName(f"phrase_{i}")
            b.clicked.connect(lambda _=False, t=text: self.picked.emit(t))
            self._grid.addWidget(b, i // self._columns, i % self._columns)
            self.buttons.append(b)


def row(*widgets: QWidget, stretch_first: bool = False) -> QHBoxLayout:
    lay = QHBoxLayout()
    lay.setSpacing(16)
    if not stretch_first:
        lay.addStretch(1)
    for w in widgets:
        lay.addWidget(w)
    if stretch_first:
        lay.addStretch(1)
    return lay


def field_label(text: str = "") -> QLabel:
    return label("title", text)


class StatusLine(QLabel):
    """A sentence under an action ("Printing…", "out of paper"), red when it is a problem, and
    worded again when the citizen switches language (it may outlive the switch on screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setProperty("role", "title")
        self._sentence: Callable[[], tuple[str, bool]] | None = None

    def show_status(self, sentence: Callable[[], tuple[str, bool]]) -> None:
        """``sentence()`` gives (text, is_problem) in the current language."""
        self._sentence = sentence
        self._show()

    def clear(self) -> None:
        self._sentence = None
        super().clear()

    def _show(self) -> None:
        if self._sentence is None:
            return
        text, problem = self._sentence()
        self.setProperty("role", "error" if problem else "title")
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
