"""好差评 to the national shape: one rating per case, 差评 reasons and text, the working-day
follow-up deadline, and the GB/T 39046 payload (property-tested: whatever the inputs, what the
builder makes is a valid ``EvaluationPayload`` with the same meaning)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contract.ratings import (
    CHANNEL_CODES,
    DEFAULT_REASONS,
    MAX_TEXT,
    EvaluationPayload,
    RatingReasons,
    RatingStatus,
    Reason,
    add_working_days,
)
from contract.results import Offline, Ok
from contract.zone import CHINA_TIME
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.flows.rating import RatingContext, RatingFlow, RatingState, build_payload


class FixedNow(datetime):
    """2026-12-04 09:30 UTC = Friday 17:30 in Beijing."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        return datetime(2026, 12, 4, 9, 30, 5, tzinfo=UTC).astimezone(tz)


class FakeApi:
    def __init__(self, rated: RatingStatus | None = None, reasons: list[Reason] | None = None):
        self.rated, self.reasons = rated, reasons
        self.asked: list[str] = []

    def rating_status(self, case_id: str):  # type: ignore[no-untyped-def]
        self.asked.append(case_id)
        return Ok(self.rated) if self.rated else Ok(RatingStatus(case_id=case_id, rated=False))

    def rating_reasons(self):  # type: ignore[no-untyped-def]
        if self.reasons is None:
            return Offline("no network")
        return Ok(RatingReasons(reasons=self.reasons, followup_working_days=10))


# -- the working-day rule ---------------------------------------------------------------------
def test_working_days_skip_weekends() -> None:
    fri = date(2026, 12, 4)
    assert add_working_days(fri, 0) == fri
    assert add_working_days(fri, 1) == date(2026, 12, 7)  # Monday
    assert add_working_days(date(2026, 12, 5), 1) == date(2026, 12, 7)  # from a Saturday
    assert add_working_days(fri, 5) == date(2026, 12, 11)
    assert add_working_days(fri, 15) == date(2026, 12, 25)
    with pytest.raises(ValueError):
        add_working_days(fri, -1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 60))
def test_working_days_land_on_a_weekday_with_n_weekdays_between(start: date, n: int) -> None:
    end = add_working_days(start, n)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(d.weekday() < 5 for d in between) == n
    assert n == 0 or end.weekday() < 5


# -- one rating per case ------------------------------------------------------------------------
def test_a_case_rated_before_says_so_and_records_nothing(outbox, fakes) -> None:
    earlier = RatingStatus(case_id="SL1", rated=True, level=4, eval_time="20261201093000")
    api = FakeApi(rated=earlier)
    flow = RatingFlow(outbox, RatingContext(case_id="SL1"))
    assert flow.check(api) is RatingState.ALREADY
    assert api.asked == ["SL1"] and flow.rated_before == earlier
    assert flow.submit(5) is None
    assert fakes.pending(outbox, "rating.submitted") == []


def test_a_rating_given_while_the_central_was_asked_stands(outbox, fakes) -> None:
    earlier = RatingStatus(case_id="SL9", rated=True, level=4, eval_time="20261201093000")
    flow = RatingFlow(outbox, RatingContext(case_id="SL9"))
    found = flow.fetch(FakeApi(rated=earlier))  # off the GUI thread; nothing changed yet
    assert flow.state is RatingState.ASK
    assert flow.submit(5) is None  # the citizen was quicker than the answer
    assert flow.apply(found) is RatingState.DONE  # sent: the central decides whether it counts
    assert len(fakes.pending(outbox, "rating.submitted")) == 1


def test_a_case_not_rated_and_no_case_at_all_are_asked(outbox) -> None:
    api = FakeApi()
    assert RatingFlow(outbox, RatingContext(case_id="SL2")).check(api) is RatingState.ASK
    assert RatingFlow(outbox, RatingContext()).check(api) is RatingState.ASK
    assert api.asked == ["SL2"]  # nothing to ask about without a case


def test_one_flow_records_one_rating(outbox, fakes) -> None:
    flow = RatingFlow(outbox, RatingContext(case_id="SL3"))
    assert flow.submit(4, "pad") is None
    assert flow.submit(1, "pad", ["attitude"]) is None
    assert [p["level"] for p in fakes.pending(outbox, "rating.submitted")] == [4]


