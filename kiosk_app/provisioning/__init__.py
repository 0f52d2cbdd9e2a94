"""Offline provisioning and software updates: signed archives, atomic installs into slots with
rollback, config pushes, and the launcher that tries a new release before keeping it.

Qt-free, so the same code runs in ``kiosk provision`` on a technician's laptop, in the
technician panel on the terminal, and in the tests. The pieces:

- :mod:`.keys`: Ed25519 key pairs and the set of keys a terminal trusts;
- :mod:`.archive`: the signed archive both bundles and releases are (manifest first, streamed);
- :mod:`.manifest`: the bundle layout and the signed manifest;
- :mod:`.bundle`: make a bundle; verify (and unpack) one in a single streaming pass;
- :mod:`.slots`: releases folders with symlinked slots, swapped atomically (one mechanism for
  config releases and software);
- :mod:`.install`: stage, swap atomically, keep the previous release, roll back;
- :mod:`.push`: the central service's signed config push, applied at the next idle moment;
- :mod:`.release`: software release artifacts (make, verify, stage into the spare slot) and the
  release keys in force;
- :mod:`.software`: the software slots' state (running, fallback, trial), kept as a journal;
- :mod:`.boot`: the launcher: runs the committed version, or tries a new one and keeps it only
  if it reaches its home screen and passes the self-test, else goes back by itself;
- :mod:`.latest`: the signed, expiring "latest release" document;
- :mod:`.agent`: checks for, downloads and stages releases in the background;
- :mod:`.slip`: what the provisioning slip says;
- :mod:`.selftest`: the device self-test after an install (`kiosk devices test`);
- :mod:`.usb`: finding bundles and releases on a technician's USB stick (technician panel);
- :mod:`.systemd`: the systemd drop-ins rendered from ``[maintenance]``.

This file imports nothing heavy: the launcher (:mod:`.boot`) runs before every start of the
kiosk and must not pay for pydantic and cryptography.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk_app.core.paths import data_dir
from kiosk_app.provisioning.errors import ProvisionError

if TYPE_CHECKING:
    from kiosk_app.core.config import KioskConfig
    from kiosk_app.provisioning.install import Installer

__all__ = ["ProvisionError", "install_root", "installer_for"]


def install_root(cfg: KioskConfig) -> Path:
    """The install folder: ``provisioning.install_dir``, else ``<data dir>/install``."""
    return (
        Path(cfg.provisioning.install_dir)
        if cfg.provisioning.install_dir
        else data_dir() / "install"
    )


def installer_for(cfg: KioskConfig) -> Installer:
    """The installer for this terminal's config (trusted keys, size limit, install folder)."""
    from kiosk_app.provisioning.install import Installer
    from kiosk_app.provisioning.keys import TrustedKeys

    return Installer(
        install_root(cfg),
        TrustedKeys.from_config(cfg.provisioning),
        max_bytes=cfg.provisioning.max_bundle_mb * 1024 * 1024,
    )
