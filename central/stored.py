"""Read what the service stored, from another thread or process (tests, the demo's summary).

Opens its own short-lived connection per call; WAL lets it read while the server writes. With a
PostgreSQL ``database_url`` it reads there (``rowid``, insertion order, becomes ``ctid``:
append-only tables such as events keep that order).
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from central.db import Row, pg_row, to_postgres
from central.keyring import Keyring
from central.protected import SMS_TEXT, open_payload

_CODE = re.compile(r"(?<![0-9])[0-9]{6}(?![0-9])")


class CentralReader:
    def __init__(
        self, db_path: Path, blobs_dir: Path, key_file: Path, database_url: str | None = None
    ) -> None:
        self.db_path = db_path
        self.blobs_dir = blobs_dir
        self.key_file = key_file
        self.database_url = database_url

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[Row]:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True, row_factory=pg_row) as pg:
                return list(pg.execute(to_postgres(sql, bool(params)), params or None).fetchall())
        with closing(sqlite3.connect(self.db_path, timeout=5)) as conn:
            conn.row_factory = sqlite3.Row
            return list(conn.execute(sql, params).fetchall())

    def events(self, type: str | None = None) -> list[dict[str, Any]]:
        """Accepted events in arrival order, as the terminal sent them."""
        keys = Keyring.open(self.key_file, create=False)
        sql = "SELECT key, type, terminal_id, created_at, payload_enc FROM events"
        rows = self._rows(
            sql + (" WHERE type=?" if type else "") + " ORDER BY rowid", (type,) if type else ()
        )
        return [
            {
                "key": r["key"],
                "type": r["type"],
                "terminal_id": r["terminal_id"],
                "created_at": r["created_at"],
                "payload": open_payload(keys, r["payload_enc"]),
            }
            for r in rows
        ]

    def payloads(self, type: str | None = None) -> list[dict[str, Any]]:
        return [e["payload"] for e in self.events(type)]

    def blobs(self) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for r in self._rows("SELECT sha256 FROM blobs ORDER BY rowid"):
            path = self.blobs_dir / r["sha256"][:2] / r["sha256"]
            out[r["sha256"]] = path.read_bytes()
        return out

    def heartbeats(self, terminal_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT body_json FROM heartbeats"
        where = " WHERE terminal_id=?" if terminal_id else ""
        rows = self._rows(sql + where + " ORDER BY rowid", (terminal_id,) if terminal_id else ())
        return [json.loads(r["body_json"]) for r in rows]

    def ratings(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows("SELECT * FROM ratings ORDER BY rowid")]

    def evaluations(self) -> list[dict[str, Any]]:
        """The GB/T 39046 records, one per rated case (central.ratings), reasons decoded."""
        rows = [dict(r) for r in self._rows("SELECT * FROM evaluations ORDER BY rowid")]
        for r in rows:
            r["reasons"] = json.loads(r["reasons"])
        return rows

    def followups(self) -> list[dict[str, Any]]:
        """The 差评 follow-up list: case, level, deadline, state."""
        return [dict(r) for r in self._rows("SELECT * FROM rating_followups ORDER BY rowid")]

    def alerts(self, kind: str | None = None) -> list[dict[str, Any]]:
        """What the fleet console shows: lockouts of lookups and PIN pads, oldest first."""
        sql = "SELECT at, terminal_id, kind, detail FROM alerts"
        rows = self._rows(sql + (" WHERE kind=?" if kind else "") + " ORDER BY id",
                          (kind,) if kind else ())  # fmt: skip
        return [dict(r) for r in rows]

    def workorder_numbers(self) -> list[str]:
        return [r["number"] for r in self._rows("SELECT number FROM workorders ORDER BY rowid")]

    def hotline_requests(self) -> list[dict[str, Any]]:
        """Each 12345 request and the work order it belongs to (itself, or the open order it
        joined: the grouping rule, central/README.md), oldest first."""
        return [dict(r) for r in self._rows("SELECT * FROM hotline_requests ORDER BY rowid")]

    def sms_messages(self) -> list[dict[str, Any]]:
        """What the simulated SMS gateway "sent", newest last: what the citizen's phone shows.

        ``{"phone_masked", "text", "code"}``; kept an hour (central/routes/identity.py).
        """
        keys = Keyring.open(self.key_file, create=False)
        out = []
        for r in self._rows("SELECT phone_masked, text_enc FROM sms_outbox ORDER BY rowid"):
            text = keys.decrypt_text(r["text_enc"], SMS_TEXT)
            m = _CODE.search(text)
            out.append({"phone_masked": r["phone_masked"], "text": text, "code": m[0] if m else ""})
        return out
