"""Request and response bodies of the Terminal API (base path ``/api/v1``).

The central service declares its routes with these models, so its OpenAPI document is generated
from them; the terminal's client parses the answers with the same models. Answers are read
tolerantly (unknown fields ignored: a newer service may add some), requests strictly (an unknown
field is a client bug the service names).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contract import codes


class Answer(BaseModel):
    """A body the service sends; the terminal reads what it knows."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Request(BaseModel):
    """A body the terminal sends; the service refuses unknown fields."""

    model_config = ConfigDict(extra="forbid")


# -- errors ------------------------------------------------------------------------------------
class Error(Answer):
    detail: str = Field(description="what went wrong, in words a technician can act on")


class ValidationProblem(Answer):
    loc: list[str | int]
    msg: str
    type: str


class Refusal(Error):
    """403 for another site's appointment: where the citizen should go, and nothing personal."""

    site_name: str = ""


class ValidationError(Answer):
    detail: str
    errors: list[ValidationProblem] = Field(default_factory=list)


# -- appointments and queue tickets (预约办, 现场取号) ---------------------------------------------
class AppointmentLookup(Request):
    code: str | None = Field(None, pattern=codes.APPOINTMENT_CODE)
    phone: str | None = Field(None, pattern=codes.PHONE)
    code6: str | None = Field(None, pattern=codes.CODE6)

    @model_validator(mode="after")
    def _one_way(self) -> AppointmentLookup:
        by_code = self.code is not None
        by_phone = self.phone is not None or self.code6 is not None
        if by_code == by_phone or (by_phone and (self.phone is None or self.code6 is None)):
            raise ValueError("give either code, or phone together with code6")
        return self


class Appointment(Answer):
    code: str
    name: str  # personal: the terminal shows it masked
    item_id: str = ""
    service: str
    site: str = ""
    site_name: str = ""
    slot_start: str
    slot_end: str
    status: Literal["booked", "checked_in", "expired"]
    ticket_number: str | None = None


class TicketRequest(Request):
    category: str | None = Field(None, min_length=1, max_length=40)
    item_id: str | None = Field(None, min_length=1, max_length=32)

    @model_validator(mode="after")
    def _one_of(self) -> TicketRequest:
        if (self.category is None) == (self.item_id is None):
            raise ValueError("give exactly one of category or item_id")
        return self


class Ticket(Answer):
    number: str
    service: str
    window: str
    waiting: int = Field(description="people ahead in this queue when issued")
    follow_url: str
    issued_at: str
    queue: str = ""
    appointment: bool = False


class CheckinResult(Answer):
    ticket: Ticket


class TicketPosition(Answer):
    number: str
    service: str = ""
    window: str = ""
    waiting: int = Field(description="people ahead now")
    status: Literal["waiting", "called"]
    issued_at: str = ""
    estimated_call_at: str = ""


# -- certificate-free (免证办) ---------------------------------------------------------------------
class RedeemRequest(Request):
    token: str = Field(pattern=codes.AUTH_TOKEN)


class Holder(Answer):
    name: str  # personal
    id_number: str  # personal


class Licence(Answer):
    kind: str
    title: str
    number: str
    holder: str
    issuer: str
    valid_from: str
    valid_until: str | None = None  # None: valid without end (长期)


class Licences(Answer):
    """The answer to a redeemed authorisation: whose licences, and the licences."""

    holder: Holder
    licences: list[Licence]


MAX_ASSERTION = 200  # v1.<method>.<expiry>.<64 hex>: about 90 characters

# -- proofs (证明打印) -----------------------------------------------------------------------------
ProofKind = Literal["social_insurance", "real_estate"]
PROOF_TITLES: dict[str, str] = {"social_insurance": "参保证明", "real_estate": "不动产登记查询结果"}


class ProofRequest(Request):
    """Who asks for which proof. The service does not take the terminal's word that it
    identified the person: ``assertion`` is the one the service itself answered when it checked
    them (``VerifiedIdentity.assertion``, from the e-ID or texted-code routes), good for that
    terminal, that ID number and a few minutes; anything else is refused with 403."""

    kind: ProofKind
    id_number: str = Field(pattern=codes.ID_NUMBER)  # personal
    name: str = Field(min_length=1, max_length=40)  # personal
    assertion: str = Field(
        min_length=1,
        max_length=MAX_ASSERTION,
        description="the service's identity assertion for this person (VerifiedIdentity)",
    )


class ProofIssued(Answer):
    """A proof the service has made; its PDF is fetched with ``GET /api/v1/proofs/{number}``."""

    number: str = Field(pattern=codes.PROOF_NUMBER)
    kind: ProofKind
    title: str
    issued_at: str
    expires_at: str = Field(description="the PDF can be fetched until then (by this terminal)")
    pages: int = Field(ge=1)
    size: int = Field(ge=1, description="bytes of the PDF")
    sha256: str = Field(pattern=codes.SHA256_HEX, description="of the PDF's bytes")
    verify_url: str = Field(description="what the proof's QR code opens: the service's check")


