"""What a terminal asks about software updates: its signed "latest release" document, and the
release artifact itself (Range requests, so a cut download resumes)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from central import updates
from central.context import CentralDep, TerminalDep, errors
from central.update_keys import UpdateSigner
from contract.codes import SHA256_HEX
from contract.updates import SignedLatest

router = APIRouter(prefix="/api/v1/updates", tags=["updates"])
_SHA = re.compile(SHA256_HEX)
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_BLOCK = 256 * 1024


def update_signer(request: Request) -> UpdateSigner:
    path: Path = request.app.state.update_key_file
    return UpdateSigner.current(path)


@router.get(
    "/latest",
    response_model=SignedLatest,
    responses=errors(401),
    summary="This terminal's signed, expiring latest-release document",
)
async def latest(central: CentralDep, terminal: TerminalDep, request: Request) -> JSONResponse:
    now = central.now()
    doc = updates.latest_document(
        central.db,
        update_signer(request),
        terminal.id,
        now,
        timedelta(seconds=central.settings.latest_ttl_s),
    )
    return JSONResponse(doc, headers={"Cache-Control": "no-store"})


def _byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) of a single ``Range: bytes=…`` (RFC 9110 §14.1.2), None for the whole
    file; HTTPException 416 when it cannot be satisfied."""
    if header is None:
        return None
    m = _RANGE.match(header.strip())
    if m is None or (not m[1] and not m[2]):
        return None  # not a single byte range: ignored, the whole file (RFC 9110 §14.2)
    if m[1]:
        first = int(m[1])
        last = min(int(m[2]), size - 1) if m[2] else size - 1
        if m[2] and int(m[2]) < first:
            return None
    else:  # the last N bytes
        first, last = max(size - int(m[2]), 0), size - 1
    if first >= size or size == 0:
        raise HTTPException(416, "range not satisfiable", {"Content-Range": f"bytes */{size}"})
    return first, last


async def _read(path: Path, first: int, length: int) -> AsyncIterator[bytes]:
    # short blocking reads of a local file, like the blob route's writes: no worker threads
    with path.open("rb") as fh:
        fh.seek(first)
        left = length
        while left > 0:
            chunk = fh.read(min(_BLOCK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk


@router.get(
    "/artifacts/{sha256}",
    response_class=Response,
    responses={
        200: {"content": {"application/gzip": {}}, "description": "the release artifact"},
        206: {"description": "the range asked for (Range: bytes=N-M)"},
        416: {"description": "the range is beyond the file"},
        **errors(401, 404, 422),
    },
    summary="A release artifact, resumable with Range requests",
)
async def artifact(
    sha256: str,
    central: CentralDep,
    terminal: TerminalDep,
    range_: Annotated[str | None, Header(alias="Range", max_length=200)] = None,
) -> Response:
    path = (
        updates.artifact_path(central.db, central.settings.resolved_releases_dir, sha256)
        if _SHA.match(sha256)
        else None
    )
    if path is None:
        raise HTTPException(404, "no such release artifact")
    size = path.stat().st_size
    span = _byte_range(range_, size)
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{sha256}"', "Cache-Control": "no-store"}
    if span is None:
        headers["Content-Length"] = str(size)
        return StreamingResponse(_read(path, 0, size), 200, headers, "application/gzip")
    first, last = span
    headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    headers["Content-Length"] = str(last - first + 1)
    return StreamingResponse(_read(path, first, last - first + 1), 206, headers, "application/gzip")
