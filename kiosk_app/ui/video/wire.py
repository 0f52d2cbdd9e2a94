"""The pipe between the kiosk and its media engine process: length-prefixed records.

``J`` + JSON (control and events), ``F`` + a frame: an 8-byte header (stream, 0, width, height,
0 as little-endian u8 u8 u16 u16 u16) and width × height × 4 bytes of RGBA. Streams: 0 the
agent's video, 1 the citizen's own camera, 2 the document camera going out. The same header is
what the engine page sends and takes on its WebSocket, so the engine relays frames untouched.
"""

from __future__ import annotations

import json
import struct
from typing import IO, Any

HEADER = struct.Struct("<BBHHH")
REMOTE, SELF, DOC = 0, 1, 2
MAX_RECORD = 4096 * 4096 * 4 + HEADER.size


def pack_json(doc: dict[str, Any]) -> bytes:
    body = json.dumps(doc, separators=(",", ":")).encode()
    return b"J" + len(body).to_bytes(4, "big") + body


def pack_frame(payload: bytes) -> bytes:
    return b"F" + len(payload).to_bytes(4, "big") + payload


def frame_payload(stream: int, width: int, height: int, rgba: bytes) -> bytes:
    return HEADER.pack(stream, 0, width, height, 0) + rgba


def read_record(fh: IO[bytes]) -> tuple[str, bytes] | None:
    """(kind, body), or None at the end of the pipe. Raises ValueError on garbage."""
    head = read_head(fh)
    if head is None:
        return None
    kind, size = head
    body = read_body(fh, size)
    if body is None:
        return None
    return kind, body


def read_head(fh: IO[bytes]) -> tuple[str, int] | None:
    """The next record's kind and size (the body is still in the pipe), or None at its end."""
    head = read_body(fh, 5)
    if head is None:
        return None
    kind, size = chr(head[0]), int.from_bytes(head[1:], "big")
    if kind not in "JF" or size > MAX_RECORD:
        raise ValueError(f"not a media engine record ({kind!r}, {size} bytes)")
    return kind, size


def read_into(fh: Any, into: memoryview) -> bool:
    """Fill ``into`` from the pipe (False at its end): a frame goes straight into the buffer of
    the picture that shows it, with no copy on the way (what a call leaves behind)."""
    got, n = 0, len(into)
    while got < n:
        k = fh.readinto(into[got:])
        if not k:
            return False
        got += k
    return True


def skip(fh: IO[bytes], n: int) -> bool:
    while n > 0:
        chunk = fh.read(min(n, 65536))
        if not chunk:
            return False
        n -= len(chunk)
    return True


def read_body(fh: IO[bytes], n: int) -> bytes | None:
    chunks, got = [], 0
    while got < n:
        chunk = fh.read(n - got)
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)
