"""用水用气报装: one application for water, gas or both, with a remote site survey (远程踏勘).

Steps (the screen may go back to any step; nothing typed is lost)::

    choose (water/gas/both × new/capacity/transfer/stop)
      → applicant (the identity step's citizen; an agent adds the company and its business
        licence, by certificate-free or captured)
      → address (the county's list, searched like the catalog; typed when missing)
      → property proof (不动产权证 by certificate-free, or captured at a desk)
      → survey slot (held online while the rest is filled; released when the session ends)
      → details (phone, notes, and the fields the form definition asks)
      → submit (outbox, once) → slip

What is asked per type is not code: it is the form definition the central service publishes
(``contract.utility.FormDefinition``), pulled and cached like the catalog. The application
names the version it was filled against. If a newer version arrived between the start and the
submission, ``submit`` switches to it, keeps every value typed, and answers ``FORM_CHANGED``
with the fields to look at — the citizen checks them and submits again.

Submission goes through the outbox as ``utility.applied`` (one record with its attachments,
exactly once by its key): with the central service down it is accepted locally and printed as
"received, will be sent". Personal values (name, ID number, phone, company licence) live in the
session only, registered as personal, wiped on reset; the survey hold is given back then too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from contract.codes import NumberKind, new_number, spoken
from contract.results import Ok, Result
from contract.utility import (
    FormDefinition,
    FormField,
    SlotHold,
    SurveySlot,
    SurveySlots,
    UploadStatus,
    UploadTicket,
    UtilityApplication,
    utilities_of,
)
from contract.wire import Licence
from devices.printer.model import Align, Cut, Feed, QrCode, Receipt, Separator, Text
from devices.printer.templates import check_no_personal, number_code
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.identity import current_citizen
from kiosk_app.core.flows.licences import LicenceRedemption
from kiosk_app.core.flows.ports import CitizenApi, OutboxPort, Outcome, Problem, failed
from kiosk_app.core.masking import mask_phone
from kiosk_app.core.session import Session

SCOPE = "utility"
EVENT = "utility.applied"
PROPERTY_KINDS = ("real_estate_certificate", "real_estate_proof")
COMPANY_KINDS = ("business_licence", "individual_business_licence", "cooperative_licence")
TYPES = ("new", "capacity", "transfer", "stop")
CHOICES = ("water", "gas", "both")
_PHONE_DIGITS = 11


class Step(StrEnum):
    CHOOSE = "choose"
    APPLICANT = "applicant"
    ADDRESS = "address"
    PROOF = "proof"
    SURVEY = "survey"
    DETAILS = "details"
    REVIEW = "review"
    DONE = "done"


class Why(StrEnum):
    """What the screen says when a step cannot go on (and what to do instead)."""

    NO_FORMS = "no_forms"  # never pulled and none shipped: go to the desk
    NOT_IDENTIFIED = "not_identified"  # run the identity step first
    NO_COMPANY = "no_company"  # an agent: the company's name and its licence
    NO_ADDRESS = "no_address"
    NO_PROOF = "no_proof"  # no 不动产权证 among the licences: capture it at a desk
    EXPIRED = "expired"  # the licence has expired: renew it first
    SLOT_TAKEN = "slot_taken"  # someone else took it a moment ago: choose another
    NO_SLOT = "no_slot"  # a survey is needed: choose a slot (or "arrange by phone")
    INVALID = "invalid"  # ``errors`` names each field
    FORM_CHANGED = "form_changed"  # a newer form arrived: ``changed`` names what to look at
    STORAGE = "storage"  # the terminal could not store it: try again, nothing lost
    SERVICE = "service"  # the central service's answer (``problem``)


class FieldError(StrEnum):
    MISSING = "missing"
    TOO_LONG = "too_long"
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    NOT_A_CHOICE = "not_a_choice"
    BAD_PHONE = "bad_phone"


@dataclass(frozen=True)
class FormSet:
    """The form definitions this terminal has (the newest published of each type)."""

    version: str
    forms: dict[str, FormDefinition]

    @classmethod
    def read(cls, doc: Any) -> FormSet | None:
        """From ``GET /utility/forms`` or the shipped ``forms.json`` (every version: the
        newest of each type is taken); None when it is neither."""
        if not isinstance(doc, Mapping) or not isinstance(doc.get("forms"), list):
            return None
        newest: dict[str, FormDefinition] = {}
        for raw in doc["forms"]:
            try:
                form = FormDefinition.model_validate(raw)
            except ValidationError:
                continue
            if form.type not in newest or form.version > newest[form.type].version:
                newest[form.type] = form
        if not newest:
            return None
        version = str(doc.get("version") or ".".join(f"{t}{f.version}" for t, f in newest.items()))
        return cls(version, newest)


@dataclass
class Applicant:
    name: str
    id_number: str
    verified_by: str
    company: str = ""
    credit_code: str = ""
    company_proof: str = "none"  # certfree | capture
    company_file: Path | None = None


@dataclass
class Draft:
    """Everything typed or chosen so far; kept across steps and across a form change."""

    utilities: str = ""
    app_type: str = ""
    agent: bool = False
    address: Mapping[str, Any] | None = None
    address_typed: str = ""
    proof_method: str = "none"
    proof_licence: str = ""  # the 不动产权证 number (certfree)
    proof_file: Path | None = None  # captured
    proof_upload: str = ""  # sent from the phone: the upload's reference
    proof_sha256: str = ""  # … and the photo's hash, as the service received it
    phone: str = ""
    notes: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    slots: dict[str, SurveySlot] = field(default_factory=dict)
    holds: dict[str, str] = field(default_factory=dict)  # utility -> hold id (online only)


@dataclass(frozen=True)
class Submitted:
    number: str
    utilities: str
    app_type: str
    title: str
    address: str
    slots: dict[str, SurveySlot]
    phone_masked: str
    submitted_at: datetime
    key: str


Releaser = Callable[[list[str]], None]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_field(f: FormField, value: str) -> FieldError | None:
    """One form field's value against its definition (empty is fine unless required)."""
    v = value.strip()
    if not v:
        return FieldError.MISSING if f.required else None
    if len(v) > f.max_length:
        return FieldError.TOO_LONG
    if f.kind == "number":
        try:
            n = float(v)
        except ValueError:
            return FieldError.NOT_A_NUMBER
        if (f.min is not None and n < f.min) or (f.max is not None and n > f.max):
            return FieldError.OUT_OF_RANGE
    if f.kind == "choice" and v not in f.choices:
        return FieldError.NOT_A_CHOICE
    return None


