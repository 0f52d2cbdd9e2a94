"""Signed archives: the one format behind provisioning bundles and software releases.

A gzip'd tar whose first member is ``manifest.json`` (it pins every other file by sha256 and
size) and second ``manifest.sig`` (base64 Ed25519 over the manifest's exact bytes, so no
canonical JSON is needed). Writing puts the manifest first, so a truncated archive still says
what it was meant to be.

Reading is one streaming pass: every member's path and type is checked before a byte of it is
used, every file is hashed as it streams (and, when unpacking, written into a private staging
folder at the same time, so the bytes checked are the bytes installed even if the USB stick is
pulled or swapped mid-way), and only at the end are the signature and the hashes compared. What
the manifest *means* (a bundle's identity and site config, a release's version) is the caller's:
``bundle.read_bundle`` and ``release.read_release`` each check their own.
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
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kiosk_app.core.digest import sha256_file
from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.keys import TrustedKeys
from kiosk_app.provisioning.reader import open_stream

_CHUNK = 1024 * 1024
_CORRUPT = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)

# Which file mode a member is unpacked with (before the signature is checked: never executable).
ModeFor = Callable[[str], int]


def default_mode(name: str) -> int:
    return 0o600 if name in m.SECRET_FILES else 0o640


def check_name(raw: str, what: str = "bundle") -> str:
    """The member's normalised relative path, or ProvisionError if it could leave the folder."""
    if not raw or "\x00" in raw or "\\" in raw:
        raise ProvisionError(f"{what} member {raw!r} has an unusable name")
    if raw.startswith("/"):
        raise ProvisionError(f"{what} member {raw!r} is an absolute path")
    name = raw
    while name.startswith("./"):
        name = name[2:]
    name = name.rstrip("/")
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise ProvisionError(f"{what} member {raw!r} would escape the install folder")
    if len(name) > m.MAX_PATH_CHARS:
        raise ProvisionError(f"{what} member name is longer than {m.MAX_PATH_CHARS} characters")
    return name


def _kind(member: tarfile.TarInfo) -> str:
    if member.issym():
        return "a symbolic link"
    if member.islnk():
        return "a hard link"
    if member.isdev():
        return "a device or fifo"
    return "not a regular file"


def write_archive(
    out: Path,
    manifest_bytes: bytes,
    signature: bytes,
    entries: Iterable[tuple[str, Path | bytes]],
    mtime: int,
    compresslevel: int = 9,
) -> None:
    """Write manifest, signature and ``entries`` (name, file or bytes) to ``out`` atomically."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        with (
            tmp.open("wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=compresslevel, mtime=mtime) as gz,
            tarfile.open(fileobj=gz, mode="w|", format=tarfile.PAX_FORMAT) as tar,
        ):
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


class _HashingReader:
    """File wrapper hashing what tarfile reads, so the archive's own sha256 costs no second read."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self.hash = hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        data = self._fh.read(n)
        self.hash.update(data)
        return data


def _open_dest(dest: Path, name: str, mode: int, what: str) -> IO[bytes]:
    target = dest.joinpath(*name.split("/"))
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    except (FileExistsError, NotADirectoryError):
        raise ProvisionError(f"{what} member {name!r} clashes with another member") from None
    return os.fdopen(fd, "wb")


def signature_failure(manifest_bytes: bytes, trusted: TrustedKeys, what: str = "bundle") -> str:
    """Explain a signature that no trusted key accepts (the manifest is untrusted here)."""
    try:
        claimed = json.loads(manifest_bytes).get("key_id")
    except (ValueError, AttributeError):
        claimed = None
    if isinstance(claimed, str) and claimed in trusted.keys:
        return (
            f"the signature does not match the manifest: the {what} was altered after signing"
            " or signed with a different key"
        )
    who = f"key {claimed}" if isinstance(claimed, str) else "an unknown key"
    return f"the {what} is signed by {who}, which this terminal does not trust"


__all__ = ["RawArchive", "check_name", "read_archive", "sha256_file", "write_archive"]


@dataclass(frozen=True)
class RawArchive:
    """A signed archive whose signature and file hashes checked out; the manifest unparsed."""

    manifest_bytes: bytes
    signature: bytes
    signer: str  # id of the trusted key that signed it
    files: dict[str, tuple[str, int]]  # name -> (sha256, size) as read
    small: dict[str, bytes]  # the members asked for in ``keep``, in memory
    sha256: str  # of the archive file as read


