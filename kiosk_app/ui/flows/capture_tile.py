"""Registers the standalone document capture (capability "capture"); the screen lives in
kiosk_app/ui/desk/ with the desk's other screens and translations, and loads on first use."""

from __future__ import annotations

from typing import Any

from kiosk_app.ui import capabilities
from kiosk_app.ui.capabilities import CapabilitySpec
from kiosk_app.ui.desk.tiles import camera_present, capture_subtitle, capture_title


def _create(win: Any) -> Any:
    from kiosk_app.ui.desk.capture_screen import CaptureScreen

    return CaptureScreen(win)


capabilities.register(
    CapabilitySpec("capture", capture_title, capture_subtitle, _create, camera_present)
)
