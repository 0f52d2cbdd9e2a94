"""Trying a release at start: the launcher keeps a new version only if it reaches its home
screen and passes the device self-test within the deadline (and keeps running the settle time);
otherwise it goes back to the previous version by itself and the reason is on record for the
heartbeat. Each test runs the real launcher in a child process on stand-in builds (conftest)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.software import boot_id

from .conftest import FACTORY_VERSION, Terminal, wait_for

pytestmark = pytest.mark.slow


def settled(term: Terminal, state: str) -> dict[str, object]:
    """The update's outcome once recorded and carried out (the journal closed)."""
    wait_for(
        lambda: term.update().get("state") == state and "journal" not in term.slots.read_state(),
        what=state,
    )
    return term.update()


def test_a_good_release_is_kept_and_runs_from_then_on(terminal: Terminal) -> None:
    terminal.stage(terminal.release("1.1.0"), settle_s=1)
    status = terminal.slots.status()
    assert (status.trial, status.running) == ("1.1.0", None)  # waiting; the package runs

    launcher = terminal.launch()
    update = settled(terminal, "committed")
    assert update["version"] == "1.1.0" and update["from_version"] == FACTORY_VERSION
    assert terminal.started() == ["1.1.0 good"]
    assert launcher.poll() is None  # the kept version keeps running under the launcher
    status = terminal.slots.status()
    assert (status.running, status.fallback, status.trial) == ("1.1.0", FACTORY_VERSION, None)

    # the next start (the nightly restart) runs it directly: no trial, no new record
    launcher.send_signal(signal.SIGTERM)
    assert launcher.wait(timeout=10) != 0  # the kiosk was stopped, the launcher passed that on
    terminal.launch()
    wait_for(lambda: len(terminal.started()) == 2, what="second start")
    assert terminal.started()[-1] == "1.1.0 good"
    assert terminal.update()["state"] == "committed"


def test_the_next_release_keeps_the_kept_one_as_fallback(terminal: Terminal) -> None:
    terminal.stage(terminal.release("1.1.0"))
    terminal.launch()
    settled(terminal, "committed")
    terminal.stop_all()
    terminal.stage(terminal.release("1.2.0"))
    terminal.launch()
    wait_for(lambda: terminal.update().get("version") == "1.2.0")
    settled(terminal, "committed")
    status = terminal.slots.status()
    assert (status.running, status.fallback) == ("1.2.0", "1.1.0")
    assert len(list((terminal.root / "software" / "releases").iterdir())) == 2  # A and B


@pytest.mark.parametrize(
    ("behaviour", "deadline", "reason"),
    [
        ("crash", 15, "it exited with status 3 before reaching its home screen"),
        ("hang", 2, "it did not reach its home screen within 2 s"),
        ("selftest-fail", 15, "the device self-test failed: printer: offline"),
    ],
)
def test_a_failing_release_is_rolled_back_by_itself(
    terminal: Terminal, behaviour: str, deadline: int, reason: str
) -> None:
    terminal.slots.note_devices(["printer", "scanner"])  # both work on the running version
    terminal.stage(terminal.release("1.1.0", behaviour), deadline_s=deadline)
    terminal.launch()
    update = settled(terminal, "rolled_back")
    assert update["version"] == "1.1.0"
    assert update["reason"] == reason
    assert update["from_version"] == FACTORY_VERSION
    # ... and the previous version is what runs now
    wait_for(lambda: terminal.started()[-1:] == [f"{FACTORY_VERSION} good"], what="fallback")
    assert terminal.started() == [f"1.1.0 {behaviour}", f"{FACTORY_VERSION} good"]
    status = terminal.slots.status()
    assert status.trial is None and status.failed == ["1.1.0"]
    assert status.running_from == "factory"
    # the same release is never tried again: versions only go up
    with pytest.raises(ProvisionError, match="rolled back here before"):
        terminal.stage(terminal.release("1.1.0"))


def test_a_release_that_dies_while_settling_is_rolled_back(terminal: Terminal) -> None:
    terminal.stage(terminal.release("1.1.0", "late-crash"), settle_s=3)
    terminal.launch()
    update = settled(terminal, "rolled_back")
    assert "exited with status 4" in str(update["reason"])
    assert "after passing its self-test" in str(update["reason"])


def test_a_device_already_broken_before_does_not_fail_the_update(terminal: Terminal) -> None:
    terminal.slots.note_devices(["scanner"])  # the printer was out already
    terminal.stage(terminal.release("1.1.0", "selftest-fail"))
    terminal.launch()
    settled(terminal, "committed")


