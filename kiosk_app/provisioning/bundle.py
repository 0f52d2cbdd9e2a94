"""Making and reading provisioning bundles.

Reading is one streaming pass over the gzip'd tar: every member's path and type is checked
before a byte of it is used, every file is hashed as it streams (and, when installing, written
into a private staging folder at the same time, so the bytes checked are the bytes installed
even if the USB stick is pulled or swapped mid-way), and only at the end are the signature, the
hashes and the site config checked. Anything wrong raises ProvisionError with the reason;
nothing outside the staging folder is touched.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import io
import json
import os
import secrets
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from kiosk_app.core.config import ConfigError, KioskConfig, load_config, pin_problems
from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.keys import TrustedKeys, key_id
from kiosk_app.provisioning.reader import open_stream

_CHUNK = 1024 * 1024
_CORRUPT = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


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


def check_name(raw: str) -> str:
    """The member's normalised relative path, or ProvisionError if it could leave the folder."""
    if not raw or "\x00" in raw or "\\" in raw:
        raise ProvisionError(f"bundle member {raw!r} has an unusable name")
    if raw.startswith("/"):
        raise ProvisionError(f"bundle member {raw!r} is an absolute path")
    name = raw
    while name.startswith("./"):
        name = name[2:]
    name = name.rstrip("/")
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise ProvisionError(f"bundle member {raw!r} would escape the install folder")
    if len(name) > m.MAX_PATH_CHARS:
        raise ProvisionError(f"bundle member name is longer than {m.MAX_PATH_CHARS} characters")
    return name


def _kind(member: tarfile.TarInfo) -> str:
    if member.issym():
        return "a symbolic link"
    if member.islnk():
        return "a hard link"
    if member.isdev():
        return "a device or fifo"
    return "not a regular file"


