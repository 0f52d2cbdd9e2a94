"""The base of every flow screen and what the flows say when something did not work.

``FlowScreen`` gives each flow the same frame: a title, a "Home" button, a stack of pages, a
"one moment" page while the network or the printer works, and background calls that drop their
answer if the citizen has left in the meantime (the session was reset or the screen destroyed)
— a late answer must never show one citizen's data to the next.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from devices.printer.model import Receipt
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.flows.printing import PrintOutcome, print_slip
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.widgets import StatusLine, TicketPanel
from kiosk_app.ui.i18n import current_language
from kiosk_app.ui.screens.base import Screen, Shell
from kiosk_app.ui.video.tiles import video_title
from kiosk_app.ui.widgets import button, label

if TYPE_CHECKING:
    from contract.wire import Ticket

log = logging.getLogger(__name__)


def problem_text(problem: Problem | None, detail: str = "") -> str:
    """What went wrong, in plain words (``detail``: what the outcome names, e.g. minutes)."""
    if problem is Problem.LIMITED:
        return QCoreApplication.translate(
            "Flows", "Too many tries. Please wait %1 minutes, or go to the service desk."
        ).replace("%1", detail or "1")
    texts = {
        Problem.OFFLINE: QCoreApplication.translate(
            "Flows", "The terminal cannot reach the service centre's system right now."
        ),
        Problem.NOT_FOUND: QCoreApplication.translate("Flows", "This code was not found."),
        Problem.EXPIRED: QCoreApplication.translate(
            "Flows", "This code has expired or has already been used."
        ),
        Problem.OTHER_SITE: QCoreApplication.translate(
            "Flows", "This appointment is for another service centre."
        ),
        Problem.ALREADY_DONE: QCoreApplication.translate(
            "Flows", "This appointment has already been checked in."
        ),
        Problem.WRONG_KIND: QCoreApplication.translate(
            "Flows", "This code is not for this service."
        ),
        Problem.NOT_A_CODE: QCoreApplication.translate("Flows", "This code cannot be read here."),
        Problem.BAD_PHONE: QCoreApplication.translate(
            "Flows", "Please enter an 11-digit mobile number."
        ),
        Problem.BAD_CODE6: QCoreApplication.translate(
            "Flows", "Please enter the 6-digit code from your appointment."
        ),
        Problem.MISSING: QCoreApplication.translate("Flows", "Something is missing."),
        Problem.TOO_LONG: QCoreApplication.translate("Flows", "This is too long."),
        Problem.REFUSED: QCoreApplication.translate(
            "Flows", "This terminal cannot do this right now."
        ),
        Problem.STORAGE: QCoreApplication.translate("Flows", "The terminal could not save this."),
    }
    return texts.get(problem, "") if problem is not None else ""


def sentences(*parts: str) -> str:
    """Sentences one after another: Chinese runs them together, English puts a space between."""
    sep = "" if current_language() == "zh_CN" else " "
    return sep.join(p.strip() for p in parts if p.strip())


def go_to_desk() -> str:
    return QCoreApplication.translate(
        "Flows", "Please go to the service desk; the staff there will help you."
    )


def scrolling(body: QWidget) -> QScrollArea:
    """The middle of a page scrolls (elder-mode text can be long); header and buttons stay."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    area.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
    return area


