"""办件查询 of a 12345 order or utility application asked for away from where it was filed:
"not known here" offers the phone proof, a wrong phone is one plain mismatch, 429 its wait."""

from __future__ import annotations

from contract.codes import NumberKind, new_number
from contract.results import Limited, NotFound, Ok
from contract.wire import Progress, ProgressStep
from kiosk_app.core.flows import progress
from kiosk_app.core.flows.ports import Problem


def _found(number: str) -> Progress:
    return Progress(
        number=number,
        kind="application",
        status="received",
        created_at="2026-11-25T10:00:00+00:00",
        steps=[ProgressStep(step="received", done_at="2026-11-25T10:00:00+00:00")],
    )


def test_not_known_here_offers_the_phone_only_for_orders_and_applications(fakes) -> None:
    order, app = new_number(NumberKind.WORKORDER), new_number(NumberKind.APPLICATION)
    case, doc = new_number(NumberKind.CASE), new_number(NumberKind.DOCUMENT)
    api = fakes.Api(progress=NotFound())
    assert progress.lookup(api, order).can_prove_phone
    assert progress.lookup(api, app).can_prove_phone
    assert not progress.lookup(api, case).can_prove_phone  # a case has no phone on record
    assert not progress.lookup(api, doc).can_prove_phone
    limited = fakes.Api(progress=Limited(60))
    assert not progress.lookup(limited, order).can_prove_phone  # wait first: nothing to prove


def test_the_phone_answers_or_is_a_plain_mismatch_or_a_wait(fakes) -> None:
    app = new_number(NumberKind.APPLICATION)
    api = fakes.Api(progress_with_phone=[Ok(_found(app)), NotFound(), Limited(600)])
    ok = progress.lookup_with_phone(api, app, "13900001111")
    assert ok.progress == _found(app) and ok.rows[0].stage == "received"
    assert api.calls[0] == ("progress_with_phone", (app, "13900001111"), {})
    wrong = progress.lookup_with_phone(api, app, "13900002222")
    assert wrong.phone_mismatch and not wrong.can_prove_phone  # not offered again and again
    late = progress.lookup_with_phone(api, app, "13900001111")
    assert late.problem is Problem.LIMITED and late.detail == "10" and not late.phone_mismatch
    # what the lookup keeps: the number asked for, never the phone
    assert "1390000" not in repr((ok, wrong, late)).replace(repr(_found(app)), "")


def test_a_phone_is_read_as_typed() -> None:
    assert progress.read_phone("139 0000-1111") == "13900001111"
    assert progress.read_phone("1390000111") is None  # 10 digits
    assert progress.read_phone("23900001111") is None
    assert progress.provable_by_phone(new_number(NumberKind.WORKORDER))
    assert not progress.provable_by_phone("A012")  # a queue ticket
