"""打印材料清单 on A4: where the site has an A4 printer, the service guide's "Print the
materials list" shows the A4 checklist (kiosk_app/core/documents/checklist.py) in the print page
— preview, copies, progress — instead of an 80 mm slip. The preview and its Print button are
the confirmation (the slip, with no preview, is asked once instead). Without an A4 printer the
catalog keeps the receipt slip."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from kiosk_app.core.documents.checklist import materials_checklist
from kiosk_app.core.documents.printable import Printable, from_document
from kiosk_app.ui.a4.common import has_a4
from kiosk_app.ui.a4.panel import PrintPanel

if TYPE_CHECKING:
    from kiosk_app.ui.flows.common import FlowScreen


def attach(screen: FlowScreen, item_page: QWidget) -> ChecklistA4 | None:
    """On the catalog screen (which imports this module: it hands over its item page rather
    than being imported back, issue 14's rule of no import cycles)."""
    return ChecklistA4(screen, item_page) if has_a4(screen.ctx) else None


class ChecklistA4(QObject):
    def __init__(self, screen: FlowScreen, item_page: QWidget) -> None:
        super().__init__(screen)
        self.screen = screen
        self.item_page = item_page
        self.panel = PrintPanel(screen, "catalog_checklist")
        self.panel.left.connect(lambda: screen.show_page(item_page))
        screen.add_page(self.panel)

    def open(self, item: Mapping[str, Any]) -> None:
        terminal = self.screen.ctx.config.terminal.id
        self.screen.show_busy(self.tr("Preparing the page…"))
        self.screen.run_task(
            lambda: _printable(item, terminal),
            self._ready,
            lambda exc: self.screen.show_page(self.item_page),
        )

    def _ready(self, printable: Printable) -> None:
        self.panel.start(printable, lambda: self.tr("Materials list"))
        self.screen.show_page(self.panel)


def _printable(item: Mapping[str, Any], terminal_id: str) -> Printable:
    days = item.get("time_limit_days")
    doc = materials_checklist(
        str(item.get("name", "")),
        [str(m) for m in item.get("materials") or []],
        department=str(item.get("department") or ""),
        window=str(item.get("window") or ""),
        time_limit_days=days if isinstance(days, int) and not isinstance(days, bool) else None,
        fee=str(item.get("fee") or ""),
        terminal_id=terminal_id,
        printed_at=datetime.now().astimezone(),
    )
    return from_document(doc, "checklist")
