"""sd_notify(3): one datagram on systemd's unix socket, for readiness, the watchdog and the
launcher's "give the new version more time to start".

systemd documents the protocol and recommends reimplementing it rather than linking libsystemd,
which is what this does. Without ``NOTIFY_SOCKET`` (development, tests, the demo) every call is
a no-op that returns False. Standard library only (the launcher and the Qt watchdog use it).
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


def notify_address() -> str | None:
    addr = os.environ.get("NOTIFY_SOCKET", "")
    if not addr or addr[0] not in "/@":
        return None
    return "\0" + addr[1:] if addr[0] == "@" else addr  # "@" means the abstract namespace


def notify(message: str) -> bool:
    """Send one sd_notify message; False when there is no systemd to tell (or it failed)."""
    addr = notify_address()
    if addr is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(message.encode(), addr)
    except OSError as exc:
        log.warning("sd_notify failed", extra={"error": str(exc), "notify": message})
        return False
    return True
