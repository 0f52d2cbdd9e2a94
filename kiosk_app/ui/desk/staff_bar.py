"""The bar under the desk's item and intake pages: who is signed in, and "Sign out"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk_app.core.flows.desk_staff import Staff
from kiosk_app.ui.widgets import button, label


class StaffBar(QWidget):
    """``row`` takes more widgets to the right (the intake page puts its Submit there)."""

    sign_out = Signal()

    def __init__(self, where: str) -> None:
        super().__init__()
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.who = label("muted")
        self.who.setObjectName(f"desk_staff_{where}")
        self.row.addWidget(self.who, 1)
        self.out_btn = button("", "")
        self.out_btn.setObjectName(f"desk_sign_out_{where}")
        self.out_btn.clicked.connect(self.sign_out.emit)
        self.row.addWidget(self.out_btn)

    def retranslate(self, staff: Staff | None) -> None:
        self.out_btn.setText(self.tr("Sign out"))
        self.show_staff(staff)

    def show_staff(self, staff: Staff | None) -> None:
        self.who.setText(
            self.tr("Signed in: %1 (%2)").replace("%1", staff.name).replace("%2", staff.id)
            if staff
            else ""
        )
