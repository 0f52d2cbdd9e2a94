"""12345 诉求: file a request (category, description, place, phone) and follow its progress.

The caller may stay anonymous, as on the phone, or give their name through the identity step
(``caller``): then the record carries the name and ID number the hotline needs to reply to a
named person (``Citizen.for_submission``), and the screen shows them masked.

The terminal numbers the work order itself, because it may be offline when the citizen files
(``contract.codes``: random, so it can be neither guessed nor pre-empted by another terminal),
and writes it in the ``hotline.created`` record in one transaction. Progress is read online and
laid against the hotline's deadlines (contact at once, on site ≤ 30 min, feedback ≤ 2 h,
result ≤ 24 h).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from contract.codes import NumberKind, new_number
from devices.printer.model import Receipt
from devices.printer.templates import hotline_slip
from kiosk_app.core.citizen import Citizen
from kiosk_app.core.errors import OutboxError
from kiosk_app.core.flows.ports import OutboxPort, Problem
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
SUMMARY_CHARS = 60
MAX_TEXT = 4000
MAX_PLACE = 200
MIN_TEXT = 4
_PHONE = re.compile(r"1[3-9]\d{9}")


class HotlineState(StrEnum):
    EDIT = "edit"
    DONE = "done"


@dataclass(frozen=True)
class Draft:
    category: str = ""  # an id of CATEGORIES
    text: str = field(default="", repr=False)
    place: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)
    caller: Citizen | None = field(default=None, repr=False)  # None: anonymous


def clean_phone(phone: str) -> str:
    p = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", phone))
    return p[3:] if p.startswith("+86") else p


def validate(d: Draft) -> dict[str, Problem]:
    """Field name -> what is wrong with it; empty when the draft can be filed."""
    problems: dict[str, Problem] = {}
    if d.category not in dict(CATEGORIES):
        problems["category"] = Problem.MISSING
    text = d.text.strip()
    if len(text) < MIN_TEXT:
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
    caller_masked: str = ""  # the named caller, masked; "" when filed anonymously


class HotlineFlow:
    def __init__(
        self,
        outbox: OutboxPort | None,
        session: Session,
        terminal_id: str,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.outbox = outbox
        self.session = session
        self.clock = clock
        self.state = HotlineState.EDIT
        self.filed: Filed | None = None
        self.draft: Draft | None = None

    def submit(self, draft: Draft) -> dict[str, Problem]:
        """File the request (GUI thread: one short local transaction, no network).

        Returns the problems per field (nothing stored then; the draft is kept by the screen), or
        {"": STORAGE} when the terminal could not store it.
        """
        if self.state is HotlineState.DONE:
            return {}
        problems = validate(draft)
        if problems:
            return problems
        if self.outbox is None:
            return {"": Problem.STORAGE}
        phone = clean_phone(draft.phone)
        category = dict(CATEGORIES)[draft.category]
        now = self.clock()
        number = new_number(NumberKind.WORKORDER)
        caller = draft.caller
        personal = (phone, *(caller.personal if caller is not None else ()))
        self.session.put("hotline.draft", draft, personal=personal)
        named = {"caller": caller.for_submission("source", "name", "id_number")} if caller else {}
        try:
            with self.outbox.transaction() as tx:
                stored = tx.enqueue(
                    "hotline.created",
                    {
                        "number": number,
                        "category": category,
                        "text": draft.text.strip(),
                        "place": draft.place.strip(),
                        "phone": phone,
                        "filed_at": now.astimezone(UTC).isoformat(timespec="seconds"),
                        "channel": "kiosk",
                        **named,
                    },
                )
        except (OutboxError, ValueError):
            return {"": Problem.STORAGE}
        self.filed = Filed(
            number,
            category,
            now,
            mask_phone(phone),
            stored.key,
            mask_name(caller.name or caller.name_en) if caller is not None else "",
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
        )

    def summary(self) -> str:
        """What was reported, short and masked: the slip says what it is about."""
        text = " ".join((self.draft.text if self.draft else "").split())
        short = text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"
        return mask_text(short)

    def on_site(self) -> bool:
        return self.draft is not None and self.draft.category in ON_SITE


# numbers ---------------------------------------------------------------------------------------
def parse_number(text: str) -> str | None:
    """A scanned or typed work-order number, normalised; None if it is not one."""
    parsed = parse_payload(text)
    if isinstance(parsed, IssuedNumber) and parsed.number_kind is NumberKind.WORKORDER:
        return parsed.number
    return None
