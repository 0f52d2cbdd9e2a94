"""Where a flow screen finds its collaborators on the running window.

The sync facade (``ctx.sync``: ``.online``, ``.outbox``, ``.catalog()``, ``.wake()``) and the
device manager (``ctx.devices``) may be missing (a terminal without network config, a test):
then the online calls answer ``Offline`` and the flows offer their alternatives, never a crash.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import Any

from contract.results import Offline
from kiosk_app.core.flows.ports import CitizenApi, OutboxPort, ReceiptPrinter
from kiosk_app.core.paths import config_dir

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

    def progress_with_phone(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def rating_status(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def rating_reasons(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)


def api(win: Any) -> CitizenApi:
    online = getattr(win.ctx.sync, "online", None)
    return online if online is not None else NoApi()  # type: ignore[return-value]


def outbox(win: Any) -> OutboxPort | None:
    return getattr(win.ctx.sync, "outbox", None)


def wake(win: Any) -> None:
    """Ask the relay to send now: a citizen's record should not wait for the next tick."""
    sync = win.ctx.sync
    if sync is not None and hasattr(sync, "wake"):
        sync.wake()


def printer(win: Any) -> ReceiptPrinter | None:
    devices = win.ctx.devices
    dev = devices.get("printer") if devices is not None else None
    return dev if dev is not None and hasattr(dev, "print_receipt") else None


def device(win: Any, name: str) -> Any:
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


def catalog(win: Any) -> dict[str, Any] | None:
    """The newest catalog: the sync cache, else the snapshot shipped with the terminal."""
    sync = win.ctx.sync
    doc = sync.catalog() if sync is not None and hasattr(sync, "catalog") else None
    return doc if isinstance(doc, dict) else _snapshot()
