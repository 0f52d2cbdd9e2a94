"""Small building blocks shared by every screen; styled only through the theme's `role`s."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget


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
