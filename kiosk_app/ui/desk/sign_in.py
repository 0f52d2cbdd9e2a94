"""The desk's first page: the clerk signs in with the staff badge (scan gun) or number and PIN.

PIN hashing runs in the task manager (it is slow on purpose); a lockout after too many wrong
PINs is reported by kiosk_app.services. The panel says what went wrong and emits ``signed_in``
with the clerk; the screen keeps the clerk on the shift.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk_app.core.flows.desk_staff import SignIn, SignInProblem, StaffSignIn
from kiosk_app.ui.desk.said import Said
from kiosk_app.ui.flows.common import FlowScreen
from kiosk_app.ui.flows.widgets import NumericKeypad
from kiosk_app.ui.weak import WeakAttr
from kiosk_app.ui.widgets import button, label

log = logging.getLogger(__name__)


class SignInPanel(QWidget):
    host = WeakAttr["FlowScreen"]()  # no cycle back to the screen (kiosk_app.ui.weak)
    signed_in = Signal(object)  # the Staff who signed in

    def __init__(self, host: FlowScreen, signin: StaffSignIn) -> None:
        super().__init__()
        self.host = host
        self.signin = signin
        self.said = Said()
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        self.sign_in_hint = label("title")
        self.sign_in_hint.setObjectName("desk_sign_in_hint")
        left.addWidget(self.sign_in_hint)
        self.number_label = label("body")
        left.addWidget(self.number_label)
        self.staff_number = QLineEdit()
        self.staff_number.setObjectName("desk_staff_number")
        self.staff_number.setMaxLength(9)
        left.addWidget(self.staff_number)
        self.pin_label = label("body")
        left.addWidget(self.pin_label)
        self.staff_pin = QLineEdit()
        self.staff_pin.setObjectName("desk_staff_pin")
        self.staff_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.staff_pin.setMaxLength(12)
        self.staff_pin.returnPressed.connect(self.sign_in_pin)
        left.addWidget(self.staff_pin)
        self.sign_in_btn = button("primary", "")
        self.sign_in_btn.setObjectName("desk_sign_in")
        self.sign_in_btn.clicked.connect(self.sign_in_pin)
        left.addWidget(self.sign_in_btn)
        self.sign_in_error = label("error")
        self.sign_in_error.setObjectName("desk_sign_in_error")
        left.addWidget(self.sign_in_error)
        left.addStretch(1)
        lay.addLayout(left, 3)
        self.keypad = NumericKeypad()
        self.keypad.setMaximumWidth(460)
        self.keypad.attach(self.staff_number, self.sign_in_btn)
        self.keypad.attach(self.staff_pin, self.sign_in_btn)
        lay.addWidget(self.keypad, 2)

    def retranslate(self) -> None:
        self.said.redraw()
        self.keypad.retranslate()
        self.sign_in_hint.setText(
            self.tr("Staff sign-in: scan your staff badge, or enter your staff number and PIN.")
        )
        self.number_label.setText(self.tr("Staff number (e.g. 0001)"))
        self.pin_label.setText(self.tr("PIN"))
        self.sign_in_btn.setText(self.tr("Sign in"))

    def badge(self, text: str) -> None:
        """A code scanned on this page: a staff badge, or said why not."""
        self._signed(self.signin.badge(text))

    def sign_in_pin(self) -> None:
        number, pin = self.staff_number.text(), self.staff_pin.text()
        self.sign_in_btn.setEnabled(False)
        self.said.say(self.sign_in_error, None)

        def done(result: SignIn) -> None:
            self.sign_in_btn.setEnabled(True)
            self._signed(result)

        self.host.run_task(
            lambda: self.signin.pin(number, pin),
            done,
            lambda exc: self.sign_in_btn.setEnabled(True),
        )

    def _signed(self, result: SignIn) -> None:
        self.staff_pin.clear()
        if result.staff is None:
            self.said.say(self.sign_in_error, lambda: self._sign_in_problem(result))
            return
        self.staff_number.clear()
        self.said.say(self.sign_in_error, None)
        log.info("desk staff signed in", extra={"staff_id": result.staff.id})
        self.signed_in.emit(result.staff)

    def _sign_in_problem(self, r: SignIn) -> str:
        p = r.problem
        if p is SignInProblem.LOCKED:
            minutes = max(1, round(r.locked_for_s / 60))
            return self.tr(
                "Too many wrong PINs. Try again in %1 min, or sign in with your badge."
            ).replace("%1", str(minutes))
        if p is SignInProblem.WRONG:
            return (
                self.tr("Staff number or PIN is wrong. %1 attempt(s) left.").replace(
                    "%1", str(r.attempts_left)
                )
                if r.attempts_left
                else self.tr("Staff number or PIN is wrong.")
            )
        texts = {
            SignInProblem.NOT_A_BADGE: self.tr("This is not a staff badge. Scan your staff badge."),
            SignInProblem.UNKNOWN_STAFF: self.tr(
                "This badge is not registered at this desk. Ask the administrator."
            ),
            SignInProblem.NO_PIN: self.tr("This staff member signs in with the badge only."),
            SignInProblem.MISSING: self.tr("Please enter the staff number and the PIN."),
        }
        return texts.get(p, "") if p is not None else ""

    def wipe(self) -> None:
        self.said.clear()
        self.staff_pin.clear()
