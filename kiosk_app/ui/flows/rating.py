"""好差评 screen: five large buttons (or the rating pad) after a finished service, and the
"rating" home tile for rating the service received today at the hall."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from devices.rating.protocol import PromptInfo
from kiosk_app.core.flows.rating import RatingContext, RatingFlow, RatingState
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, problem_text, sentences
from kiosk_app.ui.flows.widgets import RatingButtons, level_text
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.widgets import button, label


class RatingScreen(FlowScreen):
    name = "rating"

    def __init__(self, window: Shell, context: RatingContext | None = None) -> None:
        super().__init__(window)
        self.flow = RatingFlow(ports.outbox(window), context)
        self.ask_page = QWidget()
        lay = QVBoxLayout(self.ask_page)
        self.about = label("title")
        self.about.setObjectName("rating_about")
        self.question = label("body")
        lay.addWidget(self.about)
        lay.addWidget(self.question)
        self.buttons = RatingButtons(window, self.elder)
        self.buttons.rated.connect(self.on_rated)
        lay.addWidget(self.buttons, 1)
        self.error = label("error")
        self.error.setObjectName("rating_error")
        lay.addWidget(self.error)
        self.add_page(self.ask_page)

        self.thanks_page = QWidget()
        tl = QVBoxLayout(self.thanks_page)
        tl.addStretch(1)
        self.thanks = label("heading")
        self.thanks.setObjectName("rating_thanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_detail = label("title")
        self.thanks_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tl.addWidget(self.thanks)
        tl.addWidget(self.thanks_detail)
        tl.addStretch(1)
        row = QHBoxLayout()
        self.more_btn = button("", "")
        self.more_btn.setObjectName("rating_home")
        self.more_btn.clicked.connect(self.go_home)
        self.finish_btn = button("primary", "")
        self.finish_btn.setObjectName("rating_finish")
        self.finish_btn.clicked.connect(self.finish)
        row.addStretch(1)
        row.addWidget(self.more_btn)
        row.addWidget(self.finish_btn)
        tl.addLayout(row)
        self.add_page(self.thanks_page)
        self.retranslate()
        self.show_page(self.ask_page)

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.buttons.retranslate()
        self.title.setText(self.tr("Rate our service"))
        c = self.flow.context
        if c.service:
            about = self.tr("How satisfied are you with: %1").replace("%1", c.service)
        else:
            about = self.tr("How satisfied are you with the service you received today?")
        self.about.setText(about)
        pad = "rating_pad" in self.win.bridges
        self.question.setText(
            self.tr("Touch one of the five buttons, or press a key on the rating pad.")
            if pad
            else self.tr("Touch one of the five buttons.")
        )
        self.thanks.setText(self.tr("Thank you for your rating"))
        if self.flow.level is not None:
            self.thanks_detail.setText(
                self.tr("You chose: %1").replace("%1", level_text(self.flow.level))
            )
        self.more_btn.setText(self.tr("Something else"))
        self.finish_btn.setText(self.tr("Finish"))

    def on_enter(self) -> None:
        pad = ports.device(self.win, "rating_pad")
        if pad is not None and self.flow.state is RatingState.ASK:
            c = self.flow.context
            pad.submit(PromptInfo(c.case_id or "", c.service, c.window or "", c.staff_id or ""))

    def on_rated(self, level: int, channel: str) -> None:
        problem = self.flow.submit(level, channel)
        if problem is not None:
            self.error.setText(sentences(problem_text(problem), self.tr("Please try again.")))
            return
        if self.flow.state is RatingState.DONE:
            ports.wake(self.win)
            self.retranslate()
            self.show_page(self.thanks_page)


def open_rating(win: Shell, context: RatingContext) -> RatingScreen:
    """Show the rating screen for a service that just finished (replacing an earlier one)."""
    screen = win.open_flow("rating", lambda w: RatingScreen(w, context))
    assert isinstance(screen, RatingScreen)
    return screen
