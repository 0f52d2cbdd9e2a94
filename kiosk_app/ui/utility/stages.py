"""The stages of a utility application as people read them (办理进度), for this area's screens
and for the one 办件查询 screen (kiosk_app/ui/flows/progress.py), which asks here for the
stages it does not know itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def stage_label(step: str) -> str | None:
    """The words for a utility stage; None when ``step`` is not one."""
    labels = {
        "received": QCoreApplication.translate("UtilityStages", "Received"),
        "survey_booked": QCoreApplication.translate("UtilityStages", "Survey booked"),
        "survey_done": QCoreApplication.translate("UtilityStages", "Survey done"),
        "plan_fee": QCoreApplication.translate("UtilityStages", "Plan and fee"),
        "construction": QCoreApplication.translate("UtilityStages", "Construction"),
        "connected": QCoreApplication.translate("UtilityStages", "Connected"),
    }
    return labels.get(step)
