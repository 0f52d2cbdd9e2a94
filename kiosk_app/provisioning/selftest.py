"""The device self-test after an install: `kiosk devices test NAME` for each enabled device.

A child process per device, on the *new* release's config (KIOSK_CONFIG), so a hung driver or a
crashing adapter cannot take the installer (or the technician panel) down with it, and the test
runs exactly the code the kiosk will. Takes seconds per absent device (the devices command
waits for it to come online): the technician panel must run it off the GUI thread.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk_app.core.config import load_config

TIMEOUT_S = 90


def kiosk_argv() -> list[str]:
    """How to run this same `kiosk` (the frozen executable, or this interpreter's module)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "kiosk_app"]


def device_self_test(site_config: Path) -> dict[str, str]:
    """Device name -> "ok" or "failed: <the command's last line>", for each enabled device."""
    # each device reports its own fault below (an unknown adapter fails its own test)
    cfg = load_config(site_config, check_devices=False).config
    env = {**os.environ, "KIOSK_CONFIG": str(site_config)}
    results: dict[str, str] = {}
    for name, dev in sorted(cfg.devices.items()):
        if not dev.enabled:
            continue
        try:
            proc = subprocess.run(
                [*kiosk_argv(), "devices", "test", name],
                env=env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            results[name] = f"failed: no answer within {TIMEOUT_S} s"
            continue
        last = (proc.stderr.strip() or proc.stdout.strip()).splitlines()[-1:] or [""]
        results[name] = "ok" if proc.returncode == 0 else f"failed: {last[0][:120]}"
    return results
