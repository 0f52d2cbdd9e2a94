"""Finding bundles on a technician's USB stick, for the technician panel's "apply from USB".

The panel lists what it finds (terminal, version, file) and applies the one the technician
picks; what is shown here is read from the manifest *before* verification, only to label the
choice. Nothing is trusted until Installer.apply has verified the whole bundle.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from kiosk_app.core.log_export import USB_ROOTS
from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.reader import open_stream

MOUNT_ROOTS = USB_ROOTS
SUFFIXES = (".tar.gz", ".tgz")


@dataclass(frozen=True)
class BundleOnStick:
    path: Path
    terminal_id: str  # unverified: a label for the technician's choice
    version: int


def peek(path: Path) -> BundleOnStick | None:
    """The bundle's (unverified) terminal and version, or None when it is not a bundle.

    This runs inside the kiosk process on whatever is on the stick, so it reads through the
    same limits as verification (``reader.open_stream``): a bundle bomb is "not a bundle", never
    a MemoryError in the kiosk."""
    try:
        with path.open("rb") as raw, open_stream(raw, m.MAX_MANIFEST_BYTES) as (tar, _gz):
            first = next(iter(tar), None)
            if first is None or first.name != m.MANIFEST or first.size > m.MAX_MANIFEST_BYTES:
                return None
            fh = tar.extractfile(first)
            if fh is None:
                return None
            mf = m.Manifest.model_validate_json(fh.read(m.MAX_MANIFEST_BYTES))
    except (OSError, ProvisionError, ValidationError):
        return None
    return BundleOnStick(path, mf.terminal_id, mf.version)


def find_bundles(roots: Iterable[Path] = MOUNT_ROOTS, max_depth: int = 3) -> list[BundleOnStick]:
    """Bundles under the mount roots (a stick's top folders only), highest version first."""
    found: list[BundleOnStick] = []
    for root in roots:
        if not root.is_dir():
            continue
        base = len(root.parts)
        for dirpath, dirnames, filenames in os.walk(root):
            if len(Path(dirpath).parts) - base >= max_depth:
                dirnames.clear()
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(SUFFIXES) and (b := peek(Path(dirpath) / name)) is not None:
                    found.append(b)
    return sorted(found, key=lambda b: (-b.version, str(b.path)))
