"""The identity step's page: "请将身份证放在感应区" with a picture of where, progress while the
card is read, the e-ID QR and the typed number with a texted code as the other ways, plain words
for every failure, and the person found — masked — before the flow goes on.

The page lives in the asking flow's page stack (``step.ask_identity``). The state is
``IdentityFlow``'s (Qt-free); this page feeds it the reader's events (the ``idcard`` device
bridge), scans (the scan gun or the camera scanner) and the keypads' digits, runs its blocking
calls in the task manager (``FlowScreen.run_task``: an answer for a citizen who has gone is
dropped) and draws whatever state it is in. Nothing personal is shown unmasked, spoken or
logged; the card's photo appears only when a site installed a WLT decoder (``kiosk.wlt_decoders``)
— without one there is no photo at all, never a broken image.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from contract.results import Offline
from kiosk_app.core.citizen import Citizen
from kiosk_app.core.flows.identity import (
    IdentityFlow,
    IdentityState,
    Level,
    Method,
    Why,
)
from kiosk_app.core.flows.ports import IdentityApi, Outcome, Problem
from kiosk_app.ui.flows.common import scrolling
from kiosk_app.ui.flows.widgets import NumericKeypad, ScanListener
from kiosk_app.ui.i18n import current_language
from kiosk_app.ui.identity.illustration import HowTo
from kiosk_app.ui.identity.words import failure_words, method_name
from kiosk_app.ui.screens.base import Shell
from kiosk_app.ui.widgets import button, card, label

log = logging.getLogger(__name__)

READER = "idcard"  # the logical device name of the ID-card reader
_DOWN = ("offline", "error")  # device states in which the reader cannot read
_WORK = (
    IdentityState.EID_WORKING,
    IdentityState.SMS_SENDING,
    IdentityState.SMS_CHECKING,
    IdentityState.VERIFYING,
)
# card faults after which laying the card again is worth a try
_RETRY_CARD = (Why.CARD_MOVED, Why.CARD_UNREADABLE, Why.NOT_ID_CARD)


class _NoIdentityApi:
    """No central service configured: the online ways answer Offline (the card still works)."""

    _why = "this terminal has no connection to the central service configured"

    def resolve_eid(self, code: str) -> Offline:
        return Offline(self._why)

    def send_sms_code(self, id_number: str, *, key: str | None = None) -> Offline:
        return Offline(self._why)

    def check_sms_code(self, challenge: str, code: str) -> Offline:
        return Offline(self._why)


def identity_api(win: Shell) -> IdentityApi:
    sync = win.ctx.sync
    return sync.online if sync is not None else _NoIdentityApi()


def reader_online(win: Shell) -> bool:
    """Whether the reader can read now: configured, and not offline or broken (a reader still
    opening counts as there: it is a moment away)."""
    devices = win.ctx.devices
    dev = devices.get(READER) if devices is not None else None
    if dev is None:
        return False
    return dev.state.value not in _DOWN


class IdKeypad(NumericKeypad):
    """The digit keypad with an X key: the last character of an ID number may be X."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = self.layout()
        assert isinstance(grid, QGridLayout)  # NumericKeypad's own grid
        x = button("key", "X")
        x.setObjectName("keypad_X")
        x.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        x.setMaximumHeight(140)
        x.clicked.connect(lambda: self.press("X"))
        grid.addWidget(x, 4, 0, 1, 3)
        self.keys["X"] = x