@dataclass(frozen=True)
class FetchedProof:
    """A proof's PDF as the terminal received it, checked against its ``ProofIssued``.

    Not a JSON body: the PDF travels as ``application/pdf``. Personal (it names the person):
    it lives in the session only, and is printed as it came, verification QR included.
    """

    issued: ProofIssued
    pdf: bytes


# -- 12345 work orders ---------------------------------------------------------------------------
StageName = Literal["received", "contacted", "on_site", "feedback", "result"]


class Stage(Answer):
    stage: StageName
    deadline: str | None = None
    done_at: str | None = None


class WorkOrderLookup(Request):
    """A citizen reads an order filed at another terminal by proving the phone on record."""

    number: str = Field(pattern=codes.WORKORDER_NUMBER)
    phone_last4: str = Field(pattern=r"^[0-9]{4}$")


class WorkOrderGroup(Answer):
    by_person: int | None = Field(
        None,
        description="not told to terminals: counting the orders of the phone a filer typed would "
        "tell anyone how often a stranger called (一人多次 stays with the hotline's operators)",
    )
    by_matter: int = Field(
        0, description="orders about the same category and place in the last 30 days (一事多人)"
    )


class Escalation(Answer):
    """What an overdue 12345 request got: each level at its time (督办, then the county leader)."""

    level: int = Field(ge=1)
    to: str = Field(description="who the request was escalated to")
    at: str


class Deadline(Answer):
    """A 12345 request's response tier and whether it is overdue (contract.hotline.TIER_MINUTES)."""

    tier: Literal["30m", "2h", "24h"] = "24h"
    due_at: str | None = Field(None, description="when the hotline must have answered")
    answered_at: str | None = None
    overdue: bool = Field(False, description="the due time passed without an answer")
    escalation: list[Escalation] = Field(default_factory=list)


class WorkOrder(Answer):
    number: str
    category: str
    status: StageName
    created_at: str
    timeline: list[Stage]
    group: WorkOrderGroup = WorkOrderGroup()
    matter: str | None = Field(None, description="matter code of the classification")
    deadline: Deadline = Deadline()
    joined_to: str | None = Field(
        None, description="the work order this request was grouped into (repeat requests)"
    )
    people: int = Field(1, description="requests grouped in the order this one belongs to")


# -- pulls ---------------------------------------------------------------------------------------
class CatalogItem(Answer):
    id: str
    name: str
    department: str
    category: str
    materials: list[str]
    fee: str
    time_limit_days: int
    window: str
    online: bool
    keywords: list[str]


class Catalog(Answer):
    version: str
    items: list[CatalogItem]


class TerminalConfigPush(Answer):
    terminal_id: str = Field(min_length=1, max_length=64)
    version: int = Field(ge=0, description="the config's own counter; only goes up")
    config: dict[str, Any]
    key_id: str = Field("", description="first 16 hex digits of sha256 of the raw public key")
    public_key: str = Field(
        "", description="base64 raw Ed25519 public key (a hint: never used to verify)"
    )
    signature: str = Field(
        description="base64 Ed25519 signature over contract.signing.canonical() of "
        "{terminal_id, version, config}"
    )

    def signed_part(self) -> dict[str, Any]:
        """What the signature covers (its bytes: ``contract.signing.canonical``)."""
        return {"terminal_id": self.terminal_id, "version": self.version, "config": self.config}


# -- 办件查询: progress of any number the terminal handed out -------------------------------------
ProgressKind = Literal["ticket", "case", "workorder", "document", "application"]


class ProgressStep(Answer):
    """One step of a number's way: ``done_at`` once done, ``deadline`` when one is promised."""

    step: str = Field(
        description="ticket: issued, called; case/document/application: received, accepted, "
        "result; workorder: received, contacted, on_site, feedback, result"
    )
    deadline: str | None = None
    done_at: str | None = None


class ProgressProof(Request):
    """``POST /api/v1/progress:with-phone``: a citizen asks at another terminal (or site) for a
    12345 work order or utility application and proves the phone it was filed with. The phone
    travels only in this body, never in a URL (URLs end up in logs)."""

    number: str = Field(min_length=4, max_length=40, description="typed however: parse_number")
    phone: str = Field(pattern=codes.PHONE, description="the mobile number given when filing")


