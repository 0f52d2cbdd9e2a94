"""The desk's home tiles: titles, and whether a tile shows. Kept apart from the screens so that
registering the tiles at start imports no camera, PDF or printer code — the screens load when a
tile is first touched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from kiosk_app.core.context import AppContext


def desk_title() -> str:
    return QCoreApplication.translate("DeskTiles", "Desk intake")


def desk_subtitle() -> str:
    return QCoreApplication.translate("DeskTiles", "Staff: cases, documents, receipts")


def capture_title() -> str:
    return QCoreApplication.translate("DeskTiles", "Document capture")


def capture_subtitle() -> str:
    return QCoreApplication.translate("DeskTiles", "Pages and ID cards under the camera")


def camera_present(ctx: AppContext) -> bool:
    """A tile only where there is a document camera (one that failed to load counts as none)."""
    devices = ctx.devices
    return devices is not None and devices.get("doc_camera") is not None
