"""Offline provisioning: signed bundles, atomic install with one-step rollback, config pushes.

Qt-free, so the same code runs in ``kiosk provision`` on a technician's laptop, in the
technician panel on the terminal, and in the tests. The pieces:

- :mod:`.keys`: Ed25519 key pairs and the set of keys a terminal trusts;
- :mod:`.manifest`: the bundle layout and the signed manifest;
- :mod:`.bundle`: make a bundle; verify (and unpack) one in a single streaming pass;
- :mod:`.install`: stage, swap atomically, keep the previous release, roll back;
- :mod:`.push`: the central service's signed config push, applied at the next idle moment;
- :mod:`.slip`: what the provisioning slip says;
- :mod:`.selftest`: the device self-test after an install (`kiosk devices test`);
- :mod:`.usb`: finding bundles on a technician's USB stick (technician panel);
- :mod:`.systemd`: the systemd drop-ins rendered from ``[maintenance]``.
"""

from __future__ import annotations

from pathlib import Path

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.paths import data_dir
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.install import Installer
from kiosk_app.provisioning.keys import TrustedKeys

__all__ = ["Installer", "ProvisionError", "TrustedKeys", "install_root", "installer_for"]


def install_root(cfg: KioskConfig) -> Path:
    """The install folder: ``provisioning.install_dir``, else ``<data dir>/install``."""
    return (
        Path(cfg.provisioning.install_dir)
        if cfg.provisioning.install_dir
        else data_dir() / "install"
    )


def installer_for(cfg: KioskConfig) -> Installer:
    """The installer for this terminal's config (trusted keys, size limit, install folder)."""
    return Installer(
        install_root(cfg),
        TrustedKeys.from_config(cfg.provisioning),
        max_bytes=cfg.provisioning.max_bundle_mb * 1024 * 1024,
    )
