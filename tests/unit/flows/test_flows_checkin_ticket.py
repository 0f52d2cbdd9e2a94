"""Check-in and walk-in ticket state machines against a scripted API and a real outbox."""

from __future__ import annotations

from contract.results import Conflict, Expired, NotFound, Offline, Ok, Refused
from kiosk_app.core import masking
from kiosk_app.core.flows.checkin import CheckinFlow, CheckinState
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.flows.ticket import Choice, TicketFlow, TicketState, categories


def test_scanned_code_checks_in_and_records_once(outbox, session, fakes):
    api = fakes.Api(lookup_appointment=Ok(fakes.appointment()), check_in=fakes.ok_ticket)
    flow = CheckinFlow(api, outbox, session, site="demo-county")
    assert flow.scanned("ZWFW-YY:DEMOYY0001\r\n") is None
    assert flow.state is CheckinState.WORKING
    flow.apply(flow.run())
    assert flow.state is CheckinState.DONE
    assert flow.ticket and flow.ticket.number == "Y001"
    assert flow.masked_name() == "张*"
    [record] = fakes.pending(outbox, "checkin.done")
    assert record["ticket"] == "Y001" and "name" not in record
    # the citizen's name is now masked in logs, and forgotten at reset
    assert masking.mask_text("张伟 checked in") == "张* checked in"
    session.reset("test")
    assert session.keys() == []
    assert masking.mask_text("张伟") == "张伟"


def test_typed_phone_and_code_are_checked_before_any_call(outbox, session, fakes):
    api = fakes.Api()
    flow = CheckinFlow(api, outbox, session)
    assert flow.typed("1390000111", "246810") is Problem.BAD_PHONE
    assert flow.typed("13900001111", "2468") is Problem.BAD_CODE6
    assert api.calls == []
    api.answers.update(lookup_appointment=Ok(fakes.appointment()), check_in=fakes.ok_ticket)
    assert flow.typed("139 0000 1111", "246810") is None
    assert "1111" not in repr(flow.request)
    flow.apply(flow.run())
    assert api.calls[0] == (
        "lookup_appointment",
        (None,),
        {"phone": "13900001111", "code6": "246810"},
    )
    assert flow.masked_phone() == "139****1111"


def test_wrong_codes_get_their_own_problem(outbox, session, fakes):
    flow = CheckinFlow(fakes.Api(), outbox, session)
    assert flow.scanned("hello") is Problem.NOT_A_CODE
    assert flow.scanned("ZWFW-SQ:" + "a" * 32) is Problem.WRONG_KIND
    assert flow.state is CheckinState.PROBLEM


def test_retry_after_offline_reuses_the_idempotency_key(outbox, session, fakes):
    api = fakes.Api(
        lookup_appointment=Ok(fakes.appointment()), check_in=[Offline("timeout"), fakes.ok_ticket]
    )
    flow = CheckinFlow(api, outbox, session)
    flow.scanned("ZWFW-YY:DEMOYY0001")
    flow.apply(flow.run())
    assert flow.problem is Problem.OFFLINE
    flow.apply(flow.run())  # "try again"
    keys = [c[2]["key"] for c in api.calls if c[0] == "check_in"]
    assert len(keys) == 2 and keys[0] == keys[1]
    assert flow.state is CheckinState.DONE
    assert len(fakes.pending(outbox, "checkin.done")) == 1


def test_business_outcomes(outbox, session, fakes):
    cases = [
        (Ok(fakes.appointment("expired")), None, Problem.EXPIRED),
        (Ok(fakes.appointment("checked_in")), Conflict("other key"), Problem.ALREADY_DONE),
        (Ok(fakes.appointment(site="other-county")), None, Problem.OTHER_SITE),
        (NotFound(), None, Problem.NOT_FOUND),
        (Offline("down"), None, Problem.OFFLINE),
        (Ok(fakes.appointment()), Conflict("already"), Problem.ALREADY_DONE),
        (Ok(fakes.appointment()), Expired(), Problem.EXPIRED),
        (Ok(fakes.appointment()), Refused("other site"), Problem.OTHER_SITE),
    ]
    for lookup, checkin, expected in cases:
        flow = CheckinFlow(
            fakes.Api(lookup_appointment=lookup, check_in=checkin), outbox, session, "demo-county"
        )
        flow.scanned("ZWFW-YY:DEMOYY0001")
        outcome = flow.run()
        flow.apply(outcome)
        assert flow.problem is expected, (lookup, checkin)
    assert fakes.pending(outbox) == []
    # already checked in: the first ticket's number is there to show
    flow = CheckinFlow(
        fakes.Api(lookup_appointment=Ok(fakes.appointment("checked_in")), check_in=Conflict("x")),
        None,
        session,
    )
    flow.scanned("ZWFW-YY:DEMOYY0001")
    assert flow.run().detail == "Y007"


