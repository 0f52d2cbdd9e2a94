"""A lookup the service stopped (HTTP 429, ``Limited``) is its own problem in every flow that
looks something up, with the wait the service asked for."""

from __future__ import annotations

from contract.results import Limited
from kiosk_app.core.flows import progress as lookup
from kiosk_app.core.flows.certfree import CertfreeFlow
from kiosk_app.core.flows.checkin import CheckinFlow
from kiosk_app.core.flows.ports import Problem, wait_minutes


def test_each_lookup_says_limited_with_its_wait(outbox, session, fakes):
    flow = CheckinFlow(fakes.Api(lookup_appointment=Limited(300)), outbox, session, "demo-county")
    flow.typed("13900001111", "123456")
    outcome = flow.run()
    flow.apply(outcome)
    assert flow.problem is Problem.LIMITED and outcome.detail == "5"  # minutes

    cert = CertfreeFlow(fakes.Api(redeem_authorization=Limited(61)), outbox, session, "T-1")
    cert.scanned("ZWFW-SQ:" + "demo-sq-valid-01-".ljust(32, "0"))
    cert.apply(cert.run())
    assert cert.problem is Problem.LIMITED and cert.detail == "2"

    found = lookup.lookup(fakes.Api(progress=Limited(30)), "SL483029175602")  # 办件查询
    assert found.problem is Problem.LIMITED and found.detail == "1"


def test_wait_minutes_rounds_up_and_says_at_least_one():
    assert [wait_minutes(s) for s in (0, 1, 60, 61, 3600)] == [1, 1, 1, 2, 60]
