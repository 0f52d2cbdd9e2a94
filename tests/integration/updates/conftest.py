"""Software-update tests: small but real release artifacts and a terminal's software folder.

The frozen build takes minutes, so these releases are **stand-ins**: a folder shaped like the
frozen onedir build (``kiosk`` and ``_internal/`` with a library, a symbolic link to it and some
data) whose ``kiosk`` is a POSIX shell script that says its version, notes each start in
``$STANDIN_LOG``, and behaves as it was built to — ``good`` (reports its home screen and a
passing device self-test the way the kiosk does, then runs), ``crash`` (exits at once),
``hang`` (never reaches its home screen), ``selftest-fail`` (the printer fails), ``late-crash``
(passes, then dies within the settle time). Everything else is real: the release is made and
signed by ``release.make_release``, verified and unpacked by ``release.stage_release``, tried by
the real launcher (``boot.boot``) in a child process.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.provisioning.keys import TrustedKeys
from kiosk_app.provisioning.release import StageOptions, make_release, stage_release
from kiosk_app.provisioning.software import SoftwareSlots

FACTORY_VERSION = "1.0.0"

STANDIN = textwrap.dedent(
    r"""
    #!/bin/sh
    # Stand-in for a frozen kiosk build (tests only); see tests/integration/updates/conftest.py.
    VERSION=@VERSION@
    BEHAVIOUR=@BEHAVIOUR@
    if [ "$1" = "--version" ]; then echo "kiosk $VERSION"; exit 0; fi
    [ -n "$STANDIN_LOG" ] && echo "$VERSION $BEHAVIOUR $$" >> "$STANDIN_LOG"
    report() {  # written whole, as the kiosk writes it (temp file, rename)
      [ -n "$KIOSK_TRIAL_REPORT" ] || return 0
      printf '%s' "$1" > "$KIOSK_TRIAL_REPORT.$$"
      mv "$KIOSK_TRIAL_REPORT.$$" "$KIOSK_TRIAL_REPORT"
    }
    case "$BEHAVIOUR" in
      crash) echo "stand-in: crashing at start" >&2; exit 3 ;;
      hang) exec sleep 3600 ;;
    esac
    SAID="\"version\":\"$VERSION\",\"home_at\":\"2026-11-25T04:00:01+00:00\""
    report "{$SAID}"
    case "$BEHAVIOUR" in
      selftest-fail)
        report "{$SAID,\"self_test\":{\"printer\":\"failed: offline\",\"scanner\":\"ok\"}}" ;;
      *)
        report "{$SAID,\"self_test\":{\"printer\":\"ok\",\"scanner\":\"ok\"}}" ;;
    esac
    if [ "$BEHAVIOUR" = late-crash ]; then sleep 0.3; exit 4; fi
    exec sleep 3600
    """
).lstrip()


def build_app(folder: Path, version: str, behaviour: str = "good", payload: int = 64_000) -> Path:
    """A frozen-like build: kiosk, _internal/lib/libkiosk.so.1 (+ a link), data files."""
    folder.mkdir(parents=True)
    exe = folder / "kiosk"
    exe.write_text(STANDIN.replace("@VERSION@", version).replace("@BEHAVIOUR@", behaviour))
    exe.chmod(0o755)
    lib = folder / "_internal" / "lib"
    lib.mkdir(parents=True)
    (lib / "libkiosk.so.1").write_bytes(os.urandom(payload))
    (lib / "libkiosk.so.1").chmod(0o755)
    (folder / "_internal" / "libkiosk.so").symlink_to("lib/libkiosk.so.1")
    (folder / "_internal" / "base_library.zip").write_bytes(os.urandom(payload // 2))
    (folder / "_internal" / "version.txt").write_text(f"{version} {behaviour}\n")
    return folder


@dataclass
class Keys:
    release: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    metadata: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    @property
    def trusted(self) -> TrustedKeys:
        return TrustedKeys.of(self.release.public_key())


@dataclass
class Terminal:
    """A terminal's data dir with its software slots, a packaged (factory) stand-in, and the
    launcher run in a child process (its own process group: a 'power cut' kills it whole)."""

    root: Path
    keys: Keys
    log: Path
    factory: Path
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def slots(self) -> SoftwareSlots:
        return SoftwareSlots(self.root / "software")

    def release(self, version: str, behaviour: str = "good", key: Ed25519PrivateKey | None = None,
                **kw: object) -> Path:  # fmt: skip
        app = build_app(self.root.parent / f"app-{version}-{behaviour}-{time.monotonic_ns()}",
                        version, behaviour)  # fmt: skip
        out = self.root.parent / f"kiosk-{version}-{behaviour}-{time.monotonic_ns()}.tar.gz"
        make_release(out, app, version, key or self.keys.release, **kw)  # type: ignore[arg-type]
        return out

    def stage(self, artifact: Path, **options: object) -> None:
        opts = dict(source="usb", when="next-start", deadline_s=15, settle_s=0)
        opts.update(options)
        stage_release(self.slots, artifact, self.keys.trusted, StageOptions(**opts))  # type: ignore[arg-type]

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "KIOSK_DATA_DIR": str(self.root),
            "KIOSK_FACTORY_APP": str(self.factory),
            "STANDIN_LOG": str(self.log),
        }

    def launch(self, stop_at: str = "-") -> subprocess.Popen[bytes]:
        """Start the launcher as systemd's kiosk session would; ``stop_at``: a step name at
        which it kills its whole process group (the power-cut tests)."""
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(self.root / "software"), FACTORY_VERSION, stop_at],
            env=self.env(),
            start_new_session=True,
            stderr=subprocess.PIPE,
        )
        self.procs.append(proc)
        return proc

    def started(self) -> list[str]:
        """'version behaviour' of each start of a kiosk, oldest first."""
        try:
            lines = self.log.read_text().splitlines()
        except FileNotFoundError:
            return []
        return [" ".join(line.split()[:2]) for line in lines]

    def update(self) -> dict[str, object]:
        return self.slots.read_state().get("update") or {}

    def stop_all(self) -> None:
        for proc in self.procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            if proc.stderr is not None:
                proc.stderr.close()


LAUNCHER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from kiosk_app.provisioning.boot import boot
    from kiosk_app.provisioning.software import SoftwareSlots

    root, factory_version, stop = sys.argv[1:4]

    def on_step(name):
        if name == stop:
            os.killpg(0, signal.SIGKILL)  # a power cut: the launcher and what it started

    slots = SoftwareSlots(Path(root), on_step=on_step)
    sys.exit(boot(slots, factory_version=factory_version))
    """
)


def wait_for(cond: Callable[[], object], timeout: float = 20.0, what: str = "") -> object:
    """Poll ``cond`` until it is true (processes outside the test: no signal to wait on)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = cond()
        if got:
            return got
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or cond}")


@pytest.fixture
def keys() -> Keys:
    return Keys()


@pytest.fixture
def terminal(tmp_path: Path, keys: Keys) -> Iterator[Terminal]:
    root = tmp_path / "data"
    root.mkdir()
    factory = build_app(tmp_path / "factory", FACTORY_VERSION, "good")
    term = Terminal(root, keys, tmp_path / "started.log", factory)
    yield term
    term.stop_all()


def state_of(term: Terminal) -> dict[str, object]:
    return json.loads((term.root / "software" / "state.json").read_text())
