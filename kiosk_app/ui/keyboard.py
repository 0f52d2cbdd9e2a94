"""The on-screen keyboard as part of the layout.

Qt Virtual Keyboard (QT_IM_MODULE=qtvirtualkeyboard, set in kiosk_app.ui.app when there is a
display) opens as a window of its own over the bottom of the screen. Left alone it hides the field
being typed into and the button that goes on, starts in British English with 简体中文 last of some
forty languages, and keeps whatever the last citizen chose. Here:

- **Docked**: while it shows, the window's content stops above it (a bottom margin as tall as the
  keyboard), and the focused field and its action button are scrolled into sight.
- **Two languages**: 简体中文 (pinyin) first, English second, nothing else; the UI's language
  picks which one shows first; every new citizen starts from it again (``reset``).
- **Each field says what it takes** (``digits``, ``code``, ``text``): digits never open the
  system keyboard (the app's own keypad types them); work-order and case numbers get Latin
  letters without word prediction; free text gets pinyin.

VirtualKeyboardSettings is a QML singleton of the keyboard's own QML engine; a widgets
application reaches it through that engine once the keyboard has been created (its first show).
"""

from __future__ import annotations

import contextlib
import logging
import os
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QScrollArea,
    QStyle,
    QWidget,
)

if TYPE_CHECKING:
    from kiosk_app.ui.main_window import KioskWindow

log = logging.getLogger(__name__)

LOCALES = {"zh_CN": "zh_CN", "en": "en_US"}  # UI language → keyboard layout
ACTION = "keyboard_action"  # property on a field: the button that goes on from it
_Edit = TypeVar("_Edit", QLineEdit, QPlainTextEdit)  # the field given is the field returned

_SETTINGS_QML = b"""import QtQuick
import QtQuick.VirtualKeyboard.Settings
QtObject { property var settings: VirtualKeyboardSettings }
"""


def digits(edit: QLineEdit, action: QWidget | None = None) -> QLineEdit:
    """Phone numbers, codes, PINs: typed on the app's own keypad, never the system keyboard.

    The field never takes the keyboard focus (a focused field asks the input method to open
    whatever its hints say); the keypad types into it and marks it as the one it fills."""
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return _action(edit, action)


def code(edit: QLineEdit, action: QWidget | None = None, upper: bool = True) -> QLineEdit:
    """Work-order and case numbers (``upper``), authorisation codes: Latin letters and digits,
    no word prediction, nothing learnt into the keyboard's user dictionary."""
    hints = (
        Qt.InputMethodHint.ImhLatinOnly
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhNoAutoUppercase
        | Qt.InputMethodHint.ImhSensitiveData
    )
    if upper:
        # our numbers are mostly digits ("SL 4830 2917 5603"): the keyboard opens on them
        hints |= Qt.InputMethodHint.ImhPreferUppercase | Qt.InputMethodHint.ImhPreferNumbers
    edit.setInputMethodHints(hints)
    return _action(edit, action)


def text(edit: _Edit, action: QWidget | None = None) -> _Edit:
    """Free text: pinyin in Chinese, words in English; nothing learnt from it."""
    edit.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData)
    return _action(edit, action)


def _action(edit: _Edit, action: QWidget | None) -> _Edit:
    if action is not None:
        edit.setProperty(ACTION, action)
    return edit


