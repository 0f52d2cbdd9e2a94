"""The county's fleet console: who is signed in, what the fleet looks like, what is wrong.

Data only (the pages are central/routes/console.py): console users with a role each (viewer <
operator < admin; passwords scrypt-hashed like video agents', central.video_store), sessions
(a random cookie, only its sha256 stored), each terminal's state from its last heartbeat, its
history, alerts raised and cleared against the fleet, and the day's service figures.

State from the heartbeat interval (``CentralSettings.heartbeat_interval_s``, the terminals'
``sync.heartbeat_s``): online while the last beat is at most 2.5 intervals old (one lost beat is
no news), late up to 10 intervals, missing after that or never heard from.

Alerts are kept in ``console_alerts``, one open row per terminal and kind (a partial unique
index, so two central processes evaluating at once raise it once); a kind that no longer holds is
cleared. Every raise and clear is POSTed to ``console_webhook_url`` (a county's duty system).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from central import video_store
from central.db import Database
from contract.zone import CHINA_TIME

ROLES = ("viewer", "operator", "admin")
Role = Literal["viewer", "operator", "admin"]
SESSION_COOKIE = "kiosk_console"
ALERT_KINDS = ("missing", "paper_out", "dead_letters", "backlog")

# Its tables: migration 2 in central/db.py (MIGRATIONS).


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# ---- users and sessions ------------------------------------------------------------------------
@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: Role

    def may(self, role: Role) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def add_user(
    db: Database, username: str, display_name: str, password: str, role: Role, now: datetime
) -> None:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    with db.write() as conn:
        conn.execute(
            "INSERT INTO console_users (username, display_name, role, password_hash, created_at)"
            " VALUES (?,?,?,?,?) ON CONFLICT (username) DO UPDATE SET"
            " display_name=excluded.display_name, role=excluded.role,"
            " password_hash=excluded.password_hash, disabled_at=NULL",
            (username, display_name, role, video_store.hash_password(password), now.isoformat()),
        )


def sign_in(db: Database, username: str, password: str, now: float, ttl_s: float) -> str | None:
    """A new session token for the right password, else None (same answer for an unknown
    user, so names cannot be probed)."""
    row = db.one(
        "SELECT password_hash FROM console_users WHERE username=? AND disabled_at IS NULL",
        (username,),
    )
    ok = video_store.check_password(password, row["password_hash"] if row else _DUMMY_HASH)
    if row is None or not ok:
        return None
    token = secrets.token_urlsafe(32)
    with db.write() as conn:
        conn.execute("DELETE FROM console_sessions WHERE expires_at < ?", (now,))
        conn.execute(
            "INSERT INTO console_sessions (token_sha256, username, created_at, expires_at)"
            " VALUES (?,?,?,?)",
            (_sha(token), username, now, now + ttl_s),
        )
    return token


_DUMMY_HASH = video_store.hash_password("not a password", b"0123456789abcdef")


def session_user(db: Database, token: str | None, now: float) -> User | None:
    if not token:
        return None
    row = db.one(
        "SELECT u.username, u.display_name, u.role FROM console_sessions s"
        " JOIN console_users u ON u.username = s.username"
        " WHERE s.token_sha256=? AND s.expires_at >= ? AND u.disabled_at IS NULL",
        (_sha(token), now),
    )
    if row is None:
        return None
    return User(row["username"], row["display_name"], row["role"])


def sign_out(db: Database, token: str) -> None:
    with db.write() as conn:
        conn.execute("DELETE FROM console_sessions WHERE token_sha256=?", (_sha(token),))


# ---- the fleet ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class FleetRow:
    id: str
    site: str
    name: str
    profile: str
    state: Literal["online", "late", "missing"]
    last_seen: str | None
    age_s: float | None
    app_version: str
    config_version: int  # the version pushed (in force at the central)
    config_reported: str  # what the terminal says it runs
    config_fetched: int | None  # the pushed version it last fetched
    uptime_s: float | None
    outbox: int | None
    oldest_s: float | None
    dead: int | None
    devices: dict[str, str] = field(default_factory=dict)
    last_error: str = ""

    @property
    def problems(self) -> list[str]:
        out = [f"{n}: {s}" for n, s in self.devices.items() if s in BAD_DEVICE_STATES]
        if self.dead:
            out.append(f"{self.dead} dead letters")
        return out


BAD_DEVICE_STATES = frozenset({"paper_out", "paper_low", "offline", "error", "missing", "closed"})


def classify(age_s: float | None, interval_s: float) -> Literal["online", "late", "missing"]:
    if age_s is None or age_s > 10 * interval_s:
        return "missing"
    return "online" if age_s <= 2.5 * interval_s else "late"


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


_FLEET = (
    "SELECT id, site, name, config_json, config_version, config_fetched_version,"
    " last_heartbeat_at, last_heartbeat_json FROM terminals"
)
_FLEET_LIGHT = (
    "SELECT id, site, name, '{}' AS config_json, config_version, config_fetched_version,"
    " last_heartbeat_at, NULL AS last_heartbeat_json FROM terminals"
)


def fleet(
    db: Database,
    now: datetime,
    interval_s: float,
    terminal_id: str | None = None,
    *,
    light: bool = False,
) -> list[FleetRow]:
    """Every terminal (or one) as the console shows it; ``light``: ids, sites and heartbeat
    times only (what "missing" needs), without reading thousands of heartbeat bodies."""
    sql = _FLEET_LIGHT if light else _FLEET
    if terminal_id is None:
        rows = db.all(sql + " ORDER BY id")
    else:
        rows = db.all(sql + " WHERE id=?", (terminal_id,))
    out = []
    for r in rows:
        beat: dict[str, Any] = json.loads(r["last_heartbeat_json"] or "{}")
        age = None
        if r["last_heartbeat_at"]:
            age = (now - datetime.fromisoformat(r["last_heartbeat_at"])).total_seconds()
        config = json.loads(r["config_json"] or "{}")
        reported = str(beat.get("config_version") or "")
        profile = str(config.get("profile") or "") or (
            reported.split("/", 1)[1] if "/" in reported else "-"
        )
        update = beat.get("update") if isinstance(beat.get("update"), dict) else {}
        error = str(beat.get("last_error") or (update or {}).get("error") or "")
        devices = beat.get("devices") if isinstance(beat.get("devices"), dict) else {}
        dead = _num(beat.get("dead_letters"))
        outbox = _num(beat.get("outbox_depth"))
        out.append(
            FleetRow(
                id=r["id"], site=r["site"], name=r["name"], profile=profile,
                state=classify(age, interval_s), last_seen=r["last_heartbeat_at"], age_s=age,
                app_version=str(beat.get("app_version") or ""),
                config_version=int(r["config_version"]), config_reported=reported,
                config_fetched=r["config_fetched_version"],
                uptime_s=_num(beat.get("uptime_s")), outbox=None if outbox is None else int(outbox),
                oldest_s=_num(beat.get("oldest_pending_s")),
                dead=None if dead is None else int(dead),
                devices={str(k): str(v) for k, v in (devices or {}).items()}, last_error=error,
            )
        )  # fmt: skip
    return out


def history(
    db: Database, terminal_id: str, now: datetime, days: int = 7
) -> list[tuple[datetime, dict[str, Any]]]:
    since = (now - timedelta(days=days)).isoformat()
    rows = db.all(
        "SELECT received_at, body_json FROM heartbeats WHERE terminal_id=? AND received_at>=?"
        " ORDER BY received_at",
        (terminal_id, since),
    )
    return [(datetime.fromisoformat(r["received_at"]), json.loads(r["body_json"])) for r in rows]


def device_events(beats: list[tuple[datetime, dict[str, Any]]]) -> list[tuple[datetime, str]]:
    """Each change of a device's state between consecutive heartbeats, newest first."""
    out: list[tuple[datetime, str]] = []
    before: dict[str, str] = {}
    for at, body in beats:
        devices = body.get("devices") if isinstance(body.get("devices"), dict) else {}
        for name, state in (devices or {}).items():
            old = before.get(name)
            if old is not None and old != str(state):
                out.append((at, f"{name}: {old} → {state}"))
            before[name] = str(state)
    return out[::-1]


