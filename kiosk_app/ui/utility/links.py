"""The catalog item page's link to 就近办: "Where can I do this?" opens the service points that
handle the item. A button of this area (its words are in this area's translations), so the
catalog screen only places it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QPushButton

from kiosk_app.ui.widgets import button


class NearbyLink:
    """Owns a button; ``widget`` is what the catalog page adds to its row."""

    def __init__(self, win: Any, current_item: Callable[[], Mapping[str, Any] | None]) -> None:
        self._win = win
        self._item = current_item
        self.widget: QPushButton = _Button()
        self.widget.setObjectName("catalog_nearby")
        self.widget.clicked.connect(self.open)

    def open(self) -> None:
        item = self._item()
        item_id = str(item.get("id")) if item is not None else None
        from kiosk_app.ui.utility.points import NearbyScreen

        self._win.open_flow("nearby", lambda w: NearbyScreen(w, item_id=item_id))


class _Button(QPushButton):
    def __init__(self) -> None:
        super().__init__()
        template = button("", "")
        self.setFocusPolicy(template.focusPolicy())
        self.setContextMenuPolicy(template.contextMenuPolicy())
        template.deleteLater()
        self._words()

    def _words(self) -> None:
        self.setText(self.tr("Where can I do this?"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._words()
        super().changeEvent(event)
