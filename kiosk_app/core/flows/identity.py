"""The identity step (身份核验): one state machine any flow asks when it needs a named person.

A flow requires a ``Level`` — ``CARD_OR_EID`` (the card on the reader, or the 电子身份证 / 网证 QR
on a phone) or ``ANY`` (also a typed ID number and a code texted to the phone on record) — and
gets back a ``Citizen``, kept in the session only (registered as personal, wiped on reset).

States::

    card ──CardDetected──▶ reading ──CardRead──▶ (verifying) ──▶ done
      │  ╲                    └──CardFailed/Refused/expired──▶ problem ──(lay it again)──▶ …
      │   ╲ scanned e-ID ──▶ eid_working ──run/apply──▶ done | problem
      └─ choose(SMS) ─▶ sms_number ─typed─▶ sms_sending ─▶ sms_code ─typed─▶ sms_checking ─▶ done

The card is the default way; an e-ID QR is taken whenever the scanner reads one, without a
button first. The screen feeds device events (``card_event``, ``reader_online``), scans
(``scanned``) and typing (``typed_number``, ``typed_code``); blocking work (``run``) goes to the
UI's task manager, and its ``Outcome`` (``ports``: the server's answer already mapped to a
``Problem`` by ``failed``, as in every flow) comes back to ``apply`` on the GUI thread, which
reads that problem in the light of what was asked. What went wrong is an ``IdentityFailure``: a
``Why`` code, the details the screen words (a card's last valid day and where to renew it, the
minutes to wait), and the ways still open (``alternatives``: a reader gone offline leaves the
e-ID and, where allowed, the typed number).

Nothing here logs a personal value; the citizen's name and number reach the log masker as
personal the moment they are known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, StrEnum

from contract.keys import new_key
from contract.results import Ok, Result
from contract.wire import SmsChallenge, VerifiedIdentity
from devices.idcard.card import CardType
from devices.idcard.model import CardDetected, CardFailed, CardRead, CardRefused, FailReason
from kiosk_app.core.citizen import (
    CardProblem,
    CardRejected,
    Citizen,
    Renewal,
    from_card,
    from_verified,
)
from kiosk_app.core.flows.ports import IdentityApi, IdentityVerifier, Outcome, Problem, failed
from kiosk_app.core.payloads import parse_eid, parse_id_number
from kiosk_app.core.session import Session

SESSION_KEY = "identity.citizen"
_PENDING_KEY = "identity.pending"  # identified, the site's verifier still to say yes
_TYPED_KEY = "identity.typed_number"
_EID_KEY = "identity.eid"  # the scanned e-ID code: a bearer credential while it is fresh
_CODE_KEY = "identity.sms_code"
_CHALLENGE_KEY = "identity.challenge"
_KEYS = (SESSION_KEY, _PENDING_KEY, _TYPED_KEY, _EID_KEY, _CODE_KEY, _CHALLENGE_KEY)
_CODE_DIGITS = 6


class Method(StrEnum):
    CARD = "card"
    EID = "eid"
    SMS = "sms"


class Level(Enum):
    """How sure a flow must be of the person; each level lists the ways that satisfy it."""

    CARD_OR_EID = (Method.CARD, Method.EID)
    ANY = (Method.CARD, Method.EID, Method.SMS)
    # the ways the central service checks itself, so it can vouch for the person to a call
    # that hands out their papers (证明打印: central/assertions.py); a card read here cannot be
    SERVICE_CHECKED = (Method.EID, Method.SMS)

    @property
    def methods(self) -> tuple[Method, ...]:
        return self.value  # type: ignore[no-any-return]


class IdentityState(StrEnum):
    CARD = "card"  # "请将身份证放在感应区"; an e-ID QR is taken too
    READING = "reading"  # a card is on the reader: progress
    EID = "eid"  # the citizen chose the e-ID: "show the QR to the scanner"
    EID_WORKING = "eid_working"  # resolving the scanned QR (run)
    SMS_NUMBER = "sms_number"  # typing the ID number
    SMS_SENDING = "sms_sending"  # asking for the text (run)
    SMS_CODE = "sms_code"  # typing the texted code
    SMS_CHECKING = "sms_checking"  # checking it (run)
    VERIFYING = "verifying"  # the site's IdentityVerifier (run)
    DONE = "done"
    PROBLEM = "problem"


class Why(StrEnum):
    # the card
    CARD_MOVED = "card_moved"  # lifted before the read finished: lay it down and hold still
    CARD_UNREADABLE = "card_unreadable"  # damaged: try again, else e-ID, typed number, desk
    NOT_ID_CARD = "not_id_card"  # a bank or transit card was laid down
    CARD_KIND_REFUSED = "card_kind_refused"  # a kind not read here (``card_type`` names it)
    CARD_EXPIRED = "card_expired"  # ``valid_to`` and ``renewal`` say when and where
    CARD_NOT_YET_VALID = "card_not_yet_valid"  # ``valid_from``
    CARD_INCONSISTENT = "card_inconsistent"  # its fields disagree: go to the desk
    READER_OFFLINE = "reader_offline"  # no reader, or it is gone: use the e-ID or typed number
    # the e-ID
    NOT_AN_EID = "not_an_eid"  # the scan was something else
    EID_UNKNOWN = "eid_unknown"
    EID_EXPIRED = "eid_expired"  # an old code: refresh it in the app
    # typed number and texted code
    BAD_ID_NUMBER = "bad_id_number"  # not 18 characters with the right check character
    NO_PHONE = "no_phone"  # no phone on record for it: use the card or go to the desk
    BAD_CODE = "bad_code"  # not 6 digits
    WRONG_CODE = "wrong_code"  # try again
    CODE_EXPIRED = "code_expired"  # ask for a new one
    # the service and the rest
    OFFLINE = "offline"  # the central service does not answer: use the card
    LIMITED = "limited"  # too many tries: wait ``retry_after_s``, or go to the desk
    REFUSED = "refused"  # the service will not do it here
    NOT_VERIFIED = "not_verified"  # the site's verifier said no
    NOT_ALLOWED = "not_allowed"  # a way this flow's level does not accept


@dataclass(frozen=True)
class IdentityFailure:
    why: Why
    alternatives: tuple[Method, ...] = ()  # the ways still worth offering, best first
    card_type: CardType | None = None
    valid_to: date | None = None
    valid_from: date | None = None
    renewal: Renewal | None = None
    wait_minutes: int | None = None  # LIMITED: as the other flows say it


Found = VerifiedIdentity | SmsChallenge | bool  # what ``run`` finds: a person, a text, a yes/no


_CARD_FAILS = {
    FailReason.MOVED: Why.CARD_MOVED,
    FailReason.UNREADABLE: Why.CARD_UNREADABLE,
    FailReason.NOT_ID_CARD: Why.NOT_ID_CARD,
}
_REJECTED = {
    CardProblem.EXPIRED: Why.CARD_EXPIRED,
    CardProblem.NOT_YET_VALID: Why.CARD_NOT_YET_VALID,
    CardProblem.INCONSISTENT: Why.CARD_INCONSISTENT,
}
_BUSY = (
    IdentityState.EID_WORKING,
    IdentityState.SMS_SENDING,
    IdentityState.SMS_CHECKING,
    IdentityState.VERIFYING,
    IdentityState.DONE,
)


class IdentityFlow:
    def __init__(
        self,
        api: IdentityApi,
        session: Session,
        level: Level = Level.CARD_OR_EID,
        *,
        reader_online: bool = True,
        verifier: IdentityVerifier | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.api = api
        self.session = session
        self.level = level
        self.verifier = verifier
        self.clock = clock
        self.reader_ok = reader_online
        self.state = IdentityState.CARD
        self.failure: IdentityFailure | None = None
        self._send_key = new_key()
        session.register_wiper("identity.flow", self.forget)
        if not reader_online:
            self._fail(Why.READER_OFFLINE)

    # -- what it holds: in the session only ------------------------------------------------
    # Everything personal or secret is kept in the session, never on this object, so a reset
    # wipes it however many flows asked for an identity during the session.
    @property
    def citizen(self) -> Citizen | None:
        """The person identified (DONE), as every flow reads it: ``current_citizen``."""
        return current_citizen(self.session)

    @property
    def challenge(self) -> SmsChallenge | None:
        """The texted code's challenge: ``phone_masked`` and ``resend_after_s`` for the screen."""
        c = self.session.get(_CHALLENGE_KEY)
        return c if isinstance(c, SmsChallenge) else None

    def _held(self, key: str) -> str | None:
        v = self.session.get(key)
        return v if isinstance(v, str) else None

    def _pending(self) -> Citizen | None:
        c = self.session.get(_PENDING_KEY)
        return c if isinstance(c, Citizen) else None

    # -- what the screen offers ---------------------------------------------------------------
    @property
    def methods(self) -> tuple[Method, ...]:
        return self.level.methods

    def alternatives(self, *, without: Method | None = None) -> tuple[Method, ...]:
        """The ways to offer now: the level's, less a reader that is not there."""
        out = []
        for m in self.level.methods:
            if m is without or (m is Method.CARD and not self.reader_ok):
                continue
            out.append(m)
        return tuple(out)

    def choose(self, method: Method) -> IdentityFailure | None:
        """The citizen picked a way (a button); refused when the level does not accept it."""
        if self.state in _BUSY:
            return None
        if method not in self.level.methods:
            return IdentityFailure(Why.NOT_ALLOWED, self.alternatives())
        if method is Method.CARD and not self.reader_ok:
            return self._fail(Why.READER_OFFLINE)
        self.failure = None
        self.state = {
            Method.CARD: IdentityState.CARD,
            Method.EID: IdentityState.EID,
            Method.SMS: IdentityState.SMS_NUMBER,
        }[method]
        return None

    # -- the reader ---------------------------------------------------------------------------
    def reader_online(self, online: bool) -> None:
        """The reader came or went (the device bridge's status). Going while the citizen waits
        for it, or mid-read, is a failure that offers the other ways."""
        self.reader_ok = online
        waiting = self.state in (IdentityState.CARD, IdentityState.READING)
        offered = self.failure is not None and Method.CARD in self.failure.alternatives
        if not online and (waiting or (self.state is IdentityState.PROBLEM and offered)):
            self._fail(Why.READER_OFFLINE)
        elif online and self.failure is not None and self.failure.why is Why.READER_OFFLINE:
            self.failure, self.state = None, IdentityState.CARD

    def card_event(self, event: object) -> None:
        """A DataEvent payload of the ID-card reader (``devices.idcard.model``)."""
        if self.state in _BUSY:
            return  # identified already, or an online check is under way: not now
        if isinstance(event, CardDetected):
            self.failure, self.state = None, IdentityState.READING
        elif isinstance(event, CardFailed):
            self._fail(_CARD_FAILS.get(event.reason, Why.CARD_UNREADABLE))
        elif isinstance(event, CardRefused):
            self._fail(Why.CARD_KIND_REFUSED, card_type=event.card_type)
        elif isinstance(event, CardRead):
            got = from_card(event, self.clock().date())
            if isinstance(got, CardRejected):
                self._fail(
                    _REJECTED[got.problem],
                    card_type=got.card_type,
                    valid_to=got.valid_to,
                    valid_from=got.valid_from,
                    renewal=got.renewal,
                )
            else:
                self._identified(got)

    # -- the e-ID -----------------------------------------------------------------------------
    def scanned(self, raw: object) -> IdentityFailure | None:
        """A scan while the step is shown: an e-ID QR is resolved (``run``), anything else is
        refused by name. Taken from the card prompt too: showing the phone is enough."""
        if self.state in _BUSY:
            return None
        if Method.EID not in self.level.methods:
            return self._fail(Why.NOT_ALLOWED)
        code = parse_eid(raw)
        if code is None:
            return self._fail(Why.NOT_AN_EID, alternatives=self.alternatives())
        self.session.put(_EID_KEY, code, personal=(code,))
        self.failure, self.state = None, IdentityState.EID_WORKING
        return None

    # -- typed number and texted code ---------------------------------------------------------
    def typed_number(self, text: str) -> IdentityFailure | None:
        if self.state in _BUSY:
            return None
        if Method.SMS not in self.level.methods:
            return self._fail(Why.NOT_ALLOWED)
        number = parse_id_number(text)
        if number is None:
            self.state = IdentityState.SMS_NUMBER
            self.failure = IdentityFailure(Why.BAD_ID_NUMBER, self.alternatives())
            return self.failure
        if number != self._held(_TYPED_KEY):
            self._send_key = new_key()  # another number: a new text; the same one replays
        self.session.put(_TYPED_KEY, number, personal=(number,))
        self.failure, self.state = None, IdentityState.SMS_SENDING
        return None

    def resend(self) -> IdentityFailure | None:
        """Ask for another text to the same number (the service says when that is allowed)."""
        if self._held(_TYPED_KEY) is None or self.state in _BUSY:
            return None
        self._send_key = new_key()
        self.failure, self.state = None, IdentityState.SMS_SENDING
        return None

    def typed_code(self, text: str) -> IdentityFailure | None:
        if self.state is not IdentityState.SMS_CODE or self.challenge is None:
            return None
        code = "".join(ch for ch in text if not ch.isspace())
        if len(code) != _CODE_DIGITS or not code.isascii() or not code.isdigit():
            self.failure = IdentityFailure(Why.BAD_CODE)
            return self.failure
        self.session.put(_CODE_KEY, code)
        self.failure, self.state = None, IdentityState.SMS_CHECKING
        return None

    # -- blocking work and its outcome ------------------------------------------------------
    def run(self) -> Outcome[Found]:
        """Blocking (task manager): the online call or the site's check the state waits for;
        changes no state."""
        eid, number, code = self._held(_EID_KEY), self._held(_TYPED_KEY), self._held(_CODE_KEY)
        challenge, pending = self.challenge, self._pending()
        r: Result[VerifiedIdentity] | Result[SmsChallenge]
        if self.state is IdentityState.EID_WORKING and eid is not None:
            r = self.api.resolve_eid(eid)
        elif self.state is IdentityState.SMS_SENDING and number is not None:
            r = self.api.send_sms_code(number, key=self._send_key)
        elif self.state is IdentityState.SMS_CHECKING and challenge and code is not None:
            r = self.api.check_sms_code(challenge.challenge, code)
        elif self.state is IdentityState.VERIFYING and pending is not None:
            assert self.verifier is not None
            try:
                return Outcome(value=bool(self.verifier.verify(pending)))
            except Exception:  # a site's verifier failing must not leave the citizen stuck
                return Outcome(value=False)
        else:
            return Outcome()
        if isinstance(r, Ok):
            return Outcome(value=r.value)
        return failed(r)

    def apply(self, outcome: Outcome[Found]) -> None:
        """GUI thread: take what ``run`` came back with."""
        if self.state is IdentityState.DONE:
            return
        if outcome.problem is not None:
            f = self._service_failure(outcome.problem, outcome.detail)
            self.failure = f
            if self.state is IdentityState.SMS_CHECKING and f.why is Why.WRONG_CODE:
                self.state = IdentityState.SMS_CODE  # type the code again
            elif (
                self.state is IdentityState.SMS_SENDING
                and f.why is Why.LIMITED
                and (self.challenge is not None)
            ):
                self.state = IdentityState.SMS_CODE  # the code sent before still works
            else:
                self.state = IdentityState.PROBLEM
            return
        value = outcome.value
        if isinstance(value, SmsChallenge) and self.state is IdentityState.SMS_SENDING:
            self.session.put(_CHALLENGE_KEY, value)
            self.failure, self.state = None, IdentityState.SMS_CODE
        elif isinstance(value, VerifiedIdentity) and self.state in (
            IdentityState.EID_WORKING,
            IdentityState.SMS_CHECKING,
        ):
            self._identified(from_verified(value))
        elif isinstance(value, bool) and self.state is IdentityState.VERIFYING:
            pending = self._pending()
            self.session.pop(_PENDING_KEY)
            if value and pending is not None:
                self._done(pending)
            else:
                self._fail(Why.NOT_VERIFIED)

    # -- the end ----------------------------------------------------------------------------
    def forget(self) -> None:
        """Wiped: on reset, and when the citizen starts over."""
        for key in _KEYS:
            self.session.pop(key)

    def restart(self) -> None:
        """Start over (the citizen pressed "back" or "another way" after a failure)."""
        self.forget()
        self.failure, self.state = None, IdentityState.CARD
        if not self.reader_ok:
            self._fail(Why.READER_OFFLINE)

    # -- internals --------------------------------------------------------------------------
    def _identified(self, citizen: Citizen) -> None:
        if self.verifier is not None:
            self.session.put(_PENDING_KEY, citizen, personal=citizen.personal)
            self.failure, self.state = None, IdentityState.VERIFYING
            return
        self._done(citizen)

    def _done(self, citizen: Citizen) -> None:
        self.session.put(SESSION_KEY, citizen, personal=citizen.personal)
        for key in (_PENDING_KEY, _TYPED_KEY, _EID_KEY, _CODE_KEY, _CHALLENGE_KEY):
            self.session.pop(key)
        self.failure, self.state = None, IdentityState.DONE

    def _fail(
        self,
        why: Why,
        *,
        alternatives: tuple[Method, ...] | None = None,
        card_type: CardType | None = None,
        valid_to: date | None = None,
        valid_from: date | None = None,
        renewal: Renewal | None = None,
    ) -> IdentityFailure:
        if alternatives is None:
            card_fault = why in (Why.READER_OFFLINE, Why.CARD_UNREADABLE, Why.CARD_INCONSISTENT)
            alternatives = self.alternatives(without=Method.CARD if card_fault else None)
        self.failure = IdentityFailure(why, alternatives, card_type, valid_to, valid_from, renewal)
        self.state = IdentityState.PROBLEM
        return self.failure

    def _service_failure(self, problem: Problem, detail: str) -> IdentityFailure:
        """The service's answer (``ports.problem_of``) read for what was asked."""
        method = Method.EID if self.state is IdentityState.EID_WORKING else Method.SMS
        others = self.alternatives(without=method)
        if problem is Problem.OFFLINE:
            return IdentityFailure(Why.OFFLINE, tuple(m for m in others if m is Method.CARD))
        if problem is Problem.LIMITED:
            minutes = int(detail) if detail.isdigit() else None
            return IdentityFailure(Why.LIMITED, others, wait_minutes=minutes)
        if self.state is IdentityState.EID_WORKING:
            why = {
                Problem.NOT_FOUND: Why.EID_UNKNOWN,
                Problem.EXPIRED: Why.EID_EXPIRED,
                Problem.NOT_A_CODE: Why.NOT_AN_EID,
            }.get(problem)
        elif self.state is IdentityState.SMS_SENDING:
            why = {Problem.NOT_FOUND: Why.NO_PHONE, Problem.NOT_A_CODE: Why.BAD_ID_NUMBER}.get(
                problem
            )
            if why is Why.NO_PHONE:
                return IdentityFailure(why, others)
        else:
            why = {
                Problem.REFUSED: Why.WRONG_CODE,
                Problem.NOT_FOUND: Why.CODE_EXPIRED,
                Problem.EXPIRED: Why.CODE_EXPIRED,
                Problem.NOT_A_CODE: Why.BAD_CODE,
            }.get(problem)
        if why is None:
            return IdentityFailure(Why.REFUSED, others)
        return IdentityFailure(why, self.alternatives())


def current_citizen(session: Session) -> Citizen | None:
    """The citizen the identity step found in this session, if any (flows read it here)."""
    c = session.get(SESSION_KEY)
    return c if isinstance(c, Citizen) else None
