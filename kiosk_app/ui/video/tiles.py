"""The 视频帮办 tile's texts and when it shows: where the site enables video help (the centre's
hours are checked when the call is placed; outside them the screen says when to come back and
offers a call-back)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from kiosk_app.core.context import AppContext


def video_title() -> str:
    return QCoreApplication.translate("VideoTiles", "Video help")


def video_subtitle() -> str:
    return QCoreApplication.translate("VideoTiles", "Talk face to face with an agent")


def video_enabled(ctx: AppContext) -> bool:
    return bool(ctx.config.video.enabled)
