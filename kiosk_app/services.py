"""Start and stop what a running terminal holds besides its window: the devices and the sync
service. Qt-free, so the kiosk, the headless demo and the tests start them the same way."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import msgspec

from devices.manager import DeviceManager
from kiosk_app import __version__
from kiosk_app.core.context import AppContext
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.pin import PinLockout
from kiosk_app.provisioning import installer_for
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.manifest import IDENTITY, Identity
from kiosk_app.provisioning.push import PendingConfig
from kiosk_app.sync.service import SyncService
from kiosk_app.sync.transport import SyncConfigError

log = logging.getLogger(__name__)


def device_states(ctx: AppContext) -> dict[str, str]:
    """Logical device name -> state, for heartbeats and the technician panel (no personal data)."""
    if ctx.devices is None:
        return {}
    return {name: str(state.value) for name, state in ctx.devices.states().items()}


def installed_token(site_file: Path) -> str:
    """The API token a provisioning bundle installed beside the site config
    (install/current/config/site.toml → install/current/identity.json), or ""."""
    identity = site_file.resolve().parent.parent / IDENTITY
    try:
        return Identity.model_validate_json(identity.read_bytes()).token
    except (OSError, ValueError):
        return ""


def start_devices_calibration(ctx: AppContext) -> None:
    """A document camera keeps its learned empty mat (the technician's "learn empty mat")
    under the data dir, unless its config names a file."""
    for dev in ctx.devices or ():
        calibrate = getattr(dev, "use_calibration_file", None)
        if callable(calibrate) and getattr(dev, "calibration_file", None) is None:
            calibrate(ctx.data_dir / "calibration" / f"{dev.name}-mat.npz")


def report_pin_lockout(ctx: AppContext, lock: PinLockout, staff_id: str | None = None) -> None:
    """A locked PIN pad, as a ``pin.locked`` event: the fleet sees a terminal being guessed at.
    Without sync it is only logged (the lockout itself holds either way)."""
    log.warning(
        "PIN pad locked",
        extra={"staff_id": staff_id, "failures": lock.failures, "locked_for_s": lock.locked_for_s},
    )
    if ctx.sync is None:
        return
    payload = {
        "who": "staff" if staff_id else "technician",
        "failures": lock.failures,
        "locked_for_s": lock.locked_for_s,
    }
    if staff_id:
        payload["staff_id"] = staff_id
    ctx.sync.outbox.enqueue("pin.locked", payload)


def start_services(ctx: AppContext) -> None:
    cfg = ctx.config
    if not cfg.sync.token and len(ctx.loaded.files) > 1:
        token = installed_token(ctx.loaded.files[-1])
        if token:
            cfg = msgspec.structs.replace(cfg, sync=msgspec.structs.replace(cfg.sync, token=token))
    ctx.devices = DeviceManager(cfg.devices)
    start_devices_calibration(ctx)
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
    ctx.pin_guard.on_lockout = lambda lock: report_pin_lockout(ctx, lock)
    ctx.sync.start()


def warm_up(ctx: AppContext) -> None:
    """Build what the first citizen would otherwise wait for — the catalog's search index (and
    the pinyin dictionary behind it) — while the terminal shows its attract screen."""
    if ctx.sync is None:
        return
    catalog = ctx.sync.catalog()
    if catalog:
        from kiosk_app.core.catalog_search import index_for

        index_for(catalog)


def stop_services(ctx: AppContext) -> None:
    if ctx.sync is not None:
        ctx.sync.stop()
        ctx.sync = None
    if ctx.devices is not None:
        ctx.devices.close_all()
        ctx.devices = None


def running_self_test(ctx: AppContext) -> Callable[[Path], dict[str, str]]:
    """The provisioning self-test on the devices this kiosk already holds open (a second
    process could not open the same serial ports)."""

    def run(_site: Path) -> dict[str, str]:
        if ctx.devices is None:
            return {}
        results: dict[str, str] = {}
        for dev in ctx.devices:
            r = dev.test_transaction()
            results[dev.name] = "ok" if r.ok else f"failed: {r.message[:120]}"
        return results

    return run


def apply_pushed_config(ctx: AppContext) -> bool:
    """At an idle moment: install a signed config the central service pushed, if newer.

    True when a new config was installed (the kiosk restarts to use it). Never mid-session:
    the UI calls this only after a session ended.
    """
    if ctx.sync is None:
        return False
    cached = ctx.sync.cached("config")
    if cached is None or not isinstance(cached.data, dict):
        return False
    installer = installer_for(ctx.config)
    if installer.current() is None:
        return False  # not provisioned from a bundle: nothing to apply a push onto
    pending = PendingConfig(installer)
    try:
        if pending.offer(json.dumps(cached.data).encode()) == "up-to-date":
            return False
        return pending.apply_pending() is not None
    except ProvisionError as exc:
        log.warning("pushed config refused", extra={"reason": str(exc)})
        return False
