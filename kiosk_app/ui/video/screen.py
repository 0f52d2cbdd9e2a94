"""视频帮办 screen: consent, waiting in the queue, the call, and what follows it.

The flow (``kiosk_app.core.flows.video_call``) decides; this screen shows its state and passes
the citizen's touches on. Nothing starts before consent: the media engine process (camera and
microphone) and the signalling socket are made when the citizen presses "Start the call", and
``end()`` — from "End call", the agent, a lost link, or the session's reset (a wiper) — stops
both. While the agent is on the line the call counts as activity for the idle timer (a citizen
talking does not touch the screen); the agent sees whether anyone is still there.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from contract.events import CallbackReason
from contract.wire import CallContext
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.core.flows.video_call import CallState, EndReason, Stats, VideoCallFlow
from kiosk_app.sync.video import VideoLink
from kiosk_app.ui import i18n
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, problem_text, sentences
from kiosk_app.ui.flows.widgets import NumericKeypad
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.video import wire
from kiosk_app.ui.video.engine_host import EngineHost
from kiosk_app.ui.video.surface import VideoSurface
from kiosk_app.ui.widgets import button, label

log = logging.getLogger(__name__)
SHARE_RED = QColor("#d93025")


class _LinkEvents(QObject):
    """The signalling socket's thread → the GUI thread."""

    message = Signal(object)
    link = Signal(bool, bool)


def _minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


