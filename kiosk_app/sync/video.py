"""The terminal's end of a video call's signalling: one WebSocket to the central service.

``VideoLink`` connects with the terminal's bearer token, says hello (``TerminalHello``), and
hands every message it receives — parsed into the contract's models — to ``deliver``, from its
own thread (the UI moves them to the GUI thread). A dropped socket is not the end of a call: the
media go peer to peer, and the service keeps the call (or the place in the queue) for a grace
period. The link reconnects with full-jitter backoff and takes the call back with the ``resume``
secret the service gave; ``link(up, lost)`` tells the flow the socket is down, back, or gone for
good (the grace period is over, or the token was refused).

``video_status`` asks whether video help is open now (hours, agents, estimate).
"""

from __future__ import annotations

import json
import logging
import queue
import random
import ssl
import threading
import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

from contract.wire import (
    VIDEO_GRACE_S,
    VIDEO_MESSAGE_MAX_BYTES,
    Answered,
    CallEnded,
    DocRequest,
    PeerBack,
    PeerLeft,
    Queued,
    TerminalHello,
    Unavailable,
    VideoSignal,
)
from kiosk_app.core.config import SyncConfig
from kiosk_app.sync.transport import API_PREFIX, check_base_url

log = logging.getLogger(__name__)

MESSAGES: dict[str, type[BaseModel]] = {
    "queued": Queued,
    "unavailable": Unavailable,
    "answered": Answered,
    "signal": VideoSignal,
    "doc_request": DocRequest,
    "peer_left": PeerLeft,
    "peer_back": PeerBack,
    "ended": CallEnded,
}
FINAL = (CallEnded, Unavailable)
_STOP = object()


def socket_url(central_url: str) -> str:
    base = check_base_url(central_url)
    scheme, rest = base.split("://", 1)
    return ("wss://" if scheme == "https" else "ws://") + rest + API_PREFIX + "/video/terminal"


def parse(text: str) -> BaseModel | None:
    """A message of the protocol, or None (logged) for anything else."""
    try:
        doc = json.loads(text)
        model = MESSAGES[doc["type"]]
        return model.model_validate(doc)
    except (ValueError, KeyError, TypeError, ValidationError):
        log.warning("video link: unreadable message from the service")
        return None


class VideoLink:
    def __init__(
        self,
        cfg: SyncConfig,
        deliver: Callable[[BaseModel], None],
        link: Callable[[bool, bool], None],
        *,
        grace_s: float = VIDEO_GRACE_S,
        backoff_base_s: float = 0.3,
        backoff_cap_s: float = 3.0,
    ) -> None:
        self.url = socket_url(cfg.central_url)
        self._headers = {"Authorization": f"Bearer {cfg.token}"}
        self._ssl: ssl.SSLContext | None = None
        if self.url.startswith("wss://"):
            self._ssl = ssl.create_default_context(cafile=cfg.ca_bundle or None)
        self._timeout = cfg.interactive_timeout_s
        self._deliver = deliver
        self._link = link
        self.grace_s = grace_s
        self._base, self._cap = backoff_base_s, backoff_cap_s
        self._outgoing: queue.Queue[Any] = queue.Queue()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._ws: ClientConnection | None = None
        self._thread: threading.Thread | None = None
        self._hello: TerminalHello | None = None
        self._resume: str | None = None
        self.connects = 0

    # -- the flow's side ----------------------------------------------------------------------
    def open(self, hello: TerminalHello) -> None:
        if self._thread is not None:
            return
        self._hello = hello
        self._thread = threading.Thread(target=self._run, name="video-link", daemon=True)
        self._thread.start()

    def send(self, message: BaseModel) -> None:
        """Queued while the socket is down; sent in order once it is back."""
        self._outgoing.put(message.model_dump_json())
        self._flush()

    def close(self) -> None:
        """Send what is queued (the "end"), close, and join the thread."""
        self._flush()
        self._stop.set()
        with self._lock:
            ws = self._ws
        if ws is not None:
            ws.close()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def drop(self) -> None:
        """Cut the socket as a network fault would (tests, the benchmark)."""
        with self._lock:
            ws = self._ws
        if ws is not None:
            ws.socket.close()

    # -- the thread ---------------------------------------------------------------------------
    def _flush(self) -> None:
        with self._lock:
            ws = self._ws
            if ws is None:
                return
            while True:
                try:
                    text = self._outgoing.get_nowait()
                except queue.Empty:
                    return
                try:
                    ws.send(text)
                except ConnectionClosed:
                    self._outgoing.queue.appendleft(text)  # resent once the link is back
                    return

    def _connect(self) -> ClientConnection:
        return connect(
            self.url,
            additional_headers=self._headers,
            open_timeout=self._timeout,
            ssl=self._ssl,
            max_size=VIDEO_MESSAGE_MAX_BYTES,
            ping_interval=5,
            ping_timeout=5,
            close_timeout=2,
            proxy=None,
        )

    def _run(self) -> None:
        down_since: float | None = None
        attempt = 0
        while not self._stop.is_set():
            try:
                ws = self._connect()
            except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
                log.info("video link: cannot connect (%s)", type(exc).__name__)
                if isinstance(exc, InvalidHandshake) and "401" in str(exc):
                    self._link(False, True)
                    return
                now = time.monotonic()
                down_since = down_since or now
                if self.connects == 0 or now - down_since > self.grace_s:
                    self._link(False, True)
                    return
                attempt += 1
                self._stop.wait(random.uniform(0, min(self._cap, self._base * 2**attempt)))
                continue
            with ws:
                outcome = self._session(ws, down_since is not None)
            if outcome == "final" or self._stop.is_set():
                return
            if outcome == "refused":
                self._link(False, True)
                return
            log.info("video link dropped; reconnecting")
            down_since, attempt = time.monotonic(), 0
            self._link(False, False)

    def _session(self, ws: ClientConnection, back: bool) -> str:
        """One connection's life: hello, then messages until it closes."""
        hello = self._hello
        assert hello is not None
        if self._resume:
            hello = hello.model_copy(update={"resume": self._resume})
        try:
            ws.send(hello.model_dump_json())
        except ConnectionClosed:
            return "dropped"
        with self._lock:
            self._ws = ws
        self.connects += 1
        if back:
            self._link(True, False)
        self._flush()
        final = self._read(ws)
        with self._lock:
            self._ws = None
        if final:
            return "final"
        if ws.close_code in (4401, 4400):
            log.warning("video link refused by the service (%s)", ws.close_code)
            return "refused"
        return "dropped"

    def _read(self, ws: ClientConnection) -> bool:
        """Deliver messages until the socket closes; True after the call's last message."""
        try:
            for text in ws:
                if not isinstance(text, str):
                    continue
                msg = parse(text)
                if msg is None:
                    continue
                if isinstance(msg, Queued):
                    self._resume = msg.resume
                self._deliver(msg)
                if isinstance(msg, FINAL):
                    return True
        except ConnectionClosed:
            pass
        return False
