"""The data layer itself, on each backend: migrations run once, in order, recorded; the same
portable SQL reads and writes alike; a failed write leaves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from central import db as dbmod
from central.db import Migration, open_database, to_postgres
from central.settings import CentralSettings


def test_statements_are_spelled_for_postgresql() -> None:
    assert to_postgres("SELECT a FROM t WHERE b=? AND c LIKE 'x%?'") == (
        "SELECT a FROM t WHERE b=%s AND c LIKE 'x%?'"
    )
    assert to_postgres("SELECT 100 % 7 FROM t WHERE b=?") == "SELECT 100 %% 7 FROM t WHERE b=%s"
    assert to_postgres("SELECT key FROM events ORDER BY rowid", False).endswith("ORDER BY ctid")
    ddl = to_postgres("CREATE TABLE IF NOT EXISTS x (id INTEGER PRIMARY KEY, n INTEGER, r REAL)")
    assert (
        ddl
        == "CREATE TABLE IF NOT EXISTS x (id BIGSERIAL PRIMARY KEY, n BIGINT, r DOUBLE PRECISION)"
    )
    assert to_postgres('SELECT window, "window" FROM t') == 'SELECT "window", "window" FROM t'
    assert to_postgres("ALTER TABLE x ADD COLUMN t REAL") == (
        "ALTER TABLE x ADD COLUMN t DOUBLE PRECISION"
    )


def test_migrations_apply_once_in_order_on_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = CentralSettings(db_path=tmp_path / "c.db")
    db = open_database(settings)
    rows = db.all("SELECT version, name FROM schema_migrations ORDER BY version")
    assert [r["version"] for r in rows] == [m.version for m in dbmod.MIGRATIONS]
    db.close()

    extra = Migration(
        len(dbmod.MIGRATIONS) + 1,
        "test: a new column",
        ("ALTER TABLE terminals ADD COLUMN note TEXT",),
    )
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*dbmod.MIGRATIONS, extra))
    for _ in range(2):  # the second start must not add the column again
        db = open_database(settings)
        versions = [r["version"] for r in db.all("SELECT version FROM schema_migrations")]
        assert versions.count(extra.version) == 1
        assert db.one("SELECT note FROM terminals") is None  # the column exists, no rows
        db.close()


def test_portable_sql_reads_and_writes_alike(tmp_path: Path, central_backend: str) -> None:
    db = open_database(CentralSettings(db_path=tmp_path / "c.db"))
    try:
        assert db.backend == central_backend
        with db.write() as conn:
            for n in range(3):
                conn.execute(
                    "INSERT INTO alerts (at, terminal_id, kind, detail) VALUES (?,?,?,?)",
                    (f"2026-11-25T0{n}:00:00+00:00", "HALL-001", "paper.out", f"{n}% left"),
                )
            again = conn.execute(
                "INSERT INTO meta (key, value) VALUES ('k', 'a') ON CONFLICT (key) DO NOTHING"
            ).rowcount
            assert again == 1
            assert conn.execute(
                "INSERT INTO meta (key, value) VALUES ('k', 'b') ON CONFLICT (key) DO NOTHING"
            ).rowcount == 0  # fmt: skip
        rows = db.all("SELECT id, detail FROM alerts WHERE detail LIKE '%left' ORDER BY id")
        assert [r["detail"] for r in rows] == ["0% left", "1% left", "2% left"]
        assert rows[0]["id"] < rows[1]["id"] < rows[2]["id"]  # ids assigned by the database
        assert dict(rows[0]).keys() == {"id", "detail"}
        with pytest.raises(RuntimeError), db.write() as conn:
            conn.execute("UPDATE meta SET value='c' WHERE key='k'")
            raise RuntimeError("the block fails")
        row = db.one("SELECT value FROM meta WHERE key=?", ("k",))
        assert row is not None and row["value"] == "a"
    finally:
        db.close()


def test_a_broken_postgresql_connection_is_made_anew(tmp_path: Path, central_backend: str) -> None:
    if central_backend != "postgresql":
        pytest.skip("SQLite has no connection to lose")
    import psycopg

    db = open_database(CentralSettings(db_path=tmp_path / "c.db"))
    try:
        pid = db.one("SELECT pg_backend_pid() AS pid")
        assert pid is not None
        with psycopg.connect(db.url, autocommit=True) as admin:  # type: ignore[attr-defined]
            admin.execute("SELECT pg_terminate_backend(%s)", (pid["pid"],))
        with pytest.raises(psycopg.OperationalError):
            db.one("SELECT 1 AS one")  # the request that meets the broken connection fails
        row = db.one("SELECT 1 AS one")  # the next one gets a new connection
        assert row is not None and row["one"] == 1
    finally:
        db.close()
