"""The update agent: in the background of a running kiosk, ask the central service which release
this terminal may install, download it (resumably), verify it and stage it into the spare slot,
so the launcher (boot.py) can try it at the next restart window.

One round (``check``), every ``updates.check_s`` on its own thread:

1. ``GET /api/v1/updates/latest`` → verified (latest.py): signature by a metadata key this
   terminal trusts, for this terminal, not expired, not older than one already seen. A refusal
   is reported (heartbeat ``update``) and nothing else happens;
2. nothing offered, or what is offered is what runs: done. Offered something at or below the
   versions this terminal has run: refused (versions only go up). A staged release the document
   no longer offers (the roll-out was halted) is withdrawn before it is ever started;
3. download to ``software/downloads/<sha256>`` by Range requests (sync/download.py): a cut line
   resumes at the next round; size and sha256 are checked against the signed document;
4. stage (release.py): the artifact's own signature by a release key, the version again, unpack
   into the spare slot, arm it as the trial for the restart window.

Every outcome lands in ``software/state.json`` (software.py) and from there in each heartbeat.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import kiosk_app
from contract.versions import newer
from kiosk_app.core.config import KioskConfig
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.latest import verify_latest
from kiosk_app.provisioning.release import StageOptions, effective_keys, stage_release
from kiosk_app.provisioning.software import SoftwareSlots
from kiosk_app.sync.download import DownloadError, download
from kiosk_app.sync.transport import API_PREFIX, NetworkError, Transport

log = logging.getLogger(__name__)

LATEST_PATH = f"{API_PREFIX}/updates/latest"
_OK_STATES = frozenset({"open", "claimed", "enabled"})


def working_devices(states: Mapping[str, str]) -> list[str]:
    """The devices a device-state map says work (the self-test baseline)."""
    return sorted(name for name, state in states.items() if state in _OK_STATES)


class UpdateAgent:
    def __init__(
        self,
        cfg: KioskConfig,
        transport: Transport,
        slots: SoftwareSlots | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        range_bytes: int | None = None,
    ) -> None:
        self.cfg = cfg
        self.transport = transport
        self.slots = slots or SoftwareSlots()
        self.clock = clock
        self._range = range_bytes
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._progress: tuple[str, int, int] | None = None  # version, done, total
        self._said_off = False

    # ---- the thread ----------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="update-agent", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def wake(self) -> None:
        """Check now (the technician panel's "check for updates")."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.check()
            except Exception:  # the agent must never take the kiosk down
                log.exception("update check failed")
            self._wake.wait(self.cfg.updates.check_s)
            self._wake.clear()

    # ---- what the heartbeat says ---------------------------------------------------------
    def progress(self) -> tuple[str, int, int] | None:
        return self._progress

    # ---- one round -------------------------------------------------------------------------
    def _report(self, what: str, version: str | None, reason: str = "", **extra: Any) -> None:
        """Record an outcome unless it is the one already on record (no rewrite every round)."""
        with self.slots.editing() as state:
            old = state.get("update") or {}
            if (old.get("state"), old.get("version"), old.get("reason")) == (
                what,
                version,
                reason[:300],
            ):
                return
            self.slots.set_report(state, what, version, reason, **extra)
        level = logging.WARNING if what in ("refused", "withdrawn") else logging.INFO
        log.log(level, "software update", extra={"state": what, "version": version, "why": reason})

    def check(self) -> str:
        """One round; returns what happened: off, offline, refused, up-to-date, withdrawn,
        ready (staged, waiting for the window), or downloading (to be resumed)."""
        u = self.cfg.updates
        state = self.slots.read_state()
        try:
            metadata_keys = effective_keys(u, state, "metadata")
            release_keys = effective_keys(u, state, "release")
        except ProvisionError as exc:
            self._report("refused", None, f"the update keys are unusable: {exc.reason}")
            return "refused"
        if not u.enabled or not metadata_keys.keys or not release_keys.keys:
            if not self._said_off:
                self._said_off = True
                log.info("software updates off (updates.enabled, or no release/metadata keys)")
            return "off"
        try:
            r = self.transport.request("GET", LATEST_PATH)
        except NetworkError as exc:
            log.info("update check offline", extra={"kind": exc.kind})
            return "offline"
        if r.status == 404:
            return "up-to-date"  # this service publishes no releases
        if r.status != 200:
            log.warning("update check refused", extra={"status": r.status})
            return "offline" if r.status >= 500 or r.status == 429 else "refused"
        seen = (state.get("metadata") or {}).get("issued_at")
        try:
            latest = verify_latest(r.body, metadata_keys, self.cfg.terminal.id, self.clock(), seen)
        except ProvisionError as exc:
            self._report("refused", None, exc.reason)
            return "refused"
        with self.slots.editing() as fresh:
            fresh["metadata"] = {"issued_at": latest.issued_at, "expires_at": latest.expires_at}

        offer = latest.release
        trial = self.slots.slot("trial")
        if trial is not None and trial.info.source == "central":
            if offer is None or offer.version != trial.info.version:
                withdrawn = self.slots.disarm(
                    "no longer offered by the central service (the roll-out was halted or"
                    " replaced) before it was installed"
                )
                log.warning("staged release withdrawn", extra={"version": withdrawn})
                if offer is None:
                    return "withdrawn"
            else:
                return "ready"
        if offer is None:
            return "up-to-date"
        state = self.slots.read_state()
        floor = self.slots.installed_floor(state)
        if offer.version == (self.slots.status().running or kiosk_app.__version__):
            return "up-to-date"
        if not newer(offer.version, floor):
            failed = offer.version in state.get("failed", [])
            if failed:
                return "up-to-date"  # reported as rolled_back when it failed here
            self._report(
                "refused",
                offer.version,
                f"the central service offers {offer.version}, not newer than {floor} that this"
                " terminal has run; versions only go up (a downgrade is refused)",
            )
            return "refused"
        return self._fetch_and_stage(offer.version, offer.sha256, offer.size, offer.path)

    def _fetch_and_stage(self, version: str, sha256: str, size: int, path: str) -> str:
        u = self.cfg.updates
        if size > u.max_release_mb << 20:
            self._report("refused", version, f"the release is {size} bytes, over the limit")
            return "refused"
        downloads = self.slots.root / "downloads"
        dest = downloads / f"{sha256}.tar.gz"
        self._drop_other_downloads(downloads, keep=sha256)
        running = self.slots.status().running
        self._report("downloading", version, "", from_version=running, total_bytes=size)

        def progress(done: int, total: int) -> None:
            self._progress = (version, done, total)

        try:
            extra = {"range_bytes": self._range} if self._range else {}
            download(
                self.transport,
                path,
                dest,
                size,
                sha256,
                progress=progress,
                stop=self._stop,
                **extra,
            )
        except DownloadError as exc:
            if exc.kind == "offline":
                self._report("downloading", version, str(exc), from_version=running)
                return "downloading"
            self._report("refused", version, f"download failed: {exc}")
            return "refused"
        finally:
            self._progress = None
        try:
            stage_release(
                self.slots,
                dest,
                effective_keys(u, self.slots.read_state(), "release"),
                StageOptions.from_config(self.cfg, "central", "window"),
                expect=(version, sha256),
            )
        except ProvisionError as exc:
            self._report("refused", version, exc.reason)
            return "refused"
        finally:
            dest.unlink(missing_ok=True)
        log.warning("software update staged", extra={"version": version})
        return "ready"

    @staticmethod
    def _drop_other_downloads(folder: Path, keep: str) -> None:
        if not folder.is_dir():
            return
        for child in folder.iterdir():
            if not child.name.startswith(keep):
                child.unlink(missing_ok=True)


def software_report(slots: SoftwareSlots, agent: UpdateAgent | None = None) -> dict[str, Any]:
    """The heartbeat's software fields: the fallback version and the last update's outcome
    (with the bytes downloaded so far while a download runs)."""
    status = slots.status()
    update = dict(status.update) if status.update else None
    progress = agent.progress() if agent is not None else None
    if progress is not None and update is not None and update.get("version") == progress[0]:
        update["done_bytes"], update["total_bytes"] = progress[1], progress[2]
    return {"fallback_version": status.fallback, "update": update}
