"""12345 诉求: file a request (category, description, place, phone) and follow its progress.

The caller may stay anonymous, as on the phone, or give their name through the identity step
(``caller``): then the record carries the name and ID number the hotline needs to reply to a
named person (``Citizen.for_submission``), and the screen shows them masked.

The terminal numbers the work order itself, because it may be offline when the citizen files
(``contract.codes``: random, so it can be neither guessed nor pre-empted by another terminal),
and writes it in the ``hotline.created`` record in one transaction. Progress is read online and
laid against the hotline's deadlines (contact at once, on site ≤ 30 min, feedback ≤ 2 h,
result ≤ 24 h).

Issue 17: the citizen picks the matter in plain words from the published classification
(``kiosk_app.core.hotline_kb.Matters``); the matter code travels with the request and sets its
response tier (30 min, 2 h, 24 h), printed on the slip with who handles it. Before filing, the
screen may ask the central service whether the request joins an open work order
(``OnlineApi.repeat_check``) and hands the answer to ``joins``; a visitor's complaint (投诉即办)
needs no local ID, only a phone, the kind of place, the place and the problem, and may carry a
photo taken with consent. A knowledge-base answer that solved the question ends the flow with a
``hotline.kb_answered`` record (counted; nothing typed is sent).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from contract.codes import NumberKind, new_number
from contract.hotline import TIER_MINUTES
from devices.printer.model import Receipt
from devices.printer.templates import hotline_slip
from kiosk_app.core.citizen import Citizen
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.ports import OutboxPort, Problem
from kiosk_app.core.hotline_kb import Answer, Matters, tier_words
from kiosk_app.core.masking import mask_name, mask_phone, mask_text
from kiosk_app.core.payloads import IssuedNumber, parse_payload
from kiosk_app.core.session import Session

# id -> the name the hotline files it under (the screen shows a translated label per id)
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("city", "城市管理"),
    ("environment", "生态环境"),
    ("traffic", "交通出行"),
    ("housing", "住房物业"),
    ("utilities", "水电气暖"),
    ("labour", "劳动社保"),
    ("health", "医疗卫生"),
    ("education", "教育"),
    ("market", "市场消费"),
    ("other", "其他"),
)
# matters the hotline goes out to (the county's 30-minute on-site tier); the others are answered
# by phone and in writing, so no slip or screen promises them a visit
ON_SITE = frozenset({"city", "environment", "traffic", "housing", "utilities"})
# a category picked on the direct form -> its branch in the published classification
# (central.seed.matters), so every request carries a matter code and its tier (issue 17)
BRANCH_OF = {
    "city": "01", "environment": "02", "traffic": "03", "housing": "04", "utilities": "05",
    "labour": "06", "health": "07", "education": "08", "market": "09", "other": "99",
}  # fmt: skip
SUMMARY_CHARS = 60
MAX_TEXT = 4000
MAX_PLACE = 200
MIN_TEXT = 4
PLACE_TYPES = ("scenic", "hotel", "restaurant", "shop", "transport")  # contract.hotline
_PHONE = re.compile(r"1[3-9]\d{9}")


class HotlineState(StrEnum):
    EDIT = "edit"
    DONE = "done"


@dataclass(frozen=True)
class Draft:
    category: str = ""  # an id of CATEGORIES (a request filed without the classification)
    text: str = field(default="", repr=False)
    place: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)
    matter: str = ""  # a matter code of the published classification (issue 17)
    place_type: str = ""  # a visitor's complaint: scenic, hotel, restaurant, shop, transport
    tourist: bool = False
    photo: str | None = field(default=None, repr=False)  # a file taken with consent
    caller: Citizen | None = field(default=None, repr=False)  # None: anonymous


def clean_phone(phone: str) -> str:
    p = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", phone))
    return p[3:] if p.startswith("+86") else p


def validate(d: Draft, matters: Matters | None = None) -> dict[str, Problem]:
    """Field name -> what is wrong with it; empty when the draft can be filed."""
    problems: dict[str, Problem] = {}
    matter = matters.get(d.matter) if matters is not None and d.matter else None
    if matter is None and d.category not in dict(CATEGORIES):
        problems["category"] = Problem.MISSING
    text = d.text.strip()
    if d.tourist:  # the problem is picked from the list; the words are optional
        if matter is None or not matter.tourist:
            problems["category"] = Problem.MISSING
        if d.place_type not in PLACE_TYPES:
            problems["place_type"] = Problem.MISSING
        if not d.place.strip():
            problems["place"] = Problem.MISSING
        if len(text) > MAX_TEXT:
            problems["text"] = Problem.TOO_LONG
    elif len(text) < MIN_TEXT:
        problems["text"] = Problem.MISSING
    elif len(text) > MAX_TEXT:
        problems["text"] = Problem.TOO_LONG
    if len(d.place.strip()) > MAX_PLACE:
        problems["place"] = Problem.TOO_LONG
    if not _PHONE.fullmatch(clean_phone(d.phone)):
        problems["phone"] = Problem.BAD_PHONE
    return problems


@dataclass(frozen=True)
class Filed:
    number: str
    category: str  # the hotline's name for it
    created_at: datetime
    phone_masked: str
    key: str
    matter: str = ""  # the matter's plain words
    tier: str = ""  # "30m" | "2h" | "24h"; "" without the classification
    handler: str = ""
    joins: str = ""  # the open work order the central said it joins
    tourist: bool = False
    caller_masked: str = ""  # the named caller, masked; "" when filed anonymously

    @property
    def due_at(self) -> datetime | None:
        if not self.tier:
            return None
        return self.created_at + timedelta(minutes=TIER_MINUTES[self.tier])


@dataclass(frozen=True)
class Joining:
    """What the central answered before filing (``contract.hotline.RepeatMatch``)."""

    number: str  # the order, or its last 4 digits for the caller's own earlier request
    reason: str  # "same_caller" | "same_matter"
    filed_at: datetime | None
    people: int


class HotlineFlow:
    def __init__(
        self,
        outbox: OutboxPort | None,
        session: Session,
        terminal_id: str,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        matters: Matters | None = None,
    ) -> None:
        self.outbox = outbox
        self.session = session
        self.clock = clock
        self.matters = matters
        self.state = HotlineState.EDIT
        self.filed: Filed | None = None
        self.draft: Draft | None = None
        self.joining: Joining | None = None  # set by the screen from the repeat check

    def kb_answered(self, answer: Answer, *, searched: bool) -> bool:
        """ "This answered my question": the flow ends, and the answer is counted (a record
        through the outbox; what was typed stays here). False if it could not be stored — the
        citizen is not held up by that."""
        if self.state is HotlineState.DONE or self.outbox is None:
            return False
        self.state = HotlineState.DONE
        try:
            self.outbox.enqueue(
                "hotline.kb_answered",
                {"answer_id": answer.id, "category": answer.category, "searched": searched},
            )
        except (OutboxError, ValueError):
            return False
        return True

    def submit(self, draft: Draft) -> dict[str, Problem]:
        """File the request (GUI thread: one short local transaction, no network).

        Returns the problems per field (nothing stored then; the draft is kept by the screen), or
        {"": STORAGE} when the terminal could not store it.
        """
        if self.state is HotlineState.DONE:
            return {}
        problems = validate(draft, self.matters)
        if problems:
            return problems
        if self.outbox is None:
            return {"": Problem.STORAGE}
        phone = clean_phone(draft.phone)
        code = draft.matter or BRANCH_OF.get(draft.category, "")
        matter = self.matters.get(code) if self.matters and code else None
        category = matter.hotline if matter else dict(CATEGORIES)[draft.category]
        now = self.clock()
        number = new_number(NumberKind.WORKORDER)
        caller = draft.caller
        personal = (phone, *(caller.personal if caller is not None else ()))
        self.session.put("hotline.draft", draft, personal=personal)
        payload: dict[str, object] = {
            "number": number,
            "category": category,
            "text": draft.text.strip(),
            "place": draft.place.strip(),
            "phone": phone,
            "filed_at": now.astimezone(UTC).isoformat(timespec="seconds"),
            "channel": "kiosk",
        }
        if caller is not None:  # named by the citizen's choice; absent, anonymous
            payload["caller"] = caller.for_submission("source", "name", "id_number")
        if matter is not None:
            payload["matter"] = matter.code
        if draft.tourist:
            payload["tourist"] = True
            payload["place_type"] = draft.place_type
        photos = [draft.photo] if draft.photo and Path(draft.photo).is_file() else []
        try:
            with self.outbox.transaction() as tx:
                stored = tx.enqueue("hotline.created", payload, photos)
        except (OutboxError, ValueError, OSError):
            return {"": Problem.STORAGE}
        joins = self.joining.number if self.joining and self.joining.reason == "same_matter" else ""
        self.filed = Filed(
            number,
            category,
            now,
            mask_phone(phone),
            stored.key,
            matter=matter.label if matter else "",
            tier=matter.tier if matter else "",
            handler=matter.handler if matter else "",
            joins=joins,
            tourist=draft.tourist,
            caller_masked=mask_name(caller.name or caller.name_en) if caller is not None else "",
        )
        self.draft = draft
        self.session.put("hotline.number", number)
        self.state = HotlineState.DONE
        return {}

    def receipt(self, lookup_url: str | None = None, english: bool = False) -> Receipt:
        assert self.filed is not None
        f = self.filed
        return hotline_slip(
            f.number,
            f.category,
            f.created_at,
            phone_masked=f.phone_masked,
            lookup_url=lookup_url,
            english=english,
            summary=self.summary(),
            on_site=self.on_site(),
            tier=tier_words(f.tier, english) if f.tier else "",
            answer_within=timedelta(minutes=TIER_MINUTES[f.tier]) if f.tier else None,
            handler=f.handler,
            joins=f.joins,
            title=("游客投诉 投诉即办", "Visitor complaint")
            if f.tourist
            else ("12345 工单", "12345 work order"),
        )

    def summary(self) -> str:
        """What was reported, short and masked: the slip says what it is about."""
        text = " ".join((self.draft.text if self.draft else "").split())
        short = text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"
        return mask_text(short)

    def on_site(self) -> bool:
        if self.draft is None:
            return False
        if self.filed is not None and self.filed.matter:
            names = {name for cid, name in CATEGORIES if cid in ON_SITE}
            return self.filed.category in names
        return self.draft.category in ON_SITE


# numbers ---------------------------------------------------------------------------------------
def parse_number(text: str) -> str | None:
    """A scanned or typed work-order number, normalised; None if it is not one."""
    parsed = parse_payload(text)
    if isinstance(parsed, IssuedNumber) and parsed.number_kind is NumberKind.WORKORDER:
        return parsed.number
    return None
