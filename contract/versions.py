"""Release versions: up to four dot-separated numbers ("0.2.0", "2026.3.1"), compared as numbers.

Standard library only: the terminal's launcher compares versions before every start.
"""

from __future__ import annotations

import re

VERSION = r"^\d{1,9}(\.\d{1,9}){0,3}$"
_VERSION = re.compile(VERSION)


def version_key(version: str) -> tuple[int, ...]:
    """``"0.2"`` → ``(0, 2, 0, 0)``: missing parts count as zero."""
    if not _VERSION.match(version):
        raise ValueError(f"{version!r} is not a release version (numbers separated by dots)")
    parts = [int(p) for p in version.split(".")]
    return tuple([*parts, 0, 0, 0][:4])


def is_version(text: str) -> bool:
    return bool(_VERSION.match(text))


def newer(a: str, b: str | None) -> bool:
    """Is version ``a`` above ``b`` (None: nothing to compare with)?"""
    return b is None or version_key(a) > version_key(b)


def highest(*versions: str | None) -> str | None:
    found = [v for v in versions if v is not None]
    return max(found, key=version_key) if found else None
