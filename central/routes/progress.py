"""办件查询: the progress of any number a terminal handed out, in one shape (wire.Progress).

A citizen holds a slip with a queue ticket (A012), a case (SL…), a 12345 work order (12345-…), a
filed document (WJ…) or a utility application (BZ…) and asks "where is it?" at any terminal. The
number is random, unguessable and check-digited (contract.codes), so it is the citizen's key;
who may read which number (the filing terminal, a citizen who proves the phone) is the service's
general read rule and applies here like on every read route.

The reference service simulates the departments' handling the way central.hotline does for the
hotline: a case is accepted an hour after it arrives and promises its result within the service
item's time limit (calendar days here; a real back office counts working days).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path

from central import hotline, queueing
from central.context import Central, CentralDep, TerminalDep, errors
from contract.codes import NumberKind, parse_number
from contract.wire import Progress

router = APIRouter(prefix="/api/v1", tags=["citizens"])

ACCEPTED_AFTER = timedelta(hours=1)


def _now(central: Central) -> datetime:
    return central.settings.clock().astimezone(UTC)


def _step(
    step: str, done: datetime | None, now: datetime, deadline: datetime | None = None
) -> dict[str, Any]:
    return {
        "step": step,
        "deadline": deadline.isoformat() if deadline else None,
        "done_at": done.isoformat() if done is not None and done <= now else None,
    }


def _last_done(steps: list[dict[str, Any]]) -> str:
    done = [str(s["step"]) for s in steps if s["done_at"]]
    return done[-1] if done else str(steps[0]["step"])


def _event(central: Central, kind: str, field: str, number: str) -> Any:
    return central.db.one(
        "SELECT created_at, received_at, payload_json FROM events WHERE type=?"
        " AND json_extract(payload_json, ?)=? ORDER BY received_at LIMIT 1",
        (kind, f"$.{field}", number),
    )


def _ticket(central: Central, number: str, now: datetime) -> dict[str, Any] | None:
    pos = queueing.position(central.db, number, now)
    if pos is None:
        return None
    issued = datetime.fromisoformat(pos["issued_at"])
    called = datetime.fromisoformat(pos["estimated_call_at"])
    steps = [_step("issued", issued, now), _step("called", called, now, called)]
    return {
        "number": number,
        "kind": "ticket",
        "status": _last_done(steps),
        "service": pos["service"],
        "where": pos["window"],
        "waiting": pos["waiting"],
        "created_at": pos["issued_at"],
        "steps": steps,
    }


def _workorder(central: Central, number: str, now: datetime) -> dict[str, Any] | None:
    order = hotline.status(central.db, number, now)
    if order is None:
        return None
    steps = [
        {"step": s["stage"], "deadline": s["deadline"], "done_at": s["done_at"]}
        for s in order["timeline"]
    ]
    return {
        "number": number,
        "kind": "workorder",
        "status": order["status"],
        "service": order["category"],
        "created_at": order["created_at"],
        "steps": steps,
    }


def _filed(central: Central, kind: NumberKind, number: str, now: datetime) -> dict[str, Any] | None:
    if kind is NumberKind.CASE:
        row = _event(central, "case.submitted", "case_id", number)
    elif kind is NumberKind.DOCUMENT:
        row = _event(central, "document.captured", "document_id", number)
    else:
        row = None  # utility applications: no terminal files them yet
    if row is None:
        return None
    payload = json.loads(row["payload_json"])
    received = datetime.fromisoformat(row["received_at"])
    steps = [_step("received", received, now)]
    service = str(payload.get("service") or "")
    where = str(payload.get("window") or "")
    if kind is NumberKind.CASE:
        item = central.catalog.items.get(str(payload.get("item_id") or ""))
        days = item.get("time_limit_days") if isinstance(item, dict) else None
        where = where or (str(item.get("window") or "") if isinstance(item, dict) else "")
        due = received + timedelta(days=days) if isinstance(days, int) and days > 0 else None
        steps.append(_step("accepted", received + ACCEPTED_AFTER, now))
        steps.append(_step("result", None, now, due))
    return {
        "number": number,
        "kind": kind.value,
        "status": _last_done(steps),
        "service": service,
        "where": where,
        "created_at": row["received_at"],
        "steps": steps,
    }


@router.get(
    "/progress/{number}",
    response_model=Progress,
    responses=errors(401, 404, 422),
    summary="办件查询: progress of a queue ticket, case, 12345 order, document or application",
)
async def progress(
    number: Annotated[str, Path(min_length=4, max_length=40)],  # typed however: parse_number
    central: CentralDep,
    terminal: TerminalDep,
) -> dict[str, Any]:
    parsed = parse_number(number)
    if parsed is None:
        raise HTTPException(422, "not a number this service hands out (or a wrong check digit)")
    now = _now(central)
    if parsed.kind is NumberKind.TICKET:
        found = _ticket(central, parsed.value, now)
    elif parsed.kind is NumberKind.WORKORDER:
        found = _workorder(central, parsed.value, now)
    else:
        found = _filed(central, parsed.kind, parsed.value, now)
    if found is None:
        raise HTTPException(
            404, f"{parsed.value} is not known yet (a record filed offline may still be on its way)"
        )
    return found
