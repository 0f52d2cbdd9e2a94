"""Formats of every code and number that crosses between a citizen, the terminal and the service.

Two families live here:

- **codes a citizen brings** (QR payloads of the provincial app, a staff badge, a phone number,
  the 6-digit appointment code): patterns only; ``kiosk_app.core.payloads`` classifies a scan.
- **numbers the terminal hands out** (a case, a 12345 work order, a filed document, a utility
  application). The terminal makes them itself, because it may be offline when it files, so they
  must be unique without asking anyone and impossible to guess: a number is a citizen's key to
  their case, and a predictable one let any terminal read or pre-empt another's orders. Each is
  a two-letter prefix (``12345`` for the hotline) and twelve digits — eleven from the operating
  system's CSPRNG and one Damm check digit — the length of a mobile number, read aloud in three
  groups of four ("SL 4830 2917 5603"), and every mistyped digit and every swap of two
  neighbours is caught before any lookup (the Damm quasigroup catches both, in one decimal
  digit; ISO 7064 MOD 11-10 misses some swaps, MOD 11-2 needs an "X"). There are 10^11 numbers
  per kind; by the birthday bound the first accidental repeat is expected after ~400,000
  numbers of one kind (40 years of a county's 10,000 work orders a year). The central service
  refuses a repeat rather than overwrite, and the terminal's record then shows as a dead letter
  on the technician panel.
  Queue tickets (``A012``) are issued by the service and need neither property.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# -- codes a citizen brings -------------------------------------------------------------------
APPOINTMENT_PREFIX = "ZWFW-YY:"  # 预约办: the provincial app's appointment QR
AUTHORIZATION_PREFIX = "ZWFW-SQ:"  # 免证办: the licence authorisation QR
STAFF_PREFIX = "ZWFW-GH:"  # a desk clerk's badge

APPOINTMENT_CODE = r"^(ZWFW-YY:)?[A-Z0-9]{10}$"
AUTH_TOKEN = r"^(ZWFW-SQ:)?[A-Za-z0-9_-]{32}$"
STAFF_ID = r"^S[0-9]{4,8}$"
PHONE = r"^1[3-9][0-9]{9}$"  # a mainland mobile number
CODE6 = r"^[0-9]{6}$"  # the appointment's 6-digit code, typed with the phone number
TICKET_NUMBER = r"^[A-Z][0-9]{3,4}$"  # issued by the queue service
SHA256_HEX = r"^[0-9a-f]{64}$"
PROOF_NUMBER = r"^ZM[0-9]{14}$"  # a proof issued by the central service: ZM + date + 6 digits

# -- numbers the terminal hands out -------------------------------------------------------------
DIGITS = 12  # eleven random digits and a check digit


class NumberKind(StrEnum):
    CASE = "case"  # 受理: a case submitted at the desk or by certificate-free
    WORKORDER = "workorder"  # 12345 诉求 work order
    DOCUMENT = "document"  # 文件: pages filed without a case
    APPLICATION = "application"  # 报装: a water/gas connection application
    TICKET = "ticket"  # 排队: a queue ticket, issued by the service


PREFIXES: dict[NumberKind, str] = {
    NumberKind.CASE: "SL",
    NumberKind.WORKORDER: "12345",
    NumberKind.DOCUMENT: "WJ",
    NumberKind.APPLICATION: "BZ",
}
# for wire models: the canonical form (no spaces, prefix joined by a dash only for 12345)
CASE_NUMBER = rf"^SL[0-9]{{{DIGITS}}}$"
WORKORDER_NUMBER = rf"^12345-[0-9]{{{DIGITS}}}$"
DOCUMENT_NUMBER = rf"^WJ[0-9]{{{DIGITS}}}$"
APPLICATION_NUMBER = rf"^BZ[0-9]{{{DIGITS}}}$"
NUMBER_PATTERNS: dict[NumberKind, str] = {
    NumberKind.CASE: CASE_NUMBER,
    NumberKind.WORKORDER: WORKORDER_NUMBER,
    NumberKind.DOCUMENT: DOCUMENT_NUMBER,
    NumberKind.APPLICATION: APPLICATION_NUMBER,
    NumberKind.TICKET: TICKET_NUMBER,
}


# H. M. Damm's totally anti-symmetric quasigroup of order 10 (2004)
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def check_digit(digits: str) -> str:
    """The Damm check digit: catches every single wrong digit and every swap of two neighbours
    — the mistakes a person makes reading a number off a slip or typing it."""
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return str(interim)


def _canonical(kind: NumberKind, digits: str) -> str:
    prefix = PREFIXES[kind]
    return f"{prefix}-{digits}" if kind is NumberKind.WORKORDER else f"{prefix}{digits}"


def new_number(kind: NumberKind) -> str:
    """A fresh number of ``kind`` in its canonical form (``SL483029175603``)."""
    if kind is NumberKind.TICKET:
        raise ValueError("queue tickets are issued by the service")
    body = "".join(secrets.choice("0123456789") for _ in range(DIGITS - 1))
    return _canonical(kind, body + check_digit(body))


@dataclass(frozen=True)
class Number:
    kind: NumberKind
    value: str  # canonical form


_NOISE = re.compile(r"[\s\-_.·/]+")
_TICKET = re.compile(r"[A-Z][0-9]{3,4}")


def parse_number(text: str) -> Number | None:
    """Any number the terminal handed out, however it was typed or read back: full-width
    digits, lower case, spaces or dashes between the groups. None when it is not one, or its
    check digit is wrong (a typo: asking the service would only say "not found")."""
    raw = _NOISE.sub("", unicodedata.normalize("NFKC", text)).upper()
    if _TICKET.fullmatch(raw):
        return Number(NumberKind.TICKET, raw)
    for kind, prefix in PREFIXES.items():
        if raw.startswith(prefix):
            digits = raw[len(prefix) :]
            if (
                len(digits) == DIGITS
                and digits.isascii()
                and digits.isdigit()
                and check_digit(digits[:-1]) == digits[-1]
            ):
                return Number(kind, _canonical(kind, digits))
            return None
    return None


def spoken(number: str) -> str:
    """The number as printed and read aloud: prefix, then groups of four (``SL 4830 2917 5603``)."""
    parsed = parse_number(number)
    if parsed is None or parsed.kind is NumberKind.TICKET:
        return number
    digits = parsed.value[-DIGITS:]
    groups = " ".join(digits[i : i + 4] for i in range(0, DIGITS, 4))
    return f"{PREFIXES[parsed.kind]} {groups}"


# -- resident ID numbers ---------------------------------------------------------------------
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_NUMBER = r"^[0-9]{17}[0-9X]$"


def id_check_char(first17: str) -> str:
    """GB 11643-1999 check character (ISO 7064 MOD 11-2) of an 18-digit citizen ID number."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def id_number_valid(number: str) -> bool:
    """Shape and check character of a resident ID number (the birth date is checked apart)."""
    n = number.strip().upper()
    return bool(re.fullmatch(ID_NUMBER, n)) and id_check_char(n[:17]) == n[17]


def id_birth_date(number: str) -> date | None:
    """The birth date a resident ID number carries (digits 7-14); None when it is no date."""
    n = number.strip()
    if len(n) != 18 or not n[6:14].isdigit():
        return None
    try:
        return date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return None


def id_sex_code(number: str) -> str:
    """GB/T 2261.1 sex code the number carries (17th digit odd: "1" male, even: "2" female)."""
    n = number.strip()
    if len(n) != 18 or not n[16].isdigit():
        return ""
    return "1" if int(n[16]) % 2 else "2"


# -- identity alternatives (身份核验 without the card) ----------------------------------------
# The 电子身份证 / 网证 QR a citizen shows on a phone is opaque to the terminal: the national
# platform signs and time-stamps it and only the central service (through that platform) can
# resolve it. The terminal checks no more than that it is printable ASCII of a plausible length,
# and sends it only from the identity step.
EID_CODE = r"^[\x21-\x7e]{16,1024}$"
SMS_CODE = CODE6  # the 6-digit code texted to the phone on record
CHALLENGE_ID = r"^[A-Za-z0-9_-]{16,64}$"  # names one texted code, never the person
