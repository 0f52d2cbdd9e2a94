"""Registers the standalone document capture (capability "capture"); the screen lives in
kiosk_app/ui/desk/ with the desk's other screens and translations."""

from __future__ import annotations

from kiosk_app.ui import capabilities
from kiosk_app.ui.capabilities import CapabilitySpec
from kiosk_app.ui.desk.capture_screen import (
    CaptureScreen,
    camera_present,
    tile_subtitle,
    tile_title,
)

capabilities.register(
    CapabilitySpec("capture", tile_title, tile_subtitle, CaptureScreen, camera_present)
)
