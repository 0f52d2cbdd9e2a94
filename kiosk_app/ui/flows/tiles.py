"""The home tiles of the flows: titles, and which screen each opens. Kept apart from the screens
so that registering the tiles at start imports no flow, printer or catalog code — a citizen sees
the home screen first; a screen loads when its tile is first touched, or in the background just
after the first paint (capabilities.preload)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk_app.ui.a4.tiles import proofs_available, proofs_subtitle, proofs_title
from kiosk_app.ui.capabilities import CapabilitySpec, Lazy, register
from kiosk_app.ui.desk.tiles import (
    camera_present,
    capture_subtitle,
    capture_title,
    desk_subtitle,
    desk_title,
)
from kiosk_app.ui.utility.tiles import (
    nearby_subtitle,
    nearby_title,
    utility_subtitle,
    utility_title,
)
from kiosk_app.ui.video.tiles import video_enabled, video_subtitle, video_title


def register_all() -> None:
    """(Re-)register every flow tile; the profile's ui.capabilities picks which ones show."""
    flows = "kiosk_app.ui.flows"
    for spec in (
        CapabilitySpec(
            "checkin",
            lambda: QCoreApplication.translate("FlowTiles", "Appointment check-in"),
            lambda: QCoreApplication.translate("FlowTiles", "Scan your appointment code"),
            Lazy(f"{flows}.checkin", "CheckinScreen"),
        ),
        CapabilitySpec(
            "ticket",
            lambda: QCoreApplication.translate("FlowTiles", "Take a queue ticket"),
            lambda: QCoreApplication.translate("FlowTiles", "Walk-in, no appointment"),
            Lazy(f"{flows}.ticket", "TicketScreen"),
        ),
        CapabilitySpec(
            "catalog",
            lambda: QCoreApplication.translate("FlowTiles", "Service guide"),
            lambda: QCoreApplication.translate("FlowTiles", "Materials, fees, where to go"),
            Lazy(f"{flows}.catalog", "CatalogScreen"),
        ),
        CapabilitySpec(
            "certfree",
            lambda: QCoreApplication.translate("FlowTiles", "Certificate-free services"),
            lambda: QCoreApplication.translate("FlowTiles", "Use your electronic licences"),
            Lazy(f"{flows}.certfree", "CertfreeScreen"),
        ),
        CapabilitySpec(
            "hotline",
            lambda: QCoreApplication.translate("FlowTiles", "12345 requests"),
            lambda: QCoreApplication.translate("FlowTiles", "Complaints, requests, progress"),
            Lazy(f"{flows}.hotline", "HotlineScreen"),
        ),
        CapabilitySpec(
            "progress",
            lambda: QCoreApplication.translate("FlowTiles", "Case progress"),
            lambda: QCoreApplication.translate("FlowTiles", "Any number on your slip"),
            Lazy(f"{flows}.progress", "ProgressScreen"),
        ),
        CapabilitySpec(
            "rating",
            lambda: QCoreApplication.translate("FlowTiles", "Rate our service"),
            lambda: QCoreApplication.translate("FlowTiles", "Very satisfied … very dissatisfied"),
            Lazy(f"{flows}.rating", "RatingScreen"),
        ),
        # the desk's screens live in kiosk_app/ui/desk/, with their own translations
        CapabilitySpec(
            "desk", desk_title, desk_subtitle, Lazy("kiosk_app.ui.desk.screen", "DeskScreen")
        ),
        # 视频帮办: its screens live in kiosk_app/ui/video/, with their own translations
        CapabilitySpec(
            "video",
            video_title,
            video_subtitle,
            Lazy("kiosk_app.ui.video.screen", "VideoScreen"),
            video_enabled,
        ),
        CapabilitySpec(
            "capture",
            capture_title,
            capture_subtitle,
            Lazy("kiosk_app.ui.desk.capture_screen", "CaptureScreen"),
            camera_present,
        ),
        # 证明打印: its screens live in kiosk_app/ui/a4/, with their own translations
        CapabilitySpec(
            "proofs",
            proofs_title,
            proofs_subtitle,
            Lazy("kiosk_app.ui.a4.proofs", "ProofScreen"),
            proofs_available,
        ),
        # 用水用气报装 and 就近办: kiosk_app/ui/utility/, with their own translations
        CapabilitySpec(
            "utility",
            utility_title,
            utility_subtitle,
            Lazy("kiosk_app.ui.utility.screen", "UtilityScreen"),
        ),
        CapabilitySpec(
            "nearby",
            nearby_title,
            nearby_subtitle,
            Lazy("kiosk_app.ui.utility.points", "NearbyScreen"),
        ),
    ):
        register(spec)
