"""The bridge from the Qt-free device layer to the UI: one QObject per device re-emitting its
events as signals on the GUI thread, and the application-wide keyboard-wedge filter."""

from kiosk_app.ui.devices.bridge import DeviceBridge, bridge_all
from kiosk_app.ui.devices.wedge_filter import WedgeFilter

__all__ = ["DeviceBridge", "WedgeFilter", "bridge_all"]
