"""用水用气报装 screens: choose → applicant → address → property proof → survey slot → details →
review → done (slip) → progress. The state machine is ``kiosk_app.core.flows.utility``; this
module only shows its steps and feeds it taps, scans and typing.

The applicant comes from the one identity step every flow asks (``win.ask_identity``, issue 15:
the card, the 电子身份证 QR or the typed number with a texted code, on the shared identity page),
asked once the citizen chose what to apply for; a citizen this visit identified already is taken
at once. This screen keeps only what is its own: who applies (masked) and the agent's company.
Personal values are shown masked and wiped with the session (the flow's and this screen's
wipers).
"""

from __future__ import annotations

import weakref
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contract.codes import spoken
from contract.utility import SlotHold, SurveySlot, SurveySlots, UploadStatus, UploadTicket
from devices.imaging.pdf import SessionError
from kiosk_app.core.addresses import AddressBook, book_for, cached_book
from kiosk_app.core.citizen import Citizen
from kiosk_app.core.flows.capture_flow import CaptureFlow
from kiosk_app.core.flows.identity import Level
from kiosk_app.core.flows.ports import Outcome, Problem
from kiosk_app.core.flows.progress import Lookup, StageState, lookup
from kiosk_app.core.flows.utility import FieldError, Step, UtilityFlow, Why
from kiosk_app.core.masking import mask_id, mask_name, mask_phone
from kiosk_app.ui import keyboard, touch
from kiosk_app.ui.desk.capture_panel import CapturePanel
from kiosk_app.ui.flows import ports as flow_ports
from kiosk_app.ui.flows.common import FlowScreen, problem_text, sentences
from kiosk_app.ui.flows.widgets import NumericKeypad, ScanListener, TicketPanel
from kiosk_app.ui.identity.step import ask_on_card
from kiosk_app.ui.utility import ports
from kiosk_app.ui.utility.stages import stage_label
from kiosk_app.ui.weak import weak_method
from kiosk_app.ui.widgets import button, card, label
from kiosk_app.ui.widgets.qr import qr_pixmap


def _choice_row(
    parent_lay: QVBoxLayout, names: list[str], prefix: str
) -> tuple[QButtonGroup, dict[str, QPushButton]]:
    row = QHBoxLayout()
    group = QButtonGroup(parent_lay)
    group.setExclusive(True)
    buttons: dict[str, QPushButton] = {}
    for n in names:
        b = button("toggle", "")  # the one chosen shows filled (a tile is filled already)
        b.setObjectName(f"{prefix}_{n}")
        b.setCheckable(True)
        b.setMinimumHeight(100)
        group.addButton(b)
        row.addWidget(b)
        buttons[n] = b
    parent_lay.addLayout(row)
    return group, buttons


class Choices(QWidget):
    """A form's choice field as a row of buttons, one tap each (a drop-down list is a small
    target, its list opens the on-screen keyboard on a tap, and it hides what can be chosen).
    ``currentText``/``setCurrentText`` as a combo box has them; "" is nothing chosen."""

    def __init__(self, choices: list[str], tall: int) -> None:
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for c in choices:
            b = button("toggle", c)  # filled once chosen
            b.setCheckable(True)
            b.setMinimumHeight(tall)
            self.group.addButton(b)
            lay.addWidget(b)
            self.buttons[c] = b

    def currentText(self) -> str:
        return next((c for c, b in self.buttons.items() if b.isChecked()), "")

    def setCurrentText(self, text: str) -> None:
        self.group.setExclusive(False)  # an exclusive group cannot uncheck its last button
        for c, b in self.buttons.items():
            b.setChecked(c == text)
        self.group.setExclusive(True)