def push_config(db: Database, terminal_id: str, config: dict[str, Any]) -> int | None:
    """Make ``config`` the terminal's config in force (a new version, signed when the terminal
    pulls it: central/routes/pulls.py); None for an unknown terminal."""
    with db.write() as conn:
        n = conn.execute(
            "UPDATE terminals SET config_json=?, config_version=config_version+1 WHERE id=?",
            (json.dumps(config, ensure_ascii=False), terminal_id),
        ).rowcount
        if n != 1:
            return None
        row = conn.execute(
            "SELECT config_version FROM terminals WHERE id=?", (terminal_id,)
        ).fetchone()
    return int(row["config_version"])


def note_fetched(db: Database, terminal_id: str, version: int, now: datetime) -> None:
    """The terminal fetched (or confirmed by ETag) config ``version``."""
    row = db.one("SELECT config_fetched_version FROM terminals WHERE id=?", (terminal_id,))
    if row is not None and row["config_fetched_version"] == version:
        return  # most pulls are 304s of the same version: no write for them
    with db.write() as conn:
        conn.execute(
            "UPDATE terminals SET config_fetched_version=?, config_fetched_at=? WHERE id=?",
            (version, now.isoformat(), terminal_id),
        )


# ---- alerts ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AlertRules:
    missing_s: float = 15 * 60
    backlog_s: float = 3600.0


