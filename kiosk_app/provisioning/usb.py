"""Finding bundles and software releases on a technician's USB stick, for the technician
panel's "apply from USB" and `kiosk provision apply` (one path for both kinds).

The panel lists what it finds (terminal and version, or the software version; the file) and
applies the one the technician picks; what is shown here is read from the manifest *before*
verification, only to label the choice. Nothing is trusted until Installer.apply (a bundle) or
release.stage_release (a release) has verified the whole archive.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from contract.updates import RELEASE_FORMAT, ReleaseManifest
from contract.versions import version_key
from kiosk_app.core.log_export import USB_ROOTS
from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.reader import open_stream

MOUNT_ROOTS = USB_ROOTS
SUFFIXES = (".tar.gz", ".tgz")


@dataclass(frozen=True)
class BundleOnStick:
    path: Path
    terminal_id: str  # unverified: a label for the technician's choice ("" for a release)
    version: int | str  # a bundle's counter, or a release's version ("0.2.0")
    kind: Literal["bundle", "release"] = "bundle"

    @property
    def label(self) -> str:
        if self.kind == "release":
            return f"kiosk {self.version}"
        return f"{self.terminal_id} v{self.version}"

    def _order(self) -> tuple[int, tuple[int, ...]]:
        if isinstance(self.version, int):
            return (0, (-self.version,))
        return (1, tuple(-p for p in version_key(self.version)))


def peek(path: Path) -> BundleOnStick | None:
    """The archive's (unverified) kind, terminal and version, or None when it is neither a
    bundle nor a release.

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
            data = fh.read(m.MAX_MANIFEST_BYTES)
            if json.loads(data).get("format") == RELEASE_FORMAT:
                release = ReleaseManifest.model_validate_json(data)
                return BundleOnStick(path, "", release.version, "release")
            mf = m.Manifest.model_validate_json(data)
    except (OSError, ProvisionError, ValidationError, ValueError, AttributeError):
        return None
    return BundleOnStick(path, mf.terminal_id, mf.version)


def find_bundles(roots: Iterable[Path] = MOUNT_ROOTS, max_depth: int = 3) -> list[BundleOnStick]:
    """Bundles, then releases, under the mount roots (a stick's top folders only), each
    highest version first."""
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
    return sorted(found, key=lambda b: (b._order(), str(b.path)))
