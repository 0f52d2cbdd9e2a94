"""就近办 screen: the county's service points — open now (or when next), how far from this
terminal, what each can do, and a QR code that opens navigation on the citizen's phone.

Read offline from the published list (``kiosk_app.core.service_points``). Opened from the home
tile (every point) or from a catalog item (``item_id``: the points that handle it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.core.service_points import PointList, ShownPoint, navigation_url
from kiosk_app.ui import touch
from kiosk_app.ui.flows.common import FlowScreen
from kiosk_app.ui.utility import ports
from kiosk_app.ui.widgets import card, label
from kiosk_app.ui.widgets.qr import qr_pixmap


class NearbyScreen(FlowScreen):
    name = "nearby"

    def __init__(self, window: Any, item_id: str | None = None) -> None:
        super().__init__(window)
        self.item_id = item_id
        self.points = PointList.read(ports.published(window, "service_points"))
        self.shown: list[ShownPoint] = []
        page = QWidget()
        lay = QVBoxLayout(page)
        self.intro = label("body")
        self.intro.setObjectName("nearby_intro")
        lay.addWidget(self.intro)
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("nearby_list")
        self.list.currentRowChanged.connect(self.on_chosen)
        touch.kinetic(self.list)
        body.addWidget(self.list, 3)
        side = card()
        sl = QVBoxLayout(side)
        self.detail = label("body")
        self.detail.setObjectName("nearby_detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.qr = QLabel()
        self.qr.setObjectName("nearby_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_hint = label("muted")
        sl.addWidget(self.detail)
        sl.addWidget(self.qr)
        sl.addWidget(self.qr_hint)
        sl.addStretch(1)
        body.addWidget(side, 2)
        lay.addLayout(body, 1)
        self.page = self.add_page(page)
        self.retranslate()
        self.show_page(self.page)

    def kind_name(self, kind: str) -> str:
        return {
            "community": self.tr("Community service desk"),
            "hall": self.tr("Government service hall"),
            "water": self.tr("Water company office"),
            "gas": self.tr("Gas company office"),
        }.get(kind, kind)

    def capability_name(self, cap: str) -> str:
        return {
            "utility": self.tr("water and gas connection"),
            "certfree": self.tr("certificate-free"),
            "capture": self.tr("document copies"),
            "ticket": self.tr("queue tickets"),
            "video": self.tr("video help"),
            "proofs": self.tr("proof printing"),
        }.get(cap, cap)

    def days_text(self, spec: str) -> str:
        """ISO weekdays as people read them: "1-5" → 周一至周五 / Mon–Fri."""
        names = [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                 self.tr("Fri"), self.tr("Sat"), self.tr("Sun")]  # fmt: skip
        first, _, last = spec.partition("-")
        if not last or last == first:
            return names[int(first) - 1]
        return (
            self.tr("%1 to %2")
            .replace("%1", names[int(first) - 1])
            .replace("%2", names[int(last) - 1])
        )

    def hours_text(self, s: ShownPoint) -> str:
        return self.tr("; ").join(
            f"{self.days_text(h.days)} {h.open}–{h.close}" for h in s.point.hours
        )

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.title.setText(self.tr("Nearby service points"))
        if self.points is None:
            self.intro.setText(
                self.tr(
                    "The list of service points is not on this terminal yet. "
                    "Please ask at the service desk."
                )
            )
        elif self.item_id:
            self.intro.setText(
                self.tr("Service points that handle this item, open ones first, nearest first:")
            )
        else:
            self.intro.setText(
                self.tr(
                    "Open ones first, nearest first. "
                    "Touch one for its hours and a navigation QR code."
                )
            )
        self.qr_hint.setText(self.tr("Scan with your phone to navigate there"))
        self.refresh()

    def refresh(self, now: datetime | None = None) -> None:
        row = max(0, self.list.currentRow())
        self.list.blockSignals(True)
        self.list.clear()
        self.shown = []
        if self.points is not None:
            self.shown = self.points.shown(
                self.ctx.config.terminal.id,
                now or datetime.now().astimezone(),
                item_id=self.item_id,
            )
        for s in self.shown[: 12 if self.elder else len(self.shown)]:
            dist = f"{s.distance_km:.1f} km" if s.distance_km is not None else ""
            state = self.tr("open now") if s.open_now else self.tr("closed")
            item = QListWidgetItem(f"{s.point.name}\n{state} · {dist}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self.on_chosen(self.list.currentRow())

    def on_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.shown):
            return
        s = self.shown[row]
        p = s.point
        if s.open_now:
            state = self.tr("Open now")
        elif s.opens_at is not None:
            state = self.tr("Closed; opens %1").replace("%1", s.opens_at.strftime("%m-%d %H:%M"))
        else:
            state = self.tr("Closed")
        caps = "、".join(self.capability_name(c) for c in p.capabilities)
        lines = [
            p.name,
            self.kind_name(p.kind),
            state,
            self.tr("Hours: %1").replace("%1", self.hours_text(s)),
            self.tr("Address: %1").replace("%1", p.address),
            self.tr("Phone: %1").replace("%1", p.phone) if p.phone else "",
            self.tr("Can help with: %1").replace("%1", caps) if caps else "",
        ]
        if s.distance_km is not None:
            lines.append(
                self.tr("About %1 km from this terminal").replace("%1", f"{s.distance_km:.1f}")
            )
        self.detail.setText("\n".join(x for x in lines if x))
        self.qr.setPixmap(qr_pixmap(navigation_url(p), 200 if not self.elder else 260))
