# ruff: noqa: E501  (data tables: one row per line)
"""Demo appointments, licence holders and authorisation tokens of the reference service.

Everything here is made up: names are common names, ID numbers use a region code no county has
(350999) with a correct check digit, phones are in the 139 0000 xxxx block. The rows are written
again at every start with times relative to "now", so the documented codes always behave as
documented (central/README.md lists them) no matter when the demo runs. Licences too: the ones
that expire are dated relative to the day they are fetched, so they are all valid except the
few in ``EXPIRED_LICENCES``, which ended the same number of days ago whenever the demo runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from central import protected
from central.db import Database
from central.keyring import Keyring
from central.seed.licence_kinds import LICENCE_KINDS
from contract.codes import id_check_char

COUNTY = "示范县"
HOME_SITE = "demo-county"
HOME_SITE_NAME = "示范县政务服务中心"
OTHER_SITE = "other-county"
OTHER_SITE_NAME = "邻县政务服务中心"

REGION = "350999"  # no county has it


def id_number(region: str, born: date, seq: int) -> str:
    """A well-formed 18-digit mainland ID number (GB 11643 check digit)."""
    body = f"{region}{born:%Y%m%d}{seq:03d}"
    return body + id_check_char(body)


@dataclass(frozen=True)
class DemoHolder:
    key: str
    name: str
    born: date
    seq: int  # odd: male, even: female
    phone: str
    kinds: tuple[str, ...]
    nation: str = "01"  # GB 3304
    address: str = ""

    @property
    def id_number(self) -> str:
        return id_number(REGION, self.born, self.seq)

    @property
    def sex(self) -> str:
        """GB/T 2261.1: the number's 17th digit, odd for men (GB 11643)."""
        return "1" if self.seq % 2 else "2"


HOLDERS: tuple[DemoHolder, ...] = (
    DemoHolder(
        "zhangwei", "张伟", date(1985, 3, 12), 131, "13900001111",
        ("id_card", "household_register", "driving_licence", "vehicle_licence",
         "marriage_certificate", "social_security_card", "real_estate_certificate"),
        "01", "福建省示范县城关镇人民路12号",
    ),
    DemoHolder(
        "lina", "李娜", date(1990, 7, 21), 242, "13900002222",
        ("id_card", "business_licence", "food_business_permit", "tax_payment_certificate",
         "social_security_card", "medical_insurance_voucher"),
        "01", "福建省示范县城关镇解放街3号2单元501室",
    ),
    DemoHolder(
        "wangjianguo", "王建国", date(1958, 10, 1), 317, "13900003333",
        ("id_card", "household_register", "retirement_certificate", "senior_citizen_card",
         "disability_certificate", "social_security_card"),
        "03", "福建省示范县西湖乡王庄村18号",
    ),
    DemoHolder(
        "liufang", "刘芳", date(1979, 12, 30), 428, "13900004444",
        ("id_card", "marriage_certificate", "teacher_qualification", "nurse_licence",
         "only_child_honour", "residence_permit"),
        "11", "福建省示范县滨江街道江景花园7幢1102室",
    ),
    DemoHolder(
        "chenzhiqiang", "陈志强", date(1996, 5, 8), 515, "13900005555",
        ("id_card", "driving_licence", "individual_business_licence", "road_transport_certificate",
         "transport_qualification", "veteran_card"),
        "08", "福建省示范县东岭镇新村路66号",
    ),
)  # fmt: skip

KINDS = {kind: (title, issuer.format(county=COUNTY)) for kind, title, issuer in LICENCE_KINDS}


def _digits(seed: str, n: int) -> str:
    h = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    return str(h % 10**n).zfill(n)


# holder -> days since the last valid day of their resident ID card (the identity step's
# "expired card: renew it" path); the card's electronic licence ends the same day
EXPIRED_CARDS: dict[str, int] = {"chenzhiqiang": 20}
# (holder, licence kind) -> days since its last valid day: the demo's expired licences
EXPIRED_LICENCES: dict[tuple[str, str], int] = {
    ("zhangwei", "driving_licence"): 75,  # desk intake walkthrough (demo-sq-valid-01)
    ("lina", "food_business_permit"): 40,  # certificate-free walkthrough (demo-sq-valid-02)
    **{(key, "id_card"): days for key, days in EXPIRED_CARDS.items()},
}
COUNTY_POLICE = f"{COUNTY}公安局"
_NO_EXPIRY = (
    "business_licence",
    "individual_business_licence",
    "marriage_certificate",
    "household_register",
    "retirement_certificate",
    "only_child_honour",
)