class Progress(Answer):
    """``GET /api/v1/progress/{number}``: where a queue ticket, case, 12345 work order, filed
    document or utility application stands, for the citizen who holds the number."""

    number: str = Field(description="canonical form (contract.codes.parse_number)")
    kind: ProgressKind
    status: str = Field(description="the last step done")
    service: str = Field("", description="what it is about: service item or 12345 category")
    where: str = Field("", description="the window or place the citizen goes to, if any")
    waiting: int | None = Field(None, description="queue tickets: people ahead now")
    created_at: str = ""
    steps: list[ProgressStep]
    deadline: Deadline | None = Field(None, description="12345 work orders: tier, overdue")
    joined_to: str | None = Field(None, description="12345: the order this request joined")


# -- identity (身份核验): the alternatives to the ID card ----------------------------------------
class EidResolve(Request):
    code: str = Field(
        pattern=codes.EID_CODE,
        description="the 电子身份证 / 网证 QR as scanned from the citizen's phone (opaque)",
    )


class SmsCodeRequest(Request):
    id_number: str = Field(pattern=codes.ID_NUMBER, description="typed by the citizen")


class SmsChallenge(Answer):
    challenge: str = Field(description="names this code; sent back with the code typed")
    phone_masked: str = Field(description="the phone on record, masked (139****1111)")
    expires_in_s: int = Field(description="the code is good for this long")
    resend_after_s: int = Field(description="no new code for this number before then")


class SmsCodeCheck(Request):
    challenge: str = Field(pattern=codes.CHALLENGE_ID)
    code: str = Field(pattern=codes.SMS_CODE)


class VerifiedIdentity(Answer):
    """Who the citizen is, as the service vouches for it (personal: session only).

    ``assertion`` is the service's signed word that it checked this person, for this terminal,
    for a few minutes: what ``ProofRequest`` carries (a bearer credential: session only)."""

    method: Literal["eid", "sms"]
    name: str
    id_number: str
    assertion: str = Field(default="", max_length=MAX_ASSERTION)


# -- video help (视频帮办) ------------------------------------------------------------------------
# The call's media go peer to peer over WebRTC (the terminal and the agent's browser); what the
# central service carries is the signalling over WebSockets (``/api/v1/video/terminal`` with the
# terminal's bearer token, ``/api/v1/video/agent`` with an agent's session) and the queue.
# ``signal`` payloads (SDP descriptions, ICE candidates) are relayed as sent, within
# ``VIDEO_SIGNAL`` bounds; every other message is one of the models below, told apart by
# ``type``. Nothing personal travels here: the terminal says where the citizen was (flow and
# screen names), never what they entered.

VIDEO_SIGNAL_MAX_BYTES = 64 * 1024  # one SDP with every codec is ~8 KiB; a candidate ~300 B
# one message on either socket, a signal with its envelope (the service refuses more; the
# terminal's socket takes no more)
VIDEO_MESSAGE_MAX_BYTES = 96 * 1024
# a dropped socket may come back this long and keep its place in the queue or its call: the
# service's default (central VideoSettings.grace_s), and how long the terminal keeps trying
VIDEO_GRACE_S = 20.0

UnavailableReason = Literal["closed", "no_agent", "disabled", "busy"]


class CallEndReason(StrEnum):
    """Why a call ended: what the terminal sends in ``EndCall`` and the service records (and
    tells in ``CallEnded``); one vocabulary for both sides. The agent's console may send
    its own words (``EndCall.reason`` is any short name)."""

    CITIZEN = "citizen"  # pressed "end"
    AGENT = "agent"
    RESET = "reset"  # the terminal's idle reset, or the session ended otherwise
    LINK_LOST = "link_lost"  # the terminal's socket did not come back
    MEDIA_FAILED = "media_failed"  # no microphone either, or the media engine died
    SERVICE = "service"  # the centre ended it (the agent's page closed for good …)
    CALLBACK = "callback"  # ended to leave a call-back request
    TERMINAL_LOST = "terminal_lost"  # the service's side: the terminal's grace ran out
    NO_AGENT = "no_agent"  # the service's side: the last agent signed out
    REPLACED = "replaced"  # the service's side: the terminal placed a new call


class IceServer(Answer):
    """An RTCIceServer (STUN or TURN); on loopback the list is empty."""

    urls: list[str] = Field(min_length=1)
    username: str | None = None
    credential: str | None = None


class VideoStatus(Answer):
    """``GET /api/v1/video/status``: whether the terminal may offer video help now."""

    enabled: bool = Field(description="the county runs video help at all")
    open: bool = Field(description="within the centre's service hours now")
    hours: str = Field(description="the service hours as the terminal shows them, e.g. 08:30-17:30")
    agents_online: int = Field(ge=0)
    waiting: int = Field(ge=0, description="calls waiting now")
    estimated_wait_s: int = Field(ge=0, description="for a call placed now")
    recording: bool = Field(False, description="this terminal's calls are recorded by the agent")


