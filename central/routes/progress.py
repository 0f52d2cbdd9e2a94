"""办件查询: the progress of any number a terminal handed out, in one shape (wire.Progress).

A citizen holds a slip with a queue ticket (A012), a case (SL…), a 12345 work order (12345-…), a
filed document (WJ…) or a utility application (BZ…) and asks "where is it?" at a terminal.
The numbers are random and check-digited (contract.codes), but a number is still a secret a
stranger could guess, so the same rules hold as on every lookup (central.ratelimit, and the
module doc of central.routes.citizens): failed tries count against the asking terminal (429 past
its allowance); a ticket, case or document answers only within the site that issued it; a work
order or a utility application only to the terminal (application: the site) that filed it. A
citizen asking elsewhere proves the phone it was filed with at ``POST /progress:with-phone``
(the phone only in the body, compared as a keyed hash, never stored or logged; that lookup
counts against the terminal AND the number, so neither many numbers from one terminal nor one
number from many terminals gets far).

The reference service simulates the departments' handling the way central.hotline does for the
hotline: a case is accepted an hour after it arrives and promises its result within the service
item's time limit (calendar days here; a real back office counts working days).
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path

from central import hotline, knowledge, protected, queueing, utility
from central.context import POST, Central, CentralDep, TerminalDep, errors
from central.terminals import Terminal
from contract.codes import NumberKind, parse_number
from contract.wire import Progress, ProgressProof

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


def _ticket(central: Central, terminal: Terminal, number: str, now: datetime) -> Any:
    pos = queueing.position(central.db, number, now, site=terminal.site)
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


def _workorder(
    central: Central, terminal: Terminal, number: str, now: datetime, proven: bool = False
) -> Any:
    if not proven and not hotline.readable(central.db, central.keys, number, terminal, None):
        return None
    order = hotline.status(central.db, number, now, knowledge.tiers(central.settings.config_dir))
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
        "deadline": order["deadline"],  # tier, overdue and the escalation it got (issue 17)
        "joined_to": order["joined_to"],
    }


def _filed(central: Central, terminal: Terminal, number: str, now: datetime) -> Any:
    row = central.db.one(
        "SELECT f.* FROM filed f JOIN terminals t ON t.id = f.terminal_id"
        " WHERE f.number=? AND t.site=?",
        (number, terminal.site),
    )
    if row is None:
        return None  # unknown, still on its way, or another site's: all the same "not known"
    received = datetime.fromisoformat(row["received_at"])
    steps = [_step("received", received, now)]
    where = row["window"]
    if row["kind"] == NumberKind.CASE.value:
        item = central.catalog.items.get(row["item_id"])
        days = item.get("time_limit_days") if isinstance(item, dict) else None
        where = where or (str(item.get("window") or "") if isinstance(item, dict) else "")
        due = received + timedelta(days=days) if isinstance(days, int) and days > 0 else None
        steps.append(_step("accepted", received + ACCEPTED_AFTER, now))
        steps.append(_step("result", None, now, due))
    return {
        "number": number,
        "kind": row["kind"],
        "status": _last_done(steps),
        "service": row["service"],
        "where": where,
        "created_at": row["received_at"],
        "steps": steps,
    }


def _same(a: str, b: str) -> bool:
    return bool(a) and hmac.compare_digest(a, b)


def _phone_matches(central: Central, kind: NumberKind, number: str, phone: str) -> bool:
    """The phone given equals the one on record, compared as keyed hashes
    (``central.protected.phone_hash``, as the hotline stores it): never kept, never logged."""
    given = protected.phone_hash(central.keys, phone)
    if kind is NumberKind.WORKORDER:
        row = central.db.one("SELECT phone_hash FROM workorders WHERE number=?", (number,))
        return row is not None and _same(str(row["phone_hash"] or ""), given)
    row = central.db.one("SELECT payload_enc FROM utility_applications WHERE number=?", (number,))
    if row is None:
        return False
    on_record = str(protected.open_payload(central.keys, row["payload_enc"]).get("phone") or "")
    return bool(on_record) and _same(protected.phone_hash(central.keys, on_record), given)


@router.get(
    "/progress/{number}",
    response_model=Progress,
    responses=errors(401, 404, 422, 429),
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
    limiter = central.limiter
    subjects = [limiter.terminal(terminal.id, "progress")]
    limiter.guard(subjects)
    now = _now(central)
    if parsed.kind is NumberKind.TICKET:
        found = _ticket(central, terminal, parsed.value, now)
    elif parsed.kind is NumberKind.WORKORDER:
        found = _workorder(central, terminal, parsed.value, now)
    elif parsed.kind is NumberKind.APPLICATION:
        site = central.db.all("SELECT id FROM terminals WHERE site=?", (terminal.site,))
        with central.db.write() as conn:  # a connection either database gives (not .conn)
            found = utility.progress(conn, parsed.value, [str(r["id"]) for r in site], now)
    else:
        found = _filed(central, terminal, parsed.value, now)
    if found is None:
        limiter.failed(terminal.id, subjects)
        raise HTTPException(
            404, f"{parsed.value} is not known yet (a record filed offline may still be on its way)"
        )
    limiter.succeeded(subjects)
    return dict(found)


@router.post(
    "/progress:with-phone",
    response_model=Progress,
    responses=errors(*POST, 404, 429),
    summary="办件查询 of a 12345 work order or utility application filed elsewhere, for the "
    "citizen who gives the phone it was filed with",
)
async def progress_with_phone(
    body: ProgressProof, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    parsed = parse_number(body.number)
    if parsed is None:
        raise HTTPException(422, "not a number this service hands out (or a wrong check digit)")
    if parsed.kind not in (NumberKind.WORKORDER, NumberKind.APPLICATION):
        raise HTTPException(422, "only 12345 work orders and utility applications carry a phone")
    limiter = central.limiter
    # a guessable secret: counted against the terminal AND the number (central.ratelimit)
    subjects = [
        limiter.terminal(terminal.id, "progress"),
        limiter.secret("progress", parsed.value, f"number {parsed.value[:7]}…"),
    ]
    limiter.guard(subjects)
    now = _now(central)
    found: Any = None
    if _phone_matches(central, parsed.kind, parsed.value, body.phone):
        if parsed.kind is NumberKind.WORKORDER:
            found = _workorder(central, terminal, parsed.value, now, proven=True)
        else:
            filer = central.db.one(
                "SELECT terminal_id FROM utility_applications WHERE number=?", (parsed.value,)
            )
            filers = [str(filer["terminal_id"])] if filer is not None else []
            with central.db.write() as conn:
                found = utility.progress(conn, parsed.value, filers, now)
    if found is None:
        limiter.failed(terminal.id, subjects)
        # one plain answer for "no such number" and "another phone": telling them apart would
        # tell a stranger which numbers exist
        raise HTTPException(404, f"{parsed.value}: the number and the phone do not match")
    limiter.succeeded(subjects)
    return dict(found)
