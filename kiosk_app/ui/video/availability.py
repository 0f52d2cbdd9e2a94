"""Whether a flow screen offers the 视频帮办 help button now: the site enables video help and the
county centre says it is within its service hours (``GET /video/status``, which the central
service publishes from its own settings: the terminal does not keep a copy of the hours).

One per window, made with it; it asks the centre at the first paint and then every
``POLL_MS`` — through the task manager, never on the GUI thread — and only where the site
enables video at all, so a terminal without video help sends nothing and loads nothing more.
Unknown (no answer yet, the network down) counts as closed: the button would only lead to a
call that cannot connect.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from contract.results import Ok
from contract.wire import VideoStatus

if TYPE_CHECKING:
    from kiosk_app.ui.main_window import KioskWindow

log = logging.getLogger(__name__)
POLL_MS = 60_000


class VideoHelp(QObject):
    changed = Signal(bool)  # the help button shows (True) or not

    def __init__(self, win: KioskWindow) -> None:
        super().__init__(win)
        self.win = win
        self.status: VideoStatus | None = None
        self._asking = False
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)

    @property
    def enabled(self) -> bool:
        return bool(self.win.ctx.config.video.enabled)

    @property
    def open(self) -> bool:
        """The site offers video help and the centre answers calls now."""
        s = self.status
        return self.enabled and s is not None and s.enabled and s.open

    def start(self) -> None:
        if self.enabled and not self._timer.isActive():
            self._timer.start()
            self.poll()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        sync = self.win.ctx.sync
        if self._asking or sync is None or not self.enabled:
            return
        self._asking = True
        self.win.tasks.run(sync.online.video_status, self._answer, self._failed)

    def _answer(self, result: Any) -> None:
        self._asking = False
        self.set_status(result.value if isinstance(result, Ok) else None)

    def _failed(self, exc: BaseException) -> None:
        self._asking = False
        log.warning("video status: %s", exc)
        self.set_status(None)

    def set_status(self, status: VideoStatus | None) -> None:
        was = self.open
        self.status = status
        if self.open != was:
            self.changed.emit(self.open)
