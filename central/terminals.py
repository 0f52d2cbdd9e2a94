"""Terminal identities and their bearer tokens.

Demo tokens are ``demo-token-<TERMINAL_ID>`` for every sample site file in config/terminals/,
the default demo terminal, and the generated hall HALL-001 … HALL-055. Only the sha256 of a token
is stored, so a copied database does not hand out working credentials.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
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


def seed_terminals(db: Database, config_dir: Path, hall_count: int) -> None:
    """Insert the demo terminals; an existing terminal keeps its config version."""
    with db.write() as conn:
        for s in seeds(config_dir, hall_count):
            conn.execute(
                "INSERT INTO terminals (id, token_sha256, site, name, config_json)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                " token_sha256=excluded.token_sha256, site=excluded.site, name=excluded.name,"
                " config_version = config_version +"
                "   (terminals.config_json != excluded.config_json),"
                " config_json=excluded.config_json",
                (
                    s.id,
                    token_hash(demo_token(s.id)),
                    s.site,
                    s.name,
                    json.dumps(s.config, ensure_ascii=False, sort_keys=True),
                ),
            )


def find_by_token(db: Database, token: str) -> Terminal | None:
    row = db.one("SELECT id, site, name FROM terminals WHERE token_sha256=?", (token_hash(token),))
    return Terminal(row["id"], row["site"], row["name"]) if row else None
