"""The rule of a citizen's visit, written once for every flow.

A terminal is shared: the person behind a citizen must never see what the citizen saw. So:

- **Leaving a flow ends it.** Home, back to another flow, finish, the rating after it: the flow's
  values, wipers and temp files go (``Session.end_scope``) and its screen is dropped. A result
  stays on screen only until the citizen leaves it.
- **A flow always opens fresh.** Opening one ends whichever flow was open, including an earlier
  copy of the same one: nothing a flow showed can be reached again by opening it.
- **Going home from a flow that held personal data asks first**: "结束本次办理？" with the time
  left before the terminal ends the visit by itself. Ending wipes the whole session; carrying on
  ends only that flow, and the session (language, elder mode) goes on.

The session ends, besides, on "finish", on the idle timeout and at the desk's "next citizen"
(``Session.reset``). This module holds no Qt: the window asks it what to do and does it.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from kiosk_app.core.session import Session

log = logging.getLogger(__name__)


class Leave(enum.Enum):
    HOME = "home"  # the Home button, or a "back" that leaves the flow
    SWITCH = "switch"  # another flow opens (a ticket from the catalog, the rating after a flow)
    DONE = "done"  # finish: the whole session ends


@dataclass(frozen=True)
class HomeQuestion:
    """Ask "end this visit?" before going home; ``seconds_left`` until the idle reset."""

    flow: str
    seconds_left: int


class Visit:
    """Which flow is open in a session, and what opening or leaving one means."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.current: str | None = None

    def open(self, flow: str) -> str | None:
        """``flow`` is about to open; returns the flow to end first (the open one, even when
        it is ``flow`` itself: a flow always opens fresh)."""
        previous = self.current
        if previous is not None:
            self.leave(previous, Leave.SWITCH)
        self.current = flow
        return previous

    def going_home(self, seconds_left: int) -> HomeQuestion | None:
        """The citizen touched Home: a question to ask first, or None to go at once."""
        flow = self.current
        if flow is not None and self.session.holds_personal(flow):
            return HomeQuestion(flow, seconds_left)
        return None

    def leave(self, flow: str, why: Leave) -> None:
        """End ``flow``: what it held is wiped now, whatever comes next."""
        self.session.end_scope(flow)
        log.info("flow ended", extra={"flow": flow, "why": why.value})
        if self.current == flow:
            self.current = None

    def end(self) -> None:
        """The session ends (finish, idle, next citizen): no flow is open any more."""
        self.current = None
