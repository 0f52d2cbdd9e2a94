"""Request bodies too large to hold: read as they arrive, with a hard limit.

A scan of tens of megabytes (blobs), a release artifact of hundreds: each chunk goes to disk as
it comes, and the request is refused with 413 the moment it passes the limit."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import HTTPException, Request


async def body_chunks(request: Request, limit: int, what: str) -> AsyncIterator[bytes]:
    """The body's chunks; HTTPException 413 ("<what> larger than N bytes") past ``limit``."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"{what} larger than {limit} bytes")
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"{what} larger than {limit} bytes")
        yield chunk
