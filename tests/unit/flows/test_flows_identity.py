"""The identity step as a state machine: the card, the e-ID QR and the typed number with a
texted code, each failure typed with the ways still open; the citizen held by the session only,
masked in logs, wiped on reset; a site's verifier consulted when there is one."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest

from contract.results import Expired, Invalid, Limited, NotFound, Offline, Ok, Refused
from contract.wire import SmsChallenge, VerifiedIdentity
from devices.idcard.card import CardAnswer, CardType
from devices.idcard.model import CardDetected, CardFailed, CardRead, CardRefused, FailReason
from devices.idcard.sim import fake_wlt, sample_cards
from kiosk_app.core import masking
from kiosk_app.core.citizen import IdSource, Renewal
from kiosk_app.core.flows.identity import (
    IdentityFlow,
    IdentityState,
    Level,
    Method,
    Why,
    current_citizen,
)
from kiosk_app.core.logs import JsonFormatter
from kiosk_app.core.session import Session

CARDS = sample_cards()
EID = "CTID-DEMO-valid-01-".ljust(40, "0")
LINA = VerifiedIdentity(method="eid", name="李娜", id_number="350999199007212420")
CHALLENGE = SmsChallenge(
    challenge="c" * 24, phone_masked="139****2222", expires_in_s=300, resend_after_s=60
)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def card(key: str = "resident") -> CardRead:
    c = CARDS[key]
    return CardRead(CardAnswer(c.text, fake_wlt(c.text.id_number)), read_s=0.12)


@pytest.fixture(autouse=True)
def _forget_masks():
    yield
    masking.forget_personal()


def flow(fakes, session: Session, level: Level = Level.CARD_OR_EID, **kw) -> IdentityFlow:
    api = kw.pop("api", None) or fakes.Api()
    kw.setdefault("clock", lambda: NOW)
    return IdentityFlow(api, session, level, **kw)


def test_card_laid_read_and_held_by_the_session_only(fakes, session) -> None:
    f = flow(fakes, session)
    assert f.state is IdentityState.CARD
    f.card_event(CardDetected())
    assert f.state is IdentityState.READING
    f.card_event(card())
    assert f.state is IdentityState.DONE and f.failure is None
    assert f.citizen is not None and f.citizen.source is IdSource.CARD
    assert current_citizen(session) is f.citizen
    assert masking.mask_text("张伟 350999198503121312") == "张* 350999********1312"
    session.reset("idle")
    assert current_citizen(session) is None and f.citizen is None
    assert "张伟" in masking.mask_text("张伟")  # the next citizen's masker starts empty


def test_nothing_personal_reaches_a_log_line(fakes, session, caplog) -> None:
    f = flow(fakes, session)
    f.card_event(card())
    caplog.set_level(logging.INFO)
    logging.getLogger("kiosk.test").info("identified %s (%s)", f.citizen, f.citizen.name)
    line = JsonFormatter().format(caplog.records[-1])
    assert "张伟" not in line and "350999198503121312" not in line


def test_after_done_further_cards_are_ignored(fakes, session) -> None:
    f = flow(fakes, session)
    f.card_event(card())
    first = f.citizen
    f.card_event(CardDetected())
    f.card_event(card("resident_no_end"))
    assert f.citizen is first and f.state is IdentityState.DONE


def test_expired_card_says_when_and_where_to_renew(fakes, session) -> None:
    f = flow(fakes, session, clock=lambda: datetime(2036, 6, 2, 9, 0))
    f.card_event(card())
    assert f.state is IdentityState.PROBLEM and f.citizen is None
    fail = f.failure
    assert fail is not None and fail.why is Why.CARD_EXPIRED
    assert (fail.valid_to, fail.renewal) == (date(2036, 6, 1), Renewal.RESIDENT_ID)
    assert fail.alternatives == (Method.CARD, Method.EID)
    assert current_citizen(session) is None


@pytest.mark.parametrize(
    ("event", "why"),
    [
        (CardFailed(FailReason.MOVED, "read_failed"), Why.CARD_MOVED),
        (CardFailed(FailReason.UNREADABLE, "read_failed"), Why.CARD_UNREADABLE),
        (CardFailed(FailReason.NOT_ID_CARD, "unknown_card"), Why.NOT_ID_CARD),
        (CardRefused(CardType.FOREIGN_PERMANENT_RESIDENT_2023, "Y"), Why.CARD_KIND_REFUSED),
    ],
)
def test_card_failures_are_typed_and_the_card_can_be_laid_again(fakes, session, event, why):
    f = flow(fakes, session, Level.ANY)
    f.card_event(CardDetected())
    f.card_event(event)
    assert f.state is IdentityState.PROBLEM and f.failure.why is why
    if why is Why.CARD_UNREADABLE:
        assert f.failure.alternatives == (Method.EID, Method.SMS)  # not the card again
    else:
        assert Method.CARD in f.failure.alternatives
    if why is Why.CARD_KIND_REFUSED:
        assert f.failure.card_type is CardType.FOREIGN_PERMANENT_RESIDENT_2023
    f.card_event(CardDetected())
    f.card_event(card())
    assert f.state is IdentityState.DONE


def test_reader_offline_offers_the_other_ways_and_comes_back(fakes, session) -> None:
    f = flow(fakes, session, reader_online=False)
    assert f.state is IdentityState.PROBLEM and f.failure.why is Why.READER_OFFLINE
    assert f.failure.alternatives == (Method.EID,)
    g = flow(fakes, Session(), Level.ANY, reader_online=False)
    assert g.failure.alternatives == (Method.EID, Method.SMS)
    assert g.choose(Method.CARD).why is Why.READER_OFFLINE
    f.reader_online(True)
    assert f.state is IdentityState.CARD and f.failure is None
    f.card_event(CardDetected())
    f.reader_online(False)  # unplugged mid-read
    assert f.failure.why is Why.READER_OFFLINE


def test_eid_scanned_from_the_card_prompt_resolves(fakes, session) -> None:
    api = fakes.Api(resolve_eid=Ok(LINA))
    f = flow(fakes, session, api=api)
    assert f.scanned(EID.encode()) is None
    assert f.state is IdentityState.EID_WORKING
    f.card_event(card())  # a card meanwhile waits: the e-ID is under way
    assert f.state is IdentityState.EID_WORKING
    f.apply(f.run())
    assert api.calls == [("resolve_eid", (EID,), {})]
    c = f.citizen
    assert f.state is IdentityState.DONE and c is not None
    assert (c.source, c.name, c.sex, c.birth) == (IdSource.EID, "李娜", "2", date(1990, 7, 21))
    assert current_citizen(session) is c


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("ZWFW-YY:A7K2M9Q4XZ", Why.NOT_AN_EID),
        ("hello", Why.NOT_AN_EID),
        (b"\xff\xfe", Why.NOT_AN_EID),
    ],
)
def test_other_scans_are_not_taken_for_an_eid(fakes, session, raw, why) -> None:
    api = fakes.Api()
    f = flow(fakes, session, api=api)
    assert f.scanned(raw).why is why
    assert f.state is IdentityState.PROBLEM and api.calls == []


@pytest.mark.parametrize(
    ("answer", "why", "alternatives"),
    [
        (NotFound(), Why.EID_UNKNOWN, (Method.CARD, Method.EID)),
        (Expired(), Why.EID_EXPIRED, (Method.CARD, Method.EID)),
        (Offline("down"), Why.OFFLINE, (Method.CARD,)),
        (Limited(120.0), Why.LIMITED, (Method.CARD,)),
        (Invalid("bad"), Why.NOT_AN_EID, (Method.CARD, Method.EID)),
    ],
)
def test_eid_failures_are_typed(fakes, session, answer, why, alternatives) -> None:
    f = flow(fakes, session, api=fakes.Api(resolve_eid=answer))
    f.scanned(EID)
    f.apply(f.run())
    assert f.state is IdentityState.PROBLEM
    assert (f.failure.why, f.failure.alternatives) == (why, alternatives)
    if why is Why.LIMITED:
        assert f.failure.wait_minutes == 2  # worded as the other flows word a 429


def test_the_typed_number_is_refused_where_the_level_wants_card_or_eid(fakes, session) -> None:
    f = flow(fakes, session)
    assert f.methods == (Method.CARD, Method.EID)
    assert f.choose(Method.SMS).why is Why.NOT_ALLOWED
    assert f.typed_number("350999199007212420").why is Why.NOT_ALLOWED


def test_typed_number_and_texted_code(fakes, session) -> None:
    who = VerifiedIdentity(method="sms", name="李娜", id_number="350999199007212420")
    api = fakes.Api(
        send_sms_code=Ok(CHALLENGE), check_sms_code=[Refused("wrong code: 4 tries left"), Ok(who)]
    )
    f = flow(fakes, session, Level.ANY, api=api)
    assert f.choose(Method.SMS) is None and f.state is IdentityState.SMS_NUMBER
    assert f.typed_number("35099919900721242").why is Why.BAD_ID_NUMBER  # 17 characters
    assert f.typed_number("350999199007212421").why is Why.BAD_ID_NUMBER  # check character
    assert f.state is IdentityState.SMS_NUMBER
    assert f.typed_number("３５０９９９ １９９００７２１ ２４２０") is None  # full-width, spaced
    assert f.state is IdentityState.SMS_SENDING
    assert masking.mask_text("350999199007212420") != "350999199007212420"
    f.apply(f.run())
    assert f.state is IdentityState.SMS_CODE and f.challenge.phone_masked == "139****2222"
    assert f.typed_code("12a456").why is Why.BAD_CODE and f.state is IdentityState.SMS_CODE
    f.typed_code("123 456")
    assert f.state is IdentityState.SMS_CHECKING
    f.apply(f.run())
    assert f.state is IdentityState.SMS_CODE and f.failure.why is Why.WRONG_CODE
    f.typed_code("654321")
    f.apply(f.run())
    assert f.state is IdentityState.DONE and f.citizen.source is IdSource.SMS
    assert [c[0] for c in api.calls] == ["send_sms_code", "check_sms_code", "check_sms_code"]
    assert api.calls[2][1] == ("c" * 24, "654321")
    assert session.get("identity.typed_number") is None


def test_a_retry_of_the_same_number_keeps_its_key_a_new_number_gets_one(fakes, session) -> None:
    api = fakes.Api(send_sms_code=[Offline("x"), Ok(CHALLENGE), Ok(CHALLENGE)])
    f = flow(fakes, session, Level.ANY, api=api)
    f.typed_number("350999199007212420")
    f.apply(f.run())
    assert f.failure.why is Why.OFFLINE and f.failure.alternatives == (Method.CARD,)
    f.typed_number("350999199007212420")
    f.apply(f.run())
    assert api.calls[0][2]["key"] == api.calls[1][2]["key"]  # no second text after a lost answer
    f.resend()
    f.apply(f.run())
    assert api.calls[2][2]["key"] != api.calls[1][2]["key"]


@pytest.mark.parametrize(
    ("send", "check", "why"),
    [
        (NotFound(), None, Why.NO_PHONE),
        (Limited(60.0), None, Why.LIMITED),
        (Ok(CHALLENGE), Expired(), Why.CODE_EXPIRED),
        (Ok(CHALLENGE), NotFound(), Why.CODE_EXPIRED),
        (Ok(CHALLENGE), Limited(600.0), Why.LIMITED),
    ],
)
def test_texted_code_failures_are_typed(fakes, session, send, check, why) -> None:
    api = fakes.Api(send_sms_code=send, check_sms_code=check)
    f = flow(fakes, session, Level.ANY, api=api)
    f.typed_number("350999199007212420")
    f.apply(f.run())
    if check is not None:
        f.typed_code("123456")
        f.apply(f.run())
    assert f.failure.why is why and f.state is IdentityState.PROBLEM


def test_a_site_verifier_has_the_last_word(fakes, session) -> None:
    class Verifier:
        def __init__(self, answer):
            self.answer, self.seen = answer, []

        def verify(self, citizen):
            self.seen.append(citizen)
            if isinstance(self.answer, Exception):
                raise self.answer
            return self.answer

    for answer, state in ((True, IdentityState.DONE), (False, IdentityState.PROBLEM)):
        v = Verifier(answer)
        f = flow(fakes, Session(), verifier=v)
        f.card_event(card())
        assert f.state is IdentityState.VERIFYING and f.citizen is None
        f.apply(f.run())
        assert f.state is state and v.seen[0].name == "张伟"
    f = flow(fakes, session, verifier=Verifier(RuntimeError("camera gone")))
    f.card_event(card())
    f.apply(f.run())
    assert f.failure.why is Why.NOT_VERIFIED and current_citizen(session) is None


def test_restart_forgets_and_offers_the_card_again(fakes, session) -> None:
    f = flow(fakes, session)
    f.card_event(card())
    f.restart()
    assert f.state is IdentityState.CARD and f.citizen is None
    assert current_citizen(session) is None


def test_two_flows_in_one_session_are_both_wiped(fakes, session) -> None:
    """Each flow that needs a person builds its own step; a reset must leave no citizen in any
    of them (they hold nothing of their own: all of it is in the session)."""
    first = flow(fakes, session)
    first.card_event(card())
    second = flow(fakes, session, Level.ANY, api=fakes.Api(send_sms_code=Ok(CHALLENGE)))
    second.typed_number("350999199007212420")
    second.apply(second.run())
    assert first.citizen is not None and second.challenge is not None
    session.reset("idle")
    assert first.citizen is None and second.challenge is None
    assert session.keys() == []
    assert not any("350999" in repr(vars(f)) for f in (first, second))
