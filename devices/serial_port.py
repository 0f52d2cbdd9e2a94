"""Opening a serial port the one way every serial adapter does it.

Through ``serial.serial_for_url``, so the same adapter runs on a real port, on pySerial's
``loop://`` and ``socket://`` in tests, and on a pty. Failures are told apart by pySerial's and
the OS's types, never by reading the message: a port another process locks (``exclusive=True``
is an advisory flock, refused with EAGAIN) is ``DeviceBusy``; anything else that stops the open
is ``DeviceOffline``, which the framework retries with backoff.
"""

from __future__ import annotations

import errno
from typing import Any

import serial

from devices.errors import DeviceBusy, DeviceOffline
from devices.identity import resolve_serial_port

_LOCKED = {errno.EAGAIN, errno.EWOULDBLOCK}  # flock(LOCK_EX | LOCK_NB) refused


def open_port(spec: str, baudrate: int, timeout: float, what: str, **kwargs: Any) -> Any:
    """The opened port for a configured name (by-id path, usb:VID:PID or a pySerial URL)."""
    url = spec if "://" in spec else resolve_serial_port(spec)
    try:
        return serial.serial_for_url(
            url, baudrate=baudrate, timeout=timeout, exclusive=True, **kwargs
        )
    except serial.SerialException as exc:
        if exc.errno in _LOCKED:
            raise DeviceBusy(f"{what} port is held by another process") from exc
        raise DeviceOffline(f"cannot open {what} port") from exc
    except (OSError, ValueError) as exc:
        raise DeviceOffline(f"cannot open {what} port: {type(exc).__name__}") from exc
