"""Case intake: licences masked and wiped, one case in the outbox with its PDF, bad input kept."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timedelta, timezone

import pytest

from contract.results import Expired, NotFound, Offline
from devices.printer.preview import preview
from kiosk_app.core.flows.desk_case import SESSION_KEY, CaseState, DeskCase, Item
from kiosk_app.core.flows.desk_staff import Staff
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.masking import mask_text

ID = "350999199001011236"
TOKEN = "ZWFW-SQ:demo-sq-valid-01-000000000000000"
WHEN = datetime(2026, 11, 25, 10, 30, tzinfo=timezone(timedelta(hours=8)))
ITEM = Item("C0032", "居民身份证换领", "B区 3号窗口")


def make_case(outbox, session, api) -> DeskCase:
    return DeskCase(
        api,
        outbox,
        session,
        "T-DESK",
        "1号窗口",
        Staff("S0001", "王晓明"),
        clock=lambda: WHEN,
    )


def rows(outbox) -> list[dict]:
    return [json.loads(r.body) for r in outbox.lease(100, 60)]


def test_licences_are_shown_masked_and_wiped_on_reset(outbox, session, fake_api) -> None:
    case = make_case(outbox, session, fake_api())
    assert case.choose(ITEM) is None and case.state is CaseState.INTAKE
    assert case.scanned(TOKEN) is None
    assert case.apply(case.redeem()) is None
    assert case.holder_masked() == ("张*", "350999********1236")
    shown = case.shown()
    assert [s.number for s in shown] == ["350999********1236", "350999*****1222"]
    assert all(ID not in repr(s) and "张伟" not in s.holder for s in shown)
    assert mask_text(f"holder 张伟 {ID}") == "holder 张* 350999********1236"
    session.reset("idle")
    assert not case.has_licences and session.get(SESSION_KEY) is None


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        (NotFound(), Problem.NOT_FOUND),
        (Expired(), Problem.EXPIRED),
        (Offline("x"), Problem.OFFLINE),
    ],
)
def test_redeem_problems_keep_the_case(outbox, session, answer, problem, fake_api) -> None:
    case = make_case(outbox, session, fake_api(answer))
    case.choose(ITEM)
    case.scanned(TOKEN)
    assert case.apply(case.redeem()) is problem
    assert case.state is CaseState.INTAKE and case.item == ITEM and not case.has_licences


def test_wrong_codes_are_named(outbox, session, fake_api) -> None:
    case = make_case(outbox, session, fake_api())
    assert case.scanned("ZWFW-GH:S0001") is Problem.WRONG_KIND
    assert case.scanned("nonsense") is Problem.NOT_A_CODE
    assert case.redeem().problem is Problem.MISSING


def test_same_token_again_replays_with_the_same_key(outbox, session, fake_api) -> None:
    api = fake_api()
    case = make_case(outbox, session, api)
    case.scanned(TOKEN)
    case.redeem()
    case.scanned(TOKEN)
    case.redeem()
    case.scanned("ZWFW-SQ:demo-sq-valid-02-000000000000000")
    case.redeem()
    keys = [k for _, k in api.calls]
    assert keys[0] == keys[1] != keys[2]


def test_submit_puts_one_case_with_its_pdf_in_the_outbox(outbox, session, caplog, fake_api) -> None:
    caplog.set_level(logging.DEBUG)
    case = make_case(outbox, session, fake_api())
    case.choose(ITEM)
    case.scanned(TOKEN)
    case.apply(case.redeem())
    pdf = session.temp_dir() / "case.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    assert case.submit(pdf, 3) is None
    assert case.submit(pdf, 3) is None  # a double tap
    [event] = rows(outbox)
    p = event["payload"]
    assert event["type"] == "case.submitted"
    assert p["case_id"] == case.case_id and p["staff_id"] == "S0001" and p["window"] == "1号窗口"
    assert p["item_id"] == "C0032" and p["pages"] == 3 and p["channel"] == "desk"
    assert p["applicant"] == {"name": "张伟", "id_number": ID}
    assert [x["kind"] for x in p["licences"]] == ["id_card", "driving_licence"]
    assert len(p["blobs"]) == 1 and (outbox.blob_dir / p["blobs"][0]).read_bytes().startswith(
        b"%PDF"
    )
    assert not pdf.exists()  # only the outbox holds the pages now
    assert session.get(SESSION_KEY) is None
    assert ID not in caplog.text


def test_nothing_to_submit_is_said_and_nothing_is_stored(outbox, session, fake_api) -> None:
    case = make_case(outbox, session, fake_api())
    assert case.submit(None, 0) is Problem.MISSING  # no item
    case.choose(ITEM)
    assert case.submit(None, 0) is Problem.MISSING  # neither licences nor pages
    missing = session.temp_dir() / "gone.pdf"
    assert case.submit(missing, 2) is Problem.MISSING
    assert rows(outbox) == [] and case.state is CaseState.INTAKE
    assert case.choose(Item("", "")) is Problem.MISSING and case.item == ITEM


def test_storage_failure_keeps_the_pdf_for_another_try(session, fake_api) -> None:
    class Broken:
        def transaction(self):
            raise OSError("disk full")

        def enqueue(self, *a, **k):
            raise OSError("disk full")

    case = make_case(Broken(), session, fake_api())
    case.choose(ITEM)
    pdf = session.temp_dir() / "case.pdf"
    pdf.write_bytes(b"%PDF")
    assert case.submit(pdf, 1) is Problem.STORAGE
    assert pdf.exists() and case.state is CaseState.INTAKE and case.submitted is None


def test_receipt_and_rating_context_carry_case_and_staff(outbox, session, fake_api) -> None:
    case = make_case(outbox, session, fake_api())
    with pytest.raises(ValueError, match="before the case"):
        case.receipt()
    case.choose(ITEM)
    pdf = session.temp_dir() / "case.pdf"
    pdf.write_bytes(b"%PDF")
    case.submit(pdf, 2)
    texts = case.receipt(english=True).texts()
    assert case.case_id in texts and any("S0001" in t for t in texts)
    assert any("1号窗口" in t for t in texts)  # the desk that received it, not the item's hall
    assert any("居民身份证换领" in t for t in texts) and any(t[-1:] == "2" for t in texts)
    assert preview(case.receipt())  # renders without error
    rc = case.rating_context()
    assert (rc.case_id, rc.item_id, rc.staff_id, rc.window) == (
        case.case_id,
        "C0032",
        "S0001",
        "1号窗口",
    )


def test_case_numbers_are_short_and_barcode_readable() -> None:
    import zxingcpp

    from contract.codes import NumberKind, new_number
    from devices.printer.templates import submission_receipt

    n = new_number(NumberKind.CASE)
    assert re.fullmatch(r"SL[0-9]{12}", n)
    assert n != new_number(NumberKind.CASE)
    image = preview(submission_receipt(n, "居民身份证换领", 3, "1号窗口", "S0001", WHEN))[0]
    assert [b.text for b in zxingcpp.read_barcodes(image)] == [n]
