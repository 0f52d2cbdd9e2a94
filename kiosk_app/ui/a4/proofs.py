"""证明打印: a proof the county's systems issue (参保证明, 不动产登记查询结果), printed on A4 for
the person it names.

Identity first. The central service hands out a person's proof only for a person it identified
itself (central/assertions.py): the 电子身份证 / 网证 QR it resolves, or a texted code it checks —
a card read at this terminal is not enough for it. This screen asks through the Qt-free identity
step (``IdentityFlow`` at ``Level.SERVICE_CHECKED``), by the e-ID QR: a scan is taken as soon as
the page shows, as the identity step does. A citizen the step already identified this way in the
session goes straight to the choice.

Then: which proof → fetched from the central service (issued, then its PDF downloaded and checked
against the size and sha256 it announced) → the print page (``panel.PrintPanel``), where it is
previewed and printed as it came, verification QR included. Nothing of it stays after the
session: the PDF lives in the print flow, inside the session.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from contract.results import Ok
from contract.wire import PROOF_TITLES, FetchedProof
from kiosk_app.core.documents.printable import from_proof
from kiosk_app.core.flows.identity import (
    IdentityFlow,
    IdentityState,
    Level,
    Method,
    Why,
    current_citizen,
)
from kiosk_app.core.flows.ports import Outcome, Problem, failed
from kiosk_app.core.masking import mask_id, mask_name
from kiosk_app.ui.a4.panel import PrintPanel
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen
from kiosk_app.ui.flows.widgets import ScanListener
from kiosk_app.ui.widgets import button, card, label


class ProofScreen(FlowScreen):
    name = "proofs"

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.api = ports.api(window)
        self.identity = IdentityFlow(
            self.api,  # type: ignore[arg-type]  # OnlineApi has the identity calls
            self.ctx.session,
            Level.SERVICE_CHECKED,
            reader_online=False,
        )
        self.identity.choose(Method.EID)
        self.kind: str | None = None

        # who: the e-ID QR
        self.id_page = QWidget()
        il = QVBoxLayout(self.id_page)
        box = card()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(24, 24, 24, 24)
        self.id_title = label("title")
        self.id_text = label("body")
        self.id_error = label("error")
        self.id_error.setObjectName("proofs_id_error")
        arrow = label("big-number", "⬇")
        arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.id_title, self.id_text, self.id_error):
            bl.addWidget(w)
        bl.addStretch(1)
        bl.addWidget(arrow)
        il.addWidget(box, 1)
        self.add_page(self.id_page)

        # which proof
        self.choose_page = QWidget()
        cl = QVBoxLayout(self.choose_page)
        self.who = label("title")
        self.who.setObjectName("proofs_who")
        cl.addWidget(self.who)
        self.choose_title = label("body")
        cl.addWidget(self.choose_title)
        self.kind_btns: dict[str, QPushButton] = {}
        for kind in PROOF_TITLES:
            b = button("primary", "")
            b.setObjectName(f"proofs_kind_{kind}")
            b.setMinimumHeight(110 if self.elder else 90)
            b.clicked.connect(lambda _=False, k=kind: self.fetch(k))
            cl.addWidget(b)
            self.kind_btns[kind] = b
        self.other_note = label("muted")
        cl.addWidget(self.other_note)
        cl.addStretch(1)
        self.add_page(self.choose_page, scroll=True)

        # what went wrong
        self.problem_page = QWidget()
        pl = QVBoxLayout(self.problem_page)
        pl.addStretch(1)
        self.problem_label = label("error")
        self.problem_label.setObjectName("proofs_problem")
        pl.addWidget(self.problem_label)
        pl.addStretch(1)
        row = QHBoxLayout()
        self.again_btn = button("primary", "")
        self.again_btn.setObjectName("proofs_again")
        self.again_btn.clicked.connect(self.start)
        row.addStretch(1)
        row.addWidget(self.again_btn)
        pl.addLayout(row)
        self.add_page(self.problem_page, scroll=True)

        self.panel = PrintPanel(self, "proofs")
        self.panel.left.connect(self.start)
        self.add_page(self.panel)

        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scanned)
        self.register_wiper("proofs.screen", self._wipe)
        self.retranslate()
        self.start()

    # -- identity -------------------------------------------------------------------------------
    def start(self) -> None:
        """The choice when the service vouched for the citizen in this session, else the QR."""
        citizen = current_citizen(self.ctx.session)
        if citizen is not None and citizen.assertion:
            self._show_choice()
            return
        self.id_error.clear()
        self.show_page(self.id_page)

    def on_scanned(self, text: str) -> None:
        if self.current_page() is not self.id_page:
            return
        if self.identity.state is not IdentityState.EID:
            self.identity.restart()
            self.identity.choose(Method.EID)
        failure = self.identity.scanned(text)
        if failure is not None:
            self._identity_problem(failure.why, failure.wait_minutes)
            return
        self.show_busy(self.tr("Checking your electronic ID…"))
        self.run_task(
            self.identity.run,
            self._identity_done,
            lambda exc: self._identity_done(Outcome(problem=Problem.OFFLINE)),
        )

    def _identity_done(self, outcome: Outcome[Any]) -> None:
        self.identity.apply(outcome)
        if self.identity.state is IdentityState.DONE:
            self._show_choice()
            return
        f = self.identity.failure
        self._identity_problem(f.why if f else Why.REFUSED, f.wait_minutes if f else None)

    def _identity_problem(self, why: Why, minutes: int | None) -> None:
        text = {
            Why.NOT_AN_EID: self.tr(
                "This is not an electronic ID code. Please show the 电子身份证 (网证) QR code."
            ),
            Why.NOT_ALLOWED: self.tr(
                "This is not an electronic ID code. Please show the 电子身份证 (网证) QR code."
            ),
            Why.EID_UNKNOWN: self.tr("This electronic ID code is not known."),
            Why.EID_EXPIRED: self.tr(
                "This code has expired. Please refresh it in the app and show it again."
            ),
            Why.OFFLINE: self.tr(
                "The terminal cannot reach the service centre's system right now. Please try "
                "again in a moment, or ask at the service desk."
            ),
            Why.LIMITED: self.tr(
                "Too many tries. Please wait %1 minutes, or go to the desk."
            ).replace("%1", str(minutes or 1)),
        }.get(why, self.tr("Your identity could not be checked. Please ask at the service desk."))
        self.identity.restart()
        self.identity.choose(Method.EID)
        self.id_error.setText(text)
        self.show_page(self.id_page)

    # -- the proof --------------------------------------------------------------------------------
    def _show_choice(self) -> None:
        citizen = current_citizen(self.ctx.session)
        if citizen is None:
            self.start()
            return
        self.who.setText(
            self.tr("%1, ID %2")
            .replace("%1", mask_name(citizen.name))
            .replace("%2", mask_id(citizen.id_number))
        )
        self.show_page(self.choose_page)

    def fetch(self, kind: str) -> None:
        citizen = current_citizen(self.ctx.session)
        if citizen is None or not citizen.assertion:
            self.start()
            return
        self.kind = kind
        name, number, assertion = citizen.name, citizen.id_number, citizen.assertion
        self.show_busy(self.tr("Fetching your proof…"))

        def work() -> Outcome[FetchedProof]:
            r = self.api.fetch_proof(kind, id_number=number, name=name, assertion=assertion)
            return Outcome(value=r.value) if isinstance(r, Ok) else failed(r)

        offline: Outcome[FetchedProof] = Outcome(problem=Problem.OFFLINE)
        self.run_task(work, self._fetched, lambda exc: self._fetched(offline))

    def _fetched(self, outcome: Outcome[FetchedProof]) -> None:
        if outcome.value is not None:
            citizen = current_citizen(self.ctx.session)
            # the proof names the person in full on paper; the screen covers it
            hide = (citizen.name, citizen.id_number) if citizen is not None else ()
            self.panel.start(from_proof(outcome.value), lambda: PROOF_TITLES[self.kind or ""], hide)
            self.show_page(self.panel)
            return
        p = outcome.problem
        if p is Problem.REFUSED:
            # the service's word on who this is ran out (minutes): identify again
            self.identity.forget()
            self.identity.restart()
            self.identity.choose(Method.EID)
            self.id_error.setText(
                self.tr("Please show your electronic ID again: the check has run out.")
            )
            self.show_page(self.id_page)
            return
        text = {
            Problem.NOT_FOUND: self.tr(
                "There is no record for this proof in your name. Please ask at the service desk."
            ),
            Problem.OFFLINE: self.tr(
                "The terminal cannot reach the service centre's system right now. Please try "
                "again in a moment, or ask at the service desk."
            ),
            Problem.LIMITED: self.tr(
                "Too many tries. Please wait %1 minutes, or go to the desk."
            ).replace("%1", outcome.detail or "1"),
        }.get(
            p or Problem.REFUSED, self.tr("The proof could not be fetched. Please ask at the desk.")
        )
        self.problem_label.setText(text)
        self.show_page(self.problem_page)

    # -- language and the end -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.retranslate_frame()
        self.title.setText(self.tr("Print a proof"))
        self.id_title.setText(self.tr("Show your electronic ID"))
        self.id_text.setText(
            self.tr(
                "Open the 电子身份证 (网证) QR code in the app on your phone and hold it under "
                "the scanner. The service centre checks who you are; nothing is kept here."
            )
        )
        self.choose_title.setText(self.tr("Which proof do you need?"))
        for kind, b in self.kind_btns.items():
            b.setText(PROOF_TITLES[kind])
        self.other_note.setText(
            self.tr("Other proofs (for example 无犯罪记录证明) are issued at the service desk.")
        )
        self.again_btn.setText(self.tr("Back"))
        if self.current_page() is self.choose_page:
            self._show_choice()

    def _wipe(self) -> None:
        self.who.clear()
        self.panel.wipe()
        self.identity.forget()
