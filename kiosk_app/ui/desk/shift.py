"""Who is at the desk: the signed-in clerk outlives one citizen's session, not an idle timeout.

Between two citizens the desk ends the session like every flow does (everything personal wiped,
the screens rebuilt), with the reason ``desk-next``; the clerk stays signed in for that one. Any
other reset — idle timeout, technician exit, "finish" — signs the clerk out, so a desk left
alone does not take in cases under someone's name.
"""

from __future__ import annotations

import weakref

from kiosk_app.core.flows.desk_staff import Staff
from kiosk_app.ui.screens.base import Shell

NEXT_CITIZEN = "desk-next"


class Shift:
    def __init__(self, win: Shell) -> None:
        self.staff: Staff | None = None
        win.session_reset.connect(self._on_reset)

    def _on_reset(self, reason: str) -> None:
        if reason != NEXT_CITIZEN:
            self.staff = None


_shifts: weakref.WeakKeyDictionary[Shell, Shift] = weakref.WeakKeyDictionary()


def shift_for(win: Shell) -> Shift:
    shift = _shifts.get(win)
    if shift is None:
        shift = _shifts[win] = Shift(win)
    return shift
