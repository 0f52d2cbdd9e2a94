"""The desk's intake page: the service item, the applicant (from their ID card on the reader,
through the identity step: not typed), the licence card beside the document camera, and
"Submit case" — the case is stored (PDF built, outbox record written) off the GUI thread, once.

Emits ``submitted`` when the case is stored; the screen shows the receipt page.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.core.flows.capture_flow import CaptureFlow
from kiosk_app.core.flows.desk_case import DeskCase
from kiosk_app.core.flows.identity import Level
from kiosk_app.core.flows.ports import Problem
from kiosk_app.ui.desk.capture_panel import CapturePanel
from kiosk_app.ui.desk.licences import LicencePanel
from kiosk_app.ui.desk.said import Said
from kiosk_app.ui.desk.staff_bar import StaffBar
from kiosk_app.ui.flows.common import FlowScreen, problem_text, scrolling
from kiosk_app.ui.identity.who import WhoRow
from kiosk_app.ui.weak import WeakAttr
from kiosk_app.ui.widgets import button, label

log = logging.getLogger(__name__)


class IntakePanel(QWidget):
    host = WeakAttr["FlowScreen"]()  # no cycle back to the screen (kiosk_app.ui.weak)
    change_item = Signal()
    submitted = Signal()

    def __init__(
        self,
        host: FlowScreen,
        licences: LicencePanel,
        capture_panel: CapturePanel,
        capture: CaptureFlow | None,
    ) -> None:
        super().__init__()
        self.host = host
        self.said = Said()
        self.case: DeskCase | None = None
        self.capture = capture
        self.licence_panel = licences
        self.capture_panel = capture_panel
        self._submitting = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.item_name = label("title")
        self.item_name.setObjectName("desk_item_name")
        top.addWidget(self.item_name, 1)
        self.change_item_btn = button("", "")
        self.change_item_btn.setObjectName("desk_change_item")
        self.change_item_btn.clicked.connect(self.change_item.emit)
        top.addWidget(self.change_item_btn)
        lay.addLayout(top)
        # the applicant, filled from the card (or e-ID, texted code) instead of typed
        self.applicant = WhoRow(host, Level.ANY, "applicant")
        lay.addWidget(self.applicant)

        body = QWidget()
        cols = QHBoxLayout(body)
        cols.setContentsMargins(0, 0, 0, 0)
        cols.setSpacing(24)
        cols.addWidget(licences, 1)
        licences.changed.connect(self.update_submit)
        capture_panel.changed.connect(self.update_submit)
        cols.addWidget(capture_panel, 1)
        lay.addWidget(scrolling(body), 1)

        self.staff_bar = StaffBar("intake")
        self.submit_error = label("error")
        self.submit_error.setObjectName("desk_submit_error")
        self.staff_bar.row.addWidget(self.submit_error, 1)
        self.submit_btn = button("primary", "")
        self.submit_btn.setObjectName("desk_submit")
        self.submit_btn.setMinimumWidth(240)
        self.submit_btn.clicked.connect(self.submit)
        self.staff_bar.row.addWidget(self.submit_btn)
        lay.addWidget(self.staff_bar)

    def retranslate(self) -> None:
        self.said.redraw()
        self.licence_panel.retranslate()
        self.capture_panel.retranslate()
        self.change_item_btn.setText(self.tr("Change service"))
        self.submit_btn.setText(self.tr("Submit case"))
        self.show_case()

    def set_case(self, case: DeskCase | None) -> None:
        self.case = case
        self.licence_panel.case = case
        self.show_case()

    def show_case(self) -> None:
        item = self.case.item if self.case is not None else None
        self.item_name.setText(
            self.tr("Service: %1").replace("%1", item.name) if item is not None else ""
        )
        self.licence_panel.show_case()
        self.update_submit()

    def update_submit(self) -> None:
        case = self.case
        pages = self.capture_panel.page_count()
        ok = case is not None and case.can_submit(pages) is None and not self._submitting
        self.submit_btn.setEnabled(ok and not self.capture_panel.busy())

    def submit(self) -> None:
        case = self.case
        if case is None or self._submitting:
            return
        pages = self.capture_panel.page_count()
        problem = case.can_submit(pages)
        if problem is not None:
            self.said.say(
                self.submit_error,
                lambda: self.tr("Choose a service and add licences or at least one page first."),
            )
            return
        self._submitting = True
        self.submit_btn.setEnabled(False)
        self.said.say(self.submit_error, None)
        capture = self.capture

        def work() -> Problem | None:
            pdf = None
            if capture is not None and pages:
                pdf = capture.write_pdf(f"case-{case.case_id}.pdf")
            return case.submit(pdf, pages)

        self.host.run_task(work, self._submitted, self._submit_failed)

    def _submit_failed(self, exc: BaseException) -> None:
        self._submitted(Problem.STORAGE)

    def _submitted(self, problem: Problem | None) -> None:
        self._submitting = False
        case = self.case
        if problem is not None or case is None or case.submitted is None:
            self.said.say(
                self.submit_error,
                lambda: (
                    self.tr("The case could not be saved; nothing was lost. Please try again.")
                    if problem in (Problem.STORAGE, None)
                    else problem_text(problem)
                ),
            )
            self.update_submit()
            return
        log.info(
            "desk case submitted", extra={"case_id": case.case_id, "pages": case.submitted.pages}
        )
        self.capture_panel.wipe()
        self.update_submit()
        self.submitted.emit()

    def wipe(self) -> None:
        self.applicant.wipe()
        self.capture_panel.wipe()
        self.licence_panel.wipe()
        self.item_name.clear()
        self.said.clear()
        self.case = None
