"""The home tiles of 用水用气报装 and 就近办: their texts (translated in this area's .ts)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def utility_title() -> str:
    return QCoreApplication.translate("UtilityTiles", "Water and gas connection")


def utility_subtitle() -> str:
    return QCoreApplication.translate("UtilityTiles", "Apply, book a video survey, follow it")


def nearby_title() -> str:
    return QCoreApplication.translate("UtilityTiles", "Nearby service points")


def nearby_subtitle() -> str:
    return QCoreApplication.translate("UtilityTiles", "Open now, how far, what they do")