def wanted_alerts(rows: list[FleetRow], rules: AlertRules) -> dict[tuple[str, str], str]:
    """(terminal, kind) -> detail of every alert that holds now."""
    out: dict[tuple[str, str], str] = {}
    for r in rows:
        if r.last_seen is None:
            continue  # never installed: not an outage
        if r.age_s is not None and r.age_s > rules.missing_s:
            out[(r.id, "missing")] = f"no heartbeat for {r.age_s / 60:.0f} min"
        out_of_paper = [n for n, s in r.devices.items() if s == "paper_out"]
        if out_of_paper:
            out[(r.id, "paper_out")] = "out of paper: " + ", ".join(out_of_paper)
        if r.dead:
            out[(r.id, "dead_letters")] = f"{r.dead} records the central refused (dead letters)"
        if r.oldest_s is not None and r.oldest_s > rules.backlog_s:
            out[(r.id, "backlog")] = (
                f"{r.outbox} records waiting, the oldest {r.oldest_s / 60:.0f} min old"
            )
    return out


def evaluate(
    db: Database,
    rows: list[FleetRow],
    rules: AlertRules,
    now: datetime,
    kinds: tuple[str, ...] = ALERT_KINDS,
) -> list[dict[str, Any]]:
    """Raise what holds and is not open, clear what is open and no longer holds (only for the
    terminals in ``rows`` and the alert ``kinds``); the notifications to send, in order."""
    wanted = {k: d for k, d in wanted_alerts(rows, rules).items() if k[1] in kinds}
    ids = {r.id for r in rows}
    notes: list[dict[str, Any]] = []
    at = now.isoformat(timespec="seconds")
    sql = "SELECT id, terminal_id, kind, detail FROM console_alerts WHERE cleared_at IS NULL"
    # one terminal's heartbeat: only its own alerts
    one = len(rows) == 1
    open_rows = db.all(sql + " AND terminal_id=?", (rows[0].id,)) if one else db.all(sql)
    is_open = {(r["terminal_id"], r["kind"]) for r in open_rows}
    to_clear = [r for r in open_rows if r["terminal_id"] in ids and r["kind"] in kinds
                and (r["terminal_id"], r["kind"]) not in wanted]  # fmt: skip
    to_raise = [(k, d) for k, d in wanted.items() if k not in is_open]
    if not to_clear and not to_raise:
        return notes  # the common case (a heartbeat with nothing new): no write at all
    with db.write() as conn:
        for r in to_clear:
            n = conn.execute(
                "UPDATE console_alerts SET cleared_at=? WHERE id=? AND cleared_at IS NULL",
                (at, r["id"]),
            ).rowcount
            if n == 1:  # another process may have cleared it first
                notes.append(_note("cleared", r["terminal_id"], r["kind"], r["detail"], at))
        for (terminal_id, kind), detail in to_raise:
            n = conn.execute(
                "INSERT INTO console_alerts (terminal_id, kind, detail, raised_at)"
                " VALUES (?,?,?,?) ON CONFLICT (terminal_id, kind) WHERE cleared_at IS NULL"
                " DO NOTHING",
                (terminal_id, kind, detail, at),
            ).rowcount
            if n == 1:
                notes.append(_note("raised", terminal_id, kind, detail, at))
    return notes


def _note(event: str, terminal_id: str, kind: str, detail: str, at: str) -> dict[str, Any]:
    return {"event": event, "terminal_id": terminal_id, "kind": kind, "detail": detail, "at": at}


def alerts(db: Database, include_cleared: int = 50) -> tuple[list[Any], list[Any]]:
    """(open alerts, the most recently cleared ones)."""
    open_ = db.all(
        "SELECT terminal_id, kind, detail, raised_at FROM console_alerts WHERE cleared_at IS NULL"
        " ORDER BY raised_at, terminal_id"
    )
    cleared = db.all(
        "SELECT terminal_id, kind, detail, raised_at, cleared_at FROM console_alerts"
        " WHERE cleared_at IS NOT NULL ORDER BY cleared_at DESC LIMIT ?",
        (include_cleared,),
    )
    return list(open_), list(cleared)


# ---- the day's figures -------------------------------------------------------------------------
FIGURES = ("check_ins", "tickets", "applications", "hotline", "ratings", "bad_ratings")


def _hall_day_of(text: str) -> str:
    t = datetime.fromisoformat(text)
    t = t if t.tzinfo else t.replace(tzinfo=UTC)
    return t.astimezone(CHINA_TIME).date().isoformat()