class UtilityScreen(FlowScreen):
    name = "utility"

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.channel = "desk" if "desk" in self.ctx.config.ui.capabilities else "kiosk"
        self.api = ports.api(window)
        self.flow = UtilityFlow(
            self.api,
            flow_ports.outbox(window),
            self.ctx.session,
            self.ctx.config.terminal.id,
            lambda: ports.published(window, "utility_forms"),
            channel=self.channel,
            releaser=self._release,
        )
        self.book: AddressBook | None = None
        self.slot_lists: dict[str, QListWidget] = {}
        self._slot_heads: list[QWidget] = []
        self.field_edits: dict[str, QLineEdit | Choices] = {}
        self.sent = False
        self.lookup_result: Lookup | None = None

        self.error = label("error")
        self.error.setObjectName("utility_error")
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        lay.insertWidget(1, self.error)

        self._build_choose()
        self._build_applicant()
        self._build_address()
        self._build_proof()
        self._build_survey()
        self._build_details()
        self._build_review()
        self._build_done()
        self._build_progress()

        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scanned)
        self.register_wiper("utility.screen", self._wipe)
        self.retranslate()
        if self.flow.load_forms() is not None:
            self.error.setText(self.why_text(Why.NO_FORMS))
        self._prepare_addresses()
        self.show_page(self.choose_page)
        if self.channel == "desk":
            # at the desk the clerk says "please lay your card" once the choice is made: the card
            # goes on as Next would (as desk intake does); before that, the page says what is
            # missing and the card is read when the identity page opens
            ask_on_card(
                self.choose_page,
                weakref.ref(self),
                Level.ANY,
                weak_method(self._identified),
                ready=weak_method(self._choose_for_card),
                purpose=weak_method(self._purpose),
            )

    # pages ------------------------------------------------------------------------------------
    def _nav(
        self, lay: QVBoxLayout, back: QWidget | None, next_name: str, on_next: Any
    ) -> QPushButton:
        row = QHBoxLayout()
        if back is not None:
            b = button("", "")
            b.setObjectName(f"{next_name}_back")
            b.setProperty("back_text", True)
            b.clicked.connect(lambda: self.go(back))
            row.addWidget(b)
            self._backs.append(b)
        row.addStretch(1)
        n = button("primary", "")
        n.setObjectName(next_name)
        n.clicked.connect(on_next)
        row.addWidget(n)
        lay.addLayout(row)
        return n

    _backs: list[QPushButton]

    def _build_choose(self) -> None:
        self._backs = []
        self.choose_page = QWidget()
        lay = QVBoxLayout(self.choose_page)
        self.choose_what = label("title")
        lay.addWidget(self.choose_what)
        self.util_group, self.util_buttons = _choice_row(
            lay, ["water", "gas", "both"], "utility_choice"
        )
        self.choose_type = label("title")
        lay.addWidget(self.choose_type)
        self.type_group, self.type_buttons = _choice_row(
            lay, ["new", "capacity", "transfer", "stop"], "utility_type"
        )
        lay.addStretch(1)
        self.choose_next = self._nav(lay, None, "utility_choose_next", self.on_choose)
        self.add_page(self.choose_page, scroll=True)

    def _build_applicant(self) -> None:
        self.applicant_page = QWidget()
        lay = QVBoxLayout(self.applicant_page)
        self.who = label("title")
        self.who.setObjectName("utility_who")
        lay.addWidget(self.who)
        self.agent = QCheckBox()
        self.agent.setObjectName("utility_agent")
        self.agent.setStyleSheet(
            "QCheckBox { min-height: 64px; } QCheckBox::indicator { width: 36px; height: 36px; }"
        )
        self.agent.toggled.connect(self.on_agent)
        lay.addWidget(self.agent)
        self.company = label("body")
        self.company.setObjectName("utility_company")
        lay.addWidget(self.company)
        lay.addStretch(1)
        self._nav(lay, self.choose_page, "utility_applicant_next", self.on_applicant_next)
        self.add_page(self.applicant_page, scroll=True)

    def _build_address(self) -> None:
        self.address_page = QWidget()
        lay = QVBoxLayout(self.address_page)
        self.address_ask = label("title")
        lay.addWidget(self.address_ask)
        self.address_query = QLineEdit()
        self.address_query.setObjectName("utility_address_query")
        self.address_query.textChanged.connect(self.on_address_typed)
        self.address_query.installEventFilter(self)  # the pinyin keyboard's letters, below
        lay.addWidget(self.address_query)
        self.address_list = QListWidget()
        self.address_list.setObjectName("utility_address_list")
        self.address_list.itemClicked.connect(self.on_address_chosen)
        # rows above the keyboard while typing: the page scrolls, the list keeps its rows
        self.address_list.setMinimumHeight(4 * 84 if self.elder else 4 * 60)
        touch.kinetic(self.address_list)
        # while typing, the page scrolls the field to the top: the results show under it
        keyboard.text(self.address_query, self.address_list)
        lay.addWidget(self.address_list, 1)
        self.address_missing = label("muted")
        lay.addWidget(self.address_missing)
        row = QHBoxLayout()
        self.address_typed = QLineEdit()
        self.address_typed.setObjectName("utility_address_typed")
        self.address_typed.setMaxLength(200)
        self.use_typed = button("", "")
        self.use_typed.setObjectName("utility_use_typed")
        self.use_typed.clicked.connect(self.on_address_typed_used)
        keyboard.text(self.address_typed, self.use_typed)
        row.addWidget(self.address_typed, 1)
        row.addWidget(self.use_typed)
        lay.addLayout(row)
        back = QHBoxLayout()
        b = button("", "")
        b.setObjectName("utility_address_back")
        b.clicked.connect(lambda: self.go(self.applicant_page))
        self._backs.append(b)
        back.addWidget(b)
        back.addStretch(1)
        lay.addLayout(back)
        self.add_page(self.address_page, scroll=True)

    def _build_proof(self) -> None:
        self.proof_page = QWidget()
        lay = QVBoxLayout(self.proof_page)
        box = card()
        bl = QVBoxLayout(box)
        self.proof_title = label("title")
        self.proof_text = label("body")
        self.proof_state = label("title")
        self.proof_state.setObjectName("utility_proof_state")
        for w in (self.proof_title, self.proof_text, self.proof_state):
            bl.addWidget(w)
        lay.addWidget(box)
        # no e-licence and no desk camera: a photo from the citizen's phone, by a QR code
        self.upload_btn = button("", "")
        self.upload_btn.setObjectName("utility_upload")
        self.upload_btn.clicked.connect(self.on_upload)
        lay.addWidget(self.upload_btn)
        self.upload_qr = QLabel()
        self.upload_qr.setObjectName("utility_upload_qr")
        self.upload_qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.upload_qr)
        self.upload_ref = self.upload_url = ""
        self.upload_timer = QTimer(self)
        self.upload_timer.setInterval(2000)
        self.upload_timer.timeout.connect(self._poll_upload)
        # at a desk (a document camera): the paper certificate captured, instead of an e-licence
        self.capture: CaptureFlow | None = None
        self.capture_panel: CapturePanel | None = None
        self.use_capture = button("primary", "")
        self.use_capture.setObjectName("utility_use_capture")
        self.use_capture.clicked.connect(self.on_use_capture)
        self.use_capture.hide()
        if flow_ports.device(self.win, "doc_camera") is not None:
            try:
                self.capture = CaptureFlow(self.ctx.session.temp_dir())
            except SessionError:
                self.capture = None
            if self.capture is not None:
                self.capture_panel = CapturePanel(self, self.capture, preview_size=(480, 360))
                lay.addWidget(self.capture_panel, 1)
                self.use_capture.show()
                lay.addWidget(self.use_capture)
        lay.addStretch(1)
        self.proof_next = self._nav(
            lay, self.address_page, "utility_proof_next", self.on_proof_next
        )
        self.add_page(self.proof_page, scroll=True)

    def _build_survey(self) -> None:
        self.survey_page = QWidget()
        self.survey_lay = QVBoxLayout(self.survey_page)
        self.survey_text = label("body")
        self.survey_lay.addWidget(self.survey_text)
        self.survey_box = QVBoxLayout()
        self.survey_lay.addLayout(self.survey_box, 1)
        self.survey_state = label("title")
        self.survey_state.setObjectName("utility_survey_state")
        self.survey_lay.addWidget(self.survey_state)
        row = QHBoxLayout()
        self.by_phone = button("", "")
        self.by_phone.setObjectName("utility_survey_by_phone")
        self.by_phone.clicked.connect(lambda: self.on_survey_next(by_phone=True))
        row.addWidget(self.by_phone)
        row.addStretch(1)
        self.survey_lay.addLayout(row)
        self._nav(self.survey_lay, self.proof_page, "utility_survey_next", self.on_survey_next)
        self.add_page(self.survey_page)

    def _build_details(self) -> None:
        self.details_page = QWidget()
        lay = QVBoxLayout(self.details_page)
        self.form_title = label("title")
        lay.addWidget(self.form_title)
        self.form = QFormLayout()
        lay.addLayout(self.form)
        self.phone = QLineEdit()
        self.phone.setObjectName("utility_phone")
        self.phone.setMaxLength(13)
        keyboard.digits(self.phone)
        self.phone_label = QLabel()
        self.notes = QLineEdit()
        self.notes.setObjectName("utility_notes")
        self.notes.setMaxLength(500)
        keyboard.text(self.notes)
        self.notes_label = QLabel()
        self.keypad = NumericKeypad()
        self.keypad.attach(self.phone)
        lay.addWidget(self.keypad)
        lay.addStretch(1)
        self._nav(lay, self.survey_page, "utility_details_next", self.on_details_next)
        self.add_page(self.details_page, scroll=True)

    def _build_review(self) -> None:
        self.review_page = QWidget()
        lay = QVBoxLayout(self.review_page)
        self.review = label("body")
        self.review.setObjectName("utility_review")
        self.review.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.review)
        lay.addStretch(1)
        self.submit_btn = self._nav(lay, self.details_page, "utility_submit", self.on_submit)
        self.add_page(self.review_page, scroll=True)

    def _build_done(self) -> None:
        self.done_page = QWidget()
        lay = QVBoxLayout(self.done_page)
        self.panel = TicketPanel()
        self.panel.number.setObjectName("utility_number")
        lay.addWidget(self.panel)
        self.sent_line = label("title")
        self.sent_line.setObjectName("utility_sent")
        lay.addWidget(self.sent_line)
        # the QR beside the two answers, not above them: in elder mode the answers stay on the
        # screen without a drag (the number, the address and the slot fill the top)
        row = QHBoxLayout()
        self.qr = QLabel()
        self.qr.setObjectName("utility_qr")
        row.addWidget(self.qr)
        row.addStretch(1)
        answers = QVBoxLayout()
        self.follow_btn = button("", "")
        self.follow_btn.setObjectName("utility_follow")
        self.follow_btn.clicked.connect(self.on_follow)
        self.finish_btn = button("primary", "")
        self.finish_btn.setObjectName("utility_finish")
        self.finish_btn.clicked.connect(self.finish)
        answers.addStretch(1)
        answers.addWidget(self.follow_btn)
        answers.addWidget(self.finish_btn)
        row.addLayout(answers)
        lay.addLayout(row)
        lay.addStretch(1)
        self.add_page(self.done_page, scroll=True)

    def _build_progress(self) -> None:
        self.progress_page = QWidget()
        lay = QVBoxLayout(self.progress_page)
        self.progress_head = label("title")
        self.progress_head.setObjectName("utility_progress_head")
        self.timeline = label("body")
        self.timeline.setObjectName("utility_timeline")
        self.timeline.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.progress_head)
        lay.addWidget(self.timeline)
        lay.addStretch(1)
        row = QHBoxLayout()
        self.refresh_btn = button("", "")
        self.refresh_btn.setObjectName("utility_refresh")
        self.refresh_btn.clicked.connect(self.on_follow)
        self.progress_done = button("primary", "")
        self.progress_done.setObjectName("utility_progress_finish")
        self.progress_done.clicked.connect(self.finish)
        row.addStretch(1)
        row.addWidget(self.refresh_btn)
        row.addWidget(self.progress_done)
        lay.addLayout(row)
        self.add_page(self.progress_page, scroll=True)

    # texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.retranslate_frame()
        self.title.setText(self.tr("Water and gas connection"))
        self.choose_what.setText(self.tr("What do you apply for?"))
        for k, t in (
            ("water", self.tr("Water")),
            ("gas", self.tr("Gas")),
            ("both", self.tr("Water and gas")),
        ):
            self.util_buttons[k].setText(t)
        for k, t in (
            ("new", self.tr("New connection")),
            ("capacity", self.tr("Capacity change")),
            ("transfer", self.tr("Transfer of account")),
            ("stop", self.tr("Stop supply")),
        ):
            self.type_buttons[k].setText(t)
        self.choose_type.setText(self.tr("Which kind of application?"))
        for b in self._backs:
            b.setText(self.tr("Back"))
        for name in ("utility_choose_next", "utility_applicant_next", "utility_proof_next",
                     "utility_survey_next", "utility_details_next"):  # fmt: skip
            w = self.findChild(QPushButton, name)
            if w is not None:
                w.setText(self.tr("Next"))
        self.agent.setText(self.tr("I apply on behalf of a company"))
        self.address_ask.setText(
            self.tr(
                "Where is the connection? Type the street, community or road (pinyin initials work)"
            )
        )
        self.address_query.setPlaceholderText(self.tr("e.g. 东门社区 or dmsq"))
        self.address_missing.setText(self.tr("Not in the list? Type the full address:"))
        self.use_typed.setText(self.tr("Use this address"))
        self.proof_title.setText(self.tr("Proof of property (不动产权证)"))
        self.use_capture.setText(self.tr("Use the captured pages as the proof"))
        self.upload_btn.setText(self.tr("No electronic certificate? Send a photo from your phone"))
        if self.capture_panel is not None:
            self.capture_panel.retranslate()
        self.proof_text.setText(
            self.tr(
                "Open “authorise my licences” in the provincial app and show the QR code to the "
                "scanner: your electronic property certificate is used, no paper copy needed. "
                "No electronic certificate? Send a photo of the paper one from your phone (the "
                "button below), or bring it to a community service desk."
            )
        )
        self.survey_text.setText(
            self.tr(
                "Choose a time for the remote site survey: the utility's staff call you by video "
                "on your phone, and you show them the place. No visit is needed."
            )
        )
        self.by_phone.setText(self.tr("Let the utility phone me to arrange it"))
        self.phone_label.setText(self.tr("Mobile phone"))
        self.notes_label.setText(self.tr("Notes (optional)"))
        self.submit_btn.setText(self.tr("Submit the application"))
        self.follow_btn.setText(self.tr("Show progress"))
        self.finish_btn.setText(self.tr("Finish"))
        self.refresh_btn.setText(self.tr("Refresh"))
        self.progress_done.setText(self.tr("Finish"))
        self._show_applicant()
        if self.flow.form is not None:
            self._build_fields()
        if self.flow.submitted is not None:
            self._show_done()
        if self.lookup_result is not None:
            self._show_progress(self.lookup_result)

    def why_text(self, why: Why) -> str:
        return {
            Why.NO_FORMS: self.tr(
                "The application forms are not on this terminal yet. Please go to a service desk."
            ),
            Why.NOT_IDENTIFIED: self.tr("Please identify yourself first."),
            Why.NO_COMPANY: self.tr(
                "Please show the company's authorisation QR code with its business licence."
            ),
            Why.NO_ADDRESS: self.tr("Please choose the address from the list, or type it in full."),
            Why.NO_PROOF: self.tr(
                "No property certificate was found among your electronic licences. Please bring "
                "the paper certificate to a community service desk."
            ),
            Why.EXPIRED: self.tr("This licence has expired. Please renew it first."),
            Why.SLOT_TAKEN: self.tr("This time was just taken. Please choose another."),
            Why.NO_SLOT: self.tr("Please choose a survey time for each utility."),
            Why.INVALID: self.tr("Please check the fields marked below."),
            Why.FORM_CHANGED: self.tr(
                "The application form was updated just now. Everything you entered is kept; "
                "please check the fields marked below and submit again."
            ),
            Why.STORAGE: self.tr(
                "The terminal could not save the application. Nothing is lost: please try again."
            ),
            Why.SERVICE: problem_text(self.flow.problem, self.flow.detail),
        }[why]

    def field_error_text(self, e: FieldError) -> str:
        return {
            FieldError.MISSING: self.tr("required"),
            FieldError.TOO_LONG: self.tr("too long"),
            FieldError.NOT_A_NUMBER: self.tr("a number, please"),
            FieldError.OUT_OF_RANGE: self.tr("out of range"),
            FieldError.NOT_A_CHOICE: self.tr("choose one"),
            FieldError.BAD_PHONE: self.tr("an 11-digit mobile number"),
        }[e]

    def utility_name(self, u: str) -> str:
        return {"water": self.tr("Water"), "gas": self.tr("Gas"), "both": self.tr("Water and gas")}[
            u
        ]

    # navigation -------------------------------------------------------------------------------
    def go(self, page: QWidget) -> None:
        self.error.clear()
        self.show_page(page)

    def page_for(self, step: Step) -> QWidget:
        return {
            Step.CHOOSE: self.choose_page,
            Step.APPLICANT: self.applicant_page,
            Step.ADDRESS: self.address_page,
            Step.PROOF: self.proof_page,
            Step.SURVEY: self.survey_page,
            Step.DETAILS: self.details_page,
            Step.REVIEW: self.review_page,
            Step.DONE: self.done_page,
        }[step]

    def fail(self, why: Why) -> None:
        self.error.setText(self.why_text(why))

    # choose -------------------------------------------------------------------------------------
    def on_choose(self) -> None:
        if self._choose():
            self._ask_applicant()

    def _choose_for_card(self) -> bool:
        return self._choose(card=True)

    def _choose(self, card: bool = False) -> bool:
        """The utility and the kind as chosen on the page, taken by the flow; False (and the
        page says why) when something is missing — with a ``card`` laid too early, that it is
        to be laid again (the reader reads a card once per lay-down)."""
        u = next((k for k, b in self.util_buttons.items() if b.isChecked()), "")
        t = next((k for k, b in self.type_buttons.items() if b.isChecked()), "")
        if not u or not t:
            self.error.setText(
                self.tr("Please choose what you apply for and the kind, then lay the card again.")
                if card
                else self.tr("Please choose what you apply for and the kind.")
            )
            return False
        why = self.flow.choose(u, t)
        if why is not None:
            self.fail(why)
            return False
        self.error.clear()
        return True

    # applicant ----------------------------------------------------------------------------------
    def _ask_applicant(self) -> None:
        """The shared identity step (issue 15), any of its three ways (``Level.ANY``: the
        application is checked by the utility; no e-licence is fetched in the citizen's name).
        Known already in this visit, the applicant page shows at once; going back from the
        identity page returns to the choice, nothing chosen is lost."""
        self.error.clear()
        self.win.ask_identity(self, Level.ANY, self._identified, None, self._purpose)

    def _purpose(self) -> str:
        return self.tr("The application is made in the name of the person identified here.")

    def _identified(self, citizen: Citizen) -> None:
        why = self.flow.identified()  # the session's citizen (``current_citizen``): ``citizen``
        if why is not None:
            self.fail(why)
            return
        self._show_applicant()
        self.go(self.applicant_page)

    def _show_applicant(self) -> None:
        a = self.flow.applicant
        if a is None:
            self.who.clear()
        else:
            self.who.setText(
                self.tr("Applicant: %1, ID %2")
                .replace("%1", mask_name(a.name))
                .replace("%2", mask_id(a.id_number))
            )
        show_company = self.agent.isChecked()
        if not show_company:
            self.company.clear()
        elif a is not None and a.company:
            self.company.setText(
                self.tr("Company: %1 (business licence attached)").replace("%1", a.company)
            )
        else:
            self.company.setText(
                self.tr(
                    "Show the company's authorisation QR code (with its business licence) "
                    "to the scanner."
                )
            )

    def on_agent(self, on: bool) -> None:
        self.flow.as_agent(on)
        self._show_applicant()

    def on_applicant_next(self) -> None:
        why = self.flow.applicant_done()
        if why is Why.NOT_IDENTIFIED:
            self._ask_applicant()  # the visit's citizen is gone: ask again
            return
        if why is not None:
            self.fail(why)
            return
        self.go(self.address_page)

    # address ------------------------------------------------------------------------------------
    def _prepare_addresses(self) -> None:
        doc = ports.published(self.win, "addresses")
        if doc is None:
            return
        self.book = cached_book(str(doc.get("version", "")))
        if self.book is None:
            self.run_task(lambda: book_for(doc), self._book_ready)

    def _book_ready(self, book: AddressBook) -> None:
        self.book = book
        self.on_address_typed(self.address_query.text())

    def on_address_typed(self, text: str) -> None:
        self.address_list.clear()
        letters, self._letters_kept = self._letters_kept, ""
        if self.book is None or not text.strip():
            return
        limit = 20 if self.elder else 30
        found = self.book.search(text, limit=limit)
        if not found and letters:
            found = self.book.search(letters, limit=limit)
        for a in found:
            item = QListWidgetItem(str(a.get("name", "")))
            item.setData(Qt.ItemDataRole.UserRole, str(a.get("id")))
            self.address_list.addItem(item)

    _letters = ""  # the pinyin keyboard's letters being composed in the address field
    _letters_kept = ""  # … when a word replaced them: searched if the word finds nothing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Pinyin initials on the Chinese keyboard ("dmsq" for 东门社区, as the page suggests):
        the letters stay in the keyboard, offered as words, and never reach the field's text.
        The list follows them as they are typed, so the citizen taps the address, not a word;
        closing the keyboard puts its first word in the field ("的面授权" for dmsq), and when
        that word finds no address the letters' addresses stay."""
        if watched is self.address_query and isinstance(event, QInputMethodEvent):
            pre, commit = event.preeditString(), event.commitString()
            letters = "".join(pre.split()).replace("'", "")  # shown as "d m s q"
            if letters and letters.isascii() and not commit:
                self._letters = self.address_query.text() + letters
                self.on_address_typed(self._letters)
            elif commit and self._letters:
                self._letters_kept, self._letters = self._letters, ""
        return super().eventFilter(watched, event)

    def on_address_chosen(self, item: QListWidgetItem) -> None:
        a = self.book.get(str(item.data(Qt.ItemDataRole.UserRole))) if self.book else None
        if a is None:
            return
        self._after_address(self.flow.choose_address(a))

    def on_address_typed_used(self) -> None:
        self._after_address(self.flow.type_address(self.address_typed.text()))

    def _after_address(self, why: Why | None) -> None:
        if why is not None:
            self.fail(why)
            return
        self._enter(self.flow.step)

    def _enter(self, step: Step) -> None:
        if step is Step.PROOF:
            self._show_proof()
        elif step is Step.SURVEY:
            self._load_slots()
        elif step is Step.DETAILS:
            self._build_fields()
        elif step is Step.REVIEW:
            self._show_review()
        self.go(self.page_for(step))

    # proof ----------------------------------------------------------------------------------------
    def _show_proof(self) -> None:
        d = self.flow.draft
        if d.proof_method == "certfree":
            self.proof_state.setText(
                self.tr("Property certificate attached: %1").replace("%1", d.proof_licence)
            )
        elif d.proof_method == "capture":
            self.proof_state.setText(self.tr("Property certificate captured."))
        elif d.proof_method == "upload":
            self.proof_state.setText(self.tr("Photo of the certificate received from your phone."))
        else:
            self.proof_state.clear()

    def on_proof_next(self) -> None:
        if self.flow.draft.proof_method == "none":
            self.fail(Why.NO_PROOF)
            return
        self._enter(self.flow.after_proof())

    def on_upload(self) -> None:
        self.error.setText(self.tr("One moment…"))
        self.run_task(self.flow.start_upload, self._upload_ready)

    def _upload_ready(self, outcome: Outcome[UploadTicket]) -> None:
        ticket = outcome.value
        if ticket is None:
            self.error.setText(
                sentences(
                    problem_text(outcome.problem, outcome.detail), self.tr("Please try again.")
                )
            )
            return
        self.error.clear()
        self.upload_ref, self.upload_url = ticket.ref, ticket.url
        self.upload_qr.setPixmap(qr_pixmap(ticket.url, 240 if not self.elder else 300))
        host = self.proof_page.property("page_host")
        if isinstance(host, QScrollArea):  # the whole code in sight for the phone's camera
            QTimer.singleShot(0, lambda: host.ensureWidgetVisible(self.upload_qr, 0, 64))
        self.proof_state.setText(
            self.tr(
                "Scan this code with your phone and send a photo of the certificate; this page "
                "goes on by itself when it arrives."
            )
        )
        self.upload_timer.start()

    def _poll_upload(self) -> None:
        ref = self.upload_ref
        if not ref or self.current_page() is not self.proof_page:
            self.upload_timer.stop()
            return
        self.run_task(lambda: self.flow.check_upload(ref), self._upload_checked)

    def _upload_checked(self, outcome: Outcome[UploadStatus]) -> None:
        status = outcome.value
        if status is None or status.status == "waiting" or status.ref != self.upload_ref:
            return
        self.upload_timer.stop()
        if status.status == "expired":
            self.upload_qr.clear()
            self.proof_state.setText(
                self.tr("The upload page has expired. Please ask for a new one.")
            )
            return
        self.upload_qr.clear()
        self.upload_ref = ""
        why = self.flow.proof_uploaded(status)
        if why is not None:
            self.fail(why)
            return
        self._show_proof()
        self._enter(self.flow.step)

    def on_use_capture(self) -> None:
        """The pages under the document camera become the property proof (a PDF)."""
        capture = self.capture
        if capture is None or not capture.page_list():
            self.error.setText(self.tr("Lay the property certificate under the camera first."))
            return
        self.run_task(
            lambda: capture.write_pdf("property-proof.pdf"),
            self._captured,
            lambda exc: self.fail(Why.STORAGE),
        )

    def _captured(self, pdf: Any) -> None:
        why = self.flow.proof_captured(pdf)
        if why is not None:
            self.fail(why)
            return
        self._show_proof()
        self._enter(self.flow.step)

    def _redeem(self, redemption: Any, text: str, done: Any) -> None:
        problem = redemption.scanned(text)
        if problem is not None:
            self.error.setText(problem_text(problem))
            return
        self.error.setText(self.tr("Fetching your electronic licences…"))
        self.run_task(
            redemption.redeem,
            lambda outcome: self._redeemed(redemption, outcome, done),
            lambda exc: self._redeemed(redemption, Outcome(problem=Problem.OFFLINE), done),
        )

    def _redeemed(self, redemption: Any, outcome: Outcome[Any], done: Any) -> None:
        problem = redemption.apply(outcome)
        if problem is not None:
            self.error.setText(problem_text(problem, outcome.detail))
            return
        self.error.clear()
        done()

    def _property_done(self) -> None:
        why = self.flow.proof_from_licences()
        if why is not None:
            self.fail(why)
            return
        self._show_proof()
        self._enter(self.flow.step)

    def _company_done(self) -> None:
        why = self.flow.company_from_licences()
        if why is not None:
            self.fail(why)
        self._show_applicant()

    def on_scanned(self, text: str) -> None:
        page = self.current_page()
        if page is self.applicant_page:
            if self.flow.applicant is not None and self.agent.isChecked():
                self._redeem(self.flow.company, text, self._company_done)
        elif page is self.proof_page:
            self._redeem(self.flow.property, text, self._property_done)

    # survey ---------------------------------------------------------------------------------------
    def _load_slots(self) -> None:
        for lst in self.slot_lists.values():
            self.survey_box.removeWidget(lst)
            lst.deleteLater()
        for w in self._slot_heads:
            self.survey_box.removeWidget(w)
            w.deleteLater()
        self.slot_lists, self._slot_heads = {}, []
        self.survey_state.clear()
        for u in self.flow.utilities():
            head = label("title", self.utility_name(u))
            lst = QListWidget()
            lst.setObjectName(f"utility_slots_{u}")
            lst.itemClicked.connect(lambda item, u=u: self.on_slot(u, item))
            touch.kinetic(lst)
            self.survey_box.addWidget(head)
            self.survey_box.addWidget(lst, 1)
            self._slot_heads.append(head)
            self.slot_lists[u] = lst
            self.run_task(partial(self.flow.load_slots, u), partial(self._slots_loaded, u))
        self._show_survey_state()

    def _slots_loaded(self, utility: str, outcome: Outcome[SurveySlots]) -> None:
        lst = self.slot_lists.get(utility)
        if lst is None:
            return
        if outcome.value is None:
            self.survey_state.setText(
                sentences(
                    problem_text(outcome.problem),
                    self.tr("You can let the utility phone you to arrange the survey."),
                )
            )
            return
        for s in outcome.value.slots[: 12 if self.elder else 30]:
            start, end = datetime.fromisoformat(s.start), datetime.fromisoformat(s.end)
            text = f"{start:%m-%d %H:%M}–{end:%H:%M}"
            item = QListWidgetItem(text + ("" if s.free else "  " + self.tr("(full)")))
            item.setData(Qt.ItemDataRole.UserRole, s.model_dump_json())
            if not s.free:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            lst.addItem(item)

    def on_slot(self, utility: str, item: QListWidgetItem) -> None:
        s = SurveySlot.model_validate_json(str(item.data(Qt.ItemDataRole.UserRole)))
        self.survey_state.setText(self.tr("Holding this time for you…"))
        self.run_task(lambda: self.flow.hold(s), lambda o: self._held(s, o))

    def _held(self, slot: SurveySlot, outcome: Outcome[SlotHold]) -> None:
        why = self.flow.apply_hold(slot, outcome)
        if why is not None:
            self.fail(why)
            if why is Why.SLOT_TAKEN:
                self._load_slots()
            return
        self._show_survey_state()

    def _show_survey_state(self) -> None:
        lines = []
        for u, s in self.flow.draft.slots.items():
            start = datetime.fromisoformat(s.start)
            held = u in self.flow.draft.holds
            text = self.tr("%1: %2 (held for you)") if held else self.tr("%1: %2 (to be confirmed)")
            lines.append(
                text.replace("%1", self.utility_name(u)).replace("%2", f"{start:%m-%d %H:%M}")
            )
        self.survey_state.setText("\n".join(lines))

    def on_survey_next(self, by_phone: bool = False) -> None:
        why = self.flow.survey_done(by_phone=by_phone)
        if why is not None:
            self.fail(why)
            return
        self._enter(Step.DETAILS)

    # details --------------------------------------------------------------------------------------
    def _build_fields(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)  # deletes the widgets (phone and notes are re-made below)
        self.field_edits = {}
        form = self.flow.form
        if form is None:
            return
        self.form_title.setText(
            self.tr("%1: %2")
            .replace("%1", self.utility_name(self.flow.draft.utilities))
            .replace(
                "%2", form.title_zh if not self.english_slip() else (form.title_en or form.title_zh)
            )
        )
        self.phone = QLineEdit(self.flow.draft.phone)
        self.phone.setObjectName("utility_phone")
        self.phone.setMaxLength(13)
        keyboard.digits(self.phone)
        self.keypad.fields, self.keypad.target = [], None
        self.keypad.attach(self.phone)
        self.phone_label = QLabel(self.tr("Mobile phone"))
        self.form.addRow(self.phone_label, self.phone)
        for f in self.flow.fields():
            value = self.flow.draft.fields.get(f.name, "")
            w: QLineEdit | Choices
            if f.kind == "choice":
                w = Choices(f.choices, 80 if self.elder else 60)
                w.setCurrentText(value)
            else:
                w = QLineEdit(value)
                w.setMaxLength(f.max_length)
                if f.kind == "number":
                    keyboard.digits(w)
                    self.keypad.attach(w)
                else:
                    keyboard.text(w)
            w.setObjectName(f"utility_field_{f.name}")
            name = f.label_en if self.english_slip() and f.label_en else f.label_zh
            mark = " *" if f.required else ""
            err = self.flow.errors.get(f.name)
            changed = f.name in self.flow.changed
            text = (
                name
                + mark
                + (f"  ({self.field_error_text(err)})" if err else "")
                + (" ⚑" if changed else "")
            )
            self.form.addRow(QLabel(text), w)
            self.field_edits[f.name] = w
        self.notes = QLineEdit(self.flow.draft.notes)
        self.notes.setObjectName("utility_notes")
        self.notes.setMaxLength(500)
        keyboard.text(self.notes)
        self.notes_label = QLabel(self.tr("Notes (optional)"))
        self.form.addRow(self.notes_label, self.notes)
        if "phone" in self.flow.errors:
            self.phone_label.setText(
                self.phone_label.text() + f"  ({self.field_error_text(self.flow.errors['phone'])})"
            )

    def _collect(self) -> None:
        self.flow.set_phone(self.phone.text())
        self.flow.set_notes(self.notes.text())
        for name, w in self.field_edits.items():
            self.flow.set_field(name, w.currentText() if isinstance(w, Choices) else w.text())

    def on_details_next(self) -> None:
        self._collect()
        why = self.flow.details_done()
        if why is not None:
            self._build_fields()
            self.fail(why)
            return
        self._enter(Step.REVIEW)

    # review and submit --------------------------------------------------------------------------
    def _show_review(self) -> None:
        f = self.flow
        a = f.applicant
        title = ""
        if f.form is not None:  # in English as the details page names it
            title = f.form.title_en if self.english_slip() and f.form.title_en else f.form.title_zh
        lines = [
            self.tr("Application: %1").replace(
                "%1", f"{self.utility_name(f.draft.utilities)} · {title}"
            ),
            self.tr("Applicant: %1").replace(
                "%1", f"{mask_name(a.name)} {mask_id(a.id_number)}" if a else ""
            ),
        ]
        if a is not None and a.company:
            lines.append(self.tr("Company: %1").replace("%1", a.company))
        lines.append(self.tr("Address: %1").replace("%1", f.address_text()))
        if f.needs_proof():
            lines.append(
                self.tr("Property proof: %1").replace(
                    "%1",
                    {
                        "certfree": self.tr("electronic certificate"),
                        "upload": self.tr("photo from your phone"),
                    }.get(f.draft.proof_method, self.tr("captured copy")),
                )
            )
        for u, s in f.draft.slots.items():
            lines.append(
                self.tr("Survey (%1): %2")
                .replace("%1", self.utility_name(u))
                .replace("%2", datetime.fromisoformat(s.start).strftime("%m-%d %H:%M"))
            )
        lines.append(self.tr("Phone: %1").replace("%1", mask_phone(f.draft.phone)))
        for fld in f.fields():
            v = f.draft.fields.get(fld.name, "")
            if v:
                name = fld.label_en if self.english_slip() and fld.label_en else fld.label_zh
                lines.append(self.tr("%1: %2").replace("%1", name).replace("%2", v))
        self.review.setText("\n".join(lines))

    def on_submit(self) -> None:
        why = self.flow.submit()
        if why is not None:
            if self.flow.step is Step.DETAILS:
                self._build_fields()
                self.go(self.details_page)
            self.fail(why)
            return
        flow_ports.wake(self.win)
        self.sent = False
        self._show_done()
        self.go(self.done_page)
        sync = self.ctx.sync
        if sync is not None:
            # a moment for the relay: the slip says "sent" or "received, will be sent"
            self.run_task(
                lambda: sync.wait_sent(3.0), self._sent_known, lambda exc: self._sent_known(False)
            )
        else:
            self._sent_known(False)

    def _sent_known(self, sent: bool) -> None:
        self.sent = bool(sent)
        self._show_done()
        receipt = self.flow.receipt(
            sent=self.sent, english=self.english_slip(), org=self.ctx.config.terminal.name
        )
        self.last_receipt = receipt
        self.print_into(self.panel.print_status, receipt, "utility_slip", lambda: self.tr("slip"))

    def _show_done(self) -> None:
        s = self.flow.submitted
        if s is None:
            return
        facts = [self.tr("Address: %1").replace("%1", s.address)]
        for u, slot in s.slots.items():
            start = datetime.fromisoformat(slot.start)
            facts.append(
                self.tr("Video survey (%1): %2")
                .replace("%1", self.utility_name(u))
                .replace("%2", f"{start:%m-%d %H:%M}")
            )
        self.panel.show_number(self.tr("Your application number"), spoken(s.number), facts)
        self.sent_line.setText(
            self.tr("Sent to the water and gas companies.")
            if self.sent
            else self.tr(
                "Received. It will be sent as soon as the network is back; nothing more to do."
            )
        )
        self.qr.setPixmap(qr_pixmap(s.number, 200))

    # progress -------------------------------------------------------------------------------------
    def on_follow(self) -> None:
        s = self.flow.submitted
        if s is None:
            return
        number = s.number
        self.error.setText(self.tr("Looking up…"))
        self.run_task(lambda: lookup(self.api, number), self._show_progress)

    def _show_progress(self, result: Lookup) -> None:
        self.lookup_result = result
        p = result.progress
        if p is None:
            self.error.setText(
                self.tr(
                    "Not known to the service yet: an application sent a moment ago may "
                    "still be on its way."
                )
                if result.problem is Problem.NOT_FOUND
                else problem_text(result.problem, result.detail)
            )
            return
        self.error.clear()
        self.progress_head.setText(f"{spoken(p.number)}  {p.service}")
        lines = []
        for r in result.rows:
            when = r.done_at or r.deadline
            stamp = when.astimezone().strftime("%m-%d %H:%M") if when else ""
            done = r.state in (StageState.DONE, StageState.LATE)
            mark = (
                (self.tr("done %1") if done else self.tr("expected %1")).replace("%1", stamp)
                if stamp
                else ""
            )
            lines.append(
                f"{'✔' if done else '○'} {stage_label(r.stage) or r.stage}  {mark}".rstrip()
            )
        self.timeline.setText("\n".join(lines))
        self.go(self.progress_page)

    # ending ---------------------------------------------------------------------------------------
    def _release(self, holds: list[str]) -> None:
        api = self.api
        self.win.tasks.run(lambda: [api.release_hold(h) for h in holds])

    def _wipe(self) -> None:
        self.upload_timer.stop()
        self.upload_ref = self.upload_url = ""
        self.upload_qr.clear()
        self.flow.forget()
        if self.capture is not None:
            self.capture.clear()
        if self.capture_panel is not None:
            self.capture_panel.wipe()
        for w in (self.who, self.company, self.review, self.sent_line, self.timeline,
                  self.progress_head, self.error, self.proof_state, self.survey_state):  # fmt: skip
            w.clear()
        for e in (self.address_query, self.address_typed, self.phone, self.notes):
            e.clear()
        self.address_list.clear()
        self.qr.clear()
        self.panel.wipe()
        self.field_edits = {}
        self.lookup_result = None
