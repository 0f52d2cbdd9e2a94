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
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import operators
from central.db import Database
from central.server import EmbeddedCentral
from central.settings import CentralSettings
from central.update_keys import UpdateSigner
from kiosk_app.core.config import load_config
from kiosk_app.core.pin import hash_pin
from kiosk_app.provisioning.agent import UpdateAgent, software_report
from kiosk_app.provisioning.keys import TrustedKeys, public_line
from kiosk_app.provisioning.release import StageOptions, make_release, stage_release
from kiosk_app.provisioning.software import SoftwareSlots
from kiosk_app.sync.heartbeat import Heartbeat
from kiosk_app.sync.outbox import Outbox
from kiosk_app.sync.testing.waiting import wait_until
from kiosk_app.sync.transport import Transport

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
    cfg: Any = None  # the site config, for terminals of a Fleet
    extra_env: dict[str, str] = field(default_factory=dict)
    transports: list[Transport] = field(default_factory=list)

    @property
    def slots(self) -> SoftwareSlots:
        return SoftwareSlots(self.root / "software")

    def release(
        self,
        version: str,
        behaviour: str = "good",
        key: Ed25519PrivateKey | None = None,
        app: Path | None = None,
        **kw: object,
    ) -> Path:
        tag = f"{version}-{behaviour}-{time.monotonic_ns()}"
        app = app or build_app(self.root.parent / f"app-{tag}", version, behaviour)
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
            **self.extra_env,
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


def wait_for(cond: Callable[[], object], timeout: float = 20.0, what: str = "") -> None:
    """Wait for ``cond`` (processes outside the test: no signal to wait on)."""
    assert wait_until(lambda: bool(cond()), timeout), f"timed out waiting for {what or cond}"


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


# ---- the central service, terminals talking to it, and a man in the middle ------------------
@dataclass
class Clock:
    """One clock for the central service and the terminals' agents, moved by the test."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


class Mitm:
    """A man in the middle on loopback between terminals and the central service: it passes
    requests on (HTTP/1.0, one connection each), notes the Range of every artifact request, and
    when told cuts one artifact download after ``cut_after`` bytes, or answers every
    latest-release request with the document in ``latest`` (a replayed, stale one)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.cut_after: int | None = None
        self.latest: bytes | None = None
        self.seen_latest: list[bytes] = []
        self.ranges: list[str | None] = []
        mitm = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                artifact = self.path.startswith("/api/v1/updates/artifacts/")
                if self.path == "/api/v1/updates/latest" and mitm.latest is not None:
                    self._send(200, {"Content-Type": "application/json"}, mitm.latest)
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() in PASSED}
                if artifact:
                    mitm.ranges.append(self.headers.get("Range"))
                with httpx.Client(timeout=10) as client:
                    r = client.get(mitm.upstream + self.path, headers=headers)
                if self.path == "/api/v1/updates/latest" and r.status_code == 200:
                    mitm.seen_latest.append(r.content)
                out = {k: v for k, v in r.headers.items() if k.lower() in ANSWERED}
                if artifact and mitm.cut_after is not None:
                    cut, mitm.cut_after = mitm.cut_after, None
                    self._send(r.status_code, out, r.content[:cut])
                    self.connection.shutdown(socket.SHUT_RDWR)  # the line drops mid-body
                    return
                self._send(r.status_code, out, r.content)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if "content-length" not in {k.lower() for k in headers}:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = False  # joined at stop: no thread left running
        self.thread = threading.Thread(target=self.server.serve_forever, name="mitm")
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


PASSED = {"authorization", "range", "accept"}
ANSWERED = {"content-type", "content-length", "content-range", "accept-ranges", "etag"}


