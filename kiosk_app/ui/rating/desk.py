"""好差评 at a five-ones desk: the citizen rates the case just submitted on the rating pad or on
the desk screen, and a 差评's reasons are picked where there is a screen for them.

A pad with a screen (its heartbeat says so, ``RatingPad.has_screen``) gets the published
reasons with the prompt and sends the ticked ones with the rating; a pad without one sends the
level alone, and this widget then shows the reasons panel on the desk screen (the clerk turns
it to the citizen), with the text box on the docked keyboard and the follow-up promise. One
widget for the desk screen to hold, so the desk's own code only starts and clears it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk_app.core.flows.rating import Checked, RatingFlow, RatingState
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import problem_text
from kiosk_app.ui.flows.widgets import RatingButtons, level_text
from kiosk_app.ui.rating.reasons import ReasonsPanel, deadline_text
from kiosk_app.ui.widgets import label

Runner = Callable[[Callable[[], Any], Callable[[Any], None]], None]
Prompt = Callable[[RatingFlow], None]  # show the flow's case (and reasons) on the pad


class DeskRating(QWidget):
    """Hint, five buttons (the pad counts too), the reasons panel for a 差评, the result."""

    recorded = Signal(int)  # the level, once it is in the outbox

    def __init__(
        self,
        win: Any,
        elder: bool,
        run: Runner,
        prompt: Prompt,
        pad_present: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.win = win
        self._run = run
        self._prompt_pad = prompt
        self._pad_present = pad_present
        self.flow: RatingFlow | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.hint = label("title")
        self.hint.setObjectName("desk_rate_hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.buttons = RatingButtons(win, elder)
        self.buttons.rated.connect(self.on_rated)
        lay.addWidget(self.buttons)
        self.reasons = ReasonsPanel(elder)
        self.reasons.toggled.connect(self._toggle)
        self.reasons.submitted.connect(self._send_reasons)
        self.reasons.went_back.connect(self._back)
        lay.addWidget(self.reasons)
        self.done = label("title")
        self.done.setObjectName("desk_rate_done")
        self.done.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done.setWordWrap(True)
        lay.addWidget(self.done)
        self.show_state()

    # the desk ---------------------------------------------------------------------------------
    def start(self, flow: RatingFlow) -> None:
        """A case was submitted: ask for its rating here and on the pad."""
        self.flow = flow
        self.reasons.clear()
        self.reasons.set_reasons(flow.reasons, flow.followup_working_days)
        self.show_state()
        self._prompt_pad(flow)
        sent = flow.reasons
        api = ports.api(self.win)

        def checked(found: Checked) -> None:
            if self.flow is flow:
                flow.apply(found)
                self.reasons.set_reasons(flow.reasons, flow.followup_working_days)
                self.reasons.show_picked(flow.picked)
                if flow.reasons != sent and flow.state is RatingState.ASK:
                    self._prompt_pad(flow)  # the central publishes another list: the pad too
                self.show_state()

        self._run(lambda: flow.fetch(api), checked)

    def clear(self) -> None:
        """The next citizen: nothing of this one's rating stays (words included)."""
        self.flow = None
        self.reasons.clear()
        self.done.clear()
        self.show_state()

    # the citizen ------------------------------------------------------------------------------
    def on_rated(self, level: int, channel: str) -> None:
        flow = self.flow
        if flow is None or not self.isVisible():
            return
        reasons = flow.pad_reasons(self.buttons.pad_reasons) if channel == "pad" else ()
        problem = flow.submit(level, "pad" if channel == "pad" else "desk", reasons or None)
        self._after(problem)

    def _toggle(self, code: str) -> None:
        if self.flow is not None:
            self.reasons.show_picked(self.flow.toggle(code))

    def _send_reasons(self, text: str) -> None:
        flow = self.flow
        if flow is None:
            return
        problem = flow.submit_reasons(text)
        if problem is not None and flow.state is RatingState.REASONS and not flow.picked:
            self.reasons.show_missing()
            return
        self._after(problem)

    def _back(self) -> None:
        if self.flow is not None:
            self.flow.back()
        self.reasons.clear()
        self.show_state()

    def _after(self, problem: Any) -> None:
        flow = self.flow
        if problem is not None:
            if flow is not None and flow.state is RatingState.REASONS:
                self.reasons.error.setText(problem_text(problem))
            else:
                self.done.setText(problem_text(problem))
            return
        if flow is not None and flow.state is RatingState.DONE and flow.level is not None:
            self.reasons.text.clear()
            ports.wake(self.win)
            self.recorded.emit(flow.level)
        self.show_state()

    def show_state(self) -> None:
        flow = self.flow
        state = flow.state if flow is not None else None
        pad = self._pad_present
        self.buttons.setVisible(state in (RatingState.ASK, RatingState.PROBLEM))
        self.reasons.setVisible(state is RatingState.REASONS)
        if flow is not None and state is RatingState.DONE and flow.level is not None:
            self.hint.setText("")
            done = QCoreApplication.translate("Rating", "Rated: %1. Thank you.").replace(
                "%1", level_text(flow.level)
            )
            if flow.deadline is not None:
                done += "\n" + deadline_text(flow.deadline)
            self.done.setText(done)
            return
        if state is RatingState.ALREADY:
            self.hint.setText(
                QCoreApplication.translate("Rating", "This case has already been rated.")
            )
            return
        if state is RatingState.REASONS:
            self.hint.setText("")
            return
        self.done.setText("")
        self.hint.setText(
            QCoreApplication.translate(
                "Rating", "Please ask the citizen to rate the service on the rating pad (or here)."
            )
            if pad
            else QCoreApplication.translate(
                "Rating", "Please ask the citizen to rate the service: touch one of the buttons."
            )
        )

    def retranslate(self) -> None:
        self.buttons.retranslate()
        self.reasons.retranslate()
        self.show_state()
