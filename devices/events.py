"""Events a device delivers to its subscribers, modelled on UnifiedPOS data/status/error events.

Events are small frozen values carrying the device's *logical* name (``scanner``, ``printer`` …),
not the device object, so they can cross threads and be queued into Qt signals safely.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from devices.errors import DeviceError


class DeviceState(StrEnum):
    """Lifecycle states (UnifiedPOS / CEN-XFS): closed → open → claimed → enabled.

    OFFLINE: opened, but the channel is gone; the device remembers the state it was asked for
    and returns to it when the channel comes back. ERROR: a fault no reconnect can fix (bad
    parameters, hardware fault); close and reopen after fixing it.
    """

    CLOSED = "closed"
    OPEN = "open"
    CLAIMED = "claimed"
    ENABLED = "enabled"
    OFFLINE = "offline"
    ERROR = "error"


# Status names adapters report in StatusEvent.status. Free strings are allowed (a vendor adapter
# may add its own); these are the ones the UI knows how to word.
ONLINE = "online"
OFFLINE = "offline"
PAPER_OK = "paper_ok"
PAPER_LOW = "paper_low"
PAPER_OUT = "paper_out"
COVER_OPEN = "cover_open"
COVER_CLOSED = "cover_closed"
HEARTBEAT = "heartbeat"


@dataclass(frozen=True)
class DataEvent:
    """Input from the device: a scan, a rating, a captured frame."""

    device: str
    payload: object
    at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class StatusEvent:
    """A change in the device's condition (online, offline, paper_low, cover_open …)."""

    device: str
    status: str
    detail: str = ""
    at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class ErrorEvent:
    """Something failed; ``can_retry`` tells the UI whether to offer "try again"."""

    device: str
    error: DeviceError
    can_retry: bool
    at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class StateEvent:
    """The lifecycle state changed (the technician panel and the bridge show it)."""

    device: str
    state: DeviceState
    previous: DeviceState
    at: float = field(default_factory=time.time)


Event = DataEvent | StatusEvent | ErrorEvent | StateEvent
