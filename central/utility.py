"""用水用气报装, 远程踏勘 and 就近办 in the reference service: the published documents (form
definitions, the county's address list, the service points), survey slots with holds, and
applications with their stages.

The documents are generated once per process from fixed seeds (the address list is a fake
county of 20,000 doorways), served as bytes with a strong ETag like the catalog. Form
definitions come from ``<config_dir>/utility/forms.json`` — every version ever published, so an
application filled offline against an older version is still checked against that version.

Slots are not stored: a slot id (``W-20261207-0900``) names its utility and start, and its
places left are its capacity minus bookings and live holds. An application is created once per
number (the outbox's event key, or the POST's Idempotency-Key, keeps retries out; the same
number with another body is refused). In the demo the stages move on a short timer so a
walkthrough sees them advance; otherwise they follow the survey slot and the utilities' usual
days.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from central import protected
from central.db import Connection
from central.keyring import Keyring
from contract.utility import STAGES, UtilityApplication, utilities_of
from contract.zone import CHINA_TIME

COUNTY = "示范县"
CENTRE = (26.6617, 119.5228)  # the hall: the fake county's centre
SLOT_HOURS = ("0900", "1000", "1100", "1430", "1530", "1630")
SLOT_MINUTES = 40
SLOT_CAPACITY = 2
SLOT_DAYS = 7
HOLD_TTL = timedelta(minutes=30)
# after the survey: plan and fee, construction, connected (the utilities' usual days)
AFTER_SURVEY = (timedelta(days=2), timedelta(days=5), timedelta(days=10))
DEMO_STEP = timedelta(minutes=2)  # the demo: each stage two minutes after the one before


class Refused(Exception):
    """The application cannot be taken as sent (the reason says why)."""


# -- published documents -------------------------------------------------------------------------
@dataclass(frozen=True)
class Published:
    body: bytes
    etag: str
    doc: dict[str, Any]


def _publish(doc: dict[str, Any]) -> Published:
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    return Published(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"', doc)


def forms_file(config_dir: Path) -> Path:
    return config_dir / "utility" / "forms.json"


def load_forms(config_dir: Path) -> tuple[Published, dict[tuple[str, int], dict[str, Any]]]:
    """(the current definitions as published, every version by (type, version))."""
    raw = json.loads(forms_file(config_dir).read_text(encoding="utf-8"))
    every: dict[tuple[str, int], dict[str, Any]] = {}
    latest: dict[str, dict[str, Any]] = {}
    for form in raw["forms"]:
        every[(form["type"], int(form["version"]))] = form
        if form["type"] not in latest or form["version"] > latest[form["type"]]["version"]:
            latest[form["type"]] = form
    current = sorted(
        latest.values(), key=lambda f: ["new", "capacity", "transfer", "stop"].index(f["type"])
    )
    version = ".".join(f"{f['type'][0]}{f['version']}" for f in current)
    return _publish({"version": version, "forms": current}), every


_STREETS = (
    ("城关街道", ("东门社区", "西门社区", "南街社区", "北园社区")),
    ("东湖街道", ("湖滨社区", "东岸社区", "望湖社区")),
    ("南门街道", ("南门社区", "新桥社区", "江滨社区")),
    ("西山镇", ("西山村", "桃源村")),
    ("北岭镇", ("北岭社区", "石门村")),
    ("溪口镇", ("溪口社区", "龙潭村")),
    ("青石镇", ("青石社区", "松林村", "竹林村")),
)
_ROADS = (
    "解放路", "人民路", "中山路", "建设路", "和平路", "胜利路", "文化路", "新华路",
    "朝阳路", "滨江路", "环城路", "学府路", "府前路", "长安路", "青年路", "光明路",
    "振兴路", "健康路", "幸福路", "民主路", "创业路", "迎宾路", "园林路", "育才路",
    "城东路", "城西路", "金桥路", "银杏路", "桂花路", "茶园路", "松柏路", "翠竹路",
    "东湖路", "西湖路", "南环路", "北环路", "龙泉路", "凤凰路", "玉兰路", "海棠路",
)  # fmt: skip
ADDRESSES = 20_000


def communities() -> list[tuple[str, str]]:
    """(street, community): the county's 19 communities, each with a service desk."""
    return [(street, c) for street, cs in _STREETS for c in cs]


