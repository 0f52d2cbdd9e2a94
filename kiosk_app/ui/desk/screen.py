"""The desk's one screen, page by page: sign in → service item → intake (authorisation code,
paper pages) → submitted (case number, receipt, rating) → next citizen.

Everything blocking (PIN hashing, the catalog index, redeeming the authorisation, building the
PDF and storing the case, printing) runs in the task manager; an answer that arrives after the
citizen has gone is dropped (FlowScreen.run_task). Whatever the citizen brought — licences,
pages, the PDF — is wiped with the session: between two citizens the desk ends the session
(reason ``desk-next``) and keeps only the clerk signed in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contract.codes import spoken
from contract.wire import Licences
from devices.imaging.pdf import SessionError
from devices.rating.protocol import PromptInfo
from kiosk_app.core.catalog_search import CatalogIndex, index_for
from kiosk_app.core.flows.capture_flow import CaptureFlow
from kiosk_app.core.flows.desk_case import CaseState, DeskCase, Item
from kiosk_app.core.flows.desk_staff import SignIn, SignInProblem, StaffSignIn
from kiosk_app.core.flows.licences import ShownLicence
from kiosk_app.core.flows.ports import Outcome, Problem
from kiosk_app.core.flows.rating import RatingFlow, RatingState
from kiosk_app.services import report_pin_lockout
from kiosk_app.ui import keyboard
from kiosk_app.ui.desk.capture_panel import CapturePanel
from kiosk_app.ui.desk.shift import NEXT_CITIZEN, shift_for
from kiosk_app.ui.flows import ports
from kiosk_app.ui.flows.common import FlowScreen, problem_text, scrolling
from kiosk_app.ui.flows.widgets import (
    NumericKeypad,
    RatingButtons,
    ScanListener,
    TicketPanel,
    level_text,
)
from kiosk_app.ui.widgets import button, card, label

log = logging.getLogger(__name__)

RESULTS = 30


class DeskScreen(FlowScreen):
    name = "desk"

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        cfg = self.ctx.config
        self.shift = shift_for(window)
        self.signin = StaffSignIn(
            cfg.desk.staff,
            self.ctx.data_dir / "desk",
            max_attempts=cfg.technician.max_attempts,
            lockout_s=cfg.technician.lockout_s,
            on_lockout=lambda lock, staff_id: report_pin_lockout(self.ctx, lock, staff_id),
        )
        self.case: DeskCase | None = None
        self.rating: RatingFlow | None = None
        self.index: CatalogIndex | None = None
        self._submitting = False
        self._said: dict[QLabel, Callable[[], str] | None] = {}
        self.capture = self._make_capture_flow()
        self.scans = ScanListener(self, window)
        self.scans.scanned.connect(self.on_scan)

        self._build_sign_in()
        self._build_item()
        self._build_intake()
        self._build_done()
        self.register_wiper("desk.screen", self.wipe)
        self.retranslate()
        if self.shift.staff is not None:
            self._signed_in()
        else:
            self.show_page(self.sign_in_page)

    def _make_capture_flow(self) -> CaptureFlow | None:
        if "doc_camera" not in getattr(self.win, "bridges", {}):
            return None
        try:
            return CaptureFlow(self.ctx.session.temp_dir())
        except SessionError:
            log.exception("capture folder unusable")
            return None

    # building ---------------------------------------------------------------------------------
    def _build_sign_in(self) -> None:
        page = QWidget()
        lay = QHBoxLayout(page)
        left = QVBoxLayout()
        self.sign_in_hint = label("title")
        self.sign_in_hint.setObjectName("desk_sign_in_hint")
        left.addWidget(self.sign_in_hint)
        self.number_label = label("body")
        left.addWidget(self.number_label)
        self.staff_number = QLineEdit()
        self.staff_number.setObjectName("desk_staff_number")
        self.staff_number.setMaxLength(9)
        left.addWidget(self.staff_number)
        self.pin_label = label("body")
        left.addWidget(self.pin_label)
        self.staff_pin = QLineEdit()
        self.staff_pin.setObjectName("desk_staff_pin")
        self.staff_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.staff_pin.setMaxLength(12)
        self.staff_pin.returnPressed.connect(self.sign_in_pin)
        left.addWidget(self.staff_pin)
        self.sign_in_btn = button("primary", "")
        self.sign_in_btn.setObjectName("desk_sign_in")
        self.sign_in_btn.clicked.connect(self.sign_in_pin)
        left.addWidget(self.sign_in_btn)
        self.sign_in_error = label("error")
        self.sign_in_error.setObjectName("desk_sign_in_error")
        left.addWidget(self.sign_in_error)
        left.addStretch(1)
        lay.addLayout(left, 3)
        self.keypad = NumericKeypad()
        self.keypad.setMaximumWidth(460)
        self.keypad.attach(self.staff_number, self.sign_in_btn)
        self.keypad.attach(self.staff_pin, self.sign_in_btn)
        lay.addWidget(self.keypad, 2)
        self.sign_in_page = self.add_page(page, scroll=True)

    def _build_item(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        self.item_hint = label("title")
        lay.addWidget(self.item_hint)
        self.search = QLineEdit()
        self.search.setObjectName("desk_search")
        self.search.textChanged.connect(self.refresh_items)
        keyboard.text(self.search)
        lay.addWidget(self.search)
        self.items = QListWidget()
        self.items.setObjectName("desk_items")
        self.items.itemClicked.connect(self._item_clicked)
        lay.addWidget(self.items, 1)
        self.item_status = label("muted")
        lay.addWidget(self.item_status)
        lay.addLayout(self._staff_bar("item"))
        self.item_page = self.add_page(page)

    def _staff_bar(self, where: str) -> QHBoxLayout:
        bar = QHBoxLayout()
        who = label("muted")
        who.setObjectName(f"desk_staff_{where}")
        bar.addWidget(who, 1)
        out = button("", "")
        out.setObjectName(f"desk_sign_out_{where}")
        out.clicked.connect(self.sign_out)
        bar.addWidget(out)
        self._staff_labels = [*getattr(self, "_staff_labels", []), who]
        self._sign_out_btns = [*getattr(self, "_sign_out_btns", []), out]
        return bar

    def _build_intake(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.item_name = label("title")
        self.item_name.setObjectName("desk_item_name")
        top.addWidget(self.item_name, 1)
        self.change_item_btn = button("", "")
        self.change_item_btn.setObjectName("desk_change_item")
        self.change_item_btn.clicked.connect(lambda: self.show_page(self.item_page))
        top.addWidget(self.change_item_btn)
        lay.addLayout(top)

        body = QWidget()
        cols = QHBoxLayout(body)
        cols.setContentsMargins(0, 0, 0, 0)
        cols.setSpacing(24)
        auth = card()
        al = QVBoxLayout(auth)
        al.setContentsMargins(16, 12, 16, 12)
        self.auth_heading = label("title")
        al.addWidget(self.auth_heading)
        self.auth_hint = label("body")
        al.addWidget(self.auth_hint)
        row = QHBoxLayout()
        self.auth_code = QLineEdit()
        self.auth_code.setObjectName("desk_auth_code")
        self.auth_code.returnPressed.connect(self.lookup_typed)
        row.addWidget(self.auth_code, 1)
        self.lookup_btn = button("", "")
        keyboard.code(self.auth_code, self.lookup_btn, upper=False)
        self.lookup_btn.setObjectName("desk_lookup")
        self.lookup_btn.clicked.connect(self.lookup_typed)
        row.addWidget(self.lookup_btn)
        al.addLayout(row)
        self.auth_status = label("body")
        self.auth_status.setObjectName("desk_auth_status")
        al.addWidget(self.auth_status)
        self.holder = label("title")
        self.holder.setObjectName("desk_holder")
        al.addWidget(self.holder)
        self.licences = label("body")
        self.licences.setObjectName("desk_licences")
        self.licences.setTextFormat(Qt.TextFormat.PlainText)
        al.addWidget(self.licences)
        self.licences_note = label("error")
        self.licences_note.setObjectName("desk_licences_note")
        self.licences_note.hide()
        al.addWidget(self.licences_note)
        self.drop_btn = button("", "")
        self.drop_btn.setObjectName("desk_drop_licences")
        self.drop_btn.clicked.connect(self.drop_licences)
        al.addWidget(self.drop_btn)
        al.addStretch(1)
        cols.addWidget(auth, 1)
        self.capture_panel = CapturePanel(self, self.capture)
        self.capture_panel.changed.connect(self._update_submit)
        cols.addWidget(self.capture_panel, 1)
        lay.addWidget(scrolling(body), 1)

        bottom = self._staff_bar("intake")
        self.submit_error = label("error")
        self.submit_error.setObjectName("desk_submit_error")
        bottom.addWidget(self.submit_error, 1)
        self.submit_btn = button("primary", "")
        self.submit_btn.setObjectName("desk_submit")
        self.submit_btn.setMinimumWidth(240)
        self.submit_btn.clicked.connect(self.submit)
        bottom.addWidget(self.submit_btn)
        lay.addLayout(bottom)
        self.intake_page = self.add_page(page)

    def _build_done(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 0, 0)
        self.receipt_panel = TicketPanel()
        number = self.receipt_panel.number
        number.setObjectName("desk_case_number")
        number.setProperty("role", "long-number")  # a case number: a line of its own
        number.setWordWrap(True)
        bl.addWidget(self.receipt_panel)
        self.rate_hint = label("title")
        self.rate_hint.setObjectName("desk_rate_hint")
        self.rate_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bl.addWidget(self.rate_hint)
        self.rate_buttons = RatingButtons(self.win, self.elder)
        self.rate_buttons.rated.connect(self.on_rated)
        bl.addWidget(self.rate_buttons)
        self.rate_done = label("title")
        self.rate_done.setObjectName("desk_rate_done")
        self.rate_done.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bl.addWidget(self.rate_done)
        bl.addStretch(1)
        lay.addWidget(scrolling(body), 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.next_btn = button("primary", "")
        self.next_btn.setObjectName("desk_next")
        self.next_btn.setMinimumWidth(240)
        self.next_btn.clicked.connect(self.next_citizen)
        row.addWidget(self.next_btn)
        lay.addLayout(row)
        self.done_page = self.add_page(page)

    # texts ------------------------------------------------------------------------------------
    def say(self, where: QLabel, text: Callable[[], str] | None) -> None:
        """Show a message and remember how it was made, so a language switch redraws it."""
        self._said[where] = text
        where.setText(text() if text is not None else "")

    def _no_catalog(self) -> str:
        return self.tr("The service catalog is not available.")

    def retranslate(self) -> None:
        self.retranslate_frame()
        for where, text in getattr(self, "_said", {}).items():
            where.setText(text() if text is not None else "")
        self.keypad.retranslate()
        self.rate_buttons.retranslate()
        self.capture_panel.retranslate()
        self.title.setText(self.tr("Desk: case intake"))
        self.sign_in_hint.setText(
            self.tr("Staff sign-in: scan your staff badge, or enter your staff number and PIN.")
        )
        self.number_label.setText(self.tr("Staff number (e.g. 0001)"))
        self.pin_label.setText(self.tr("PIN"))
        self.sign_in_btn.setText(self.tr("Sign in"))
        for b in self._sign_out_btns:
            b.setText(self.tr("Sign out"))
        self._show_staff()
        self.item_hint.setText(
            self.tr("Which service does the citizen need? Type a name or pinyin initials.")
        )
        self.search.setPlaceholderText(self.tr("e.g. 身份证 or sfz"))
        self.change_item_btn.setText(self.tr("Change service"))
        self.auth_heading.setText(self.tr("Electronic licences (certificate-free)"))
        self.auth_hint.setText(
            self.tr(
                "Scan the authorisation code on the citizen's phone with the scan gun, "
                "or type it here."
            )
        )
        self.auth_code.setPlaceholderText("ZWFW-SQ:…")
        self.lookup_btn.setText(self.tr("Look up"))
        self.drop_btn.setText(self.tr("Do not attach the licences"))
        self.submit_btn.setText(self.tr("Submit case"))
        self.next_btn.setText(self.tr("Next citizen"))
        self._show_case()
        self._show_rating()

    def _show_staff(self) -> None:
        staff = self.shift.staff
        text = (
            self.tr("Signed in: %1 (%2)").replace("%1", staff.name).replace("%2", staff.id)
            if staff
            else ""
        )
        for w in self._staff_labels:
            w.setText(text)

    def _show_case(self) -> None:
        case = self.case
        item = case.item if case else None
        self.item_name.setText(
            self.tr("Service: %1").replace("%1", item.name) if item is not None else ""
        )
        has = case is not None and case.has_licences
        if case is not None and has:
            name, id_masked = case.holder_masked()
            self.holder.setText(
                self.tr("Holder: %1  %2").replace("%1", name).replace("%2", id_masked)
            )
            shown = case.shown()
            # an expired licence: crossed, and why on a line of its own
            lines = [
                f"× {s.title}  {s.number}\n    "
                + self.tr("expired on %1, not attached").replace("%1", s.valid_until)
                if s.expired
                else f"• {s.title}  {s.number}"
                for s in shown
            ]
            self.licences.setText("\n".join(lines))
            self.licences_note.setText(self._expired_note(shown))
        else:
            self.holder.setText("")
            self.licences.setText("")
            self.licences_note.setText("")
        self.licences_note.setVisible(bool(self.licences_note.text()))
        self.drop_btn.setVisible(has)
        self._update_submit()
        if case is not None and case.submitted is not None:
            s = case.submitted
            facts = [
                self.tr("Service: %1").replace("%1", item.name if item else ""),
                self.tr("Pages: %1").replace("%1", str(s.pages)),
                self.tr("Staff: %1").replace("%1", case.staff.id),
            ]
            self.receipt_panel.caption.setText(self.tr("Case submitted. Case number:"))
            self.receipt_panel.number.setText(spoken(s.case_id))  # read aloud in fours
            self.receipt_panel.facts.setText("\n".join(facts))

    def _expired_note(self, shown: list[ShownLicence]) -> str:
        """What the clerk does about expired licences (they are never attached)."""
        if not any(s.expired for s in shown):
            return ""
        if all(s.expired for s in shown):
            return self.tr(
                "All these licences have expired, so none is attached. The citizen needs to "
                "renew them; take in paper materials with the document camera meanwhile."
            )
        return self.tr(
            "Expired licences are not attached to the case. The citizen needs to renew them."
        )

    def _show_rating(self) -> None:
        pad = "rating_pad" in getattr(self.win, "bridges", {})
        flow = self.rating
        if flow is not None and flow.state is RatingState.DONE and flow.level is not None:
            self.rate_hint.setText("")
            self.rate_done.setText(
                self.tr("Rated: %1. Thank you.").replace("%1", level_text(flow.level))
            )
            self.rate_buttons.setVisible(False)
            return
        self.rate_buttons.setVisible(True)
        self.rate_done.setText("")
        self.rate_hint.setText(
            self.tr("Please ask the citizen to rate the service on the rating pad (or here).")
            if pad
            else self.tr("Please ask the citizen to rate the service: touch one of the buttons.")
        )

    # sign-in ----------------------------------------------------------------------------------
    def on_scan(self, text: str) -> None:
        page = self.current_page()
        if page is self.sign_in_page:
            self._signed(self.signin.badge(text))
        elif page is self.intake_page:
            self.lookup(text)
        elif page is self.item_page:
            self.say(
                self.item_status, lambda: self.tr("Choose the service first, then scan the code.")
            )

    def sign_in_pin(self) -> None:
        number, pin = self.staff_number.text(), self.staff_pin.text()
        self.sign_in_btn.setEnabled(False)
        self.say(self.sign_in_error, None)

        def done(result: SignIn) -> None:
            self.sign_in_btn.setEnabled(True)
            self._signed(result)

        self.run_task(
            lambda: self.signin.pin(number, pin),
            done,
            lambda exc: self.sign_in_btn.setEnabled(True),
        )

    def _signed(self, result: SignIn) -> None:
        self.staff_pin.clear()
        if result.staff is None:
            self.say(self.sign_in_error, lambda: self._sign_in_problem(result))
            return
        self.shift.staff = result.staff
        self.staff_number.clear()
        self.say(self.sign_in_error, None)
        log.info("desk staff signed in", extra={"staff_id": result.staff.id})
        self._signed_in()

    def _sign_in_problem(self, r: SignIn) -> str:
        p = r.problem
        if p is SignInProblem.LOCKED:
            minutes = max(1, round(r.locked_for_s / 60))
            return self.tr(
                "Too many wrong PINs. Try again in %1 min, or sign in with your badge."
            ).replace("%1", str(minutes))
        if p is SignInProblem.WRONG:
            return (
                self.tr("Staff number or PIN is wrong. %1 attempt(s) left.").replace(
                    "%1", str(r.attempts_left)
                )
                if r.attempts_left
                else self.tr("Staff number or PIN is wrong.")
            )
        texts = {
            SignInProblem.NOT_A_BADGE: self.tr("This is not a staff badge. Scan your staff badge."),
            SignInProblem.UNKNOWN_STAFF: self.tr(
                "This badge is not registered at this desk. Ask the administrator."
            ),
            SignInProblem.NO_PIN: self.tr("This staff member signs in with the badge only."),
            SignInProblem.MISSING: self.tr("Please enter the staff number and the PIN."),
        }
        return texts.get(p, "") if p is not None else ""

    def _signed_in(self) -> None:
        staff = self.shift.staff
        assert staff is not None
        self.case = DeskCase(
            ports.api(self.win),
            ports.outbox(self.win),
            self.ctx.session,
            self.ctx.config.terminal.id,
            self.ctx.config.terminal.window,
            staff,
        )
        self._show_staff()
        self._show_case()
        self.show_page(self.item_page)
        self._load_catalog()

    def sign_out(self) -> None:
        """The clerk leaves: the citizen's data goes with the session, the clerk is signed out."""
        self.shift.staff = None
        self.win.end_session("desk-sign-out")

    # item -------------------------------------------------------------------------------------
    def _load_catalog(self) -> None:
        if self.index is not None:
            self.refresh_items()
            return
        self.say(self.item_status, lambda: self.tr("Loading the service catalog…"))
        doc = ports.catalog(self.win)
        if doc is None:
            self.say(self.item_status, self._no_catalog)
            return

        def ready(index: CatalogIndex) -> None:
            self.index = index
            self.say(self.item_status, None)
            self.refresh_items()

        self.run_task(
            lambda: index_for(doc),
            ready,
            lambda exc: self.say(self.item_status, self._no_catalog),
        )

    def refresh_items(self) -> None:
        self.items.clear()
        if self.index is None:
            return
        query = self.search.text().strip()
        if query:
            hits = [h.item for h in self.index.search(query, limit=RESULTS)]
        else:
            hits = [e.item for e in self.index.entries[:RESULTS]]
        for item in hits:
            it = QListWidgetItem(f"{item.get('name', '')}    {item.get('department', '')}")
            it.setData(Qt.ItemDataRole.UserRole, dict(item))
            self.items.addItem(it)
        if query and not hits:
            self.say(self.item_status, lambda: self.tr("No service matches. Try other words."))
        else:
            self.say(self.item_status, None)

    def _item_clicked(self, it: QListWidgetItem) -> None:
        data = it.data(Qt.ItemDataRole.UserRole)
        if isinstance(data, dict):
            self.choose_item(Item.from_catalog(data))

    def choose_item(self, item: Item) -> None:
        if self.case is None:
            return
        problem = self.case.choose(item)
        if problem is not None:
            self.say(self.item_status, lambda: problem_text(problem))
            return
        self._show_case()
        self.show_page(self.intake_page)
        self.capture_panel.refresh()

    # authorisation ----------------------------------------------------------------------------
    def lookup_typed(self) -> None:
        self.lookup(self.auth_code.text())

    def lookup(self, raw: str) -> None:
        case = self.case
        if case is None or case.state is not CaseState.INTAKE:
            return
        problem = case.scanned(raw)
        if problem is not None:
            self.say(self.auth_status, lambda: self._auth_problem(problem))
            return  # the typed code stays in the field to correct
        self.say(self.auth_status, lambda: self.tr("Fetching the licences…"))
        self.lookup_btn.setEnabled(False)
        self.run_task(case.redeem, self._redeemed, self._redeem_failed)

    def _redeemed(self, result: Outcome[Licences]) -> None:
        self.lookup_btn.setEnabled(True)
        assert self.case is not None
        problem = self.case.apply(result)
        if problem is not None:
            self.say(self.auth_status, lambda: self._auth_problem(problem, result.detail))
            return
        self.auth_code.clear()
        shown = self.case.shown()
        if not any(s.expired for s in shown):
            self.say(
                self.auth_status,
                lambda: self.tr("Licences received; they are attached to the case."),
            )
        elif any(not s.expired for s in shown):
            self.say(
                self.auth_status,
                lambda: self.tr("Licences received; the valid ones are attached to the case."),
            )
        else:
            self.say(self.auth_status, lambda: self.tr("Licences received, but all have expired."))
        self._show_case()

    def _redeem_failed(self, exc: BaseException) -> None:
        self.lookup_btn.setEnabled(True)
        self.say(self.auth_status, lambda: self._auth_problem(Problem.OFFLINE))

    def _auth_problem(self, problem: Problem, detail: str = "") -> str:
        if problem is Problem.OFFLINE:
            return self.tr(
                "The licences cannot be fetched: the service centre's system is not reachable. "
                "Take in paper copies with the document camera instead."
            )
        if problem is Problem.NOT_FOUND:
            return self.tr("This authorisation code is unknown. Ask the citizen to show it again.")
        if problem is Problem.EXPIRED:
            return self.tr(
                "This authorisation has expired or was used. Ask the citizen to authorise again "
                "in the app."
            )
        if problem in (Problem.NOT_A_CODE, Problem.WRONG_KIND):
            return self.tr("This is not an authorisation code (it starts with ZWFW-SQ:).")
        return problem_text(problem, detail)

    def drop_licences(self) -> None:
        if self.case is not None:
            self.case.drop_licences()
        self.say(self.auth_status, lambda: self.tr("The licences will not be attached."))
        self._show_case()

    # submit -----------------------------------------------------------------------------------
    def _update_submit(self) -> None:
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
            self.say(
                self.submit_error,
                lambda: self.tr("Choose a service and add licences or at least one page first."),
            )
            return
        self._submitting = True
        self.submit_btn.setEnabled(False)
        self.say(self.submit_error, None)
        capture = self.capture

        def work() -> Problem | None:
            pdf = None
            if capture is not None and pages:
                pdf = capture.write_pdf(f"case-{case.case_id}.pdf")
            return case.submit(pdf, pages)

        self.run_task(work, self._submitted, self._submit_failed)

    def _submit_failed(self, exc: BaseException) -> None:
        self._submitted(Problem.STORAGE)

    def _submitted(self, problem: Problem | None) -> None:
        self._submitting = False
        case = self.case
        if problem is not None or case is None or case.submitted is None:
            self.say(
                self.submit_error,
                lambda: (
                    self.tr("The case could not be saved; nothing was lost. Please try again.")
                    if problem in (Problem.STORAGE, None)
                    else problem_text(problem)
                ),
            )
            self._update_submit()
            return
        ports.wake(self.win)
        log.info(
            "desk case submitted", extra={"case_id": case.case_id, "pages": case.submitted.pages}
        )
        self.capture_panel.wipe()
        self.rating = RatingFlow(ports.outbox(self.win), case.rating_context())
        self._show_case()
        self._show_rating()
        self.show_page(self.done_page)
        self.print_into(
            self.receipt_panel.print_status,
            case.receipt(english=self.english_slip(), org=self.ctx.config.terminal.name),
            "submission",
            lambda: self.tr("receipt"),
        )
        pad = ports.device(self.win, "rating_pad")
        if pad is not None:
            rc = case.rating_context()
            try:
                pad.submit(
                    PromptInfo(rc.case_id or "", rc.service, rc.window or "", rc.staff_id or "")
                )
            except Exception:
                log.exception("rating pad did not take the prompt")

    # rating -----------------------------------------------------------------------------------
    def on_rated(self, level: int, channel: str) -> None:
        flow = self.rating
        if flow is None or self.current_page() is not self.done_page:
            return
        problem = flow.submit(level, "pad" if channel == "pad" else "desk")
        if problem is not None:
            self.rate_done.setText(problem_text(problem))
            return
        ports.wake(self.win)
        self._show_rating()

    def next_citizen(self) -> None:
        self.win.end_session(NEXT_CITIZEN)
        self.win.open_capability("desk")

    # reset ------------------------------------------------------------------------------------
    def wipe(self) -> None:
        self.capture_panel.wipe()
        self.receipt_panel.wipe()
        for w in (
            self.holder,
            self.licences,
            self.licences_note,
            self.auth_status,
            self.item_name,
            self.rate_done,
        ):
            w.clear()
        self._said.clear()
        self.case = None
        self.rating = None
        pad = ports.device(self.win, "rating_pad")
        if pad is not None:
            try:
                from devices.rating.adapter import ClearPad

                pad.submit(ClearPad())
            except Exception:
                log.exception("rating pad did not clear")