class Keyboard(QObject):
    """Docks the input panel under the window's content; resets it between citizens."""

    def __init__(self, win: KioskWindow) -> None:
        super().__init__(win)
        self.win = win
        self.active = os.environ.get("QT_IM_MODULE") == "qtvirtualkeyboard"
        self.inset = 0
        self._settings: QObject | None = None
        self._component: Any = None
        im = QGuiApplication.inputMethod()
        im.visibleChanged.connect(self._changed)
        im.keyboardRectangleChanged.connect(self._changed)
        win.destroyed.connect(self.detach)

    def detach(self) -> None:
        im = QGuiApplication.inputMethod()
        for sig in (im.visibleChanged, im.keyboardRectangleChanged):
            with contextlib.suppress(RuntimeError, TypeError):
                sig.disconnect(self._changed)

    # docking ----------------------------------------------------------------------------------
    def _changed(self) -> None:
        if not shiboken6.isValid(self.win):
            return
        im = QGuiApplication.inputMethod()
        if im.isVisible() and self._settings is None and self.active:
            self._configure()
        rect = im.keyboardRectangle().toRect() if im.isVisible() else QRect()
        inset = 0
        if not rect.isEmpty():
            # the rectangle is in screen coordinates; what of the window it covers
            bottom = self.win.mapToGlobal(self.win.rect().bottomLeft()).y()
            inset = max(0, min(bottom - rect.top() + 1, self.win.height() // 2 + 100))
        if inset < self.inset and QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            # the keyboard closes under a finger still on the screen (a tap on a button above
            # it): the layout stays until the finger lifts, so the tap lands where it began
            QTimer.singleShot(200, self._changed)
            return
        if inset != self.inset:
            self.inset = inset
            self.win.setContentsMargins(0, 0, 0, inset)
            self.win.keyboard_moved()
        if inset:
            QTimer.singleShot(0, self.reveal)

    def reveal(self) -> None:
        """The focused field, and the button that goes on from it, in sight above the keys."""
        focus = QApplication.focusWidget()
        if focus is None or not shiboken6.isValid(focus):
            return
        action = focus.property(ACTION)
        area = _scroll_area_of(focus)
        if area is None:
            return
        if isinstance(action, QWidget) and shiboken6.isValid(action):
            area.ensureWidgetVisible(action, 16, 16)
        area.ensureWidgetVisible(focus, 16, 16)

    # languages ----------------------------------------------------------------------------------
    def _configure(self) -> None:
        """Find VirtualKeyboardSettings in the keyboard's engine and limit its languages."""
        from PySide6.QtQml import QQmlComponent
        from PySide6.QtQuick import QQuickView

        view = next(
            (w for w in QGuiApplication.topLevelWindows() if isinstance(w, QQuickView)), None
        )
        if view is None or view.engine() is None:
            return
        component = QQmlComponent(view.engine())
        component.setData(_SETTINGS_QML, "kiosk-keyboard-settings.qml")
        holder = component.create()
        if holder is None:
            log.warning("keyboard settings unreachable", extra={"errors": str(component.errors())})
            return
        self._component = (component, holder)  # the singleton lives as long as its holder
        settings = holder.property("settings")
        if not isinstance(settings, QObject):
            return
        self._settings = settings
        settings.setProperty("activeLocales", self.locales())
        self.set_language()

    def locales(self) -> list[str]:
        """Pinyin first when the UI is Chinese, English first when it is English."""
        from kiosk_app.ui.i18n import current_language

        first = LOCALES.get(current_language(), "zh_CN")
        return [first, *(loc for loc in LOCALES.values() if loc != first)]

    def set_language(self) -> None:
        if self._settings is not None:
            self._settings.setProperty("activeLocales", self.locales())
            self._settings.setProperty("locale", self.locales()[0])

    def reset(self) -> None:
        """A new citizen: keyboard closed, nothing half-typed, the default language again."""
        im = QGuiApplication.inputMethod()
        im.reset()
        im.hide()
        self.set_language()
        if self.inset:
            self.inset = 0
            self.win.setContentsMargins(0, 0, 0, 0)
            self.win.keyboard_moved()


def _scroll_area_of(w: QWidget) -> QScrollArea | None:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QScrollArea):
            return p
        p = p.parentWidget()
    return None


class TouchStyle(QProxyStyle):
    """The keyboard opens on the first tap into a text field (Qt's default waits for a second
    tap on a field that already has the focus: a citizen would think it broken)."""

    def styleHint(self, hint: QStyle.StyleHint, *args: Any) -> int:
        if hint == QStyle.StyleHint.SH_RequestSoftwareInputPanel:
            return int(QStyle.RequestSoftwareInputPanel.RSIP_OnMouseClick.value)
        return int(super().styleHint(hint, *args))
