"""Agents of video help: ``python -m central.video_agents add|disable|list --db PATH``.

    python -m central.video_agents add --db central.db wangli "王丽 (县政务服务中心)"
    (asks for the password twice; --role supervisor sees every call's record)

In demo mode only (``kiosk central --demo``, the demo, the tests) the published demo agent
``agent01`` with password ``demo-agent-2468`` is written at start, like the demo tokens.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path

from central import video_store
from central.db import Database, open_database
from central.settings import CentralSettings

DEMO_AGENTS = (("agent01", "值班坐席 01", "demo-agent-2468", "agent"),)


def seed_demo_agents(db: Database, now: datetime) -> None:
    for username, name, password, role in DEMO_AGENTS:
        if video_store.verify_agent(db, username, password) is None:
            video_store.add_agent(db, username, name, password, now, role)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m central.video_agents")
    ap.add_argument("command", choices=("add", "disable", "list"))
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("username", nargs="?")
    ap.add_argument("display_name", nargs="?")
    ap.add_argument("--role", default="agent", choices=video_store.ROLES)
    args = ap.parse_args(argv)
    db = open_database(CentralSettings(db_path=args.db))  # KIOSK_CENTRAL_DATABASE_URL: PostgreSQL
    video_store.ensure_schema(db)
    now = datetime.now(UTC)
    try:
        if args.command == "list":
            for r in db.all(
                "SELECT username, display_name, role, disabled_at FROM video_agents ORDER BY 1"
            ):
                off = " (disabled)" if r["disabled_at"] else ""
                print(f"{r['username']}\t{r['display_name']}\t{r['role']}{off}")
            return 0
        if not args.username:
            ap.error("give the agent's user name")
        if args.command == "disable":
            ok = video_store.disable_agent(db, args.username, now)
            print("disabled" if ok else "no such active agent", file=sys.stderr)
            return 0 if ok else 1
        password = getpass.getpass("password: ")
        if password != getpass.getpass("again: "):
            print("the passwords differ", file=sys.stderr)
            return 2
        try:
            agent = video_store.add_agent(
                db, args.username, args.display_name or args.username, password, now, args.role
            )
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        print(f"agent {agent.username} ({agent.id}) ready")
        return 0
    finally:
        db.close()


if __name__ == "__main__":
    raise SystemExit(main())
