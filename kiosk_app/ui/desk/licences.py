"""The electronic-licence card of the intake page (certificate-free): the authorisation code from
the citizen's phone, scanned or typed, redeemed off the GUI thread; the holder and the licences
shown masked (kiosk_app.core.masking via DeskCase), expired ones crossed and never attached.

Emits ``changed`` when what the case will attach changes (the intake page redraws its Submit).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout

from contract.wire import Licences
from kiosk_app.core.flows.desk_case import CaseState, DeskCase
from kiosk_app.core.flows.licences import ShownLicence
from kiosk_app.core.flows.ports import Outcome, Problem
from kiosk_app.ui import keyboard
from kiosk_app.ui.desk.said import Said
from kiosk_app.ui.flows.common import FlowScreen, problem_text
from kiosk_app.ui.weak import WeakAttr
from kiosk_app.ui.widgets import button, label


class LicencePanel(QFrame):
    host = WeakAttr["FlowScreen"]()  # no cycle back to the screen (kiosk_app.ui.weak)
    changed = Signal()

    def __init__(self, host: FlowScreen) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.host = host
        self.said = Said()
        self.case: DeskCase | None = None
        al = QVBoxLayout(self)
        al.setContentsMargins(16, 12, 16, 12)
        self.auth_heading = label("title")
        al.addWidget(self.auth_heading)
        self.auth_hint = label("body")
        al.addWidget(self.auth_hint)
        row = QHBoxLayout()
        self.auth_code = QLineEdit()
        self.auth_code.setObjectName("desk_auth_code")
        self.auth_code.returnPressed.connect(self.lookup_typed)
        row.addWidget(self.auth_code, 1)
        self.lookup_btn = button("", "")
        keyboard.code(self.auth_code, self.lookup_btn, upper=False)
        self.lookup_btn.setObjectName("desk_lookup")
        self.lookup_btn.clicked.connect(self.lookup_typed)
        row.addWidget(self.lookup_btn)
        al.addLayout(row)
        self.auth_status = label("body")
        self.auth_status.setObjectName("desk_auth_status")
        al.addWidget(self.auth_status)
        self.holder = label("title")
        self.holder.setObjectName("desk_holder")
        al.addWidget(self.holder)
        self.licences = label("body")
        self.licences.setObjectName("desk_licences")
        self.licences.setTextFormat(Qt.TextFormat.PlainText)
        al.addWidget(self.licences)
        self.licences_note = label("error")
        self.licences_note.setObjectName("desk_licences_note")
        self.licences_note.hide()
        al.addWidget(self.licences_note)
        self.drop_btn = button("", "")
        self.drop_btn.setObjectName("desk_drop_licences")
        self.drop_btn.clicked.connect(self.drop_licences)
        al.addWidget(self.drop_btn)
        al.addStretch(1)

    def retranslate(self) -> None:
        self.said.redraw()
        self.auth_heading.setText(self.tr("Electronic licences (certificate-free)"))
        self.auth_hint.setText(
            self.tr(
                "Scan the authorisation code on the citizen's phone with the scan gun, "
                "or type it here."
            )
        )
        self.auth_code.setPlaceholderText("ZWFW-SQ:…")
        self.lookup_btn.setText(self.tr("Look up"))
        self.drop_btn.setText(self.tr("Do not attach the licences"))
        self.show_case()

    # showing ----------------------------------------------------------------------------------
    def show_case(self) -> None:
        case = self.case
        has = case is not None and case.has_licences
        if case is not None and has:
            name, id_masked = case.holder_masked()
            self.holder.setText(
                self.tr("Holder: %1  %2").replace("%1", name).replace("%2", id_masked)
            )
            shown = case.shown()
            # an expired licence: crossed, and why on a line of its own
            lines = [
                f"× {s.title}  {s.number}\n    "
                + self.tr("expired on %1, not attached").replace("%1", s.valid_until)
                if s.expired
                else f"• {s.title}  {s.number}"
                for s in shown
            ]
            self.licences.setText("\n".join(lines))
            self.licences_note.setText(self._expired_note(shown))
        else:
            self.holder.setText("")
            self.licences.setText("")
            self.licences_note.setText("")
        self.licences_note.setVisible(bool(self.licences_note.text()))
        self.drop_btn.setVisible(has)

    def _expired_note(self, shown: list[ShownLicence]) -> str:
        """What the clerk does about expired licences (they are never attached)."""
        if not any(s.expired for s in shown):
            return ""
        if all(s.expired for s in shown):
            return self.tr(
                "All these licences have expired, so none is attached. The citizen needs to "
                "renew them; take in paper materials with the document camera meanwhile."
            )
        return self.tr(
            "Expired licences are not attached to the case. The citizen needs to renew them."
        )

    # redeeming --------------------------------------------------------------------------------
    def lookup_typed(self) -> None:
        self.lookup(self.auth_code.text())

    def lookup(self, raw: str) -> None:
        case = self.case
        if case is None or case.state is not CaseState.INTAKE:
            return
        problem = case.scanned(raw)
        if problem is not None:
            self.said.say(self.auth_status, lambda: self._auth_problem(problem))
            return  # the typed code stays in the field to correct
        self.said.say(self.auth_status, lambda: self.tr("Fetching the licences…"))
        self.lookup_btn.setEnabled(False)
        self.host.run_task(case.redeem, self._redeemed, self._redeem_failed)

    def _redeemed(self, result: Outcome[Licences]) -> None:
        self.lookup_btn.setEnabled(True)
        case = self.case
        if case is None:
            return
        problem = case.apply(result)
        if problem is not None:
            self.said.say(self.auth_status, lambda: self._auth_problem(problem, result.detail))
            return
        self.auth_code.clear()
        shown = case.shown()
        if not any(s.expired for s in shown):
            self.said.say(
                self.auth_status,
                lambda: self.tr("Licences received; they are attached to the case."),
            )
        elif any(not s.expired for s in shown):
            self.said.say(
                self.auth_status,
                lambda: self.tr("Licences received; the valid ones are attached to the case."),
            )
        else:
            self.said.say(
                self.auth_status, lambda: self.tr("Licences received, but all have expired.")
            )
        self.show_case()
        self.changed.emit()

    def _redeem_failed(self, exc: BaseException) -> None:
        self.lookup_btn.setEnabled(True)
        self.said.say(self.auth_status, lambda: self._auth_problem(Problem.OFFLINE))

    def _auth_problem(self, problem: Problem, detail: str = "") -> str:
        if problem is Problem.OFFLINE:
            return self.tr(
                "The licences cannot be fetched: the service centre's system is not reachable. "
                "Take in paper copies with the document camera instead."
            )
        if problem is Problem.NOT_FOUND:
            return self.tr("This authorisation code is unknown. Ask the citizen to show it again.")
        if problem is Problem.EXPIRED:
            return self.tr(
                "This authorisation has expired or was used. Ask the citizen to authorise again "
                "in the app."
            )
        if problem in (Problem.NOT_A_CODE, Problem.WRONG_KIND):
            return self.tr("This is not an authorisation code (it starts with ZWFW-SQ:).")
        return problem_text(problem, detail)

    def drop_licences(self) -> None:
        if self.case is not None:
            self.case.drop_licences()
        self.said.say(self.auth_status, lambda: self.tr("The licences will not be attached."))
        self.show_case()
        self.changed.emit()

    def wipe(self) -> None:
        for w in (self.holder, self.licences, self.licences_note, self.auth_status):
            w.clear()
        self.auth_code.clear()
        self.said.clear()
        self.case = None
