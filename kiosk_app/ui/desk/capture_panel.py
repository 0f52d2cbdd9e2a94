"""The document-camera part of the intake screen: live view with the page outline, page / ID-card
mode, "take now", and the captured pages as thumbnails to reorder, retake or delete.

The camera adapter takes pages by itself when the desk is still (and sends every take, manual
or automatic, as a ``CapturedFrame``); this panel files each take through ``CaptureFlow`` off the
GUI thread, one at a time and in order, so a quick second page is never lost behind the first.
Without a document camera the panel says so and the intake goes on with the scan gun alone.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from devices.base import Device, DeviceState
from devices.imaging.adapter import CapturedFrame, CaptureRequest, PreviewFrame
from devices.imaging.pdf import SessionError
from kiosk_app.core.flows.capture_flow import CaptureFlow, CaptureMode, FrameResult, Taken
from kiosk_app.ui.flows.common import FlowScreen
from kiosk_app.ui.weak import WeakAttr
from kiosk_app.ui.widgets import button, label

log = logging.getLogger(__name__)

PREVIEW_W, PREVIEW_H = 320, 240
THUMB = QSize(64, 90)
MIN_PREVIEW_H = 180


def to_pixmap(image: np.ndarray[Any, Any]) -> QPixmap:
    """A BGR or grey numpy image as a QPixmap (copied: the array may be reused)."""
    img = np.ascontiguousarray(image)
    if img.ndim == 2:
        q = QImage(
            img.data, img.shape[1], img.shape[0], img.strides[0], QImage.Format.Format_Grayscale8
        )
    else:
        q = QImage(
            img.data, img.shape[1], img.shape[0], img.strides[0], QImage.Format.Format_BGR888
        )
    return QPixmap.fromImage(q.copy())


class CapturePanel(QWidget):
    """Emits ``changed`` whenever the page list changes (the screen updates its submit button)."""

    host = WeakAttr["FlowScreen"]()  # no cycle back to the screen (kiosk_app.ui.weak)

    changed = Signal()

    def __init__(
        self,
        host: FlowScreen,
        flow: CaptureFlow | None,
        preview_size: tuple[int, int] = (PREVIEW_W, PREVIEW_H),
    ) -> None:
        super().__init__()
        self.preview_w, self.preview_h = preview_size
        self.host = host  # the screen: its task runner, and whose flow a page belongs to
        self.win = host.win
        self.flow = flow
        self._queue: deque[tuple[Any, Any]] = deque()
        self._busy = False
        self.message_kind = ""

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        self.heading = label("title")
        lay.addWidget(self.heading)
        top = QHBoxLayout()
        self.preview = QLabel()
        self.preview.setObjectName("desk_preview")
        # as large as the screen leaves room for, up to preview_size: elder mode's larger type
        # and a smaller display shrink the camera picture, never push buttons off the screen
        self.preview.setFixedWidth(self.preview_w)
        self.preview.setMinimumHeight(MIN_PREVIEW_H)
        self.preview.setMaximumHeight(self.preview_h)
        self.preview.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #20262e; color: #e8eef5; border-radius: 8px;")
        column = QVBoxLayout()  # the picture at the top; what it cannot use stays below it
        column.addWidget(self.preview, 1)
        column.addStretch(0)
        top.addLayout(column)
        side = self.side = QVBoxLayout()  # a screen may add its own action under the camera's
        self.page_btn = button("toggle", "")
        self.page_btn.setObjectName("desk_mode_page")
        self.id_btn = button("toggle", "")
        self.id_btn.setObjectName("desk_mode_id")
        for b, mode in ((self.page_btn, CaptureMode.PAGE), (self.id_btn, CaptureMode.ID_CARD)):
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            side.addWidget(b)
        self.page_btn.setChecked(True)
        self.take_btn = button("primary", "")
        self.take_btn.setObjectName("desk_take")
        self.take_btn.clicked.connect(self.take_now)
        side.addWidget(self.take_btn)
        side.addStretch(1)
        top.addLayout(side, 1)
        lay.addLayout(top, 1)
        self.status = label("body")
        self.status.setObjectName("desk_capture_status")
        lay.addWidget(self.status)

        strip = QHBoxLayout()
        self.pages = QListWidget()
        self.pages.setObjectName("desk_pages")
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setFlow(QListView.Flow.LeftToRight)
        self.pages.setWrapping(False)
        self.pages.setIconSize(THUMB)
        self.pages.setFixedHeight(THUMB.height() + 64)
        self.pages.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.pages.setMovement(QListView.Movement.Static)
        self.pages.currentRowChanged.connect(lambda _r: self._update_buttons())
        strip.addWidget(self.pages, 1)
        edits = QGridLayout()
        self.left_btn = button("", "")
        self.left_btn.setObjectName("desk_page_left")
        self.left_btn.clicked.connect(lambda: self.move_selected(-1))
        self.right_btn = button("", "")
        self.right_btn.setObjectName("desk_page_right")
        self.right_btn.clicked.connect(lambda: self.move_selected(1))
        self.retake_btn = button("", "")
        self.retake_btn.setObjectName("desk_page_retake")
        self.retake_btn.clicked.connect(self.retake_selected)
        self.delete_btn = button("danger", "")
        self.delete_btn.setObjectName("desk_page_delete")
        self.delete_btn.clicked.connect(self.delete_selected)
        for i, b in enumerate((self.left_btn, self.right_btn, self.retake_btn, self.delete_btn)):
            edits.addWidget(b, i // 2, i % 2)
        strip.addLayout(edits)
        lay.addLayout(strip)

        bridge = self.win.bridges.get("doc_camera")
        if bridge is not None:
            bridge.data.connect(self.on_camera)
            bridge.stateChanged.connect(lambda _s: self.retranslate())
        self.retranslate()

    # state -------------------------------------------------------------------------------------
    def camera(self) -> Device | None:
        devices = self.win.ctx.devices
        return devices.get("doc_camera") if devices is not None else None

    def camera_ready(self) -> bool:
        cam = self.camera()
        return cam is not None and self.flow is not None and cam.state is DeviceState.ENABLED

    def page_count(self) -> int:
        return len(self.flow.page_list()) if self.flow is not None else 0

    def busy(self) -> bool:
        return self._busy or bool(self._queue)

    # texts -------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Paper materials (document camera)"))
        self.page_btn.setText(self.tr("Pages"))
        self.id_btn.setText(self.tr("ID card"))
        self.take_btn.setText(self.tr("Take now"))
        self.left_btn.setText(self.tr("◀ Earlier"))
        self.right_btn.setText(self.tr("Later ▶"))
        self.retake_btn.setText(self.tr("Retake"))
        self.delete_btn.setText(self.tr("Delete"))
        for i in range(self.pages.count()):
            self.pages.item(i).setText(self.tr("Page %1").replace("%1", str(i + 1)))
        self._show_status()
        self._update_buttons()

    def _show_status(self) -> None:
        if self.camera() is None or self.flow is None:
            text = self.tr(
                "No document camera at this desk. Take in the case with the authorisation "
                "code (scan gun or typing)."
            )
            self.preview.setText(self.tr("No camera"))
        elif not self.camera_ready():
            text = self.tr(
                "The document camera is not connected. Check its cable; the case can still "
                "be taken in with the authorisation code."
            )
            self.preview.setText(self.tr("Camera offline"))
        elif self.busy():
            text = self.tr("Processing the page…")
        elif self.flow.retake_index is not None:
            text = self.tr("Lay the new page %1 under the camera.").replace(
                "%1", str(self.flow.retake_index + 1)
            )
        elif self.flow.waiting_for_back:
            text = self.tr("Front taken. Turn the ID card over for the back.")
        elif self.flow.mode is CaptureMode.ID_CARD:
            text = self.tr("Lay the ID card front side up; it is taken when still.")
        else:
            text = self.tr("Lay a page flat under the camera; it is taken when still.")
        self.status.setText(text)

    def _update_buttons(self) -> None:
        ready = self.camera_ready()
        row = self.pages.currentRow()
        n = self.pages.count()
        self.take_btn.setEnabled(ready)
        self.page_btn.setEnabled(ready)
        self.id_btn.setEnabled(ready)
        self.left_btn.setEnabled(row > 0)
        self.right_btn.setEnabled(0 <= row < n - 1)
        self.retake_btn.setEnabled(ready and row >= 0)
        self.delete_btn.setEnabled(row >= 0)

    # camera ------------------------------------------------------------------------------------
    def on_camera(self, payload: object) -> None:
        if not shiboken6.isValid(self) or self.flow is None or not self.isVisible():
            return
        if isinstance(payload, PreviewFrame):
            self._show_preview(payload)
        elif isinstance(payload, CapturedFrame):
            self._queue.append((payload.image, payload.corners))
            self._next()

    def _show_preview(self, frame: PreviewFrame) -> None:
        pix = to_pixmap(frame.image)
        box = self.preview.contentsRect()
        scale = min(box.width() / pix.width(), box.height() / pix.height())
        pix = pix.scaled(
            int(pix.width() * scale),
            int(pix.height() * scale),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        if frame.corners is not None:
            painter = QPainter(pix)
            painter.setPen(QPen(QColor("#2ecc71"), 3))
            painter.drawPolygon(
                QPolygonF([QPointF(float(x) * scale, float(y) * scale) for x, y in frame.corners])
            )
            painter.end()
        self.preview.setPixmap(pix)

    def take_now(self) -> None:
        """The camera takes the next frame; it arrives as a CapturedFrame like an automatic one."""
        cam = self.camera()
        if cam is None or not self.camera_ready():
            self._show_status()
            return
        try:
            cam.submit(CaptureRequest())
        except Exception:
            log.exception("document camera refused a capture")
            self.status.setText(self.tr("The camera did not take the picture. Please try again."))

    def _next(self) -> None:
        if self._busy or not self._queue or self.flow is None:
            self._show_status()
            return
        self._busy = True
        image, corners = self._queue.popleft()
        flow = self.flow
        self._show_status()
        self.host.run_task(lambda: flow.take(image, corners), self._taken, self._failed)

    def _taken(self, result: FrameResult) -> None:
        self._busy = False
        # a page or an ID card is personal: leaving the flow now asks first (core.visit)
        self.win.ctx.session.hold_personal(self.host.name)
        self.refresh(select=result.page_index)
        if result.taken is Taken.ID_FRONT:
            self.status.setText(self.tr("Front taken. Turn the ID card over for the back."))
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.status.setText(self.tr("This picture could not be used. Please lay the page again."))
        self._next()

    # pages -------------------------------------------------------------------------------------
    def set_mode(self, mode: CaptureMode) -> None:
        if self.flow is None:
            return
        self.flow.set_mode(mode)
        self.page_btn.setChecked(mode is CaptureMode.PAGE)
        self.id_btn.setChecked(mode is CaptureMode.ID_CARD)
        self._show_status()

    def refresh(self, select: int | None = None) -> None:
        self.pages.clear()
        pages = self.flow.page_list() if self.flow is not None else ()
        for i, page in enumerate(pages):
            pix = QPixmap(str(page.path)).scaled(
                THUMB,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            item = QListWidgetItem(QIcon(pix), self.tr("Page %1").replace("%1", str(i + 1)))
            self.pages.addItem(item)
        if select is not None and 0 <= select < self.pages.count():
            self.pages.setCurrentRow(select)
        self._update_buttons()
        self._show_status()
        self.changed.emit()

    def _selected(self) -> int:
        return self.pages.currentRow()

    def move_selected(self, step: int) -> None:
        row = self._selected()
        if self.flow is None or row < 0:
            return
        try:
            self.flow.move(row, row + step)
        except SessionError:
            return  # already first/last: nothing to move
        self.refresh(select=row + step)

    def delete_selected(self) -> None:
        row = self._selected()
        if self.flow is None or row < 0:
            return
        self.flow.delete(row)
        self.refresh(select=min(row, self.page_count() - 1))

    def retake_selected(self) -> None:
        row = self._selected()
        if self.flow is None or row < 0:
            return
        self.flow.start_retake(row)
        self._show_status()

    def wipe(self) -> None:
        self._queue.clear()
        self.pages.clear()
        self.preview.clear()
        if self.flow is not None:
            self.flow.clear()
