"""The 12345 request form, in two panels with one job each: ``AboutPanel`` (what it is about
and what happened: category buttons, free text or common phrases) and ``ContactPanel`` (the
mobile number on the keypad, the place on the docked keyboard). The screen puts them on one
scrolling page above Back / Submit and turns their fields into a ``Draft``.

An error line takes room only while it says something: with the on-screen keyboard docked,
the last field and Submit must both fit above it (elder mode's type is large).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.core.flows import hotline
from kiosk_app.core.flows.ports import Problem
from kiosk_app.ui import keyboard
from kiosk_app.ui.flows.common import problem_text
from kiosk_app.ui.flows.widgets import PhoneEntry, PhrasePicker
from kiosk_app.ui.widgets import button, label


def say(where: QLabel, text: str) -> None:
    """An error line that shows only while it has something to say."""
    where.setText(text)
    where.setVisible(bool(text))


def error_line() -> QLabel:
    line = label("error")
    line.hide()
    return line


class AboutPanel(QWidget):
    """1. What is it about? 2. What happened?"""

    def __init__(self, elder: bool) -> None:
        super().__init__()
        self.category = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        self.category_title = label("title")
        lay.addWidget(self.category_title)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.category_group = QButtonGroup(self)
        self.category_buttons: dict[str, QAbstractButton] = {}
        columns = 3 if elder else 5
        for i, (cid, _name) in enumerate(hotline.CATEGORIES):
            b = button("toggle", "")
            b.setCheckable(True)
            b.setObjectName(f"hotline_cat_{cid}")
            b.clicked.connect(lambda _=False, c=cid: self._pick_category(c))
            self.category_group.addButton(b)
            grid.addWidget(b, i // columns, i % columns)
            self.category_buttons[cid] = b
        lay.addLayout(grid)
        self.category_error = error_line()
        lay.addWidget(self.category_error)

        self.text_title = label("title")
        lay.addWidget(self.text_title)
        self.text = QPlainTextEdit()
        self.text.setObjectName("hotline_text")
        self.text.setMinimumHeight(120)
        lay.addWidget(self.text)
        self.phrases_title = label("muted")
        lay.addWidget(self.phrases_title)
        self.phrases = PhrasePicker(columns=2 if elder else 4)
        self.phrases.picked.connect(self._add_phrase)
        lay.addWidget(self.phrases)
        self.text_error = error_line()
        lay.addWidget(self.text_error)
        keyboard.text(self.text)

    def category_label(self, cid: str) -> str:
        return {
            "city": self.tr("City upkeep"),
            "environment": self.tr("Environment"),
            "traffic": self.tr("Roads and transport"),
            "housing": self.tr("Housing and property"),
            "utilities": self.tr("Water, power, gas"),
            "labour": self.tr("Work and social insurance"),
            "health": self.tr("Health care"),
            "education": self.tr("Education"),
            "market": self.tr("Shopping and prices"),
            "other": self.tr("Other"),
        }[cid]

    def phrase_list(self) -> list[str]:
        return [
            self.tr("The street light does not work"),
            self.tr("Noise at night"),
            self.tr("Rubbish not collected"),
            self.tr("Road surface broken"),
            self.tr("No water"),
            self.tr("Power cut"),
            self.tr("Wages not paid"),
            self.tr("Please call me back"),
        ]

    def retranslate(self) -> None:
        self.category_title.setText(self.tr("1. What is it about?"))
        for cid, b in self.category_buttons.items():
            b.setText(self.category_label(cid))
        self.text_title.setText(self.tr("2. What happened?"))
        self.text.setPlaceholderText(self.tr("Type here, or touch the common phrases below"))
        self.phrases_title.setText(self.tr("Common phrases:"))
        self.phrases.set_phrases(self.phrase_list())

    def _pick_category(self, cid: str) -> None:
        self.category = cid
        say(self.category_error, "")

    def _add_phrase(self, phrase: str) -> None:
        current = self.text.toPlainText().rstrip()
        self.text.setPlainText(f"{current}，{phrase}" if current else phrase)

    def show_problems(self, problems: dict[str, Problem]) -> None:
        say(
            self.category_error,
            self.tr("Please choose what it is about.") if "category" in problems else "",
        )
        text_problem = problems.get("text")
        say(
            self.text_error,
            self.tr("Please say in a few words what happened.")
            if text_problem is Problem.MISSING
            else self.tr("Please keep it under 4,000 characters.")
            if text_problem is Problem.TOO_LONG
            else "",
        )

    def wipe(self) -> None:
        self.text.clear()


class ContactPanel(QWidget):
    """3. The mobile number (keypad), 4. the place (the last field before Submit)."""

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        self.phone_entry = PhoneEntry("hotline_phone")
        lay.addWidget(self.phone_entry)
        self.phone, self.phone_error = self.phone_entry.edit, self.phone_entry.error
        self.keypad = self.phone_entry.keypad

        # the last field before Submit: typed on the on-screen keyboard, both in sight above it
        self.place_title = label("title")
        lay.addWidget(self.place_title)
        self.place = QLineEdit()
        self.place.setObjectName("hotline_place")
        self.place.setMaxLength(hotline.MAX_PLACE)
        lay.addWidget(self.place)
        self.place_error = error_line()
        lay.addWidget(self.place_error)

    def attach(self, submit: QAbstractButton) -> None:
        """The keypad and the keyboard lead to ``submit`` when the fields are done."""
        self.keypad.attach(self.phone, submit)
        keyboard.text(self.place, submit)

    def retranslate(self) -> None:
        self.place_title.setText(self.tr("4. Where? (optional)"))
        self.place.setPlaceholderText(self.tr("Street, village, building"))
        self.phone_entry.retranslate()

    def show_problems(self, problems: dict[str, Problem]) -> None:
        say(
            self.place_error,
            self.tr("Please keep the place under 200 characters.") if "place" in problems else "",
        )
        say(self.phone_error, problem_text(Problem.BAD_PHONE) if "phone" in problems else "")
