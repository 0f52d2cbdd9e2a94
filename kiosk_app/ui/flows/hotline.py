"""12345 screen: file a request (category, what happened, where, phone) with the on-screen
keyboard or common phrases, get a printed slip with the work-order number; or look up a number's
progress against the hotline's deadlines.

The caller stays anonymous unless they choose to give their name: a line at the top of the form
asks the identity step (kiosk_app/ui/identity: the card, the e-ID or a typed number with a
texted code) and the record then names them; "file anonymously instead" takes it back.

The form's parts are panels with one job each (hotline_form.py: what it is about, how to reach
the citizen; hotline_slip.py: the filed request); this screen turns them into a ``Draft``, asks
once before sending, prints the slip and opens the progress screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.core.flows import hotline
from kiosk_app.core.flows.hotline import Draft, HotlineFlow
from kiosk_app.core.flows.identity import Level
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, go_to_desk, problem_text, sentences
from kiosk_app.ui.flows.hotline_form import AboutPanel, ContactPanel, error_line, say
from kiosk_app.ui.flows.hotline_slip import SlipPanel
from kiosk_app.ui.flows.rating import open_rating
from kiosk_app.ui.flows.widgets import ScanListener
from kiosk_app.ui.hotline import menu as hotline_menu
from kiosk_app.ui.identity.who import WhoRow
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.widgets import button


class HotlineScreen(FlowScreen):
    name = "hotline"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self.flow = HotlineFlow(
            ports.outbox(window),
            self.ctx.session,
            self.ctx.config.terminal.id,
            matters=hotline_menu.matters(window),  # issue 17: the category's code and tier
        )
        self._build_menu()
        self._build_form()
        self.done_page = SlipPanel()
        self.done_page.rate.connect(self.rate)
        self.done_page.finish.connect(self.finish)
        self.add_page(self.done_page, scroll=True)
        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scanned)
        self.register_wiper("hotline.screen", self._wipe)
        self.retranslate()
        self.show_page(self.menu_page)

    # pages --------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        self.menu_page = QWidget()
        lay = QGridLayout(self.menu_page)
        lay.setSpacing(24)
        # issue 17: the knowledge base first (most questions need no work order), and the
        # visitors' fast path (kiosk_app/ui/hotline/)
        self.ask_btn = button("tile", "")
        self.ask_btn.setObjectName("hotline_ask")
        self.ask_btn.clicked.connect(lambda: hotline_menu.open_ask(self.win))
        self.tourist_btn = button("tile", "")
        self.tourist_btn.setObjectName("hotline_tourist")
        self.tourist_btn.clicked.connect(lambda: hotline_menu.open_tourist(self.win))
        self.new_btn = button("tile", "")
        self.new_btn.setObjectName("hotline_new")
        self.new_btn.clicked.connect(lambda: self.show_page(self.form_page))
        self.check_btn = button("tile", "")
        self.check_btn.setObjectName("hotline_check")
        self.check_btn.clicked.connect(lambda: self.check_progress())
        lay.addWidget(self.ask_btn, 0, 0)
        lay.addWidget(self.new_btn, 0, 1)
        lay.addWidget(self.tourist_btn, 1, 0)
        lay.addWidget(self.check_btn, 1, 1)
        self.add_page(self.menu_page)

    def _build_form(self) -> None:
        self.form_page = QWidget()
        lay = QVBoxLayout(self.form_page)
        lay.setSpacing(10)
        self.caller = WhoRow(self, Level.ANY, "caller")  # optional: anonymous by default
        lay.addWidget(self.caller)
        self.about = AboutPanel(self.elder)
        lay.addWidget(self.about)
        self.contact = ContactPanel()
        lay.addWidget(self.contact)
        self.form_error = error_line()
        self.form_error.setObjectName("hotline_form_error")
        lay.addWidget(self.form_error)
        row = QHBoxLayout()
        self.form_back = button("", "")
        self.form_back.clicked.connect(lambda: self.show_page(self.menu_page))
        self.submit_btn = button("primary", "")
        self.submit_btn.setObjectName("hotline_submit")
        self.submit_btn.clicked.connect(self.submit)
        self.contact.attach(self.submit_btn)
        row.addWidget(self.form_back)
        row.addStretch(1)
        row.addWidget(self.submit_btn)
        lay.addLayout(row)
        self.add_page(self.form_page, scroll=True)

    # texts --------------------------------------------------------------------------------
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
        self.about.retranslate()
        self.contact.retranslate()
        self.done_page.retranslate()
        self.title.setText(self.tr("12345 requests"))
        self.new_btn.setText(self.tr("Make a request or complaint"))
        self.check_btn.setText(self.tr("Check the progress of a request"))
        self.ask_btn.setText(hotline_menu.ask_title())
        self.tourist_btn.setText(hotline_menu.tourist_title())
        self.form_back.setText(self.tr("Back"))
        self.submit_btn.setText(self.tr("Submit"))
        if self.flow.filed is not None:
            self._show_filed()

    # filing -------------------------------------------------------------------------------
    def draft(self) -> Draft:
        return Draft(
            category=self.about.category,
            text=self.about.text.toPlainText(),
            place=self.contact.place.text(),
            phone=self.contact.phone.text(),
            caller=self.caller.citizen,
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
        self.about.show_problems(problems)
        self.contact.show_problems(problems)
        if "" in problems:
            say(self.form_error, sentences(problem_text(problems[""]), go_to_desk()))
            return
        say(self.form_error, self.tr("Please check the items marked in red.") if problems else "")

    def _sent(self) -> None:
        self._show_problems({})
        ports.wake(self.win)
        self._show_filed()
        self.show_page(self.done_page)
        # the slip's QR is the number itself: scanned here, it opens the progress page
        number = self.flow.filed.number if self.flow.filed else None
        self.print_into(
            self.done_page.panel.print_status,
            self.flow.receipt(lookup_url=number, english=self.english_slip()),
            "hotline_slip",
            lambda: self.tr("slip"),
        )

    def _show_filed(self) -> None:
        self.done_page.show_filed(self.flow, self.about.category_label(self.about.category))

    # progress -----------------------------------------------------------------------------
    def on_scanned(self, text: str) -> None:
        """A slip's QR scanned here: its progress, on the one 办件查询 screen."""
        page = self.current_page()
        if page is not None and page.objectName() == "identity_panel":
            return  # the identity step is showing: its scans (an e-ID QR) are its own
        if hotline.parse_number(text) is not None:
            self.check_progress(text.strip())

    def check_progress(self, number: str = "") -> None:
        from kiosk_app.ui.flows.progress import ProgressScreen

        screen = self.win.open_capability("progress")
        if isinstance(screen, ProgressScreen) and number:
            screen.number.setText(number)
            screen.look_up()

    def rate(self) -> None:
        f = self.flow.filed
        open_rating(self.win, RatingContext(case_id=f.number if f else None, service="12345"))

    def _wipe(self) -> None:
        self.caller.wipe()
        self.done_page.wipe()
        self.about.wipe()
