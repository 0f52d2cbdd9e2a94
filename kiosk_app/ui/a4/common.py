"""Where the A4 screens find the printer and the copy limit on the running window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the home tile asks has_a4 at start: no flow module is imported for it
    from kiosk_app.core.flows.ports import A4Printer

DEVICE = "a4_printer"


def a4_printer(win: Any) -> A4Printer | None:
    """The site's A4 printer (``[devices.a4_printer]``), or None: the flows then keep to the
    receipt printer (checklist) or do not offer printing at all (licence copy, proofs)."""
    devices = getattr(win.ctx, "devices", None)
    dev = devices.get(DEVICE) if devices is not None else None
    return dev if dev is not None and hasattr(dev, "print_pdf") else None


def has_a4(ctx: Any) -> bool:
    devices = getattr(ctx, "devices", None)
    dev = devices.get(DEVICE) if devices is not None else None
    return dev is not None and hasattr(dev, "print_pdf")


def max_copies(win: Any) -> int:
    return int(win.ctx.config.a4.max_copies)
