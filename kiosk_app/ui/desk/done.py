"""The desk's last page for a citizen: the case number large, the receipt printing, the rating
(on the pad or on the screen), and "Next citizen"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from contract.codes import spoken
from kiosk_app.core.flows.desk_case import DeskCase
from kiosk_app.core.flows.rating import RatingFlow, RatingState
from kiosk_app.ui.desk.pad import DeskPad
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, problem_text, scrolling
from kiosk_app.ui.flows.widgets import RatingButtons, TicketPanel, level_text
from kiosk_app.ui.widgets import button, label


class DonePanel(QWidget):
    next_citizen = Signal()

    def __init__(self, host: FlowScreen, pad: DeskPad) -> None:
        super().__init__()
        self.host = host
        self.pad = pad
        self.case: DeskCase | None = None
        self.rating: RatingFlow | None = None
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
        self.rate_hint = label("title")
        self.rate_hint.setObjectName("desk_rate_hint")
        self.rate_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bl.addWidget(self.rate_hint)
        self.rate_buttons = RatingButtons(host.win, host.elder)
        self.rate_buttons.rated.connect(self.on_rated)
        bl.addWidget(self.rate_buttons)
        self.rate_done = label("title")
        self.rate_done.setObjectName("desk_rate_done")
        self.rate_done.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bl.addWidget(self.rate_done)
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

    def retranslate(self) -> None:
        self.rate_buttons.retranslate()
        self.next_btn.setText(self.tr("Next citizen"))
        self._show_case()
        self._show_rating()

    def show_submitted(self, case: DeskCase) -> None:
        """The case is stored: its number, the receipt printed, the pad asks for a rating."""
        self.case = case
        self.rating = RatingFlow(ports.outbox(self.host.win), case.rating_context())
        self._show_case()
        self._show_rating()
        cfg = self.host.ctx.config.terminal
        self.host.print_into(
            self.receipt_panel.print_status,
            case.receipt(english=self.host.english_slip(), org=cfg.name),
            "submission",
            lambda: self.tr("receipt"),
        )
        self.pad.prompt(case.rating_context())

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
        self.receipt_panel.caption.setText(self.tr("Case submitted. Case number:"))
        self.receipt_panel.number.setText(spoken(s.case_id))  # read aloud in fours
        self.receipt_panel.facts.setText("\n".join(facts))

    def _show_rating(self) -> None:
        flow = self.rating
        if flow is not None and flow.state is RatingState.DONE and flow.level is not None:
            self.rate_hint.setText("")
            self.rate_done.setText(
                self.tr("Rated: %1. Thank you.").replace("%1", level_text(flow.level))
            )
            self.rate_buttons.setVisible(False)
            return
        self.rate_buttons.setVisible(True)
        self.rate_done.setText("")
        self.rate_hint.setText(
            self.tr("Please ask the citizen to rate the service on the rating pad (or here).")
            if self.pad.present
            else self.tr("Please ask the citizen to rate the service: touch one of the buttons.")
        )

    def on_rated(self, level: int, channel: str) -> None:
        flow = self.rating
        if flow is None or self.host.current_page() is not self:
            return
        problem = flow.submit(level, "pad" if channel == "pad" else "desk")
        if problem is not None:
            self.rate_done.setText(problem_text(problem))
            return
        ports.wake(self.host.win)
        self._show_rating()

    def wipe(self) -> None:
        self.receipt_panel.wipe()
        self.rate_done.clear()
        self.case = None
        self.rating = None
