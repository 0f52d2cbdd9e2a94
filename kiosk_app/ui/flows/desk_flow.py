"""Registers the five-ones desk (capability "desk"); its screens live in kiosk_app/ui/desk/ so
their translations are an area of their own, and load on first use."""

from __future__ import annotations

from typing import Any

from kiosk_app.ui import capabilities
from kiosk_app.ui.capabilities import CapabilitySpec
from kiosk_app.ui.desk.tiles import desk_subtitle, desk_title


def _create(win: Any) -> Any:
    from kiosk_app.ui.desk.screen import DeskScreen

    return DeskScreen(win)


capabilities.register(CapabilitySpec("desk", desk_title, desk_subtitle, _create))
