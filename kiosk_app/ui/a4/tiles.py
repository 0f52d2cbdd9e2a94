"""The 证明打印 tile's texts and when it shows: where the site has an A4 printer (a proof is
only ever printed, never shown whole on the screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from kiosk_app.ui.a4.common import has_a4

if TYPE_CHECKING:
    from kiosk_app.core.context import AppContext


def proofs_title() -> str:
    return QCoreApplication.translate("A4Tiles", "Print a proof")


def proofs_subtitle() -> str:
    return QCoreApplication.translate("A4Tiles", "Social insurance, real estate …")


def proofs_available(ctx: AppContext) -> bool:
    return has_a4(ctx)
