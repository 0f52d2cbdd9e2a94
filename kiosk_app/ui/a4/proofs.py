"""证明打印: a proof the county's systems issue (参保证明, 不动产登记查询结果), printed on A4 for
the person it names.

Identity first, through the identity step every flow asks (``kiosk_app/ui/identity``,
``win.ask_identity``) at ``Level.SERVICE_CHECKED``: the central service hands out a person's
proof only for a person it identified itself (central/assertions.py) — the 电子身份证 / 网证 QR it
resolves, or a texted code it checks; a card read at this terminal is not enough for it. The
step opens on the e-ID (its page offers the texted code too). A citizen this visit already
identified that way goes straight to the choice.

Then: which proof → fetched from the central service (issued, then its PDF downloaded and checked
against the size and sha256 it announced) → the print page (``panel.PrintPanel``), where it is
previewed and printed as it came, verification QR included. Nothing of it stays after the
session: the PDF lives in the print flow, inside the session.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from contract.results import Ok
from contract.wire import PROOF_TITLES, FetchedProof
from kiosk_app.core.documents.printable import from_proof
from kiosk_app.core.flows.identity import SESSION_KEY, Level, Method, current_citizen
from kiosk_app.core.flows.ports import Outcome, Problem, failed
from kiosk_app.core.masking import mask_id, mask_name
from kiosk_app.ui.a4.panel import PrintPanel
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen
from kiosk_app.ui.identity.panel import IdentityPanel
from kiosk_app.ui.widgets import button, label


class ProofScreen(FlowScreen):
    name = "proofs"

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.api = ports.api(window)
        self.kind: str | None = None

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

        self.register_wiper("proofs.screen", self._wipe)
        self.retranslate()
        self.start()

    # -- identity -------------------------------------------------------------------------------
    def start(self) -> None:
        """The choice when this visit's citizen was identified by the service itself, else the
        identity step (e-ID first; the texted code offered on its page)."""
        panel = self.win.ask_identity(
            self,
            Level.SERVICE_CHECKED,
            lambda citizen: self._show_choice(),
            self.go_home,  # back without an identity: nothing to print here
            lambda: self.tr("Your proof is issued in your name: please confirm who you are."),
        )
        if isinstance(panel, IdentityPanel) and panel.flow.choose(Method.EID) is None:
            panel.show_state()  # no card for a proof: the e-ID page, not the card's

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
            self.ctx.session.pop(SESSION_KEY)
            self.start()
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
