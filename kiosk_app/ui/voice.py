"""Spoken prompts for people who find the screen hard to read (长辈模式 by default): the title of
each screen as it opens, the idle countdown's question, and the queue number once it is issued.

Through Qt TextToSpeech (speech-dispatcher on a terminal: ``speech-dispatcher`` with
``espeak-ng``, which has a Mandarin voice). Never anything personal: a terminal speaks in a public
hall, so names, ID and phone numbers are never passed here. A terminal without a speech engine
says so once in the log and stays silent.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLocale, QObject

log = logging.getLogger(__name__)

MODES = ("off", "elder", "always")


class Voice(QObject):
    def __init__(self, mode: str, engine: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.engine_name = engine
        self._tts: Any = None
        self._unavailable = mode == "off"
        self.spoken: list[str] = []  # what was said this session (tests; wiped with it)

    def active(self, elder: bool) -> bool:
        return not self._unavailable and (self.mode == "always" or (self.mode == "elder" and elder))

    def say(self, text: str, language: str, elder: bool) -> None:
        """Say `text` in the UI's language, cutting off whatever was being said."""
        if not text.strip() or not self.active(elder):
            return
        tts = self._engine()
        if tts is None:
            return
        wanted = QLocale(language)
        if tts.locale() != wanted:
            tts.setLocale(wanted)
        tts.stop()
        tts.say(text)
        self.spoken.append(text)

    def stop(self) -> None:
        """Silence, and forget what was said (end of a session)."""
        if self._tts is not None:
            self._tts.stop()
        self.spoken.clear()

    def _engine(self) -> Any:
        """The speech engine, started on first use (never during start-up)."""
        if self._tts is None and not self._unavailable:
            from PySide6.QtTextToSpeech import QTextToSpeech

            if self.engine_name not in QTextToSpeech.availableEngines():
                self._give_up(f"no speech engine {self.engine_name!r} on this terminal")
                return None
            tts = QTextToSpeech(self.engine_name, self)
            if tts.state() == QTextToSpeech.State.Error:
                self._give_up(tts.errorString() or "the speech engine did not start")
                return None
            self._tts = tts
        return self._tts

    def _give_up(self, reason: str) -> None:
        self._unavailable = True
        log.warning("voice prompts off", extra={"engine": self.engine_name, "reason": reason})
