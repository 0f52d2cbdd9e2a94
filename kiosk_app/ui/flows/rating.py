"""好差评 screen: five large buttons (or the rating pad) after a finished service, and the
"rating" home tile for rating the service received today at the hall.

One rating per case: on entering, the screen asks the central service (off the GUI thread)
whether the case was rated and for the published 差评 reasons; a case rated before says so
instead of asking again. A 差评 (不满意, 非常不满意) goes on to the reasons panel
(kiosk_app/ui/rating/reasons.py) — unless it came from a pad that showed the reasons itself —
and the thanks page names the date by which it will be followed up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from devices.rating.protocol import PromptInfo
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.flows.rating import Checked, RatingContext, RatingFlow, RatingState
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, problem_text, sentences
from kiosk_app.ui.flows.widgets import RatingButtons, level_text
from kiosk_app.ui.rating.reasons import ReasonsPanel, already_text, deadline_text
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.widgets import button, label


def rating_flow(win: Shell, context: RatingContext | None) -> RatingFlow:
    """A rating flow with this terminal's division code and follow-up window (config)."""
    cfg = win.ctx.config.rating
    return RatingFlow(
        ports.outbox(win),
        context,
        division_code=cfg.division_code,
        followup_working_days=cfg.followup_working_days,
    )


def pad_prompt(flow: RatingFlow) -> PromptInfo:
    """What the rating pad shows: the case, and the reasons in case it has a screen."""
    c = flow.context
    return PromptInfo(
        c.case_id or "",
        c.service,
        c.window or "",
        c.staff_id or "",
        reasons=tuple((r.pad_code, r.zh) for r in flow.reasons),
    )


class RatingScreen(FlowScreen):
    name = "rating"

    def __init__(self, window: Shell, context: RatingContext | None = None) -> None:
        super().__init__(window)
        self.flow = rating_flow(window, context)
        self._prompted: PromptInfo | None = None
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

        self.reasons_page = QWidget()
        rl = QVBoxLayout(self.reasons_page)
        self.reasons = ReasonsPanel(self.elder)
        self.reasons.toggled.connect(self._toggle)
        self.reasons.submitted.connect(self._send_reasons)
        self.reasons.went_back.connect(self._back)
        rl.addWidget(self.reasons)
        rl.addStretch(1)
        self.add_page(self.reasons_page, scroll=True)
        self.register_wiper("rating.text", self.reasons.clear)  # the citizen's words

        self.thanks_page = QWidget()
        tl = QVBoxLayout(self.thanks_page)
        tl.addStretch(1)
        self.thanks = label("heading")
        self.thanks.setObjectName("rating_thanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_detail = label("title")
        self.thanks_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_detail.setWordWrap(True)
        self.thanks_detail.setObjectName("rating_thanks_detail")
        tl.addWidget(self.thanks)
        tl.addWidget(self.thanks_detail)
        self.followup = label("title")
        self.followup.setObjectName("rating_followup")
        self.followup.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.followup.setWordWrap(True)
        tl.addWidget(self.followup)
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
        self.reasons.retranslate()
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
        self.more_btn.setText(self.tr("Something else"))
        self.finish_btn.setText(self.tr("Finish"))
        if self.flow.state is RatingState.ALREADY:
            self.thanks_detail.setText(already_text(self.flow.rated_before))
        elif self.flow.level is not None:
            self.thanks_detail.setText(
                self.tr("You chose: %1").replace("%1", level_text(self.flow.level))
            )
        self.followup.setText(
            deadline_text(self.flow.deadline) if self.flow.deadline is not None else ""
        )

    def on_enter(self) -> None:
        if self.flow.state is RatingState.ASK:
            self._prompt_pad()
            api = ports.api(self.win)
            self.run_task(lambda: self.flow.fetch(api), self._checked)  # type: ignore[arg-type]

    def _prompt_pad(self) -> None:
        pad = ports.device(self.win, "rating_pad")
        prompt = pad_prompt(self.flow)
        if pad is not None and prompt != self._prompted:
            self._prompted = prompt
            pad.submit(prompt)

    def _checked(self, checked: Checked) -> None:
        state = self.flow.apply(checked)
        self.reasons.set_reasons(self.flow.reasons, self.flow.followup_working_days)
        self.reasons.show_picked(self.flow.picked)  # a citizen already picking keeps the picks
        if state is RatingState.ALREADY:
            pad = ports.device(self.win, "rating_pad")
            if pad is not None:
                from devices.rating.adapter import ClearPad

                pad.submit(ClearPad())
            self.retranslate()
            self.show_page(self.thanks_page)
        elif self.current_page() is self.ask_page:
            self._prompt_pad()  # again only if the published reasons differ from the built-in

    def on_rated(self, level: int, channel: str) -> None:
        reasons = self.flow.pad_reasons(self.buttons.pad_reasons) if channel == "pad" else ()
        problem = self.flow.submit(level, channel, reasons or None)
        self._after(problem)

    def _toggle(self, code: str) -> None:
        self.reasons.show_picked(self.flow.toggle(code))

    def _send_reasons(self, text: str) -> None:
        problem = self.flow.submit_reasons(text)
        if problem is not None and self.flow.state is RatingState.REASONS and not self.flow.picked:
            self.reasons.show_missing()
            return
        self._after(problem)

    def _back(self) -> None:
        self.flow.back()
        self.reasons.clear()
        self.show_page(self.ask_page)

    def _after(self, problem: Problem | None) -> None:
        if problem is not None:
            text = sentences(problem_text(problem), self.tr("Please try again."))
            if self.flow.state is RatingState.REASONS:
                self.reasons.error.setText(text)
            else:
                self.error.setText(text)
            return
        if self.flow.state is RatingState.REASONS:
            if not self.reasons.buttons:
                self.reasons.set_reasons(self.flow.reasons, self.flow.followup_working_days)
            self.reasons.show_picked(())
            self.show_page(self.reasons_page)
        elif self.flow.state is RatingState.DONE:
            ports.wake(self.win)
            self.reasons.text.clear()  # sent: the words leave the screen
            self.retranslate()
            self.show_page(self.thanks_page)


def open_rating(win: Shell, context: RatingContext) -> RatingScreen:
    """Show the rating screen for a service that just finished (replacing an earlier one)."""
    screen = win.open_flow("rating", lambda w: RatingScreen(w, context))
    assert isinstance(screen, RatingScreen)
    return screen