def test_a_failed_release_rolls_back_to_the_kept_slot_not_the_package(terminal: Terminal) -> None:
    terminal.stage(terminal.release("1.1.0"))
    terminal.launch()
    settled(terminal, "committed")
    terminal.stop_all()
    terminal.stage(terminal.release("1.2.0", "crash"))
    terminal.launch()
    wait_for(lambda: terminal.started()[-1:] == ["1.1.0 good"] and len(terminal.started()) == 3)
    assert terminal.update()["from_version"] == "1.1.0"
    assert terminal.slots.status().running == "1.1.0"


def test_a_stop_during_the_trial_is_not_a_failure(terminal: Terminal) -> None:
    """systemd stopping the unit (shutdown) mid-trial: not the release's fault. The attempt
    stays counted; the next start tries again."""
    terminal.stage(terminal.release("1.1.0", "hang"), deadline_s=30)
    launcher = terminal.launch()
    wait_for(lambda: terminal.started() == ["1.1.0 hang"])
    launcher.send_signal(signal.SIGTERM)
    launcher.wait(timeout=10)
    assert terminal.update()["state"] == "trial"
    assert terminal.slots.status().trial == "1.1.0"
    assert terminal.slots.read_state()["trial"]["attempts"] == 1


def test_after_the_allowed_attempts_the_release_is_given_up(terminal: Terminal) -> None:
    terminal.stage(terminal.release("1.1.0", "hang"), deadline_s=30)
    for n in (1, 2):
        launcher = terminal.launch()
        wait_for(lambda n=n: len(terminal.started()) == n)
        os.killpg(launcher.pid, signal.SIGKILL)  # power cut during the trial, twice
        launcher.wait(timeout=10)
    terminal.launch()
    update = settled(terminal, "rolled_back")
    assert "started 2 times without finishing its trial" in str(update["reason"])
    wait_for(lambda: terminal.started()[-1:] == [f"{FACTORY_VERSION} good"])


def test_at_the_window_only(terminal: Terminal) -> None:
    """A release from the central service waits for the restart window; a start outside it
    (a crash restart in the afternoon) runs the kept version."""
    later = time.localtime(time.time() + 6 * 3600)  # a window surely not now
    window = f"{later.tm_hour:02d}:{later.tm_min:02d}"
    terminal.stage(terminal.release("1.1.0"), when="window", window=window, window_minutes=5)
    state = terminal.slots.read_state()
    state["boot_id"] = boot_id()  # this start is not the first since the machine booted
    terminal.slots.write_state(state)
    terminal.launch()
    wait_for(lambda: terminal.started() == [f"{FACTORY_VERSION} good"])
    assert terminal.slots.status().trial == "1.1.0"  # still waiting
    assert terminal.update()["state"] == "ready"


def test_the_first_start_after_a_boot_tries_it(terminal: Terminal) -> None:
    """A desk switched off at night never sees the window: its next boot is the window."""
    later = time.localtime(time.time() + 6 * 3600)
    window = f"{later.tm_hour:02d}:{later.tm_min:02d}"
    terminal.stage(terminal.release("1.1.0"), when="window", window=window, window_minutes=5)
    terminal.launch()  # no boot recorded yet: the first start of this boot
    settled(terminal, "committed")


def test_the_kiosk_command_runs_the_launcher(terminal: Terminal) -> None:
    """`kiosk update boot`, as packaging/linux/kiosk-session runs it."""
    terminal.stage(terminal.release("1.1.0"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk_app", "update", "boot"],
        env=terminal.env(),
        start_new_session=True,
        stderr=subprocess.PIPE,
    )
    terminal.procs.append(proc)
    settled(terminal, "committed")
    assert terminal.started() == ["1.1.0 good"]


def test_a_release_damaged_on_disk_is_not_tried(terminal: Terminal) -> None:
    terminal.stage(terminal.release("1.1.0"))
    trial = terminal.slots.target("trial")
    assert trial is not None
    (trial / "release.json").write_text("{not json")  # a disk fault
    terminal.launch()
    wait_for(lambda: terminal.started() == [f"{FACTORY_VERSION} good"], what="the package")
    assert terminal.update()["state"] == "refused"
    assert "damaged" in str(terminal.update()["reason"])
    assert terminal.slots.target("trial") is None
