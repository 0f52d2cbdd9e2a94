"""Printing a slip from a flow, with an outcome the screen can act on.

A citizen at 2 a.m. with no paper in the printer must still leave with their number: every
outcome other than ``PRINTED`` means "show it large on screen and say why", so the screen needs
only to know which sentence to add. The printer adapter keeps a job it could not finish for a
retry after a refill; a citizen's slip must not come out for the next person, so the UI's print
helper clears the printer's held jobs when the session ends.
"""

from __future__ import annotations

import logging
from concurrent.futures import TimeoutError as FutureTimeout
from enum import StrEnum

from devices.errors import CoverOpen, DeviceError, DeviceOffline, DeviceTimeout, PaperOut
from devices.printer.model import Receipt
from kiosk_app.core.flows.ports import ReceiptPrinter

log = logging.getLogger(__name__)


class PrintOutcome(StrEnum):
    PRINTED = "printed"
    NO_PRINTER = "no_printer"  # none configured, or it is not connected
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    FAILED = "failed"  # timed out or a fault


def print_slip(
    printer: ReceiptPrinter | None, receipt: Receipt, label: str, timeout_s: float = 15.0
) -> PrintOutcome:
    """Print and wait (off the GUI thread); never raises for a device problem."""
    if printer is None:
        return PrintOutcome.NO_PRINTER
    try:
        printer.print_receipt(receipt, label).result(timeout=timeout_s)
    except PaperOut:
        outcome = PrintOutcome.PAPER_OUT
    except CoverOpen:
        outcome = PrintOutcome.COVER_OPEN
    except DeviceOffline:
        outcome = PrintOutcome.NO_PRINTER
    except (DeviceTimeout, FutureTimeout):
        outcome = PrintOutcome.FAILED
    except DeviceError as exc:
        log.warning("slip not printed", extra={"label": label, "error": type(exc).__name__})
        outcome = PrintOutcome.FAILED
    else:
        return PrintOutcome.PRINTED
    log.info("slip not printed", extra={"label": label, "outcome": outcome.value})
    return outcome
