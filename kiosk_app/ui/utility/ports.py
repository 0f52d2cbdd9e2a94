"""Where the utility screens find the published documents and the online calls.

The documents are the sync cache's last good pulls (``SyncService.published``); without sync
(a test, a terminal without network config) the form definitions shipped with the terminal are
read, and the address list and the service points are simply absent (the screens say so).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from contract.results import Offline
from kiosk_app.core.paths import config_dir
from kiosk_app.ui.flows.ports import NoApi

if TYPE_CHECKING:
    from kiosk_app.core.flows.utility import UtilityApi
    from kiosk_app.ui.screens.base import Shell

_NO_SYNC = "this terminal has no connection to the central service configured"


class _Offline(NoApi):
    """Every online call answers Offline (no sync configured)."""

    def survey_slots(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def hold_slot(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def release_hold(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def new_upload(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)

    def upload_status(self, *a: Any, **k: Any) -> Offline:
        return Offline(_NO_SYNC)


def api(win: Shell) -> UtilityApi:
    sync = win.ctx.sync
    # OnlineApi has every call; SyncPort names it only as TerminalApi, because core's ports
    # cannot import the utility flow that declares UtilityApi (the flow imports the ports)
    return cast("UtilityApi", sync.online if sync is not None else _Offline())


def published(win: Shell, name: str) -> dict[str, Any] | None:
    sync = win.ctx.sync
    if sync is not None:
        return sync.published(name)  # falls back to the shipped forms itself
    if name == "utility_forms":
        try:
            data = json.loads((config_dir() / "utility" / "forms.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None
    return None
