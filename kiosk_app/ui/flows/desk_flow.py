"""Registers the five-ones desk (capability "desk"); its screens live in kiosk_app/ui/desk/ so
their translations are an area of their own."""

from __future__ import annotations

from kiosk_app.ui import capabilities
from kiosk_app.ui.capabilities import CapabilitySpec
from kiosk_app.ui.desk.screen import DeskScreen, tile_subtitle, tile_title

capabilities.register(CapabilitySpec("desk", tile_title, tile_subtitle, DeskScreen))
