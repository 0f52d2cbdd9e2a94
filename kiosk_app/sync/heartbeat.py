"""The heartbeat: how the county sees that a terminal is alive and whether its backlog grows.

It carries versions (the running one, the fallback the terminal would go back to, and what
became of the last software update), uptime, the outbox's depth and the age of its oldest
record, the last successful sync and each device's state — and nothing personal: the whole body
goes through the masker as a last guard, in case a device state string ever quotes what it read.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import kiosk_app
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.masking import mask_mapping
from kiosk_app.sync.outbox import Outbox
from kiosk_app.sync.transport import API_PREFIX, NetworkError, Transport

log = logging.getLogger(__name__)

DeviceStates = Callable[[], Mapping[str, str]]
# {"fallback_version": ..., "update": {...}}: provisioning/agent.py software_report
Software = Callable[[], Mapping[str, Any]]
_MAX_DEVICES = 32


def _iso(t: float | None) -> str | None:
    if t is None:
        return None
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Heartbeat:
    def __init__(
        self,
        transport: Transport,
        outbox: Outbox,
        terminal_id: str,
        *,
        config_version: str | Callable[[], str] = "",
        device_states: DeviceStates | None = None,
        software: Software | None = None,
    ) -> None:
        self.transport = transport
        self._software = software
        self.outbox = outbox
        self.terminal_id = terminal_id
        self._config_version = config_version
        self._device_states = device_states
        self._started = time.monotonic()

    def payload(self) -> dict[str, Any]:
        cv = self._config_version() if callable(self._config_version) else self._config_version
        devices: dict[str, str] = {}
        if self._device_states is not None:
            try:
                states = self._device_states()
            except Exception:  # a broken device layer must not stop the heartbeat
                log.exception("device states unavailable for heartbeat")
                states = {}
            for name, state in list(states.items())[:_MAX_DEVICES]:
                devices[str(name)[:64]] = str(state)[:64]
        depth: int | None = None
        dead: int | None = None
        oldest: float | None = None
        last: float | None = None
        try:
            st = self.outbox.stats()
            depth, dead, oldest, last = (
                st.depth,
                st.dead,
                st.oldest_pending_age_s,
                st.last_success_at,
            )
        except OutboxError:
            log.warning("outbox unreadable for heartbeat")
        body = {
            "terminal_id": self.terminal_id,
            "app_version": kiosk_app.__version__,
            "config_version": str(cv),
            "uptime_s": round(time.monotonic() - self._started, 1),
            "outbox_depth": depth,
            "dead_letters": dead,
            "oldest_pending_s": None if oldest is None else round(oldest, 1),
            "last_sync_at": _iso(last),
            "devices": devices,
        }
        if self._software is not None:
            try:
                sw = self._software()
                body["fallback_version"] = sw.get("fallback_version")
                body["update"] = sw.get("update")
            except Exception:  # a damaged slot must not stop the heartbeat
                log.exception("software state unavailable for heartbeat")
        return mask_mapping(body)

    def send(self) -> bool:
        """Send one heartbeat; False when it did not arrive (nothing else to do about it)."""
        try:
            r = self.transport.request("POST", f"{API_PREFIX}/heartbeat", json_body=self.payload())
        except NetworkError as exc:
            log.info("heartbeat offline", extra={"kind": exc.kind})
            return False
        if r.status not in (200, 202, 204):
            log.warning("heartbeat refused", extra={"status": r.status})
            return False
        return True
