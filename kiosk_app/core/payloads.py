"""What a scanned or typed code means to this terminal (formats: ``contract.codes``).

``parse_payload`` returns one typed result, or ``Unknown`` with a machine reason the UI turns
into "not a code this terminal knows" — it never raises, whatever a scanner, a phone screen or
a prankster presents (checked by hypothesis property tests). Input is normalised the way scan
guns and IMEs garble it: NFKC (full-width letters and digits), surrounding whitespace and control
characters, a UTF-8 BOM. Reprs of results that carry secrets or personal data are masked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from contract import codes
from contract.codes import NumberKind
from kiosk_app.core.masking import mask_phone

MAX_LENGTH = 2048


def _body(pattern: str, prefix: str = "") -> re.Pattern[str]:
    """A contract pattern (``^(PREFIX)?BODY$`` or ``^BODY$``) as "PREFIX(BODY)" for fullmatch."""
    body = pattern.removeprefix("^").removesuffix("$")
    if prefix:
        body = body.removeprefix(f"({prefix})?")
    return re.compile(re.escape(prefix) + f"({body})")


_APPOINTMENT = _body(codes.APPOINTMENT_CODE, codes.APPOINTMENT_PREFIX)
_AUTHORIZATION = _body(codes.AUTH_TOKEN, codes.AUTHORIZATION_PREFIX)
_STAFF = _body(codes.STAFF_ID, codes.STAFF_PREFIX)
_NUMBER_LIKE = re.compile(r"(SL|WJ|BZ|12345)[\s\-0-9]*")
_TERMINAL_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_TICKET = re.compile(r"[A-Za-z0-9-]{1,20}")
_PHONE = re.compile(codes.PHONE[1:-1])
_CODE6 = re.compile(codes.CODE6[1:-1])


@dataclass(frozen=True)
class Appointment:
    """预约办 check-in by the provincial app's QR."""

    code: str
    kind: Literal["appointment"] = "appointment"


@dataclass(frozen=True)
class TypedAppointment:
    """预约办 check-in by phone number and 6-digit code, typed on screen."""

    phone: str = field(repr=False)
    code6: str = field(repr=False)
    kind: Literal["typed_appointment"] = "typed_appointment"

    def __repr__(self) -> str:
        return f"TypedAppointment(phone={mask_phone(self.phone)!r}, code6='******')"


@dataclass(frozen=True)
class Authorization:
    """免证办 authorisation token; it unlocks a citizen's licences, so never shown in a repr."""

    token: str = field(repr=False)
    kind: Literal["authorization"] = "authorization"

    def __repr__(self) -> str:
        return f"Authorization(token='{self.token[:4]}…')"


@dataclass(frozen=True)
class StaffBadge:
    staff_id: str
    kind: Literal["staff_badge"] = "staff_badge"


@dataclass(frozen=True)
class IssuedNumber:
    """A number this kind of terminal hands out (case, 12345 work order, document,
    application), read back from a slip's QR or typed, in its canonical form."""

    number: str
    number_kind: NumberKind
    kind: Literal["number"] = "number"


@dataclass(frozen=True)
class GuideLink:
    terminal_id: str
    url: str
    kind: Literal["guide"] = "guide"


@dataclass(frozen=True)
class TicketFollow:
    ticket_number: str
    url: str
    kind: Literal["ticket_follow"] = "ticket_follow"


UnknownReason = Literal[
    "empty",
    "too_long",
    "not_text",
    "bad_appointment",
    "bad_authorization",
    "bad_staff_badge",
    "bad_number",
    "bad_phone",
    "bad_code6",
    "unknown",
]


@dataclass(frozen=True)
class Unknown:
    """Not a code this terminal knows; ``reason`` says which way (for the UI's wording)."""

    reason: UnknownReason
    kind: Literal["unknown"] = "unknown"


Payload = (
    Appointment
    | TypedAppointment
    | Authorization
    | StaffBadge
    | IssuedNumber
    | GuideLink
    | TicketFollow
    | Unknown
)


def _normalise(raw: object) -> str | None:
    if isinstance(raw, bytes | bytearray):
        data = bytes(raw)
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                raw = data.decode("gb18030")
            except UnicodeDecodeError:
                return None
    if not isinstance(raw, str):
        return None
    text = unicodedata.normalize("NFKC", raw.replace("\ufeff", ""))
    return "".join(ch for ch in text if ch.isprintable() or ch == " ").strip()