@cache
def addresses() -> Published:
    """The county's address list: 20,000 doorways over its 19 communities (deterministic)."""
    comms = communities()
    per = math.ceil(ADDRESSES / len(comms))
    out: list[dict[str, str]] = []
    for ci, (street, community) in enumerate(comms):
        roads = [_ROADS[(ci * 2 + k) % len(_ROADS)] for k in range(4)]
        n = 0
        while n < per and len(out) < ADDRESSES:
            road = roads[n % 4]
            door = n // 4 // 3 + 1
            building = n // 4 % 3 + 1
            number = f"{door}号{building}栋"
            out.append(
                {
                    "id": f"A{len(out) + 1:05d}",
                    "street": street,
                    "community": community,
                    "road": road,
                    "number": number,
                    "text": f"{COUNTY}{street}{community}{road}{number}",
                }
            )
            n += 1
    return _publish({"version": f"addr-{len(out)}-1", "county": COUNTY, "addresses": out})


_WEEKDAYS = [{"days": "1-5", "open": "08:30", "close": "12:00"},
             {"days": "1-5", "open": "14:30", "close": "17:30"}]  # fmt: skip
_SATURDAY = {"days": "6", "open": "09:00", "close": "12:00"}
_COMMUNITY_CATEGORIES = ("社会保险", "医疗保障", "社会救助", "养老服务", "残疾人服务", "证照打印")
_UTILITY_ITEMS = {
    "water": ["G0305", "C0170", "G0480"],
    "gas": ["G0305", "C0184", "G0494", "G0629"],
}


def _near(i: int, n: int, radius_km: float) -> tuple[float, float]:
    """A point ``radius_km`` from the centre, spread round it (deterministic)."""
    angle = 2 * math.pi * i / n
    lat = CENTRE[0] + radius_km / 111.0 * math.sin(angle)
    lon = CENTRE[1] + radius_km / (111.0 * math.cos(math.radians(CENTRE[0]))) * math.cos(angle)
    return round(lat, 6), round(lon, 6)


@cache
def _points(catalog_items: tuple[tuple[str, str], ...], terminals: tuple[str, ...]) -> Published:
    community_items = sorted(
        {i for i, cat in catalog_items if cat in _COMMUNITY_CATEGORIES} | {"G0305"}
    )
    known = {i for i, _ in catalog_items}
    desks = [t for t in terminals if "DESK" in t]
    halls = [t for t in terminals if t not in desks]
    points: list[dict[str, Any]] = []
    hall_lat, hall_lon = CENTRE
    points.append(
        {"id": "P-HALL", "name": f"{COUNTY}政务服务中心", "kind": "hall",
         "address": f"{COUNTY}城关街道府前路1号", "lat": hall_lat, "lon": hall_lon,
         "phone": "0593-12345", "hours": [{"days": "1-5", "open": "08:30", "close": "17:30"},
                                           {"days": "6-7", "open": "09:00", "close": "12:00"}],
         "all_items": True, "items": [],
         "capabilities": ["utility", "certfree", "capture", "ticket", "video", "proofs"],
         "terminals": halls}
    )  # fmt: skip
    comms = communities()
    for i, (street, community) in enumerate(comms):
        lat, lon = _near(i, len(comms), 1.5 + 2.5 * (i % 4))
        points.append(
            {"id": f"P-C{i + 1:02d}", "name": f"{community}党群服务中心便民服务站",
             "kind": "community", "address": f"{COUNTY}{street}{community}",
             "lat": lat, "lon": lon, "phone": f"0593-66{i + 1:05d}",
             "hours": _WEEKDAYS + ([_SATURDAY] if i % 2 == 0 else []),
             "items": community_items, "capabilities": ["utility", "certfree", "capture"],
             "terminals": desks if i == 0 else []}
        )  # fmt: skip
    for j, (kind, name) in enumerate(
        (("water", "县自来水公司营业厅"), ("gas", "县燃气公司营业厅"))
    ):
        lat, lon = _near(j * 3 + 1, 6, 2.2)
        points.append(
            {"id": f"P-{kind.upper()}", "name": name, "kind": kind,
             "address": f"{COUNTY}东湖街道{'滨江路88号' if kind == 'water' else '建设路16号'}",
             "lat": lat, "lon": lon, "phone": "0593-96" + ("111" if kind == "water" else "777"),
             "hours": [*_WEEKDAYS, _SATURDAY],
             "items": [i for i in _UTILITY_ITEMS[kind] if i in known] or ["G0305"],
             "capabilities": ["utility"], "terminals": []}
        )  # fmt: skip
    return _publish({"version": f"points-{len(points)}-1", "points": points})


