"""The sync client wired together for the application: one outbox, one relay thread (which also
runs the heartbeat and the pulls), and the online calls — so the UI and the flows hold one object
and the technician panel reads one status.

Flows write through ``transaction()`` / ``enqueue()``, which wake the relay after the commit so a
record leaves at once when the network is there. Everything here is Qt-free; the UI runs the
blocking calls (``online.*``) in its task manager, never on the GUI thread.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from kiosk_app.core.config import KioskConfig, SyncConfig
from kiosk_app.core.paths import config_dir, data_dir
from kiosk_app.sync.heartbeat import DeviceStates, Heartbeat, Software
from kiosk_app.sync.online import OnlineApi
from kiosk_app.sync.outbox import DeadLetter, Enqueued, Outbox, Transaction
from kiosk_app.sync.pulls import Cached, Puller
from kiosk_app.sync.relay import Relay, SyncStatus
from kiosk_app.sync.transport import Transport


class SyncService:
    def __init__(
        self,
        terminal_id: str,
        cfg: SyncConfig,
        state_dir: str | Path,
        *,
        device_states: DeviceStates | None = None,
        config_version: str | Callable[[], str] = "",
        software: Software | None = None,
    ) -> None:
        state = Path(state_dir)
        self.terminal_id = terminal_id
        self._snapshot: dict[str, Any] | None = None
        self._shipped: dict[str, dict[str, Any]] = {}
        self.outbox = Outbox(state / "outbox.db", terminal_id)
        try:
            self._transport = Transport(cfg)
            self.puller = Puller(self._transport, state / "cache", terminal_id)
            self.heartbeat = Heartbeat(
                self._transport,
                self.outbox,
                terminal_id,
                config_version=config_version,
                device_states=device_states,
                software=software,
            )
            self.relay = Relay(
                self.outbox,
                cfg,
                transport=self._transport,
                heartbeat=self.heartbeat,
                puller=self.puller,
            )
            self.online = OnlineApi(cfg)
        except BaseException:
            self.outbox.close()
            raise

    @classmethod
    def from_config(
        cls,
        cfg: KioskConfig,
        state_dir: str | Path | None = None,
        *,
        device_states: DeviceStates | None = None,
        config_version: str | Callable[[], str] = "",
        software: Software | None = None,
    ) -> SyncService:
        """From the terminal's loaded config; state under ``<data dir>/sync`` by default."""
        return cls(
            cfg.terminal.id,
            cfg.sync,
            Path(state_dir) if state_dir is not None else data_dir() / "sync",
            device_states=device_states,
            config_version=config_version,
            software=software,
        )

    # lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        self.relay.start()

    def stop(self) -> None:
        """Stop the relay (joins its thread), close connections and the database."""
        self.relay.stop()
        self.online.close()
        self._transport.close()
        self.outbox.close()

    def __enter__(self) -> SyncService:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # writing ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Local state and records in one transaction; the relay is woken after the commit."""
        with self.outbox.transaction() as tx:
            yield tx
        self.relay.wake()

    def enqueue(
        self, type: str, payload: Mapping[str, Any], blobs: Iterable[str | Path] = ()
    ) -> Enqueued:
        rec = self.outbox.enqueue(type, payload, blobs)
        self.relay.wake()
        return rec

    def wake(self) -> None:
        """Send now (after an enqueue made outside ``enqueue``/``transaction``)."""
        self.relay.wake()

    # reading ------------------------------------------------------------------------------
    def cached(self, name: str) -> Cached | None:
        """The last good catalog / config / guide version, for offline use."""
        return self.puller.cached(name)

    def catalog(self) -> dict[str, Any] | None:
        """The newest catalog this terminal has: the last good pull, else the snapshot shipped
        with the terminal (config/catalog/catalog.json), so the catalog works with no network
        from the first day."""
        got = self.puller.cached("catalog")
        if got is not None and isinstance(got.data, dict):
            return got.data
        if self._snapshot is None:
            path = config_dir() / "catalog" / "catalog.json"
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self._snapshot = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self._snapshot = {}
        return self._snapshot or None

    def hotline_kb(self) -> dict[str, Any] | None:
        """The 12345 knowledge base: the last good pull, else the shipped snapshot
        (config/hotline/kb.json), like the catalog."""
        return self._pulled_or_shipped("hotline_kb", "kb.json")

    def hotline_matters(self) -> dict[str, Any] | None:
        """The 12345 classification (matters, tiers, place types), as ``hotline_kb``."""
        return self._pulled_or_shipped("hotline_matters", "matters.json")

    def _pulled_or_shipped(self, name: str, file: str) -> dict[str, Any] | None:
        got = self.puller.cached(name)
        if got is not None and isinstance(got.data, dict):
            return got.data
        shipped = self._shipped.get(name)
        if shipped is None:
            try:
                data = json.loads((config_dir() / "hotline" / file).read_text(encoding="utf-8"))
                shipped = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                shipped = {}
            self._shipped[name] = shipped
        return shipped or None

    def published(self, name: str) -> dict[str, Any] | None:
        """The last good pull of a published document (``utility_forms``, ``addresses``,
        ``service_points``); the form definitions fall back to the ones shipped with the
        terminal (config/utility/forms.json), so 报装 works offline from the first day."""
        got = self.puller.cached(name)
        if got is not None and isinstance(got.data, dict):
            return got.data
        if name == "utility_forms":
            try:
                data = json.loads((config_dir() / "utility" / "forms.json").read_text("utf-8"))
            except (OSError, ValueError):
                return None
            return data if isinstance(data, dict) else None
        return None

    def wait_sent(self, timeout_s: float) -> bool:
        """Wait (off the GUI thread) until the outbox is empty or ``timeout_s`` passed: a slip
        can then say "sent" rather than "received, will be sent". True when it emptied."""
        return self.relay.wait_idle(timeout_s)

    # technician panel ---------------------------------------------------------------------
    def status(self) -> SyncStatus:
        return self.relay.status()

    def sync_now(self) -> None:
        self.relay.wake()

    def dead_letters(self) -> list[DeadLetter]:
        return self.outbox.dead_letters()

    def retry_dead(self, key: str | None = None) -> int:
        n = self.outbox.retry_dead(key)
        self.relay.wake()
        return n

    def discard_dead(self, key: str | None = None) -> int:
        return self.outbox.discard_dead(key)
