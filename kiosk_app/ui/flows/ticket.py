"""现场取号 screen: one big button per kind of service; the ticket is printed and shown large."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from contract.wire import Ticket
from kiosk_app.core.flows.ports import Outcome, Problem
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.core.flows.ticket import Choice, TicketFlow, TicketState, categories
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.categories import category_label
from kiosk_app.ui.flows.common import FlowScreen, go_to_desk, problem_text
from kiosk_app.ui.flows.rating import open_rating
from kiosk_app.ui.flows.widgets import TicketPanel
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.touch import PagedGrid
from kiosk_app.ui.widgets import button, card, label


class TicketScreen(FlowScreen):
    name = "ticket"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self.flow = TicketFlow(ports.api(window), ports.outbox(window), self.ctx.session)

        self.choose_page = QWidget()
        cl = QVBoxLayout(self.choose_page)
        cl.setContentsMargins(0, 0, 0, 0)
        self.choose_text = label("title")
        cl.addWidget(self.choose_text)
        self.category_buttons: dict[str, Any] = {}
        # every category reachable: elder mode pages its larger buttons (six a page)
        self.grid = PagedGrid(*((2, 3) if self.elder else (3, 4)))
        cats = categories(ports.catalog(window), limit=12)
        for i, cat in enumerate(cats):
            b = button("primary", cat)
            b.setObjectName(f"ticket_cat_{i}")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            b.clicked.connect(lambda _=False, c=cat: self.ask(Choice(category=c, label=c)))
            self.category_buttons[cat] = b
        self.grid.set_items(list(self.category_buttons.values()))
        cl.addWidget(self.grid, 1)
        self.none_text = label("body")
        self.none_text.setVisible(not cats)
        cl.addWidget(self.none_text)
        row = QHBoxLayout()
        self.search_btn = button("", "")
        self.search_btn.setObjectName("ticket_search_catalog")
        self.search_btn.clicked.connect(lambda: self.win.open_capability("catalog"))
        row.addStretch(1)
        row.addWidget(self.search_btn)
        cl.addLayout(row)
        self.add_page(self.choose_page)

        # a ticket is printed and takes a place in a queue: asked once, never on one tap
        self.confirm_page = QWidget()
        fl = QVBoxLayout(self.confirm_page)
        fl.addStretch(1)
        box = card()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(32, 24, 32, 24)
        self.confirm_text = label("heading")
        self.confirm_text.setObjectName("ticket_confirm_text")
        self.confirm_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirm_note = label("title")
        self.confirm_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bl.addWidget(self.confirm_text)
        bl.addWidget(self.confirm_note)
        fl.addWidget(box)
        fl.addStretch(1)
        row = QHBoxLayout()
        self.confirm_back = button("", "")
        self.confirm_back.setObjectName("ticket_confirm_back")
        self.confirm_back.clicked.connect(self.again)
        self.confirm_btn = button("primary", "")
        self.confirm_btn.setObjectName("ticket_confirm")
        self.confirm_btn.clicked.connect(self.confirm)
        self.confirm_btn.setMinimumWidth(320)
        row.addWidget(self.confirm_back)
        row.addStretch(1)
        row.addWidget(self.confirm_btn)
        fl.addLayout(row)
        self.add_page(self.confirm_page, scroll=True)
        self.pending: Choice | None = None

        self.done_page = QWidget()
        dl = QVBoxLayout(self.done_page)
        self.panel = TicketPanel()
        dl.addWidget(self.panel)
        dl.addStretch(1)
        row = QHBoxLayout()
        self.rate_btn = button("primary", "")
        self.rate_btn.setObjectName("ticket_rate")
        self.rate_btn.clicked.connect(self.rate)
        self.finish_btn = button("", "")
        self.finish_btn.setObjectName("ticket_finish")
        self.finish_btn.clicked.connect(self.finish)
        row.addStretch(1)
        row.addWidget(self.rate_btn)
        row.addWidget(self.finish_btn)
        dl.addLayout(row)
        self.add_page(self.done_page, scroll=True)

        self.problem_page = QWidget()
        pl = QVBoxLayout(self.problem_page)
        pl.addStretch(1)
        self.problem_label = label("error")
        self.problem_label.setObjectName("ticket_problem")
        self.advice_label = label("title")
        pl.addWidget(self.problem_label)
        pl.addWidget(self.advice_label)
        pl.addStretch(1)
        row = QHBoxLayout()
        self.retry_btn = button("primary", "")
        self.retry_btn.setObjectName("ticket_retry")
        self.retry_btn.clicked.connect(self.start)
        self.back_btn = button("", "")
        self.back_btn.setObjectName("ticket_back")
        self.back_btn.clicked.connect(self.again)
        row.addStretch(1)
        row.addWidget(self.retry_btn)
        row.addWidget(self.back_btn)
        pl.addLayout(row)
        self.add_page(self.problem_page, scroll=True)
        self.register_wiper("ticket.screen", self.panel.wipe)
        self.retranslate()
        self.show_page(self.choose_page)

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.title.setText(self.tr("Take a queue ticket"))
        self.choose_text.setText(self.tr("What would you like to do today?"))
        self.none_text.setText(self.tr("The list of services is not available. ") + go_to_desk())
        self.search_btn.setText(self.tr("Not listed? Search the service guide"))
        self.rate_btn.setText(self.tr("Rate this service"))
        self.finish_btn.setText(self.tr("Finish"))
        self.retry_btn.setText(self.tr("Try again"))
        self.back_btn.setText(self.tr("Choose another service"))
        self.confirm_back.setText(self.tr("Choose another service"))
        self.confirm_btn.setText(self.tr("Yes, print my ticket"))
        self.confirm_note.setText(self.tr("Your ticket is printed and you join the queue."))
        if self.pending is not None:
            self._confirm_text()
        for cat, b in self.category_buttons.items():
            b.setText(category_label(cat))
        if self.flow.state is TicketState.DONE:
            self._show_ticket()
        elif self.flow.state is TicketState.PROBLEM:
            self._show_problem()

    def ask(self, choice: Choice) -> None:
        """Ask once before a ticket is printed (a tap by mistake would waste a place)."""
        self.pending = choice
        self._confirm_text()
        self.show_page(self.confirm_page)

    def choose(self, choice: Choice) -> None:
        """From the service guide: the citizen chose the item there; still asked once here."""
        self.ask(choice)

    def _confirm_text(self) -> None:
        c = self.pending
        name = category_label(c.label) if c is not None and c.category else (c.label if c else "")
        self.confirm_text.setText(self.tr("Take a ticket for: %1?").replace("%1", name))

    def confirm(self) -> None:
        choice = self.pending
        if choice is None:
            return
        self.pending = None
        self.flow.choose(choice)
        self.start()

    def start(self) -> None:
        self.show_busy(self.tr("Getting your ticket…"))
        self.run_task(
            self.flow.run,
            self.on_outcome,
            lambda exc: self.on_outcome(Outcome(problem=Problem.OFFLINE)),
        )

    def on_outcome(self, outcome: Outcome[Ticket]) -> None:
        self.flow.apply(outcome)
        if self.flow.state is TicketState.DONE:
            ports.wake(self.win)
            self._show_ticket()
            self.print_queue_ticket(self.panel, self.flow.receipt(english=self.english_slip()))
        else:
            self._show_problem()

    def _show_ticket(self) -> None:
        t = self.flow.ticket
        assert t is not None
        self.show_queue_ticket(self.panel, t, [])
        self.show_page(self.done_page)

    def _show_problem(self) -> None:
        p = self.flow.problem
        if p is Problem.OFFLINE:
            text = self.tr("The queue system cannot be reached right now.")
            advice = self.tr("Please try again in a moment. ") + go_to_desk()
        else:
            text = self.tr("A ticket for this service cannot be taken at this terminal.")
            advice = go_to_desk()
        self.problem_label.setText(text if p is not None else problem_text(p))
        self.advice_label.setText(advice)
        self.retry_btn.setVisible(p is Problem.OFFLINE)
        self.show_page(self.problem_page)

    def again(self) -> None:
        self.pending = None
        self.flow.restart()
        self.show_page(self.choose_page)

    def rate(self) -> None:
        t = self.flow.ticket
        c = self.flow.choice
        open_rating(
            self.win,
            RatingContext(
                case_id=t.number if t else None,
                item_id=c.item_id if c else None,
                service=t.service if t else "",
                window=t.window if t else None,
            ),
        )
