"""12345 screen: file a request (category, what happened, where, phone) with the on-screen
keyboard or common phrases, get a printed slip with the work-order number; or look up a number's
progress against the hotline's deadlines."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from contract.codes import spoken
from kiosk_app.core.flows import hotline
from kiosk_app.core.flows.hotline import Draft, HotlineFlow
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.ui import keyboard
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, go_to_desk, problem_text, sentences
from kiosk_app.ui.flows.rating import open_rating
from kiosk_app.ui.flows.widgets import NumericKeypad, PhrasePicker, ScanListener, TicketPanel
from kiosk_app.ui.widgets import button, label


class HotlineScreen(FlowScreen):
    name = "hotline"

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.flow = HotlineFlow(ports.outbox(window), self.ctx.session, self.ctx.config.terminal.id)
        self.category = ""
        self._build_menu()
        self._build_form()
        self._build_done()
        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scanned)
        self.register_wiper("hotline.screen", self._wipe)
        # an error line takes room only while it says something: with the on-screen keyboard
        # docked, the last field and Submit must both fit above it (elder mode's type is large)
        for w in (
            self.category_error,
            self.text_error,
            self.phone_error,
            self.place_error,
            self.form_error,
        ):
            w.hide()
        self.retranslate()
        self.show_page(self.menu_page)

    @staticmethod
    def _say(where: Any, text: str) -> None:
        where.setText(text)
        where.setVisible(bool(text))

    # pages --------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        self.menu_page = QWidget()
        lay = QHBoxLayout(self.menu_page)
        lay.setSpacing(24)
        self.new_btn = button("tile", "")
        self.new_btn.setObjectName("hotline_new")
        self.new_btn.clicked.connect(lambda: self.show_page(self.form_page))
        self.check_btn = button("tile", "")
        self.check_btn.setObjectName("hotline_check")
        self.check_btn.clicked.connect(lambda: self.check_progress())
        lay.addWidget(self.new_btn, 1)
        lay.addWidget(self.check_btn, 1)
        self.add_page(self.menu_page)

    def _build_form(self) -> None:
        self.form_page = QWidget()
        lay = QVBoxLayout(self.form_page)
        lay.setSpacing(10)
        self.category_title = label("title")
        lay.addWidget(self.category_title)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.category_group = QButtonGroup(self)
        self.category_buttons: dict[str, Any] = {}
        columns = 3 if self.elder else 5
        for i, (cid, _name) in enumerate(hotline.CATEGORIES):
            b = button("toggle", "")
            b.setCheckable(True)
            b.setObjectName(f"hotline_cat_{cid}")
            b.clicked.connect(lambda _=False, c=cid: self._pick_category(c))
            self.category_group.addButton(b)
            grid.addWidget(b, i // columns, i % columns)
            self.category_buttons[cid] = b
        lay.addLayout(grid)
        self.category_error = label("error")
        lay.addWidget(self.category_error)

        self.text_title = label("title")
        lay.addWidget(self.text_title)
        self.text = QPlainTextEdit()
        self.text.setObjectName("hotline_text")
        self.text.setMinimumHeight(120)
        lay.addWidget(self.text)
        self.phrases_title = label("muted")
        lay.addWidget(self.phrases_title)
        self.phrases = PhrasePicker(columns=2 if self.elder else 4)
        self.phrases.picked.connect(self._add_phrase)
        lay.addWidget(self.phrases)
        self.text_error = label("error")
        lay.addWidget(self.text_error)

        self.phone_title = label("title")
        lay.addWidget(self.phone_title)
        phone_row = QHBoxLayout()
        left = QVBoxLayout()
        self.phone = QLineEdit()
        self.phone.setObjectName("hotline_phone")
        self.phone.setMaxLength(11)
        left.addWidget(self.phone)
        self.phone_error = label("error")
        left.addWidget(self.phone_error)
        self.privacy = label("muted")
        left.addWidget(self.privacy)
        left.addStretch(1)
        phone_row.addLayout(left, 1)
        self.keypad = NumericKeypad()
        phone_row.addWidget(self.keypad, 1)
        lay.addLayout(phone_row)

        # the last field before Submit: typed on the on-screen keyboard, both in sight above it
        self.place_title = label("title")
        lay.addWidget(self.place_title)
        self.place = QLineEdit()
        self.place.setObjectName("hotline_place")
        self.place.setMaxLength(hotline.MAX_PLACE)
        lay.addWidget(self.place)
        self.place_error = label("error")
        lay.addWidget(self.place_error)
        self.form_error = label("error")
        self.form_error.setObjectName("hotline_form_error")
        lay.addWidget(self.form_error)
        row = QHBoxLayout()
        self.form_back = button("", "")
        self.form_back.clicked.connect(lambda: self.show_page(self.menu_page))
        self.submit_btn = button("primary", "")
        self.submit_btn.setObjectName("hotline_submit")
        self.submit_btn.clicked.connect(self.submit)
        self.keypad.attach(self.phone, self.submit_btn)
        keyboard.text(self.text)
        keyboard.text(self.place, self.submit_btn)
        row.addWidget(self.form_back)
        row.addStretch(1)
        row.addWidget(self.submit_btn)
        lay.addLayout(row)
        self.add_page(self.form_page, scroll=True)

    def _build_done(self) -> None:
        self.done_page = QWidget()
        lay = QVBoxLayout(self.done_page)
        self.panel = TicketPanel()
        lay.addWidget(self.panel)
        self.deadlines = label("body")
        self.deadlines.setObjectName("hotline_deadlines")
        lay.addWidget(self.deadlines)
        lay.addStretch(1)
        row = QHBoxLayout()
        self.rate_btn = button("primary", "")
        self.rate_btn.setObjectName("hotline_rate")
        self.rate_btn.clicked.connect(self.rate)
        self.finish_btn = button("", "")
        self.finish_btn.setObjectName("hotline_finish")
        self.finish_btn.clicked.connect(self.finish)
        row.addStretch(1)
        row.addWidget(self.rate_btn)
        row.addWidget(self.finish_btn)
        lay.addLayout(row)
        self.add_page(self.done_page, scroll=True)

    # texts --------------------------------------------------------------------------------
    def category_label(self, cid: str) -> str:
        return {
            "city": self.tr("City upkeep"),
            "environment": self.tr("Environment"),
            "traffic": self.tr("Roads and transport"),
            "housing": self.tr("Housing and property"),
            "utilities": self.tr("Water, power, gas"),
            "labour": self.tr("Work and social insurance"),
            "health": self.tr("Health care"),
            "education": self.tr("Education"),
            "market": self.tr("Shopping and prices"),
            "other": self.tr("Other"),
        }[cid]

    def phrase_list(self) -> list[str]:
        return [
            self.tr("The street light does not work"),
            self.tr("Noise at night"),
            self.tr("Rubbish not collected"),
            self.tr("Road surface broken"),
            self.tr("No water"),
            self.tr("Power cut"),
            self.tr("Wages not paid"),
            self.tr("Please call me back"),
        ]

    def stage_label(self, stage: str) -> str:
        return {
            "received": self.tr("Received"),
            "contacted": self.tr("Contacted you (at once)"),
            "on_site": self.tr("On site (within 30 minutes)"),
            "feedback": self.tr("Progress feedback (within 2 hours)"),
            "result": self.tr("Result (within 24 hours)"),
        }.get(stage, stage)

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.keypad.retranslate()
        self.title.setText(self.tr("12345 requests"))
        self.new_btn.setText(self.tr("Make a request or complaint"))
        self.check_btn.setText(self.tr("Check the progress of a request"))
        self.category_title.setText(self.tr("1. What is it about?"))
        for cid, b in self.category_buttons.items():
            b.setText(self.category_label(cid))
        self.text_title.setText(self.tr("2. What happened?"))
        self.text.setPlaceholderText(self.tr("Type here, or touch the common phrases below"))
        self.phrases_title.setText(self.tr("Common phrases:"))
        self.phrases.set_phrases(self.phrase_list())
        self.place_title.setText(self.tr("4. Where? (optional)"))
        self.place.setPlaceholderText(self.tr("Street, village, building"))
        self.phone_title.setText(self.tr("3. Your mobile number, so the hotline can reply"))
        self.privacy.setText(
            self.tr("Your number is only given to the 12345 hotline and is not printed in full.")
        )
        self.form_back.setText(self.tr("Back"))
        self.submit_btn.setText(self.tr("Submit"))
        self.rate_btn.setText(self.tr("Rate this service"))
        self.finish_btn.setText(self.tr("Finish"))
        if self.flow.filed is not None:
            self._show_filed()

    # filing -------------------------------------------------------------------------------
    def _pick_category(self, cid: str) -> None:
        self.category = cid
        self._say(self.category_error, "")

    def _add_phrase(self, phrase: str) -> None:
        current = self.text.toPlainText().rstrip()
        self.text.setPlainText(f"{current}，{phrase}" if current else phrase)

    def draft(self) -> Draft:
        return Draft(
            category=self.category,
            text=self.text.toPlainText(),
            place=self.place.text(),
            phone=self.phone.text(),
        )

    def submit(self) -> None:
        """Check the form; when it is complete, ask once before the request is sent (it cannot
        be taken back, and a slip is printed)."""
        problems = hotline.validate(self.draft())
        if problems:
            self._show_problems(problems)
            return
        self.win.ask.ask(
            lambda: self.tr("Send this request to 12345?"),
            lambda: self.tr(
                "It cannot be taken back once sent. A slip with its number is printed."
            ),
            lambda: self.tr("Send it"),
            self.send,
        )

    def send(self) -> None:
        problems = self.flow.submit(self.draft())
        if problems:
            self._show_problems(problems)
            return
        self._sent()

    def _show_problems(self, problems: dict[str, Problem]) -> None:
        self._say(
            self.category_error,
            self.tr("Please choose what it is about.") if "category" in problems else "",
        )
        text_problem = problems.get("text")
        self._say(
            self.text_error,
            self.tr("Please say in a few words what happened.")
            if text_problem is Problem.MISSING
            else self.tr("Please keep it under 4,000 characters.")
            if text_problem is Problem.TOO_LONG
            else "",
        )
        self._say(
            self.place_error,
            self.tr("Please keep the place under 200 characters.") if "place" in problems else "",
        )
        self._say(self.phone_error, problem_text(Problem.BAD_PHONE) if "phone" in problems else "")
        if "" in problems:
            self._say(self.form_error, sentences(problem_text(problems[""]), go_to_desk()))
            return
        if problems:
            self._say(self.form_error, self.tr("Please check the items marked in red."))

    def _sent(self) -> None:
        for w in (self.category_error, self.text_error, self.place_error, self.phone_error):
            self._say(w, "")
        self._say(self.form_error, "")
        ports.wake(self.win)
        self._show_filed()
        self.show_page(self.done_page)
        # the slip's QR is the number itself: scanned here, it opens the progress page
        number = self.flow.filed.number if self.flow.filed else None
        self.print_into(
            self.panel.print_status,
            self.flow.receipt(lookup_url=number, english=self.english_slip()),
            "hotline_slip",
            lambda: self.tr("slip"),
        )

    def _show_filed(self) -> None:
        f = self.flow.filed
        if f is None:
            return
        facts = [
            self.tr("Category: %1").replace("%1", self.category_label(self.category)),
            self.tr("Reply to: %1").replace("%1", f.phone_masked),
        ]
        facts.insert(1, self.tr("Reported: %1").replace("%1", self.flow.summary()))
        self.panel.show_number(self.tr("Your work-order number"), spoken(f.number), facts)
        self.deadlines.setText(
            self.tr(
                "The hotline contacts you at once, is on site within 30 minutes, reports progress "
                "within 2 hours and gives a result within 24 hours. Check the progress on the "
                "Case progress screen with this number."
            )
            if self.flow.on_site()
            else self.tr(
                "The hotline contacts you at once, reports progress within 2 hours and gives a "
                "result within 24 hours. Check the progress on the Case progress screen with "
                "this number."
            )
        )

    # progress -----------------------------------------------------------------------------
    def on_scanned(self, text: str) -> None:
        """A slip's QR scanned here: its progress, on the one 办件查询 screen."""
        if hotline.parse_number(text) is not None:
            self.check_progress(text.strip())

    def check_progress(self, number: str = "") -> None:
        screen = self.win.open_capability("progress")
        if screen is not None and number:
            screen.number.setText(number)
            screen.look_up()

    def rate(self) -> None:
        f = self.flow.filed
        open_rating(self.win, RatingContext(case_id=f.number if f else None, service="12345"))

    def _wipe(self) -> None:
        self.panel.wipe()
        self.text.clear()
