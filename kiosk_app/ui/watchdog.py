"""systemd watchdog fed from the Qt event loop, so a hung UI gets the kiosk restarted.

The unit (packaging/linux/kiosk-terminal.service) is ``Type=notify`` with ``WatchdogSec``;
systemd then passes ``NOTIFY_SOCKET`` and ``WATCHDOG_USEC`` to the process. A QTimer on the GUI
thread sends ``WATCHDOG=1`` every half period: if the event loop stops turning (a slot stuck in
a device call, a deadlock), the pings stop and systemd kills and restarts the kiosk. Pinging
from a helper thread would keep a frozen screen alive, which is exactly what must not happen.

Without ``NOTIFY_SOCKET`` (development, tests, the demo) everything here is a no-op.

The notify protocol itself is kiosk_app/core/sdnotify.py (the launcher speaks it too).

Usage (the UI engineer's start-up code, once the main window is shown)::

    watchdog = Watchdog.start(app)   # sends READY=1, then pings
    ...
    watchdog.stop()                  # on orderly exit: STOPPING=1
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from kiosk_app.core.sdnotify import notify, notify_address


def watchdog_interval_ms() -> int | None:
    """Half the watchdog period systemd asked for, or None when no watchdog is armed."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) <= 0:
        return None
    if pid and pid != str(os.getpid()):  # meant for another process (e.g. a wrapper)
        return None
    return max(1, int(usec) // 2000)


class Watchdog(QObject):
    """Pings systemd's watchdog from the GUI thread; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._ping)
        self.pings = 0

    @classmethod
    def start(cls, app: QCoreApplication) -> Watchdog:
        """Tell systemd the kiosk is ready and start pinging (no-op without NOTIFY_SOCKET)."""
        dog = cls(app)
        if notify_address() is None:
            return dog
        notify("READY=1")
        interval = watchdog_interval_ms()
        if interval is not None:
            dog._timer.start(interval)
            dog._ping()
        return dog

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def _ping(self) -> None:
        if notify("WATCHDOG=1"):
            self.pings += 1

    def stop(self) -> None:
        """Stop pinging and tell systemd the exit is deliberate."""
        if self._timer.isActive():
            self._timer.stop()
        if notify_address() is not None:
            notify("STOPPING=1")
