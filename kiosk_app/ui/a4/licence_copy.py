"""打印 in 免证办: a paper copy of one of the citizen's electronic licences, for a counter that
still wants paper, marked with what it may be used for.

On the licences page (the licences are fetched and shown masked) a "Print a copy" button opens
a page to choose the licence, type the matter the copy is for — printed on it three times, as
国办函〔2016〕108号 requires a copy's use to be marked (kiosk_app/core/documents/licence_copy.py)
— and, only if the citizen wants it, the holder's name and number in full. Full data on paper
is asked once more (kiosk_app/ui/ask.py: an action that cannot be undone is confirmed by one
clear question); without that yes the copy is masked as the screen is. Then the print page
(``panel.PrintPanel``): preview, copies, progress, paper out. Back on the licences page the
citizen can still attach them to a case, or leave.

The PDF is drawn off the GUI thread (cairo, ~0.1 s) and lives in the session only.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from contract.wire import Licence
from kiosk_app.core.documents.licence_copy import MAX_PURPOSE, licence_copy, purpose_text
from kiosk_app.core.documents.printable import Printable, from_document
from kiosk_app.ui import keyboard
from kiosk_app.ui.a4.common import has_a4
from kiosk_app.ui.a4.panel import PrintPanel
from kiosk_app.ui.flows.common import scrolling
from kiosk_app.ui.widgets import button, label

if TYPE_CHECKING:
    from kiosk_app.core.flows.certfree import CertfreeFlow
    from kiosk_app.ui.flows.common import FlowScreen


def attach(screen: FlowScreen, flow: CertfreeFlow, consent_page: QWidget) -> LicenceCopy | None:
    """The licence-copy pages on a certificate-free screen; None where there is no A4 printer
    (the button is then not offered at all). The screen hands over its flow and consent page
    rather than being imported back (it imports this module; issue 14: no import cycles)."""
    return LicenceCopy(screen, flow, consent_page) if has_a4(screen.ctx) else None


class LicenceCopy(QObject):
    def __init__(self, screen: FlowScreen, flow: CertfreeFlow, consent_page: QWidget) -> None:
        super().__init__(screen)
        self.screen = screen
        self.flow = flow
        self.consent_page = consent_page
        self._hide: tuple[str, ...] = ()
        self.button: QPushButton = button("", "")
        self.button.setObjectName("certfree_print_copy")
        self.button.clicked.connect(self.open)

        self.page = QWidget()
        self.page.setObjectName("certfree_copy_page")
        self.page.setStyleSheet(
            "QRadioButton, QCheckBox { min-height: 64px; spacing: 16px; }"
            " QRadioButton::indicator, QCheckBox::indicator { width: 36px; height: 36px; }"
        )
        # the choices scroll (a citizen may hold many licences); the buttons stay in sight
        outer = QVBoxLayout(self.page)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        lay = QVBoxLayout(body)
        self.heading = label("title")
        lay.addWidget(self.heading)
        self.which = label("body")
        lay.addWidget(self.which)
        self.choices = QVBoxLayout()
        lay.addLayout(self.choices)
        self.group = QButtonGroup(self.page)
        self.radios: dict[str, QRadioButton] = {}
        self.purpose_title = label("body")
        lay.addWidget(self.purpose_title)
        self.purpose = QLineEdit()
        self.purpose.setObjectName("certfree_copy_purpose")
        self.purpose.setMaxLength(MAX_PURPOSE)
        lay.addWidget(self.purpose)
        self.full = QCheckBox()
        self.full.setObjectName("certfree_copy_full")
        lay.addWidget(self.full)
        self.error = label("error")
        self.error.setObjectName("certfree_copy_error")
        lay.addStretch(1)
        outer.addWidget(scrolling(body), 1)
        outer.addWidget(self.error)
        row = QHBoxLayout()
        self.back_btn = button("", "")
        self.back_btn.setObjectName("certfree_copy_back")
        self.back_btn.clicked.connect(self.back)
        self.preview_btn = button("primary", "")
        self.preview_btn.setObjectName("certfree_copy_preview")
        self.preview_btn.clicked.connect(self.preview)
        row.addWidget(self.back_btn)
        row.addStretch(1)
        row.addWidget(self.preview_btn)
        outer.addLayout(row)
        keyboard.text(self.purpose, self.preview_btn)
        screen.add_page(self.page)

        self.panel = PrintPanel(screen, "certfree_copy")
        self.panel.left.connect(self.back)
        screen.add_page(self.panel)
        screen.register_wiper("certfree.copy", self.wipe)
        self.retranslate()
        screen.installEventFilter(self)

    # -- pages ------------------------------------------------------------------------------------
    def open(self) -> None:
        """The choice page: the licences that can be used (an expired one is no copy to give)."""
        for r in self.radios.values():
            self.group.removeButton(r)
            self.choices.removeWidget(r)
            r.deleteLater()
        self.radios = {}
        usable = [lic for lic in self.flow.shown() if not lic.expired]
        for lic in usable:
            r = QRadioButton(f"{lic.title}  {lic.number}")
            r.setObjectName(f"certfree_copy_{lic.kind}")
            self.group.addButton(r)
            self.choices.addWidget(r)
            self.radios[lic.kind] = r
        if usable:
            self.radios[usable[0].kind].setChecked(True)
        self.full.setChecked(False)
        self.error.clear()
        self.screen.show_page(self.page)

    def back(self) -> None:
        self.screen.show_page(self.consent_page)

    def preview(self) -> None:
        kind = next((k for k, r in self.radios.items() if r.isChecked()), None)
        if kind is None:
            self.error.setText(self.tr("Please choose a licence."))
            return
        try:
            purpose = purpose_text(self.purpose.text())
        except ValueError:
            self.error.setText(
                self.tr(
                    "Please type what the copy is for, for example 办理社保卡 "
                    "(at most %1 characters)."
                ).replace("%1", str(MAX_PURPOSE))
            )
            return
        self.error.clear()
        if self.full.isChecked():
            # the holder's data in full on paper only when asked for and confirmed
            self.screen.win.ask.ask(
                lambda: self.tr("Print your full name and licence number?"),
                lambda: self.tr(
                    "Anyone who holds this paper can read them. Otherwise they are printed "
                    "partly hidden, as on the screen."
                ),
                lambda: self.tr("Yes, print them in full"),
                lambda: self._render(kind, purpose, unmasked=True),
            )
        else:
            self._render(kind, purpose, unmasked=False)

    def _render(self, kind: str, purpose: str, *, unmasked: bool) -> None:
        held = self.flow.licences.licences
        lic = next((x for x in held.licences if x.kind == kind), None) if held else None
        if lic is None:  # wiped meanwhile
            self.back()
            return
        terminal = self.screen.ctx.config.terminal.id
        # in full on paper, when asked for; never on the screen (the preview covers them)
        self._hide = (lic.holder, lic.number) if unmasked else ()
        self.screen.show_busy(self.tr("Preparing the page…"))
        self.screen.run_task(
            lambda: _printable(lic, purpose, terminal, unmasked),
            self._ready,
            lambda exc: self._failed(),
        )

    def _ready(self, printable: Printable) -> None:
        self.panel.start(printable, lambda: self.tr("Copy of an electronic licence"), self._hide)
        self._hide = ()
        self.screen.show_page(self.panel)

    def _failed(self) -> None:
        self.screen.show_page(self.page)
        self.error.setText(
            self.tr("The page could not be prepared. Please ask at the service desk.")
        )

    # -- language and the end -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.button.setText(self.tr("Print a copy"))
        self.heading.setText(self.tr("Print a copy of a licence"))
        self.which.setText(self.tr("Which licence?"))
        self.purpose_title.setText(
            self.tr(
                "What is the copy for? It is printed on the copy, which is valid only for that."
            )
        )
        self.purpose.setPlaceholderText(self.tr("for example 办理社保卡"))
        self.full.setText(
            self.tr("Print my full name and licence number (otherwise partly hidden, as on screen)")
        )
        self.back_btn.setText(self.tr("Back"))
        self.preview_btn.setText(self.tr("See the page"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.screen and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def wipe(self) -> None:
        for r in self.radios.values():
            r.setText("")
        self.purpose.clear()
        self.full.setChecked(False)


def _printable(lic: Licence, purpose: str, terminal_id: str, unmasked: bool) -> Printable:
    doc = licence_copy(
        lic,
        purpose=purpose,
        terminal_id=terminal_id,
        printed_at=datetime.now().astimezone(),
        unmasked=unmasked,
    )
    return from_document(doc, "licence_copy", subkind=lic.kind, unmasked=unmasked)
