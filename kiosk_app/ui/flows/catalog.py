"""办事指南 screen: search ~1,900 service items as you type (Chinese, pinyin initials, pinyin),
or browse by category; an item's page lists materials, fee, time limit, department and window,
and prints the materials checklist. Works offline from the cached catalog."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from devices.printer.templates import materials_checklist
from kiosk_app.core.catalog_search import CatalogIndex, Hit, cached_index, index_for
from kiosk_app.core.flows.ticket import Choice
from kiosk_app.ui import keyboard
from kiosk_app.ui.a4 import checklist as checklist_a4
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.categories import category_label
from kiosk_app.ui.flows.common import FlowScreen, go_to_desk, sentences
from kiosk_app.ui.flows.widgets import StatusLine
from kiosk_app.ui.i18n import current_language
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.widgets import button, card, label

_ITEM_ID = Qt.ItemDataRole.UserRole
_ALL = ""


class CatalogScreen(FlowScreen):
    name = "catalog"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self.index: CatalogIndex | None = None
        self.category: str | None = None
        self.item: Mapping[str, Any] | None = None

        self.search_page = QWidget()
        sl = QVBoxLayout(self.search_page)
        sl.setContentsMargins(0, 0, 0, 0)
        self.query = QLineEdit()
        self.query.setObjectName("catalog_query")
        self.query.setClearButtonEnabled(True)
        keyboard.text(self.query)
        self.query.textChanged.connect(self.refresh)
        sl.addWidget(self.query)
        self.hint = label("muted")
        sl.addWidget(self.hint)
        body = QHBoxLayout()
        self.results = QListWidget()
        self.results.setObjectName("catalog_results")
        self.results.setUniformItemSizes(True)
        # one row per service, ruled, as tall as a touch target: easy to hit, easy to tell apart
        self.results.setStyleSheet(
            "QListWidget#catalog_results::item { border-bottom: 1px solid #C9D2DE;"
            f" padding: 6px 10px; min-height: {80 if self.elder else 60}px; }}"
        )
        self.results.itemClicked.connect(self._open_item)
        body.addWidget(self.results, 3)
        self.categories = QListWidget()
        self.categories.setObjectName("catalog_categories")
        # English names are longer than the Chinese ones: wrap them, never scroll sideways
        self.categories.setWordWrap(True)
        self.categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.categories.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.categories.itemClicked.connect(self._pick_category)
        body.addWidget(self.categories, 1)
        sl.addLayout(body, 1)
        self.count = label("muted")
        self.count.setObjectName("catalog_count")
        sl.addWidget(self.count)
        self.add_page(self.search_page)

        self.item_page = QWidget()
        il = QVBoxLayout(self.item_page)
        self.item_name = label("title")
        self.item_name.setObjectName("catalog_item_name")
        il.addWidget(self.item_name)
        facts = card()
        fl = QVBoxLayout(facts)
        fl.setContentsMargins(20, 12, 20, 12)
        self.item_facts = label("body")
        self.item_facts.setObjectName("catalog_item_facts")
        fl.addWidget(self.item_facts)
        il.addWidget(facts)
        self.materials_title = label("title")
        il.addWidget(self.materials_title)
        self.materials = label("body")
        self.materials.setObjectName("catalog_materials")
        il.addWidget(self.materials)
        self.official_note = label("muted")
        self.official_note.setObjectName("catalog_official_note")
        il.addWidget(self.official_note)
        self.print_status = StatusLine()
        self.print_status.setObjectName("catalog_print_status")
        il.addWidget(self.print_status)
        il.addStretch(1)
        row = QHBoxLayout()
        self.back_btn = button("", "")
        self.back_btn.setObjectName("catalog_back")
        self.back_btn.clicked.connect(self.back_to_list)
        self.print_btn = button("primary", "")
        self.print_btn.setObjectName("catalog_print")
        self.print_btn.clicked.connect(self.ask_print)
        self.ticket_btn = button("primary", "")
        self.ticket_btn.setObjectName("catalog_ticket")
        self.ticket_btn.clicked.connect(self.take_ticket)
        row.addWidget(self.back_btn)
        row.addStretch(1)
        row.addWidget(self.print_btn)
        row.addWidget(self.ticket_btn)
        # 就近办: the service points that handle this item (its words are the utility area's)
        from kiosk_app.ui.utility.links import NearbyLink

        self.nearby = NearbyLink(window, lambda: self.item)
        row.addWidget(self.nearby.widget)
        il.addLayout(row)
        self.add_page(self.item_page, scroll=True)
        # with an A4 printer the list prints on A4 after a preview (kiosk_app/ui/a4/checklist.py)
        self.a4 = checklist_a4.attach(self, self.item_page)
        self.retranslate()
        self._load()

    # loading ------------------------------------------------------------------------------
    def _load(self) -> None:
        doc = ports.catalog(self.win)
        if doc is None:
            self.count.setText(self.tr("The service guide is not available. ") + go_to_desk())
            self.show_page(self.search_page)
            return
        ready = cached_index(str(doc.get("version", "")))
        if ready is not None:
            self._ready(ready)
            return
        self.show_busy(self.tr("Opening the service guide…"))
        self.run_task(lambda: index_for(doc), self._ready)

    def _ready(self, index: CatalogIndex) -> None:
        self.index = index
        self.categories.clear()
        all_item = QListWidgetItem(self.tr("All services"))
        all_item.setData(_ITEM_ID, _ALL)
        self.categories.addItem(all_item)
        for c in index.categories:
            it = QListWidgetItem(category_label(c))
            it.setData(_ITEM_ID, c)
            self.categories.addItem(it)
        self.categories.setCurrentRow(0)
        self.show_page(self.search_page)
        self.refresh()

    # searching ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Results for what is typed now; runs on every keystroke (a few ms, no debounce)."""
        if self.index is None:
            return
        text = self.query.text()
        hits = self.index.search(text, category=self.category, limit=50)
        if not text.strip() and self.category is None:
            # "all services" with nothing typed: the common items (the catalog lists them
            # first), never an empty list under a highlighted "all services"
            hits = [Hit(e.item, 0) for e in self.index.entries[:50]]
        self.results.setUpdatesEnabled(False)
        self.results.clear()
        for h in hits:
            it = QListWidgetItem(f"{h.name}　·　{h.item.get('department', '')}")
            it.setData(_ITEM_ID, h.id)
            self.results.addItem(it)
        self.results.setUpdatesEnabled(True)
        if hits:
            self.count.setText(self.tr("%1 services shown").replace("%1", str(len(hits))))
        elif text.strip():
            self.count.setText(
                self.tr("Nothing found. Try fewer characters, or pick a category on the right.")
            )
        else:
            self.count.setText(self.tr("Type above, or pick a category on the right."))

    def _pick_category(self, it: QListWidgetItem) -> None:
        value = it.data(_ITEM_ID)
        self.category = value or None
        self.refresh()

    def _open_item(self, it: QListWidgetItem) -> None:
        self.open_item(str(it.data(_ITEM_ID)))

    def open_item(self, item_id: str) -> None:
        item = self.index.item(item_id) if self.index else None
        if item is None:
            return
        self.item = item
        self.print_status.clear()
        self._show_item()
        self.show_page(self.item_page)

    def _show_item(self) -> None:
        item = self.item
        if item is None:
            return
        category = str(item.get("category") or "")
        facts = [
            self.tr("Category: %1").replace("%1", category_label(category)) if category else "",
            self.tr("Department: %1").replace("%1", str(item.get("department", ""))),
            self.tr("Where: %1").replace("%1", str(item.get("window", ""))),
            self.tr("Fee: %1").replace("%1", self._fee(item.get("fee"))),
            self._time_limit(item.get("time_limit_days")),
            self.tr("Can also be done online") if item.get("online") else "",
        ]
        self.item_name.setText(str(item.get("name", "")))
        self.item_facts.setText("\n".join(f for f in facts if f))
        mats = item.get("materials") or []
        self.materials_title.setText(self.tr("Materials to bring"))
        self.materials.setText(
            "\n".join(f"{i}. {m}" for i, m in enumerate(mats, 1))
            if mats
            else self.tr("No materials needed.")
        )

    def _fee(self, fee: object) -> str:
        # "免费" is the fee of almost every item; other fees are the official wording
        return self.tr("free of charge") if fee == "免费" else str(fee or "")

    def _time_limit(self, days: object) -> str:
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            return ""
        if days == 0:  # 即办件: done while the citizen waits
            return self.tr("Time limit: done on the spot")
        if days == 1:
            return self.tr("Time limit: 1 working day")
        return self.tr("Time limit: %1 working days").replace("%1", str(days))

    def _official_note(self) -> str:
        """In English: why the services themselves are in Chinese (nothing to say in zh_CN)."""
        if current_language() == "zh_CN":
            return ""
        return self.tr("Service names and materials are shown in Chinese, as officially published.")

    # actions ------------------------------------------------------------------------------
    def ask_print(self) -> None:
        """Printing is asked once (a touch by mistake would waste paper at 2 a.m.); on A4 the
        preview with its Print button is that question."""
        if self.a4 is not None and self.item is not None:
            self.a4.open(self.item)
            return
        name = str((self.item or {}).get("name", ""))
        self.win.ask.ask(
            lambda: self.tr("Print the materials list?"),
            lambda: self.tr("A slip listing what to bring for %1 comes out below.").replace(
                "%1", name
            ),
            lambda: self.tr("Print"),
            self.print_checklist,
        )

    def print_checklist(self) -> None:
        item = self.item
        if item is None:
            return
        receipt = materials_checklist(
            str(item.get("name", "")),
            [str(m) for m in item.get("materials") or []],
            department=item.get("department"),
            window=item.get("window"),
            time_limit_days=item.get("time_limit_days"),
            fee=item.get("fee"),
            english=self.english_slip(),
        )
        self.print_into(self.print_status, receipt, "materials_checklist", lambda: self.tr("list"))

    def back_to_list(self) -> None:
        """The list as it was, without a selected row left standing out."""
        self.results.clearSelection()
        self.results.setCurrentRow(-1)
        self.show_page(self.search_page)

    def take_ticket(self) -> None:
        item = self.item
        if item is None:
            return
        from kiosk_app.ui.flows.ticket import TicketScreen

        screen = self.win.open_capability("ticket")
        if isinstance(screen, TicketScreen):
            name = str(item.get("name", ""))
            screen.choose(Choice(item_id=str(item.get("id")), label=name))

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.title.setText(self.tr("Service guide"))
        self.query.setPlaceholderText(self.tr("Search: 营业执照, or initials such as yyzz"))
        self.hint.setText(
            sentences(
                self.tr(
                    "Type Chinese, pinyin, or the first letters of the pinyin of each character."
                ),
                self._official_note(),
            )
        )
        self.official_note.setText(self._official_note())
        self.official_note.setVisible(bool(self.official_note.text()))
        self.back_btn.setText(self.tr("Back to the list"))
        self.print_btn.setText(self.tr("Print the materials list"))
        self.ticket_btn.setText(self.tr("Take a ticket for this"))
        if self.categories.count():
            self.categories.item(0).setText(self.tr("All services"))
        for row in range(1, self.categories.count()):
            it = self.categories.item(row)
            it.setText(category_label(str(it.data(_ITEM_ID))))
        self._show_item()
        self.refresh()