class FlowScreen(Screen):
    """Title, Home button, pages. Subclasses add pages and set ``self.title`` in retranslate.

    Beside "Home", the 视频帮办 help button, on every flow screen, shown while the site enables
    video help and the centre is within its service hours (``win.video_help``, which the central
    service's ``/video/status`` decides). It tells the agent the flow and the step the citizen
    was in — the names of both, never what they entered (contract ``CallContext``).
    """

    offers_video_help = True  # the video screen itself does not

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self.elder = bool(window.elder_mode)
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 16, 32, 16)
        root.setSpacing(12)
        header = QHBoxLayout()
        self.title = label("heading")
        self.title.setObjectName("flow_title")
        header.addWidget(self.title, 1)
        self.home_btn = button("", "")
        self.home_btn.setObjectName("flow_home")
        self.home_btn.clicked.connect(self.go_home)
        self.help_btn = button("", "")
        self.help_btn.setObjectName("flow_video_help")
        self.help_btn.clicked.connect(self.ask_video_help)
        header.addWidget(self.help_btn, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.home_btn, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(header)
        help_now = window.video_help
        self.help_btn.setVisible(self.offers_video_help and help_now.open)
        if self.offers_video_help:
            help_now.changed.connect(self._video_help_changed)
        self.pages = QStackedWidget()
        # the page shown takes the room there is (above the on-screen keyboard when it shows);
        # the flow's other pages do not hold the screen open for themselves
        self.pages.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        root.addWidget(self.pages, 1)
        self.busy_page = QWidget()
        bl = QVBoxLayout(self.busy_page)
        bl.addStretch(1)
        self.busy_text = label("title")
        self.busy_text.setObjectName("busy_text")
        self.busy_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bl.addWidget(self.busy_text)
        bl.addStretch(1)
        self.pages.addWidget(self.busy_page)

    # frame --------------------------------------------------------------------------------
    def spoken_title(self) -> str:
        return self.title.text()

    def speak(self, text: str) -> None:
        """Say something this screen shows (never personal data: the hall hears it)."""
        self.win.speak(text)

    def retranslate_frame(self) -> None:
        self.home_btn.setText(QCoreApplication.translate("Flows", "Home"))
        self.help_btn.setText(video_title())

    # 视频帮办 --------------------------------------------------------------------------------
    def _video_help_changed(self, shown: bool) -> None:
        self.help_btn.setVisible(shown)

    def help_step(self) -> str:
        """The step the citizen is at, by the name the screen gives its page (``enter_page`` →
        ``enter``): a name from the code, never anything the citizen typed."""
        page = self.current_page()
        step = next(
            (
                k[: -len("_page")]
                for k, v in vars(self).items()
                if v is page and k.endswith("_page")
            ),
            f"page{self.pages.currentIndex()}",
        )
        return re.sub(r"[^a-z0-9_.]", "", step.lower())[:60]

    def ask_video_help(self) -> None:
        """The help button: a video call that tells the agent where the citizen was. Leaving
        the flow ends it as any other way out does (kiosk_app.core.visit)."""
        from kiosk_app.ui.video.screen import open_video

        open_video(self.win, self.name, self.help_step())

    def showEvent(self, event: QShowEvent) -> None:
        """Lists, text boxes and scroll areas paint their background themselves, not through a
        styled viewport.

        When a list or box has a themed background, Qt's style-sheet style marks its inner
        viewport for styled painting and, at the first paint, caches a render rule for the
        viewport that it never drops: viewports are "unstylable", so the style does not watch
        them being destroyed. Flow screens are rebuilt for every citizen, so that was ~600
        bytes per list or text box per session for the life of the process. The box's own
        background already covers the viewport, so nothing changes on screen. Done at every
        show: Qt polishes during construction and again on a theme switch (elder mode, made
        on the home screen while this one is hidden), and each polish marks it anew.
        """
        for area in self.findChildren(QAbstractScrollArea):
            area.viewport().setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        super().showEvent(event)

    def add_page(self, page: QWidget, scroll: bool = False) -> QWidget:
        """Add a page; ``scroll`` wraps it so elder-mode text never runs off the screen."""
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(page)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.viewport().setAutoFillBackground(False)  # the screen's colour, not grey
            page.setAutoFillBackground(False)
            self.pages.addWidget(area)
            page.setProperty("page_host", area)
        else:
            self.pages.addWidget(page)
        return page

    def show_page(self, page: QWidget) -> None:
        host = page.property("page_host")
        self.pages.setCurrentWidget(host if isinstance(host, QWidget) else page)

    def current_page(self) -> QWidget | None:
        w = self.pages.currentWidget()
        return w.widget() if isinstance(w, QScrollArea) else w

    def show_busy(self, text: str) -> None:
        self.busy_text.setText(text)
        self.pages.setCurrentWidget(self.busy_page)

    def register_wiper(self, name: str, wipe: Callable[[], None]) -> None:
        """Wipe this screen's widgets when its flow ends or the session resets (once: either
        destroys the screen). ``name`` is scoped to the flow: ``"<flow>.<what>"``."""
        session = self.ctx.session

        def once() -> None:
            session.unregister_wiper(name)
            if shiboken6.isValid(self):
                wipe()

        session.register_wiper(name, once)

    def go_home(self) -> None:
        """Leave the flow for the home screen (kiosk_app.core.visit: it may ask first)."""
        self.win.go_home()

    def finish(self) -> None:
        """The citizen is done: wipe everything and show the attract screen."""
        self.win.end_session("finished")

    # background work ----------------------------------------------------------------------
    def run_task(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """``fn`` off the GUI thread; the answer is dropped if the citizen has gone meanwhile."""
        sid = self.ctx.session.id

        def still_here() -> bool:
            return shiboken6.isValid(self) and self.ctx.session.id == sid

        def done(result: Any) -> None:
            if still_here():
                on_done(result)

        def failed(exc: BaseException) -> None:
            log.error("flow task failed", exc_info=exc)
            if still_here() and on_error is not None:
                on_error(exc)

        self.win.tasks.run(fn, done, failed)

    # printing -----------------------------------------------------------------------------
    def english_slip(self) -> bool:
        return current_language() == "en"

    def show_queue_ticket(self, panel: TicketPanel, ticket: Ticket, first: list[str]) -> None:
        """A queue ticket as check-in and walk-in show it: the number large (and said aloud in
        elder mode), then ``first`` facts, the service, the window and the people ahead."""
        caption = QCoreApplication.translate("Flows", "Your queue number")
        facts = [
            *first,
            QCoreApplication.translate("Flows", "Service: %1").replace("%1", ticket.service),
            QCoreApplication.translate("Flows", "Window: %1").replace("%1", ticket.window),
            QCoreApplication.translate("Flows", "People ahead of you: %1").replace(
                "%1", str(ticket.waiting)
            ),
        ]
        panel.show_number(caption, ticket.number, facts)
        self.speak(f"{caption} {ticket.number}")

    def print_queue_ticket(self, panel: TicketPanel, receipt: Receipt) -> None:
        self.print_into(
            panel.print_status,
            receipt,
            "queue_ticket",
            lambda: QCoreApplication.translate("Flows", "ticket"),
        )

    def print_into(
        self, line: StatusLine, receipt: Receipt, label_: str, what: Callable[[], str]
    ) -> None:
        """Print ``receipt``; tell the citizen in ``line`` whether to take the slip or to note
        the number shown large. ``what()`` names the thing printed in the current language."""
        # (a slip held for "paper is back" is dropped at reset by kiosk_app.services)
        printer = ports.printer(self.win)
        line.show_status(lambda: (QCoreApplication.translate("Flows", "Printing…"), False))

        def done(outcome: PrintOutcome) -> None:
            line.show_status(lambda: print_status(outcome, what()))

        self.run_task(
            lambda: print_slip(printer, receipt, label_),
            done,
            lambda exc: done(PrintOutcome.FAILED),
        )


def print_status(outcome: PrintOutcome, what: str) -> tuple[str, bool]:
    """(sentence, is_problem) for the panel under the big number."""
    if outcome is PrintOutcome.PRINTED:
        return QCoreApplication.translate(
            "Flows", "Please take your %1 from the printer below."
        ).replace("%1", what), False
    reason = {
        PrintOutcome.NO_PRINTER: QCoreApplication.translate(
            "Flows", "The printer is not available."
        ),
        PrintOutcome.PAPER_OUT: QCoreApplication.translate("Flows", "The printer is out of paper."),
        PrintOutcome.COVER_OPEN: QCoreApplication.translate("Flows", "The printer cover is open."),
        PrintOutcome.FAILED: QCoreApplication.translate("Flows", "The printer did not print."),
    }[outcome]
    advice = QCoreApplication.translate(
        "Flows", "Please remember the number shown above, or take a photo of it."
    )
    return sentences(reason, advice), True
