"""The launcher: what systemd's kiosk session starts (`kiosk update boot`), before the kiosk.

It plays the part a bootloader plays for A/B updaters (RAUC, Mender): it runs the committed
version, or — when a verified release waits in the ``trial`` slot and it is the restart window —
tries the new one and keeps it only if it proves itself:

1. count the attempt in the journal (a power cut during the trial leaves it counted; after
   ``trial_attempts`` cut-short starts the release is given up);
2. start the new version with ``KIOSK_TRIAL_REPORT`` set; the kiosk writes there when it reaches
   its home screen and again with its device self-test (kiosk_app/services.py ``TrialReport``);
3. keep it (commit) when both arrive within ``deadline_s`` and the self-test passes for every
   device that worked before the update, and the process then keeps running ``settle_s``; it
   stays this process's child for the rest of its life (signals are passed on);
4. otherwise — it exited or crashed, hung before its home screen, failed the self-test — stop
   it, journal the reason (the heartbeat reports it), and exec the previous version in its place.

The launcher is the packaged ("factory") build's own code, not the release's: a broken release
cannot break the thing that takes it back. It imports the standard library and the light modules
of this package only, so a plain start costs a few milliseconds before the exec. Its steps are
named (software.BOOT_STEPS …) for the power-cut tests.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

import kiosk_app
from contract.versions import highest
from kiosk_app.core.sdnotify import notify
from kiosk_app.provisioning.slots import StepHook
from kiosk_app.provisioning.software import (
    Slot,
    SoftwareSlots,
    boot_id,
    due,
    is_newer,
    now_iso,
)

log = logging.getLogger(__name__)

REPORT_ENV = "KIOSK_TRIAL_REPORT"
DEVICES_ENV = "KIOSK_TRIAL_DEVICES"  # comma-separated names, or "*": every enabled device
DEADLINE_ENV = "KIOSK_TRIAL_DEADLINE"  # wall-clock epoch seconds
FACTORY_ENV = "KIOSK_FACTORY_APP"  # a folder holding the packaged `kiosk` (tests, odd layouts)
STOP_GRACE_S = 5.0
_POLL_S = 0.05


def factory_argv() -> list[str]:
    """How to run the packaged kiosk: the frozen executable this launcher is, else this
    interpreter's module (a development checkout), or $KIOSK_FACTORY_APP/kiosk."""
    folder = os.environ.get(FACTORY_ENV)
    if folder:
        return [str(Path(folder) / "kiosk")]
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "kiosk_app"]


def _runnable(slot: Slot | None) -> bool:
    return slot is not None and os.access(slot.executable, os.X_OK)


@dataclass(frozen=True)
class Plan:
    argv: list[str]  # what to exec when there is nothing to try (or after a rollback)
    version: str | None
    trial: Slot | None = None
    give_up: str | None = None  # a trial to roll back without starting it, and why


def plan_start(slots: SoftwareSlots, now: float, boot: str, factory_version: str) -> Plan:
    """Decide this start under the lock; count a trial attempt before anything runs."""
    with slots.locked():
        state = slots.read_state()
        slots.reconcile(state)
        state["factory_version"] = factory_version
        first_start_of_boot = state.get("boot_id") != boot
        state["boot_id"] = boot
        cur, prev = slots.slot("current"), slots.slot("previous")
        if _runnable(cur):
            assert cur is not None
            argv, version = [str(cur.executable)], cur.info.version
        else:
            if cur is not None or slots.target("current") is not None:
                log.error("the current software slot cannot run; starting the fallback")
            if _runnable(prev):
                assert prev is not None
                argv, version = [str(prev.executable)], prev.info.version
            else:
                argv, version = factory_argv(), factory_version
        trial = slots.slot("trial")
        plan = Plan(argv, version)
        if trial is None and slots.target("trial") is not None:
            # its release.json is unreadable: nothing to try; drop it so it is swept
            slots.point("trial", None)
            slots.set_report(state, "refused", None, "the waiting release was damaged on disk")
        if trial is not None and trial.path == slots.target("current"):
            slots.point("trial", None)  # a commit finished but for this link
        elif trial is not None:
            counted = state.get("trial") or {}
            same = counted.get("slot") == trial.path.name
            attempts = int(counted.get("attempts", 0)) if same else 0
            if not _runnable(trial):
                plan = Plan(argv, version, trial, "its files are damaged (no runnable app/kiosk)")
            elif not is_newer(trial.info.version, version):
                plan = Plan(argv, version, trial, f"it is not newer than the running {version}")
            elif attempts >= trial.info.trial_attempts:
                plan = Plan(
                    argv,
                    version,
                    trial,
                    f"it was started {attempts} times without finishing its trial"
                    " (power cut or restart during the trial)",
                )
            elif due(trial.info, now, first_start_of_boot):
                state["trial"] = {"slot": trial.path.name, "attempts": attempts + 1}
                state["high_water"] = highest(state.get("high_water"), trial.info.version)
                slots.set_report(
                    state,
                    "trial",
                    trial.info.version,
                    f"started (attempt {attempts + 1} of {trial.info.trial_attempts})",
                    from_version=version,
                )
                plan = Plan(argv, version, trial)
        slots.write_state(state)
    if plan.trial is not None and plan.give_up is None:
        slots._step("trial-counted")
    return plan


def read_report(path: Path) -> dict[str, Any] | None:
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None  # not written yet (written atomically: never half)
    return doc if isinstance(doc, dict) else None