def service_points(items: dict[str, dict[str, Any]], terminals: list[str]) -> Published:
    pairs = tuple(sorted((k, str(v.get("category") or "")) for k, v in items.items()))
    return _points(pairs, tuple(sorted(terminals)))


# -- slots and holds ---------------------------------------------------------------------------
_PREFIX = {"water": "W", "gas": "G"}
_UTILITY = {"W": "water", "G": "gas"}


@dataclass(frozen=True)
class Slot:
    id: str
    utility: str
    start: datetime
    end: datetime


def parse_slot(slot_id: str) -> Slot | None:
    try:
        prefix, day, hm = slot_id.split("-")
        start = datetime.strptime(day + hm, "%Y%m%d%H%M").replace(tzinfo=CHINA_TIME)
    except ValueError:
        return None
    if prefix not in _UTILITY or hm not in SLOT_HOURS or start.isoweekday() > 5:
        return None
    return Slot(slot_id, _UTILITY[prefix], start, start + timedelta(minutes=SLOT_MINUTES))


def slots_between(utility: str, now: datetime) -> list[Slot]:
    """The coming week's slots of one utility (weekdays), from an hour from now."""
    out: list[Slot] = []
    today = now.astimezone(CHINA_TIME).date()
    for d in range(SLOT_DAYS + 1):
        day: date = today + timedelta(days=d)
        for hm in SLOT_HOURS:
            s = parse_slot(f"{_PREFIX[utility]}-{day:%Y%m%d}-{hm}")
            if s is not None and s.start > now + timedelta(hours=1):
                out.append(s)
    return out


def taken(conn: Connection, slot_id: str, now: datetime, *, but_hold: str = "") -> int:
    booked = conn.execute(
        "SELECT COUNT(*) AS n FROM utility_bookings WHERE slot_id=?", (slot_id,)
    ).fetchone()["n"]
    held = conn.execute(
        "SELECT COUNT(*) AS n FROM utility_holds WHERE slot_id=? AND expires_at>? AND id<>?",
        (slot_id, now.isoformat(), but_hold),
    ).fetchone()["n"]
    return int(booked) + int(held)


def slot_doc(s: Slot, free: int) -> dict[str, Any]:
    return {
        "id": s.id,
        "utility": s.utility,
        "start": s.start.isoformat(),
        "end": s.end.isoformat(),
        "free": max(0, free),
    }


def list_slots(conn: Connection, utility: str, now: datetime) -> list[dict[str, Any]]:
    return [
        slot_doc(s, SLOT_CAPACITY - taken(conn, s.id, now)) for s in slots_between(utility, now)
    ]


