"""The 12345 request filed: the work-order number large with what was reported (the phone
masked), the hotline's deadlines, the printed slip's status, and Rate / Finish."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from contract.codes import spoken
from kiosk_app.core.flows.hotline import HotlineFlow
from kiosk_app.ui.flows.widgets import TicketPanel
from kiosk_app.ui.widgets import button, label


class SlipPanel(QWidget):
    rate = Signal()
    finish = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        self.panel = TicketPanel()
        lay.addWidget(self.panel)
        self.deadlines = label("body")
        self.deadlines.setObjectName("hotline_deadlines")
        lay.addWidget(self.deadlines)
        lay.addStretch(1)
        row = QHBoxLayout()
        self.rate_btn = button("primary", "")
        self.rate_btn.setObjectName("hotline_rate")
        self.rate_btn.clicked.connect(self.rate.emit)
        self.finish_btn = button("", "")
        self.finish_btn.setObjectName("hotline_finish")
        self.finish_btn.clicked.connect(self.finish.emit)
        row.addStretch(1)
        row.addWidget(self.rate_btn)
        row.addWidget(self.finish_btn)
        lay.addLayout(row)

    def retranslate(self) -> None:
        self.rate_btn.setText(self.tr("Rate this service"))
        self.finish_btn.setText(self.tr("Finish"))

    def show_filed(self, flow: HotlineFlow, category: str) -> None:
        """``category``: the category's name in the current language."""
        f = flow.filed
        if f is None:
            return
        facts = [
            self.tr("Category: %1").replace("%1", category),
            self.tr("Reported: %1").replace("%1", flow.summary()),
            self.tr("Reply to: %1").replace("%1", f.phone_masked),
            self.tr("Caller: %1").replace("%1", f.caller_masked)
            if f.caller_masked
            else self.tr("Filed anonymously"),
        ]
        self.panel.show_number(self.tr("Your work-order number"), spoken(f.number), facts)
        if f.tier:  # issue 17: the matter's response tier, as the slip prints it
            from kiosk_app.ui.hotline.menu import tier_sentence
            from kiosk_app.ui.i18n import current_language

            self.deadlines.setText(tier_sentence(f, current_language() == "en"))
            return
        self.deadlines.setText(
            self.tr(
                "The hotline contacts you at once, is on site within 30 minutes, reports progress "
                "within 2 hours and gives a result within 24 hours. Check the progress on the "
                "Case progress screen with this number."
            )
            if flow.on_site()
            else self.tr(
                "The hotline contacts you at once, reports progress within 2 hours and gives a "
                "result within 24 hours. Check the progress on the Case progress screen with "
                "this number."
            )
        )

    def wipe(self) -> None:
        self.panel.wipe()
