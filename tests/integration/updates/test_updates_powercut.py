"""A power cut (SIGKILL of everything) at every step of installing a release leaves a terminal
that starts: staging it into the spare slot, counting the trial, starting it, keeping it, or
giving it up. After the cut the launcher runs again, as at the next boot, and a whole version
starts — its files exactly the ones its signed manifest lists — and the update ends as it
should: kept when the release is good, rolled back when it is not."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from contract.updates import ReleaseManifest
from kiosk_app.provisioning.keys import public_line
from kiosk_app.provisioning.software import (
    ARM_STEPS,
    BOOT_STEPS,
    COMMIT_STEPS,
    ROLLBACK_STEPS,
)

from .conftest import FACTORY_VERSION, Terminal, wait_for

pytestmark = pytest.mark.slow

STAGE_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from kiosk_app.provisioning.keys import TrustedKeys, parse_public
    from kiosk_app.provisioning.release import StageOptions, stage_release
    from kiosk_app.provisioning.software import SoftwareSlots

    root, pub, artifact, stop = sys.argv[1:5]

    def on_step(name):
        if name == stop:
            os.kill(os.getpid(), signal.SIGKILL)

    stage_release(
        SoftwareSlots(Path(root), on_step=on_step),
        Path(artifact),
        TrustedKeys.of(parse_public(pub)),
        StageOptions(source="usb", when="next-start", deadline_s=15, settle_s=0),
    )
    sys.exit(3)  # reaching here means the step was never hit
    """
)


def assert_whole(term: Terminal, version: str) -> None:
    """The version that started is complete: every file as its signed manifest says."""
    if version == FACTORY_VERSION:
        return  # the package, untouched by any of this
    slot = next(
        p
        for p in (term.root / "software" / "releases").iterdir()
        if p.name.startswith(f"v{version}-")
    )
    mf = ReleaseManifest.model_validate_json((slot / "manifest.json").read_bytes())
    for name, entry in mf.files.items():
        data = (slot / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry.sha256, name
    for name, target in mf.links.items():
        assert (slot / name).readlink() == Path(target)


def boots_to_a_kiosk(term: Terminal, expect: str, outcome: str | None) -> None:
    """Start the launcher as after a power-up; wait for a kiosk of version ``expect`` and
    (when given) the update's outcome."""
    before = len(term.started())
    term.launch()
    wait_for(lambda: len(term.started()) > before and term.started()[-1].startswith(expect),
             what=f"a kiosk {expect}")  # fmt: skip
    if outcome is not None:  # recorded, and the links moved (the journal is closed)
        wait_for(lambda: term.update().get("state") == outcome
                 and "journal" not in term.slots.read_state(), what=outcome)  # fmt: skip
    assert_whole(term, term.started()[-1].split()[0])
    leftovers = [p.name for p in (term.root / "software").iterdir() if p.name.endswith(".tmp")]
    assert not leftovers


@pytest.mark.parametrize("stop", ARM_STEPS)
def test_power_cut_while_staging(terminal: Terminal, tmp_path: Path, stop: str) -> None:
    artifact = terminal.release("1.1.0")
    script = tmp_path / "stage.py"
    script.write_text(STAGE_CHILD)
    proc = subprocess.run(
        [sys.executable, str(script), str(terminal.root / "software"),
         public_line(terminal.keys.release.public_key()), str(artifact), stop],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    armed = ARM_STEPS.index(stop) >= ARM_STEPS.index("armed")
    if armed:  # the trial link was in place: the next start tries the release and keeps it
        boots_to_a_kiosk(terminal, "1.1.0", "committed")
    else:  # nothing was armed: the package starts, and staging again works
        boots_to_a_kiosk(terminal, FACTORY_VERSION, None)
        terminal.stop_all()
        terminal.stage(artifact)
        boots_to_a_kiosk(terminal, "1.1.0", "committed")
    terminal.slots.sweep()
    assert len(list((terminal.root / "software" / "releases").iterdir())) == 1


@pytest.mark.parametrize("stop", BOOT_STEPS + COMMIT_STEPS)
def test_power_cut_while_trying_a_good_release(terminal: Terminal, stop: str) -> None:
    terminal.stage(terminal.release("1.1.0"))
    cut = terminal.launch(stop_at=stop)
    assert cut.wait(timeout=30) == -signal.SIGKILL
    if stop in COMMIT_STEPS:  # the outcome was journalled before the links moved
        assert terminal.update()["state"] == "committed"
    boots_to_a_kiosk(terminal, "1.1.0", "committed")
    status = terminal.slots.status()
    assert (status.running, status.fallback, status.trial) == ("1.1.0", FACTORY_VERSION, None)


@pytest.mark.parametrize("stop", ROLLBACK_STEPS)
def test_power_cut_while_giving_a_release_up(terminal: Terminal, stop: str) -> None:
    terminal.stage(terminal.release("1.1.0", "crash"))
    cut = terminal.launch(stop_at=stop)
    assert cut.wait(timeout=30) == -signal.SIGKILL
    assert terminal.update()["state"] == "rolled_back"  # journalled first
    boots_to_a_kiosk(terminal, FACTORY_VERSION, "rolled_back")
    status = terminal.slots.status()
    assert status.trial is None and status.failed == ["1.1.0"]
    assert "exited with status 3" in str(terminal.update()["reason"])


@pytest.mark.parametrize("stop", ["trial-counted", "trial-started"])
def test_power_cut_while_trying_a_bad_release(terminal: Terminal, stop: str) -> None:
    terminal.stage(terminal.release("1.1.0", "hang"), deadline_s=2)
    cut = terminal.launch(stop_at=stop)
    assert cut.wait(timeout=30) == -signal.SIGKILL
    boots_to_a_kiosk(terminal, FACTORY_VERSION, "rolled_back")
    assert "did not reach its home screen" in str(terminal.update()["reason"])
