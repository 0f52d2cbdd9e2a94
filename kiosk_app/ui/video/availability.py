"""Whether a flow screen offers the 视频帮办 help button now: the site enables video help and the
county centre says it is within its service hours (``GET /video/status``, which the central
service publishes from its own settings: the terminal does not keep a copy of the hours).

One per window, made with it; it asks the centre at the first paint and then every
``POLL_MS`` — through the task manager, never on the GUI thread — and only where the site
enables video at all, so a terminal without video help sends nothing and loads nothing more.
Unknown (no answer yet, the network down) counts as closed: the button would only lead to a
call that cannot connect.

At start it also asks, once, whether the media engine can load on this build (``engine.probe``:
a child process, so WebEngine is never loaded into the kiosk). Where the site enables video help
and it cannot, the log says so as an error, the technician panel shows why, and no help button
offers a call that would fail; ``kiosk config check`` makes the same check.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from contract.results import Ok
from contract.wire import VideoStatus

if TYPE_CHECKING:
    from kiosk_app.ui.screens.base import Shell

log = logging.getLogger(__name__)
POLL_MS = 60_000


class VideoHelp(QObject):
    changed = Signal(bool)  # the help button shows (True) or not

    def __init__(self, win: Shell, parent: QObject) -> None:
        super().__init__(parent)  # the window: its timers go with it
        self.win = win
        self.status: VideoStatus | None = None
        self._asking = False
        self.engine_ok: bool | None = None  # None: not asked yet
        self.engine_problem = ""
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)

    @property
    def enabled(self) -> bool:
        return bool(self.win.ctx.config.video.enabled)

    @property
    def open(self) -> bool:
        """The site offers video help and the centre answers calls now."""
        s = self.status
        engine = self.engine_ok is not False
        return self.enabled and engine and s is not None and s.enabled and s.open

    def start(self) -> None:
        """At the first paint, and again once the services run (sync is there to ask)."""
        if not self.enabled:
            return
        if not self._timer.isActive():
            self._timer.start()
            self.check_engine()
        self.poll()

    def check_engine(self) -> None:
        from kiosk_app.ui.video import engine

        self.win.tasks.run(engine.probe, self._engine_checked, self._engine_failed)

    def _engine_checked(self, answer: tuple[bool, str]) -> None:
        was = self.open
        self.engine_ok, self.engine_problem = answer
        if not self.engine_ok:
            log.error(
                "video help is enabled but its media engine cannot load",
                extra={"why": self.engine_problem},
            )
        if self.open != was:
            self.changed.emit(self.open)

    def _engine_failed(self, exc: BaseException) -> None:
        self._engine_checked((False, str(exc)))

    def technician_line(self) -> tuple[bool, str] | None:
        """(a problem?, text) for the technician panel's diagnostics; None: video is off."""
        if not self.enabled:
            return None
        if self.engine_ok is None:
            return False, QCoreApplication.translate(
                "VideoHelp", "Video help: checking the media engine"
            )
        if not self.engine_ok:
            return True, QCoreApplication.translate(
                "VideoHelp", "Video help is enabled but its media engine cannot load: %1"
            ).replace("%1", self.engine_problem)
        s = self.status
        if s is None:
            return False, QCoreApplication.translate(
                "VideoHelp", "Video help: media engine ok; no answer from the centre"
            )
        state = (
            QCoreApplication.translate("VideoHelp", "open now")
            if s.open
            else QCoreApplication.translate("VideoHelp", "closed now")
        )
        return False, QCoreApplication.translate(
            "VideoHelp", "Video help: media engine ok; the centre: %1 (%2)"
        ).replace("%1", state).replace("%2", s.hours)

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
