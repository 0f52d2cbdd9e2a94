"""systemd drop-ins rendered from the terminal's ``[maintenance]`` config.

The unit files in packaging/linux/ are static; what a site may change (the daily restart
window, the watchdog period) is written as drop-ins next to them, so a package upgrade never
overwrites a site's choice and a config change never needs an edited unit.
"""

from __future__ import annotations

from kiosk_app.core.config import MaintenanceConfig

SERVICE = "kiosk-terminal.service"
RESTART_TIMER = "kiosk-restart.timer"


def dropins(cfg: MaintenanceConfig) -> dict[str, str]:
    """Relative path under /etc/systemd/system -> file content."""
    return {
        f"{RESTART_TIMER}.d/50-window.conf": (
            "# Written by `kiosk provision systemd` from maintenance.daily_restart.\n"
            "[Timer]\n"
            "OnCalendar=\n"  # an empty assignment clears the unit's default first
            f"OnCalendar=*-*-* {cfg.daily_restart}:00\n"
        ),
        f"{SERVICE}.d/50-watchdog.conf": (
            "# Written by `kiosk provision systemd` from maintenance.watchdog_s.\n"
            "[Service]\n"
            f"WatchdogSec={cfg.watchdog_s}\n"
        ),
    }