def figures(db: Database, day: str) -> dict[str, dict[str, int]]:
    """terminal id -> figure -> count, for the hall day ``day`` (YYYY-MM-DD, local time).

    Check-ins are tickets issued for an appointment; applications are filed case numbers;
    bad ratings (差评) are levels 1 and 2 of 5.
    """
    start = datetime.fromisoformat(day).replace(tzinfo=CHINA_TIME)
    since = (start - timedelta(days=1)).astimezone(UTC).isoformat()  # a margin for offsets
    out: dict[str, dict[str, int]] = {}

    def add(terminal: str, name: str) -> None:
        out.setdefault(terminal, dict.fromkeys(FIGURES, 0))[name] += 1

    for r in db.all(
        "SELECT terminal_id, appointment_code FROM tickets WHERE day=?", (day,)
    ):  # fmt: skip
        add(r["terminal_id"], "tickets")
        if r["appointment_code"]:
            add(r["terminal_id"], "check_ins")
    for r in db.all(
        "SELECT terminal_id, received_at FROM filed WHERE kind='case' AND received_at>=?",
        (since,),
    ):
        if _hall_day_of(r["received_at"]) == day:
            add(r["terminal_id"], "applications")
    for r in db.all("SELECT terminal_id, created_at FROM workorders WHERE created_at>=?", (since,)):
        if _hall_day_of(r["created_at"]) == day:
            add(r["terminal_id"], "hotline")
    for r in db.all("SELECT terminal_id, level, rated_at FROM ratings"):
        if _hall_day_of(r["rated_at"]) == day:
            add(r["terminal_id"], "ratings")
            if int(r["level"]) <= 2:
                add(r["terminal_id"], "bad_ratings")
    return out


def figures_csv(db: Database, day: str) -> str:
    """One row per terminal that served anyone, then one per site (its total), then the day's."""
    per_terminal = figures(db, day)
    sites = {r["id"]: r["site"] for r in db.all("SELECT id, site FROM terminals")}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["day", "level", "site", "terminal", *FIGURES])
    by_site: dict[str, dict[str, int]] = {}
    total = dict.fromkeys(FIGURES, 0)
    for terminal in sorted(per_terminal):
        counts = per_terminal[terminal]
        site = sites.get(terminal, "")
        w.writerow([day, "terminal", site, terminal, *(counts[f] for f in FIGURES)])
        s = by_site.setdefault(site, dict.fromkeys(FIGURES, 0))
        for f in FIGURES:
            s[f] += counts[f]
            total[f] += counts[f]
    for site in sorted(by_site):
        w.writerow([day, "site", site, "", *(by_site[site][f] for f in FIGURES)])
    w.writerow([day, "all", "", "", *(total[f] for f in FIGURES)])
    return buf.getvalue()


# Demo mode only (CentralSettings.demo), like the published demo tokens: never on a site.
DEMO_USERS = (
    ("admin", "县运维管理员", "demo-admin-pw", "admin"),
    ("operator", "运维值班员", "demo-operator-pw", "operator"),
    ("viewer", "只读查看", "demo-viewer-pw", "viewer"),
)


def seed_demo_users(db: Database, now: datetime) -> None:
    for username, name, password, role in DEMO_USERS:
        row = db.one("SELECT 1 FROM console_users WHERE username=?", (username,))
        if row is None:
            add_user(db, username, name, password, role, now)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    """``python -m central.console add USER NAME --role admin --db PATH``: add or reset a
    console user (the password is asked for); ``list``."""
    import argparse
    import getpass
    from pathlib import Path

    from central.db import open_database
    from central.settings import CentralSettings

    ap = argparse.ArgumentParser(prog="python -m central.console")
    ap.add_argument("command", choices=("add", "list"))
    ap.add_argument("username", nargs="?")
    ap.add_argument("display_name", nargs="?")
    ap.add_argument("--role", default="viewer", choices=ROLES)
    ap.add_argument("--db", type=Path, required=True, help="the SQLite file (or set"
                    " KIOSK_CENTRAL_DATABASE_URL)")  # fmt: skip
    args = ap.parse_args(argv)
    db = open_database(CentralSettings(db_path=args.db))
    try:
        if args.command == "list":
            for r in db.all("SELECT username, display_name, role FROM console_users ORDER BY 1"):
                print(f"{r['username']}\t{r['display_name']}\t{r['role']}")
            return 0
        if not args.username:
            ap.error("give the user name")
        password = getpass.getpass(f"password for {args.username}: ")
        if len(password) < 10:
            ap.error("a console password has at least 10 characters")
        add_user(db, args.username, args.display_name or args.username, password, args.role,
                 datetime.now(UTC))  # fmt: skip
        return 0
    finally:
        db.close()


if __name__ == "__main__":
    raise SystemExit(main())
