"""The 视频帮办 help button on every flow screen: shown while the site enables video help and the
centre says it is within its service hours, gone when either stops; pressing it opens the
call's consent page with the flow and step the citizen was in — names only, nothing they typed."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from contract.results import Offline, Ok
from contract.wire import VideoStatus

VIDEO_ON = "[video]\nenabled = true\n"


class StatusApi:
    """The centre's ``/video/status``; ``open`` is what the centre publishes from its hours."""

    def __init__(self, open_: bool = True, online: bool = True) -> None:
        self.open = open_
        self.online = online
        self.asked = 0

    def video_status(self):  # type: ignore[no-untyped-def]
        self.asked += 1
        if not self.online:
            return Offline("no route to the centre")
        return Ok(
            VideoStatus(
                enabled=True,
                open=self.open,
                hours="08:30-17:30",
                agents_online=1,
                waiting=0,
                estimated_wait_s=0,
            )
        )


@pytest.fixture
def kiosk(make_window, qtbot):  # type: ignore[no-untyped-def]
    from kiosk_app.ui import capabilities

    capabilities.load_flows()

    def make(site: str = VIDEO_ON, api: StatusApi | None = None):  # type: ignore[no-untyped-def]
        win = make_window(site)
        api = api or StatusApi()
        win.ctx.sync = SimpleNamespace(  # a SyncPort with only the centre's video status
            online=api,
            outbox=None,
            catalog=lambda: None,
            wake=lambda: None,
            hotline_kb=lambda: None,
            hotline_matters=lambda: None,
            published=lambda name: None,
        )
        win.video_help.poll()  # the first paint came before the test's centre was plugged in
        win.start_session()
        return win, api

    return make


def ask_again(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    """The next poll (every minute in service), without waiting a minute."""
    asked = win.ctx.sync.online.asked
    win.video_help.poll()
    qtbot.waitUntil(lambda: win.ctx.sync.online.asked > asked and not win.video_help._asking)


def test_the_button_shows_on_flow_screens_and_carries_the_flow_and_step(kiosk, qtbot) -> None:
    from kiosk_app.ui.video.screen import VideoScreen

    win, api = kiosk()
    qtbot.waitUntil(lambda: win.video_help.open)
    for cap in ("checkin", "ticket", "hotline", "progress"):
        screen = win.open_capability(cap)
        assert screen is not None
        qtbot.waitUntil(screen.help_btn.isVisible)
        assert screen.help_btn.text() == "视频帮办"
    win.go_home()

    screen = win.open_capability("checkin")
    qtbot.keyClicks(screen.phone, "13800138000")  # personal data typed into the flow
    qtbot.mouseClick(screen.help_btn, Qt.MouseButton.LeftButton)
    video = win.current_screen()
    assert isinstance(video, VideoScreen)
    assert video.call_context.flow == "checkin"
    assert video.call_context.screen == "enter"
    assert "13800138000" not in json.dumps(video.call_context.model_dump())
    # nothing switched on before consent; the video screen has no help button of its own
    assert video.current_page() is video.consent_page
    assert video.host is None and video.link is None
    assert not video.help_btn.isVisible()
    # the flow left behind ended (kiosk_app.core.visit): its screen, and the number, are gone
    assert "checkin" not in win.flow_screens
    assert api.asked >= 1


def test_the_button_follows_the_centres_hours(kiosk, qtbot) -> None:
    api = StatusApi(open_=False)
    win, _ = kiosk(api=api)
    qtbot.waitUntil(lambda: api.asked >= 1 and not win.video_help._asking)
    screen = win.open_capability("ticket")
    assert screen is not None
    qtbot.waitExposed(screen)
    assert not screen.help_btn.isVisible()  # outside the service hours

    api.open = True  # the centre opens: the screen the citizen is on shows the button
    ask_again(qtbot, win)
    qtbot.waitUntil(screen.help_btn.isVisible)

    api.online = False  # no answer from the centre: a call could not connect, so no button
    ask_again(qtbot, win)
    qtbot.waitUntil(lambda: not screen.help_btn.isVisible())


def test_no_button_and_no_polling_where_the_site_has_no_video_help(kiosk, qtbot) -> None:
    win, api = kiosk(site="")
    screen = win.open_capability("checkin")
    assert screen is not None
    qtbot.waitExposed(screen)
    assert not screen.help_btn.isVisible()
    assert api.asked == 0


def test_the_button_in_english_and_elder_mode(kiosk, qtbot) -> None:
    win, _ = kiosk()
    qtbot.waitUntil(lambda: win.video_help.open)
    win.toggle_language()
    win.set_elder_mode(True)
    screen = win.open_capability("progress")
    assert screen is not None
    qtbot.waitUntil(screen.help_btn.isVisible)
    assert screen.help_btn.text() == "Video help"
    assert screen.help_btn.height() >= screen.home_btn.height()


def test_every_flow_screen_shows_the_same_help_button(kiosk, qtbot) -> None:
    # a screen's own control once took the frame's attribute name: the frame's button stayed
    # blank and the screen's button came and went with the centre's hours
    from kiosk_app.ui import capabilities

    win, _ = kiosk()
    qtbot.waitUntil(lambda: win.video_help.open)
    win.toggle_language()
    for spec in capabilities.enabled(win.ctx):
        screen = win.open_capability(spec.id)
        if screen is None or not getattr(screen, "offers_video_help", False):
            continue
        qtbot.waitExposed(screen)
        assert screen.help_btn.objectName() == "flow_video_help", spec.id
        qtbot.waitUntil(screen.help_btn.isVisible)
        assert screen.help_btn.text() == "Video help", spec.id
        win.show_screen(win.home)
