"""The terminal's software slots and what happened to its updates, kept so a power cut at any
moment leaves a terminal that starts.

Under ``<data dir>/software`` (a ``slots.SlotStore``)::

    releases/<name>/app/kiosk    an installed release (the frozen build), with release.json
    current  -> releases/<name>  the version kept (committed); none: the packaged ("factory") app
    previous -> releases/<name>  the version before it: the fallback
    trial    -> releases/<name>  a verified release waiting to be tried at the restart window
    state.json                   the journal below
    trial-report.json            what a version being tried says about itself (boot.py)
    devices-ok.json              the devices that work on the running version: a new version
                                 must pass the self-test on each of these (kept by the kiosk)

``state.json`` holds what links cannot: the highest version ever started (versions only go up),
the versions that failed here, how many times the armed trial was started, the last update's
outcome (reported in every heartbeat), the freshest "latest release" document seen, the release
keys handed on by committed releases, and a journal entry while a commit or a rollback is under
way. Each of those operations first writes its outcome into the journal, then moves the links;
``reconcile`` finishes a journalled operation a power cut interrupted, so the links and the
reported outcome never disagree for longer than one start.

Standard library only: the launcher reads this before every start of the kiosk.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import kiosk_app
from contract.versions import highest, newer
from kiosk_app.core.paths import data_dir
from kiosk_app.provisioning.fsutil import fsync_tree, write_atomic
from kiosk_app.provisioning.slots import SlotStore, StepHook

log = logging.getLogger(__name__)

RELEASE_INFO = "release.json"
EXECUTABLE = ("app", "kiosk")
STATE = "state.json"
TRIAL_REPORT = "trial-report.json"
DEVICES_OK = "devices-ok.json"  # the devices that work on the running version (the baseline)
MAX_FAILED = 20

# Named points of arming and of trying a release, in order; the power-cut tests stop at each.
ARM_STEPS = ("swept", "unpacking", "staged", "release-committed", "armed", "pruned")
COMMIT_STEPS = ("commit-recorded", "previous-linked", "swapped", "trial-unlinked", "pruned")
ROLLBACK_STEPS = ("rollback-recorded", "trial-unlinked", "pruned")
BOOT_STEPS = ("trial-counted", "trial-started", "trial-passed")


def software_root() -> Path:
    return data_dir() / "software"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class SlotInfo:
    """``release.json`` of an installed release: its version and how to try it."""

    version: str
    signer: str  # id of the release key that signed it
    source: Literal["central", "usb"]
    staged_at: str
    # "window": at the daily restart window (or the first start after a boot);
    # "next-start": at the next start, whenever (a technician applying from USB)
    when: Literal["window", "next-start"] = "window"
    window: str = "04:00"
    window_minutes: int = 60
    deadline_s: int = 90
    settle_s: int = 30
    trial_attempts: int = 2
    trust: dict[str, list[str]] | None = None  # contract.updates.TrustChange, applied at commit

    @classmethod
    def from_json(cls, data: bytes) -> SlotInfo:
        doc = json.loads(data)
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in doc.items() if k in known})

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False).encode()


@dataclass(frozen=True)
class Slot:
    path: Path
    info: SlotInfo

    @property
    def executable(self) -> Path:
        return self.path.joinpath(*EXECUTABLE)


@dataclass(frozen=True)
class SoftwareStatus:
    """Running and fallback version, for `kiosk provision status`, the panel and heartbeats."""

    running: str | None  # the version the launcher starts (None: the packaged one, unknown here)
    running_from: Literal["slot", "factory"]
    fallback: str | None  # what the terminal goes back to if the running one fails
    trial: str | None  # a release waiting to be tried
    update: dict[str, Any] | None  # the last UpdateReport
    high_water: str | None
    failed: list[str] = field(default_factory=list)


class SoftwareSlots(SlotStore):
    LINKS = ("current", "previous", "trial")

    def __init__(self, root: Path | None = None, on_step: StepHook | None = None) -> None:
        super().__init__(root or software_root(), on_step)
        self.state_path = self.root / STATE
        self.report_path = self.root / TRIAL_REPORT
        self.devices_path = self.root / DEVICES_OK

    # ---- reading -----------------------------------------------------------------------
    def slot(self, link: str) -> Slot | None:
        """The release a link points at, or None (no link, or a release too damaged to run)."""
        path = self.target(link)
        if path is None:
            return None
        try:
            info = SlotInfo.from_json((path / RELEASE_INFO).read_bytes())
        except (OSError, ValueError, TypeError) as exc:
            log.error("software slot unreadable", extra={"slot": link, "error": str(exc)})
            return None
        return Slot(path, info)

    def read_state(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.state_path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            # never written half (write_atomic): only a disk fault gets here; start afresh
            log.error("software state unreadable; starting afresh", extra={"error": str(exc)})
            return {}
        return doc if isinstance(doc, dict) else {}

    def write_state(self, state: dict[str, Any]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        write_atomic(self.state_path, json.dumps(state, indent=2, ensure_ascii=False).encode())
        self.adopt(self.state_path)

    @contextlib.contextmanager
    def editing(self) -> Iterator[dict[str, Any]]:
        """Read, change and write the state under the lock."""
        with self.locked():
            state = self.read_state()
            yield state
            self.write_state(state)

    def status(self) -> SoftwareStatus:
        state = self.read_state()
        cur, prev, trial = self.slot("current"), self.slot("previous"), self.slot("trial")
        factory: str | None = state.get("factory_version")
        running: str | None = factory
        source: Literal["slot", "factory"] = "factory"
        fallback: str | None = None
        if cur is not None:
            running, source = cur.info.version, "slot"
            fallback = prev.info.version if prev is not None else factory
        return SoftwareStatus(
            running=running,
            running_from=source,
            fallback=fallback,
            trial=trial.info.version if trial is not None else None,
            update=state.get("update"),
            high_water=state.get("high_water"),
            failed=list(state.get("failed", [])),
        )

    def note_devices(self, working: list[str]) -> None:
        """Record the devices that work now (the self-test baseline), if that changed."""
        data = json.dumps(sorted(working)).encode()
        try:
            if self.devices_path.read_bytes() == data:
                return
        except OSError:
            pass
        self.root.mkdir(parents=True, exist_ok=True)
        write_atomic(self.devices_path, data)

    def required_devices(self) -> list[str] | None:
        """Devices a new version must pass the self-test on: those that worked on the running
        version (a printer already broken does not fail an update); None when never recorded:
        then every enabled device."""
        try:
            doc = json.loads(self.devices_path.read_bytes())
        except (OSError, ValueError):
            return None
        return [str(d) for d in doc] if isinstance(doc, list) else None

    def installed_floor(self, state: dict[str, Any]) -> str | None:
        """A release must be above this to be installed: the highest version ever started
        here, the running one (this code's own, too), and one already waiting."""
        cur, trial = self.slot("current"), self.slot("trial")
        return highest(
            kiosk_app.__version__,
            state.get("high_water"),
            state.get("factory_version"),
            cur.info.version if cur else None,
            trial.info.version if trial else None,
        )

    # ---- reporting ---------------------------------------------------------------------
    @staticmethod
    def set_report(
        state: dict[str, Any], what: str, version: str | None, reason: str = "", **extra: Any
    ) -> dict[str, Any]:
        report = {"version": version, "state": what, "reason": reason[:300], "at": now_iso()}
        report.update({k: v for k, v in extra.items() if v is not None})
        state["update"] = report
        return report

    def report(self, what: str, version: str | None, reason: str = "", **extra: Any) -> None:
        with self.editing() as state:
            self.set_report(state, what, version, reason, **extra)

    # ---- arming (the update agent, `kiosk provision apply`) -------------------------------
    def arm(self, staging: Path, info: SlotInfo) -> Slot:
        """Make a fully unpacked, verified staging folder the trial; call under ``locked()``."""
        write_atomic(staging / RELEASE_INFO, info.to_json())
        self.adopt(staging, recursive=True)
        fsync_tree(staging)
        self._step("staged")
        final = self.place(staging, f"v{info.version}-{secrets.token_hex(3)}")
        self._step("release-committed")
        self.point("trial", final)
        self._step("armed")
        state = self.read_state()
        state["trial"] = {"slot": final.name, "attempts": 0}
        cur = self.slot("current")
        when = "at the next start" if info.when == "next-start" else f"at {info.window}"
        self.set_report(
            state,
            "ready",
            info.version,
            f"verified and installed into the spare slot; tried {when}",
            from_version=cur.info.version if cur else state.get("factory_version"),
        )
        self.write_state(state)
        self.sweep()
        self._step("pruned")
        return Slot(final, info)

    def disarm(self, reason: str) -> str | None:
        """Drop a waiting trial (the central service withdrew it); its version, or None."""
        with self.locked():
            trial = self.slot("trial")
            if trial is None:
                return None
            self.point("trial", None)
            state = self.read_state()
            state.pop("trial", None)
            self.set_report(state, "withdrawn", trial.info.version, reason)
            self.write_state(state)
            self.sweep()
            return trial.info.version

    # ---- trying a release (the launcher) -------------------------------------------------
    def reconcile(self, state: dict[str, Any]) -> None:
        """Finish a commit or rollback a power cut interrupted (its outcome is journalled)."""
        journal = state.get("journal")
        if not isinstance(journal, dict):
            return
        trial = self.target("trial")
        if trial is not None and trial.name == journal.get("slot"):
            if journal.get("op") == "commit":
                self._link_commit()
            else:
                self.point("trial", None)
                self._step("trial-unlinked")
        state.pop("journal", None)
        state.pop("trial", None)
        self.write_state(state)
        self.sweep()
        self._step("pruned")

    def _link_commit(self) -> None:
        trial, cur = self.target("trial"), self.target("current")
        assert trial is not None
        if cur != trial:
            if cur is not None:
                # previous first: a cut here leaves previous == current, the trial still armed
                self.point("previous", "current")
            self._step("previous-linked")
            self.point("current", trial)
        self._step("swapped")
        self.point("trial", None)
        self._step("trial-unlinked")

    def commit(self, trial: Slot) -> None:
        """Keep the tried release: journal the outcome, then current/previous/trial links."""
        with self.locked():
            state = self.read_state()
            cur = self.slot("current")
            was = cur.info.version if cur else state.get("factory_version")
            self.set_report(
                state,
                "committed",
                trial.info.version,
                "reached its home screen and passed the device self-test",
                from_version=was,
            )
            if trial.info.trust:
                merge_trust(state, trial.info.trust)
            state["journal"] = {"op": "commit", "slot": trial.path.name}
            self.write_state(state)
            self._step("commit-recorded")
            self.reconcile(state)

    def roll_back(self, trial: Slot, reason: str) -> None:
        """Give the tried release up: journal why, mark its version failed, drop the link."""
        with self.locked():
            state = self.read_state()
            cur = self.slot("current")
            back_to = cur.info.version if cur else state.get("factory_version")
            self.set_report(state, "rolled_back", trial.info.version, reason, from_version=back_to)
            failed = [v for v in state.get("failed", []) if v != trial.info.version]
            state["failed"] = [*failed, trial.info.version][-MAX_FAILED:]
            state["journal"] = {"op": "rollback", "slot": trial.path.name}
            self.write_state(state)
            self._step("rollback-recorded")
            self.reconcile(state)


def merge_trust(state: dict[str, Any], change: dict[str, list[str]]) -> None:
    """Accumulate the keys a committed release adds and revokes (see release.effective_keys)."""
    trust = state.setdefault("trust", {})
    for kind in ("release", "metadata"):
        added = trust.setdefault(f"{kind}_keys_add", [])
        revoked = trust.setdefault(f"{kind}_keys_revoke", [])
        for line in change.get(f"{kind}_keys_add", []):
            if line not in added:
                added.append(line)
        for kid in change.get(f"{kind}_keys_revoke", []):
            if kid not in revoked:
                revoked.append(kid)


def boot_id() -> str:
    """This boot of the machine (a new id after every power-up)."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def in_window(now: float, start: str, minutes: int) -> bool:
    """Is local time ``now`` within ``minutes`` after the daily time ``start`` ("HH:MM")?"""
    t = time.localtime(now)
    hh, mm = (int(x) for x in start.split(":"))
    since = (t.tm_hour * 60 + t.tm_min - (hh * 60 + mm)) % (24 * 60)
    return since < minutes


def due(info: SlotInfo, now: float, first_start_of_boot: bool) -> bool:
    """Should the launcher try this armed release at this start?"""
    if info.when == "next-start":
        return True
    return first_start_of_boot or in_window(now, info.window, info.window_minutes)


def is_newer(version: str, than: str | None) -> bool:
    try:
        return newer(version, than)
    except ValueError:
        return False