def self_test_failures(results: object, required: list[str] | None) -> list[str]:
    """``"printer: offline"`` for each required device that did not pass."""
    if not isinstance(results, dict):
        return ["the self-test result is unreadable"]
    names = sorted(results) if required is None else required
    bad = []
    for name in names:
        outcome = results.get(name, "not reported")
        if outcome != "ok":
            bad.append(f"{name}: {str(outcome).removeprefix('failed: ')[:80]}")
    return bad


def _how_it_ended(code: int) -> str:
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with status {code}"


class Trial:
    """One start of a release under watch; ``run`` returns the reason it failed, or None."""

    def __init__(
        self,
        slots: SoftwareSlots,
        slot: Slot,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.slots = slots
        self.slot = slot
        self.clock = clock
        self.child: subprocess.Popen[bytes] | None = None
        self.stopped_by: int | None = None  # a stop signal the launcher received
        self.required = slots.required_devices()

    def _env(self) -> dict[str, str]:
        info = self.slot.info
        env = dict(os.environ)
        env[REPORT_ENV] = str(self.slots.report_path)
        env[DEVICES_ENV] = "*" if self.required is None else ",".join(self.required)
        env[DEADLINE_ENV] = f"{time.time() + info.deadline_s:.3f}"
        return env

    def _forward(self, signum: int, _frame: FrameType | None) -> None:
        self.stopped_by = signum
        if self.child is not None and self.child.poll() is None:
            self.child.send_signal(signum)

    def start(self) -> None:
        info = self.slot.info
        self.slots.report_path.unlink(missing_ok=True)
        # systemd waits TimeoutStartSec for READY=1: give the new version its deadline, and
        # the previous one time to start after it (sd_notify EXTEND_TIMEOUT_USEC, systemd ≥ 236)
        notify(f"EXTEND_TIMEOUT_USEC={(info.deadline_s + info.settle_s + 60) * 1_000_000}")
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self._forward)
        self.child = subprocess.Popen([str(self.slot.executable)], env=self._env())
        self.slots._step("trial-started")

    def watch(self) -> str | None:
        """Wait for the verdict: None when the release proved itself, else why not."""
        assert self.child is not None
        info = self.slot.info
        deadline = self.clock() + info.deadline_s
        passed_at: float | None = None
        report: dict[str, Any] | None = None
        while True:
            code = self.child.poll()
            if code is not None:
                if passed_at is not None:
                    return (
                        f"it {_how_it_ended(code)} {self.clock() - passed_at:.0f} s after"
                        f" passing its self-test (it must keep running {info.settle_s} s)"
                    )
                where = "after reaching" if report and report.get("home_at") else "before reaching"
                return f"it {_how_it_ended(code)} {where} its home screen"
            if self.stopped_by is not None:
                return None  # the unit is being stopped: neither kept nor failed (see run)
            if passed_at is None:
                report = read_report(self.slots.report_path)
                if report and report.get("home_at") and "self_test" in report:
                    bad = self_test_failures(report["self_test"], self.required)
                    if bad:
                        return "the device self-test failed: " + "; ".join(bad)
                    passed_at = self.clock()
                    self.slots._step("trial-passed")
                elif self.clock() > deadline:
                    if report and report.get("home_at"):
                        return (
                            "it reached its home screen but did not finish the device"
                            f" self-test within {info.deadline_s} s"
                        )
                    return f"it did not reach its home screen within {info.deadline_s} s"
            elif self.clock() - passed_at >= info.settle_s:
                return None
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.child.wait(timeout=_POLL_S)

    def stop_child(self) -> None:
        if self.child is None or self.child.poll() is not None:
            return
        self.child.terminate()
        try:
            self.child.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            self.child.kill()
            self.child.wait()


def exec_app(argv: list[str]) -> NoReturn:
    for name in (REPORT_ENV, DEVICES_ENV, DEADLINE_ENV):
        os.environ.pop(name, None)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(argv[0], argv)  # noqa: S606 - the kiosk's own executable, no shell


def boot(
    slots: SoftwareSlots | None = None,
    *,
    factory_version: str = kiosk_app.__version__,
    on_step: StepHook | None = None,
) -> int:
    """Start the kiosk (never returns but by exec) or try a release first; see the module."""
    slots = slots or SoftwareSlots(on_step=on_step)
    plan = plan_start(slots, time.time(), boot_id(), factory_version)
    if plan.trial is not None and plan.give_up is not None:
        slots.roll_back(plan.trial, plan.give_up)
        log.error("release given up", extra={"version": plan.trial.info.version})
        print(f"kiosk: {plan.trial.info.version} given up: {plan.give_up}", file=sys.stderr)
    if plan.trial is None or plan.give_up is not None:
        exec_app(plan.argv)
    trial = Trial(slots, plan.trial)
    try:
        trial.start()
    except OSError as exc:
        slots.roll_back(plan.trial, f"it could not be started ({exc.strerror or exc})")
        exec_app(plan.argv)
    verdict = trial.watch()
    version = plan.trial.info.version
    if verdict is None and trial.stopped_by is None:
        slots.commit(plan.trial)
        print(f"kiosk: {version} kept ({now_iso()})", file=sys.stderr)
        assert trial.child is not None
        return _exit_code(trial.child.wait())
    if trial.stopped_by is not None:
        # systemd stops the unit (shutdown, the restart timer): not the release's fault; the
        # attempt stays counted and the next start tries again or gives up
        trial.stop_child()
        assert trial.child is not None
        return _exit_code(trial.child.wait())
    assert verdict is not None
    trial.stop_child()
    slots.roll_back(plan.trial, verdict)
    print(f"kiosk: {version} rolled back: {verdict}", file=sys.stderr)
    exec_app(plan.argv)


def _exit_code(code: int) -> int:
    return 128 - code if code < 0 else code


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s kiosk-boot %(message)s")
    return boot()