class UtilityApi(CitizenApi, Protocol):
    """What the flow calls online (``OnlineApi`` has it all)."""

    def survey_slots(self, utility: str) -> Result[SurveySlots]: ...

    def hold_slot(self, slot_id: str, *, key: str | None = None) -> Result[SlotHold]: ...

    def release_hold(self, hold_id: str) -> Result[bool]: ...

    def new_upload(self, *, key: str | None = None) -> Result[UploadTicket]: ...

    def upload_status(self, ref: str) -> Result[UploadStatus]: ...


class UtilityFlow:
    def __init__(
        self,
        api: UtilityApi,
        outbox: OutboxPort | None,
        session: Session,
        terminal_id: str,
        forms: Callable[[], Any],
        *,
        channel: str = "kiosk",
        releaser: Releaser | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.api = api
        self.outbox = outbox
        self.session = session
        self.terminal_id = terminal_id
        self._forms_source = forms
        self.channel = channel
        self.clock = clock
        self._releaser = releaser or self._release_now
        self.formset: FormSet | None = None
        self.form: FormDefinition | None = None
        self.step = Step.CHOOSE
        self.draft = Draft()
        self.applicant: Applicant | None = None
        self.errors: dict[str, FieldError] = {}
        self.changed: tuple[str, ...] = ()  # FORM_CHANGED: the fields to look at
        self.problem: Problem | None = None  # Why.SERVICE: what the service said
        self.detail = ""
        self.submitted: Submitted | None = None
        self.property = LicenceRedemption(api, session, f"{SCOPE}.property", clock)
        self.company = LicenceRedemption(api, session, f"{SCOPE}.company", clock)
        self._wiper = f"{SCOPE}.flow"
        session.register_wiper(self._wiper, self._wiped)

    def _wiped(self) -> None:
        """The session ended or the citizen left the flow: forget, once (a screen and its flow
        are made for each visit, so the session must not keep this one)."""
        self.session.unregister_wiper(self._wiper)
        self.forget()

    # forms ----------------------------------------------------------------------------------
    def load_forms(self) -> Why | None:
        """Read the newest cached definitions (call on entering; cheap)."""
        self.formset = FormSet.read(self._forms_source())
        return None if self.formset is not None else Why.NO_FORMS

    def fields(self) -> list[FormField]:
        """The form's fields that apply to the utilities chosen."""
        if self.form is None:
            return []
        wanted = set(utilities_of(self.draft.utilities)) if self.draft.utilities else set()
        return [f for f in self.form.fields if f.utility is None or f.utility in wanted]

    # choose -------------------------------------------------------------------------------------
    def choose(self, utilities: str, app_type: str) -> Why | None:
        if self.formset is None and self.load_forms() is not None:
            return Why.NO_FORMS
        assert self.formset is not None
        if utilities not in CHOICES or app_type not in self.formset.forms:
            return Why.INVALID
        if utilities != self.draft.utilities and self.draft.holds:
            self.release_holds()  # other utilities: other slots
        self.draft.utilities, self.draft.app_type = utilities, app_type
        self.form = self.formset.forms[app_type]
        self.draft.slots = {u: s for u, s in self.draft.slots.items() if u in self.utilities()}
        self.step = Step.APPLICANT
        return None

    def utilities(self) -> tuple[str, ...]:
        return utilities_of(self.draft.utilities) if self.draft.utilities else ()

    # applicant ------------------------------------------------------------------------------
    def identified(self) -> Why | None:
        """Take the citizen the identity step found (``current_citizen``)."""
        c = current_citizen(self.session)
        if c is None:
            return Why.NOT_IDENTIFIED
        verified = {"id_card": "card", "eid": "eid", "sms": "sms"}.get(c.source.value, "card")
        keep = self.applicant
        self.applicant = Applicant(c.name, c.id_number, verified)
        if keep is not None and self.draft.agent:
            self.applicant.company, self.applicant.credit_code = keep.company, keep.credit_code
            self.applicant.company_proof = keep.company_proof
            self.applicant.company_file = keep.company_file
        self.session.put(f"{SCOPE}.applicant", self.applicant, personal=(c.name, c.id_number))
        return None

    def as_agent(self, on: bool) -> None:
        self.draft.agent = on
        if not on and self.applicant is not None:
            self.applicant.company = self.applicant.credit_code = ""
            self.applicant.company_proof, self.applicant.company_file = "none", None
            self.company.forget()

    def company_from_licences(self) -> Why | None:
        """The business licence among the redeemed ones (``self.company`` was applied)."""
        if self.applicant is None:
            return Why.NOT_IDENTIFIED
        found = self._licence(self.company, COMPANY_KINDS)
        if isinstance(found, Why):
            return Why.NO_COMPANY if found is Why.NO_PROOF else found
        self.applicant.company = found.holder
        self.applicant.credit_code = found.number[:18]
        self.applicant.company_proof, self.applicant.company_file = "certfree", None
        return None

    def company_captured(self, name: str, pdf: Path) -> Why | None:
        if self.applicant is None:
            return Why.NOT_IDENTIFIED
        if not name.strip():
            return Why.NO_COMPANY
        self.applicant.company = name.strip()[:100]
        self.applicant.company_proof, self.applicant.company_file = "capture", pdf
        self.session.put(f"{SCOPE}.company_name", name, personal=(name,))
        return None

    def applicant_done(self) -> Why | None:
        if self.applicant is None and self.identified() is not None:
            return Why.NOT_IDENTIFIED
        assert self.applicant is not None
        if self.draft.agent and (
            not self.applicant.company or self.applicant.company_proof == "none"
        ):
            return Why.NO_COMPANY
        self.step = Step.ADDRESS
        return None

    # address ----------------------------------------------------------------------------------
    def choose_address(self, address: Mapping[str, Any]) -> Why | None:
        if not address.get("id"):
            return Why.NO_ADDRESS
        self.draft.address, self.draft.address_typed = address, ""
        self.step = Step.PROOF if self.needs_proof() else self.after_proof()
        return None

    def type_address(self, text: str) -> Why | None:
        """An address missing from the list, as typed (the utility checks it on the survey)."""
        t = " ".join(text.split())
        if len(t) < 4:
            return Why.NO_ADDRESS
        self.draft.address, self.draft.address_typed = None, t[:200]
        self.step = Step.PROOF if self.needs_proof() else self.after_proof()
        return None

    def address_text(self) -> str:
        a = self.draft.address
        if a is not None:
            return str(a.get("text") or a.get("name") or "")
        return self.draft.address_typed

    # property proof -----------------------------------------------------------------------
    def needs_proof(self) -> bool:
        return self.form is not None and self.form.property_proof

    def needs_survey(self) -> bool:
        return self.form is not None and self.form.survey

    def after_proof(self) -> Step:
        """The step after the property proof: the survey when this type has one."""
        return Step.SURVEY if self.needs_survey() else Step.DETAILS

    def _licence(self, redemption: LicenceRedemption, kinds: tuple[str, ...]) -> Licence | Why:
        held = redemption.licences.licences if redemption.licences is not None else []
        matching = [x for x in held if x.kind in kinds]
        if not matching:
            return Why.NO_PROOF
        usable = [x for x in redemption.attachable() if x.kind in kinds]
        return usable[0] if usable else Why.EXPIRED

    def proof_from_licences(self) -> Why | None:
        """The 不动产权证 among the licences redeemed in ``self.property``."""
        found = self._licence(self.property, PROPERTY_KINDS)
        if isinstance(found, Why):
            return found
        self.draft.proof_method, self.draft.proof_licence = "certfree", found.number
        self.draft.proof_file = None
        self.step = self.after_proof()
        return None

    def proof_captured(self, pdf: Path) -> Why | None:
        """The 不动产权证 captured with the document camera (at a desk)."""
        if not pdf.is_file():
            return Why.NO_PROOF
        self.draft.proof_method, self.draft.proof_file = "capture", pdf
        self.draft.proof_licence = ""
        self.session.hold_personal(SCOPE)
        self.step = self.after_proof()
        return None

    def start_upload(self) -> Outcome[UploadTicket]:
        """Blocking: a one-off page for a photo from the citizen's phone (no e-licence here,
        no desk camera); its URL goes on screen as a QR code."""
        r = self.api.new_upload()
        return Outcome(r.value) if isinstance(r, Ok) else failed(r)

    def check_upload(self, ref: str) -> Outcome[UploadStatus]:
        """Blocking: has the photo arrived? (asked every few seconds while the QR shows)"""
        r = self.api.upload_status(ref)
        return Outcome(r.value) if isinstance(r, Ok) else failed(r)

    def proof_uploaded(self, status: UploadStatus) -> Why | None:
        """The photo arrived at the service: it is the proof (the terminal never holds it)."""
        if status.status != "received" or not status.sha256:
            return Why.NO_PROOF
        self.draft.proof_method, self.draft.proof_upload = "upload", status.ref
        self.draft.proof_sha256, self.draft.proof_licence = status.sha256, ""
        self.draft.proof_file = None
        self.step = self.after_proof()
        return None

    # survey -----------------------------------------------------------------------------------
    def load_slots(self, utility: str) -> Outcome[SurveySlots]:
        """Blocking: the utility's slots; OFFLINE means "arranged by phone" is the way."""
        r = self.api.survey_slots(utility)
        return Outcome(r.value) if isinstance(r, Ok) else failed(r)

    def hold(self, slot: SurveySlot) -> Outcome[SlotHold]:
        """Blocking: hold the slot (the previous hold of that utility is given back first)."""
        old = self.draft.holds.get(slot.utility)
        if old:
            self._releaser([old])
        r = self.api.hold_slot(slot.id)
        return Outcome(r.value) if isinstance(r, Ok) else failed(r)

    def apply_hold(self, slot: SurveySlot, outcome: Outcome[SlotHold]) -> Why | None:
        """GUI thread. Offline: the slot is kept as the wish, booked (or the next free one)
        when the application arrives."""
        self.draft.holds.pop(slot.utility, None)
        if outcome.value is not None:
            self.draft.slots[slot.utility] = outcome.value.slot
            self.draft.holds[slot.utility] = outcome.value.hold_id
            return None
        if outcome.problem is Problem.OFFLINE:
            self.draft.slots[slot.utility] = slot
            return None
        self.draft.slots.pop(slot.utility, None)
        if outcome.problem in (Problem.ALREADY_DONE, Problem.NOT_FOUND):
            return Why.SLOT_TAKEN
        self.problem, self.detail = outcome.problem, outcome.detail
        return Why.SERVICE

    def survey_done(self, *, by_phone: bool = False) -> Why | None:
        """Go on once each utility has a slot (``by_phone``: no slot could be shown; the
        utility calls to arrange the survey)."""
        if not by_phone and any(u not in self.draft.slots for u in self.utilities()):
            return Why.NO_SLOT
        self.step = Step.DETAILS
        return None

    def release_holds(self) -> None:
        holds = list(self.draft.holds.values())
        self.draft.holds.clear()
        if holds:
            self._releaser(holds)

    def _release_now(self, holds: list[str]) -> None:
        for h in holds:
            self.api.release_hold(h)

    # details ----------------------------------------------------------------------------------
    def set_phone(self, text: str) -> None:
        digits = "".join(ch for ch in text if ch.isdigit())
        self.draft.phone = digits
        if digits:
            self.session.put(f"{SCOPE}.phone", digits, personal=(digits,))

    def set_notes(self, text: str) -> None:
        self.draft.notes = text.strip()[:500]

    def set_field(self, name: str, value: str) -> None:
        self.draft.fields[name] = value.strip()

    def check(self) -> dict[str, FieldError]:
        """Every problem of the details, by field name (``phone`` and the form's fields)."""
        out: dict[str, FieldError] = {}
        p = self.draft.phone
        if not p:
            out["phone"] = FieldError.MISSING
        elif len(p) != _PHONE_DIGITS or p[0] != "1" or p[1] in "012":
            out["phone"] = FieldError.BAD_PHONE
        if len(self.draft.notes) > 500:
            out["notes"] = FieldError.TOO_LONG
        for f in self.fields():
            problem = check_field(f, self.draft.fields.get(f.name, ""))
            if problem is not None:
                out[f.name] = problem
        return out

    def details_done(self) -> Why | None:
        self.errors = self.check()
        if self.errors:
            return Why.INVALID
        self.step = Step.REVIEW
        return None

    # submit ---------------------------------------------------------------------------------------
    def _form_changed(self) -> Why | None:
        """A newer definition of this type arrived since the form was opened: switch to it,
        keep every value, and name the fields that are new or now wrong."""
        fresh = FormSet.read(self._forms_source())
        if fresh is None or self.form is None:
            return None
        new = fresh.forms.get(self.form.type)
        if new is None or new.version == self.form.version:
            return None
        before = {f.name for f in self.fields()}
        self.formset, self.form = fresh, new
        self.errors = self.check()
        added = [f.name for f in self.fields() if f.name not in before]
        self.changed = tuple(dict.fromkeys([*added, *self.errors]))
        self.step = Step.DETAILS if self.changed else Step.REVIEW
        return Why.FORM_CHANGED

    def application(self, number: str) -> UtilityApplication:
        """The record as sent (raises ValidationError for anything not checked before)."""
        assert self.form is not None and self.applicant is not None
        a = self.applicant
        d = self.draft
        names = {f.name for f in self.fields()}
        proof: dict[str, Any] = {"method": d.proof_method if self.needs_proof() else "none"}
        if d.proof_method == "certfree":
            proof["licence_number"] = d.proof_licence
        elif d.proof_method == "capture" and d.proof_file is not None:
            proof["blob_sha256"] = _sha256(d.proof_file)
        elif d.proof_method == "upload":
            proof["upload_ref"], proof["blob_sha256"] = d.proof_upload, d.proof_sha256
        return UtilityApplication.model_validate(
            {
                "number": number,
                "form_type": self.form.type,
                "form_version": self.form.version,
                "utilities": d.utilities,
                "applicant": {
                    "name": a.name,
                    "id_number": a.id_number,
                    "verified_by": a.verified_by,
                    "company": a.company,
                    "credit_code": a.credit_code,
                    "company_proof": a.company_proof,
                    "company_blob_sha256": _sha256(a.company_file)
                    if a.company_proof == "capture" and a.company_file is not None
                    else None,
                },
                "address_id": str(d.address.get("id")) if d.address is not None else "",
                "address_text": self.address_text(),
                "property_proof": proof,
                "phone": d.phone,
                "notes": d.notes,
                "fields": {k: v for k, v in d.fields.items() if k in names and v},
                "slots": {u: s.id for u, s in d.slots.items()} if self.needs_survey() else {},
                "holds": dict(d.holds) if self.needs_survey() else {},
                "channel": self.channel,
                "submitted_at": self.clock().isoformat(timespec="seconds"),
            }
        )

    def submit(self) -> Why | None:
        """Store the application in the outbox (GUI thread: a local write). Once: a second
        call after success does nothing; a failure keeps everything for another try."""
        if self.submitted is not None:
            return None
        if self.form is None or not self.draft.utilities:
            return Why.INVALID
        if self.applicant is None:
            return Why.NOT_IDENTIFIED
        if not self.address_text():
            return Why.NO_ADDRESS
        if self.needs_proof() and self.draft.proof_method == "none":
            return Why.NO_PROOF
        changed = self._form_changed()
        if changed is not None:
            return changed
        self.errors = self.check()
        if self.errors:
            self.step = Step.DETAILS
            return Why.INVALID
        if self.outbox is None:
            return Why.STORAGE
        number = new_number(NumberKind.APPLICATION)
        try:
            record = self.application(number)
        except ValidationError:
            return Why.INVALID
        files = [
            p
            for p, used in (
                (self.draft.proof_file, self.draft.proof_method == "capture"),
                (self.applicant.company_file, self.applicant.company_proof == "capture"),
            )
            if p is not None and used
        ]
        try:
            with self.outbox.transaction() as tx:
                stored = tx.enqueue(EVENT, record.model_dump(mode="json"), files)
        except (OutboxError, OSError, ValueError):
            return Why.STORAGE
        self.submitted = Submitted(
            number,
            self.draft.utilities,
            self.form.type,
            self.form.title_zh,
            self.address_text(),
            dict(self.draft.slots) if self.needs_survey() else {},
            mask_phone(self.draft.phone),
            self.clock(),
            stored.key,
        )
        self.draft.holds.clear()  # they travel with the application: booked, not released
        self.session.put(f"{SCOPE}.number", number)
        self.step = Step.DONE
        return None

    # slip ---------------------------------------------------------------------------------------
    def receipt(self, *, sent: bool, english: bool = False, org: str | None = None) -> Receipt:
        """The slip: the number, the survey booked, what happens next, a QR with the number
        (scanned at any terminal for 办件查询). ``sent``: False while the application waits in
        the outbox ("received, will be sent")."""
        s = self.submitted
        assert s is not None

        def lab(zh: str, en: str) -> str:
            return f"{zh} {en}" if english else zh

        what = {"water": "用水", "gas": "用气", "both": "用水用气"}[s.utilities]
        r = Receipt()
        if org:
            r.add(Text(org, align=Align.CENTER))
        r.add(Text(f"{what}报装回执", align=Align.CENTER, bold=True, width=2, height=2))
        if english:
            r.add(Text("Utility connection application", align=Align.CENTER))
        r.add(
            Separator(),
            Text(f"{lab('申请编号', 'Application no.')}：{spoken(s.number)}", bold=True),
            Text(f"{lab('办理事项', 'Service')}：{what}{s.title}"),
            Text(f"{lab('报装地址', 'Address')}：{s.address}"),
            Text(f"{lab('联系电话', 'Phone')}：{s.phone_masked}"),
            Text(f"{lab('提交时间', 'Submitted')}：{s.submitted_at:%Y-%m-%d %H:%M}"),
        )
        if not sent:
            r.add(Text(lab("已受理，网络恢复后自动报送", "Received, will be sent"), bold=True))
        r.add(Separator())
        if s.slots:
            r.add(Text(lab("远程踏勘（视频）", "Remote survey (video)"), bold=True))
            for u, slot in s.slots.items():
                start = datetime.fromisoformat(slot.start)
                end = datetime.fromisoformat(slot.end)
                name = {"water": "供水", "gas": "燃气"}[u]
                r.add(Text(f"{name}：{start:%m-%d %H:%M}-{end:%H:%M}"))
            r.add(
                Text("届时工作人员将致电您的手机，请在报装地址现场接听视频通话。"),
            )
        elif self.needs_survey():
            r.add(Text("踏勘时间将由供水/燃气公司电话预约。"))
        r.add(
            Text(lab("后续流程", "What happens next"), bold=True),
            Text("受理 → 踏勘 → 方案与费用 → 施工 → 通水/通气"),
            Feed(1),
            Text(lab("扫码查询办理进度", "Scan to follow progress"), align=Align.CENTER),
            QrCode(s.number),
            *number_code(s.number),
            Text("凭申请编号可在任一自助终端查询进度。"),
            Cut(),
        )
        return check_no_personal(r)

    # ending ---------------------------------------------------------------------------------------
    def reset(self) -> None:
        """Start again (the citizen chose "start over"): holds released, values forgotten."""
        self.forget()

    def forget(self) -> None:
        """The session ended or the citizen left: give the held slots back, drop everything."""
        self.release_holds()
        for p in (self.draft.proof_file, self.applicant.company_file if self.applicant else None):
            if p is not None:
                p.unlink(missing_ok=True)
        self.property.forget()
        self.company.forget()
        for key in ("applicant", "phone", "company_name", "number"):
            self.session.pop(f"{SCOPE}.{key}")
        self.draft = Draft()
        self.applicant = None
        self.form = None
        self.errors, self.changed = {}, ()
        self.problem, self.detail = None, ""
        self.submitted = None
        self.step = Step.CHOOSE
