"""Software release artifacts (``kiosk-release/1``): make one from a frozen build, verify it,
and stage it into the spare software slot.

A release is a signed archive (archive.py) like a provisioning bundle: ``manifest.json``
(contract.updates.ReleaseManifest: the version and the sha256 of every file under ``app/``),
``manifest.sig`` by the county's **release key** — a key of its own, not the one that signs
bundles or config pushes — and the frozen build's files under ``app/`` (``app/kiosk`` and its
``_internal/``). Symbolic links of the build are listed in the signed manifest, never carried as
tar members, and made only after the signature checked out, inside ``app/``. Nothing is
executable until then.

Staging verifies and unpacks in one pass into a private folder of the software slots, refuses a
version that is not above every version this terminal has started (rollback attack), and arms
it as the ``trial``; the launcher (boot.py) tries it at the restart window.
"""

from __future__ import annotations

import base64
import os
import posixpath
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from contract.updates import (
    APP_DIR,
    APP_EXECUTABLE,
    RELEASE_FORMAT,
    ArchiveFile,
    ReleaseManifest,
    TrustChange,
)
from contract.versions import is_version, newer
from kiosk_app.core.config import KioskConfig, UpdatesConfig
from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.archive import check_name, read_archive, sha256_file, write_archive
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.keys import TrustedKeys, key_id, parse_public
from kiosk_app.provisioning.software import Slot, SlotInfo, SoftwareSlots, now_iso

_VERSION_CHECK_S = 120


@dataclass(frozen=True)
class VerifiedRelease:
    manifest: ReleaseManifest
    manifest_bytes: bytes
    signature: bytes
    signer: str
    sha256: str  # of the artifact file

    @property
    def version(self) -> str:
        return self.manifest.version


