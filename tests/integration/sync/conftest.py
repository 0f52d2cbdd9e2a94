"""Fixtures for the sync client's integration tests: a central service on loopback, and a
SyncConfig pointing at it with fast backoff."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from kiosk_app.core.config import SyncConfig

TERMINAL = "HALL-24H-01"
TOKEN = f"demo-token-{TERMINAL}"


def sync_config(url: str, **kw: Any) -> SyncConfig:
    base: dict[str, Any] = {
        "central_url": url,
        "token": TOKEN,
        "timeout_s": 2,
        "interactive_timeout_s": 2,
        "backoff_base_s": 0.01,
        "backoff_cap_s": 0.2,
        "batch_size": 50,
        "heartbeat_s": 3600,
        "pull_s": 3600,
    }
    base.update(kw)
    return SyncConfig(**base)


class StandIn:
    def __init__(self) -> None:
        self.events: dict[str, dict[str, Any]] = {}
        self.bodies: dict[str, str] = {}
        self.blobs: dict[str, bytes] = {}
        self.heartbeats: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: Any) -> None:
                pass

            def _send(self, status: int, doc: Any = None, headers: dict[str, str] | None = None):
                body = b"" if doc is None else json.dumps(doc).encode()
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length", 0)))

            def do_POST(self) -> None:
                raw = self._body()
                if self.path == "/api/v1/events:batch":
                    results = []
                    with outer.lock:
                        for ev in json.loads(raw)["events"]:
                            canon = json.dumps(ev, sort_keys=True)
                            k = ev["key"]
                            if k in outer.bodies:
                                st = "duplicate" if outer.bodies[k] == canon else "rejected"
                            elif ev.get("type") == "rating.submitted" and not (
                                1 <= ev["payload"].get("level", 0) <= 5
                            ):
                                st = "rejected"
                            else:
                                outer.bodies[k] = canon
                                outer.events[k] = ev
                                st = "accepted"
                            results.append({"key": k, "status": st, "reason": None})
                    self._send(200, {"results": results})
                elif self.path == "/api/v1/heartbeat":
                    outer.heartbeats.append(json.loads(raw))
                    self._send(204)
                else:
                    self._send(404, {"detail": "not found"})

            def do_PUT(self) -> None:
                raw = self._body()
                sha = self.path.rsplit("/", 1)[1]
                if hashlib.sha256(raw).hexdigest() != sha:
                    self._send(422, {"detail": "hash mismatch"})
                    return
                with outer.lock:
                    new = sha not in outer.blobs
                    outer.blobs[sha] = raw
                self._send(201 if new else 200)

            def do_GET(self) -> None:
                if self.path == "/api/v1/catalog":
                    if self.headers.get("If-None-Match") == '"v1"':
                        self._send(304, None, {"ETag": '"v1"'})
                    else:
                        self._send(200, {"version": "1", "items": []}, {"ETag": '"v1"'})
                else:
                    self._send(404, {"detail": "not found"})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._t = threading.Thread(target=self.httpd.serve_forever, name="standin")

    def start(self) -> StandIn:
        self._t.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._t.join()


class Central:
    """The service under test plus read access to what it stored."""

    def __init__(self, impl: StandIn) -> None:
        self.impl = impl
        self.url = impl.url

    def payloads(self) -> list[dict[str, Any]]:
        with self.impl.lock:
            return [e["payload"] for e in self.impl.events.values()]

    def keys(self) -> list[str]:
        with self.impl.lock:
            return list(self.impl.events)

    def blobs(self) -> dict[str, bytes]:
        with self.impl.lock:
            return dict(self.impl.blobs)

    def heartbeats(self) -> list[dict[str, Any]]:
        return list(self.impl.heartbeats)


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    impl = StandIn().start()
    try:
        yield Central(impl)
    finally:
        impl.stop()


@pytest.fixture
def cfg_for():
    """``cfg_for(url, **overrides)`` -> a SyncConfig for the test terminal."""
    return sync_config


@pytest.fixture
def outbox(tmp_path: Path):
    from kiosk_app.sync.outbox import Outbox

    ob = Outbox(tmp_path / "outbox.db", TERMINAL)
    yield ob
    ob.close()
