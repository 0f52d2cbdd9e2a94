"""游客投诉 投诉即办 (issue 17): a visitor complains about a place without a local ID — only a
mobile number, the kind of place (scenic spot, hotel, restaurant, shop, transport: the list the
central service publishes), its name, and the problem picked from a list; words are optional.
A photo may be added, taken by the kiosk's camera only after the visitor agrees on screen (what
is taken, who sees it, that it leaves the terminal with the complaint). Visitors' complaints are
in the fastest tier (30 minutes); the printed slip says who handles it and by when."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from contract.codes import spoken
from kiosk_app.core.flows import hotline
from kiosk_app.core.flows.hotline import Draft, HotlineFlow
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.hotline_kb import tier_words
from kiosk_app.ui import keyboard
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, go_to_desk, problem_text, sentences
from kiosk_app.ui.flows.widgets import PhoneEntry, TicketPanel
from kiosk_app.ui.hotline.common import camera, matters, save_photo, to_image
from kiosk_app.ui.i18n import current_language
from kiosk_app.ui.touch import PagedGrid
from kiosk_app.ui.widgets import button, label


class TouristScreen(FlowScreen):
    name = "hotline_tourist"

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.topics = matters(window)
        self.flow = HotlineFlow(
            ports.outbox(window),
            self.ctx.session,
            self.ctx.config.terminal.id,
            matters=self.topics,
        )
        self.place_type = ""
        self.problem = ""
        self.photo: Path | None = None
        self._build_form()
        self._build_photo()
        self._build_done()
        self.register_wiper("hotline.tourist", self._wipe)
        self.retranslate()
        self.show_page(self.form_page)

    # pages --------------------------------------------------------------------------------
    def _toggles(
        self, prefix: str, codes: list[str], pick: Any
    ) -> tuple[PagedGrid, dict[str, Any]]:
        grid = PagedGrid(2 if self.elder else 3, 3 if self.elder else 2)
        buttons: dict[str, Any] = {}
        for code in codes:
            b = button("toggle", "")
            b.setCheckable(True)
            b.setObjectName(f"{prefix}_{code}")
            b.setMinimumHeight(64)
            b.clicked.connect(lambda _=False, c=code: pick(c))
            buttons[code] = b
        grid.set_items(list(buttons.values()))
        return grid, buttons

    def _build_form(self) -> None:
        self.form_page = QWidget()
        lay = QVBoxLayout(self.form_page)
        lay.setSpacing(10)
        self.intro = label("muted")
        lay.addWidget(self.intro)
        self.where_title = label("title")
        lay.addWidget(self.where_title)
        self.kinds_grid, self.kind_buttons = self._toggles(
            "tourist_kind", [p.code for p in self.topics.place_types], self._pick_kind
        )
        lay.addWidget(self.kinds_grid)
        self.place = QLineEdit()
        self.place.setObjectName("tourist_place")
        self.place.setMaxLength(hotline.MAX_PLACE)
        keyboard.text(self.place)
        lay.addWidget(self.place)
        self.where_error = label("error")
        lay.addWidget(self.where_error)
        self.problem_title = label("title")
        lay.addWidget(self.problem_title)
        self.problems_grid, self.problem_buttons = self._toggles(
            "tourist_problem", [m.code for m in self.topics.tourist_problems()], self._pick_problem
        )
        lay.addWidget(self.problems_grid)
        self.problem_error = label("error")
        lay.addWidget(self.problem_error)
        self.text = QPlainTextEdit()
        self.text.setObjectName("tourist_text")
        self.text.setMaximumHeight(100)
        keyboard.text(self.text)
        lay.addWidget(self.text)
        self.phone_entry = PhoneEntry("tourist_phone")
        lay.addWidget(self.phone_entry)
        self.phone, self.phone_error = self.phone_entry.edit, self.phone_entry.error
        self.keypad = self.phone_entry.keypad
        photo_row = QHBoxLayout()
        self.photo_btn = button("", "")
        self.photo_btn.setObjectName("tourist_photo")
        self.photo_btn.clicked.connect(self.open_photo)
        self.photo_state = label("muted")
        self.photo_state.setObjectName("tourist_photo_state")
        photo_row.addWidget(self.photo_btn)
        photo_row.addWidget(self.photo_state, 1)
        lay.addLayout(photo_row)
        self.form_error = label("error")
        self.form_error.setObjectName("tourist_form_error")
        lay.addWidget(self.form_error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.submit_btn = button("primary", "")
        self.submit_btn.setObjectName("tourist_submit")
        self.submit_btn.clicked.connect(self.submit)
        self.keypad.attach(self.phone, self.submit_btn)
        row.addWidget(self.submit_btn)
        lay.addLayout(row)
        for w in (self.where_error, self.problem_error, self.phone_error, self.form_error):
            w.hide()
        self.add_page(self.form_page, scroll=True)

    def _build_photo(self) -> None:
        self.photo_page = QWidget()
        lay = QVBoxLayout(self.photo_page)
        self.consent = label("body")
        self.consent.setObjectName("tourist_consent")
        lay.addWidget(self.consent)
        self.preview = label("body")
        self.preview.setObjectName("tourist_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(240)
        lay.addWidget(self.preview, 1)
        self.photo_error = label("error")
        lay.addWidget(self.photo_error)
        row = QHBoxLayout()
        self.no_photo_btn = button("", "")
        self.no_photo_btn.setObjectName("tourist_no_photo")
        self.no_photo_btn.clicked.connect(self.no_photo)
        self.take_btn = button("primary", "")
        self.take_btn.setObjectName("tourist_take")
        self.take_btn.clicked.connect(self.take_photo)
        self.use_btn = button("primary", "")
        self.use_btn.setObjectName("tourist_use_photo")
        self.use_btn.clicked.connect(lambda: self.show_page(self.form_page))
        self.use_btn.hide()
        row.addWidget(self.no_photo_btn)
        row.addStretch(1)
        row.addWidget(self.take_btn)
        row.addWidget(self.use_btn)
        lay.addLayout(row)
        self.add_page(self.photo_page, scroll=True)

    def _build_done(self) -> None:
        self.done_page = QWidget()
        lay = QVBoxLayout(self.done_page)
        self.panel = TicketPanel()
        lay.addWidget(self.panel)
        self.deadline = label("title")
        self.deadline.setObjectName("tourist_deadline")
        lay.addWidget(self.deadline)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.finish_btn = button("primary", "")
        self.finish_btn.setObjectName("tourist_finish")
        self.finish_btn.clicked.connect(self.finish)
        row.addWidget(self.finish_btn)
        lay.addLayout(row)
        self.add_page(self.done_page, scroll=True)

    # texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.retranslate_frame()
        en = current_language() == "en"
        self.title.setText(self.tr("Visitor complaint (handled at once)"))
        self.intro.setText(
            self.tr(
                "No local ID needed: only a mobile number. The hotline answers visitors' "
                "complaints within 30 minutes."
            )
        )
        self.where_title.setText(self.tr("1. Where did it happen?"))
        for p in self.topics.place_types:
            self.kind_buttons[p.code].setText(p.words(en))
        self.place.setPlaceholderText(self.tr("Name of the place, e.g. 龙泉山景区"))
        self.problem_title.setText(self.tr("2. What went wrong?"))
        for m in self.topics.tourist_problems():
            self.problem_buttons[m.code].setText(m.words(en))
        self.text.setPlaceholderText(self.tr("More words (optional)"))
        self.phone_entry.retranslate()
        self.photo_btn.setText(self.tr("Add a photo (optional)"))
        self._photo_state()
        self.submit_btn.setText(self.tr("Send the complaint"))
        self.consent.setText(
            self.tr(
                "The camera at the scan window takes one photo: hold up your receipt or ticket, "
                "or what you are complaining about. Keep faces out of it. Only this photo is "
                "sent, with your complaint, to the 12345 hotline; it is deleted from this "
                "terminal when sent. Touch \u201cI agree, take the photo\u201d to take it."
            )
        )
        self.take_btn.setText(
            self.tr("I agree, take the photo") if self.photo is None else self.tr("Take it again")
        )
        self.use_btn.setText(self.tr("Use this photo"))
        self.no_photo_btn.setText(self.tr("No photo"))
        self.finish_btn.setText(self.tr("Finish"))
        self.kinds_grid.retranslate()
        self.problems_grid.retranslate()
        if self.flow.filed is not None:
            self._show_filed()

    def _photo_state(self) -> None:
        self.photo_state.setText(
            self.tr("A photo is attached.") if self.photo is not None else self.tr("No photo.")
        )

    # form ---------------------------------------------------------------------------------
    @staticmethod
    def _say(where: Any, text: str) -> None:
        where.setText(text)
        where.setVisible(bool(text))

    def _pick_kind(self, code: str) -> None:
        self.place_type = code
        for c, b in self.kind_buttons.items():
            b.setChecked(c == code)

    def _pick_problem(self, code: str) -> None:
        self.problem = code
        for c, b in self.problem_buttons.items():
            b.setChecked(c == code)
        self._say(self.problem_error, "")

    def draft(self) -> Draft:
        return Draft(
            matter=self.problem,
            text=self.text.toPlainText(),
            place=self.place.text(),
            phone=self.phone.text(),
            place_type=self.place_type,
            tourist=True,
            photo=str(self.photo) if self.photo is not None else None,
        )

    def submit(self) -> None:
        """Check the form, then ask once before sending (it cannot be taken back)."""
        problems = hotline.validate(self.draft(), self.topics)
        if problems:
            self._show_problems(problems)
            return
        self.win.ask.ask(
            lambda: self.tr("Send this complaint to 12345?"),
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
        self._discard_photo()  # the outbox holds its copy now
        ports.wake(self.win)
        self._show_filed()
        self.show_page(self.done_page)
        number = self.flow.filed.number if self.flow.filed else None
        self.print_into(
            self.panel.print_status,
            self.flow.receipt(lookup_url=number, english=self.english_slip()),
            "tourist_slip",
            lambda: self.tr("slip"),
        )

    def _show_problems(self, problems: dict[str, Problem]) -> None:
        where = "place_type" in problems or "place" in problems
        self._say(
            self.where_error,
            self.tr("Please choose the kind of place and type its name.") if where else "",
        )
        self._say(
            self.problem_error,
            self.tr("Please choose what went wrong.") if "category" in problems else "",
        )
        self._say(self.phone_error, problem_text(Problem.BAD_PHONE) if "phone" in problems else "")
        if "" in problems:
            self._say(self.form_error, sentences(problem_text(problems[""]), go_to_desk()))
        elif problems:
            self._say(self.form_error, self.tr("Please check the items marked in red."))

    def _show_filed(self) -> None:
        f = self.flow.filed
        if f is None:
            return
        en = current_language() == "en"
        facts = [
            self.tr("Problem: %1").replace("%1", f.matter),
            self.tr("Handled by: %1").replace("%1", f.handler),
            self.tr("Reply to: %1").replace("%1", f.phone_masked),
        ]
        self.panel.show_number(self.tr("Your complaint number"), spoken(f.number), facts)
        due = f.due_at
        self.deadline.setText(
            self.tr("%1 answers you %2, by %3.")
            .replace("%1", f.handler)
            .replace("%2", tier_words(f.tier, en))
            .replace("%3", due.astimezone().strftime("%H:%M") if due else "")
        )

    # photo --------------------------------------------------------------------------------
    def open_photo(self) -> None:
        self._say(self.photo_error, "")
        if camera(self.win) is None:
            self._say(self.photo_error, self.tr("This terminal has no camera for photos."))
            self.take_btn.setEnabled(False)
        self.show_page(self.photo_page)

    def take_photo(self) -> None:
        """Taken only now, after the visitor touched "I agree" (the consent is on this page)."""
        cam = camera(self.win)
        if cam is None:
            return
        self.take_btn.setEnabled(False)
        self.run_task(cam.snapshot, self._taken, lambda e: self._taken(None))

    def _taken(self, frame: Any) -> None:
        self.take_btn.setEnabled(True)
        if frame is None:
            self._say(self.photo_error, self.tr("The camera did not give a picture. Try again."))
            return
        image = to_image(frame)
        self._discard_photo()
        self.photo = save_photo(image, self.ctx.session.temp_dir())
        if self.photo is None:
            self._say(self.photo_error, self.tr("The photo could not be kept. Try again."))
            return
        self._say(self.photo_error, "")
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                480, 320, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )  # fmt: skip
        self.use_btn.show()
        self.retranslate()

    def no_photo(self) -> None:
        self._discard_photo()
        self.preview.clear()
        self.use_btn.hide()
        self.retranslate()
        self.show_page(self.form_page)

    def _discard_photo(self) -> None:
        if self.photo is not None:
            self.photo.unlink(missing_ok=True)
        self.photo = None

    def _wipe(self) -> None:
        self._discard_photo()
        self.preview.clear()
        self.panel.wipe()
        self.text.clear()
        self.place.clear()
        self.phone.clear()
