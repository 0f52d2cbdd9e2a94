"""What a running terminal holds: its config, the citizen's session, the PIN guard, and the
services later layers attach (device manager, sync client). Qt-free so the headless tools and
tests build the same object the kiosk does."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk_app.core.config import KioskConfig, LoadedConfig
from kiosk_app.core.flows.ports import SyncPort
from kiosk_app.core.pin import PinGuard
from kiosk_app.core.session import Session

if TYPE_CHECKING:
    from devices.manager import DeviceManager


@dataclass
class AppContext:
    loaded: LoadedConfig
    session: Session
    pin_guard: PinGuard
    data_dir: Path
    demo: bool = False
    started_at: float = field(default_factory=time.time)
    devices: DeviceManager | None = None  # once the services start (kiosk_app.services)
    sync: SyncPort | None = None  # kiosk_app.sync.service.SyncService once started
    services: dict[str, Any] = field(default_factory=dict)  # demo simulators, central, ...

    @property
    def config(self) -> KioskConfig:
        return self.loaded.config

    @classmethod
    def create(cls, loaded: LoadedConfig, data_dir: Path, demo: bool = False) -> AppContext:
        cfg = loaded.config
        guard = PinGuard(
            cfg.technician.pin_hash,
            data_dir / "pin-state.json",
            max_attempts=cfg.technician.max_attempts,
            lockout_s=cfg.technician.lockout_s,
        )
        session = Session(temp_root=data_dir / "session-tmp")
        return cls(loaded=loaded, session=session, pin_guard=guard, data_dir=data_dir, demo=demo)
