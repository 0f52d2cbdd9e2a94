"""视频帮办: one video call from the terminal to an agent at the county centre, as a state machine.

    consent → connecting → waiting (place in the queue, estimated wait) → call → ended → rating
                               ↘ unavailable (no agent, closed, busy) → call-back offer

Nothing here touches Qt, a socket or a camera: the flow talks to the signalling socket and to
the media engine through the ports it defines (``ports.VideoSignalling``, ``ports.VideoMedia``)
and is told what they see by its ``on_*`` methods, always on one thread (the UI's). It decides;
they do. The camera and microphone switch on only after consent; every way out — the citizen's
"end", the agent's, a lost link, the idle reset — goes through ``end()``, which stops the media
engine (the camera light goes off) and closes the socket.

A network too slow for video is judged from the engine's statistics (``NetworkJudge``): the call
says so and offers a call-back instead of a frozen picture. A call-back request (the citizen's
phone) goes through the outbox as ``video.callback_requested``.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from contract import codes
from contract.events import CallbackReason
from contract.wire import (
    Answered,
    CallContext,
    CallEnded,
    CallEndReason,
    DocRequest,
    DocSharing,
    EndCall,
    PeerBack,
    PeerLeft,
    Queued,
    TerminalHello,
    Unavailable,
    UnavailableReason,
    VideoSignal,
)
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.ports import OutboxPort, Problem, VideoMedia, VideoSignalling

log = logging.getLogger(__name__)
_PHONE = re.compile(codes.PHONE)


class CallState(StrEnum):
    CONSENT = "consent"
    CONNECTING = "connecting"  # the engine starts the camera; the socket connects
    WAITING = "waiting"  # in the queue
    CALL = "call"  # an agent answered
    ENDED = "ended"
    UNAVAILABLE = "unavailable"  # nobody can answer: closed, no agent, the queue is full
    CALLBACK = "callback"  # the citizen types a phone number to be called back
    CALLBACK_SENT = "callback_sent"


# why a call ended: one vocabulary with the service (contract.wire.CallEndReason)
EndReason = CallEndReason


@dataclass(frozen=True)
class Stats:
    """One sample of the engine's ``getStats()`` (the figures the judge needs)."""

    at: float  # monotonic seconds
    frames_decoded: int = 0  # inbound video, cumulative
    fps: float = 0.0  # inbound video frames per second
    packets_lost: int = 0  # inbound, cumulative (audio and video)
    packets_received: int = 0
    rtt_s: float | None = None
    outgoing_kbps: float | None = None  # the sender's available bitrate estimate


@dataclass
class NetworkJudge:
    """Too slow for video: over the last ``window_s`` the agent's picture ran below ``min_fps``
    (or froze), a tenth of the packets were lost, or the round trip took longer than a second.
    Judged only once the picture has been flowing for a while (``settle_s``) and cleared after
    as long a good spell, so one hiccup neither raises nor drops the warning."""

    window_s: float = 6.0
    settle_s: float = 5.0
    min_fps: float = 4.0
    max_loss: float = 0.10
    max_rtt_s: float = 1.0
    min_kbps: float = 80.0
    samples: deque[Stats] = field(default_factory=lambda: deque(maxlen=64))
    first_frame_at: float | None = None
    slow: bool = False

    def add(self, s: Stats) -> bool:
        """Take a sample; True when the verdict changed."""
        if s.frames_decoded > 0 and self.first_frame_at is None:
            self.first_frame_at = s.at
        self.samples.append(s)
        while self.samples and s.at - self.samples[0].at > self.window_s:
            self.samples.popleft()
        verdict = self._judge(s.at)
        if verdict is None or verdict == self.slow:
            return False
        self.slow = verdict
        return True

    def _judge(self, now: float) -> bool | None:
        if self.first_frame_at is None or now - self.first_frame_at < self.settle_s:
            return None
        span = list(self.samples)
        if len(span) < 3 or span[-1].at - span[0].at < self.window_s * 0.8:
            return None
        first, last = span[0], span[-1]
        secs = max(0.001, last.at - first.at)
        fps = (last.frames_decoded - first.frames_decoded) / secs
        got = last.packets_received - first.packets_received
        lost = last.packets_lost - first.packets_lost
        loss = lost / (got + lost) if got + lost > 0 else 0.0
        rtts = [x.rtt_s for x in span if x.rtt_s is not None]
        kbps = [x.outgoing_kbps for x in span if x.outgoing_kbps is not None]
        return (
            fps < self.min_fps
            or loss > self.max_loss
            or (bool(rtts) and statistics.median(rtts) > self.max_rtt_s)
            or (bool(kbps) and statistics.median(kbps) < self.min_kbps)
        )

    def reset(self) -> None:
        self.samples.clear()
        self.first_frame_at = None
        self.slow = False


