"""Touch first: every scrolling area follows a finger, shows that there is more, and every
long row of choices can be paged with big buttons instead of scrolled.

A kiosk has no mouse wheel and no keyboard, and a 6-pixel scroll bar is not something an elderly
citizen sees, let alone drags. So:

- ``kinetic(area)`` — Qt's QScroller on the area's viewport, fed by ``DragScroll`` (a drag
  scrolls, a flick glides on, a tap still presses what is under the finger; a drag that
  scrolled is not a tap), and a ``ScrollHint`` on its edges: a fade and "more below ▼" or
  "▲ more above" while there is more.
- ``PagedGrid`` — a fixed number of big items per page with large previous/next buttons and
  "page 1 of 2": elder mode's home and ticket categories fit without scrolling and still reach
  every item.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.ui.widgets import button, label

HINT_PX = 44


def kinetic(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Make ``area`` follow a finger and show when there is more to see; returns it."""
    if area.property("kinetic"):
        return area
    area.setProperty("kinetic", True)
    scroller = QScroller.scroller(area.viewport())
    props = scroller.scrollerProperties()
    # no rubber band past the ends: a list that springs back reads as "stuck" to many people
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    scroller.setScrollerProperties(props)
    if isinstance(area, QAbstractItemView):
        area.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        area.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    DragScroll.install()
    ScrollHint(area)
    return area


class DragScroll(QObject):
    """Feeds a finger's drag to the QScroller of the kinetic area under it.

    Qt's own touch gesture for QScroller swallowed every other quick tap on the buttons inside
    a scrolling page (a keypad lost half its digits). Here a press and a release go to the
    button or list row as usual; only once the finger has moved past the drag distance does the
    scroller take over (``QScroller.handleInput``: the same physics, flick and glide), the
    button under the finger is let go, and the release that ends the drag is not a tap. A
    touch on a gliding list stops it and does nothing else. Touch screens deliver these as the
    mouse events Qt makes from touches, so one filter serves a finger and a mouse alike.
    """

    _instance: DragScroll | None = None
    THRESHOLD_PX = 14

    @classmethod
    def install(cls) -> None:
        app = QCoreApplication.instance()
        if cls._instance is None and app is not None:
            cls._instance = cls(app)
            app.installEventFilter(cls._instance)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._area: QAbstractScrollArea | None = None
        self._start = QPointF()
        self._pressed: QWidget | None = None
        self._dragging = False
        self._press: tuple[int, QPointF] | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        et = event.type()
        if (
            et == QEvent.Type.MouseButtonPress
            and isinstance(obj, QWidget)
            and isinstance(event, QMouseEvent)
        ):
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            stamp = (event.timestamp(), event.globalPosition())
            if stamp == self._press:
                return False  # the same press, passed on to a parent: keep what it found
            self._press = stamp
            area = _kinetic_area(obj)
            self._area, self._pressed, self._dragging = area, obj, False
            if area is None:
                return False
            self._start = event.globalPosition()
            scroller = QScroller.scroller(area.viewport())
            if scroller.state() == QScroller.State.Scrolling:
                scroller.stop()
                self._area = None
                return True  # a touch that stops a gliding list only stops it
            return False
        if self._area is None or not shiboken6.isValid(self._area):
            self._area = None
            return False
        if et == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            pos = event.globalPosition()
            if not self._dragging:
                if (pos - self._start).manhattanLength() < self.THRESHOLD_PX:
                    return False
                self._dragging = True
                self._feed(QScroller.Input.InputPress, self._start, event)
                pressed = self._pressed
                if isinstance(pressed, QAbstractButton) and shiboken6.isValid(pressed):
                    pressed.setDown(False)  # the finger is scrolling, not pressing
            self._feed(QScroller.Input.InputMove, pos, event)
            return True
        if et == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            area, self._area = self._area, None
            if self._dragging:
                self._dragging = False
                self._area = area
                self._feed(QScroller.Input.InputRelease, event.globalPosition(), event)
                self._area = None
                return True  # the end of a drag is not a tap
        return False

    def _feed(self, what: QScroller.Input, global_pos: QPointF, event: QMouseEvent) -> None:
        area = self._area
        if area is None:
            return
        vp = area.viewport()
        local = QPointF(vp.mapFromGlobal(global_pos.toPoint()))
        stamp = int(event.timestamp())
        QScroller.scroller(vp).handleInput(what, local, stamp)


def _kinetic_area(w: QWidget) -> QAbstractScrollArea | None:
    p: QWidget | None = w
    while p is not None:
        if isinstance(p, QAbstractScrollArea) and p.property("kinetic"):
            bar = p.verticalScrollBar()
            if bar.maximum() > 0 or p.horizontalScrollBar().maximum() > 0:
                return p
        p = p.parentWidget()
    return None


