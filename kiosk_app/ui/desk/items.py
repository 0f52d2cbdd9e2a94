"""The desk's service-item page: search the catalog by name or pinyin initials, pick the item.

The catalog index is built in the task manager once per screen (kiosk_app.core.catalog_search);
a pick is emitted as ``chosen`` and the screen opens the case for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk_app.core.catalog_search import CatalogIndex, index_for
from kiosk_app.core.flows.desk_case import Item
from kiosk_app.ui import keyboard
from kiosk_app.ui.desk.said import Said
from kiosk_app.ui.desk.staff_bar import StaffBar
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen
from kiosk_app.ui.weak import WeakAttr
from kiosk_app.ui.widgets import label

RESULTS = 30


class ItemPanel(QWidget):
    host = WeakAttr["FlowScreen"]()  # no cycle back to the screen (kiosk_app.ui.weak)
    chosen = Signal(object)  # the Item picked

    def __init__(self, host: FlowScreen) -> None:
        super().__init__()
        self.host = host
        self.said = Said()
        self.index: CatalogIndex | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.item_hint = label("title")
        lay.addWidget(self.item_hint)
        self.search = QLineEdit()
        self.search.setObjectName("desk_search")
        self.search.textChanged.connect(self.refresh_items)
        keyboard.text(self.search)
        lay.addWidget(self.search)
        self.items = QListWidget()
        self.items.setObjectName("desk_items")
        self.items.itemClicked.connect(self._item_clicked)
        lay.addWidget(self.items, 1)
        self.item_status = label("muted")
        lay.addWidget(self.item_status)
        self.staff_bar = StaffBar("item")
        lay.addWidget(self.staff_bar)

    def retranslate(self) -> None:
        self.said.redraw()
        self.item_hint.setText(
            self.tr("Which service does the citizen need? Type a name or pinyin initials.")
        )
        self.search.setPlaceholderText(self.tr("e.g. 身份证 or sfz"))

    def say(self, text: Callable[[], str] | None) -> None:
        """A line under the list (a scan on this page, an item that cannot be taken in)."""
        self.said.say(self.item_status, text)

    def _no_catalog(self) -> str:
        return self.tr("The service catalog is not available.")

    def load(self) -> None:
        """Build the catalog index once (off the GUI thread), then list the items."""
        if self.index is not None:
            self.refresh_items()
            return
        self.say(lambda: self.tr("Loading the service catalog…"))
        doc = ports.catalog(self.host.win)
        if doc is None:
            self.say(self._no_catalog)
            return

        def ready(index: CatalogIndex) -> None:
            self.index = index
            self.say(None)
            self.refresh_items()

        self.host.run_task(lambda: index_for(doc), ready, lambda exc: self.say(self._no_catalog))

    def refresh_items(self) -> None:
        self.items.clear()
        if self.index is None:
            return
        query = self.search.text().strip()
        if query:
            hits = [h.item for h in self.index.search(query, limit=RESULTS)]
        else:
            hits = [e.item for e in self.index.entries[:RESULTS]]
        for item in hits:
            it = QListWidgetItem(f"{item.get('name', '')}    {item.get('department', '')}")
            it.setData(Qt.ItemDataRole.UserRole, dict(item))
            self.items.addItem(it)
        if query and not hits:
            self.say(lambda: self.tr("No service matches. Try other words."))
        else:
            self.say(None)

    def _item_clicked(self, it: QListWidgetItem) -> None:
        data = it.data(Qt.ItemDataRole.UserRole)
        if isinstance(data, dict):
            self.chosen.emit(Item.from_catalog(data))

    def wipe(self) -> None:
        self.said.clear()
