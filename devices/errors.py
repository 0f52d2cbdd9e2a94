"""Typed device errors.

Callers decide what to tell a person from the *type* (paper out → "ask staff to refill", offline
→ "use the screen instead") and whether to offer "try again" from ``can_retry``, so the message
text never needs parsing. Messages never carry personal data: devices/ logs none.
"""

from __future__ import annotations


class DeviceError(Exception):
    """Base of every error a device adapter raises or reports."""

    can_retry: bool = True


class DeviceOffline(DeviceError):
    """The channel is gone (unplugged, port closed, socket dropped); reconnect is under way."""


class DeviceTimeout(DeviceError):
    """The device did not answer in time; it may still be there."""


class DeviceBusy(DeviceError):
    """Another job or another process holds the device."""


class PaperOut(DeviceError):
    """The printer has no paper; retry after a refill."""


class CoverOpen(DeviceError):
    """The printer's cover is open; retry once it is closed."""


class DeviceFault(DeviceError):
    """The hardware reports a fault that needs a technician (cutter jam, head overheat)."""

    can_retry = False


class DeviceConfigError(DeviceError):
    """The adapter's parameters are wrong; no retry can fix that, a config change can."""

    can_retry = False


class DeviceStateError(DeviceError):
    """A lifecycle call in the wrong state (enable before claim, submit to a closed device)."""

    can_retry = False


class UnsupportedOperation(DeviceError):
    """The device cannot do that (submit to a scanner, test print on a rating pad)."""

    can_retry = False
