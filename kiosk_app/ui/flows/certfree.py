"""免证办 screen: scan the authorisation QR from the provincial app; the licences are fetched,
shown masked, and attached to a case only with the citizen's consent. An expired licence is
listed in red with the day it ended, cannot be ticked, and a line says to renew it at the desk.
Offline: says so and sends the citizen to the desk.

The citizen may first say who they are (the identity step: card, e-ID); then only their own
authorisation is taken — another person's is refused by name, its licences never shown."""

from __future__ import annotations

import weakref

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from contract.codes import spoken
from contract.wire import Licences
from kiosk_app.core.citizen import Citizen
from kiosk_app.core.flows.certfree import CertfreeFlow, CertfreeState
from kiosk_app.core.flows.identity import Level, current_citizen
from kiosk_app.core.flows.licences import ShownLicence
from kiosk_app.core.flows.ports import Outcome, Problem
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.ui.a4 import licence_copy
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import (
    FlowScreen,
    go_to_desk,
    problem_text,
    scrolling,
    sentences,
)
from kiosk_app.ui.flows.rating import open_rating
from kiosk_app.ui.flows.widgets import ScanListener, TicketPanel
from kiosk_app.ui.identity.step import ask_identity, ask_on_card
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.theme import ELDER, NORMAL
from kiosk_app.ui.widgets import button, card, label