# -- a 差评 -------------------------------------------------------------------------------------
def test_a_bad_rating_asks_reasons_then_promises_a_deadline(outbox, fakes) -> None:
    ctx = RatingContext(case_id="SL4", item_id="C0032", window="B3", staff_id="S0001")
    flow = RatingFlow(outbox, ctx, FixedNow, division_code="350999", followup_working_days=15)
    assert flow.submit(2) is None and flow.state is RatingState.REASONS
    assert fakes.pending(outbox) == []
    assert flow.submit_reasons("nothing picked") is Problem.MISSING  # at least one reason
    flow.toggle("long_wait")
    flow.toggle("fees")
    flow.toggle("long_wait")  # unpicked again
    flow.toggle("attitude")
    with pytest.raises(ValueError):
        flow.toggle("not-a-reason")
    assert flow.submit_reasons("  窗口无人，等了一小时  ") is None
    assert flow.state is RatingState.DONE
    # Friday 17:30 Beijing + 15 working days
    assert flow.deadline == date(2026, 12, 25)
    [p] = fakes.pending(outbox, "rating.submitted")
    assert p["reasons"] == ["fees", "attitude"]
    assert p["text"] == "窗口无人，等了一小时"
    assert (p["eval_time"], p["channel_code"], p["division_code"], p["count"]) == (
        "20261204173005",
        "5",
        "350999",
        1,
    )


def test_back_from_the_reasons_and_a_good_rating_has_none(outbox, fakes) -> None:
    flow = RatingFlow(outbox, RatingContext(case_id="SL5"))
    flow.submit(1)
    flow.toggle("other")
    flow.back()
    assert flow.state is RatingState.ASK and flow.picked == ()
    assert flow.submit(5) is None
    [p] = fakes.pending(outbox, "rating.submitted")
    assert (p["reasons"], p["text"], flow.deadline) == ([], "", None)


def test_published_reasons_and_window_replace_the_defaults_and_pad_codes_map(outbox) -> None:
    mine = [Reason(code="queue", zh="排队", en="Queue", pad_code=1)]
    flow = RatingFlow(outbox, RatingContext(case_id="SL6"))
    flow.check(FakeApi(reasons=mine))
    assert [r.code for r in flow.reasons] == ["queue"] and flow.followup_working_days == 10
    assert flow.pad_reasons([1, 1, 77]) == ("queue",)
    offline = RatingFlow(outbox)
    offline.check(FakeApi())
    assert offline.reasons == DEFAULT_REASONS  # offline: the built-in list
    assert offline.pad_reasons([2, 1]) == ("attitude", "long_wait")


def test_a_pad_with_a_screen_sends_its_reasons_along(outbox, fakes) -> None:
    flow = RatingFlow(outbox, RatingContext(case_id="SL7"))
    assert flow.submit(1, "pad", flow.pad_reasons([3, 4])) is None
    [p] = fakes.pending(outbox, "rating.submitted")
    assert (p["reasons"], p["channel_code"]) == (["materials_again", "overdue"], "4")


# -- the payload builder, property-tested ------------------------------------------------------
CODES = [r.code for r in DEFAULT_REASONS]
ids = st.none() | st.text(min_size=1, max_size=64)


@given(
    level=st.integers(1, 5),
    channel=st.sampled_from(sorted(CHANNEL_CODES)),
    at=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
    ),
    reasons=st.lists(st.sampled_from(CODES), max_size=12),
    text=st.text(max_size=800),
    case=ids,
    window=ids,
    staff=ids,
    division=st.none() | st.from_regex(r"^\d{6}(\d{6})?$", fullmatch=True),
)
def test_the_payload_builder_always_makes_a_valid_gbt_record(
    level, channel, at, reasons, text, case, window, staff, division
) -> None:
    ctx = RatingContext(case_id=case, window=window, staff_id=staff, item_id=None)
    p = build_payload(ctx, level, channel, at, reasons=reasons, text=text, division_code=division)
    rec = EvaluationPayload.model_validate(p)  # the service's own check accepts it
    assert rec.level == level and rec.case_id == case and rec.window == window
    assert rec.channel_code == CHANNEL_CODES[channel]
    assert rec.eval_time == at.astimezone(CHINA_TIME).strftime("%Y%m%d%H%M%S")
    assert datetime.fromisoformat(p["rated_at"]) == at.replace(microsecond=0)
    assert rec.count == 1 and rec.division_code == division
    if level <= 2:
        assert rec.reasons == list(dict.fromkeys(reasons))  # order kept, once each
        assert rec.text == text.strip()[:MAX_TEXT]
    else:
        assert rec.reasons == [] and rec.text == ""


@given(st.integers().filter(lambda n: not 1 <= n <= 5) | st.none())
def test_the_builder_refuses_a_level_off_the_scale(level) -> None:
    with pytest.raises(ValueError):
        build_payload(RatingContext(), level, "kiosk", datetime.now(UTC))