def read_archive(
    path: Path,
    trusted: TrustedKeys,
    *,
    what: str = "bundle",
    dest: Path | None = None,
    max_bytes: int = 1024 << 20,
    progress: Callable[[str], None] | None = None,
    keep: frozenset[str] = frozenset(),
    mode_for: ModeFor = default_mode,
    listed: Callable[[bytes], dict[str, tuple[str, int]]],
    keys_hint: str = "",
) -> RawArchive:
    """Verify the archive at ``path``; with ``dest`` (an empty folder) also unpack it there.

    ``keys_hint`` says where trusted keys are configured (for the refusal when there are none).
    ``listed`` turns the signed manifest's bytes into name -> (sha256, size) (raising
    ProvisionError if malformed); every member must match it and every listed file be present.
    Raises ProvisionError naming the first problem. On error ``dest`` may hold partial files:
    the caller owns it and removes it. ``progress`` is called with each file's name once it is
    unpacked (the installer's power-cut tests stop the process there).
    """
    try:
        size = path.stat().st_size
        fh = path.open("rb")
    except OSError as exc:
        raise ProvisionError(f"cannot read the {what} {path}: {exc.strerror}") from None
    if size > max_bytes:
        fh.close()
        raise ProvisionError(f"the {what} is {size} bytes, over the {max_bytes}-byte limit")
    if not trusted.keys:
        fh.close()
        raise ProvisionError(f"no trusted keys are configured{keys_hint}")

    small: dict[str, bytes] = {}
    found: dict[str, tuple[str, int]] = {}
    total = 0
    reader = _HashingReader(fh)
    try:
        # open_stream checks the gzip trailer (an archive cut anywhere, even after the last file,
        # is noticed), the size of every header before tarfile reads it, the member count, the
        # bytes unpacked, and that nothing follows the archive
        with fh, open_stream(reader, max_bytes, what) as (tar, gz):  # type: ignore[arg-type]
            for member in tar:
                name = check_name(member.name, what)
                if member.isdir():
                    continue
                if not member.isreg():
                    raise ProvisionError(f"{what} member {name!r} is {_kind(member)}")
                if name in found or name in small:
                    raise ProvisionError(f"{what} member {name!r} appears twice")
                if len(found) + len(small) >= m.MAX_MEMBERS:
                    raise ProvisionError(f"the {what} has more than {m.MAX_MEMBERS} files")
                total += member.size
                if total > max_bytes:
                    raise ProvisionError(f"the {what} unpacks to more than {max_bytes} bytes")
                src = tar.extractfile(member)
                assert src is not None  # a regular file always has content
                if name in (m.MANIFEST, m.SIGNATURE):
                    if member.size > m.MAX_MANIFEST_BYTES:
                        raise ProvisionError(f"{name} is too large ({member.size} bytes)")
                    small[name] = src.read()
                    continue
                if name.split("/")[0] in m.RESERVED:
                    raise ProvisionError(f"{what} member {name!r} uses a reserved name")
                kept = name in keep
                if kept and member.size > m.MAX_SMALL_FILE_BYTES:
                    raise ProvisionError(f"{name} is too large ({member.size} bytes)")
                h = hashlib.sha256()
                buf = bytearray()
                out = _open_dest(dest, name, mode_for(name), what) if dest is not None else None
                try:
                    n = 0
                    while chunk := src.read(_CHUNK):
                        h.update(chunk)
                        n += len(chunk)
                        if kept:
                            buf += chunk
                        if out is not None:
                            out.write(chunk)
                finally:
                    if out is not None:
                        out.close()
                if n != member.size:
                    raise ProvisionError(f"{what} member {name!r} is truncated")
                found[name] = (h.hexdigest(), n)
                if kept:
                    small[name] = bytes(buf)
                if progress is not None:
                    progress(name)
            gz.end_of_archive()
    except _CORRUPT as exc:
        raise ProvisionError(f"the {what} is truncated or corrupt ({exc})") from None

    manifest_bytes = small.pop(m.MANIFEST, None)
    signature_text = small.pop(m.SIGNATURE, None)
    if manifest_bytes is None:
        raise ProvisionError(f"not a {what}: manifest.json is missing")
    if signature_text is None:
        raise ProvisionError(f"the {what} is unsigned: manifest.sig is missing")
    try:
        signature = base64.b64decode(signature_text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ProvisionError("manifest.sig is not a base64 signature") from None
    signer = trusted.verify(manifest_bytes, signature)
    if signer is None:
        raise ProvisionError(signature_failure(manifest_bytes, trusted, what))

    expected = listed(manifest_bytes)
    for name, entry in expected.items():
        check_name(name, what)
        got = found.get(name)
        if got is None:
            raise ProvisionError(f"{name} is listed in the manifest but missing from the {what}")
        if got != entry:
            raise ProvisionError(f"{name} has been altered (sha256 does not match the manifest)")
    extra = sorted(set(found) - set(expected))
    if extra:
        raise ProvisionError(f"{extra[0]} is in the {what} but not in the signed manifest")
    return RawArchive(
        manifest_bytes=manifest_bytes,
        signature=signature,
        signer=signer,
        files=found,
        small=small,
        sha256=reader.hash.hexdigest(),
    )
