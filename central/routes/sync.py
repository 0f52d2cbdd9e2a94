"""What the terminal's relay pushes: event batches, blobs, heartbeats."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from datetime import UTC, timedelta

from fastapi import APIRouter, HTTPException, Request, Response

from central.context import IDEMPOTENT, POST, CentralDep, TerminalDep, errors
from central.events import ingest
from central.routes import console as console_routes
from central.settings import BLOB_LIMIT
from central.uploads import body_chunks
from contract.codes import SHA256_HEX
from contract.events import EventBatch, EventBatchResult, Heartbeat

router = APIRouter(prefix="/api/v1", tags=["sync"])
_SHA = re.compile(SHA256_HEX)


@router.post(
    "/events:batch",
    dependencies=IDEMPOTENT,
    response_model=EventBatchResult,
    responses=errors(*POST, 413),
    summary="Upload a batch of outbox events (idempotent per event key)",
)
async def events_batch(
    batch: EventBatch, central: CentralDep, terminal: TerminalDep
) -> EventBatchResult:
    now = central.settings.clock().astimezone(UTC)
    # utility.applied is read against the form version it names (central.routes.utility)
    from central.routes.utility import forms

    results = ingest(
        central.db,
        central.keys,
        terminal,
        batch.events,
        now,
        central.settings.rating_followup_working_days,
        forms=forms(central)[1],
        demo=central.settings.demo,
    )
    return EventBatchResult.model_validate({"results": results})


@router.put(
    "/blobs/{sha256}",
    status_code=201,
    responses={
        200: {"description": "already stored"},
        201: {"description": "stored"},
        **errors(401, 413, 422),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
    summary="Upload a content-addressed blob (scan, PDF); idempotent",
    max_body_size=BLOB_LIMIT,
)
async def put_blob(
    sha256: str, request: Request, central: CentralDep, terminal: TerminalDep
) -> Response:
    if not _SHA.match(sha256):
        raise HTTPException(422, "the path must be the blob's sha256 as 64 lower-case hex digits")
    limit = central.settings.max_blob_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:  # before looking anything up
        raise HTTPException(413, f"blob larger than {limit} bytes")
    path = central.settings.resolved_blobs_dir / sha256[:2] / sha256
    if central.db.one("SELECT 1 FROM blobs WHERE sha256=?", (sha256,)) and path.is_file():
        return Response(status_code=200)
    # Streamed to a private part file as it arrives: a scan of tens of megabytes, six at once,
    # must not sit in the service's memory (the part file goes on any failure).
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{sha256}.{secrets.token_hex(4)}.part")
    hasher = hashlib.sha256()
    size = 0
    try:
        with tmp.open("wb") as fh:
            async for chunk in body_chunks(request, limit, "blob"):
                size += len(chunk)
                hasher.update(chunk)
                fh.write(chunk)
            actual = hasher.hexdigest()
            if actual != sha256:
                raise HTTPException(422, f"body sha256 is {actual}, not the {sha256} in the path")
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    now = central.settings.clock().astimezone(UTC)
    with central.db.write() as conn:
        conn.execute(
            "INSERT INTO blobs (sha256, size, terminal_id, received_at) VALUES (?,?,?,?)"
            " ON CONFLICT (sha256) DO NOTHING",
            (sha256, size, terminal.id, now.isoformat()),
        )
    return Response(status_code=201)


@router.head(
    "/blobs/{sha256}",
    response_class=Response,
    responses={
        200: {"description": "stored (X-Blob-Size: its length)"},
        401: {"description": "missing or unknown terminal token"},
        404: {"description": "not stored"},
        422: {"description": "invalid path"},
    },
    summary="Is this blob already stored?",
)
async def head_blob(sha256: str, central: CentralDep, terminal: TerminalDep) -> Response:
    row = central.db.one("SELECT size FROM blobs WHERE sha256=?", (sha256,))
    if row is None or not _SHA.match(sha256):
        return Response(status_code=404)
    return Response(status_code=200, headers={"X-Blob-Size": str(row["size"])})


@router.post(
    "/heartbeat",
    status_code=204,
    response_class=Response,
    responses=errors(*POST, 403),
    summary="Terminal health (masked, no personal data)",
)
async def heartbeat(
    beat: Heartbeat, central: CentralDep, terminal: TerminalDep, request: Request
) -> Response:
    if beat.terminal_id is not None and beat.terminal_id != terminal.id:
        raise HTTPException(403, "a terminal may only report its own heartbeat")
    now = central.settings.clock().astimezone(UTC)
    body = json.dumps(beat.model_dump(), ensure_ascii=False, default=str)
    kept_from = (now - timedelta(seconds=central.settings.heartbeat_keep_s)).isoformat()
    with central.db.write() as conn:
        conn.execute(  # bounded history: the fleet console needs days, not years
            "DELETE FROM heartbeats WHERE terminal_id=? AND received_at<?",
            (terminal.id, kept_from),
        )
        conn.execute(
            "UPDATE terminals SET last_heartbeat_at=?, last_heartbeat_json=? WHERE id=?",
            (now.isoformat(), body, terminal.id),
        )
        conn.execute(
            "INSERT INTO heartbeats (terminal_id, received_at, body_json) VALUES (?,?,?)",
            (terminal.id, now.isoformat(), body),
        )
    console_routes.after_heartbeat(request.app, terminal.id)  # paper out, dead letters, backlog
    return Response(status_code=204)