class VideoScreen(FlowScreen):
    name = "video"
    offers_video_help = False  # already here

    def __init__(self, window: Shell, context: CallContext | None = None) -> None:
        super().__init__(window)
        self.cfg = window.ctx.config.video
        self.call_context = context or CallContext(flow="home")
        self.flow: VideoCallFlow | None = None
        self.host: EngineHost | None = None
        self.link: VideoLink | None = None
        self.events = _LinkEvents(self)
        self._doc_conn = False
        self.call_started_at = 0.0
        self.first_frame_s: float | None = None  # "call" pressed → first picture of the agent
        self._keepalive = QTimer(self, interval=5000)
        self._keepalive.timeout.connect(self._still_talking)
        self._build()
        self.register_wiper("video_call", lambda: self.end_call(EndReason.RESET))
        self.retranslate()
        self.show_page(self.consent_page)

    # -- pages --------------------------------------------------------------------------------
    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setSpacing(14)
        return page, lay

    def _build(self) -> None:
        self.consent_page, lay = self._page()
        self.consent_head = label("title")
        self.consent_seen = label("body")
        self.consent_record = label("body")
        self.consent_record.setObjectName("video_consent_recording")
        self.consent_stop = label("body")
        for w in (self.consent_head, self.consent_seen, self.consent_record, self.consent_stop):
            lay.addWidget(w)
        lay.addStretch(1)
        row = QHBoxLayout()
        self.consent_back = button("", "")
        self.consent_back.clicked.connect(self.go_home)
        self.start_btn = button("primary", "")
        self.start_btn.setObjectName("video_start")
        self.start_btn.clicked.connect(self.start_call)
        row.addStretch(1)
        row.addWidget(self.consent_back)
        row.addWidget(self.start_btn)
        lay.addLayout(row)
        self.add_page(self.consent_page, scroll=True)

        self.wait_page, lay = self._page()
        top = QHBoxLayout()
        col = QVBoxLayout()
        self.wait_head = label("heading")
        self.wait_head.setObjectName("video_wait_head")
        self.wait_place = label("title")
        self.wait_place.setObjectName("video_wait_place")
        self.wait_estimate = label("body")
        self.wait_estimate.setObjectName("video_wait_estimate")
        self.wait_note = label("body")
        self.wait_note.setObjectName("video_wait_note")
        for w in (self.wait_head, self.wait_place, self.wait_estimate, self.wait_note):
            col.addWidget(w)
        col.addStretch(1)
        top.addLayout(col, 2)
        self.wait_self = VideoSurface("video_wait_self")
        self.wait_self.setMinimumSize(320, 240)
        top.addWidget(self.wait_self, 1)
        lay.addLayout(top, 1)
        row = QHBoxLayout()
        self.wait_callback = button("", "")
        self.wait_callback.setObjectName("video_wait_callback")
        self.wait_callback.clicked.connect(lambda: self._callback("no_agent"))
        self.wait_end = button("danger", "")
        self.wait_end.setObjectName("video_wait_end")
        self.wait_end.clicked.connect(lambda: self.end_call(EndReason.CITIZEN))
        row.addStretch(1)
        row.addWidget(self.wait_callback)
        row.addWidget(self.wait_end)
        lay.addLayout(row)
        self.add_page(self.wait_page)

        self.call_page, lay = self._page()
        self.call_status = label("title")
        self.call_status.setObjectName("video_call_status")
        lay.addWidget(self.call_status)
        self.banner = label("title")
        self.banner.setObjectName("video_banner")
        self.banner.setStyleSheet("background: #d93025; color: white; padding: 8px;")
        lay.addWidget(self.banner)
        stage = QHBoxLayout()
        self.remote = VideoSurface("video_remote")
        self.remote.setMinimumSize(480, 300)
        stage.addWidget(self.remote, 3)
        side = QVBoxLayout()
        self.self_view = VideoSurface("video_self")
        self.self_view.setFixedSize(224, 168)
        side.addWidget(self.self_view)
        self.doc_view = VideoSurface("video_doc", SHARE_RED)
        self.doc_view.setFixedSize(224, 168)
        side.addWidget(self.doc_view)
        self.doc_label = label("muted")
        side.addWidget(self.doc_label)
        side.addStretch(1)
        stage.addLayout(side, 1)
        lay.addLayout(stage, 1)
        self.prompt = QWidget()
        pl = QHBoxLayout(self.prompt)
        pl.setContentsMargins(0, 0, 0, 0)
        self.prompt_text = label("body")
        self.prompt_text.setObjectName("video_prompt_text")
        self.prompt_yes = button("primary", "")
        self.prompt_yes.setObjectName("video_prompt_yes")
        self.prompt_no = button("", "")
        self.prompt_no.setObjectName("video_prompt_no")
        self.prompt_mode = ""
        self.prompt_yes.clicked.connect(self._prompt_yes)
        self.prompt_no.clicked.connect(self._prompt_no)
        pl.addWidget(self.prompt_text, 1)
        pl.addWidget(self.prompt_no)
        pl.addWidget(self.prompt_yes)
        lay.addWidget(self.prompt)
        row = QHBoxLayout()
        self.mute_btn = button("toggle", "")
        self.mute_btn.setObjectName("video_mute")
        self.mute_btn.setCheckable(True)
        self.mute_btn.clicked.connect(self._mute)
        self.share_stop = button("", "")
        self.share_stop.setObjectName("video_share_stop")
        self.share_stop.clicked.connect(self._stop_sharing)
        self.end_btn = button("danger", "")
        self.end_btn.setObjectName("video_end")
        self.end_btn.clicked.connect(lambda: self.end_call(EndReason.CITIZEN))
        row.addWidget(self.mute_btn)
        row.addWidget(self.share_stop)
        row.addStretch(1)
        row.addWidget(self.end_btn)
        lay.addLayout(row)
        # shown only while they apply (sharing, a question from the agent): hidden from the
        # start, they do not claim room a 1280×800 screen has not got
        for part in (self.banner, self.doc_view, self.doc_label, self.share_stop, self.prompt):
            part.hide()
        self.add_page(self.call_page)

        self.end_page, lay = self._page()
        lay.addStretch(1)
        self.end_head = label("heading")
        self.end_head.setObjectName("video_end_head")
        self.end_text = label("title")
        self.end_text.setObjectName("video_end_text")
        self.end_head.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.end_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.end_head)
        lay.addWidget(self.end_text)
        lay.addStretch(1)
        row = QHBoxLayout()
        self.end_callback = button("", "")
        self.end_callback.setObjectName("video_end_callback")
        self.end_callback.clicked.connect(lambda: self._callback(self._why_callback()))
        self.end_rate = button("primary", "")
        self.end_rate.setObjectName("video_rate")
        self.end_rate.clicked.connect(self.rate)
        self.end_home = button("", "")
        self.end_home.setObjectName("video_end_home")
        self.end_home.clicked.connect(self.go_home)
        row.addStretch(1)
        for b in (self.end_callback, self.end_home, self.end_rate):
            row.addWidget(b)
        lay.addLayout(row)
        self.add_page(self.end_page)

        self.callback_page, lay = self._page()
        self.cb_head = label("title")
        self.cb_head.setObjectName("video_callback_head")
        lay.addWidget(self.cb_head)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.cb_phone = QLineEdit()
        self.cb_phone.setObjectName("video_callback_phone")
        self.cb_phone.setMaxLength(16)
        self.cb_phone.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        left.addWidget(self.cb_phone)
        self.cb_error = label("error")
        self.cb_error.setObjectName("video_callback_error")
        left.addWidget(self.cb_error)
        self.cb_privacy = label("muted")
        left.addWidget(self.cb_privacy)
        left.addStretch(1)
        body.addLayout(left, 1)
        self.keypad = NumericKeypad()
        self.keypad.attach(self.cb_phone)
        body.addWidget(self.keypad, 1)
        lay.addLayout(body, 1)
        row = QHBoxLayout()
        self.cb_back = button("", "")
        self.cb_back.clicked.connect(self.go_home)
        self.cb_send = button("primary", "")
        self.cb_send.setObjectName("video_callback_send")
        self.cb_send.clicked.connect(self.send_callback)
        row.addStretch(1)
        row.addWidget(self.cb_back)
        row.addWidget(self.cb_send)
        lay.addLayout(row)
        self.add_page(self.callback_page)

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.retranslate_frame()
        self.title.setText(self.tr("Video help"))
        self.consent_head.setText(self.tr("Talk face to face with an agent at the county centre"))
        self.consent_seen.setText(
            self.tr(
                "When you start the call, this terminal's camera and microphone switch on. The "
                "agent sees and hears you, and sees the document camera only if you agree when "
                "asked; you will see when it is being shared."
            )
        )
        recording = self.cfg.recording
        self.consent_record.setText(
            self.tr(
                "This call is recorded by the county centre, on the agent's side. Nothing is "
                "recorded or kept on this terminal."
            )
            if recording
            else self.tr("This call is not recorded. Nothing is kept on this terminal.")
        )
        self.consent_stop.setText(
            self.tr(
                "Press \u201cEnd call\u201d or walk away at any time: the camera and microphone "
                "switch off and everything stops."
            )
        )
        self.consent_back.setText(self.tr("Back"))
        self.start_btn.setText(self.tr("Start the call"))
        self.wait_callback.setText(self.tr("Call me back instead"))
        self.wait_end.setText(self.tr("Cancel"))
        self.mute_btn.setText(self.tr("Mute"))
        self.share_stop.setText(self.tr("Stop sharing"))
        self.end_btn.setText(self.tr("End call"))
        self.prompt_no.setText(self.tr("Not now"))
        self.end_callback.setText(self.tr("Call me back"))
        self.end_rate.setText(self.tr("Rate this call"))
        self.end_home.setText(self.tr("Home"))
        self.cb_head.setText(self.tr("Your mobile number: an agent will call you back"))
        self.cb_privacy.setText(
            self.tr("The number is sent to the county centre only for this call-back.")
        )
        self.cb_back.setText(self.tr("Back"))
        self.cb_send.setText(self.tr("Send"))
        self.refresh()

    def spoken_title(self) -> str:
        return self.title.text()

    # -- the call -----------------------------------------------------------------------------
    def start_call(self) -> None:
        """Consent given: make the engine and the socket, and place the call."""
        if self.flow is not None:
            return
        sync = self.ctx.config.sync
        self.host = EngineHost(
            fake_media=self.cfg.fake_media, camera_label=self.cfg.camera_label, parent=self
        )
        self.link = VideoLink(sync, self.events.message.emit, self.events.link.emit)
        self.flow = VideoCallFlow(
            self.link,
            self.host,
            ports.outbox(self.win),
            recording=self.cfg.recording,
            changed=self.refresh,
        )
        self.events.message.connect(self.flow.on_message)
        self.events.link.connect(self._link)
        self.host.engine_event.connect(self._engine_event)
        self.host.frame.connect(self._engine_frame)
        self.host.exited.connect(self._engine_exited)
        self.call_started_at = time.monotonic()
        ctx = self.call_context.model_copy(
            update={"language": i18n.current_language(), "elder": bool(self.win.elder_mode)}
        )
        self.flow.accept(ctx)

    def end_call(self, reason: EndReason) -> None:
        if self.flow is not None:
            self.flow.end(reason)
        elif self.host is not None:
            self.host.stop()
        self._share_frames(False)

    @Slot(dict)
    def _engine_event(self, ev: dict[str, Any]) -> None:
        flow = self.flow
        if flow is None:
            return
        kind = ev.get("ev")
        if kind == "media":
            flow.on_media_ready(bool(ev.get("camera")), bool(ev.get("microphone")))
        elif kind == "signal" and isinstance(ev.get("data"), dict):
            flow.on_local_signal(ev["data"])
        elif kind == "state":
            flow.on_media_connected(ev.get("state") == "connected")
        elif kind == "stats":
            flow.on_stats(
                Stats(
                    at=time.monotonic(),
                    frames_decoded=int(ev.get("frames_decoded") or 0),
                    fps=float(ev.get("fps") or 0),
                    packets_lost=int(ev.get("packets_lost") or 0),
                    packets_received=int(ev.get("packets_received") or 0),
                    rtt_s=ev.get("rtt_s"),
                    outgoing_kbps=ev.get("outgoing_kbps"),
                )
            )
        elif kind == "failed":
            flow.on_media_failed(str(ev.get("why", "")))

    @Slot(int, QImage)
    def _engine_frame(self, stream: int, image: QImage) -> None:
        if stream == wire.REMOTE:
            if self.first_frame_s is None:
                self.first_frame_s = time.monotonic() - self.call_started_at
            self.remote.show_frame(image)
        elif stream == wire.SELF:
            self.self_view.show_frame(image)
            self.wait_self.show_frame(image)

    def _engine_exited(self, code: int) -> None:
        flow = self.flow
        if flow is not None and flow.state in (
            CallState.CONNECTING,
            CallState.WAITING,
            CallState.CALL,
        ):
            log.warning("video engine exited mid-call", extra={"code": code})
            flow.on_media_failed(f"engine exited ({code})")

    def _mute(self, on: bool) -> None:
        if self.flow is not None:
            self.flow.set_muted(bool(on))

    def _stop_sharing(self) -> None:
        if self.flow is not None:
            self.flow.share_document(False)

    def _link(self, up: bool, lost: bool) -> None:
        if self.flow is not None:
            self.flow.on_link(up, lost)

    def _still_talking(self) -> None:
        flow = self.flow
        if flow is not None and flow.state is CallState.CALL and not flow.peer_away:
            self.win.idle.activity()

    # -- the document camera ------------------------------------------------------------------
    def _share_frames(self, on: bool) -> None:
        bridge = self.win.bridges.get("doc_camera")
        if bridge is None or on == self._doc_conn:
            return
        if on:
            bridge.data.connect(self._doc_frame)
        else:
            bridge.data.disconnect(self._doc_frame)
            self.doc_view.clear()
        self._doc_conn = on

    @Slot(object)
    def _doc_frame(self, payload: object) -> None:
        # imported here: the imaging package loads only when a document camera is shared (what
        # a call leaves in the kiosk, benchmarks/video_call.py)
        from devices.imaging.adapter import PreviewFrame

        if not isinstance(payload, PreviewFrame) or self.host is None:
            return
        self.host.send_document_frame(payload.image)
        from kiosk_app.ui.desk.capture_panel import to_pixmap

        self.doc_view.show_frame(to_pixmap(payload.image).toImage())

    def has_document_camera(self) -> bool:
        return "doc_camera" in self.win.bridges

    # -- call-back and rating ------------------------------------------------------------------
    def _why_callback(self) -> CallbackReason:
        flow = self.flow
        if flow is None:
            return "other"
        if flow.state is CallState.UNAVAILABLE:
            if flow.unavailable == "closed" or flow.unavailable == "no_agent":
                return flow.unavailable
            return "other"
        if flow.end_reason is EndReason.LINK_LOST:
            return "dropped"
        return "other"

    def _callback(self, reason: CallbackReason) -> None:
        if self.flow is None:
            return
        self.flow.offer_callback(reason)

    def send_callback(self) -> None:
        if self.flow is not None and self.flow.request_callback(self.cb_phone.text()) is None:
            ports.wake(self.win)

    def rate(self) -> None:
        from kiosk_app.ui.flows.rating import open_rating

        flow = self.flow
        service = self.tr("Video help")
        open_rating(
            self.win, RatingContext(case_id=flow.call_id if flow else None, service=service)
        )

    # -- showing the state ----------------------------------------------------------------------
    def refresh(self) -> None:
        flow = self.flow
        if flow is None:
            return
        st = flow.state
        if st is CallState.CALL and not self._keepalive.isActive():
            self._keepalive.start()
        elif st is not CallState.CALL:
            self._keepalive.stop()
        if st is CallState.CONNECTING:
            self.show_busy(self.tr("Switching on the camera and calling the centre…"))
        elif st is CallState.WAITING:
            self._show_waiting(flow)
        elif st is CallState.CALL:
            self._show_call(flow)
        elif st in (CallState.ENDED, CallState.UNAVAILABLE):
            self._show_end(flow)
        elif st is CallState.CALLBACK:
            self.cb_error.setText(problem_text(flow.problem))
            self._release_pictures()
            self.show_page(self.callback_page)
        elif st is CallState.CALLBACK_SENT:
            self.end_head.setText(self.tr("Thank you"))
            self.end_text.setText(self.tr("An agent will call you back as soon as possible."))
            self.end_callback.hide()
            self.end_rate.setVisible(flow.answered)
            self.cb_phone.clear()
            self.show_page(self.end_page)

    def _show_waiting(self, flow: VideoCallFlow) -> None:
        self.wait_head.setText(self.tr("Waiting for an agent"))
        if flow.position <= 1:
            place = self.tr("You are next.")
        else:
            place = self.tr("%1 people are waiting before you.").replace(
                "%1", str(flow.position - 1)
            )
        self.wait_place.setText(place)
        if flow.estimated_wait_s <= 30:
            est = self.tr("An agent will answer shortly.")
        else:
            est = self.tr("Estimated wait: about %1 minutes.").replace(
                "%1", str(_minutes(flow.estimated_wait_s))
            )
        self.wait_estimate.setText(est)
        notes = [self.tr("This is what the agent will see.")]
        if not flow.camera:
            notes = [self.no_camera_text()]
        if flow.link_down:
            notes.append(self.tr("The connection is unsteady; your place is kept."))
        self.wait_note.setText(sentences(*notes))
        self.show_page(self.wait_page)

    def no_camera_text(self) -> str:
        return self.tr(
            "The camera is not working: this call is audio only. The agent will hear you but "
            "not see you."
        )

    def _show_call(self, flow: VideoCallFlow) -> None:
        if flow.peer_away or flow.link_down:
            status = self.tr("The connection is unsteady. Please wait…")
        elif not flow.first_frame:
            status = self.tr("Connecting to %1…").replace("%1", flow.agent_name)
        else:
            status = self.tr("You are talking with %1").replace("%1", flow.agent_name)
        if not flow.camera:
            status = sentences(status, self.no_camera_text())
        self.call_status.setText(status)
        if flow.recording:
            self.call_status.setText(sentences(status, self.tr("This call is recorded.")))
        self.banner.setVisible(flow.doc_sharing)
        self.banner.setText(self.tr("Your document camera is being shown to the agent"))
        self.doc_view.setVisible(flow.doc_sharing)
        self.doc_label.setText(self.tr("Shown to the agent") if flow.doc_sharing else "")
        self.share_stop.setVisible(flow.doc_sharing)
        self._share_frames(flow.doc_sharing)
        if not flow.first_frame:
            self.remote.placeholder = self.tr("The agent's picture will appear here")
        if not flow.camera:
            self.self_view.clear(self.tr("Camera off"))
        self.mute_btn.setChecked(flow.muted)
        self.mute_btn.setText(self.tr("Unmute") if flow.muted else self.tr("Mute"))
        self._show_prompt(flow)
        self.show_page(self.call_page)

    def _show_prompt(self, flow: VideoCallFlow) -> None:
        self.prompt_yes.show()
        if flow.show_slow:
            self.prompt_mode = "slow"
            self.prompt_text.setText(
                self.tr(
                    "The network is too slow for video right now. An agent can call you back "
                    "on your mobile instead."
                )
            )
            self.prompt_yes.setText(self.tr("Call me back"))
            self.prompt_no.setText(self.tr("Keep trying"))
        elif flow.doc_asked:
            self.prompt_mode = "doc"
            if self.has_document_camera():
                self.prompt_text.setText(
                    self.tr("The agent asks to see your document on the document camera.")
                )
                self.prompt_yes.setText(self.tr("Show it"))
            else:
                self.prompt_text.setText(
                    self.tr("This terminal has no document camera. Hold the page up to the camera.")
                )
                self.prompt_yes.hide()
            self.prompt_no.setText(self.tr("Not now"))
        else:
            self.prompt_mode = ""
        self.prompt.setVisible(bool(self.prompt_mode))

    def _prompt_yes(self) -> None:
        if self.flow is None:
            return
        if self.prompt_mode == "slow":
            self._callback("slow_network")
        elif self.prompt_mode == "doc":
            self.flow.share_document(True)

    def _prompt_no(self) -> None:
        if self.flow is None:
            return
        if self.prompt_mode == "slow":
            self.flow.keep_trying(time.monotonic())
        elif self.prompt_mode == "doc":
            self.flow.decline_document()

    def _show_end(self, flow: VideoCallFlow) -> None:
        self._share_frames(False)
        self._release_pictures()
        offer_callback = False
        if flow.state is CallState.UNAVAILABLE:
            self.end_head.setText(self.tr("No agent can answer right now"))
            if flow.unavailable == "closed":
                text = self.tr("Video help is open %1.").replace("%1", flow.hours)
            elif flow.unavailable == "busy":
                text = self.tr("All agents are busy and the queue is full.")
            elif flow.unavailable == "disabled":
                text = self.tr("Video help is not offered at the moment.")
            else:
                text = self.tr("No agent is on duty at the moment.")
            self.end_text.setText(sentences(text, self.tr("An agent can call you back.")))
            offer_callback = flow.unavailable != "disabled"
        else:
            reason = flow.end_reason
            self.end_head.setText(self.tr("The call has ended"))
            texts = {
                EndReason.AGENT: self.tr("The agent ended the call."),
                EndReason.LINK_LOST: self.tr("The connection to the centre was lost."),
                EndReason.MEDIA_FAILED: self.tr(
                    "The terminal's microphone or camera did not work, so the call could not go on."
                ),
                EndReason.SERVICE: self.tr("The centre ended the call."),
            }
            text = texts.get(reason, "") if reason else ""
            if flow.problem is not None and reason is not EndReason.MEDIA_FAILED:
                text = sentences(text, problem_text(flow.problem))
            self.end_text.setText(sentences(text, self.tr("The camera and microphone are off.")))
            offer_callback = reason in (EndReason.LINK_LOST, EndReason.MEDIA_FAILED)
        self.end_callback.setVisible(offer_callback)
        self.end_rate.setVisible(flow.answered)
        self.show_page(self.end_page)

    def _release_pictures(self) -> None:
        for surface in (self.remote, self.self_view, self.wait_self, self.doc_view):
            surface.clear()

    # -- leaving ------------------------------------------------------------------------------
    def on_leave(self) -> None:
        """Leaving the screen ends the call (the home button, a tile, the idle reset)."""
        flow = self.flow
        if flow is not None and flow.state in (
            CallState.CONNECTING,
            CallState.WAITING,
            CallState.CALL,
        ):
            self.end_call(EndReason.CITIZEN)


def open_video(win: Shell, flow: str, step: str = "") -> VideoScreen | None:
    """The help button of a flow screen: a call that tells the agent where the citizen was (the
    flow and step names). Opened as any flow is (``open_flow``): the flow left behind ends."""
    context = CallContext(flow=flow, screen=step)
    screen = win.open_flow("video", lambda w: VideoScreen(w, context))
    return screen if isinstance(screen, VideoScreen) else None
