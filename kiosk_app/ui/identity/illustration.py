"""Where to lay the card, and where to hold the phone: drawn with QPainter, no image file.

The drawing has no words (the page's labels say them, in the citizen's language); it scales
with the room it is given, so elder mode's larger page gets a larger picture.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

_READER = QColor("#37474f")
_PAD = QColor("#90caf9")
_CARD = QColor("#e3f2fd")
_CARD_EDGE = QColor("#1565c0")
_ARROW = QColor("#e65100")
_PHONE = QColor("#263238")


class HowTo(QWidget):
    """``kind``: "card" — a card coming down flat onto the reader's sensing area (the area
    glowing, an arrow down); "phone" — a phone showing a QR code held over the scanner."""

    def __init__(self, kind: str = "card", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"identity_howto_{kind}")
        self.setMinimumSize(220, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        # a 4:3 drawing area, centred, as large as fits
        w, h = self.width(), self.height()
        side = min(w / 4, h / 3)
        box = QRectF((w - 4 * side) / 2, (h - 3 * side) / 2, 4 * side, 3 * side)
        if self.kind == "phone":
            self._phone(p, box)
        else:
            self._card(p, box)
        p.end()

    @staticmethod
    def _reader(p: QPainter, box: QRectF) -> QRectF:
        """The reader's body along the bottom; returns its sensing area."""
        u = box.width() / 40
        body = QRectF(box.left() + 4 * u, box.bottom() - 9 * u, 32 * u, 8 * u)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_READER)
        p.drawRoundedRect(body, 2 * u, 2 * u)
        pad = body.adjusted(6 * u, 1.5 * u, -6 * u, -2.5 * u)
        p.setBrush(_PAD)
        p.drawRoundedRect(pad, u, u)
        # the radio waves: three arcs over the pad's middle
        pen = QPen(QColor("#ffffff"), 0.6 * u)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        c = pad.center()
        for r in (1.2 * u, 2.2 * u, 3.2 * u):
            p.drawArc(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), 30 * 16, 120 * 16)
        return pad

    def _card(self, p: QPainter, box: QRectF) -> None:
        u = box.width() / 40
        pad = self._reader(p, box)
        # the card above the pad, a little smaller in perspective, its shadow on the pad
        card = QRectF(pad.center().x() - 9 * u, box.top() + 2 * u, 18 * u, 11.3 * u)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 40))
        p.drawRoundedRect(pad.adjusted(u, 0.5 * u, -u, -0.5 * u), u, u)
        p.setPen(QPen(_CARD_EDGE, 0.4 * u))
        p.setBrush(_CARD)
        p.drawRoundedRect(card, 1.2 * u, 1.2 * u)
        # the photo square and the text lines of a resident ID card's front
        photo = QRectF(card.right() - 6 * u, card.top() + 1.8 * u, 4.5 * u, 5.8 * u)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#90a4ae"))
        p.drawRoundedRect(photo, 0.4 * u, 0.4 * u)
        p.setBrush(QColor("#b0bec5"))
        for i in range(4):
            p.drawRoundedRect(
                QRectF(card.left() + 1.5 * u, card.top() + (2 + 2 * i) * u, 9 * u, 0.8 * u),
                0.3 * u,
                0.3 * u,
            )
        p.drawRoundedRect(
            QRectF(card.left() + 1.5 * u, card.bottom() - 2.2 * u, 15 * u, 0.9 * u),
            0.3 * u,
            0.3 * u,
        )
        self._arrow(p, QPointF(card.left() - 3.5 * u, card.top() + 2 * u), pad.top() - u, u)
        self._arrow(p, QPointF(card.right() + 3.5 * u, card.top() + 2 * u), pad.top() - u, u)

    def _phone(self, p: QPainter, box: QRectF) -> None:
        u = box.width() / 40
        pad = self._reader(p, box)
        phone = QRectF(pad.center().x() - 5 * u, box.top() + 0.5 * u, 10 * u, 17 * u)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_PHONE)
        p.drawRoundedRect(phone, 1.5 * u, 1.5 * u)
        screen = phone.adjusted(0.8 * u, 1.6 * u, -0.8 * u, -1.6 * u)
        p.setBrush(QColor("#ffffff"))
        p.drawRect(screen)
        # a QR-like pattern: three finder squares and a few modules
        q = QRectF(screen.center().x() - 3.5 * u, screen.center().y() - 3.5 * u, 7 * u, 7 * u)
        p.setBrush(QColor("#000000"))
        m = q.width() / 7
        for x, y in ((0, 0), (4, 0), (0, 4)):
            p.drawRect(QRectF(q.left() + x * m, q.top() + y * m, 3 * m, 3 * m))
            p.setBrush(QColor("#ffffff"))
            p.drawRect(QRectF(q.left() + (x + 0.6) * m, q.top() + (y + 0.6) * m, 1.8 * m, 1.8 * m))
            p.setBrush(QColor("#000000"))
            p.drawRect(QRectF(q.left() + (x + 1) * m, q.top() + (y + 1) * m, m, m))
        for x, y in ((4, 4), (5, 6), (6, 4), (4, 6), (5, 5)):
            p.drawRect(QRectF(q.left() + x * m, q.top() + y * m, m, m))
        self._arrow(p, QPointF(phone.right() + 4 * u, phone.top() + 3 * u), pad.top() - u, u)

    @staticmethod
    def _arrow(p: QPainter, top: QPointF, bottom_y: float, u: float) -> None:
        pen = QPen(_ARROW, 1.0 * u)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawLine(top, QPointF(top.x(), bottom_y - 1.5 * u))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_ARROW)
        head = QPainterPath()
        head.addPolygon(
            QPolygonF(
                [
                    QPointF(top.x() - 1.6 * u, bottom_y - 2 * u),
                    QPointF(top.x() + 1.6 * u, bottom_y - 2 * u),
                    QPointF(top.x(), bottom_y),
                ]
            )
        )
        p.drawPath(head)
