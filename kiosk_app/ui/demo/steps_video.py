"""Walkthrough steps for video help (视频帮办): the consent screen a citizen reads before any
camera or microphone switches on, then a whole call on the demo's fake media — waiting in the
queue with their own picture, the agent's picture in the call, and the end with every device
released. The agent is the real agent console in Qt WebEngine (``demo_agent.py``), answering
through the demo's central service, so what the screens show is a real WebRTC call."""

from __future__ import annotations

import os

from kiosk_app.ui.demo.steps_flows import _check, _end, _open
from kiosk_app.ui.demo.walkthrough import Walkthrough, expect, step


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


@step(302, "video-help-button")
def video_help_button(wt: Walkthrough) -> None:
    from kiosk_app.ui.video.screen import VideoScreen

    screen = _open(wt, "checkin")
    wt.wait_until(screen.help_btn.isVisible, 20, "the help button (the centre is open)")
    wt.shot("video-help-button-zh")
    screen.help_btn.click()
    video = expect(wt.win.current_screen(), VideoScreen)  # the help button opens video help
    ctx = video.call_context
    _check((ctx.flow, ctx.screen) == ("checkin", "enter"), "the agent will see flow and step")
    _check(video.current_page() is video.consent_page, "consent first")
    _end(wt)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@step(301, "video-call")
def video_call(wt: Walkthrough) -> None:
    from central.video_agents import DEMO_AGENTS
    from kiosk_app.core.flows.video_call import CallState
    from kiosk_app.ui.video.demo_agent import DemoAgent

    user, _name, password, _role = DEMO_AGENTS[0]
    agent = DemoAgent(wt.ctx.services["central"].url + "/video/console/")
    try:
        wt.wait_until(lambda: bool(agent.poll().get("ready")), 60, "the agent console loaded")
        agent.send(f"sign_in {user} {password}")
        wt.wait_until(lambda: bool(agent.poll().get("signed_in")), 30, "the agent signed in")

        screen = _open(wt, "video")
        screen.start_btn.click()
        wt.wait_until(
            lambda: screen.current_page() is screen.wait_page and screen.wait_self.frames > 3,
            60,
            "waiting in the queue, the citizen's own picture",
        )
        _check(screen.flow.position == 1, "first in the queue")
        wt.shot("video-waiting-zh")

        wt.wait_until(lambda: bool(agent.poll().get("can_answer")), 30, "the call reaches an agent")
        agent.send("answer")
        wt.wait_until(
            lambda: screen.current_page() is screen.call_page and screen.remote.frames > 10,
            60,
            "the agent's picture on the terminal",
        )
        wt.wait_until(
            lambda: agent.poll().get("frames", 0) > 10, 30, "the citizen's picture at the agent"
        )
        wt.shot("video-in-call-zh")

        host = screen.host
        pid = host.pid if host is not None else None
        screen.end_btn.click()
        wt.wait_until(lambda: screen.flow.state is CallState.ENDED, 20, "the call ended")
        _check(host is not None and host.proc is None, "the media engine stopped")
        _check(pid is not None and _gone(pid), "the engine's process (camera, microphone) gone")
        _check(screen.current_page() is screen.end_page, "the end page")
        _check(screen.remote.image is None, "no picture of the call kept")
        wt.shot("video-ended-zh")
    finally:
        agent.stop()
    _end(wt)
