"""The relay: one thread that drains the outbox to the central service, and keeps the terminal's
pulls and heartbeat on schedule.

Delivery is at-least-once from here and exactly-once at the server, which dedups by each record's
idempotency key: a record is deleted from the outbox only after the server said ``accepted`` or
``duplicate``. Everything else is kept and retried — network failures, timeouts, 5xx and 429 with
full-jitter backoff and the server's ``Retry-After``, 409 (still in flight there) a little later.
A batch refused as a whole (400/422) is split so each record goes alone; a record refused on its
own, or ``rejected`` in the results, becomes a dead letter with the reason, for the technician.

Blobs go up (idempotent ``PUT /blobs/{sha256}``) before the batch whose records reference them,
so the server never holds a record pointing at a file it lacks.

Only one relay may drain an outbox: a lock file (``flock``, released by the kernel even on
SIGKILL) guards it, which makes it safe to void all leases at start.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from kiosk_app.core.config import SyncConfig
from kiosk_app.core.errors import OutboxError, OutboxLockedError
from kiosk_app.core.masking import mask_text
from kiosk_app.sync.backoff import Backoff, parse_retry_after
from kiosk_app.sync.heartbeat import Heartbeat
from kiosk_app.sync.outbox import Leased, Outbox
from kiosk_app.sync.pulls import Puller
from kiosk_app.sync.transport import API_PREFIX, NetworkError, Response, Transport

log = logging.getLogger(__name__)

_IDLE_POLL_S = 5.0  # re-check the outbox even without wake() (another process may enqueue)


@dataclass(frozen=True)
class SyncStatus:
    """What the technician panel shows about the backlog."""

    depth: int
    dead: int
    oldest_pending_age_s: float | None
    last_success_at: float | None
    online: bool | None  # None until the first exchange
    last_error: str | None
    retry_in_s: float | None  # while backing off


@dataclass
class BatchResult:
    leased: int = 0
    delivered: int = 0
    duplicates: int = 0
    dead: int = 0
    retry: bool = False  # a failure: back off before the next try
    retry_after_s: float | None = None
    error: str | None = None


def _reason(r: Response) -> str:
    """A short reason from an error answer (FastAPI's ``detail`` or the raw text), masked."""
    try:
        doc = r.json()
    except ValueError:
        doc = None
    detail = doc.get("detail") if isinstance(doc, dict) else None
    text = (
        detail if isinstance(detail, str) else str(detail or r.body[:200].decode(errors="replace"))
    )
    return mask_text(f"HTTP {r.status}: {text}")[:300]


class Relay:
    def __init__(
        self,
        outbox: Outbox,
        cfg: SyncConfig,
        *,
        transport: Transport | None = None,
        heartbeat: Heartbeat | None = None,
        puller: Puller | None = None,
    ) -> None:
        self.outbox = outbox
        self.cfg = cfg
        self.transport = transport if transport is not None else Transport(cfg)
        self._own_transport = transport is None
        self.heartbeat = heartbeat
        self.puller = puller
        self.backoff = Backoff(cfg.backoff_base_s, cfg.backoff_cap_s)
        # A crash mid-send leaves the lease; it must outlive the longest possible request.
        self.lease_s = cfg.timeout_s * 4 + 10
        self._cond = threading.Condition()
        self._woken = False
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._lock_file: IO[bytes] | None = None
        self._retry_at = 0.0
        self._online: bool | None = None
        self._last_error: str | None = None

    # lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        """Take the outbox's relay lock, void stale leases and start the thread."""
        if self._thread is not None:
            return
        lock_path = self.outbox.path.with_name(self.outbox.path.name + ".relay.lock")
        fh = lock_path.open("ab")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise OutboxLockedError(
                "another relay is already sending from this outbox; only one may run"
            ) from None
        self._lock_file = fh
        released = self.outbox.release_all_leases()
        if released:
            log.info("leases of a stopped relay released", extra={"count": released})
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="sync-relay", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop after the exchange in progress (bounded by the request timeouts) and join."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                log.error("relay thread did not stop in time")
            self._thread = None
        if self._lock_file is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None
        if self._own_transport:
            self.transport.close()

    def wake(self) -> None:
        """Send now (after an enqueue) unless the relay is backing off from a failure."""
        with self._cond:
            self._woken = True
            self._cond.notify_all()

    def wait_idle(self, timeout_s: float) -> bool:
        """Block until nothing is pending (dead letters aside); False on timeout."""
        deadline = time.monotonic() + timeout_s
        while True:
            if self.outbox.stats().depth == 0:
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            with self._cond:
                self._cond.wait(min(left, 0.5))

    def status(self) -> SyncStatus:
        st = self.outbox.stats()
        left = self._retry_at - time.monotonic()
        return SyncStatus(
            depth=st.depth,
            dead=st.dead,
            oldest_pending_age_s=st.oldest_pending_age_s,
            last_success_at=st.last_success_at,
            online=self._online,
            last_error=self._last_error,
            retry_in_s=left if left > 0 else None,
        )

    # the thread ---------------------------------------------------------------------------
    def _run(self) -> None:
        next_hb = next_pull = time.monotonic()
        while True:
            now = time.monotonic()
            if self.heartbeat is not None and now >= next_hb:
                self._guard(self.heartbeat.send)
                next_hb = time.monotonic() + self.cfg.heartbeat_s
            if self.puller is not None and now >= next_pull:
                self._guard(self.puller.pull_all)
                next_pull = time.monotonic() + self.cfg.pull_s
            busy = False
            if time.monotonic() >= self._retry_at:
                result = self._guarded_batch()
                if result.retry:
                    delay = self.backoff.failed(result.retry_after_s)
                    self._retry_at = time.monotonic() + delay
                    log.info(
                        "sync backing off",
                        extra={"delay_s": round(delay, 2), "error": result.error},
                    )
                elif result.leased:
                    self.backoff.succeeded()
                    busy = True
            with self._cond:
                self._cond.notify_all()  # progress, for wait_idle()
                if self._stopping:
                    return
                if busy:
                    continue
                now = time.monotonic()
                wake_at = min(
                    now + _IDLE_POLL_S,
                    next_hb if self.heartbeat is not None else now + _IDLE_POLL_S,
                    next_pull if self.puller is not None else now + _IDLE_POLL_S,
                )
                if self._retry_at > now:
                    self._woken = False  # a failing server is not hammered by every enqueue
                    wake_at = min(wake_at, self._retry_at)
                if not self._woken:
                    self._cond.wait(max(0.0, wake_at - now))
                self._woken = False
                if self._stopping:
                    return

    def _guard(self, fn: Callable[[], object]) -> None:
        try:
            fn()
        except Exception:
            log.exception("sync task failed")

    def _guarded_batch(self) -> BatchResult:
        try:
            return self.send_batch()
        except OutboxError as exc:
            self._last_error = str(exc)
            log.error("outbox unavailable", extra={"error": str(exc)})
            return BatchResult(retry=True, error=str(exc))
        except Exception:
            log.exception("relay batch failed")
            return BatchResult(retry=True, error="internal error")

    # one batch ----------------------------------------------------------------------------
    def send_batch(self) -> BatchResult:
        """Lease one batch, upload its blobs, post it, apply the answer. Safe to call directly
        (the technician's "send now") when the thread is not running."""
        leased = self.outbox.lease(self.cfg.batch_size, self.lease_s)
        if not leased:
            return BatchResult()
        result = BatchResult(leased=len(leased))
        try:
            leased = self._upload_blobs(leased, result)
        except NetworkError as exc:
            return self._retry_all(leased, result, str(exc), None)
        except _HttpFailure as exc:
            return self._retry_all(leased, result, exc.reason, exc.retry_after)
        if not leased:
            return result
        body = b'{"events":[' + b",".join(x.body.encode() for x in leased) + b"]}"
        try:
            r = self.transport.request("POST", f"{API_PREFIX}/events:batch", data=body)
        except NetworkError as exc:
            return self._retry_all(leased, result, str(exc), None)
        if r.status == 200:
            return self._apply(leased, r, result)
        retry_after = parse_retry_after(r.headers.get("Retry-After"))
        if r.status in (400, 413, 422):
            if len(leased) > 1:  # find the bad (or too big) record: everyone goes alone next
                self.outbox.release([x.key for x in leased], solo=True)
                self._online = True
                return result
            reason = _reason(r)
            self.outbox.dead_letter(leased[0].key, reason)
            log.warning("record refused; dead letter", extra={"type": leased[0].type})
            result.dead = 1
            self._online = True
            return result
        if r.status == 409:
            return self._retry_all(leased, result, "HTTP 409 (still in flight)", retry_after)
        if r.status in (401, 403):
            reason = "the central service refused this terminal's token (check sync.token)"
            return self._retry_all(leased, result, reason, retry_after)
        return self._retry_all(leased, result, f"HTTP {r.status}", retry_after)

    def _retry_all(
        self, leased: list[Leased], result: BatchResult, reason: str, retry_after: float | None
    ) -> BatchResult:
        self.outbox.release([x.key for x in leased])
        self._online = False
        self._last_error = reason
        result.retry = True
        result.retry_after_s = retry_after
        result.error = reason
        return result

    def _apply(self, leased: list[Leased], r: Response, result: BatchResult) -> BatchResult:
        try:
            doc = r.json()
            answers = {a["key"]: a for a in doc["results"]}
        except (ValueError, KeyError, TypeError):
            return self._retry_all(leased, result, "unreadable answer to events:batch", None)
        done: list[str] = []
        again: list[str] = []
        for x in leased:
            a = answers.get(x.key)
            status = a.get("status") if isinstance(a, dict) else None
            if status in ("accepted", "duplicate"):
                done.append(x.key)
                result.duplicates += status == "duplicate"
            elif status == "rejected":
                reason = mask_text(str(a.get("reason") or "rejected"))[:300] if a else ""
                self.outbox.dead_letter(x.key, reason)
                log.warning("record rejected; dead letter", extra={"type": x.type})
                result.dead += 1
            else:
                again.append(x.key)
        if done:
            self.outbox.delivered(done)
        if again:
            self.outbox.release(again)
        result.delivered = len(done)
        self._online = True
        self._last_error = None
        return result

    def _upload_blobs(self, leased: list[Leased], result: BatchResult) -> list[Leased]:
        """PUT every blob the batch needs; records whose blob is lost or damaged go dead."""
        bad: dict[str, str] = {}
        needed = self.outbox.pending_blobs(h for x in leased for h in x.blobs)
        for sha in needed:
            try:
                fh = self.outbox.blob_path(sha).open("rb")
            except OSError:
                bad[sha] = "an attachment of this record is missing on the terminal"
                continue
            with fh:  # streamed, not read into memory: scans and PDFs can be large
                r = self.transport.request(
                    "PUT",
                    f"{API_PREFIX}/blobs/{sha}",
                    data=fh,
                    content_type="application/octet-stream",
                    total_s=max(60.0, self.cfg.timeout_s * 2),
                )
            if r.status in (200, 201, 204):
                self.outbox.mark_blob_uploaded(sha)
            elif r.status == 413:
                bad[sha] = "an attachment of this record is too large for the central service"
            elif r.status == 422:
                bad[sha] = "an attachment of this record is damaged on the terminal"
            else:
                raise _HttpFailure(f"blob upload HTTP {r.status}", r)
        if not bad:
            return leased
        keep: list[Leased] = []
        for x in leased:
            reasons = [bad[h] for h in x.blobs if h in bad]
            if reasons:
                self.outbox.dead_letter(x.key, reasons[0])
                result.dead += 1
            else:
                keep.append(x)
        return keep


class _HttpFailure(Exception):
    def __init__(self, reason: str, r: Response) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = parse_retry_after(r.headers.get("Retry-After"))


__all__ = ["BatchResult", "Relay", "SyncStatus"]