class IdentityPanel(QWidget):
    """One identity step for ``screen`` (a FlowScreen) at ``level``; ``finished(Citizen)``
    once the citizen confirmed it is them, ``cancelled()`` when they go back without one."""

    finished = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        screen: Any,
        level: Level,
        purpose: Callable[[], str] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("identity_panel")
        self._screen = weakref.ref(screen)  # no cycle back to the flow's screen (see who.py)
        self.win = screen.win
        self.session = screen.ctx.session
        self.elder = self.win.elder_mode
        self.purpose = purpose
        self.flow = IdentityFlow(
            identity_api(self.win), self.session, level, reader_online=reader_online(self.win)
        )
        self._working = False
        self._spoken: QWidget | None = None
        self._photo_token = 0
        self.method_buttons: dict[str, dict[Method, QPushButton]] = {}

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        root.addWidget(self.stack, 1)
        self._build_card()
        self._build_reading()
        self._build_eid()
        self._build_number()
        self._build_code()
        self._build_busy()
        self._build_problem()
        self._build_done()

        bridge = self.win.bridges.get(READER)
        if bridge is not None:
            bridge.data.connect(self.on_card_event)
            bridge.stateChanged.connect(self.on_reader_state)
        self.scans = ScanListener(self, self.win)
        self.scans.scanned.connect(self.on_scanned)
        self.retranslate()
        self.show_state()

    # building ---------------------------------------------------------------------------------
    def _page(self, scroll: bool = True) -> tuple[QWidget, QVBoxLayout, QHBoxLayout]:
        """A page: a body that scrolls (elder-mode text runs long) and a row of buttons that
        stays in sight under it."""
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body) if scroll else body, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        outer.addLayout(buttons)
        self.stack.addWidget(page)
        return page, lay, buttons

    def _methods(self, where: str, lay: QVBoxLayout | QHBoxLayout) -> None:
        """A big button per way of identifying; shown or hidden as the step allows."""
        self.method_buttons[where] = {}
        for m in (Method.CARD, Method.EID, Method.SMS):
            b = button("", "")
            b.setObjectName(f"identity_{where}_{m.value}")
            b.setMinimumHeight(72 if not self.elder else 88)
            b.clicked.connect(lambda _=False, m=m: self.choose(m))
            lay.addWidget(b)
            self.method_buttons[where][m] = b

    def _back_button(self, name: str) -> QPushButton:
        b = button("", "")
        b.setObjectName(name)
        b.clicked.connect(self.cancel)
        return b

    def _build_card(self) -> None:
        page, lay, buttons = self._page()
        self.card_page = page
        row = QHBoxLayout()  # words and ways on the left, the picture of where on the right
        left = QVBoxLayout()
        self.card_heading = label("heading")
        self.card_heading.setObjectName("identity_card_heading")
        left.addWidget(self.card_heading)
        self.card_text = label("body")
        left.addWidget(self.card_text)
        self.purpose_text = label("muted")
        self.purpose_text.setObjectName("identity_purpose")
        left.addWidget(self.purpose_text)
        left.addStretch(1)
        self.others_title = label("title")
        left.addWidget(self.others_title)
        self._methods("card", left)
        self.method_buttons["card"][Method.CARD].hide()  # this page is the card's
        row.addLayout(left, 1)
        self.card_picture = HowTo("card")
        self.card_picture.setMinimumSize(240, 180)
        row.addWidget(self.card_picture, 1)
        lay.addLayout(row, 1)
        self.card_back = self._back_button("identity_card_back")
        buttons.addWidget(self.card_back)
        buttons.addStretch(1)

    def _build_reading(self) -> None:
        page, lay, _ = self._page(scroll=False)
        self.reading_page = page
        lay.addStretch(1)
        self.reading_heading = label("heading")
        self.reading_heading.setObjectName("identity_reading")
        self.reading_heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.reading_heading)
        self.reading_bar = QProgressBar()
        self.reading_bar.setObjectName("identity_progress")
        self.reading_bar.setRange(0, 0)  # busy: the reader says nothing until it is done
        self.reading_bar.setTextVisible(False)
        self.reading_bar.setMinimumHeight(24)
        lay.addWidget(self.reading_bar)
        self.reading_text = label("title")
        self.reading_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.reading_text)
        lay.addStretch(1)

    def _build_eid(self) -> None:
        page, lay, buttons = self._page()
        self.eid_page = page
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.eid_heading = label("heading")
        self.eid_heading.setObjectName("identity_eid_heading")
        left.addWidget(self.eid_heading)
        self.eid_text = label("body")
        left.addWidget(self.eid_text)
        left.addStretch(1)
        self._methods("eid", left)
        self.method_buttons["eid"][Method.EID].hide()
        row.addLayout(left, 1)
        self.eid_picture = HowTo("phone")
        row.addWidget(self.eid_picture, 1)
        lay.addLayout(row, 1)
        self.eid_back = self._back_button("identity_eid_back")
        buttons.addWidget(self.eid_back)
        buttons.addStretch(1)

    def _build_number(self) -> None:
        page, lay, buttons = self._page()
        self.number_page = page
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.number_heading = label("heading")
        left.addWidget(self.number_heading)
        self.number_text = label("body")
        left.addWidget(self.number_text)
        self.number = QLineEdit()
        self.number.setObjectName("identity_number")
        self.number.setMaxLength(18)
        left.addWidget(self.number)
        self.number_error = label("error")
        self.number_error.setObjectName("identity_number_error")
        left.addWidget(self.number_error)
        left.addStretch(1)
        row.addLayout(left, 1)
        self.number_keypad = IdKeypad()
        row.addWidget(self.number_keypad, 1)
        lay.addLayout(row, 1)
        self.number_back = button("", "")
        self.number_back.setObjectName("identity_number_back")
        self.number_back.clicked.connect(self.back_to_card)
        self.send_btn = button("primary", "")
        self.send_btn.setObjectName("identity_send_code")
        self.send_btn.clicked.connect(self.send_code)
        self.number_keypad.attach(self.number, self.send_btn)
        buttons.addWidget(self.number_back)
        buttons.addStretch(1)
        buttons.addWidget(self.send_btn)

    def _build_code(self) -> None:
        page, lay, buttons = self._page()
        self.code_page = page
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.code_heading = label("heading")
        left.addWidget(self.code_heading)
        self.code_text = label("body")
        self.code_text.setObjectName("identity_code_text")
        left.addWidget(self.code_text)
        self.code = QLineEdit()
        self.code.setObjectName("identity_code")
        self.code.setMaxLength(6)
        left.addWidget(self.code)
        self.code_error = label("error")
        self.code_error.setObjectName("identity_code_error")
        left.addWidget(self.code_error)
        left.addStretch(1)
        row.addLayout(left, 1)
        self.code_keypad = NumericKeypad()
        row.addWidget(self.code_keypad, 1)
        lay.addLayout(row, 1)
        self.code_back = button("", "")
        self.code_back.setObjectName("identity_code_back")
        self.code_back.clicked.connect(self.back_to_card)
        self.resend_btn = button("", "")
        self.resend_btn.setObjectName("identity_resend")
        self.resend_btn.clicked.connect(self.resend)
        self.check_btn = button("primary", "")
        self.check_btn.setObjectName("identity_check_code")
        self.check_btn.clicked.connect(self.check_code)
        self.code_keypad.attach(self.code, self.check_btn)
        buttons.addWidget(self.code_back)
        buttons.addStretch(1)
        buttons.addWidget(self.resend_btn)
        buttons.addWidget(self.check_btn)

    def _build_busy(self) -> None:
        page, lay, _ = self._page(scroll=False)
        self.busy_page = page
        lay.addStretch(1)
        self.busy_text = label("title")
        self.busy_text.setObjectName("identity_busy")
        self.busy_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.busy_text)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        lay.addWidget(bar)
        lay.addStretch(1)

    def _build_problem(self) -> None:
        page, lay, buttons = self._page()
        self.problem_page = page
        self.problem_text = label("error")
        self.problem_text.setObjectName("identity_problem")
        lay.addWidget(self.problem_text)
        self.advice_text = label("body")
        self.advice_text.setObjectName("identity_advice")
        lay.addWidget(self.advice_text)
        lay.addSpacing(12)
        self._methods("problem", lay)
        lay.addStretch(1)
        self.problem_back = self._back_button("identity_problem_back")
        buttons.addWidget(self.problem_back)
        buttons.addStretch(1)

    def _build_done(self) -> None:
        page, lay, buttons = self._page()
        self.done_page = page
        self.done_heading = label("heading")
        self.done_heading.setObjectName("identity_done")
        lay.addWidget(self.done_heading)
        box = card()
        bl = QHBoxLayout(box)
        bl.setContentsMargins(24, 16, 24, 16)
        self.photo = QLabel()
        self.photo.setObjectName("identity_photo")
        self.photo.setFixedSize(102 * 2, 126 * 2)  # the card photo's own proportions
        self.photo.setScaledContents(True)
        self.photo.hide()  # only with a decoder and a decoded picture
        bl.addWidget(self.photo)
        facts = QVBoxLayout()
        self.who = label("title")
        self.who.setObjectName("identity_who")
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        facts.addWidget(self.who)
        self.who_more = label("body")
        self.who_more.setObjectName("identity_who_more")
        self.who_more.setTextFormat(Qt.TextFormat.PlainText)
        facts.addWidget(self.who_more)
        facts.addStretch(1)
        bl.addLayout(facts, 1)
        lay.addWidget(box)
        self.done_note = label("muted")
        lay.addWidget(self.done_note)
        lay.addStretch(1)
        self.not_me_btn = button("", "")
        self.not_me_btn.setObjectName("identity_not_me")
        self.not_me_btn.clicked.connect(self.not_me)
        self.continue_btn = button("primary", "")
        self.continue_btn.setObjectName("identity_continue")
        self.continue_btn.clicked.connect(self.confirm)
        buttons.addWidget(self.not_me_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_btn)

    # texts ------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.number_keypad.retranslate()
        self.code_keypad.retranslate()
        self.card_heading.setText(self.tr("Please lay your ID card on the reader"))
        self.card_text.setText(
            self.tr(
                "Lay the card flat on the reader's sensing area, below the screen, and keep it "
                "still until your details show. It takes a second."
            )
        )
        self.purpose_text.setText(self.purpose() if self.purpose else "")
        self.purpose_text.setVisible(bool(self.purpose_text.text()))
        self.others_title.setText(self.tr("No card with you?"))
        for buttons in self.method_buttons.values():
            for m, b in buttons.items():
                b.setText(method_name(m))
        back = self.tr("Back")
        for b in (self.card_back, self.eid_back, self.problem_back):
            b.setText(back)
        self.reading_heading.setText(self.tr("Reading your ID card…"))
        self.reading_text.setText(self.tr("Please do not move the card."))
        self.eid_heading.setText(self.tr("Please show your e-ID QR code"))
        self.eid_text.setText(
            self.tr(
                "Open the e-ID (国家网络身份认证) app, or the e-ID in WeChat or Alipay, and hold "
                "the QR code it shows under the scanner."
            )
        )
        self.number_heading.setText(self.tr("Type your ID number"))
        self.number_text.setText(
            self.tr(
                "18 characters; the last may be X. A code is then texted to the mobile number "
                "on record for it."
            )
        )
        self.number_back.setText(self.tr("Back"))
        self.send_btn.setText(self.tr("Text me a code"))
        self.code_heading.setText(self.tr("Type the code from the text message"))
        self.code_back.setText(self.tr("Back"))
        self.resend_btn.setText(self.tr("Send it again"))
        self.check_btn.setText(self.tr("Confirm"))
        self.done_heading.setText(self.tr("Is this you?"))
        self.done_note.setText(
            self.tr("Your details are used for this visit only and are wiped when you finish.")
        )
        self.not_me_btn.setText(self.tr("This is not me"))
        self.continue_btn.setText(self.tr("Yes, continue"))
        self.show_state()

    # what the citizen does --------------------------------------------------------------------
    def choose(self, method: Method) -> None:
        self.flow.choose(method)
        if method is Method.SMS:
            self.number_error.clear()
            self.number_keypad.set_target(self.number)
        self.show_state()

    def back_to_card(self) -> None:
        self.number.clear()
        self.code.clear()
        self.flow.restart()
        self.show_state()

    def send_code(self) -> None:
        self.flow.typed_number(self.number.text())
        self.show_state()

    def resend(self) -> None:
        self.code.clear()
        self.flow.resend()
        self.show_state()

    def check_code(self) -> None:
        self.flow.typed_code(self.code.text())
        self.code.clear()
        self.show_state()

    def not_me(self) -> None:
        """Someone else's card, or the wrong number: start over, nothing kept."""
        self.flow.restart()
        self._clear_person()
        self.show_state()

    def confirm(self) -> None:
        citizen = self.flow.citizen
        if citizen is not None and self.flow.state is IdentityState.DONE:
            self.finished.emit(citizen)

    def cancel(self) -> None:
        """Back to the flow without an identity: what was typed or scanned is forgotten."""
        self.flow.forget()
        self.number.clear()
        self.code.clear()
        self.cancelled.emit()

    # what the devices say ---------------------------------------------------------------------
    def _listening(self) -> bool:
        return shiboken6.isValid(self) and self.isVisible()

    def on_card_event(self, payload: object) -> None:
        if not self._listening():
            return
        self.flow.card_event(payload)
        self.show_state()

    def on_reader_state(self, state: str) -> None:
        if not shiboken6.isValid(self):
            return
        if state in _DOWN:
            self.flow.reader_online(False)
        elif state == "enabled":
            self.flow.reader_online(True)
        self.show_state()

    def on_scanned(self, text: str) -> None:
        if self.flow.state in (IdentityState.CARD, IdentityState.EID, IdentityState.PROBLEM):
            self.flow.scanned(text)
            self.show_state()

    # drawing the state ------------------------------------------------------------------------
    def show_state(self) -> None:
        if not hasattr(self, "done_page"):
            return  # still building
        st = self.flow.state
        if st is IdentityState.CARD:
            self._offer("card", self.flow.alternatives(without=Method.CARD))
            self.stack.setCurrentWidget(self.card_page)
        elif st is IdentityState.READING:
            self.stack.setCurrentWidget(self.reading_page)
        elif st is IdentityState.EID:
            self._offer("eid", self.flow.alternatives(without=Method.EID))
            self.stack.setCurrentWidget(self.eid_page)
        elif st is IdentityState.SMS_NUMBER:
            f = self.flow.failure
            self.number_error.setText(failure_words(f)[1] if f is not None else "")
            self.stack.setCurrentWidget(self.number_page)
        elif st is IdentityState.SMS_CODE:
            self._show_code_page()
        elif st in _WORK:
            self._work()
        elif st is IdentityState.DONE:
            self.number.clear()  # known now: the typed number is not left in a field
            self.code.clear()
            self._show_person()
            self.stack.setCurrentWidget(self.done_page)
        else:
            self._show_problem()
        self._say_page()

    def _say_page(self) -> None:
        """Say what a new page asks (the voice, where there is one, for those who cannot read
        the screen well); never anything personal: the hall hears it."""
        page = self.stack.currentWidget()
        if page is None or page is self._spoken:
            return
        self._spoken = page
        said = {
            self.card_page: self.card_heading,
            self.reading_page: self.reading_heading,
            self.eid_page: self.eid_heading,
            self.problem_page: self.problem_text,
            self.done_page: self.done_heading,
        }.get(page)
        if said is not None and said.text():
            self.win.speak(said.text())

    def _offer(self, where: str, methods: tuple[Method, ...]) -> None:
        for m, b in self.method_buttons[where].items():
            b.setVisible(m in methods and not (where == "card" and m is Method.CARD))
        if where == "card":
            self.others_title.setVisible(bool(methods))

    def _show_code_page(self) -> None:
        ch = self.flow.challenge
        minutes = max(1, round((ch.expires_in_s if ch else 300) / 60))
        self.code_text.setText(
            self.tr("We texted a 6-digit code to %1. It works for %2 minutes.")
            .replace("%1", ch.phone_masked if ch else "")
            .replace("%2", str(minutes))
        )
        f = self.flow.failure
        if f is not None:
            what, advice = failure_words(f)
            sep = "" if current_language() == "zh_CN" else " "
            self.code_error.setText(what + sep + advice)
        else:
            self.code_error.clear()
        self.code_keypad.set_target(self.code)
        self.stack.setCurrentWidget(self.code_page)

    def _show_problem(self) -> None:
        f = self.flow.failure
        if f is None:
            self.flow.restart()
            self.show_state()
            return
        what, advice = failure_words(f)
        self.problem_text.setText(what)
        self.advice_text.setText(advice)
        ways = list(f.alternatives)
        if f.why in _RETRY_CARD and Method.CARD in self.flow.level.methods:
            ways = [Method.CARD, *(m for m in ways if m is not Method.CARD)]
        self._offer("problem", tuple(ways))
        if Method.CARD in ways:
            self.method_buttons["problem"][Method.CARD].setText(
                self.tr("Lay the card again") if f.why in _RETRY_CARD else method_name(Method.CARD)
            )
        self.stack.setCurrentWidget(self.problem_page)

    def _work(self) -> None:
        st = self.flow.state
        self.busy_text.setText(
            {
                IdentityState.EID_WORKING: self.tr("Checking your e-ID…"),
                IdentityState.SMS_SENDING: self.tr("Sending the text message…"),
                IdentityState.SMS_CHECKING: self.tr("Checking the code…"),
            }.get(st, self.tr("One moment please…"))
        )
        self.stack.setCurrentWidget(self.busy_page)
        if self._working:
            return
        screen = self._screen()
        if screen is None:
            return
        self._working = True
        screen.run_task(
            self.flow.run,
            self._applied,
            lambda exc: self._applied(Outcome(problem=Problem.OFFLINE)),
        )

    def _applied(self, outcome: Outcome[Any]) -> None:
        if not shiboken6.isValid(self):
            return
        self._working = False
        self.flow.apply(outcome)
        self.show_state()

    def _show_person(self) -> None:
        citizen = self.flow.citizen
        if citizen is None:
            return
        s = citizen.shown("zh" if current_language() == "zh_CN" else "en")
        self.who.setText(
            self.tr("Name: %1").replace("%1", s.name)
            + "\n"
            + self.tr("ID number: %1").replace("%1", s.id_number)
        )
        more = []
        if s.sex:
            more.append(self.tr("Sex: %1").replace("%1", s.sex))
        if s.nation:
            more.append(self.tr("Ethnic group: %1").replace("%1", s.nation))
        if s.no_end:
            more.append(self.tr("Valid: no end date"))
        elif s.valid_to is not None:
            more.append(self.tr("Valid until: %1").replace("%1", s.valid_to.isoformat()))
        self.who_more.setText("\n".join(more))
        self._load_photo(citizen)

    def _load_photo(self, citizen: Citizen) -> None:
        """The card's photo, decoded off the GUI thread, only where a site installed a decoder."""
        if not citizen.photo_wlt or not self.photo.isHidden():
            return
        from devices.idcard.photo import decode_photo, load_decoder

        if load_decoder() is None:
            return
        self._photo_token += 1
        token = self._photo_token

        def shown(png: bytes | None) -> None:
            if not png or token != self._photo_token or not shiboken6.isValid(self):
                return
            pix = QPixmap()
            if pix.loadFromData(png, "PNG") and not pix.isNull():
                self.photo.setPixmap(pix)
                self.photo.show()

        wlt = citizen.photo_wlt
        screen = self._screen()
        if screen is not None:
            screen.run_task(lambda: decode_photo(wlt), shown)

    def _clear_person(self) -> None:
        self._photo_token += 1
        self.who.clear()
        self.who_more.clear()
        self.photo.clear()
        self.photo.hide()

    def wipe(self) -> None:
        """The session ends: nothing of the person stays on this page."""
        if not shiboken6.isValid(self):
            return
        self._clear_person()
        for w in (self.number, self.code):
            w.clear()
        for lab in (self.code_text, self.code_error, self.number_error, self.problem_text):
            lab.clear()
