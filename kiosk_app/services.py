"""Start and stop what a running terminal holds besides its window: the devices and the sync
service. Qt-free, so the kiosk, the headless demo and the tests start them the same way."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from devices.manager import DeviceManager
from kiosk_app import __version__
from kiosk_app.core.config import KioskConfig, LoadedConfig
from kiosk_app.core.context import AppContext
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.pin import PinLockout
from kiosk_app.provisioning import installer_for
from kiosk_app.provisioning.agent import UpdateAgent, software_report, working_devices
from kiosk_app.provisioning.boot import DEADLINE_ENV, DEVICES_ENV, REPORT_ENV
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.fsutil import write_atomic
from kiosk_app.provisioning.manifest import IDENTITY, Identity
from kiosk_app.provisioning.push import PendingConfig
from kiosk_app.provisioning.software import SoftwareSlots
from kiosk_app.sync.service import SyncService
from kiosk_app.sync.transport import SyncConfigError, Transport

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


def with_installed_token(loaded: LoadedConfig) -> KioskConfig:
    """The config, with the API token of the installed bundle when the site file has none."""
    cfg = loaded.config
    if not cfg.sync.token and len(loaded.files) > 1:
        token = installed_token(loaded.files[-1])
        if token:
            cfg = msgspec.structs.replace(cfg, sync=msgspec.structs.replace(cfg.sync, token=token))
    return cfg


def start_services(ctx: AppContext) -> None:
    cfg = with_installed_token(ctx.loaded)
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
    slots = SoftwareSlots(ctx.data_dir / "software")

    def states() -> dict[str, str]:
        found = device_states(ctx)
        # the self-test baseline a new version is held to: what works on this one
        slots.note_devices(working_devices(found))
        return found

    try:
        ctx.sync = SyncService.from_config(
            cfg,
            ctx.data_dir / "sync",
            device_states=states,
            config_version=f"{__version__}/{cfg.profile or '-'}",
            software=lambda: software_report(slots, ctx.services.get("updates")),
        )
    except (SyncConfigError, OutboxError) as exc:
        # the kiosk still serves what works offline; the technician panel says sync is off
        log.error("sync not started", extra={"reason": str(exc)})
        ctx.sync = None
        return
    ctx.pin_guard.on_lockout = lambda lock: report_pin_lockout(ctx, lock)
    ctx.sync.start()
    agent = UpdateAgent(cfg, Transport(cfg.sync), slots)
    ctx.services["updates"] = agent
    agent.start()


def warm_up(ctx: AppContext) -> None:
    """Build what the first citizen would otherwise wait for — the catalog's search index (and
    the pinyin dictionary behind it) — while the terminal shows its attract screen."""
    if ctx.sync is None:
        return
    catalog = ctx.sync.catalog()
    if catalog:
        from kiosk_app.core.catalog_search import index_for

        index_for(catalog)
    kb = ctx.sync.hotline_kb()  # the 12345 answers shown as the citizen types (issue 17)
    if kb:
        from kiosk_app.core.hotline_kb import kb_index

        kb_index(kb)


def stop_services(ctx: AppContext) -> None:
    agent = ctx.services.pop("updates", None)
    if isinstance(agent, UpdateAgent):
        agent.stop()
        agent.transport.close()
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


class TrialReport:
    """How this version is doing while the launcher tries it (provisioning/boot.py).

    The launcher sets ``KIOSK_TRIAL_REPORT`` when it starts a new release; the kiosk writes there
    once its home screen is up and services are started (``home``), then the device self-test
    (``self_test``): each required device's cheap health check (UnifiedPOS: in service, no test
    print at 4 a.m.), waited for until shortly before the launcher's deadline, since devices come
    online on their own threads. The launcher decides; nothing here commits anything.
    """

    def __init__(self, path: Path, devices: str, deadline: float) -> None:
        self.path = path
        self.devices = devices
        self.deadline = deadline
        self.home_at: str | None = None

    @classmethod
    def from_env(cls) -> TrialReport | None:
        path = os.environ.get(REPORT_ENV)
        if not path:
            return None
        try:
            deadline = float(os.environ.get(DEADLINE_ENV, ""))
        except ValueError:
            deadline = time.time() + 60
        return cls(Path(path), os.environ.get(DEVICES_ENV, "*"), deadline)

    def _write(self, doc: dict[str, object]) -> None:
        try:
            write_atomic(self.path, json.dumps(doc, ensure_ascii=False).encode())
        except OSError as exc:  # the launcher then decides on its deadline
            log.error("trial report not written", extra={"error": str(exc)})

    def home(self) -> None:
        self.home_at = datetime.now(UTC).isoformat(timespec="milliseconds")
        self._write({"version": __version__, "home_at": self.home_at})
        log.warning("trying this version: home screen reached", extra={"version": __version__})

    def self_test(
        self, ctx: AppContext, poll_s: float = 0.2, clock: Callable[[], float] = time.time
    ) -> dict[str, str]:
        """Wait for the required devices (or the deadline, or the services stopping), then
        write every device's result; returns it."""
        waiter = threading.Event()
        margin = 3.0  # leave the launcher time to read the answer before its deadline
        while True:
            mgr = ctx.devices
            if mgr is None:
                return {}  # services stopped: the kiosk is going down
            health = mgr.health()
            names = sorted(health) if self.devices == "*" else self.devices.split(",")
            names = [n for n in names if n]
            if all(n in health and health[n].ok for n in names) or clock() > self.deadline - margin:
                break
            waiter.wait(poll_s)
        results: dict[str, str] = {}
        for name in sorted(set(names) | set(health)):
            h = health.get(name)
            if h is None:
                why = mgr.problems.get(name, "not configured in this version")
                results[name] = f"failed: not started ({why})"[:200]
            elif h.ok:
                results[name] = "ok"
            else:
                results[name] = (
                    f"failed: {h.state.value}{' · ' + h.last_error if h.last_error else ''}"[:200]
                )
        self._write({"version": __version__, "home_at": self.home_at, "self_test": results})
        log.warning("trying this version: self-test done", extra={"results": results})
        return results
