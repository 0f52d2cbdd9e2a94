"""Software update: time from "install" to the new version's home screen, against a plain
restart of the same kind of version to its home screen, measured in the same run.

    .venv/bin/python benchmarks/update.py [--runs 3] [--no-bulk]

Figures (JSON lines, benchmarks/_common.py):

- ``update_install_to_home``: `kiosk provision apply RELEASE` (verify the signature and every
  file's hash, unpack into the spare slot, fsync, arm) then the launcher (`kiosk update boot`)
  trying the new version until it reports its home screen; baseline: the launcher starting
  the version already kept, to its home screen (a plain restart);
- ``update_restart_to_home``: the nightly case, the release already staged in the background:
  the launcher trying it until its home screen; same baseline. Target ratio ≤ 1.2: the trial
  costs the launcher's watch, not a slower start;
- ``update_stage``: the staging alone, for the record.

What the release is: the frozen build takes minutes to make, so this release is a stand-in of
the same shape and weight — ``app/kiosk`` is a script that runs **the release's own copy** of
the kiosk's packages (kiosk_app, devices, guides, contract, config; version patched in) with
this venv's interpreter and third-party packages, and ``app/_internal/`` also carries real
binaries as bulk like the frozen build's: the Qt and ICU libraries the kiosk loads, OpenCV's
and numpy's bundled libraries (~200 MB; ``--no-bulk`` leaves them out). The kiosk runs
offscreen on a site file with a printer writing to a file; "home" is the moment it would tell
the launcher it reached its home screen (``KIOSK_BENCH_EXIT=home``).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit, median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk_app.core.pin import hash_pin  # noqa: E402
from kiosk_app.provisioning.keys import TrustedKeys, public_line  # noqa: E402
from kiosk_app.provisioning.release import (  # noqa: E402
    StageOptions,
    make_release,
    stage_release,
)
from kiosk_app.provisioning.software import SoftwareSlots  # noqa: E402

PACKAGES = ("kiosk_app", "devices", "guides", "contract")
BULK = (
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Gui.so.6",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libQt6DBus.so.6",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/lib/libQt6OpenGL.so.6",
    "PySide6/Qt/lib/libQt6Svg.so.6",
    "PySide6/Qt/lib/libQt6TextToSpeech.so.6",
    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/Qt/lib/libQt6Multimedia.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libicudata.so.73",
    "PySide6/Qt/lib/libicui18n.so.73",
    "PySide6/Qt/lib/libicuuc.so.73",
    "opencv_python_headless.libs",
    "numpy.libs",
)

SITE = """profile = "kiosk-24h"
[terminal]
id = "HALL-24H-01"
name = "update benchmark"
[technician]
pin_hash = "{pin}"
[sync]
central_url = "http://127.0.0.1:9"
[devices.camera_scanner]
enabled = false
[devices.printer]
enabled = false
[devices.receipts]
adapter = "escpos-file"
params = {{ path = "{receipts}" }}
[updates]
release_keys = ["{release_key}"]
deadline_s = 120
settle_s = 0
"""


def site_packages() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parents[1]


def build_app(folder: Path, version: str, bulk: bool) -> Path:
    """The release's app/: its own copy of the kiosk's code, and (optionally) real bulk."""
    internal = folder / "_internal"
    internal.mkdir(parents=True)
    for pkg in PACKAGES:
        shutil.copytree(ROOT / pkg, internal / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "config", internal / "config")
    init = internal / "kiosk_app" / "__init__.py"
    init.write_text(init.read_text().replace('__version__ = "0.1.0"', f'__version__ = "{version}"'))
    compileall.compile_dir(internal, quiet=1)  # as an installed build has them
    if bulk:
        sp = site_packages()
        for rel in BULK:
            src = sp / rel
            dst = internal / "bulk" / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst)
            elif src.is_file():
                shutil.copy2(src, dst)
    exe = folder / "kiosk"
    exe.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then echo "kiosk {version}"; exit 0; fi\n'
        'HERE=$(dirname "$(readlink -f "$0")")\n'
        f'PYTHONPATH="$HERE/_internal" exec "{sys.executable}" -m kiosk_app "$@"\n'
    )
    exe.chmod(0o755)
    return folder


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


class Bench:
    def __init__(self, work: Path, bulk: bool) -> None:
        self.work = work
        key = Ed25519PrivateKey.generate()
        self.trusted = TrustedKeys.of(key.public_key())
        self.site = work / "site.toml"
        self.site.write_text(
            SITE.format(
                pin=hash_pin("97531864", b"bench-salt"),
                receipts=work / "receipts.bin",
                release_key=public_line(key.public_key()),
            )
        )
        print(f"# building two releases (bulk: {bulk}) …", file=sys.stderr, flush=True)
        self.artifacts = {}
        for version in ("2.0.0", "2.1.0"):
            app = build_app(work / f"app-{version}", version, bulk)
            self.artifacts[version] = work / f"kiosk-{version}.tar.gz"
            make_release(self.artifacts[version], app, version, key)
        self.app_mb = size_of(work / "app-2.1.0") / 1e6
        self.artifact_mb = self.artifacts["2.1.0"].stat().st_size / 1e6
        # a terminal that runs 2.0.0 (kept): the snapshot every run starts from
        self.snapshot = work / "snapshot"
        slots = SoftwareSlots(self.snapshot / "software")
        _, slot = stage_release(slots, self.artifacts["2.0.0"], self.trusted, self._opts())
        slots.commit(slot)
        # ... and the same with 2.1.0 already staged in the background (the nightly case)
        self.staged = work / "staged"
        shutil.copytree(self.snapshot, self.staged, symlinks=True)
        staged = SoftwareSlots(self.staged / "software")
        stage_release(staged, self.artifacts["2.1.0"], self.trusted, self._opts())

    @staticmethod
    def _opts() -> StageOptions:
        return StageOptions(source="usb", when="next-start", deadline_s=120, settle_s=0)

    def _data(self, template: Path) -> Path:
        data = Path(tempfile.mkdtemp(prefix="run-", dir=self.work))
        shutil.copytree(template, data, symlinks=True, dirs_exist_ok=True)
        return data

    def _env(self, data: Path) -> dict[str, str]:
        return {
            **os.environ,
            "KIOSK_DATA_DIR": str(data),
            "KIOSK_CONFIG": str(self.site),
            "KIOSK_BENCH_EXIT": "home",
            "QT_QPA_PLATFORM": "offscreen",
            "PYDANTIC_DISABLE_PLUGINS": "__all__",
        }

    def _boot_to_home(self, env: dict[str, str]) -> float:
        """Run the launcher; the wall-clock time at which the kiosk it started reached home."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk_app", "update", "boot"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            out, err = proc.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            raise SystemExit("the kiosk did not reach home within 180 s") from None
        line = next((x for x in out.splitlines() if x.startswith("home ")), None)
        if line is None:
            raise SystemExit(f"no home screen reported:\n{out}\n{err}")
        return float(line.split()[1])

    def plain_restart(self) -> float:
        data = self._data(self.snapshot)
        try:
            t0 = time.time()
            return self._boot_to_home(self._env(data)) - t0
        finally:
            shutil.rmtree(data, ignore_errors=True)

    def restart_into_staged(self) -> float:
        data = self._data(self.staged)
        try:
            t0 = time.time()
            return self._boot_to_home(self._env(data)) - t0
        finally:
            shutil.rmtree(data, ignore_errors=True)

    def install_to_home(self) -> tuple[float, float]:
        data = self._data(self.snapshot)
        try:
            env = self._env(data)
            t0 = time.time()
            subprocess.run(
                [sys.executable, "-m", "kiosk_app", "provision", "apply",
                 str(self.artifacts["2.1.0"])],
                env=env, check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            staged = time.time() - t0
            return self._boot_to_home(env) - t0, staged
        finally:
            shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-bulk", action="store_true", help="only the app's code, no binaries")
    args = ap.parse_args()
    for pkg in PACKAGES:
        compileall.compile_dir(ROOT / pkg, quiet=1)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-update-") as tmp:
        bench = Bench(Path(tmp), bulk=not args.no_bulk)
        bench.plain_restart()  # warm the page cache: start-up, not the disk, is measured
        plain, restart, install, stage = [], [], [], []
        for _ in range(args.runs):  # interleaved: a busy moment of the machine hits all alike
            plain.append(bench.plain_restart())
            restart.append(bench.restart_into_staged())
            total, staged = bench.install_to_home()
            install.append(total)
            stage.append(staged)
        base = median(plain)
        size = {"app_mb": round(bench.app_mb, 1), "artifact_mb": round(bench.artifact_mb, 1)}
        emit("update_install_to_home", median(install), "s", base, runs=args.runs, **size)
        emit("update_restart_to_home", median(restart), "s", base, runs=args.runs,
             target_ratio=1.2)  # fmt: skip
        emit("update_stage", median(stage), "s", None, runs=args.runs, **size)


if __name__ == "__main__":
    main()
