"""Where the A4 screens find the printer and the copy limit on the running window."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # the home tile asks has_a4 at start: no flow module is imported for it
    from kiosk_app.core.context import AppContext
    from kiosk_app.core.flows.ports import A4Printer
    from kiosk_app.ui.screens.base import Shell

DEVICE = "a4_printer"


def a4_printer(win: Shell) -> A4Printer | None:
    """The site's A4 printer (``[devices.a4_printer]``), or None: the flows then keep to the
    receipt printer (checklist) or do not offer printing at all (licence copy, proofs)."""
    return _printer(win.ctx)


def has_a4(ctx: AppContext) -> bool:
    return _printer(ctx) is not None


def _printer(ctx: AppContext) -> A4Printer | None:
    dev = ctx.devices.get(DEVICE) if ctx.devices is not None else None
    # the protocol's method looked up by name: an isinstance check against A4Printer would
    # import the flows' ports at start, for the home tile alone
    return cast("A4Printer", dev) if dev is not None and hasattr(dev, "print_pdf") else None


def max_copies(win: Shell) -> int:
    return int(win.ctx.config.a4.max_copies)
