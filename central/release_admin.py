"""`python -m central.admin release …` and `… operator …`: software releases and staged
roll-outs from the command line (the same as the operators' HTTP API, central/routes/rollouts.py).

    release announce FILE [--notes TEXT]       store a release artifact the county signed
    release list                               the announced releases, newest first
    release rollout VERSION --stage HALL-001,HALL-002 [--stage …] [--soak-minutes 60]
                                               the named stages first, then the rest of the fleet
    release status [VERSION]                   the roll-outs, or one: stage, who runs what
    release halt VERSION [--reason TEXT]       nobody else is offered it
    release advance VERSION                    offer the next stage now
    release versions                           who runs what, fallback, last update
    release key show|rotate|retire [KEY_ID]    the update-metadata keys (terminals trust these)
    operator issue NAME | operator revoke NAME an operator's token for the HTTP API
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from central import operators, updates
from central.db import Database
from central.settings import CentralSettings
from central.update_keys import UpdateSigner


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rel = sub.add_parser("release", help="software releases and staged roll-outs")
    rsub = rel.add_subparsers(dest="release_command", required=True)
    p = rsub.add_parser("announce", help="store a release artifact the county signed")
    p.add_argument("file", type=Path)
    p.add_argument("--notes", default="")
    rsub.add_parser("list", help="the announced releases")
    p = rsub.add_parser("rollout", help="start a staged roll-out")
    p.add_argument("version")
    p.add_argument(
        "--stage",
        action="append",
        required=True,
        help="comma-separated terminal ids; repeat for more stages (the rest follows last)",
    )
    p.add_argument("--soak-minutes", type=float, default=60.0)
    p = rsub.add_parser("status", help="roll-outs and who runs what")
    p.add_argument("version", nargs="?")
    p = rsub.add_parser("halt", help="halt a roll-out")
    p.add_argument("version")
    p.add_argument("--reason", default="halted by an operator")
    p = rsub.add_parser("advance", help="offer the next stage now")
    p.add_argument("version")
    rsub.add_parser("versions", help="who runs what")
    p = rsub.add_parser("key", help="the update-metadata keys")
    p.add_argument("action", choices=("show", "rotate", "retire"))
    p.add_argument("key_id", nargs="?")
    op = sub.add_parser("operator", help="operators' tokens for the HTTP API")
    op.add_argument("action", choices=("issue", "revoke"))
    op.add_argument("name")


def _print(doc: object) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2))


def run(args: argparse.Namespace, db: Database, settings: CentralSettings, now: datetime) -> int:
    """Raises updates.UpdateError (and KeyringError) for the caller to report; 0 when done."""
    updates.ensure_schema(db)
    operators.ensure_schema(db)
    if args.command == "operator":
        if args.action == "issue":
            print(operators.issue(db, args.name, now))
        else:
            print(f"{operators.revoke(db, args.name, now)} token(s) of {args.name} revoked")
        return 0
    cmd = args.release_command
    store = settings.resolved_releases_dir
    if cmd == "announce":
        row = updates.announce(db, store, args.file, now, args.notes)
        print(f"announced {row['version']} ({row['size']} bytes, sha256 {row['sha256']})")
    elif cmd == "list":
        _print(updates.releases(db))
    elif cmd == "rollout":
        stages = [s.split(",") for s in args.stage]
        updates.start_rollout(db, args.version, stages, args.soak_minutes * 60, now)
        names = "; ".join(f"stage {i + 1}: {' '.join(s)}" for i, s in enumerate(stages))
        print(f"roll-out of {args.version}: {names}; then every other terminal")
    elif cmd == "status":
        if args.version:
            found = updates.rollout(db, args.version, now)
            if found is None:
                raise updates.UpdateError(f"release {args.version} has no roll-out")
            _print(found)
        else:
            _print(updates.rollouts(db, now))
    elif cmd == "halt":
        updates.halt(db, args.version, args.reason, now)
        print(f"roll-out of {args.version} halted")
    elif cmd == "advance":
        r = updates.advance(db, args.version)
        print(f"roll-out of {args.version}: stage {r.stage} ({r.state})")
    elif cmd == "versions":
        _print(
            [
                {
                    "terminal_id": s.terminal_id,
                    "app_version": s.app_version,
                    "fallback_version": s.beat.get("fallback_version"),
                    "update": s.update,
                    "last_heartbeat_at": s.at.isoformat() if s.at else None,
                }
                for s in updates.fleet(db)
            ]
        )
    elif cmd == "key":
        signer = UpdateSigner.open(settings.resolved_update_key_file)
        if args.action == "rotate":
            new = signer.rotate()
            print(f"new key {new.key_id}; documents are now signed by every key:")
        elif args.action == "retire":
            if not args.key_id:
                raise updates.UpdateError("retire which key? give its id")
            signer.retire(args.key_id)
        for k in signer.keys:  # what terminals put into updates.metadata_keys
            print(f"{k.key_id} {k.public_line}")
    return 0
