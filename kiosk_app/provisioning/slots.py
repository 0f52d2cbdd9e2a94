"""Slots: complete release folders side by side, and symlinks that say which one is in use.

One mechanism for everything installed on a terminal, the way A/B updaters (RAUC, Mender) keep
two root file systems: provisioning's config releases (``install/``: ``current`` and
``previous``) and the software itself (``software/``: ``current``, ``previous`` and the
``trial`` being tried). Layout under a root::

    releases/<name>/      one complete, verified release
    releases/.staging-*   a release being unpacked; never read by anyone
    <link> -> releases/<name>   e.g. current, previous, trial
    .lock                 held while changing anything, so the panel, the CLI, the update
                          agent and the launcher cannot interleave their steps

A release folder is fsynced and renamed into ``releases/`` before any link points at it, and a
link changes only by renaming a new symlink over it (then fsyncing the folder). A power cut at
any moment therefore leaves every link on a complete release; the leftovers (a staging folder,
a release no link names) are swept by the next change.

Standard library only: the launcher reads slots before every start of the kiosk.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from kiosk_app.provisioning.fsutil import fsync_dir, remove_link, replace_symlink

StepHook = Callable[[str], None]


class SlotStore:
    """A releases folder and the named links into it; every change goes through here."""

    LINKS: tuple[str, ...] = ("current", "previous")

    def __init__(self, root: Path, on_step: StepHook | None = None) -> None:
        self.root = root
        self.releases = root / "releases"
        self._on_step = on_step

    def link(self, name: str) -> Path:
        return self.root / name

    def target(self, name: str) -> Path | None:
        """The release folder the link ``name`` points at, or None when there is no link."""
        try:
            return self.root / self.link(name).readlink()
        except FileNotFoundError:
            return None

    def _step(self, name: str) -> None:
        if self._on_step is not None:
            self._on_step(name)

    def adopt(self, *paths: Path, recursive: bool = False) -> None:
        """Give what root creates here to the owner of the data dir (the kiosk user).

        A technician often runs `sudo kiosk provision apply`; without this the kiosk, running
        as its own user, could not read the release (nor later install a pushed config).
        """
        if os.geteuid() != 0:
            return
        owner = self.root.parent.stat()
        if owner.st_uid == 0:
            return
        for path in paths:
            os.lchown(path, owner.st_uid, owner.st_gid)
            if recursive and path.is_dir() and not path.is_symlink():
                for dirpath, dirnames, filenames in os.walk(path):
                    for name in dirnames + filenames:
                        os.lchown(Path(dirpath) / name, owner.st_uid, owner.st_gid)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the lock; a second writer waits instead of interleaving steps."""
        self.releases.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o660)
        self.adopt(self.root, self.releases, self.root / ".lock")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def sweep(self) -> None:
        """Remove staging folders and releases no link points at."""
        keep = set()
        for name in self.LINKS:
            with contextlib.suppress(FileNotFoundError):
                keep.add(self.link(name).readlink().name)
        for child in self.releases.iterdir():
            if child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)
        for child in self.root.iterdir():  # a symlink temp left by a cut between symlink+rename
            if child.name.startswith(".") and child.name.endswith(".tmp"):
                child.unlink(missing_ok=True)
        fsync_dir(self.releases)

    def new_staging(self) -> Path:
        staging = self.releases / f".staging-{secrets.token_hex(6)}"
        staging.mkdir(mode=0o750)
        return staging

    def place(self, staging: Path, name: str) -> Path:
        """Rename a complete, fsynced staging folder to ``releases/<name>`` durably."""
        final = self.releases / name
        staging.rename(final)
        fsync_dir(self.releases)
        return final

    def point(self, link: str, release: Path | str | None) -> None:
        """Point ``link`` at a release folder (by path or by the target of another link), or
        remove it (None); atomic and durable either way."""
        if release is None:
            remove_link(self.link(link))
        elif isinstance(release, Path):
            replace_symlink(self.link(link), f"releases/{release.name}")
        else:
            replace_symlink(self.link(link), str(self.link(release).readlink()))
