"""The desk's one screen, page by page: sign in → service item → intake (authorisation code,
paper pages) → submitted (case number, receipt, rating) → next citizen.

Each page is a panel with one job (sign_in.py, items.py, intake.py with licences.py and
capture_panel.py, done.py; the rating pad through pad.py); this screen holds the clerk's case,
routes the scan gun to the page shown, and moves between the pages.

Everything blocking (PIN hashing, the catalog index, redeeming the authorisation, building the
PDF and storing the case, printing) runs in the task manager; an answer that arrives after the
citizen has gone is dropped (FlowScreen.run_task). Whatever the citizen brought — licences,
pages, the PDF — is wiped with the session: between two citizens the desk ends the session
(reason ``desk-next``) and keeps only the clerk signed in.
"""

from __future__ import annotations

import logging

from devices.imaging.pdf import SessionError
from kiosk_app.core.flows.capture_flow import CaptureFlow
from kiosk_app.core.flows.desk_case import DeskCase, Item
from kiosk_app.core.flows.desk_staff import Staff, StaffSignIn
from kiosk_app.services import report_pin_lockout
from kiosk_app.ui.desk.capture_panel import CapturePanel
from kiosk_app.ui.desk.done import DonePanel
from kiosk_app.ui.desk.intake import IntakePanel
from kiosk_app.ui.desk.items import ItemPanel
from kiosk_app.ui.desk.licences import LicencePanel
from kiosk_app.ui.desk.pad import DeskPad
from kiosk_app.ui.desk.shift import NEXT_CITIZEN, shift_for
from kiosk_app.ui.desk.sign_in import SignInPanel
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, problem_text
from kiosk_app.ui.flows.widgets import ScanListener
from kiosk_app.ui.screens.base import Shell

log = logging.getLogger(__name__)


class DeskScreen(FlowScreen):
    name = "desk"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        cfg = self.ctx.config
        self.shift = shift_for(window)
        self.case: DeskCase | None = None
        self.capture = self._make_capture_flow()
        self.pad = DeskPad(ports.device(window, "rating_pad"))
        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scan)

        ctx = self.ctx  # not self: the sign-in keeps this callback (no cycle to the screen)
        self.sign_in_page = SignInPanel(
            self,
            StaffSignIn(
                cfg.desk.staff,
                self.ctx.data_dir / "desk",
                max_attempts=cfg.technician.max_attempts,
                lockout_s=cfg.technician.lockout_s,
                on_lockout=lambda lock, staff_id: report_pin_lockout(ctx, lock, staff_id),
            ),
        )
        self.sign_in_page.signed_in.connect(self._signed_in)
        self.add_page(self.sign_in_page, scroll=True)

        self.item_page = ItemPanel(self)
        self.item_page.chosen.connect(self.choose_item)
        self.add_page(self.item_page)

        self.licence_panel = LicencePanel(self)
        self.capture_panel = CapturePanel(self, self.capture)
        self.intake_page = IntakePanel(self, self.licence_panel, self.capture_panel, self.capture)
        self.intake_page.change_item.connect(lambda: self.show_page(self.item_page))
        self.intake_page.submitted.connect(self._submitted)
        self.add_page(self.intake_page)

        self.done_page = DonePanel(self, self.pad)
        self.done_page.next_citizen.connect(self.next_citizen)
        self.add_page(self.done_page)

        for bar in (self.item_page.staff_bar, self.intake_page.staff_bar):
            bar.sign_out.connect(self.sign_out)
        self.register_wiper("desk.screen", self.wipe)
        self.retranslate()
        if self.shift.staff is not None:
            self._signed_in(self.shift.staff)
        else:
            self.show_page(self.sign_in_page)

    def _make_capture_flow(self) -> CaptureFlow | None:
        if "doc_camera" not in self.win.bridges:
            return None
        try:
            return CaptureFlow(self.ctx.session.temp_dir())
        except SessionError:
            log.exception("capture folder unusable")
            return None

    def retranslate(self) -> None:
        self.retranslate_frame()
        self.title.setText(self.tr("Desk: case intake"))
        staff = self.shift.staff
        self.sign_in_page.retranslate()
        self.item_page.retranslate()
        self.item_page.staff_bar.retranslate(staff)
        self.intake_page.retranslate()
        self.intake_page.staff_bar.retranslate(staff)
        self.done_page.retranslate()

    # the scan gun goes to the page shown --------------------------------------------------------
    def on_scan(self, text: str) -> None:
        page = self.current_page()
        if page is self.sign_in_page:
            self.sign_in_page.badge(text)
        elif page is self.intake_page:
            self.licence_panel.lookup(text)
        elif page is self.item_page:
            self.item_page.say(lambda: self.tr("Choose the service first, then scan the code."))

    # the clerk ---------------------------------------------------------------------------------
    def _signed_in(self, staff: Staff) -> None:
        self.shift.staff = staff
        self.case = DeskCase(
            ports.api(self.win),
            ports.outbox(self.win),
            self.ctx.session,
            self.ctx.config.terminal.id,
            self.ctx.config.terminal.window,
            staff,
        )
        for bar in (self.item_page.staff_bar, self.intake_page.staff_bar):
            bar.show_staff(staff)
        self.intake_page.set_case(self.case)
        self.show_page(self.item_page)
        self.item_page.load()

    def sign_out(self) -> None:
        """The clerk leaves: the citizen's data goes with the session, the clerk is signed out."""
        self.shift.staff = None
        self.win.end_session("desk-sign-out")

    # the case ----------------------------------------------------------------------------------
    def choose_item(self, item: Item) -> None:
        if self.case is None:
            return
        problem = self.case.choose(item)
        if problem is not None:
            self.item_page.say(lambda: problem_text(problem))
            return
        self.intake_page.show_case()
        self.show_page(self.intake_page)
        self.capture_panel.refresh()

    def _submitted(self) -> None:
        case = self.case
        if case is None:
            return
        ports.wake(self.win)
        self.show_page(self.done_page)
        self.done_page.show_submitted(case)

    def next_citizen(self) -> None:
        self.win.end_session(NEXT_CITIZEN)
        self.win.open_capability("desk")

    # reset -------------------------------------------------------------------------------------
    def wipe(self) -> None:
        for panel in (self.sign_in_page, self.item_page, self.intake_page, self.done_page):
            panel.wipe()
        self.case = None
        self.pad.clear()