def parse_payload(raw: object, *, guides_base_url: str = "", central_url: str = "") -> Payload:
    """Classify a scanned payload (str or bytes). Never raises."""
    try:
        return _parse(raw, guides_base_url, central_url)
    except Exception:  # a bug here must not crash the check-in screen
        return Unknown("unknown")


def _parse(raw: object, guides_base_url: str, central_url: str) -> Payload:
    if isinstance(raw, str | bytes | bytearray) and len(raw) > MAX_LENGTH:
        return Unknown("too_long")
    text = _normalise(raw)
    if text is None:
        return Unknown("not_text")
    if not text:
        return Unknown("empty")
    upper = text.upper()
    if upper.startswith("ZWFW-YY:"):
        m = _APPOINTMENT.fullmatch(upper)
        return Appointment(m[1]) if m else Unknown("bad_appointment")
    if upper.startswith("ZWFW-SQ:"):
        m = _AUTHORIZATION.fullmatch("ZWFW-SQ:" + text[8:])
        return Authorization(m[1]) if m else Unknown("bad_authorization")
    if upper.startswith("ZWFW-GH:"):
        m = _STAFF.fullmatch(upper)
        return StaffBadge(m[1]) if m else Unknown("bad_staff_badge")
    if _NUMBER_LIKE.fullmatch(upper):
        issued = codes.parse_number(upper)
        if issued is None or issued.kind is NumberKind.TICKET:
            return Unknown("bad_number")
        return IssuedNumber(issued.value, issued.kind)
    if "://" in text:
        return _url(text, guides_base_url, central_url)
    return Unknown("unknown")


def _same_base(url: str, base: str) -> str | None:
    """The path of ``url`` below ``base`` (scheme and host compared case-insensitively)."""
    if not base:
        return None
    u, b = urlsplit(url), urlsplit(base.rstrip("/"))
    if (u.scheme.lower(), u.netloc.lower()) != (b.scheme.lower(), b.netloc.lower()):
        return None
    if u.query or u.fragment:
        return None
    prefix = b.path.rstrip("/") + "/"
    return u.path[len(prefix) :] if u.path.startswith(prefix) else None


def _url(text: str, guides_base_url: str, central_url: str) -> Payload:
    rest = _same_base(text, guides_base_url)
    if rest is not None:
        tid = rest.rstrip("/")
        if _TERMINAL_ID.fullmatch(tid) and rest.count("/") <= 1:
            return GuideLink(tid, text)
    rest = _same_base(text, central_url)
    if rest is not None and rest.startswith("q/"):
        number = rest[2:].rstrip("/")
        if _TICKET.fullmatch(number):
            return TicketFollow(number, text)
    return Unknown("unknown")


def parse_typed_appointment(phone: str, code6: str) -> TypedAppointment | Unknown:
    """The typed alternative to the appointment QR. Never raises."""
    p = _normalise(phone) or ""
    c = _normalise(code6) or ""
    p = re.sub(r"[\s-]", "", p)
    if p.startswith("+86"):
        p = p[3:]
    if not _PHONE.fullmatch(p):
        return Unknown("bad_phone")
    if not _CODE6.fullmatch(c):
        return Unknown("bad_code6")
    return TypedAppointment(p, c)


_EID = re.compile(codes.EID_CODE[1:-1])
_ID_NOISE = re.compile(r"[\s\-_.·]+")


def parse_eid(raw: object) -> str | None:
    """A scan that may be a 电子身份证 / 网证 QR: the code to resolve, or None when it is one of
    the codes this terminal knows (an appointment, an authorisation …) or cannot be one. Only
    the identity step calls this: the code is opaque, so anything else it fits would be sent to
    the service from any screen. Never raises."""
    try:
        if not isinstance(parse_payload(raw), Unknown):
            return None
        text = _normalise(raw)
        return text if text is not None and _EID.fullmatch(text) else None
    except Exception:
        return None


def parse_id_number(text: str) -> str | None:
    """A typed resident ID number, normalised (full-width digits, spaces, a lower-case x);
    None unless it is 18 characters with the right GB 11643 check character. Never raises."""
    n = _normalise(text)
    if n is None:
        return None
    n = _ID_NOISE.sub("", n).upper()
    return n if codes.id_number_valid(n) else None