def _sha256_file(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


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
            digest, size = _sha256_file(src)
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

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    mtime = int(created.timestamp())
    try:
        with tarfile.open(tmp, "w:gz", format=tarfile.PAX_FORMAT) as tar:
            # manifest first, so a truncated bundle still says what it was meant to be
            members: list[tuple[str, Path | bytes]] = [
                (m.MANIFEST, manifest_bytes),
                (m.SIGNATURE, signature),
                *entries,
            ]
            for name, src in members:
                info = tarfile.TarInfo(name)
                info.mtime, info.mode, info.uid, info.gid = mtime, 0o644, 0, 0
                if isinstance(src, bytes):
                    info.size = len(src)
                    tar.addfile(info, io.BytesIO(src))
                else:
                    info.size = src.stat().st_size
                    with src.open("rb") as fh:
                        tar.addfile(info, fh)
        tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return manifest


class _HashingReader:
    """File wrapper hashing what tarfile reads, so the bundle's own sha256 costs no second read."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self.hash = hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        data = self._fh.read(n)
        self.hash.update(data)
        return data


def _open_dest(dest: Path, name: str) -> IO[bytes]:
    target = dest.joinpath(*name.split("/"))
    mode = 0o600 if name in m.SECRET_FILES else 0o640
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    except (FileExistsError, NotADirectoryError):
        raise ProvisionError(f"bundle member {name!r} clashes with another member") from None
    return os.fdopen(fd, "wb")


def _signature_failure(manifest_bytes: bytes, trusted: TrustedKeys) -> str:
    """Explain a signature that no trusted key accepts (the manifest is untrusted here)."""
    try:
        claimed = json.loads(manifest_bytes).get("key_id")
    except (ValueError, AttributeError):
        claimed = None
    if isinstance(claimed, str) and claimed in trusted.keys:
        return (
            "the signature does not match the manifest: the bundle was altered after signing"
            " or signed with a different key"
        )
    who = f"key {claimed}" if isinstance(claimed, str) else "an unknown key"
    return f"the bundle is signed by {who}, which this terminal does not trust"


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
    try:
        size = path.stat().st_size
        fh = path.open("rb")
    except OSError as exc:
        raise ProvisionError(f"cannot read the bundle {path}: {exc.strerror}") from None
    if size > max_bytes:
        fh.close()
        raise ProvisionError(f"the bundle is {size} bytes, over the {max_bytes}-byte limit")
    if not trusted.keys:
        fh.close()
        raise ProvisionError(
            "no trusted keys are configured (provisioning.trusted_keys or provisioning.keys_dir)"
        )

    manifest_bytes: bytes | None = None
    signature_text: bytes | None = None
    small: dict[str, bytes] = {}
    found: dict[str, m.FileEntry] = {}
    total = 0
    reader = _HashingReader(fh)
    try:
        # open_stream checks the gzip trailer (a bundle cut anywhere, even after the last file,
        # is noticed), the size of every header before tarfile reads it, the member count, the
        # bytes unpacked, and that nothing follows the archive
        with fh, open_stream(reader, max_bytes) as (tar, gz):  # type: ignore[arg-type]
            for member in tar:
                name = check_name(member.name)
                if member.isdir():
                    continue
                if not member.isreg():
                    raise ProvisionError(f"bundle member {name!r} is {_kind(member)}")
                if name in found or name in small:
                    raise ProvisionError(f"bundle member {name!r} appears twice")
                if len(found) + len(small) >= m.MAX_MEMBERS:
                    raise ProvisionError(f"the bundle has more than {m.MAX_MEMBERS} files")
                total += member.size
                if total > max_bytes:
                    raise ProvisionError(f"the bundle unpacks to more than {max_bytes} bytes")
                src = tar.extractfile(member)
                assert src is not None  # a regular file always has content
                if name in (m.MANIFEST, m.SIGNATURE):
                    if member.size > m.MAX_MANIFEST_BYTES:
                        raise ProvisionError(f"{name} is too large ({member.size} bytes)")
                    small[name] = src.read()
                    continue
                if name.split("/")[0] in m.RESERVED:
                    raise ProvisionError(f"bundle member {name!r} uses a reserved name")
                keep = name in m.REQUIRED
                if keep and member.size > m.MAX_SMALL_FILE_BYTES:
                    raise ProvisionError(f"{name} is too large ({member.size} bytes)")
                h = hashlib.sha256()
                kept = bytearray()
                out = _open_dest(dest, name) if dest is not None else None
                try:
                    n = 0
                    while chunk := src.read(_CHUNK):
                        h.update(chunk)
                        n += len(chunk)
                        if keep:
                            kept += chunk
                        if out is not None:
                            out.write(chunk)
                finally:
                    if out is not None:
                        out.close()
                if n != member.size:
                    raise ProvisionError(f"bundle member {name!r} is truncated")
                found[name] = m.FileEntry(sha256=h.hexdigest(), size=n)
                if keep:
                    small[name] = bytes(kept)
                if progress is not None:
                    progress(name)
            gz.end_of_archive()
    except _CORRUPT as exc:
        raise ProvisionError(f"the bundle is truncated or corrupt ({exc})") from None

    manifest_bytes = small.get(m.MANIFEST)
    signature_text = small.get(m.SIGNATURE)
    if manifest_bytes is None:
        raise ProvisionError("not a provisioning bundle: manifest.json is missing")
    if signature_text is None:
        raise ProvisionError("the bundle is unsigned: manifest.sig is missing")
    try:
        signature = base64.b64decode(signature_text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ProvisionError("manifest.sig is not a base64 signature") from None
    signer = trusted.verify(manifest_bytes, signature)
    if signer is None:
        raise ProvisionError(_signature_failure(manifest_bytes, trusted))
    try:
        manifest = m.Manifest.model_validate_json(manifest_bytes)
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"]
        raise ProvisionError(f"the signed manifest is malformed: {reason}") from None

    for name, entry in manifest.files.items():
        check_name(name)
        got = found.get(name)
        if got is None:
            raise ProvisionError(f"{name} is listed in the manifest but missing from the bundle")
        if got != entry:
            raise ProvisionError(f"{name} has been altered (sha256 does not match the manifest)")
    extra = sorted(set(found) - set(manifest.files))
    if extra:
        raise ProvisionError(f"{extra[0]} is in the bundle but not in the signed manifest")
    for name in m.REQUIRED:
        if name not in manifest.files:
            raise ProvisionError(f"the bundle has no {name}")

    try:
        identity = m.Identity.model_validate_json(small[m.IDENTITY])
    except ValidationError as exc:
        raise ProvisionError(f"identity.json is malformed: {exc.errors()[0]['msg']}") from None
    config = _validate_site_config(small[m.SITE_CONFIG], dest)
    ids = {manifest.terminal_id, identity.terminal_id, config.terminal.id}
    if len(ids) != 1:
        raise ProvisionError(f"the bundle names more than one terminal: {sorted(ids)}")
    return VerifiedBundle(
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        signature=signature,
        signer=signer,
        identity=identity,
        config=config,
        sha256=reader.hash.hexdigest(),
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
