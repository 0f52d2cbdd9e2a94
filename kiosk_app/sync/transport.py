"""HTTP to the Terminal API: bearer token, verified TLS, hard time limits, no exceptions leaking
from ``requests``.

Verification cannot be turned off: the only knob is ``sync.ca_bundle``, the site's CA file.
Plain ``http://`` is accepted only for a loopback address (the demo's and the tests' embedded
service), so a typo in a site file cannot send tokens and personal data in clear text.

Every request has a connect/read timeout *and* a total deadline on the body, so a server (or a
middlebox) trickling a response byte by byte cannot stall the relay or a citizen's screen.
Failures come out as one ``NetworkError`` with a ``kind``, which the relay retries and the online
calls turn into an ``Offline`` result.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

import kiosk_app
from kiosk_app.core.config import SyncConfig
from kiosk_app.core.urls import central_url_problem

API_PREFIX = "/api/v1"


class NetworkError(Exception):
    """The request did not get an HTTP answer; ``kind`` says why (for logs and the panel)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class SyncConfigError(ValueError):
    """The [sync] settings cannot be used as they are (plain message naming the key)."""


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    # requests' CaseInsensitiveDict as it came: ``headers.get("etag")`` finds "ETag"
    headers: Mapping[str, str] = field(default_factory=CaseInsensitiveDict)

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def check_base_url(url: str) -> str:
    """The central URL without a trailing slash; https, or http to loopback only."""
    problem = central_url_problem(url)
    if problem:
        raise SyncConfigError(f"sync.central_url: {problem}")
    return url.rstrip("/")


class Transport:
    """A pool of keep-alive connections to one central service, one session per thread."""

    def __init__(self, cfg: SyncConfig, *, timeout_s: float | None = None) -> None:
        self.base_url = check_base_url(cfg.central_url)
        self.timeout_s = cfg.timeout_s if timeout_s is None else timeout_s
        self._verify: bool | str = True
        if cfg.ca_bundle:
            if not Path(cfg.ca_bundle).is_file():
                raise SyncConfigError(f"sync.ca_bundle: file not found: {cfg.ca_bundle}")
            self._verify = cfg.ca_bundle
        self._headers = {
            "Authorization": f"Bearer {cfg.token}",
            "User-Agent": f"kiosk-terminal/{getattr(kiosk_app, '__version__', '0')}",
            "Accept": "application/json",
        }
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    def _session(self) -> requests.Session:
        s: requests.Session | None = getattr(self._local, "session", None)
        if s is None:
            s = requests.Session()
            s.trust_env = False  # no proxy or netrc surprises on a locked-down terminal
            s.verify = self._verify
            s.headers.update(self._headers)
            adapter = HTTPAdapter(pool_connections=1, pool_maxsize=2, max_retries=0)
            s.mount("https://", adapter)
            s.mount("http://", adapter)
            self._local.session = s
            with self._lock:
                self._sessions.append(s)
        return s

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | BinaryIO | None = None,
        headers: Mapping[str, str] | None = None,
        timeout_s: float | None = None,
        total_s: float | None = None,
        content_type: str = "application/json",
        sink: Callable[[bytes], object] | None = None,
    ) -> Response:
        """One HTTP exchange; raises only ``NetworkError`` (no answer) — any status is returned.

        ``timeout_s`` bounds connecting and each wait for bytes; ``total_s`` (default twice that)
        bounds the whole body, so only large downloads (the catalog) need to raise it. With
        ``sink``, a 200 or 206 body goes there as it arrives instead of into memory (a software
        release is hundreds of megabytes); the returned body is then empty.
        """
        limit = self.timeout_s if timeout_s is None else timeout_s
        body: bytes | BinaryIO | None = data
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode()
        hdrs = dict(headers or {})
        if body is not None:
            hdrs.setdefault("Content-Type", content_type)
        url = self.base_url + path
        deadline = time.monotonic() + (limit * 2 if total_s is None else total_s)
        try:
            with self._session().request(
                method,
                url,
                data=body,
                headers=hdrs,
                timeout=(min(limit, 3.0), limit),
                stream=True,
                allow_redirects=False,
            ) as r:
                # read1: whatever has arrived, so a trickled body meets the deadline check.
                chunks = []
                to_sink = sink if r.status_code in (200, 206) else None
                while chunk := r.raw.read1(64 * 1024):
                    if to_sink is not None:
                        to_sink(chunk)
                    else:
                        chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise NetworkError("timeout", "the central service answered too slowly")
                return Response(r.status_code, b"".join(chunks), r.headers)
        except requests.exceptions.SSLError:
            raise NetworkError(
                "tls",
                "the central service's certificate is not trusted (check sync.ca_bundle)",
            ) from None
        except requests.exceptions.Timeout:
            raise NetworkError("timeout", "the central service did not answer in time") from None
        except requests.exceptions.ConnectionError as exc:
            text = str(exc).lower()
            kind = "reset" if ("reset" in text or "aborted" in text) else "connect"
            raise NetworkError(kind, "the central service cannot be reached") from None
        except requests.exceptions.RequestException:
            raise NetworkError("protocol", "the central service's answer was broken") from None
        # Reading the body ourselves (read1) meets urllib3's own errors, not requests' wrappers.
        except urllib3.exceptions.ReadTimeoutError:
            raise NetworkError("timeout", "the central service did not answer in time") from None
        except (urllib3.exceptions.HTTPError, OSError):
            raise NetworkError("reset", "the connection to the central service broke") from None

    def close(self) -> None:
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for s in sessions:
            s.close()