@dataclass
class Fleet:
    """The central service on loopback with an operator, and terminals that talk to it."""

    central: EmbeddedCentral
    clock: Clock
    keys: Keys
    api: httpx.Client  # as an operator
    tmp: Path
    mitm: Mitm
    terminals: list[Terminal] = field(default_factory=list)

    @property
    def metadata_key(self) -> str:
        signer = UpdateSigner.open(self.central.settings.resolved_update_key_file)
        return signer.keys[0].public_line

    def terminal(self, terminal_id: str, via_mitm: bool = False) -> Terminal:
        root = self.tmp / terminal_id / "data"
        root.mkdir(parents=True)
        factory = build_app(self.tmp / terminal_id / "factory", FACTORY_VERSION, "good")
        term = Terminal(root, self.keys, self.tmp / terminal_id / "started.log", factory)
        url = self.mitm.url if via_mitm else self.central.url
        site = self.tmp / terminal_id / "site.toml"
        site.write_text(
            SITE.format(
                id=terminal_id,
                url=url,
                release=public_line(self.keys.release.public_key()),
                metadata=self.metadata_key,
                window=time.strftime("%H:%M", time.localtime(time.time() - 60)),  # open now
            ),
            encoding="utf-8",
        )
        term.cfg = load_config(site).config
        self.terminals.append(term)
        return term

    def agent(self, term: Terminal) -> UpdateAgent:
        transport = Transport(term.cfg.sync)
        term.transports.append(transport)
        return UpdateAgent(term.cfg, transport, term.slots, clock=self.clock)

    def heartbeat(self, term: Terminal) -> None:
        """What the kiosk running on this terminal sends. Stand-in: the stand-in builds send
        none, so the test sends it for them, with the version the launcher started."""
        transport = Transport(term.cfg.sync)
        try:
            with Outbox(term.root / "outbox.db", term.cfg.terminal.id) as outbox:
                beat = Heartbeat(
                    transport,
                    outbox,
                    term.cfg.terminal.id,
                    software=lambda: software_report(term.slots),
                )
                body = beat.payload()
                body["app_version"] = term.slots.status().running or FACTORY_VERSION
                r = transport.request("POST", "/api/v1/heartbeat", json_body=body)
                assert r.status == 204, r.body
        finally:
            transport.close()

    def announce(self, artifact: Path) -> dict[str, object]:
        r = self.api.post(
            "/api/v1/fleet/releases",
            content=artifact.read_bytes(),
            headers={"Content-Type": "application/octet-stream"},
        )
        assert r.status_code == 201, r.text
        return r.json()

    def rollout(self, version: str, *stages: list[str], soak_s: float = 0) -> dict[str, object]:
        body = {"version": version, "stages": list(stages), "soak_s": soak_s}
        r = self.api.post("/api/v1/fleet/rollouts", json=body)
        assert r.status_code == 201, r.text
        return r.json()

    def status(self, version: str) -> dict[str, object]:
        r = self.api.get(f"/api/v1/fleet/rollouts/{version}")
        assert r.status_code == 200, r.text
        return r.json()


SITE = """profile = "kiosk-24h"
[terminal]
id = "{id}"
name = "update test {id}"
[technician]
pin_hash = "{pin}"
[sync]
central_url = "{url}"
token = "demo-token-{id}"
[updates]
release_keys = ["{release}"]
metadata_keys = ["{metadata}"]
deadline_s = 15
settle_s = 0
window_minutes = 720
[maintenance]
daily_restart = "{window}"
""".replace("{pin}", hash_pin("97531864", b"kiosk-tests-salt"))


@pytest.fixture
def fleet(tmp_path: Path, keys: Keys) -> Iterator[Fleet]:
    clock = Clock()
    settings = CentralSettings(db_path=tmp_path / "central" / "central.db", clock=clock, demo=True)
    with EmbeddedCentral(settings.db_path, settings=settings) as central:
        db = Database(settings.db_path)
        try:
            operators.ensure_schema(db)
            token = operators.issue(db, "county-ops", clock())
        finally:
            db.close()
        mitm = Mitm(central.url)
        api = httpx.Client(
            base_url=central.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        f = Fleet(central, clock, keys, api, tmp_path, mitm)
        try:
            yield f
        finally:
            for term in f.terminals:
                term.stop_all()
                for t in term.transports:
                    t.close()
            api.close()
            mitm.stop()
