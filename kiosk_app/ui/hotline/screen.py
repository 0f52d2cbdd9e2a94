"""12345, knowledge base first (issue 17): as the citizen types a question or picks a topic in
plain words, the answers the central service publishes (policy, where to go, what to bring, fees,
hours) show at once, searched on the terminal (words, pinyin, initials: offline). "This answered
my question" ends the flow and is counted; "I still need help" goes on to filing with what was
typed kept and the topic chosen. Before sending, the central service is asked whether the
request joins an open work order (same caller, or same matter at the same place), and the
citizen is told so plainly; the slip carries the matter's response tier and who handles it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from contract.codes import spoken
from contract.results import Ok
from kiosk_app.core.flows import hotline
from kiosk_app.core.flows.hotline import Draft, HotlineFlow, Joining
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.hotline_kb import Answer, KbIndex, cached_kb_index, kb_index, tier_words
from kiosk_app.core.masking import mask_text
from kiosk_app.ui import keyboard, touch
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, go_to_desk, problem_text, sentences
from kiosk_app.ui.flows.widgets import PhoneEntry, TicketPanel
from kiosk_app.ui.hotline.common import MatterPicker, joining_sentence, kb_doc, matters
from kiosk_app.ui.i18n import current_language
from kiosk_app.ui.widgets import button, card, label

_ID = Qt.ItemDataRole.UserRole


class AskScreen(FlowScreen):
    """Opened as the 12345 flow (``win.open_flow("hotline", …)``) from the hotline's menu."""

    name = "hotline_kb"

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.topics = matters(window)
        self.flow = HotlineFlow(
            ports.outbox(window),
            self.ctx.session,
            self.ctx.config.terminal.id,
            matters=self.topics,
        )
        self.index: KbIndex | None = None
        self.topic: str | None = None
        self.answer: Answer | None = None
        self.matter: str | None = None
        self.limit = 4 if self.elder else 8
        self._build_ask()
        self._build_answer()
        self._build_thanks()
        self._build_form()
        self._build_confirm()
        self._build_done()
        self.register_wiper("hotline.kb", self._wipe)
        self.retranslate()
        self._load()

    # pages --------------------------------------------------------------------------------
    def _build_ask(self) -> None:
        self.ask_page = QWidget()
        lay = QVBoxLayout(self.ask_page)
        lay.setSpacing(10)
        self.ask_title = label("title")
        lay.addWidget(self.ask_title)
        self.query = QLineEdit()
        self.query.setObjectName("kb_query")
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self.refresh)
        keyboard.text(self.query)
        lay.addWidget(self.query)
        # the answers right under the question: in sight above the docked keyboard while typing
        self.results = QListWidget()
        self.results.setObjectName("kb_results")
        self.results.setWordWrap(True)
        self.results.setMinimumHeight(4 * 84 if self.elder else 4 * 60)
        self.results.setStyleSheet(
            "QListWidget#kb_results::item { border-bottom: 1px solid #C9D2DE;"
            f" padding: 6px 10px; min-height: {72 if self.elder else 48}px; }}"
        )
        self.results.itemClicked.connect(lambda it: self.open_answer(str(it.data(_ID))))
        touch.kinetic(self.results)
        lay.addWidget(self.results, 3)
        self.count = label("muted")
        self.count.setObjectName("kb_count")
        lay.addWidget(self.count)
        self.topic_title = label("muted")
        lay.addWidget(self.topic_title)
        self.picker = MatterPicker(self.topics, self.elder, lambda: current_language() == "en")
        self.picker.picked.connect(self._pick_topic)
        lay.addWidget(self.picker, 2)
        row = QHBoxLayout()
        self.tourist_btn = button("", "")
        self.tourist_btn.setObjectName("kb_tourist")
        self.tourist_btn.clicked.connect(self.open_tourist)
        self.request_btn = button("primary", "")
        self.request_btn.setObjectName("kb_need_help")
        self.request_btn.clicked.connect(self.need_help)
        row.addWidget(self.tourist_btn)
        row.addStretch(1)
        row.addWidget(self.request_btn)
        lay.addLayout(row)
        self.add_page(self.ask_page, scroll=True)

    def _build_answer(self) -> None:
        self.answer_page = QWidget()
        lay = QVBoxLayout(self.answer_page)
        self.answer_title = label("title")
        self.answer_title.setObjectName("kb_answer_title")
        lay.addWidget(self.answer_title)
        box = card()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(20, 12, 20, 12)
        self.answer_body = label("body")
        self.answer_body.setObjectName("kb_answer_body")
        bl.addWidget(self.answer_body)
        self.answer_facts = label("body")
        self.answer_facts.setObjectName("kb_answer_facts")
        bl.addWidget(self.answer_facts)
        lay.addWidget(box)
        self.sample_note = label("muted")
        lay.addWidget(self.sample_note)
        lay.addStretch(1)
        row = QHBoxLayout()
        self.answer_back = button("", "")
        self.answer_back.setObjectName("kb_back")
        self.answer_back.clicked.connect(lambda: self.show_page(self.ask_page))
        self.still_btn = button("", "")
        self.still_btn.setObjectName("kb_still_need_help")
        self.still_btn.clicked.connect(self.need_help)
        self.solved_btn = button("primary", "")
        self.solved_btn.setObjectName("kb_solved")
        self.solved_btn.clicked.connect(self.solved)
        row.addWidget(self.answer_back)
        row.addStretch(1)
        row.addWidget(self.still_btn)
        row.addWidget(self.solved_btn)
        lay.addLayout(row)
        self.add_page(self.answer_page, scroll=True)

    def _build_thanks(self) -> None:
        self.thanks_page = QWidget()
        lay = QVBoxLayout(self.thanks_page)
        lay.addStretch(1)
        self.thanks = label("title")
        self.thanks.setObjectName("kb_thanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.thanks)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.thanks_finish = button("primary", "")
        self.thanks_finish.setObjectName("kb_finish")
        self.thanks_finish.clicked.connect(self.finish)
        row.addWidget(self.thanks_finish)
        lay.addLayout(row)
        self.add_page(self.thanks_page)

    def _build_form(self) -> None:
        self.form_page = QWidget()
        lay = QVBoxLayout(self.form_page)
        lay.setSpacing(10)
        self.matter_title = label("title")
        lay.addWidget(self.matter_title)
        self.form_picker = MatterPicker(self.topics, self.elder, lambda: current_language() == "en")
        self.form_picker.picked.connect(self._pick_matter)
        lay.addWidget(self.form_picker)
        self.matter_error = label("error")
        lay.addWidget(self.matter_error)
        self.text_title = label("title")
        lay.addWidget(self.text_title)
        self.text = QPlainTextEdit()
        self.text.setObjectName("kb_text")
        self.text.setMinimumHeight(110)
        keyboard.text(self.text)
        lay.addWidget(self.text)
        self.text_error = label("error")
        lay.addWidget(self.text_error)
        self.phone_entry = PhoneEntry("kb_phone")
        lay.addWidget(self.phone_entry)
        self.phone, self.phone_error = self.phone_entry.edit, self.phone_entry.error
        self.keypad = self.phone_entry.keypad
        self.place_title = label("title")
        lay.addWidget(self.place_title)
        self.place = QLineEdit()
        self.place.setObjectName("kb_place")
        self.place.setMaxLength(hotline.MAX_PLACE)
        lay.addWidget(self.place)
        self.place_error = label("error")
        lay.addWidget(self.place_error)
        self.form_error = label("error")
        self.form_error.setObjectName("kb_form_error")
        lay.addWidget(self.form_error)
        row = QHBoxLayout()
        self.form_back = button("", "")
        self.form_back.clicked.connect(lambda: self.show_page(self.ask_page))
        self.submit_btn = button("primary", "")
        self.submit_btn.setObjectName("kb_submit")
        self.submit_btn.clicked.connect(self.submit)
        self.keypad.attach(self.phone, self.submit_btn)
        keyboard.text(self.place, self.submit_btn)
        row.addWidget(self.form_back)
        row.addStretch(1)
        row.addWidget(self.submit_btn)
        lay.addLayout(row)
        for w in (self.matter_error, self.text_error, self.phone_error, self.place_error):
            w.hide()
        self.form_error.hide()
        self.add_page(self.form_page, scroll=True)

    def _build_confirm(self) -> None:
        self.confirm_page = QWidget()
        lay = QVBoxLayout(self.confirm_page)
        self.confirm_title = label("title")
        lay.addWidget(self.confirm_title)
        self.confirm_text = label("body")
        self.confirm_text.setObjectName("kb_confirm_text")
        lay.addWidget(self.confirm_text)
        self.join_text = label("title")
        self.join_text.setObjectName("kb_join_text")
        lay.addWidget(self.join_text)
        lay.addStretch(1)
        row = QHBoxLayout()
        self.confirm_back = button("", "")
        self.confirm_back.clicked.connect(lambda: self.show_page(self.form_page))
        self.send_btn = button("primary", "")
        self.send_btn.setObjectName("kb_send")
        self.send_btn.clicked.connect(self.send)
        row.addWidget(self.confirm_back)
        row.addStretch(1)
        row.addWidget(self.send_btn)
        lay.addLayout(row)
        self.add_page(self.confirm_page, scroll=True)

    def _build_done(self) -> None:
        self.done_page = QWidget()
        lay = QVBoxLayout(self.done_page)
        self.panel = TicketPanel()
        lay.addWidget(self.panel)
        self.joined = label("title")
        self.joined.setObjectName("kb_joined")
        self.joined.hide()
        lay.addWidget(self.joined)
        self.deadline = label("body")
        self.deadline.setObjectName("kb_deadline")
        lay.addWidget(self.deadline)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.done_finish = button("primary", "")
        self.done_finish.setObjectName("kb_done_finish")
        self.done_finish.clicked.connect(self.finish)
        row.addWidget(self.done_finish)
        lay.addLayout(row)
        self.add_page(self.done_page, scroll=True)

    # texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.retranslate_frame()
        self.picker.retranslate()
        self.form_picker.retranslate()
        self.title.setText(self.tr("12345: ask first"))
        self.ask_title.setText(self.tr("What is your question? Type a few words"))
        self.query.setPlaceholderText(self.tr("e.g. 停电, tingdian, td"))
        self.topic_title.setText(self.tr("…or pick a topic:"))
        self.tourist_btn.setText(self.tr("I am a visitor: complain about a place"))
        self.request_btn.setText(self.tr("Make a request instead"))
        self.answer_back.setText(self.tr("Back to the answers"))
        self.still_btn.setText(self.tr("I still need help"))
        self.solved_btn.setText(self.tr("This answered my question"))
        self.sample_note.setText(
            self.tr("The answers of this demonstration are sample content.")
            if self.index is not None and self.index.sample
            else ""
        )
        self.thanks.setText(
            self.tr("Glad it helped. No request was filed. Touch Finish when you are done.")
        )
        self.thanks_finish.setText(self.tr("Finish"))
        self.matter_title.setText(self.tr("1. What is it about?"))
        self.text_title.setText(self.tr("2. What happened?"))
        self.text.setPlaceholderText(self.tr("Type here"))
        self.phone_entry.retranslate()
        self.place_title.setText(self.tr("4. Where? (optional)"))
        self.place.setPlaceholderText(self.tr("Street, village, building"))
        self.form_back.setText(self.tr("Back"))
        self.submit_btn.setText(self.tr("Next"))
        self.confirm_title.setText(self.tr("Send this request to 12345?"))
        self.confirm_back.setText(self.tr("Back"))
        self.send_btn.setText(self.tr("Send it"))
        self.done_finish.setText(self.tr("Finish"))
        self.refresh()
        if self.answer is not None:
            self._show_answer()
        if self.flow.filed is not None:
            self._show_filed()

    # knowledge base -----------------------------------------------------------------------
    def _load(self) -> None:
        doc = kb_doc(self.win)
        self.show_page(self.ask_page)
        if doc is None:
            self.count.setText(self.tr("The answers are not available. ") + go_to_desk())
            return
        ready = cached_kb_index(str(doc.get("version", "")))
        if ready is not None:
            self._ready(ready)
            return
        self.count.setText(self.tr("Opening the answers…"))
        self.run_task(lambda: kb_index(doc), self._ready)

    def _ready(self, index: KbIndex) -> None:
        self.index = index
        self.retranslate()

    def refresh(self) -> None:
        """Answers for what is typed now and the topic picked; every keystroke, no debounce."""
        if self.index is None:
            return
        text = self.query.text()
        found = (
            self.index.search(text, matter=self.topic, limit=self.limit)
            if text.strip() or self.topic
            else []
        )
        self.results.setUpdatesEnabled(False)
        self.results.clear()
        for a in found:
            it = QListWidgetItem(a.title)
            it.setData(_ID, a.id)
            self.results.addItem(it)
        self.results.setUpdatesEnabled(True)
        if found:
            self.count.setText(self.tr("Touch an answer to read it."))
        elif text.strip():
            self.count.setText(
                self.tr("No answer found. Try fewer words, pick a topic, or make a request.")
            )
        else:
            self.count.setText(self.tr("Type above or pick a topic: answers show here."))

    def _pick_topic(self, code: str) -> None:
        self.topic = code
        self.refresh()

    def open_answer(self, answer_id: str) -> None:
        a = self.index.answer(answer_id) if self.index else None
        if a is None:
            return
        self.answer = a
        self._show_answer()
        self.show_page(self.answer_page)

    def _show_answer(self) -> None:
        a = self.answer
        if a is None:
            return
        self.answer_title.setText(a.title)
        self.answer_body.setText(a.body)
        facts = []
        if a.where:
            facts.append(self.tr("Where to go: %1").replace("%1", a.where))
        if a.bring:
            facts.append(self.tr("What to bring: %1").replace("%1", "、".join(a.bring)))
        if a.fees:
            facts.append(self.tr("Fees: %1").replace("%1", a.fees))
        if a.hours:
            facts.append(self.tr("Hours: %1").replace("%1", a.hours))
        self.answer_facts.setText("\n".join(facts))

    def solved(self) -> None:
        """It answered the question: the flow ends here, counted; nothing is filed."""
        if self.answer is None:
            return
        self.flow.kb_answered(self.answer, searched=bool(self.query.text().strip()))
        ports.wake(self.win)
        self.show_page(self.thanks_page)

    def need_help(self) -> None:
        """On to filing, with what was typed kept and the topic chosen."""
        typed = self.query.text().strip()
        if typed and not self.text.toPlainText().strip():
            self.text.setPlainText(typed)
        code = self.answer.category if self.answer is not None else self.topic
        self.form_picker.select(code)
        self.matter = code if code and self.topics.get(code) else None
        self.show_page(self.form_page)

    def open_tourist(self) -> None:
        from kiosk_app.ui.capabilities import Lazy

        self.win.open_flow("hotline", Lazy("kiosk_app.ui.hotline.tourist", "TouristScreen"))

    # filing -------------------------------------------------------------------------------
    def _pick_matter(self, code: str) -> None:
        self.matter = code
        self._say(self.matter_error, "")

    @staticmethod
    def _say(where: Any, text: str) -> None:
        where.setText(text)
        where.setVisible(bool(text))

    def draft(self) -> Draft:
        return Draft(
            matter=self.matter or "",
            text=self.text.toPlainText(),
            place=self.place.text(),
            phone=self.phone.text(),
        )

    def submit(self) -> None:
        """Check the form; then ask the central service whether this joins an open order (a
        few seconds at most; offline it is filed as a new request and the service groups it)."""
        draft = self.draft()
        problems = hotline.validate(draft, self.topics)
        if problems:
            self._show_problems(problems)
            return
        self.flow.joining = None
        check = ports.api(self.win).repeat_check
        phone = hotline.clean_phone(draft.phone)
        self.show_busy(self.tr("Checking whether this matter is already being handled…"))
        self.run_task(
            lambda: check(draft.matter, phone, draft.place),
            self._checked,
            lambda e: self._confirm(),
        )

    def _checked(self, result: Any) -> None:
        if isinstance(result, Ok) and result.value.number and result.value.reason:
            m = result.value
            filed = datetime.fromisoformat(m.filed_at) if m.filed_at else None
            self.flow.joining = Joining(m.number, m.reason, filed, m.people)
        self._confirm()

    def _confirm(self) -> None:
        m = self.topics.get(self.matter or "")
        en = current_language() == "en"
        summary = mask_text(" ".join(self.text.toPlainText().split())[:60])
        lines = [
            self.tr("About: %1").replace("%1", m.words(en) if m else ""),
            self.tr("Reported: %1").replace("%1", summary),
            self.tr("The hotline answers %1.").replace("%1", tier_words(m.tier, en) if m else ""),
            self.tr("It cannot be taken back once sent. A slip with its number is printed."),
        ]
        self.confirm_text.setText("\n".join(lines))
        j = self.flow.joining
        self.join_text.setText(joining_sentence(j, self.flow.clock()) if j else "")
        self.join_text.setVisible(j is not None)
        self.show_page(self.confirm_page)

    def send(self) -> None:
        problems = self.flow.submit(self.draft())
        if problems:
            self.show_page(self.form_page)
            self._show_problems(problems)
            return
        ports.wake(self.win)
        self._show_filed()
        self.show_page(self.done_page)
        number = self.flow.filed.number if self.flow.filed else None
        self.print_into(
            self.panel.print_status,
            self.flow.receipt(lookup_url=number, english=self.english_slip()),
            "hotline_slip",
            lambda: self.tr("slip"),
        )

    def _show_problems(self, problems: dict[str, Problem]) -> None:
        self._say(
            self.matter_error,
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
        elif problems:
            self._say(self.form_error, self.tr("Please check the items marked in red."))

    def _show_filed(self) -> None:
        f = self.flow.filed
        if f is None:
            return
        en = current_language() == "en"
        facts = [
            self.tr("About: %1").replace("%1", f.matter or f.category),
            self.tr("Reported: %1").replace("%1", self.flow.summary()),
            self.tr("Reply to: %1").replace("%1", f.phone_masked),
        ]
        if f.handler:
            facts.append(self.tr("Handled by: %1").replace("%1", f.handler))
        self.panel.show_number(self.tr("Your work-order number"), spoken(f.number), facts)
        j = self.flow.joining
        self.joined.setText(joining_sentence(j, f.created_at) if j else "")
        self.joined.setVisible(j is not None)
        due = f.due_at
        self.deadline.setText(
            self.tr("The hotline answers %1, by %2. Check the progress on the Case progress "
                    "screen with this number.")
            .replace("%1", tier_words(f.tier, en))
            .replace("%2", due.astimezone().strftime("%m-%d %H:%M") if due else "")
            if f.tier
            else ""
        )  # fmt: skip

    def _wipe(self) -> None:
        self.panel.wipe()
        self.text.clear()
        self.query.clear()
        self.phone.clear()
        self.place.clear()
