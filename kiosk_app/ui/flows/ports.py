"""Where a flow screen finds its collaborators on the running window.

The sync facade (``ctx.sync``: ``.online``, ``.outbox``, ``.catalog()``, ``.wake()``) and the
device manager (``ctx.devices``) may be missing (a terminal without network config, a test):
then the online calls answer ``Offline`` and the flows offer their alternatives, never a crash.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from contract.results import Offline
from kiosk_app.core.flows.ports import OutboxPort, ReceiptPrinter, TerminalApi
from kiosk_app.core.paths import config_dir

if TYPE_CHECKING:
    from devices.base import Device
    from kiosk_app.ui.screens.base import Shell

log = logging.getLogger(__name__)

_NO_SYNC = "this terminal has no connection to the central service configured"


class NoApi:
    """Stands in for the online API when sync is not configured: everything is offline."""

    def lookup_appointment(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def check_in(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def issue_ticket(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def redeem_authorization(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def workorder_status(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def progress(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def fetch_proof(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def resolve_eid(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def send_sms_code(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def check_sms_code(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def video_status(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def progress_with_phone(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def repeat_check(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def rating_status(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def rating_reasons(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)


def api(win: Shell) -> TerminalApi:
    sync = win.ctx.sync
    return sync.online if sync is not None else NoApi()


def outbox(win: Shell) -> OutboxPort | None:
    sync = win.ctx.sync
    return sync.outbox if sync is not None else None


def wake(win: Shell) -> None:
    """Ask the relay to send now: a citizen's record should not wait for the next tick."""
    sync = win.ctx.sync
    if sync is not None:
        sync.wake()


def printer(win: Shell) -> ReceiptPrinter | None:
    dev = device(win, "printer")
    return dev if isinstance(dev, ReceiptPrinter) else None


def device(win: Shell, name: str) -> Device | None:
    devices = win.ctx.devices
    return devices.get(name) if devices is not None else None


@lru_cache(maxsize=1)
def _snapshot() -> dict[str, Any] | None:
    path = config_dir() / "catalog" / "catalog.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.exception("catalog snapshot unreadable")
        return None
    return doc if isinstance(doc, dict) else None


def catalog(win: Shell) -> dict[str, Any] | None:
    """The newest catalog: the sync cache, else the snapshot shipped with the terminal."""
    sync = win.ctx.sync
    doc = sync.catalog() if sync is not None else None
    return doc if isinstance(doc, dict) else _snapshot()