def hold(conn: Connection, slot_id: str, terminal_id: str, now: datetime) -> dict[str, Any]:
    """Hold a place in a slot for a terminal; LookupError unknown/past, Refused when full."""
    s = parse_slot(slot_id)
    if s is None or s.start <= now:
        raise LookupError(f"no survey slot {slot_id}")
    # the slot's lock row first: a second central process holding the same slot waits here
    # until this transaction ends, then counts this hold (PostgreSQL; SQLite's write
    # transactions are serial already) — two citizens never get the last place
    conn.execute(
        "INSERT INTO utility_slot_locks (slot_id) VALUES (?)"
        " ON CONFLICT (slot_id) DO UPDATE SET slot_id = excluded.slot_id",
        (slot_id,),
    )
    free = SLOT_CAPACITY - taken(conn, slot_id, now)
    if free <= 0:
        raise Refused("this slot was just taken: choose another")
    conn.execute("DELETE FROM utility_holds WHERE expires_at<=?", (now.isoformat(),))
    hold_id = "H" + secrets.token_hex(8)
    expires = now + HOLD_TTL
    conn.execute(
        "INSERT INTO utility_holds (id, slot_id, terminal_id, expires_at) VALUES (?,?,?,?)",
        (hold_id, slot_id, terminal_id, expires.isoformat()),
    )
    return {"hold_id": hold_id, "slot": slot_doc(s, free - 1), "expires_at": expires.isoformat()}


def release(conn: Connection, hold_id: str, terminal_id: str) -> bool:
    cur = conn.execute(
        "DELETE FROM utility_holds WHERE id=? AND terminal_id=?", (hold_id, terminal_id)
    )
    return bool(cur.rowcount)


# -- a photo from the phone ----------------------------------------------------------------------
UPLOAD_TTL = timedelta(minutes=30)
MAX_PHOTO_BYTES = 10 << 20
PHOTO_TYPES = ("image/jpeg", "image/png", "image/heic", "image/webp")


def new_upload(conn: Connection, terminal_id: str, now: datetime, base: str) -> dict[str, Any]:
    ref = "U" + secrets.token_hex(8)
    check = secrets.token_urlsafe(12)
    expires = now + UPLOAD_TTL
    conn.execute(
        "INSERT INTO utility_uploads (ref, terminal_id, check_code, created_at, expires_at)"
        " VALUES (?,?,?,?,?)",
        (ref, terminal_id, check, now.isoformat(), expires.isoformat()),
    )
    return {
        "ref": ref,
        "url": f"{base.rstrip('/')}/u/{ref}?c={check}",
        "expires_at": expires.isoformat(),
    }


def upload_status(
    conn: Connection, ref: str, terminal_id: str, now: datetime
) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT * FROM utility_uploads WHERE ref=? AND terminal_id=?", (ref, terminal_id)
    ).fetchone()
    if row is None:
        return None
    if row["sha256"]:
        status = "received"
    elif datetime.fromisoformat(row["expires_at"]) <= now:
        status = "expired"
    else:
        status = "waiting"
    return {"ref": ref, "status": status, "sha256": row["sha256"], "size": row["size"]}


def upload_open(conn: Connection, ref: str, check: str, now: datetime) -> bool:
    """The page may take a photo: the ref and its check code match, not expired, none yet."""
    row = conn.execute(
        "SELECT check_code, expires_at, sha256 FROM utility_uploads WHERE ref=?", (ref,)
    ).fetchone()
    return (
        row is not None
        and secrets.compare_digest(str(row["check_code"]), check)
        and datetime.fromisoformat(row["expires_at"]) > now
        and not row["sha256"]
    )


def upload_received(
    conn: Connection, ref: str, sha256: str, size: int, terminal_id: str, now: datetime
) -> None:
    conn.execute("UPDATE utility_uploads SET sha256=?, size=? WHERE ref=?", (sha256, size, ref))
    conn.execute(
        "INSERT INTO blobs (sha256, size, terminal_id, received_at) VALUES (?,?,?,?)"
        " ON CONFLICT (sha256) DO NOTHING",
        (sha256, size, terminal_id, now.isoformat()),
    )


