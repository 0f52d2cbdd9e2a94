"""Installing releases on the terminal: stage, swap atomically, keep one previous, roll back.

Layout of the install folder (``provisioning.install_dir``, else ``<data dir>/install``):

    releases/<name>/      one unpacked, verified release (bundle files + release.json)
    releases/.staging-*   a release being unpacked; never read by the kiosk
    current  -> releases/<name>    what the kiosk runs (KIOSK_CONFIG=current/config/site.toml)
    previous -> releases/<name>    what `kiosk provision rollback` goes back to
    .lock                 held while installing, so the panel and the CLI cannot race

The slots mechanism is ``slots.SlotStore``'s (the same as the software's): the only step that
changes what the kiosk runs is one rename of a new ``current`` symlink over the old one, after
the release folder and everything in it has been fsynced. A power cut at any
moment therefore leaves ``current`` on the complete old release or the complete new one; the
leftovers (a staging folder, an unreferenced release) are swept by the next install.

The installed version is the ``release.json`` of ``current``: it moves with the symlink, so the
version on record can never disagree with the files in force.
"""

from __future__ import annotations

import base64
import contextlib
import secrets
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.bundle import VerifiedBundle, read_bundle
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.fsutil import fsync_tree, write_atomic
from kiosk_app.provisioning.keys import TrustedKeys
from kiosk_app.provisioning.slots import SlotStore, StepHook

# Given the new release's site config, returns device name -> "ok" or the failure reason.
SelfTest = Callable[[Path], Mapping[str, str]]

# Named points of an install, in order; the power-cut tests stop the process at each.
STEPS = (
    "swept",
    "unpacking",
    "staged",
    "release-committed",
    "previous-linked",
    "swapped",
    "pruned",
)
ROLLBACK_STEPS = ("rollback-swapped", "rollback-unlinked", "pruned")


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Installed:
    path: Path
    info: m.ReleaseInfo

    @property
    def site_config(self) -> Path:
        return self.path / m.SITE_CONFIG


@dataclass(frozen=True)
class ApplyResult:
    bundle: VerifiedBundle
    installed: Installed
    previous: Installed | None
    self_test: dict[str, str] = field(default_factory=dict)


class Installer(SlotStore):
    """Owns one install folder of config releases; every change to it goes through here."""

    LINKS = ("current", "previous")

    def __init__(
        self,
        root: Path,
        trusted: TrustedKeys,
        max_bytes: int = 1024 << 20,
        on_step: StepHook | None = None,
    ) -> None:
        super().__init__(root, on_step)
        self.trusted = trusted
        self.max_bytes = max_bytes
        self.current_link = self.link("current")
        self.previous_link = self.link("previous")

    # ---- reading the state

    def _resolve(self, link: Path) -> Installed | None:
        try:
            target = str(link.readlink())
        except FileNotFoundError:
            return None
        path = self.root / target
        try:
            info = m.ReleaseInfo.model_validate_json((path / m.RELEASE_INFO).read_bytes())
        except (OSError, ValidationError) as exc:
            raise ProvisionError(f"the installed release {target} is damaged ({exc})") from None
        return Installed(path, info)

    def current(self) -> Installed | None:
        """The release the kiosk runs, or None on a terminal never provisioned."""
        return self._resolve(self.current_link)

    def previous(self) -> Installed | None:
        prev = self._resolve(self.previous_link)
        cur = self.current()
        if prev is None or (cur is not None and prev.path == cur.path):
            return None
        return prev

    def commit(self, staging: Path, info: m.ReleaseInfo) -> Installed:
        """Make a fully written staging folder the current release; keep the old as previous."""
        write_atomic(staging / m.RELEASE_INFO, info.model_dump_json(indent=2).encode())
        self.adopt(staging, recursive=True)
        fsync_tree(staging)
        self._step("staged")
        name = f"{info.source}-b{info.bundle_version}-c{info.config_version}-{secrets.token_hex(3)}"
        final = self.place(staging, name)
        self._step("release-committed")
        # previous first: a cut here leaves previous == current, the old config still in force
        with contextlib.suppress(FileNotFoundError):
            self.point("previous", "current")
        self._step("previous-linked")
        self.point("current", final)
        self._step("swapped")
        self.sweep()
        self._step("pruned")
        return Installed(final, info)

    # ---- the operations

    def apply(self, bundle: Path, self_test: SelfTest | None = None) -> ApplyResult:
        """Verify and install ``bundle``; on any refusal the terminal is left as it was."""
        with self.locked():
            self.sweep()
            self._step("swept")
            cur = self.current()
            staging = self.new_staging()
            try:
                first = [True]

                def progress(_name: str) -> None:
                    if first[0]:
                        first[0] = False
                        self._step("unpacking")

                verified = read_bundle(bundle, self.trusted, staging, self.max_bytes, progress)
                installed_version = cur.info.bundle_version if cur else 0
                if verified.manifest.version <= installed_version:
                    raise ProvisionError(
                        f"bundle version {verified.manifest.version} is not newer than the"
                        f" installed version {installed_version}; an old bundle cannot roll"
                        " the terminal back (use `kiosk provision rollback`)"
                    )
                for name, data in (
                    (m.MANIFEST, verified.manifest_bytes),
                    (m.SIGNATURE, base64.b64encode(verified.signature) + b"\n"),
                ):
                    (staging / name).write_bytes(data)
                info = m.ReleaseInfo(
                    bundle_version=verified.manifest.version,
                    # a pushed config's version carries over: the next push must still go up
                    config_version=cur.info.config_version if cur else 0,
                    terminal_id=verified.manifest.terminal_id,
                    source="bundle",
                    installed_at=now_iso(),
                    signer=verified.signer,
                )
                installed = self.commit(staging, info)
            except OSError as exc:  # disk full, read error on the stick, ...
                shutil.rmtree(staging, ignore_errors=True)
                now = self.current()
                running = f"bundle {now.info.bundle_version}" if now else "no bundle"
                raise ProvisionError(
                    f"installing failed ({exc.strerror or exc}); the terminal runs {running}"
                ) from None
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        results = run_self_test(self_test, installed.site_config) if self_test else {}
        return ApplyResult(verified, installed, cur, results)

    def rollback(self) -> tuple[Installed, Installed]:
        """Go back one step: (now current, the release rolled back from). Only one step exists."""
        with self.locked():
            cur, prev = self.current(), self.previous()
            if cur is None or prev is None:
                raise ProvisionError("there is no previous release to roll back to")
            self.point("current", "previous")
            self._step("rollback-swapped")
            self.point("previous", None)
            self._step("rollback-unlinked")
            self.sweep()
            self._step("pruned")
            return prev, cur


def run_self_test(self_test: SelfTest, site_config: Path) -> dict[str, str]:
    """Run the device self-test; a crash in it is a failure on the slip, not a failed install."""
    try:
        return dict(self_test(site_config))
    except Exception as exc:
        return {"self-test": f"could not run: {type(exc).__name__}: {exc}"}
