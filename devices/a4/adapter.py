"""A4 printers through a CUPS queue, on the device framework (``devices.base.Device``).

Why pycups: it is OpenPrinting's own binding of libcups (the library every Linux print dialog
uses), so the adapter speaks IPP to cupsd — create a job, stream the PDF, hold, release, cancel,
purge, subscribe to job and printer events — through the same code as ``lp`` and ``lpstat``,
instead of parsing their text. The one pycups ``Connection`` lives on the device's I/O thread.

What the adapter guarantees a flow:

- **Titles carry no personal data.** A job is named ``kiosk-<kind>`` from a fixed vocabulary
  (``licence_copy``, ``proof``, ``checklist``, ``case_receipt``, ``test_page`` …; anything else
  is refused), the document ``document.pdf``: CUPS writes both into its logs, job history and
  (cups-pdf) output file names. The PDF is streamed from memory, never written to a file here.
- **Every job is followed to its end** (completed, canceled, aborted; held and stopped on the
  way) through an IPP pull subscription (RFC 3996 ``ippget``), which reports the last state
  even when cupsd keeps no job history, plus a read of the job's attributes while it lives.
  Each change reaches subscribers as ``DataEvent(JobUpdate)`` — UnifiedPOS's output-complete
  event, with the states in between.
- **The printer's condition** (``printer-state-reasons``: media-empty, media-low, toner-low,
  door/cover-open, media-jam, offline …) is read from the queue and, when the queue's device is
  an IPP printer (``ipp://``, ``ipps://``), from the printer itself — CUPS only asks a printer
  while it is printing, so an empty tray would otherwise stay unknown until a citizen's job sat
  in it. Changes are StatusEvents (``paper_out``, ``paper_low``, ``paper_ok``, ``cover_open``,
  ``toner_low``, ``paper_jam``, ``printer_offline`` …) and ``check_health()`` shows them.
- **Out of paper, the job is held in CUPS** (``job-hold-until=indefinite``) instead of being sent
  to a printer that cannot print it: submitted while the tray is empty, or still waiting in the
  queue when it runs out. The caller releases it (``release_job``) once paper is back, or
  cancels it (``cancel_job``). A job already printing when the paper runs out waits in the
  printer; its updates say ``waiting_for="paper"``.
- **Nothing of a job stays in the spool.** cupsd keeps job files and history unless told
  (``PreserveJobFiles No``, ``PreserveJobHistory No`` in cupsd.conf: packaging/README.md); the
  adapter also purges each of its jobs once it has ended (Cancel-Job with ``purge-job``), notes
  in its health whether the server kept one, and at start purges jobs of its own left by a
  crash — they belong to a citizen who has gone.

Settings: ``queue`` (the CUPS queue), ``server`` (a host name or cupsd's socket path; empty:
libcups's default), ``port``, ``device_status``, ``status_interval_s``, ``job_interval_s``,
``hold_when_not_ready``, ``max_copies``, ``device_timeout_s``.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
import uuid
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit

from msgspec import Meta

from devices.a4.ipp import A4_MEDIA, JobState, PrinterCondition, merge, reason_keywords
from devices.base import DataEvent, Device, TestResult
from devices.errors import (
    DeviceBusy,
    DeviceConfigError,
    DeviceError,
    DeviceOffline,
    UnsupportedOperation,
)
from devices.settings import Settings

_Seconds = Annotated[float, Meta(gt=0, le=120)]

KIND = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
TITLE_PREFIX = "kiosk-"
_SUBSCRIBED = ["job-created", "job-state-changed", "job-completed", "printer-state-changed"]
_LEASE_S = 3600
_QUEUE_ATTRS = [
    "printer-state",
    "printer-state-reasons",
    "printer-state-message",
    "printer-is-accepting-jobs",
    "device-uri",
    "printer-uri-supported",
]
_JOB_ATTRS = ["job-state", "job-state-reasons", "job-impressions-completed", "job-preserved"]
_NOT_FOUND = 1030  # IPP client-error-not-found
_MAX_PDF = 64 << 20


class CupsSettings(Settings, frozen=True, kw_only=True):
    # CUPS queue names: printable, no space, "/" or "#" (lpadmin(8))
    queue: Annotated[str, Meta(pattern=r"^[^\s/#]{1,127}$")]
    server: str = ""  # host name or cupsd's domain socket; empty: libcups's default
    port: Annotated[int, Meta(ge=1, le=65535)] = 631
    device_status: bool = True  # also ask an ipp:// or ipps:// printer itself
    status_interval_s: _Seconds = 1.0
    job_interval_s: Annotated[float, Meta(gt=0, le=10)] = 0.25
    hold_when_not_ready: bool = True
    max_copies: Annotated[int, Meta(ge=1, le=99)] = 10
    device_timeout_s: _Seconds = 1.5


class PrinterNotReady(DeviceError):
    """The printer cannot take a job now (offline, switched off, its queue stopped)."""


@dataclass(frozen=True)
class A4Job:
    """One document to print. ``kind`` says what it is (for titles and the audit), never who."""

    pdf: bytes
    kind: str
    copies: int = 1
    hold: bool = False  # submit held: printed only after ``release_job``
    pages: int | None = None
    ref: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class JobUpdate:
    """Where one of this adapter's jobs is; delivered as ``DataEvent(JobUpdate)``.

    ``waiting_for`` names what keeps a live job from printing (``paper``, ``cover``, ``jam``,
    ``printer``) or is None. ``held`` is True while the job is held in CUPS (see ``release_job``).
    """

    job_id: int
    kind: str
    state: JobState
    reasons: frozenset[str] = frozenset()
    waiting_for: str | None = None
    pages_done: int = 0
    ref: str = ""

    @property
    def held(self) -> bool:
        return self.state is JobState.HELD

    @property
    def ended(self) -> bool:
        return self.state.ended


@dataclass
class _Tracked:
    job_id: int
    kind: str
    ref: str
    state: JobState = JobState.PENDING
    reasons: frozenset[str] = frozenset()
    pages_done: int = 0
    held_by_kiosk: bool = False
    last: JobUpdate | None = None


class CupsPrinter(Device):
    adapter_name = "cups-a4"
    settings_type: ClassVar[type[Settings]] = CupsSettings
    settings: CupsSettings

    def __init__(self, name: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(name, params)
        self.poll_interval_s = self.settings.status_interval_s
        self._conn: Any = None
        self._device: Any = None  # pycups Connection to the IPP printer itself, when used
        self._device_uri = ""
        self._printer_uri = ""
        self._sub: int | None = None
        self._sub_renew_at = 0.0
        self._seq = 0
        self._jobs: dict[int, _Tracked] = {}
        self._queue_cond = PrinterCondition()
        self._device_reasons: frozenset[str] | None = None
        self._device_checked = 0.0
        self._cond = PrinterCondition(reachable=False)
        self._announced: dict[str, str] = {}
        self._cache_lock = threading.Lock()
        self._snapshot: dict[str, Any] = {}
        self._keeps_history: bool | None = None
        self._keeps_files: bool | None = None

    # -- public, any thread -----------------------------------------------------------------
    def print_pdf(
        self,
        pdf: bytes,
        kind: str,
        *,
        copies: int = 1,
        hold: bool = False,
        pages: int | None = None,
        ref: str = "",
    ) -> Future[Any]:
        """Queue a PDF; the Future gives the first ``JobUpdate`` (pending, or held).

        ``ref`` comes back in every ``JobUpdate`` of this job, so a caller can match updates
        that arrive before the Future resolves.
        """
        return self.submit(A4Job(pdf, kind, copies, hold, pages, ref or uuid.uuid4().hex))

    def release_job(self, job_id: int) -> Future[Any]:
        """Let a held job print (paper is back, or the caller decided to go on)."""
        return self._call(lambda: self._guarded(self._release, job_id))

    def cancel_job(self, job_id: int) -> Future[Any]:
        """Cancel a job wherever it is and purge it from the spool."""
        return self._call(lambda: self._guarded(self._cancel, job_id))

    def cancel_all(self) -> Future[Any]:
        """Cancel every live job of this adapter (idle reset: they are the last citizen's)."""

        def run(_: object) -> int:
            live = [j.job_id for j in self._jobs.values() if not j.state.ended]
            for job_id in live:
                self._cancel(job_id)
            return len(live)

        return self._call(lambda: self._guarded(run, None))

    @property
    def condition(self) -> PrinterCondition:
        """The printer's condition as last read (no I/O)."""
        with self._cache_lock:
            return self._cond

    def jobs(self) -> list[JobUpdate]:
        """This adapter's live jobs as last seen (no I/O)."""
        with self._cache_lock:
            return list(self._snapshot.get("jobs", []))

    # -- framework hooks (I/O thread) ---------------------------------------------------------
    def _connect(self) -> None:
        import cups

        s = self.settings
        host = s.server or cups.getServer()
        if not host.startswith("/"):
            _probe_tcp(host, s.port, s.device_timeout_s, "the CUPS server")
        try:
            conn = cups.Connection(host=host, port=s.port)
        except RuntimeError as exc:
            raise DeviceOffline(f"cannot reach the CUPS server at {host}: {exc}") from None
        try:
            attrs = conn.getPrinterAttributes(s.queue, requested_attributes=_QUEUE_ATTRS)
        except cups.IPPError as exc:
            if exc.args and exc.args[0] == _NOT_FOUND:
                known = ", ".join(sorted(conn.getPrinters())) or "none"
                raise DeviceConfigError(f"no CUPS queue {s.queue!r}; queues: {known}") from None
            raise DeviceOffline(f"CUPS did not answer for {s.queue!r}: {exc}") from None
        self._conn = conn
        self._device_uri = str(attrs.get("device-uri", ""))
        uris = attrs.get("printer-uri-supported") or f"ipp://localhost/printers/{s.queue}"
        self._printer_uri = uris[0] if isinstance(uris, list) else str(uris)
        self._subscribe()
        self._purge_leftovers()
        self._read_queue(attrs)
        self._update_condition()

    def _disconnect(self) -> None:
        conn, self._conn = self._conn, None
        self._device = None
        if conn is not None and self._sub is not None:
            with contextlib.suppress(Exception):  # the server may be gone already
                conn.cancelSubscription(self._sub)
        self._sub = None
        with self._cache_lock:
            self._cond = replace(self._cond, reachable=False)

    def _poll(self) -> None:
        self._read_notifications()
        self._read_queue()
        self._read_device()
        self._read_jobs()
        self._update_condition()
        busy = any(not j.state.ended for j in self._jobs.values())
        self.poll_interval_s = (
            self.settings.job_interval_s if busy else self.settings.status_interval_s
        )

    def _execute(self, job: Any) -> JobUpdate:
        if not isinstance(job, A4Job):
            raise UnsupportedOperation(f"an A4 job must be an A4Job, not {type(job).__name__}")
        return self._submit(job)

    def _test(self) -> TestResult:
        from devices.a4.templates import test_page

        doc = test_page(self.name, self.settings.queue, self._cond)
        rendered = doc.pdf()
        first = self._submit(A4Job(rendered.pdf, "test_page", pages=rendered.pages))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self._poll()
            job = self._jobs.get(first.job_id)
            if job is None or job.state.ended:
                break
            time.sleep(self.settings.job_interval_s)
        job = self._jobs.get(first.job_id)
        state = job.state if job is not None else JobState.COMPLETED
        detail = {"queue": self.settings.queue, "job_state": state.name.lower()}
        detail.update(self._policy())
        if state is JobState.COMPLETED:
            return TestResult(self.name, True, "test page printed", detail=detail)
        why = ", ".join(sorted(job.reasons)) if job else ""
        return TestResult(
            self.name, False, f"test page {state.name.lower()} {why}".strip(), detail=detail
        )

    def _health_detail(self) -> dict[str, Any]:
        with self._cache_lock:
            snap = dict(self._snapshot)
        snap.pop("jobs", None)
        return snap

    # -- internals ----------------------------------------------------------------------------
    def _cups(self) -> Any:
        if self._conn is None:
            raise ConnectionError(f"{self.name} has no connection to CUPS")
        return self._conn

    def _ipp(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """One IPP call; a broken connection becomes OSError so the framework reconnects."""
        import cups

        try:
            return fn(*args, **kwargs)
        except cups.HTTPError as exc:
            raise ConnectionError(f"CUPS connection failed (HTTP {exc.args[0]})") from None
        except RuntimeError as exc:  # pycups: "failed to connect to server" and the like
            raise ConnectionError(f"CUPS connection failed: {exc}") from None

    def _subscribe(self) -> None:
        conn = self._cups()
        self._sub = self._ipp(
            conn.createSubscription,
            self._printer_uri,
            events=_SUBSCRIBED,
            lease_duration=_LEASE_S,
        )
        self._sub_renew_at = time.monotonic() + _LEASE_S / 2
        self._seq = 0

    def _read_notifications(self) -> None:
        import cups

        conn = self._cups()
        if self._sub is None or time.monotonic() > self._sub_renew_at:
            try:
                if self._sub is not None:
                    self._ipp(conn.renewSubscription, self._sub, _LEASE_S)
                    self._sub_renew_at = time.monotonic() + _LEASE_S / 2
                else:
                    self._subscribe()
            except cups.IPPError:
                self._subscribe()
        assert self._sub is not None
        try:
            answer = self._ipp(conn.getNotifications, [self._sub], [self._seq + 1])
        except cups.IPPError as exc:
            if exc.args and exc.args[0] == _NOT_FOUND:  # lease ran out, or cupsd restarted
                self._subscribe()
                return
            raise DeviceOffline(f"CUPS refused the job events: {exc}") from None
        for event in answer.get("events", []):
            self._seq = max(self._seq, int(event.get("notify-sequence-number", 0)))
            job_id = event.get("notify-job-id")
            job = self._jobs.get(job_id) if isinstance(job_id, int) else None
            if job is not None and "job-state" in event and not job.state.ended:
                job.state = JobState.of(event["job-state"])
                job.reasons = reason_keywords(event.get("job-state-reasons"))
                job.pages_done = int(event.get("job-impressions-completed", job.pages_done) or 0)

    def _read_queue(self, attrs: Mapping[str, Any] | None = None) -> None:
        if attrs is None:
            conn = self._cups()
            import cups

            try:
                attrs = self._ipp(
                    conn.getPrinterAttributes,
                    self.settings.queue,
                    requested_attributes=_QUEUE_ATTRS,
                )
            except cups.IPPError as exc:
                raise DeviceOffline(f"the CUPS queue stopped answering: {exc}") from None
        assert attrs is not None
        self._queue_cond = PrinterCondition(
            reachable=True,
            accepting=bool(attrs.get("printer-is-accepting-jobs", True)),
            stopped=int(attrs.get("printer-state", 3) or 3) == 5,
            reasons=reason_keywords(attrs.get("printer-state-reasons")),
            message=str(attrs.get("printer-state-message", "") or "")[:200],
        )

    def _read_device(self) -> None:
        """Ask an IPP printer itself, every few seconds (CUPS asks it only while printing)."""
        s = self.settings
        url = urlsplit(self._device_uri)
        if not s.device_status or url.scheme not in ("ipp", "ipps") or not url.hostname:
            self._device_reasons = None
            return
        now = time.monotonic()
        if now - self._device_checked < max(2.0, s.status_interval_s):
            return
        self._device_checked = now
        import cups

        port = url.port or 631
        try:
            if self._device is None:
                _probe_tcp(url.hostname, port, s.device_timeout_s, "the printer")
                self._device = cups.Connection(host=url.hostname, port=port)
            # the printer's own URI: CUPS backend options (``?waitjob=false``) are not its
            uri = url._replace(query="", fragment="").geturl()
            attrs = self._device.getPrinterAttributes(
                uri=uri, requested_attributes=["printer-state-reasons"]
            )
        except (DeviceOffline, RuntimeError, cups.HTTPError, cups.IPPError, OSError):
            self._device = None
            self._device_reasons = frozenset({"offline"})
            return
        self._device_reasons = reason_keywords(attrs.get("printer-state-reasons"))

    def _read_jobs(self) -> None:
        import cups

        conn = self._cups()
        vanished = []
        for job in list(self._jobs.values()):
            if job.state.ended:
                continue
            try:
                a = self._ipp(conn.getJobAttributes, job.job_id, requested_attributes=_JOB_ATTRS)
            except cups.IPPError as exc:
                if not (exc.args and exc.args[0] == _NOT_FOUND):
                    raise DeviceOffline(f"CUPS did not answer for a job: {exc}") from None
                vanished.append(job)
                continue
            job.state = JobState.of(a.get("job-state"))
            job.reasons = reason_keywords(a.get("job-state-reasons"))
            job.pages_done = int(a.get("job-impressions-completed", 0) or 0)
        if vanished:
            # it ended (and was forgotten: no history) since the events were read: its last
            # event says how; gone with no such event, say so — never "completed"
            self._read_notifications()
            for job in vanished:
                if not job.state.ended:
                    job.state, job.reasons = JobState.ABORTED, frozenset({"job-vanished"})

    def _update_condition(self) -> None:
        """Merge, hold what must wait, announce changes, purge what ended, refresh the cache."""
        cond = merge(self._queue_cond, self._device_reasons)
        if cond.must_wait and self.settings.hold_when_not_ready:
            for job in self._jobs.values():
                if job.state is JobState.PENDING:
                    self._hold(job)
        for aspect, status in cond.statuses().items():
            before = self._announced.get(aspect)
            if before != status and (before is not None or not _is_fine(status)):
                self._emit_status(status, cond.message)
            self._announced[aspect] = status
        for job in list(self._jobs.values()):
            update = self._update_of(job, cond)
            if update != job.last:
                job.last = update
                self._emit(DataEvent(self.name, update))
            if job.state.ended:
                self._purge(job.job_id)
                del self._jobs[job.job_id]
        live = [j.last for j in self._jobs.values() if j.last is not None]
        snapshot = {
            "queue": self.settings.queue,
            "device": _safe_uri(self._device_uri),
            "printer_state": "stopped" if cond.stopped else "ready",
            "accepting": cond.accepting,
            "reasons": sorted(cond.reasons),
            "paper": cond.statuses()["paper"],
            "toner": cond.statuses()["toner"],
            "cover_open": cond.cover_open,
            "offline": cond.offline,
            "live_jobs": len(live),
            "held_jobs": sum(1 for u in live if u.held),
            "jobs": live,
            **self._policy(),
        }
        with self._cache_lock:
            self._cond = cond
            self._snapshot = snapshot

    def _update_of(self, job: _Tracked, cond: PrinterCondition) -> JobUpdate:
        waiting: str | None = None
        if not job.state.ended:
            if cond.paper_out:
                waiting = "paper"
            elif cond.cover_open:
                waiting = "cover"
            elif cond.jammed:
                waiting = "jam"
            elif cond.offline:
                waiting = "printer"
        return JobUpdate(
            job.job_id, job.kind, job.state, job.reasons, waiting, job.pages_done, job.ref
        )

    def _policy(self) -> dict[str, Any]:
        return {
            "server_keeps_history": self._keeps_history,
            "server_keeps_files": self._keeps_files,
        }

    def _submit(self, job: A4Job) -> JobUpdate:
        import cups

        s = self.settings
        if not KIND.match(job.kind):
            raise UnsupportedOperation(
                f"job kind {job.kind!r} is not a document kind (a-z, 0-9, _; it names the job)"
            )
        if not 1 <= job.copies <= s.max_copies:
            raise UnsupportedOperation(f"copies must be 1 to {s.max_copies}, not {job.copies}")
        if not job.pdf.startswith(b"%PDF-") or len(job.pdf) > _MAX_PDF:
            raise UnsupportedOperation("an A4 job must be a PDF document (at most 64 MiB)")
        self._read_queue()
        self._read_device()
        cond = merge(self._queue_cond, self._device_reasons)
        if cond.offline and not cond.must_wait:
            raise PrinterNotReady(
                "the printer is offline or its queue is stopped"
                + (f" ({', '.join(sorted(cond.reasons))})" if cond.reasons else "")
            )
        hold = job.hold or (cond.must_wait and s.hold_when_not_ready)
        options = {
            "media": A4_MEDIA,
            "copies": str(job.copies),
            "print-scaling": "none",  # true size: a licence copy must not shrink
            "sides": "one-sided",
        }
        if hold:
            options["job-hold-until"] = "indefinite"
        conn = self._cups()
        try:
            job_id = int(self._ipp(conn.createJob, s.queue, TITLE_PREFIX + job.kind, options))
        except cups.IPPError as exc:
            raise PrinterNotReady(f"CUPS did not take the job: {exc.args[-1]}") from None
        try:
            self._ipp(conn.startDocument, s.queue, job_id, "document.pdf", "application/pdf", 1)
            view = memoryview(job.pdf)
            for start in range(0, len(view), 1 << 16):
                chunk = bytes(view[start : start + (1 << 16)])
                self._ipp(conn.writeRequestData, chunk, len(chunk))
            self._ipp(conn.finishDocument, s.queue)
        except (cups.IPPError, ConnectionError) as exc:
            self._forget_job(job_id)
            if isinstance(exc, ConnectionError):
                raise
            raise DeviceBusy(f"CUPS did not take the document: {exc.args[-1]}") from None
        tracked = _Tracked(job_id, job.kind, job.ref, JobState.HELD if hold else JobState.PENDING)
        tracked.held_by_kiosk = hold and not job.hold
        self._jobs[job_id] = tracked
        self._update_condition()
        assert tracked.last is not None
        return tracked.last

    def _hold(self, job: _Tracked) -> None:
        import cups

        try:
            self._ipp(self._cups().setJobHoldUntil, job.job_id, "indefinite")
        except cups.IPPError:
            return  # it started meanwhile: it now waits in the printer instead
        job.state, job.held_by_kiosk = JobState.HELD, True

    def _release(self, job_id: int) -> JobUpdate:
        import cups

        job = self._known(job_id)
        try:
            self._ipp(self._cups().setJobHoldUntil, job_id, "no-hold")
        except cups.IPPError as exc:
            raise DeviceBusy(f"CUPS did not release the job: {exc.args[-1]}") from None
        job.state, job.held_by_kiosk = JobState.PENDING, False
        self._update_condition()
        return job.last or self._update_of(job, self._cond)

    def _cancel(self, job_id: int) -> JobUpdate:
        job = self._known(job_id)
        if not job.state.ended:
            job.state, job.reasons = JobState.CANCELED, frozenset({"job-canceled-at-device"})
        self._forget_job(job_id)
        update = self._update_of(job, self._cond)
        job.last = update
        self._emit(DataEvent(self.name, update))
        self._jobs.pop(job_id, None)
        self._update_condition()
        return update

    def _known(self, job_id: int) -> _Tracked:
        job = self._jobs.get(job_id)
        if job is None:
            raise UnsupportedOperation(f"job {job_id} is not a live job of {self.name}")
        return job

    def _forget_job(self, job_id: int) -> None:
        """Cancel (if live) and purge: files and history go from the spool."""
        import cups

        with contextlib.suppress(cups.IPPError):  # already gone
            self._ipp(self._cups().cancelJob, job_id, purge_job=True)

    def _purge(self, job_id: int) -> None:
        """After the end: is anything left of the job on the server? Then remove it."""
        import cups

        conn = self._cups()
        try:
            a = self._ipp(conn.getJobAttributes, job_id, requested_attributes=["job-preserved"])
        except cups.IPPError:
            self._keeps_history = False if self._keeps_history is None else self._keeps_history
            return
        self._keeps_history = True
        self._keeps_files = bool(a.get("job-preserved", False))
        self._forget_job(job_id)

    def _purge_leftovers(self) -> None:
        import cups

        conn = self._cups()
        try:
            jobs = self._ipp(
                conn.getJobs,
                which_jobs="all",
                my_jobs=True,
                requested_attributes=["job-id", "job-name", "job-printer-uri"],
            )
        except cups.IPPError:
            return
        for job_id, attrs in jobs.items():
            if str(attrs.get("job-name", "")).startswith(TITLE_PREFIX) and str(
                attrs.get("job-printer-uri", "")
            ).endswith("/" + self.settings.queue):
                self._forget_job(int(job_id))


def _is_fine(status: str) -> bool:
    return status in ("paper_ok", "cover_closed", "toner_ok", "paper_jam_cleared", "printer_ready")


def _probe_tcp(host: str, port: int, timeout: float, what: str) -> None:
    """A quick connect first: pycups would wait up to 30 s for a host that does not answer."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        raise DeviceOffline(f"{what} at {host}:{port} does not answer ({exc})") from None


def _safe_uri(uri: str) -> str:
    """The device URI without credentials (``ipp://user:pw@host`` happens in the wild)."""
    u = urlsplit(uri)
    if not u.scheme:
        return ""
    host = u.hostname or ""
    return f"{u.scheme}://{host}{':' + str(u.port) if u.port else ''}{u.path}"


__all__ = [
    "A4Job",
    "CupsPrinter",
    "CupsSettings",
    "JobState",
    "JobUpdate",
    "PrinterNotReady",
]