# -- applications -------------------------------------------------------------------------------
def check_against_form(
    app: UtilityApplication, forms: dict[tuple[str, int], dict[str, Any]]
) -> None:
    """The application's own fields read against the form version it was filled with."""
    form = forms.get((app.form_type, app.form_version))
    if form is None:
        raise Refused(f"form {app.form_type} version {app.form_version} was never published")
    wanted = set(utilities_of(app.utilities))
    known = {f["name"]: f for f in form["fields"]}
    for name in app.fields:
        if name not in known:
            raise Refused(f"fields.{name}: not a field of form {app.form_type} v{app.form_version}")
    for f in form["fields"]:
        applies = f.get("utility") in (None, *wanted)
        value = app.fields.get(f["name"], "").strip()
        if f.get("required") and applies and not value:
            raise Refused(f"fields.{f['name']}: required")
        if value and f.get("kind") == "choice" and value not in f.get("choices", []):
            raise Refused(f"fields.{f['name']}: not one of the choices")
        if value and len(value) > int(f.get("max_length", 100)):
            raise Refused(f"fields.{f['name']}: too long")
    if form.get("property_proof", True) and app.property_proof.method == "none":
        raise Refused("property_proof: required for this application type")


def check_upload(conn: Connection, app: UtilityApplication, terminal_id: str) -> None:
    """A proof sent from the phone must be the photo that arrived for this terminal."""
    proof = app.property_proof
    if proof.method != "upload":
        return
    row = conn.execute(
        "SELECT sha256 FROM utility_uploads WHERE ref=? AND terminal_id=?",
        (proof.upload_ref, terminal_id),
    ).fetchone()
    if row is None or not row["sha256"] or row["sha256"] != proof.blob_sha256:
        raise Refused("property_proof: no such photo received from the phone")


def _book(
    conn: Connection, app: UtilityApplication, terminal_id: str, now: datetime
) -> dict[str, Slot]:
    """Turn the held slots into bookings; a slot lost meanwhile (offline, hold expired) gets
    the next free one of its utility."""
    booked: dict[str, Slot] = {}
    for utility in utilities_of(app.utilities):
        wanted = parse_slot(app.slots.get(utility, "")) if app.slots.get(utility) else None  # type: ignore[call-overload]
        hold_id = app.holds.get(utility, "")  # type: ignore[call-overload]
        held = (
            hold_id
            and conn.execute(
                "SELECT 1 FROM utility_holds WHERE id=? AND terminal_id=? AND slot_id=?",
                (hold_id, terminal_id, wanted.id if wanted else ""),
            ).fetchone()
        )
        choice: Slot | None = None
        usable = wanted is not None and wanted.start > now and wanted.utility == utility
        if usable and (held or taken(conn, wanted.id, now) < SLOT_CAPACITY):  # type: ignore[union-attr]
            choice = wanted
        if choice is None and wanted is not None:
            for s in slots_between(utility, max(now, wanted.start - timedelta(hours=1))):
                if taken(conn, s.id, now) < SLOT_CAPACITY:
                    choice = s
                    break
        if hold_id:
            conn.execute("DELETE FROM utility_holds WHERE id=?", (hold_id,))
        if choice is not None:
            conn.execute(
                "INSERT INTO utility_bookings (number, utility, slot_id) VALUES (?,?,?)"
                " ON CONFLICT (number, utility) DO NOTHING",
                (app.number, utility, choice.id),
            )
            booked[utility] = choice
    return booked


def _stages(
    received: datetime, booked: dict[str, Slot], survey: bool, demo: bool
) -> dict[str, str | None]:
    out: dict[str, str | None] = dict.fromkeys(STAGES)
    out["received"] = received.isoformat()
    if demo:
        t = received
        for name in STAGES[1:]:
            if not survey and name in ("survey_booked", "survey_done"):
                continue
            t = t + (timedelta(0) if name == "survey_booked" else DEMO_STEP)
            out[name] = t.isoformat()
        return out
    base = received
    if survey and booked:
        out["survey_booked"] = received.isoformat()
        base = max(s.end for s in booked.values()).astimezone(UTC)
        out["survey_done"] = base.isoformat()
    for name, delta in zip(STAGES[3:], AFTER_SURVEY, strict=True):
        out[name] = (base + delta).isoformat()
    return out


