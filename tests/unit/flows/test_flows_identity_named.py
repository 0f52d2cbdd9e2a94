"""What the identity step's Citizen does in the flows that use it: a named 12345 caller (and
the anonymous one as before), certificate-free refusing another person's authorisation, the
desk's applicant from the card — and each wiped with the session."""

from __future__ import annotations

from datetime import UTC, datetime

from contract.events import HotlinePayload
from contract.results import Ok
from contract.wire import Holder, Licence, Licences, VerifiedIdentity
from kiosk_app.core.flows.certfree import CertfreeFlow, CertfreeState
from kiosk_app.core.flows.desk_case import DeskCase, Item
from kiosk_app.core.flows.desk_staff import Staff
from kiosk_app.core.flows.hotline import Draft, HotlineFlow
from kiosk_app.core.flows.identity import IdentityFlow, IdentityState, current_citizen
from kiosk_app.core.flows.ports import Problem

LINA = ("李娜", "350999199007212420")
ZHANG = ("张伟", "350999198503121315")
EID = "CTID-DEMO-valid-02-".ljust(40, "0")
TOKEN = "ZWFW-SQ:" + "demo-sq-valid-01-".ljust(32, "0")


def identify(session, fakes, who=LINA):
    api = fakes.Api(resolve_eid=Ok(VerifiedIdentity(method="eid", name=who[0], id_number=who[1])))
    flow = IdentityFlow(api, session)
    assert flow.scanned(EID) is None
    flow.apply(flow.run())
    assert flow.state is IdentityState.DONE
    return flow.citizen


def licences(who=ZHANG) -> Licences:
    return Licences(
        holder=Holder(name=who[0], id_number=who[1]),
        licences=[
            Licence(
                kind="id_card",
                title="居民身份证",
                number=who[1],
                holder=who[0],
                issuer="示范县公安局",
                valid_from="2016-06-01",
                valid_until="2036-06-01",
            )
        ],
    )


def draft(caller=None) -> Draft:
    return Draft("city", "路灯不亮，夜间很黑", "人民路", "13900002222", caller=caller)


def test_hotline_named_caller_and_anonymous(outbox, session, fakes):
    day = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    anonymous = HotlineFlow(outbox, session, "T", clock=lambda: day)
    assert anonymous.submit(draft()) == {}
    citizen = identify(session, fakes)
    named = HotlineFlow(outbox, session, "T", clock=lambda: day)
    assert named.submit(draft(citizen)) == {}
    first, second = fakes.pending(outbox, "hotline.created")
    assert "caller" not in first  # anonymity kept: nothing of the person
    assert second["caller"] == {"source": "eid", "name": LINA[0], "id_number": LINA[1]}
    assert HotlinePayload.model_validate(second).caller is not None  # the contract's shape
    assert "李娜" not in repr(draft(citizen))
    session.reset("idle")
    assert current_citizen(session) is None and session.keys() == []


def test_certfree_refuses_someone_elses_authorisation(outbox, session, fakes):
    identify(session, fakes, LINA)
    api = fakes.Api(redeem_authorization=Ok(licences(ZHANG)))
    flow = CertfreeFlow(api, outbox, session, "T")
    assert flow.scanned(TOKEN) is None
    flow.apply(flow.run())
    assert flow.state is CertfreeState.PROBLEM and flow.problem is Problem.REFUSED
    assert flow.wrong_holder and flow.shown() == [] and session.get("certfree.licences") is None
    # the holder's own: taken
    api.answers["redeem_authorization"] = Ok(licences(LINA))
    assert flow.scanned(TOKEN) is None and not flow.wrong_holder
    flow.apply(flow.run())
    assert flow.state is CertfreeState.CONSENT and flow.holder_masked()[0] == "李*"


def test_certfree_without_an_identity_is_as_before(outbox, session, fakes):
    flow = CertfreeFlow(fakes.Api(redeem_authorization=Ok(licences(ZHANG))), outbox, session, "T")
    flow.scanned(TOKEN)
    flow.apply(flow.run())
    assert flow.state is CertfreeState.CONSENT and not flow.wrong_holder


def test_desk_applicant_comes_from_the_identity_step(outbox, session, fakes):
    case = DeskCase(fakes.Api(), outbox, session, "T-DESK", "1号窗口", Staff("S0001", "王晓明"))
    case.choose(Item("C0032", "居民身份证换领"))
    assert "applicant" not in case.payload(1, datetime.now(UTC))
    identify(session, fakes, LINA)
    body = case.payload(1, datetime.now(UTC))
    assert body["applicant"] == {"name": LINA[0], "id_number": LINA[1], "verified_by": "eid"}
    session.reset("desk-next")
    assert case.citizen is None
