"""Application-wide lockdown: the keys and menus that could leave or disturb the kiosk do nothing.

Under the cage compositor there is no window manager to press Alt+F4 at, but a USB keyboard
plugged into a public terminal must still find nothing to do.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

_BLOCKED_KEYS = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_F4,
    Qt.Key.Key_F11,
    Qt.Key.Key_Menu,
    Qt.Key.Key_Close,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Meta,
}
_BLOCKED_SEQUENCES = {
    QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.Print,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
}
_BLOCKED_MODIFIED = {Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_Tab}


def is_blocked_key(event: QKeyEvent) -> bool:
    key = Qt.Key(event.key())
    mods = event.modifiers()
    if key in _BLOCKED_KEYS:
        return True
    if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier) and key in (
        _BLOCKED_MODIFIED
    ):
        return True
    return any(event.matches(seq) for seq in _BLOCKED_SEQUENCES)


class Lockdown(QObject):
    """Swallows blocked keys, shortcuts and context menus for every widget of the app."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        et = event.type()
        if et in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            if isinstance(event, QKeyEvent) and is_blocked_key(event):
                event.accept()
                return True
        elif et == QEvent.Type.ContextMenu:
            event.accept()
            return True
        return False
