"""用水用气报装's state machine: each application type from choice to the outbox, the applicant
from the identity step (and an agent's company), property proof by certificate-free or capture,
survey slots held and given back on reset, offline submission, and a form definition that
changed between opening and submitting (a clear answer, nothing lost)."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from contract.codes import NumberKind, parse_number
from contract.results import Conflict, Offline, Ok
from contract.utility import SlotHold, SurveySlot, SurveySlots, UtilityApplication
from contract.wire import Holder, Licence, Licences
from kiosk_app.core.citizen import Citizen, IdSource
from kiosk_app.core.flows.identity import SESSION_KEY
from kiosk_app.core.flows.ports import Outcome
from kiosk_app.core.flows.utility import FieldError, Step, UtilityFlow, Why

FORMS = json.loads(
    (Path(__file__).resolve().parents[3] / "config" / "utility" / "forms.json").read_text("utf-8")
)
CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=CST)
ID = "35099919850312131X"


def slot(utility: str = "water", sid: str = "W-20261208-0900") -> SurveySlot:
    return SurveySlot(
        id=sid,
        utility=utility,  # type: ignore[arg-type]
        start="2026-12-08T09:00:00+08:00",
        end="2026-12-08T09:40:00+08:00",
        free=2,
    )


def licences(*kinds: str, expired: bool = False) -> Licences:
    until = "2020-01-01" if expired else ""
    return Licences(
        holder=Holder(name="张伟", id_number=ID),
        licences=[
            Licence(
                kind=k,
                title=k,
                number=f"91350900MA{i}XYZ1234"
                if "business" in k
                else f"闽(2024)示范县不动产权第{i}号",
                holder="示范县某某有限公司" if "business" in k else "张伟",
                issuer="示范县",
                valid_from="2020-01-01",
                valid_until=until,
            )
            for i, k in enumerate(kinds)
        ],
    )


class Api:
    """The online calls the flow makes, answered from a script, recorded."""

    def __init__(self, *, hold: Any = None, slots: Any = None) -> None:
        self.released: list[str] = []
        self.held: list[str] = []
        self._hold = hold
        self._slots = slots

    def survey_slots(self, utility: str):  # type: ignore[no-untyped-def]
        if self._slots is not None:
            return self._slots
        return Ok(SurveySlots(utility=utility, slots=[slot(utility)]))  # type: ignore[arg-type]

    def hold_slot(self, slot_id: str, *, key: str | None = None):  # type: ignore[no-untyped-def]
        self.held.append(slot_id)
        if self._hold is not None:
            return self._hold
        utility = "water" if slot_id.startswith("W") else "gas"
        h = SlotHold(hold_id=f"H{len(self.held):016x}", slot=slot(utility, slot_id), expires_at="x")
        return Ok(h)

    def release_hold(self, hold_id: str):  # type: ignore[no-untyped-def]
        self.released.append(hold_id)
        return Ok(True)


@pytest.fixture
def forms() -> dict[str, Any]:
    return copy.deepcopy(FORMS)


def make(session, outbox, forms, api: Api | None = None, channel: str = "kiosk") -> UtilityFlow:  # type: ignore[no-untyped-def]
    return UtilityFlow(
        api or Api(),  # type: ignore[arg-type]
        outbox,
        session,
        "T-TEST",
        lambda: forms,
        channel=channel,
        clock=lambda: NOW,
    )


def identify(session) -> None:  # type: ignore[no-untyped-def]
    session.put(SESSION_KEY, Citizen(IdSource.CARD, "张伟", ID), personal=("张伟", ID))


def to_details(flow: UtilityFlow, session, utilities: str, app_type: str) -> None:  # type: ignore[no-untyped-def]
    assert flow.choose(utilities, app_type) is None
    identify(session)
    assert flow.applicant_done() is None
    assert flow.step is Step.ADDRESS
    assert (
        flow.choose_address({"id": "A00001", "text": "示范县城关街道东门社区解放路1号1栋"}) is None
    )
    if flow.needs_proof():
        flow.property.apply(Outcome(licences("real_estate_certificate")))
        assert flow.proof_from_licences() is None
    if flow.needs_survey():
        assert flow.step is Step.SURVEY
        for u in flow.utilities():
            got = flow.load_slots(u)
            assert got.value is not None
            s = got.value.slots[0]
            assert flow.apply_hold(s, flow.hold(s)) is None
        assert flow.survey_done() is None
    assert flow.step is Step.DETAILS


FIELDS = {
    "new": {"usage": "居民生活", "households": "2", "pipe_size": "DN20", "appliances": "灶具"},
    "capacity": {"account": "W1234567", "reason": "开店"},
    "transfer": {"account": "W1234567", "previous_holder": "李四"},
    "stop": {"account": "G7654321", "reason": "房屋空置"},
}


@pytest.mark.parametrize(
    ("utilities", "app_type"),
    [("water", "new"), ("gas", "new"), ("both", "new"), ("water", "capacity"),
     ("gas", "transfer"), ("both", "stop")],
)  # fmt: skip
def test_each_application_type_reaches_the_outbox_once(
    session, outbox, forms, fakes, utilities: str, app_type: str
) -> None:
    api = Api()
    flow = make(session, outbox, forms, api)
    to_details(flow, session, utilities, app_type)
    flow.set_phone("139 0000 1111")
    for k, v in FIELDS[app_type].items():
        flow.set_field(k, v)
    assert flow.details_done() is None and flow.step is Step.REVIEW
    assert flow.submit() is None and flow.step is Step.DONE
    assert flow.submit() is None  # a second tap: nothing more
    [payload] = fakes.pending(outbox, "utility.applied")
    app = UtilityApplication.model_validate(payload)
    assert parse_number(app.number).kind is NumberKind.APPLICATION  # type: ignore[union-attr]
    assert app.form_type == app_type and app.utilities == utilities
    assert app.applicant.id_number == ID and app.applicant.verified_by == "card"
    wanted = {"water": ("water",), "gas": ("gas",), "both": ("water", "gas")}[utilities]
    if flow.needs_survey():
        assert set(app.slots) == set(app.holds) == set(wanted)
    else:
        assert app.slots == {} and api.held == []
    if app_type == "stop":
        assert app.property_proof.method == "none"
    else:
        assert app.property_proof.method == "certfree"
        assert "不动产权" in app.property_proof.licence_number
    # the form's own fields: only those of the utilities chosen
    assert ("pipe_size" in app.fields) == (app_type == "new" and "water" in wanted)
    assert ("appliances" in app.fields) == (app_type == "new" and "gas" in wanted)
    # the slip: number, survey, what next; nothing personal unmasked
    slip = flow.receipt(sent=False)
    text = "\n".join(slip.texts())
    assert app.number in text and "网络恢复后自动报送" in text and "139****1111" in text
    assert ID not in text and "13900001111" not in text
    # after submission, holds are booked, not released; reset wipes the person
    flow.forget()
    assert api.released == []
    assert flow.applicant is None and session.get("utility.applicant") is None


def test_slot_held_while_filling_is_released_on_reset(session, outbox, forms) -> None:
    api = Api()
    flow = make(session, outbox, forms, api)
    to_details(flow, session, "both", "new")
    assert len(flow.draft.holds) == 2
    session.reset()  # idle reset: the session's wipers run
    assert sorted(api.released) == sorted(["H0000000000000001", "H0000000000000002"])
    assert flow.draft.holds == {} and flow.step is Step.CHOOSE


def test_choosing_another_slot_gives_the_first_back(session, outbox, forms) -> None:
    api = Api()
    flow = make(session, outbox, forms, api)
    to_details(flow, session, "water", "new")
    first = flow.draft.holds["water"]
    other = slot("water", "W-20261208-1000")
    assert flow.apply_hold(other, flow.hold(other)) is None
    assert api.released == [first] and flow.draft.slots["water"].id == other.id


def test_a_slot_taken_meanwhile_says_so_and_offline_keeps_the_wish(session, outbox, forms) -> None:
    flow = make(session, outbox, forms, Api(hold=Conflict("full")))
    flow.choose("water", "new")
    s = slot()
    assert flow.apply_hold(s, flow.hold(s)) is Why.SLOT_TAKEN
    assert "water" not in flow.draft.slots
    flow2 = make(session, outbox, forms, Api(hold=Offline("down")))
    flow2.choose("water", "new")
    assert flow2.apply_hold(s, flow2.hold(s)) is None
    assert flow2.draft.slots["water"].id == s.id and flow2.draft.holds == {}


def test_not_identified_then_agent_needs_the_company(session, outbox, forms) -> None:
    flow = make(session, outbox, forms)
    flow.choose("gas", "new")
    assert flow.applicant_done() is Why.NOT_IDENTIFIED
    identify(session)
    flow.as_agent(True)
    assert flow.applicant_done() is Why.NO_COMPANY
    flow.company.apply(Outcome(licences("business_licence")))
    assert flow.company_from_licences() is None
    assert flow.applicant is not None and flow.applicant.company == "示范县某某有限公司"
    assert flow.applicant_done() is None


def test_property_proof_missing_expired_or_captured(session, outbox, forms, tmp_path) -> None:
    flow = make(session, outbox, forms)
    flow.choose("water", "new")
    flow.property.apply(Outcome(licences("driving_licence")))
    assert flow.proof_from_licences() is Why.NO_PROOF
    flow.property.apply(Outcome(licences("real_estate_certificate", expired=True)))
    assert flow.proof_from_licences() is Why.EXPIRED
    pdf = tmp_path / "proof.pdf"
    pdf.write_bytes(b"%PDF-1.4 captured")
    assert flow.proof_captured(pdf) is None
    assert flow.draft.proof_method == "capture" and flow.step is Step.SURVEY


def test_captured_proof_travels_as_an_attachment(session, outbox, forms, fakes, tmp_path) -> None:
    flow = make(session, outbox, forms, channel="desk")
    flow.choose("water", "transfer")
    identify(session)
    flow.applicant_done()
    flow.type_address("示范县城关街道东门社区新建小区9栋")
    pdf = tmp_path / "proof.pdf"
    pdf.write_bytes(b"%PDF-1.4 captured")
    flow.proof_captured(pdf)
    flow.set_phone("13900001111")
    for k, v in FIELDS["transfer"].items():
        flow.set_field(k, v)
    assert flow.submit() is None
    [payload] = fakes.pending(outbox, "utility.applied")
    assert payload["property_proof"]["method"] == "capture"
    assert payload["address_id"] == "" and payload["channel"] == "desk"
    assert outbox.pending_blobs([payload["property_proof"]["blob_sha256"]])


def test_details_are_checked_against_the_form(session, outbox, forms) -> None:
    flow = make(session, outbox, forms)
    to_details(flow, session, "water", "new")
    flow.set_phone("12345")
    flow.set_field("households", "两户")
    flow.set_field("usage", "游泳池")
    assert flow.details_done() is Why.INVALID
    assert flow.errors == {
        "phone": FieldError.BAD_PHONE,
        "households": FieldError.NOT_A_NUMBER,
        "usage": FieldError.NOT_A_CHOICE,
        "pipe_size": FieldError.MISSING,
    }


def test_form_changed_between_pull_and_submit_keeps_everything(
    session, outbox, forms, fakes
) -> None:
    flow = make(session, outbox, forms)
    to_details(flow, session, "water", "capacity")
    flow.set_phone("13900001111")
    for k, v in FIELDS["capacity"].items():
        flow.set_field(k, v)
    flow.set_notes("下午在家")
    assert flow.details_done() is None
    # the county publishes capacity v2 with a new required field while the citizen reviews
    v2 = copy.deepcopy(next(f for f in forms["forms"] if f["type"] == "capacity"))
    v2["version"] = 2
    v2["fields"].append(
        {"name": "new_size", "label_zh": "新口径", "kind": "choice", "required": True,
         "choices": ["DN25", "DN40"]}
    )  # fmt: skip
    forms["forms"].append(v2)
    assert flow.submit() is Why.FORM_CHANGED
    assert flow.changed == ("new_size",) and flow.step is Step.DETAILS
    assert fakes.pending(outbox, "utility.applied") == []
    # nothing lost: every value is still there
    assert flow.draft.fields == FIELDS["capacity"] and flow.draft.notes == "下午在家"
    assert flow.draft.phone == "13900001111" and "water" in flow.draft.holds
    flow.set_field("new_size", "DN40")
    assert flow.submit() is None
    [payload] = fakes.pending(outbox, "utility.applied")
    assert payload["form_version"] == 2 and payload["fields"]["new_size"] == "DN40"


def test_outbox_failure_loses_nothing(session, forms) -> None:
    class Broken:
        def transaction(self):  # type: ignore[no-untyped-def]
            from kiosk_app.core.errors import OutboxError

            raise OutboxError("disk full")

    flow = make(session, Broken(), forms)
    to_details(flow, session, "gas", "capacity")
    flow.set_phone("13900001111")
    for k, v in FIELDS["capacity"].items():
        flow.set_field(k, v)
    assert flow.submit() is Why.STORAGE
    assert flow.submitted is None and flow.draft.fields == FIELDS["capacity"]


def test_no_forms_at_all(session, outbox) -> None:
    flow = UtilityFlow(Api(), outbox, session, "T", lambda: None)  # type: ignore[arg-type]
    assert flow.load_forms() is Why.NO_FORMS
    assert flow.choose("water", "new") is Why.NO_FORMS


def test_photo_from_the_phone_is_the_proof_once_it_arrived(session, outbox, forms, fakes) -> None:
    from contract.utility import UploadStatus

    flow = make(session, outbox, forms)
    flow.choose("water", "transfer")
    identify(session)
    flow.applicant_done()
    flow.type_address("示范县青石镇竹林村 8 号")
    waiting = UploadStatus(ref="U" + "1" * 16, status="waiting")
    assert flow.proof_uploaded(waiting) is Why.NO_PROOF and flow.step is Step.PROOF
    got = UploadStatus(ref="U" + "1" * 16, status="received", sha256="a" * 64, size=10)
    assert flow.proof_uploaded(got) is None and flow.step is Step.DETAILS
    flow.set_phone("13900001111")
    for k, v in FIELDS["transfer"].items():
        flow.set_field(k, v)
    assert flow.submit() is None
    [payload] = fakes.pending(outbox, "utility.applied")
    assert payload["property_proof"] == {
        "method": "upload",
        "licence_number": "",
        "blob_sha256": "a" * 64,
        "upload_ref": "U" + "1" * 16,
    }
