"""预约办 screen: scan the appointment QR (camera or scan gun) or type phone + code on the keypad;
the ticket comes out of the printer, and is shown large on screen whatever the printer does."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk_app.core.flows.checkin import CheckIn, CheckinFlow, CheckinState
from kiosk_app.core.flows.ports import Outcome, Problem
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, go_to_desk, problem_text, sentences
from kiosk_app.ui.flows.rating import open_rating
from kiosk_app.ui.flows.widgets import NumericKeypad, ScanListener, TicketPanel
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.widgets import button, card, label


class CheckinScreen(FlowScreen):
    name = "checkin"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        cfg = self.ctx.config
        self.flow = CheckinFlow(
            ports.api(window), ports.outbox(window), self.ctx.session, site=cfg.terminal.site
        )
        self._build_enter()
        self._build_done()
        self._build_problem()
        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scanned)
        self.register_wiper("checkin.screen", self._wipe)
        self.retranslate()
        self.show_page(self.enter_page)

    # pages --------------------------------------------------------------------------------
    def _build_enter(self) -> None:
        self.enter_page = QWidget()
        lay = QVBoxLayout(self.enter_page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(16)
        scan = card()
        sl = QHBoxLayout(scan)
        sl.setContentsMargins(24, 12, 24, 12)
        texts = QVBoxLayout()
        self.scan_title = label("title")
        self.scan_text = label("body")
        texts.addWidget(self.scan_title)
        texts.addWidget(self.scan_text)
        sl.addLayout(texts, 1)
        self.scan_arrow = label("heading", "⬇")
        sl.addWidget(self.scan_arrow)
        lay.addWidget(scan)

        typed = card()
        tl = QHBoxLayout(typed)
        tl.setContentsMargins(24, 12, 24, 12)
        tl.setSpacing(24)
        left = QVBoxLayout()
        self.typed_title = label("title")
        self.typed_title.setWordWrap(False)
        left.addWidget(self.typed_title)
        self.phone_label = label("body")
        self.phone = QLineEdit()
        self.phone.setObjectName("checkin_phone")
        self.phone.setMaxLength(11)  # a mobile number; the keypad then moves on
        self.code_label = label("body")
        self.code6 = QLineEdit()
        self.code6.setObjectName("checkin_code6")
        self.code6.setMaxLength(6)
        for edit in (self.phone, self.code6):
            edit.returnPressed.connect(self.on_typed)
        form = QGridLayout()
        form.addWidget(self.phone_label, 0, 0)
        form.addWidget(self.phone, 0, 1)
        form.addWidget(self.code_label, 1, 0)
        form.addWidget(self.code6, 1, 1)
        form.setColumnStretch(1, 1)
        left.addLayout(form)
        self.typed_error = label("error")
        self.typed_error.setObjectName("checkin_typed_error")
        left.addWidget(self.typed_error)
        left.addStretch(1)
        self.submit_btn = button("primary", "")
        self.submit_btn.setObjectName("checkin_submit")
        self.submit_btn.clicked.connect(self.on_typed)
        left.addWidget(self.submit_btn)
        tl.addLayout(left, 1)
        self.keypad = NumericKeypad()
        self.keypad.attach(self.phone, self.submit_btn)
        self.keypad.attach(self.code6, self.submit_btn)
        tl.addWidget(self.keypad, 0)
        lay.addWidget(typed, 1)
        self.add_page(self.enter_page)

    def _build_done(self) -> None:
        self.done_page = QWidget()
        lay = QVBoxLayout(self.done_page)
        self.panel = TicketPanel()
        lay.addWidget(self.panel)
        lay.addStretch(1)
        buttons = QHBoxLayout()
        self.rate_btn = button("primary", "")
        self.rate_btn.setObjectName("checkin_rate")
        self.rate_btn.clicked.connect(self.rate)
        self.finish_btn = button("", "")
        self.finish_btn.setObjectName("checkin_finish")
        self.finish_btn.clicked.connect(self.finish)
        buttons.addStretch(1)
        buttons.addWidget(self.rate_btn)
        buttons.addWidget(self.finish_btn)
        lay.addLayout(buttons)
        self.add_page(self.done_page, scroll=True)

    def _build_problem(self) -> None:
        self.problem_page = QWidget()
        lay = QVBoxLayout(self.problem_page)
        lay.addStretch(1)
        self.problem_label = label("error")
        self.problem_label.setObjectName("checkin_problem")
        self.advice_label = label("title")
        self.advice_label.setObjectName("checkin_advice")
        lay.addWidget(self.problem_label)
        lay.addWidget(self.advice_label)
        lay.addStretch(1)
        buttons = QHBoxLayout()
        self.retry_btn = button("primary", "")
        self.retry_btn.setObjectName("checkin_retry")
        self.retry_btn.clicked.connect(self.start)
        self.again_btn = button("primary", "")
        self.again_btn.setObjectName("checkin_again")
        self.again_btn.clicked.connect(self.again)
        self.ticket_btn = button("", "")
        self.ticket_btn.setObjectName("checkin_take_ticket")
        self.ticket_btn.clicked.connect(lambda: self.win.open_capability("ticket"))
        buttons.addStretch(1)
        for b in (self.retry_btn, self.again_btn, self.ticket_btn):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.add_page(self.problem_page, scroll=True)

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.keypad.retranslate()
        self.title.setText(self.tr("Appointment check-in"))
        self.scan_title.setText(self.tr("Scan your appointment code"))
        self.scan_text.setText(
            self.tr("Hold the appointment QR code from the government app under the scanner.")
        )
        self.typed_title.setText(self.tr("Or type phone number and code"))
        self.phone_label.setText(self.tr("Mobile"))
        self.code_label.setText(self.tr("Code"))
        self.submit_btn.setText(self.tr("Check in"))
        self.rate_btn.setText(self.tr("Rate this service"))
        self.finish_btn.setText(self.tr("Finish"))
        self.retry_btn.setText(self.tr("Try again"))
        self.again_btn.setText(self.tr("Scan or type again"))
        self.ticket_btn.setText(self.tr("Take a walk-in ticket"))
        if self.flow.state is CheckinState.DONE:
            self._show_ticket()
        elif self.flow.state is CheckinState.PROBLEM:
            self._show_problem()

    # input --------------------------------------------------------------------------------
    def on_scanned(self, text: str) -> None:
        if self.flow.state is CheckinState.WORKING:
            return
        if self.flow.scanned(text) is None:
            self.start()
        else:
            self._show_problem()

    def on_typed(self) -> None:
        problem = self.flow.typed(self.phone.text(), self.code6.text())
        if problem is not None:
            self.flow.restart()  # the typed fields stay as they are, to be corrected
            self.typed_error.setText(problem_text(problem))
            return
        self.typed_error.clear()
        self.start()

    def start(self) -> None:
        self.show_busy(self.tr("Checking your appointment…"))
        self.run_task(self.flow.run, self.on_outcome, lambda exc: self.on_failed())

    def on_failed(self) -> None:
        self.flow.fail_offline()
        self._show_problem()

    def on_outcome(self, outcome: Outcome[CheckIn]) -> None:
        self.flow.apply(outcome)
        if self.flow.state is CheckinState.DONE:
            ports.wake(self.win)
            self._show_ticket()
            self.print_queue_ticket(self.panel, self.flow.receipt(english=self.english_slip()))
        else:
            self._show_problem()

    # results ------------------------------------------------------------------------------
    def _show_ticket(self) -> None:
        t = self.flow.ticket
        assert t is not None
        checked_in = self.tr("%1, your appointment is checked in.")
        self.show_queue_ticket(self.panel, t, [checked_in.replace("%1", self.flow.masked_name())])
        self.show_page(self.done_page)

    def _show_problem(self) -> None:
        p = self.flow.problem
        detail = self.flow.outcome.detail if self.flow.outcome else ""
        text = problem_text(p, detail)
        if p is Problem.OTHER_SITE and detail:
            text = self.tr("This appointment is for %1.").replace("%1", detail)
        if p is Problem.ALREADY_DONE and detail:
            text = sentences(text, self.tr("Your queue number is %1.").replace("%1", detail))
        advice = (
            {
                Problem.OFFLINE: self.tr("Please try again in a moment, or take a walk-in ticket."),
                Problem.NOT_FOUND: self.tr(
                    "Please check the code in your app, or type your phone number and code."
                ),
                Problem.EXPIRED: self.tr(
                    "Please make a new appointment in the app, or take a walk-in ticket."
                ),
                Problem.OTHER_SITE: self.tr(
                    "Please go to that service centre, or book again here."
                ),
                Problem.ALREADY_DONE: self.tr("Please wait for your number to be called."),
                Problem.WRONG_KIND: self.tr(
                    "Please show the appointment code (预约码), not another code from the app."
                ),
                Problem.NOT_A_CODE: self.tr("Please show the appointment QR code from the app."),
            }.get(p, go_to_desk())
            if p is not None
            else go_to_desk()
        )
        self.problem_label.setText(text)
        self.advice_label.setText(advice)
        self.retry_btn.setVisible(p is Problem.OFFLINE)
        self.show_page(self.problem_page)

    def again(self) -> None:
        self.flow.restart()
        self.show_page(self.enter_page)

    def rate(self) -> None:
        a, t = self.flow.appointment, self.flow.ticket
        open_rating(
            self.win,
            RatingContext(
                case_id=a.code if a else None,
                item_id=a.item_id if a else None,
                service=t.service if t else "",
                window=t.window if t else None,
            ),
        )

    def _wipe(self) -> None:
        self.panel.wipe()
        self.typed_error.clear()
        self.problem_label.clear()
        self.flow.restart()