def _years_later(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def card_validity_years(born: date, issued: date) -> int | None:
    """居民身份证法 art. 5: under 16 five years, 16-25 ten, 26-45 twenty, 46 and over 长期."""
    age = issued.year - born.year - ((issued.month, issued.day) < (born.month, born.day))
    if age < 16:
        return 5
    if age <= 25:
        return 10
    if age <= 45:
        return 20
    return None


@dataclass(frozen=True)
class DemoCard:
    """The holder's resident ID card as the reader gives it (fields of GA/T 467's text block)."""

    name: str
    sex: str
    nation: str
    birth: str  # YYYYMMDD
    address: str
    id_number: str
    authority: str
    valid_from: str  # YYYYMMDD
    valid_to: str  # YYYYMMDD or 长期


def card_dates(holder: DemoHolder, today: date) -> tuple[date, date | None]:
    """Issue day and last valid day (None: 长期) of the holder's card, seen on ``today``: valid
    for years yet, unless the holder is in ``EXPIRED_CARDS``."""
    ago = EXPIRED_CARDS.get(holder.key)
    if ago is not None:
        until = today - timedelta(days=ago)
        for span in (5, 10, 20):
            issued = _years_later(until, -span)
            if card_validity_years(holder.born, issued) == span:
                return issued, until
        return _years_later(until, -10), until
    seed = f"{holder.key}/id_card"
    issued = date(today.year - 1 - int(_digits(seed, 1)) % 8, 6, 1)
    years = card_validity_years(holder.born, issued)
    if years is not None and _years_later(issued, years) <= today:
        issued = date(today.year - 1, 6, 1)
        years = card_validity_years(holder.born, issued)
    return issued, _years_later(issued, years) if years is not None else None


def card(holder: DemoHolder, today: date | None = None) -> DemoCard:
    today = today or date.today()
    issued, until = card_dates(holder, today)
    return DemoCard(
        holder.name,
        holder.sex,
        holder.nation,
        f"{holder.born:%Y%m%d}",
        holder.address,
        holder.id_number,
        COUNTY_POLICE,
        f"{issued:%Y%m%d}",
        f"{until:%Y%m%d}" if until is not None else "长期",
    )


def holder_by_id_number(number: str) -> DemoHolder | None:
    return next((h for h in HOLDERS if h.id_number == number.strip().upper()), None)


def licences(holder: DemoHolder, today: date | None = None) -> list[dict[str, str | None]]:
    """The holder's licences in the redeem response's shape, as fetched on ``today``; unknown
    kinds are skipped.

    A licence that never expires keeps a fixed issue date; one that does was issued one to nine
    years before ``today`` (valid for years yet), unless it is in ``EXPIRED_LICENCES``.
    """
    today = today or date.today()
    out: list[dict[str, str | None]] = []
    for kind in holder.kinds:
        if kind not in KINDS:
            continue
        title, issuer = KINDS[kind]
        seed = f"{holder.key}/{kind}"
        years = 20 if kind in ("id_card", "driving_licence") else 10
        ago = EXPIRED_LICENCES.get((holder.key, kind))
        until: date | None
        if kind == "id_card":  # the electronic copy of the card: the card's own dates
            issued, until = card_dates(holder, today)
        elif kind in _NO_EXPIRY:
            issued = date(max(holder.born.year + 18, 2005) + int(_digits(seed, 1)), 6, 1)
            until = None
        elif ago is not None:
            until = today - timedelta(days=ago)
            issued = _years_later(until, -years) + timedelta(days=1)
        else:
            issued = date(
                max(today.year - 1 - int(_digits(seed, 1)) % 9, holder.born.year + 18), 6, 1
            )
            until = _years_later(issued, years) - timedelta(days=1)
        number: str
        if kind in ("id_card", "driving_licence"):
            number = holder.id_number
        elif kind in ("business_licence", "individual_business_licence"):
            number = "92350999MA" + _digits(seed, 7) + "X"
        elif kind == "marriage_certificate":
            number = f"J350999-{issued.year}-{_digits(seed, 6)}"
        elif kind in ("household_register", "retirement_certificate", "only_child_honour"):
            number = "350999" + _digits(seed, 9)
        else:
            number = f"{kind[:2].upper()}350999{_digits(seed, 8)}"
        out.append(
            {
                "kind": kind,
                "title": title,
                "number": number,
                "holder": holder.name,
                "issuer": issuer,
                "valid_from": issued.isoformat(),
                "valid_until": until.isoformat() if until is not None else None,
            }
        )
    return out


def _token(label: str) -> str:
    return f"demo-sq-{label}-".ljust(32, "0")


# token -> (holder key, state) ; state: valid | expired | used
AUTH_TOKENS: dict[str, tuple[str, str]] = {
    _token("valid-01"): ("zhangwei", "valid"),
    _token("valid-02"): ("lina", "valid"),
    _token("valid-03"): ("wangjianguo", "valid"),
    _token("valid-04"): ("liufang", "valid"),
    _token("valid-05"): ("chenzhiqiang", "valid"),
    _token("expired-01"): ("zhangwei", "expired"),
    _token("used-01"): ("lina", "used"),
}


def _eid(label: str) -> str:
    return f"CTID-DEMO-{label}-".ljust(40, "0")


# The 电子身份证 / 网证 QR shown on a phone -> (holder key, state); state: valid | expired (the
# code a phone shows is time-stamped and refreshed; an old screenshot is refused).
EID_CODES: dict[str, tuple[str, str]] = {
    _eid("valid-01"): ("zhangwei", "valid"),
    _eid("valid-02"): ("lina", "valid"),
    _eid("valid-03"): ("wangjianguo", "valid"),
    _eid("valid-04"): ("liufang", "valid"),
    _eid("valid-05"): ("chenzhiqiang", "valid"),
    _eid("expired-01"): ("zhangwei", "expired"),
}


@dataclass(frozen=True)
class DemoAppointment:
    code: str
    holder: str
    code6: str
    item_id: str
    service: str
    state: str  # valid | expired | other_site | checked_in


APPOINTMENTS: tuple[DemoAppointment, ...] = (
    DemoAppointment("DEMOYY0001", "zhangwei", "246810", "C0032", "居民身份证换领", "valid"),
    DemoAppointment("DEMOYY0002", "lina", "135790", "C0001", "有限责任公司设立登记", "valid"),
    DemoAppointment("DEMOYY0003", "wangjianguo", "112233", "C0063", "城乡居民养老保险待遇申领", "valid"),
    DemoAppointment("DEMOYY0004", "liufang", "445566", "C0104", "存量房转移登记（二手房）", "valid"),
    DemoAppointment("DEMOYY0005", "chenzhiqiang", "778899", "C0147", "内地居民结婚登记", "valid"),
    DemoAppointment("DEMOEXPIRD", "zhangwei", "000111", "C0032", "居民身份证换领", "expired"),
    DemoAppointment("DEMOOTHERS", "lina", "000222", "C0063", "城乡居民养老保险待遇申领", "other_site"),
    DemoAppointment("DEMOCHECKD", "liufang", "000333", "C0104", "存量房转移登记（二手房）", "checked_in"),
)  # fmt: skip


def holder(key: str) -> DemoHolder:
    return next(h for h in HOLDERS if h.key == key)


def seed_demo(db: Database, keys: Keyring, now: datetime) -> None:
    """(Re)write the demo rows with times around `now` (UTC); keeps everything else. Demo mode
    only (``CentralSettings.demo``): these codes are published in central/README.md."""
    day = timedelta(days=1)
    with db.write() as conn:
        for a in APPOINTMENTS:
            h = holder(a.holder)
            if a.state == "expired":
                start, end = now - 2 * day, now - day
            else:
                start, end = now - timedelta(hours=1), now + day
            site, site_name = (
                (OTHER_SITE, OTHER_SITE_NAME)
                if a.state == "other_site"
                else (HOME_SITE, HOME_SITE_NAME)
            )
            checked = now.isoformat() if a.state == "checked_in" else None
            protected.put_appointment(
                conn,
                keys,
                protected.NewAppointment(
                    a.code, h.phone, a.code6, h.name, a.item_id, a.service, site, site_name,
                    start.isoformat(), end.isoformat(), checked,
                ),
            )  # fmt: skip
        for token, (holder_key, state) in AUTH_TOKENS.items():
            until = now - day if state == "expired" else now + day
            redeemed = now.isoformat() if state == "used" else None
            conn.execute(
                "INSERT INTO authorizations (token_sha256, holder_key, valid_until,"
                " redeemed_at, redeemed_by) VALUES (?,?,?,?,?) ON CONFLICT (token_sha256)"
                " DO UPDATE SET holder_key=excluded.holder_key, valid_until=excluded.valid_until,"
                " redeemed_at=excluded.redeemed_at, redeemed_by=excluded.redeemed_by",
                (protected.token_sha256(token), holder_key, until.isoformat(), redeemed,
                 "DEMO" if redeemed else None),
            )  # fmt: skip
