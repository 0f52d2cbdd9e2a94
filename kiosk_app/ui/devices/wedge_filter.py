"""Application-wide event filter for keyboard-wedge scan guns.

Installed on the QApplication, it sees every key press before any widget. Printable keys and
Enter are held back and fed to devices.scan.wedge.WedgeClassifier; when the classifier calls a
run a scan, ``scanned(text)`` is emitted and the keys never reach the focused field; when it
calls them typing, the very same key events are re-sent, in order, to the widget that had focus.
Other keys (arrows, Backspace, shortcuts) first settle what is pending, then pass through, so
ordering is kept. The pause that ends a run is a single-shot QTimer, not a sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from devices.scan.wedge import Action, Replay, Scan, WedgeClassifier

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
PAUSE_SLACK_MS = 120
_MODS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
)


class WedgeFilter(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        classifier: WedgeClassifier | None = None,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.classifier = classifier or WedgeClassifier()
        self._clock = clock
        self._replaying = False
        self._target: QObject | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_pause)

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self, app: QApplication) -> None:
        app.removeEventFilter(self)
        self._timer.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = Qt.Key(event.key())
        text = "\r" if key in _ENTER else event.text()
        if key in _MODIFIER_KEYS:
            return False  # guns press Shift for capitals: must neither end nor break a scan
        plain = not (event.isAutoRepeat() or event.modifiers() & _MODS)
        if key not in _ENTER and not (plain and text and text.isprintable()):
            self._apply(self.classifier.flush())
            return False
        if not self.classifier.pending:
            self._target = obj
        copy = QKeyEvent(
            QEvent.Type.KeyPress, event.key(), event.modifiers(), event.text(), False, 1
        )
        self._apply(self.classifier.key(text, self._when(event), copy))
        if self.classifier.pending:
            # the run is judged by the keys' own timestamps when the next one comes; the timer
            # only ends a run no key follows, and waits a little longer than the gap so a busy
            # moment (the next key not read yet) does not cut a scan in two
            limit_ms = int(self.classifier.gap_limit() * 1000)
            self._timer.start(max(1, limit_ms + PAUSE_SLACK_MS))
        else:
            self._timer.stop()
        return True

    def _when(self, event: QKeyEvent) -> float:
        """When the key was pressed, in seconds. A key from the window system carries the
        server's timestamp: the time it was typed. Qt may read several queued keys in one go,
        so the time they are handled here bunches typing at 60 ms a key into what looks like
        a scan gun's burst, and the typed letters vanished as a "scan" (issue 12)."""
        stamp = event.timestamp()
        if event.spontaneous() and stamp > 0:
            return stamp / 1000
        return self._clock()

    def _on_pause(self) -> None:
        self._apply(self.classifier.flush())

    def _apply(self, actions: list[Action]) -> None:
        for action in actions:
            if isinstance(action, Scan):
                self.scanned.emit(action.text)
            elif isinstance(action, Replay):
                self._replay(action.items)

    def _replay(self, items: tuple[object, ...]) -> None:
        target = self._target
        if target is None or not shiboken6.isValid(target):
            target = QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for item in items:
                if isinstance(item, QKeyEvent):
                    QApplication.sendEvent(target, item)
        finally:
            self._replaying = False
