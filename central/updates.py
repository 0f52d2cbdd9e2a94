"""Software releases and their staged roll-outs on the central service.

A release is announced with its artifact (``release announce FILE``, or ``POST
/api/v1/fleet/releases``): the file the county signed with its release key, stored under
``<db>.releases/<sha256>.tar.gz``; its version and signer are read from the signed manifest.
Central never holds the release key, so it cannot make a release, only pass one on.

A roll-out offers one release to the fleet in stages: the terminals named for the first stage,
then the next, and last every other terminal. A stage is done when each of its terminals runs
the release, has kept it (its heartbeat's ``update`` says ``committed``) and keeps reporting it
for ``soak_s``; then the next stage is offered. When a terminal that was offered the release
went back from it by itself (``rolled_back``), the roll-out halts: nobody else is offered it,
terminals that staged it but have not tried it yet withdraw it, and the halt is an alert. An
operator can halt it too, or move a stage on by hand.

Everything is evaluated from the terminals' last heartbeats whenever a terminal asks for its
latest document or an operator looks, so no background job is needed. Plain SQL through
``central.db.Database`` only.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from central.db import Database
from central.update_keys import UpdateSigner
from contract.updates import LATEST_FORMAT, RELEASE_FORMAT, ReleaseManifest
from contract.versions import version_key

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS releases ("
    " version TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL,"
    " key_id TEXT NOT NULL, notes TEXT NOT NULL, announced_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rollouts ("
    " version TEXT PRIMARY KEY, state TEXT NOT NULL, stage INTEGER NOT NULL,"
    " stages_json TEXT NOT NULL, soak_s REAL NOT NULL, created_at TEXT NOT NULL,"
    " halted_at TEXT, halt_reason TEXT)",
    # when each terminal was first seen running a roll-out's release, kept (the soak's start)
    "CREATE TABLE IF NOT EXISTS rollout_terminals ("
    " version TEXT NOT NULL, terminal_id TEXT NOT NULL, kept_at TEXT NOT NULL,"
    " PRIMARY KEY (version, terminal_id))",
)
MAX_MANIFEST_BYTES = 4 << 20
LATEST_TTL = timedelta(hours=24)


class UpdateError(ValueError):
    """A release or roll-out request that cannot be done; the message says why."""


def ensure_schema(db: Database) -> None:
    with db.write() as conn:
        for statement in SCHEMA:
            conn.execute(statement)


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds")


def _time(text: str) -> datetime:
    t = datetime.fromisoformat(text)
    return t if t.tzinfo else t.replace(tzinfo=UTC)


# ---- releases --------------------------------------------------------------------------------
def read_manifest(path: Path) -> tuple[ReleaseManifest, bytes, bytes]:
    """(manifest, its bytes, its signature) of a release artifact — the first two members."""
    found: dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r|gz") as tar:
            for member in tar:
                if member.name not in ("manifest.json", "manifest.sig") or not member.isreg():
                    break
                if member.size > MAX_MANIFEST_BYTES:
                    raise UpdateError(f"{member.name} is too large")
                fh = tar.extractfile(member)
                assert fh is not None
                found[member.name] = fh.read()
                if len(found) == 2:
                    break
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise UpdateError(f"not a release artifact: {exc}") from None
    if set(found) != {"manifest.json", "manifest.sig"}:
        raise UpdateError("not a release artifact: it does not start with its signed manifest")
    try:
        manifest = ReleaseManifest.model_validate_json(found["manifest.json"])
    except ValidationError as exc:
        raise UpdateError(f"not a {RELEASE_FORMAT} manifest: {exc.errors()[0]['msg']}") from None
    return manifest, found["manifest.json"], found["manifest.sig"]


def announce(
    db: Database,
    store: Path,
    artifact: Path,
    now: datetime,
    notes: str = "",
    *,
    move: bool = False,
) -> dict[str, Any]:
    """Store a release artifact and record it; ``move`` takes the file (an upload's temp)."""
    manifest, _raw, _sig = read_manifest(artifact)
    if db.one("SELECT 1 FROM releases WHERE version=?", (manifest.version,)) is not None:
        raise UpdateError(f"release {manifest.version} is already announced")
    h = hashlib.sha256()
    size = 0
    with artifact.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    digest = h.hexdigest()
    store.mkdir(parents=True, exist_ok=True)
    final = store / f"{digest}.tar.gz"
    tmp = store / f".{digest}.{secrets.token_hex(4)}.part"
    try:
        if move:
            shutil.move(artifact, tmp)
        else:
            shutil.copyfile(artifact, tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        tmp.replace(final)
    finally:
        tmp.unlink(missing_ok=True)
    row = {
        "version": manifest.version,
        "sha256": digest,
        "size": size,
        "key_id": manifest.key_id,
        "notes": notes or manifest.notes,
        "announced_at": _iso(now),
    }
    with db.write() as conn:
        conn.execute(
            "INSERT INTO releases (version, sha256, size, key_id, notes, announced_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            tuple(row.values()),
        )
    return row


def releases(db: Database) -> list[dict[str, Any]]:
    rows = [dict(r) for r in db.all("SELECT * FROM releases")]
    return sorted(rows, key=lambda r: version_key(r["version"]), reverse=True)


def artifact_path(db: Database, store: Path, sha256: str) -> Path | None:
    if db.one("SELECT 1 FROM releases WHERE sha256=?", (sha256,)) is None:
        return None
    path = store / f"{sha256}.tar.gz"
    return path if path.is_file() else None


# ---- the fleet as heartbeats show it ---------------------------------------------------------
@dataclass(frozen=True)
class Seen:
    terminal_id: str
    name: str
    site: str
    beat: dict[str, Any]  # the last heartbeat, {} when none
    at: datetime | None  # when it arrived

    @property
    def app_version(self) -> str | None:
        v = self.beat.get("app_version")
        return v if isinstance(v, str) else None

    @property
    def update(self) -> dict[str, Any] | None:
        u = self.beat.get("update")
        return u if isinstance(u, dict) else None


def fleet(db: Database) -> list[Seen]:
    out = []
    for r in db.all(
        "SELECT id, name, site, last_heartbeat_at, last_heartbeat_json FROM terminals ORDER BY id"
    ):
        try:
            beat = json.loads(r["last_heartbeat_json"]) if r["last_heartbeat_json"] else {}
        except ValueError:
            beat = {}
        at = _time(r["last_heartbeat_at"]) if r["last_heartbeat_at"] else None
        out.append(Seen(r["id"], r["name"], r["site"], beat if isinstance(beat, dict) else {}, at))
    return out


# ---- roll-outs -------------------------------------------------------------------------------
@dataclass
class RolloutRow:
    version: str
    state: str
    stage: int
    stages: list[list[str]]
    soak_s: float
    created_at: str
    halted_at: str | None
    halt_reason: str | None

    @classmethod
    def of(cls, row: Any) -> RolloutRow:
        return cls(
            row["version"],
            row["state"],
            int(row["stage"]),
            json.loads(row["stages_json"]),
            float(row["soak_s"]),
            row["created_at"],
            row["halted_at"],
            row["halt_reason"],
        )

    def stage_of(self, terminal_id: str) -> int:
        for i, ids in enumerate(self.stages):
            if terminal_id in ids:
                return i
        return len(self.stages)  # the rest of the fleet

    def offered(self, terminal_id: str) -> bool:
        if self.state == "done":
            return True
        if self.state != "running":
            return False
        return self.stage_of(terminal_id) <= self.stage


def _rollout(db: Database, version: str) -> RolloutRow | None:
    row = db.one("SELECT * FROM rollouts WHERE version=?", (version,))
    return RolloutRow.of(row) if row is not None else None


def start_rollout(
    db: Database, version: str, stages: Sequence[Sequence[str]], soak_s: float, now: datetime
) -> RolloutRow:
    if db.one("SELECT 1 FROM releases WHERE version=?", (version,)) is None:
        raise UpdateError(f"release {version} is not announced")
    if _rollout(db, version) is not None:
        raise UpdateError(f"release {version} already has a roll-out")
    known = {r["id"] for r in db.all("SELECT id FROM terminals")}
    seen: set[str] = set()
    clean: list[list[str]] = []
    for ids in stages:
        stage = [t.strip() for t in ids if t.strip()]
        if not stage:
            raise UpdateError("a stage names no terminal")
        for tid in stage:
            if tid not in known:
                raise UpdateError(f"no terminal {tid!r} is registered")
            if tid in seen:
                raise UpdateError(f"terminal {tid} is in two stages")
            seen.add(tid)
        clean.append(stage)
    with db.write() as conn:
        # a newer release replaces an older one still rolling out
        for row in conn.execute("SELECT version FROM rollouts WHERE state='running'").fetchall():
            if version_key(row["version"]) < version_key(version):
                conn.execute(
                    "UPDATE rollouts SET state='halted', halted_at=?, halt_reason=?"
                    " WHERE version=?",
                    (_iso(now), f"replaced by the roll-out of {version}", row["version"]),
                )
        conn.execute(
            "INSERT INTO rollouts (version, state, stage, stages_json, soak_s, created_at)"
            " VALUES (?, 'running', 0, ?, ?, ?)",
            (version, json.dumps(clean), soak_s, _iso(now)),
        )
    found = _rollout(db, version)
    assert found is not None
    return found


def halt(db: Database, version: str, reason: str, now: datetime, terminal_id: str = "") -> None:
    rollout = _rollout(db, version)
    if rollout is None:
        raise UpdateError(f"release {version} has no roll-out")
    if rollout.state != "running":
        return
    with db.write() as conn:
        conn.execute(
            "UPDATE rollouts SET state='halted', halted_at=?, halt_reason=? WHERE version=?",
            (_iso(now), reason[:300], version),
        )
        conn.execute(  # the fleet's alerts (central/README.md), next to lockouts
            "INSERT INTO alerts (at, terminal_id, kind, detail) VALUES (?, ?, ?, ?)",
            (_iso(now), terminal_id, "rollout.halted", f"{version}: {reason}"[:500]),
        )


def advance(db: Database, version: str) -> RolloutRow:
    """Offer the next stage now (an operator's call: e.g. a first-stage terminal is switched
    off and will not report for days)."""
    rollout = _rollout(db, version)
    if rollout is None or rollout.state != "running":
        raise UpdateError(f"release {version} has no running roll-out")
    with db.write() as conn:
        if rollout.stage < len(rollout.stages):
            conn.execute("UPDATE rollouts SET stage=stage+1 WHERE version=?", (version,))
        else:
            conn.execute("UPDATE rollouts SET state='done' WHERE version=?", (version,))
    found = _rollout(db, version)
    assert found is not None
    return found


def _runs_kept(s: Seen, version: str) -> bool:
    """Runs ``version`` and is past its trial (or was put on it another way, e.g. by USB)."""
    u = s.update or {}
    return s.app_version == version and not (
        u.get("version") == version and u.get("state") in ("trial", "rolled_back")
    )


def evaluate(db: Database, now: datetime) -> None:
    """Halt roll-outs a terminal went back from; move healthy stages on."""
    rows = [RolloutRow.of(r) for r in db.all("SELECT * FROM rollouts WHERE state='running'")]
    if not rows:
        return
    seen = fleet(db)
    for rollout in rows:
        v = rollout.version
        failed = next(
            (
                s
                for s in seen
                if rollout.offered(s.terminal_id)
                and (s.update or {}).get("version") == v
                and (s.update or {}).get("state") == "rolled_back"
            ),
            None,
        )
        if failed is not None:
            u = failed.update or {}
            halt(
                db,
                v,
                f"{failed.terminal_id} went back to {u.get('from_version') or 'its previous'}"
                f" by itself: {u.get('reason') or 'no reason given'}",
                now,
                failed.terminal_id,
            )
            continue
        kept = {
            r["terminal_id"]: _time(r["kept_at"])
            for r in db.all(
                "SELECT terminal_id, kept_at FROM rollout_terminals WHERE version=?", (v,)
            )
        }
        with db.write() as conn:
            for s in seen:
                if s.terminal_id not in kept and s.at is not None and _runs_kept(s, v):
                    conn.execute(
                        "INSERT INTO rollout_terminals (version, terminal_id, kept_at)"
                        " VALUES (?, ?, ?)",
                        (v, s.terminal_id, _iso(s.at)),
                    )
                    kept[s.terminal_id] = s.at
        stage = rollout.stage
        while True:
            members = [s for s in seen if rollout.stage_of(s.terminal_id) == stage]
            if not all(_healthy(s, v, kept, rollout.soak_s) for s in members):
                break
            if stage >= len(rollout.stages):
                with db.write() as conn:
                    conn.execute(
                        "UPDATE rollouts SET state='done', stage=? WHERE version=?", (stage, v)
                    )
                break
            stage += 1
        if stage != rollout.stage:
            with db.write() as conn:
                conn.execute(
                    "UPDATE rollouts SET stage=? WHERE version=? AND state='running'", (stage, v)
                )


def _kept(db: Database, version: str) -> dict[str, datetime]:
    rows = db.all("SELECT terminal_id, kept_at FROM rollout_terminals WHERE version=?", (version,))
    return {r["terminal_id"]: _time(r["kept_at"]) for r in rows}


def _healthy(s: Seen, version: str, kept: dict[str, datetime], soak_s: float) -> bool:
    since = kept.get(s.terminal_id)
    return (
        since is not None
        and s.at is not None
        and _runs_kept(s, version)
        and (s.at - since).total_seconds() >= soak_s
    )


def rollouts(db: Database, now: datetime) -> list[dict[str, Any]]:
    """Every roll-out, newest release first, each with who runs what."""
    evaluate(db, now)
    seen = fleet(db)
    out = []
    for row in db.all("SELECT * FROM rollouts"):
        r = RolloutRow.of(row)
        kept = _kept(db, r.version)
        out.append(
            {
                "version": r.version,
                "state": r.state,
                "stage": r.stage,
                "stages": r.stages,
                "soak_s": r.soak_s,
                "created_at": r.created_at,
                "halted_at": r.halted_at,
                "halt_reason": r.halt_reason,
                "terminals": [
                    {
                        "terminal_id": s.terminal_id,
                        "stage": r.stage_of(s.terminal_id),
                        "offered": r.offered(s.terminal_id),
                        "app_version": s.app_version,
                        "update": s.update,
                        "healthy": _healthy(s, r.version, kept, r.soak_s),
                    }
                    for s in seen
                ],
            }
        )
    return sorted(out, key=lambda d: version_key(d["version"]), reverse=True)


def rollout(db: Database, version: str, now: datetime) -> dict[str, Any] | None:
    return next((r for r in rollouts(db, now) if r["version"] == version), None)


# ---- what one terminal is offered ------------------------------------------------------------
def offer_for(db: Database, terminal_id: str, now: datetime) -> tuple[dict[str, Any], str] | None:
    """(release row, roll-out version) offered to this terminal now, or None."""
    evaluate(db, now)
    best: tuple[dict[str, Any], str] | None = None
    for row in db.all("SELECT * FROM rollouts WHERE state IN ('running', 'done')"):
        r = RolloutRow.of(row)
        if not r.offered(terminal_id):
            continue
        rel = db.one("SELECT * FROM releases WHERE version=?", (r.version,))
        if rel is None:
            continue
        if best is None or version_key(r.version) > version_key(best[0]["version"]):
            best = (dict(rel), r.version)
    return best


def latest_document(
    db: Database, signer: UpdateSigner, terminal_id: str, now: datetime, ttl: timedelta = LATEST_TTL
) -> dict[str, Any]:
    """The signed, expiring document of what this terminal may install (SignedLatest)."""
    found = offer_for(db, terminal_id, now)
    release = None
    if found is not None:
        rel, _ = found
        release = {
            "version": rel["version"],
            "sha256": rel["sha256"],
            "size": rel["size"],
            "path": f"/api/v1/updates/artifacts/{rel['sha256']}",
        }
    signed = {
        "format": LATEST_FORMAT,
        "terminal_id": terminal_id,
        "release": release,
        "rollout": found[1] if found else None,
        "issued_at": now.astimezone(UTC).isoformat(),
        "expires_at": (now + ttl).astimezone(UTC).isoformat(),
    }
    return signer.sign(signed)
