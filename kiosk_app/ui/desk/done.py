"""The desk's last page for a citizen: the case number large, the receipt printing, the rating
(on the pad or on the screen; a 差评's reasons on the pad when it has a screen, else here: the
rating widget is kiosk_app/ui/rating/desk.py), and "Next citizen"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from contract.codes import spoken
from kiosk_app.core.flows.desk_case import DeskCase
from kiosk_app.core.flows.rating import RatingFlow
from kiosk_app.ui.desk.pad import DeskPad
from kiosk_app.ui.flows.common import FlowScreen, scrolling
from kiosk_app.ui.flows.rating import rating_flow
from kiosk_app.ui.flows.widgets import TicketPanel
from kiosk_app.ui.rating.desk import DeskRating
from kiosk_app.ui.weak import WeakAttr, weak_method
from kiosk_app.ui.widgets import button


class DonePanel(QWidget):
    host = WeakAttr["FlowScreen"]()  # no cycle back to the screen (kiosk_app.ui.weak)
    next_citizen = Signal()

    def __init__(self, host: FlowScreen, pad: DeskPad) -> None:
        super().__init__()
        self.host = host
        self.pad = pad
        self.case: DeskCase | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 0, 0)
        self.receipt_panel = TicketPanel()
        number = self.receipt_panel.number
        number.setObjectName("desk_case_number")
        number.setProperty("role", "long-number")  # a case number: a line of its own
        number.setWordWrap(True)
        bl.addWidget(self.receipt_panel)
        self.rate = DeskRating(
            host.win,
            host.elder,
            weak_method(host.run_task),
            lambda flow: pad.prompt(flow.context, tuple((r.pad_code, r.zh) for r in flow.reasons)),
            pad.present,
        )
        self.rate_buttons = self.rate.buttons  # the five levels (the pad counts too)
        bl.addWidget(self.rate)
        bl.addStretch(1)
        lay.addWidget(scrolling(body), 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.next_btn = button("primary", "")
        self.next_btn.setObjectName("desk_next")
        self.next_btn.setMinimumWidth(240)
        self.next_btn.clicked.connect(self.next_citizen.emit)
        row.addWidget(self.next_btn)
        lay.addLayout(row)

    @property
    def rating(self) -> RatingFlow | None:
        return self.rate.flow

    def retranslate(self) -> None:
        self.rate.retranslate()
        self.next_btn.setText(self.tr("Next citizen"))
        self._show_case()

    def show_submitted(self, case: DeskCase) -> None:
        """The case is stored: its number, the receipt printed, the pad asks for a rating."""
        self.case = case
        self._show_case()
        cfg = self.host.ctx.config.terminal
        self.host.print_into(
            self.receipt_panel.print_status,
            case.receipt(english=self.host.english_slip(), org=cfg.name),
            "submission",
            lambda: self.tr("receipt"),
        )
        self.rate.start(rating_flow(self.host.win, case.rating_context()))  # prompts the pad

    def _show_case(self) -> None:
        case = self.case
        if case is None or case.submitted is None:
            return
        s = case.submitted
        item = case.item
        facts = [
            self.tr("Service: %1").replace("%1", item.name if item else ""),
            self.tr("Pages: %1").replace("%1", str(s.pages)),
            self.tr("Staff: %1").replace("%1", case.staff.id),
        ]
        citizen = case.citizen
        if citizen is not None:  # masked: the desk's screen faces the citizen too
            facts.insert(1, self.tr("Applicant: %1").replace("%1", citizen.shown().name))
        self.receipt_panel.caption.setText(self.tr("Case submitted. Case number:"))
        self.receipt_panel.number.setText(spoken(s.case_id))  # read aloud in fours
        self.receipt_panel.facts.setText("\n".join(facts))

    def wipe(self) -> None:
        self.receipt_panel.wipe()
        self.rate.clear()
        self.case = None
