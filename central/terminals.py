"""Terminal identities and their bearer tokens.

Terminals are registered from the site files in the config folder (id, site, name, the config
pushed to them). Tokens are issued per terminal (``issue_token``: random, 256 bits), expire
(``CentralSettings.token_ttl_s``) and rotate: a new token leaves the old one a grace period to
be replaced on the terminal (a new provisioning bundle), then it stops working; ``revoke``
stops them at once. ``python -m central.admin token ...`` does this for a site.

Demo mode alone (``CentralSettings.demo``) adds the published ``demo-token-<TERMINAL_ID>``
for every sample site file, the default demo terminal and the generated hall HALL-001 …
HALL-055, and only to a terminal that has no other live token: a rotated token is never
replaced by the published one at the next start. Only the sha256 of a token is stored, so a
copied database does not hand out working credentials.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from central.db import Database
from central.seed.demo import HOME_SITE


@dataclass(frozen=True)
class TerminalSeed:
    id: str
    site: str
    name: str
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Terminal:
    id: str
    site: str
    name: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def demo_token(terminal_id: str) -> str:
    return f"demo-token-{terminal_id}"


def _from_toml(path: Path) -> TerminalSeed | None:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return None  # a broken sample file is config check's business, not the API's
    term = data.get("terminal")
    if not isinstance(term, dict) or not isinstance(term.get("id"), str):
        return None
    return TerminalSeed(
        term["id"], str(term.get("site") or HOME_SITE), str(term.get("name") or term["id"]), data
    )


def seeds(config_dir: Path, hall_count: int) -> list[TerminalSeed]:
    out: list[TerminalSeed] = []
    candidates = [config_dir / "default.toml", *sorted((config_dir / "terminals").glob("*.toml"))]
    for path in candidates:
        seed = _from_toml(path) if path.is_file() else None
        if seed is not None:
            out.append(seed)
    for n in range(1, hall_count + 1):
        tid = f"HALL-{n:03d}"
        name = f"县政务服务中心 自助终端 {n:02d}"
        out.append(TerminalSeed(tid, HOME_SITE, name, {"terminal": {"id": tid, "name": name}}))
    return out


def register_terminals(db: Database, seeds_: list[TerminalSeed]) -> None:
    """Insert or update terminals; an existing terminal keeps its tokens and config version
    (bumped only when its config changed)."""
    with db.write() as conn:
        for s in seeds_:
            conn.execute(
                "INSERT INTO terminals (id, site, name, config_json)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                " site=excluded.site, name=excluded.name,"
                " config_version = terminals.config_version + CASE WHEN"
                "   terminals.config_json <> excluded.config_json THEN 1 ELSE 0 END,"
                " config_json=excluded.config_json",
                (s.id, s.site, s.name, json.dumps(s.config, ensure_ascii=False, sort_keys=True)),
            )


def seed_terminals(
    db: Database,
    config_dir: Path,
    hall_count: int,
    *,
    demo: bool,
    now: datetime,
    ttl_s: float,
) -> None:
    """Register the site files' terminals; in demo mode also the hall and the demo tokens."""
    found = seeds(config_dir, hall_count if demo else 0)
    if not demo:
        # outside the demo the default file's DEMO-0001 is no terminal of the site
        found = [s for s in found if s.config.get("terminal", {}).get("id") != "DEMO-0001"]
    register_terminals(db, found)
    if not demo:
        return
    expires = (now + timedelta(seconds=ttl_s)).isoformat()
    with db.write() as conn:
        for s in found:
            digest = token_hash(demo_token(s.id))
            other = conn.execute(
                "SELECT 1 FROM tokens WHERE terminal_id=? AND token_sha256!=?"
                " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at>?)",
                (s.id, digest, now.isoformat()),
            ).fetchone()
            if other is not None:
                continue  # rotated: the published demo token stays retired
            conn.execute(
                "INSERT INTO tokens (token_sha256, terminal_id, issued_at, expires_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(token_sha256) DO UPDATE SET"
                " expires_at=excluded.expires_at WHERE tokens.revoked_at IS NULL",
                (digest, s.id, now.isoformat(), expires),
            )


def issue_token(
    db: Database, terminal_id: str, now: datetime, ttl_s: float, grace_s: float = 7 * 86400
) -> str:
    """A new token for a registered terminal; its other live tokens end after ``grace_s``
    (time to install the new one on the terminal). Raises KeyError for an unknown terminal."""
    if db.one("SELECT 1 FROM terminals WHERE id=?", (terminal_id,)) is None:
        raise KeyError(terminal_id)
    token = secrets.token_urlsafe(32)
    grace_end = (now + timedelta(seconds=grace_s)).isoformat()
    with db.write() as conn:
        conn.execute(
            "UPDATE tokens SET expires_at=? WHERE terminal_id=? AND revoked_at IS NULL"
            " AND (expires_at IS NULL OR expires_at>?)",
            (grace_end, terminal_id, grace_end),
        )
        conn.execute(
            "INSERT INTO tokens (token_sha256, terminal_id, issued_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (
                token_hash(token),
                terminal_id,
                now.isoformat(),
                (now + timedelta(seconds=ttl_s)).isoformat(),
            ),
        )
    return token


def revoke_tokens(db: Database, terminal_id: str, now: datetime) -> int:
    """Every token of the terminal stops working now (a stolen or retired terminal)."""
    with db.write() as conn:
        n: int = conn.execute(
            "UPDATE tokens SET revoked_at=? WHERE terminal_id=? AND revoked_at IS NULL",
            (now.isoformat(), terminal_id),
        ).rowcount
    return n


@dataclass(frozen=True)
class TokenExpired:
    """The token was valid once: the terminal needs a new one (not an attacker's guess)."""

    terminal_id: str


def find_by_token(db: Database, token: str, now: datetime) -> Terminal | TokenExpired | None:
    row = db.one(
        "SELECT t.id, t.site, t.name, k.expires_at, k.revoked_at FROM tokens k"
        " JOIN terminals t ON t.id = k.terminal_id WHERE k.token_sha256=?",
        (token_hash(token),),
    )
    if row is None:
        return None
    if row["revoked_at"] or (row["expires_at"] and row["expires_at"] <= now.isoformat()):
        return TokenExpired(row["id"])
    return Terminal(row["id"], row["site"], row["name"])
