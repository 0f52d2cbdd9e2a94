"""A fault-injecting TCP proxy for testing the sync client against a real server.

It sits between the terminal and the central service on loopback and, for each HTTP exchange,
rolls a die: pass the bytes through, or drop the request before the server sees it, reset the
connection after the server did the work (the answer is lost — the case idempotency keys exist
for), answer 500, 503 or 409 (+ ``Retry-After``) in the server's place after it did the work,
hold the answer back, or trickle it out in small pieces. The proxy does not parse HTTP: a new
request is client bytes arriving after server bytes, which is how HTTP/1.1 without pipelining
behaves.

It runs an asyncio loop in one thread; ``stop()`` closes every connection and joins it.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
import threading
from collections import Counter
from dataclasses import dataclass

_BODY_500 = b'{"detail":"injected fault"}'
_RESP_500 = (
    b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
    b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(_BODY_500) + _BODY_500
)


def _resp_retry(status: bytes, retry_after_s: int) -> bytes:
    body = b'{"detail":"injected: try again later"}'
    return (
        b"HTTP/1.1 %s\r\nContent-Type: application/json\r\n"
        b"Retry-After: %d\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
        % (status, retry_after_s, len(body))
        + body
    )


@dataclass(frozen=True)
class Faults:
    """Probability of each fault per exchange (their sum must stay <= 1)."""

    drop: float = 0.0  # close before forwarding the request: the server never sees it
    reset: float = 0.0  # RST the client after the server answered: the answer is lost
    error500: float = 0.0  # server did the work; the client gets a 500 instead
    unavailable: float = 0.0  # server did the work; the client gets 503 + Retry-After
    conflict: float = 0.0  # server did the work; the client gets 409 ("still in flight")
    delay: float = 0.0  # hold the answer for delay_s
    slow: float = 0.0  # trickle the answer slow_chunk bytes at a time
    delay_s: float = 0.2
    slow_chunk: int = 256
    slow_pause_s: float = 0.002
    retry_after_s: int = 1

    def total(self) -> float:
        kinds = (self.drop, self.reset, self.error500, self.unavailable, self.conflict)
        return sum(kinds) + self.delay + self.slow


NONE = Faults()


class FaultProxy:
    def __init__(
        self,
        target_host: str,
        target_port: int,
        faults: Faults = NONE,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        seed: int | None = None,
    ) -> None:
        if faults.total() > 1.0:
            raise ValueError("fault probabilities add up to more than 1")
        self.target = (target_host, target_port)
        self.host = host
        self.port = port
        self.faults = faults
        self.counts: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_ev: asyncio.Event | None = None
        self._ready = threading.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def set_faults(self, faults: Faults) -> None:
        """Change the odds while running (e.g. to NONE, to let a backlog drain)."""
        if faults.total() > 1.0:
            raise ValueError("fault probabilities add up to more than 1")
        with self._lock:
            self.faults = faults

    def _roll(self, kinds: tuple[str, ...]) -> str:
        with self._lock:
            f = self.faults
            r = self._rng.random()
        acc = 0.0
        for kind in kinds:
            acc += float(getattr(f, kind))
            if r < acc:
                with self._lock:
                    self.counts[kind] += 1
                return kind
        return "pass"

    # lifecycle ----------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        self._thread = threading.Thread(target=self._run, name="faultproxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        if self._error is not None:
            raise RuntimeError(f"fault proxy failed: {self._error}")
        return self

    def stop(self) -> None:
        loop, ev = self._loop, self._stop_ev
        if loop is not None and ev is not None and self._thread is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(ev.set)
            self._thread.join(10)
        self._thread = None

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
        except BaseException as exc:  # reported by start()
            self._error = exc
            self._ready.set()
        finally:
            loop.close()

    async def _serve(self) -> None:
        self._stop_ev = asyncio.Event()
        server = await asyncio.start_server(self._handle, self.host, self.port)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        await self._stop_ev.wait()
        server.close()
        for t in list(self._tasks):
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await server.wait_closed()

    # one connection -----------------------------------------------------------------------
    async def _handle(self, cr: asyncio.StreamReader, cw: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        uw: asyncio.StreamWriter | None = None
        try:
            try:
                ur, uw = await asyncio.open_connection(*self.target)
            except OSError:
                cw.transport.abort()
                return
            await self._pump(cr, cw, ur, uw)
        except asyncio.CancelledError:
            pass
        finally:
            cw.transport.abort()
            if uw is not None:
                uw.transport.abort()
            self._tasks.discard(task)

    async def _pump(
        self,
        cr: asyncio.StreamReader,
        cw: asyncio.StreamWriter,
        ur: asyncio.StreamReader,
        uw: asyncio.StreamWriter,
    ) -> None:
        state = {"phase": "response", "mode": "pass"}

        async def client_to_server() -> None:
            while data := await cr.read(65536):
                if state["phase"] == "response":
                    state["phase"] = "request"
                    if self._roll(("drop",)) == "drop":
                        return
                uw.write(data)
                await uw.drain()

        async def server_to_client() -> None:
            while data := await ur.read(65536):
                if state["phase"] == "request":
                    state["phase"] = "response"
                    with self._lock:
                        f = self.faults
                    # "drop" was already rolled on the request; roll the rest with its odds off.
                    mode = self._roll(
                        ("reset", "error500", "unavailable", "conflict", "delay", "slow")
                    )
                    state["mode"] = mode
                    if mode == "reset":
                        _rst(cw)
                        return
                    if mode == "error500":
                        cw.write(_RESP_500)
                        await cw.drain()
                        return
                    if mode in ("unavailable", "conflict"):
                        status = b"409 Conflict" if mode == "conflict" else b"503 Unavailable"
                        cw.write(_resp_retry(status, f.retry_after_s))
                        await cw.drain()
                        return
                    if mode == "delay":
                        await asyncio.sleep(f.delay_s)
                if state["mode"] == "slow":
                    with self._lock:
                        f = self.faults
                    for i in range(0, len(data), f.slow_chunk):
                        cw.write(data[i : i + f.slow_chunk])
                        await cw.drain()
                        await asyncio.sleep(f.slow_pause_s)
                else:
                    cw.write(data)
                    await cw.drain()

        tasks = [
            asyncio.ensure_future(client_to_server()),
            asyncio.ensure_future(server_to_client()),
        ]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


def _rst(w: asyncio.StreamWriter) -> None:
    """Abort with a TCP RST (SO_LINGER 0), as a crashed middlebox or a NAT timeout does."""
    sock = w.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    w.transport.abort()


__all__ = ["NONE", "FaultProxy", "Faults"]
