"""Spoken prompts in elder mode, through Qt TextToSpeech's own "mock" engine (it runs the real
engine interface and reports speaking → ready, without a sound device)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale

from kiosk_app.ui import i18n

MOCK = '[ui]\nvoice_engine = "mock"\n'


def test_elder_mode_speaks_titles_and_the_idle_question(make_window, qtbot, clock) -> None:
    win = make_window(MOCK)
    win.set_elder_mode(True)
    win.start_session()
    assert win.voice.spoken == [win.home.heading.text()]
    tts = win.voice._tts
    assert tts is not None and tts.engine() == "mock"
    qtbot.waitUntil(lambda: tts.state() == tts.State.Ready, timeout=10_000)  # it finished

    clock.advance(200)  # elder limits: 180 s, then a 40 s countdown
    win.idle.tick()
    assert win.overlay.isVisible()
    assert win.voice.spoken[-1] == win.overlay.question.text()
    win.idle.tick()  # the countdown goes on: the question is said once, not every second
    assert win.voice.spoken.count(win.overlay.question.text()) == 1

    win.end_session("idle")
    assert win.voice.spoken == []  # the session's words go with it


def test_voice_follows_the_language(make_window, qtbot) -> None:
    win = make_window(MOCK)
    win.set_elder_mode(True)
    i18n.set_language("en")
    qtbot.waitUntil(lambda: win.home.heading.text() == "What would you like to do?")
    win.start_session()
    assert win.voice.spoken == ["What would you like to do?"]
    assert win.voice._tts.locale().language() == QLocale.Language.English


def test_no_voice_outside_elder_mode_unless_asked(make_window) -> None:
    quiet = make_window(MOCK)
    quiet.start_session()
    assert quiet.voice.spoken == [] and quiet.voice._tts is None  # engine never even started
    loud = make_window('[ui]\nvoice_engine = "mock"\nvoice = "always"\n')
    loud.start_session()
    assert loud.voice.spoken == [loud.home.heading.text()]


def test_a_terminal_without_a_speech_engine_stays_silent_and_says_so_once(
    make_window, caplog
) -> None:
    win = make_window('[ui]\nvoice_engine = "no-such-engine"\n')
    win.set_elder_mode(True)
    with caplog.at_level(logging.WARNING, logger="kiosk_app.ui.voice"):
        win.start_session()
        win.show_screen(win.attract)
        win.start_session()
    assert win.voice.spoken == []
    assert [r.getMessage() for r in caplog.records].count("voice prompts off") == 1
