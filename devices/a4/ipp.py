"""What a CUPS queue and an IPP printer say about themselves, in the kiosk's words.

IPP reports a job's life as ``job-state`` (RFC 8011 §5.3.7: pending 3, pending-held 4, processing
5, processing-stopped 6, canceled 7, aborted 8, completed 9) and a printer's condition as
``printer-state`` (idle 3, processing 4, stopped 5) with ``printer-state-reasons`` keywords that
may carry a severity suffix (``media-empty-error``, ``toner-low-warning``, ``media-empty-report``:
RFC 8011 §5.4.12). This module turns those into the few facts a flow acts on (no paper, cover
open, toner low, printer offline) and the StatusEvent names the UI already words; it does no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum

from devices.events import COVER_CLOSED, COVER_OPEN, PAPER_LOW, PAPER_OK, PAPER_OUT

# StatusEvent names this adapter adds to those of devices.events (free strings by design)
TONER_OK = "toner_ok"
TONER_LOW = "toner_low"
TONER_OUT = "toner_out"
PAPER_JAM = "paper_jam"
PAPER_JAM_CLEARED = "paper_jam_cleared"
PRINTER_OFFLINE = "printer_offline"
PRINTER_READY = "printer_ready"

A4_MEDIA = "iso_a4_210x297mm"  # PWG 5101.1 self-describing name of A4


class JobState(IntEnum):
    """IPP ``job-state`` values (RFC 8011 §5.3.7)."""

    PENDING = 3
    HELD = 4
    PROCESSING = 5
    STOPPED = 6
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9

    @property
    def ended(self) -> bool:
        """Canceled, aborted or completed: CUPS will do nothing more with the job."""
        return self >= JobState.CANCELED

    @classmethod
    def of(cls, value: object) -> JobState:
        try:
            return cls(int(value))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return cls.PENDING


_SUFFIXES = ("-error", "-warning", "-report")

# printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9) grouped by what they mean here
_PAPER_OUT = {"media-empty", "media-needed"}
_PAPER_LOW = {"media-low"}
_JAM = {"media-jam"}
_COVER = {"cover-open", "door-open", "interlock-open"}
_TONER_OUT = {"toner-empty", "marker-supply-empty"}
_TONER_LOW = {"toner-low", "marker-supply-low"}
# the printer cannot take the job now: switched off, unplugged, the queue paused by a person
_OFFLINE = {"offline", "shutdown", "connecting-to-device", "timed-out", "paused", "stopped"}


def reason_keywords(reasons: Iterable[str] | str | None) -> frozenset[str]:
    """``printer-state-reasons`` as bare keywords: severity suffixes dropped, ``none`` gone.

    pycups hands a single value as a str and several as a list; both are accepted.
    """
    if reasons is None:
        return frozenset()
    items = [reasons] if isinstance(reasons, str) else list(reasons)
    out = set()
    for r in items:
        word = str(r).strip().lower()
        for suffix in _SUFFIXES:
            if word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        if word and word != "none":
            out.add(word)
    return frozenset(out)


@dataclass(frozen=True)
class PrinterCondition:
    """The printer as a flow sees it, merged from the CUPS queue and the device itself."""

    reachable: bool = True  # the CUPS server answered
    accepting: bool = True  # printer-is-accepting-jobs
    stopped: bool = False  # printer-state 5 (a person paused the queue, or a backend gave up)
    reasons: frozenset[str] = field(default_factory=frozenset)
    message: str = ""  # printer-state-message, as the driver wrote it (no personal data)

    @property
    def paper_out(self) -> bool:
        return bool(self.reasons & _PAPER_OUT)

    @property
    def paper_low(self) -> bool:
        return bool(self.reasons & _PAPER_LOW) and not self.paper_out

    @property
    def jammed(self) -> bool:
        return bool(self.reasons & _JAM)

    @property
    def cover_open(self) -> bool:
        return bool(self.reasons & _COVER)

    @property
    def toner_out(self) -> bool:
        return bool(self.reasons & _TONER_OUT)

    @property
    def toner_low(self) -> bool:
        return bool(self.reasons & _TONER_LOW) and not self.toner_out

    @property
    def offline(self) -> bool:
        """The printer cannot print now, whatever the paper: unreachable, stopped, refusing."""
        return (
            not self.reachable
            or not self.accepting
            or self.stopped
            or bool(self.reasons & _OFFLINE)
        )

    @property
    def must_wait(self) -> bool:
        """A new job would sit in the printer: hold it in CUPS instead until this clears."""
        return self.paper_out or self.jammed or self.cover_open

    def statuses(self) -> dict[str, str]:
        """One StatusEvent name per aspect (paper, cover, toner, jam, readiness)."""
        paper = PAPER_OUT if self.paper_out else PAPER_LOW if self.paper_low else PAPER_OK
        toner = TONER_OUT if self.toner_out else TONER_LOW if self.toner_low else TONER_OK
        return {
            "paper": paper,
            "cover": COVER_OPEN if self.cover_open else COVER_CLOSED,
            "toner": toner,
            "jam": PAPER_JAM if self.jammed else PAPER_JAM_CLEARED,
            "ready": PRINTER_OFFLINE if self.offline else PRINTER_READY,
        }


def merge(queue: PrinterCondition, device_reasons: Iterable[str] | None) -> PrinterCondition:
    """The queue's condition plus what the device itself reports (when it was asked)."""
    if device_reasons is None:
        return queue
    return PrinterCondition(
        queue.reachable,
        queue.accepting,
        queue.stopped,
        queue.reasons | reason_keywords(list(device_reasons)),
        queue.message,
    )
