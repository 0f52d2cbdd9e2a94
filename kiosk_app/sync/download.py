"""Large downloads that survive a cut line: HTTP Range requests appended to a part file.

A software release is hundreds of megabytes over a county's uplink, fetched in the background
while citizens are served. It is asked for in ranges of a few megabytes (``bytes=N-M``), each
appended to ``<sha256>.part`` and made durable before the next, so a connection reset, a
restart of the kiosk or a power cut costs at most one range: the next attempt asks from the
part file's size on. Only when every byte is there are the size and the sha256 compared with
what the signed document announced; a mismatch throws the file away (it is never installed, and
never resumed from).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kiosk_app.core.digest import sha256_file
from kiosk_app.sync.transport import NetworkError, Transport

log = logging.getLogger(__name__)

RANGE_BYTES = 4 << 20
RANGE_TOTAL_S = 600.0  # one range over a slow uplink


class DownloadError(Exception):
    """The download did not complete; ``kind``: "offline" (resume later), "refused" (the server
    said no), "corrupt" (every byte came and they are wrong: thrown away)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _content_range_start(value: str | None) -> int | None:
    """``bytes 100-199/1000`` → 100."""
    if not value or not value.startswith("bytes "):
        return None
    first = value[6:].split("-", 1)[0]
    return int(first) if first.isdigit() else None


def download(
    transport: Transport,
    path: str,
    dest: Path,
    size: int,
    sha256: str,
    *,
    range_bytes: int = RANGE_BYTES,
    progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> Path:
    """Fetch ``path`` into ``dest`` (resuming ``dest.part``); ``dest`` once size and hash match.

    Raises DownloadError. ``progress(done, size)`` after each range; ``stop`` ends it between
    ranges (the part file stays for the next attempt).
    """
    if dest.is_file():
        return dest
    part = dest.with_name(dest.name + ".part")
    dest.parent.mkdir(parents=True, exist_ok=True)
    done = part.stat().st_size if part.is_file() else 0
    if done > size:  # not the file announced now: start over
        part.unlink()
        done = 0
    while done < size:
        if stop is not None and stop.is_set():
            raise DownloadError("offline", f"stopped at {done} of {size} bytes")
        end = min(done + range_bytes, size) - 1
        with part.open("ab") as fh:
            before = fh.tell()

            def sink(chunk: bytes, fh: BinaryIO = fh) -> None:
                if stop is not None and stop.is_set():  # the kiosk is stopping: do not hold it
                    raise DownloadError("offline", "stopped")
                fh.write(chunk)

            try:
                r = transport.request(
                    "GET",
                    path,
                    headers={"Range": f"bytes={done}-{end}", "Accept": "*/*"},
                    total_s=RANGE_TOTAL_S,
                    sink=sink,
                )
            except (NetworkError, DownloadError) as exc:
                fh.flush()
                os.fsync(fh.fileno())
                why = exc.kind if isinstance(exc, NetworkError) else "stopped"
                raise DownloadError(
                    "offline",
                    f"interrupted at {fh.tell()} of {size} bytes ({why}); resumes from there",
                ) from None
            if r.status == 206 and _content_range_start(r.headers.get("Content-Range")) != done:
                fh.truncate(before)
                raise DownloadError("refused", "the server answered another range than asked")
            if r.status == 200 and done > 0:
                # the server ignored the Range: what came is the file from its start
                fh.truncate(before)
                part.unlink()
                raise DownloadError("offline", "the server does not resume; starting over")
            if r.status not in (200, 206):
                kind = "offline" if r.status >= 500 or r.status == 429 else "refused"
                raise DownloadError(kind, f"the server answered HTTP {r.status}")
            fh.flush()
            os.fsync(fh.fileno())
            done = fh.tell()
        if progress is not None:
            progress(done, size)
    got_hash, got_size = sha256_file(part)
    if got_size != size or got_hash != sha256:
        part.unlink()
        raise DownloadError(
            "corrupt",
            f"the downloaded file is {got_size} bytes with sha256 {got_hash[:12]}…, not the"
            f" announced {size} bytes {sha256[:12]}…; thrown away",
        )
    part.replace(dest)
    return dest
