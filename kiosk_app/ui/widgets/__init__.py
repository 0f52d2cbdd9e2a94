"""Small building blocks shared by every screen; styled only through the theme's `role`s."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


def label(role: str = "body", text: str = "", parent: QWidget | None = None) -> QLabel:
    w = QLabel(text, parent)
    w.setProperty("role", role)
    w.setWordWrap(True)
    w.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return w


def button(role: str = "", text: str = "", parent: QWidget | None = None) -> QPushButton:
    w = QPushButton(text, parent)
    if role:
        w.setProperty("role", role)
    w.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch screen: no focus rectangles, no key nav
    w.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return w


def card(parent: QWidget | None = None) -> QFrame:
    w = QFrame(parent)
    w.setProperty("role", "card")
    return w


class TileButton(QPushButton):
    """A home tile: a large button whose title and subtitle wrap inside it (a plain
    QPushButton cuts long Chinese subtitles off in narrow columns)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        self.title = label("tile-title")
        self.subtitle = label("tile-subtitle")
        for w in (self.title, self.subtitle):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            lay.addWidget(w)

    def set_texts(self, title: str, subtitle: str) -> None:
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.setAccessibleName(f"{title} {subtitle}")
