"""办件查询 screen: scan the QR on any slip the terminal printed, or type its number (queue,
case, 12345, document, application); the number is shown large and readable, with where it
stands, where to go and what comes next.

A 12345 request or a utility application asked for at another terminal than the one that filed
it answers "not known here"; the screen then asks for the phone given when filing (the docked
keypad, the digits shown masked) and asks the central again with it (core.flows.progress
``lookup_with_phone``). The phone is wiped with the session (STANDARDS: personal data).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from contract.codes import spoken
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.flows.progress import (
    Lookup,
    StageState,
    lookup,
    lookup_with_phone,
    read_number,
    read_phone,
)
from kiosk_app.core.masking import mask_phone
from kiosk_app.ui import keyboard
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, problem_text, sentences
from kiosk_app.ui.flows.widgets import ScanListener
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.utility.stages import stage_label as utility_stage  # 报装: its own words
from kiosk_app.ui.widgets import button, card, label


class ProgressScreen(FlowScreen):
    name = "progress"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self.result: Lookup | None = None
        page = QWidget()
        lay = QVBoxLayout(page)
        self.ask = label("title")
        lay.addWidget(self.ask)
        row = QHBoxLayout()
        self.number = QLineEdit()
        self.number.setObjectName("progress_number")
        self.number.setMaxLength(40)
        self.number.returnPressed.connect(self.look_up)
        self.lookup_btn = button("primary", "")
        self.lookup_btn.setObjectName("progress_lookup")
        self.lookup_btn.clicked.connect(self.look_up)
        keyboard.code(self.number, self.lookup_btn)
        row.addWidget(self.number, 1)
        row.addWidget(self.lookup_btn)
        lay.addLayout(row)
        self.examples = label("muted")
        lay.addWidget(self.examples)
        self.error = label("error")
        self.error.setObjectName("progress_error")
        lay.addWidget(self.error)
        self.prove = card()
        self.prove.setObjectName("progress_prove")
        pl = QVBoxLayout(self.prove)
        pl.setContentsMargins(24, 16, 24, 16)
        self.prove_ask = label("title")
        self.prove_ask.setObjectName("progress_prove_ask")
        pl.addWidget(self.prove_ask)
        prow = QHBoxLayout()
        self.phone = QLineEdit()
        self.phone.setObjectName("progress_phone")
        self.phone.setMaxLength(11)
        # masked while typed (personal data): only the masked form below is readable
        self.phone.setEchoMode(QLineEdit.EchoMode.Password)
        self.phone.returnPressed.connect(self.look_up_with_phone)
        self.phone.textChanged.connect(self._phone_typed)
        self.phone_btn = button("primary", "")
        self.phone_btn.setObjectName("progress_phone_lookup")
        self.phone_btn.clicked.connect(self.look_up_with_phone)
        keyboard.digits(self.phone, self.phone_btn)  # the docked keypad, never the system one
        prow.addWidget(self.phone, 1)
        prow.addWidget(self.phone_btn)
        pl.addLayout(prow)
        self.phone_shown = label("muted")
        self.phone_shown.setObjectName("progress_phone_masked")
        pl.addWidget(self.phone_shown)
        self.prove.hide()
        lay.addWidget(self.prove)
        self.box = card()
        bl = QVBoxLayout(self.box)
        bl.setContentsMargins(24, 16, 24, 16)
        self.big = label("heading")
        self.big.setObjectName("progress_big_number")
        self.big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.facts = label("title")
        self.facts.setObjectName("progress_facts")
        self.steps = label("body")
        self.steps.setObjectName("progress_steps")
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        for w in (self.big, self.facts, self.steps):
            bl.addWidget(w)
        self.box.hide()
        lay.addWidget(self.box)
        lay.addStretch(1)
        self.page = self.add_page(page, scroll=True)
        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scanned)
        self.register_wiper("progress.screen", self._wipe)
        self.retranslate()
        self.show_page(self.page)

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.title.setText(self.tr("Case progress"))
        self.ask.setText(self.tr("Scan the QR code on your slip, or type the number on it"))
        self.examples.setText(
            self.tr(
                "Queue tickets (A012), cases (SL 4830 2917 5603), 12345 requests "
                "(12345 4830 2917 5603), documents (WJ …) and applications (BZ …)."
            )
        )
        self.number.setPlaceholderText("SL 4830 2917 5603")
        self.lookup_btn.setText(self.tr("Look up"))
        self.prove_ask.setText(
            self.tr(
                "It was filed at another terminal. Please enter the mobile number you gave "
                "then, and we will look it up for you."
            )
        )
        self.phone.setPlaceholderText(self.tr("11-digit mobile number"))
        self.phone_btn.setText(self.tr("Find it"))
        self._phone_typed(self.phone.text())
        if self.result is not None:
            self._show(self.result)

    def on_scanned(self, text: str) -> None:
        self.number.setText(text.strip())
        self.look_up()

    def look_up(self) -> None:
        number = read_number(self.number.text())
        if number is None:
            self.box.hide()
            self.error.setText(
                self.tr(
                    "This number cannot be right. Please check it against your slip: "
                    "letters first, then 12 digits."
                )
            )
            return
        self._hide_prove()
        self.box.hide()  # the last number's answer is not this one's
        self.error.setText(self.tr("Looking up…"))
        api = ports.api(self.win)
        self.run_task(lambda: lookup(api, number), self._show)

    def _phone_typed(self, text: str) -> None:
        self.phone_shown.setText(
            self.tr("You typed: %1").replace("%1", mask_phone(text)) if len(text) == 11 else ""
        )

    def _hide_prove(self) -> None:
        self.phone.clear()
        self.prove.hide()

    def look_up_with_phone(self) -> None:
        number = self.result.number if self.result is not None else ""
        phone = read_phone(self.phone.text())
        if not number:
            return
        if phone is None:
            self.error.setText(self.tr("A mobile number has 11 digits, starting with 1."))
            return
        self.error.setText(self.tr("Looking up…"))
        api = ports.api(self.win)
        self.run_task(lambda: lookup_with_phone(api, number, phone), self._show)

    def _show(self, result: Lookup) -> None:
        self.result = result
        p = result.progress
        if p is None:
            self.box.hide()
            if result.phone_asked:
                self.phone.clear()  # nothing of a phone tried stays on the screen
            if result.can_prove_phone:
                self.error.clear()
                self.phone.clear()
                self.prove.show()
            elif result.phone_mismatch:
                self.error.setText(
                    self.tr(
                        "The number and the mobile number do not match. Please check both "
                        "and try again, or ask at the service desk."
                    )
                )
            elif result.problem is Problem.NOT_FOUND:
                self.error.setText(
                    self.tr(
                        "This number is not known yet. Something filed in the last few minutes "
                        "may still be on its way; please try again later."
                    )
                )
            else:
                self.error.setText(
                    sentences(
                        problem_text(result.problem, result.detail),
                        self.tr("Please try again later."),
                    )
                )
            return
        self.error.clear()
        self._hide_prove()
        self.big.setText(spoken(p.number))
        kinds = {
            "ticket": self.tr("Queue ticket"),
            "case": self.tr("Case"),
            "workorder": self.tr("12345 request"),
            "document": self.tr("Filed document"),
            "application": self.tr("Utility application"),
        }
        facts = [kinds.get(p.kind, p.kind) + (f" · {p.service}" if p.service else "")]
        if p.where:
            facts.append(self.tr("Where to go: %1").replace("%1", p.where))
        if p.waiting is not None and p.kind == "ticket":
            facts.append(self.tr("People ahead of you: %1").replace("%1", str(p.waiting)))
        self.facts.setText("\n".join(facts))
        marks = {
            StageState.DONE: self.tr("done %1"),
            StageState.LATE: self.tr("done %1, after the deadline"),
            StageState.WAITING: self.tr("due by %1"),
            StageState.OVERDUE: self.tr("overdue since %1"),
        }
        lines = []
        for r in result.rows:
            when = r.done_at or r.deadline
            stamp = when.astimezone().strftime("%m-%d %H:%M") if when else ""
            done = r.state in (StageState.DONE, StageState.LATE)
            mark = marks[r.state].replace("%1", stamp) if stamp else ""
            lines.append(f"{'✔' if done else '○'} {self.step_label(r.stage)}  {mark}".rstrip())
        from kiosk_app.ui.hotline.menu import deadline_lines  # issue 17: overdue, escalation

        lines += deadline_lines(p)
        self.steps.setText("\n".join(lines))
        self.box.show()

    def step_label(self, step: str) -> str:
        return (
            {
                "issued": self.tr("Ticket taken"),
                "called": self.tr("Called to the window"),
                "received": self.tr("Received"),
                "accepted": self.tr("Accepted by the department"),
                "result": self.tr("Result"),
                "contacted": self.tr("Contacted you"),
                "on_site": self.tr("On site"),
                "feedback": self.tr("Progress feedback"),
            }.get(step)
            or utility_stage(step)
            or step
        )

    def _wipe(self) -> None:
        self.result = None
        for w in (self.big, self.facts, self.steps, self.error, self.phone_shown):
            w.clear()
        self._hide_prove()
