"""Where the A4 screens find the printer and the copy limit on the running window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk_app.core.flows.ports import A4Printer

if TYPE_CHECKING:
    from kiosk_app.core.context import AppContext
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
    return dev if isinstance(dev, A4Printer) else None


def max_copies(win: Shell) -> int:
    return int(win.ctx.config.a4.max_copies)
