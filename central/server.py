"""Run the reference service: embedded in a thread for the demo and tests, or in the foreground.

EmbeddedCentral binds its socket before the server thread starts, so ``.url`` is known at once
(port 0 picks a free port) and ``start()`` returns only when the server accepts connections.
``stop()`` joins the thread: the test suite fails any test that leaves one running.
"""

from __future__ import annotations

import logging
import socket
import threading
from pathlib import Path
from types import TracebackType

import uvicorn
from fastapi import FastAPI

from central.app import build_app
from central.settings import CentralSettings
from central.stored import CentralReader

log = logging.getLogger("central")


class CentralStartError(RuntimeError):
    """The embedded service did not come up; carries the reason."""


def _server(app: FastAPI, *, access_log: bool) -> uvicorn.Server:
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=access_log,
        lifespan="off",
        timeout_graceful_shutdown=2,
    )
    return uvicorn.Server(config)


class EmbeddedCentral:
    def __init__(
        self,
        db_path: Path | str,
        host: str = "127.0.0.1",
        port: int = 0,
        guides_dir: Path | str | None = None,
        *,
        settings: CentralSettings | None = None,
        demo: bool = False,
    ) -> None:
        """``demo``: seed the published demo tokens and codes (only without ``settings``,
        which say it themselves)."""
        self.settings = settings or CentralSettings(
            db_path=Path(db_path), guides_dir=Path(guides_dir) if guides_dir else None, demo=demo
        )
        self.host = host
        self.port = port
        self._sock: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._app: FastAPI | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        # What the service stored: events(), payloads(), blobs(), heartbeats(), ratings().
        self.stored = CentralReader(
            self.settings.db_path,
            self.settings.resolved_blobs_dir,
            self.settings.resolved_key_file,
            self.settings.database_url,
        )

    @property
    def url(self) -> str:
        if self._sock is None:
            raise RuntimeError("EmbeddedCentral is not started")
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> EmbeddedCentral:
        if self._thread is not None:
            return self
        sock = listen(self.host, self.port)
        try:
            self._app = build_app(self.settings)
        except BaseException:
            sock.close()
            raise
        self._server = _server(self._app, access_log=False)
        self._sock = sock
        self.port = sock.getsockname()[1]
        server = self._server

        def run() -> None:
            try:
                server.run(sockets=[sock])
            except BaseException as exc:  # reported by start() or stop()
                self._error = exc

        self._thread = threading.Thread(target=run, name=f"central-{self.port}", daemon=True)
        self._thread.start()
        started = threading.Event()
        deadline = timeout
        step = 0.01
        while not server.started and self._thread.is_alive() and deadline > 0:
            started.wait(step)
            deadline -= step
        if not server.started:
            self.stop()
            raise CentralStartError(f"central did not start: {self._error or 'timeout'}")
        return self

    def stop(self) -> None:
        server = self._server
        if server is not None:
            server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self._app is not None:
            self._app.state.central.db.close()
            self._app = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._server = None

    def __enter__(self) -> EmbeddedCentral:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def listen(host: str, port: int) -> socket.socket:
    """Bind before serving, so a taken port is a clear error rather than a log line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets that say they are TCP,
    # and accepted sockets inherit it. Without it every keep-alive answer waits out the
    # client's 40 ms delayed ACK (headers and body are two writes).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise CentralStartError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    sock.listen(128)
    return sock


def serve_forever(settings: CentralSettings, host: str, port: int) -> None:
    """`kiosk central`: the service in the foreground until Ctrl-C or SIGTERM."""
    sock = listen(host, port)
    try:
        app = build_app(settings)
        _server(app, access_log=True).run(sockets=[sock])
        app.state.central.db.close()
    finally:
        sock.close()
