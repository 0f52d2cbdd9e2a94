"""Walkthrough steps for video help (视频帮办): the consent screen a citizen reads before any
camera or microphone switches on (the call itself, with fake media, is tested in
tests/gui/video; the walkthrough stops before it, so the demo needs no browser engine)."""

from __future__ import annotations

from kiosk_app.ui.demo.steps_flows import _check, _end, _open
from kiosk_app.ui.demo.walkthrough import Walkthrough, step


@step(300, "video-consent")
def video_consent(wt: Walkthrough) -> None:
    screen = _open(wt, "video")
    _check(screen.current_page() is screen.consent_page, "the consent page comes first")
    _check(screen.start_btn.isEnabled(), "the call can be started")
    wt.shot("video-consent-zh")
    wt.win.toggle_language()
    wt.process(50)
    wt.shot("video-consent-en")
    _end(wt)
