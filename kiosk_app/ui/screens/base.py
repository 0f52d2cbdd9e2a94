"""Base class of every screen: language changes redraw text, session resets clear inputs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from kiosk_app.ui.touch import kinetic

if TYPE_CHECKING:
    from kiosk_app.ui.main_window import KioskWindow


class Screen(QWidget):
    """A full-window page of the kiosk.

    Subclasses build widgets in __init__ and set their texts in `retranslate()`, which runs once
    at the end of construction and again on every language switch.
    """

    name = "screen"

    def __init__(self, window: KioskWindow) -> None:
        super().__init__()
        self.win = window
        self.ctx = window.ctx
        self.setProperty("role", "screen")
        self.setObjectName(type(self).__name__)

    def retranslate(self) -> None:
        """Set every visible text; called on construction and on each language switch."""

    def on_enter(self) -> None:
        """The screen became visible."""

    def spoken_title(self) -> str:
        """What the voice says when this screen opens ("" for nothing)."""
        return ""

    def on_leave(self) -> None:
        """The screen is about to be hidden."""

    def showEvent(self, event: QShowEvent) -> None:
        """Every scrolling area of every screen follows a finger and shows there is more
        (kiosk_app.ui.touch); areas added later are caught the next time the screen shows."""
        for area in self.findChildren(QAbstractScrollArea):
            kinetic(area)
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