def test_receipt_has_number_and_follow_qr_and_nothing_personal(outbox, session, fakes):
    api = fakes.Api(lookup_appointment=Ok(fakes.appointment()), check_in=fakes.ok_ticket)
    flow = CheckinFlow(api, outbox, session)
    flow.scanned("ZWFW-YY:DEMOYY0001")
    flow.apply(flow.run())
    texts = " ".join(flow.receipt(org="示范县政务服务中心").texts())
    assert "Y001" in texts and "张伟" not in texts
    flow.restart()
    assert flow.state is CheckinState.ENTER and session.get("checkin.appointment") is None


def test_ticket_for_a_category(outbox, session, fakes):
    api = fakes.Api(issue_ticket=[Offline("down"), Ok(fakes.ticket("A012", waiting=5))])
    flow = TicketFlow(api, outbox, session)
    flow.choose(Choice(category="市场主体登记"))
    flow.apply(flow.run())
    assert flow.state is TicketState.PROBLEM and flow.problem is Problem.OFFLINE
    flow.apply(flow.run())
    assert flow.state is TicketState.DONE
    k1, k2 = (c[2]["key"] for c in api.calls)
    assert k1 == k2
    [rec] = fakes.pending(outbox, "ticket.issued")
    assert rec["number"] == "A012" and rec["category"] == "市场主体登记"
    assert "A012" in " ".join(flow.receipt().texts())


def test_ticket_unknown_category_and_categories_order(outbox, session, fakes):
    flow = TicketFlow(fakes.Api(issue_ticket=NotFound()), outbox, session)
    flow.choose(Choice(category="nope"))
    flow.apply(flow.run())
    assert flow.problem is Problem.NOT_FOUND
    cat = {"items": [{"category": "b"}, {"category": "a"}, {"category": "a"}, "junk"]}
    assert categories(cat) == ["a", "b"]
    assert categories(None) == []


def test_retry_after_a_lost_answer_gets_the_first_ticket_back(outbox, session, fakes):
    """The check-in went through but its answer was lost; the retry's look-up then says
    "checked in", and the same idempotency key makes the service replay the first ticket."""
    api = fakes.Api(
        lookup_appointment=[Ok(fakes.appointment()), Ok(fakes.appointment("checked_in"))],
        check_in=[Offline("answer lost"), fakes.ok_ticket],
    )
    flow = CheckinFlow(api, outbox, session)
    flow.scanned("ZWFW-YY:DEMOYY0001")
    flow.apply(flow.run())
    assert flow.problem is Problem.OFFLINE
    flow.apply(flow.run())
    assert flow.state is CheckinState.DONE and flow.ticket.number == "Y001"
    keys = [c[2]["key"] for c in api.calls if c[0] == "check_in"]
    assert keys[0] == keys[1]
    assert len(fakes.pending(outbox, "checkin.done")) == 1


def test_one_mapping_from_a_server_result_to_what_the_citizen_is_told() -> None:
    from contract.results import Invalid, Limited, NotFound
    from kiosk_app.core.flows.ports import failed, problem_of

    assert problem_of(Offline("x")) is Problem.OFFLINE
    assert problem_of(NotFound()) is Problem.NOT_FOUND
    assert problem_of(Expired()) is Problem.EXPIRED
    assert problem_of(Conflict("x")) is Problem.ALREADY_DONE
    assert problem_of(Refused("x")) is Problem.REFUSED
    assert problem_of(Refused("x"), refused=Problem.OTHER_SITE) is Problem.OTHER_SITE
    assert problem_of(Invalid("x")) is Problem.NOT_A_CODE
    limited = failed(Limited(retry_after_s=330))
    assert limited.problem is Problem.LIMITED and limited.detail == "6"  # minutes, rounded up
    assert failed(Refused("x", site_name="城关镇中心")).detail == "城关镇中心"
