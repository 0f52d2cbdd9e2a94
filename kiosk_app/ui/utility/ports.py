"""Where the utility screens find the published documents and the online calls.

The documents are the sync cache's last good pulls (``SyncService.published``); without sync
(a test, a terminal without network config) the form definitions shipped with the terminal are
read, and the address list and the service points are simply absent (the screens say so).
"""

from __future__ import annotations

import json
from typing import Any

from contract.results import Offline
from kiosk_app.core.paths import config_dir

_NO_SYNC = "this terminal has no connection to the central service configured"


class _Offline:
    """Every online call answers Offline (no sync configured)."""

    def __getattr__(self, name: str) -> Any:
        def call(*a: Any, **k: Any) -> Offline:
            return Offline(_NO_SYNC)

        return call


def api(win: Any) -> Any:
    online = getattr(win.ctx.sync, "online", None)
    return online if online is not None else _Offline()


def published(win: Any, name: str) -> dict[str, Any] | None:
    sync = win.ctx.sync
    if sync is not None and hasattr(sync, "published"):
        doc = sync.published(name)
        if isinstance(doc, dict):
            return doc
    if name == "utility_forms":
        try:
            data = json.loads((config_dir() / "utility" / "forms.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None
    return None
