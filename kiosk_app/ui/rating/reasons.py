"""The 差评 reasons panel: the published reasons as toggles, optional words on the docked
keyboard, the follow-up promise, Back and Submit.

Used by the kiosk's rating screen and, when the rating pad has no screen of its own, by the
desk screen (the clerk turns it to the citizen). The reasons come from the flow (the central's
published list, or the built-in one offline) in the citizen's language; the panel holds no
state of its own beyond the widgets: the flow (``RatingFlow.toggle``) keeps what is picked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from contract.ratings import MAX_TEXT, RatingStatus, Reason
from kiosk_app.ui import keyboard
from kiosk_app.ui.i18n import current_language
from kiosk_app.ui.widgets import button, label


def reason_text(reason: Reason) -> str:
    return reason.zh if current_language() == "zh_CN" else reason.en


def promise_text(working_days: int) -> str:
    """What every 差评 is promised before it is sent (国办发〔2019〕51号: 差评整改)."""
    return QCoreApplication.translate(
        "Rating",
        "Every dissatisfied rating is followed up: the service centre looks into it and answers"
        " you within %1 working days.",
    ).replace("%1", str(working_days))


def deadline_text(deadline: date) -> str:
    """After sending: the date by which the follow-up is due."""
    when = (
        f"{deadline.year}年{deadline.month}月{deadline.day}日"
        if current_language() == "zh_CN"
        else deadline.isoformat()
    )
    return QCoreApplication.translate("Rating", "Your rating will be followed up by %1.").replace(
        "%1", when
    )


def already_text(status: RatingStatus | None) -> str:
    """One rating per case: what the citizen is told when the case was rated before."""
    base = QCoreApplication.translate(
        "Rating", "This case has already been rated. Each case is rated once."
    )
    t = status.eval_time if status is not None else None
    if t and len(t) == 14:
        when = f"{t[0:4]}-{t[4:6]}-{t[6:8]} {t[8:10]}:{t[10:12]}"
        return base + " " + QCoreApplication.translate("Rating", "Rated on %1.").replace("%1", when)
    return base


class ReasonsPanel(QWidget):
    """Reasons (one or more), words (optional), the promise; emits what the citizen does."""

    toggled = Signal(str)  # a reason code
    submitted = Signal(str)  # the words typed
    went_back = Signal()

    def __init__(self, elder: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.elder = elder
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        self.heading = label("title")
        self.heading.setObjectName("rating_reasons_heading")
        lay.addWidget(self.heading)
        self._grid = QGridLayout()
        self._grid.setSpacing(10)
        lay.addLayout(self._grid)
        self.buttons: dict[str, Any] = {}
        self.text_title = label("body")
        lay.addWidget(self.text_title)
        self.text = QPlainTextEdit()
        self.text.setObjectName("rating_text")
        self.text.setMinimumHeight(110 if not elder else 140)
        self.text.textChanged.connect(self._limit)
        lay.addWidget(self.text)
        self.promise = label("body")
        self.promise.setObjectName("rating_promise")
        self.promise.setWordWrap(True)
        lay.addWidget(self.promise)
        self.error = label("error")
        self.error.setObjectName("rating_reasons_error")
        lay.addWidget(self.error)
        row = QHBoxLayout()
        self.back_btn = button("", "")
        self.back_btn.setObjectName("rating_reasons_back")
        self.back_btn.clicked.connect(self.went_back.emit)
        self.submit_btn = button("primary", "")
        self.submit_btn.setObjectName("rating_reasons_submit")
        self.submit_btn.clicked.connect(lambda: self.submitted.emit(self.text.toPlainText()))
        row.addWidget(self.back_btn)
        row.addStretch(1)
        row.addWidget(self.submit_btn)
        lay.addLayout(row)
        keyboard.text(self.text, self.submit_btn)
        self._reasons: tuple[Reason, ...] = ()
        self._days = 15
        self.retranslate()

    def set_reasons(self, reasons: tuple[Reason, ...], working_days: int) -> None:
        """Show these reasons (the central's list) and the window; nothing picked yet."""
        for b in self.buttons.values():
            self._grid.removeWidget(b)
            b.deleteLater()
        self.buttons = {}
        self._reasons, self._days = reasons, working_days
        columns = 2 if self.elder else 3
        for i, r in enumerate(reasons):
            b = button("toggle", reason_text(r))
            b.setObjectName(f"reason_{r.code}")
            b.setCheckable(True)
            b.setMinimumHeight(72 if not self.elder else 96)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, code=r.code: self._toggle(code))
            self._grid.addWidget(b, i // columns, i % columns)
            self.buttons[r.code] = b
        self.error.clear()
        self.retranslate()

    def show_picked(self, picked: tuple[str, ...]) -> None:
        for code, b in self.buttons.items():
            b.setChecked(code in picked)

    def clear(self) -> None:
        """Forget what was typed and picked (the session ends, or the citizen went back)."""
        self.text.clear()
        self.show_picked(())
        self.error.clear()

    def show_missing(self) -> None:
        self.error.setText(QCoreApplication.translate("Rating", "Please pick at least one reason."))

    def _toggle(self, code: str) -> None:
        self.error.clear()
        self.toggled.emit(code)

    def _limit(self) -> None:
        text = self.text.toPlainText()
        if len(text) > MAX_TEXT:  # a paste or a long dictation: keep the first MAX_TEXT
            self.text.setPlainText(text[:MAX_TEXT])

    def retranslate(self) -> None:
        self.heading.setText(
            QCoreApplication.translate(
                "Rating", "We are sorry. What went wrong? Pick one or more reasons."
            )
        )
        self.text_title.setText(
            QCoreApplication.translate("Rating", "Anything you would like to add? (optional)")
        )
        self.text.setPlaceholderText(
            QCoreApplication.translate("Rating", "Type here with the on-screen keyboard")
        )
        self.promise.setText(promise_text(self._days))
        self.back_btn.setText(QCoreApplication.translate("Rating", "Back"))
        self.submit_btn.setText(QCoreApplication.translate("Rating", "Send rating"))
        for r in self._reasons:
            if r.code in self.buttons:
                self.buttons[r.code].setText(reason_text(r))
