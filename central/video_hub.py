"""The queue of video calls and the signalling between terminals and agents.

Lives in the service's event loop, in memory (the calls are also written to ``video_calls``):
one service process holds the queue, as it holds every WebSocket. A terminal places a call; it
waits in order behind the others, told its place and an estimate; an agent takes the next one
(or a chosen one) and the two exchange SDP and ICE through here until either ends it.

Sockets drop. A terminal whose socket closes keeps its place (or its running call: the media go
peer to peer and do not need us) for ``grace_s``, and takes it back with the ``resume`` secret
it was given; after that the call ends. An agent whose page closes mid-call hands the citizen
back to the head of the queue, so the next agent answers them first. When the last agent signs
out, the waiting citizens are told there is nobody to answer (and offered a call-back).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from central import video_store
from central.db import Database
from central.terminals import Terminal
from central.video_config import VideoSettings
from contract.wire import (
    VIDEO_SIGNAL_MAX_BYTES,
    AgentCall,
    Answered,
    AnswerNext,
    CallContext,
    CallEnded,
    CallEndReason,
    DocRequest,
    DocSharing,
    EndCall,
    PeerBack,
    PeerLeft,
    Queued,
    QueueView,
    Unavailable,
    UnavailableReason,
    VideoSignal,
    WaitingCall,
)

log = logging.getLogger("central")


class Peer:
    """One socket's sending side: messages go out one at a time; a closed socket is ignored
    (its own receive loop sees the close and cleans up)."""

    def __init__(self, send_text: Callable[[str], Any]) -> None:
        self._send = send_text
        self._lock = asyncio.Lock()
        self.open = True

    async def send(self, msg: BaseModel | dict[str, Any]) -> None:
        if not self.open:
            return
        text = msg.model_dump_json() if isinstance(msg, BaseModel) else json.dumps(msg)
        async with self._lock:
            try:
                await self._send(text)
            except Exception:  # the socket went away under us
                self.open = False


@dataclass
class AgentLink:
    agent: video_store.AgentRow
    peer: Peer
    call: Call | None = None


@dataclass
class Call:
    id: str
    terminal: Terminal
    location: str
    context: CallContext
    recording: bool
    resume: str
    queued_at: float  # monotonic
    peer: Peer | None
    state: str = "waiting"  # waiting | talking | ended
    agent: AgentLink | None = None
    left_at: float | None = None
    doc_sharing: bool = False
    expiry: asyncio.Task[None] | None = field(default=None, repr=False)

    def view(self, now: float) -> WaitingCall:
        c = self.context
        return WaitingCall(
            call_id=self.id,
            terminal_id=self.terminal.id,
            terminal_name=self.terminal.name,
            site=self.terminal.site,
            location=self.location,
            flow=c.flow,
            screen=c.screen,
            language=c.language,
            elder=c.elder,
            camera=c.camera,
            waiting_s=int(now - self.queued_at),
        )


class VideoHub:
    def __init__(
        self,
        db: Database,
        settings: VideoSettings,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.monotonic = monotonic
        self.calls: dict[str, Call] = {}
        self.queue: list[Call] = []
        self.agents: dict[int, AgentLink] = {}  # by id() of the link: one agent, many tabs

    # -- figures ----------------------------------------------------------------------------
    @property
    def agents_online(self) -> int:
        return len({a.agent.id for a in self.agents.values()})

    def estimated_wait_s(self, position: int) -> int:
        """Calls ahead of this one, shared among the agents, each lasting as long as recent
        calls did; whole half-minutes, so it does not flicker."""
        free = sum(1 for a in self.agents.values() if a.call is None)
        if position <= free:
            return 0
        per = video_store.mean_call_s(self.db, self.settings.default_call_s)
        rounds = math.ceil((position - free) / max(1, self.agents_online))
        return int(math.ceil(rounds * per / 30.0) * 30)

    def status(self, terminal_config: dict[str, Any]) -> dict[str, Any]:
        s = self.settings
        return {
            "enabled": s.enabled,
            "open": s.enabled and s.is_open(self.clock()),
            "hours": s.hours,
            "agents_online": self.agents_online,
            "waiting": len(self.queue),
            "estimated_wait_s": self.estimated_wait_s(len(self.queue) + 1),
            "recording": recording_of(terminal_config),
        }

    # -- terminals ------------------------------------------------------------------------------
    async def place(
        self,
        terminal: Terminal,
        location: str,
        config: dict[str, Any],
        context: CallContext,
        peer: Peer,
        resume: str | None,
    ) -> Call | None:
        """A new call (or the one ``resume`` names, taken back); None when refused (told why)."""
        if resume:
            call = next(
                (
                    c
                    for c in self.calls.values()
                    if c.terminal.id == terminal.id and secrets.compare_digest(c.resume, resume)
                ),
                None,
            )
            if call is not None:
                return await self._resume(call, peer)
        s = self.settings
        reason: UnavailableReason | None = None
        if not s.enabled:
            reason = "disabled"
        elif not s.is_open(self.clock()):
            reason = "closed"
        elif not self.agents:
            reason = "no_agent"
        elif len(self.queue) >= s.max_waiting:
            reason = "busy"
        if reason is not None:
            await peer.send(Unavailable(reason=reason, hours=s.hours))
            return None
        for old in [c for c in self.calls.values() if c.terminal.id == terminal.id]:
            await self.end(old, "terminal", CallEndReason.REPLACED)  # one call per terminal
        call = Call(
            id="V" + secrets.token_hex(6),
            terminal=terminal,
            location=location,
            context=context,
            recording=recording_of(config),
            resume=secrets.token_urlsafe(24),
            queued_at=self.monotonic(),
            peer=peer,
        )
        self.calls[call.id] = call
        self.queue.append(call)
        video_store.record_queued(
            self.db, call.id, terminal.id, terminal.site, context.flow, context.screen,
            context.language, self.clock(),
        )  # fmt: skip
        log.info("video call queued", extra={"call": call.id, "terminal": terminal.id})
        await self.broadcast()
        return call

    async def _resume(self, call: Call, peer: Peer) -> Call:
        if call.expiry is not None:
            call.expiry.cancel()
            call.expiry = None
        call.peer, call.left_at = peer, None
        log.info("video call resumed", extra={"call": call.id})
        if call.state == "waiting":
            await self.broadcast()
        else:
            await peer.send(PeerBack())
            if call.agent is not None:
                await call.agent.peer.send(PeerBack())
        return call

    async def terminal_message(self, call: Call, raw: dict[str, Any]) -> None:
        kind = raw.get("type")
        if kind == "signal" and call.state == "talking" and call.agent is not None:
            await call.agent.peer.send(_signal(raw))
        elif kind == "doc_sharing" and call.agent is not None:
            call.doc_sharing = DocSharing.model_validate(raw).on
            await call.agent.peer.send(DocSharing(on=call.doc_sharing))
        elif kind == "end":
            reason = EndCall.model_validate(raw).reason or CallEndReason.CITIZEN
            await self.end(call, "terminal", reason)
        else:
            raise ValueError(f"unexpected message {kind!r} in state {call.state}")

    async def terminal_left(self, call: Call) -> None:
        """The terminal's socket closed: keep the call for ``grace_s``."""
        if call.state == "ended":
            return
        call.peer, call.left_at = None, self.monotonic()
        if call.agent is not None:
            await call.agent.peer.send(PeerLeft(grace_s=int(self.settings.grace_s)))
        call.expiry = asyncio.get_running_loop().create_task(self._expire(call))

    async def _expire(self, call: Call) -> None:
        await asyncio.sleep(self.settings.grace_s)
        call.expiry = None
        if call.peer is None and call.state != "ended":
            await self.end(call, "service", CallEndReason.TERMINAL_LOST)

    # -- agents ---------------------------------------------------------------------------------
    async def agent_joined(self, link: AgentLink) -> None:
        self.agents[id(link)] = link
        await self.broadcast()

    async def agent_left(self, link: AgentLink) -> None:
        self.agents.pop(id(link), None)
        call = link.call
        if call is not None and call.state == "talking":
            # the agent's page closed mid-call: the citizen goes back to the head of the queue
            link.call, call.agent, call.state = None, None, "waiting"
            call.doc_sharing = False
            video_store.record_requeued(self.db, call.id)
            self.queue.insert(0, call)
            log.warning("agent left mid-call; call requeued", extra={"call": call.id})
        if not self.agents:
            for waiting in list(self.queue):
                if waiting.peer is not None:
                    await waiting.peer.send(Unavailable(reason="no_agent", hours=""))
                await self.end(waiting, "service", CallEndReason.NO_AGENT, tell_terminal=False)
        await self.broadcast()

    async def agent_message(self, link: AgentLink, raw: dict[str, Any]) -> None:
        kind = raw.get("type")
        call = link.call
        if kind == "answer":
            await self.answer(link, AnswerNext.model_validate(raw).call_id)
        elif kind == "signal" and call is not None and call.peer is not None:
            await call.peer.send(_signal(raw))
        elif kind == "doc_request" and call is not None and call.peer is not None:
            await call.peer.send(DocRequest(on=DocRequest.model_validate(raw).on))
        elif kind == "end" and call is not None:
            await self.end(call, "agent", EndCall.model_validate(raw).reason or CallEndReason.AGENT)
        elif kind in {"signal", "doc_request", "end"}:
            return  # the call ended meanwhile: nothing to do
        else:
            raise ValueError(f"unexpected message {kind!r}")

    async def answer(self, link: AgentLink, call_id: str | None) -> None:
        if link.call is not None:
            await link.peer.send({"type": "error", "detail": "end the current call first"})
            return
        ready = [c for c in self.queue if c.peer is not None]
        call = next((c for c in ready if c.id == call_id), None) if call_id else None
        if call is None and call_id is None and ready:
            call = ready[0]
        if call is None:
            await link.peer.send({"type": "error", "detail": "no call to answer"})
            return
        assert call.peer is not None
        self.queue.remove(call)
        call.state, call.agent, link.call = "talking", link, call
        video_store.record_answered(self.db, call.id, link.agent.id, self.clock())
        ice = list(self.settings.ice_servers)
        await link.peer.send(
            AgentCall.model_validate(
                {"call": call.view(self.monotonic()), "ice_servers": ice,
                 "recording": call.recording}
            )
        )  # fmt: skip
        await call.peer.send(
            Answered.model_validate(
                {"call_id": call.id, "agent_name": link.agent.display_name,
                 "ice_servers": ice, "recording": call.recording}
            )
        )  # fmt: skip
        log.info("video call answered", extra={"call": call.id, "agent": link.agent.id})
        await self.broadcast()

    # -- both -------------------------------------------------------------------------------
    async def end(self, call: Call, by: str, reason: str, *, tell_terminal: bool = True) -> None:
        reason = str(reason)  # a CallEndReason, or the agent console's own word
        if call.state == "ended":
            return
        was_waiting = call.state == "waiting"
        call.state = "ended"
        if call.expiry is not None:
            call.expiry.cancel()
            call.expiry = None
        if call in self.queue:
            self.queue.remove(call)
        self.calls.pop(call.id, None)
        video_store.record_ended(self.db, call.id, by, reason, self.clock())
        ended = CallEnded(call_id=call.id, by=by, reason=reason)  # type: ignore[arg-type]
        if call.peer is not None and tell_terminal:
            await call.peer.send(ended)
        if call.agent is not None:
            call.agent.call = None
            await call.agent.peer.send(ended)
            call.agent = None
        log.info("video call ended", extra={"call": call.id, "by": by, "reason": reason})
        if was_waiting or by != "service":
            await self.broadcast()

    async def broadcast(self) -> None:
        """Every agent sees the queue; every waiting citizen their place and the estimate."""
        now = self.monotonic()
        view = QueueView(calls=[c.view(now) for c in self.queue], agents_online=self.agents_online)
        for link in list(self.agents.values()):
            await link.peer.send(view)
        for n, call in enumerate(self.queue, 1):
            if call.peer is not None:
                await call.peer.send(
                    Queued(
                        call_id=call.id,
                        position=n,
                        estimated_wait_s=self.estimated_wait_s(n),
                        agents_online=self.agents_online,
                        resume=call.resume,
                    )
                )

    async def close(self) -> None:
        for call in list(self.calls.values()):
            if call.expiry is not None:
                call.expiry.cancel()
        with contextlib.suppress(Exception):
            await asyncio.sleep(0)


def _signal(raw: dict[str, Any]) -> VideoSignal:
    sig = VideoSignal.model_validate(raw)
    if len(json.dumps(sig.data)) > VIDEO_SIGNAL_MAX_BYTES:
        raise ValueError(f"a signal is at most {VIDEO_SIGNAL_MAX_BYTES} bytes")
    return sig


def recording_of(config: dict[str, Any]) -> bool:
    """A site turns recording on in the terminal's site file (``[video] recording = true``);
    the terminal's consent screen reads the same key, so the citizen is told."""
    video = config.get("video")
    return bool(isinstance(video, dict) and video.get("recording", False))
