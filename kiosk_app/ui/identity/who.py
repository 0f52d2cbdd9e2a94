"""A line a flow's form puts where it needs a person: who they are, masked, and the button that
asks the identity step (``ask_identity``).

Two uses:
- ``caller`` (12345): anonymous unless the citizen chooses to give their name — a choice, as on
  the phone; "file anonymously instead" takes it back (the record then carries no one).
- ``applicant`` (desk intake): the clerk has the citizen lay their card; the applicant is filled
  from it, not typed. Known already in this visit (the desk's session is one citizen's), it is
  filled at once.
"""

from __future__ import annotations

import weakref
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk_app.core.citizen import Citizen, IdSource
from kiosk_app.core.flows.identity import Level
from kiosk_app.ui.identity.step import ask_identity, ask_on_card, known
from kiosk_app.ui.widgets import button, label


class WhoRow(QWidget):
    changed = Signal()

    def __init__(self, screen: Any, level: Level, role: str = "caller") -> None:
        super().__init__()
        assert role in ("caller", "applicant")
        # not a strong reference: the screen holds this row, and a cycle back would keep the
        # screen's Python side (its flow, the citizen's data) past the reset until a full
        # garbage collection (tests/gui/flows/test_flows_reset_memory.py)
        self._screen = weakref.ref(screen)
        self.session = screen.ctx.session
        self.level = level
        self.role = role
        self._citizen: Citizen | None = None
        self.setObjectName(f"identity_who_{role}")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(12)
        self.text = label("body")
        self.text.setObjectName(f"identity_who_{role}_text")
        lay.addWidget(self.text, 1)
        self.ask_btn = button("", "")
        self.ask_btn.setObjectName(f"identity_who_{role}_ask")
        self.ask_btn.clicked.connect(self.ask)
        lay.addWidget(self.ask_btn)
        self.drop_btn = button("", "")
        self.drop_btn.setObjectName(f"identity_who_{role}_drop")
        self.drop_btn.clicked.connect(self.drop)
        lay.addWidget(self.drop_btn)
        if role == "applicant":
            self._citizen = known(screen.ctx.session, level)
            # the citizen lays the card while the intake shows: read it, no button first
            ask_on_card(self, self._screen, level, self._got)
        self.retranslate()

    @property
    def citizen(self) -> Citizen | None:
        """The person chosen here, while the session still holds them (a reset ends it)."""
        c = self._citizen
        return c if c is not None and known(self.session, self.level) is c else None

    def ask(self) -> None:
        screen = self._screen()
        if screen is not None:
            ask_identity(screen, self.level, self._got, purpose=self._purpose)

    def _purpose(self) -> str:
        if self.role == "caller":
            return self.tr("The 12345 hotline will know who made the request and can reply to you.")
        return self.tr("The case is taken in under the name on the card.")

    def _got(self, citizen: Citizen) -> None:
        if not shiboken6.isValid(self):
            return
        self._citizen = citizen
        self.retranslate()
        self.changed.emit()

    def drop(self) -> None:
        """File anonymously after all (the caller's choice): the record names no one."""
        self._citizen = None
        self.retranslate()
        self.changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        c = self.citizen
        if c is None:
            self.text.setText(
                self.tr(
                    "You are filing anonymously. To have the reply in your name, you may give "
                    "your name (optional)."
                )
                if self.role == "caller"
                else self.tr("Applicant: not identified yet. Ask the citizen for the ID card.")
            )
            self.ask_btn.setText(
                self.tr("Give my name (ID card)")
                if self.role == "caller"
                else self.tr("Read the ID card")
            )
            self.ask_btn.show()
            self.drop_btn.hide()
            return
        shown = c.shown()
        how = {
            IdSource.CARD: self.tr("ID card"),
            IdSource.EID: self.tr("e-ID"),
            IdSource.SMS: self.tr("text message code"),
        }[c.source]
        text = (
            self.tr("Filed in the name of %1 (ID %2).")
            if self.role == "caller"
            else self.tr("Applicant: %1, ID %2 (checked by %3).")
        )
        self.text.setText(
            text.replace("%1", shown.name).replace("%2", shown.id_number).replace("%3", how)
        )
        self.ask_btn.hide()
        self.drop_btn.setText(self.tr("File anonymously instead"))
        self.drop_btn.setVisible(self.role == "caller")

    def wipe(self) -> None:
        if shiboken6.isValid(self):
            self._citizen = None
            self.text.clear()
