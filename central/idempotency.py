"""Idempotency-Key semantics for creating POSTs (IETF draft-ietf-httpapi-idempotency-key-header).

A terminal that lost the answer to a POST sends it again with the same key and gets the first
result, never a second ticket or a second redemption. The same key with a different body is a
client bug (422); a key whose first request is still being processed is 409, which the sync
client retries later. Keys are scoped per terminal, method and path, so one terminal can never
replay another terminal's answer.

The store keeps only what it must: keys of the routes that declare them (``IDEMPOTENT`` in
``central.context``; a POST to an unknown path stores nothing), only for a request whose
terminal token is valid (the middleware runs before the routes, so it checks the token itself:
without that, anyone could fill the disk), only for ``CentralSettings.idempotency_ttl_s``, and
the stored answer encrypted (``central.keyring``): a certificate-free answer holds a citizen's
name, ID number and licences.

This is a plain ASGI middleware so every route gets the same rules without repeating them.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any, Literal

from central.db import Database
from central.keyring import Keyring
from central.protected import IDEMPOTENT_BODY as _PURPOSE

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Results worth replaying: successes and business outcomes. Auth and validation failures are not
# results; the key is released so a corrected request may reuse it.
STORED_STATUSES = frozenset({200, 201, 202, 204, 404, 409, 410})
_KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")


@dataclass(frozen=True)
class Begin:
    outcome: Literal["new", "replay", "in_flight", "mismatch"]
    status: int = 0
    content_type: str | None = None
    body: bytes = b""


def request_scope(terminal_id: str, method: str, path: str) -> str:
    """The namespace of a key: which terminal asked, what, and where."""
    return f"{terminal_id} {method} {path}"


def fingerprint(body: bytes) -> str:
    """Hash of the request body; JSON is canonicalised so key order or spacing does not matter."""
    try:
        canonical = json.dumps(
            json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    except (ValueError, RecursionError):  # not JSON, too deep, or a lone surrogate in a string
        canonical = body
    return hashlib.sha256(canonical).hexdigest()


_PURGE_EVERY_S = 60.0


class IdempotencyStore:
    def __init__(
        self,
        db: Database,
        keys: Keyring,
        lease_s: float,
        ttl_s: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.lease_s = lease_s
        self.ttl_s = ttl_s
        self.keys = keys
        self.clock = clock
        self._purged_at = 0.0

    def purge(self, now: float) -> int:
        """Forget keys older than the time a replay is promised for."""
        with self.db.write() as conn:
            n: int = conn.execute(
                "DELETE FROM idempotency WHERE started_at < ?", (now - self.ttl_s,)
            ).rowcount
        self._purged_at = now
        return n

    def begin(self, scope: str, key: str, fp: str, now: float | None = None) -> Begin:
        now = self.clock() if now is None else now
        if now - self._purged_at > _PURGE_EVERY_S:
            self.purge(now)
        # Claimed by the database, not by this process: several central processes may share it.
        # The primary key lets one INSERT win; a stale claim (answer past its TTL, or an
        # in-flight lease abandoned) is taken over by a conditional UPDATE, which PostgreSQL
        # re-checks on the locked row, so two takers cannot both win either.
        with self.db.write() as conn:
            claimed = conn.execute(
                "INSERT INTO idempotency (scope, key, fingerprint, state, started_at)"
                " VALUES (?, ?, ?, 'in_flight', ?) ON CONFLICT (scope, key) DO NOTHING",
                (scope, key, fp, now),
            ).rowcount
            if claimed != 1:
                claimed = conn.execute(
                    "UPDATE idempotency SET fingerprint=?, state='in_flight', started_at=?,"
                    " status=NULL, content_type=NULL, body_enc=NULL"
                    " WHERE scope=? AND key=? AND (started_at < ?"
                    " OR (state='in_flight' AND started_at < ?))",
                    (fp, now, scope, key, now - self.ttl_s, now - self.lease_s),
                ).rowcount
            if claimed == 1:
                return Begin("new")
            row = conn.execute(
                "SELECT fingerprint, state, started_at, status, content_type, body_enc"
                " FROM idempotency WHERE scope=? AND key=?",
                (scope, key),
            ).fetchone()
            if row is None:  # released by its owner between our statements: ask again later
                return Begin("in_flight")
            if row["fingerprint"] != fp:
                return Begin("mismatch")
            if row["state"] == "in_flight":
                return Begin("in_flight")
            body = self.keys.decrypt(row["body_enc"], _PURPOSE) if row["body_enc"] else b""
            return Begin("replay", row["status"], row["content_type"], body)

    def finish(
        self, scope: str, key: str, status: int, content_type: str | None, body: bytes
    ) -> None:
        stored = self.keys.encrypt(body, _PURPOSE)
        with self.db.write() as conn:
            conn.execute(
                "UPDATE idempotency SET state='done', status=?, content_type=?, body_enc=?"
                " WHERE scope=? AND key=?",
                (status, content_type, stored, scope, key),
            )

    def release(self, scope: str, key: str) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM idempotency WHERE scope=? AND key=?", (scope, key))


async def _send_json(
    send: Send, status: int, detail: str, extra: list[tuple[bytes, bytes]]
) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + extra})
    await send({"type": "http.response.body", "body": body})


class IdempotencyMiddleware:
    """``declared(scope)``: the request is for a route that takes an Idempotency-Key;
    ``authorize(authorization header)``: the terminal id of a valid token, or None."""

    def __init__(
        self,
        app: ASGIApp,
        store: IdempotencyStore,
        max_body: int,
        declared: Callable[[Scope], bool],
        authorize: Callable[[str], str | None],
    ) -> None:
        self.app = app
        self.store = store
        self.max_body = max_body
        self.declared = declared
        self.authorize = authorize

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        raw_key = headers.get(b"idempotency-key")
        if raw_key is None or not self.declared(scope):
            await self.app(scope, receive, send)
            return
        terminal_id = self.authorize(headers.get(b"authorization", b"").decode("latin-1"))
        if terminal_id is None:  # the route answers 401; nothing is stored for a stranger
            await self.app(scope, receive, send)
            return
        key = raw_key.decode("latin-1").strip()
        # Structured-field strings arrive quoted; accept both forms.
        if len(key) >= 2 and key[0] == key[-1] == '"':
            key = key[1:-1]
        if not _KEY_RE.match(key):
            await _send_json(
                send, 400, "Idempotency-Key must be 1 to 255 visible ASCII characters", []
            )
            return

        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                await _send_json(send, 413, f"request body larger than {self.max_body} bytes", [])
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        req_scope = request_scope(terminal_id, "POST", scope["path"])
        started = self.store.begin(req_scope, key, fingerprint(body))
        if started.outcome == "mismatch":
            await _send_json(
                send, 422, "this Idempotency-Key was already used with a different request body", []
            )
            return
        if started.outcome == "in_flight":
            await _send_json(
                send,
                409,
                "a request with this Idempotency-Key is still being processed; retry later",
                [(b"retry-after", b"1")],
            )
            return
        if started.outcome == "replay":
            out = [
                (b"content-length", str(len(started.body)).encode()),
                (b"idempotent-replayed", b"true"),
            ]
            if started.content_type:
                out.append((b"content-type", started.content_type.encode("latin-1")))
            await send({"type": "http.response.start", "status": started.status, "headers": out})
            await send({"type": "http.response.body", "body": started.body})
            return

        delivered = False

        async def replay_receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        status = 500
        content_type: str | None = None
        out_chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status, content_type
            if message["type"] == "http.response.start":
                status = int(message["status"])
                for name, value in message.get("headers", []):
                    if name.lower() == b"content-type":
                        content_type = value.decode("latin-1")
            elif message["type"] == "http.response.body":
                out_chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_receive, capture)
        except BaseException:
            self.store.release(req_scope, key)
            raise
        if status in STORED_STATUSES:
            self.store.finish(req_scope, key, status, content_type, b"".join(out_chunks))
        else:
            self.store.release(req_scope, key)
