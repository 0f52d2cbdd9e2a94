"""12345 screen: file a request (category, what happened, where, phone) with the on-screen
keyboard or common phrases, get a printed slip with the work-order number; or look up a number's
progress against the hotline's deadlines."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.core.flows import hotline
from kiosk_app.core.flows.hotline import Draft, HotlineFlow, Progress, StageState
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, go_to_desk, problem_text, sentences
from kiosk_app.ui.flows.rating import open_rating
from kiosk_app.ui.flows.widgets import NumericKeypad, PhrasePicker, ScanListener, TicketPanel
from kiosk_app.ui.widgets import button, card, label


class HotlineScreen(FlowScreen):
    name = "hotline"

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.flow = HotlineFlow(ports.outbox(window), self.ctx.session, self.ctx.config.terminal.id)
        self.category = ""
        self.progress: Progress | None = None
        self._build_menu()
        self._build_form()
        self._build_done()
        self._build_progress()
        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scanned)
        self.register_wiper("flows.hotline", self._wipe)
        self.retranslate()
        self.show_page(self.menu_page)

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
        self.check_btn.clicked.connect(lambda: self.show_page(self.progress_page))
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

        self.place_title = label("title")
        lay.addWidget(self.place_title)
        self.place = QLineEdit()
        self.place.setObjectName("hotline_place")
        self.place.setMaxLength(hotline.MAX_PLACE)
        lay.addWidget(self.place)
        self.place_error = label("error")
        lay.addWidget(self.place_error)

        self.phone_title = label("title")
        lay.addWidget(self.phone_title)
        phone_row = QHBoxLayout()
        left = QVBoxLayout()
        self.phone = QLineEdit()
        self.phone.setObjectName("hotline_phone")
        self.phone.setMaxLength(16)
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        left.addWidget(self.phone)
        self.phone_error = label("error")
        left.addWidget(self.phone_error)
        self.privacy = label("muted")
        left.addWidget(self.privacy)
        left.addStretch(1)
        phone_row.addLayout(left, 1)
        self.keypad = NumericKeypad()
        self.keypad.attach(self.phone)
        phone_row.addWidget(self.keypad, 1)
        lay.addLayout(phone_row)
        self.form_error = label("error")
        self.form_error.setObjectName("hotline_form_error")
        lay.addWidget(self.form_error)
        row = QHBoxLayout()
        self.form_back = button("", "")
        self.form_back.clicked.connect(lambda: self.show_page(self.menu_page))
        self.submit_btn = button("primary", "")
        self.submit_btn.setObjectName("hotline_submit")
        self.submit_btn.clicked.connect(self.submit)
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

    def _build_progress(self) -> None:
        self.progress_page = QWidget()
        lay = QVBoxLayout(self.progress_page)
        self.lookup_title = label("title")
        lay.addWidget(self.lookup_title)
        row = QHBoxLayout()
        self.number = QLineEdit()
        self.number.setObjectName("hotline_number")
        self.number.setMaxLength(40)
        self.number.returnPressed.connect(self.lookup)
        self.lookup_btn = button("primary", "")
        self.lookup_btn.setObjectName("hotline_lookup")
        self.lookup_btn.clicked.connect(self.lookup)
        row.addWidget(self.number, 1)
        row.addWidget(self.lookup_btn)
        lay.addLayout(row)
        self.lookup_error = label("error")
        self.lookup_error.setObjectName("hotline_lookup_error")
        lay.addWidget(self.lookup_error)
        box = card()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(20, 12, 20, 12)
        self.order_head = label("title")
        self.order_head.setObjectName("hotline_order_head")
        self.timeline = label("body")
        self.timeline.setObjectName("hotline_timeline")
        self.timeline.setTextFormat(Qt.TextFormat.PlainText)
        bl.addWidget(self.order_head)
        bl.addWidget(self.timeline)
        lay.addWidget(box)
        lay.addStretch(1)
        back = QHBoxLayout()
        self.progress_back = button("", "")
        self.progress_back.clicked.connect(lambda: self.show_page(self.menu_page))
        back.addWidget(self.progress_back)
        back.addStretch(1)
        lay.addLayout(back)
        self.add_page(self.progress_page, scroll=True)

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
        self.place_title.setText(self.tr("3. Where? (optional)"))
        self.place.setPlaceholderText(self.tr("Street, village, building"))
        self.phone_title.setText(self.tr("4. Your mobile number, so the hotline can reply"))
        self.privacy.setText(
            self.tr("Your number is only given to the 12345 hotline and is not printed in full.")
        )
        self.form_back.setText(self.tr("Back"))
        self.submit_btn.setText(self.tr("Submit"))
        self.rate_btn.setText(self.tr("Rate this service"))
        self.finish_btn.setText(self.tr("Finish"))
        self.lookup_title.setText(self.tr("Scan the QR code on your slip, or type the number"))
        self.number.setPlaceholderText("12345-4830 2917 5602")
        self.lookup_btn.setText(self.tr("Look up"))
        self.progress_back.setText(self.tr("Back"))
        if self.flow.filed is not None:
            self._show_filed()
        if self.progress is not None:
            self._show_progress(self.progress)

    # filing -------------------------------------------------------------------------------
    def _pick_category(self, cid: str) -> None:
        self.category = cid
        self.category_error.clear()

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
        problems = self.flow.submit(self.draft())
        self.category_error.setText(
            self.tr("Please choose what it is about.") if "category" in problems else ""
        )
        text_problem = problems.get("text")
        self.text_error.setText(
            self.tr("Please say in a few words what happened.")
            if text_problem is Problem.MISSING
            else self.tr("Please keep it under 4,000 characters.")
            if text_problem is Problem.TOO_LONG
            else ""
        )
        self.place_error.setText(
            self.tr("Please keep the place under 200 characters.") if "place" in problems else ""
        )
        self.phone_error.setText(problem_text(Problem.BAD_PHONE) if "phone" in problems else "")
        if "" in problems:
            self.form_error.setText(sentences(problem_text(problems[""]), go_to_desk()))
            return
        if problems:
            self.form_error.setText(self.tr("Please check the items marked in red."))
            return
        self.form_error.clear()
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
        self.panel.show_number(self.tr("Your work-order number"), f.number, facts)
        self.deadlines.setText(
            self.tr(
                "The hotline contacts you at once, is on site within 30 minutes, reports progress "
                "within 2 hours and gives a result within 24 hours. Check the progress here with "
                "this number."
            )
        )

    # progress -----------------------------------------------------------------------------
    def on_scanned(self, text: str) -> None:
        if hotline.parse_number(text) is not None:
            self.show_page(self.progress_page)
            self.number.setText(text.strip())
            self.lookup()

    def lookup(self) -> None:
        number = hotline.parse_number(self.number.text())
        if number is None:
            self.lookup_error.setText(
                self.tr(
                    "This is not a work-order number. "
                    "It looks like 12345-4830 2917 5602 (12 digits after 12345)."
                )
            )
            return
        self.lookup_error.clear()
        self.order_head.setText(self.tr("Looking up…"))
        self.timeline.clear()
        api = ports.api(self.win)
        self.run_task(lambda: hotline.lookup_progress(api, number), self._show_progress)

    def _show_progress(self, progress: Progress) -> None:
        self.progress = progress
        if progress.order is None:
            self.order_head.clear()
            if progress.problem is Problem.NOT_FOUND:
                self.lookup_error.setText(
                    self.tr(
                        "This number is not known yet. A request filed in the last few minutes "
                        "may still be on its way; please try again later."
                    )
                )
            elif progress.problem is Problem.LIMITED:
                self.lookup_error.setText(problem_text(progress.problem, progress.detail))
            else:
                self.lookup_error.setText(
                    sentences(
                        problem_text(progress.problem, progress.detail),
                        self.tr("Please try again later."),
                    )
                )
            return
        o = progress.order
        self.order_head.setText(f"{o.number} · {o.category}")
        marks = {
            StageState.DONE: self.tr("done %1"),
            StageState.LATE: self.tr("done %1, after the deadline"),
            StageState.WAITING: self.tr("due by %1"),
            StageState.OVERDUE: self.tr("overdue since %1"),
        }
        lines = []
        for r in progress.rows:
            when = r.done_at or r.deadline
            stamp = when.astimezone().strftime("%m-%d %H:%M") if when else ""
            icon = "✔" if r.state in (StageState.DONE, StageState.LATE) else "○"
            lines.append(
                f"{icon} {self.stage_label(r.stage)} — {marks[r.state].replace('%1', stamp)}"
            )
        self.timeline.setText("\n".join(lines))

    def rate(self) -> None:
        f = self.flow.filed
        open_rating(self.win, RatingContext(case_id=f.number if f else None, service="12345"))

    def _wipe(self) -> None:
        self.panel.wipe()
        self.timeline.clear()
        self.order_head.clear()
        self.text.clear()
