"""Fixtures for provisioning tests: a county key, site files, and a kit that makes good bundles
and hand-crafts bad ones (a tar with any member types, a manifest signed by any key)."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.core.pin import hash_pin
from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.bundle import BundleSources, make_bundle
from kiosk_app.provisioning.install import Installer
from kiosk_app.provisioning.keys import TrustedKeys, key_id

TERMINAL = "HALL-24H-01"
# a site file has its own technician PIN (the demo's is refused in a bundle)
PIN_HASH = hash_pin("97531864", b"kiosk-tests-salt")


def site_toml(tag: str, terminal: str = TERMINAL) -> str:
    return (
        'profile = "kiosk-24h"\n\n[terminal]\n'
        f'id = "{terminal}"\nname = "终端 {tag}"\nlocation = "hall {tag}"\n'
        f'\n[technician]\npin_hash = "{PIN_HASH}"\n'
    )


@dataclass
class Kit:
    tmp: Path
    county: Ed25519PrivateKey
    trusted: TrustedKeys

    def sources(self, tag: str, terminal: str = TERMINAL, guides: bool = True) -> BundleSources:
        d = self.tmp / f"src-{tag}-{terminal}"
        (d / "guides" / "img").mkdir(parents=True, exist_ok=True)
        (d / "site.toml").write_text(site_toml(tag, terminal), encoding="utf-8")
        (d / "ca.pem").write_text(f"-----BEGIN CERTIFICATE-----\n{tag}\n", encoding="ascii")
        (d / "catalog.json").write_text(f'{{"version": "{tag}", "items": []}}', encoding="utf-8")
        (d / "guides" / "index.html").write_text(f"<h1>{tag}</h1>", encoding="utf-8")
        (d / "guides" / "img" / "step1.png").write_bytes(os.urandom(3000))
        return BundleSources(
            site_config=d / "site.toml",
            token=f"demo-token-{terminal}",
            ca=d / "ca.pem",
            catalog=d / "catalog.json",
            guides=(d / "guides") if guides else None,
        )

    def bundle(
        self,
        version: int,
        tag: str | None = None,
        key: Ed25519PrivateKey | None = None,
        terminal: str = TERMINAL,
    ) -> Path:
        out = self.tmp / f"bundle-{terminal}-v{version}-{tag or version}.tar.gz"
        make_bundle(out, self.sources(tag or f"v{version}", terminal), version, key or self.county)
        return out

    def installer(self, root: Path | None = None) -> Installer:
        return Installer(root or self.tmp / "install", self.trusted)

    # ---- hand-crafted bundles

    def manifest(
        self,
        files: dict[str, bytes],
        version: int = 1,
        key: Ed25519PrivateKey | None = None,
        terminal: str = TERMINAL,
    ) -> tuple[bytes, bytes]:
        """(manifest bytes, manifest.sig bytes) listing exactly ``files``."""
        key = key or self.county
        mf = m.Manifest(
            format=m.BUNDLE_FORMAT,
            version=version,
            terminal_id=terminal,
            created_at="2026-11-25T00:00:00+00:00",
            key_id=key_id(key.public_key()),
            files={
                n: m.FileEntry(sha256=hashlib.sha256(b).hexdigest(), size=len(b))
                for n, b in files.items()
            },
        )
        raw = mf.model_dump_json().encode()
        return raw, base64.b64encode(key.sign(raw))

    def good_files(self, tag: str = "v1", terminal: str = TERMINAL) -> dict[str, bytes]:
        ident = m.Identity(terminal_id=terminal, token=f"demo-token-{terminal}")
        return {
            m.SITE_CONFIG: site_toml(tag, terminal).encode(),
            m.IDENTITY: ident.model_dump_json().encode(),
        }

    def craft(self, name: str, members: list[tuple[tarfile.TarInfo, bytes]]) -> Path:
        out = self.tmp / name
        with tarfile.open(out, "w:gz") as tar:
            for info, data in members:
                if info.isreg():
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
                else:
                    tar.addfile(info)
        return out

    def craft_signed(
        self,
        name: str,
        files: dict[str, bytes],
        extra: list[tuple[tarfile.TarInfo, bytes]] = (),  # type: ignore[assignment]
        version: int = 1,
        key: Ed25519PrivateKey | None = None,
    ) -> Path:
        raw, sig = self.manifest(files, version, key)
        members = [(reg(m.MANIFEST), raw), (reg(m.SIGNATURE), sig)]
        members += [(reg(n), b) for n, b in files.items()]
        return self.craft(name, members + list(extra))


def reg(name: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.mode = 0o644
    return info


def special(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    return info


@pytest.fixture
def county() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def kit(tmp_path: Path, county: Ed25519PrivateKey) -> Kit:
    return Kit(tmp_path, county, TrustedKeys.of(county.public_key()))


def snapshot(root: Path) -> dict[str, object]:
    """Every path under ``root`` with its bytes (files) or target (symlinks): 'nothing changed'."""
    out: dict[str, object] = {}
    if not root.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = ("link", os.readlink(p))
            elif p.is_file():
                out[rel] = p.read_bytes()
            else:
                out[rel] = "dir"
    return out


Kit.reg = staticmethod(reg)  # type: ignore[attr-defined]
Kit.special = staticmethod(special)  # type: ignore[attr-defined]
Kit.snapshot = staticmethod(snapshot)  # type: ignore[attr-defined]
Kit.site_toml = staticmethod(site_toml)  # type: ignore[attr-defined]