class CallContext(Request):
    """Where the citizen asked for help: names of the flow and screen, the language. No data."""

    flow: str = Field("home", max_length=40, pattern=r"^[a-z0-9_]+$")
    screen: str = Field("", max_length=60, pattern=r"^[a-z0-9_.]*$")
    language: Literal["zh_CN", "en"] = "zh_CN"
    elder: bool = False
    camera: bool = Field(True, description="the terminal's own camera works (else audio only)")


class TerminalHello(Request):
    """The terminal's first message: place a call, or take back its place after a dropped
    socket with the ``resume`` secret it was given."""

    type: Literal["call"] = "call"
    context: CallContext = Field(default_factory=CallContext)
    resume: str | None = Field(None, min_length=16, max_length=64)


class VideoSignal(Request):
    """An SDP description or ICE candidate for the other side, relayed as sent."""

    type: Literal["signal"] = "signal"
    data: dict[str, Any]


class DocSharing(Request):
    """Terminal → agent: the document camera is (no longer) being sent."""

    type: Literal["doc_sharing"] = "doc_sharing"
    on: bool


class DocRequest(Request):
    """Agent → terminal: please show (or stop showing) the document camera."""

    type: Literal["doc_request"] = "doc_request"
    on: bool = True


class EndCall(Request):
    type: Literal["end"] = "end"
    reason: str = Field("", max_length=40, pattern=r"^[a-z_]*$")


class AnswerNext(Request):
    """Agent: take the call that has waited longest (or ``call_id``)."""

    type: Literal["answer"] = "answer"
    call_id: str | None = Field(None, max_length=40)


class AgentHello(Request):
    """The agent console's first message on its socket: the session token from sign-in (kept
    out of the URL, so it is in no access log)."""

    type: Literal["hello"] = "hello"
    token: str = Field(min_length=16, max_length=128)


class Queued(Answer):
    type: Literal["queued"] = "queued"
    call_id: str
    position: int = Field(ge=1, description="1: the next call an agent takes")
    estimated_wait_s: int = Field(ge=0)
    agents_online: int = Field(ge=0)
    resume: str = Field(description="secret to take the place back after a dropped socket")


class Unavailable(Answer):
    type: Literal["unavailable"] = "unavailable"
    reason: UnavailableReason
    hours: str = ""


class Answered(Answer):
    type: Literal["answered"] = "answered"
    call_id: str
    agent_name: str = Field(description="the agent's display name (a staff name or number)")
    ice_servers: list[IceServer] = Field(default_factory=list)
    recording: bool = False


class PeerLeft(Answer):
    """The other side's socket closed mid-call; it may come back within ``grace_s``."""

    type: Literal["peer_left"] = "peer_left"
    grace_s: int = Field(ge=0)


class PeerBack(Answer):
    type: Literal["peer_back"] = "peer_back"


class CallEnded(Answer):
    type: Literal["ended"] = "ended"
    call_id: str
    by: Literal["terminal", "agent", "service"]
    reason: str = ""


class WaitingCall(Answer):
    """One call in the queue as an agent sees it: which terminal, where, which flow."""

    call_id: str
    terminal_id: str
    terminal_name: str
    site: str
    location: str = ""
    flow: str
    screen: str = ""
    language: str = "zh_CN"
    elder: bool = False
    camera: bool = True
    waiting_s: int = Field(ge=0)


class QueueView(Answer):
    type: Literal["queue"] = "queue"
    calls: list[WaitingCall]
    agents_online: int = Field(ge=0)


class AgentCall(Answer):
    """The agent took a call: what they may know about it, and how to reach the terminal."""

    type: Literal["call"] = "call"
    call: WaitingCall
    ice_servers: list[IceServer] = Field(default_factory=list)
    recording: bool = False


class AgentSignIn(Request):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class Agent(Answer):
    id: str
    username: str
    display_name: str
    role: Literal["agent", "supervisor"]


class AgentSession(Answer):
    token: str = Field(
        description="send as the first message on /api/v1/video/agent, and as "
        "Authorization: Bearer on the agent's REST calls"
    )
    expires_at: str
    agent: Agent


class CallNote(Request):
    text: str = Field(min_length=1, max_length=4000)


class SnapshotSaved(Answer):
    id: str
    call_id: str
    sha256: str
    size: int
    taken_at: str


class CallRecord(Answer):
    """A finished or running call as the agent's console lists it."""

    call_id: str
    terminal_id: str
    flow: str
    queued_at: str
    answered_at: str | None = None
    ended_at: str | None = None
    ended_by: str | None = None
    agent_id: str | None = None
    note: str | None = None
    snapshots: list[SnapshotSaved] = Field(default_factory=list)


class CallbackRequest(Answer):
    """A citizen asked to be phoned back (``video.callback_requested``); agents see the phone."""

    key: str
    terminal_id: str
    phone: str
    reason: str
    flow: str
    requested_at: str