def create(
    conn: Connection,
    keys: Keyring,
    app: UtilityApplication,
    forms: dict[tuple[str, int], dict[str, Any]],
    terminal_id: str,
    now: datetime,
    *,
    demo: bool,
) -> dict[str, Any]:
    """Take an application once (the same body again answers the first receipt); Refused
    names what is wrong."""
    body = app.model_dump(mode="json")
    fp = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    row = conn.execute(
        "SELECT fingerprint FROM utility_applications WHERE number=?", (app.number,)
    ).fetchone()
    if row is not None:
        if row["fingerprint"] != fp:
            raise Refused(f"application {app.number} was already received with other content")
        return receipt(conn, app.number)  # type: ignore[return-value]
    check_against_form(app, forms)
    check_upload(conn, app, terminal_id)
    survey = bool(forms[(app.form_type, app.form_version)].get("survey", True))
    booked = _book(conn, app, terminal_id, now) if survey else {}
    stages = _stages(now, booked, survey, demo)
    conn.execute(
        "INSERT INTO utility_applications (number, terminal_id, form_type, utilities,"
        " received_at, stages_json, payload_enc, fingerprint) VALUES (?,?,?,?,?,?,?,?)",
        (app.number, terminal_id, app.form_type, app.utilities, now.isoformat(),
         json.dumps(stages), protected.seal_payload(keys, body), fp),
    )  # fmt: skip
    found = receipt(conn, app.number)
    assert found is not None
    return found


def receipt(conn: Connection, number: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT received_at FROM utility_applications WHERE number=?", (number,)
    ).fetchone()
    if row is None:
        return None
    surveys = {}
    for b in conn.execute(
        "SELECT utility, slot_id FROM utility_bookings WHERE number=? ORDER BY utility", (number,)
    ).fetchall():
        s = parse_slot(b["slot_id"])
        if s is not None:
            surveys[b["utility"]] = slot_doc(s, 0)
    return {
        "number": number,
        "status": "received",
        "received_at": row["received_at"],
        "surveys": surveys,
    }


_TITLES = {"new": "新装", "capacity": "增容", "transfer": "过户", "stop": "停用"}
_UTILITIES = {"water": "用水", "gas": "用气", "both": "用水用气"}


def progress(
    conn: Connection, number: str, site_terminals: list[str], now: datetime
) -> dict[str, Any] | None:
    """办件查询 for an application: its stages, done up to now (within the filing site)."""
    row = conn.execute("SELECT * FROM utility_applications WHERE number=?", (number,)).fetchone()
    if row is None or row["terminal_id"] not in site_terminals:
        return None
    stages = json.loads(row["stages_json"])
    steps = []
    for name in STAGES:
        at = stages.get(name)
        if at is None and name in ("survey_booked", "survey_done"):
            continue
        done = at is not None and datetime.fromisoformat(at) <= now
        steps.append(
            {"step": name, "deadline": None if done else at, "done_at": at if done else None}
        )
    done_steps = [s["step"] for s in steps if s["done_at"]]
    where = (
        "县自来水公司"
        if row["utilities"] == "water"
        else "县燃气公司"
        if row["utilities"] == "gas"
        else "县自来水公司、县燃气公司"
    )
    return {
        "number": number,
        "kind": "application",
        "status": done_steps[-1] if done_steps else "received",
        "service": f"{_UTILITIES.get(row['utilities'], '')}报装"
        f"（{_TITLES.get(row['form_type'], '')}）",
        "where": where,
        "created_at": row["received_at"],
        "steps": steps,
    }