# ---- the county's side ---------------------------------------------------------------------
def _app_entries(app: Path) -> tuple[list[tuple[str, Path]], list[str], dict[str, str]]:
    """(files, executables, links) of a frozen build, named as in the artifact (app/...)."""
    files: list[tuple[str, Path]] = []
    executables: list[str] = []
    links: dict[str, str] = {}
    root = app.resolve()
    for dirpath, dirnames, filenames in os.walk(app):
        dirnames.sort()
        for fname in sorted(filenames) + [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
            path = Path(dirpath) / fname
            name = f"{APP_DIR}/{path.relative_to(app).as_posix()}"
            check_name(name, "release")
            if path.is_symlink():
                target = path.readlink()
                if target.is_absolute() or not path.resolve().is_relative_to(root):
                    raise ProvisionError(f"{path}: a link out of the app folder ({target})")
                links[name] = target.as_posix()
            elif path.is_file():
                files.append((name, path))
                if path.stat().st_mode & 0o111:
                    executables.append(name)
            else:
                raise ProvisionError(f"{path}: only files and links can go into a release")
        dirnames[:] = [d for d in dirnames if not (Path(dirpath) / d).is_symlink()]
    return files, executables, links


def built_version(app: Path) -> str:
    """What the build says it is (`kiosk --version` → "kiosk 0.2.0")."""
    try:
        proc = subprocess.run(
            [str(app / "kiosk"), "--version"],
            capture_output=True,
            text=True,
            timeout=_VERSION_CHECK_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProvisionError(f"cannot run {app / 'kiosk'} --version: {exc}") from None
    words = proc.stdout.split()
    if proc.returncode != 0 or len(words) != 2 or words[0] != "kiosk":
        raise ProvisionError(f"{app / 'kiosk'} --version answered {proc.stdout.strip()!r}")
    return words[1]


def make_release(
    out: Path,
    app: Path,
    version: str,
    private: Ed25519PrivateKey,
    *,
    trust: TrustChange | None = None,
    notes: str = "",
    now: datetime | None = None,
) -> ReleaseManifest:
    """Sign the frozen build in ``app`` (a folder holding ``kiosk``) as release ``version``.

    The build must say it is that version (`kiosk --version`): a release labelled 0.3.0 that
    reports 0.2.0 in every heartbeat would make the fleet's view of who runs what a lie."""
    if not is_version(version):
        raise ProvisionError(f"{version!r} is not a release version (e.g. 0.2.0)")
    exe = app / "kiosk"
    if not exe.is_file() or not os.access(exe, os.X_OK):
        raise ProvisionError(f"{app} holds no executable `kiosk`: not a frozen build")
    says = built_version(app)
    if says != version:
        raise ProvisionError(f"the build in {app} is version {says}, not {version}")
    files, executables, links = _app_entries(app)
    entries: dict[str, ArchiveFile] = {}
    for name, path in files:
        digest, size = sha256_file(path)
        entries[name] = ArchiveFile(sha256=digest, size=size)
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    manifest = ReleaseManifest(
        format=RELEASE_FORMAT,
        version=version,
        created_at=created.isoformat(),
        key_id=key_id(private.public_key()),
        files=entries,
        executables=executables,
        links=links,
        trust=trust,
        notes=notes,
    )
    manifest_bytes = manifest.model_dump_json(indent=2, exclude_none=True).encode()
    signature = base64.b64encode(private.sign(manifest_bytes)) + b"\n"
    write_archive(
        out,
        manifest_bytes,
        signature,
        [(name, path) for name, path in files],
        int(created.timestamp()),
        compresslevel=6,  # a frozen build is ~300 MB: level 9 costs minutes for 1 % less
    )
    return manifest


# ---- the terminal's side -------------------------------------------------------------------
def _link_target(name: str, target: str) -> str:
    """The link's target as a path inside the artifact, or ProvisionError if it leaves app/."""
    if not target or "\x00" in target or target.startswith("/") or "\\" in target:
        raise ProvisionError(f"release link {name!r} has an unusable target {target!r}")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
    if not joined.startswith(f"{APP_DIR}/"):
        raise ProvisionError(f"release link {name!r} points out of the app folder ({target})")
    return joined


def parse_manifest(manifest_bytes: bytes) -> ReleaseManifest:
    try:
        mf = ReleaseManifest.model_validate_json(manifest_bytes)
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"]
        raise ProvisionError(f"the signed release manifest is malformed: {reason}") from None
    for name in [*mf.files, *mf.links]:
        if check_name(name, "release") != name or not name.startswith(f"{APP_DIR}/"):
            raise ProvisionError(f"release member {name!r} is outside app/")
    if APP_EXECUTABLE not in mf.files or APP_EXECUTABLE not in mf.executables:
        raise ProvisionError(f"the release has no executable {APP_EXECUTABLE}")
    if unknown := sorted(set(mf.executables) - set(mf.files)):
        raise ProvisionError(f"the release marks {unknown[0]} executable but does not hold it")
    for name, target in mf.links.items():
        if name in mf.files or any(f.startswith(f"{name}/") for f in mf.files):
            raise ProvisionError(f"release link {name!r} clashes with a file")
        _link_target(name, target)
    return mf


def _listed(manifest_bytes: bytes) -> dict[str, tuple[str, int]]:
    mf = parse_manifest(manifest_bytes)
    return {name: (e.sha256, e.size) for name, e in mf.files.items()}


def read_release(
    path: Path,
    trusted: TrustedKeys,
    dest: Path | None = None,
    max_bytes: int = 2048 << 20,
    progress: Callable[[str], None] | None = None,
) -> VerifiedRelease:
    """Verify the release at ``path``; with ``dest`` (an empty folder) also unpack it there,
    links made and executables marked once everything checked out."""
    raw = read_archive(
        path,
        trusted,
        what="release",
        dest=dest,
        max_bytes=max_bytes,
        progress=progress,
        mode_for=lambda _name: 0o640,
        listed=_listed,
        keys_hint=" for releases (updates.release_keys)",
    )
    mf = parse_manifest(raw.manifest_bytes)
    if dest is not None:
        for name in mf.executables:
            dest.joinpath(*name.split("/")).chmod(0o750)
        for name, target in sorted(mf.links.items()):
            link = dest.joinpath(*name.split("/"))
            link.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
            try:
                link.symlink_to(target)
            except FileExistsError:
                raise ProvisionError(f"release link {name!r} clashes with another member") from None
        for name in mf.links:  # after all exist: a chain of links must still end inside app/
            resolved = dest.joinpath(*name.split("/")).resolve()
            if not resolved.is_relative_to((dest / APP_DIR).resolve()):
                raise ProvisionError(f"release link {name!r} leads out of the app folder")
    return VerifiedRelease(mf, raw.manifest_bytes, raw.signature, raw.signer, raw.sha256)


def effective_keys(cfg: UpdatesConfig, state: Mapping[str, Any], kind: str) -> TrustedKeys:
    """The release (``kind="release"``) or metadata keys in force: the site config's, plus the
    ones committed releases handed on, minus the ones they revoked (key rotation)."""
    lines = list(cfg.release_keys if kind == "release" else cfg.metadata_keys)
    trust = state.get("trust") or {}
    lines += [x for x in trust.get(f"{kind}_keys_add", []) if isinstance(x, str)]
    revoked = set(trust.get(f"{kind}_keys_revoke", []))
    found = {}
    for i, line in enumerate(lines):
        pub = parse_public(line, f"updates.{kind}_keys[{i}]")
        found[key_id(pub)] = pub
    return TrustedKeys({kid: pub for kid, pub in found.items() if kid not in revoked})


@dataclass(frozen=True)
class StageOptions:
    """How a staged release is to be tried (from the terminal's config)."""

    source: Literal["central", "usb"]
    when: Literal["window", "next-start"]
    window: str = "04:00"
    window_minutes: int = 60
    deadline_s: int = 90
    settle_s: int = 30
    trial_attempts: int = 2
    max_bytes: int = 2048 << 20

    @classmethod
    def from_config(
        cls,
        cfg: KioskConfig,
        source: Literal["central", "usb"],
        when: Literal["window", "next-start"],
    ) -> StageOptions:
        u = cfg.updates
        return cls(
            source=source,
            when=when,
            window=cfg.maintenance.daily_restart,
            window_minutes=u.window_minutes,
            deadline_s=u.deadline_s,
            settle_s=u.settle_s,
            trial_attempts=u.trial_attempts,
            max_bytes=u.max_release_mb << 20,
        )


def stage_release(
    slots: SoftwareSlots,
    artifact: Path,
    trusted: TrustedKeys,
    options: StageOptions,
    *,
    expect: tuple[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[VerifiedRelease, Slot]:
    """Verify ``artifact`` and install it into the spare slot as the trial to try.

    ``expect`` = (version, sha256) the signed "latest" document announced: the artifact must be
    that one. Raises ProvisionError (nothing changed but a removed staging folder) when the
    release is unsigned, altered, not newer than what this terminal has run, or the disk fails.
    """
    with slots.locked():
        slots.sweep()
        slots._step("swept")
        staging = slots.new_staging()
        first = [True]

        def unpacked(name: str) -> None:
            if first[0]:
                first[0] = False
                slots._step("unpacking")
            if progress is not None:
                progress(name)

        try:
            verified = read_release(artifact, trusted, staging, options.max_bytes, unpacked)
            version = verified.version
            if expect is not None and (version, verified.sha256) != expect:
                raise ProvisionError(
                    f"the artifact is release {version} ({verified.sha256[:12]}…), not the"
                    f" announced {expect[0]} ({expect[1][:12]}…)"
                )
            state = slots.read_state()
            floor = slots.installed_floor(state)
            if not newer(version, floor):
                failed = version in state.get("failed", [])
                why = " (it was rolled back here before)" if failed else ""
                raise ProvisionError(
                    f"release {version} is not newer than {floor}{why}; versions only go up, so"
                    " an old release cannot take the terminal back"
                )
            (staging / m.MANIFEST).write_bytes(verified.manifest_bytes)
            (staging / m.SIGNATURE).write_bytes(base64.b64encode(verified.signature) + b"\n")
            trust = verified.manifest.trust
            info = SlotInfo(
                version=version,
                signer=verified.signer,
                source=options.source,
                staged_at=now_iso(),
                when=options.when,
                window=options.window,
                window_minutes=options.window_minutes,
                deadline_s=options.deadline_s,
                settle_s=options.settle_s,
                trial_attempts=options.trial_attempts,
                trust=trust.model_dump() if trust is not None else None,
            )
            slot = slots.arm(staging, info)
        except OSError as exc:  # disk full, the stick pulled out …
            shutil.rmtree(staging, ignore_errors=True)
            raise ProvisionError(f"installing the release failed ({exc.strerror or exc})") from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return verified, slot
