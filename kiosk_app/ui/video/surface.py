"""A picture from the call (the agent, the citizen's own camera, the shared document): the
latest frame scaled to fit, on dark, with a line of text when there is no picture."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class VideoSurface(QWidget):
    def __init__(self, object_name: str, border: QColor | None = None) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.image: QImage | None = None
        self.placeholder = ""
        self.border = border
        self.frames = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_frame(self, image: QImage) -> None:
        self.image = image
        self.frames += 1
        self.update()

    def clear(self, placeholder: str = "") -> None:
        """Drop the picture (a citizen's face must not stay in memory after the call)."""
        self.image = None
        self.placeholder = placeholder
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#1b222b"))
        img = self.image
        if img is not None and not img.isNull():
            scaled = img.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(self.rect().center())
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(target, img)
        elif self.placeholder:
            p.setPen(QColor("#e8eef5"))
            p.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
        if self.border is not None:
            p.setPen(QPen(self.border, 6))
            p.drawRect(self.rect().adjusted(3, 3, -3, -3))
        p.end()
