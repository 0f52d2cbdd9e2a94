"""好差评 at the central service: one rating per case, the GB/T 39046 record, the 差评 follow-ups.

A case (办件编号) is rated once (国办发〔2019〕51号: 一次服务、一次评价). The first rating of a
case that arrives is counted — in ``ratings`` (every counted rating), ``evaluations`` (the GB/T
39046 record, one row per case: its primary key is the case) and, for a 差评, in
``rating_followups`` with a deadline ``rating_followup_working_days`` working days after the
rating (contract.ratings.add_working_days). Any later rating of the same case — another event
key, from this terminal's outbox or another's — is stored as an event (the audit keeps what was
sent) but counted nowhere: the batch answers it ``duplicate`` with the reason, so the terminal's
outbox drops it as delivered instead of keeping a dead letter. A rating without a case (the
home tile's "rate today's service") has nothing to be unique on and is always counted. A
queue ticket's number is reused every day, so it is unique per day (``contract.ratings.case_key``:
the ``case_id`` column then reads ``A012@20261125``).

The citizen's text is not copied out of the event: it stays in the event's sealed payload
(central.protected) and is opened only for the operators' follow-up list.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from central.db import Connection, Database
from central.keyring import Keyring
from central.protected import open_payload
from contract.ratings import (
    BAD_LEVELS,
    EvaluationPayload,
    add_working_days,
    case_key,
)
from contract.zone import CHINA_TIME


class NotCounted(str):
    """A reason that does not reject an event: it is stored, answered ``duplicate`` with this
    reason, and changes no count."""

    __slots__ = ()


def record(
    conn: Connection,
    r: EvaluationPayload,
    *,
    event_key: str,
    terminal_id: str,
    created_at: str,
    now: datetime,
    window_days: int,
) -> NotCounted | None:
    """Count the rating, unless its case was rated already (then the reason why not)."""
    if r.case_id is not None:
        key = case_key(r.case_id, now)
        claimed = conn.execute(
            "INSERT INTO evaluations (case_id, event_key, terminal_id, level, channel_code,"
            " eval_time, count, reasons, division_code, window, staff_id, item_id, received_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (case_id) DO NOTHING",
            (key, event_key, terminal_id, r.level, r.channel_code, r.eval_time, r.count,
             json.dumps(r.reasons), r.division_code, r.window, r.staff_id, r.item_id,
             now.isoformat()),
        ).rowcount  # fmt: skip
        if not claimed:
            first = conn.execute(
                "SELECT terminal_id, eval_time, received_at FROM evaluations WHERE case_id=?",
                (key,),
            ).fetchone()
            when = first["eval_time"] or first["received_at"]
            return NotCounted(
                f"case {r.case_id} was already rated ({when}, terminal {first['terminal_id']});"
                " one rating per case: this one is not counted"
            )
        if r.level in BAD_LEVELS:
            deadline = add_working_days(now.astimezone(CHINA_TIME).date(), window_days)
            conn.execute(
                "INSERT INTO rating_followups (case_id, event_key, level, deadline, state,"
                " updated_at) VALUES (?,?,?,?,?,?) ON CONFLICT (case_id) DO NOTHING",
                (key, event_key, r.level, deadline.isoformat(), "open", now.isoformat()),
            )
    conn.execute(
        "INSERT INTO ratings (event_key, terminal_id, level, case_id, item_id, window, staff_id,"
        " channel, rated_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (event_key) DO NOTHING",
        (event_key, terminal_id, r.level, r.case_id, r.item_id, r.window, r.staff_id, r.channel,
         created_at),
    )  # fmt: skip
    return None


def status(db: Database, case_id: str, now: datetime, site: str) -> dict[str, Any]:
    """Whether the case was rated, as seen from ``site``: a rating given at another site's
    terminal is not shown (the same scope as every lookup, central.routes.citizens); a second
    rating of it would still be refused when it arrives."""
    row = db.one(
        "SELECT e.level, e.eval_time, e.channel_code FROM evaluations e"
        " JOIN terminals t ON t.id = e.terminal_id WHERE e.case_id=? AND t.site=?",
        (case_key(case_id, now), site),
    )
    if row is None:
        return {"case_id": case_id, "rated": False}
    return {
        "case_id": case_id,
        "rated": True,
        "level": row["level"],
        "eval_time": row["eval_time"],
        "channel_code": row["channel_code"],
    }


def set_state(db: Database, case_id: str, state: str, now: datetime) -> bool:
    """Move a follow-up to ``state``; False when the case has none."""
    with db.write() as conn:
        n: int = conn.execute(
            "UPDATE rating_followups SET state=?, updated_at=? WHERE case_id=?",
            (state, now.isoformat(), case_id),
        ).rowcount
    return n > 0


def followups(
    db: Database,
    keys: Keyring,
    now: datetime,
    state: str | None = None,
    case_id: str | None = None,
) -> list[dict[str, Any]]:
    """The 差评 follow-up list, oldest deadline first; the text opened from the sealed event."""
    sql = (
        "SELECT f.case_id, f.level, f.deadline, f.state, e.reasons, e.terminal_id, e.window,"
        " e.staff_id, e.channel_code, e.eval_time, e.division_code, ev.payload_enc"
        " FROM rating_followups f JOIN evaluations e ON e.case_id = f.case_id"
        " LEFT JOIN events ev ON ev.key = f.event_key"
    )
    params: tuple[object, ...] = ()
    if state is not None:
        sql, params = sql + " WHERE f.state=?", (state,)
    elif case_id is not None:
        sql, params = sql + " WHERE f.case_id=?", (case_id,)
    today = now.astimezone(CHINA_TIME).date().isoformat()
    out = []
    for row in db.all(sql + " ORDER BY f.deadline, f.case_id", params):
        payload = open_payload(keys, row["payload_enc"]) if row["payload_enc"] else {}
        text = payload.get("text")
        out.append(
            {
                "case_id": row["case_id"],
                "level": row["level"],
                "reasons": json.loads(row["reasons"]),
                "text": text if isinstance(text, str) else "",
                "terminal_id": row["terminal_id"],
                "window": row["window"],
                "staff_id": row["staff_id"],
                "channel_code": row["channel_code"],
                "eval_time": row["eval_time"],
                "division_code": row["division_code"],
                "deadline": row["deadline"],
                "state": row["state"],
                "overdue": row["state"] in ("open", "in_progress") and row["deadline"] < today,
            }
        )
    return out
