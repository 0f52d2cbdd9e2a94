"""A QObject per device: device events in (on the device's I/O thread), Qt signals out (on the
GUI thread).

The device callback only emits a private signal connected with a *queued* connection to a slot
of this object, which lives on the GUI thread; the public signals are emitted from that slot.
So any slot or lambda connected to them runs on the GUI thread, whatever its connection type,
and the UI never touches a device or waits for one.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from devices.base import DataEvent, Device, ErrorEvent, Event, StateEvent, StatusEvent


class DeviceBridge(QObject):
    data = Signal(object)  # the payload: Symbol, Rating, …
    status = Signal(str, str)  # status name, detail
    error = Signal(object, bool)  # DeviceError, can_retry
    stateChanged = Signal(str)

    _relay = Signal(object)

    def __init__(self, device: Device, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device
        self.name = device.name
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = device.subscribe(self._relay.emit)
        self.destroyed.connect(self._unsubscribe)

    def detach(self) -> None:
        """Stop listening (the device keeps running; close it separately)."""
        self._unsubscribe()

    @Slot(object)
    def _deliver(self, event: Event) -> None:
        if isinstance(event, DataEvent):
            self.data.emit(event.payload)
        elif isinstance(event, StatusEvent):
            self.status.emit(event.status, event.detail)
        elif isinstance(event, ErrorEvent):
            self.error.emit(event.error, event.can_retry)
        elif isinstance(event, StateEvent):
            self.stateChanged.emit(event.state.value)


def bridge_all(devices: Iterable[Device], parent: QObject | None = None) -> dict[str, DeviceBridge]:
    """One bridge per device (e.g. ``bridge_all(manager)``), keyed by logical name."""
    return {d.name: DeviceBridge(d, parent) for d in devices}
