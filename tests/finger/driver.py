"""The finger test's driver: the real kiosk on a real X display (Xvfb 1280×800), with the real
Qt Virtual Keyboard, driven only by touch presses and drags at screen coordinates found from the
widgets — as a citizen's finger would.

Run by tests/finger/test_finger.py under Xvfb (``python tests/finger/driver.py MODE OUT``; MODE
zh_CN, en, elder, or desk for the five-ones desk). Every tile is reached (paging with the big
buttons where there are pages), every list is dragged to its end, every form is filled with the
on-screen keyboard or the app's keypad and submitted. A control needed to go on that is off the
screen, under the keyboard or under another widget fails the run: ``Unreachable``. Screenshots
of the whole X screen (the keyboard included) go to OUT/NN-name.png; OUT/summary.json says what
was done.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QPoint, QPointF, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScroller, QWidget

SCREEN = QRect(0, 0, 1280, 800)


class Unreachable(AssertionError):
    """A control the citizen needs is off the screen, under the keyboard or covered."""


class Finger:
    def __init__(self, win: Any, out: Path) -> None:
        self.win = win
        self.out = out
        self.dev = QTest.createTouchDevice()
        self.n = 0
        self.log: list[str] = []

    # looking ---------------------------------------------------------------------------------
    def shot(self, name: str) -> None:
        self.n += 1
        QTest.qWait(120)
        pix = QGuiApplication.primaryScreen().grabWindow(0)
        pix.save(str(self.out / f"{self.n:02d}-{name}.png"))

    def wait(self, cond: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}")
            QTest.qWait(50)

    def keyboard_rect(self) -> QRect:
        im = QGuiApplication.inputMethod()
        return im.keyboardRectangle().toRect() if im.isVisible() else QRect()

    def check(self, w: QWidget, name: str) -> QPoint:
        """The centre of ``w`` on the screen, if a finger can reach it there."""
        if not w.isVisible():
            raise Unreachable(f"{name}: not shown")
        if not w.isEnabled():
            raise Unreachable(f"{name}: disabled")
        r = QRect(w.mapToGlobal(QPoint(0, 0)), w.size())
        c = r.center()
        if not SCREEN.contains(c):
            chain = []
            p = w.parentWidget()
            while p is not None:
                chain.append(f"{type(p).__name__}:{p.objectName()}:{p.height()}")
                p = p.parentWidget()
            raise Unreachable(f"{name}: off the screen at {r} (in {' < '.join(chain)})")
        kb = self.keyboard_rect()
        if not kb.isEmpty() and kb.intersects(r):
            raise Unreachable(f"{name}: under the on-screen keyboard ({r} ∩ {kb})")
        at = QApplication.widgetAt(c)
        if at is None or (at is not w and not w.isAncestorOf(at)):
            raise Unreachable(f"{name}: covered by {at.objectName() if at else None!r}")
        h = min(r.height(), r.width())
        minimum = 80 if self.win.elder_mode else 60
        if h < minimum - 4 and w.inherits("QAbstractButton"):
            raise Unreachable(f"{name}: {h}px is too small for a finger (≥ {minimum})")
        return c

    # touching ------------------------------------------------------------------------------------
    def _window_at(self, gp: QPoint) -> Any:
        kb = self.keyboard_rect()
        if not kb.isEmpty() and kb.contains(gp):
            for w in QGuiApplication.topLevelWindows():
                if w.isVisible() and w.inherits("QQuickWindow"):
                    return w
        return self.win.windowHandle()

    def tap_at(self, gp: QPoint) -> None:
        window = self._window_at(gp)
        local = gp - window.position()
        QTest.touchEvent(window, self.dev).press(0, local)
        QTest.qWait(40)
        QTest.touchEvent(window, self.dev).release(0, local)
        QTest.qWait(160)

    def tap(self, w: QWidget, name: str) -> None:
        self.reveal(w, name)
        self.tap_at(self.check(w, name))
        self.log.append(f"tap {name}")

    def drag(self, area: QAbstractScrollArea, dy: int, hold: bool = False) -> None:
        """A finger drag of ``dy`` pixels up the area; ``hold``: rest before lifting, so the
        list stops where it is put instead of gliding on."""
        vp = area.viewport()
        start = vp.mapToGlobal(QPoint(vp.width() // 2, vp.height() // 2 + dy // 2))
        window = self.win.windowHandle()
        a = start - window.position()
        QTest.touchEvent(window, self.dev).press(0, a)
        QTest.qWait(20)
        steps = 12
        for i in range(1, steps + 1):
            QTest.touchEvent(window, self.dev).move(0, a - QPoint(0, dy * i // steps))
            QTest.qWait(16)
        if hold:
            QTest.qWait(300)
            QTest.touchEvent(window, self.dev).move(0, a - QPoint(0, dy))
            QTest.qWait(100)
        QTest.touchEvent(window, self.dev).release(0, a - QPoint(0, dy))
        scroller = QScroller.scroller(vp)
        self.wait(lambda: scroller.state() == QScroller.State.Inactive, "the list to settle", 5)

    def reveal(self, w: QWidget, name: str) -> None:
        """Drag the scroll area holding ``w`` until ``w`` is inside its viewport."""
        area = _area_of(w)
        if area is None:
            return
        vp = area.viewport()
        for _ in range(40):
            r = QRect(w.mapTo(vp, QPoint(0, 0)), w.size())
            if vp.rect().contains(r.center()) and r.bottom() <= vp.height():
                return
            bar = area.verticalScrollBar()
            down = r.center().y() > vp.height() // 2
            if (down and bar.value() >= bar.maximum()) or (not down and bar.value() <= 0):
                return  # cannot move further: check() says what is wrong
            step = min(vp.height() // 2, 300, abs(r.center().y() - vp.height() // 2) + 40)
            self.drag(area, step if down else -step, hold=True)
        raise Unreachable(f"{name}: never came into sight by dragging")

    def drag_to_end(self, area: QAbstractScrollArea, name: str) -> int:
        bar = area.verticalScrollBar()
        drags = 0
        while bar.value() < bar.maximum():
            if drags > 60:
                raise Unreachable(f"{name}: the end was never reached by dragging")
            before = bar.value()
            self.drag(area, min(area.viewport().height() * 2 // 3, 400))
            drags += 1
            if bar.value() == before:
                raise Unreachable(f"{name}: a drag does not scroll it")
        self.log.append(f"dragged {name} to its end ({drags} drags)")
        return drags

    def drag_all(self, root: QWidget, name: str) -> None:
        """Every list and scrolling page shown under ``root``, dragged to its end and back."""
        for area in root.findChildren(QAbstractScrollArea):
            if area.isVisible() and area.verticalScrollBar().maximum() > 0:
                label = f"{name}/{area.objectName() or type(area).__name__}"
                if self.drag_to_end(area, label):
                    self.shot(f"{name}-end")
                    while area.verticalScrollBar().value() > 0:
                        self.drag(area, -400)

    # the on-screen keyboard -----------------------------------------------------------------------
    def keyboard_view(self) -> Any:
        from PySide6.QtQuick import QQuickView

        for w in QGuiApplication.topLevelWindows():
            if isinstance(w, QQuickView) and w.isVisible():
                return w
        return None

    def keys(self) -> dict[str, Any]:
        view = self.keyboard_view()
        found: dict[str, Any] = {}

        def walk(item: Any) -> None:
            for c in item.childItems():
                mo = c.metaObject()
                if mo.indexOfProperty("key") >= 0 and mo.indexOfProperty("text") >= 0:
                    text = c.property("text")
                    if c.isVisible() and c.width() > 0 and isinstance(text, str) and text:
                        found.setdefault(text.lower(), c)
                walk(c)

        if view is not None:
            walk(view.rootObject())
        return found

    def _item_centre(self, item: Any) -> QPoint:
        view = self.keyboard_view()
        p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        return p + view.position()

    def type(self, text: str, name: str) -> None:
        self.wait(lambda: bool(self.keys()), "the on-screen keyboard", 10)
        for ch in text:
            keys = self.keys()
            key = keys.get(ch.lower())
            if key is None:
                raise Unreachable(f"{name}: no key {ch!r} on the keyboard ({sorted(keys)[:40]})")
            self.tap_at(self._item_centre(key))
        self.log.append(f"typed {text!r} into {name}")

    def pick_candidate(self, name: str) -> None:
        """Tap the first word the pinyin keyboard offers."""
        view = self.keyboard_view()
        items: list[Any] = []

        def walk(item: Any) -> None:
            for c in item.childItems():
                if "SelectionListItem" in c.metaObject().className() and c.isVisible():
                    items.append(c)
                walk(c)

        self.wait(lambda: (items.clear(), walk(view.rootObject()), bool(items))[2], "candidates")
        first = min(items, key=lambda i: i.mapToScene(QPointF(0, 0)).x())
        self.tap_at(self._item_centre(first))
        self.log.append(f"picked a pinyin candidate in {name}")

    def hide_keyboard(self) -> None:
        """The keyboard's own hide key, as a citizen would close it."""
        keys = self.keys()
        hide = next((k for t, k in keys.items() if "hide" in (k.objectName() or "").lower()), None)
        if hide is not None:
            self.tap_at(self._item_centre(hide))
        else:
            QGuiApplication.inputMethod().hide()
        self.wait(lambda: not QGuiApplication.inputMethod().isVisible(), "keyboard hidden", 5)


