"""Start and stop what a running terminal holds besides its window: the devices and the sync
service. Qt-free, so the kiosk, the headless demo and the tests start them the same way."""

from __future__ import annotations

import logging

from devices.manager import DeviceManager
from kiosk_app import __version__
from kiosk_app.core.context import AppContext
from kiosk_app.sync.errors import OutboxError
from kiosk_app.sync.service import SyncService
from kiosk_app.sync.transport import SyncConfigError

log = logging.getLogger(__name__)


def device_states(ctx: AppContext) -> dict[str, str]:
    """Logical device name -> state, for heartbeats and the technician panel (no personal data)."""
    if ctx.devices is None:
        return {}
    return {name: str(state.value) for name, state in ctx.devices.states().items()}


def start_services(ctx: AppContext) -> None:
    cfg = ctx.config
    ctx.devices = DeviceManager(cfg.devices)
    ctx.devices.start_all()  # never waits for hardware: adapters connect on their own threads
    for name, problem in ctx.devices.problems.items():
        log.warning("device unavailable", extra={"device": name, "reason": problem})
    for dev in ctx.devices:
        # a receipt held for retry (paper out) carries the citizen's data: it goes with them
        clear = getattr(dev, "clear_held", None)
        if callable(clear):
            ctx.session.register_wiper(f"held-jobs:{dev.name}", clear)
    if not cfg.sync.token:
        log.warning("sync.token is empty: the central service will refuse this terminal")
    try:
        ctx.sync = SyncService.from_config(
            cfg,
            ctx.data_dir / "sync",
            device_states=lambda: device_states(ctx),
            config_version=f"{__version__}/{cfg.profile or '-'}",
        )
    except (SyncConfigError, OutboxError) as exc:
        # the kiosk still serves what works offline; the technician panel says sync is off
        log.error("sync not started", extra={"reason": str(exc)})
        ctx.sync = None
        return
    ctx.sync.start()


def stop_services(ctx: AppContext) -> None:
    if ctx.sync is not None:
        ctx.sync.stop()
        ctx.sync = None
    if ctx.devices is not None:
        ctx.devices.close_all()
        ctx.devices = None