class CertfreeScreen(FlowScreen):
    name = "certfree"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self.flow = CertfreeFlow(
            ports.api(window), ports.outbox(window), self.ctx.session, self.ctx.config.terminal.id
        )
        self.checks: dict[str, QCheckBox] = {}

        self.scan_page = QWidget()
        sl = QVBoxLayout(self.scan_page)
        box = card()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(24, 24, 24, 24)
        self.scan_title = label("title")
        self.scan_text = label("body")
        self.scan_arrow = label("big-number", "⬇")
        self.scan_arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bl.addWidget(self.scan_title)
        bl.addWidget(self.scan_text)
        bl.addStretch(1)
        bl.addWidget(self.scan_arrow)
        sl.addWidget(box, 1)
        # optional: who is here (the identity step); then only their own authorisation counts
        who_row = QHBoxLayout()
        self.who = label("body")
        self.who.setObjectName("certfree_who")
        who_row.addWidget(self.who, 1)
        self.identify_btn = button("", "")
        self.identify_btn.setObjectName("certfree_identify")
        self.identify_btn.clicked.connect(self.identify)
        who_row.addWidget(self.identify_btn)
        sl.addLayout(who_row)
        self.add_page(self.scan_page)

        self.consent_page = QWidget()
        # touch targets: a licence row is one big tick box, not a 13-pixel square; an expired
        # one cannot be ticked and reads in the theme's red, not in a faint disabled grey
        danger = (ELDER if self.elder else NORMAL).danger
        self.consent_page.setStyleSheet(
            "QCheckBox { min-height: 64px; spacing: 16px; }"
            " QCheckBox::indicator { width: 36px; height: 36px; }"
            f' QCheckBox[expired="true"], QCheckBox[expired="true"]:disabled {{ color: {danger}; }}'
        )
        # the licences scroll; the consent sentence and its buttons stay in sight below them
        outer = QVBoxLayout(self.consent_page)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        cl = QVBoxLayout(body)
        self.holder = label("title")
        self.holder.setObjectName("certfree_holder")
        cl.addWidget(self.holder)
        self.list_title = label("body")
        cl.addWidget(self.list_title)
        # above the list, so it is seen without scrolling (elder mode's list runs long)
        self.expired_note = label("error")
        self.expired_note.setObjectName("certfree_expired_note")
        self.expired_note.hide()
        cl.addWidget(self.expired_note)
        self.list_box = QVBoxLayout()
        cl.addLayout(self.list_box)
        cl.addStretch(1)
        outer.addWidget(scrolling(body), 1)
        self.consent_text = label("body")
        outer.addWidget(self.consent_text)
        self.consent_error = label("error")
        self.consent_error.setObjectName("certfree_error")
        outer.addWidget(self.consent_error)
        row = QHBoxLayout()
        self.decline_btn = button("", "")
        self.decline_btn.setObjectName("certfree_decline")
        self.decline_btn.clicked.connect(self.decline)
        self.consent_btn = button("primary", "")
        self.consent_btn.setObjectName("certfree_consent")
        self.consent_btn.clicked.connect(self.consent)
        row.addWidget(self.decline_btn)
        row.addStretch(1)
        row.addWidget(self.consent_btn)
        outer.addLayout(row)
        self.add_page(self.consent_page)
        # 打印: a copy of a licence on the A4 printer, marked with its use; its pages and words
        # are kiosk_app/ui/a4's (None, and no button, where the site has no A4 printer)
        self.copy = licence_copy.attach(self, self.flow, self.consent_page)
        if self.copy is not None:
            row.insertWidget(1, self.copy.button)

        self.done_page = QWidget()
        dl = QVBoxLayout(self.done_page)
        dl.addStretch(1)
        self.done_text = label("heading")
        self.done_text.setObjectName("certfree_done")
        self.case_text = label("title")
        self.case_text.setObjectName("certfree_case")
        dl.addWidget(self.done_text)
        dl.addWidget(self.case_text)
        # the number the staff need, large and grouped, and a slip to take to the window
        self.panel = TicketPanel()
        self.panel.number.setObjectName("certfree_number")
        dl.addWidget(self.panel)
        dl.addStretch(1)
        row = QHBoxLayout()
        self.rate_btn = button("primary", "")
        self.rate_btn.setObjectName("certfree_rate")
        self.rate_btn.clicked.connect(self.rate)
        self.finish_btn = button("", "")
        self.finish_btn.setObjectName("certfree_finish")
        self.finish_btn.clicked.connect(self.finish)
        row.addStretch(1)
        row.addWidget(self.rate_btn)
        row.addWidget(self.finish_btn)
        dl.addLayout(row)
        self.add_page(self.done_page, scroll=True)

        self.problem_page = QWidget()
        pl = QVBoxLayout(self.problem_page)
        pl.addStretch(1)
        self.problem_label = label("error")
        self.problem_label.setObjectName("certfree_problem")
        self.advice_label = label("title")
        pl.addWidget(self.problem_label)
        pl.addWidget(self.advice_label)
        pl.addStretch(1)
        row = QHBoxLayout()
        self.retry_btn = button("primary", "")
        self.retry_btn.setObjectName("certfree_retry")
        self.retry_btn.clicked.connect(self.start)
        self.again_btn = button("", "")
        self.again_btn.setObjectName("certfree_again")
        self.again_btn.clicked.connect(lambda: self.show_page(self.scan_page))
        row.addStretch(1)
        row.addWidget(self.retry_btn)
        row.addWidget(self.again_btn)
        pl.addLayout(row)
        self.add_page(self.problem_page, scroll=True)

        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scanned)
        # a card laid while the scan page shows: who is here, no button first (held weakly:
        # the reader's bridge outlives this screen)
        me = weakref.ref(self)
        ask_on_card(self.scan_page, me, Level.CARD_OR_EID, lambda c: _shown_who(me))
        self.register_wiper("certfree.screen", self._wipe)
        self.retranslate()
        self.show_page(self.scan_page)

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.title.setText(self.tr("Certificate-free services"))
        self.scan_title.setText(self.tr("Scan your authorisation code"))
        self.scan_text.setText(
            self.tr(
                "In the provincial government app, open “authorise my licences” and hold the "
                "QR code under the scanner. Your electronic licences are then used instead of "
                "paper copies."
            )
        )
        self.list_title.setText(self.tr("Your electronic licences (choose the ones to use):"))
        self.consent_text.setText(
            self.tr(
                "I agree that the chosen licences are attached to my application instead of "
                "paper copies. Nothing is kept on this terminal."
            )
        )
        self.consent_btn.setText(self.tr("I agree, attach them"))
        self.done_text.setText(self.tr("Your licences are attached"))
        self.rate_btn.setText(self.tr("Rate this service"))
        self.finish_btn.setText(self.tr("Finish"))
        self.retry_btn.setText(self.tr("Try again"))
        self.again_btn.setText(self.tr("Scan again"))
        self.identify_btn.setText(self.tr("Confirm it is me with my ID card"))
        self._show_who()
        self._consent_texts()
        if self.flow.state is CertfreeState.DONE:
            self._show_done()
        elif self.flow.state is CertfreeState.PROBLEM:
            self._show_problem()

    def identify(self) -> None:
        """The identity step (card or e-ID); back here with the citizen, shown masked."""
        ask_identity(self, Level.CARD_OR_EID, lambda citizen: self._show_who())

    def _show_who(self) -> None:
        citizen: Citizen | None = current_citizen(self.ctx.session)
        if citizen is None:
            self.who.setText(self.tr("Only the holder's own authorisation code can be used."))
            self.identify_btn.show()
            return
        shown = citizen.shown()
        self.who.setText(
            self.tr("Identified: %1, ID %2. Show your own authorisation code.")
            .replace("%1", shown.name)
            .replace("%2", shown.id_number)
        )
        self.identify_btn.hide()

    def on_scanned(self, text: str) -> None:
        if self.flow.state in (CertfreeState.WORKING, CertfreeState.CONSENT):
            return
        page = self.current_page()
        if page is not None and page.objectName() == "identity_panel":
            return  # the identity step is showing: its scans (an e-ID QR) are its own
        if self.flow.scanned(text) is None:
            self.start()
        else:
            self._show_problem()

    def start(self) -> None:
        self.show_busy(self.tr("Fetching your electronic licences…"))
        self.run_task(
            self.flow.run,
            self.on_outcome,
            lambda exc: self.on_outcome(Outcome(problem=Problem.OFFLINE)),
        )

    def on_outcome(self, outcome: Outcome[Licences]) -> None:
        self.flow.apply(outcome)
        if self.flow.state is CertfreeState.CONSENT:
            self._show_consent()
        else:
            self._show_problem()

    def _show_consent(self) -> None:
        """One tick box per licence: valid ones ticked, expired ones unticked and locked."""
        for box in self.checks.values():
            self.list_box.removeWidget(box)
            box.deleteLater()
        self.checks = {}
        self.consent_error.clear()
        for lic in self.flow.shown():
            box = QCheckBox()
            box.setObjectName(f"certfree_lic_{lic.kind}")
            box.setChecked(not lic.expired)
            box.setEnabled(not lic.expired)
            box.setProperty("expired", lic.expired)
            self.list_box.addWidget(box)
            self.checks[lic.kind] = box
        self._consent_texts()
        self.show_page(self.consent_page)

    def _licence_text(self, lic: ShownLicence) -> str:
        if lic.expired:
            when = self.tr("Expired on %1, cannot be used").replace("%1", lic.valid_until)
        elif lic.valid_until:
            when = self.tr("valid until %1").replace("%1", lic.valid_until)
        else:
            when = self.tr("no expiry")
        return f"{lic.title}  {lic.number}\n{lic.issuer} · {when}"

    def _consent_texts(self) -> None:
        """The consent page's texts in the language in force; the ticks stay as they are."""
        shown = self.flow.shown() if self.flow.state is CertfreeState.CONSENT else []
        name, id_masked = self.flow.holder_masked()
        self.holder.setText(
            self.tr("%1, ID %2").replace("%1", name).replace("%2", id_masked) if shown else ""
        )
        for lic in shown:
            box = self.checks.get(lic.kind)
            if box is not None:
                box.setText(self._licence_text(lic))
        expired = any(lic.expired for lic in shown)
        usable = not shown or any(not lic.expired for lic in shown)
        if not usable:
            note = self.tr(
                "All of these licences have expired and cannot be used. Please renew them at "
                "the service desk, or bring the paper documents there."
            )
        elif expired:
            note = self.tr(
                "An expired licence cannot be used. Please renew it at the service desk."
            )
        else:
            note = ""
        self.expired_note.setText(note)
        self.expired_note.setVisible(bool(note))
        self.consent_text.setVisible(usable)
        self.consent_btn.setVisible(usable)
        if self.copy is not None:
            self.copy.button.setVisible(usable)
        self.decline_btn.setText(self.tr("Do not use them") if usable else self.tr("Back"))

    def consent(self) -> None:
        chosen = [k for k, box in self.checks.items() if box.isChecked()]
        problem = self.flow.consent(chosen, window=self.window_name())
        if problem is Problem.MISSING:
            self.consent_error.setText(self.tr("Please choose at least one licence."))
            return
        if problem is not None:
            self.consent_error.setText(sentences(problem_text(problem), go_to_desk()))
            return
        ports.wake(self.win)
        self._clear_list()
        self._show_done()
        self._print_slip()

    def window_name(self) -> str:
        """Where the citizen takes the case: this terminal's window, else the hall's general one."""
        return self.ctx.config.terminal.window or self.tr("General intake window")

    def _print_slip(self) -> None:
        from datetime import datetime

        from devices.printer.templates import submission_receipt

        cfg = self.ctx.config.terminal
        receipt = submission_receipt(
            self.flow.case_id or "",
            "免证办（电子证照）",
            0,
            self.window_name(),
            cfg.id,
            datetime.now().astimezone(),
            org=cfg.name,
            english=self.english_slip(),
        )
        self.print_into(self.panel.print_status, receipt, "certfree_slip", lambda: self.tr("slip"))

    def _show_done(self) -> None:
        self.case_text.setText(
            self.tr("Please take the slip to %1 and show it to the staff there.").replace(
                "%1", self.window_name()
            )
        )
        self.panel.show_number(
            self.tr("Your application number"),
            spoken(self.flow.case_id or ""),
            [self.tr("Go to: %1").replace("%1", self.window_name())],
        )
        self.show_page(self.done_page)

    def decline(self) -> None:
        self.flow.decline()
        self._clear_list()
        self._consent_texts()
        self.show_page(self.scan_page)

    def _show_problem(self) -> None:
        if self.flow.wrong_holder:
            self.problem_label.setText(
                self.tr(
                    "This authorisation belongs to someone else, not to the person whose ID "
                    "card was read here."
                )
            )
            self.advice_label.setText(
                self.tr(
                    "Only your own licences can be used. Please show the authorisation code from "
                    "your own app, or the holder comes in person; for help on someone's behalf, "
                    "go to the service desk."
                )
            )
            self.retry_btn.setVisible(False)
            self.show_page(self.problem_page)
            return
        p = self.flow.problem
        advice = (
            {
                Problem.OFFLINE: self.tr(
                    "Your licences cannot be fetched without the network. Please try again in a "
                    "moment, or bring the paper documents to the service desk."
                ),
                Problem.NOT_FOUND: self.tr("Please create a new authorisation code in the app."),
                Problem.EXPIRED: self.tr(
                    "Authorisation codes work once and for a short time. Please create a new one "
                    "in the app."
                ),
                Problem.WRONG_KIND: self.tr(
                    "Please show the authorisation code (授权码), not another code from the app."
                ),
                Problem.NOT_A_CODE: self.tr("Please show the authorisation QR code from the app."),
            }.get(p, go_to_desk())
            if p is not None
            else go_to_desk()
        )
        self.problem_label.setText(problem_text(p, self.flow.detail))
        self.advice_label.setText(advice)
        self.retry_btn.setVisible(p is Problem.OFFLINE)
        self.show_page(self.problem_page)

    def rate(self) -> None:
        open_rating(
            self.win,
            RatingContext(case_id=self.flow.case_id, service=self.tr("Certificate-free services")),
        )

    def _clear_list(self) -> None:
        for box in self.checks.values():
            box.setText("")
        self.holder.clear()
        self.expired_note.clear()

    def _wipe(self) -> None:
        self.who.clear()
        self.panel.wipe()
        self._clear_list()
        self.flow.forget()


def _shown_who(screen: weakref.ref[CertfreeScreen]) -> None:
    s = screen()
    if s is not None:
        s._show_who()
