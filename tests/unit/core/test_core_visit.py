"""The visit rule (kiosk_app.core.visit) for every flow the terminal has: leaving ends the flow
and wipes what it held, a flow opens fresh, home asks first after personal data."""

from __future__ import annotations

import pytest

from kiosk_app.core import masking
from kiosk_app.core.session import Session
from kiosk_app.core.visit import HomeQuestion, Leave, Visit

FLOWS = ("checkin", "ticket", "catalog", "certfree", "hotline", "rating", "desk", "capture",
         "progress")  # fmt: skip
PHONE = "139" + "0000" + "1234"


@pytest.fixture
def session(tmp_path):
    s = Session(tmp_path)
    yield s
    s.reset("test end")


@pytest.mark.parametrize("flow", FLOWS)
def test_leaving_a_flow_wipes_what_it_held(session, flow):
    visit = Visit(session)
    wiped: list[str] = []
    visit.open(flow)
    session.put(f"{flow}.value", "kept by the flow", personal=(PHONE,))
    session.register_wiper(f"{flow}.screen", lambda: wiped.append("screen"))
    session.put("other.value", 1)
    session.register_wiper("clipboard", lambda: wiped.append("clipboard"))
    visit.leave(flow, Leave.HOME)
    assert session.get(f"{flow}.value") is None
    assert wiped == ["screen"]  # the flow's own, once; the session's stay for the reset
    assert session.get("other.value") == 1
    assert visit.current is None
    assert not session.holds_personal(flow)
    assert masking.mask_text(PHONE) != PHONE  # logs of the rest of the visit stay masked
    session.end_scope(flow)
    assert wiped == ["screen"]  # a flow's wiper runs once


@pytest.mark.parametrize("flow", FLOWS)
def test_a_flow_opens_fresh(session, flow):
    visit = Visit(session)
    assert visit.open(flow) is None
    session.put(f"{flow}.value", "first citizen")
    assert visit.open(flow) == flow  # the earlier copy ends first
    assert session.get(f"{flow}.value") is None
    other = next(f for f in FLOWS if f != flow)
    session.put(f"{flow}.value", "second")
    assert visit.open(other) == flow
    assert session.get(f"{flow}.value") is None
    assert visit.current == other


@pytest.mark.parametrize("flow", FLOWS)
def test_home_asks_only_after_personal_data(session, flow):
    visit = Visit(session)
    visit.open(flow)
    session.put(f"{flow}.count", 3)
    assert visit.going_home(42) is None
    session.put(f"{flow}.phone", PHONE, personal=(PHONE,))
    assert visit.going_home(42) == HomeQuestion(flow, 42)
    visit.leave(flow, Leave.HOME)
    visit.open(flow)
    assert visit.going_home(42) is None  # opened fresh: nothing personal yet


def test_scans_count_as_personal(session):
    visit = Visit(session)
    visit.open("capture")
    session.hold_personal("capture")
    assert visit.going_home(10) == HomeQuestion("capture", 10)


def test_reset_ends_everything(session):
    visit = Visit(session)
    visit.open("certfree")
    session.put("certfree.licences", ["x"], personal=(PHONE,))
    session.reset("finished")
    visit.end()
    assert visit.current is None and not session.holds_personal("certfree")
    assert visit.going_home(5) is None
