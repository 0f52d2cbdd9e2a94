"""Durable file-system steps for installing on a terminal that may lose power at any moment.

A rename is atomic on POSIX file systems, but only durable once the folder holding it has been
fsynced; a file's bytes are only durable once the file itself has been. Every install step goes
through these helpers so the order "write, fsync file, rename, fsync folder" is never skipped.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Make the entries of ``path`` (renames, new files) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """Make everything below ``root`` durable before it is renamed into place.

    One ``sync()`` rather than an fsync per file: on Linux it waits for the writes to complete
    (sync(2)), and for a release of a few hundred files it is faster than an fsync per file
    (benchmarks/provisioning.py measures both). A kiosk has little else dirty to flush.
    """
    del root  # the whole file system is flushed; kept in the signature for the call sites
    os.sync()


def write_atomic(path: Path, data: bytes, mode: int = 0o640) -> None:
    """Replace ``path`` with ``data`` so a reader sees the old or the new bytes, never a mix."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def replace_symlink(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` in one atomic rename (a symlink cannot be rewritten)."""
    tmp = link.with_name(f".{link.name}.{secrets.token_hex(4)}.tmp")
    tmp.symlink_to(target)
    try:
        tmp.replace(link)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(link.parent)


def remove_link(link: Path) -> None:
    """Remove a symlink durably; a missing one is fine (the step may have run before a crash)."""
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
        fsync_dir(link.parent)