def _area_of(w: QWidget) -> QAbstractScrollArea | None:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QAbstractScrollArea) and p.verticalScrollBar().maximum() > 0:
            return p
        p = p.parentWidget()
    return None


def main(mode: str, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-finger-"))
    os.environ["KIOSK_DATA_DIR"] = str(tmp / "data")
    from tests.finger import scenario

    summary: dict[str, Any] = {"mode": mode, "ok": False}
    kiosk = scenario.start(tmp, "five-ones-desk" if mode == "desk" else "kiosk-24h")
    finger = Finger(kiosk.win, out)
    try:
        if mode == "desk":
            scenario.run_desk(kiosk, finger)
        else:
            scenario.run(kiosk, finger, mode)
        summary["ok"] = True
    except Exception as exc:
        summary["error"] = f"{type(exc).__name__}: {exc}"
        summary["trace"] = traceback.format_exc()
        with contextlib.suppress(Exception):
            finger.shot("failure")
    finally:
        summary["steps"] = finger.log
        summary["screenshots"] = finger.n
        (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
        scenario.stop(kiosk)
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    code = main(sys.argv[1], Path(sys.argv[2]))
    sys.stdout.flush()
    # leave without tearing Qt down object by object: the keyboard's QML engine outlives
    # the application at interpreter exit and aborts; everything that matters is written
    os._exit(code)
