"""The A4 print page every flow shows: the page as it will print, the number of copies, then
the job followed to its end — printing, out of paper (held), printed, cancelled.

Driven by ``A4PrintFlow`` (kiosk_app/core/flows/a4print.py) and by the printer adapter's events:
the ``a4_printer`` device bridge delivers each ``JobUpdate`` on the GUI thread, the flow matches
it to its job, and this page draws the state again. Out of paper the adapter holds the job in
CUPS; the page says so in plain words — the document waits and prints when paper is put in, or
the citizen cancels it and goes to the desk (the job then leaves the queue and the spool). When
paper comes back the flow releases the job itself: the citizen need not press anything.

The preview is the PDF that prints (``preview.PdfPages``); the copies stop at ``[a4]
max_copies``. Submitting and cancelling talk to CUPS, so they run in the task manager
(FlowScreen.run_task), never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk_app.core.documents.printable import Printable
from kiosk_app.core.flows.a4print import A4PrintFlow, A4PrintState, PrintProblem
from kiosk_app.ui.a4.common import DEVICE, a4_printer, max_copies
from kiosk_app.ui.a4.preview import PdfPages
from kiosk_app.ui.flows import ports
from kiosk_app.ui.widgets import button, label

if TYPE_CHECKING:
    from kiosk_app.ui.flows.common import FlowScreen

PREVIEW_PX = 560  # the page's height on a 1280×800 screen (elder mode: the same, it is a picture)


class PrintPanel(QWidget):
    """One document's print page, placed in a flow screen's stack. ``left`` is emitted when the
    citizen leaves it: back from the preview (nothing printed) or done after the job ended."""

    left = Signal()

    def __init__(self, host: FlowScreen, name: str) -> None:
        super().__init__()
        self.host = host
        self.win = host.win
        self.setObjectName(f"{name}_print")
        self.flow: A4PrintFlow | None = None
        self.pages: PdfPages | None = None
        self.page = 0
        self._what: Callable[[], str] = lambda: ""

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(24)
        # the page, on a grey desk so its white edge shows
        left_box = QWidget()
        # the page keeps its width whatever the right-hand column shows (the column's buttons
        # come and go with the job's state)
        left_box.setFixedWidth(PREVIEW_PX * 210 // 297 + 20)
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setObjectName("a4_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.Box)
        self.preview.setStyleSheet("QLabel#a4_preview { background: #9AA5B1; padding: 8px; }")
        self.preview.setMinimumHeight(PREVIEW_PX + 20)
        left.addWidget(self.preview, 1)
        nav = QHBoxLayout()
        self.prev_btn = button("", "◀")
        self.prev_btn.setObjectName("a4_prev_page")
        self.prev_btn.clicked.connect(lambda: self.show_page(self.page - 1))
        self.page_label = label("body")
        self.page_label.setObjectName("a4_page_label")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_btn = button("", "▶")
        self.next_btn.setObjectName("a4_next_page")
        self.next_btn.clicked.connect(lambda: self.show_page(self.page + 1))
        nav.addWidget(self.prev_btn)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_btn)
        left.addLayout(nav)
        outer.addWidget(left_box, 0, Qt.AlignmentFlag.AlignLeft)

        right_box = QWidget()
        right_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(16)
        self.heading = label("title")
        self.heading.setObjectName("a4_heading")
        right.addWidget(self.heading)
        self.what_label = label("body")
        self.what_label.setObjectName("a4_what")
        right.addWidget(self.what_label)
        self.copies_title = label("body")
        right.addWidget(self.copies_title)
        row = QHBoxLayout()
        self.minus_btn = button("", "−")
        self.minus_btn.setObjectName("a4_copies_minus")
        self.minus_btn.clicked.connect(lambda: self.change_copies(-1))
        self.copies_label = label("big-number", "1")
        self.copies_label.setObjectName("a4_copies")
        self.copies_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plus_btn = button("", "+")
        self.plus_btn.setObjectName("a4_copies_plus")
        self.plus_btn.clicked.connect(lambda: self.change_copies(1))
        for b in (self.minus_btn, self.plus_btn):
            b.setMinimumSize(88, 88)
        row.addWidget(self.minus_btn)
        row.addWidget(self.copies_label, 1)
        row.addWidget(self.plus_btn)
        right.addLayout(row)
        self.copies_hint = label("muted")
        self.copies_hint.setObjectName("a4_copies_hint")
        right.addWidget(self.copies_hint)
        self.status = label("title")
        self.status.setObjectName("a4_status")
        right.addWidget(self.status)
        right.addStretch(1)
        self.print_btn = button("primary", "")
        self.print_btn.setObjectName("a4_print")
        self.print_btn.clicked.connect(self.submit)
        self.cancel_btn = button("", "")
        self.cancel_btn.setObjectName("a4_cancel")
        self.cancel_btn.clicked.connect(self.cancel)
        self.back_btn = button("", "")
        self.back_btn.setObjectName("a4_back")
        self.back_btn.clicked.connect(self.leave)
        self.done_btn = button("primary", "")
        self.done_btn.setObjectName("a4_done")
        self.done_btn.clicked.connect(self.leave)
        for b in (self.print_btn, self.cancel_btn, self.done_btn, self.back_btn):
            b.setMinimumHeight(88)
            right.addWidget(b)
        outer.addWidget(right_box, 1)

        bridge = self.win.bridges.get(DEVICE)
        if bridge is not None:
            bridge.data.connect(self.on_job)
        host.register_wiper(f"a4.{name}.panel", self.wipe)
        self.retranslate()
        self.show_state()

    # -- a document in --------------------------------------------------------------------------
    def start(
        self, printable: Printable, what: Callable[[], str], hide: Sequence[str] = ()
    ) -> None:
        """Show ``printable``'s preview with one copy; ``what()`` names it ("licence copy");
        ``hide``: personal values the paper carries in full, covered on the screen."""
        self.wipe()
        self.flow = A4PrintFlow(
            a4_printer(self.win),
            ports.outbox(self.win),
            self.host.ctx.session,
            printable,
            max_copies=max_copies(self.win),
        )
        self._what = what
        try:
            self.pages = PdfPages(printable.pdf, hide)
        except ValueError:
            self.pages = None
        self.page = 0
        self.show_page(0)
        self.show_state()

    def show_page(self, page: int) -> None:
        count = self.pages.count if self.pages is not None else 0
        if count and 0 <= page < count and self.pages is not None:
            self.page = page
            self.preview.setPixmap(QPixmap.fromImage(self.pages.image(page, PREVIEW_PX)))
        elif not count:
            self.preview.clear()
        self._page_texts()

    # -- the citizen's touches --------------------------------------------------------------------
    def change_copies(self, step: int) -> None:
        if self.flow is not None and self.flow.set_copies(self.flow.copies + step):
            self.show_state()

    def submit(self) -> None:
        flow = self.flow
        if flow is None or flow.state is not A4PrintState.PREVIEW:
            return
        # drawn at once; the flow itself moves on to SUBMITTING on the task manager's thread
        self.print_btn.setEnabled(False)
        self.back_btn.setEnabled(False)
        self.status.setText(self.tr("Sending your document to the printer…"))
        self.host.run_task(flow.submit, lambda _s: self.show_state(), lambda exc: self.show_state())

    def cancel(self) -> None:
        """Paper out (or waiting): cancel, and the page says to go to the desk."""
        flow = self.flow
        if flow is None or flow.ended:
            return
        self.cancel_btn.setEnabled(False)
        self.status.setText(self.tr("Cancelling…"))

        def cancelled(_state: object) -> None:
            self.show_state()
            ports.wake(self.win)

        self.host.run_task(flow.cancel, cancelled, lambda exc: self.show_state())

    def leave(self) -> None:
        flow = self.flow
        if flow is not None and not (flow.ended or flow.state is A4PrintState.PREVIEW):
            return  # a job in the printer: only cancel or its end lets the citizen go
        if flow is not None and flow.state is A4PrintState.PREVIEW:
            flow.forget()  # nothing printed: the PDF goes now
        self.wipe()
        self.left.emit()

    # -- the printer's events ---------------------------------------------------------------------
    def on_job(self, payload: object) -> None:
        if self.flow is not None and self.flow.job_update(payload):
            self.show_state()
            if self.flow.ended:
                ports.wake(self.win)  # the audit record goes now, not at the next tick
            if self.flow.state is A4PrintState.PAPER_OUT:
                self.win.speak(self.status.text())

    # -- drawing ----------------------------------------------------------------------------------
    def show_state(self) -> None:
        flow = self.flow
        state = flow.state if flow is not None else A4PrintState.CANCELLED
        preview = state is A4PrintState.PREVIEW
        for w in (self.minus_btn, self.plus_btn, self.copies_title, self.copies_hint):
            w.setVisible(preview)
        self.copies_label.setVisible(preview)
        self.print_btn.setVisible(preview)
        self.print_btn.setEnabled(preview)
        self.back_btn.setVisible(preview)
        self.back_btn.setEnabled(preview)
        self.cancel_btn.setVisible(state is A4PrintState.PAPER_OUT)
        self.cancel_btn.setEnabled(True)
        self.done_btn.setVisible(flow is not None and flow.ended)
        if flow is not None:
            self.copies_label.setText(str(flow.copies))
            self.minus_btn.setEnabled(flow.copies > 1)
            self.plus_btn.setEnabled(flow.copies < flow.max_copies)
        self._texts()

    def _texts(self) -> None:
        flow = self.flow
        what = self._what()
        if flow is None:
            self.heading.setText("")
            self.what_label.setText("")
            self.status.setText("")
            return
        state = flow.state
        heading = {
            A4PrintState.PREVIEW: self.tr("Check the page, then print"),
            A4PrintState.SUBMITTING: self.tr("Printing"),
            A4PrintState.WAITING: self.tr("Printing"),
            A4PrintState.PAPER_OUT: self.tr("The printer needs attention"),
            A4PrintState.DONE: self.tr("Printed"),
            A4PrintState.CANCELLED: self.tr("Printing cancelled"),
            A4PrintState.FAILED: self.tr("Not printed"),
        }[state]
        self.heading.setText(heading)
        self.what_label.setText(what)
        problem = state in (A4PrintState.PAPER_OUT, A4PrintState.CANCELLED, A4PrintState.FAILED)
        self.status.setProperty("role", "error" if problem else "title")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(self._status_text(flow))
        self.copies_title.setText(self.tr("Copies"))
        self.copies_hint.setText(self.tr("At most %1 copies.").replace("%1", str(flow.max_copies)))
        self.print_btn.setText(self.tr("Print"))
        self.back_btn.setText(self.tr("Back"))
        self.cancel_btn.setText(self.tr("Cancel and go to the desk"))
        self.done_btn.setText(self.tr("Done"))

    def _status_text(self, flow: A4PrintFlow) -> str:
        state = flow.state
        total = flow.pages * flow.copies
        if state is A4PrintState.PREVIEW:
            return self.tr("%1 page(s) will print. Nothing prints until you press Print.").replace(
                "%1", str(total)
            )
        if state is A4PrintState.SUBMITTING:
            return self.tr("Sending your document to the printer…")
        if state is A4PrintState.WAITING:
            if flow.pages_done:
                return (
                    self.tr("Printing page %1 of %2…")
                    .replace("%1", str(min(flow.pages_done + 1, total)))
                    .replace("%2", str(total))
                )
            return self.tr("Printing… please wait by the printer.")
        if state is A4PrintState.PAPER_OUT:
            reason = {
                "cover": self.tr("The printer's cover is open."),
                "jam": self.tr("Paper is stuck in the printer."),
            }.get(flow.waiting_for or "", self.tr("The printer is out of paper."))
            return self._join(
                reason,
                self.tr(
                    "Your document is waiting and prints as soon as the staff fix it. "
                    "You can also cancel it and ask at the service desk."
                ),
            )
        if state is A4PrintState.DONE:
            return self.tr("Please take your pages from the printer.")
        if state is A4PrintState.CANCELLED:
            return self._join(
                self.tr("Nothing more will print; your document was removed from the printer."),
                self.tr("Please go to the service desk; the staff there will help you."),
            )
        reason = {
            PrintProblem.NO_PRINTER: self.tr("The A4 printer is not available."),
            PrintProblem.PRINTER_OFFLINE: self.tr("The A4 printer is switched off."),
            PrintProblem.TIMEOUT: self.tr("The A4 printer did not answer."),
        }.get(flow.problem or PrintProblem.REFUSED, self.tr("The A4 printer did not print."))
        return self._join(
            reason, self.tr("Please go to the service desk; the staff there will help you.")
        )

    def _page_texts(self) -> None:
        count = self.pages.count if self.pages is not None else 0
        self.page_label.setText(
            self.tr("Page %1 of %2").replace("%1", str(self.page + 1)).replace("%2", str(count))
            if count
            else ""
        )
        self.prev_btn.setVisible(count > 1)
        self.next_btn.setVisible(count > 1)
        self.prev_btn.setEnabled(self.page > 0)
        self.next_btn.setEnabled(self.page < count - 1)

    @staticmethod
    def _zh() -> bool:
        from kiosk_app.ui.i18n import current_language

        return current_language() == "zh_CN"

    def _join(self, *parts: str) -> str:
        return ("" if self._zh() else " ").join(p for p in parts if p)

    def retranslate(self) -> None:
        self._texts()
        self._page_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the end ----------------------------------------------------------------------------------
    def wipe(self) -> None:
        """The preview and the PDF go (the flow's own wiper cancels a job still queued)."""
        self.preview.clear()
        if self.pages is not None:
            self.pages.close()
            self.pages = None
        self.page = 0