class VideoCallFlow:
    """One call. ``changed`` is called after every change of what the screens show."""

    def __init__(
        self,
        signalling: VideoSignalling,
        media: VideoMedia,
        outbox: OutboxPort | None,
        *,
        recording: bool = False,
        changed: Callable[[], None] = lambda: None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.signalling = signalling
        self.media = media
        self.outbox = outbox
        self.recording = recording
        self.changed = changed
        self._now = now
        self.state = CallState.CONSENT
        self.context = CallContext()
        self.call_id: str | None = None
        self.position = 0
        self.estimated_wait_s = 0
        self.agent_name = ""
        self.answered = False  # an agent took the call at least once: the citizen rates it
        self.camera = True  # False: audio only (said plainly)
        self.muted = False
        self.doc_asked = False  # the agent asks to see the document camera
        self.doc_sharing = False
        self.peer_away = False  # the agent's (or our) link dropped; media may carry on
        self.link_down = False
        self.connected = False  # media flow between the two
        self.first_frame = False
        self.unavailable: UnavailableReason | None = None
        self.hours = ""
        self.end_reason: EndReason | None = None
        self.problem: Problem | None = None
        self.callback_reason: CallbackReason = "other"
        self.judge = NetworkJudge()
        self.slow_dismissed_until = 0.0

    # -- the citizen ----------------------------------------------------------------------------
    def accept(self, context: CallContext) -> None:
        """Consent given: the camera and microphone switch on and the call is placed."""
        if self.state is not CallState.CONSENT:
            return
        self.context = context
        self.state = CallState.CONNECTING
        self.media.start()
        self.changed()

    def set_muted(self, on: bool) -> None:
        if self.state is CallState.CALL and on != self.muted:
            self.muted = on
            self.media.mute(on)
            self.changed()

    def share_document(self, on: bool) -> None:
        """The citizen agrees to (or stops) showing the document camera."""
        if self.state is not CallState.CALL or on == self.doc_sharing:
            return
        self.doc_sharing = on
        self.doc_asked = False
        self.media.share_document(on)
        self.signalling.send(DocSharing(on=on))
        self.changed()

    def decline_document(self) -> None:
        if self.doc_asked:
            self.doc_asked = False
            self.changed()

    def keep_trying(self, now: float, for_s: float = 30.0) -> None:
        """The citizen chose to stay on a slow call: do not ask again for a while."""
        self.slow_dismissed_until = now + for_s
        self.changed()

    @property
    def show_slow(self) -> bool:
        last = self.judge.samples[-1].at if self.judge.samples else 0.0
        return (
            self.state is CallState.CALL and self.judge.slow and last >= self.slow_dismissed_until
        )

    def offer_callback(self, reason: CallbackReason) -> None:
        """Show the call-back page (from a slow call, or when nobody could answer)."""
        self.callback_reason = reason
        if self.state in (CallState.CALL, CallState.WAITING, CallState.CONNECTING):
            self.end(EndReason.CALLBACK)
        self.state = CallState.CALLBACK
        self.problem = None
        self.changed()

    def request_callback(self, phone: str) -> Problem | None:
        """The phone number goes through the outbox (kept there, encrypted, until sent)."""
        phone = phone.strip()
        if not _PHONE.match(phone):
            self.problem = Problem.BAD_PHONE
            self.changed()
            return self.problem
        payload: dict[str, Any] = {
            "phone": phone,
            "reason": self.callback_reason,
            "flow": self.context.flow,
            "call_id": self.call_id,
            "requested_at": self._now().isoformat(timespec="seconds"),
        }
        if self.outbox is None:
            self.problem = Problem.STORAGE
            self.changed()
            return self.problem
        try:
            self.outbox.enqueue("video.callback_requested", payload)
        except OutboxError:
            self.problem = Problem.STORAGE
            self.changed()
            return self.problem
        self.problem = None
        self.state = CallState.CALLBACK_SENT
        self.changed()
        return None

    def end(self, reason: EndReason = EndReason.CITIZEN) -> None:
        """Every way out: the media engine stops (all devices released), the socket closes."""
        if self.state in (CallState.ENDED, CallState.CALLBACK_SENT) and self.end_reason:
            return
        was = self.state
        self.end_reason = reason
        told = reason in (EndReason.LINK_LOST, EndReason.AGENT, EndReason.SERVICE)
        if was in (CallState.CONNECTING, CallState.WAITING, CallState.CALL) and not told:
            self.signalling.send(EndCall(reason=reason.value))
        self.media.stop()
        self.signalling.close()
        self.doc_sharing = self.doc_asked = False
        self.connected = False
        if was not in (CallState.CALLBACK, CallState.CALLBACK_SENT, CallState.UNAVAILABLE):
            self.state = CallState.ENDED
        log.info("video call ended", extra={"reason": reason.value, "answered": self.answered})
        self.changed()

    # -- the media engine -------------------------------------------------------------------
    def on_media_ready(self, camera: bool, microphone: bool) -> None:
        """The engine has the devices (``camera`` False: audio only); now place the call."""
        if self.state is not CallState.CONNECTING:
            return
        if not microphone:
            self.problem = Problem.REFUSED
            self.end(EndReason.MEDIA_FAILED)
            return
        self.camera = camera
        self.context = self.context.model_copy(update={"camera": camera})
        self.signalling.open(TerminalHello(context=self.context))
        self.changed()

    def on_media_failed(self, why: str) -> None:
        log.warning("video media failed", extra={"why": why})
        if self.state in (CallState.CONNECTING, CallState.WAITING, CallState.CALL):
            self.problem = Problem.REFUSED
            self.end(EndReason.MEDIA_FAILED)

    def on_local_signal(self, data: dict[str, Any]) -> None:
        if self.state is CallState.CALL:
            self.signalling.send(VideoSignal(data=data))

    def on_media_connected(self, connected: bool) -> None:
        if self.state is CallState.CALL and connected != self.connected:
            self.connected = connected
            self.changed()

    def on_stats(self, s: Stats) -> None:
        if self.state is not CallState.CALL:
            return
        if s.frames_decoded > 0 and not self.first_frame:
            self.first_frame = True
            self.changed()
        was_shown = self.show_slow
        self.judge.add(s)
        if self.show_slow != was_shown:
            log.warning("video network", extra={"slow": self.judge.slow})
            self.changed()

    # -- the signalling socket ----------------------------------------------------------------
    def on_message(self, msg: object) -> None:
        if self.state in (CallState.ENDED, CallState.CALLBACK, CallState.CALLBACK_SENT):
            return
        match msg:
            case Queued():
                if self.state is CallState.CALL:  # the agent's page closed: back in the queue
                    self.media.hang_up()
                    self._leave_call()
                self.state = CallState.WAITING
                self.call_id = msg.call_id
                self.position, self.estimated_wait_s = msg.position, msg.estimated_wait_s
                self.changed()
            case Unavailable():
                self.unavailable, self.hours = msg.reason, msg.hours
                self.media.stop()
                self.signalling.close()
                self.state = CallState.UNAVAILABLE
                self.changed()
            case Answered():
                self.state = CallState.CALL
                self.answered = True
                self.agent_name = msg.agent_name
                self.recording = self.recording or msg.recording
                self.judge.reset()
                self.media.offer([s.model_dump(exclude_none=True) for s in msg.ice_servers])
                self.changed()
            case VideoSignal():
                if self.state is CallState.CALL:
                    self.media.signal(msg.data)
            case DocRequest():
                if self.state is CallState.CALL:
                    if msg.on:
                        self.doc_asked = not self.doc_sharing
                    else:
                        self.doc_asked = False
                        if self.doc_sharing:
                            self.share_document(False)
                    self.changed()
            case PeerLeft():
                self.peer_away = True
                self.changed()
            case PeerBack():
                self.peer_away = self.link_down = False
                self.changed()
            case CallEnded():
                by = EndReason.AGENT if msg.by == "agent" else EndReason.SERVICE
                self.end(by)

    def on_link(self, up: bool, lost: bool = False) -> None:
        """The socket dropped (``up`` False) or came back; ``lost``: it will not come back."""
        if lost:
            if self.state in (CallState.CONNECTING, CallState.WAITING, CallState.CALL):
                self.end(EndReason.LINK_LOST)
            return
        if self.link_down != (not up):
            self.link_down = not up
            self.changed()

    def _leave_call(self) -> None:
        self.connected = self.first_frame = False
        self.doc_sharing = self.doc_asked = False
        self.muted = False
        self.judge.reset()
