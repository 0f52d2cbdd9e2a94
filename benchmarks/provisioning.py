"""What signing, verification and the durable install cost, against plain tar in the same run.

A realistic bundle: the real catalog snapshot (config/catalog/catalog.json, ~1,900 items) and a
guides folder of 120 incompressible 64 KiB "images" plus 60 HTML pages (about 8 MB). Baselines
are what the same work costs with no security or durability: `tarfile` writing the same files
(make), reading every member (verify), and `extractall(filter="data")` (apply, no fsync).
Median of 5 runs each. Run: .venv/bin/python benchmarks/provisioning.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tarfile
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import emit, median
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.provisioning.bundle import BundleSources, make_bundle, read_bundle
from kiosk_app.provisioning.install import Installer
from kiosk_app.provisioning.keys import TrustedKeys
from kiosk_app.provisioning.push import PendingConfig, sign_config_push

REPO = Path(__file__).resolve().parents[1]
RUNS = 5


def timed(fn: Callable[[], object], setup: Callable[[], object] | None = None) -> float:
    xs = []
    for _ in range(RUNS):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        xs.append(time.perf_counter() - t0)
    return median(xs)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-prov-"))
    os.environ["KIOSK_DATA_DIR"] = str(tmp / "data")
    try:
        src = tmp / "src"
        guides = src / "guides"
        (guides / "img").mkdir(parents=True)
        for i in range(120):
            (guides / "img" / f"step{i:03d}.png").write_bytes(os.urandom(64 * 1024))
        for i in range(60):
            (guides / f"page{i:02d}.html").write_text(f"<h1>第{i}步</h1>" * 200)
        site = src / "site.toml"
        shutil.copy(REPO / "config/terminals/hall-24h-01.toml", site)
        catalog = REPO / "config/catalog/catalog.json"
        sources = BundleSources(site, "demo-token-HALL-24H-01", catalog=catalog, guides=guides)
        key = Ed25519PrivateKey.generate()
        trusted = TrustedKeys.of(key.public_key())
        bundle = tmp / "b.tgz"
        plain = tmp / "plain.tgz"

        def plain_make() -> None:
            with tarfile.open(plain, "w:gz") as tar:
                tar.add(site, "config/site.toml")
                tar.add(catalog, "catalog/catalog.json")
                tar.add(guides, "guides")

        version = iter(range(1, 1000))
        make_s = timed(lambda: make_bundle(bundle, sources, next(version), key))
        emit("provisioning_make_s", make_s, "s", timed(plain_make), bytes=bundle.stat().st_size)

        def plain_read() -> None:
            with tarfile.open(plain, "r:gz") as tar:
                for m in tar:
                    f = tar.extractfile(m)
                    if f is not None:
                        f.read()

        verify_s = timed(lambda: read_bundle(bundle, trusted))
        emit("provisioning_verify_s", verify_s, "s", timed(plain_read))

        # apply: each run installs a newer bundle over the last (the real upgrade path)
        bundles = []
        for v in range(2000, 2000 + RUNS):
            p = tmp / f"b{v}.tgz"
            make_bundle(p, sources, v, key)
            bundles.append(p)
        inst = Installer(tmp / "install", trusted)
        queue = iter(bundles)
        apply_s = timed(lambda: inst.apply(next(queue)))
        dest = tmp / "plain-out"

        def fresh() -> None:
            shutil.rmtree(dest, ignore_errors=True)
            dest.mkdir()

        def plain_extract() -> None:
            with tarfile.open(plain, "r:gz") as tar:
                tar.extractall(dest, filter="data")

        emit("provisioning_apply_s", apply_s, "s", timed(plain_extract, fresh))

        # the durability step alone: one sync() (what the installer does) vs an fsync per file
        def dirty() -> None:
            fresh()
            plain_extract()

        def fsync_each() -> None:
            for dirpath, _dirs, files in os.walk(dest, topdown=False):
                for name in files:
                    fd = os.open(Path(dirpath) / name, os.O_RDONLY)
                    os.fsync(fd)
                    os.close(fd)
                fd = os.open(dirpath, os.O_RDONLY)
                os.fsync(fd)
                os.close(fd)

        emit("provisioning_flush_s", timed(os.sync, dirty), "s", timed(fsync_each, dirty))

        # a pushed config: verify + pending + apply (hard-links the rest of the release)
        pending = PendingConfig(inst)
        config = tomllib.loads(site.read_text())
        counter = iter(range(1, 1000))

        def push_cycle() -> None:
            pending.offer(sign_config_push(key, "HALL-24H-01", next(counter), config))
            pending.apply_pending()

        emit("provisioning_push_apply_s", timed(push_cycle), "s", apply_s)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
