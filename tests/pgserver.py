"""A throwaway PostgreSQL server from Debian's packages, for the tests and benchmarks.

``initdb`` into a temporary directory and ``pg_ctl start`` on a private Unix socket (in that
directory) and port, no TCP listener; ``stop()`` shuts it down and deletes everything. PostgreSQL
refuses to run as root, so as root every command runs as the ``postgres`` system user (made by the
Debian package; scripts/bootstrap.sh installs ``postgresql``) through ``runuser``; as anyone else
it runs as that user. Durability is switched off (fsync, synchronous_commit): a test database
is not worth a disk flush.

``schema()`` gives each test its own schema on the one server (``search_path`` in the URL), so
the central suite pays for one server per session, not one per test.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

PG_USER = "kiosk"  # the database role made by initdb (superuser of this private cluster)


def pg_bindir() -> Path | None:
    """Debian's newest server binaries (/usr/lib/postgresql/<major>/bin), or None."""
    root = Path("/usr/lib/postgresql")
    found = sorted(
        (p for p in root.glob("*/bin") if (p / "pg_ctl").is_file()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


def available() -> str | None:
    """Why a server cannot be started here, or None when it can."""
    if pg_bindir() is None:
        return "PostgreSQL server binaries not installed (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "no 'postgres' system user to run PostgreSQL as (it refuses root)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    def __init__(self, *, tcp: bool = False, max_connections: int = 200) -> None:
        bindir = pg_bindir()
        if bindir is None:
            raise RuntimeError(available() or "no PostgreSQL")
        self.bindir = bindir
        self.tcp = tcp
        self.max_connections = max_connections
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self._as: list[str] = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self.started = False

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self._as, *args], capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.is_file() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip()}\n{log}")

    def start(self) -> PostgresServer:
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", PG_USER, "--auth=trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = (
            f"-k {self.dir} -p {self.port} -c fsync=off -c synchronous_commit=off"
            f" -c full_page_writes=off -c max_connections={self.max_connections}"
            + (" -c listen_addresses=127.0.0.1" if self.tcp else " -c listen_addresses=''")
        )
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
        self.started = True
        return self

    def url(self, database: str = "postgres", search_path: str | None = None) -> str:
        """A libpq URL on the private socket (``search_path``: the schema to work in)."""
        url = f"postgresql://{PG_USER}@/{database}?host={quote(str(self.dir))}&port={self.port}"
        if search_path:
            url += "&options=" + quote(f"-csearch_path={search_path}")
        return url

    def tcp_url(self, database: str = "postgres") -> str:
        return f"postgresql://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql.encode())

    def schema(self) -> tuple[str, str]:
        """A new empty schema and the URL that works in it."""
        name = "t_" + secrets.token_hex(6)
        self.execute(f"CREATE SCHEMA {name}")
        return name, self.url(search_path=name)

    def drop_schema(self, name: str) -> None:
        self.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")

    def stop(self) -> None:
        if self.started:
            self.started = False
            subprocess.run(
                [*self._as, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                 "-w", "stop"],
                capture_output=True, timeout=60, check=False,
            )  # fmt: skip
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
