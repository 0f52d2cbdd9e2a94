"""Power cut during install: a child process applies a bundle (or rolls back, or applies a
pushed config) and is SIGKILLed at each named step; afterwards the terminal runs the complete
old release or the complete new one, never a mix, and the next install cleans up."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.core.config import load_config
from kiosk_app.core.pin import hash_pin
from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.bundle import BundleSources, make_bundle
from kiosk_app.provisioning.install import ROLLBACK_STEPS, STEPS, Installer
from kiosk_app.provisioning.keys import TrustedKeys, public_line
from kiosk_app.provisioning.push import PendingConfig, sign_config_push

pytestmark = pytest.mark.slow  # child processes / a wheel build: seconds, not millis

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from kiosk_app.provisioning.install import Installer
    from kiosk_app.provisioning.keys import TrustedKeys, parse_public
    from kiosk_app.provisioning.push import PendingConfig

    root, pub, action, stop, arg = sys.argv[1:6]

    def on_step(name):
        if name == stop:
            os.kill(os.getpid(), signal.SIGKILL)

    inst = Installer(Path(root), TrustedKeys.of(parse_public(pub)), on_step=on_step)
    if action == "apply":
        inst.apply(Path(arg))
    elif action == "rollback":
        inst.rollback()
    else:
        PendingConfig(inst).apply_pending()
    sys.exit(3)  # reaching here means the step was never hit
    """
)

SITE = (
    'profile = "kiosk-24h"\n[terminal]\nid = "HALL-24H-01"\nname = "{tag}"\n'
    f'[technician]\npin_hash = "{hash_pin("97531864", b"kiosk-tests-salt")}"\n'
)


def _sources(tmp: Path, tag: str) -> BundleSources:
    d = tmp / f"src-{tag}"
    (d / "guides").mkdir(parents=True)
    (d / "site.toml").write_text(SITE.format(tag=tag))
    (d / "catalog.json").write_text(json.dumps({"version": tag, "items": []}))
    for i in range(20):  # enough files that a cut can land mid-unpack
        (d / "guides" / f"page{i:02d}.html").write_text(f"{tag} page {i}")
    return BundleSources(
        d / "site.toml", "demo-token-HALL-24H-01", catalog=d / "catalog.json", guides=d / "guides"
    )


def _tag_of_release(inst: Installer) -> str:
    """Check the running release is whole; return the tag its config carries.

    Every file of a bundle release carries the bundle's tag; a pushed config carries its own,
    with the rest of the files still whole from the bundle it was pushed onto.
    """
    cur = inst.current()
    assert cur is not None
    cfg = load_config(cur.site_config).config  # the kiosk can start on it
    tag = json.loads((cur.path / m.CATALOG).read_text())["version"]
    if cur.info.source == "bundle":
        assert cfg.terminal.name == tag
    pages = sorted((cur.path / "guides").iterdir())
    assert len(pages) == 20
    assert all(p.read_text().startswith(f"{tag} ") for p in pages)
    manifest = m.Manifest.model_validate_json((cur.path / m.MANIFEST).read_bytes())
    assert manifest.version == cur.info.bundle_version
    for name, entry in manifest.files.items():
        if name == m.SITE_CONFIG and cur.info.source == "push":
            continue  # a pushed config replaces the bundle's, pinned by config-push.json
        data = (cur.path / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry.sha256, name
    return cfg.terminal.name


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """An install folder with v1 then v2 applied, the v3 bundle, and a pending config push."""
    tmp = tmp_path_factory.mktemp("powercut")
    key = Ed25519PrivateKey.generate()
    trusted = TrustedKeys.of(key.public_key())
    bundles = {}
    for v in (1, 2, 3):
        bundles[v] = tmp / f"v{v}.tgz"
        make_bundle(bundles[v], _sources(tmp, f"v{v}"), v, key)
    root = tmp / "install"
    inst = Installer(root, trusted)
    inst.apply(bundles[1])
    inst.apply(bundles[2])
    script = tmp / "child.py"
    script.write_text(CHILD)
    push = sign_config_push(key, "HALL-24H-01", 1, tomllib.loads(SITE.format(tag="pushed")))
    return {
        "root": root,
        "trusted": trusted,
        "pub": public_line(key.public_key()),
        "bundles": bundles,
        "script": script,
        "push": push,
    }


def _run_child(prepared, root: Path, action: str, stop: str, arg: str = "") -> None:
    proc = subprocess.run(
        [sys.executable, str(prepared["script"]), str(root), prepared["pub"], action, stop, arg],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def _copy(prepared, tmp_path: Path) -> Installer:
    root = tmp_path / "install"
    shutil.copytree(prepared["root"], root, symlinks=True)
    return Installer(root, prepared["trusted"])


@pytest.mark.parametrize("stop", STEPS)
def test_power_cut_during_apply(prepared, tmp_path, stop):
    inst = _copy(prepared, tmp_path)
    _run_child(prepared, inst.root, "apply", stop, str(prepared["bundles"][3]))
    swapped = STEPS.index(stop) >= STEPS.index("swapped")
    assert _tag_of_release(inst) == ("v3" if swapped else "v2")
    # the next apply finishes the job (or is refused as a replay) and sweeps the leftovers
    if swapped:
        assert inst.previous().info.bundle_version == 2
    else:
        inst.apply(prepared["bundles"][3])
    assert _tag_of_release(inst) == "v3"
    inst.sweep()
    assert len(list(inst.releases.iterdir())) == 2
    assert not [p for p in inst.root.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("stop", ROLLBACK_STEPS)
def test_power_cut_during_rollback(prepared, tmp_path, stop):
    inst = _copy(prepared, tmp_path)
    _run_child(prepared, inst.root, "rollback", stop)
    assert _tag_of_release(inst) == "v1"  # the swap is the rollback's first step
    assert inst.previous() is None or inst.previous().info.bundle_version == 2


@pytest.mark.parametrize("stop", ["staged", "release-committed", "previous-linked", "swapped"])
def test_power_cut_during_pushed_config(prepared, tmp_path, stop):
    inst = _copy(prepared, tmp_path)
    PendingConfig(inst).offer(prepared["push"])
    _run_child(prepared, inst.root, "push", stop)
    swapped = stop == "swapped"
    assert _tag_of_release(inst) == ("pushed" if swapped else "v2")
    pending = PendingConfig(inst)
    if not swapped:  # still pending: the next idle moment applies it
        assert pending.pending_version() == 1
        pending.apply_pending()
    assert _tag_of_release(inst) == "pushed"
