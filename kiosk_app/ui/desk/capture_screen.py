"""The standalone document-camera screen (capability "capture"): lay pages or an ID card under
the camera, check them, save them as one document; the document number is shown large.

Offered only where a document camera is configured. The clerk signed in at the desk (if any)
goes on the record; otherwise it is a citizen's own capture.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from contract.codes import spoken
from devices.imaging.pdf import SessionError
from kiosk_app.core.flows.capture_flow import CaptureFlow
from kiosk_app.core.flows.capture_submit import DocumentFiling
from kiosk_app.core.flows.ports import Problem
from kiosk_app.ui.desk.capture_panel import CapturePanel
from kiosk_app.ui.desk.shift import shift_for
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, problem_text
from kiosk_app.ui.flows.widgets import TicketPanel
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.widgets import button, label

log = logging.getLogger(__name__)


class CaptureScreen(FlowScreen):
    name = "capture"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self.filing = DocumentFiling(ports.outbox(window), self.ctx.config.terminal.id)
        flow: CaptureFlow | None
        try:
            flow = CaptureFlow(self.ctx.session.temp_dir())
        except SessionError:
            log.exception("capture folder unusable")
            flow = None
        self.flow = flow
        self._saving = False

        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        self.panel = CapturePanel(self, flow, preview_size=(560, 420))
        self.panel.changed.connect(self._update)
        lay.addWidget(self.panel, 1)
        self.error = label("error")
        self.error.setObjectName("capture_error")
        lay.addWidget(self.error)
        self.save_btn = button("primary", "")
        self.save_btn.setObjectName("capture_save")
        self.save_btn.setMinimumWidth(240)
        self.save_btn.clicked.connect(self.ask_save)
        self.panel.side.addWidget(self.save_btn)  # beside the camera, not in a row of its own
        self.capture_page = self.add_page(page, scroll=True)  # elder mode's type is large

        done = QWidget()
        dl = QVBoxLayout(done)
        self.result = TicketPanel()
        self.result.number.setObjectName("capture_number")
        self.result.number.setProperty("role", "long-number")
        self.result.number.setWordWrap(True)
        dl.addWidget(self.result)
        dl.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.finish_btn = button("primary", "")
        self.finish_btn.setObjectName("capture_finish")
        self.finish_btn.setMinimumWidth(240)
        self.finish_btn.clicked.connect(self.finish)
        row.addWidget(self.finish_btn)
        dl.addLayout(row)
        self.done_page = self.add_page(done)
        self.register_wiper("capture.screen", self.wipe)
        self.retranslate()
        self.show_page(self.capture_page)

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.panel.retranslate()
        self.title.setText(self.tr("Document capture"))
        self.save_btn.setText(self.tr("Save the document"))
        self.finish_btn.setText(self.tr("Finish"))
        filed = self.filing.filed
        if filed is not None:
            self.result.caption.setText(self.tr("Document saved. Document number:"))
            self.result.facts.setText(
                "\n".join(
                    [
                        self.tr("Pages: %1").replace("%1", str(filed.pages)),
                        self.tr("Take the slip to %1; the document is already sent there.").replace(
                            "%1", self.window_name()
                        ),
                    ]
                )
            )
        self._update()

    def on_enter(self) -> None:
        self.panel.refresh()

    def _update(self) -> None:
        ok = self.panel.page_count() > 0 and not self._saving and not self.panel.busy()
        self.save_btn.setEnabled(ok)

    def ask_save(self) -> None:
        """Filing is asked once: the pages leave the terminal and a slip is printed."""
        if self.panel.page_count() == 0:
            self.save()  # says what is missing
            return
        pages = str(self.panel.page_count())
        self.win.ask.ask(
            lambda: self.tr("Save and send these %1 pages?").replace("%1", pages),
            lambda: self.tr(
                "They are sent to %1 and cannot be changed afterwards. A slip with the "
                "document number is printed."
            ).replace("%1", self.window_name()),
            lambda: self.tr("Save and send"),
            self.save,
        )

    def save(self) -> None:
        flow = self.flow
        if flow is None or self._saving:
            return
        if self.panel.page_count() == 0:
            self.error.setText(self.tr("Lay at least one page under the camera first."))
            return
        self._saving = True
        self._update()
        staff = shift_for(self.win).staff
        staff_id = staff.id if staff is not None else None
        self.run_task(
            lambda: self.filing.submit(flow, staff_id),
            lambda problem: self._saved(problem, staff_id),
            lambda exc: self._saved(Problem.STORAGE, staff_id),
        )

    def _saved(self, problem: Problem | None, staff_id: str | None = None) -> None:
        self._saving = False
        filed = self.filing.filed
        if problem is not None or filed is None:
            self.error.setText(
                self.tr("The document could not be saved; the pages are kept. Please try again.")
                if problem in (Problem.STORAGE, None)
                else problem_text(problem)
            )
            self._update()
            return
        ports.wake(self.win)
        self.panel.refresh()
        self.result.number.setText(spoken(filed.number))
        self.retranslate()
        self.show_page(self.done_page)
        self._print_slip(filed.number, filed.pages, staff_id)

    def _print_slip(self, number: str, pages: int, staff_id: str | None) -> None:
        """The document number on paper (not a number to remember), and where it goes."""
        from datetime import datetime

        from devices.printer.templates import submission_receipt

        cfg = self.ctx.config.terminal
        receipt = submission_receipt(
            number,
            "材料扫描（高拍仪）",
            pages,
            self.window_name(),
            staff_id or cfg.id,
            datetime.now().astimezone(),
            org=cfg.name,
            english=self.english_slip(),
        )
        self.print_into(self.result.print_status, receipt, "document_slip", lambda: self.tr("slip"))

    def window_name(self) -> str:
        return self.ctx.config.terminal.window or self.tr("General intake window")

    def wipe(self) -> None:
        self.panel.wipe()
        self.result.wipe()
        self.error.clear()
