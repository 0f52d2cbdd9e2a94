"""A reference service with video help open, a signed-in agent speaking the console's protocol
from Python, and a TCP relay that can cut the terminal's socket like a network fault."""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.sync.client import ClientConnection, connect

from central.server import EmbeddedCentral
from central.settings import CentralSettings
from central.video_config import VideoSettings
from kiosk_app.core.config import SyncConfig

AGENT, AGENT_PASSWORD = "agent01", "demo-agent-2468"
NOON = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)  # 12:00 in the hall


def video_central(tmp: Path, **video: Any) -> EmbeddedCentral:
    settings = CentralSettings(
        db_path=tmp / "central.db",
        demo=True,
        clock=lambda: NOON,
        video=VideoSettings(**{"grace_s": 3.0, **video}),
    )
    return EmbeddedCentral(settings.db_path, settings=settings)


@pytest.fixture
def central(tmp_path: Path) -> Iterator[EmbeddedCentral]:
    with video_central(tmp_path) as srv:
        yield srv


def sync_config(url: str, terminal: str = "HALL-001") -> SyncConfig:
    return SyncConfig(central_url=url, token=f"demo-token-{terminal}", interactive_timeout_s=4)


def sign_in(url: str, user: str = AGENT, password: str = AGENT_PASSWORD) -> str:
    r = httpx.post(
        f"{url}/api/v1/video/agent/session", json={"username": user, "password": password}
    )
    r.raise_for_status()
    token: str = r.json()["token"]
    return token


class AgentClient:
    """The console's protocol from Python: messages land in a queue; ``expect`` waits for one."""

    def __init__(self, url: str, token: str) -> None:
        self._stack = contextlib.ExitStack()
        self.ws: ClientConnection = self._stack.enter_context(
            connect(url.replace("http", "ws") + "/api/v1/video/agent")
        )
        self.ws.send(json.dumps({"type": "hello", "token": token}))
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            for text in self.ws:
                self.inbox.put(json.loads(text))
        except Exception:
            pass

    def send(self, **msg: Any) -> None:
        self.ws.send(json.dumps(msg))

    def expect(self, kind: str, timeout: float = 10, **match: Any) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {kind} {match} from the service")
            try:
                msg = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if msg.get("type") == kind and all(msg.get(k) == v for k, v in match.items()):
                return msg

    def close(self) -> None:
        self._stack.close()
        self.thread.join(timeout=5)


class Relay:
    """A TCP relay on loopback whose connections ``cut()`` resets at once."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self.writers: list[asyncio.StreamWriter] = []
        self._started = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Relay:
        self.thread.start()
        self._started.wait(5)
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._started.set()
        self.loop.run_forever()
        server.close()
        for w in self.writers:
            w.transport.abort()
        self.loop.run_until_complete(asyncio.sleep(0))
        self.loop.close()

    async def _handle(self, cr: asyncio.StreamReader, cw: asyncio.StreamWriter) -> None:
        sr, sw = await asyncio.open_connection("127.0.0.1", self.target_port)
        self.writers += [cw, sw]

        async def pump(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            try:
                while data := await r.read(65536):
                    w.write(data)
                    await w.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                w.transport.abort()

        await asyncio.gather(pump(cr, sw), pump(sr, cw))

    def cut(self) -> None:
        def abort() -> None:
            for w in self.writers:
                w.transport.abort()
            self.writers.clear()

        self.loop.call_soon_threadsafe(abort)
