"""Numbers filed by terminals (cases, documents), indexed when their event arrives.

Event payloads are sealed at rest (``central.protected``), so 办件查询 cannot search them; what a
citizen's number needs to show its progress — which terminal filed it, when, for which service
item and window — is kept here in clear, none of it personal (like ``workorders``).
"""

from __future__ import annotations

from typing import Any

from central.db import Connection
from contract.codes import NumberKind, parse_number

# event type -> the payload field holding the number
FIELDS = {"case.submitted": "case_id", "document.captured": "document_id"}


def record(
    conn: Connection, event_type: str, payload: dict[str, Any], terminal_id: str, at: str
) -> None:
    """Index the number of a filing event (nothing for other events or a malformed number)."""
    field = FIELDS.get(event_type)
    parsed = parse_number(str(payload.get(field, ""))) if field else None
    if parsed is None or parsed.kind not in (NumberKind.CASE, NumberKind.DOCUMENT):
        return
    conn.execute(
        "INSERT INTO filed (number, kind, terminal_id, received_at, item_id, service,"
        ' "window") VALUES (?,?,?,?,?,?,?) ON CONFLICT (number) DO NOTHING',
        (parsed.value, parsed.kind.value, terminal_id, at, str(payload.get("item_id") or ""),
         str(payload.get("service") or ""), str(payload.get("window") or "")),
    )  # fmt: skip
