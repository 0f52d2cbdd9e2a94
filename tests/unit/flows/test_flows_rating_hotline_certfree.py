"""Rating, 12345 and certificate-free state machines."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import UTC, datetime, timedelta

import pytest

from contract.codes import NumberKind
from contract.results import Expired, Limited, NotFound, Offline, Ok
from contract.wire import Holder, Licence, Licences, ProgressStep
from contract.wire import Progress as ProgressAnswer
from devices.errors import CoverOpen, DeviceFault, DeviceOffline, PaperOut
from devices.printer.model import Receipt, Text
from kiosk_app.core import masking
from kiosk_app.core.errors import OutboxFullError
from kiosk_app.core.flows import hotline, progress
from kiosk_app.core.flows.certfree import CertfreeFlow, CertfreeState
from kiosk_app.core.flows.hotline import Draft, HotlineFlow
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.flows.printing import PrintOutcome, print_slip
from kiosk_app.core.flows.progress import StageState
from kiosk_app.core.flows.rating import RatingContext, RatingFlow, RatingState
from kiosk_app.core.payloads import parse_payload

TOKEN = "demo-sq-valid-01-".ljust(32, "0")


def test_rating_carries_its_context_and_is_recorded_once(outbox, fakes):
    ctx = RatingContext(case_id="C-1", item_id="C0032", service="身份证", window="B3")
    flow = RatingFlow(outbox, ctx)
    assert flow.submit(5, "pad") is None
    assert flow.submit(1) is None  # a second tap: nothing more
    [r] = fakes.pending(outbox, "rating.submitted")
    assert (r["level"], r["case_id"], r["item_id"], r["window"], r["channel"]) == (
        5,
        "C-1",
        "C0032",
        "B3",
        "pad",
    )
    assert r["rated_at"].endswith("+00:00")
    with pytest.raises(ValueError, match=r"1\.\.5"):
        RatingFlow(outbox).submit(6)


class FailingOutbox:
    def enqueue(self, *a, **k):  # type: ignore[no-untyped-def]
        raise OutboxFullError("disk full")

    def transaction(self):  # type: ignore[no-untyped-def]
        raise OutboxFullError("disk full")


def test_rating_storage_failure_can_be_retried(outbox, fakes):
    flow = RatingFlow(FailingOutbox())  # type: ignore[arg-type]
    assert flow.submit(4) is Problem.STORAGE
    assert flow.state is RatingState.PROBLEM
    flow.outbox = outbox
    assert flow.submit(4) is None and flow.state is RatingState.DONE


def _draft(**kw: str) -> Draft:
    base = {
        "category": "city",
        "text": "小区门口路灯不亮",
        "place": "城关镇幸福路",
        "phone": "13900001111",
    }
    base.update(kw)
    return Draft(**base)


def test_hotline_numbers_are_random_in_the_contract_format(outbox, session, fakes):
    day = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    numbers = []
    for i in range(3):
        flow = HotlineFlow(outbox, session, "HALL-24H-01", clock=lambda i=i: day)
        assert flow.submit(_draft()) == {}
        assert flow.filed is not None
        numbers.append(flow.filed.number)
    assert len(set(numbers)) == 3
    for n in numbers:
        parsed = parse_payload(n)
        assert parsed.kind == "number" and parsed.number_kind is NumberKind.WORKORDER
    records = fakes.pending(outbox, "hotline.created")
    assert [r["number"] for r in records] == numbers
    assert records[0]["phone"] == "13900001111" and records[0]["category"] == "城市管理"
    texts = " ".join(flow.receipt().texts())
    assert "139****1111" in texts and "13900001111" not in texts


def test_hotline_bad_input_names_each_field_and_stores_nothing(outbox, session, fakes):
    flow = HotlineFlow(outbox, session, "T")
    problems = flow.submit(Draft(category="", text="  ", place="x" * 201, phone="12345"))
    assert problems == {
        "category": Problem.MISSING,
        "text": Problem.MISSING,
        "place": Problem.TOO_LONG,
        "phone": Problem.BAD_PHONE,
    }
    assert flow.submit(_draft(text="x" * 4001)) == {"text": Problem.TOO_LONG}
    assert fakes.pending(outbox) == []
    assert flow.submit(_draft(phone="+86 139-0000-1111")) == {}


def test_hotline_storage_failure_loses_no_number(session):
    flow = HotlineFlow(FailingOutbox(), session, "T")  # type: ignore[arg-type]
    assert flow.submit(_draft()) == {"": Problem.STORAGE}
    assert flow.filed is None


def test_progress_steps_against_deadlines(fakes):
    t0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    iso = lambda m: (t0 + timedelta(minutes=m)).isoformat()  # noqa: E731
    found = ProgressAnswer(
        number="12345-483029175602",
        kind="workorder",
        status="on_site",
        created_at=iso(0),
        steps=[
            ProgressStep(step="received", done_at=iso(0)),
            ProgressStep(step="contacted", deadline=iso(5), done_at=iso(3)),
            ProgressStep(step="on_site", deadline=iso(30), done_at=iso(40)),
            ProgressStep(step="feedback", deadline=iso(120)),
            ProgressStep(step="result", deadline=iso(1440)),
        ],
    )
    rows = progress.rows(found, t0 + timedelta(minutes=150))
    assert [r.state for r in rows] == [
        StageState.DONE,
        StageState.DONE,
        StageState.LATE,
        StageState.OVERDUE,
        StageState.WAITING,
    ]
    api = fakes.Api(progress=[Ok(found), NotFound(), Offline("x"), Limited(120)])
    assert progress.lookup(api, found.number).progress == found
    assert progress.lookup(api, found.number).problem is Problem.NOT_FOUND
    assert progress.lookup(api, found.number).problem is Problem.OFFLINE
    limited = progress.lookup(api, found.number)
    assert limited.problem is Problem.LIMITED and limited.detail == "2"
    assert hotline.parse_number(" 12345-4830 2917 5602 ") == "12345-483029175602"
    assert hotline.parse_number("SL483029175602") is None  # a case, not a work order
    assert hotline.parse_number("12345") is None
    # any number the terminal hands out, however typed; a typo never reaches the service
    assert progress.read_number("sl 4830 2917 5602") == "SL483029175602"
    assert progress.read_number("a012") == "A012"
    assert progress.read_number("SL 4830 2917 5603") is None


def _licences() -> Licences:
    return Licences(
        holder=Holder(name="张伟", id_number="350999198503121315"),
        licences=[
            Licence(
                kind="id_card",
                title="居民身份证",
                number="350999198503121315",
                holder="张伟",
                issuer="示范县公安局",
                valid_from="2005-06-01",
                valid_until="2025-06-01",
            ),
            Licence(
                kind="marriage_certificate",
                title="结婚证",
                number="J350999-2010-123456",
                holder="张伟",
                issuer="示范县民政局",
                valid_from="2010-06-01",
            ),
        ],
    )


def test_certfree_shows_masked_attaches_with_consent_and_forgets(outbox, session, fakes):
    api = fakes.Api(redeem_authorization=Ok(_licences()))
    flow = CertfreeFlow(api, outbox, session, "T-TEST")
    assert flow.scanned("ZWFW-YY:DEMOYY0001") is Problem.WRONG_KIND
    assert flow.scanned("ZWFW-SQ:" + TOKEN) is None
    flow.apply(flow.run())
    assert flow.state is CertfreeState.CONSENT
    assert flow.holder_masked() == ("张*", "350999********1315")
    shown = flow.shown()
    assert shown[0].number == "350999********1315" and shown[0].holder == "张*"
    assert "J350999-2010-123456" not in masking.mask_text("J350999-2010-123456")
    assert flow.consent(["marriage_certificate"], service="婚姻登记") is None
    [case] = fakes.pending(outbox, "case.submitted")
    assert case["licences"] == [
        {"kind": "marriage_certificate", "title": "结婚证", "number": "J350999-2010-123456"}
    ]
    assert flow.state is CertfreeState.DONE and flow.shown() == []
    assert session.get("certfree.licences") is None


def test_certfree_without_consent_sends_nothing(outbox, session, fakes):
    api = fakes.Api(redeem_authorization=[Expired(), NotFound(), Offline("x"), Ok(_licences())])
    flow = CertfreeFlow(api, outbox, session, "T")
    flow.scanned("ZWFW-SQ:" + TOKEN)
    for expected in (Problem.EXPIRED, Problem.NOT_FOUND, Problem.OFFLINE):
        flow.apply(flow.run())
        assert flow.problem is expected
    flow.apply(flow.run())
    keys = {c[2]["key"] for c in api.calls}
    assert len(keys) == 1  # the same scan keeps its key across retries
    assert flow.consent([]) is Problem.MISSING
    flow.decline()
    assert flow.shown() == [] and fakes.pending(outbox) == []
    session.reset("test")
    assert masking.mask_text("张伟") == "张伟"


class FakePrinter:
    def __init__(self, exc: BaseException | None) -> None:
        self.exc = exc

    def print_receipt(self, receipt: Receipt, label: str = "receipt") -> Future[object]:
        f: Future[object] = Future()
        if self.exc:
            f.set_exception(self.exc)
        else:
            f.set_result(None)
        return f


def test_print_outcomes():
    r = Receipt().add(Text("x"))
    assert print_slip(None, r, "t") is PrintOutcome.NO_PRINTER
    assert print_slip(FakePrinter(None), r, "t") is PrintOutcome.PRINTED
    assert print_slip(FakePrinter(PaperOut("p")), r, "t") is PrintOutcome.PAPER_OUT
    assert print_slip(FakePrinter(CoverOpen("c")), r, "t") is PrintOutcome.COVER_OPEN
    assert print_slip(FakePrinter(DeviceOffline("o")), r, "t") is PrintOutcome.NO_PRINTER
    assert print_slip(FakePrinter(DeviceFault("f")), r, "t") is PrintOutcome.FAILED