class ScrollHint(QObject):
    """A fade and a sentence on the edge of an area where more content lies beyond it."""

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self.below = _Edge(area, bottom=True)
        self.above = _Edge(area, bottom=False)
        bar = area.verticalScrollBar()
        bar.valueChanged.connect(self.update)
        bar.rangeChanged.connect(lambda _a, _b: self.update())
        area.installEventFilter(self)
        self.update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        et = event.type()
        if et in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self.update()
        elif et == QEvent.Type.LanguageChange:
            self.below.retranslate()
            self.above.retranslate()
        return False

    def update(self) -> None:
        bar = self.area.verticalScrollBar()
        vp = self.area.viewport().geometry()
        for edge, show in (
            (self.below, bar.value() < bar.maximum()),
            (self.above, bar.value() > 0),
        ):
            y = vp.bottom() - HINT_PX + 1 if edge.bottom else vp.top()
            edge.setGeometry(vp.left(), y, vp.width(), HINT_PX)
            edge.compact = vp.width() < 420  # a narrow list: the arrows say it
            edge.retranslate()
            edge.setVisible(show and vp.height() > 3 * HINT_PX)
            if show:
                edge.raise_()


class _Edge(QLabel):
    def __init__(self, area: QWidget, bottom: bool) -> None:
        super().__init__(area)
        self.bottom = bottom
        self.compact = False
        self.setObjectName("scroll_more_below" if bottom else "scroll_more_above")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
        a, b = ("0", "1") if bottom else ("1", "0")
        self.setStyleSheet(
            "QLabel { color: #0B4FA8; font-weight: 700;"
            f" background: qlineargradient(x1:0, y1:0, x2:0, y2:1,"
            f" stop:{a} rgba(244,247,251,0), stop:{b} rgba(244,247,251,235)); }}"
        )
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        if self.compact:
            self.setText("▼ ▼ ▼" if self.bottom else "▲ ▲ ▲")
            return
        self.setText(
            QCoreApplication.translate("Touch", "▼  More below: drag up  ▼")
            if self.bottom
            else QCoreApplication.translate("Touch", "▲  More above: drag down  ▲")
        )


class PagedGrid(QWidget):
    """``columns`` × ``rows`` items a page, with big previous/next buttons under them."""

    page_changed = Signal(int)

    def __init__(self, columns: int, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns, self.rows = columns, rows
        self.items: list[QWidget] = []
        self.page = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(16)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(16)
        lay.addWidget(self.grid_host, 1)
        nav = QHBoxLayout()
        nav.setSpacing(16)
        self.prev_btn = button("", "")
        self.prev_btn.setObjectName("page_prev")
        self.prev_btn.clicked.connect(lambda: self.show_page(self.page - 1))
        self.where = label("title")
        self.where.setObjectName("page_where")
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_btn = button("primary", "")
        self.next_btn.setObjectName("page_next")
        self.next_btn.clicked.connect(lambda: self.show_page(self.page + 1))
        for b in (self.prev_btn, self.next_btn):
            b.setMinimumHeight(80)
            b.setMinimumWidth(220)
        nav.addWidget(self.prev_btn)
        nav.addWidget(self.where, 1)
        nav.addWidget(self.next_btn)
        self.nav = QWidget()
        self.nav.setLayout(nav)
        lay.addWidget(self.nav)
        self.retranslate()

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.items) // self.per_page))

    def set_items(self, items: Sequence[QWidget]) -> None:
        for w in self.items:
            self.grid.removeWidget(w)
            w.hide()
        self.items = list(items)
        for w in self.items:
            w.setParent(self.grid_host)
            w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        for c in range(max(self.columns, 6)):
            self.grid.setColumnStretch(c, 1 if c < self.columns else 0)
        for r in range(max(self.rows, 6)):
            self.grid.setRowStretch(r, 1 if r < self.rows else 0)
        self.show_page(0)

    def show_page(self, page: int) -> None:
        self.page = max(0, min(page, self.pages - 1))
        for w in self.items:
            self.grid.removeWidget(w)
            w.hide()
        first = self.page * self.per_page
        for i, w in enumerate(self.items[first : first + self.per_page]):
            self.grid.addWidget(w, i // self.columns, i % self.columns)
            w.show()
        self.nav.setVisible(self.pages > 1)
        self.prev_btn.setEnabled(self.page > 0)
        self.next_btn.setEnabled(self.page < self.pages - 1)
        self._where()
        self.page_changed.emit(self.page)

    def page_of(self, item: QWidget) -> int:
        return self.items.index(item) // self.per_page

    def _where(self) -> None:
        self.where.setText(
            QCoreApplication.translate("Touch", "Page %1 of %2")
            .replace("%1", str(self.page + 1))
            .replace("%2", str(self.pages))
        )

    def retranslate(self) -> None:
        self.prev_btn.setText(QCoreApplication.translate("Touch", "◀  Previous"))
        self.next_btn.setText(QCoreApplication.translate("Touch", "More  ▶"))
        self._where()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
