"""What the 12345 menu (kiosk_app/ui/flows/hotline.py) and the 办件查询 screen take from this
package: the entries to the knowledge-base-first and visitor-complaint paths, and the lines that
say a request's response tier, that it is overdue and the escalation it got (issue 17). Kept
here so their words live in this area's translations, and the screens there import no more
than this small module."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from contract.wire import Progress
from kiosk_app.ui.capabilities import Lazy

ASK = Lazy("kiosk_app.ui.hotline.screen", "AskScreen")
TOURIST = Lazy("kiosk_app.ui.hotline.tourist", "TouristScreen")


def ask_title() -> str:
    return QCoreApplication.translate("HotlineMenu", "Ask a question first (answers at once)")


def tourist_title() -> str:
    return QCoreApplication.translate("HotlineMenu", "Visitor complaint (handled at once)")


def open_ask(win: Any) -> Any:
    """The knowledge-base-first path, as the 12345 flow itself (the menu had nothing personal)."""
    return win.open_flow("hotline", ASK)


def open_tourist(win: Any) -> Any:
    return win.open_flow("hotline", TOURIST)


def matters(win: Any) -> Any:
    """The published classification (matters, tiers) for a flow filed from the direct form."""
    from kiosk_app.ui.hotline.common import matters as published

    return published(win)


def tier_sentence(filed: Any, english: bool) -> str:
    """The filed request's answer deadline and who handles it (``core.flows.hotline.Filed``)."""
    from kiosk_app.core.hotline_kb import tier_words

    due = filed.due_at
    return (
        QCoreApplication.translate(
            "HotlineMenu",
            "%1 handles it and answers you %2, by %3. Check the progress on the Case progress "
            "screen with this number.",
        )
        .replace("%1", filed.handler)
        .replace("%2", tier_words(filed.tier, english))
        .replace("%3", due.astimezone().strftime("%m-%d %H:%M") if due else "")
    )


def deadline_lines(p: Progress) -> list[str]:
    """A 12345 request's tier, whether it is overdue, and each escalation, in plain words."""
    d = p.deadline
    if d is None:
        return []
    out = []
    if p.joined_to:
        out.append(
            QCoreApplication.translate("HotlineMenu", "Joined work order %1").replace(
                "%1", p.joined_to
            )
        )
    minutes = {"30m": "30", "2h": "120", "24h": "1440"}.get(d.tier, "")
    if d.overdue:
        out.append(
            QCoreApplication.translate(
                "HotlineMenu", "⚠ Overdue: not answered within %1 minutes."
            ).replace("%1", minutes)
        )
    for e in d.escalation:
        at = _stamp(e.at)
        out.append(
            QCoreApplication.translate("HotlineMenu", "↑ Escalated to %1 at %2")
            .replace("%1", e.to)
            .replace("%2", at)
        )
    return out


def _stamp(iso: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%m-%d %H:%M")
    except ValueError:
        return iso
