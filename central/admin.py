"""A site's administration of the reference service: terminal tokens and the data key.

    python -m central.admin --db PATH token issue TERMINAL_ID   # prints a new token (rotates)
    python -m central.admin --db PATH token revoke TERMINAL_ID  # every token of it stops now
    python -m central.admin --db PATH rotate-key                # new data key, data rewritten
    python -m central.admin --db PATH release …                 # software releases, roll-outs
    python -m central.admin --db PATH operator issue NAME       # an operator's API token

(`release` and `operator`: central/release_admin.py.)

Run it while the service is stopped (it writes the same SQLite file). A new token leaves the
terminal's old one working for a grace period (``--grace-days``, 7), time to install the new one
with a provisioning bundle. Exit 0 done, 2 with the reason otherwise.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from central import release_admin
from central.db import SchemaError, open_database
from central.keyring import KeyringError
from central.protected import rotate_keys
from central.settings import CentralSettings
from central.terminals import issue_token, revoke_tokens
from central.updates import UpdateError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m central.admin", description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="the service's SQLite file")
    parser.add_argument("--key-file", type=Path, help="default: <db>.keys")
    sub = parser.add_subparsers(dest="command", required=True)
    token = sub.add_parser("token", help="issue (rotate) or revoke a terminal's token")
    token.add_argument("action", choices=("issue", "revoke"))
    token.add_argument("terminal_id")
    token.add_argument("--days", type=float, default=365, help="the new token's lifetime")
    token.add_argument("--grace-days", type=float, default=7, help="old tokens live this long")
    sub.add_parser("rotate-key", help="new data key; every protected value rewritten under it")
    release_admin.add_parsers(sub)
    args = parser.parse_args(argv)

    settings = CentralSettings(db_path=args.db, key_file=args.key_file)
    if not settings.database_url and not args.db.is_file():
        print(f"central.admin: {args.db}: no such database", file=sys.stderr)
        return 2
    try:
        db = open_database(settings)  # KIOSK_CENTRAL_DATABASE_URL names a PostgreSQL database
    except SchemaError as exc:
        print(f"central.admin: {exc}", file=sys.stderr)
        return 2
    now = datetime.now(UTC)
    try:
        if args.command in ("release", "operator"):
            return release_admin.run(args, db, settings, now)
        if args.command == "rotate-key":
            ring = rotate_keys(db, settings.resolved_key_file)
            print(f"data key rotated: now {ring.key_ids[-1]} ({settings.resolved_key_file})")
        elif args.action == "issue":
            new = issue_token(
                db, args.terminal_id, now, args.days * 86400, grace_s=args.grace_days * 86400
            )
            print(new)
        else:
            n = revoke_tokens(db, args.terminal_id, now)
            print(f"{n} token(s) of {args.terminal_id} revoked")
    except KeyError:
        print(f"central.admin: no terminal {args.terminal_id!r} is registered", file=sys.stderr)
        return 2
    except (KeyringError, UpdateError) as exc:
        print(f"central.admin: {exc}", file=sys.stderr)
        return 2
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
