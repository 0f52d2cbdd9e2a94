"""Making and reading provisioning bundles (``kiosk-bundle/1``, a signed archive: archive.py).

Reading verifies the archive in one streaming pass (``archive.read_archive``), then what makes it
a bundle: one terminal named by the manifest, the identity and the site config alike, and a site
config the kiosk would start on. Anything wrong raises ProvisionError with the reason; nothing
outside the staging folder is touched.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from kiosk_app.core.config import ConfigError, KioskConfig, load_config, pin_problems
from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.archive import check_name, read_archive, sha256_file, write_archive
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.keys import TrustedKeys, key_id

__all__ = ["BundleSources", "VerifiedBundle", "check_name", "make_bundle", "read_bundle"]


@dataclass(frozen=True)
class BundleSources:
    """What the county puts into one terminal's bundle (paths on the technician's laptop)."""

    site_config: Path
    token: str
    ca: Path | None = None
    catalog: Path | None = None
    guides: Path | None = None


@dataclass(frozen=True)
class VerifiedBundle:
    manifest: m.Manifest
    manifest_bytes: bytes
    signature: bytes
    signer: str  # id of the trusted key that signed it
    identity: m.Identity
    config: KioskConfig
    sha256: str  # of the bundle file as read


def _guide_files(folder: Path) -> Iterator[tuple[str, Path]]:
    if not folder.is_dir():
        raise ProvisionError(f"guides folder {folder} does not exist")
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for fname in sorted(filenames):
            path = Path(dirpath) / fname
            if path.is_symlink() or not path.is_file():
                raise ProvisionError(f"{path}: only regular files can go into a bundle")
            yield f"{m.GUIDES}/{path.relative_to(folder).as_posix()}", path


def make_bundle(
    out: Path,
    sources: BundleSources,
    version: int,
    private: Ed25519PrivateKey,
    now: datetime | None = None,
) -> m.Manifest:
    """Validate the inputs, write a signed bundle to ``out`` atomically, return its manifest."""
    try:
        loaded = load_config(sources.site_config)
        if problems := pin_problems(loaded, demo=False, thorough=True):
            raise ConfigError(problems)
        cfg = loaded.config
    except ConfigError as exc:
        raise ProvisionError(f"the site config is invalid:\n{exc}") from None
    identity = m.Identity(terminal_id=cfg.terminal.id, token=sources.token)
    entries: list[tuple[str, Path | bytes]] = [
        (m.SITE_CONFIG, sources.site_config),
        (m.IDENTITY, identity.model_dump_json(indent=2).encode()),
    ]
    if sources.ca is not None:
        entries.append((m.SITE_CA, sources.ca))
    if sources.catalog is not None:
        entries.append((m.CATALOG, sources.catalog))
    if sources.guides is not None:
        entries.extend(_guide_files(sources.guides))

    files: dict[str, m.FileEntry] = {}
    for name, src in entries:
        check_name(name)
        if isinstance(src, bytes):
            files[name] = m.FileEntry(sha256=hashlib.sha256(src).hexdigest(), size=len(src))
        else:
            if not src.is_file():
                raise ProvisionError(f"{src} is not a readable file")
            digest, size = sha256_file(src)
            files[name] = m.FileEntry(sha256=digest, size=size)
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    manifest = m.Manifest(
        format=m.BUNDLE_FORMAT,
        version=version,
        terminal_id=cfg.terminal.id,
        created_at=created.isoformat(),
        key_id=key_id(private.public_key()),
        files=files,
    )
    manifest_bytes = manifest.model_dump_json(indent=2).encode()
    signature = base64.b64encode(private.sign(manifest_bytes)) + b"\n"

    write_archive(out, manifest_bytes, signature, entries, int(created.timestamp()))
    return manifest


def _listed(manifest_bytes: bytes) -> dict[str, tuple[str, int]]:
    try:
        manifest = m.Manifest.model_validate_json(manifest_bytes)
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"]
        raise ProvisionError(f"the signed manifest is malformed: {reason}") from None
    return {name: (e.sha256, e.size) for name, e in manifest.files.items()}


def read_bundle(
    path: Path,
    trusted: TrustedKeys,
    dest: Path | None = None,
    max_bytes: int = 1024 << 20,
    progress: Callable[[str], None] | None = None,
) -> VerifiedBundle:
    """Verify the bundle at ``path``; with ``dest`` (an empty folder) also unpack it there.

    Raises ProvisionError naming the first problem. On error ``dest`` may hold partial files:
    the caller owns it and removes it. ``progress`` is called with each file's name once it is
    unpacked (the installer's power-cut tests stop the process there).
    """
    raw = read_archive(
        path,
        trusted,
        dest=dest,
        max_bytes=max_bytes,
        progress=progress,
        keep=frozenset(m.REQUIRED),
        listed=_listed,
        keys_hint=" (provisioning.trusted_keys or provisioning.keys_dir)",
    )
    manifest = m.Manifest.model_validate_json(raw.manifest_bytes)
    for name in m.REQUIRED:
        if name not in manifest.files:
            raise ProvisionError(f"the bundle has no {name}")
    try:
        identity = m.Identity.model_validate_json(raw.small[m.IDENTITY])
    except ValidationError as exc:
        raise ProvisionError(f"identity.json is malformed: {exc.errors()[0]['msg']}") from None
    config = _validate_site_config(raw.small[m.SITE_CONFIG], dest)
    ids = {manifest.terminal_id, identity.terminal_id, config.terminal.id}
    if len(ids) != 1:
        raise ProvisionError(f"the bundle names more than one terminal: {sorted(ids)}")
    return VerifiedBundle(
        manifest=manifest,
        manifest_bytes=raw.manifest_bytes,
        signature=raw.signature,
        signer=raw.signer,
        identity=identity,
        config=config,
        sha256=raw.sha256,
    )


def _validate_site_config(data: bytes, dest: Path | None) -> KioskConfig:
    """Validate with the same loader the kiosk uses, so a bundle that installs also runs."""
    if dest is not None:
        return load_site_config(dest / m.SITE_CONFIG)
    with tempfile.TemporaryDirectory(prefix="kiosk-verify-") as tmp:
        path = Path(tmp) / "site.toml"
        path.write_bytes(data)
        return load_site_config(path)


def load_site_config(path: Path) -> KioskConfig:
    """Load a site file as the kiosk would; any problem becomes one ProvisionError. A bundle
    is never a demo: a site file without its own technician PIN is refused."""
    try:
        loaded = load_config(path)
        if problems := pin_problems(loaded, demo=False, thorough=True):
            raise ConfigError(problems)
        return loaded.config
    except ConfigError as exc:
        reasons = "; ".join(f"{p.key or 'file'}: {p.reason}" for p in exc.problems)
        raise ProvisionError(f"config/site.toml in the bundle is invalid: {reasons}") from None
